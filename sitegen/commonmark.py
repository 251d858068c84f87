"""Block rules of CommonMark (the Markdown of GitHub, Hugo and Jekyll's GFM) that
Python-Markdown reads otherwise, applied to a body's lines before Python-Markdown parses
them (a Python-Markdown preprocessor):

- **Nested lists by their content's column.** CommonMark nests a line under a list item
  when it is indented as far as the item's text (two spaces under ``- item``, three under
  ``1. item``); Python-Markdown wants four. A list that nests that way is indented anew,
  four spaces a level, every line keeping the spaces it has beyond its item's text (code
  in an item stays code, with its own indentation). A list written with four spaces a
  level, as for MkDocs, has no such line and is left as it is.
- **An item of the other kind** (a bullet right after a numbered item, even indented less
  than its text) starts another list, as in CommonMark; Python-Markdown reads it as text of
  the item.
- **A fence or a list right after a paragraph's line.** CommonMark starts the fence or the
  list there; Python-Markdown keeps a list's lines in the paragraph, as text, and puts the
  fenced code inside the paragraph (``<p>`` around a ``<div>``). A blank line is put
  between them, and after a fence's closing line followed by text. An ordered list
  interrupts a paragraph only from ``1``, as in CommonMark. A fence line four spaces
  further in than its opener is code of the fence, not its closer.
- **A table right after a paragraph's line** (``Some text:`` then ``| a | b |`` and its
  delimiter row, at the margin) is a table, as in GitHub's Markdown; Python-Markdown keeps
  its rows in the paragraph. A blank line is put before it.
- **A list right after a line of a block quote's text** (``> In a quote:`` then ``> -
  one``) is a list of the quote, as CommonMark reads it; Python-Markdown keeps its lines
  in the paragraph. A quoted empty line is put between.
- **A heading one to three spaces in** (`` ## Description``) after a blank line is a
  heading, as in CommonMark; Python-Markdown shows it as text. Outside lists, it is written
  at the margin. (Inside a paragraph too, in CommonMark: a YAML comment of a shortcode this
  engine shows as text would become a heading there.)
- **A backslash at a line's end** is a hard line break (``<br />``), as two spaces are in
  both. Python-Markdown shows the backslash. At the end of a paragraph, or in code, it
  stays a backslash.
- **A backslash before ASCII punctuation** escapes it (``\\<``, ``\\$``, ``\\@``...), as in
  CommonMark and kramdown; Python-Markdown escapes only some (``\\*``, ``\\[``...) and
  shows the backslash before the others. But for ``,``, ``;`` and ``:``, whose backslash
  stays, as in Python-Markdown: TeX's spacing commands (``\\,`` in ``$...$`` math).
- **A nested list right after a line of its item's text** (an item's second paragraph,
  ``Second para:``, then ``- e``) is a list, as at the margin.
- **An item right after loose content of the item above** (``1. Review:``, a blank line,
  a nested list, then ``2. Create``) starts the next item, as in CommonMark; Python-Markdown
  reads it as a line of that content. A blank line is put before it.
- **A line of a paragraph that starts with ``#`` and a number** (``#255](url)``, a link
  wrapped), at the margin or in a list item, is text, as in CommonMark and kramdown;
  Python-Markdown made it a heading.
- **A list's marker alone** (``*``, ``1.``) right after a paragraph's line is a line of
  the paragraph: an empty item does not interrupt a paragraph in CommonMark.
- **A line of ``=`` or ``--`` right after a list item's line** (less indented than its
  text) is a lazy line of the item's text, as in CommonMark; Python-Markdown makes the
  item's line a heading.
- **A block quote's text** is given these rules as a body is (:func:`_quotes_by_the_rules`):
  a fence right after an item's line in a quote, a list from 2 after it.
- **Block quotes parted by a blank line** are two quotes (:class:`QuotesApart`), as in
  CommonMark and kramdown; Python-Markdown made them one.
- **A reference's label holding code** (``[`x`][]``, ``[`x`]``, defined by ``[`x`]: url``)
  names the definition written with the same code, as CommonMark matches labels as written;
  Python-Markdown has set the code aside by then, and finds no definition.

- **A ``<pre>`` element in a list item** is kept as written to its ``</pre>``
  (:class:`PreInItems`), as CommonMark keeps an HTML block there; Python-Markdown read its
  lines as Markdown.

A body that needs none of these is left as it is, after one look at each line."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import markdown
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    BACKTICK_RE,
    REFERENCE_RE,
    HtmlInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
    SubstituteTagInlineProcessor,
)
from markdown.preprocessors import Preprocessor
from markdown.util import INLINE_PLACEHOLDER_RE, STX

from sitegen.codespans import CommonMarkCodeSpans
from sitegen.htmlblocks import html_block_lines
from sitegen.prose import line_kinds

# A list item's marker and the spaces after it, where a line's indentation ends: "- ", "10. ".
# Not CommonMark's "10) ", which Python-Markdown reads as text: the item's paragraphs would be
# indented anew as code (EESSI's "6) Go to ..." then a paragraph three spaces in).
_MARKER = re.compile(r"([*+-]|\d{1,9}\.)( +|$)")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r"([-*_])( *\1){2,} *$")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
# CommonMark's hard line break by a backslash (Python-Markdown's escapes, which run before,
# leave a backslash before a line end as it is).
BACKSLASH_BREAK_RE = r"\\\n"


@dataclass
class _Item:
    """An open list item: the column of its text as written, and its depth (0 at the top)."""

    text_column: int
    depth: int


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_text_column(line: str) -> int | None:
    """The column of the text of the list item ``line`` starts (after its marker and one to
    four spaces; one when there are more, as the rest is code), or None if ``line`` does not
    start a list item (a thematic break, ``- - -``, does not)."""
    indent = _indent(line)
    match = _MARKER.match(line, indent)
    if match is None or _THEMATIC_BREAK.match(line, indent):
        return None
    spaces = len(match.group(2))
    return match.end(1) + (spaces if 1 <= spaces <= 4 else 1)


def _fence_of(line: str) -> str:
    """The fence ``line`` opens, with the spaces before it (three or more backticks or
    tildes, no backtick after a backtick fence), or ''."""
    match = _FENCE.match(line)
    if match is None:
        return ""
    fence = match.group(1)
    return "" if fence[0] == "`" and "`" in line[match.end():] else line[:match.end()]


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes ``fence`` (as :func:`_fence_of` gives it): the same mark, at
    least as many, nothing after, and less than four spaces more before it (a line
    indented further is code, as superfences and CommonMark read it)."""
    text, marks = line.lstrip(" "), fence.lstrip(" ")
    return len(line) - len(text) < len(fence) - len(marks) + 4 \
        and text.rstrip().startswith(marks) and not text.strip().strip(marks[0])


