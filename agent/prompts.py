"""Prompt templates live in prompts/ as Jinja files; this is the one function that renders them.

The environment is sandboxed and strict (an unknown variable is an error). User text and retrieved passages
go through the `data` filter, which wraps them in tags and neutralises any closing tag inside, so text can
never step outside its delimiters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from agent.config import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"


def _data(text: Any, tag: str = "data") -> str:
    body = str(text).replace("</", "< /").replace("<|", "< |")
    return f"<{tag}>\n{body}\n</{tag.split()[0]}>"


@lru_cache(maxsize=1)
def _env() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["data"] = _data
    return env


def render(name: str, **variables: Any) -> str:
    """Render prompts/<name>.j2 with variables."""
    return _env().get_template(f"{name}.j2").render(**variables)
