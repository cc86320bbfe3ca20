"""The question-answering service every entrypoint calls: question in, Answer out."""

from __future__ import annotations

import time
from dataclasses import dataclass

from retrieval.answer import AnswerPolicy, build_answer
from retrieval.facts import sentence_facts, title_terms
from retrieval.feedback import FeedbackPolicy, blend, feedback_terms
from retrieval.index import BM25Index, Hit
from retrieval.lexicon import Relations, bundled_lexicon
from retrieval.library import Library
from retrieval.model import Answer
from retrieval.query import NameBook, Query, Speller, analyse
from retrieval.rerank import RerankPolicy, rerank
from retrieval.semantic import Reranker, fuse
from retrieval.techniques import EXPANSION_SHARE, RELATION_KINDS, Techniques, policy_for
from retrieval.text import stem, terms, words

__all__ = ["QAService", "Techniques", "TimedAnswer"]

_MIN_WEIGHT = 0.05  # floor for rank_bm25's epsilon-smoothed idf of very common terms
_UNSEEN_FACTOR = 1.2
# BM25 ranks this many times `candidates` sentences, so that re-ranking can lift one from below the cut.
_POOL_FACTOR = 4


@dataclass(frozen=True, slots=True)
class TimedAnswer:
    """An answer and how long it took with the index loaded, in milliseconds."""

    answer: Answer
    took_ms: float


class QAService:
    """Answers questions from one library and its BM25 index."""

    def __init__(
        self,
        library: Library,
        index: BM25Index,
        policy: AnswerPolicy,
        candidates: int = 50,
        max_question_length: int = 1000,
        *,
        techniques: Techniques | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self.library = library
        self.index = index
        self._weights: dict[str, float] = {}  # weight() per term; the index does not change
        self.techniques = techniques or Techniques()
        self.policy = policy_for(self.techniques, policy)
        # Furniture lines two at a time: "Submit a report" sits above "how this comment violates...".
        lines = library.furniture
        self.furniture = tuple(frozenset(terms(" ".join(lines[i : i + 2]))) for i in range(len(lines)))
        self.candidates = candidates
        self.max_question_length = max_question_length
        self.reranker = reranker if self.techniques.semantic else None
        self.rerank_policy = RerankPolicy(
            windows=self.techniques.windows, cues=self.techniques.cues, dates=self.techniques.dates
        )
        self.feedback_policy = FeedbackPolicy(enabled=self.techniques.feedback)
        self.facts = sentence_facts(library, terms)
        self.titles = title_terms(library, terms)
        self._terms = tuple(self._sentence_terms(n) for n in range(len(library.sentences)))
        vocabulary = {w for s in library.sentences for w in words(s.text)}
        self.speller = Speller(vocabulary) if self.techniques.spelling else None
        self.names = NameBook(s.text for s in library.sentences) if self.techniques.names else None
        lexicon = bundled_lexicon() if self.techniques.synonyms or self.techniques.expansion else None
        self.relations = (
            Relations(lexicon, {t for ts in self._terms for t in ts}, RELATION_KINDS) if lexicon is not None else None
        )

    @classmethod
    def build(
        cls,
        library: Library,
        policy: AnswerPolicy,
        k1: float = 1.5,
        b: float = 0.75,
        *,
        techniques: Techniques | None = None,
        reranker: Reranker | None = None,
        **options: int,
    ) -> QAService:
        """Index the library's sentences and return a service over them."""
        index = BM25Index([terms(s.text) for s in library.sentences], k1=k1, b=b)
        return cls(library, index, policy, techniques=techniques, reranker=reranker, **options)

    def weight(self, term: str) -> float:
        """How much a term says about a question: its idf, floored for very common terms.

        A term no sentence holds gets more than the rarest term that some sentence holds: nothing in
        the articles can cover it, and a question about it is most likely about something they never say.
        """
        found = self._weights.get(term)
        if found is None:
            if self.index.document_frequency(term) == 0:
                found = self.index.idf(term) * _UNSEEN_FACTOR
            else:
                found = max(self.index.idf(term), _MIN_WEIGHT)
            self._weights[term] = found
        return found

    def analyse(self, question: str) -> Query:
        """The question's weighted terms, answer cue, years and typo repairs."""
        return analyse(
            question,
            weight_of=self.weight,
            known=lambda term: self.index.document_frequency(term) > 0,
            speller=self.speller,
            names=self.names,
            frame_words=self.techniques.cues,
            cues=self.techniques.cues,
            relations=self.relations,
            focus=self.techniques.focus or self.techniques.kinds,
        )

    def rank(self, question: str, query: Query) -> list[Hit]:
        """BM25 first, then the switched-on re-ranking signals; best first."""
        pool = self.candidates * _POOL_FACTOR
        hits = self.index.search([q.term for q in query.terms], pool)
        if self.feedback_policy.enabled and hits:
            extra = feedback_terms(hits, query, facts=self.facts, weight_of=self.weight, policy=self.feedback_policy)
            if extra:
                hits = blend(hits, self.index.search(extra, pool), self.feedback_policy.share)[:pool]
        if self.techniques.expansion:
            asked = {q.term for q in query.terms}
            extra = sorted({r for q in query.terms for r in q.related if "_" not in r} - asked)
            if extra:
                hits = blend(hits, self.index.search(extra, pool), EXPANSION_SHARE)[:pool]
        ranked = rerank(
            hits, query, library=self.library, facts=self.facts, titles=self.titles, policy=self.rerank_policy
        )
        if self.reranker is not None:
            ranked = fuse(ranked, question, self.library, self.reranker)
        return ranked[: self.candidates]

    def answer(self, question: str) -> Answer:
        """Answer one question."""
        question = question.strip()
        if not question:
            return Answer(question, False, "Please ask a question.")
        if len(question) > self.max_question_length:
            return Answer(
                question[: self.max_question_length],
                False,
                f"That question is {len(question)} characters long; the limit is {self.max_question_length}.",
            )
        query = self.analyse(question)
        return build_answer(
            question,
            query=query,
            hits=self.rank(question, query),
            library=self.library,
            terms_of=self._terms.__getitem__,
            weight_of=self.weight,
            policy=self.policy,
            facts=self.facts,
            titles=self.titles,
            furniture=self.furniture,
        )

    def timed(self, question: str) -> TimedAnswer:
        """Answer one question and measure how long it took."""
        started = time.perf_counter()
        answer = self.answer(question)
        return TimedAnswer(answer, (time.perf_counter() - started) * 1000.0)

    def _sentence_terms(self, number: int) -> frozenset[str]:
        """A sentence's terms; with dates on, also the years it refers to and its article's year."""
        facts = self.facts[number]
        if not self.techniques.dates:
            return facts.terms
        published = self.library.article_of(number).date
        years = set(facts.years) | ({published.year} if published is not None else set())
        # The article's month counts too: "the February 2022 statement" is the one published then.
        month = {stem(published.strftime("%B").lower())} if published is not None else set()
        return facts.terms | {str(year) for year in years} | month
