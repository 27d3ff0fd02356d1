"""Exports: Markdown with a Mermaid Gantt chart, and JSON (the Roadmap model itself)."""

from agent.export.gantt import mermaid_gantt
from agent.export.markdown import roadmap_markdown

__all__ = ["mermaid_gantt", "roadmap_markdown"]
