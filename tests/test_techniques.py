"""Each technique switch sets its part of the answer policy, and nothing else."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from retrieval.answer import AnswerPolicy
from retrieval.query import Readings
from retrieval.techniques import Techniques, policy_for, readings_for

# technique -> (policy field, value when off)
SWITCHES = {
    "corroboration": ("wide_corroboration", False),
    "windows": ("extend_for_coverage", False),
    "names": ("require_names", False),
    "synonyms": ("related_share", 0.0),
    "context": ("context_share", 0.0),
    "focus": ("require_focus", False),
    "kinds": ("require_kind", False),
    "offtopic": ("max_unknown_share", float("inf")),
    "furniture": ("furniture_check", False),
    "shared_facts": ("shared_facts", False),
    "coverage_rank": ("coverage_power", 0.0),
    "setting": ("setting_share", 0.0),
    "metonyms": ("name_aliases", False),
    "joint_figures": ("joint_figures", False),
    "figure_twins": ("figure_twins", False),
    "years": ("require_years", False),
    "counts": ("counts", False),
    "date_twins": ("date_twins", False),
    "speakers": ("speakers", False),
    "amounts": ("amounts", False),
    "blocs": ("blocs", False),
    "count_ties": ("count_ties", False),
    "sum_ties": ("sum_ties", False),
    "rate_ties": ("rate_ties", False),
    "date_ties": ("date_ties", False),
    "every_year": ("every_year", False),
    "given_figures": ("given_figures", False),
    "unit_prices": ("unit_prices", False),
    "changes": ("changes", False),
    "quoted_speakers": ("quoted_speakers", False),
    "asked_days": ("asked_days", False),
    "other_periods": ("other_periods", False),
    "figure_years": ("figure_years", False),
    "asked_offices": ("asked_offices", False),
    "yes_no_names": ("yes_no_names", False),
    "speaker_tags": ("speaker_tags", False),
    "twin_years": ("twin_years", False),
    "other_actors": ("other_actors", False),
    "whole_counts": ("whole_counts", False),
    "span_ties": ("span_ties", False),
    "figure_subjects": ("figure_subjects", False),
    "retold": ("retold", False),
    "expansion_bar": ("expansion_coverage", 0.0),
    "expansion_ungated": ("expansion_ungated", False),
    "echoes": ("echo_lift", 0.0),
    "colocation": ("kind_lift", 0.0),
    "gloss_words": ("defined_share", 0.0),
    "wider_quotes": ("wider_quotes", False),
    "causes": ("cause_lift", 0.0),
    "quotation_runs": ("quotation_runs", False),
}
# Switches that act in the service (question analysis, ranking), not in the answer policy.
SERVICE_ONLY = (
    "answer_types", "framing", "evidence", "small_corpora", "spelling", "cues", "dates", "feedback", "owners", "places",
    "shares", "spans", "clock", "who", "year_settings", "rates", "short_typos", "year_answers",
    "paid_verbs",
    "chat_spellings", "name_neighbours",
    "focus_verbs", "focus_clauses",
    "corpus_aliases", "quarters",
    "expansion", "expansion_unseen",
    "short_words",
    "quote_requests",
    "semantic_closest",
    "derived_synonyms", "narrower",
    "everyday_chat",
    "future_years",
    "demonyms",
)  # fmt: skip


@pytest.mark.parametrize("name", sorted(SWITCHES), ids=sorted(SWITCHES))
def test_switching_a_technique_off_changes_only_its_policy_field(name: str) -> None:
    on = policy_for(Techniques(), AnswerPolicy(max_quotes=2))
    off = policy_for(replace(Techniques(), **{name: False}), AnswerPolicy(max_quotes=2))
    field, value = SWITCHES[name]
    assert getattr(off, field) == value
    assert getattr(on, field) != value
    changed = [f.name for f in fields(AnswerPolicy) if getattr(on, f.name) != getattr(off, f.name)]
    assert changed == [field]
    assert off.max_quotes == 2


@pytest.mark.parametrize("name", SERVICE_ONLY, ids=SERVICE_ONLY)
def test_service_level_switches_leave_the_policy_alone(name: str) -> None:
    assert policy_for(replace(Techniques(), **{name: False}), AnswerPolicy()) == policy_for(
        Techniques(), AnswerPolicy()
    )


def test_whole_targets_is_off_by_default_and_sets_only_its_field_when_on() -> None:
    # Measured in docs/quality.md: it cost a hit on a spent holdout, so it stays a switch.
    off = policy_for(Techniques(), AnswerPolicy())
    on = policy_for(replace(Techniques(), whole_targets=True), AnswerPolicy())
    assert not off.whole_targets
    assert [f.name for f in fields(AnswerPolicy) if getattr(on, f.name) != getattr(off, f.name)] == ["whole_targets"]


# technique -> the question readings it switches (focus and kinds both read the focus)
READINGS = {
    "cues": ("frame_words", "cues"),
    "framing": ("framing",),
    "owners": ("owners",),
    "places": ("places",),
    "aliases": ("two_word_names",),
    "times": ("times",),
    "shares": ("shares",),
    "rates": ("rates",),
    "year_answers": ("year_answers",),
    "spans": ("spans",),
    "clock": ("clock",),
    "who": ("who",),
    "paid_verbs": ("paid",),
    "focus_clauses": ("focus_clauses",),
    "reply_words": ("reply_words",),
    "other_actors": ("actors",),
}
# Readings whose switch is off by default (measured in docs/quality.md).
READINGS_OFF = frozenset({"focus_verbs"})


def test_every_reading_is_on_by_default() -> None:
    assert all(getattr(readings_for(Techniques()), f.name) for f in fields(Readings) if f.name not in READINGS_OFF)
    assert not any(getattr(readings_for(Techniques()), name) for name in READINGS_OFF)


def test_focus_verbs_switches_on_only_its_reading() -> None:
    on, off = readings_for(replace(Techniques(), focus_verbs=True)), readings_for(Techniques())
    assert {f.name for f in fields(Readings) if getattr(on, f.name) != getattr(off, f.name)} == {"focus_verbs"}


@pytest.mark.parametrize("name", sorted(READINGS), ids=sorted(READINGS))
def test_switching_a_technique_off_switches_off_only_its_readings(name: str) -> None:
    on, off = readings_for(Techniques()), readings_for(replace(Techniques(), **{name: False}))
    changed = {f.name for f in fields(Readings) if getattr(on, f.name) != getattr(off, f.name)}
    assert changed == set(READINGS[name])


def test_the_focus_is_read_while_focus_or_kinds_is_on() -> None:
    assert readings_for(replace(Techniques(), focus=False)).focus
    assert not readings_for(replace(Techniques(), focus=False, kinds=False)).focus
