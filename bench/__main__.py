"""python -m bench: measure Quotebot at one or more corpus sizes and print the table (see docs/performance.md)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench.run import Row, bundled, load, measure, save, table
from retrieval.evaluation import load_questions


def _setting(text: str) -> tuple[str, str]:
    """NAME=VALUE as a pair (a QUOTEBOT_ prefix dropped); argparse reports anything else as a usage error."""
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError(f"--setting wants NAME=VALUE, not {text!r}")
    return name.removeprefix("QUOTEBOT_").removeprefix("quotebot_"), value


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sentences", type=int, nargs="*", help="corpus sizes to measure (10000 unless only plotting or --bundled)"
    )
    parser.add_argument("--questions", type=int, default=1000, help="questions asked at each size")
    parser.add_argument("--scan-questions", type=int, help="questions for rank_bm25's full scan (default: a budget)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--results", type=Path, help="add the rows to this JSON file (kept across runs)")
    parser.add_argument("--plot", type=Path, help="draw latency against corpus size from --results into this PNG")
    parser.add_argument("--bundled", action="store_true", help="also time `quotebot ask` on the bundled corpus")
    parser.add_argument("--work", type=Path, help="keep the corpus and cache here instead of a temporary folder")
    parser.add_argument(
        "--real",
        type=Path,
        nargs="+",
        help="ask these question sets' questions (JSONL) instead of synthetic ones, the bundled articles added",
    )
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        type=_setting,
        metavar="NAME=VALUE",
        help="a QUOTEBOT_ setting for the measured processes, e.g. quality_expansion=true (repeatable)",
    )
    args = parser.parse_args(argv)
    real = [item.question for path in args.real or () for item in load_questions(path)][: args.questions]
    rows = load(args.results) if args.results is not None and args.results.exists() else []
    sizes = args.sentences if args.sentences is not None else [] if args.plot or args.bundled else [10_000]
    settings = dict(args.setting)

    def measured(size: int, work: Path) -> Row:
        return measure(size, args.questions, args.scan_questions, args.seed, work, real=real, settings=settings)

    for size in sizes:
        if args.work is not None:
            row = measured(size, args.work / str(size))
        else:
            with tempfile.TemporaryDirectory(prefix="quotebot-bench-") as work:
                row = measured(size, Path(work))
        rows = [r for r in rows if r.sentences_asked != size] + [row]
        rows.sort(key=lambda r: r.sentences_asked)
        print(table([row]), flush=True)
        if args.results is not None:
            save(rows, args.results)
    if len(rows) > 1:
        print(table(rows))
    if args.bundled:
        print(json.dumps(bundled(), indent=2))
    if args.plot is not None:
        from bench.plot import plot  # noqa: PLC0415 - matplotlib is the optional `bench` extra

        plot(rows, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
