"""Word relations from WordNet 3.0 (synonyms, derived forms, hypernyms, classes, places), keyed by stem and bundled."""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, cached_property
from importlib import resources
from typing import Protocol

from retrieval.memo import REMEMBERED
from retrieval.text import stem

# The fields of a lexicon line, in order (scripts/build_lexicon.py writes them): synonyms, derived forms,
# hypernyms, similar adjectives, the classes a noun belongs to (all the way up), what a named place lies in, and
# what a proper name also goes by in its first sense ("US": America, United States).
KINDS = ("syn", "der", "hyp", "sim", "isa", "hol", "als")
CLASSES = "isa"
DERIVED = "der"
PLACES = "hol"
ALIASES = "als"
_FILE = "lexicon.tsv.gz"
_EXTRA = "lexicon_extra.tsv"  # what WordNet 3.0 lacks or stops short of ("Kyiv", London for Britain)


class Lexicon:
    """Which stems WordNet relates to a stem; a multi-word relation is its stems joined by "_"."""

    def __init__(self, rows: Mapping[str, str]) -> None:
        self._rows = rows  # stem -> the rest of its line, split only when asked for

    def related(self, stem: str, kinds: Iterable[str] = KINDS) -> frozenset[str]:
        """The stems related to stem by the given kinds of relation."""
        row = self._rows.get(stem)
        if row is None:
            return frozenset()
        fields = dict(zip(KINDS, row.split("\t"), strict=False))
        return frozenset(word for kind in kinds for word in fields.get(kind, "").split())

    def classes(self, stem: str) -> frozenset[str]:
        """The classes a noun belongs to, as stems ("japan": "countri", "region"...; "council": "organ"...)."""
        return self.related(stem, (CLASSES,))

    def __contains__(self, stem: object) -> bool:
        return stem in self._rows

    def __len__(self) -> int:
        return len(self._rows)


