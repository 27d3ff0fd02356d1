"""The knowledge store: Chroma collection (embedded or server), incremental ingest, hybrid search."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from agent.config import Settings
from agent.errors import IndexUnavailableError
from agent.profile.jurisdictions import own_laws, subnational_laws
from agent.retrieval.chunking import Chunk, chunk_document
from agent.retrieval.documents import LAW_KINDS, KnowledgeDoc
from agent.retrieval.embeddings import Embedder, shared_embedder
from agent.retrieval.laws import asks_about_obligation, named_jurisdictions
from agent.retrieval.lexical import BM25, expand_query
from agent.retrieval.places import owner_place_codes, place_codes, placed_jurisdictions
from agent.schemas import Citation

SearchMode = Literal["hybrid", "dense", "lexical"]
_RRF_K = 60  # the usual reciprocal-rank-fusion constant: damps the weight of top ranks
_CANDIDATES = 40
_LIFTED = 2  # sections of the named place's layer lifted to the top of a search
# Chunks written to Chroma in one call: each call persists the index, so one call per document made a full
# ingest of ~200 documents spend most of its time in writes.
UPSERT_BATCH = 1000


@dataclass
class Hit:
    """One retrieved chunk with how it was found."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float
    similarity: float | None = None

    @property
    def doc_id(self) -> str:
        """Id of the document the chunk belongs to."""
        return str(self.metadata["doc_id"])

    def citation(self) -> Citation:
        """The citation for this passage."""
        return Citation(
            doc_id=self.doc_id,
            title=str(self.metadata["title"]),
            section=str(self.metadata["section"]),
            article=str(self.metadata.get("article") or "") or None,
            url=str(self.metadata.get("url") or "") or None,
        )


