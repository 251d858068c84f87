"""Code spans as CommonMark (goldmark, GitHub) reads them, where Python-Markdown differs:

- a run of backticks that no run of as many closes is text (flatcar's "suffixed with
  ``."), where Python-Markdown opened a span with some of its backticks and closed it at a
  shorter run further on, taking in the text and links between; but for one word's typo
  (hummingbot's ``min_profitability`, the next run shorter, no space before it and the
  word's end after it), which is a span of that word, its extra backticks included, as
  Python-Markdown (and the MkDocs site) showed it, where CommonMark's reading turns every
  later span inside out;
- a span of spaces alone keeps them (`` ` ` ``, "one space"), where Python-Markdown left it
  empty. Other spans lose the white space around their text, as in Python-Markdown."""
from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import util
from markdown.inlinepatterns import BacktickInlineProcessor

# What may follow the shorter run that closes one word's typo: the end of the text, a space
# or a sentence's punctuation (not a path's "/": ```dfs.samples.`/nation/...```` of Drill)
_WORD_END = frozenset(["", " ", "\t", "\n", ".", ",", ";", ":", "!", "?", ")"])


def _run_length(text: str, start: int) -> int:
    """How many backticks follow one another in ``text`` from ``start``."""
    end = start
    while end < len(text) and text[end] == "`":
        end += 1
    return end - start


class CommonMarkCodeSpans(BacktickInlineProcessor):
    """Python-Markdown's code spans, closed only by a run of as many backticks."""

    def find_code_spans(  # type: ignore[override]  # (Python-Markdown's own annotation,
            self, start: int, text: str) -> tuple[int, int | None]:  # not the stubs')
        """Where the code of the span whose backticks start at ``start`` starts and ends:
        ``(start, end)``; ``(after the backticks, None)`` if no run of as many closes it."""
        opening = _run_length(text, start)
        code_start = start + opening
        position = text.find("`", code_start)
        first = position  # (the first run after the opening one)
        while position != -1:
            length = _run_length(text, position)
            if length == opening:
                return code_start, position
            position = text.find("`", position + length)
        shorter = _run_length(text, first) if first != -1 else 0
        if 0 < shorter < opening and not any(space in text[code_start:first]
                                             for space in " \t\n") \
                and text[first + shorter:first + shorter + 1] in _WORD_END:
            return code_start - (opening - shorter), first  # (a word's typo: ``word`)
        return code_start, None

    def handleMatch(  # type: ignore[override]  # noqa: N802 (InlineProcessor's API, which
            self, m: re.Match[str], data: str,  # the stubs lack)
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        """A ``<code>`` of the span that starts at ``m``, or (its backticks being text, or
        escaped backslashes before backticks) what Python-Markdown gives."""
        if m.group(1):
            return super().handleMatch(m, data)
        begin = m.start(0)
        start, end = self.find_code_spans(begin, data)
        if end is None:
            return None, begin, start
        code = data[start:end]
        element = etree.Element(self.tag)
        element.text = util.AtomicString(util.code_escape(code.strip() or code))
        return element, begin, end + (start - begin)
