"""Question analysis: cues, years, typo repair against the corpus, proper names, frame words."""

from __future__ import annotations

import pytest

from retrieval.answer_type import TypeBook
from retrieval.focus import Focus, Need
from retrieval.lexicon import Lexicon, Relations
from retrieval.query import (
    FRAME_WEIGHT,
    Cue,
    NameBook,
    Readings,
    Wordbook,
    analyse,
    capitalised_words,
    days_in,
    possessors,
    question_cue,
    years_in,
)
from retrieval.speller import Speller
from retrieval.text import stem

VOCABULARY = ["eurasian", "connected", "daniel", "sanctions", "january", "hedging", "capitalise", "statement"]


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("How many troops were there?", Cue.NUMBER),
        ("how much gas", Cue.NUMBER),
        ("When did they meet?", Cue.DATE),
        ("since when has he ruled", Cue.DATE),
        ("What year was it signed?", Cue.DATE),
        ("Who is Scott Kennedy?", Cue.PERSON),
        ("Which organisation is he from?", Cue.PERSON),
        ("Where is Putin heading?", Cue.PLACE),
        ("What did Russia say about Taiwan?", None),
        ("Which charity lost savings when an Icelandic lender went under?", None),
        ("Where was Shultz going when the report was published?", Cue.PLACE),
        ("What did he think about how far the partnership goes?", None),
        ("tell me when they met", Cue.DATE),
        ("Where did the Nikkei close on 27 October?", None),
        ("In which month and year did Craxi take office?", Cue.DATE),
        ("On which day did they sign it?", Cue.DATE),
        ("When the statement came out, who signed it?", Cue.PERSON),
        ("When the statement came out, did Xi sign it?", None),
    ],
    ids=[
        "how-many",
        "how-much",
        "when",
        "since-when",
        "what-year",
        "who",
        "which-organisation",
        "where",
        "none",
        "embedded-when",
        "where-before-when",
        "embedded-how-far",
        "when-without-a-wh-word-before",
        "where-it-closed-is-a-level",
        "which-month",
        "which-day-after-a-preposition",
        "opening-clause-then-who",
        "opening-clause-then-yes-no",
    ],
)
def test_question_cue(question: str, cue: Cue | None) -> None:
    assert question_cue(question) is cue


def test_the_cue_is_read_from_the_question_with_its_slips_repaired() -> None:
    book = Wordbook(speller=Speller(VOCABULARY, names=["china"], short_words=["much"]))
    reads = Readings(focus=True)
    query = analyse(
        "how mutch did the statement say", weight_of=weight, known=lambda t: t != "mutch", book=book, reads=reads
    )
    assert query.corrections == (("mutch", "much"),)
    assert query.cue is Cue.NUMBER


def test_name_book_knows_words_written_capitalised() -> None:
    book = NameBook(["The talks with Greenspan went well.", "Later Greenspan spoke.", "The dollar rose."])
    assert "greenspan" in book
    assert "dollar" not in book


def test_name_book_reads_a_dotted_abbreviation_as_the_word_the_index_makes_of_it() -> None:
    book = NameBook(["The U.S. Treasury agreed.", "Later the U.S. said no."])
    assert "us" in book
    assert "u" not in book


def test_capitalised_words_skip_the_first_word() -> None:
    assert capitalised_words("What did Zelensky say?") == {"zelensky"}


def test_years_in() -> None:
    assert years_in("in 2024, not 1999 or 12345") == {2024, 1999}


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("How far did HBOS shares fall on 7 October?", {(10, 7)}),
        ("On March 11, at what rate did the Bank buy bills?", {(3, 11)}),
        ("Oct. 27 and the 3rd of Dec", {(10, 27), (12, 3)}),
        ("how mutch did the bovespa fall on the 6th", {(0, 6)}),
        ("What did he say in May 2024?", set()),
        ("on the 2nd day of talks", set()),
        ("on 42 October", set()),
    ],
    ids=["day-month", "month-day", "abbreviated-and-of", "day-alone", "a-year-is-no-day", "an-ordinal", "no-such-day"],
)
def test_days_in(text: str, days: set[tuple[int, int]]) -> None:
    assert days_in(text) == days


