"""scripts/build_lexicon.py on a tiny WordNet-format database: relations by stem, irregular forms, output."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import ModuleType

import pytest

from retrieval.lexicon import Lexicon
from tests.conftest import load_script

DATA = {
    "data.noun": [
        "  1 This licence header line is skipped",
        "00000001 03 n 02 soldier 0 warrior 0 001 @ 00000002 n 0000 | a fighter",
        "00000002 03 n 01 person 0 000 | a being",
        "00000004 04 n 01 growth 0 001 + 00000003 v 0101 | the process of growing",
    ],
    "data.verb": ["00000003 29 v 01 grow 0 001 + 00000004 n 0101 01 + 01 00 | become larger"],
    "data.adj": [],
    "data.adv": [],
    "index.noun": [
        "soldier n 1 1 @ 1 0 00000001",
        "warrior n 1 1 @ 1 0 00000001",
        "person n 1 0 1 0 00000002",
        "growth n 1 1 + 1 0 00000004",
    ],
    "index.verb": ["grow v 1 1 + 1 0 00000003"],
    "index.adj": [],
    "index.adv": [],
    "noun.exc": [],
    "verb.exc": ["grew grow"],
    "adj.exc": [],
    "adv.exc": [],
}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("build_lexicon")


def test_builds_relations_by_stem_and_writes_a_readable_table(script: ModuleType, tmp_path: Path) -> None:
    for name, lines in DATA.items():
        (tmp_path / name).write_text("".join(f"{line}\n" for line in lines), encoding="latin-1")
    out = tmp_path / "lexicon.tsv.gz"
    assert script.write(script.build(tmp_path, 3), out) == 5
    rows = dict(line.partition("\t")[::2] for line in gzip.decompress(out.read_bytes()).decode().splitlines())
    lexicon = Lexicon(rows)
    assert lexicon.related("soldier", ["syn"]) == {"warrior"}
    assert lexicon.related("soldier", ["hyp"]) == {"person"}
    assert lexicon.related("grow", ["der"]) == {"growth"}
    assert lexicon.related("growth", ["der"]) == {"grow"}
    assert lexicon.related("grew") == {"grow", "growth"}  # an irregular form shares its lemma's relations


# A country and a town in it, a region in it, and the classes above them (deep enough to be kept).
PLACES = {
    "data.noun": [
        "00000020 03 n 01 entity 0 000 | the root",
        "00000021 03 n 01 object 0 001 @ 00000020 n 0000 | a thing",
        "00000022 03 n 01 location 0 001 @ 00000021 n 0000 | a place",
        "00000010 03 n 01 country 0 001 @ 00000022 n 0000 | a nation",
        "00000011 03 n 01 municipality 0 001 @ 00000022 n 0000 | a town",
        "00000012 03 n 01 city 0 001 @ 00000011 n 0000 | a large town",
        "00000015 03 n 01 region 0 001 @ 00000022 n 0000 | an area",
        "00000013 03 n 01 Ruritania 0 001 @i 00000010 n 0000 | a country",
        "00000014 03 n 01 Zenda 0 002 @i 00000012 n 0000 #p 00000013 n 0000 | its capital",
        "00000016 03 n 01 Strelsau 0 002 @i 00000015 n 0000 #p 00000013 n 0000 | a region of it",
    ],
    "data.verb": [],
    "data.adj": [],
    "data.adv": [],
    "index.noun": [
        *(f"{w} n 1 1 @ 1 0 000000{o}" for w, o in (("object", 21), ("location", 22), ("country", 10))),
        *(f"{w} n 1 1 @ 1 0 000000{o}" for w, o in (("municipality", 11), ("city", 12), ("region", 15))),
        "entity n 1 0 1 0 00000020",
        "ruritania n 1 1 @ 1 0 00000013",
        "zenda n 1 2 @ #p 1 0 00000014",
        "strelsau n 1 2 @ #p 1 0 00000016",
    ],
    "index.verb": [],
    "index.adj": [],
    "index.adv": [],
    "noun.exc": [],
    "verb.exc": [],
    "adj.exc": [],
    "adv.exc": [],
}


def test_builds_classes_and_the_country_a_town_lies_in(script: ModuleType, tmp_path: Path) -> None:
    for name, lines in PLACES.items():
        (tmp_path / name).write_text("".join(f"{line}\n" for line in lines), encoding="latin-1")
    out = tmp_path / "lexicon.tsv.gz"
    script.write(script.build(tmp_path, 3), out)
    rows = dict(line.partition("\t")[::2] for line in gzip.decompress(out.read_bytes()).decode().splitlines())
    lexicon = Lexicon(rows)
    assert lexicon.classes("zenda") == {"citi", "municip"}  # "location" is too near the root to say anything
    assert lexicon.classes("ruritania") == {"countri"}
    assert lexicon.related("zenda", ["hol"]) == {"ruritania"}
    assert lexicon.related("strelsau", ["hol"]) == frozenset()  # a region, not a town, does not stand for it
    assert lexicon.related("ruritania", ["hol"]) == frozenset()


def test_counts_usage_by_stem_with_irregular_forms_taking_their_lemma(script: ModuleType, tmp_path: Path) -> None:
    for name, lines in DATA.items():
        (tmp_path / name).write_text("".join(f"{line}\n" for line in lines), encoding="latin-1")
    cntlist = ["grow%2:30:00:: 1 40", "grow%2:30:01:: 2 9", "soldier%1:18:00:: 1 3", "person%1:03:00:: 1 0"]
    (tmp_path / "cntlist.rev").write_text("".join(f"{line}\n" for line in cntlist), encoding="latin-1")
    counts = script.usage(tmp_path)
    assert counts["grow"] == 49
    assert counts["grew"] == 49
    assert counts["soldier"] == 3
    out = tmp_path / "usage.tsv.gz"
    assert script.write_usage(counts, out) == 3  # "person" was never tagged: no line
    assert gzip.decompress(out.read_bytes()).decode().splitlines()[0] == "grew\t49"


def test_verb_forms_say_which_verbs_no_noun_is_written_as(script: ModuleType, tmp_path: Path) -> None:
    for name, lines in DATA.items():
        (tmp_path / name).write_text("".join(f"{line}\n" for line in lines), encoding="latin-1")
    forms = script.verb_forms(tmp_path)
    assert forms == {"grow": True, "grew": True}  # no noun "grow" or "grew"; "growth" is no verb
    out = tmp_path / "verbs.tsv.gz"
    assert script.write_verbs(forms, out) == 2
    assert gzip.decompress(out.read_bytes()).decode() == "grew\t1\ngrow\t1\n"


KINDS = {
    "data.noun": [
        "00000010 03 n 01 entity 0 000 | the root",
        "00000011 03 n 01 object 0 001 @ 00000010 n 0000 | a thing",
        "00000012 03 n 01 artifact 0 001 @ 00000011 n 0000 | a made thing",
        "00000013 03 n 01 craft 0 001 @ 00000012 n 0000 | a vehicle",
        "00000014 03 n 02 warplane 0 military_plane 0 001 @ 00000013 n 0000 | a military aircraft",
        "00000015 03 n 01 fighter 0 001 @ 00000014 n 0000 | a fast warplane",
        "00000016 03 n 01 bomber 0 001 @ 00000014 n 0000 | a heavy warplane",
        "00000017 03 n 02 fighter 0 combatant 0 001 @ 00000011 n 0000 | someone who fights",
    ],
    "data.verb": [],
    "data.adj": [],
    "data.adv": [],
    "index.noun": [
        "entity n 1 0 1 0 00000010",
        "object n 1 1 @ 1 0 00000011",
        "artifact n 1 1 @ 1 0 00000012",
        "craft n 1 1 @ 1 0 00000013",
        "warplane n 1 1 @ 1 0 00000014",
        "military_plane n 1 1 @ 1 0 00000014",
        "fighter n 2 1 @ 2 0 00000017 00000015",
        "combatant n 1 1 @ 1 0 00000017",
        "bomber n 1 1 @ 1 0 00000016",
    ],
    "index.verb": [],
    "index.adj": [],
    "index.adv": [],
}


def test_kinds_below_a_noun_are_one_step_down_in_main_senses(script: ModuleType, tmp_path: Path) -> None:
    for name, lines in KINDS.items():
        (tmp_path / name).write_text("".join(f"{line}\n" for line in lines), encoding="latin-1")
    below = script.kinds_below(tmp_path, 2)
    assert below["warplane"] == {"fighter", "bomber"}  # one step down; the fighter plane is fighter's second sense
    assert below["craft"] == {"warplan"}  # not fighter or bomber: two steps down
    assert "artifact" not in below  # too near the root (entity, object) to say what a thing is
    assert "military_plane" not in below  # a two-word lemma is never a question word
    assert script.kinds_below(tmp_path, 1)["warplane"] == {"bomber"}  # in its first sense a fighter is a person
    out = tmp_path / "kinds.tsv.gz"
    assert script.write_kinds(below, out) == len(below)
    assert "warplane\tbomber fighter" in gzip.decompress(out.read_bytes()).decode().splitlines()
