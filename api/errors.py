"""The one place where errors become HTTP responses: always JSON, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent.errors import RoadmapAgentError

log = logging.getLogger("roadmap.api")


def _body(error: str, message: str, status: int, details: list[dict] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, "details": details or []}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Map agent errors, validation errors and HTTP errors to JSON bodies."""

    @app.exception_handler(RoadmapAgentError)
    async def agent_error(_: Request, exc: RoadmapAgentError) -> JSONResponse:
        response = _body(type(exc).__name__, str(exc), exc.status_code)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"path": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
        ]
        summary = "; ".join(f"{d['path']}: {d['message']}" for d in details[:5])
        return _body("validation_error", f"The request is not valid: {summary}", 422, details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        names = {
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            401: "unauthorized",
            413: "payload_too_large",
        }
        return _body(names.get(exc.status_code, "http_error"), str(exc.detail), exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")  # the trace goes to the log, never to the client
        return _body("internal_error", "Something went wrong on our side; the request was not applied.", 500)
