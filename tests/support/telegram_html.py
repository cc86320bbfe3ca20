"""Telegram's HTML parse mode, as strict as the Bot API: the text and entities a message parses into, or the error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Tag -> entity type, as listed under "HTML style" in the Bot API's formatting options.
TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
# Attributes each tag accepts; (name, required).
ATTRIBUTES: dict[str, dict[str, bool]] = {
    "span": {"class": True},
    "a": {"href": True},
    "tg-emoji": {"emoji-id": True},
    "tg-time": {"unix": True, "format": False},
    "code": {"class": False},
    "blockquote": {"expandable": False},
}
# "Only the following named HTML entities: &lt;, &gt;, &amp; and &quot;"; all numeric entities.
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6});")
_FREE = {"bold", "italic", "underline", "strikethrough", "spoiler"}


class EntityParseError(ValueError):
    """The text does not parse into entities; str() is the Bot API's description."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Bad Request: can't parse entities: {reason}")


@dataclass(frozen=True, slots=True)
class Entity:
    """One MessageEntity: offsets and lengths in UTF-16 code units, as Telegram counts them."""

    type: str
    offset: int
    length: int
    extra: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The entity as the Bot API returns it."""
        return {"type": self.type, "offset": self.offset, "length": self.length, **self.extra}


@dataclass(frozen=True, slots=True)
class Parsed:
    """The text a message shows and its entities."""

    text: str
    entities: tuple[Entity, ...]

    @property
    def length(self) -> int:
        """The text's length as Telegram's limits count it (UTF-16 code units)."""
        return utf16_length(self.text)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units; astral characters such as most emoji count twice."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def parse_html(source: str) -> Parsed:
    """Parse Telegram HTML into text and entities, raising EntityParseError like the Bot API does."""
    for match in re.finditer("&", source):
        if not _ENTITY.match(source, match.start()):
            raise EntityParseError(f"Unsupported HTML entity at offset {match.start()}")
    parser = _Parser()
    parser.feed(source)
    parser.close()
    if parser.stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1].tag}"')
    return Parsed("".join(parser.text), tuple(sorted(parser.entities, key=lambda e: (e.offset, -e.length))))


@dataclass(slots=True)
class _Open:
    tag: str
    type: str
    start: int
    extra: dict[str, str]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.size = 0
        self.stack: list[_Open] = []
        self.entities: list[Entity] = []

    def _append(self, text: str) -> None:
        self.text.append(text)
        self.size += utf16_length(text)

    def _where(self) -> str:
        line, column = self.getpos()
        return f"line {line}, column {column}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" at {self._where()}')
        kind = TAGS[tag]
        extra = self._attributes(tag, attrs)
        if self.stack:
            self._check_nesting(self.stack[-1], tag, kind, extra)
        if tag == "blockquote" and "expandable" in extra:
            kind = "expandable_blockquote"
        self.stack.append(_Open(tag, kind, self.size, extra))

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        allowed = ATTRIBUTES.get(tag, {})
        values: dict[str, str] = {}
        for name, value in attrs:
            if name not in allowed:
                raise EntityParseError(f'Unsupported attribute "{name}" in tag "{tag}" at {self._where()}')
            values[name] = value or ""
        for name, required in allowed.items():
            if required and not values.get(name):
                raise EntityParseError(f'Tag "{tag}" must have attribute "{name}" at {self._where()}')
        if tag == "span" and values["class"] != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at {self._where()}')
        if tag == "a":
            return {"url": values["href"]}
        if tag == "code" and "class" in values:
            if not values["class"].startswith("language-"):
                raise EntityParseError(f'Unsupported class of tag "code" at {self._where()}')
            return {"language": values["class"].removeprefix("language-")}
        return values

    def _check_nesting(self, outer: _Open, tag: str, kind: str, extra: dict[str, str]) -> None:
        if outer.type == "pre" and tag == "code" and outer.start == self.size:
            return  # <pre><code class="language-x"> names the block's language
        if outer.type in {"code", "pre", "custom_emoji", "date_time"}:
            raise EntityParseError(f'Entity "{kind}" can\'t be inside "{outer.type}" at {self._where()}')
        if "language" in extra:
            raise EntityParseError(f'Programming language can be specified only for "pre" at {self._where()}')
        inside = {entity.type for entity in self.stack}
        if kind == "blockquote" and inside & {"blockquote", "expandable_blockquote"}:
            raise EntityParseError(f"Blockquote entities can't be nested at {self._where()}")
        if kind == "text_link" and "text_link" in inside:
            raise EntityParseError(f"Links can't be nested at {self._where()}")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            raise EntityParseError(f'Unexpected end tag "{tag}" at {self._where()}')
        opened = self.stack.pop()
        length = self.size - opened.start
        if length == 0 and opened.type not in _FREE:
            return  # Telegram drops empty entities
        extra = {k: v for k, v in opened.extra.items() if k in {"url", "language"}}
        self.entities.append(Entity(opened.type, opened.start, length, extra))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise EntityParseError(f'Unsupported self-closing tag "{tag}" at {self._where()}')

    def handle_data(self, data: str) -> None:
        for symbol in "<>":
            if symbol in data:
                raise EntityParseError(f'Character "{symbol}" must be escaped at {self._where()}')
        self._append(data)

    def handle_entityref(self, name: str) -> None:
        self._append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise EntityParseError(f"Invalid numeric entity at {self._where()}")
        self._append(chr(code))

    def handle_comment(self, data: str) -> None:
        raise EntityParseError(f"Comments are not supported at {self._where()}")

    def handle_decl(self, decl: str) -> None:
        raise EntityParseError(f"Declarations are not supported at {self._where()}")

    def handle_pi(self, data: str) -> None:
        raise EntityParseError(f"Processing instructions are not supported at {self._where()}")

    def unknown_decl(self, data: str) -> None:
        raise EntityParseError(f"Unsupported markup at {self._where()}")