def _starts_other_block(line: str) -> bool:
    """Whether ``line`` (at the margin) starts a block that ends a list: a heading, a fence,
    a thematic break, a block quote or an HTML block."""
    text = line.lstrip(" ")
    return text.startswith(("#", ">", "<")) or bool(_fence_of(line)) \
        or bool(_THEMATIC_BREAK.match(text))


def _lines_outside_fences(lines: list[str], start: int = 0, blank: bool = False,
                          ) -> Iterator[tuple[int, str, int, int | None, bool]]:
    """Each line of ``lines`` from ``start`` on that is neither blank nor in a fence: its
    index, the line, its indentation, the column of its item's text (None if it starts no
    item), and whether a blank line came before it (``blank``: before ``start``)."""
    fence = ""
    for index in range(start, len(lines)):
        line = lines[index]
        if fence:
            fence = "" if _closes(line, fence) else fence
        elif not line.strip():
            blank = True
        else:
            yield index, line, _indent(line), _item_text_column(line), blank
            blank, fence = False, _fence_of(line)


def _is_ordered(line: str) -> bool:
    return line.lstrip(" ")[:1].isdigit()


def _list_end(lines: list[str], start: int) -> int:
    """The index just after the list whose first item is ``lines[start]``: the list goes on
    over its items, their indented lines, lazy lines of text and fences, and ends at a line
    less indented than its item's text that follows a blank line and is not an item, that
    starts another block, or that is an item of the other kind (a bullet after a numbered
    item: another list, in CommonMark)."""
    text_column = _item_text_column(lines[start]) or 0
    ordered = _is_ordered(lines[start])
    for index, line, indent, column, blank in _lines_outside_fences(lines, start + 1):
        if indent < text_column:
            if column is not None and indent <= 3:
                if _is_ordered(line) != ordered:
                    return index
                text_column = column  # (the next item of the list)
            elif blank or _starts_other_block(line):
                return index
    return len(lines)


def _nests_by_text_column(lines: list[str]) -> bool:
    """Whether a list (its lines) has a line indented as CommonMark nests and Python-Markdown
    does not: at its item's text, or four spaces a level past it (code), but not four spaces
    a level past its marker (two or six spaces under ``- item``, three or seven under
    ``1. item``)."""
    open_items: list[tuple[int, int]] = []  # (marker's column, text's column)
    for _, _, indent, column, blank in _lines_outside_fences(lines, blank=True):
        if column is None and not blank:
            continue  # (text going on from the line above, however indented)
        while open_items and indent < open_items[-1][1]:
            open_items.pop()
        marker, text = open_items[-1] if open_items else (0, 0)
        if open_items and indent < marker + 8 and (indent - marker) % 4 and (
                (indent - text) % 4 == 0 or indent < text + 4):
            return True  # (at its text, or one to three spaces past it, as CommonMark nests a
            # paragraph: porter's manifest reference; deeper lines are code, as code)
        if column is not None:
            open_items.append((indent, column))
    return False


@dataclass
class _Reindenting:
    """Where :func:`_reindented` is in a list: its open items, the fence it is in (and the
    item the fence belongs to), whether the line before was blank, the new indentation of
    the first line after the last blank line, and whether that block is indented code."""

    items: list[_Item] = field(default_factory=list)
    fence: str = ""
    fence_item: _Item | None = None
    blank: bool = True
    block_indent: int = 0
    in_code: bool = False
    shift: int = 0  # (how far the last line not going on from the one above moved)


def _in_item(line: str, item: _Item, indent: int) -> str:
    """``line`` (indented ``indent``) inside ``item``: four spaces past the item's new
    marker, and the spaces it has beyond the item's text as written."""
    return " " * (4 * (item.depth + 1) + max(0, indent - item.text_column)) + line.lstrip(" ")


def _reindented_fence_line(line: str, state: _Reindenting) -> str:
    state.fence = "" if _closes(line, state.fence) else state.fence  # (as written)
    if state.fence_item is not None and line.strip():
        line = _in_item(line, state.fence_item, _indent(line))
    return line


def _reindented_line(line: str, state: _Reindenting) -> list[str]:
    """One line of a list as :func:`_reindented` writes it (two, with a blank line)."""
    indent, column, items = _indent(line), _item_text_column(line), state.items
    if not state.blank and column is None and items and not (
            state.in_code and indent >= items[-1].text_column + 4):
        if indent < items[-1].text_column:
            return [line]  # (text going on from the line above, lazily: as it is)
        # (in its item: moved as the line above, a reference definition under another too)
        return [" " * max(0, indent + state.shift) + line.lstrip(" ")]
    while items and indent < items[-1].text_column:
        items.pop()
    if column is not None:
        apart = [""] if not state.blank and 4 * len(items) < state.block_indent else []
        items.append(_Item(column, len(items)))
        state.fence, state.fence_item, state.in_code = "", None, False
        return [*apart, " " * (4 * (len(items) - 1)) + line.lstrip(" ")]
    state.fence = _fence_of(line)
    state.fence_item = items[-1] if items else None
    state.in_code = bool(items) and (state.in_code or state.blank) \
        and indent >= items[-1].text_column + 4
    if not items:
        return [line]
    # A block one to three spaces past its item's text (as CommonMark allows) starts at the
    # item's text: written four spaces past the marker for Python-Markdown (a Material
    # admonition in an item: "    !!! note" under "* item"), it is read so in both. A fence
    # keeps its spaces, which its code lines keep too.
    shifted = state.in_code or bool(state.fence)
    return [_in_item(line, items[-1], indent if shifted else items[-1].text_column)]


