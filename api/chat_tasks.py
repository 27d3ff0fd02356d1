"""Housekeeping requests that chat front ends (Open WebUI, LibreChat and the like) send to the chat model
between turns: name the chat, suggest follow-ups, tag it, write search queries. They are not the owner talking,
so they get a short answer in the shape they ask for and never reach (or start) an interview.

They are told apart by their prompt's shape, not by any single word an owner might also use: a templated task
header ("### Task:") or an embedded chat history (<chat_history>), or an instruction to title "the
conversation" / "the query" with a word limit."""

from __future__ import annotations

import json
import re

_TEMPLATED = re.compile(r"^\s*#{2,4}\s*task\s*:|<chat_history>|</chat_history>", re.I | re.M)
_TITLE = re.compile(r"\btitle\b", re.I)
_TITLE_ASK = re.compile(
    r"\b(generate|create|write|provide|give|suggest|summari[sz]e)\b[^.\n]{0,80}\btitle\b"
    r"|\btitle\b[^.\n]{0,40}\b(for|of|summari[sz]ing)\b[^.\n]{0,40}\b(conversation|chat|query|dialog(ue)?|exchange)\b",
    re.I,
)
_ABOUT_CHAT = re.compile(r"\b(conversation|chat( history)?|the (previous |above )?query|dialog(ue)?)\b", re.I)
_WORD_LIMIT = re.compile(r"\b\d\s*(-|to|–)?\s*\d?\s*[- ]?words?\b|\bwords? or (less|fewer)\b|\bconcise\b", re.I)
_FOLLOW_UPS = re.compile(r"\bfollow[- ]?ups?\b", re.I)
_TAGS = re.compile(r"\btags?\b", re.I)
_QUERIES = re.compile(r"\b(search )?quer(y|ies)\b", re.I)

TITLE = "AI roadmap for your business"
FOLLOW_UPS = ["Show me the roadmap", "Which laws apply to us?", "What does the pilot cost?"]


def chat_task_reply(messages: list[tuple[str, str]]) -> str | None:
    """The reply to a front end's housekeeping request, or None when the request is a real turn.
    `messages` are (role, text) pairs of every message, system prompts included."""
    user = [text for role, text in messages if role == "user"]
    if not user:
        return None
    prompt = user[-1]
    instructions = "\n".join(text for role, text in messages if role in ("system", "developer")) + "\n" + prompt
    templated = bool(_TEMPLATED.search(prompt))
    titled = bool(_TITLE_ASK.search(instructions)) and bool(
        _ABOUT_CHAT.search(instructions) and _WORD_LIMIT.search(instructions)
    )
    if not (templated or titled):
        return None
    wants_json = "json" in prompt.lower()
    head = prompt[:600]  # the task statement comes first; the embedded history may mention anything
    if _FOLLOW_UPS.search(head):
        return json.dumps({"follow_ups": FOLLOW_UPS}) if wants_json else "\n".join(FOLLOW_UPS)
    if _TITLE.search(head) or titled:
        return json.dumps({"title": TITLE}) if wants_json else TITLE
    if _TAGS.search(head):
        return json.dumps({"tags": ["Business", "Planning"]}) if wants_json else "Business, Planning"
    if _QUERIES.search(head):
        return json.dumps({"queries": []}) if wants_json else ""
    return json.dumps({}) if wants_json else ""
