"""What one Markdown body needs of the converter, by the characters it holds: only that is
done for it.

Python-Markdown's block parser asks each of its 21 block processors in turn whether it takes
a block (a quote, a list, a definition, an admonition...), for every block, and most say no
after a search through the block. Its inline processor tries each of its 16 inline patterns
(code spans, escapes, footnotes, links, images, autolinks, raw HTML, entities, line breaks,
emphasis, ``~~``) on every text of the tree, one after the other, and most tries find
nothing. A block processor whose blocks start with marks a body does not hold anywhere (a
quote's ``>``, an admonition's ``!!!``), or a pattern whose regular expression matches only
where one of a few characters is (a link's ``[``, an entity's ``&``), has nothing to do in
that body. So too the attribute lists (``{: .class}``, whose every expression needs a ``{``)
and the table of contents' marker (``[TOC]``, a paragraph of that text alone), which look at
every element. And a text of the tree that holds none of the marks of the body's patterns
(most paragraphs of a body whose only marks are a link and some code) is tried by none.

:class:`BodyNeeds` looks at each body and gives the block parser only the block processors
that might take one of its blocks, the inline processor only the patterns the body can match
(each in their order), the table of contents its marker only if the body holds it, and the
attribute lists their turn only if the body holds a ``{``. The inline processor passes over
each text that none of those patterns can match (:class:`TextsWithoutMarks`). The result is
the same (a block processor that takes no block, or a pattern that matches nothing, leaves
the body as it was), and the benchmark's posts render in nearly a quarter less time (five
projects' documentation in an eighth less).

It looks at the whole body, code included, once its whitespace is normalised: superfences
puts back as text a fence that follows indented code, and Markdown inside raw HTML is parsed.
Every block and text is then a part of what it looked at, or one of the placeholders and
plain words (an admonition's title) that the engine's extensions make, except for the line
ends that setting raw HTML aside adds (after two spaces, for a line break) and the class
names that raw HTML spells with entities (``&#97;dmonition``). A site's own extensions might
make other texts: :func:`sitegen.markdown.new_converter` leaves this out when the site names
any (``[markdown] extensions``).
"""
from __future__ import annotations

import re
from typing import Any, overload

import markdown
from markdown import inlinepatterns, treeprocessors
from markdown.blockprocessors import BlockProcessor, ReferenceProcessor
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.def_list import DefListIndentProcessor, DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.sane_lists import SaneOListProcessor
from markdown.extensions.toc import TocTreeprocessor
from markdown.inlinepatterns import Pattern
from markdown.preprocessors import Preprocessor
from markdown.util import STX, AtomicString, Registry
from pymdownx.details import DetailsProcessor
from pymdownx.tabbed import TabbedProcessor

from sitegen.attrlists import ChainedClasses
from sitegen.commonmark import BACKSLASH_BREAK_RE, HTML_TAG_RE, QuotesApart
from sitegen.templatetags import TAG_AS_WRITTEN
from sitegen.texmath import ENVIRONMENT_RE, MATH_RE

# What a pattern's regular expression needs in a text to match it (one of these), for the
# patterns of the engine's extensions, by the expression. A pattern not named here is always
# given (tests/test_speed.py checks that the engine's are all named).
PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    r"\[\^([^\]]*)\]": ("[^",),  # footnotes' reference
    inlinepatterns.REFERENCE_RE: ("[",),  # (links and short references too)
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # (image references too)
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    # (raw HTML blocks are set aside after the look, and may end a line after two spaces)
    inlinepatterns.LINE_BREAK_RE: ("  ",),
    BACKSLASH_BREAK_RE: ("\\\n",),  # CommonMark's line break by a backslash
    inlinepatterns.HTML_RE: ("<",),
    HTML_TAG_RE: ("<",),  # (CommonMark's tags, in HTML_RE's place: see sitegen.commonmark)
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong (Python-Markdown's delimiters)
    r"\~": ("~",),  # ~~deleted~~ (pymdownx.tilde's delimiter)
    MATH_RE: ("$$",),  # (math kept as written: see sitegen.markdown.MathAsWritten)
    ENVIRONMENT_RE: ("\\begin{",),  # (and TeX's environments)
    TAG_AS_WRITTEN: ("{{", "{%"),  # (see sitegen.templatetags.TagsAsWritten)
}
ATTRIBUTES_MARK = "{"  # (in each of AttrListTreeprocessor's expressions)
# The block processors of the engine's extensions that take no block of a body holding none
# of these (looked for in the body in lower case; a regular expression is searched for), by
# their registered name, with the class they were read as: each one's own mark (a quote's
# ">", a numbered item's digit, dot and space, a definition's ": ", a footnote's "[^"), and
# for those that also take an indented block after an element of theirs, what else makes
# that element (raw HTML with Markdown in it, whose class may be spelt with entities, or a
# "///" block). Any other block processor, or one of another class, is always given.
BLOCK_NEEDS: dict[str, tuple[type[BlockProcessor], tuple[str, ...] | re.Pattern[str]]] = {
    "admonition": (AdmonitionProcessor, ("!!!", "///", "admonition", "&")),
    "details": (DetailsProcessor, ("???", "///", "<details")),
    "tabbed": (TabbedProcessor, ("===", "///", "tabbed-set", "&")),
    "defindent": (DefListIndentProcessor, (": ", "///", "<dl", "<dd")),
    # (any digit: "٣. " too; a ". " with a digit before it, searched for as ". ", which the
    # regular expression engine finds fast, then looked behind)
    "olist": (SaneOListProcessor, re.compile(r"\. (?<=\d\. )")),
    "deflist": (DefListProcessor, (": ",)),
    "quote": (QuotesApart, (">",)),
    "footnote": (FootnoteBlockProcessor, ("[^",)),
    "abbr": (AbbrBlockprocessor, ("*[",)),
    "reference": (ReferenceProcessor, ("]:",)),
}
# After the text is normalised (30), before fenced code is set aside (25: superfences may put
# a fence back as text, after indented code) and raw HTML blocks are (20).
PRIORITY = 27
# Around the inline processor (20): after every tree processor before it, and before any
# after it (pymdownx.blocks' at 19.99).
PASS_OVER_PRIORITY, TAKE_BACK_PRIORITY = 20.5, 19.995