def weight(term: str) -> float:
    return 2.0


def test_analyse_repairs_typos_weighs_frame_words_and_drops_apostrophe_less_negations() -> None:
    query = analyse(
        "why didnt the statment say how much",
        weight_of=weight,
        known=lambda term: term != stem("statment"),
        book=Wordbook(speller=Speller(VOCABULARY)),
    )
    assert [t.surface for t in query.terms] == ["statement", "much"]
    assert query.corrections == (("statment", "statement"),)
    assert query.terms[1].weight == pytest.approx(2.0 * FRAME_WEIGHT)
    assert query.cue is None  # a "why" question: the "how much" after it is a clause of its own


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("How did Beijing respond to the plan?", "respond"),
        ("What was the Western reaction to the demands?", "reaction"),
        ("How did Xi describe the situation?", "describe"),
        ("Any remarks from Lavrov on Nato?", "remarks"),
    ],
    ids=["respond", "reaction", "describe", "remarks"],
)
def test_reply_words_weigh_as_frame_words_only_when_read(question: str, word: str) -> None:
    def weight_of_word(reads: Readings) -> float:
        query = analyse(question, weight_of=weight, known=lambda term: True, reads=reads)
        return next(t.weight for t in query.terms if t.term == stem(word))

    assert weight_of_word(Readings(reply_words=True)) == pytest.approx(2.0 * FRAME_WEIGHT)
    assert weight_of_word(Readings(reply_words=False)) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("question", "surfaces", "corrections"),
    [
        ("will the 2 governments meet", {"two", "govern", "meet"}, (("2", "two"),)),
        ("what happened 2 them", {"happen", "2"}, ()),
    ],
    ids=["a-digit-after-a-determiner-is-a-number", "chat-2-for-to"],
)
def test_analyse_spells_out_a_lone_digit_after_a_determiner(
    question: str, surfaces: set[str], corrections: tuple[tuple[str, str], ...]
) -> None:
    query = analyse(question, weight_of=weight, known=lambda t: True)
    assert {t.term for t in query.terms} == surfaces
    assert query.corrections == corrections


def test_analyse_marks_names_the_corpus_capitalises_or_the_user_capitalised_and_the_corpus_lacks() -> None:
    book = NameBook(["They met Greenspan."])
    query = analyse(
        "Did greenspan meet Zelensky or Nobody?",
        weight_of=weight,
        known=lambda t: t != "zelenski",
        book=Wordbook(names=book),
    )
    assert {t.surface: t.name for t in query.terms} == {
        "greenspan": True,
        "meet": False,
        "zelensky": True,
        "nobody": False,
    }


def test_analyse_reads_focus_need_related_words_and_unseen_terms_on_the_repaired_question() -> None:
    relations = Relations(Lexicon({"medal": "award\t\t\t"}), {"award", "nuj", "cut"})
    corpus = {"award", "nuj", "cut", "job"}
    query = analyse(
        "how many medals did the nuj say abuot the job cuts",
        weight_of=weight,
        known=lambda term: term in corpus,
        book=Wordbook(speller=Speller(VOCABULARY), relations=relations),
        reads=Readings(focus=True),
    )
    by_word = {t.surface: t for t in query.terms}
    assert by_word["medals"].focus is Focus.TARGET
    assert by_word["medals"].related == {"award"}
    assert by_word["medals"].unseen
    assert by_word["cuts"].focus is Focus.TOPIC  # "abuot" read as "about"
    assert not by_word["nuj"].unseen
    assert query.need is Need.NUMBER


@pytest.mark.parametrize(
    ("question", "reads", "heads"),
    [
        ("How many bosses quit Mitsubishi?", Readings(focus=True), {"mitsubishi"}),
        ("How many bosses quit Mitsubishi?", Readings(focus=True, focus_verbs=True), {"bosses"}),
        ("What did he think about how far it goes?", Readings(focus=True), {"far"}),
        ("What did he think about how far it goes?", Readings(focus=True, focus_clauses=True), set()),
    ],
    ids=["verbs-off", "verbs-on", "clauses-off", "clauses-on"],
)
def test_analyse_reads_the_focus_phrase_as_its_switches_say(question: str, reads: Readings, heads: set[str]) -> None:
    query = analyse(question, weight_of=weight, known=lambda t: True, reads=reads)
    assert {t.surface for t in query.terms if t.head} == heads


