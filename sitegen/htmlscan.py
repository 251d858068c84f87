"""Start tags of finished HTML, found by a parser, with each attribute's place in the text.

Links are rewritten by splicing new values into the HTML as written (:func:`splice`), so that
everything else stays byte for byte. :func:`read_start_tag` reads one start tag's attributes
by the HTML syntax (double-, single- or un-quoted values, spaces around ``=``, names in any
case); :func:`start_tags` finds the tags, leaving out what is inside ``<pre>``, ``<code>``,
``<script>``, ``<style>`` and ``<textarea>`` (and comments, which have no tags).

Two paths find the tags, with the same result. The standard library's HTMLParser reads any
HTML, but takes ten times as long as the regular expressions it replaced (mostly in the spans
that highlight code). So the regular HTML that Markdown writes (plain comments, no script,
whole tags...) is read with ``str.find``, jumping over a code block when every tag in it is
whole and regular; anything outside that subset is left to the parser.
``tests/test_html_links.py`` checks that both paths agree.
"""
from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser
from itertools import repeat
from operator import contains, itemgetter
from typing import NamedTuple

_SPACE = "\t\n\f\r "
SKIPPED = frozenset({"pre", "code", "script", "style", "textarea"})  # contents not rewritten
# Elements whose contents HTMLParser does not read as HTML, or that a browser reads as text:
# the fast path leaves pages with them to the parser.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes", "noscript", "plaintext"})


class Attribute(NamedTuple):
    """One attribute of a start tag, with offsets into the whole document."""

    name: str  # lowercased
    value: str  # as written: entities not decoded ("" when there is no value)
    start: int  # where the name starts
    end: int  # after the value and its closing quote
    value_start: int  # after the opening quote
    value_end: int  # at the closing quote
    quote: str | None  # '"', "'", "" (unquoted), None (no value at all: ``<a download>``)

    @property
    def text(self) -> str:
        """The value with its entities decoded: what a browser reads."""
        return html_lib.unescape(self.value) if "&" in self.value else self.value


class StartTag(NamedTuple):
    """A start tag: its lowercased name, where it is and its attributes in order."""

    name: str
    start: int
    end: int  # after its ">"
    attributes: list[Attribute]
    insert_at: int  # after its last attribute (or its name): where a new attribute goes

    def get(self, name: str) -> Attribute | None:
        """The attribute ``name`` (the first, as a browser reads it), or None."""
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


def _skip_space(html: str, position: int, stop: int) -> int:
    while position < stop and html[position] in _SPACE:
        position += 1
    return position


def _read_value(html: str, name: str, start: int, position: int,
                stop: int) -> Attribute | None:
    """The attribute ``name`` (at ``start``) whose value begins at ``position`` (after
    ``=`` and spaces); None when the tag ends with the text."""
    quote = html[position]
    if quote in "\"'":
        close = html.find(quote, position + 1, stop)
        if close == -1:
            return None
        return Attribute(name, html[position + 1:close], start, close + 1, position + 1,
                         close, quote)
    end = position
    while end < stop and html[end] not in "\t\n\f\r >":
        end += 1
    return Attribute(name, html[position:end], start, end, position, end, "")


def _read_attribute(html: str, start: int, stop: int) -> Attribute | None:
    """The attribute whose name begins at ``start``; None when the tag ends with the text."""
    equals = html.find("=", start, stop)
    if equals > start and html[equals + 1:equals + 2] in ("\"", "'") \
            and html[start:equals].replace("-", "").isalnum():  # most: name="value"
        return _read_value(html, html[start:equals].lower(), start, equals + 1, stop)
    position = start + 1  # (a first "=" is part of the name)
    while position < stop and html[position] not in "\t\n\f\r />=":
        position += 1
    name_end = position
    name = html[start:name_end].lower()
    position = _skip_space(html, position, stop)
    if position >= stop:
        return None
    if html[position] != "=":
        return Attribute(name, "", start, name_end, name_end, name_end, None)
    position = _skip_space(html, position + 1, stop)
    if position >= stop:
        return None
    return _read_value(html, name, start, position, stop)


