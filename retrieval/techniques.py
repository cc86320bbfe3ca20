"""The answer-quality techniques as switches, and the answer policy each combination of them gives."""

from __future__ import annotations

from dataclasses import dataclass, replace

from retrieval.answer import AnswerPolicy
from retrieval.query import Readings

RELATED_SHARE = 0.8  # a question term held only through a related word counts this much
CONTEXT_SHARE = 0.5  # ... and one held only by a neighbouring sentence or the headline
# ... and a word no article uses held by a noun of its WordNet definition (gloss words): as much as a relative, times
# how specific the noun is among WordNet's definitions (round seventeen, docs/quality.md).
DEFINED_SHARE = RELATED_SHARE
EXPANSION_SHARE = 0.3  # the related-words query's share of the BM25 score
EXPANSION_COVERAGE = 0.6  # with the expansion bar on, a passage only the related-words query reached must cover this
COVERAGE_POWER = 1.0  # passages rank by score x coverage ** this
MAX_UNKNOWN_SHARE = 0.5  # decline when unknown words carry this share of the question
RELATION_KINDS = ("syn", "der", "sim")  # WordNet relations used; hypernyms ("hyp") are measured in docs/quality.md
PLACE_KINDS = ("hol",)  # with metonyms on, between the corpus's names: a capital for its country, both ways
ALIAS_KINDS = ("der",)  # with metonyms on, a name also goes by its derived forms ("Western" for West)
NAME_KINDS = ("als",)  # with aliases on, a name goes by its first sense's other names ("US" for America, American)
SETTING_SHARE = 0.5  # a question term prominent in the passage's article counts this much for coverage
EVIDENCE_BOOST = 0.5  # a sentence with the answer kind asked for scores this much more
TYPE_SHARE = 1.0  # a sentence holding an instance of "which X"'s X gets this share of X's weight
ECHO_LIFT = 0.2  # with echoes on, each other article reporting a passage (up to three) lifts its merit this much
KIND_LIFT = 0.5  # with colocation on, a passage's merit times 1 + this x the question share beside its asked kind
CAUSE_LIFT = 0.5  # with causes on, a "why" passage's merit times 1 + this x the question share beside a cause
RARE_NAME_SHARE = 0.75  # with rare names on, a name weighing this share of the largest idf is always required


@dataclass(frozen=True, slots=True)
class Techniques:
    """Which answer-quality techniques are on; each can be switched off on its own (see docs/quality.md)."""

    spelling: bool = True
    names: bool = True
    cues: bool = True
    windows: bool = True
    dates: bool = True
    feedback: bool = False
    corroboration: bool = True
    semantic: bool = False
    synonyms: bool = True
    expansion: bool = True  # on since round eighteen, with expansion_unseen and expansion_ungated (docs/quality.md)
    expansion_bar: bool = True  # round fourteen (docs/quality.md): what only expansion finds must cover more
    # Round eighteen (docs/quality.md), both acting with expansion on: it searches the relatives of the words no
    # article uses only, and what only it finds meets the bar with those words at full weight, not rarity-gated.
    expansion_unseen: bool = True
    expansion_ungated: bool = True
    focus: bool = True
    kinds: bool = True
    context: bool = True
    offtopic: bool = True
    furniture: bool = True
    coverage_rank: bool = True
    shared_facts: bool = True
    # Round three (docs/quality.md): what questions in chat look like when they avoid the articles' words.
    setting: bool = True
    answer_types: bool = True
    framing: bool = True
    metonyms: bool = True
    evidence: bool = True
    small_corpora: bool = True
    # Round five (docs/quality.md): the relation a question asks about, and corroboration by figures.
    owners: bool = True
    places: bool = True
    joint_figures: bool = True
    figure_twins: bool = True
    whole_targets: bool = False
    # Round six (docs/quality.md): answerable questions that miss.
    everyday: bool = True
    # Round seven (docs/quality.md): names written another way.
    aliases: bool = True
    outlets: bool = True
    times: bool = True
    rare_names: bool = True
    # Round eight (docs/quality.md): declining what the articles do not say.
    years: bool = True
    counts: bool = True
    shares: bool = True
    spans: bool = True
    clock: bool = True
    who: bool = True
    # Round nine (docs/quality.md): multi-source recall.
    date_twins: bool = True
    # Round ten (docs/quality.md): whose words a question asks for.
    speakers: bool = True
    year_settings: bool = True
    amounts: bool = True
    rates: bool = True
    blocs: bool = True
    short_typos: bool = True
    year_answers: bool = True
    # Round thirteen (docs/quality.md): the asked-for fact must be about the asked thing.
    count_ties: bool = True
    sum_ties: bool = True
    rate_ties: bool = True
    paid_verbs: bool = True
    date_ties: bool = True
    # Round thirteen (docs/quality.md): chat spellings.
    chat_spellings: bool = True
    name_neighbours: bool = False
    # Round thirteen (docs/quality.md): focus words.
    focus_verbs: bool = False
    focus_clauses: bool = True
    # Round thirteen (docs/quality.md): corpus aliases.
    corpus_aliases: bool = True
    quarters: bool = True
    # Round fourteen (docs/quality.md): slips.
    short_words: bool = True
    # Round fifteen (docs/quality.md): declines.
    every_year: bool = True
    given_figures: bool = True
    unit_prices: bool = True
    changes: bool = True
    # Round fifteen (docs/quality.md): reading fixes.
    quoted_speakers: bool = True
    asked_days: bool = True
    quote_requests: bool = True
    # Round fifteen (docs/quality.md): ordering.
    echoes: bool = True
    # Round sixteen (docs/quality.md): declines.
    everyday_chat: bool = True
    other_periods: bool = True
    figure_years: bool = True
    # Round sixteen (docs/quality.md): declines, second part.
    asked_offices: bool = True
    # Round sixteen (docs/quality.md): declines, third part.
    yes_no_names: bool = True
    # Round sixteen (docs/quality.md): ordering.
    colocation: bool = True
    future_years: bool = True
    # Round sixteen (docs/quality.md): speakers.
    speaker_tags: bool = True
    # Round sixteen (docs/quality.md): multi-source recall.
    twin_years: bool = True
    # Round seventeen (docs/quality.md): declines.
    other_actors: bool = True
    whole_counts: bool = True
    span_ties: bool = True
    # Round seventeen (docs/quality.md): ordering.
    wider_quotes: bool = True
    # Round seventeen (docs/quality.md): multi-source recall.
    figure_subjects: bool = True
    retold: bool = True
    # Round seventeen (docs/quality.md): asked kinds.
    causes: bool = True
    reply_words: bool = True
    quotation_runs: bool = True
    # Round fifteen, inside the semantic extra: the closest passage answers from less, far ones never.
    semantic_closest: bool = True
    # Round sixteen (docs/quality.md): the coverage gate, for question words no article uses.
    derived_synonyms: bool = True
    narrower: bool = True
    # Round seventeen (docs/quality.md): paraphrase in the gate.
    gloss_words: bool = True
    # Round eighteen (docs/quality.md): names in the gate.
    demonyms: bool = True


