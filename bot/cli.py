"""The `quotebot` command: parse arguments, build the runtime, hand over to the chosen entrypoint."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.bootstrap import Runtime, build_runtime
from bot.console import run_console
from bot.health import check_heartbeat
from bot.heap import prepare_to_serve
from bot.progress import ProgressBar
from bot.render import render_json, render_text
from config import SettingsError, load_settings
from retrieval.corpus import CorpusError
from retrieval.evaluation import EvalFileError, Report, load_questions, score, sentence_counter

log = logging.getLogger("quotebot")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for a process stopped by Ctrl-C


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotebot", description="Answer questions about news articles with verbatim, cited quotes."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer one question (or, with --json -, one per stdin line)")
    ask.add_argument("question", help="the question; '-' reads one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON objects instead of text")
    sub.add_parser("console", help="ask questions interactively")
    sub.add_parser("index", help="load the corpus and report what it holds")
    evaluate = sub.add_parser("eval", help="score a JSONL question set")
    evaluate.add_argument("file", type=Path, help="question set, one JSON object a line")
    sub.add_parser("telegram", help="run the Telegram bot (needs QUOTEBOT_TELEGRAM_TOKEN)")
    sub.add_parser("health", help="exit 0 if the running bot's heartbeat file is fresh (container health check)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the quotebot command line and return its exit code."""
    args = _parser().parse_args(argv)
    _replace_undecodable_input()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"quotebot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(
        level=settings.log_level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "health":
        return _health(settings.heartbeat_file)
    if args.command == "telegram":
        from bot.telegram_app import MISSING_TOKEN, token_of  # noqa: PLC0415 - keep the ask path free of telegram

        if not token_of(settings):  # say so before spending time on the corpus
            print(f"quotebot: {MISSING_TOKEN}", file=sys.stderr)
            return EXIT_USAGE
    try:
        runtime = build_runtime(settings, progress=ProgressBar() if args.command == "index" else None)
    except CorpusError as exc:
        print(f"quotebot: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    for warning in runtime.corpus.warnings:
        log.warning("%s", warning)
    for skipped in runtime.corpus.skipped:
        log.warning("skipped %s: %s", skipped.path, skipped.reason)
    if _long_running(args):
        prepare_to_serve(runtime.service)  # facts now, not in the first answers; the heap out of the collector's way
    if args.command == "telegram":
        from bot.telegram_app import run_telegram  # noqa: PLC0415 - keep the ask path free of telegram imports

        return run_telegram(settings, runtime)
    try:
        return _dispatch(args, runtime)
    except BrokenPipeError:
        # The reader went away (`quotebot ask --json - | head -1`): stop quietly, as other Unix tools do,
        # and point stdout at /dev/null so the interpreter's final flush cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _dispatch(args: argparse.Namespace, runtime: Runtime) -> int:
    if args.command == "ask":
        return _ask(runtime, args.question, as_json=args.json)
    if args.command == "console":
        return run_console(runtime.service, sys.stdin, sys.stdout, interactive=sys.stdin.isatty())
    if args.command == "index":
        print(_index_report(runtime))
        return EXIT_OK
    if args.command == "eval":
        try:
            items = load_questions(args.file)
        except EvalFileError as exc:
            print(f"quotebot: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        if not items:
            print(f"quotebot: {args.file} holds no questions", file=sys.stderr)
            return EXIT_FAILURE
        report = score(items, runtime.service.answer, sentence_counter(runtime.library))
        print(format_report(report))
        return EXIT_OK
    raise AssertionError(args.command)  # argparse allows no other command


def _long_running(args: argparse.Namespace) -> bool:
    """Whether the command answers many questions in one process: the bot, the console, `ask --json -`."""
    streamed = args.command == "ask" and args.question == "-" and args.json
    return bool(args.command in ("telegram", "console") or streamed)


def _ask(runtime: Runtime, question: str, *, as_json: bool) -> int:
    question = _valid_text(question)
    if question == "-" and as_json:
        for line in sys.stdin:
            if line.strip():
                timed = runtime.service.timed(line.rstrip("\n"))
                print(render_json(timed.answer, timed.took_ms), flush=True)
        return EXIT_OK
    timed = runtime.service.timed(sys.stdin.read() if question == "-" else question)
    print(render_json(timed.answer, timed.took_ms) if as_json else render_text(timed.answer))
    return EXIT_OK


def _health(heartbeat_file: Path | None) -> int:
    health = check_heartbeat(heartbeat_file)
    if health.healthy:
        print(health.message)
        return EXIT_OK
    print(f"quotebot: {health.message}", file=sys.stderr)
    return EXIT_FAILURE


def _replace_undecodable_input() -> None:
    # Bytes that are not UTF-8 become U+FFFD as they are read, so they cannot reach the JSON or text we write.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")


def _valid_text(value: str) -> str:
    """Turn the surrogate escapes Python uses for undecodable argv bytes into U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _index_report(runtime: Runtime) -> str:
    corpus, library = runtime.corpus, runtime.library
    lines = [
        f"corpus: {corpus.folder}",
        f"articles: {len(corpus.articles)}",
        f"sentences: {len(library.sentences)}",
        f"furniture lines dropped: {library.furniture_lines}",
        f"index: {runtime.index_source}",
        f"files skipped: {len(corpus.skipped)}",
    ]
    lines.extend(f"  - {s.path}: {s.reason}" for s in corpus.skipped)
    if corpus.warnings:
        lines.append(f"warnings: {len(corpus.warnings)}")
        lines.extend(f"  - {w}" for w in corpus.warnings)
    return "\n".join(lines)


def format_report(report: Report) -> str:
    """The eval figures and the misses, as text."""
    lines = [
        f"questions: {len(report.outcomes)}",
        f"hit@1: {report.hit_at_1:.2f}",
        f"hit@3: {report.hit_at_3:.2f}",
        f"decline rate: {report.decline_rate:.2f}",
        f"multi-source recall: {report.multi_source_recall:.2f}",
        f"misses: {len(report.misses)}",
    ]
    for outcome in report.misses:
        first = outcome.answer.quotes[0].text[:100] if outcome.answer.quotes else outcome.answer.message
        lines.append(f"  {outcome.item.id} [{outcome.item.type}] {outcome.item.question}")
        lines.append(f"      -> {' '.join(first.split())}")
    return "\n".join(lines)