def read_start_tag(html: str, start: int, stop: int | None = None) -> StartTag | None:
    """The start tag at ``html[start]`` (a ``<`` and a letter), read up to its ``>`` by the
    HTML syntax; None if ``html`` (or ``html[:stop]``) ends first."""
    stop = len(html) if stop is None else stop
    close = html.find(">", start, stop)
    if close != -1 and html[start + 1:close].isalnum():  # most tags: <p>, <em>, <code>
        return StartTag(html[start + 1:close].lower(), start, close + 1, [], close)
    position = html.find(" ", start, stop)  # most others: <a href="...">
    if position == -1 or not html[start + 1:position].isalnum():
        position = start + 1
        while position < stop and html[position] not in "\t\n\f\r />":
            position += 1
    name = html[start + 1:position].lower()
    attributes: list[Attribute] = []
    insert_at = position
    while True:
        while position < stop and html[position] in "\t\n\f\r /":
            position += 1
        if position >= stop:
            return None
        if html[position] == ">":
            return StartTag(name, start, position + 1, attributes, insert_at)
        attribute = _read_attribute(html, position, stop)
        if attribute is None:
            return None
        attributes.append(attribute)
        position = insert_at = attribute.end


def has_attribute(html: str, name: str) -> bool:
    """Whether a start tag of ``html`` has the attribute ``name`` (given in lowercase; in any
    case in ``html``). Each place ``name`` is written counts if it is not inside a comment,
    a script, a style or a textarea, and the start tag around it, read by the HTML syntax,
    has that attribute. (Written in a page's text, in an attribute's value or as a tag's
    name, it is not an attribute.)"""
    html = html.lower()
    found = html.find(name)
    while found != -1:
        if _attribute_of_tag_around(html, found, name) and not _in_raw_text(html, found):
            return True
        found = html.find(name, found + len(name))
    return False


_RAW_ELEMENTS = ("script", "style", "textarea")  # (whose text no tag is read in)
_TAGS_TRIED = 8  # a "<" inside quotes (x-show="n < 3") may come between a tag and a place


def _in_raw_text(html: str, position: int) -> bool:
    """Whether ``position`` of lowercased ``html`` is inside a comment, a script, a style or
    a textarea."""
    if html.rfind("<!--", 0, position) > html.rfind("-->", 0, position):
        return True
    return any(html.rfind(f"<{element}", 0, position) > html.rfind(f"</{element}", 0, position)
               for element in _RAW_ELEMENTS)


def _attribute_of_tag_around(html: str, position: int, name: str) -> bool:
    """Whether the start tag that holds ``position`` (read from one of the ``<`` before it)
    has the attribute ``name``."""
    start = html.rfind("<", 0, position)
    for _ in range(_TAGS_TRIED):
        if start == -1:
            return False
        if html[start + 1:start + 2].isalpha():
            tag = read_start_tag(html, start)
            if tag is not None and tag.end > position:
                return tag.get(name) is not None
        start = html.rfind("<", 0, start)
    return False


# --- The parser: any HTML ------------------------------------------------------------------

def _line_starts(html: str) -> list[int]:
    """Where each line of ``html`` starts (HTMLParser gives places as lines and columns)."""
    starts = [0]
    newline = html.find("\n")
    while newline != -1:
        starts.append(newline + 1)
        newline = html.find("\n", newline + 1)
    return starts


