"""All settings in one place, read from the environment (and a .env file) by pydantic-settings."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration. Every field maps to an UPPER_SNAKE environment variable."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    # Model (issue: LLM path). No key and no base URL means the offline engine.
    openai_api_key: SecretStr | None = Field(default=None, description="API key for OpenAI or a compatible server.")
    openai_base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint, e.g. vLLM/Ollama.")
    llm_model: str = Field(default="gpt-4o-mini", description="Model name; always sent explicitly.")
    llm_timeout_s: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=10)
    llm_max_tokens: int = Field(default=4000, gt=0)
    llm_token_budget: int = Field(default=60_000, gt=0, description="Most tokens one request may spend.")
    llm_price_input_per_m: float = Field(default=0.15, ge=0, description="USD per million prompt tokens.")
    llm_price_output_per_m: float = Field(default=0.60, ge=0, description="USD per million completion tokens.")
    llm_structured_method: str = Field(
        default="json_schema",
        description="'json_schema' or 'function_calling' (for servers without schemas).",
    )

    # Knowledge and retrieval.
    knowledge_dir: Path = Field(default=PROJECT_ROOT / "knowledge", description="Folder of knowledge documents.")
    data_dir: Path = Field(default=PROJECT_ROOT / ".roadmap", description="Where indexes and sessions live.")
    index_seed_dir: Path | None = Field(
        default=None,
        description="A built index folder copied into a new data dir instead of embedding knowledge/ again, when it "
        "was built from the same files with the same embedder (a worker or container starts from a prebuilt index).",
    )
    chroma_url: str | None = Field(default=None, description="Chroma server URL; embedded store when unset.")
    chroma_collection: str = Field(default="roadmap-knowledge")
    embedding_backend: str = Field(
        default="onnx", description="'onnx' (fast start), 'torch' (sentence-transformers) or 'hash' (tests)."
    )
    retrieval_k: int = Field(default=5, ge=1, le=50)

    # Sessions and API (issue: interview/API).
    database_url: str | None = Field(default=None, description="PostgreSQL URL; SQLite file when unset.")
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Accepted API keys: k1,k2 or a JSON list."
    )
    rate_limit_per_minute: int = Field(default=600, ge=0, description="Requests per key per minute per worker; 0=off.")
    auth_failures_per_minute: int = Field(
        default=10, ge=0, description="Wrong keys per client address per minute before 429; 0=off."
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: Any) -> Any:
        """API_KEYS=k1,k2 as well as API_KEYS='["k1","k2"]'."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError("API_KEYS looks like a JSON list but is not valid JSON; or use k1,k2.") from exc
        return [key.strip() for key in text.split(",") if key.strip()]

    @property
    def index_dir(self) -> Path:
        """Folder of the embedded Chroma store and the exported embedding model."""
        return self.data_dir / "index"

    @property
    def llm_enabled(self) -> bool:
        """True when a model endpoint is configured."""
        return self.openai_api_key is not None or self.openai_base_url is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own Settings instead)."""
    return Settings()