def policy_for(techniques: Techniques, policy: AnswerPolicy) -> AnswerPolicy:
    """The policy with the answer builder's switches set from the techniques."""
    return replace(
        policy,
        wide_corroboration=techniques.corroboration,
        extend_for_coverage=techniques.windows,
        require_names=techniques.names,
        related_share=RELATED_SHARE if techniques.synonyms else 0.0,
        defined_share=DEFINED_SHARE if techniques.gloss_words else 0.0,
        context_share=CONTEXT_SHARE if techniques.context else 0.0,
        require_focus=techniques.focus,
        require_kind=techniques.kinds,
        max_unknown_share=MAX_UNKNOWN_SHARE if techniques.offtopic else float("inf"),
        furniture_check=techniques.furniture,
        shared_facts=techniques.shared_facts,
        coverage_power=COVERAGE_POWER if techniques.coverage_rank else 0.0,
        setting_share=SETTING_SHARE if techniques.setting else 0.0,
        name_aliases=techniques.metonyms,
        joint_figures=techniques.joint_figures,
        figure_twins=techniques.figure_twins,
        whole_targets=techniques.whole_targets,
        require_years=techniques.years,
        counts=techniques.counts,
        date_twins=techniques.date_twins,
        twin_years=techniques.twin_years,
        figure_subjects=techniques.figure_subjects,
        retold=techniques.retold,
        speakers=techniques.speakers,
        amounts=techniques.amounts,
        blocs=techniques.blocs,
        count_ties=techniques.count_ties,
        sum_ties=techniques.sum_ties,
        rate_ties=techniques.rate_ties,
        date_ties=techniques.date_ties,
        every_year=techniques.every_year,
        given_figures=techniques.given_figures,
        unit_prices=techniques.unit_prices,
        changes=techniques.changes,
        quoted_speakers=techniques.quoted_speakers,
        asked_days=techniques.asked_days,
        other_periods=techniques.other_periods,
        figure_years=techniques.figure_years,
        asked_offices=techniques.asked_offices,
        yes_no_names=techniques.yes_no_names,
        other_actors=techniques.other_actors,
        whole_counts=techniques.whole_counts,
        span_ties=techniques.span_ties,
        speaker_tags=techniques.speaker_tags,
        expansion_coverage=EXPANSION_COVERAGE if techniques.expansion_bar else 0.0,
        expansion_ungated=techniques.expansion_ungated,
        echo_lift=ECHO_LIFT if techniques.echoes else 0.0,
        kind_lift=KIND_LIFT if techniques.colocation else 0.0,
        wider_quotes=techniques.wider_quotes,
        cause_lift=CAUSE_LIFT if techniques.causes else 0.0,
        quotation_runs=techniques.quotation_runs,
    )


def readings_for(techniques: Techniques) -> Readings:
    """Which readings of a question's wording the techniques switch on."""
    t = techniques
    return Readings(
        frame_words=t.cues,
        reply_words=t.reply_words,
        cues=t.cues,
        focus=t.focus or t.kinds,
        framing=t.framing,
        owners=t.owners,
        places=t.places,
        two_word_names=t.aliases,
        times=t.times,
        shares=t.shares,
        rates=t.rates,
        year_answers=t.year_answers,
        spans=t.spans,
        clock=t.clock,
        who=t.who,
        paid=t.paid_verbs,
        focus_verbs=t.focus_verbs,
        focus_clauses=t.focus_clauses,
        actors=t.other_actors,
    )
