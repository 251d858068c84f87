"""Markdown to HTML with Pygments highlighting: a pure function, safe to run in worker processes.

Two pieces of markup are the theme's, made in the Markdown tree and the highlighting hooks:
an image with a title alone in its paragraph is a ``<figure>`` with the title as its
``<figcaption>`` (:class:`Figures`), and every code block, fenced or indented, is Pygments'
``<div class="highlight">`` inside ``<div class="code-block">``, after a
``<span class="code-lang">`` naming its language when it has one (:func:`code_block`), which
``static/code.js`` gives a copy button.
"""
from __future__ import annotations

import html as html_lib
import re
import sys
import traceback
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import repeat
from operator import contains, itemgetter
from pathlib import Path
from typing import Any

import markdown
import pymdownx
from markdown import util
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.codehilite import CodeHilite, CodeHiliteExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension, SubstituteTextPattern
from markdown.extensions.toc import TocExtension, slugify, slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, AtomicString
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import find_lexer_class_by_name
from pygments.lexers.special import OutputLexer, TextLexer
from pygments.util import ClassNotFound
from pymdownx.blocks.admonition import AdmonitionExtension as BlocksAdmonitionExtension
from pymdownx.blocks.details import DetailsExtension as BlocksDetailsExtension
from pymdownx.blocks.tab import TabExtension as BlocksTabExtension
from pymdownx.details import DetailsExtension
from pymdownx.highlight import HighlightExtension
from pymdownx.slugs import slugify as configurable_slugify
from pymdownx.superfences import SuperFencesCodeExtension
from pymdownx.tabbed import TabbedExtension
from pymdownx.tasklist import TasklistExtension
from pymdownx.tilde import DeleteSubExtension

from sitegen.alerts import GitHubAlertsExtension
from sitegen.attrlists import ChainedClassesExtension
from sitegen.bodyneeds import BodyNeedsExtension
from sitegen.closingquotes import register_closing_quotes
from sitegen.commonmark import CommonMarkBlocksExtension
from sitegen.config import MarkdownSettings, config_line
from sitegen.dialect import ADMONITION_TYPES, use_site_blocks
from sitegen.errors import AuthorError
from sitegen.fenceoptions import fence_option_problem, highlighted_lines, line_numbers
from sitegen.footnotes import UnusedFootnotesExtension
from sitegen.htmlscan import (
    ID_ATTRIBUTES,
    StartTag,
    ids_of,
    splice,
    start_tags,
    without_attribute,
    without_unseen,
)
from sitegen.slugs import heading_id
from sitegen.snippets import use_snippet_options
from sitegen.tabfences import TabFencesExtension
from sitegen.tables import HeaderOnlyTableExtension
from sitegen.templatetags import ESCAPED_BRACE, TemplateTagsExtension, template_pieces
from sitegen.texmath import MathAsWrittenExtension
from sitegen.textscan import nesting_levels

# The comments that end a summary, in any case and with any spaces: Hugo's and Jekyll's
# <!--more-->, Octopress' <!-- more -->, Pelican's summary plugin's <!-- PELICAN_END_SUMMARY -->.
MORE_MARKERS = ("more", "pelican_end_summary")
# The comment that starts a summary ending at one of those (what is before it is not in it).
BEGIN_MARKERS = ("pelican_begin_summary",)


def _options_key(value: Any) -> Any:
    """``value`` as part of a dictionary key, equal to another's only for equal values of the
    same types (so that ``True`` and ``1``, or a list and a tuple, stay apart)."""
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_options_key(item) for item in value))
    return (type(value), value)


class SharedHtmlFormatters:
    """Codehilite's ``pygments_formatter``: Pygments' HTML formatter, one for each distinct set
    of options, given again to every code block highlighted with the same options.

    A formatter keeps nothing of the code it has formatted (only what its options determine),
    so a formatter given again writes what a new one made with the same options would
    (``tests/test_speed.py`` compares them).
    Options that cannot be a dictionary key get a new formatter each time. At most ``limit``
    formatters are kept (all are dropped when a new one would exceed it).
    """

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self.formatters: dict[Any, HtmlFormatter[str]] = {}

    def __call__(self, **options: Any) -> HtmlFormatter[str]:
        key = tuple((name, _options_key(value)) for name, value in sorted(options.items()))
        try:
            formatter = self.formatters.get(key)
        except TypeError:  # an option that cannot be hashed
            return HtmlFormatter(**options)
        if formatter is None:
            if len(self.formatters) >= self.limit:
                self.formatters.clear()
            formatter = self.formatters[key] = HtmlFormatter(**options)
        return formatter


# The formatters of this process's converters (each worker process has its own).
shared_html_formatters = SharedHtmlFormatters()


def fence_options(language: str, inputs: dict[str, str], options: dict[str, Any],
                  attrs: dict[str, str], md: markdown.Markdown) -> bool:
    """Superfences' validator for code fences: ``title``, ``linenums`` and ``hl_lines``
    (MkDocs Material's options, codehilite's ``linenostart`` and fenced_code's
    ``filename``) become options; any
    other key, or a value of the wrong form, is left out (the scan for unsupported syntax
    warns about it: see
    :func:`~sitegen.fenceoptions.fence_option_problem`), and the code is shown with the others."""
    for key, value in inputs.items():
        if isinstance(value, str) and fence_option_problem(key, value) is None:
            options[key] = value
    if "linenostart" in options:  # (codehilite's name for where the numbers start)
        options.setdefault("linenums", options.pop("linenostart"))
    if "filename" in options:  # (fenced_code's name for the title: Pygments')
        options.setdefault("title", options.pop("filename"))
    return True


def _codehilite_config(md: markdown.Markdown) -> dict[str, Any]:
    """The settings of ``md``'s codehilite extension (those given in ``EXTENSION_CONFIGS``)."""
    for extension in md.registeredExtensions:
        if isinstance(extension, CodeHiliteExtension):
            return extension.getConfigs()
    return CodeHiliteExtension().getConfigs()


def _extended_language(md: markdown.Markdown, language: str) -> str:
    """The language Pygments highlights a fence of ``language`` in: the ``lang`` that
    pymdownx.highlight's ``extend_pygments_lang`` gives that name, when the site names
    that extension (uv's ``requirements`` fences, as Python), else ``language``."""
    for extension in md.registeredExtensions:
        if isinstance(extension, HighlightExtension):
            for alias in extension.getConfig("extend_pygments_lang") or []:
                lang = alias.get("lang") if isinstance(alias, dict) else None
                if isinstance(lang, str) and alias.get("name") == language:
                    return lang
    return language