class _TagFinder(HTMLParser):
    """Collects the start tags HTMLParser sees, at their place in the text."""

    def __init__(self, html: str, skip_code: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.skip_code = skip_code
        self.line_starts = _line_starts(html)
        self.tags: list[StartTag] = []
        self.open: dict[str, int] = {}  # how many of each skipped element are open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not any(self.open.values()):
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            text = self.get_starttag_text() or ""
            found = read_start_tag(self.html, start, start + len(text))
            if found is not None:
                self.tags.append(found)
        if self.skip_code and tag in SKIPPED:
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # (``<pre/>`` opens a pre, as in a browser)

    def handle_endtag(self, tag: str) -> None:
        if self.open.get(tag):
            self.open[tag] -= 1


UNSEEN = ("script", "style")  # (elements a reader never sees, with comments)


class _UnseenFinder(HTMLParser):
    """Collects where each comment, ``<script>`` and ``<style>`` element of some HTML is."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = _line_starts(html)
        self.spans: list[tuple[int, int]] = []
        self.opened: tuple[str, int] | None = None  # (the unseen element open, where)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.spans.append((start, self.html.find(">", start + 4 + len(data)) + 1))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSEEN and self.opened is None:
            self.opened = (tag, self._offset())

    def handle_endtag(self, tag: str) -> None:
        if self.opened is not None and tag == self.opened[0]:
            end = self.html.find(">", self._offset()) + 1
            self.spans.append((self.opened[1], end or len(self.html)))
            self.opened = None

    def close(self) -> None:
        super().close()
        if self.opened is not None:  # (not closed: to the end, as a browser reads it)
            self.spans.append((self.opened[1], len(self.html)))


def without_unseen(html: str) -> str:
    """``html`` without its comments and its ``<script>`` and ``<style>`` elements: what a
    reader never sees (a summary shown on other pages leaves them out, as Liquid's
    ``strip_html`` does)."""
    lowered = html.lower()
    if "<!--" not in html and not any(f"<{name}" in lowered for name in UNSEEN):
        return html
    finder = _UnseenFinder(html)
    finder.feed(html)
    finder.close()
    return splice(html, [(start, end, "") for start, end in finder.spans])


def _parsed_start_tags(html: str, skip_code: bool) -> list[StartTag]:
    finder = _TagFinder(html, skip_code)
    finder.feed(html)
    finder.close()
    return finder.tags


# --- The fast path: the regular HTML Markdown writes ---------------------------------------

def _is_regular(tag: StartTag, html: str) -> bool:
    """Whether HTMLParser surely reads ``tag`` as :func:`read_start_tag` does: a plain name,
    and attributes with plain names, each after a space, with quoted or plain values."""
    if tag.name in _RAW_TEXT:
        return False
    if not tag.attributes:
        return tag.name.isalnum() or tag.name.replace("-", "").isalnum()
    if not tag.name.replace("-", "").isalnum():
        return False
    for attribute in tag.attributes:
        if html[attribute.start - 1] not in _SPACE \
                or not attribute.name.replace("-", "").replace(":", "").isalnum() \
                or (attribute.quote == "" and any(mark in attribute.value for mark in "\"'<=`")):
            return False
    return True


def _may_have(html: str, start: int, end: int, names: tuple[str, ...]) -> bool:
    """Whether ``html[start:end]`` may have a tag with an attribute of one of ``names``: it
    has one of them followed by ``=`` (spaces between)."""
    text = html[start:end].lower()
    for name in names:
        found = text.find(name)
        while found != -1:
            found += len(name)
            if text[_skip_space(text, found, len(text)):][:1] == "=":
                return True
            found = text.find(name, found)
    return False


def _end_of_plain(html: str, tag: StartTag) -> int:
    """Where the element ``tag`` opens ends (after its end tag) when HTMLParser surely reads
    what is inside it as :func:`_is_plain_inside` says, and so ends it at its first end tag;
    else -1."""
    close = html.find(f"</{tag.name}", tag.end)
    after = close + len(tag.name) + 2
    if close == -1 or html[after:after + 1] != ">":
        return -1
    if html.find("<", tag.end, close) != -1 and not _is_plain_inside(html[tag.end:close],
                                                                       tag.name):
        return -1
    return after + 1


# What the markup at each "<" inside a skipped element is, by the text between that "<" and
# the next ">" (its head, when no "<" comes first): "" (text, or a tag that leaves HTMLParser
# reading as before), the name of a skipped element it opens or "/" and the name of one it
# closes, or None (anything else). Heads repeat: the code's highlighting is a few kinds of
# ``<span class="...">``.
_MARKUP_KINDS: dict[str, str | None] = {}
_MARKUP_KINDS_KEPT = 4096
_NO_END_TAG = "\0"  # (what each "</span>" becomes before the pieces are read: see below)
_HEAD = itemgetter(0)  # (of a piece's partition at its first ">")


def _markup_kind(head: str, closed: bool = True) -> str | None:
    """What ``<head>`` is (``closed``: a ">" ends it, before any "<"): see
    :data:`_MARKUP_KINDS`."""
    first = head[:1]
    if not (first.isascii() and (first.isalpha() or first == "/")):
        return None if first in ("!", "?") else ""  # a comment, or a "<" of the text
    if not closed or _NO_END_TAG in head:
        return None  # a tag that runs on past the next "<"
    if first == "/":
        name = head[1:]
        if not (name[:1].isascii() and name[:1].isalpha() and name.isalnum()):
            return None
        return f"/{name.lower()}" if name.lower() in SKIPPED else ""
    markup = f"<{head}>"
    tag = read_start_tag(markup, 0)
    if tag is None or tag.end != len(markup) or not _is_regular(tag, markup):
        return None
    return tag.name if tag.name in SKIPPED else ""


def _is_plain_inside(inside: str, name: str) -> bool:
    """Whether HTMLParser reads ``inside`` (of an element ``name``, up to the first end tag
    of that name) as text and whole, regular tags, with every skipped element opened in it
    closed again: then that end tag is the element's.

    Only the different heads are read (see :data:`_MARKUP_KINDS`). ``</span>``, half of
    every "<" in highlighted code, is taken out first: a tag that held one would have held a
    "<", and its head now holds the mark left in its place."""
    pieces = inside.replace("</span>", _NO_END_TAG).split("<")
    del pieces[0]  # (the text before the first "<")
    if not all(map(contains, pieces, repeat(">"))) and any(
            _markup_kind(piece, closed=False) is None for piece in pieces if ">" not in piece):
        return False
    if len(_MARKUP_KINDS) >= _MARKUP_KINDS_KEPT:
        _MARKUP_KINDS.clear()
    kinds = set()
    for head in set(map(_HEAD, map(str.partition, pieces, repeat(">")))):
        kind = _MARKUP_KINDS[head] if head in _MARKUP_KINDS else \
            _MARKUP_KINDS.setdefault(head, _markup_kind(head))
        if kind is None:
            return False
        kinds.add(kind)
    kinds.discard("")
    if not kinds:
        return True
    if name in kinds or f"/{name}" in kinds:
        return False  # (the first end tag may be an inner element's)
    inside = inside.lower()
    for inner in {kind.lstrip("/") for kind in kinds}:  # each opened once, then closed once
        if inner not in kinds or f"/{inner}" not in kinds or inside.count(f"<{inner}") != 1 \
                or inside.count(f"</{inner}") != 1 \
                or inside.find(f"<{inner}") > inside.find(f"</{inner}"):
            return False
    return True


def _end_of_markup(html: str, position: int) -> int:
    """Where the end tag or comment at ``position`` ends, when it is one HTMLParser surely
    reads the same way (``</name>``, ``<!--text-->``); else -1. A comment whose text holds
    no "--" and begins with neither ">" nor "->" ends at its first "-->" in every version of
    the HTML syntax (and of HTMLParser, whose older versions end one at "--" and ">" with
    spaces between); its text may hold tags, as in ``<!-- default: <code>x</code> -->``."""
    if html.startswith("<!--", position):
        close = html.find("-->", position + 4)
        comment = html[position + 4:close]
        return -1 if close == -1 or "--" in comment or comment.startswith((">", "->")) \
            else close + 3
    if html.startswith("</", position) and html[position + 2:position + 3].isalpha():
        close = html.find(">", position)
        name = html[position + 2:close].rstrip(_SPACE)
        return -1 if close == -1 or not name.replace("-", "").isalnum() else close + 1
    return -1


def _regular_start_tags(html: str, skip_code: bool,
                        needed: tuple[str, ...] | None = None) -> list[StartTag] | None:
    """:func:`start_tags` of regular HTML, found with ``str.find``; None (for the parser to
    read) as soon as something is outside what this path surely reads as HTMLParser does.
    Without ``skip_code``, an element of :data:`SKIPPED` is still jumped over when no tag
    in it may have one of the attributes ``needed``."""
    tags: list[StartTag] = []
    position = html.find("<")
    while position != -1:
        following = html[position + 1:position + 2]
        if following.isascii() and following.isalpha():
            tag = read_start_tag(html, position)
            if tag is None or not _is_regular(tag, html):
                return None
            tags.append(tag)
            position = tag.end
            if skip_code and tag.name in SKIPPED:
                position = _end_of_plain(html, tag)
            elif needed is not None and tag.name in SKIPPED:
                close = html.find(f"</{tag.name}", tag.end)
                if close != -1 and not _may_have(html, tag.end, close, needed):
                    end = _end_of_plain(html, tag)  # (-1: the tags inside it are read)
                    position = position if end == -1 else end
        elif following == "/":  # most end tags are plain (</p>): no call for them
            close = html.find(">", position)
            plain = close != -1 and html[position + 2:close].isalnum()
            position = close + 1 if plain else _end_of_markup(html, position)
        elif following in ("!", "?"):
            position = _end_of_markup(html, position)
        else:
            position += 1  # text
        if position == -1:
            return None
        position = html.find("<", position)
    return tags


def start_tags(html: str, skip_code: bool = True,
               needed: tuple[str, ...] | None = None) -> list[StartTag]:
    """Every start tag of ``html`` in order, except (with ``skip_code``) those inside
    ``<pre>``, ``<code>``, ``<script>``, ``<style>`` and ``<textarea>``. With ``needed``
    (attribute names), tags with none of them may be left out."""
    if "<" not in html:
        return []
    tags = _regular_start_tags(html, skip_code, needed)
    return _parsed_start_tags(html, skip_code) if tags is None else tags


# --- Reading and writing -------------------------------------------------------------------

ID_ATTRIBUTES = ("id", "name")  # (the ``needed`` of start_tags for ids_of)


def ids_of(tags: list[StartTag]) -> list[str]:
    """The anchors among ``tags`` (start tags found with ``needed=ID_ATTRIBUTES``, or all):
    each element's ``id`` and each ``<a name>``, in order."""
    ids = []
    for tag in tags:
        for attribute in tag.attributes:
            if attribute.name == "id" or (attribute.name == "name" and tag.name == "a"):
                if attribute.value:
                    ids.append(attribute.text)
    return ids


def new_value(attribute: Attribute, value: str, escaped: bool = False) -> tuple[int, int, str]:
    """The edit (for :func:`splice`) that gives ``attribute`` the value ``value`` (escaped
    here unless ``escaped``): in its own quotes, or in double quotes if it had none."""
    escaped_value = value if escaped else html_lib.escape(value)
    if attribute.quote:
        return attribute.value_start, attribute.value_end, escaped_value
    if attribute.quote == "":
        return attribute.value_start, attribute.value_end, f'"{escaped_value}"'
    return attribute.end, attribute.end, f'="{escaped_value}"'


def removal(html: str, attribute: Attribute) -> tuple[int, int, str]:
    """The edit (for :func:`splice`) that takes ``attribute`` out, with the space before it."""
    start = attribute.start - 1 if html[attribute.start - 1] in _SPACE else attribute.start
    return start, attribute.end, ""


def splice(html: str, edits: list[tuple[int, int, str]]) -> str:
    """``html`` with each ``(start, end, text)`` edit made: ``html[start:end]`` becomes
    ``text``. Edits are in order and do not overlap."""
    if not edits:
        return html
    pieces = []
    position = 0
    for start, end, text in edits:
        pieces += [html[position:start], text]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def without_attribute(html: str, name: str) -> str:
    """``html`` without any ``name`` attribute in its start tags (code included)."""
    return splice(html, [removal(html, attribute) for tag in start_tags(html, skip_code=False)
                         for attribute in tag.attributes if attribute.name == name])


# --- Which attributes are links ------------------------------------------------------------

def link_attribute(tag: str, attribute: str) -> str | None:
    """What ``attribute`` of element ``tag`` holds: "url" (``href``, ``src``, a video's
    ``poster``), "srcset" (an image's or a source's), or None: not a link."""
    if attribute in ("href", "src") or (attribute == "poster" and tag == "video"):
        return "url"
    if attribute == "srcset" and tag in ("img", "source"):
        return "srcset"
    return None


def srcset_urls(value: str) -> list[tuple[int, int]]:
    """Where each URL of a ``srcset`` is in ``value``: candidates are separated by commas and
    a URL runs to the first space (its descriptor, ``2x`` or ``640w``, stays as written)."""
    spans = []
    position = 0
    while position < len(value):
        while position < len(value) and value[position] in _SPACE + ",":
            position += 1
        start = position
        while position < len(value) and value[position] not in _SPACE:
            position += 1
        end = position
        while end > start and value[end - 1] == ",":  # "a.png," has no descriptor
            end -= 1
        if end > start:
            spans.append((start, end))
        if end == position:  # then its descriptors run to the next comma
            while position < len(value) and value[position] != ",":
                position += 1
    return spans


def link_targets(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    """The URLs that the start tag ``tag`` with ``attrs`` (decoded, as HTMLParser gives
    them) links to, in order."""
    targets = []
    for name, value in attrs:
        kind = link_attribute(tag, name)
        if kind == "url" and value:
            targets.append(value)
        elif kind == "srcset" and value:
            targets += [value[start:end] for start, end in srcset_urls(value)]
    return targets
