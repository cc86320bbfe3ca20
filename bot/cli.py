"""The `quotebot` command: parse arguments, build the runtime, hand over to the chosen entrypoint."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.bootstrap import Runtime, build_runtime
from bot.console import run_console
from bot.progress import ProgressBar
from bot.render import render_json, render_text
from config import SettingsError, load_settings
from retrieval.corpus import CorpusError
from retrieval.evaluation import EvalFileError, Report, load_questions, score
from retrieval.model import Quote

log = logging.getLogger("quotebot")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the quotebot command line and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"quotebot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(
        level=settings.log_level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "telegram":
        from bot.telegram_app import run_telegram  # noqa: PLC0415 - keep the ask path free of telegram imports

        return run_telegram(settings)
    try:
        runtime = build_runtime(settings, progress=ProgressBar() if args.command == "index" else None)
    except CorpusError as exc:
        print(f"quotebot: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    for warning in runtime.corpus.warnings:
        log.warning("%s", warning)
    for skipped in runtime.corpus.skipped:
        log.warning("skipped %s: %s", skipped.path, skipped.reason)
    return _dispatch(args, runtime)


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
        report = score(items, runtime.service.answer, _sentence_counter(runtime))
        print(format_report(report))
        return EXIT_OK
    raise AssertionError(args.command)  # argparse allows no other command


def _ask(runtime: Runtime, question: str, *, as_json: bool) -> int:
    if question == "-" and as_json:
        for line in sys.stdin:
            if line.strip():
                timed = runtime.service.timed(line.rstrip("\n"))
                print(render_json(timed.answer, timed.took_ms), flush=True)
        return EXIT_OK
    timed = runtime.service.timed(sys.stdin.read() if question == "-" else question)
    print(render_json(timed.answer, timed.took_ms) if as_json else render_text(timed.answer))
    return EXIT_OK


def _sentence_counter(runtime: Runtime) -> Callable[[Quote], int]:
    first = runtime.library.first_sentence
    sentences = runtime.library.sentences

    def count(quote: Quote) -> int:
        start = first[quote.article_id]
        return (
            sum(
                1
                for s in sentences[start:]
                if s.article_id == quote.article_id and s.start < quote.end and s.end > quote.start
            )
            or 1
        )

    return count


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