def highlight_fence(source: str, language: str, class_name: str, options: dict[str, Any],
                    md: markdown.Markdown, **kwargs: Any) -> str:
    """Superfences' formatter for every code fence: codehilite's :class:`CodeHilite` with the
    codehilite extension's settings (and so its ``pygments_formatter``, the shared ones), as
    ``fenced_code`` highlighted fences, in the markup of every code block (:func:`code_block`,
    with the language's label). ``title`` is Pygments' ``filename`` (a
    ``<span class="filename">`` above the code), ``linenums`` gives a table of line numbers,
    ``hl_lines`` marks lines; extra classes go before ``highlight``."""
    config = _codehilite_config(md)
    language = _extended_language(md, language)
    config["css_class"] = " ".join([*(kwargs.get("classes") or []), config["css_class"]])
    if "hl_lines" in options:
        config["hl_lines"] = highlighted_lines(options["hl_lines"])
    config.update(line_numbers(options.get("linenums", "")) or {})
    if options.get("title", "").strip():
        config["filename"] = options["title"].strip()
    return code_block(source, language or None, config, shebang=False)


@lru_cache(maxsize=512)
def language_name(alias: str) -> str:
    """What a code block's label calls the language Pygments knows as ``alias``: its lexer's
    name ("Python" for ``py``, "TOML", "Bash"); "" for plain text (``text``, ``output``) and
    for a name Pygments does not know (such code is highlighted as plain text)."""
    try:
        lexer = find_lexer_class_by_name(alias)
    except ClassNotFound:
        return ""
    if issubclass(lexer, (TextLexer, OutputLexer)):
        return ""
    return _LANGUAGE_NAMES.get(alias.lower(), lexer.name)


# Languages whose Pygments lexer is named after another they share it with: R's is "S".
_LANGUAGE_NAMES = {"r": "R"}


def code_block(source: str, language: str | None, config: dict[str, Any], shebang: bool,
               **options: Any) -> str:
    """``source`` highlighted by codehilite's :class:`CodeHilite` with ``config`` (codehilite's
    settings: ``pygments_style`` is taken out of it) and ``options``, in the markup of every
    code block::

        <div class="code-block"><span class="code-lang">Python</span><div class="highlight">...

    The label names the language the code was highlighted as (from a fence, or an indented
    block's ``:::python`` or ``#!`` line; none for plain text). It is text before the code,
    so it is shown without CSS (in feeds) and read once, just before the code. The wrapper
    is added around Pygments' own markup, never spliced into it: Pygments' options (line
    numbers' table, ``filename``, ``nowrap``) change what that markup is."""
    style = config.pop("pygments_style", "default")
    if (language or "").lower() in _PHP_NAMES and "<?" not in source:
        options = {**options, "startinline": True}  # (Hugo's Chroma reads PHP without
        # "<?php" as PHP: jonesrussell's 122 blocks, where Pygments' reads it as HTML)
    code = CodeHilite(source, lang=language, style=style, **config, **options)
    highlighted = code.hilite(shebang=shebang)
    name = language_name(code.lang or "")
    label = f'<span class="code-lang">{html_lib.escape(name)}</span>' if name else ""
    return f'<div class="code-block">{label}{highlighted}</div>'


_PHP_NAMES = frozenset({"php", "php3", "php4", "php5"})  # (Pygments' PhpLexer's)


def _code_unescape(text: str) -> str:
    """An indented code block's text as written (Python-Markdown escapes ``&``, ``<`` and
    ``>`` in it, as codehilite's own tree processor undoes it)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class IndentedCode(Treeprocessor):
    """Highlight indented code blocks as :func:`highlight_fence` does fences: with
    codehilite's settings, its header line (``:::python``, or ``#!python`` with line
    numbers) and the same markup (:func:`code_block`). Runs just before codehilite's own
    tree processor, which then finds no block left to highlight."""

    def run(self, root: etree.Element) -> None:
        blocks = [block for block in root.iter("pre")
                  if len(block) == 1 and block[0].tag == "code" and block[0].text is not None]
        settings = _codehilite_config(self.md)
        for block in blocks:
            html = code_block(_code_unescape(block[0].text or ""), None, dict(settings),
                              shebang=True, tab_length=self.md.tab_length)
            block.clear()  # (a paragraph of the placeholder, replaced by the HTML at the end)
            block.tag = "p"
            block.text = self.md.htmlStash.store(html)


class IndentedCodeExtension(Extension):
    """Registers :class:`IndentedCode` before codehilite's tree processor (priority 30)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(IndentedCode(md), "indented_code", 31)


def _lone_titled_image(paragraph: etree.Element) -> etree.Element | None:
    """The image of ``paragraph`` if it is a paragraph of only an image with a title."""
    if paragraph.tag != "p" or len(paragraph) != 1 or (paragraph.text or "").strip():
        return None
    image = paragraph[0]
    if image.tag != "img" or not (image.get("title") or "").strip() \
            or (image.tail or "").strip():
        return None
    return image


class Figures(Treeprocessor):
    """A paragraph of only an image with a title, ``![Alt](shot.png "The caption")``, becomes
    a figure, the title its caption (and no longer the image's tooltip)::

        <figure><img alt="Alt" src="shot.png" /><figcaption>The caption</figcaption></figure>

    The image keeps its other attributes (``{: .wide}`` right after it); the paragraph's
    (``{: .wide}`` on the next line) go to the figure. An image in a sentence or a link,
    beside another, or without a title, stays as it is.

    Runs after the text processors (Smarty, abbreviations), which do not read attributes: the
    caption is the title as written (straight quotes) whether Smarty is ours or
    Python-Markdown's, which ``tests/test_speed.py`` compares; and before ``unescape``, which
    puts backslash-escaped characters back into it."""

    def run(self, root: etree.Element) -> None:
        if not any(image.get("title") for image in root.iter("img")):
            return  # (most bodies: no paragraph to look at)
        found = [(parent, index, image) for parent in root.iter()
                 for index, child in enumerate(parent)
                 if (image := _lone_titled_image(child)) is not None]
        for parent, index, image in found:
            paragraph = parent[index]
            figure = etree.Element("figure", dict(paragraph.attrib))
            figure.tail = paragraph.tail
            caption = image.attrib.pop("title").strip()
            image.tail = None
            figure.append(image)
            etree.SubElement(figure, "figcaption").text = caption
            parent[index] = figure


