"""Model errors as LangChain raises them (its own subclasses of the client's errors) name the setting to fix."""

from __future__ import annotations

import httpx
from langchain_openai.chat_models.base import OpenAIConnectionError, OpenAIContextOverflowError

from agent.config import Settings
from agent.llm import explain_model_error

SETTINGS = Settings(openai_base_url="http://127.0.0.1:8080/v1", llm_model="local")
REQUEST = httpx.Request("POST", "http://127.0.0.1:8080/v1/chat/completions")


def test_a_wrapped_connection_error_says_the_server_cannot_be_reached() -> None:
    message = str(explain_model_error(OpenAIConnectionError(request=REQUEST), SETTINGS))
    assert "Cannot reach http://127.0.0.1:8080/v1" in message and "OPENAI_BASE_URL" in message


def test_a_prompt_longer_than_the_context_says_so() -> None:
    response = httpx.Response(400, request=REQUEST)
    error = OpenAIContextOverflowError("the request exceeds the available context size", response=response, body=None)
    assert "context window" in str(explain_model_error(error, SETTINGS))
