"""Cited compliance answers."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from agent.retrieval.index import resolve_jurisdictions
from api.deps import OwnerDep, ServicesDep
from api.models import AskRequest, AskResponse, ErrorBody

router = APIRouter(prefix="/v1", tags=["ask"], responses={422: {"model": ErrorBody}, 401: {"model": ErrorBody}})


@router.post("/ask", response_model=AskResponse)
async def ask(body: AskRequest, services: ServicesDep, _owner: OwnerDep) -> AskResponse:
    """Answer a compliance question from the knowledge base, with citations, or say it is not covered."""
    jurisdictions = resolve_jurisdictions(body.jurisdictions, services.settings)
    if not body.question.strip():
        from agent.errors import UsageError

        raise UsageError("The question is empty.")
    answer = await run_in_threadpool(lambda: services.answerer().answer(body.question.strip(), jurisdictions or None))
    return AskResponse.model_validate(answer.model_dump())