def test_analyse_leaves_focus_and_need_unset_when_switched_off() -> None:
    query = analyse("how many medals did they win", weight_of=weight, known=lambda t: True)
    assert query.need is None
    assert all(t.focus is None and t.related == frozenset() for t in query.terms)


def test_analyse_marks_the_answer_type_which_is_no_name_and_lists_its_instances() -> None:
    lexicon = Lexicon({"japan": "\t\t\t\tcountri", "countri": "\t\t\t\tregion", "aukus": ""})
    book = NameBook(["They met in Japan with Countries officials and Aukus staff."])
    types = TypeBook(lexicon, ["japan", "countri", "aukus"], {"japan": 1, "aukus": 1}, 100)
    query = analyse(
        "Which countries will AUKUS add?",
        weight_of=weight,
        known=lambda t: True,
        book=Wordbook(names=book, types=types),
    )
    countries = next(t for t in query.terms if t.surface == "countries")
    assert countries.answer_type
    assert not countries.name
    assert countries.instances == {"japan"}
    assert not any(t.answer_type for t in query.terms if t.surface != "countries")


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("Which judge is overseeing the case?", ("judge", frozenset({"judg", "judici"}))),
        ("Which company runs the case?", None),
        ("To which American did the diplomat speak?", None),
    ],
    ids=["an-office", "no-person", "a-people-written-as-a-name"],
)
def test_analyse_reads_which_holder_of_an_office_the_question_asks_for(
    question: str, office: tuple[str, frozenset[str]] | None
) -> None:
    lexicon = Lexicon({"judg": "\tjudici\t\t\tperson", "compani": "\t\t\t\torganis", "american": "\t\t\t\tperson"})
    types = TypeBook(lexicon, ["judg", "compani", "american"], {}, 100, offices={"judge", "american"})
    book = NameBook(["They met the American judge over the case."])
    query = analyse(question, weight_of=weight, known=lambda t: True, book=Wordbook(names=book, types=types))
    assert query.office == office


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Did Kritenbrink mention Taiwan in his remarks?", ["taiwan"]),
        ("Has the West threatened Moscow over Ukraine?", ["moscow", "ukraine"]),
        ("Did Kritenbrink travel after Putin's visit?", []),
        ("Did the loss at Unilever's American arm come as a surprise?", []),
        ("Is the alliance between Moscow and Taiwan tactical?", []),
        ("What did Kritenbrink say about Taiwan?", []),
    ],
    ids=["after-the-verb", "has-with-two-names", "a-possessor", "names-in-the-subject", "a-copula", "no-yes-no"],
)
def test_analyse_reads_the_names_a_yes_no_question_asks_about_after_its_verb(question: str, asked: list[str]) -> None:
    book = NameBook(
        ["Kritenbrink met the West in Moscow, Ukraine and Taiwan after Putin's visit to Unilever's American arm."]
    )
    reads = Readings(owners=True)
    query = analyse(question, weight_of=weight, known=lambda t: True, book=Wordbook(names=book), reads=reads)
    assert [surface for surface, _ in query.asked_names] == asked
    assert all(stem(surface) in forms for surface, forms in query.asked_names)


def test_analyse_leaves_framings_out_and_reads_how_long_as_a_length_of_time() -> None:
    question = "How long did the summit last at the time of the Games?"
    framed = analyse(question, weight_of=weight, known=lambda t: True, reads=Readings(framing=True))
    plain = analyse(question, weight_of=weight, known=lambda t: True)
    assert {t.surface for t in plain.terms} - {t.surface for t in framed.terms} == {"long", "time"}
    assert framed.need is Need.DURATION
    assert plain.need is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is India's unemployment rate?", {"india"}),
        ("What did Google’s boss say about the banks' loans?", {"google", "banks"}),
        ("Why don't they're paying?", set()),
        ("Who runs Menatep Group?", set()),
    ],
    ids=["straight", "curly-and-plural", "contractions", "none"],
)
def test_possessors(question: str, expected: set[str]) -> None:
    assert possessors(question) == expected


