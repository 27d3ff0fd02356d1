"""The `roadmap` command line: ask, ingest (draft, check, chat, serve, eval follow in later issues)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress

from agent.answering import OfflineAnswerer
from agent.config import Settings
from agent.errors import RoadmapAgentError, UsageError
from agent.retrieval import load_knowledge
from agent.retrieval.index import ingest, open_index, resolve_jurisdictions
from agent.retrieval.store import KnowledgeStore

app = typer.Typer(help="Roadmap Agent: AI implementation roadmaps for small businesses.", no_args_is_help=True)
_out = Console()
_err = Console(stderr=True)


def _fail(message: str, code: int = 2) -> None:
    _err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Your compliance question, in quotes.")],
    jurisdiction: Annotated[
        list[str] | None, typer.Option("--jurisdiction", "-j", help="Limit to a framework, e.g. gdpr, ccpa, uk.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Answer a compliance question with citations from the knowledge base."""
    try:
        if not question.strip():
            raise UsageError("The question is empty. Example: roadmap ask \"Do I need a DPIA for a chatbot?\"")
        settings = Settings()
        jurisdictions = resolve_jurisdictions(jurisdiction or [], settings)
        with _progress("Building the knowledge index (first run only)") as tick:
            store = open_index(settings, tick)
        result = OfflineAnswerer(store, k=settings.retrieval_k).answer(question.strip(), jurisdictions or None)
    except RoadmapAgentError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    _out.print(Markdown(result.answer))
    for n, cite in enumerate(result.citations, 1):
        article = f" ({cite.article})" if cite.article and cite.article not in cite.section else ""
        _out.print(f"[dim][{n}] {cite.title} - {cite.section}{article} [{cite.doc_id}][/]")
    _out.print(f"\n[italic]{result.disclaimer}[/]")


@app.command("ingest")
def ingest_command() -> None:
    """Index knowledge/ into the vector store, re-embedding only what changed."""
    try:
        settings = Settings()
        docs = load_knowledge(settings.knowledge_dir)
        store = KnowledgeStore.from_settings(settings)
        with _progress("Indexing knowledge", total=len(docs)) as tick:
            report = ingest(store, settings, tick)
    except (RoadmapAgentError, ValueError) as exc:
        _fail(str(exc))
        return
    _out.print(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {report.chunks_embedded} chunks embedded; {store.count()} in the index."
    )


class _progress:
    """A rich progress bar on stderr that only appears once work actually starts."""

    def __init__(self, label: str, total: int | None = None) -> None:
        self._label, self._total = label, total
        self._bar: Progress | None = None
        self._task: int | None = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self._tick

    def _tick(self, n: int) -> None:
        if self._bar is None:
            self._bar = Progress(console=_err, transient=True, disable=not sys.stderr.isatty())
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=self._total)
        assert self._task is not None
        self._bar.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


if __name__ == "__main__":
    app()