def _reindented(lines: list[str]) -> list[str]:
    """A list's lines indented as Python-Markdown nests them: each item's marker at four
    spaces a level, each other line at four spaces past its item's marker plus the spaces
    it has beyond the item's text as written (in a fence and in indented code too). A line
    of text going on from the line above stays as it is (fences have blank lines around
    them by now: :func:`_fences_apart`). An item less indented than the first line after
    the last blank line gets a blank line before it: Python-Markdown reads the lines from
    a blank line on as one block, the item as text of that block otherwise."""
    out: list[str] = []
    state = _Reindenting()
    for line in lines:
        if state.fence:
            out.append(_reindented_fence_line(line, state))
        elif not line.strip():
            out.append(line)
            state.blank = True
        else:
            going_on = not state.blank and _item_text_column(line) is None
            out += _reindented_line(line, state)
            if state.blank:
                state.block_indent = _indent(out[-1])
            if not going_on:
                state.shift = _indent(out[-1]) - _indent(line)
            state.blank = False
    return out


def _is_empty_item(line: str) -> bool:
    """Whether ``line`` is a list item's marker alone (``*``, ``1.``): in CommonMark, such an
    item cannot interrupt a paragraph, whose line it is (linuxtoy's ``*Source: ...`` then a
    line ``*``, its emphasis over a line break)."""
    text = line.strip()
    return text in ("*", "-", "+") or text[:-1].isdigit() and text[-1:] in (".", ")")


def _is_ordered_from_other_than_one(line: str) -> bool:
    marker = line.split()[0]
    return marker[:-1].isdigit() and int(marker[:-1]) != 1


def _quoted(line: str) -> str | None:
    """What a line of a block quote holds (``> - one`` holds ``- one``), or None for a line
    that is not one (indented less than code, starting with ``>``)."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or not text.startswith(">"):
        return None
    return text[2:] if text.startswith("> ") else text[1:]


def _opens_quoted_list(previous: str, line: str) -> bool:
    """Whether ``line`` starts a list inside a block quote right after a line of the
    quote's text (``> In a quote:`` then ``> - one``): CommonMark starts the list there,
    where Python-Markdown keeps it in the paragraph, as text."""
    before, held = _quoted(previous), _quoted(line)
    if before is None or held is None or not before.strip() or _indent(held) > 3 \
            or _item_text_column(held) is None or _is_ordered_from_other_than_one(held.lstrip()):
        return False
    text = before.lstrip()
    return _item_text_column(before) is None and not text.startswith(("#", ">", "`", "~"))


def _has_quoted_list(lines: list[str]) -> bool:
    """Whether a list of ``lines`` starts right after a line of a block quote's text."""
    return any(_opens_quoted_list(previous, line)
               for previous, line in zip(lines, lines[1:], strict=False)
               if line[:4].lstrip(" ")[:1] == ">")


def _has_quote_line(text: str) -> bool:
    """Whether a line of ``text`` (which starts with a line end) starts with ``>`` at most
    three spaces in: four searches of the text, where a look at each line took longer."""
    return any(start in text for start in ("\n>", "\n >", "\n  >", "\n   >"))


def _quotes_by_the_rules(lines: list[str]) -> list[str]:
    """``lines`` with the text of each block quote at the margin (a run of its ``>`` lines,
    outside fences) given these rules too, as CommonMark reads a quote's text as it reads
    a body (kiroule's ``>1. item`` then ``>  ```shell``: the fence had become a code span
    of the item); written back with ``> ``, which Python-Markdown's quote takes off."""
    out: list[str] = []
    index, fence = 0, ""
    while index < len(lines):
        line = lines[index]
        if fence:
            fence = "" if _closes(line, fence) else fence
        elif line[:4].lstrip(" ")[:1] == ">":
            end = index
            while end < len(lines) and lines[end][:4].lstrip(" ")[:1] == ">":
                end += 1
            inner = [_unquoted(quoted) for quoted in lines[index:end]]
            ruled = commonmark_blocks(inner)
            if ruled != inner:
                out += ["> " + text if text.strip() else ">" for text in ruled]
            else:
                out += lines[index:end]
            index = end
            continue
        else:
            fence = _fence_of(line)
        out.append(line)
        index += 1
    return out


def _unquoted(line: str) -> str:
    """A quote's line without its ``>`` and the space after it (as Python-Markdown's quote
    and CommonMark take them off)."""
    text = line.lstrip(" ")[1:]
    return text[1:] if text[:1] == " " else text


def _quoted_lists_apart(lines: list[str]) -> list[str]:
    """``lines`` with an empty line of the quote (``>``) before each list that starts right
    after a line of a block quote's text (see :func:`_opens_quoted_list`)."""
    out: list[str] = []
    for index, line in enumerate(lines):
        if index and _opens_quoted_list(lines[index - 1], line):
            out.append(line[:len(line) - len(line.lstrip(" "))] + ">")
        out.append(line)
    return out


def _lists_apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line before each list that starts right after a paragraph's
    line (a bullet list, or an ordered one from 1) or right after a list of the other kind,
    and each list that nests by its items' text indented anew (:func:`_reindented`)."""
    out: list[str] = []
    index, fence, paragraph, after_list = 0, "", False, False
    in_html: set[int] | None = None  # (the lines of HTML blocks, once a line needs them)
    while index < len(lines):
        line = lines[index]
        if fence:  # (or a "$$" formula's lines: jaketae's "- D_{KL}", no list)
            fence = _open_after(line, fence)
        elif _indent(line) <= 3 and _item_text_column(line) is not None and not (
                paragraph and (_is_ordered_from_other_than_one(line) or _is_empty_item(line))):
            end = _list_end(lines, index)
            block = _nested_kinds_apart(lines[index:end])
            out += [""] if paragraph or (after_list and out[-1].strip()) else []
            out += _reindented(block) if _nests_by_text_column(block) else block
            index, paragraph, after_list = end, False, True
            continue
        else:
            fence = _opened_by(line)
            if not fence and not paragraph and 0 < _indent(line) <= 3 \
                    and _ATX_HEADING.match(line.lstrip(" ")):
                # (coredns' " ## Description": a heading; not in a paragraph, where it would
                # be one too, but kind's YAML comments in a shortcode this engine shows as
                # text would become headings; nor in an HTML block: the Rails blog's Ruby
                # comments in a <pre>, kept as written)
                if in_html is None:
                    in_html = html_block_lines("\n".join(lines))
                line = line if index in in_html else line.lstrip(" ")
        after_list = False
        paragraph = bool(line.strip()) and not fence and not line.lstrip().startswith("#")
        out.append(line)
        index += 1
    return out


