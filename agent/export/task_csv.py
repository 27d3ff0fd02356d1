"""The tasks as CSV that Jira, Asana and Trello import.

Header: Summary, Description, Start Date, Due Date, Assignee Role, Labels, Section. The first column is the task
name (Asana reads the first column as the name; Jira's and Trello's import wizards map Summary to the issue or
card title). Dates are ISO (YYYY-MM-DD), which Jira's wizard accepts with the date format yyyy-MM-dd and Asana
and Trello read as dates. The role goes in "Assignee Role", not "Assignee", because the tools expect a user
account there; map it to a custom field or leave it out. Labels hold the stage id (no spaces: Jira labels cannot
have them), Section the stage name (Asana's section, Trello's list)."""

from __future__ import annotations

import csv
import io
from datetime import date

from agent.export.tasks import roadmap_tasks
from agent.schemas import Roadmap

HEADER = ["Summary", "Description", "Start Date", "Due Date", "Assignee Role", "Labels", "Section"]


def tasks_csv(roadmap: Roadmap, start: date | None = None) -> str:
    """The CSV text (UTF-8, comma-separated, every field quoted where needed, CRLF line ends as RFC 4180 says)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for t in roadmap_tasks(roadmap, start):
        writer.writerow(
            [t.summary, t.description, t.start.isoformat(), t.due.isoformat(), t.role, t.stage_id, t.stage_title]
        )
    return buffer.getvalue()
