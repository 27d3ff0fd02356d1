"""Go/no-go gates and stage ends as an iCalendar file (icalendar), so that they land in the owner's calendar as
all-day events."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from agent.export.tasks import milestones
from agent.schemas import Roadmap


def roadmap_ics(roadmap: Roadmap, start: date | None = None) -> bytes:
    """The .ics file's bytes: one all-day event per milestone, with stable UIDs so a re-import updates them."""
    cal = Calendar()
    cal.add("prodid", "-//Roadmap Agent//roadmap export//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", roadmap.title)
    stamp = roadmap.created_at or datetime.now(UTC)
    key = f"{roadmap.title}|{roadmap.created_at.isoformat() if roadmap.created_at else ''}"
    for m in milestones(roadmap, start):
        event = Event()
        event.add("summary", m.title)
        event.add("description", m.description)
        event.add("dtstart", m.day)
        event.add("dtend", m.day + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("categories", ["Go/no-go gate" if m.kind == "gate" else "Stage end"])
        uid = hashlib.sha256(f"{key}|{m.title}".encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@roadmap-agent")
        cal.add_component(event)
    return cal.to_ical()
