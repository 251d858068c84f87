"""A quote right after code, emphasis or a link closes: ``"Crashes with `HV_ERROR`"`` ends in
a closing quote, and ```` `Builder`'s ```` has an apostrophe, as in goldmark (Hugo) and
kramdown. Smarty reads the text after an inline element on its own, with nothing before
the quote, and makes such a quote an opening one when nothing but the end of the paragraph,
a space or a letter follows it. This tree processor, run before Smarty, gives those quotes
their closing form; Smarty leaves the rest as it would."""
from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString


def closes(quote: str, after: str, last: bool, before: str = "") -> bool:
    """Whether ``quote`` (``'`` or ``"``), right after an inline element whose text ends in
    ``before`` and followed by the text ``after``, is a closing one: at the end of its block
    (``last``: no element follows), or before a space; a single quote between a letter or
    digit and a letter too (an apostrophe, ```x`'s``; not ``**Note:**'quoted'``)."""
    if not after:
        return last
    return after[0].isspace() or (quote == "'" and after[0].isalpha() and before.isalnum())


class ClosingQuotes(Treeprocessor):
    """Stores each quote that :func:`closes`, at the start of an inline element's tail, as
    the entity ``closing`` gives it (Smarty's, which it then leaves alone)."""

    def __init__(self, md: markdown.Markdown, closing: dict[str, str]) -> None:
        super().__init__(md)
        self.closing = closing

    def run(self, root: etree.Element) -> None:
        """Give the quotes after the inline elements of ``root`` their closing form."""
        closing = self.closing
        for parent in root.iter():
            for child in parent:
                tail = child.tail
                if tail and tail[0] in closing and not isinstance(tail, AtomicString) \
                        and not self.md.is_block_level(child.tag) \
                        and closes(tail[0], tail[1:], child is parent[-1],
                                   "".join(child.itertext())[-1:]):
                    child.tail = self.md.htmlStash.store(closing[tail[0]]) + tail[1:]


def register_closing_quotes(md: markdown.Markdown, smarty: SmartyExtension) -> None:
    """Register :class:`ClosingQuotes` in ``md`` just before Smarty's own tree processor (6),
    after the inline patterns, with the closing quotes of ``smarty`` (its substitutions), if
    it educates quotes."""
    if smarty.getConfig("smart_quotes"):
        closing = {"'": smarty.substitutions["right-single-quote"],
                   '"': smarty.substitutions["right-double-quote"]}
        md.treeprocessors.register(ClosingQuotes(md, closing), "closing_quotes", 7)
