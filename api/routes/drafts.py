"""Drafting and checking roadmaps."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from agent.checks import check_roadmap, load_roadmap_json
from agent.export import parse_start, roadmap_markdown
from agent.planning.pipeline import draft_from_text
from agent.schemas import Finding
from api.deps import OwnerDep, ServicesDep
from api.downloads import FILE_RESPONSES, file_response
from api.models import DraftRequest, DraftResponse, ErrorBody

router = APIRouter(prefix="/v1", tags=["drafts"], responses={422: {"model": ErrorBody}, 401: {"model": ErrorBody}})


@router.post("/drafts", response_model=DraftResponse, responses=FILE_RESPONSES)
async def create_draft(body: DraftRequest, services: ServicesDep, _owner: OwnerDep) -> DraftResponse | Response:
    """Draft and check a roadmap from a business description; with format docx, pdf, xlsx, csv or ics the
    answer is that file (Content-Disposition names it)."""
    start = parse_start(body.start) if body.start else None
    result = await run_in_threadpool(draft_from_text, body.description, services.settings)
    if body.format not in ("json", "md"):
        return await run_in_threadpool(file_response, body.format, result.roadmap, result.findings, start)
    markdown = roadmap_markdown(result.roadmap, result.findings, start) if body.format == "md" else None
    return DraftResponse(
        roadmap=result.roadmap, findings=result.findings, markdown=markdown, notices=result.notices, usage=result.usage
    )


@router.post("/check", response_model=list[Finding])
async def check(
    _owner: OwnerDep, roadmap: dict[str, Any] = Body(..., description="A roadmap JSON object.")
) -> list[Finding]:
    """Run every rule on a roadmap JSON (ours or hand-edited); schema problems come back as 422 with paths."""
    import json

    return check_roadmap(load_roadmap_json(json.dumps(roadmap)))
