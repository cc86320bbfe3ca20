"""The question-answering service every entrypoint calls: question in, Answer out."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from retrieval.answer import AnswerPolicy, Meaning, build_answer
from retrieval.corpus_words import CorpusWords, library_words
from retrieval.defined_names import CUE_WORDS
from retrieval.facts import SentenceFacts, sentence_years, with_dates
from retrieval.feedback import FeedbackPolicy, blend, feedback_terms
from retrieval.focus import asks_count
from retrieval.index import BM25Index, Hit
from retrieval.lexicon import bundled_lexicon
from retrieval.library import Library
from retrieval.memo import REMEMBERED, LazyMapping, LazySequence
from retrieval.model import Answer
from retrieval.periods import quarters_in
from retrieval.query import Query, analyse
from retrieval.rerank import RerankPolicy, rerank
from retrieval.semantic import Reranker, SemanticPolicy, WordMatch, WordTable, fuse, windows
from retrieval.speakers import asked_speaker
from retrieval.speller import chat_spellings
from retrieval.techniques import (
    EVIDENCE_BOOST,
    EXPANSION_SHARE,
    RARE_NAME_SHARE,
    TYPE_SHARE,
    Techniques,
    policy_for,
    readings_for,
)
from retrieval.text import terms, words
from retrieval.topics import Topics
from retrieval.unseen import Unseen
from retrieval.usage import bundled_usage, gated
from retrieval.wordbook import build_wordbook

__all__ = ["QAService", "Techniques", "TimedAnswer"]

_MIN_WEIGHT = 0.05  # floor for rank_bm25's epsilon-smoothed idf of very common terms
# The length of the question warm() asks: a sentence's opening words, like a user's question about it.
_WARM_UP_WORDS = 12
_LINKING = frozenset({"the", "of", "and", "a"})  # left out of an outlet's initials ("The Wall Street Journal": wsj)
_UNSEEN_FACTOR = 1.2
# BM25 ranks this many times `candidates` sentences, so that re-ranking can lift one from below the cut.
_POOL_FACTOR = 4
# Sentences BM25 scores 0 (every term in half the articles or more: a corpus of one or two) rank below
# every scored one, by the question weight they hold.
_UNSCORED_SCALE = 1e-3
# A figure in more sentences than this is no mark of one report (figure twins look the rest up in the index).
_DISTINCTIVE_POSTINGS = 50


@dataclass(frozen=True, slots=True)
class TimedAnswer:
    """An answer and how long it took with the index loaded, in milliseconds."""

    answer: Answer
    took_ms: float


def outlet_terms(source: str) -> frozenset[str]:
    """An outlet's name as question words: its terms and the initials of its words ("scmp", "ft")."""
    initials = [word[0].lower() for word in source.split() if word[:1].isupper() and word.lower() not in _LINKING]
    return frozenset(terms(source)) | ({"".join(initials)} if len(initials) > 1 else set())


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
        semantic: SemanticPolicy | None = None,
        words: CorpusWords | None = None,
    ) -> None:
        self.library = library
        self.index = index
        self._weights: dict[str, float] = {}  # weight() per corpus term; the index does not change
        self.techniques = techniques or Techniques()
        self.policy = policy_for(self.techniques, policy)
        counted = words if words is not None else library_words(library)
        # Furniture lines two at a time: "Submit a report" sits above "how this comment violates...".
        lines = library.furniture
        # Pages repeat their furniture ("Advertisement", "Share this article"): each distinct line's terms come
        # with the word counts (the build tokenised each once), and each distinct pair counts once (a pair's
        # terms are its two lines' terms: no word spans them).
        held = dict(zip(dict.fromkeys(lines), counted.furniture, strict=True))
        pairs = dict.fromkeys(tuple(lines[i : i + 2]) for i in range(len(lines)))
        self.furniture = tuple(dict.fromkeys(frozenset().union(*(held[line] for line in pair)) for pair in pairs))
        # Only a line holding a question term can cover the question: find those through their terms.
        by_term: dict[str, list[int]] = {}
        for number, line in enumerate(self.furniture):
            for term in line:
                by_term.setdefault(term, []).append(number)
        self._furniture_lines = {term: np.array(numbers, dtype=np.int64) for term, numbers in by_term.items()}
        self.candidates = candidates
        self.max_question_length = max_question_length
        self.reranker = reranker if self.techniques.semantic else None
        self.semantic = semantic or SemanticPolicy()
        if not self.techniques.semantic_closest:
            self.semantic = replace(self.semantic, nearest_coverage=0.0, gap=0.0)
        # Sentence vectors are computed once here (the model keeps them), so a question costs one encoding.
        self._windows = windows(library) if self.reranker is not None else []
        self._pairs: list[list[float]] | None = None
        if self.reranker is not None:
            self.reranker.similarities("", self._windows)
            if self.semantic.twin_similarity > 0:
                self._pairs = self.reranker.pairwise([s.text for s in library.sentences])
        # Each distinct word of the corpus is encoded once here; a question then encodes only its own words.
        self._word_table: WordTable | None = None
        if self.reranker is not None and self.semantic.word_share > 0:
            self._word_table = WordTable.build([s.text for s in library.sentences], self.reranker)
        self.rerank_policy = RerankPolicy(
            windows=self.techniques.windows,
            cues=self.techniques.cues,
            dates=self.techniques.dates,
            type_share=TYPE_SHARE if self.techniques.answer_types else 0.0,
            evidence=self.techniques.evidence,
            evidence_boost=EVIDENCE_BOOST,
            dated_terms=self.techniques.year_settings,
            future_years=self.techniques.future_years,
        )
        self.feedback_policy = FeedbackPolicy(enabled=self.techniques.feedback)
        self.facts: Sequence[SentenceFacts] = LazySequence(len(library.sentences), self._facts_of)
        # Headlines are few and short: every one read stays remembered (about 1 KB an article). The build
        # tokenised them (the word counts hold their terms), so reading one is a look-up.
        articles = tuple(library.articles)
        self._numbers = {article_id: number for number, article_id in enumerate(articles)}
        self._headlines = counted.titles
        self.titles: Mapping[str, frozenset[str]] = LazyMapping(articles, self._title_of, remembered=len(articles))
        # The outlets' names are words of the corpus too, with outlets on: they stand over every story.
        sources = {a.source for a in library.articles.values() if a.source} if self.techniques.outlets else set()
        self._outlet_terms = {source: outlet_terms(source) for source in sources}
        self._outlets = frozenset().union(*self._outlet_terms.values())
        self._terms: Sequence[frozenset[str]] = LazySequence(len(library.sentences), self._sentence_terms)
        self.settings = self._settings(counted) if self.techniques.setting else None
        corpus_terms = set(index.arrays.terms) | (counted.dated if self.techniques.dates else frozenset())
        # The articles' own ties between names stand in the few sentences holding a cue word, which the index lists.
        tied = index.candidates(terms(" ".join(CUE_WORDS))) if self.techniques.corpus_aliases else ()
        texts = (library.sentences[int(n)].text for n in tied)
        book = build_wordbook(counted, corpus_terms, len(library.sentences), self.techniques, texts)
        self.speller, self.names, self.relations = book.speller, book.names, book.relations
        self.aliases, self.types = book.aliases, book.types
        self._wordbook, self._readings = book, readings_for(self.techniques)
        self.usage = bundled_usage() if self.techniques.everyday else None
        self._lexicon = bundled_lexicon() if self.techniques.speakers else None
        self._topics = self._topics_of(index) if self.techniques.everyday_chat else None

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
        semantic: SemanticPolicy | None = None,
        candidates: int = 50,
        max_question_length: int = 1000,
    ) -> QAService:
        """Index the library's sentences and return a service over them."""
        index = BM25Index([terms(s.text) for s in library.sentences], k1=k1, b=b)
        return cls(
            library,
            index,
            policy,
            candidates,
            max_question_length,
            techniques=techniques,
            reranker=reranker,
            semantic=semantic,
        )

    def weight(self, term: str) -> float:
        """How much a term says about a question: its idf, floored for very common terms.

        A term no sentence holds gets more than the rarest term that some sentence holds: nothing in
        the articles can cover it, and a question about it is most likely about something they never say.
        """
        found = self._weights.get(term)
        if found is None:
            if self.index.document_frequency(term) == 0:
                # Not remembered: users type words without end, and every unseen word weighs the same.
                return self.index.idf(term) * _UNSEEN_FACTOR
            found = self._weights[term] = max(self.index.idf(term), _MIN_WEIGHT)
        return found

    def analyse(self, question: str) -> Query:
        """The question's weighted terms, answer cue, years and typo repairs."""
        query = analyse(question, weight_of=self.weight, known=self._known, book=self._wordbook, reads=self._readings)
        if self.techniques.speakers:
            names = [t.term for t in query.terms if t.name]
            chat = chat_spellings() if self.techniques.chat_spellings else None
            speaker = asked_speaker(question, names, self._classes, requests=self.techniques.quote_requests, chat=chat)
            query = replace(query, speaker=speaker)
        if self.techniques.amounts and asks_count(question):
            query = replace(query, counting=True)
        if self._topics is not None and self._topics.beside(query):
            query = replace(query, beside=True)
        quarters = quarters_in(question) if self.techniques.other_periods else frozenset()
        if quarters:
            query = replace(query, quarters=quarters)
        if self.techniques.rare_names:
            # A name in a handful of sentences is what the question is about, however rare its other words are.
            query = replace(query, rare=RARE_NAME_SHARE * self.index.max_idf)
        if self._unseen is not None:
            query = self._unseen.widen(query)
        return gated(query, self.usage) if self.usage is not None else query

    @cached_property
    def _unseen(self) -> Unseen | None:
        """Question words no article uses may be paraphrases: what widens them, as the switches ask (None: off)."""
        return Unseen.bundled(
            self._known,
            derived=self.techniques.synonyms and self.techniques.derived_synonyms,
            narrower=self.techniques.synonyms and self.techniques.narrower,
            glosses=self.techniques.synonyms and self.techniques.gloss_words,
        )

    @staticmethod
    def _topics_of(index: BM25Index) -> Topics | None:
        """The corpus's word use against general English's (None without the bundled counts)."""
        usage = bundled_usage()
        if usage is None:
            return None
        return Topics(index.document_frequency, int(index.arrays.doc_len.sum()), usage)

    def _known(self, term: str) -> bool:
        """Whether some sentence holds the term, or it is part of an outlet's name."""
        return self.index.document_frequency(term) > 0 or term in self._outlets

    def rank(self, query: Query, similarity: list[float] | None = None) -> list[Hit]:
        """BM25 first, then the switched-on re-ranking signals; best first."""
        return self._ranked(query, similarity)[0]

    def _ranked(self, query: Query, similarity: list[float] | None) -> tuple[list[Hit], frozenset[int]]:
        """The ranked hits, and the sentences among them that only the related-words query reached."""
        pool = self.candidates * _POOL_FACTOR
        # The X of "which X" names the answer's type, not a word to find: instances of it are scored instead.
        searched = [q.term for q in query.terms if not q.answer_type] or [q.term for q in query.terms]
        hits = self.index.search(searched, pool)
        if self.techniques.small_corpora and len(hits) < pool:
            hits = hits + self._unscored(query, searched, {h.doc for h in hits}, pool - len(hits))
        if self.feedback_policy.enabled and hits:
            extra = feedback_terms(hits, query, facts=self.facts, weight_of=self.weight, policy=self.feedback_policy)
            if extra:
                hits = blend(hits, self.index.search(extra, pool), self.feedback_policy.share)[:pool]
        reached: frozenset[int] = frozenset()
        if self.techniques.expansion:
            extra = self._expansion_terms(query)
            if extra:
                plain = {h.doc for h in hits}
                hits = blend(hits, self.index.search(extra, pool), EXPANSION_SHARE)[:pool]
                reached = frozenset(h.doc for h in hits) - plain
        ranked = rerank(
            hits,
            query,
            library=self.library,
            facts=self.facts,
            titles=self.titles,
            postings=self.index,
            policy=self.rerank_policy,
        )
        if similarity is not None:
            ranked = fuse(ranked, similarity, self.semantic)
        return ranked[: self.candidates], reached

    def _expansion_terms(self, query: Query) -> list[str]:
        """The related words expansion searches: of every question word, or (expansion_unseen) only of those no
        article uses. A word the articles use finds its own sentences; its relatives reach other senses of it
        ("Taiwan": China, "million": billion) and reorder what the word itself found."""
        asked = {q.term for q in query.terms}
        widened = [q for q in query.terms if q.unseen] if self.techniques.expansion_unseen else query.terms
        return sorted({r for q in widened for r in q.related if "_" not in r} - asked)

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
        similarity = self.reranker.similarities(question, self._windows) if self.reranker is not None else None
        hits, reached = self._ranked(query, similarity)
        return build_answer(
            question,
            query=query,
            hits=hits,
            library=self.library,
            terms_of=self._terms.__getitem__,
            weight_of=self.weight,
            policy=self.policy,
            facts=self.facts,
            titles=self.titles,
            furniture=self.furniture_for(query),
            settings=self.settings,
            meaning=None if similarity is None else self._meaning(similarity, query),
            holding=self._holding if self.techniques.figure_twins else None,
            expanded=reached,
        )

    def _meaning(self, similarity: list[float], query: Query) -> Meaning:
        """The semantic extra's view of the question, with the corpus's closest sentence when a rule reads it."""
        reads = self.semantic.nearest_coverage > 0 or self.semantic.gap > 0
        closest = int(np.argmax(similarity)) if reads and similarity else None
        return Meaning(similarity, self._pairs, self.semantic, self._words(query), closest)

    def _words(self, query: Query) -> WordMatch | None:
        """The question's ordinary words against the corpus's words (None with word credit off)."""
        if self._word_table is None or self.reranker is None:
            return None
        return self._word_table.match([t.surface for t in query.terms if not t.name], self.reranker)

    def _holding(self, wanted: Sequence[str]) -> list[int]:
        """The sentences that hold any of these terms, of those that stand in few sentences (a distinctive figure)."""
        rare = [term for term in wanted if 0 < self.index.document_frequency(term) <= _DISTINCTIVE_POSTINGS]
        return self.index.candidates(rare).tolist() if rare else []

    def furniture_for(self, query: Query) -> tuple[frozenset[str], ...]:
        """The furniture lines that hold the most question weight (the only ones the page check reads)."""
        held = [(self._furniture_lines[t.term], t.weight) for t in query.terms if t.term in self._furniture_lines]
        if not held:
            return ()
        # Each line's weights are added in question order, as the answer builder adds them.
        numbers = np.concatenate([found for found, _ in held])
        weights = np.concatenate([np.full(len(found), weight) for found, weight in held])
        totals = np.bincount(numbers, weights=weights, minlength=len(self.furniture))
        return tuple(self.furniture[n] for n in np.flatnonzero(totals == totals.max()).tolist())

    def _unscored(self, query: Query, searched: list[str], scored: set[int], k: int) -> list[Hit]:
        """Sentences holding a question term that BM25 scored 0, by the question weight they hold."""
        weights = {t.term: t.weight for t in query.terms}
        held = [
            (sum(weights[term] for term in searched if term in self._terms[doc]), doc)
            for doc in self.index.candidates(searched).tolist()
            if doc not in scored
        ]
        held.sort(key=lambda pair: (-pair[0], pair[1]))
        return [Hit(doc, weight * _UNSCORED_SCALE) for weight, doc in held[:k]]

    def warm(self) -> None:
        """Ready a long-running process for its first question: answer one from the corpus's own first sentence,
        and over a small corpus work out every sentence, its terms and facts, every headline's terms and every
        term's weight, which the memos can then hold all of.

        The first answers then cost what later ones do. One answer readies what no memo holds: Python
        specialises its bytecode as it runs, and a process's first answer had taken 1.5 times a later one's.
        """
        sentences = self.library.sentences
        if len(sentences) <= REMEMBERED:
            for number in range(len(sentences)):
                sentences[number]
                self._terms[number]
                self.facts[number].key()
            for article_id in self.library.articles:
                self.titles[article_id]
            for term in self.index.arrays.terms:
                self.weight(term)
        if len(sentences):
            self.answer(" ".join(words(self.library.text_of(0))[:_WARM_UP_WORDS]))

    def timed(self, question: str) -> TimedAnswer:
        """Answer one question and measure how long it took."""
        started = time.perf_counter()
        answer = self.answer(question)
        return TimedAnswer(answer, (time.perf_counter() - started) * 1000.0)

    def _facts_of(self, number: int) -> SentenceFacts:
        # The index holds every sentence's terms: reading them is cheaper than tokenising the text again.
        text = self.library.text_of(number)
        return SentenceFacts(text, lambda: self.index.terms_of(number), self.library.article_of(number).date)

    def _years_of(self, number: int) -> frozenset[int]:
        return sentence_years(self.library.text_of(number), self.library.article_of(number).date)

    def _classes(self, term: str) -> frozenset[str]:
        return self._lexicon.classes(term) if self._lexicon is not None else frozenset()

    def _title_of(self, article_id: str) -> frozenset[str]:
        article = self.library.articles[article_id]
        found = self._headlines[self._numbers[article_id]]
        if self.techniques.outlets and article.source:
            # "How did Reuters rate the agreement?": the outlet stands over the story as its headline does.
            return found | self._outlet_terms[article.source]
        return found

    def _settings(self, counted: CorpusWords) -> Mapping[str, frozenset[str]]:
        """Each article's setting, as the build worked it out (retrieval/setting.py)."""
        found = counted.dated_settings if self.techniques.dates else counted.settings
        return LazyMapping(tuple(self._numbers), lambda article_id: found[self._numbers[article_id]])

    def _sentence_terms(self, number: int) -> frozenset[str]:
        """A sentence's terms; with dates on, also the years it refers to and its article's year and month."""
        found = self.index.terms_of(number)
        if not self.techniques.dates:
            return found
        return with_dates(found, self._years_of(number), self.library.article_of(number).date)
