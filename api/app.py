"""The FastAPI app factory: services, auth, routes, error mapping and the chat page."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from agent import __version__
from agent.config import Settings
from agent.interview import InterviewService
from agent.redact import install_log_redaction, url_secrets
from api.deps import Services
from api.errors import install_error_handlers
from api.limits import BodySizeLimit, LoopbackOnly
from api.routes import ask, drafts, health, openai_compat, sessions

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("roadmap.api")


def _warm(services: Services) -> None:
    try:
        services.answerer()
    except Exception as exc:  # the first /v1/ask reports the problem properly
        log.warning("Could not open the knowledge index at start-up: %s", exc)


def _log_to_stderr() -> None:
    """The app's own INFO lines (start-up, the first index build's progress) on stderr beside uvicorn's, unless
    the host already configured logging."""
    logger = logging.getLogger("roadmap")
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _secrets(settings: Settings) -> list[str]:
    keys = [k.get_secret_value() for k in settings.api_keys]
    model_key = [settings.openai_api_key.get_secret_value()] if settings.openai_api_key else []
    return keys + model_key + url_secrets(settings.openai_base_url) + url_secrets(settings.database_url)


def create_app(settings: Settings | None = None, eager: bool = False) -> FastAPI:
    """Build the app; services open at start-up (or now, when eager, for ASGI tools that skip the lifespan)
    and close at shutdown."""
    settings = settings or Settings()
    install_log_redaction(_secrets(settings))
    _log_to_stderr()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = not hasattr(app.state, "services")  # an eager app's services outlive any one lifespan
        if owned:
            app.state.services = Services(settings=settings, interview=InterviewService(settings))
        if not settings.api_keys:
            log.warning("No API_KEYS configured: the API is open to anyone who can reach it (127.0.0.1 only).")
        log.info("Roadmap Agent %s ready (%s engine).", __version__, "llm" if settings.llm_enabled else "offline")
        if owned:  # load the index now, so the first compliance question is not the one that waits for it
            threading.Thread(target=_warm, args=(app.state.services,), daemon=True, name="warm-index").start()
        yield
        if owned:
            app.state.services.interview.close()
            del app.state.services

    app = FastAPI(
        title="Roadmap Agent API",
        version=__version__,
        description="Drafts, checks and explains AI implementation roadmaps for small businesses. "
        "Every endpoint but /healthz needs `Authorization: Bearer <key>` when API_KEYS is set.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    for module in (health, drafts, ask, sessions, openai_compat):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def chat_page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.add_middleware(BodySizeLimit)
    if not settings.api_keys:
        app.add_middleware(LoopbackOnly)
    if eager:
        app.state.services = Services(settings=settings, interview=InterviewService(settings))
    return app
