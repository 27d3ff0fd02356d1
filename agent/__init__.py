"""Roadmap Agent: drafts, checks and explains AI implementation roadmaps for small businesses."""

__version__ = "0.1.0"
