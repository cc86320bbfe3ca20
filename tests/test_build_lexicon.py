"""scripts/build_lexicon.py on a tiny WordNet-format database: relations by stem, irregular forms, output."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from retrieval.lexicon import Lexicon

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_lexicon.py"
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
    spec = importlib.util.spec_from_file_location("build_lexicon", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon"] = module
    spec.loader.exec_module(module)
    return module


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
