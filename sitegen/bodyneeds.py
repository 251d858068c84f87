"""What one Markdown body needs of the converter, by the characters it holds: only that is
done for it.

Python-Markdown's inline processor tries each of its 16 inline patterns (code spans, escapes,
footnotes, links, images, autolinks, raw HTML, entities, line breaks, emphasis, ``~~``) on every
text of the tree, one after the other, and most tries find nothing. A pattern whose regular
expression matches only where one of a few characters is (a link's ``[``, an entity's ``&``, a
code span's backtick) can match no text of a body that holds none of them anywhere. So too
the attribute lists (``{: .class}``, whose every expression needs a ``{``) and the table of
contents' marker (``[TOC]``, a paragraph of that text alone), which look at every element.

:class:`BodyNeeds` looks at each body and gives the inline processor only the patterns the
body can match, in their order, the table of contents its marker only if the body holds it,
and the attribute lists their turn only if the body holds a ``{``. The result is the same (a
pattern that matches nothing leaves a text as it was), and a typical post renders in an eighth
less time.

It looks at the body once its fenced code is set aside (code is highlighted, never read for
inline patterns) and before raw HTML blocks are (Markdown inside HTML is). Every text of the
tree is then a part of what it looked at, or one of the placeholders and plain words (an
admonition's title) that the engine's extensions make. A site's own extensions might make
other texts: :func:`sitegen.markdown.new_converter` leaves this out when the site names any
(``[markdown] extensions``).
"""
from __future__ import annotations

from typing import Any, overload

import markdown
from markdown import inlinepatterns, treeprocessors
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.toc import TocTreeprocessor
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
ATTRIBUTES_MARK = "{"  # (in each of AttrListTreeprocessor's expressions)
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


class AttributeListsIfAny(AttrListTreeprocessor):
    """Python-Markdown's attribute lists, which leave a tree alone when :attr:`body_has_any`
    is false (as they would find nothing in it)."""

    body_has_any = True

    def run(self, doc: Any) -> None:
        if self.body_has_any:
            super().run(doc)


class BodyNeeds(Preprocessor):
    """Gives Python-Markdown's inline processor the patterns this body can match, the table
    of contents its marker if the body holds it, and the attribute lists their turn if the
    body holds a ``{``."""

    def __init__(self, md: markdown.Markdown, toc_marker: str) -> None:
        super().__init__(md)
        self.toc_marker = toc_marker
        self.registries: dict[tuple[Pattern, ...], PatternsInOrder] = {}

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        inline = self.md.treeprocessors["inline"]
        if isinstance(inline, treeprocessors.InlineProcessor):
            usable = tuple(pattern for pattern in self.md.inlinePatterns
                           if can_match(pattern, text))
            registry = self.registries.get(usable)
            if registry is None:
                registry = self.registries[usable] = PatternsInOrder(usable)
            # (Python-Markdown annotates it with the tree processor's class for the pattern's)
            inline.inlinePatterns = registry  # type: ignore[assignment]
        toc = _processor(self.md, "toc")
        if isinstance(toc, TocTreeprocessor) and self.toc_marker:
            toc.marker = self.toc_marker if self.toc_marker in text else ""
        attribute_lists = _processor(self.md, "attr_list")
        if isinstance(attribute_lists, AttributeListsIfAny):
            attribute_lists.body_has_any = ATTRIBUTES_MARK in text
        return lines


def _processor(md: markdown.Markdown, name: str) -> treeprocessors.Treeprocessor | None:
    """The tree processor registered as ``name``, if any."""
    return md.treeprocessors[name] if name in md.treeprocessors else None


class BodyNeedsExtension(Extension):
    """Registers :class:`BodyNeeds` (see :data:`PRIORITY`), and :class:`AttributeListsIfAny`
    in the place of Python-Markdown's attribute lists (``attr_list``, 8). Added after the
    ``toc`` and ``attr_list`` extensions."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        toc = _processor(md, "toc")
        marker = toc.marker if isinstance(toc, TocTreeprocessor) else ""
        if isinstance(_processor(md, "attr_list"), AttrListTreeprocessor):
            md.treeprocessors.register(AttributeListsIfAny(md), "attr_list", 8)
        md.preprocessors.register(BodyNeeds(md, marker), "body_needs", PRIORITY)
