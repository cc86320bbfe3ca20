"""Tell article content from page furniture (ads, appeals, comment forms, bylines, link lists) by general rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

from retrieval.text import terms

# A line must end like a sentence (optionally inside closing quotes/brackets) to read as prose.
_SENTENCE_END = re.compile(r"""[.!?…]["'`”’)\]]*\s*$|[.!?]["'`”’]\s""")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that, with the reader addressed directly, mark a page's calls to action rather than reporting.
_CALL_TO_ACTION = re.compile(
    r"\b(?:comments?|commenting|donat\w*|contribut\w*|subscri\w*|newsletters?|advertis\w*|feedback|"
    r"paywalls?|sign(?:ing)? up|log(?:ging)? in|cookies?|privacy|guidelines|readers|membership|"
    r"support(?:ing)? us|stepped up|share this|follow us|report|policy|register)\b",
    re.IGNORECASE,
)
# Addressing the reader as "you" is what appeals and forms do; reporting quotes people, not the reader,
# so quoted speech is set aside before looking for the reader.
_READER = re.compile(r"\b(?:you|your|yours|yourself)\b|\byou['’](?:ve|re|ll|d)\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|``.*?(?:``|'')")
# An imperative opening a sentence; the verb must be followed by what a call to action asks for (us, our
# newsletter, a comment, here, now...), so that "Support for the plan fell" and "Share prices rose" stay prose.
_IMPERATIVE = re.compile(
    r"(?:^|[.!?]\s+)(?:please\b|(?:leave|view|submit|enter|sign|log|subscribe|donate|share|follow|click|tap|read|"
    r"support|join|download|watch|listen|become|get|give|help|accept|manage)\s+(?:us|our|a|an|the|this|these|"
    r"it|your|to|up|in|on|here|now|today|more|for free|below|\d)\b)",
    re.IGNORECASE,
)
_LINK_LIST_HEADINGS = re.compile(
    r"^\s*(?:you (?:might|may) also like|related(?: articles| stories| coverage| content)?|read (?:more|next)|"
    r"more (?:from|stories|on this)|most (?:read|popular|viewed)|recommended|trending|latest (?:news|stories)|"
    r"also read|see also|top stories|up next|editor['’]?s picks|don['’]t miss)\b",
    re.IGNORECASE,
)
# "By Jane Doe" (a capitalised name, not "By the end of the year"), "Illustration by ...", "Source: ...".
_BYLINE = re.compile(
    r"^\s*(?:(?i:by)\s+[A-Z]|(?i:(?:written|reported|reporting|edited|editing|additional reporting|words|text|"
    r"photos?|photographs?|pictures?|images?|illustrations?|graphics?|video)\s+by)\s+\S|"
    r"(?i:authors?|source|photos?|photographs?|pictures?|images?|illustrations?|credits?|reporting|editing|"
    r"writer)\s*[:|–—]\s*\S)"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_ZONE = r"(?-i:[A-Z]{2,5}|UTC[+-]\d{1,2})"
# A line of nothing but dates, times, weekdays and zones, optionally labelled ("Updated 3:42 PM EST, Feb 4, 2022").
_DATELINE_PARTS = rf"(?:(?:{_DATE}|{_TIME}|{_WEEKDAY}|{_ZONE}|at|on)[\s,|·–-]*)+$"
# The parts are looked for first: they fail at once on prose, while the search for a date or time anywhere
# in the line tries every position of it (the same lines match either way).
_DATELINE = re.compile(
    rf"^\s*(?:(?:first |last )?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*)?"
    rf"(?={_DATELINE_PARTS})(?=.*(?:{_DATE}|{_TIME})){_DATELINE_PARTS}",
    re.IGNORECASE,
)
# A credit label anywhere ("Photo: ...", "(AP Photo/...)") or an agency credit closing the line ("X/Getty Images").
_CREDIT_LABEL = re.compile(
    r"\b(?:Photo(?:graph)?|Picture|Image|Credit|Illustration)s?:|\((?:[A-Z][\w ]*)?(?:Photo|Picture|Image)\b[^)]*\)|"
    r"\b(?:Pool|File) (?:photo|picture)\b",
)
_CREDIT_TAIL = re.compile(
    r"(?:\bvia\s+|/|\(\s*)(?:AP|AFP|Reuters|Getty(?: Images)?|PA(?: Images| Wire)?|EPA(?:-EFE)?|Bloomberg|"
    r"Shutterstock|Alamy|Xinhua|TASS)(?:\s+via\s+Getty(?: Images)?)?\s*\)?\s*$"
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
# Site navigation: "Home › News › World", "World | U.S. | Politics", "Home Uncategorized <headline>".
_NAVIGATION = re.compile(r"^\s*Home\b(?:\s*[›»>/|]\s*|\s+)[A-Z]|[›»]|\s>\s\S|\s\|\s")
_SHORT_WORDS = 6
SHORT_LABEL = "label or heading"  # the reason given to a short line that does not read as prose
_LEAD_LINES = 4  # the headline and the opening paragraphs state what an article is about
_TEASER_MAX_LEAD_OVERLAP = 0.1
# ... and almost none of the article above it: a story written one sentence a paragraph ends in quotes and
# asides that miss the lead's words but not the body's (docs/quality.md, "Closing paragraphs").
_TEASER_MAX_BODY_OVERLAP = 0.15
_TEASER_MIN_RUN = 2  # lines of prose: a list of links, not a closing paragraph
_APPEAL_SENTENCES = 3  # an appeal addresses the reader and asks within this many neighbouring sentences


@dataclass(frozen=True, slots=True)
class Block:
    """A line of the raw page: its character span and, when it is furniture, the rule that said so."""

    start: int
    end: int
    furniture: str | None  # None for content, otherwise a short reason

    @property
    def is_content(self) -> bool:
        """Whether the line is article content."""
        return self.furniture is None


def classify(text: str) -> tuple[Block, ...]:
    """Split text into non-blank lines and label each as content or furniture."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    reasons = [_line_reason(text[start:end]) for start, end in spans]
    _mark_listed_links(text, spans, reasons)
    _mark_link_lists(text, spans, reasons)
    return tuple(Block(start, end, reason) for (start, end), reason in zip(spans, reasons, strict=True))


def reads_as_prose(line: str) -> bool:
    """Whether a line ends like a sentence (optionally inside closing quotes or brackets)."""
    return bool(_SENTENCE_END.search(line.strip()))


def _line_reason(line: str) -> str | None:
    stripped = line.strip().lstrip("•·*-–— ").strip()
    words = _WORD.findall(stripped)
    prose = bool(_SENTENCE_END.search(stripped))
    if _LINK_LIST_HEADINGS.match(stripped) and len(words) <= 8 and not prose:
        return "link-list heading"
    if _NAVIGATION.search(stripped) and not prose:
        return "navigation or breadcrumb"
    if _COPYRIGHT.search(stripped):
        return "copyright notice"
    if _BYLINE.match(stripped) and len(words) <= 12 and not (prose and re.match(r"(?i:by)\s", stripped)):
        return "byline or credit"
    if _DATELINE.match(stripped):
        return "dateline"
    if (_CREDIT_LABEL.search(stripped) and (not prose or len(words) <= 25)) or _CREDIT_TAIL.search(stripped):
        return "photo caption or credit"
    # A short line that does not end like a sentence, or truncated widget text ("Like Loading...").
    if (not prose and len(words) <= _SHORT_WORDS) or (len(words) <= 3 and stripped.endswith(("...", "…"))):
        return SHORT_LABEL
    imperative = _IMPERATIVE.search(stripped)
    if _asks_reader(stripped, imperative) and _asks_nearby(stripped):
        return "call to action"
    if imperative and imperative.start() == 0 and len(words) <= 8:
        return "call to action"
    return None


def _asks_reader(text: str, imperative: re.Match[str] | None) -> bool:
    """Whether text addresses the reader (or opens with an imperative) and names what an appeal asks for."""
    # The reader is looked for before the calls to action, the slower pattern of the two.
    return bool((imperative or _READER.search(_QUOTED.sub(" ", text))) and _CALL_TO_ACTION.search(text))


def _asks_nearby(line: str) -> bool:
    """Whether the reader and the call to action stand within a few neighbouring sentences of the line.

    An appeal asks in a sentence or two ("You are visiting us because ... Advertising revenue goes some way to
    support our mission"). A long paragraph of reporting can say "you" in one sentence and "comment" or
    "report" in another far from it: an article kept as one paragraph would otherwise be thrown away whole.
    """
    sentences = ["".join(token.spacing + token.value for token in s) for p in segmenter.analyze(line) for s in p]
    windows = (" ".join(sentences[i : i + _APPEAL_SENTENCES]) for i in range(len(sentences) - _APPEAL_SENTENCES + 1))
    return len(sentences) <= _APPEAL_SENTENCES or any(_asks_reader(w, _IMPERATIVE.search(w)) for w in windows)


def _mark_listed_links(text: str, spans: list[tuple[int, int]], reasons: list[str | None]) -> None:
    """Mark the headlines listed under a "Related stories"-like heading, up to the next line of prose."""
    in_list = False
    for i, (start, end) in enumerate(spans):
        if reasons[i] == "link-list heading":
            in_list = True
        elif in_list and not _SENTENCE_END.search(text[start:end].strip()):
            reasons[i] = reasons[i] or "link in a list of other stories"
        else:
            in_list = False


def _mark_link_lists(text: str, spans: list[tuple[int, int]], reasons: list[str | None]) -> None:
    """Mark the run of lines after an article's last reporting line that are teasers for other pages.

    Pages end with links to unrelated stories and series. They read like prose, but share almost none
    of the vocabulary of the article's headline and opening paragraphs, or of the article above them; a
    closing paragraph of the article itself still names what the article is about.
    """
    content = [i for i, reason in enumerate(reasons) if reason is None]
    if len(content) <= _LEAD_LINES:
        return
    lines = [text[spans[i][0] : spans[i][1]] for i in content]
    lead = {term for line in lines[:_LEAD_LINES] for term in terms(line)}
    read: dict[int, frozenset[str]] = {}

    def held(k: int) -> frozenset[str]:
        """A line's terms, read once: the lines above the tail are read only when a tail line misses the lead."""
        if k not in read:
            read[k] = frozenset(terms(lines[k]))
        return read[k]

    run: list[int] = []
    labels = 0
    for k in range(len(content) - 1, _LEAD_LINES - 1, -1):
        own = held(k)
        if not own:
            continue
        trailing_label = not _SENTENCE_END.search(lines[k].strip())
        if not trailing_label and len(own & lead) / len(own) > _TEASER_MAX_LEAD_OVERLAP:
            break
        above = frozenset().union(*(held(j) for j in range(k)))
        if not trailing_label and len(own & above) / len(own) > _TEASER_MAX_BODY_OVERLAP:
            break
        run.append(content[k])
        labels += trailing_label
    # Teasers come as a list. One closing sentence of prose that happens to use new words is far more
    # likely the article's own last paragraph, so it stays content.
    if len(run) >= _TEASER_MIN_RUN or labels:
        for i in run:
            reasons[i] = "link or teaser for another page"
