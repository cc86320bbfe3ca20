"""An article's setting: its headline, lead and recurring terms."""

from __future__ import annotations

from retrieval.facts import title_terms
from retrieval.model import Article
from retrieval.setting import setting_terms
from retrieval.text import terms
from tests.support.corpora import library, sentence_terms

BODY = (
    "Leaders met at the Olympics summit in Beijing. The summit opened on Friday. "
    "Five officials travelled with Putin. Gas talks went on. The summit ended late. "
    "Oil was discussed. Coal was mentioned."
)


def test_setting_holds_headline_lead_and_recurring_terms() -> None:
    lib = library(Article("a", BODY, title="Xi hosts a guest"), Article("b", "Nothing else."))
    found = setting_terms(lib, sentence_terms(lib).__getitem__, title_terms(lib, terms))
    setting = found["a"]
    assert {"xi", "host", "guest"} <= setting  # headline
    assert {"olymp", "beij", "friday"} <= setting  # lead: the first two sentences
    assert "summit" in setting  # recurring: in three of seven sentences
    assert not {"travel", "coal", "oil"} & setting
    assert found["b"] == frozenset(terms("Nothing else."))