def test_analyse_marks_a_possessive_name_as_the_owner_when_switched_on() -> None:
    book = NameBook(["The rupee rose in India on Monday, and Delhi cheered."])
    on = analyse(
        "What is India's rate?",
        weight_of=weight,
        known=lambda t: True,
        book=Wordbook(names=book),
        reads=Readings(owners=True),
    )
    off = analyse("What is India's rate?", weight_of=weight, known=lambda t: True, book=Wordbook(names=book))
    assert [t.surface for t in on.terms if t.owner] == ["india"]
    assert not any(t.owner for t in off.terms)


@pytest.mark.parametrize(
    ("question", "on", "off", "needs"),
    [
        ("Where will OPEC hold its meeting?", Readings(focus=True, places=True), Readings(focus=True),
         (Need.PLACE, None)),
        ("What percentage of China's gas imports come from Russia?", Readings(focus=True, shares=True),
         Readings(focus=True), (Need.SHARE, Need.NUMBER)),
        ("What is India's unemployment rate?", Readings(focus=True, rates=True), Readings(focus=True),
         (Need.SHARE, None)),
        ("In which year did Korolev start teaching in Sydney?", Readings(focus=True, times=True, year_answers=True),
         Readings(focus=True, times=True), (Need.YEAR, None)),
        ("How long did the meeting last?", Readings(focus=True, framing=True, spans=True),
         Readings(focus=True, framing=True), (Need.SPAN, Need.DURATION)),
        ("what time does the supermarket close", Readings(focus=True, times=True, clock=True),
         Readings(focus=True, times=True), (Need.CLOCK, Need.TIME)),
        ("Who will replace Donald Regan?", Readings(focus=True, who=True), Readings(focus=True), (Need.PERSON, None)),
    ],
    ids=["where-a-place", "percentage-a-share", "rate-a-share", "since-when-a-year", "how-long-lasting-a-span",
         "what-time-a-time-of-day", "who-a-person"],
)  # fmt: skip
def test_analyse_reads_the_answer_kind_when_its_reading_is_switched_on(
    question: str, on: Readings, off: Readings, needs: tuple[Need | None, Need | None]
) -> None:
    read = [analyse(question, weight_of=weight, known=lambda t: True, reads=reads).need for reads in (on, off)]
    assert tuple(read) == needs


@pytest.mark.parametrize(
    ("question", "need"),
    [("who is niall fitzgerald", None), ("Who is Niall FitzGerald?", None), ("who is the new chairman", Need.PERSON)],
    ids=["lowercase-name", "capitalised-name", "a-role"],
)
def test_who_is_a_named_person_asks_what_they_are_in_any_case(question: str, need: Need | None) -> None:
    book = NameBook(["Finance director Niall FitzGerald spoke."])
    found = analyse(
        question,
        weight_of=weight,
        known=lambda t: True,
        book=Wordbook(names=book),
        reads=Readings(focus=True, who=True),
    )
    assert found.need is need


def test_analyse_reads_chat_spellings_and_names_beside_names() -> None:
    speller = Speller(
        ["kennedy", "scott", "expert"],
        chat={"wat": "what", "kinda": "kind of", "b4": "before"},
        name_parts=["kennedy"],
        in_use=lambda word: False,
    )
    corpus = {stem(w) for w in ("kennedy", "scott", "expert", "summit")}
    query = analyse(
        "wat kinda expert is scot kenedy b4 the summit",
        weight_of=weight,
        known=lambda term: term in corpus,
        book=Wordbook(speller=speller),
    )
    assert [t.surface for t in query.terms] == ["kind", "expert", "scott", "kennedy", "summit"]
    assert query.corrections == (
        ("b4", "before"), ("wat", "what"), ("kinda", "kind of"), ("scot", "scott"), ("kenedy", "kennedy"),
    )  # fmt: skip


