"""Build retrieval/lexicon.tsv.gz, the word relations Quotebot reads, from the WordNet 3.0 database files.

The source is Princeton WordNet 3.0 as Debian ships it (`apt-get install wordnet-base`, files in
/usr/share/wordnet). The output is keyed by Snowball stem, the form the index uses, so that the answer
path looks a question word up without a lemmatiser. Each line is

    stem <TAB> synonyms <TAB> derived forms <TAB> hypernyms <TAB> similar adjectives <TAB> kinds <TAB> places
        <TAB> aliases

with space-separated stems in each field and the words of a multi-word lemma joined by "_". Only the
first `--senses` senses of a word (WordNet lists them by frequency) contribute, to keep rare senses
("see" as "meet"... but also "see" as "a bishop's diocese") from flooding the relations.

"kinds" is what a noun is an instance of, all the way up (Japan: Asian country, country, region...; council:
administrative unit, organisation...), single words only and without WordNet's most general classes
(entity, abstraction, group...), so that a "which country" question can recognise an answer. "places" is what
a named town or building lies in (Moscow: Russia; the Kremlin: Moscow, Russia; Washington: District of
Columbia, United States), up to the first country, so that a capital can stand for its country. "aliases" is
what a proper name also goes by in its first sense (US: United States, America, USA; China: People's Republic
of China, not its second sense Taiwan), and, for a word whose first sense derives from or pertains to a proper
name, that name's aliases ("American": America, United States, US); two-word names ("Buenos Aires") get a line.

Usage: python scripts/build_lexicon.py [--wordnet /usr/share/wordnet] [--senses 3]
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from retrieval.lexicon import NOUN_ENDINGS, VERB_ENDINGS, detached
from retrieval.text import stem, stopwords

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "retrieval" / "lexicon.tsv.gz"
USAGE_OUT = ROOT / "retrieval" / "usage.tsv.gz"
VERBS_OUT = ROOT / "retrieval" / "verbs.tsv.gz"
KINDS_OUT = ROOT / "retrieval" / "kinds.tsv.gz"
GLOSSES_OUT = ROOT / "retrieval" / "glosses.tsv.gz"
# Senses of a noun or verb whose definitions say what it names (round seventeen: a second sense reached nothing more;
# docs/quality.md).
GLOSS_SENSES = 1
# Senses per noun that say what a word is a kind of, and of which word a class is a kind (round sixteen: a third sense
# files "week" under a series; docs/quality.md).
KIND_SENSES = 2
POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
_WORD = re.compile(r"^[a-z]+(?:_[a-z]+){0,2}$")
_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # adjective position markers: "galore(ip)"
FIELDS = ("syn", "der", "hyp", "sim", "isa", "hol", "als")
# WordNet pointer symbols, by the field they feed.
_POINTERS = {"+": "der", "\\": "der", "@": "hyp", "@i": "hyp", "&": "sim", "$": "syn"}
_UP = frozenset({"@", "@i"})  # hypernym and instance hypernym
_PART_OF = "#p"
# Classes this close to WordNet's root (entity, abstraction, group, object...) say nothing about an answer.
_MIN_CLASS_DEPTH = 3
_MAX_CLASS_STEPS = 8
_MAX_PLACE_STEPS = 3


class Synset:
    """One WordNet synset: its words and its pointers (symbol, target key, source word, target word)."""

    __slots__ = ("pointers", "proper", "words")

    def __init__(self, words: list[str], pointers: list[tuple[str, str, int, int]], proper: bool = False) -> None:
        self.words = words
        self.pointers = pointers
        self.proper = proper  # its first word is capitalised: a proper name


def read_glosses(folder: Path) -> dict[str, str]:
    """Each synset's definition (its gloss without the quoted examples that follow it), keyed "pos:offset"."""
    glosses: dict[str, str] = {}
    for name in ("noun", "verb", "adj", "adv"):
        for line in wordnet_lines(folder, f"data.{name}"):
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            parts = [part.strip() for part in gloss.split(";")]
            glosses[f"{_pos(fields[2])}:{fields[0]}"] = "; ".join(p for p in parts if p and p[0] not in "\"'`")
    return glosses


