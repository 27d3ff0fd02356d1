"""Dependencies: the services the routes call, and API-key authentication."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from agent.answering import Answerer
from agent.config import Settings
from agent.errors import RoadmapAgentError
from agent.interview import InterviewService, owner_id
from api.throttle import Throttle


class Unauthorized(RoadmapAgentError):
    """Missing or wrong API key."""

    status_code = 401


@dataclass
class Services:
    """Everything the routes need, built once per app."""

    settings: Settings
    interview: InterviewService
    throttle: Throttle = field(init=False)

    def __post_init__(self) -> None:
        self.throttle = Throttle(self.settings.rate_limit_per_minute, self.settings.auth_failures_per_minute)

    def answerer(self) -> Answerer:
        """The cited answerer: the interview's, so the index and embedding model are loaded once."""
        return self.interview.answerer()


def get_services(request: Request) -> Services:
    """The app's services."""
    return request.app.state.services


_bearer = HTTPBearer(auto_error=False)


def current_owner(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The owner id of the calling key (with no keys configured, everyone is the same local owner), after the
    wrong-key throttle for the caller's address and the key's request rate limit."""
    keys = [k.get_secret_value() for k in services.settings.api_keys]
    throttle = services.throttle
    if keys:
        address = request.client.host if request.client else "unknown"
        throttle.check_address(address)
        matched = _matching_key(credentials.credentials if credentials else "", keys)
        if matched is None:
            throttle.failed(address)
            raise Unauthorized("Missing or invalid API key. Send 'Authorization: Bearer <key>'.")
        owner = owner_id(matched)
    else:
        owner = owner_id(None)
    throttle.check_key(owner)
    return owner


def _matching_key(given: str, keys: list[str]) -> str | None:
    """The configured key equal to the one given, compared as bytes in constant time (headers arrive decoded
    as Latin-1, so that recovers the bytes sent; compare_digest refuses non-ASCII str)."""
    sent = given.encode("latin-1", "replace")
    found = None
    for key in keys:
        if given and hmac.compare_digest(sent, key.encode("utf-8", "surrogatepass")):
            found = key
    return found


ServicesDep = Annotated[Services, Depends(get_services)]
OwnerDep = Annotated[str, Depends(current_owner)]
