"""One small error hierarchy. Every message says what to do about it; api/ maps these to HTTP once."""

from __future__ import annotations


class RoadmapAgentError(Exception):
    """Base of every error this package raises on purpose."""

    status_code = 500


class UsageError(RoadmapAgentError):
    """The caller gave input we cannot use (empty, malformed, unknown value). Fix the input."""

    status_code = 422


class ConfigurationError(RoadmapAgentError):
    """A setting is missing or wrong. The message names the setting."""

    status_code = 500


class IndexUnavailableError(RoadmapAgentError):
    """The knowledge index cannot be read or built."""

    status_code = 503


class NotFoundError(RoadmapAgentError):
    """A requested resource (session, roadmap version) does not exist for this caller."""

    status_code = 404
