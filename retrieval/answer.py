"""Build an answer from a question and ranked sentences: verbatim quotes with citations, or a decline."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.colocation import asks_cause, cause_share, kind_share
from retrieval.corroboration import TwinRules, Twins, figure_terms, tying_figures
from retrieval.coverage import Judge, Meaning, Passage, Rules
from retrieval.facts import SentenceFacts, days_in
from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Answer, Citation, Quote
from retrieval.query import Query, QueryTerm

__all__ = ["AnswerPolicy", "Meaning", "QueryTerm", "build_answer"]

# Passages judged per quote when looking for its figure twins: a bound on the work, whatever the corpus.
_MAX_FIGURE_TWINS = 16
# Days between a story and its retelling (syndicated copy is rewritten in the same news cycle).
_RETOLD_DAYS = 1
# Other articles that count towards a passage's echo lift: past a few, more outlets say little more.
_MAX_ECHOES = 3
_PAGE_MESSAGE = (
    "The articles don't answer this: it is about the web page (its comments, subscriptions or donations), "
    "not about what the articles report."
)


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """How strict and how long answers are."""

    max_quotes: int = 3
    min_coverage: float = 0.5
    max_quote_chars: int = 500
    # Later quotes must score at least this share of the best quote's score (0.35 until round nineteen: at 0.25 the
    # opened sets gained four answers at rank 2 or 3 and lost none; docs/quality.md, round nineteen).
    min_relative_score: float = 0.25
    # Weighted term overlap at which two sentences from different articles count as one statement.
    corroboration_overlap: float = 0.5
    # Look for corroborating articles among every ranked sentence, not only among the quoted ones.
    wide_corroboration: bool = True
    # A passage must hold every proper name the question asks about (in it, or the sentence before it).
    require_names: bool = True
    # Quote the neighbouring sentence when it holds question terms the hit lacks (a name behind "he").
    extend_for_coverage: bool = True
    # A question term held only through a related word (synonym, derived form) counts this share; 0 is off.
    related_share: float = 0.0
    defined_share: float = 0.0  # a word no article uses, held by a word of its WordNet definitions; 0 is off
    # A question term held only by a neighbouring sentence or the headline counts this share; 0 is off.
    context_share: float = 0.0
    # A passage must speak of what the question counts or asks about ("how many medals", "about Nato").
    require_focus: bool = False
    # "How many" needs a figure in the quote and "how much did they pay" a sum of money.
    require_kind: bool = False
    # Decline when words no article uses, nor any word related to them, carry this share of the question.
    max_unknown_share: float = 1.0
    # Decline when a left-out furniture line (comment form, donation appeal) matches better than any passage.
    furniture_check: bool = False
    # A covering passage elsewhere corroborates a quote that gives the same figures or distinctive words.
    shared_facts: bool = False
    answer_overlap: float = 0.3  # weighted share of distinctive (non-question) words in common
    wording_similarity: float = 70.0  # rapidfuzz token_set_ratio at which two passages say the same
    # Order passages by score times coverage to this power (0 keeps the ranker's order).
    coverage_power: float = 0.0
    # A question term prominent in the passage's article (headline, lead, recurring) counts this share; 0 is off.
    setting_share: float = 0.0
    # A required name is held by its aliases too (derived forms, the places it lies in).
    name_aliases: bool = False
    # "How many X" needs its figure in the sentence that speaks of X.
    joint_figures: bool = False
    # Another article's passage that gives a quote's rare figure and covers the question corroborates it.
    figure_twins: bool = False
    # For "when": another article's passage that answers the question with the same date corroborates a quote.
    date_twins: bool = False
    # A shared year ties two reports (figure twins, shared facts) only when the question asks when or what year.
    twin_years: bool = False
    # A passage of another article at the place where it retells the quote (the sentences around both make the same
    # statements) reports it too.
    retold: bool = False
    # A shared figure ties two reports (figure twins, shared facts) only when the other passage holds the question's
    # names and focus: a figure is a fact only with its subject.
    figure_subjects: bool = False
    # What the question counts or asks of ("unemployment rate") needs its head and half its weight in the quote.
    whole_targets: bool = False
    # A year the question names must be the passage's: written, said relatively, or its article's.
    require_years: bool = False
    # "How many" is not answered by a year or a day of the month alone.
    counts: bool = False
    # "What did X say" needs X saying something in the passage or just before it.
    speakers: bool = False
    # With counts on, "how many" is not answered by a sum of money or a share either.
    amounts: bool = False
    # "The West" or "Western" alone is a loose bloc: it counts for coverage, but the names rule does not require it.
    blocs: bool = False
    # "How many X" is not answered by a figure that counts another noun ("15 deals" for "how many planes").
    count_ties: bool = False
    # "How much did X earn" is not answered by a sum another money word stands nearer to ("sales of 170 mln dlrs").
    sum_ties: bool = False
    # "What inflation rate" is not answered by a share of another rate ("the 3.3 pct growth rate").
    rate_ties: bool = False
    # "When did X ..." is not answered by a date whose clause holds none of the question's own words.
    date_ties: bool = False
    # Round fifteen: each year the question names is the passage's; a figure it gives is a key concept; a price per
    # unit is no total; "how much did X grow" needs a change, not a level.
    every_year: bool = False
    given_figures: bool = False
    unit_prices: bool = False
    changes: bool = False
    # A quotation's speaker, named before it opened, is held around each of its sentences (names rule and coverage).
    quoted_speakers: bool = False
    # A whole quotation with no attribution, right after a sentence quoting someone, is that speaker's too.
    quotation_runs: bool = False
    # A day of the month the question names must be the passage's: its article's, or written or said relatively.
    asked_days: bool = False
    # A passage naming only other quarters than the one the question names answers nothing about the asked one.
    other_periods: bool = False
    # With years on, a sentence that gives the figure asked for must be of the year the question names, not only its
    # neighbour ("15 other cooperation deals" in the 2022 story, beside "a goal ... by 2024").
    figure_years: bool = False
    # "Which judge / officials ..." (a noun WordNet files as a person in every sense) needs the office or a derived form
    # of it written in the passage itself: news copy names an official with the office.
    asked_offices: bool = False
    yes_no_names: bool = False
    # Round sixteen: a quotation the passage opens and leaves open is its speaker's, named by the tag after it closes
    # ("...,`` he said." a sentence on), for the speakers rule.
    speaker_tags: bool = False
    # Round seventeen: "How much did TWA pay ...?" is not answered by a passage that writes the asked verb only with
    # another name as its subject ("Chrysler will pay ...").
    other_actors: bool = False
    # Round seventeen: "how many X" is not answered by a figure below one (".0840 of a share" is a ratio, not a count).
    whole_counts: bool = False
    # Round seventeen: "how long did X last" is not answered by spans joined to other nouns ("a two-day visit").
    span_ties: bool = False
    # A passage only the related-words query reached (expansion) answers only from this coverage; 0 is no stricter.
    expansion_coverage: float = 0.0
    # ... and meets it by the lower of its coverage and its gate: the unseen words it was found through weigh fully.
    expansion_ungated: bool = False
    # Each other article (up to three) with a supported passage making the same statement lifts a passage's merit by
    # this share: what several outlets report is likelier the answer than what one does. 0 is off.
    echo_lift: float = 0.0
    # A passage whose sentence giving the asked kind (a figure, a date, a name, a place) holds a share s of the
    # question's weight has its merit times 1 + this x s: the figure beside the question's words answers it. 0 is off.
    kind_lift: float = 0.0
    # A lower passage that holds a chosen quote and more of its story (the chosen sentence with the neighbour the
    # judge read beside it) replaces that quote instead of being dropped as a repeat of it.
    wider_quotes: bool = False
    # For a "why" question, a passage whose sentence giving a cause (because, due to, in the hope of ...) holds a
    # share s of the question's weight has its merit times 1 + this x s: a reason beside the question's words. 0 is off.
    cause_lift: float = 0.0

    def rules(self) -> Rules:
        """The part of the policy that judges single passages."""
        return Rules(
            max_chars=self.max_quote_chars,
            require_names=self.require_names,
            extend_for_coverage=self.extend_for_coverage,
            related_share=self.related_share,
            defined_share=self.defined_share,
            context_share=self.context_share,
            require_focus=self.require_focus,
            require_kind=self.require_kind,
            setting_share=self.setting_share,
            name_aliases=self.name_aliases,
            joint_figures=self.joint_figures,
            whole_targets=self.whole_targets,
            require_years=self.require_years,
            counts=self.counts,
            speakers=self.speakers,
            amounts=self.amounts,
            blocs=self.blocs,
            count_ties=self.count_ties,
            sum_ties=self.sum_ties,
            rate_ties=self.rate_ties,
            date_ties=self.date_ties,
            every_year=self.every_year,
            given_figures=self.given_figures,
            unit_prices=self.unit_prices,
            changes=self.changes,
            quoted_speakers=self.quoted_speakers,
            quotation_runs=self.quotation_runs,
            asked_days=self.asked_days,
            other_periods=self.other_periods,
            figure_years=self.figure_years,
            asked_offices=self.asked_offices,
            yes_no_names=self.yes_no_names,
            speaker_tags=self.speaker_tags,
            other_actors=self.other_actors,
            whole_counts=self.whole_counts,
            span_ties=self.span_ties,
        )

    def twin_rules(self) -> TwinRules:
        """The part of the policy that decides when two passages report the same thing."""
        return TwinRules(
            self.corroboration_overlap,
            self.shared_facts,
            self.answer_overlap,
            self.wording_similarity,
            twin_years=self.twin_years,
            figure_subjects=self.figure_subjects,
        )


def build_answer(
    question: str,
    *,
    query: Query,
    hits: Sequence[Hit],
    library: Library,
    terms_of: Callable[[int], frozenset[str]],
    weight_of: Callable[[str], float],
    policy: AnswerPolicy,
    facts: Sequence[SentenceFacts] | None = None,
    titles: Mapping[str, frozenset[str]] | None = None,
    furniture: Sequence[frozenset[str]] = (),
    settings: Mapping[str, frozenset[str]] | None = None,
    meaning: Meaning | None = None,
    holding: Callable[[Sequence[str]], Sequence[int]] | None = None,
    expanded: Collection[int] = frozenset(),
) -> Answer:
    """Quote the best-supported passages for the question, or decline naming what is missing.

    holding, when given, lists the sentences that hold any of some (rare) terms: with figure twins on,
    the other articles that give a quote's figures are looked for there, not only among the hits.
    expanded lists the hit sentences only query expansion reached: they answer from policy.expansion_coverage.
    """
    if not query.terms:
        return Answer(question, False, "Ask about something the articles might cover: a person, place or event.")
    unknown = _unknown_words(query, policy) or _beside_words(query)
    if unknown:
        return Answer(question, False, f"The articles don't answer this: none of them mentions {unknown}.")
    judge = Judge(library, terms_of, policy.rules(), facts, titles, settings, meaning)
    passages = [judge.passage(hit, query) for hit in hits]
    if policy.furniture_check and _about_the_page(query, passages, furniture, policy.min_coverage):
        return Answer(question, False, _PAGE_MESSAGE)
    supported = [p for p in passages if _supports(p, policy, expanded, meaning)]
    if not supported:
        return Answer(question, False, _decline_message(query.terms, passages, policy.min_coverage))
    twins = Twins(library, query, weight_of, policy.twin_rules(), meaning, facts)
    merits = _kind_merits(supported, question, query, library=library, facts=facts, terms_of=terms_of, policy=policy)
    if policy.echo_lift > 0:
        merits = _echoed(supported, merits, twins, policy)
    if policy.coverage_power > 0 or policy.echo_lift > 0 or policy.kind_lift > 0 or policy.cause_lift > 0:
        # A passage that covers more of the question (by related words and context too), or that other outlets
        # report too, ranks higher.
        supported.sort(key=lambda p: (-merits[id(p)], p.hit.doc))
    chosen, cited, spans = _choose(supported, twins, library, policy, merits)
    _corroborate(chosen, cited, passages, twins=twins, judge=judge, policy=policy, holding=holding)
    quotes = tuple(_quote(p, cited[i], library) for i, p in enumerate(spans))
    sources = {c.article_id for q in quotes for c in q.citations}
    message = f"{_count(len(quotes), 'quote')} from {_count(len(sources), 'article')}."
    return Answer(question, True, message, quotes)


def _corroborate(
    chosen: Sequence[Passage],
    cited: list[list[Citation]],
    passages: Sequence[Passage],
    *,
    twins: Twins,
    judge: Judge,
    policy: AnswerPolicy,
    holding: Callable[[Sequence[str]], Sequence[int]] | None,
) -> None:
    """Cite for each quote the other articles that report it, by the switched-on rules."""
    library = judge.library
    if policy.wide_corroboration:
        # A rewording of the same report may rank low; it still corroborates when it covers the question.
        for passage in passages:
            twin = twins.find(passage, chosen, wide=passage.coverage >= policy.min_coverage)
            if twin is None and policy.date_twins and _supports(passage, policy):
                twin = twins.find_date(passage, chosen)
            if twin is not None and passage.coverage >= policy.min_coverage / 2:
                _add_citation(cited[twin], library, passage)
    if policy.retold:
        _cite_retold(chosen, cited, passages, twins, library)
    if policy.figure_twins and holding is not None:
        _cite_figure_twins(
            chosen,
            cited,
            twins.query,
            judge,
            holding=holding,
            min_coverage=policy.min_coverage / 2,
            years=policy.twin_years,
            subjects=policy.figure_subjects,
        )


def _unknown_words(query: Query, policy: AnswerPolicy) -> str | None:
    """The words no article uses (nor any word related to them), when they carry too much of the question."""
    unknown = [t for t in query.terms if t.unseen and not t.related]
    total = sum(t.weight for t in query.terms) or 1.0
    if not unknown or sum(t.weight for t in unknown) / total < policy.max_unknown_share:
        return None
    return ", ".join(f"“{t.surface}”" for t in unknown[:3])


def _beside_words(query: Query) -> str | None:
    """The words no article uses, when the question is everyday chat beside the corpus (topics.py)."""
    if not query.beside:
        return None
    unseen = [t.surface for t in query.terms if t.unseen][:3]
    return ", ".join(f"“{word}”" for word in unseen) or None


def _about_the_page(
    query: Query, passages: Sequence[Passage], furniture: Sequence[frozenset[str]], min_coverage: float
) -> bool:
    """Whether a left-out furniture line covers the question at least as well as every passage does."""
    if not furniture:
        return False
    total = sum(t.weight for t in query.terms) or 1.0
    best_line = max(sum(t.weight for t in query.terms if t.term in line) / total for line in furniture)
    return best_line >= min_coverage and best_line >= max((p.coverage for p in passages), default=0.0)


def _echoed(
    supported: Sequence[Passage], merits: Mapping[int, float], twins: Twins, policy: AnswerPolicy
) -> dict[int, float]:
    """The merits with each passage lifted by the other articles whose supported passages make its statement too."""
    lifted = dict(merits)
    most = 1 + _MAX_ECHOES * policy.echo_lift
    # Only a passage that could still reach the quotes once lifted is worth comparing (bounds the pairs judged).
    bar = policy.min_relative_score * max(merits.values()) / most
    # The same statement only: sharing a figure or a few distinctive words also ties wire boilerplate together.
    same = twins.statements(supported)
    for row, passage in enumerate(supported):
        if merits[id(passage)] < bar:
            continue
        articles = {supported[other].article_id for other in np.flatnonzero(same[row]).tolist()} - {passage.article_id}
        echoes = min(len(articles), _MAX_ECHOES)
        lifted[id(passage)] = merits[id(passage)] * (1 + policy.echo_lift * echoes)
    return lifted


def _beside(
    supported: Sequence[Passage],
    merits: Mapping[int, float],
    query: Query,
    *,
    facts: Sequence[SentenceFacts],
    terms_of: Callable[[int], frozenset[str]],
    policy: AnswerPolicy,
) -> dict[int, float]:
    """The merits with each passage lifted by how much of the question its sentence giving the asked kind holds."""
    if query.cue is None:
        return dict(merits)
    lifted = {}
    for p in supported:
        share = kind_share(p, query, facts=facts, terms_of=terms_of, related_share=policy.related_share)
        lifted[id(p)] = merits[id(p)] * (1 + policy.kind_lift * share)
    return lifted


def _kind_merits(
    supported: Sequence[Passage],
    question: str,
    query: Query,
    *,
    library: Library,
    facts: Sequence[SentenceFacts] | None,
    terms_of: Callable[[int], frozenset[str]],
    policy: AnswerPolicy,
) -> dict[int, float]:
    """Each passage's merit, lifted by the question share beside the kind of answer asked for (colocation) and, for
    "why", beside a cause (causes)."""
    merits = {id(p): _merit(p, policy) for p in supported}
    if policy.kind_lift > 0 and facts is not None:
        merits = _beside(supported, merits, query, facts=facts, terms_of=terms_of, policy=policy)
    if policy.cause_lift > 0 and asks_cause(question):
        shared = policy.related_share
        for p in supported:
            share = cause_share(p, query, text_of=library.text_of, terms_of=terms_of, related_share=shared)
            merits[id(p)] *= 1 + policy.cause_lift * share
    return merits


def _choose(
    supported: Sequence[Passage],
    twins: Twins,
    library: Library,
    policy: AnswerPolicy,
    merits: Mapping[int, float],
) -> tuple[list[Passage], list[list[Citation]], list[Passage]]:
    """The passages to quote, best first, each with the articles that report it, and the span each is quoted by.

    A quote's span is its passage, or with wider quotes a lower passage that takes in all of it and more; the
    passage itself still says which statement the quote makes (twins and citations are found by it).
    """
    top = merits[id(supported[0])]
    chosen: list[Passage] = []
    cited: list[list[Citation]] = []
    spans: list[Passage] = []
    for passage in supported:
        if merits[id(passage)] < policy.min_relative_score * top:
            break
        shared = [i for i, span in enumerate(spans) if _overlaps(passage, span)]
        if shared:
            if policy.wider_quotes and len(shared) == 1 and _holds(passage, spans[shared[0]]):
                spans[shared[0]] = passage
            continue
        twin = twins.find(passage, chosen, wide=False)
        if twin is not None:
            _add_citation(cited[twin], library, passage)
        elif len(chosen) < policy.max_quotes:
            chosen.append(passage)
            cited.append([Citation.of(library.articles[passage.article_id])])
            spans.append(passage)
    return chosen, cited, spans


def _cite_figure_twins(
    chosen: Sequence[Passage],
    cited: list[list[Citation]],
    query: Query,
    judge: Judge,
    *,
    holding: Callable[[Sequence[str]], Sequence[int]],
    min_coverage: float,
    years: bool = False,
    subjects: bool = False,
) -> None:
    """Cite for each quote the other articles with a passage that gives its rare figures and covers the question
    (with years set, a year only when the question asks when or what year; with subjects set, only a passage that
    holds the question's names and focus)."""
    library = judge.library
    for i, passage in enumerate(chosen):
        judged = 0
        days = days_in(library.text_of(passage.hit.doc))
        for doc in holding(tying_figures(figure_terms(passage.core, query, days), query, twin_years=years)):
            if any(c.article_id == library.article_id_of(doc) for c in cited[i]):
                continue
            if judged == _MAX_FIGURE_TWINS:
                break
            judged += 1
            other = judge.passage(Hit(doc, 0.0), query)
            if other.coverage >= min_coverage and (other.subject or not subjects):
                _add_citation(cited[i], library, other)


def _cite_retold(
    chosen: Sequence[Passage],
    cited: list[list[Citation]],
    passages: Sequence[Passage],
    twins: Twins,
    library: Library,
) -> None:
    """Cite for each quote the other articles whose judged passage stands where that article retells the quote (the
    retelling is the evidence: it need not cover the question more than the quote does). Syndicated copy is retold in
    the same news cycle: an article dated more than a day from the quote's is not read (undated ones are)."""
    articles = library.articles
    for i, passage in enumerate(chosen):
        published = articles[passage.article_id].date
        for other in passages:
            if other.article_id == passage.article_id or any(c.article_id == other.article_id for c in cited[i]):
                continue
            dated = articles[other.article_id].date
            if published is not None and dated is not None and abs((dated - published).days) > _RETOLD_DAYS:
                continue
            if twins.retells(passage, other.hit.doc) is not None:
                _add_citation(cited[i], library, other)


def _supports(
    passage: Passage, policy: AnswerPolicy, expanded: Collection[int] = frozenset(), meaning: Meaning | None = None
) -> bool:
    # With the semantic extra: the passage closest in meaning answers from less, one far from it never.
    bar = policy.min_coverage if meaning is None else meaning.bar(passage.first, passage.last, policy.min_coverage)
    if bar is None:
        return False
    # Words related to the question's find sentences about anything; one found only through them must cover more.
    held = passage.answers
    if passage.hit.doc in expanded:
        bar = max(bar, policy.expansion_coverage)
        if policy.expansion_ungated:
            # The gate discounts an everyday unseen word ("super", "won"); here such words found the passage.
            held = min(held, passage.coverage)
    return held >= bar and passage.lacking is None


def _merit(passage: Passage, policy: AnswerPolicy) -> float:
    return float(passage.hit.score * passage.coverage**policy.coverage_power)


def _overlaps(a: Passage, b: Passage) -> bool:
    return a.article_id == b.article_id and a.first <= b.last and b.first <= a.last


def _holds(a: Passage, b: Passage) -> bool:
    """Whether passage a takes in every sentence of passage b."""
    return a.article_id == b.article_id and a.first <= b.first and b.last <= a.last


def _add_citation(citations: list[Citation], library: Library, passage: Passage) -> None:
    if all(c.article_id != passage.article_id for c in citations):
        citations.append(Citation.of(library.articles[passage.article_id]))


def _quote(passage: Passage, citations: list[Citation], library: Library) -> Quote:
    first = library.sentences[passage.first]
    last = library.sentences[passage.last]
    article = library.articles[first.article_id]
    return Quote(
        text=article.text[first.start : last.end],
        article_id=article.id,
        start=first.start,
        end=last.end,
        score=passage.hit.score,
        citations=tuple(citations),
    )


def _decline_message(query: Sequence[QueryTerm], passages: Sequence[Passage], min_coverage: float) -> str:
    covering = [p for p in passages if p.answers >= min_coverage and p.lacking is not None]
    if covering:
        # The passages that cover the question all lack one key concept: name that.
        return f"The articles don't answer this: I found nothing that covers “{covering[0].lacking}”."
    best = max(passages, key=lambda p: p.coverage, default=None)
    present = best.terms if best is not None else frozenset()
    missing = [term.surface for term in sorted(query, key=lambda t: -t.weight) if term.term not in present]
    named = ", ".join(f"“{word}”" for word in (missing or [t.surface for t in query])[:3])
    return f"The articles don't answer this: I found nothing that covers {named}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
