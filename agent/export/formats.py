"""Every export format in one table: its file extension, media type and writer, so that the command line, the
API and the chat page offer the same set."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from agent.errors import UsageError
from agent.schemas import Finding, Roadmap


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    media_type: str
    binary: bool  # not readable text: the command line will not print it to a terminal
    label: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("md", "md", "text/markdown; charset=utf-8", False, "Markdown"),
        ExportFormat("json", "json", "application/json", False, "JSON"),
        ExportFormat(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            True,
            "Word",
        ),
        ExportFormat("pdf", "pdf", "application/pdf", True, "PDF"),
        ExportFormat(
            "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True, "Excel"
        ),
        ExportFormat("csv", "csv", "text/csv; charset=utf-8", False, "CSV tasks"),
        ExportFormat("ics", "ics", "text/calendar; charset=utf-8", False, "Calendar"),
    )
}
FORMAT_NAMES = tuple(FORMATS)


def export_format(name: str) -> ExportFormat:
    """The format called `name`, or a UsageError listing the ones there are."""
    found = FORMATS.get(name.strip().lower())
    if found is None:
        raise UsageError(f"Unknown format {name!r}; use one of: {', '.join(FORMAT_NAMES)}.")
    return found


def render(name: str, roadmap: Roadmap, findings: list[Finding] | None = None, start: date | None = None) -> bytes:
    """The roadmap in format `name`, as the file's bytes; month 1 of the plan is `start`'s month when given."""
    writers: dict[str, Callable[[], bytes]] = {
        "md": lambda: _markdown(roadmap, findings, start).encode("utf-8"),
        "json": lambda: (json.dumps(roadmap.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n").encode(),
        "docx": lambda: _docx(roadmap, start),
        "pdf": lambda: _pdf(roadmap, start),
        "xlsx": lambda: _xlsx(roadmap, start),
        "csv": lambda: _csv(roadmap, start).encode("utf-8"),
        "ics": lambda: _ics(roadmap, start),
    }
    return writers[export_format(name).name]()


def filename(roadmap: Roadmap, name: str) -> str:
    """'crumb-co-roadmap.pdf': the business's name in ASCII, safe in a Content-Disposition header."""
    business = roadmap.profile.name or roadmap.profile.industry_label or ""
    slug = re.sub(r"[^a-z0-9]+", "-", business.lower().encode("ascii", "ignore").decode()).strip("-")[:40]
    return f"{slug + '-' if slug else ''}roadmap.{export_format(name).extension}"


def parse_start(text: str) -> date:
    """'2027-03' -> 1 March 2027; a UsageError for anything else."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        raise UsageError(f"The start must be a month as YYYY-MM (e.g. 2027-03), not {text!r}.")
    return date(int(match.group(1)), int(match.group(2)), 1)


# The writers import their libraries only when used: a Markdown draft should not load python-docx and fpdf2.
def _markdown(roadmap: Roadmap, findings: list[Finding] | None, start: date | None) -> str:
    from agent.export.markdown import roadmap_markdown

    return roadmap_markdown(roadmap, findings, start)


def _docx(roadmap: Roadmap, start: date | None) -> bytes:
    from agent.export.word import roadmap_docx

    return roadmap_docx(roadmap, start)


def _pdf(roadmap: Roadmap, start: date | None) -> bytes:
    from agent.export.pdf import roadmap_pdf

    return roadmap_pdf(roadmap, start)


def _xlsx(roadmap: Roadmap, start: date | None) -> bytes:
    from agent.export.workbook import roadmap_xlsx

    return roadmap_xlsx(roadmap, start)


def _csv(roadmap: Roadmap, start: date | None) -> str:
    from agent.export.task_csv import tasks_csv

    return tasks_csv(roadmap, start)


def _ics(roadmap: Roadmap, start: date | None) -> bytes:
    from agent.export.ics import roadmap_ics

    return roadmap_ics(roadmap, start)