def packaged_text(name: str) -> str | None:
    """A gzipped UTF-8 data file shipped in the package, or None when it is missing or unreadable."""
    try:
        return gzip.decompress(resources.files("retrieval").joinpath(name).read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None


def _tab_rows(text: str) -> dict[str, str]:
    """The lines of a packaged table: the word before the first tab, and the rest."""
    return dict(line.partition("\t")[::2] for line in text.splitlines())


@cache
def bundled_lexicon() -> Lexicon | None:
    """The lexicon shipped with the package, or None when its data file is missing or unreadable."""
    text = packaged_text(_FILE)
    if text is None:
        return None
    rows = _tab_rows(text)
    try:
        extra = resources.files("retrieval").joinpath(_EXTRA).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        extra = ""
    return Lexicon(with_extra(rows, extra))


def with_extra(rows: Mapping[str, str], text: str) -> dict[str, str]:
    """The lexicon's lines with the relations of an extra file added (word, kind, comma-separated targets)."""
    merged = dict(rows)
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, kind, targets = line.split("\t")
        key = stem(word.lower())
        fields = merged.get(key, "").split("\t")
        fields += [""] * (len(KINDS) - len(fields))
        added = ["_".join(stem(part) for part in target.lower().split()) for target in targets.split(",")]
        fields[KINDS.index(kind)] = " ".join([*fields[KINDS.index(kind)].split(), *added])
        if kind == ALIASES:
            # "Kyiv" is what "Kiev" is: a city, a national capital.
            found = [merged.get(alias, "").split("\t") for alias in added]
            classes = [c for row in found if len(row) > KINDS.index(CLASSES) for c in row[KINDS.index(CLASSES)].split()]
            fields[KINDS.index(CLASSES)] = " ".join(dict.fromkeys([*fields[KINDS.index(CLASSES)].split(), *classes]))
        merged[key] = "\t".join(fields)
    return merged


class Relations:
    """The corpus terms a question term may stand for: lexicon relations, both ways, within the corpus vocabulary.

    Looked up both ways because WordNet links are one-sided: "soil" names "land" as a synonym, a
    hypernym points up only, and a question may be the specific or the general side.
    """

    def __init__(self, lexicon: Lexicon, vocabulary: Iterable[str], kinds: Iterable[str] = KINDS) -> None:
        self._lexicon = lexicon
        self._kinds = tuple(kinds)
        self._vocabulary = frozenset(vocabulary)
        reverse: dict[str, set[str]] = {}
        for term in self._vocabulary:
            for other in lexicon.related(term, self._kinds):
                reverse.setdefault(other, set()).add(term)
        self._reverse = {term: frozenset(found) for term, found in reverse.items()}
        self._cache: dict[str, frozenset[str]] = {}

    def of(self, term: str) -> frozenset[str]:
        """Corpus terms related to term (multi-word ones as "a_b" when every part is in the corpus)."""
        found = self._cache.get(term)
        if found is None:
            forward = {
                other
                for other in self._lexicon.related(term, self._kinds)
                if all(part in self._vocabulary for part in other.split("_"))
            }
            found = frozenset((forward | self._reverse.get(term, frozenset())) - {term})
            _remember(self._cache, term, found)
        return found


# The hypernyms WordNet files a country under by the adjective of its part of the world ("Thailand": Asian country,
# Asian nation; "Kenya": African country).
_COUNTRY_CLASSES = ("_countri", "_nation")


class Demonyms:
    """The corpus's names a name goes by through the country both name (WordNet's derived forms and other names, one
    step from each side: "British" and "UK" are both Great Britain's), and, for a part of the world's adjective, the
    corpus's countries WordNet files under it ("Asian": Thailand, an Asian country)."""

    def __init__(self, lexicon: Lexicon, names: Iterable[str]) -> None:
        self._lexicon = lexicon
        by_node: dict[str, set[str]] = {}
        classed: dict[str, set[str]] = {}
        for name in names:
            for node in self._nodes(name):
                by_node.setdefault(node, set()).add(name)
            for kind in lexicon.related(name, ("hyp",)):
                for ending in _COUNTRY_CLASSES:
                    if kind.endswith(ending) and len(kind) > len(ending):
                        classed.setdefault(kind[: -len(ending)], set()).add(name)
        self._by_node = {node: frozenset(found) for node, found in by_node.items()}
        self._classed = {region: frozenset(found) for region, found in classed.items()}
        self._cache: dict[str, frozenset[str]] = {}

    def _nodes(self, name: str) -> frozenset[str]:
        """A name with its derived forms and other names ("british": great_britain, brit...)."""
        return frozenset({name}) | self._lexicon.related(name, (DERIVED, ALIASES))

    def of(self, term: str) -> frozenset[str]:
        """The corpus's names that share a country with term, or that WordNet files under term's part of the world."""
        found = self._cache.get(term)
        if found is None:
            # A capital or a city stands for the country it lies in ("Kyiv": Ukraine), and so for its demonym.
            places = self._lexicon.related(term, (PLACES,))
            nodes = self._nodes(term).union(*(self._nodes(place) for place in places))
            found = frozenset().union(
                *(self._by_node.get(node, _NONE) for node in nodes), self._classed.get(term, _NONE)
            ) - {term}
            _remember(self._cache, term, found)
        return found


class Related(Protocol):
    """Anything that says which corpus terms a question term may stand for."""

    def of(self, term: str) -> frozenset[str]:
        """Corpus terms related to term."""
        ...


class Joined:
    """The union of several sets of relations (word relations over the vocabulary, place relations over names)."""

    def __init__(self, *parts: Related) -> None:
        self._parts = parts
        self._cache: dict[str, frozenset[str]] = {}

    def of(self, term: str) -> frozenset[str]:
        """Corpus terms any of the parts relates to term."""
        found = self._cache.get(term)
        if found is None:
            found = frozenset().union(*(part.of(term) for part in self._parts))
            _remember(self._cache, term, found)
        return found


_NONE: frozenset[str] = frozenset()


def _remember(memo: dict[str, frozenset[str]], term: str, related: frozenset[str]) -> None:
    """Keep a question term's relatives, within the memos' bound: users type words without end."""
    if len(memo) >= REMEMBERED:
        memo.clear()
    memo[term] = related or _NONE  # most made-up words have none: one shared empty set, not one each


def holds(related: Iterable[str], terms: frozenset[str]) -> bool:
    """Whether terms hold one of the related terms (every part of a multi-word one)."""
    for other in related:
        if "_" not in other:
            if other in terms:
                return True
        elif all(part in terms for part in other.split("_")):
            return True
    return False


_KINDS = "kinds.tsv.gz"  # the nouns WordNet 3.0 files directly under each noun (scripts/build_lexicon.py)


class Kinds:
    """Which nouns WordNet files directly under a noun ("warplane": bomber, fighter), as stems."""

    def __init__(self, rows: Mapping[str, str]) -> None:
        self._rows = rows  # a noun as written -> the stems under it, split only when asked for

    def below(self, word: str) -> frozenset[str]:
        """The stems of the kinds of the noun a word writes, singular or plural ("warplanes", "countries")."""
        for lemma in singulars(word.lower()):
            row = self._rows.get(lemma)
            if row is not None:
                return frozenset(row.split())
        return frozenset()

    def __len__(self) -> int:
        return len(self._rows)


# WordNet's detachment rules (its `morphy`), for each part of speech: the endings an inflected form may drop, and
# what each leaves of the lemma ("countries": country, "pushing": push, "larger": large).
NOUN_ENDINGS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
                ("ies", "y"))  # fmt: skip
