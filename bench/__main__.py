"""python -m bench: measure Quotebot at one or more corpus sizes and print the table (see docs/performance.md)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench.run import bundled, load, measure, save, table


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
    args = parser.parse_args(argv)
    rows = load(args.results) if args.results is not None and args.results.exists() else []
    sizes = args.sentences if args.sentences is not None else [] if args.plot or args.bundled else [10_000]
    for size in sizes:
        if args.work is not None:
            row = measure(size, args.questions, args.scan_questions, args.seed, args.work / str(size))
        else:
            with tempfile.TemporaryDirectory(prefix="quotebot-bench-") as work:
                row = measure(size, args.questions, args.scan_questions, args.seed, Path(work))
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
