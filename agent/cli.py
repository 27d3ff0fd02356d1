"""The `roadmap` command line: draft, check, ask, ingest."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.progress import Progress, TaskID

from agent.config import Settings
from agent.errors import RoadmapAgentError, UsageError
from agent.retrieval import load_knowledge
from agent.retrieval.documents import document_paths
from agent.retrieval.index import ingest, open_index, resolve_jurisdictions
from agent.retrieval.place_docs import PLACE_CODE
from agent.retrieval.store import KnowledgeStore
from agent.writing.words import counted

app = typer.Typer(
    help="Roadmap Agent: AI implementation roadmaps for small businesses.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # never print locals (they may hold secrets)
)
_out = Console()
_err = Console(stderr=True)


def _fail(message: str, code: int = 2) -> None:
    _err.print(f"[bold red]error:[/] {escape(message)}")  # messages may hold [brackets] rich would eat
    raise typer.Exit(code)


@app.command()
def draft(
    text: Annotated[str | None, typer.Argument(help="The business description, in quotes.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the description from a file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, json, docx, pdf, xlsx, csv or ics.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Month 1 of the plan as YYYY-MM (default: the month after today).")
    ] = None,
) -> None:
    """Draft an AI implementation roadmap from a description of the business. Word, PDF and Excel need --out
    (or stdout redirected to a file or pipe)."""
    from agent.export import export_format, parse_start, render
    from agent.planning.pipeline import draft_from_text
    from agent.profile import validate_description

    try:
        chosen = export_format(fmt)
        month_one = parse_start(start) if start else None
        _check_binary_target(chosen.binary, chosen.name, out)
        description = validate_description(_read_input(text, file))
        result = draft_from_text(description, Settings())
        _emit(render(chosen.name, result.roadmap, result.findings, month_one), out)
    except RoadmapAgentError as exc:
        _fail(str(exc))
        return
    errors = [f for f in result.findings if f.severity == "error"]
    for notice in result.notices:
        _err.print(f"[yellow]notice:[/] {notice}")
    mode = "llm" if result.roadmap.generated_by == "llm" else "offline"
    _err.print(f"[dim]{mode} engine; {counted(len(result.findings), 'finding')}, {counted(len(errors), 'error')}.[/]")
    if result.usage:
        u = result.usage
        _err.print(
            f"[dim]model usage: {u['calls']} calls, {u['prompt_tokens']} prompt + {u['completion_tokens']} "
            f"completion tokens, about ${u['estimated_cost_usd']:.4f}[/]"
        )


def _check_binary_target(binary: bool, name: str, out: Path | None) -> None:
    """A Word, PDF or Excel file printed on a terminal is noise: ask for --out unless stdout is a file or pipe."""
    if binary and out is None and sys.stdout.isatty():
        raise UsageError(f"--format {name} writes a binary file: give --out FILE (or redirect stdout).")


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="A roadmap JSON file (from `draft --format json` or hand-edited).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON.")] = False,
) -> None:
    """Check a roadmap JSON file against every rule; exit 1 when an error-severity rule fails."""
    from agent.checks import RULES, check_roadmap, load_roadmap_json

    try:
        roadmap = load_roadmap_json(_read_input(None, path))
    except RoadmapAgentError as exc:
        _fail(str(exc))
        return
    findings = check_roadmap(roadmap)
    errors = [f for f in findings if f.severity == "error"]
    if as_json:
        typer.echo(json.dumps([f.model_dump() for f in findings], indent=2))
    else:
        for f in findings:
            colour = {"error": "red", "warning": "yellow", "info": "blue"}[f.severity]
            _out.print(f"[{colour}]{f.severity:7}[/] {f.rule_id} {f.path}: {f.message}\n         fix: {f.fix}")
        _out.print(
            f"{len(RULES) - len({f.rule_id for f in findings})} of {len(RULES)} rules passed; "
            f"{len(errors)} errors, {len(findings) - len(errors)} warnings/notes."
        )
    if errors:
        raise typer.Exit(1)


def _read_input(text: str | None, path: Path | None) -> str:
    if text is not None and path is not None:
        raise UsageError("Give the description as text or with --file, not both.")
    if path is None:
        if text is None:
            raise UsageError("Give a description in quotes, or --file PATH.")
        return text
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not a UTF-8 text file.") from exc


def _emit(rendered: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
        return
    try:
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_bytes(rendered)
        tmp.replace(out)  # never leave a half-written file where a good one was
    except OSError as exc:
        raise UsageError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    _err.print(f"Wrote {out}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Your compliance question, in quotes.")],
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option("--jurisdiction", "-j", help="Limit to a framework, e.g. gdpr, ccpa, uk."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    place: Annotated[
        list[str] | None,
        typer.Option("--place", "-p", help="Where your business is (ISO code, e.g. DE, US-VA): its rules lead."),
    ] = None,
) -> None:
    """Answer a compliance question with citations from the knowledge base."""
    try:
        if not question.strip():
            raise UsageError('The question is empty. Example: roadmap ask "Do I need a DPIA for a chatbot?"')
        places = [p.strip().upper() for p in place or []]
        bad = [p for p in places if not PLACE_CODE.match(p)]
        if bad:
            raise UsageError(f"--place takes ISO 3166 codes such as DE, US-VA or GB-SCT, not {', '.join(bad)}.")
        settings = Settings()
        jurisdictions = resolve_jurisdictions(jurisdiction or [], settings)
        with _progress("Building the knowledge index (first run only)") as tick:
            store = open_index(settings, tick)
        from agent.answering import build_answerer  # answering's imports cost ~0.5 s: only for questions

        result = build_answerer(settings, store).answer(question.strip(), jurisdictions or None, places=places)
    except (RoadmapAgentError, ValueError) as exc:  # ValueError: a malformed knowledge file, named
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    _out.print(Markdown(result.answer))
    for n, cite in enumerate(result.citations, 1):
        article = f" ({cite.article})" if cite.article and cite.article not in cite.section else ""
        _out.print(f"[dim]{escape(f'[{n}] {cite.title} - {cite.section}{article} [{cite.doc_id}]')}[/]")
    _out.print(f"\n[italic]{result.disclaimer}[/]")


CHAT_HELP = (
    "Commands: /show prints the latest roadmap; /save FILE [--format md|json|docx|pdf|xlsx|csv|ics] "
    "[--start YYYY-MM] saves it (the format follows the file's extension when not given); /help; quit."
)


@app.command()
def chat(
    session: Annotated[str | None, typer.Option("--session", help="Resume this session id.")] = None,
) -> None:
    """Hold the interview in the terminal (the session is saved after every turn). /show prints the roadmap,
    /save FILE [--format F] saves it, /help lists the commands, quit leaves."""
    from agent.interview import InterviewService, owner_id

    owner = owner_id(None)
    try:
        service = InterviewService(Settings())
        session_id = session or service.create_session(owner)
        state = service.state(session_id, owner)
    except RoadmapAgentError as exc:
        _fail(str(exc))
        return
    _out.print(f"[dim]session {session_id}. {CHAT_HELP}[/]")
    _out.print(Markdown(state["messages"][-1]["content"]))
    _warm_index(service)
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            break
        if text.lower() in ("quit", "exit", ":q"):
            break
        if not text:
            continue
        try:
            if text.startswith("/"):
                _chat_command(service, session_id, owner, text)
                continue
            reply = service.send(session_id, owner, text)
        except RoadmapAgentError as exc:
            _err.print(f"[red]{escape(str(exc))}[/]")
            continue
        _out.print(Markdown(reply["content"]))
    service.close()


def _warm_index(service: Any) -> None:
    """Open the knowledge index before the first turn, saying so when it has to be built (about a minute)."""
    announced = False

    def said(_: int) -> None:
        nonlocal announced
        if not announced:
            _err.print(
                "[dim]Building the knowledge index and training the reader for the first time; "
                "this takes a few minutes...[/]"
            )
            announced = True

    try:
        with _progress("Building the knowledge index (first run only)") as tick:

            def both(n: int) -> None:
                said(n)
                tick(n)

            service.answerer(both)
    except (RoadmapAgentError, ValueError) as exc:  # questions will fail; drafting still works
        _err.print(f"[yellow]The knowledge index could not be opened: {escape(str(exc))}[/]")
        return
    if announced:
        _err.print("[dim]Knowledge index ready.[/]")


def _chat_command(service: Any, session_id: str, owner: str, text: str) -> None:
    """/show, /save FILE [--format F] [--start YYYY-MM], /help."""
    from agent.export import FORMATS, export_format, parse_start, render
    from agent.schemas import Finding, Roadmap

    words = text.split()
    command, args = words[0].lower(), words[1:]
    if command in ("/help", "/?"):
        _out.print(CHAT_HELP)
        return
    if command not in ("/show", "/save"):
        raise UsageError(f"Unknown command {command}. {CHAT_HELP}")
    latest = service.version(session_id, owner, None)
    if latest is None:
        raise UsageError("There is no roadmap yet: tell me about your business first.")
    roadmap = Roadmap.model_validate(latest["roadmap"])
    findings = [Finding.model_validate(f) for f in latest.get("findings", [])]
    options = {a: args[n + 1] for n, a in enumerate(args[:-1]) if a.startswith("--")}
    files = [a for n, a in enumerate(args) if not a.startswith("--") and not (n and args[n - 1].startswith("--"))]
    start = parse_start(options["--start"]) if "--start" in options else None
    if command == "/show":
        _out.print(Markdown(render("md", roadmap, findings, start).decode("utf-8")))
        return
    if not files:
        raise UsageError("Say where to save it: /save FILE [--format md|json|docx|pdf|xlsx|csv|ics].")
    path = Path(files[0]).expanduser()
    suffix = path.suffix.lstrip(".").lower()
    name = options.get("--format") or (suffix if suffix in FORMATS else "md")
    _emit(render(export_format(name).name, roadmap, findings, start), path)
    _out.print(f"Saved version {latest['version']} as {export_format(name).label} to {path}.")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (use PostgreSQL for more than one).")] = 1,
) -> None:
    """Run the HTTP API and the chat page."""
    import uvicorn

    settings = Settings()
    if not settings.api_keys and host not in ("127.0.0.1", "localhost", "::1"):
        _fail(f"No API_KEYS are set, so the server only listens on 127.0.0.1, not {host}. Set API_KEYS to open it.")
    if workers < 1 or not 0 < port < 65536:
        _fail("--workers must be at least 1 and --port between 1 and 65535.")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


@app.command("eval")
def eval_command(
    suite: Annotated[str, typer.Argument(help="ask, draft, interview or all.")] = "all",
    quick: Annotated[bool, typer.Option("--quick", help="The stable subset CI runs.")] = False,
) -> None:
    """Run the eval suites from a source checkout (evals/ is not installed with the package)."""
    from agent.config import PROJECT_ROOT

    if not (PROJECT_ROOT / "evals").is_dir():
        _fail("The evals/ folder is not here: run `roadmap eval` from a source checkout.")
    sys.path.insert(0, str(PROJECT_ROOT))
    from evals.__main__ import main as run_evals

    raise typer.Exit(run_evals([suite, *(["--quick"] if quick else [])]))


@app.command("ingest")
def ingest_command() -> None:
    """Index knowledge/ into the vector store, re-embedding only what changed, and train the reader's models
    if this machine has none for the current examples."""
    try:
        settings = Settings()
        store = KnowledgeStore.from_settings(settings)
        reader = settings.embedding_backend != "hash"
        if reader:  # said first: a changed knowledge/ trains them inside the ingest
            _err.print("[dim]Indexing, then the reader's models (the first time on a machine: a few minutes)[/]")
        with _progress("Indexing knowledge", total=len(document_paths(settings.knowledge_dir))) as tick:
            report = ingest(store, settings, tick)
        if reader:  # the reader's models too, also when knowledge/ is unchanged
            from agent.profile.asks import warm_reader

            warm_reader()
    except (RoadmapAgentError, ValueError) as exc:
        _fail(str(exc))
        return
    _out.print(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {report.chunks_embedded} chunks embedded; {store.count()} in the index."
    )


knowledge_app = typer.Typer(help="Maintain the knowledge base.", no_args_is_help=True)
app.add_typer(knowledge_app, name="knowledge")


@knowledge_app.command("audit")
def knowledge_audit(
    max_age_days: Annotated[int, typer.Option("--max-age-days", help="Flag reviews older than this.")] = 180,
    as_json: Annotated[bool, typer.Option("--json", help="Print the audit as JSON.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything is due.")] = False,
    due_only: Annotated[bool, typer.Option("--due", help="List only the documents with something due.")] = False,
) -> None:
    """List knowledge documents by review date and what is due for a re-check: old reviews, dated facts that
    passed while 'pending', and dates in the text ("from 2 August 2026") that are now history."""
    from datetime import date

    from agent.retrieval.audit import as_json as audit_json
    from agent.retrieval.audit import audit_knowledge

    if max_age_days < 0:
        _fail("--max-age-days must be 0 or more.")
    try:
        audits = audit_knowledge(load_knowledge(Settings().knowledge_dir), date.today(), max_age_days)
    except (RoadmapAgentError, ValueError) as exc:
        _fail(str(exc))
        return
    due = [a for a in audits if a.due]
    shown = due if due_only else audits
    if as_json:
        print(json.dumps({"max_age_days": max_age_days, "due": len(due), "documents": audit_json(shown)}, indent=2))
    else:
        for a in shown:
            flag = "DUE" if a.due else "ok "
            age = f"{a.age_days} days" if a.age_days is not None else "no review date"
            _out.print(f"{flag} {a.reviewed or '----------'}  {a.id}  ({a.kind}, {age})", highlight=False)
            for fact in a.passed_pending:
                _out.print(f"      pending fact whose date has passed: {escape(fact)}", highlight=False)
            for phrase in a.to_recheck:
                _out.print(f"      to re-check: {escape(phrase)}", highlight=False)
        _out.print(
            f"{len(due)} of {len(audits)} documents due for a re-check (reviews older than {max_age_days} days)."
        )
    if strict and due:
        raise typer.Exit(1)


class _progress:
    """A rich progress bar on stderr that only appears once work actually starts."""

    def __init__(self, label: str, total: int | None = None) -> None:
        self._label, self._total = label, total
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self):
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


def main() -> None:
    """Console entry point: any unexpected error becomes one line on stderr and exit code 1, not a traceback."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _err.print("interrupted")
        raise SystemExit(130) from None
    except Exception as exc:  # last resort: a bug, reported without internals
        _err.print(f"[bold red]unexpected error:[/] {type(exc).__name__}: {exc}")
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
