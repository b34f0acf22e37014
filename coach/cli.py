"""`coach` command line: a thin shell over ``coach.api.Coach``. Errors are one line on stderr, never a traceback."""
from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

EXIT_ERROR, EXIT_SKIPPED, EXIT_USAGE = 1, 3, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("coach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the CLI contract: one line, no traceback
        from coach.errors import CoachError

        if os.environ.get("COACH_DEBUG"):
            raise
        if isinstance(exc, CoachError):
            print(f"coach: error: {exc}", file=sys.stderr)
        else:
            detail = str(exc).strip().splitlines()
            print(f"coach: unexpected error: {type(exc).__name__}: {detail[0] if detail else ''} "
                  "(set COACH_DEBUG=1 for a traceback)", file=sys.stderr)
        return EXIT_ERROR


def _coach():
    from coach.api import Coach

    return Coach()


def _print_json(model: Any) -> None:
    if hasattr(model, "model_dump_json"):
        print(model.model_dump_json(indent=2))
    else:
        print(json.dumps(model, indent=2, ensure_ascii=False, default=lambda m: m.model_dump(mode="json")))


# -- ingest / library ---------------------------------------------------------------------------------------------
def cmd_ingest(args) -> int:
    coach = _coach()
    progress, close = _progress_bar() if sys.stderr.isatty() and not args.json else (None, lambda: None)
    try:
        report = coach.ingest(args.paths or None, rebuild=args.rebuild, prune=args.prune, progress=progress)
    finally:
        close()
    if args.json:
        _print_json(report)
    else:
        for skipped in report.skipped:
            doc_id = skipped.stored_doc_id
            kept = f" (stored by an earlier ingest: coach remove {doc_id} takes it out)" if doc_id else ""
            print(f"skipped {skipped.path}: {skipped.reason}{kept}", file=sys.stderr)
        print(report.summary_line())
    return EXIT_SKIPPED if report.skipped else 0


def _working(what: str, args):
    """A spinner saying ``what`` on a terminal's stderr while a command works (the first run loads the model, a minute
    on a busy machine, with nothing on screen); nothing when stderr is a pipe or a file, or with --json (as ingest's
    progress bar)."""
    if args.json or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(what)


def _progress_bar() -> tuple[Callable[[int, int, str], None], Callable[[], None]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"), transient=True)
    bar.start()
    task = bar.add_task("", total=None)

    def update(done: int, total: int, name: str) -> None:
        bar.update(task, completed=done, total=total, description=Path(name).name)

    return update, bar.stop


def cmd_library(args) -> int:
    summary = _coach().library_summary()
    if args.json:
        _print_json(summary)
        return 0
    if not summary.documents:
        print("The library is empty. Add articles with: coach ingest PATH")
        return 0
    print(f"{len(summary.documents)} documents, {summary.chunks} chunks ({summary.embedding_model})")
    _print_overview(summary.documents)
    by_doc: dict[str, list] = {}
    for item in summary.rubric:
        by_doc.setdefault(item.doc_id, []).append(item)
    for d in summary.documents:
        roles = ", ".join(
            r.name + (f" ({', '.join(r.aliases)})" if r.aliases else "") + (f" [levels: {', '.join(r.levels)}]"
                                                                            if r.levels else "") for r in d.roles)
        others = [m.name for m in d.companies if m.name != d.company]
        print(f"\n  {d.title}\n    id {d.doc_id} · {d.path} · {d.chunks} chunks · company: {d.company or '-'}"
              f"\n    roles: {roles or '-'}")
        if others:
            print(f"    also discusses: {', '.join(others)}")
        if d.source or d.source_url:
            print(f"    source: {d.source or d.source_url}")
        for flag in d.flags:
            print(f"    ⚠ {flag}")
        _print_rubric(by_doc.get(d.doc_id, []))
    if summary.questions:
        from coach.api import ANY_ROLE

        print("\nPractice questions:")
        for q in summary.questions:
            print(f"  - [{q.role or ANY_ROLE}] {q.text}")
    return 0


def _print_overview(documents: list) -> None:
    """One line per document first, so that a file that is no article (a folder's README, SOURCES or LICENSE)
    stands out before the details, with the command that removes it."""
    id_width = max(len(d.doc_id) for d in documents)
    print(f"\n  {'id':<{id_width}}  chunks  rubric  questions  file — title")
    for d in documents:
        print(f"  {d.doc_id:<{id_width}}  {d.chunks:>6}  {d.rubric_items:>6}  {d.questions:>9}  "
              f"{Path(d.path).name} — {d.title}")
    print("\n  Not an article? Remove it with: coach remove ID (and move it out of the folder you ingest).")


_KIND_TITLES = {
    "pair": "Mistake -> fix pairs (BAD/GOOD, ❌/✅)", "dont": "Don'ts", "pitfall": "Pitfalls / common mistakes",
    "rule": "Warnings in the text",
}


def _print_rubric(items: list) -> None:
    """What the article taught the coach: its rubric items grouped by kind."""
    if not items:
        print("    rubric: none found")
        return
    print(f"    rubric: {len(items)} items")
    for kind, heading in _KIND_TITLES.items():
        group = [i for i in items if i.kind == kind]
        if not group:
            continue
        print(f"      {heading} ({len(group)}):")
        for item in group:
            scope = ", ".join(item.roles) or "all roles"
            print(f"        - [{scope}] {item.mistake}")
            if item.quote:  # the label is phrased from this sentence: show what the article actually says
                print(f"          the article: “{item.quote}”")
            if item.fix:
                print(f"          fix: {item.fix}")
            elif item.instead:  # no fix of its own: what the article asks for in its place (the advice's source)
                print(f"          instead: {item.instead}")


def cmd_remove(args) -> int:
    coach = _coach()
    coach.remove_document(args.doc_id)
    print(json.dumps({"removed": args.doc_id}) if args.json else f"removed {args.doc_id}")
    return 0


# -- ask ----------------------------------------------------------------------------------------------------------
def cmd_ask(args) -> int:
    from coach.errors import InputError

    coach = _coach()
    if args.batch:
        return _batch(args.batch, lambda rec: coach.ask(
            _required(rec, "question"), history=rec.get("history"), role=rec.get("role"), company=rec.get("company"),
            doc_id=rec.get("doc_id")))
    if not args.question:
        raise InputError("give a QUESTION or --batch FILE")
    history = _read_json_file(args.history, "--history") if args.history else None
    with _working("Finding the passages that answer it…", args):
        answer = coach.ask(args.question, history=history, role=args.role, company=args.company, doc_id=args.doc)
    if args.json:
        _print_json(answer)
        return 0
    print(answer.answer)
    from coach.api import unsaid_note

    if note := unsaid_note(answer):
        print(f"\n({note})")
    if answer.sources:
        print("\nSources:")
        for s in answer.sources:
            print(f"  [{s.n}] {s.title} — {s.section or 'article'} ({s.path})")
    return 0


# -- practice -----------------------------------------------------------------------------------------------------
def cmd_critique(args) -> int:
    from coach.errors import InputError

    coach = _coach()
    if args.batch:
        return _batch(args.batch, lambda rec: coach.critique(
            rec.get("role"), _required(rec, "question"), rec.get("answer") or ""))
    if not (args.question or "").strip():
        raise InputError("give --question (or --batch FILE)")
    if args.answer_file:
        try:
            answer = Path(args.answer_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read --answer-file {args.answer_file}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"--answer-file {args.answer_file} is not UTF-8 text") from exc
    elif args.answer is not None:
        answer = args.answer
    else:
        raise InputError("give --answer TEXT or --answer-file FILE")
    if not answer.strip():  # as in the Practice tab: no attempt is scored (and kept in the history) for nothing
        raise InputError("the answer is empty: write your answer in --answer TEXT or --answer-file FILE")
    with _working("Reading your answer against the rubric (the first run also loads the model)…", args):
        feedback = coach.critique(args.role, args.question, answer)
    if args.json:
        _print_json(feedback)
        return 0
    print(f"Score: {feedback.score}/100 — {feedback.summary}")
    if not args.role:
        from coach.api import ANY_ROLE

        basis = "the rubric items that name no role" if feedback.role == ANY_ROLE else "the question's role in the bank"
        print(f"Judged for: {feedback.role} (no --role given: {basis})")
    for title, factors in zip(("Raised by", "Lowered by"), feedback.score_explanation()):
        if factors:
            print(f"{title}: " + "; ".join(f"{f.points:+d} {f.label}" for f in factors))
    if feedback.score_sum():
        print(f"Adds up to: {feedback.score_sum()}")
    marks = {"made": "✗ made", "avoided": "✓ avoided", "not_applicable": "– n/a", "unclear": "? unclear"}
    from coach.models import UNCLEAR_NOTE

    judged, unclear = feedback.listed_items()
    for item in judged:
        print(f"\n{marks[item.verdict]}: {item.mistake}")
        if item.evidence:
            print(f"  evidence: “{item.evidence}”")
        if item.advice and item.verdict != "not_applicable":
            print(f"  advice: {item.advice}")
    if unclear:
        print(f"\n{marks['unclear']} ({UNCLEAR_NOTE}):")
        for item in unclear:
            print(f"  - {item.open_line()}")
    if feedback.hidden_note():
        print(f"\n{feedback.hidden_note()}")
    for title, lines in (("Strengths", feedback.strengths), ("Improvements", feedback.improvements),
                         ("Delivery", feedback.delivery)):
        if lines:
            print(f"\n{title}:")
            for line in lines:
                print(f"  - {line}")
    return 0


def cmd_questions(args) -> int:
    from coach.api import ANY_ROLE

    questions = _coach().questions(args.role)
    if args.json:
        _print_json([q.model_dump(mode="json") for q in questions])
        return 0
    if not questions:
        print("No practice questions yet: ingest an article that quotes example interview questions.")
    for q in questions:
        print(f"[{q.role or ANY_ROLE}] {q.text}")
    return 0


def cmd_history(args) -> int:
    attempts = _coach().history(limit=args.limit)
    if args.json:
        _print_json([a.model_dump(mode="json") for a in attempts])
        return 0
    if not attempts:
        print("No practice attempts yet: try `coach critique --role ROLE --question Q --answer TEXT`.")
    for a in attempts:
        print(f"{a.time}  {a.score:3d}/100  [{a.role}] {a.question}")
    return 0


# -- eval / serve ---------------------------------------------------------------------------------------------
def cmd_eval(args) -> int:
    from coach.errors import InputError
    from coach.evaluation import run_evaluation

    if args.cases and not Path(args.cases).is_dir():  # found before minutes of ingest, not after
        raise InputError(f"--cases {args.cases} is not a folder (it holds ask.jsonl, critique.jsonl, ...)")
    report = run_evaluation(_coach(), only=args.only, cases_dir=args.cases)
    if args.json:
        _print_json(report)
    else:
        print(report.render())
    return 0 if report.passed else EXIT_ERROR


def cmd_serve(args) -> int:
    from coach.errors import InputError

    coach = _coach()
    host = args.host or coach.settings.host
    port = args.port or coach.settings.port
    auth = None
    if coach.settings.auth:
        user, sep, password = coach.settings.auth.partition(":")
        if not (sep and user and password):
            raise InputError("COACH_AUTH must look like user:password")
        auth = (user, password)
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None and not args.insecure:
        raise InputError(f"refusing to serve on {host} without a password: set COACH_AUTH=user:password "
                         "or pass --insecure")
    _check_free(host, port)
    workers = coach.settings.workers if args.workers is None else args.workers
    if workers < 1:
        raise InputError("--workers must be 1 or more")
    if workers > 1 and auth is not None:
        # Gradio keeps login tokens in the memory of the process that issued them: another process would refuse them.
        print("coach: serving with one app process: --workers > 1 does not support COACH_AUTH yet", file=sys.stderr)
        workers = 1
    if workers > 1:
        from coach.ui.front import serve_workers

        return serve_workers(host, port, workers)
    # No cyclic garbage collection while the app starts: the warm-up turns it back on (``app.collect_garbage``).
    gc.disable()
    from coach.ui.app import serve

    serve(coach, host=host, port=port, auth=auth)
    return 0


# -- helpers ------------------------------------------------------------------------------------------------------
def _check_free(host: str, port: int) -> None:
    """Say which address is taken before the app loads, instead of the web server's own advice after it."""
    import socket

    from coach.errors import InputError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise InputError(f"cannot serve on {host}: {exc.strerror}") from exc
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: a closed port is free
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"cannot serve on {host}:{port}: {exc.strerror or exc}; another program may be using "
                             "it, pick another with --port") from exc


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (1-65535)")
    return port


def _batch(source: str, run: Callable[[dict], Any]) -> int:
    """One JSON line out per JSON line in, in order; a bad line yields {"error": ...} and a non-zero exit."""
    from coach.errors import CoachError

    failures = 0
    for lineno, record in _json_lines(source):
        try:
            if isinstance(record, Exception):
                raise record
            result = run(record).model_dump(mode="json")
        except CoachError as exc:
            failures += 1
            result = {"error": str(exc), "line": lineno}
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return EXIT_ERROR if failures else 0


def _json_lines(source: str) -> Iterator[tuple[int, dict | Exception]]:
    from coach.errors import InputError

    if source == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(source, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read --batch {source}: {exc.strerror or exc}") from exc
    with stream:
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield lineno, record
            except ValueError as exc:
                yield lineno, InputError(f"line {lineno} is not a JSON object: {exc}")


def _required(record: dict, key: str) -> Any:
    from coach.errors import InputError

    if key not in record:
        raise InputError(f"missing {key!r}")
    return record[key]


def _read_json_file(path: str, option: str) -> Any:
    from coach.errors import InputError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {option} {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise InputError(f"{option} {path} is not valid JSON: {exc}") from exc


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coach", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Interview Coach: cited answers and practice feedback from your own interview-prep articles, "
                    "offline.",
        epilog="first steps:\n  coach ingest ~/interview-articles\n  coach ask \"How many rounds is the onsite?\"\n"
               "  coach questions\n  coach critique --question \"Tell me about a conflict\" --answer \"...\"\n\n"
               "run `coach COMMAND --help` for a command's options and an example.")
    sub = p.add_subparsers(metavar="COMMAND")

    def command(name: str, summary: str, examples: str, func: Callable) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                           epilog="example:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)
        s.set_defaults(func=func)
        return s

    s = command("ingest", "add or update articles (default: the corpus folder)",
                "  coach ingest ~/articles/amazon-mle.md ~/more-articles\n  coach ingest --prune ~/articles",
                cmd_ingest)
    s.add_argument("paths", nargs="*", help="files or folders (.md .markdown .mdx .txt .html .htm .pdf); in a folder, "
                   "its own README, LICENSE, SOURCES … that is no article is skipped (name the file to take it)")
    s.add_argument("--rebuild", action="store_true", help="delete the index and start over")
    s.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    s.add_argument("--json", action="store_true", help="print the report as JSON")

    s = command("library", "list the documents, roles, rubric items and practice questions",
                "  coach library\n  coach library --json", cmd_library)
    s.add_argument("--json", action="store_true", help="print the library as JSON (the stable interface)")

    s = command("remove", "remove a document from the library by id (ids: coach library)",
                "  coach remove 9b05cb71e30fcf84", cmd_remove)
    s.add_argument("doc_id", help="the document's id, as `coach library` shows it")
    s.add_argument("--json", action="store_true", help='print {"removed": DOC_ID}')

    s = command("ask", "answer a question with sentences quoted from your articles, cited [n]",
                "  coach ask \"How long does the Amazon MLE process take?\"\n"
                "  coach ask \"And for data scientists?\" --history chat.json --json", cmd_ask)
    s.add_argument("question", nargs="?", help="the question (quote it)")
    s.add_argument("--history", metavar="FILE.json", help='JSON list of {"role": "user"|"assistant", "content"}')
    s.add_argument("--role", help="restrict to one role (name or alias)")
    s.add_argument("--company", help="restrict to the articles about one company")
    s.add_argument("--doc", metavar="DOC_ID", help="restrict to one document (ids: coach library)")
    s.add_argument("--batch", metavar="FILE|-",
                   help="JSON lines {question, history?, role?, company?, doc_id?}; one JSON line out each")
    s.add_argument("--json", action="store_true", help="print the answer and its sources as JSON")

    s = command("critique", "score a practice answer against the mistakes your articles warn about",
                "  coach critique --role MLE --question \"Walk me through a model you shipped\" "
                "--answer-file answer.txt\n"
                "  coach critique --question \"Why do you want to work here?\" --answer \"...\" --json", cmd_critique)
    s.add_argument("--role", help="the role you practise for (name or alias); default: the question's role in "
                                  "the bank, else the rubric items for any role")
    s.add_argument("--question", help="the interview question (see: coach questions)")
    s.add_argument("--answer", metavar="TEXT", help="your answer")
    s.add_argument("--answer-file", metavar="FILE", help="read your answer from a text file")
    s.add_argument("--batch", metavar="FILE|-", help="JSON lines {role?, question, answer}; one JSON line out each")
    s.add_argument("--json", action="store_true", help="print the feedback as JSON")

    s = command("questions", "list the practice question bank", "  coach questions --role \"data scientist\"",
                cmd_questions)
    s.add_argument("--role", help="only the questions for this role and for any role")
    s.add_argument("--json", action="store_true", help="print the questions as JSON")

    s = command("history", "list past practice attempts, newest first", "  coach history --limit 10", cmd_history)
    s.add_argument("--limit", type=int, help="show at most this many")
    s.add_argument("--json", action="store_true", help="print the attempts as JSON")

    s = command("eval", "run the evaluation sets (answers and practice feedback)",
                "  coach eval --only critique", cmd_eval)
    s.add_argument("--only", choices=["ask", "ask-real", "critique", "rubric"], help="run one part only")
    s.add_argument("--cases", metavar="DIR", help="folder with ask.jsonl / critique.jsonl (default: tests/evals)")
    s.add_argument("--json", action="store_true", help="print the report as JSON")

    s = command("serve", "run the web app (chat, practice, compare, library)",
                "  coach serve --port 7860\n  COACH_AUTH=me:secret coach serve --host 0.0.0.0", cmd_serve)
    s.add_argument("--host", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=_port, help="port, 1-65535 (default 7860)")
    s.add_argument("--insecure", action="store_true", help="allow binding beyond loopback without COACH_AUTH")
    s.add_argument("--workers", type=int, help="app processes behind the one address (default COACH_WORKERS, 1)")
    return p


if __name__ == "__main__":
    sys.exit(main())