def _open_after(line: str, fence: str) -> str:
    """The fence (or ``$$`` formula, see :func:`_opened_by`) open before ``line`` that is
    still open after it ("" if ``line`` closes it)."""
    if fence == "$$":  # (a "$$" no line closes before a blank line is no formula's)
        return "" if "$$" in line or not line.strip() else fence
    return "" if _closes(line, fence) else fence


def _opened_by(line: str) -> str:
    """The fence ``line`` opens (see :func:`_fence_of`), or ``$$`` for a formula it opens,
    whose lines are no lists (see :func:`_opens_math`); "" for neither."""
    fence = _fence_of(line) if _indent(line) <= 3 else ""
    return fence or ("$$" if _opens_math(line) else "")


def _opens_math(line: str) -> bool:
    """Whether ``line`` opens a ``$$`` formula that goes on over the next lines: it starts
    with ``$$`` (after less than four spaces), which it does not close."""
    text = line.lstrip(" ")
    return text.startswith("$$") and len(line) - len(text) <= 3 and "$$" not in text[2:]


def _nested_kinds_apart(block: list[str]) -> list[str]:
    """A list's lines (``block``) with a blank line between two items of a nested list, at
    one indentation, of which one is numbered and the other not (main-blog's ``    * b``
    then ``    1. c``): two lists, as in CommonMark, where Python-Markdown's sane lists would
    show the numbered items as the text of the bullet before them."""
    if len(block) < 3 or not any(line[:1] in (" ", "\t") for line in block):
        return block  # (most lists: no item nested)
    out = block[:1]
    fence = ""
    for previous, line in zip(block, block[1:], strict=False):
        if fence:
            fence = "" if _closes(line, fence) else fence
        elif _fence_of(line):
            fence = _fence_of(line)
        elif _indent(line) > 3 and _indent(line) == _indent(previous) \
                and _item_text_column(line) is not None \
                and _item_text_column(previous) is not None \
                and _is_ordered(line) != _is_ordered(previous):
            out.append("")
        out.append(line)
    return out


