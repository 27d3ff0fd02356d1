"""Liveness."""

from __future__ import annotations

from fastapi import APIRouter

from agent import __version__
from api.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(services: ServicesDep) -> dict[str, str]:
    """Up, with the engine in use."""
    mode = "llm" if services.settings.llm_enabled else "offline"
    return {"status": "ok", "version": __version__, "mode": mode}
