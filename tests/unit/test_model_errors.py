"""Model errors as LangChain raises them (its own subclasses of the client's errors) name the setting to fix."""

from __future__ import annotations

import httpx
from langchain_openai.chat_models.base import OpenAIConnectionError, OpenAIContextOverflowError
from openai import LengthFinishReasonError
from openai.types.chat import ChatCompletion

from agent.config import Settings
from agent.llm import Usage, explain_model_error

SETTINGS = Settings(openai_base_url="http://127.0.0.1:8080/v1", llm_model="local")
REQUEST = httpx.Request("POST", "http://127.0.0.1:8080/v1/chat/completions")


def test_a_wrapped_connection_error_says_the_server_cannot_be_reached() -> None:
    message = str(explain_model_error(OpenAIConnectionError(request=REQUEST), SETTINGS))
    assert "Cannot reach http://127.0.0.1:8080/v1" in message and "OPENAI_BASE_URL" in message


def test_a_prompt_longer_than_the_context_says_so() -> None:
    response = httpx.Response(400, request=REQUEST)
    error = OpenAIContextOverflowError("the request exceeds the available context size", response=response, body=None)
    assert "context window" in str(explain_model_error(error, SETTINGS))


def _cut_off_reply() -> LengthFinishReasonError:
    completion = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "local",
            "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "{"}}],
            "usage": {"prompt_tokens": 700, "completion_tokens": 4000, "total_tokens": 4700},
        }
    )
    return LengthFinishReasonError(completion=completion)


def test_a_reply_cut_off_at_the_token_limit_names_the_setting() -> None:
    message = str(explain_model_error(_cut_off_reply(), SETTINGS))
    assert "LLM_MAX_TOKENS=4000" in message and "cut off" in message


def test_a_cut_off_reply_still_counts_its_tokens() -> None:
    usage = Usage.for_settings(SETTINGS)
    usage.add_failed(_cut_off_reply())
    usage.add_failed(OpenAIConnectionError(request=REQUEST))  # never reached a model: nothing spent
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (1, 700, 4000)


def test_the_profile_read_is_capped_well_below_the_draft_limit() -> None:
    from agent.llm import build_chat_model
    from agent.profile.llm_extract import FACTS_MAX_TOKENS, _bounded

    settings = Settings(openai_api_key="sk-test", llm_model="local")
    assert _bounded(build_chat_model(settings), settings).max_tokens == FACTS_MAX_TOKENS < settings.llm_max_tokens
    small = settings.model_copy(update={"llm_max_tokens": 60})
    assert _bounded(build_chat_model(small), small).max_tokens == 60  # a lower setting still wins
