"""The knowledge store: loading knowledge/, chunking, local embeddings, Chroma, hybrid search."""

from agent.retrieval.chunking import Chunk, chunk_document
from agent.retrieval.documents import KnowledgeDoc, Section, load_knowledge, parse_document
from agent.retrieval.store import Hit, IngestReport, KnowledgeStore

__all__ = [
    "Chunk",
    "Hit",
    "IngestReport",
    "KnowledgeDoc",
    "KnowledgeStore",
    "Section",
    "chunk_document",
    "load_knowledge",
    "parse_document",
]