def _fences_apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line between a fence and a line of text right before its
    opening line or right after its closing line. A fence four spaces or more further in
    than a paragraph's line at the margin, which superfences reads as code there
    (scikit-lego's ``**Please cite**:`` then an indented fence), is moved to the margin
    too: after a blank line, so far in, it would be indented code, marks and all."""
    out: list[str] = []
    fence, moved = "", 0
    unclosed: set[int] | None = None  # (found only for a fence that may move: rare)
    for index, line in enumerate(lines):
        if fence:
            out.append(line[min(moved, _indent(line)):])
            if _closes(line, fence):
                fence, moved = "", 0
                if index + 1 < len(lines) and lines[index + 1].strip():
                    out.append("")
            continue
        fence = _fence_of(line)
        if fence and out and out[-1].strip():
            moved = _indent(line) if _indent(line) >= 4 and _is_lone_paragraph_line(out) else 0
            if moved:
                unclosed = _unclosed_fences(lines) if unclosed is None else unclosed
                moved = 0 if index in unclosed else moved
            out.append("")
        out.append(line[moved:])
    return out


def _is_lone_paragraph_line(lines: list[str]) -> bool:
    """Whether the last of ``lines`` is a paragraph of one line at the margin, after a blank
    line or none: not a block's opening line (``!!! note``, ``=== "Tab"``, ``??? x``,
    ``/// x``), a definition (``:   x``), a footnote's or a list's line, nor one going on
    from the line above (a list item's lazy line), whose indented fence is the block's."""
    last = lines[-1]
    return not last[:1].isspace() and (len(lines) == 1 or not lines[-2].strip()) \
        and _item_text_column(last) is None \
        and not last.startswith(("!!!", "???", "===", "///", ":", "[^", ">", "#", "|", "<"))


def _fences_evened(lines: list[str], unclosed: set[int] | None = None) -> list[str]:
    """``lines`` with each fence's closing line indented as its opening line, with as many
    marks (drewdevault's ```` ```` ```` under ```` ``` ````), and each code line indented less
    than the opening line indented as far. CommonMark closes a fence
    with a line up to three spaces in, whatever its opening line's (jessesquires' ``  ````
    under a fence at the margin), and takes up to the opening line's spaces off each code
    line; superfences closes a fence only at its opening line's spaces, and reads no fence
    where a code line has fewer (the fence's lines were shown as text). A fence that no
    line closes is none (superfences and Python-Markdown read none: jxnl's ```` ````text ````
    as the first line of indented code had the rest of the page indented as its code)."""
    out: list[str] = []
    fence = ""
    for index, line in enumerate(lines):
        if not fence:
            fence = _fence_of(line) if unclosed is None or index not in unclosed else ""
        elif _closes(line, fence):  # (its marks as many as the opening line's: superfences
            # reads no closing line in a longer one, as CommonMark does)
            line, fence = fence, ""
        elif line.strip() and _indent(line) < _indent(fence):
            line = " " * _indent(fence) + line.lstrip(" ")
        out.append(line)
    if fence and unclosed is None:  # (one fence no line closed: once more, without those)
        return _fences_evened(lines, _unclosed_fences(lines))
    return out


def _unclosed_fences(lines: list[str]) -> set[int]:
    """The indexes of the lines of ``lines`` that open a fence no later line can close (see
    :func:`_closes`), found in one pass from the end: for each mark and indentation, the
    longest line of marks alone seen so far."""
    longest: dict[tuple[str, int], int] = {}
    unclosed = set()
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        fence = _fence_of(line)
        if fence:
            marks = fence.lstrip(" ")
            indent = len(fence) - len(marks)
            if not any(longest.get((marks[0], at), 0) >= len(marks) for at in range(indent + 4)):
                unclosed.add(index)
        bare = line.strip()
        if len(bare) >= 3 and bare[0] in "`~" and not bare.strip(bare[0]):
            key = (bare[0], _indent(line))
            longest[key] = max(longest.get(key, 0), len(bare))
    return unclosed


def _as_code_span(line: str) -> str:
    """``line``, which opens with three or more backticks and holds another backtick after
    them (swift.org's ```` ```scp a b``` ````), with its first code span written with one
    or two backticks: CommonMark reads such a line as text, where superfences (with relaxed
    headers) opens a fence. As it is when the span does not close on the line."""
    indent = _indent(line)
    text = line[indent:]
    run = len(text) - len(text.lstrip("`"))
    place = run
    while (place := text.find("`", place)) != -1:
        end = place
        while end < len(text) and text[end] == "`":
            end += 1
        if end - place == run:  # (the closing run: as many backticks)
            code = text[run:place]
            runs = {len(piece) for piece in re.findall(r"`+", code)}
            shorter = next((count for count in (1, 2) if count not in runs), None)
            if shorter is None:
                return line
            marks = "`" * shorter
            return " " * indent + marks + code + marks + text[end:]
        place = end
    return line


def _code_spans_apart(lines: list[str]) -> list[str]:
    """``lines`` with each line outside fences that opens with a code span of three or more
    backticks written as :func:`_as_code_span` writes it."""
    out: list[str] = []
    fence = ""
    for line in lines:
        if fence:
            fence = "" if _closes(line, fence) else fence
        elif not (fence := _fence_of(line)) and _is_code_span_line(line):
            line = _as_code_span(line)
        out.append(line)
    return out


def _is_code_span_line(line: str) -> bool:
    """Whether ``line`` (no fence's opening line) starts, up to three spaces in, with three
    backticks."""
    return _indent(line) <= 3 and line.lstrip(" ").startswith("```")


def _is_uneven(line: str, fence: str) -> bool:
    """Whether ``line``, inside ``fence``, is a line that :func:`_fences_evened` indents
    anew: its closing line, or a code line indented less, at other spaces than its opening
    line."""
    text = line.lstrip(" ")
    indent, fence_indent = len(line) - len(text), len(fence) - len(fence.lstrip(" "))
    if not text or indent == fence_indent:
        return False  # (most lines of a fence)
    return indent < fence_indent or text[0] == fence[fence_indent] and _closes(line, fence)


def _needs_rule_at(line: str, text: str, blank: bool, in_list: bool) -> tuple[bool, bool]:
    """For :func:`_needs_rules`, a line of text (``line``, ``text`` without its indentation)
    outside fences: whether it needs a rule, and whether a list goes on after it."""
    indent = len(line) - len(text)
    if text[0] in "-*+0123456789" and (in_list or indent < 4) \
            and _item_text_column(line) is not None:
        return _item_needs_rule(line, indent, blank, in_list)
    if in_list and blank and indent % 4:
        return True, True
    if text[0] == "#" and _hash_needs_rule(text, indent, blank):
        return True, in_list
    if in_list and not blank and text[0] in "-=" and _is_underline(text):
        return True, True  # (an item's lazy line, see _lazy_underlines_as_text)
    return False, in_list and not (indent == 0 and blank)


def _hash_needs_rule(text: str, indent: int, blank: bool) -> bool:
    """:func:`_needs_rule_at` of a line that starts with ``#`` (``text``, ``indent`` spaces
    in): a heading one to three spaces in, after a blank line, or a paragraph's line that
    Python-Markdown would make a heading (see :func:`_hash_lines_as_text`)."""
    if blank:
        return 0 < indent < 4 and bool(_ATX_HEADING.match(text))
    return _is_hash_text(text)  # (at the margin, or in an item's paragraph)


def _item_needs_rule(line: str, indent: int, blank: bool, in_list: bool) -> tuple[bool, bool]:
    """:func:`_needs_rule_at` of a list item's line, ``indent`` spaces in."""
    if not blank and not in_list and _is_empty_item(line):
        return False, False  # (a line of the paragraph: see _is_empty_item)
    return (not blank and not in_list) or indent % 4 != 0, True


def _fence_needs_rule(line: str, text: str, blank: bool, in_list: bool) -> bool:
    """For :func:`_needs_rules`, a line outside fences that starts with a backtick or a
    tilde (``line``, ``text`` without its indentation): whether it opens a fence right after
    text, or in a list after a blank line as CommonMark indents it (at its item's text), or
    opens a code span of three backticks (no fence)."""
    fence = _fence_of(line)
    if not fence:
        return text[0] == "`" and _is_code_span_line(line)
    return not blank or in_list and (len(line) - len(text)) % 4 != 0


def _block_needs_rule(lines: list[str], index: int, text: str, blank: bool,
                      in_list: bool) -> bool:
    """For :func:`_needs_rules`, whether ``lines[index]`` (``text`` without its indentation)
    opens a fence or a code span that needs a rule (see :func:`_fence_needs_rule`), or is
    the delimiter row of a table right after a paragraph's line, or a heading that ends
    with a ``#`` (see :func:`_closing_hashes_as_text`)."""
    if text[0] in "`~":
        return _fence_needs_rule(lines[index], text, blank, in_list)
    if text[0] in "-*+0123456789" and in_list and not blank:
        return _follows_loose_content(lines, index) or _follows_item_text(lines, index)
    if text[0] == "#":
        return text.endswith("#") and _ends_in_hashes_after_text(text)
    return text[0] == "|" and _opens_table_after_text(lines, index)


def _follows_item_text(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]``, a list item's line in a list item (two spaces in or more),
    comes right after a line of text of that item at its indentation: a nested list that
    starts right after a paragraph's line, as in CommonMark (mattermost's ``Second para:``
    then ``- e`` in an item's second paragraph); Python-Markdown keeps it in the paragraph."""
    line, previous = lines[index], lines[index - 1] if index else ""
    indent = _indent(line)
    return indent >= 2 and _indent(previous) == indent and bool(previous.strip()) \
        and _item_text_column(previous) is None and _item_text_column(line) is not None \
        and not _is_ordered_from_other_than_one(line) and not _is_empty_item(line) \
        and not _fence_of(previous) and not previous.lstrip().startswith(("#", ">", "|", "<"))


def _nested_lists_apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line before each nested list that starts right after a line of
    its item's text (see :func:`_follows_item_text`)."""
    return _items_apart_where(lines, _follows_item_text)


def _items_apart_where(lines: list[str], follows: Callable[[list[str], int], bool]) -> list[str]:
    """``lines`` with a blank line before each list item outside code that ``follows`` holds
    for (by the lines and the item's index)."""
    starts = {index for index, _, _, column, blank in _lines_outside_fences(lines)
              if column is not None and not blank and follows(lines, index)}
    starts -= _indented_code_lines(lines) if starts else set()  # (a YAML list in code)
    if not starts:
        return lines
    return [part for index, line in enumerate(lines)
            for part in ([""] if index in starts else []) + [line]]


def _follows_loose_content(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]``, a list item's line, comes right after a line of the item
    above (further in) that follows a blank line inside that item: Python-Markdown reads the
    item there as a line of that content (harbor's ``2. Create a branch.`` as text of the
    nested list of item 1, after ``1. Review:``, a blank line and the nested list), where
    CommonMark starts the next item."""
    indent = _indent(lines[index])
    previous = lines[index - 1] if index else ""
    if previous[:indent + 1].strip() or not previous.strip() \
            or _item_text_column(lines[index]) is None:
        return False  # (most items: the line above is no further in)
    above = index - 1
    while above >= 0 and (not lines[above].strip() or _indent(lines[above]) > indent):
        if not lines[above].strip():
            return True
        above -= 1
    return False


def _items_apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line before each list item that follows loose content of the
    item above (see :func:`_follows_loose_content`)."""
    return _items_apart_where(lines, _follows_loose_content)


def _in_fence_needs_rule(line: str, fence: str) -> tuple[bool, bool]:
    """For :func:`_needs_rules`, a line inside ``fence``: whether it needs a rule (an uneven
    line, or a closing line of more marks: see :func:`_fences_evened`), and whether it
    closes the fence."""
    if (line[:1] == " " or fence[:1] == " ") and _is_uneven(line, fence):
        return True, False  # (a fence at the margin: only a line indented can be uneven)
    closes = _closes(line, fence)
    return closes and len(line.strip()) != len(fence.lstrip(" ")), closes


def _needs_rules(lines: list[str]) -> bool:
    """Whether ``lines`` may need a rule: a fence or a list right after a line of text,
    text right after a fence's closing line, an item of a list, or a line after a blank
    one in a list, indented other than four spaces a level, or an item of the other kind
    right after an item, or a heading that ends with a ``#``. One look at each line (code in
    fences passed over), as most bodies need none."""
    fence, in_list, blank, closed = "", False, True, False
    ordered: bool | None = None  # (whether the list's last item is numbered)
    for index, line in enumerate(lines):
        if fence:
            needs, closes = _in_fence_needs_rule(line, fence)
            if needs:
                return True
            fence, closed = ("", True) if closes else (fence, False)
            continue
        text = line.lstrip(" ")
        if not text:
            blank, closed = True, False
            continue
        if closed or _block_needs_rule(lines, index, text, blank, in_list):
            return True
        fence = _fence_of(line) if text[0] in "`~" else ""
        if not fence:
            needs, in_list = _needs_rule_at(line, text, blank, in_list)
            if needs:
                return True
            if not in_list:
                ordered = None
            elif text[0] in "-*+0123456789" and _item_text_column(line) is not None:
                if not blank and ordered is not None and text[0].isdigit() != ordered:
                    return True  # (an item of the other kind: another list)
                ordered = text[0].isdigit()
        blank = False
    return False


def _is_delimiter_row(line: str) -> bool:
    """Whether ``line`` is a table's delimiter row: ``|---|:--:|``."""
    text = line.strip()
    return text.startswith("|") and "-" in text and not text.strip("|-: ")


def _opens_table_after_text(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is the delimiter row of a table whose header row comes right
    after a paragraph's line: at the margin, or in a list item, under its text (tinygo's
    ``* SPI modes:`` then the table four spaces in; see :func:`_tables_apart`)."""
    if index < 2 or not _is_delimiter_row(lines[index]):
        return False
    indent, text = _indent(lines[index]), lines[index - 2]
    column = _item_text_column(text) or _indent(text)
    header = lines[index - 1]
    return _indent(header) == indent and header[indent:indent + 1] == "|" \
        and bool(text.strip()) and not text.lstrip(" ").startswith(("|", "#", "\t")) \
        and column <= indent < column + 4


def _tables_apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line before each table (a row, then a delimiter row, at the
    margin or in a list item) that comes right after a paragraph's line: GitHub's Markdown
    (Hugo's, Jekyll's GFM) starts the table there, where Python-Markdown keeps its rows in
    the paragraph, as text (buildpacks' ``Some text:`` then ``| a | b |``)."""
    starts = {index - 1 for index, line in enumerate(lines)
              if line.lstrip(" ")[:1] == "|" and _opens_table_after_text(lines, index)}
    if not starts:
        return lines
    out: list[str] = []
    fence = ""
    for index, line in enumerate(lines):
        if fence:
            fence = "" if _closes(line, fence) else fence
        elif index in starts:
            out.append("")
        else:
            fence = _fence_of(line)
        out.append(line)
    return out


def _is_hash_text(text: str) -> bool:
    """Whether ``text`` (a line without its indentation) starts with ``#`` marks and a
    number (``#255](url)``, ``#1234 last week``, an issue's): no heading in CommonMark or
    kramdown, one in Python-Markdown. A word there (``#Setup``) is left to Python-Markdown,
    whose sites (Pelican's, MkDocs') write headings so."""
    marks = len(text) - len(text.lstrip("#"))
    return 0 < marks and text[marks:marks + 1].isdigit()


def _hash_lines_as_text(lines: list[str]) -> list[str]:
    """``lines`` with the ``#`` of each line of a paragraph after its first that
    :func:`_is_hash_text` holds escaped: Python-Markdown split the paragraph there and made
    the line a heading (Bitcoin Optech's ``[Newsletter`` then ``#255](url)``, wrapped), at
    the margin or in a list item's paragraph (Dask's ``See [dask/distributed`` then
    ``#2743](url)``), not in code (``    #include <x>`` under ``    :::cpp``) nor in an HTML
    block, whose text no escape leaves (jvns' ``#0`` of gdb in ``<pre>``)."""
    out = lines
    kinds: dict[int, str] | None = None
    for index, line, indent, _, blank in _lines_outside_fences(lines):
        previous = lines[index - 1] if index else ""
        above = previous.lstrip(" >")
        if blank or not index or not _is_hash_text(line[indent:]) \
                or _ATX_HEADING.match(above) or _in_html_block(lines, index):
            continue
        if indent:  # (an item's paragraph, its line above as far in, or indented code)
            kinds = kinds if kinds is not None else {
                at: kind for at, _, kind in line_kinds("\n".join(lines))}
            if kinds.get(index) != "prose" or kinds.get(index - 1) != "prose" \
                    or _indent(previous) != indent:
                continue
        out = out if out is not lines else list(lines)
        out[index] = line[:indent] + "\\" + line[indent:]
    return out


def _closing_hashes_as_text(lines: list[str]) -> list[str]:
    """``lines`` with the run of ``#`` that ends a heading's text right after a character of
    it escaped: CommonMark (goldmark, kramdown's GFM) closes a heading only with a run after
    a space, and keeps PMD's ``#### Improved CPD support for C#``, where Python-Markdown
    took the ``#`` off. Not in code, nor in an HTML block."""
    out = lines
    kinds: dict[int, str] | None = None
    in_html: set[int] = set()
    for index, line in enumerate(lines):
        text = line.lstrip(" ")
        if not line.endswith("#") or len(line) - len(text) > 3 \
                or not _ends_in_hashes_after_text(text):
            continue
        if kinds is None:
            body = "\n".join(lines)
            kinds = {at: kind for at, _, kind in line_kinds(body)}
            in_html = html_block_lines(body)
        if kinds.get(index) == "prose" and index not in in_html:
            out = out if out is not lines else list(lines)
            kept = text.rstrip("#")  # (each # of the run escaped: C## is C##)
            out[index] = line[:len(line) - len(text)] + kept + "\\#" * (len(text) - len(kept))
    return out


def _ends_in_hashes_after_text(text: str) -> bool:
    """Whether ``text`` (a line without its indentation) is a heading whose text ends in a
    run of ``#`` right after a character of it (``## C#``, not ``## Setup ##`` nor ``#``)."""
    kept = text.lstrip("#").rstrip("#")
    return bool(_ATX_HEADING.match(text)) and bool(kept.strip()) and kept[-1] not in " \t\\"


def _in_html_block(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is in a block whose first line (after a blank line, or the
    body's start) starts with a tag: an HTML block, whose lines Python-Markdown keeps as
    they are written."""
    start = index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return lines[start].lstrip(" >").startswith("<")


def _indented_code_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines of indented code in ``lines`` (see
    :func:`sitegen.prose.line_kinds`), which no rule changes."""
    return {index for index, _, kind in line_kinds("\n".join(lines)) if kind == "code"}


def _is_underline(text: str) -> bool:
    """Whether ``text`` (a line without its indentation) would underline a heading for
    Python-Markdown, and is no thematic break or list item for CommonMark: ``--``, ``===``."""
    text = text.rstrip()
    return text == "--" or bool(text) and not text.strip("=")


def _lazy_underlines_as_text(lines: list[str]) -> list[str]:
    """``lines`` with each line of ``=`` or ``--`` right after a list item's line, and less
    indented than the item's text, escaped: CommonMark reads it as a lazy line of the item's
    text, where Python-Markdown makes the item's line a heading (porter's slides)."""
    found = []
    item_column: int | None = None
    for index, line, indent, column, blank in _lines_outside_fences(lines):
        if column is not None and indent <= 3 + (item_column or 0):
            item_column = column
        elif item_column is not None and not blank and indent < item_column \
                and _is_underline(line[indent:]):
            found.append((index, indent))
        elif indent < (item_column or 0) and (blank or _starts_other_block(line)):
            item_column = None  # (the list ends, or an outer item goes on: left as it is)
    code = _indented_code_lines(lines) if found else set()
    out = list(lines) if found else lines
    for index, indent in found:
        if index not in code:
            out[index] = lines[index][:indent] + "\\" + lines[index][indent:]
    return out


def commonmark_blocks(lines: list[str]) -> list[str]:
    """``lines`` (a body's, as Python-Markdown splits it) with CommonMark's nested lists,
    and fences and lists after a paragraph's line, written as Python-Markdown reads them
    (see the module's documentation)."""
    if lines and lines[0] and not lines[0].strip():  # (Python-Markdown empties a line of
        lines = ["", *lines[1:]]  # spaces after a line break, not the first: indented code)
    if _has_quote_line("\n" + "\n".join(lines)):  # (most bodies hold no quote)
        if _has_quoted_list(lines):
            lines = _quoted_lists_apart(lines)
        lines = _quotes_by_the_rules(lines)
    if not _needs_rules(lines):
        return lines
    lines = _tables_apart(_lazy_underlines_as_text(_hash_lines_as_text(
        _closing_hashes_as_text(lines))))
    return _items_apart(_nested_lists_apart(_lists_apart(_fences_apart(_fences_evened(
        _code_spans_apart(lines))))))


class CommonMarkBlocks(Preprocessor):
    """:func:`commonmark_blocks` as a Python-Markdown preprocessor."""

    def run(self, lines: list[str]) -> list[str]:
        return commonmark_blocks(lines)


def label_as_written(md: markdown.Markdown, label: str) -> str:
    """A link's ``label`` (lowercased, as Python-Markdown keeps its references' names) with
    each code span Python-Markdown has set aside in it written back between backticks."""
    if STX not in label:
        return label
    stashed = md.treeprocessors["inline"].stashed_nodes  # type: ignore[attr-defined]

    def written(found: re.Match[str]) -> str:
        node = stashed.get(found[1])
        if node is None or isinstance(node, str):
            return found[0] if node is None else node
        text = "".join(node.itertext())
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        return f"`{text}`".lower() if node.tag == "code" else text.lower()
    return INLINE_PLACEHOLDER_RE.sub(written, label)


class CodeLabelReference(ReferenceInlineProcessor):
    """Python-Markdown's ``[text][label]`` and ``[text][]``, with code in a label; with no
    space between text and label, as in CommonMark: ``[SIG-Scheduling] [Mailing List]``
    is two links (kwok's; Python-Markdown made one, of the first's text to the second's
    address, and lost the second's text)."""

    RE_LINK = re.compile(r"\[([^\]]*)\]", re.DOTALL | re.UNICODE)

    def evalId(  # noqa: N802 (Markdown's API)
            self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        label, end, handled = super().evalId(data, index, text)
        return (None if label is None else label_as_written(self.md, label)), end, handled


class CodeLabelShortReference(ShortReferenceInlineProcessor):
    """Python-Markdown's ``[label]``, with code in the label."""

    def evalId(self, data: str, index: int, text: str) -> tuple[str, int, bool]:  # noqa: N802
        return label_as_written(self.md, text.lower()), index, True


# What a backslash escapes in CommonMark (https://spec.commonmark.org/0.31.2/#backslash-escapes)
# but , ; and :, which TeX's spacing commands write after one (\, \; \: in $...$ math, which
# Python-Markdown, and so Pelican and MkDocs, leave as written).
ESCAPED_PUNCTUATION = "!\"#$%&'()*+-./<=>?@[\\]^_`{|}~"


class QuotesApart(BlockQuoteProcessor):
    """Block quotes parted by a blank line are two quotes, as CommonMark and kramdown read
    them (TiKV's chat transcript, one quote of a line for each speaker; benhoyt's two bios):
    Python-Markdown's own processor takes a block that starts with ``>`` into the quote
    right before it, so that only a ``>`` line kept one quote's paragraphs together."""

    def lastChild(self, parent: etree.Element) -> etree.Element | None:  # noqa: N802
        """The last child of ``parent``, unless it is a block quote: the quote of this
        block is a new one (Markdown's API: its processor continues the last child's quote)."""
        child = super().lastChild(parent)
        return None if child is not None and child.tag == "blockquote" else child


class PreInItems(Preprocessor):
    """A ``<pre>`` element in a list item (its first line's tag in the item's text, as in
    ``<div class="output"><pre>``), kept as written to its ``</pre>``, as CommonMark keeps
    an HTML block in an item: Python-Markdown reads HTML only at the margin, and read the
    lines of tidyverse's knitr output (``#&gt; [1] 1``) as headings. Set aside as HTML, as
    Python-Markdown sets aside a block at the margin."""

    def run(self, lines: list[str]) -> list[str]:
        starts = {index for index, line in enumerate(lines)
                  if "<pre" in line and line[:1] == " " and line.lstrip(" ")[:1] == "<"}
        if not starts:
            return lines
        kinds = {index: kind for index, _, kind in line_kinds("\n".join(lines))}
        closers = [index for index, line in enumerate(lines) if "</pre>" in line.lower()]
        in_items = _in_list_items(lines)
        out, index = list(lines[:min(starts)]), min(starts)
        while index < len(lines):
            after = bisect_left(closers, index)  # (the first </pre> from this line on)
            end = closers[after] if after < len(closers) and index in in_items \
                and kinds.get(index) == "prose" and index in starts else None
            if end is None:
                out.append(lines[index])
                index += 1
                continue
            indent = _indent(lines[index])
            html = "\n".join(line[min(indent, _indent(line)):] for line in lines[index:end + 1])
            out.append(" " * indent + self.md.htmlStash.store(html))
            index = end + 1
        return out


def _in_list_items(lines: list[str]) -> set[int]:
    """The indexes of the indented lines of ``lines`` that are in a list item: the nearest
    line above that is less indented starts an item whose text they reach. One pass, with
    the lines less indented than the last kept on a stack."""
    found: set[int] = set()
    above: list[tuple[int, str]] = []  # (indentation, line) of each line still open above
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        indent = _indent(line)
        while above and above[-1][0] >= indent:
            above.pop()
        if above:
            column = _item_text_column(above[-1][1])
            if column is not None and column <= indent:
                found.add(index)
        above.append((indent, line))
    return found


# An inline HTML tag as CommonMark reads one: a tag name of letters, digits and hyphens, and
# attributes named by its grammar (Python-Markdown takes "String," for a name: a Rust
# BTreeMap<String, Address> written as text vanished as a tag); comments, processing
# instructions and CDATA as Python-Markdown's HTML_RE reads them.
HTML_TAG_RE = (
    r"""(<(\/?+[a-zA-Z][a-zA-Z0-9-]*+(?:\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*+"""
    r"""(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+)*+\s*+/?|"""
    r"!--(?:(?!<!--|-->).)*--|"
    r"[?](?:(?!<[?]|[?]>).)*[?]|"
    r"!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\]"
    r")>)"
)


class CommonMarkBlocksExtension(Extension):
    """Registers :class:`CommonMarkBlocks` after Python-Markdown's normalisation of white
    space (tabs expanded: priority 30) and before superfences takes the fences (25), the
    backslash's line break beside Python-Markdown's own (110), the references that read
    code in a label, CommonMark's code spans (:mod:`sitegen.codespans`) and
    :class:`QuotesApart` in place of Python-Markdown's (at their priorities); and gives the
    ASCII punctuation of :data:`ESCAPED_PUNCTUATION` a backslash escape (this converter's
    own list)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, *(character for character in ESCAPED_PUNCTUATION
                                                  if character not in md.ESCAPED_CHARS)]
        md.preprocessors.register(CommonMarkBlocks(md), "commonmark_blocks", 28)
        md.preprocessors.register(PreInItems(md), "pre_in_items", 27)
        md.parser.blockprocessors.register(QuotesApart(md.parser), "quote", 20)
        md.inlinePatterns.register(SubstituteTagInlineProcessor(BACKSLASH_BREAK_RE, "br"),
                                   "backslash_break", 109)
        md.inlinePatterns.register(HtmlInlineProcessor(HTML_TAG_RE, md), "html", 90)
        md.inlinePatterns.register(CommonMarkCodeSpans(BACKTICK_RE), "backtick", 190)
        md.inlinePatterns.register(CodeLabelReference(REFERENCE_RE, md), "reference", 170)
        md.inlinePatterns.register(CodeLabelShortReference(REFERENCE_RE, md),
                                   "short_reference", 130)
