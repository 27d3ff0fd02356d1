"""The interview agent: a LangGraph graph over the conversation, persisted by its checkpointer."""

from agent.interview.service import InterviewService
from agent.interview.store import open_session_store, owner_id

__all__ = ["InterviewService", "open_session_store", "owner_id"]
