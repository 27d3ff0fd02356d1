"""Drafting and checking roadmaps."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from starlette.concurrency import run_in_threadpool

from agent.checks import check_roadmap, load_roadmap_json
from agent.export import roadmap_markdown
from agent.planning.pipeline import draft_from_text
from agent.schemas import Finding
from api.deps import OwnerDep, ServicesDep
from api.models import DraftRequest, DraftResponse, ErrorBody

router = APIRouter(prefix="/v1", tags=["drafts"], responses={422: {"model": ErrorBody}, 401: {"model": ErrorBody}})


@router.post("/drafts", response_model=DraftResponse)
async def create_draft(body: DraftRequest, services: ServicesDep, _owner: OwnerDep) -> DraftResponse:
    """Draft and check a roadmap from a business description."""
    result = await run_in_threadpool(draft_from_text, body.description, services.settings)
    markdown = roadmap_markdown(result.roadmap, result.findings) if body.format == "md" else None
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
