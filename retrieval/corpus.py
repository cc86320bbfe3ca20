"""Read a folder of articles and their metadata; a bad file is reported and skipped, never fatal."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from retrieval.model import Article

ARTICLE_SUFFIXES = frozenset({".txt", ".md"})
MANIFEST_NAME = "sources.toml"
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# Tried in order after UTF-8; cp1252 decodes almost any byte string, so it is the last resort.
LEGACY_ENCODINGS = ("cp1252",)
_METADATA_FIELDS = ("title", "source", "date", "url")


class CorpusError(Exception):
    """The corpus cannot be used at all (missing or empty folder); the message is one line."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not loaded, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class CorpusLoad:
    """The articles that loaded, the files that did not, and warnings about the ones that did."""

    folder: str
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


def bundled_corpus_dir() -> Path:
    """Return the folder of the articles shipped inside the package."""
    return Path(str(resources.files("retrieval.default_corpus")))


def load_corpus(folder: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> CorpusLoad:
    """Load every .txt/.md article below folder, with metadata from its sources.toml."""
    if not folder.exists():
        raise CorpusError(f"corpus folder {folder} does not exist")
    if not folder.is_dir():
        raise CorpusError(f"corpus path {folder} is not a folder")
    skipped: list[Skipped] = []
    warnings: list[str] = []
    manifest = _read_manifest(folder, warnings)
    articles: list[Article] = []
    seen_ids: dict[str, str] = {}
    for path in sorted(_article_files(folder, skipped)):
        relative = path.relative_to(folder).as_posix()
        text, problem = _read_text(path, max_bytes, warnings)
        if text is None:
            skipped.append(Skipped(relative, problem))
            continue
        article_id = path.stem
        if article_id in seen_ids:
            skipped.append(Skipped(relative, f"duplicate article id {article_id!r} (also {seen_ids[article_id]})"))
            continue
        seen_ids[article_id] = relative
        meta = manifest.get(path.name, {}) | manifest.get(relative, {})
        articles.append(_article(article_id, text, meta, relative, warnings))
    if not articles:
        detail = f" ({len(skipped)} file(s) skipped)" if skipped else ""
        raise CorpusError(f"corpus folder {folder} holds no readable .txt or .md articles{detail}")
    return CorpusLoad(str(folder), tuple(articles), tuple(skipped), tuple(warnings))


def _article_files(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        where = Path(error.filename).relative_to(folder).as_posix() if error.filename else "?"
        skipped.append(Skipped(where or ".", f"cannot list folder: {error.strerror or error}"))

    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs.sort()
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path


def _read_text(path: Path, max_bytes: int, warnings: list[str]) -> tuple[str | None, str]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return (
                None,
                f"too large ({size / 1024 / 1024:.1f} MiB; the limit is {max_bytes / 1024 / 1024:.0f} MiB)",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "vanished before it could be read"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes)"
    text = _decode(data, path.name, warnings)
    if text is None:
        return None, "not decodable as text"
    if not text.strip():
        return None, "empty file"
    return text, ""


def _decode(data: bytes, name: str, warnings: list[str]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.append(f"{name}: not UTF-8, decoded as {encoding}")
        return text
    return None


def _read_manifest(folder: Path, warnings: list[str]) -> dict[str, dict[str, object]]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        warnings.append(f"{MANIFEST_NAME}: ignored, cannot parse it ({exc})")
        return {}
    return {name: table for name, table in raw.items() if isinstance(table, dict)}


def _article(article_id: str, text: str, meta: dict[str, object], where: str, warnings: list[str]) -> Article:
    unknown = sorted(set(meta) - set(_METADATA_FIELDS))
    if unknown:
        warnings.append(f"{where}: unknown metadata field(s) ignored: {', '.join(unknown)}")
    when = meta.get("date")
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when)
        except ValueError:
            warnings.append(f"{where}: date {when!r} is not YYYY-MM-DD; ignored")
            when = None
    if when is not None and not isinstance(when, date):
        warnings.append(f"{where}: date must be YYYY-MM-DD; ignored")
        when = None
    return Article(
        id=article_id,
        text=text,
        title=_text_field(meta.get("title")),
        source=_text_field(meta.get("source")),
        date=when,
        url=_text_field(meta.get("url")),
    )


def _text_field(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