@dataclass
class IngestReport:
    """What an ingest changed."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    chunks_embedded: int = 0


@dataclass
class _Corpus:
    """All chunks, loaded once from the collection for lexical search and filtering."""

    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    bm25: BM25
    positions: dict[str, int] = field(default_factory=dict)  # chunk id -> index, for mapping dense results
    words: str | None = None  # every chunk's words, joined: for "does the knowledge base name this law?"


class KnowledgeStore:
    """Chroma-backed store of knowledge chunks with hybrid (BM25 + dense, fused by RRF) search."""

    def __init__(
        self,
        collection: Any,
        embedder_factory: Callable[[], Embedder],
        embedder_name: str,
        index_dir: Path | None = None,
    ) -> None:
        self.index_dir = index_dir  # where derived files (sentence vectors) live beside the collection
        self._queries: dict[str, list[float]] = {}
        self._collection = collection
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self._embedder_name = embedder_name
        self._corpus: _Corpus | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> KnowledgeStore:
        """Open (or create) the collection named in settings: a Chroma server if CHROMA_URL is set."""
        names = {"onnx": "all-MiniLM-L6-v2-onnx", "torch": "all-MiniLM-L6-v2-torch", "hash": "hash-384"}
        embedder_name = names.get(settings.embedding_backend, settings.embedding_backend)
        collection = open_collection(settings)
        return cls(
            collection,
            lambda: shared_embedder(settings.embedding_backend, settings.index_dir / "models"),
            embedder_name,
            None if settings.chroma_url else settings.index_dir,
        )

    @property
    def embedder(self) -> Embedder:
        """The embedder, loaded on first use so that a no-change ingest never loads a model."""
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    def count(self) -> int:
        """Number of chunks in the collection."""
        return int(self._collection.count())

    def indexed_with(self) -> str | None:
        """Name of the embedder the stored vectors were made with."""
        return (self._collection.metadata or {}).get("embedding")

    # --- ingest -------------------------------------------------------------------------------------

    def ingest(self, docs: Iterable[KnowledgeDoc], progress: Callable[[int], None] | None = None) -> IngestReport:
        """Bring the collection in line with docs: embed only new or changed documents, drop removed ones."""
        docs = list(docs)
        report = IngestReport()
        stored = self._stored_hashes()
        if stored and self.indexed_with() not in (None, self._embedder_name):
            stored = {doc_id: "" for doc_id in stored}  # another model made these vectors: re-embed all
        wanted = {d.id: d for d in docs}
        for doc_id in sorted(set(stored) - set(wanted)):
            self._collection.delete(where={"doc_id": doc_id})
            report.removed.append(doc_id)
        changed = [d for d in docs if stored.get(d.id) != d.content_hash]
        report.unchanged = len(docs) - len(changed)
        pending: list[tuple[Chunk, list[float]]] = []
        for doc in changed:
            (report.updated if doc.id in stored else report.added).append(doc.id)
            if doc.id in stored:
                self._collection.delete(where={"doc_id": doc.id})
            chunks = chunk_document(doc)
            pending += zip(chunks, self.embedder.embed([c.embed_text for c in chunks]), strict=True)
            report.chunks_embedded += len(chunks)
            if len(pending) >= UPSERT_BATCH:
                self._upsert(pending)
                pending = []
            if progress:
                progress(1)
        self._upsert(pending)
        if changed or report.removed:
            kept = {k: v for k, v in (self._collection.metadata or {}).items() if not k.startswith("hnsw:")}
            self._collection.modify(metadata={**kept, "embedding": self._embedder_name})
            self._corpus = None
        return report

    def _upsert(self, embedded: list[tuple[Chunk, list[float]]]) -> None:
        if not embedded:
            return
        self._collection.upsert(
            ids=[c.id for c, _ in embedded],
            embeddings=[v for _, v in embedded],
            documents=[c.text for c, _ in embedded],
            metadatas=[c.metadata for c, _ in embedded],
        )

    def document_count(self) -> int:
        """How many knowledge documents the collection holds chunks of."""
        return len(self._stored_hashes())

    def _stored_hashes(self) -> dict[str, str]:
        got = self._collection.get(include=["metadatas"])
        return {str(m["doc_id"]): str(m["doc_hash"]) for m in got["metadatas"] or []}

    # --- search -------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        jurisdictions: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        mode: SearchMode = "hybrid",
        places: Iterable[str] | None = None,
    ) -> list[Hit]:
        """The k best chunks for query, optionally limited to jurisdictions (plus 'global'), topics, kinds.
        places: codes of where the business is ('DE', 'US-VA'), whose place layer leads when the query names none."""
        jurisdictions, topics, kinds = list(jurisdictions or []), list(topics or []), list(kinds or [])
        corpus = self._load_corpus()
        placed = set() if jurisdictions else placed_jurisdictions(query)
        home = owner_place_codes(query)  # "my salon in Milan": where the asker is, not what the question is about
        asked = place_codes(query) - home
        places = set(places or ()) | home
        query = expand_query(query)
        where = _where(jurisdictions, topics, kinds)
        allowed = {i for i, m in enumerate(corpus.metadatas) if _matches(m, jurisdictions, topics, kinds)}
        # Another place's layer never answers for this one: out of the candidates, so fifty states' breach
        # sections cannot crowd the framework's own rule out of a Belgian firm's question.
        others = _other_layers(corpus.metadatas, asked or places)
        allowed -= others
        if not allowed:
            return []
        dense = []
        if mode != "lexical":
            wide = self._dense(query, where, min(_CANDIDATES + len(others), len(allowed) + len(others)))
            dense = [pair for pair in wide if pair[0] in allowed][:_CANDIDATES]
        lexical = corpus.bm25.scores(query, allowed)[:_CANDIDATES] if mode != "dense" else []
        layer = self._layer_indexes(asked or set(places or ()), allowed)
        if layer:  # the named place's own layer always competes, even when the big frameworks fill the top 40
            if mode != "lexical":
                dense += self._dense(
                    query, _and(where, _any_flag("p", sorted(layer))), min(_CANDIDATES, len(layer[""]))
                )
            if mode != "dense":
                lexical += corpus.bm25.scores(query, layer[""])[:_CANDIDATES]
        fused: dict[int, float] = {}
        for rank, (index, _sim) in enumerate(_ranked_once(dense)):
            fused[index] = fused.get(index, 0.0) + 1.0 / (_RRF_K + rank + 1)
        for rank, (index, _score) in enumerate(_ranked_once(lexical)):
            fused[index] = fused.get(index, 0.0) + 1.0 / (_RRF_K + rank + 1)
        _weigh_place_layer(fused, corpus.metadatas, asked, set(places or ()), own_laws(asked) if asked else frozenset())
        named = named_jurisdictions(query)
        if named:  # a law the question names outranks a neighbouring one: one extra top-rank vote
            for index in fused:
                meta = corpus.metadatas[index]
                if meta.get("place") and meta["place"] not in asked:
                    continue  # a place layer adds to the named law; it is not that law's own text
                if any(meta.get(f"j_{j}") for j in named):
                    fused[index] += 1.0 / (_RRF_K + 1)
        if asks_about_obligation(query):  # "do we have to ..." is answered by the law, not by an example plan
            specific = [j for j in jurisdictions if j != "global"]
            for index in fused:
                meta = corpus.metadatas[index]
                if meta.get("kind") not in LAW_KINDS:
                    continue
                # The asked-about law's own documents first, then cross-cutting guidance (vendors, NIST).
                own_law = not specific or any(meta.get(f"j_{j}") for j in specific)
                fused[index] += (1.0 if own_law else 0.5) / (_RRF_K + 1)
        if placed:  # another place's law: one top-rank vote down ("global" guidance is never pushed down)
            for index in fused:
                laws = {key[2:] for key, value in corpus.metadatas[index].items() if key.startswith("j_") and value}
                if laws and not laws & (placed | named | {"global"}):
                    fused[index] -= 1.0 / (_RRF_K + 1)
        elif not jurisdictions and not named:  # no place, no law named: one state's own law is a weaker answer
            subnational = subnational_laws()
            for index in fused:
                laws = {key[2:] for key, value in corpus.metadatas[index].items() if key.startswith("j_") and value}
                if laws and laws <= subnational:
                    fused[index] -= 0.5 / (_RRF_K + 1)
        similarity = dict(dense)
        best = sorted(fused.items(), key=lambda pair: -pair[1])[:k]
        return [Hit(corpus.ids[i], corpus.texts[i], corpus.metadatas[i], score, similarity.get(i)) for i, score in best]

    def _layer_indexes(self, codes: AbstractSet[str], allowed: set[int]) -> dict[str, set[int]]:
        """Chunks of the place layer for these codes, by code, and all of them under '' (empty: none held)."""
        corpus = self._load_corpus()
        layer: dict[str, set[int]] = {}
        for code in codes:
            found = {i for i in allowed if corpus.metadatas[i].get(f"p_{code}")}
            if found:
                layer[code] = found
        if layer:
            layer[""] = set().union(*layer.values())
        return layer

    def place_layers(self) -> dict[str, str]:
        """Place code -> id of the place document the knowledge base holds for it."""
        corpus = self._load_corpus()
        return {str(m["place"]): str(m["doc_id"]) for m in corpus.metadatas if m.get("place")}

    def layer_headings(self, code: str) -> list[str]:
        """The section headings of one place's layer, in the document's order (empty when none is held)."""
        corpus = self._load_corpus()
        headings = [
            str(m["section"]) for m in corpus.metadatas if m.get("place") == code and m["section"] != "Overview"
        ]
        return list(dict.fromkeys(headings))

    def place_statutes(self, code: str) -> set[str]:
        """Names of the statutes one place's layer defines (its `laws:`), judged by the law engine."""
        corpus = self._load_corpus()
        return {
            n for m in corpus.metadatas if m.get("place") == code for n in str(m.get("law_names") or "").split("|") if n
        }

    def place_law_names(self, code: str) -> set[str]:
        """Names of the laws the knowledge base holds for one place: those its place layer names (statutes,
        sources, provisions), and the titles of the law documents on the laws that layer attaches to."""
        corpus = self._load_corpus()
        layer = [m for m in corpus.metadatas if m.get("place") == code]
        names = {n for m in layer for n in str(m.get("law_refs") or "").split("|") if n}
        laws = {j for m in layer for j in str(m.get("jurisdictions") or "").split(",") if j}
        titles = {
            str(m["title"])
            for m in corpus.metadatas
            if m.get("kind") == "compliance" and any(m.get(f"j_{j}") for j in laws)
        }
        return names | titles

    def mentions(self, phrase: str) -> bool:
        """Whether any chunk (title, heading or text) contains the phrase, compared on lower-case words only."""
        corpus = self._load_corpus()
        if corpus.words is None:
            joined = " ".join(
                f"{m['title']} {m['section']} {t}" for m, t in zip(corpus.metadatas, corpus.texts, strict=True)
            )
            corpus.words = " " + " ".join(re.findall(r"[a-z0-9]+", joined.lower())) + " "
        wanted = " ".join(re.findall(r"[a-z0-9]+", phrase.lower()))
        return bool(wanted) and f" {wanted} " in corpus.words

    def law_ids(self) -> set[str]:
        """The framework ids the knowledge base holds law documents for."""
        corpus = self._load_corpus()
        laws = (str(m["jurisdictions"]).split(",") for m in corpus.metadatas if m.get("kind") in LAW_KINDS)
        return {j for ids in laws for j in ids if j}

    def law_titles(self) -> set[str]:
        """The titles of the knowledge base's law documents, and the names of the statutes place documents hold."""
        corpus = self._load_corpus()
        titles = {str(m["title"]) for m in corpus.metadatas if m.get("kind") == "compliance"}
        return titles | {name for m in corpus.metadatas for name in str(m.get("law_names") or "").split("|") if name}

    def chunk_texts(self) -> list[str]:
        """The text of every chunk in the collection."""
        return list(self._load_corpus().texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed one text with the store's embedder; a question is embedded once for search and scoring."""
        cached = self._queries.get(text)
        if cached is None:
            if len(self._queries) > 512:
                self._queries.clear()
            cached = self._queries[text] = self.embedder.embed([text])[0]
        return cached

    def _dense(self, query: str, where: dict[str, Any] | None, n: int) -> list[tuple[int, float]]:
        corpus = self._load_corpus()
        position = corpus.positions
        result = self._collection.query(
            query_embeddings=[self.embed_query(query)],
            n_results=max(1, n),
            where=where,
            include=["distances"],
        )
        pairs = zip(result["ids"][0], result["distances"][0], strict=True)
        return [(position[cid], 1.0 - float(dist)) for cid, dist in pairs if cid in position]

    def _load_corpus(self) -> _Corpus:
        if self._corpus is None:
            if self.indexed_with() not in (None, self._embedder_name) and self.count():
                raise IndexUnavailableError(
                    f"The index was built with {self.indexed_with()} but EMBEDDING_BACKEND gives "
                    f"{self._embedder_name}. Run `roadmap ingest` to rebuild it."
                )
            got = self._collection.get(include=["documents", "metadatas"])
            ids = list(got["ids"])
            texts = list(got["documents"] or [])
            metas = [dict(m) for m in got["metadatas"] or []]
            lexical_texts = [
                f"{m['title']} {m['section']} {m['article']}\n{t}" for m, t in zip(metas, texts, strict=True)
            ]
            positions = {chunk_id: i for i, chunk_id in enumerate(ids)}
            self._corpus = _Corpus(ids, texts, metas, BM25(lexical_texts), positions)
        return self._corpus


def open_collection(settings: Settings) -> Any:
    """The Chroma collection: HttpClient when CHROMA_URL is set, else an embedded PersistentClient."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        else:
            path = settings.index_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        return client.get_or_create_collection(
            settings.chroma_collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
    except Exception as exc:  # chroma raises many types; all mean "cannot open the index"
        where = settings.chroma_url or str(settings.index_dir / "chroma")
        raise IndexUnavailableError(
            f"Cannot open the knowledge index at {where}: {exc}. "
            "Check CHROMA_URL / DATA_DIR, or delete the index folder and run `roadmap ingest`."
        ) from exc


def _ranked_once(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Candidates from the open and the place-restricted pass, best first, each chunk once."""
    best: dict[int, float] = {}
    for index, score in pairs:
        best[index] = max(score, best.get(index, score))
    return sorted(best.items(), key=lambda pair: -pair[1])


def _other_layers(metadatas: list[dict[str, Any]], wanted: AbstractSet[str]) -> set[int]:
    """Chunks of place layers for places other than wanted (a country stands for its states); none when no
    place is wanted."""
    if not wanted:
        return set()
    return {
        i
        for i, meta in enumerate(metadatas)
        if meta.get("place") and meta["place"] not in wanted and str(meta["place"]).split("-")[0] not in wanted
    }


def _weigh_place_layer(
    fused: dict[int, float], metadatas: list[dict[str, Any]], asked: frozenset[str], home: set[str], own: frozenset[str]
) -> None:
    """The place layer, and the documents of the named place's own laws, lead for the place a question names (a
    top-rank vote); other places' layers step back (one vote down). A question naming no place leans to the
    business's own place, and away from the others."""
    wanted = asked or home
    # only the place's best few sections are lifted: the framework's own rule keeps its place beside them
    lifted = set(sorted((i for i in fused if metadatas[i].get("place") in wanted), key=lambda i: -fused[i])[:_LIFTED])
    for index in fused:
        meta = metadatas[index]
        code = meta.get("place")
        if not code:
            laws = {key[2:] for key, value in meta.items() if key.startswith("j_") and value}
            if own and laws and laws <= own:
                fused[index] += 1.0 / (_RRF_K + 1)
        elif index in lifted:  # the business's own place (none named) leans its way without taking the lead
            fused[index] += (1.0 if asked else 0.5) / (_RRF_K + 1)
        elif code not in wanted:
            fused[index] -= (1.0 if asked else 0.5) / (_RRF_K + 1)


def _and(where: dict[str, Any] | None, clause: dict[str, Any]) -> dict[str, Any]:
    return clause if where is None else {"$and": [where, clause]}


def _where(
    jurisdictions: Iterable[str] | None, topics: Iterable[str] | None, kinds: Iterable[str] | None
) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if jurisdictions:
        clauses.append(_any_flag("j", [*jurisdictions, "global"]))
    if topics:
        clauses.append(_any_flag("t", list(topics)))
    if kinds:
        kind_list = list(kinds)
        clauses.append({"kind": kind_list[0]} if len(kind_list) == 1 else {"kind": {"$in": kind_list}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _any_flag(prefix: str, values: list[str]) -> dict[str, Any]:
    flags = [{f"{prefix}_{v}": True} for v in dict.fromkeys(values)]
    return flags[0] if len(flags) == 1 else {"$or": flags}


def _matches(
    meta: dict[str, Any],
    jurisdictions: Iterable[str] | None,
    topics: Iterable[str] | None,
    kinds: Iterable[str] | None,
) -> bool:
    if jurisdictions and not any(meta.get(f"j_{j}") for j in [*jurisdictions, "global"]):
        return False
    if topics and not any(meta.get(f"t_{t}") for t in topics):
        return False
    return not (kinds and meta.get("kind") not in set(kinds))