def test_a_lone_letter_reads_as_its_chat_meaning_only_when_no_sentence_holds_it() -> None:
    speller = Speller(["china", "russia", "close"], chat={"n": "and", "r": "are"})
    corpus = {stem(w) for w in ("china", "russia", "close")}
    query = analyse("china n russia r close", weight_of=weight, known=lambda t: t in corpus, book=Wordbook(speller))
    assert [t.surface for t in query.terms] == ["china", "russia", "close"]
    held = analyse(
        "china n russia r close", weight_of=weight, known=lambda t: t in corpus | {"r"}, book=Wordbook(speller)
    )
    assert [t.surface for t in held.terms] == ["china", "russia", "r", "close"]  # the corpus writes "R" (an initial)


def test_analyse_reads_the_actor_only_while_the_other_actors_rule_is_on() -> None:
    book = Wordbook(names=NameBook(["Then TWA and USAir met."]))
    question = "How much did TWA pay for its stake in USAir?"
    assert analyse(question, weight_of=weight, known=lambda t: True, book=book, reads=Readings()).actor is not None
    off = Readings(actors=False)
    assert analyse(question, weight_of=weight, known=lambda t: True, book=book, reads=off).actor is None


@pytest.mark.parametrize(
    ("question", "actor"),
    [
        ("How much did TWA pay for its stake in USAir?", ("twa", "pay")),
        ("What did Renault originally pay for its AMC stake?", ("renault", "pay")),
        ("Did Putin and Xi sign a deal?", ("putin xi", "sign")),
        ("What did the French and the Detroit carmakers sign?", None),
        ("What did Putin say about Taiwan?", None),
        ("How much was paid for the stake?", None),
        ("Which bank did Renault's chairman pick?", None),
    ],
    ids=["wh-then-auxiliary", "an-adverb-between", "two-names", "a-described-subject", "a-speech-verb", "no-auxiliary",
         "a-possessor-names-no-actor"],
)  # fmt: skip
def test_analyse_reads_the_named_subject_and_verb_of_the_act_asked_about(
    question: str, actor: tuple[str, str] | None
) -> None:
    book = NameBook(["Then TWA, USAir, Renault, AMC, Putin, Xi, Detroit and the French met."])
    query = analyse(
        question, weight_of=weight, known=lambda t: True, book=Wordbook(names=book), reads=Readings(owners=True)
    )
    read = None if query.actor is None else (query.actor.subject, query.actor.verb)
    assert read == actor


@pytest.mark.parametrize(
    "question",
    [
        "What did the Renault boss call the deal?",
        "What have Washington and its allies threatened?",
        "Did Xi sign deals?",
        "How much did Canadian spending rise?",
        "How much does Royal Bank of Canada expect to lose?",
    ],
    ids=["a-noun-that-may-be-a-verb", "a-common-noun-that-may-be-a-verb", "a-noun-after-the-verb", "no-bare-verb",
         "of-after-a-noun"],
)  # fmt: skip
def test_analyse_leaves_the_act_unread_when_its_verb_is_not_plain(question: str) -> None:
    book = NameBook(["Then Renault, Washington, Xi, Canadian and Royal met."])
    assert analyse(question, weight_of=weight, known=lambda t: True, book=Wordbook(names=book)).actor is None


@pytest.mark.parametrize(
    ("question", "runs"),
    [
        ("What did the Bank of England buy?", (("bank", frozenset({"england"})),)),
        ("How much did Royal Bank of Canada earn?", (("bank", frozenset({"royal", "canada"})),)),
        ("What did Unilever's European arm sell?", ()),
        ("Who sat in the White House?", ()),
    ],
    ids=["x-of-y", "longer-run", "possessive-ends-a-run", "no-common-head"],
)
def test_analyse_reads_runs_of_names_whose_head_is_a_common_noun(question: str, runs: tuple[object, ...]) -> None:
    book = NameBook(["They flew to England, Canada and the White House with Royal and Unilever staff in Europe."])
    query = analyse(question, weight_of=weight, known=lambda t: True, book=Wordbook(names=book))
    assert query.runs == runs
    assert analyse(question, weight_of=weight, known=lambda t: True).runs == ()