class LoneStashedBlocks(Treeprocessor):
    """A paragraph that holds a stashed block alone (fenced code), with a line break after
    it, holds it alone, so that Python-Markdown writes the block without the paragraph
    around it, as it writes one with no line break: a fence at the end of a block quote
    with an empty quoted line after it (the Carpentries' ``> {: .language-bash}``, taken
    out) was a ``<div>`` inside a ``<p>``."""

    def run(self, root: etree.Element) -> None:
        if not self.md.htmlStash.rawHtmlBlocks:
            return  # (most bodies: no fence, no raw HTML, nothing stashed)
        stashed = self.md.htmlStash.rawHtmlBlocks
        for paragraph in root.iter("p"):
            text = paragraph.text
            if text and not len(paragraph) and text[-1:].isspace() \
                    and (lone := util.HTML_PLACEHOLDER_RE.fullmatch(text.strip())) \
                    and str(stashed[int(lone[1])]).lstrip().startswith("<"):  # (not &rsquo;)
                paragraph.text = text.strip()


class FiguresExtension(Extension):
    """Registers :class:`Figures` after Smarty (6) and ``toc`` (5), before ``unescape`` (0)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(Figures(md), "figures", 1)


class LoneStashedBlocksExtension(Extension):
    """Registers :class:`LoneStashedBlocks` after the inline processor (20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(LoneStashedBlocks(md), "lone_stashed_blocks", 2)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _without_ids(tokens: list[dict[str, Any]], ids: set[str]) -> list[dict[str, Any]]:
    """The table of contents ``tokens`` without the headings of ``ids``, their own headings
    in their place."""
    kept = []
    for token in tokens:
        children = _without_ids(token["children"], ids)
        if token["id"] in ids:
            kept.extend(children)
        else:
            kept.append({**token, "children": children})
    return kept


class NoTocHeadings(Treeprocessor):
    """kramdown's ``no_toc`` class (``## Contents {: .no_toc }``): the heading is left out
    of the table of contents, the page's and a ``[TOC]``'s, as kramdown leaves it out; it
    keeps its id. Runs after ``toc`` (5)."""

    def run(self, root: etree.Element) -> None:
        tokens = getattr(self.md, "toc_tokens", None)
        if not tokens or not getattr(self.md.treeprocessors["attr_list"], "body_has_any", True):
            return  # (a class comes from an attribute list: a body with none has no no_toc)
        left_out = {element.get("id", "") for element in root.iter()
                    if element.tag in _HEADINGS and "no_toc" in element.get("class", "").split()}
        if not left_out:
            return
        kept = _without_ids(tokens, left_out)
        self.md.toc_tokens = kept  # type: ignore[attr-defined]
        toc = self.md.treeprocessors["toc"]
        for parent in root.iter():
            for index, child in enumerate(parent):
                if child.tag == "div" and "toc" in child.get("class", "").split():
                    parent[index] = toc.build_toc_div(kept)  # type: ignore[attr-defined]
                    parent[index].tail = child.tail


class NoTocHeadingsExtension(Extension):
    """Registers :class:`NoTocHeadings` after ``toc`` (5), before Figures (1)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(NoTocHeadings(md), "no_toc", 4)


# Python-Markdown's extensions and pymdown-extensions', by the names they are loaded by (an
# entry point's, or a module's). The converter is given the classes themselves: a name is
# looked up in every installed package's entry points, which took 50 ms of a one-post rebuild.
# (pymdown-extensions has no type information: its classes are Any to mypy.)
EXTENSIONS: dict[str, type[Extension]] = {
    "pymdownx.superfences": SuperFencesCodeExtension, "tables": HeaderOnlyTableExtension,
    "footnotes": FootnoteExtension, "toc": TocExtension, "attr_list": AttrListExtension,
    "def_list": DefListExtension, "abbr": AbbrExtension, "admonition": AdmonitionExtension,
    "md_in_html": MarkdownInHtmlExtension, "sane_lists": SaneListExtension,
    "codehilite": CodeHiliteExtension, "pymdownx.details": DetailsExtension,
    "pymdownx.tabbed": TabbedExtension, "pymdownx.tasklist": TasklistExtension,
    "pymdownx.tilde": DeleteSubExtension, "pymdownx.blocks.admonition": BlocksAdmonitionExtension,
    "pymdownx.blocks.details": BlocksDetailsExtension, "pymdownx.blocks.tab": BlocksTabExtension,
    "sitegen.attrlists:ChainedClassesExtension": ChainedClassesExtension,
    "sitegen.alerts:GitHubAlertsExtension": GitHubAlertsExtension,
    "sitegen.markdown:IndentedCodeExtension": IndentedCodeExtension,
    "sitegen.markdown:FiguresExtension": FiguresExtension,
    "sitegen.markdown:LoneStashedBlocksExtension": LoneStashedBlocksExtension,
    "sitegen.footnotes:UnusedFootnotesExtension": UnusedFootnotesExtension,
    "sitegen.markdown:NoTocHeadingsExtension": NoTocHeadingsExtension,
}
# pymdownx.blocks.html, the last of the engine's extensions, is imported only when a
# converter needs it: importing it compiles its patterns for 90 ms (a case-insensitive
# character class over all of Unicode), a tenth of a one-post rebuild. Its blocks, like all
# of pymdownx.blocks', open with "///" (BLOCK_MARK): a body without it renders the same
# without the extension (tests/test_speed.py compares them), so a process leaves it out until
# it renders a body holding "///" (see render_markdown).
HTML_BLOCKS = "pymdownx.blocks.html"
BLOCK_MARK = "///"
# The engine's own extensions: one the site names takes its options, and is not added again.
# pymdownx.snippets named in site.toml gives its options to the engine's own snippets, which
# are expanded as a body is loaded (see sitegen.snippets.use_snippet_options): not added.
SNIPPETS = "pymdownx.snippets"
SMARTY = "smarty"  # (applied by FastSmartyExtension, which takes its options)
ENGINE_NAMES = frozenset([*EXTENSIONS, HTML_BLOCKS, SNIPPETS, SMARTY])
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {
        "permalink": "#",
        "permalink_title": "Link to this section",
        "slugify": heading_id,
        "toc_depth": "1-4",  # (a body's "# Part": the title is not in the body)
    },
    "codehilite": {"css_class": "highlight", "guess_lang": False,
                   "pygments_formatter": shared_html_formatters},
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
    # Every fence is highlighted by highlight_fence (the name "*" replaces superfences' own
    # formatter, which makes a new Pygments formatter for each block).
    # relaxed_headers: a fence whose info string has words superfences does not read
    # (```toml config-example, tab="x") is code in its language, not text that swallows what
    # follows; dialect.py warns about the words left out.
    "pymdownx.superfences": {"relaxed_headers": True, "custom_fences": [
        {"name": "*", "class": "highlight", "format": highlight_fence,
         "validator": fence_options}]},
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.blocks.tab": {"alternate_style": True},
    "pymdownx.blocks.admonition": {"types": list(ADMONITION_TYPES)},
    "pymdownx.tilde": {"subscript": False},  # only ~~deleted~~: "~5 min or ~10~" stays text
}

_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A word is a run of letters or digits; in Chinese, Japanese and Korean, each character.
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

_converter: markdown.Markdown | None = None
_converter_has_html_blocks = False
_inline_converter: markdown.Markdown | None = None
_RAW_INLINE = ("kbd", "samp", "var")  # (kramdown's raw content, kept from Smarty)
_RAW_TAGS = tuple(f"<{name}" for name in _RAW_INLINE)


class SmartyText(Treeprocessor):
    """Smarty's quotes, dashes and ellipses with the same patterns, applied in the same order
    and with the same result, to each text of the tree.

    Python-Markdown runs Smarty's 18 patterns through its general inline machinery, which
    took 3.2 ms of a typical post's 7.5; plain regular expression searches take a tenth.
    """

    def __init__(self, md: markdown.Markdown, patterns: list[Any],
                 angled: bool = False) -> None:
        super().__init__(md)
        self.patterns = [(pattern.compiled_re, pattern.replace) for pattern in patterns]
        self.raw_inline = False  # (whether the body has a <kbd>, <samp> or <var>: see run)
        # What a text needs for a pattern to match: with smart_angled_quotes, << and >> too
        self.marks = ("'", '"', "--", "...", *(("<<", ">>") if angled else ()))

    def educate(self, text: str) -> str:
        """``text`` with each pattern's matches replaced by its entities (stashed as HTML, so
        that later patterns do not see them, exactly as Smarty's own processor does). Another
        generator's template tag or shortcode, shown as text (``{{< tab name="A" >}}``), is
        left as written."""
        if not any(mark in text for mark in self.marks):
            return text
        if self.raw_inline and util.STX in text:
            return "".join(piece if raw else self._educated_text(piece)
                           for piece, raw in self._raw_pieces(text))
        return self._educated_text(text)

    def _raw_pieces(self, text: str) -> Iterator[tuple[str, bool]]:
        """``text`` in pieces, each with whether it is the content of a ``<kbd>``,
        ``<samp>`` or ``<var>`` of raw HTML, whose tags are stashed (``<kbd>wget
        --no-parent</kbd>``, a command to copy), which kramdown leaves as written."""
        stashed, start, opened = self.md.htmlStash.rawHtmlBlocks, 0, ""
        for placeholder in util.HTML_PLACEHOLDER_RE.finditer(text):
            tag = str(stashed[int(placeholder[1])]).lower()
            name = next((name for name in _RAW_INLINE if tag.startswith(f"<{name}")
                         and tag[len(name) + 1:][:1] in (">", " ")), "")
            if not opened and name:
                yield text[start:placeholder.end()], False
                start, opened = placeholder.end(), name
            elif opened and tag.startswith(f"</{opened}"):
                yield text[start:placeholder.start()], True
                start, opened = placeholder.start(), ""
        yield text[start:], bool(opened)

    def _educated_text(self, text: str) -> str:
        if "{{" in text or "{%" in text or ESCAPED_BRACE in text:
            return "".join(piece if written else self._educated(piece)
                           for piece, written in template_pieces(text))
        return self._educated(text)

    def _educated(self, text: str) -> str:
        for regex, replace in self.patterns:
            text = self.replace_matches(text, regex, replace)
        return text

    def replace_matches(self, text: str, regex: re.Pattern[str], replace: Any) -> str:
        """``text`` with each match of ``regex`` replaced by a placeholder of its entities,
        as if each were replaced in turn and the search went on after the placeholder.
        The pieces are joined once at the end, so the time is linear in the text."""
        pieces: list[str] = []
        copied = 0  # where the text not yet in pieces starts
        found = regex.search(text)
        offset = 0  # (where the text that ``found`` was matched in starts in ``text``)
        while found:
            start, end = offset + found.start(), offset + found.end()
            stored = "".join(html_lib.escape(found.group(part), quote=False)
                             if isinstance(part, int) else part for part in replace)
            pieces += [text[copied:start], self.md.htmlStash.store(stored)]
            copied = end
            offset, found = _match_after_placeholder(regex, text, end)
        pieces.append(text[copied:])
        return "".join(pieces)

    def run(self, root: Any) -> None:
        self.raw_inline = any(str(block)[:6].lower().startswith(_RAW_TAGS)
                              for block in self.md.htmlStash.rawHtmlBlocks)
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = self.educate(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = self.educate(element.tail)


def register_ellipses(smarty: SmartyExtension, md: markdown.Markdown) -> None:
    """Register ``smarty``'s ellipsis for every three dots, a longer run's first three too
    (``....`` is ``….``, ``Wait.....`` is ``Wait…..``), as kramdown and goldmark make it,
    where Python-Markdown's leaves a longer run as written (the Rails blog's ``show....``)."""
    smarty.inlinePatterns.register(SubstituteTextPattern(
        r"\.{3}", (smarty.substitutions["ellipsis"],), md), "smarty-ellipses", 10)


class FastSmartyExtension(SmartyExtension):
    """Python-Markdown's Smarty extension with :class:`SmartyText` as its tree processor, and
    the quotes after inline elements closed first (:mod:`sitegen.closingquotes`)."""

    def educateEllipses(self, md: markdown.Markdown) -> None:  # noqa: N802 (Smarty's API)
        """Smarty's ellipses, as :func:`register_ellipses` makes them."""
        register_ellipses(self, md)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        super().extendMarkdown(md)
        md.treeprocessors.register(SmartyText(md, list(self.inlinePatterns), bool(
            self.getConfig("smart_angled_quotes"))), "smarty", 6)
        register_closing_quotes(md, self)