def wordnet_lines(folder: Path, name: str) -> Iterator[str]:
    """The lines of a WordNet data or index file ("data.noun", "index.verb"), its licence header left out."""
    for line in (folder / name).read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            yield line


def sense_counts(folder: Path) -> Iterator[tuple[str, int]]:
    """Each sense key of WordNet's SemCor counts (cntlist.rev) and how often it was tagged."""
    for line in (folder / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        sense_key, _, tagged = line.split()
        yield sense_key, int(tagged)


def read_data(folder: Path) -> dict[str, Synset]:
    """Every synset of the four data files, keyed "pos:offset"."""
    synsets: dict[str, Synset] = {}
    for name in ("noun", "verb", "adj", "adv"):
        for line in wordnet_lines(folder, f"data.{name}"):
            fields = line.split(" | ", 1)[0].split()
            offset, pos = fields[0], fields[2]
            count = int(fields[3], 16)
            written = [_MARKER.sub("", w) for w in fields[4 : 4 + 2 * count : 2]]
            words = [w.lower() for w in written]
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, target, target_pos, link = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((symbol, f"{_pos(target_pos)}:{target}", int(link[:2], 16), int(link[2:], 16)))
            synsets[f"{_pos(pos)}:{offset}"] = Synset(words, pointers, written[0][:1].isupper())
    return synsets


def _pos(letter: str) -> str:
    return "a" if letter == "s" else letter


def read_senses(folder: Path) -> dict[str, list[str]]:
    """Each lemma's synset keys, most frequent sense first, over all parts of speech."""
    senses: dict[str, list[str]] = defaultdict(list)
    for name, letter in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        for line in wordnet_lines(folder, f"index.{name}"):
            fields = line.split()
            lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[4 + pointer_count + 2 :]
            senses[lemma].extend(f"{letter}:{o}" for o in offsets[:synset_count])
    return senses


def key(word: str) -> str | None:
    """The stem key of a WordNet word ("pay_back" -> "pay_back"), or None for words we do not keep."""
    if not _WORD.match(word):
        return None
    parts = [p for p in word.split("_") if p not in stopwords()]
    if not parts:
        return None
    return "_".join(stem(p) for p in parts)


def build(folder: Path, senses_kept: int) -> dict[str, dict[str, set[str]]]:
    """Relations by stem: for each kept word, the stems its first senses relate it to."""
    synsets = read_data(folder)
    relations: dict[str, dict[str, set[str]]] = defaultdict(lambda: {f: set() for f in FIELDS})
    senses = read_senses(folder)
    for lemma, keys in senses.items():
        own = key(lemma)
        if own is None or "_" in own:
            continue
        by_pos: dict[str, int] = defaultdict(int)
        for synset_key in keys:
            pos = synset_key[0]
            by_pos[pos] += 1
            if by_pos[pos] > senses_kept:
                continue
            synset = synsets[synset_key]
            place = synset.words.index(lemma) + 1 if lemma in synset.words else 0
            bucket = relations[own]
            bucket["syn"].update(k for w in synset.words if (k := key(w)) and k != own)
            for symbol, target_key, source, target in synset.pointers:
                field = _POINTERS.get(symbol)
                if field is None or (source and source != place):
                    continue  # a lexical pointer from another word of the synset
                words = synsets[target_key].words
                chosen = [words[target - 1]] if target else words
                bucket[field].update(k for w in chosen if (k := key(w)) and k != own)
    _add_kinds_and_places(synsets, senses, senses_kept, relations)
    _add_aliases(synsets, senses, relations)
    _add_exceptions(folder, relations)
    return relations


def _alias_key(word: str) -> str | None:
    """A name's key as an alias, or None when dropping stopwords leaves one common word ("the States")."""
    own = key(word)
    if own is None or len(own) < 2 or ("_" not in own and "_" in word):
        return None
    return own


def _add_aliases(
    synsets: dict[str, Synset], senses: dict[str, list[str]], relations: dict[str, dict[str, set[str]]]
) -> None:
    """Fill "als": the other names of a proper name's first sense, and of the name a word's first senses point at.

    Only the first sense of each part of speech counts, so that "China" goes by "PRC" but not by "Taiwan"
    (its second sense). Two-word names ("Buenos Aires") get a line of their own, with what they lie in.
    """
    first_noun = {lemma: next((k for k in keys if k.startswith("n:")), None) for lemma, keys in senses.items()}
    for lemma, keys in senses.items():
        own = _alias_key(lemma)
        if own is None:
            continue
        firsts: dict[str, str] = {}
        for synset_key in keys:
            firsts.setdefault(synset_key[0], synset_key)
        named: set[str] = set()
        for synset_key in firsts.values():
            synset = synsets[synset_key]
            if synset_key.startswith("n:") and synset.proper:
                named.add(synset_key)
            place = synset.words.index(lemma) + 1 if lemma in synset.words else 0
            for symbol, target_key, source, target in synset.pointers:
                if symbol not in ("\\", "+") or (source and source != place) or not target_key.startswith("n:"):
                    continue
                # The name pointed at in its own first sense: "Chinese" points at China as Taiwan, too.
                words = synsets[target_key].words
                if synsets[target_key].proper and any(
                    first_noun.get(w) == target_key for w in (words[target - 1 : target] if target else words)
                ):
                    named.add(target_key)
        if "_" in own and not any(synsets[k].proper for k in keys[:1]):
            continue  # a multi-word line only for a proper name
        # An alias counts only where the name is its own first sense: "China" in Taiwan's synset means the PRC first.
        aliases = {
            k for s in named for w in synsets[s].words if first_noun.get(w) == s and (k := _alias_key(w)) and k != own
        }
        if aliases and ("_" not in own or relations[own]["hol"]):
            relations[own]["als"].update(aliases)


def _add_kinds_and_places(
    synsets: dict[str, Synset],
    senses: dict[str, list[str]],
    senses_kept: int,
    relations: dict[str, dict[str, set[str]]],
) -> None:
    """Fill "isa" (classes a noun belongs to) and "hol" (what a named place is part of) for each noun's senses."""
    depth = _depths(synsets)
    # A country in its two main senses (a nation, its territory), not "area, country" (any region).
    country = set([k for k in senses.get("country", []) if k.startswith("n:")][:2])
    # Only towns and buildings stand for the country they lie in (Moscow, the Kremlin), not regions
    # ("the South", "Siberia") or features ("Cape Kennedy"), whose names are also common words.
    seats = {k for w in ("municipality", "structure") for k in [k for k in senses.get(w, []) if k.startswith("n:")][:1]}
    classes: dict[str, set[str]] = {}

    def classes_of(start: str) -> set[str]:
        found = classes.get(start)
        if found is None:
            found = set()
            frontier = {start}
            for _ in range(_MAX_CLASS_STEPS):
                frontier = {t for k in frontier for sym, t, _, _ in synsets[k].pointers if sym in _UP}
                found |= frontier
            classes[start] = found
        return found

    main = {lemma: [k for k in keys if k.startswith("n:")][:senses_kept] for lemma, keys in senses.items()}

    def named_by(synset_key: str) -> set[str]:
        # A class counts under the words for which it is a main sense: "area, country" is not a country.
        return {
            k for w in synsets[synset_key].words if "_" not in w and synset_key in main.get(w, ()) and (k := key(w))
        }

    def is_country(synset_key: str) -> bool:
        return synset_key in country or bool(classes_of(synset_key) & country)

    for lemma, keys in main.items():
        own = key(lemma)
        if own is None or ("_" in own and not any(synsets[k].proper for k in keys[:1])):
            continue
        bucket = relations[own]
        for synset_key in keys:
            # A two-word name gets only its places (Buenos Aires: Argentina), for the question that writes it.
            for ancestor in classes_of(synset_key) if "_" not in own else ():
                if depth[ancestor] >= _MIN_CLASS_DEPTH:
                    bucket["isa"].update(named_by(ancestor))
            if any(sym == "@i" for sym, _, _, _ in synsets[synset_key].pointers) and classes_of(synset_key) & seats:
                for place in _places(synsets, synset_key, is_country):
                    bucket["hol"].update(k for w in synsets[place].words if (k := _alias_key(w)) and k != own)


def _places(synsets: dict[str, Synset], start: str, is_country: Callable[[str], bool]) -> set[str]:
    """What a named place lies in, on every path that reaches a country (Kremlin: Moscow, Russia).

    A path that ends anywhere else (an archipelago in an ocean, a country in a continent) is left out.
    """
    found: set[str] = set()
    paths = [[start]]
    for _ in range(_MAX_PLACE_STEPS):
        longer = [[*path, t] for path in paths for sym, t, _, _ in synsets[path[-1]].pointers if sym == _PART_OF]
        found.update(k for path in longer if is_country(path[-1]) for k in path[1:])
        paths = [path for path in longer if not is_country(path[-1])]
    return found


def _depths(synsets: dict[str, Synset]) -> dict[str, int]:
    """Each synset's shortest distance from a root (a synset with no hypernym), by breadth-first search."""
    children: dict[str, list[str]] = defaultdict(list)
    for k, synset in synsets.items():
        for sym, target, _, _ in synset.pointers:
            if sym in _UP:
                children[target].append(k)
    roots = [k for k, s in synsets.items() if not any(sym in _UP for sym, _, _, _ in s.pointers)]
    depth = dict.fromkeys(roots, 0)
    frontier = roots
    while frontier:
        following = []
        for k in frontier:
            for child in children[k]:
                if child not in depth:
                    depth[child] = depth[k] + 1
                    following.append(child)
        frontier = following
    return depth


def _irregular_forms(folder: Path) -> Iterator[tuple[str, str]]:
    """(form, lemma) stem pairs of WordNet's exception lists ("met", "meet"), single words only."""
    for name in ("noun", "verb", "adj", "adv"):
        for form, lemmas in exception_lines(folder, name):
            own = key(form)
            if own is None or "_" in own:
                continue
            for lemma in lemmas:
                base = key(lemma)
                if base is not None and base != own:
                    yield own, base


def _add_exceptions(folder: Path, relations: dict[str, dict[str, set[str]]]) -> None:
    """Irregular forms ("met" -> "meet") share their lemma's relations and point at the lemma."""
    for own, base in _irregular_forms(folder):
        relations[own]["syn"].add(base)
        for field, stems in relations.get(base, {}).items():
            relations[own][field].update(stems - {own})


def write_lines(lines: list[str], out: Path) -> int:
    """Write the lines gzipped with no timestamp (rebuilding gives the same bytes) and return how many there are."""
    with gzip.GzipFile(out, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


def write(relations: dict[str, dict[str, set[str]]], out: Path) -> int:
    """Write the table (sorted, so that rebuilding gives the same bytes) and return its line count."""
    lines = []
    for own in sorted(relations):
        fields = relations[own]
        if any(fields.values()):
            lines.append("\t".join([own, *(" ".join(sorted(fields[f])) for f in FIELDS)]))
    return write_lines(lines, out)


def usage(folder: Path) -> dict[str, int]:
    """How often each stem's commonest word was sense-tagged in WordNet's SemCor counts (cntlist.rev).

    A stem's count is the largest of its words' (irregular forms take their lemma's: "took" counts as
    "take"), so that an everyday word stays everyday whatever form the question writes it in.
    """
    per_lemma: dict[str, int] = defaultdict(int)
    for sense_key, tagged in sense_counts(folder):
        per_lemma[sense_key.partition("%")[0]] += tagged
    counts: dict[str, int] = {}
    for lemma, total in per_lemma.items():
        own = key(lemma)
        if own is not None and "_" not in own:
            counts[own] = max(counts.get(own, 0), total)
    for own, base in _irregular_forms(folder):
        if base in counts:
            counts[own] = max(counts.get(own, 0), counts[base])
    return counts


def write_usage(counts: dict[str, int], out: Path) -> int:
    """Write stem and count lines (sorted: rebuilding gives the same bytes) and return the line count."""
    lines = [f"{own}\t{counts[own]}" for own in sorted(counts) if counts[own] > 0]
    return write_lines(lines, out)


def verb_forms(folder: Path) -> dict[str, bool]:
    """Each single-word verb lemma and irregular verb form of WordNet, and whether WordNet knows it only as a verb
    (neither a noun lemma nor an irregular noun form): "took" and "quit" only, "work" and "pay" also nouns."""
    nouns = lemmas_of(folder, "noun") | {form for form, _ in exceptions_of(folder, "noun")}
    forms = lemmas_of(folder, "verb") | {form for form, _ in exceptions_of(folder, "verb")}
    return {form: form not in nouns for form in forms if re.fullmatch("[a-z]+", form)}


def lemmas_of(folder: Path, name: str) -> set[str]:
    """The lemmas of one index file."""
    return {line.split(" ", 1)[0] for line in wordnet_lines(folder, f"index.{name}")}


def exceptions_of(folder: Path, name: str) -> Iterator[tuple[str, str]]:
    """(form, lemma) pairs of one exception list, as written."""
    for form, lemmas in exception_lines(folder, name):
        for lemma in lemmas:
            yield form, lemma


def exception_lines(folder: Path, name: str) -> Iterator[tuple[str, list[str]]]:
    """Each line of one exception list (noun.exc, ...): an irregular form and its lemmas, as written."""
    for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
        form, *lemmas = line.split()
        yield form, lemmas


def write_verbs(forms: dict[str, bool], out: Path) -> int:
    """Write form and flag lines (1: only a verb), sorted so that rebuilding gives the same bytes."""
    lines = [f"{form}\t{int(only)}" for form, only in sorted(forms.items())]
    return write_lines(lines, out)


def kinds_below(folder: Path, senses_kept: int = KIND_SENSES) -> dict[str, set[str]]:
    """For each single-word noun, the stems of the nouns WordNet files directly under it (one hypernym step, either
    kind): "warplane": bomber, fighter; "footwear": shoe, boot. Both words are counted in their first senses_kept noun
    senses only, and WordNet's classes near its root (entity, abstraction, group...) have none."""
    synsets = read_data(folder)
    depth = _depths(synsets)
    nouns: dict[str, tuple[str, list[str]]] = {}  # a noun -> its stem and its first noun senses
    for lemma, keys in read_senses(folder).items():
        own = key(lemma) if "_" not in lemma else None
        kept = [k for k in keys if k.startswith("n:")][:senses_kept]
        if own is not None and kept:
            nouns[lemma] = (own, kept)
    classed: dict[str, set[str]] = defaultdict(set)  # a synset -> the nouns it is a main sense of
    for lemma, (_, kept) in nouns.items():
        for synset_key in kept:
            classed[synset_key].add(lemma)
    below: dict[str, set[str]] = defaultdict(set)
    for lemma, (own, kept) in nouns.items():
        for synset_key in kept:
            for symbol, target, _, _ in synsets[synset_key].pointers:
                if symbol not in _UP or depth[target] < _MIN_CLASS_DEPTH:
                    continue
                for word in classed[target] - {lemma}:
                    below[word].add(own)
    return dict(below)


def write_kinds(below: dict[str, set[str]], out: Path) -> int:
    """Write a noun and the stems under it a line (sorted: rebuilding gives the same bytes); return the line count."""
    lines = [f"{word}\t{' '.join(sorted(below[word]))}" for word in sorted(below) if below[word]]
    return write_lines(lines, out)


def gloss_words(folder: Path, senses_kept: int = GLOSS_SENSES) -> dict[str, set[str]]:
    """For each single-word noun or verb, the stems of the words of its own part of speech that its definitions use in
    its first senses_kept senses of each ("pal": "a close friend who accompanies his buddies in their activities" gives
    friend, buddi, activ, not "close"; "vow": "make a vow; promise" gives make, promis), without its own stem. A noun is
    defined by nouns and a verb by verbs; a definition's other words are its scaffolding."""
    glosses = read_glosses(folder)
    parts = {"n": (mainly(folder, "noun"), NOUN_ENDINGS), "v": (mainly(folder, "verb"), VERB_ENDINGS)}
    words: dict[str, set[str]] = defaultdict(set)
    for lemma, keys in read_senses(folder).items():
        own = key(lemma) if "_" not in lemma else None
        for letter, (lemmas, endings) in parts.items() if own is not None else ():
            for synset_key in [k for k in keys if k.startswith(f"{letter}:")][:senses_kept]:
                found = re.findall(r"[a-z]+", glosses[synset_key].lower())
                words[lemma].update(
                    stem(w) for w in found
                    if len(w) > 2 and w not in stopwords() and stem(w) != own and _written(w, lemmas, endings)
                )  # fmt: skip
    return {lemma: found for lemma, found in words.items() if found}


# SemCor's sense keys write the part of speech as a digit: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
_TAGGED = {"noun": "1", "verb": "2"}


def mainly(folder: Path, part: str) -> set[str]:
    """The lemmas of a part of speech ("noun", "verb") that SemCor tags as that part at least as often as as any other:
    read so in a definition ("friend", "world" as nouns; not "old" or "short", nouns too but mostly adjectives)."""
    tags: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sense_key, tagged in sense_counts(folder):
        lemma, _, rest = sense_key.partition("%")
        tags[lemma][rest[0]] += tagged
    own = _TAGGED[part]
    return {lemma for lemma in lemmas_of(folder, part) if tags[lemma][own] >= max(tags[lemma].values(), default=0)}


def _written(word: str, lemmas: set[str], endings: tuple[tuple[str, str], ...]) -> bool:
    """Whether a word is one of the lemmas, or one with an ending of their part of speech ("buddies", "promised")."""
    return word in lemmas or any(lemma in lemmas for lemma in detached(word, endings, kept=0))


def main() -> int:
    """Build the lexicon file, the word-usage file, the verb forms and the kinds below each noun."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--senses", type=int, default=3, help="senses per word and part of speech")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--usage-out", type=Path, default=USAGE_OUT)
    parser.add_argument("--verbs-out", type=Path, default=VERBS_OUT)
    parser.add_argument("--kinds-out", type=Path, default=KINDS_OUT)
    parser.add_argument("--glosses-out", type=Path, default=GLOSSES_OUT)
    args = parser.parse_args()
    count = write(build(args.wordnet, args.senses), args.out)
    print(f"{args.out}: {count} stems, {args.out.stat().st_size} bytes")
    count = write_usage(usage(args.wordnet), args.usage_out)
    print(f"{args.usage_out}: {count} stems, {args.usage_out.stat().st_size} bytes")
    count = write_verbs(verb_forms(args.wordnet), args.verbs_out)
    print(f"{args.verbs_out}: {count} forms, {args.verbs_out.stat().st_size} bytes")
    count = write_kinds(kinds_below(args.wordnet), args.kinds_out)
    print(f"{args.kinds_out}: {count} nouns, {args.kinds_out.stat().st_size} bytes")
    count = write_kinds(gloss_words(args.wordnet), args.glosses_out)
    print(f"{args.glosses_out}: {count} words, {args.glosses_out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
