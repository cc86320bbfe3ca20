"""Each technique on the question sets written after it: items it gains on sets it was tuned on, and on later ones.

A technique is built by reading misses of the question sets open at the time; the sets written or still unopened
then are the honest test of it. `FIRST_UNSEEN` names, for each switch, the first set (in `question_sets()` order,
which is the order the sets were written in) that nobody had opened when the switch was added: read from git, as
the commit adding the field to `retrieval/techniques.py`, its `tests/data` and its `bench/ablation.py`'s unopened
sets. Every set from that one on is "later"; the ones before it, but dev.jsonl (never tuned to), are "tuned on".
A switch changed after it was added may have been adjusted on sets that are "later" here, so the later figures
are an upper bound on how well a switch generalises, not an exact measure.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from bench.ablation import SHARED_DEV, QuestionSet, evaluate, library_of, question_sets
from retrieval.answer import AnswerPolicy
from retrieval.evaluation import DECLINE_TYPES, Report
from retrieval.service import Techniques

# The switches added while each set was still unwritten or unopened, by the first such set.
_ADDED_BEFORE: dict[str, str] = {
    "default-holdout": "spelling names cues windows dates feedback corroboration semantic",
    "default-hard-tune": "synonyms expansion focus kinds context offtopic furniture coverage_rank shared_facts",
    "default-r4-holdout": "setting answer_types framing metonyms evidence small_corpora aliases",
    "default-r7-tune": "owners places joint_figures figure_twins whole_targets everyday",
    "default-r8-holdout": "outlets times rare_names years counts shares spans clock who",
    "default-r9-holdout": "date_twins",
    "corpus5-tune": "speakers year_settings",
    "default-r10-holdout": "amounts rates blocs",
    "default-r11-holdout": "short_typos",
    "default-r13-holdout": (
        "year_answers count_ties sum_ties rate_ties paid_verbs date_ties chat_spellings name_neighbours focus_verbs"
        " focus_clauses corpus_aliases quarters"
    ),
    "default-r14-holdout": "short_words expansion_bar",
    "default-r15-holdout": (
        "every_year given_figures unit_prices changes quoted_speakers asked_days quote_requests echoes semantic_closest"
    ),
    "default-r16-holdout": (
        "everyday_chat other_periods figure_years asked_offices yes_no_names colocation future_years speaker_tags"
        " twin_years derived_synonyms narrower"
    ),
    "default-r17-holdout": (
        "gloss_words wider_quotes other_actors whole_counts span_ties figure_subjects retold causes reply_words"
        " quotation_runs"
    ),
    "default-r18-holdout": "expansion_unseen expansion_ungated demonyms",
}
FIRST_UNSEEN: dict[str, str] = {name: first for first, names in _ADDED_BEFORE.items() for name in names.split()}


@dataclass(frozen=True, slots=True)
class Tally:
    """Items right over some question sets: answerable at rank 1 and within 3, and declines held."""

    hit_at_1: int = 0
    hit_at_3: int = 0
    declined: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.hit_at_1 + other.hit_at_1, self.hit_at_3 + other.hit_at_3, self.declined + other.declined)

    def __sub__(self, other: Tally) -> Tally:
        return Tally(self.hit_at_1 - other.hit_at_1, self.hit_at_3 - other.hit_at_3, self.declined - other.declined)


def tally(reports: Iterable[Report]) -> Tally:
    """The items the reports got right, pooled."""
    total = Tally()
    for report in reports:
        for o in report.outcomes:
            if o.item.type in DECLINE_TYPES:
                total += Tally(declined=int(not o.answer.answered))
            else:
                total += Tally(int(o.hit_rank == 1), int(o.hit_rank is not None and o.hit_rank <= 3))
    return total


def split(sets: Sequence[QuestionSet], first_unseen: str) -> tuple[list[QuestionSet], list[QuestionSet]]:
    """The sets a technique was tuned on (all before first_unseen, dev.jsonl left out) and the later ones."""
    names = [s.name for s in sets]
    at = names.index(first_unseen) if first_unseen in names else len(sets)
    return [s for s in sets[:at] if s.name != "dev"], list(sets[at:])


def _signed(tally: Tally) -> str:
    return f"{tally.hit_at_1:+d} / {tally.hit_at_3:+d} / {tally.declined:+d}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print, for each switch, the items it gains (on minus off) on the sets it was tuned on and on later ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    sets = question_sets(SHARED_DEV)
    libraries = {s.corpus: library_of(s.corpus) for s in sets}
    min_coverage = AnswerPolicy().min_coverage

    def reports(techniques: Techniques) -> dict[str, Report]:
        return {s.name: evaluate(s, techniques, libraries[s.corpus], None, min_coverage) for s in sets}

    default = Techniques()
    base = reports(default)
    print("| switch | default | tuned on: sets | hit@1 / hit@3 / declines | later: sets | hit@1 / hit@3 / declines |")
    print("|---|---|---|---|---|---|")
    for field in fields(Techniques):
        if field.name == "semantic":
            continue  # acts only with the extra installed
        on = getattr(default, field.name)
        other = reports(replace(default, **{field.name: not on}))
        tuned, later = split(sets, FIRST_UNSEEN[field.name])
        cells = []
        for group in (tuned, later):
            gain = tally(base[s.name] for s in group) - tally(other[s.name] for s in group)
            cells += [str(len(group)), _signed(gain if on else Tally() - gain)]
        print(f"| {field.name} | {'on' if on else 'off'} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