# More than any Smarty pattern's match and the characters it looks at after it.
_SMARTY_REACH = 64


def _match_after_placeholder(regex: re.Pattern[str], text: str,
                             position: int) -> tuple[int, re.Match[str] | None]:
    """The first match of ``regex`` at or after ``position``, as ``(offset, match)`` (its
    place in ``text`` is ``offset + match.start()``), where a placeholder has just replaced
    the text before ``position``: a match that starts right there sees the placeholder's
    last character (ETX) before it, as the patterns' look-behinds would."""
    window = ETX + text[position:position + _SMARTY_REACH]
    adjacent = regex.match(window, 1)
    if adjacent:
        return position - 1, adjacent
    return 0, regex.search(text, position + 1)


@dataclass
class Rendered:
    """What one Markdown body renders to (before links are resolved)."""

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    word_count: int = 0


def strip_tags(html: str) -> str:
    """Plain text of an HTML fragment (entities are left as they are): each ``<...>`` is
    taken out, from left to right (``<>``, and a ``<`` with no ``>`` after it, are text),
    and each run of white space is one space."""
    return " ".join(without_tags(html).split())


def without_tags(html: str) -> str:
    """``html`` with each ``<...>`` taken out, from left to right (``<>``, and a ``<`` with
    no ``>`` after it, are text)."""
    pieces = html.split("<")
    after = pieces[1:]  # (what follows each "<")
    if all(map(contains, after, repeat(">"))) and not any(map(str.startswith, after,
                                                              repeat(">"))):
        # Each "<" ends at the first ">" after it, before the next "<": the usual case, taken
        # out piece by piece at once.
        return pieces[0] + "".join(map(_AFTER_TAG, map(str.partition, after, repeat(">"))))
    return without_tags_one_by_one(html)