VERB_ENDINGS = (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))
ADJECTIVE_ENDINGS = (("er", ""), ("est", ""), ("er", "e"), ("est", "e"))


def detached(word: str, endings: Iterable[tuple[str, str]], *, kept: int = 1) -> Iterator[str]:
    """The lemmas WordNet's detachment rules (endings) may reach from an inflected word, each keeping at least `kept`
    letters of it before the ending (nouns, "countries": countrie, country; verbs, "pushing": pushe, push)."""
    for ending, lemma_end in endings:
        if word.endswith(ending) and len(word) - len(ending) >= kept:
            yield word[: -len(ending)] + lemma_end


def singulars(word: str) -> tuple[str, ...]:
    """The word and what it may be the regular plural of ("planes": plane, "boxes": box, "chairmen": chairman)."""
    return (word, *detached(word, NOUN_ENDINGS))


@cache
def bundled_kinds() -> Kinds | None:
    """The kinds shipped with the package, or None when their data file is missing or unreadable."""
    text = packaged_text(_KINDS)
    return None if text is None else Kinds(_tab_rows(text))


_GLOSSES = "glosses.tsv.gz"  # the nouns and verbs of WordNet 3.0's definitions (scripts/build_lexicon.py)


class Glosses(Kinds):
    """What WordNet's definitions of a noun or verb name, by words of its own part of speech, as stems ("pal": friend,
    buddi; "workforce": forc, worker; "vow": make, promis)."""

    def of(self, word: str) -> frozenset[str]:
        """The stems the definitions of the noun or verb a word writes name ("pals": friend; "vowed": promis)."""
        found = self.below(word)  # the kinds' layout: a word as written, then stems; read as written or a plural
        if found:
            return found
        for lemma in detached(word.lower(), VERB_ENDINGS, kept=2):
            row = self._rows.get(lemma)
            if row is not None:
                return frozenset(row.split())
        return frozenset()

    def specificity(self, stem: str) -> float:
        """How much a definition's noun says, 0 to 1: its idf over the definitions over the largest ("person": 0.3)."""
        rows = len(self) or 2
        return math.log(rows / self._counts.get(stem, 1)) / math.log(rows)

    @cached_property
    def _counts(self) -> dict[str, int]:
        """In how many nouns' definitions each stem stands."""
        counts: dict[str, int] = {}
        for row in self._rows.values():
            for word in row.split():
                counts[word] = counts.get(word, 0) + 1
        return counts


@cache
def bundled_glosses() -> Glosses | None:
    """The definitions' words shipped with the package, or None when their data file is missing or unreadable."""
    text = packaged_text(_GLOSSES)
    return None if text is None else Glosses(_tab_rows(text))


_VERBS = "verbs.tsv.gz"  # WordNet 3.0's verb lemmas and irregular verb forms (scripts/build_lexicon.py)


class VerbForms:
    """Which words WordNet knows as verbs, and which only as verbs (no noun is written so)."""

    def __init__(self, forms: Mapping[str, bool]) -> None:
        self._forms = forms  # a lemma or irregular form -> whether no noun is written so

    def is_verb(self, word: str) -> bool:
        """Whether the word is a verb form: a lemma, an irregular form, or a lemma with a regular ending
        ("pushing", "sits"; a doubled last letter too: "running")."""
        forms = self._forms
        if word in forms or any(lemma in forms for lemma in detached(word, VERB_ENDINGS, kept=2)):
            return True
        base = word.removesuffix("ing")
        return base != word and len(base) >= 2 and base[-1] == base[-2] and base[:-1] in forms

    def written(self, word: str) -> bool:
        """Whether the word is a verb's lemma or one of its irregular forms as WordNet lists them ("pay", "paid";
        not "pays" or "paying")."""
        return word in self._forms

    def only_verb(self, word: str) -> bool:
        """Whether WordNet writes the word only as a verb ("took", "quit"), never as a noun ("work", "pay")."""
        return self._forms.get(word, False)


@cache
def bundled_verbs() -> VerbForms | None:
    """The verb forms shipped with the package, or None when their data file is missing or unreadable."""
    text = packaged_text(_VERBS)
    if text is None:
        return None
    rows = (line.partition("\t") for line in text.splitlines())
    return VerbForms({form: flag == "1" for form, _, flag in rows})
