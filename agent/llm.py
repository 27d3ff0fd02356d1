"""The one seam to a model: a LangChain chat model built from settings, or None for the offline engine.

Nothing else in the project imports `openai` or `langchain_openai`. Usage is read from the API's own
`usage` fields (tiktoken cannot load offline) and priced from settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from agent.config import Settings
from agent.errors import ConfigurationError, RoadmapAgentError
from agent.redact import redact_text, redact_url, url_secrets


class ModelUnavailableError(RoadmapAgentError):
    """The model endpoint failed (auth, rate limit after retries, timeout, bad output)."""

    status_code = 502


def build_chat_model(settings: Settings) -> Any | None:
    """ChatOpenAI for OpenAI or any OpenAI-compatible server, or None when no key and no base URL are set."""
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    if not settings.llm_model:
        raise ConfigurationError("LLM_MODEL is empty: name the model explicitly (e.g. gpt-4o-mini).")
    # A local server needs some key string; a real key is never logged (SecretStr).
    key = settings.openai_api_key or SecretStr("not-needed-for-local-server")
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        max_tokens=settings.llm_max_tokens,
        temperature=0,
        stream_usage=True,  # no `streaming=` at all: an explicit False would turn .stream() into one invoke
    )


@dataclass
class Usage:
    """Tokens and estimated cost accumulated over one request, with a budget."""

    budget_tokens: int
    price_in_per_m: float
    price_out_per_m: float
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def for_settings(cls, settings: Settings) -> Usage:
        """A fresh meter with the request budget and prices from settings."""
        return cls(settings.llm_token_budget, settings.llm_price_input_per_m, settings.llm_price_output_per_m)

    @classmethod
    def resumed(cls, settings: Settings, spent: dict[str, Any] | None) -> Usage:
        """A fresh meter that already counts what an earlier one reported (its as_dict()), e.g. across the steps
        of one chat turn, so the budget covers the whole turn."""
        meter = cls.for_settings(settings)
        spent = spent or {}
        meter.calls = int(spent.get("calls", 0))
        meter.prompt_tokens = int(spent.get("prompt_tokens", 0))
        meter.completion_tokens = int(spent.get("completion_tokens", 0))
        return meter

    def add(self, message: Any) -> None:
        """Count one model reply (an AIMessage with usage_metadata)."""
        self.calls += 1
        meta = getattr(message, "usage_metadata", None) or {}
        self.prompt_tokens += int(meta.get("input_tokens", 0))
        self.completion_tokens += int(meta.get("output_tokens", 0))

    def add_failed(self, exc: BaseException) -> None:
        """Count a call the server answered but the client rejected (a reply cut off at the token limit): its
        tokens were spent and count against the budget like any other."""
        completion = getattr(exc, "completion", None)
        spent = getattr(completion, "usage", None)
        if spent is None:
            return  # the request never reached a model (connection, 401, timeout): nothing was spent
        self.calls += 1
        self.prompt_tokens += int(getattr(spent, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(spent, "completion_tokens", 0) or 0)

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens

    @property
    def exhausted(self) -> bool:
        """True once the request's token budget is spent."""
        return self.total_tokens >= self.budget_tokens

    @property
    def cost(self) -> float:
        """Estimated cost in USD from the configured per-million-token prices."""
        return (self.prompt_tokens * self.price_in_per_m + self.completion_tokens * self.price_out_per_m) / 1e6

    def as_dict(self) -> dict[str, Any]:
        """For CLI output and API responses."""
        return {
            "calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "estimated_cost_usd": round(self.cost, 6),
        }


def explain_model_error(exc: Exception, settings: Settings) -> ModelUnavailableError:
    """A clear error naming the setting to fix; never includes the key, nor credentials in the base URL (the
    message reaches clients and is saved in sessions)."""
    error = _explained(exc, settings)
    secrets = url_secrets(settings.openai_base_url)
    if settings.openai_api_key is not None:
        secrets.append(settings.openai_api_key.get_secret_value())
    return ModelUnavailableError(redact_text(str(error), secrets))


def _explained(exc: Exception, settings: Settings) -> ModelUnavailableError:
    name = type(exc).__name__
    # LangChain wraps the client's errors in subclasses (OpenAIConnectionError...): match any class in the chain.
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = getattr(exc, "status_code", None)
    where = redact_url(settings.openai_base_url) if settings.openai_base_url else "the OpenAI API"
    if "ContextOverflowError" in names:
        return ModelUnavailableError(
            f"The request is longer than the model's context window at {where}: use a larger context "
            "(a server option) or a model with a longer one."
        )
    if "LengthFinishReasonError" in names:
        return ModelUnavailableError(
            f"The model's reply was cut off at LLM_MAX_TOKENS={settings.llm_max_tokens} tokens before it was "
            "complete: raise LLM_MAX_TOKENS or use a model that answers more briefly."
        )
    if status == 401 or name == "AuthenticationError":
        return ModelUnavailableError(f"The model endpoint ({where}) rejected the API key (401). Check OPENAI_API_KEY.")
    if status == 404 or name == "NotFoundError":
        return ModelUnavailableError(f"Model {settings.llm_model!r} was not found at {where}. Check LLM_MODEL.")
    if status == 429 or name == "RateLimitError":
        return ModelUnavailableError(
            f"{where} kept answering 429 (rate limit) after {settings.llm_max_retries} "
            "retries. Try later or raise LLM_MAX_RETRIES."
        )
    if name in ("APITimeoutError", "TimeoutException", "ReadTimeout") or "timeout" in name.lower():
        return ModelUnavailableError(f"{where} did not answer within LLM_TIMEOUT_S={settings.llm_timeout_s:g} s.")
    if names & {"APIConnectionError", "ConnectError"}:
        return ModelUnavailableError(f"Cannot reach {where}. Check OPENAI_BASE_URL and that the server runs.")
    return ModelUnavailableError(f"The model call failed ({name}, status {status}).")
