"""A roadmap as a downloadable file: the bytes, the media type and a Content-Disposition file name."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.responses import Response

from agent.export import FORMATS, export_format, filename, render
from agent.schemas import Finding, Roadmap

# For the OpenAPI schema: every media type a roadmap can come back in.
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS.values() if f.name != "json"}}
}


def file_response(name: str, roadmap: Roadmap, findings: list[Finding], start: date | None) -> Response:
    """The roadmap rendered as format `name`, sent as an attachment named after the business."""
    chosen = export_format(name)
    body = render(chosen.name, roadmap, findings, start)
    disposition = f'attachment; filename="{filename(roadmap, chosen.name)}"'
    return Response(body, media_type=chosen.media_type, headers={"Content-Disposition": disposition})
