"""Answer quality in CI: the real service on every question set must stay at or above measured floors.

Floors sit about one question below the figures measured when they were set (docs/quality.md), so a
change that costs more than a question on any set fails here. `dev` is the shared set; it is skipped where the
shared folder is not beside the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.ablation import QuestionSet, evaluate, library_of, plain, question_sets
from retrieval.evaluation import Report
from retrieval.library import Library
from retrieval.service import Techniques

# set name: (hit@1, hit@3, decline rate, multi-source recall)
FLOORS = {
    # Round ten raised, one question below its figures, every floor its techniques (speakers, year settings,
    # amounts, rates, blocs) moved up: default-tune, default-holdout, default-hard-tune, corpus2-hard-tune,
    # default-hard-holdout, default-r4-holdout, default-r7/r8/r9-holdout, corpus4-r8/r9-holdout. Round eleven (the
    # who fix, short typos) raised default-r4-holdout, default-r7-holdout and round ten's two holdouts; the news
    # metonyms after it (Kyiv, London for Britain) default-r7-tune, default-r7-holdout and default-r8-holdout.
    # multi-source raised in round five (figure twins cite two more articles: 0.67 -> 0.83); hit@1 and hit@3 in
    # session five (multi-word aliases held: 0.68 / 0.72 -> 0.72 / 0.76).
    "dev": (0.68, 0.76, 0.80, 0.70),
    "default-tune": (0.75, 0.89, 0.78, 0.90),
    "corpus2-tune": (0.69, 0.92, 0.67, 0.90),
    "default-test": (0.68, 0.74, 0.85, 0.90),
    # decline raised in round eight (clock: "what time does the supermarket close" 0.67 -> 1.00).
    "corpus2-test": (0.85, 0.92, 0.66, 0.90),
    "default-holdout": (0.72, 0.84, 0.60, 0.75),
    # hit@1 one question lower since headlines stopped being quoted: k001 had been answered by the
    # headline run together with the next sentence; on its own that sentence ranks third.
    "corpus2-holdout": (0.77, 0.83, 0.80, 0.90),  # hit@3 0.77: one question below 15/18 is 14/18 = 0.778
    # decline raised in round five (joint figures: 0.71 -> 0.79); hit@1 in round six (everyday: 0.58 -> 0.61);
    # hit@3 in round seven (aliases: 0.71 -> 0.74); decline in round eight (spans: 0.79 -> 0.86).
    "default-hard-tune": (0.70, 0.80, 0.78, 0.71),
    # hit@1 and hit@3 raised in round seven (aliases: 0.50 / 0.57 -> 0.57 / 0.64).
    "corpus2-hard-tune": (0.57, 0.57, 0.71, 0.35),
    # hit@1 and hit@3 raised in round six (everyday: 0.47 / 0.57 -> 0.50 / 0.63 and 0.56 / 0.56 -> 0.61 / 0.61);
    # in round seven hit@1, hit@3 and multi-source (aliases: 0.50 / 0.63 / 0.36 -> 0.53 / 0.67 / 0.50 and
    # 0.61 / 0.61 -> 0.67 / 0.67) and the second set's decline (rare names: 0.60 -> 0.80).
    "default-hard-holdout": (0.53, 0.70, 0.50, 0.43),
    "corpus2-hard-holdout": (0.72, 0.72, 0.80, 0.40),
    # Round four's fresh sets, default path (measured 0.55 / 0.55 / 0.40 / 0.40 and 0.85 / 0.85 / 0.40 / 0.50);
    # the first's decline raised in round seven (times: 0.40 -> 0.60).
    "default-r4-holdout": (0.59, 0.68, 0.80, 0.40),
    "corpus2-r4-holdout": (0.76, 0.84, 0.40, 0.45),  # 0.76: one question below 11/13 is 10/13 = 0.769
    # Round five's third corpus, tuning set (measured 0.59 / 0.68 / 0.75 / 0.67); hit@1 and hit@3 raised in round
    # seven (aliases and places: 0.64 / 0.73).
    "corpus3-tune": (0.59, 0.68, 0.62, 0.58),
    # Its holdout, first run after round six with nothing tuned since (measured 0.69 / 0.74 / 0.83 / 0.52); in
    # round seven 0.74 / 0.83 / 0.83 / 0.57 (newswire money, aliases, datelines); decline raised in round eight (who:
    # 0.83 -> 0.92).
    "corpus3-holdout": (0.77, 0.85, 0.83, 0.50),
    # Round seven's fresh tuning sets, measured at the round's end (0.45 / 0.64 / 0.80 / 0.48 and
    # 0.58 / 0.67 / 0.75 / 0.50).
    "default-r7-tune": (0.48, 0.66, 0.80, 0.44),
    "corpus4-tune": (0.70, 0.75, 0.75, 0.43),
    # Round seven's fresh holdouts, run once at the round's end with nothing tuned after (measured 0.58 / 0.66 /
    # 0.50 / 0.70 and 0.62 / 0.70 / 0.50 / 0.58). Raised in round eight, where they were tuning data: the first's
    # decline 0.50 -> 0.80 (years, counts, shares), the second's 0.62 / 0.70 / 0.50 -> 0.65 / 0.73 / 0.60 (spans,
    # counts). The second's multi-source raised in round nine (date twins: 0.58 -> 0.61).
    "default-r7-holdout": (0.68, 0.73, 0.80, 0.62),
    "corpus4-holdout": (0.72, 0.78, 0.60, 0.55),
    # Round eight's fresh holdouts, run once at the round's end with nothing tuned after (measured 0.63 / 0.71 /
    # 0.83 / 0.60 and 0.50 / 0.58 / 0.40 / 0.37).
    "default-r8-holdout": (0.73, 0.84, 0.91, 0.76),
    "corpus4-r8-holdout": (0.55, 0.68, 0.70, 0.46),
    # Round nine's fresh holdouts, run once at the round's end with nothing tuned after (measured 0.68 / 0.76 /
    # 0.64 / 0.89 and 0.72 / 0.81 / 0.70 / 0.71).
    "default-r9-holdout": (0.79, 0.85, 0.63, 0.88),
    "corpus4-r9-holdout": (0.78, 0.81, 0.70, 0.62),
    # Round ten (docs/quality.md): the fifth corpus's tuning set, first run with round ten's techniques (measured
    # 0.64 / 0.73 / 0.62 / 0.72), and round ten's fresh holdouts, run once at the round's end with nothing tuned
    # after (measured 0.58 / 0.66 / 0.83 / 0.75 and 0.53 / 0.71 / 0.45 / 0.61).
    "corpus5-tune": (0.68, 0.77, 0.62, 0.55),
    "default-r10-holdout": (0.60, 0.68, 0.83, 0.75),
    "corpus5-r10-holdout": (0.61, 0.73, 0.54, 0.50),
    # Round eleven's fresh holdouts, run once at the round's end with nothing tuned after (measured 0.76 / 0.79 /
    # 0.58 / 0.62 and 0.63 / 0.67 / 0.60 / 0.75).
    "default-r11-holdout": (0.81, 0.81, 0.75, 0.61),
    "corpus5-r11-holdout": (0.66, 0.73, 0.70, 0.75),
    # Round twelve's fresh holdouts, run once at the session's end with nothing tuned after (measured 0.55 / 0.55 /
    # 0.58 / 0.88 and 0.50 / 0.53 / 0.50 / 0.56).
    # The first raised after its run, where it was tuning data (year answers: decline 0.58 -> 0.75; outlet initials
    # and the names rule's lookback: hit@1 and hit@3 0.55 -> 0.61).
    "default-r12-holdout": (0.68, 0.71, 0.75, 0.86),
    "corpus5-r12-holdout": (0.50, 0.60, 0.60, 0.43),
    # Round thirteen's fresh holdouts, run once at the round's end with nothing tuned after (measured 0.55 / 0.66 /
    # 0.67 / 0.63 and 0.63 / 0.70 / 0.80 / 0.54). Round thirteen (kind ties, date ties, chat spellings, focus clauses,
    # corpus aliases, quarters, "how many" counting things) raised the eleven floors of the sets it moved up, one
    # question below their new figures: corpus2-hard-holdout, corpus3-holdout, corpus4-r8/r9-holdout, corpus5-tune,
    # default-r9/r11/r12-holdout and corpus5-r10/r11/r12-holdout.
    # Raised after the run, where they were tuning data for round fourteen's slips (chat letters, ordinals, short words:
    # 0.55 / 0.66 -> 0.58 / 0.68 and 0.63 / 0.70 -> 0.70 / 0.77).
    "default-r13-holdout": (0.68, 0.78, 0.66, 0.80),
    "corpus5-r13-holdout": (0.76, 0.80, 0.80, 0.47),
    # Round fourteen's fresh holdouts (the sixth corpus: Wikinews, 2008), run once at the round's end with nothing
    # tuned after (measured 0.45 / 0.53 / 0.58 / 0.47 and 0.53 / 0.60 / 0.80 / 0.56); one question below.
    "default-r14-holdout": (0.42, 0.50, 0.58, 0.37),
    "corpus6-r14-holdout": (0.63, 0.70, 0.80, 0.50),
    # Round fifteen's fresh holdouts (the seventh corpus: Wikinews, the US carmakers of 2008-09), run once at the
    # round's end with nothing tuned after (measured 0.66 / 0.76 / 0.50 / 0.83 and 0.57 / 0.67 / 0.50 / 0.69); one
    # question below. Round fifteen (reading fixes, quoted speakers, asked days, quote requests, echoes, given figures,
    # every year, unit prices, changes) raised the sixteen floors of the sets it moved up, one question below their
    # new figures, round fourteen's pair among them.
    "default-r15-holdout": (0.65, 0.76, 0.58, 0.86),
    "corpus7-r15-holdout": (0.60, 0.66, 0.50, 0.56),
    # Round sixteen's fresh holdouts (the eighth corpus: Wikinews, Airbus and Boeing in 2004 and 2005), run once at the
    # round's end with nothing tuned after (measured 0.47 / 0.61 / 0.67 / 0.60 and 0.50 / 0.67 / 0.70 / 0.56); one
    # question below. Round sixteen (colocation, future years, everyday chat, other periods, figure years, derived
    # synonyms, narrower nouns, asked offices, speaker tags, yes/no names) raised the twenty floors of the sets it moved
    # up, one question below their new figures, round fifteen's pair among them. Round seventeen's reading fixes raised
    # three (default-r16, default-r13 and corpus5-r10), and its typo fix default-r16 again.
    "default-r16-holdout": (0.52, 0.65, 0.58, 0.60),
    "corpus8-r16-holdout": (0.50, 0.63, 0.60, 0.43),
    # Round seventeen's fresh holdouts (the ninth corpus: Wikinews, Apple Computer in 2005 and 2006), run once at the
    # round's end with nothing tuned after (measured 0.63 / 0.68 / 0.75 / 0.70 and 0.53 / 0.53 / 0.80 / 0.16); one
    # question below. Round seventeen (wider quotes, gloss words, other actors, whole counts, span ties, figure
    # subjects, retold, causes, reply words, quotation runs) raised the eighteen floors of the sets it moved up, one
    # question below their new figures. Round twenty raised its hit@1 and hit@3 (0.66 / 0.71 now).
    "default-r17-holdout": (0.63, 0.68, 0.66, 0.60),
    "corpus9-r17-holdout": (0.50, 0.53, 0.70, 0.09),
    # Round eighteen's fresh holdout (the default corpus only: no tenth corpus), run once at the round's end with
    # nothing tuned after (measured 0.47 / 0.63 / 0.58 / 0.60); one question below. Round eighteen (expansion on with
    # its two guards, demonyms, speakers named by role) raised the nineteen floors of the sets whose figures stood more
    # than a question above them, one question below their figures now.
    "default-r18-holdout": (0.44, 0.60, 0.50, 0.50),
    # Round nineteen's fresh holdout (the default corpus only), run once at the round's end with nothing tuned after
    # (measured 0.47 / 0.58 / 0.50 / 0.65); one question below. Round nineteen (later quotes from a quarter of the best
    # quote's merit) and its merge raised seven floors that stood more than a question below their figures. Round
    # twenty's opening clause moved one answer to rank 2 (hit@3 0.61 now).
    "default-r19-holdout": (0.44, 0.57, 0.41, 0.55),
    # Round twenty's fresh holdouts on the sixth and seventh corpora, run once at the round's end with nothing tuned
    # after (measured 0.57 / 0.67 / 0.70 / 0.50 and 0.53 / 0.67 / 0.70 / 0.48); one question below.
    "corpus6-r20-holdout": (0.53, 0.63, 0.60, 0.37),
    "corpus7-r20-holdout": (0.50, 0.63, 0.60, 0.35),
    # Round twenty-one's fresh holdouts on the eighth and ninth corpora, run once at the round's end with nothing tuned
    # after (measured 0.53 / 0.60 / 0.70 / 0.35 and 0.53 / 0.67 / 0.80 / 0.40); one question below.
    "corpus8-r21-holdout": (0.50, 0.56, 0.60, 0.22),
    "corpus9-r21-holdout": (0.50, 0.63, 0.70, 0.27),
    # Round twenty-two's fresh holdout on a tenth corpus, run once at the round's end with nothing tuned after
    # (measured 0.63 / 0.71 / 0.75 / 0.58); one question below.
    "corpus10-r22-holdout": (0.60, 0.68, 0.66, 0.48),
    # Round twenty-three's fresh holdout on an eleventh corpus, run once at the round's end with nothing tuned after
    # (measured 0.58 / 0.63 / 0.58 / 0.58); one question below. Round twenty-four's "cts" read one more answer (0.61 /
    # 0.66 / 0.58 / 0.68 now).
    "corpus11-r23-holdout": (0.57, 0.63, 0.50, 0.58),
    # Round twenty-four's fresh holdout on a twelfth corpus, run once at the round's end with nothing tuned after
    # (measured 0.66 / 0.76 / 0.58 / 0.85); one question below.
    "corpus12-r24-holdout": (0.63, 0.73, 0.50, 0.75),
}
SETS = {s.name: s for s in question_sets()}


@cache
def library(folder: Path) -> Library:
    return library_of(folder)


def figures(qset: QuestionSet, techniques: Techniques) -> tuple[float, float, float, float]:
    report: Report = evaluate(qset, techniques, library(qset.corpus), None, min_coverage=0.5)
    return report.hit_at_1, report.hit_at_3, report.decline_rate, report.multi_source_recall


def below(measured: tuple[float, ...], floor: tuple[float, ...]) -> list[str]:
    names = ("hit@1", "hit@3", "decline", "multi-source")
    return [f"{n} {m:.2f} < {f:.2f}" for n, m, f in zip(names, measured, floor, strict=True) if m < f - 1e-9]


@pytest.mark.parametrize("name", sorted(FLOORS), ids=sorted(FLOORS))
def test_question_set_stays_above_its_floors(name: str) -> None:
    if name not in SETS:
        pytest.skip(f"{name}: the shared question set is not beside this checkout")
    assert below(figures(SETS[name], Techniques()), FLOORS[name]) == []


def test_the_floors_catch_plain_bm25() -> None:
    tuning = ("default-tune", "corpus2-tune", "default-hard-tune", "corpus2-hard-tune")
    failing = [name for name in tuning if below(figures(SETS[name], plain()), FLOORS[name])]
    assert failing == list(tuning)