_AFTER_TAG = itemgetter(2)  # (of a piece's partition at its first ">")


def without_tags_one_by_one(html: str) -> str:
    """:func:`without_tags`, one ``<`` after the other (any text)."""
    pieces = []
    position = 0  # where the text not yet in pieces starts
    start = html.find("<")
    while start != -1:
        end = html.find(">", start + 1)
        if end == -1:  # (then no "<" after this one has a ">" either)
            break
        if end > start + 1:
            pieces.append(html[position:start])
            position = end + 1
        start = html.find("<", end)
    pieces.append(html[position:])
    return "".join(pieces)


def _plain_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Python-Markdown's table of contents with each heading's name as plain text (its
    ``name`` is HTML, with entities: ``Hugo&rsquo;s``), which templates and JSON escape."""
    return [
        {"level": token["level"], "id": token["id"], "name": html_lib.unescape(token["name"]),
         "children": _plain_toc(token["children"])}
        for token in tokens
    ]


def new_converter(html_blocks: bool = True) -> markdown.Markdown:
    """The Python-Markdown converter bodies are rendered with: its extensions,
    pymdown-extensions' and ours (GitHub alerts, template tags kept as text, and Smarty
    applied by :class:`SmartyText`, and for each body only what it needs: see
    :mod:`sitegen.bodyneeds`), then the site's own (``[markdown] extensions``: see
    :func:`use_site_extensions`). Snippets (``--8<--``) are not among them: they are
    expanded before (:func:`sitegen.snippets.expand_snippets`), so rendering reads no file.
    Without ``html_blocks``, :data:`HTML_BLOCKS` is left out (for bodies without "///")."""
    site = _site_extensions  # (an extension of ours named there takes its options)
    extensions = dict(EXTENSIONS)
    if html_blocks:
        extensions[HTML_BLOCKS] = _html_blocks_extension()
    return markdown.Markdown(extensions=[
        *(extension(**{**EXTENSION_CONFIGS.get(name, {}),
                       **with_functions(site.extension_configs.get(name, {}))})
          for name, extension in extensions.items()),
        FastSmartyExtension(**site.extension_configs.get(SMARTY, {})), TemplateTagsExtension(),
        CommonMarkBlocksExtension(), MathAsWrittenExtension(), TabFencesExtension(),
        # (a site's own extensions may make texts of their own: see bodyneeds)
        *([] if set(site.extensions) - {SNIPPETS} else [BodyNeedsExtension()]),
        *(name for name in site.extensions if name not in ENGINE_NAMES)],
        extension_configs={name: with_functions(options)
                           for name, options in site.extension_configs.items()
                           if name not in ENGINE_NAMES})


def _html_blocks_extension() -> type[Extension]:
    """pymdownx.blocks.html's extension, imported now (see :data:`HTML_BLOCKS`)."""
    from pymdownx.blocks.html import HTMLExtension
    return HTMLExtension  # type: ignore[no-any-return]


_site_extensions = MarkdownSettings()


# Extensions whose work the engine does its own way, which they would undo
_UNNEEDED_EXTENSIONS = {
    "mdx_truly_sane_lists": "is not needed: lists nest here by their text's column (two "
                            "spaces under '- ', as its nested_indent: 2 read them), and it "
                            "would read every nested list as text (dreknix's 172 items)"}


def use_site_extensions(settings: MarkdownSettings, config_path: Path) -> None:
    """Render with the site's own Python-Markdown extensions (from ``config_path``, its
    ``site.toml``) from now on; worker processes forked later do too. Raises
    :class:`AuthorError` for an extension that cannot be loaded or refuses its options."""
    global _site_extensions, _converter
    settings = MarkdownSettings(
        tuple(_engine_name(name) for name in settings.extensions),
        {_engine_name(name): options for name, options in settings.extension_configs.items()})
    use_snippet_options(settings.extension_configs.get(SNIPPETS, {}), config_path)
    if settings == _site_extensions:
        return
    _check_options_have_extensions(settings, config_path)
    for name in settings.extensions:
        if name in _UNNEEDED_EXTENSIONS:
            raise AuthorError(config_path, f"[markdown] extensions: {name} "
                              f"{_UNNEEDED_EXTENSIONS[name]}", line=config_line(config_path, name),
                              hint=f"remove {name!r} from extensions")
        options = settings.extension_configs.get(name, {})
        try:
            defaults = [extension.getConfigs() for extension in
                        markdown.Markdown(extensions=[name]).registeredExtensions]
            _check_function_options(name, options, defaults, config_path)
            markdown.Markdown(extensions=[name],
                              extension_configs={name: with_functions(options)})
        except AuthorError:
            raise
        except Exception as error:  # (whatever the extension's own code raises)
            raise _extension_error(name, error, config_path) from None
    previous, _site_extensions, _converter = _site_extensions, settings, None
    trial = new_converter(html_blocks=HTML_BLOCKS in (*settings.extensions,
                                                      *settings.extension_configs))
    try:  # (options of the wrong kind fail only as a body is rendered)
        trial.convert(_TRIAL)
    except Exception as error:
        _site_extensions = previous
        named = {*settings.extensions, *settings.extension_configs}
        if len(named) == 1:
            raise _extension_error(named.pop(), error, config_path) from None
        raise AuthorError(config_path, "the Markdown extensions and options of site.toml "
                          f"fail on a trial page: {type(error).__name__}: {error}",
                          line=config_line(config_path, "extensions"),
                          hint="check the options of [markdown.extension_configs], or leave "
                               "out one extension at a time to find the one that fails"
                          ) from None
    processors = trial.parser.blockprocessors  # (pymdownx.blocks' processor, by its name)
    use_site_blocks(processors["blocks"].blocks  # type: ignore[attr-defined]
                    if "blocks" in processors else (),
                    directives=any("customblocks" in name for name in settings.extensions),
                    math="arithmatex-inline" in trial.inlinePatterns)


