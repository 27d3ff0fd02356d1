"""Exports: Markdown with a Mermaid Gantt chart, JSON, and Word, PDF, Excel, CSV tasks and an iCalendar file of
milestones (agent/export/formats.py lists them)."""

from agent.export.formats import FORMAT_NAMES, FORMATS, export_format, filename, parse_start, render
from agent.export.gantt import mermaid_gantt
from agent.export.markdown import roadmap_markdown

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "export_format",
    "filename",
    "mermaid_gantt",
    "parse_start",
    "render",
    "roadmap_markdown",
]