def can_match(pattern: Pattern, text: str) -> bool:
    """Whether ``pattern`` might match some part of ``text``: ``False`` only when ``text``
    holds nothing its regular expression needs."""
    needs = PATTERN_NEEDS.get(pattern.getCompiledRegExp().pattern)
    return needs is None or _holds(text, needs)


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


class AttributeListsIfAny(ChainedClasses):
    """Python-Markdown's attribute lists (kramdown's chained classes read: see
    :mod:`sitegen.attrlists`), which leave a tree alone when :attr:`body_has_any`
    is false, or when no text of the tree holds a ``{`` (code, set aside by then, often
    does), as they would find nothing in it."""

    body_has_any = True

    def run(self, doc: Any) -> None:
        if self.body_has_any and any(ATTRIBUTES_MARK in text for element in doc.iter()
                                     for text in (element.text, element.tail) if text):
            super().run(doc)


class UnescapeIfAny(treeprocessors.UnescapeTreeprocessor):
    """Python-Markdown's unescaping of backslash escapes (``\\*``, kept as placeholders of
    the character's number between STX and ETX), which leaves a tree alone when none of its
    texts and attribute values holds one."""

    def run(self, root: Any) -> None:
        search = self.RE.search
        if any(STX in text and search(text) for element in root.iter()
               for text in (element.text, element.tail, *element.attrib.values()) if text):
            super().run(root)


class TextsWithoutMarks(treeprocessors.Treeprocessor):
    """Just before the inline processor, makes each text of the tree (an element's text or
    tail) that holds none of :attr:`marks` an ``AtomicString``, which the inline processor
    passes over (its patterns would find nothing in it); :class:`TextsTakenBack` makes them
    plain strings again just after it. ``marks`` is set for each body (see
    :class:`BodyNeeds`): a search for any mark of the patterns it gives the inline processor,
    or None to pass over no text."""

    marks: re.Pattern[str] | None = None

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.passed_over: list[tuple[Any, bool]] = []  # (element, its text rather than tail)

    def run(self, root: Any) -> None:
        self.passed_over = []
        if self.marks is None:
            return
        search = self.marks.search
        for element in root.iter():
            if element is root:  # (the inline processor reads its children's texts only)
                continue
            text, tail = element.text, element.tail
            if text and type(text) is str and not search(text):
                element.text = AtomicString(text)
                self.passed_over.append((element, True))
            if tail and type(tail) is str and not search(tail):
                element.tail = AtomicString(tail)
                self.passed_over.append((element, False))


class TextsTakenBack(treeprocessors.Treeprocessor):
    """Just after the inline processor, makes the texts that :class:`TextsWithoutMarks`
    made atomic plain strings again, as the tree processors after it expect them (Smarty
    passes over atomic texts too)."""

    def __init__(self, md: markdown.Markdown, passing: TextsWithoutMarks) -> None:
        super().__init__(md)
        self.passing = passing

    def run(self, root: Any) -> None:
        for element, is_text in self.passing.passed_over:
            if is_text:
                if isinstance(element.text, AtomicString):
                    element.text = str(element.text)
            elif isinstance(element.tail, AtomicString):  # (the processor copies a tail)
                element.tail = str(element.tail)
        self.passing.passed_over = []


