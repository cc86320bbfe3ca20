"""scripts/build_offices.py on a tiny WordNet-format database: nouns that name a person in every sense."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_script

# A judge (a person; "Judges" is a book, a proper name), a leader (a person, and a loss leader: an artefact), a
# water (a substance) and "Waters" (a singer, a proper name written capitalised).
DATA_NOUN = [
    "  1 This licence header line is skipped",
    "00000001 18 n 02 judge 0 justice 0 000 | a public official",
    "00000002 10 n 01 Judges 0 000 | a book of the Old Testament",
    "00000003 18 n 01 leader 0 000 | a person who rules",
    "00000004 06 n 02 loss_leader 0 leader 0 000 | an article sold at a loss",
    "00000005 27 n 01 water 0 000 | a liquid",
    "00000006 18 n 01 Waters 0 000 | a singer",
]
INDEX_NOUN = [
    "  1 This licence header line is skipped",
    "judge n 2 0 2 0 00000001 00000002",
    "justice n 1 0 1 0 00000001",
    "leader n 2 0 2 0 00000003 00000004",
    "loss_leader n 1 0 1 0 00000004",
    "water n 1 0 1 0 00000005",
    "waters n 1 0 1 0 00000006",
]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("build_offices")


def test_offices_are_one_word_nouns_that_name_a_person_in_every_sense_but_proper_names(
    script: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "data.noun").write_text("".join(f"{line}\n" for line in DATA_NOUN), encoding="latin-1")
    (tmp_path / "index.noun").write_text("".join(f"{line}\n" for line in INDEX_NOUN), encoding="latin-1")
    assert script.offices(tmp_path) == ["judge", "justice"]


def test_writes_one_noun_a_line(script: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "data.noun").write_text("".join(f"{line}\n" for line in DATA_NOUN), encoding="latin-1")
    (tmp_path / "index.noun").write_text("".join(f"{line}\n" for line in INDEX_NOUN), encoding="latin-1")
    out = tmp_path / "offices.txt.gz"
    script.main(["--wordnet", str(tmp_path), "--out", str(out)])
    assert gzip.decompress(out.read_bytes()).decode().split() == ["judge", "justice"]
