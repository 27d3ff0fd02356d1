"""Dependencies: the services the routes call, and API-key authentication."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from agent.answering import Answerer
from agent.config import Settings
from agent.errors import RoadmapAgentError
from agent.interview import InterviewService, owner_id


class Unauthorized(RoadmapAgentError):
    """Missing or wrong API key."""

    status_code = 401


@dataclass
class Services:
    """Everything the routes need, built once per app."""

    settings: Settings
    interview: InterviewService

    def answerer(self) -> Answerer:
        """The cited answerer: the interview's, so the index and embedding model are loaded once."""
        return self.interview.answerer()


def get_services(request: Request) -> Services:
    """The app's services."""
    return request.app.state.services


_bearer = HTTPBearer(auto_error=False)


def current_owner(
    services: Annotated[Services, Depends(get_services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The owner id of the calling key; with no keys configured, everyone is the same local owner."""
    keys = [k.get_secret_value() for k in services.settings.api_keys]
    if not keys:
        return owner_id(None)
    given = credentials.credentials if credentials else ""
    if not given or not any(hmac.compare_digest(given, k) for k in keys):
        raise Unauthorized("Missing or invalid API key. Send 'Authorization: Bearer <key>'.")
    return owner_id(given)


ServicesDep = Annotated[Services, Depends(get_services)]
OwnerDep = Annotated[str, Depends(current_owner)]
