"""Scans of author text that take time in proportion to its length, whatever the text.

A regular expression in which two quantifiers can match the same characters (``.+?\\s*$``,
``(`+).*?\\1``, ``\\w+.*?%\\}``) tries every way of sharing a line between them before it
fails: on a short line of spaces or backticks, minutes. The scans here read the text once,
from left to right, with ``str.find`` and plain loops. (The regular expressions that remain
over author text in frontmatter.py and markdown.py have no such pair before a part that can
fail.)

- :func:`forbidden_character`: the first character that XML 1.0 (feeds, sitemaps) refuses.
- :func:`code_spans`: where a line's inline code spans are, as Markdown reads them.
- :func:`first_template_tag`: the first Liquid tag (``{% x %}``) or Hugo shortcode.
- :func:`nesting_levels`: how deeply each line sits in lists and block quotes.
- :func:`has_toc_marker`: whether a body writes where its table of contents goes.
"""
from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterator

# C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone
# surrogates (a single character class: it cannot backtrack).
# Where a body's table of contents goes (Python-Markdown's marker: a paragraph of it alone).
TOC_MARKER = "[TOC]"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 does not allow, or None."""
    found = _FORBIDDEN.search(text)
    return found.group(0) if found else None


def character_name(character: str) -> str:
    """How a character that cannot be shown is named: ``U+0001 (a control character)``."""
    code = ord(character)
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else \
        "a noncharacter" if code in (0xFFFE, 0xFFFF) else "a control character"
    return f"U+{code:04X} ({kind})"


# --- Code spans ------------------------------------------------------------------------------

def _backtick_runs(line: str) -> list[tuple[int, int]]:
    """Each run of backticks on ``line`` that can open or close a code span, as (start,
    length). A backslash before a run escapes its first backtick (unless that backslash is
    itself escaped), as in CommonMark."""
    runs = []
    start = line.find("`")
    while start != -1:
        end = start
        while end < len(line) and line[end] == "`":
            end += 1
        backslashes = 0
        while start - backslashes > 0 and line[start - backslashes - 1] == "\\":
            backslashes += 1
        opening = start + backslashes % 2
        if end > opening:
            runs.append((opening, end - opening))
        start = line.find("`", end)
    return runs


def code_spans(line: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each code span on ``line``, in order.

    A run of backticks opens a span that the next run of the same length closes; a run
    with no such closing run is text (CommonMark's rule). Each run's next run of the same
    length is found in one pass from the right, so the time is linear even on a line of
    8,000 backticks of every length.
    """
    runs = _backtick_runs(line)
    next_same: list[int | None] = [None] * len(runs)
    latest: dict[int, int] = {}  # a run length -> the index of its nearest later run
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1]
        next_same[index] = latest.get(length)
        latest[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = next_same[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][0] + runs[closing][1]))
        index = closing + 1
    return spans


