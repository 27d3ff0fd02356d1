"""Liveness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from agent import __version__
from agent.retrieval.progress import index_build
from api.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(services: ServicesDep) -> dict[str, Any]:
    """Up, with the engine in use and how far the knowledge index is (the chat page shows a first build)."""
    mode = "llm" if services.settings.llm_enabled else "offline"
    return {"status": "ok", "version": __version__, "mode": mode, "index": index_build().as_dict()}
