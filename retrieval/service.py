"""The question-answering service every entrypoint calls: question in, Answer out."""

from __future__ import annotations

import time
from dataclasses import dataclass

from retrieval.answer import AnswerPolicy, QueryTerm, build_answer
from retrieval.index import BM25Index
from retrieval.library import Library
from retrieval.model import Answer
from retrieval.text import query_terms, terms

_MIN_WEIGHT = 0.05  # floor for rank_bm25's epsilon-smoothed idf of very common terms


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
    ) -> None:
        self.library = library
        self.index = index
        self.policy = policy
        self.candidates = candidates
        self.max_question_length = max_question_length

    @classmethod
    def build(
        cls, library: Library, policy: AnswerPolicy, k1: float = 1.5, b: float = 0.75, **options: int
    ) -> QAService:
        """Index the library's sentences and return a service over them."""
        index = BM25Index([terms(s.text) for s in library.sentences], k1=k1, b=b)
        return cls(library, index, policy, **options)

    def weight(self, term: str) -> float:
        """How much a term says about a question: its idf, floored for very common terms."""
        return max(self.index.idf(term), _MIN_WEIGHT)

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
        query = [QueryTerm(term, surface, self.weight(term)) for term, surface in query_terms(question)]
        hits = self.index.search([q.term for q in query], self.candidates)
        return build_answer(
            question,
            query=query,
            hits=hits,
            library=self.library,
            terms_of=terms,
            weight_of=self.weight,
            policy=self.policy,
        )

    def timed(self, question: str) -> TimedAnswer:
        """Answer one question and measure how long it took."""
        started = time.perf_counter()
        answer = self.answer(question)
        return TimedAnswer(answer, (time.perf_counter() - started) * 1000.0)
