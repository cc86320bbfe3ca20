"""Loading a corpus folder: metadata, ids, and every kind of bad file skipped with its reason."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from retrieval.corpus import CorpusError, bundled_corpus_dir, list_articles, load_corpus
from tests.conftest import GOOD_ARTICLES, HUGE_BYTES, BrokenCorpus

WriteCorpus = Callable[..., Path]


def test_bundled_corpus_loads_five_articles_with_their_metadata() -> None:
    corpus = load_corpus(bundled_corpus_dir())
    assert [a.id for a in corpus.articles] == [
        "000_6b1d6993757bcc95",
        "001_8140d1c521eaac2e",
        "002_d8a4d1c7662dcc65",
        "003_70f566acd3c652ae",
        "004_e825aafbb0f4ee72",
    ]
    assert corpus.skipped == ()
    assert corpus.warnings == ()
    first, *_, reuters = corpus.articles
    assert first.source == "The Journal"
    assert first.date == date(2022, 2, 4)
    assert first.title is not None
    assert first.title.startswith("Russia and China issue joint statement")
    assert (reuters.source, reuters.title, reuters.date, reuters.url) == ("Reuters", None, date(2022, 2, 5), None)


def test_ids_are_file_names_without_extension_in_any_subfolder(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {**GOOD_ARTICLES, "deep/er/third.TXT": "The third article is in a subfolder.\n", "notes.json": "{}"}
    )
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["harbour", "orchard", "third"]
    assert corpus.folder == str(folder)


def test_metadata_comes_from_sources_toml_by_name_or_relative_path(write_corpus: WriteCorpus) -> None:
    folder = write_corpus(
        {
            **GOOD_ARTICLES,
            "deep/third.txt": "The third article is in a subfolder.\n",
            "sources.toml": (
                '["harbour.txt"]\ntitle = " Harbour bridge reopens "\nsource = "Kestrel Post"\ndate = 2024-05-16\n'
                'url = "https://kestrel.test/bridge"\n\n'
                '["orchard.md"]\ndate = "2023-10-02"\ntitle = ""\n\n'
                '["deep/third.txt"]\nsource = "Deep Times"\n'
            ),
        }
    )
    by_id = {a.id: a for a in load_corpus(folder).articles}
    harbour = by_id["harbour"]
    assert (harbour.title, harbour.source, harbour.date, harbour.url) == (
        "Harbour bridge reopens",
        "Kestrel Post",
        date(2024, 5, 16),
        "https://kestrel.test/bridge",
    )
    assert (by_id["orchard"].date, by_id["orchard"].title) == (date(2023, 10, 2), None)
    assert by_id["third"].source == "Deep Times"


@pytest.mark.parametrize(
    ("manifest", "warning"),
    [
        pytest.param(
            '["harbour.txt"]\ndate = "May 2024"\n', "harbour.txt: date 'May 2024' is not YYYY-MM-DD", id="date"
        ),
        pytest.param('["harbour.txt"]\ndate = 2024\n', "harbour.txt: date must be YYYY-MM-DD", id="date-type"),
        pytest.param('["harbour.txt"]\nauthor = "X"\n', "unknown metadata field(s) ignored: author", id="field"),
        pytest.param("[harbour.txt\n", "sources.toml: ignored, cannot parse it", id="broken-toml"),
        pytest.param(b"\xff\xfe[", "sources.toml: ignored, cannot parse it", id="not-utf-8"),
    ],
)
def test_bad_metadata_is_a_warning_and_the_article_still_loads(
    write_corpus: WriteCorpus, manifest: str | bytes, warning: str
) -> None:
    corpus = load_corpus(write_corpus({**GOOD_ARTICLES, "sources.toml": manifest}))
    assert len(corpus.articles) == 2
    assert any(warning in line for line in corpus.warnings), corpus.warnings


def test_a_duplicate_id_is_skipped(write_corpus: WriteCorpus) -> None:
    corpus = load_corpus(write_corpus({**GOOD_ARTICLES, "harbour.md": "Another harbour story entirely.\n"}))
    assert [s.path for s in corpus.skipped] == ["harbour.txt"]
    assert corpus.skipped[0].reason == "duplicate article id 'harbour' (also harbour.md)"


def test_broken_corpus_serves_the_good_articles_and_names_every_bad_file(broken_corpus: BrokenCorpus) -> None:
    corpus = load_corpus(broken_corpus.folder)
    assert {a.id for a in corpus.articles} == broken_corpus.expected_ids()
    reasons = {s.path: s.reason for s in corpus.skipped}
    expected = broken_corpus.expected_skips()
    assert set(reasons) == set(expected)
    for path, reason in expected.items():
        assert reason in reasons[path], (path, reasons[path])
    assert corpus.warnings == ("legacy.txt: not UTF-8 (byte 3), decoded as cp1252",)
    legacy = next(a for a in corpus.articles if a.id == "legacy")
    assert legacy.text.startswith("Café owners in Zürich")


def test_a_huge_file_is_skipped_without_being_read(broken_corpus: BrokenCorpus) -> None:
    assert (broken_corpus.folder / "huge.txt").stat().st_size == HUGE_BYTES
    tracemalloc.start()
    try:
        load_corpus(broken_corpus.folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_a_file_that_vanishes_between_listing_and_reading_is_skipped(write_corpus: WriteCorpus) -> None:
    folder = write_corpus()
    listing = list_articles(folder)
    (folder / "orchard.md").unlink()
    corpus = load_corpus(folder, listing=listing)
    assert [a.id for a in corpus.articles] == ["harbour"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [("orchard.md", "vanished between listing and reading")]


def test_a_folder_without_read_permission_is_reported(broken_corpus: BrokenCorpus) -> None:
    if not broken_corpus.lock_holds:
        pytest.skip(
            "running with CAP_DAC_OVERRIDE (root): chmod 000 does not stop reads here; "
            "test_cli.py::test_index_reports_each_bad_file drops that capability with setpriv instead"
        )
    corpus = load_corpus(broken_corpus.folder)
    assert ("locked", "cannot list folder: Permission denied") in {(s.path, s.reason) for s in corpus.skipped}
    assert "secret" not in {a.id for a in corpus.articles}


def test_a_symlinked_folder_inside_the_corpus_is_read_once(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({**GOOD_ARTICLES, "archive/old.txt": "An older story kept in the archive folder.\n"})
    (folder / "latest").symlink_to(folder / "archive", target_is_directory=True)
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["harbour", "old", "orchard"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("latest", "same folder as archive (a symlink loop or a second link); not read twice")
    ]


def test_a_symlinked_folder_outside_the_corpus_is_not_followed(write_corpus: WriteCorpus) -> None:
    outside = write_corpus({"elsewhere.txt": "A story kept in another folder, linked into the corpus.\n"}, name="o")
    folder = write_corpus()
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["harbour", "orchard"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [
        ("linked", "symlink to a folder outside the corpus; not followed")
    ]


def test_a_corpus_reached_through_a_symlink_is_read(write_corpus: WriteCorpus, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(write_corpus(), target_is_directory=True)
    assert sorted(a.id for a in load_corpus(tmp_path / "link").articles) == ["harbour", "orchard"]


def _one_line(error: CorpusError) -> str:
    message = str(error)
    assert "\n" not in message
    return message


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path / "nope")
    assert _one_line(caught.value) == f"corpus folder {tmp_path / 'nope'} does not exist"


def test_a_file_instead_of_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path / "a.txt")
    assert _one_line(caught.value).endswith("is not a folder")


def test_an_empty_folder_is_one_line(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"README.rst": "not an article"})
    with pytest.raises(CorpusError) as caught:
        load_corpus(folder)
    assert _one_line(caught.value) == f"corpus folder {folder} holds no readable .txt or .md articles"


def test_a_folder_of_bad_files_is_one_line_naming_them(write_corpus: WriteCorpus) -> None:
    folder = write_corpus({"a.txt": b"", "b.txt": b"\x00\x01", "c.md": b" ", "d.md": b"\x00"})
    with pytest.raises(CorpusError) as caught:
        load_corpus(folder)
    assert _one_line(caught.value) == (
        f"corpus folder {folder} holds no readable .txt or .md articles "
        "(4 skipped: a.txt: empty file; b.txt: binary file (contains NUL bytes); c.md: empty file; ...)"
    )
