"""Writing an owner can trust: joining parts into sentences, and the seam scan that proves it."""

from agent.writing.draft import scan_draft
from agent.writing.seams import Seam, SeamContext, scan_text

__all__ = ["Seam", "SeamContext", "scan_draft", "scan_text"]
