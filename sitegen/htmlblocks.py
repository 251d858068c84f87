"""The HTML blocks of a Markdown body, read as Python-Markdown reads them: a block-level tag
at the start of a line (after at most three spaces) opens one, and it runs until the end tag
that leaves none of the tags opened in it open. A block that no end tag closes runs to the
end of the body, which is then all HTML: its Markdown is shown as it is written
(:func:`html_block_problems` finds it, for a warning)."""
from __future__ import annotations

from html.parser import HTMLParser

from markdown.util import BLOCK_LEVEL_ELEMENTS

from sitegen.prose import fenced_spans, line_kinds, prose_lines

_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
_EMPTY = frozenset({"hr"})  # (a block-level tag Python-Markdown never waits to see closed)


class _RawBlocks(HTMLParser):
    """Follows the HTML blocks of some Markdown text as Python-Markdown's HTMLExtractor does:
    the tags open in the block (its ``stack``) and the line the block opened on."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = lines
        self.stack: list[str] = []
        self.opened = -1  # (the index of the line of the open block's first tag)
        # The closed blocks' first and last lines, but those with Markdown in them
        # (md_in_html's markdown="1" on their first tag)
        self.blocks: list[tuple[int, int]] = []
        self.markdown = False  # (whether the open block's first tag has markdown="...")
        # The lines of tags with markdown="..." in blocks whose first tag has none, where
        # md_in_html does not read it (kramdown does): one a block
        self.unread_markdown: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _EMPTY:
            return
        line, column = self.getpos()
        marked = any(name == "markdown" for name, _ in attrs)
        if not self.stack and tag in _BLOCK_LEVEL and column <= 3 \
                and not self.lines[line - 1][:column].strip():
            self.opened, self.markdown = line - 1, marked
        elif self.stack and marked and not self.markdown \
                and (not self.unread_markdown or self.unread_markdown[-1] < self.opened):
            self.unread_markdown.append(line - 1)
        if self.opened >= 0:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.opened >= 0 and tag in self.stack:
            while self.stack.pop() != tag:
                pass
            if not self.stack:
                if not self.markdown:
                    self.blocks.append((self.opened, self.getpos()[0] - 1))
                self.opened, self.markdown = -1, False


def _may_open_html_block(body: str) -> bool:
    """Whether a line of ``body`` outside its fenced code starts, after at most three
    spaces, with ``<`` and a letter: only such a line can open an HTML block (each ``<``
    found with ``str.find``; where the fences are not known at once, each such line)."""
    spans: list[tuple[int, int]] | None = None
    looked = False
    place = body.find("<")
    while place != -1:
        start = body.rfind("\n", 0, place) + 1
        if place - start <= 3 and not body[start:place].strip(" ") \
                and body[place + 1:place + 2].isalpha():
            if not looked:  # (at the first line that may open one)
                spans, looked = fenced_spans(body), True
            if spans is None or not any(begin <= place < end for begin, end in spans):
                return True
        place = body.find("<", place + 1)
    return False


def html_block_problems(body: str) -> tuple[int | None, list[int], list[int]]:
    """The HTML blocks of ``body`` that show Markdown as written:

    - the index of the line where a block opens that no end tag closes (``<ol type="a">``
      in a list item, its ``</ol>`` forgotten), or None;
    - the index of the first line of Markdown's blocks (a heading, a list item, a quote, a
      link) after a blank line in each block: CommonMark (Hugo, GitHub) ends an HTML block
      at a blank line and renders what follows, where Python-Markdown keeps it in the block
      (grpc's home page, ``## headings`` and lists in ``<div class="row">``);
    - the index of the line of a tag with ``markdown="..."`` in a block whose first tag has
      none, which md_in_html does not read, where kramdown does (benhoyt's ``<details>``
      then ``<summary markdown="span">``): one a block.

    Code is left out: fenced and indented code, code spans and HTML comments that start a
    line."""
    finder = _html_blocks(body)
    if finder is None:
        return None, [], []
    found = []
    written = body.split("\n")  # (the lines as written: prose lines have code spans blanked)
    for first, last in finder.blocks:
        if written[first].lstrip(" ").lower().startswith(_RUN_TO_END_TAG):
            continue  # (CommonMark runs such a block to its end tag, blank lines and all)
        found += [first + index for index in
                  _markdown_after_blank(finder.lines[first:last], written[first:last])][:1]
    return (finder.opened if finder.opened >= 0 else None), found, finder.unread_markdown


_RUN_TO_END_TAG = ("<pre", "<script", "<style", "<textarea")  # (CommonMark's HTML block 1)


def _markdown_after_blank(lines: list[str], written: list[str]) -> list[int]:
    """The indexes of the ``lines`` of an HTML block (``written``: as written) that start
    a Markdown block after a blank line, but inside a ``<pre>`` (or ``<script>``...) that
    opens after a blank line, which CommonMark runs to its end tag (RubyGems' man pages:
    ``<pre><code># first``, a blank line, ``# second``)."""
    found, end_tag = [], ""
    for index in range(1, len(lines)):
        text = written[index].lstrip(" ").lower()
        if end_tag:
            end_tag = "" if end_tag in text else end_tag
        elif not lines[index - 1].strip() and lines[index].strip():
            opened = next((tag for tag in _RUN_TO_END_TAG if text.startswith(tag)), "")
            end_tag = f"</{opened[1:]}" if opened and f"</{opened[1:]}" not in text else ""
            if not opened and _starts_markdown_block(written[index]):
                found.append(index)
    return found


def _starts_markdown_block(line: str) -> bool:
    """Whether ``line``, at most three spaces in, starts a Markdown block of its own or a
    link: ``## x``, ``- x``, ``1. x``, ``> x``, ``[x](y)``, a table's row ``| a | b |``; or
    a paragraph with a code span, strong text or a link in it (Pivotal's notes in ``<div
    class="alert">``)."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or not text:
        return False
    marker = text.split(" ", 1)[0]
    return (marker.strip("#") == "" and len(marker) <= 6 and " " in text) \
        or marker in ("-", "*", "+", ">") or (marker[:-1].isdigit() and marker[-1:] == ".") \
        or (text.startswith("[") and "](" in text) \
        or (text.startswith("|") and text.count("|") > 1) \
        or (not text.startswith("<") and (text.count("`") > 1 or "**" in text or "](" in text))


def html_block_lines(body: str) -> set[int]:
    """The indexes of the lines of ``body``'s HTML blocks, which Python-Markdown keeps as
    written (not those of a block whose first tag has ``markdown="..."``: its Markdown is
    read), a block that no end tag closes running to the end."""
    finder = _html_blocks(body)
    if finder is None:
        return set()
    found = {index for first, last in finder.blocks for index in range(first, last + 1)}
    if finder.opened >= 0:
        found.update(range(finder.opened, len(finder.lines)))
    return found


def _html_blocks(body: str) -> _RawBlocks | None:
    """The HTML blocks of ``body`` (see :class:`_RawBlocks`); None for a body where no line
    can open one (most: a look at each ``<``)."""
    return _html_blocks_walk(body) if _may_open_html_block(body) else None


def _html_blocks_walk(body: str) -> _RawBlocks | None:
    """:func:`_html_blocks`, each prose line looked at, and each end tag alone on a line of
    indented code, which ends a block all the same (Python-Markdown reads HTML blocks before
    indented code: dstack's ``    </div>`` after a tab's indented fence)."""
    prose = dict(prose_lines(body))
    lines = [prose.get(index, "") for index in range(body.count("\n") + 1)]
    if "\n    </" in body:
        for index, line, kind in line_kinds(body):
            if kind == "code" and line.strip().startswith("</") and line.strip().endswith(">"):
                lines[index] = line.strip()
    if not any(line.lstrip(" ")[:1] == "<" and line.lstrip(" ")[1:2].isalpha()
               and len(line) - len(line.lstrip(" ")) <= 3 for line in lines):
        return None
    finder = _RawBlocks(lines)
    finder.feed("\n".join(lines))
    finder.close()
    return finder