def marks_search(patterns: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    """A search for any mark that one of ``patterns`` needs (see :data:`PATTERN_NEEDS`), or
    None when one of them may match any text, or there are none."""
    marks: set[str] = set()
    for pattern in patterns:
        needs = PATTERN_NEEDS.get(pattern.getCompiledRegExp().pattern)
        if needs is None:
            return None
        marks.update(needs)
    if not marks:
        return None
    return re.compile("|".join(re.escape(mark) for mark in sorted(marks)))


def block_needs(blocks: Registry[BlockProcessor],
                ) -> list[tuple[str, tuple[str, ...] | re.Pattern[str]]]:
    """The names of those block processors of ``blocks`` that :data:`BLOCK_NEEDS` names
    (each of the class it was read as), with what each needs: once, for every body."""
    return [(name, needs) for name, (kind, needs) in BLOCK_NEEDS.items()
            if name in blocks and type(blocks[name]) is kind]


def _holds(text: str, needs: tuple[str, ...] | re.Pattern[str]) -> bool:
    """Whether ``text`` holds one of the marks ``needs``, or a match of it."""
    if isinstance(needs, re.Pattern):
        return needs.search(text) is not None
    return any(mark in text for mark in needs)


class BodyNeeds(Preprocessor):
    """Gives Python-Markdown's block parser the block processors that might take a block of
    this body, its inline processor the patterns this body can match, the table of contents
    its marker if the body holds it, and the attribute lists their turn if the body holds a
    ``{``; and :class:`TextsWithoutMarks` the marks of those patterns."""

    def __init__(self, md: markdown.Markdown, toc_marker: str,
                 passing: TextsWithoutMarks) -> None:
        super().__init__(md)
        self.toc_marker = toc_marker
        self.passing = passing
        self.all_blocks = md.parser.blockprocessors
        self.block_needs = block_needs(self.all_blocks)
        self.block_registries: dict[tuple[str, ...], Registry[BlockProcessor]] = {}
        self.pattern_registries: dict[tuple[Pattern, ...],
                                      tuple[PatternsInOrder, re.Pattern[str] | None]] = {}

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        # Python-Markdown's raw HTML extraction moves an entity that follows raw HTML on its
        # line to the end of the body, joining the text around it ("<!-- c -->x &#91; \ny"
        # reads "x  \ny", a line break; "<!-- c -->1.&#91; x" a numbered item): a body
        # holding both may reach the parser with marks that no look at it finds.
        every = "<" in text and "&" in text
        self.give_blocks(text, every)
        self.give_patterns(text, every)
        toc = _processor(self.md, "toc")
        if isinstance(toc, TocTreeprocessor) and self.toc_marker:
            toc.marker = self.toc_marker if every or self.toc_marker in text else ""
        attribute_lists = _processor(self.md, "attr_list")
        if isinstance(attribute_lists, AttributeListsIfAny):
            attribute_lists.body_has_any = every or ATTRIBUTES_MARK in text
        return lines

    def give_blocks(self, text: str, every: bool = False) -> None:
        """Give the block parser all its block processors but (unless ``every``) those that
        would take no block of ``text``, in their order (under their names, as other
        processors ask for some by name)."""
        lowered = text.lower()
        unneeded = () if every else tuple(name for name, needs in self.block_needs
                                          if not _holds(lowered, needs))
        blocks = self.block_registries.get(unneeded)
        if blocks is None:
            blocks = self.block_registries[unneeded] = self.all_blocks[:]
            for name in unneeded:
                blocks.deregister(name)
        self.md.parser.blockprocessors = blocks

    def give_patterns(self, text: str, every: bool = False) -> None:
        """Give the inline processor, in their order, the patterns that might match a part
        of ``text`` (``every`` one), and :class:`TextsWithoutMarks` their marks."""
        inline = self.md.treeprocessors["inline"]
        self.passing.marks = None
        if isinstance(inline, treeprocessors.InlineProcessor):
            usable = tuple(pattern for pattern in self.md.inlinePatterns
                           if every or can_match(pattern, text))
            given = self.pattern_registries.get(usable)
            if given is None:
                given = self.pattern_registries[usable] = (PatternsInOrder(usable),
                                                           marks_search(usable))
            # (Python-Markdown annotates it with the tree processor's class for the pattern's)
            inline.inlinePatterns = given[0]  # type: ignore[assignment]
            self.passing.marks = given[1]


def _processor(md: markdown.Markdown, name: str) -> treeprocessors.Treeprocessor | None:
    """The tree processor registered as ``name``, if any."""
    return md.treeprocessors[name] if name in md.treeprocessors else None


class BodyNeedsExtension(Extension):
    """Registers :class:`BodyNeeds` (see :data:`PRIORITY`), :class:`AttributeListsIfAny`
    in the place of Python-Markdown's attribute lists (``attr_list``, 8), and
    :class:`TextsWithoutMarks` and :class:`TextsTakenBack` around the inline processor. Added
    after the engine's other extensions (whose block processors it takes as all there are)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        toc = _processor(md, "toc")
        marker = toc.marker if isinstance(toc, TocTreeprocessor) else ""
        if isinstance(_processor(md, "attr_list"), AttrListTreeprocessor):
            md.treeprocessors.register(AttributeListsIfAny(md), "attr_list", 8)
        if type(_processor(md, "unescape")) is treeprocessors.UnescapeTreeprocessor:
            md.treeprocessors.register(UnescapeIfAny(md), "unescape", 0)
        passing = TextsWithoutMarks(md)
        md.treeprocessors.register(passing, "texts_without_marks", PASS_OVER_PRIORITY)
        md.treeprocessors.register(TextsTakenBack(md, passing), "texts_taken_back",
                                   TAKE_BACK_PRIORITY)
        md.preprocessors.register(BodyNeeds(md, marker, passing), "body_needs", PRIORITY)