def outside_code_spans(line: str) -> list[tuple[bool, str]]:
    """``line`` cut into pieces, each with whether it is a code span: joined, they are
    ``line``."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for start, end in code_spans(line):
        pieces += [(False, line[position:start]), (True, line[start:end])]
        position = end
    pieces.append((False, line[position:]))
    return pieces


# --- Template tags ---------------------------------------------------------------------------

def _is_word_character(character: str) -> bool:
    """Whether ``character`` is what ``\\w`` matches in a regular expression."""
    return character.isalnum() or character == "_"


def _first_liquid_tag(text: str) -> tuple[int, str] | None:
    """The first ``{%`` (or ``{%-``), spaces, a word, then anything up to the first ``%}``."""
    start = text.find("{%")
    while start != -1:
        word = start + 2
        if text.startswith("-", word):
            word += 1
        while word < len(text) and text[word].isspace():
            word += 1
        if word < len(text) and _is_word_character(text[word]):
            close = text.find("%}", word + 1)
            # No "%}" after this tag's word means none after any later tag's word either.
            return (start, text[start:close + 2]) if close != -1 else None
        start = text.find("{%", start + 1)
    return None


def _first_shortcode(text: str) -> tuple[int, str] | None:
    """The first ``{{<`` or ``{{%`` up to the first ``>}}`` or ``%}}`` after it."""
    start = text.find("{{")
    while start != -1:
        if text[start + 2:start + 3] in ("<", "%"):
            ends = [end for end in (text.find(">}}", start + 3), text.find("%}}", start + 3))
                    if end != -1]
            # Likewise, no closing after this opener means none after a later one.
            return (start, text[start:min(ends) + 3]) if ends else None
        start = text.find("{{", start + 1)
    return None


def first_template_tag(text: str) -> str | None:
    """The first Liquid tag (``{% if x %}``, ``{%- raw -%}``) or Hugo shortcode
    (``{{< figure >}}``, ``{{% note %}}``) in ``text``, or None."""
    found = [tag for tag in (_first_liquid_tag(text), _first_shortcode(text)) if tag]
    return min(found)[1] if found else None


# --- Nesting of lists and quotes -------------------------------------------------------------

def _prefix(line: str) -> tuple[int, list[int], int]:
    """The start of ``line``: how many block quotes (``>``) and list items (``-``, ``*``,
    ``+``, ``1.``) it opens, the columns of the list markers after its last ``>``, and the
    column of its text. Columns count from the last ``>``; a tab moves to the next multiple
    of four."""
    levels, column, position = 0, 0, 0
    markers: list[int] = []
    while position < len(line):
        character = line[position]
        marker_end = position + 1
        if character in "0123456789":
            while marker_end < len(line) and line[marker_end] in "0123456789":
                marker_end += 1
            marker_end = marker_end + 1 if line.startswith(".", marker_end) else position
        if character == " ":
            column += 1
        elif character == "\t":
            column += 4 - column % 4
        elif character == ">":
            levels, markers, column = levels + 1, [], 0
        elif (character in "-*+" or marker_end > position + 1) \
                and line[marker_end:marker_end + 1] in ("", " ", "\t"):
            levels += 1
            markers.append(column)
            column += marker_end - position
            position = marker_end
            continue
        else:
            break
        position += 1
    return levels, markers, column


def _is_rule(line: str) -> bool:
    """Whether ``line`` is a horizontal rule (``---``, ``* * *``), not list markers."""
    marks = line.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)


def _fenced_lines(lines: list[str]) -> set[int]:
    """The indices of the lines in fenced code blocks: from a line that starts with three or
    more backticks or tildes to the next line that is that fence alone."""
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        fence = line.rstrip(" ")
        if len(fence) >= 3 and fence[0] in "`~" and fence == fence[0] * len(fence):
            closers.setdefault(fence, []).append(index)
    fenced: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = line[:len(line) - len(line.lstrip(line[:1]))] if line[:1] in ("`", "~") else ""
        if len(fence) >= 3:
            candidates = closers.get(fence, [])
            after = bisect.bisect_right(candidates, index)
            if after < len(candidates):
                fenced.update(range(index, candidates[after] + 1))
                index = candidates[after] + 1
                continue
        index += 1
    return fenced


class BodyLines:
    """A body's lines, the place in the body where each starts, the indices of those in
    fenced code blocks (see :func:`_fenced_lines`), and each line's code spans (found once,
    when first asked for)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.lines = body.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.fenced = frozenset(_fenced_lines(self.lines))
        self._code_spans: dict[int, list[tuple[int, int]]] = {}
        # For each text asked for: its places found so far, and where to look on (-1: done).
        self._places: dict[str, tuple[list[int], int]] = {}

    def code_spans(self, index: int) -> list[tuple[int, int]]:
        """:func:`code_spans` of line ``index``."""
        spans = self._code_spans.get(index)
        if spans is None:
            spans = self._code_spans[index] = code_spans(self.lines[index])
        return spans

    def places_outside_code(self, text: str, count: int) -> list[int]:
        """The first ``count`` places (all, if there are fewer) where ``text`` is written
        within a line with text, outside fenced code blocks and code spans. The body is
        looked through only as far as asked, once for each text."""
        found, start = self._places.get(text, ([], 0))
        while len(found) < count and start != -1:
            place = self.body.find(text, start)
            start = -1 if place == -1 else place + 1
            if place != -1 and self._outside_code(place, len(text)):
                found.append(place)
        self._places[text] = (found, start)
        return found[:count]

    def line_index(self, place: int) -> int:
        """The index of the line ``place`` (in the body) is on."""
        return bisect.bisect_right(self.starts, place) - 1

    def _outside_code(self, place: int, length: int) -> bool:
        index = self.line_index(place)
        line, column = self.lines[index], place - self.starts[index]
        return index not in self.fenced and bool(line.strip()) \
            and column + length <= len(line) \
            and not any(start <= column < end for start, end in self.code_spans(index))


def has_toc_marker(body: str) -> bool:
    """Whether ``body`` writes where its table of contents goes: a line of ``[TOC]`` alone
    (indented less than code), outside fenced code."""
    lines = body_lines(body)
    return any(lines.lines[index].strip() == TOC_MARKER
               and len(lines.lines[index]) - len(lines.lines[index].lstrip()) < 4
               for index in map(lines.line_index, lines.places_outside_code(TOC_MARKER, 20)))


@functools.lru_cache(maxsize=4)
def body_lines(body: str) -> BodyLines:
    """The :class:`BodyLines` of ``body``, kept for the last few bodies: each broken link of
    a body looks for where it is written (and a link written many times, for its next
    place)."""
    return BodyLines(body)


def nesting_levels(body: str) -> Iterator[tuple[int, int]]:
    """Each line of ``body`` that has text, as ``(index, levels)``: how many lists and block
    quotes it sits in (lines in fenced code blocks are left out).

    A list item is inside the items above it that start at a smaller column (the same
    line's ``- - x`` counts each marker); a paragraph after a blank line closes the items it
    is not indented under. This counts what Python-Markdown nests, or a little more: it is
    an upper bound used to refuse bodies too deep to render, never a parser.
    """
    lines = body.split("\n")
    fenced = _fenced_lines(lines)
    open_items: list[int] = []  # the columns of the list items the next line may be inside
    after_blank = False
    for index, line in enumerate(lines):
        if index in fenced:
            continue
        if not line.strip():
            after_blank = True
            continue
        levels, markers, column = _prefix(line)
        if markers and _is_rule(line):  # "- - -" is a rule, not three list items
            levels, markers = levels - len(markers), []
        if markers:
            while open_items and open_items[-1] >= markers[0]:
                open_items.pop()
            yield index, len(open_items) + levels
            open_items += markers
        else:
            if after_blank:
                while open_items and open_items[-1] >= column:
                    open_items.pop()
            yield index, len(open_items) + levels
        after_blank = False


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def without_entities(text: str) -> str:
    """``text`` with its HTML entities (``&amp;``, ``&mdash;``) read as the characters they
    stand for (a title copied from another generator, which shows it as HTML)."""
    return _ENTITY.sub(lambda found: html.unescape(found[0]), text) if "&" in text else text