def _emoji_function(name: str) -> Callable[..., Any]:
    """pymdown-extensions' emoji index or generator ``name`` (imported only when named)."""
    from pymdownx import emoji

    found: Callable[..., Any] = getattr(emoji, name)
    return found


# Options that take a function whose default is not one (pymdownx.tabbed's slugify: 0).
FUNCTION_OPTIONS = frozenset({"slugify"})
# The functions such an option may name in site.toml, as mkdocs.yml names them with
# !!python/name: (a function) or !!python/object/apply: (pymdownx.slugs.slugify, which makes
# one of its keyword arguments: slugify = {function = "pymdownx.slugs.slugify", case =
# "lower"} for Material's {kwds: {case: lower}}).
NAMED_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "markdown.extensions.toc.slugify": lambda: slugify,
    "markdown.extensions.toc.slugify_unicode": lambda: slugify_unicode,
    "pymdownx.slugs.slugify": configurable_slugify,
    # pymdownx.emoji's indexes and generators (Rocky Linux's :star:, 427 on 57 pages);
    # Material's own, whose icons are its theme's, as Unicode's characters
    **{f"pymdownx.emoji.{name}": partial(_emoji_function, name) for name in (
        "twemoji", "emojione", "gemoji", "to_alt", "to_svg", "to_png", "to_svg_sprite",
        "to_png_sprite")},
    "material.extensions.emoji.twemoji": partial(_emoji_function, "twemoji"),
    "material.extensions.emoji.to_svg": partial(_emoji_function, "to_alt"),
}


def _named_function(value: object) -> str | None:
    """The name of :data:`NAMED_FUNCTIONS` that an option's ``value`` gives: a text, or a
    table's ``function``; None for any other value."""
    name = value.get("function") if isinstance(value, dict) else value
    return name if isinstance(name, str) and name in NAMED_FUNCTIONS else None


