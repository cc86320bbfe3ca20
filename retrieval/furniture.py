"""Tell article content from page furniture (ads, appeals, comment forms, bylines, link lists) by general rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.text import terms

# A line must end like a sentence (optionally inside closing quotes/brackets) to read as prose.
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s*$|[.!?]["'”’]\s""")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that, with the reader addressed directly, mark a page's calls to action rather than reporting.
_CALL_TO_ACTION = re.compile(
    r"\b(?:comments?|commenting|donat\w*|contribut\w*|subscri\w*|newsletters?|advertis\w*|feedback|"
    r"paywalls?|sign(?:ing)? up|log(?:ging)? in|cookies?|privacy|guidelines|readers|membership|"
    r"support(?:ing)? us|stepped up|share this|follow us|report|policy|register)\b",
    re.IGNORECASE,
)
# Addressing the reader as "you" is what appeals and forms do; reporting quotes people, not the reader.
_READER = re.compile(r"\b(?:you|your|yours|yourself)\b|\byou['’](?:ve|re|ll|d)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^\s*(?:please|leave|view|submit|enter|sign|log|subscribe|donate|share|follow|click|read|"
    r"support|join|download|watch|listen)\b",
    re.IGNORECASE,
)
_LINK_LIST_HEADINGS = re.compile(
    r"^\s*(?:you (?:might|may) also like|related(?: articles| stories| coverage)?|read more|more from|"
    r"most (?:read|popular)|recommended|trending|latest news|also read|see also)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\s*(?:by|authors?|source|written by|reporting by|editing by|additional reporting|photo(?:graph)?s?|"
    r"image|credit)\s*[:\-–]?\s+\S",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}})(?:\s*(?:at|,|-|–)?\s*\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*[a-z]{{0,4}})?\s*$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"\b(?:via (?:AP|AFP|Reuters|Getty|PA|EPA)\b|PA Images|Getty Images|AFP(?: via Getty)?|Pool Photo|File photo|"
    r"Photo(?:graph)?:|Image:|Credit:|\((?:[A-Z][\w ]*)?Photo[^)]*\))",
)
_BREADCRUMB = re.compile(r"^\s*Home\b(?:\s*[›»>/|]\s*|\s+)[A-Z]|[›»]|\s>\s\S")
_SHORT_WORDS = 6
_LEAD_LINES = 4  # the headline and the opening paragraphs state what an article is about
_TEASER_MAX_LEAD_OVERLAP = 0.1


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
    _mark_link_lists(text, spans, reasons)
    return tuple(Block(start, end, reason) for (start, end), reason in zip(spans, reasons, strict=True))


def _line_reason(line: str) -> str | None:
    stripped = line.strip().lstrip("•·*-–— ").strip()
    words = _WORD.findall(stripped)
    prose = bool(_SENTENCE_END.search(stripped))
    if _LINK_LIST_HEADINGS.match(stripped) and len(words) <= 8:
        return "link-list heading"
    if _BREADCRUMB.search(stripped) and not prose:
        return "breadcrumb"
    if _BYLINE.match(stripped) and len(words) <= 12:
        return "byline or credit"
    if _DATELINE.match(stripped):
        return "dateline"
    if _PHOTO_CREDIT.search(stripped) and (not prose or len(words) <= 25):
        return "photo caption or credit"
    if not prose and len(words) <= _SHORT_WORDS:
        return "label or heading"
    if _CALL_TO_ACTION.search(stripped) and (_READER.search(stripped) or _IMPERATIVE.match(stripped)):
        return "call to action"
    if _IMPERATIVE.match(stripped) and _CALL_TO_ACTION.search(stripped) is None and len(words) <= 8:
        return "call to action"
    return None


def _mark_link_lists(text: str, spans: list[tuple[int, int]], reasons: list[str | None]) -> None:
    """Mark the run of lines after an article's last reporting line that are teasers for other pages.

    Pages end with links to unrelated stories and series. They read like prose, but share almost none
    of the vocabulary of the article's headline and opening paragraphs; a closing paragraph of the
    article itself still names what the article is about.
    """
    content = [i for i, reason in enumerate(reasons) if reason is None]
    if len(content) <= _LEAD_LINES:
        return
    lead = {term for i in content[:_LEAD_LINES] for term in terms(text[spans[i][0] : spans[i][1]])}
    for i in reversed(content[_LEAD_LINES:]):
        line = text[spans[i][0] : spans[i][1]]
        own = set(terms(line))
        if not own:
            continue
        trailing_label = not _SENTENCE_END.search(line.strip())
        if not trailing_label and len(own & lead) / len(own) > _TEASER_MAX_LEAD_OVERLAP:
            break
        reasons[i] = "link or teaser for another page"
