"""The inline patterns one Markdown body can match, and only those, for its inline processing.

Python-Markdown's inline processor tries each of its 16 inline patterns (code spans, escapes,
footnotes, links, images, autolinks, raw HTML, entities, line breaks, emphasis, ``~~``) on every
text of the tree, one after the other, and most tries find nothing. A pattern whose regular
expression matches only where one of a few characters is (a link's ``[``, an entity's ``&``, a
code span's backtick) can match no text of a body that holds none of them anywhere.
:class:`UsablePatterns` gives the inline processor, for each body, only the patterns the body
can match, in their order: the result is the same (a pattern that matches nothing leaves a
text as it was), and a typical post renders in a tenth less time.

It looks at the body once its fenced code is set aside (code is highlighted, never read for
inline patterns) and before raw HTML blocks are (Markdown inside HTML is). Every text the
inline processor sees is then a part of what it looked at, or one of the placeholders and
plain words (an admonition's title) that the engine's extensions make. A site's own
extensions might make other texts: :func:`sitegen.markdown.new_converter` leaves this out when
the site names any (``[markdown] extensions``).
"""
from __future__ import annotations

from typing import overload

import markdown
from markdown import inlinepatterns, treeprocessors
from markdown.extensions import Extension
from markdown.inlinepatterns import Pattern
from markdown.preprocessors import Preprocessor
from markdown.util import Registry

# What a pattern's regular expression needs in a text to match it (one of these), for the
# patterns of the engine's extensions, by the expression. A pattern not named here is always
# given (tests/test_speed.py checks that the engine's are all named).
NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    r"\[\^([^\]]*)\]": ("[^",),  # footnotes' reference
    inlinepatterns.REFERENCE_RE: ("[",),  # (links and short references too)
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # (image references too)
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong (Python-Markdown's delimiters)
    r"\~": ("~",),  # ~~deleted~~ (pymdownx.tilde's delimiter)
}
# After fenced code is set aside (25) and template tags (24), before raw HTML blocks (20).
PRIORITY = 22


def can_match(pattern: Pattern, text: str) -> bool:
    """Whether ``pattern`` might match some part of ``text``: ``False`` only when ``text``
    holds nothing its regular expression needs."""
    needs = NEEDS.get(pattern.getCompiledRegExp().pattern)
    return needs is None or any(mark in text for mark in needs)


class PatternsInOrder(Registry[Pattern]):
    """A registry of the given patterns, in that order, that gives the one at a position as a
    tuple does: the inline processor asks for a pattern by its position for every try."""

    def __init__(self, patterns: tuple[Pattern, ...]) -> None:
        super().__init__()
        for position, pattern in enumerate(patterns):
            self.register(pattern, str(position), len(patterns) - position)
        self.in_order = patterns

    @overload
    def __getitem__(self, key: slice) -> Registry[Pattern]: ...

    @overload
    def __getitem__(self, key: str | int) -> Pattern: ...

    def __getitem__(self, key: str | int | slice) -> Pattern | Registry[Pattern]:
        if type(key) is int:
            return self.in_order[key]
        return super().__getitem__(key)


class UsablePatterns(Preprocessor):
    """Gives Python-Markdown's inline processor the patterns this body can match."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.registries: dict[tuple[Pattern, ...], PatternsInOrder] = {}

    def run(self, lines: list[str]) -> list[str]:
        inline = self.md.treeprocessors["inline"]
        if isinstance(inline, treeprocessors.InlineProcessor):
            text = "\n".join(lines)
            usable = tuple(pattern for pattern in self.md.inlinePatterns
                           if can_match(pattern, text))
            registry = self.registries.get(usable)
            if registry is None:
                registry = self.registries[usable] = PatternsInOrder(usable)
            # (Python-Markdown annotates it with the tree processor's class for the pattern's)
            inline.inlinePatterns = registry  # type: ignore[assignment]
        return lines


class UsablePatternsExtension(Extension):
    """Registers :class:`UsablePatterns` (see :data:`PRIORITY`)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(UsablePatterns(md), "usable_patterns", PRIORITY)