def with_functions(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with each value that names a function of :data:`NAMED_FUNCTIONS` the
    function itself (made with the table's other keys, for a factory)."""
    if not any(_named_function(value) for value in options.values()):
        return options
    made = dict(options)
    for key, value in options.items():
        name = _named_function(value)
        if name is not None:
            arguments = {k: v for k, v in value.items() if k != "function"} \
                if isinstance(value, dict) else {}
            made[key] = NAMED_FUNCTIONS[name](**arguments)
    return made


def _check_function_options(name: str, options: dict[str, Any],
                            defaults: list[dict[str, Any]], config_path: Path) -> None:
    """Raise :class:`AuthorError` for an option of extension ``name`` that takes a Python
    function (``slugify``: ``defaults`` are its extensions' own options) and is given a
    text or a table that names none of :data:`NAMED_FUNCTIONS`."""
    for key, value in options.items():
        if not isinstance(value, (str, dict)) or _named_function(value) or not (
                key in FUNCTION_OPTIONS or any(callable(configs.get(key))
                                               for configs in defaults)):
            continue
        names = ", ".join(f'"{function}"' for function in NAMED_FUNCTIONS)
        raise AuthorError(config_path, f'[markdown.extension_configs."{name}"] {key} takes a '
                          f"Python function, and {_shown_value(value)} names none that "
                          "site.toml can give", line=config_line(config_path, key),
                          hint=f"name one of {names} (a table for the last, with its "
                               'arguments: {function = "pymdownx.slugs.slugify", case = '
                               "\"lower\"}), or leave it out: the extension's own is used")


def _shown_value(value: object) -> str:
    """An option's value as site.toml shows it, shortened."""
    return repr(value)[:60]


# A body that goes through most of the converter: what a site's extension options are tried on.
_TRIAL = ("# Title\n\nText with *emphasis*, `code`, a [link](x.md) and an ![image](y.png).\n\n"
          "## Part\n\n- item\n- item\n\n> quote\n\n```python\nx = 1\n```\n\n"
          "| a | b |\n| - | - |\n| 1 | 2 |\n\nA footnote.[^1]\n\n[^1]: Note.\n")


def _check_options_have_extensions(settings: MarkdownSettings, config_path: Path) -> None:
    """Raise :class:`AuthorError` for options of an extension that is neither named in
    ``[markdown] extensions`` nor one of the engine's own (whose options apply as they are,
    ``[markdown.extension_configs.smarty]`` ``smart_dashes = false``)."""
    for name, options in settings.extension_configs.items():
        if name not in settings.extensions and name not in ENGINE_NAMES:
            raise AuthorError(config_path, f"[markdown.extension_configs] has options for "
                              f"{name!r}, which is not in [markdown] extensions",
                              line=config_line(config_path, name, "["),
                              hint=f'add "{name}" to extensions, or remove its options')
        if name not in settings.extensions:
            defaults = _engine_options(name) if name not in (SNIPPETS, HTML_BLOCKS) else []
            _check_option_names(name, options, defaults, config_path)
            _check_function_options(name, options, defaults, config_path)


def _engine_options(name: str) -> list[dict[str, Any]]:
    """The options of the engine's own extension ``name``, and of those it registers, with
    their defaults."""
    extension = EXTENSIONS[name]() if name in EXTENSIONS \
        else markdown.Markdown().build_extension(name, {})
    registered = markdown.Markdown(extensions=[extension]).registeredExtensions
    return [extension.getConfigs(), *(other.getConfigs() for other in registered)]


def _check_option_names(name: str, options: dict[str, Any], defaults: list[dict[str, Any]],
                        config_path: Path) -> None:
    """Raise :class:`AuthorError` for an option that the engine's own extension ``name``
    (whose options are ``defaults``) does not have (``smart_quote`` for ``smart_quotes``)."""
    known = sorted({key for configs in defaults for key in configs})
    for key in options:
        if known and key not in known:
            raise AuthorError(config_path, f"[markdown.extension_configs.{name}] {key} is not "
                              f"an option of {name}", line=config_line(config_path, key),
                              hint=f"its options are {', '.join(known)}")


def _engine_name(name: str) -> str:
    """The name of one of the engine's own extensions that ``name`` stands for
    (``markdown.extensions.toc`` and ``markdown.extensions.toc:TocExtension`` are ``toc``),
    else ``name``."""
    short = name.split(":")[0].removeprefix("markdown.extensions.")
    return short if short in ENGINE_NAMES else name


def _extension_error(name: str, error: Exception, config_path: Path) -> AuthorError:
    return AuthorError(config_path, f"the Markdown extension {name!r} cannot be used: "
                       f"{type(error).__name__}: {error}",
                       line=config_line(config_path, name.split(", ")[0]),
                       hint="check its name (a module, or module:Class) and options, and that "
                            "it is installed in the engine's .venv")


def site_extensions_key() -> str:
    """What the site's own extensions and options add to a rendered body's cache key (""
    for none): the options of the engine's own extensions too (smarty's ``smart_quotes``:
    falco's change of them had rendered no body again)."""
    if not _site_extensions.extensions and not _site_extensions.extension_configs:
        return ""
    return repr((_site_extensions.extensions,
                 sorted(_site_extensions.extension_configs.items()))) + "\0"


MAX_NESTING = 50  # lists and block quotes inside one another (Python-Markdown recurses on each)
# A line that starts with 9 or more of the characters that can open lists and quotes (or
# indent them), the first of them after its indentation a ">" or a list marker's. Without
# one, no line is nested more than MAX_NESTING levels: the deepest line is one that opens
# a quote or an item (a line of text is in no more than the item above it), and its levels
# are its own ">" and markers (at most 8) and the items open above it, whose markers stand
# at distinct columns that its prefix of 8 characters (tabs of 4 columns) cannot pass 32.
_DEEP_PREFIX = re.compile(r"\n(?=[ \t>*+\-0-9.)]{9,})[ \t]*[>*+\-0-9]")


def check_nesting(body: str, path: Path, first_line: int = 1) -> None:
    """Raise :class:`AuthorError` at the first line of ``body`` (line ``first_line`` of
    ``path``) that sits in more than ``MAX_NESTING`` lists and block quotes: Python-Markdown
    ends deeper ones in a RecursionError (lists at about 250 levels), after seconds. A body
    with no line that could be (see ``_DEEP_PREFIX``) is passed over after one search."""
    if not _DEEP_PREFIX.search("\n" + body):
        return
    for index, levels in nesting_levels(body):
        if levels > MAX_NESTING:
            raise AuthorError(path, f"nested too deeply: {levels} levels of lists/quotes; at "
                              f"most {MAX_NESTING} are supported", line=first_line + index,
                              hint="indent the inner items less, or split the list or quote "
                                   "into several")


def render_markdown(body: str) -> Rendered:
    """Render one Markdown body: HTML, table of contents, element ids and word count.

    Raises :class:`AuthorError` (naming no file: the caller knows it) for a body nested too
    deeply for Python-Markdown, which :func:`check_nesting` did not foresee (HTML elements
    or emphasis inside one another), and for a body that Python-Markdown or
    pymdown-extensions fail on (see :func:`_render_error`)."""
    global _converter, _converter_has_html_blocks
    # (once imported, pymdownx.blocks.html is in every new converter: it costs nothing more)
    html_blocks = BLOCK_MARK in body or HTML_BLOCKS in sys.modules
    if _converter is None or (html_blocks and not _converter_has_html_blocks):
        _converter, _converter_has_html_blocks = new_converter(html_blocks), html_blocks
    converter = _converter
    converter.reset()
    try:
        html = converter.convert(body)
    except RecursionError:
        _converter = None  # (left half-way through the body)
        raise AuthorError(None, "nested too deeply to render: lists, quotes, HTML elements or "
                          "emphasis inside one another", hint=f"flatten the nesting: at most "
                          f"{MAX_NESTING} levels of lists/quotes are supported, and fewer of "
                          "HTML elements with markdown=\"1\" or of emphasis") from None
    except Exception as error:
        author_error = _render_error(error)
        if author_error is None:
            raise  # (a bug of the engine's)
        _converter = None
        raise author_error from None
    tags = start_tags(html, skip_code=False, needed=ID_ATTRIBUTES)
    html = splice(html, scroll_focus(tags))
    toc = _plain_toc(getattr(converter, "toc_tokens", []))
    return Rendered(
        html=html,
        toc=toc,
        ids=ids_of(tags),
        word_count=len(_WORD.findall(without_tags(html))),  # (white space as written)
    )


_ENGINE = Path(__file__).parent
_MARKDOWN_LIBRARIES = (Path(markdown.__file__).parent, Path(pymdownx.__file__).parent)


def _render_error(error: Exception) -> AuthorError | None:
    """What to tell the author of a body whose rendering raised ``error``: that the site's
    own extensions failed on it, or, where the error rose in Python-Markdown's or
    pymdown-extensions' own code with none of the engine's between (an input they cannot
    read, such as raw HTML that imitates a tabbed set without its parts), that they did;
    ``None`` for an error of the engine's own."""
    if _site_extensions.extensions or _site_extensions.extension_configs:
        return AuthorError(None, "the Markdown extensions of site.toml failed on this page: "
                           f"{type(error).__name__}: {error}", hint="check their options in "
                           "site.toml's [markdown] table, or remove the one that fails")
    frames = traceback.extract_tb(error.__traceback__)[1:]  # (below render_markdown)
    if not frames or any(Path(frame.filename).is_relative_to(_ENGINE) for frame in frames):
        return None
    where = Path(frames[-1].filename)
    if not any(where.is_relative_to(library) for library in _MARKDOWN_LIBRARIES):
        return None
    return AuthorError(None, "Python-Markdown and its extensions cannot render this page: "
                       f"{type(error).__name__}: {error} (in {where.parent.name}/{where.name}, "
                       f"line {frames[-1].lineno})", hint="look for raw HTML that imitates an "
                       "extension's own (a tabbed set, details, an admonition) or unusual "
                       "nesting, and write it in Markdown or more simply")


def scroll_focus(tags: list[StartTag]) -> list[tuple[int, int, str]]:
    """The edits (for :func:`~sitegen.htmlscan.splice`) that give each ``<pre>`` and
    ``<table>`` of ``tags`` written without attributes (Pygments' code, Markdown's tables)
    ``tabindex="0"``: they may scroll sideways, and keyboard users must be able to focus them
    to scroll. One written with attributes is left as its author wrote it."""
    return [(tag.insert_at, tag.insert_at, ' tabindex="0"') for tag in tags
            if tag.name in ("pre", "table") and not tag.attributes]


def warm_up() -> None:
    """Build the converter and load Pygments' table of languages now, rather than on a
    preview's first save (50 ms: the first load renders in worker processes)."""
    render_markdown("```python\npass\n```\n")


def _without(html: str, start: str, start_end: str, end: str) -> str:
    """``html`` without each part that begins with ``start`` and runs to the first ``end``
    after the first ``start_end[0]`` after ``start``, when that character begins
    ``start_end``: what ``start[^X]*start_end.*?end`` (X: ``start_end[0]``) would match,
    found in one pass from left to right."""
    pieces = []
    position = 0  # where the text not yet in pieces starts
    found = html.find(start)
    while found != -1:
        tag_end = html.find(start_end[0], found + len(start))
        if tag_end == -1:  # (then none after a later start either; likewise for ``end``)
            break
        if not html.startswith(start_end, tag_end):
            found = html.find(start, found + 1)
            continue
        close = html.find(end, tag_end + len(start_end))
        if close == -1:
            break
        pieces.append(html[position:found])
        position = close + len(end)
        found = html.find(start, position)
    pieces.append(html[position:])
    return "".join(pieces)


def _without_footnote_refs(html: str) -> str:
    """``html`` without footnote references (``<sup id="fnref...">...</sup>``)."""
    return _without(html, '<sup id="fnref', '">', "</sup>")


def _first_paragraph_with_text(html: str) -> str:
    """The first ``<p>...</p>`` of ``html`` with text besides footnote references, or ''."""
    start = html.find("<p>")
    while start != -1:
        end = html.find("</p>", start + 3)
        if end == -1:  # (then no later paragraph is closed either)
            break
        paragraph = html[start:end + 4]
        if _is_text(strip_tags(_without_footnote_refs(paragraph))):
            return paragraph
        start = html.find("<p>", end + 4)
    return ""


def _is_text(text: str) -> bool:
    """Whether the text of a paragraph (as HTML) has words besides another generator's
    template tags and shortcodes (shown as written: no summary)."""
    if "{{" not in text and "{%" not in text:
        return bool(text.strip())
    return any(piece.strip() for piece, written in template_pieces(html_lib.unescape(text))
               if not written)


def _marker(html: str, names: tuple[str, ...], start: int = 0) -> tuple[int, int]:
    """Where the first comment of ``html`` from ``start`` that is one of ``names`` (see
    ``MORE_MARKERS``) starts and ends; (-1, -1) if none is. (Markdown escapes a ``<!--`` of
    text or code: each one left is a comment's.)"""
    start = html.find("<!--", start)
    while start >= 0:
        end = html.find("-->", start + 4)
        if end < 0:
            return -1, -1
        if html[start + 4:end].strip().lower() in names:
            return start, end + 3
        start = html.find("<!--", end + 3)
    return -1, -1


def summary_of(html: str) -> str:
    """The summary part of rendered HTML: what comes before ``<!--more-->`` (or another
    generator's marker: see ``MORE_MARKERS``; from Pelican's ``<!-- PELICAN_BEGIN_SUMMARY
    -->`` when it comes first), else the first paragraph with text. Ids,
    heading links and footnote references are taken out, since the summary is shown on other
    pages (where they would be duplicates or broken anchors), and so are comments, scripts
    and styles, which a reader does not see."""
    marker, _ = _marker(html, MORE_MARKERS)
    if marker >= 0:
        begin, after_begin = _marker(html[:marker], BEGIN_MARKERS)
        summary = html[after_begin if begin >= 0 else 0:marker].strip()
    else:
        summary = _first_paragraph_with_text(html)
    summary = _without(_without_footnote_refs(summary), '<a class="headerlink"', ">", "</a>")
    return without_attribute(without_unseen(summary), "id").strip()


SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is an http, https, mailto or tel URL, or a relative one, read as a
    browser reads it: entities decoded, then white space and control characters taken out
    anywhere (so ``JaVaScRiPt:``, `` javascript:`` and ``java\\tscript:`` are all
    ``javascript:``)."""
    text = "".join(c for c in html_lib.unescape(url) if c > " " and not "\x7f" <= c <= "\x9f")
    scheme, colon, _ = text.partition(":")
    if not colon or any(mark in scheme for mark in "/?#"):
        return True  # no scheme: a relative URL (a ':' after '/', '?' or '#' is in the path)
    return scheme.lower() in SAFE_SCHEMES


class SafeLinks(Treeprocessor):
    """Take out each ``href`` and ``src`` whose URL :func:`is_safe_url` refuses
    (``javascript:``, ``data:``...), keeping the link's text and the image's alt text."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value is not None and not is_safe_url(value):
                    del element.attrib[name]


class SafeLinksExtension(Extension):
    """Registers :class:`SafeLinks` after Python-Markdown's ``unescape`` tree processor
    (priority 0), which puts backslash-escaped characters back into attributes."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(SafeLinks(md), "safe_links", -10)


def render_inline(text: str) -> str:
    """A front matter summary as HTML: Markdown emphasis, code and links are rendered, and
    any HTML in it is shown as text (metadata is escaped everywhere it is output). Links and
    images keep only safe URLs (:func:`is_safe_url`): metadata may come from anyone who
    sends a file, while bodies are the author's own (their links are left as written)."""
    global _inline_converter
    if _inline_converter is None:
        _inline_converter = markdown.Markdown(extensions=[SafeLinksExtension()])
    return _inline_converter.reset().convert(html_lib.escape(text, quote=False))


_INLINE_MARKS = frozenset("*_`[<&\\!")  # (what may make inline Markdown of a heading's text)


def heading_text(text: str) -> str:
    """The plain text of a heading's Markdown, as MkDocs takes a page's title from its first
    heading: ``Install **Typer**`` is ``Install Typer``, ``The `run` command`` is
    ``The run command``, ``a \\* b`` is ``a * b``. Text with no mark is returned as is."""
    if _INLINE_MARKS.isdisjoint(text):
        return text
    return html_lib.unescape(strip_tags(render_inline(text))) or text
