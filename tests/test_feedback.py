"""Pseudo-relevance feedback: expansion terms from the best sentences, blended second round."""

from __future__ import annotations

from retrieval.facts import sentence_facts
from retrieval.feedback import FeedbackPolicy, blend, feedback_terms
from retrieval.index import Hit
from retrieval.model import Article
from retrieval.query import Query, QueryTerm
from retrieval.text import terms
from tests.support.corpora import library


def test_feedback_terms_come_from_the_top_sentences_and_skip_asked_terms() -> None:
    lib = library(Article("a", "Gazprom signed a pipeline deal. Weather was mild."))
    facts = sentence_facts(lib, terms)
    q = Query((QueryTerm("gazprom", "gazprom", 1.0),))
    found = feedback_terms([Hit(0, 3.0)], q, facts=facts, weight_of=lambda t: 1.0, policy=FeedbackPolicy(terms=2))
    assert len(found) == 2
    assert set(found) <= set(terms("signed a pipeline deal"))
    assert "gazprom" not in found


def test_blend_adds_a_share_of_the_second_round() -> None:
    assert blend([Hit(0, 2.0), Hit(1, 1.0)], [Hit(1, 10.0), Hit(2, 1.0)], 0.5) == [
        Hit(1, 6.0),
        Hit(0, 2.0),
        Hit(2, 0.5),
    ]
