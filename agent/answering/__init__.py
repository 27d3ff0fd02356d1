"""Cited answers to compliance questions: an offline extractive answerer (and, later, an LLM answerer)."""

from agent.answering.offline import DISCLAIMER, OfflineAnswerer

__all__ = ["DISCLAIMER", "OfflineAnswerer"]
