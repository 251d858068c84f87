"""The fast paths give the same output as the slow ones they replace.

Speed work lives in `make bench` (figures, not timed tests); these tests guard correctness:
our Smarty text processor, shared Pygments formatters and the work each body is spared
(sitegen/bodyneeds.py) against the originals (and that they are the ones in use), related
posts against sorting every candidate, and a build over several processes against a build
in one; and that the bench's search floor does the work a build's Pagefind does.
"""
from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import markdown
import pygments
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor, Treeprocessor, UnescapeTreeprocessor
from markdown.util import AtomicString
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from conftest import DEFAULT_CONFIG, PROJECT, build_ok, copy_demo_site, snapshot, write_site
from sitegen import assemble, bodyneeds, pipeline
from sitegen import markdown as site_markdown
from sitegen.buildstate import read_state
from sitegen.cache import Cache
from sitegen.closingquotes import register_closing_quotes
from sitegen.commonmark import CommonMarkBlocksExtension
from sitegen.config import MarkdownSettings
from sitegen.search import plan_shards
from sitegen.templatetags import TemplateTagsExtension

ESCAPED = "\\'escaped\\' \\\"q\\\""  # backslash-escaped quotes stay straight
TRICKY_TYPOGRAPHY = [
    "'Tis the '80s, and the '90s' music", "He said, \"'Quoted' words in a larger quote.\"",
    "\"'Hi' \"", "don't 'x' y's", "a -- b --- c ---- d ... ....", "''", '""', "'\"", "\"'",
    "x' \"y", "a\" 'b", "*'em*", "`'code'` 'x'", ESCAPED,
    "&nbsp;'x' &mdash;\"y\"", "'", '"', "--'word", "—'a", "3' 4\" tall", "a'b'c", "'a'b'",
    "[link 'x'](http://e.com/'a') \"after\"", "<span>'x'</span> \"y\"", "**\"bold\"**'s",
    "\"A\"\n'b'\n--\n...", "- 'item'\n- \"item\"", "> 'quote' -- x\n", "# 'Heading' \"x\" ...\n",
    "Term\n: 'def' --\n", "| 'a' | \"b\" |\n| --- | --- |\n| c's | ... |\n",
    "```\n'code' -- ...\n```\nafter 'it'", "Footnote 'x'[^1]\n\n[^1]: 'Note' -- here.\n",
]


TABLES = "sitegen.tables:HeaderOnlyTableExtension"


class ReferenceSmarty(SmartyExtension):
    """Python-Markdown's own Smarty, after the engine's closing of the quotes that follow
    inline elements (sitegen.closingquotes), with the engine's ellipses (choices of the
    engine's, not fast paths)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        super().extendMarkdown(md)
        register_closing_quotes(md, self)

    def educateEllipses(self, md: markdown.Markdown) -> None:  # noqa: N802 (Smarty's API)
        site_markdown.register_ellipses(self, md)


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Python-Markdown with its own Smarty and Pygments' own HTML formatter (by name, a new one
    for each code block), and the converter bodies are rendered with (ours). Both read tables
    as GitHub does (sitegen.tables): a choice of the engine's, not a fast path."""
    names = [TABLES if name == "tables" else name for name in site_markdown.EXTENSIONS]
    extensions = [*names, site_markdown.HTML_BLOCKS,
                  TemplateTagsExtension(), CommonMarkBlocksExtension()]
    config = site_markdown.EXTENSION_CONFIGS
    reference_config = {**config, "codehilite": {**config["codehilite"],
                                                 "pygments_formatter": "html"}}
    reference = markdown.Markdown(extensions=[*extensions, ReferenceSmarty()],
                                  extension_configs=reference_config)
    return reference, site_markdown.new_converter()


def test_the_fast_paths_are_the_ones_in_use() -> None:
    """Smarty is applied by our text processor, beside Python-Markdown's own inline processor;
    code blocks get their formatters from the shared ones, one for each set of options, made
    once and given again."""
    ours = site_markdown.new_converter()
    assert type(ours.treeprocessors["smarty"]) is site_markdown.SmartyText
    assert type(ours.treeprocessors["inline"]) is InlineProcessor

    shared = site_markdown.shared_html_formatters
    assert site_markdown.EXTENSION_CONFIGS["codehilite"]["pygments_formatter"] is shared
    shared.formatters.clear()
    with mock.patch.object(site_markdown, "HtmlFormatter", wraps=HtmlFormatter) as made:
        ours.convert("```python\na = 1\n```\n\n```python\nb = 2\n```\n\n"
                     "```python\nc = 3\n```\n\n```ruby\nd = 4\n```\n")
    assert made.call_count == 2  # one for Python's three blocks, one for Ruby's
    assert len(shared.formatters) == 2


@pytest.mark.parametrize("text", TRICKY_TYPOGRAPHY)
def test_smarty_text_equals_python_markdowns_smarty(text: str) -> None:
    reference, ours = converters()
    expected = reference.convert(text)
    assert any(entity in expected for entity in ("&lsquo;", "&rsquo;", "&ldquo;", "&rdquo;",
                                                 "&ndash;", "&mdash;", "&hellip;")) \
        or text == ESCAPED, text  # the cases do exercise Smarty
    assert ours.convert(text) == expected


@pytest.mark.parametrize("text", ["Link >> and << back", "It's here >> and << there.",
                                  "<<quoted>> -- x", "a > b >> c"])
def test_smarty_text_with_angled_quotes_equals_python_markdowns_smarty(text: str) -> None:
    """sandstorm's "Link >>" (kramdown's and goldmark's »): with smart_angled_quotes, a text
    with no other mark of Smarty's was left as it was."""
    extensions = [*site_markdown.EXTENSIONS, site_markdown.HTML_BLOCKS,
                  TemplateTagsExtension(), CommonMarkBlocksExtension()]
    angled = {"smart_angled_quotes": True}
    reference = markdown.Markdown(extensions=[*extensions, ReferenceSmarty(**angled)],
                                  extension_configs=site_markdown.EXTENSION_CONFIGS)
    ours = markdown.Markdown(extensions=[*extensions, site_markdown.FastSmartyExtension(
        **angled)], extension_configs=site_markdown.EXTENSION_CONFIGS)
    expected = reference.convert(text)
    assert "&raquo;" in expected or "&laquo;" in expected
    assert ours.convert(text) == expected


@pytest.fixture(scope="module")
def demo_sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo site's Markdown files as committed: a draft in content/ changes no sample."""
    root = copy_demo_site(tmp_path_factory.mktemp("demo"))
    return sorted((root / "content").rglob("*.md"))


def test_fast_paths_equal_python_markdown_and_pygments_on_the_docs(
        demo_sources: list[Path]) -> None:
    """Smarty and highlighting (in several languages, with line numbers) as the originals,
    with formatters given again."""
    reference, ours = converters()
    assert len(demo_sources) > 15
    fences = sum(source.read_text(encoding="utf-8").count("```") for source in demo_sources)
    assert fences > 40
    site_markdown.shared_html_formatters.formatters.clear()
    with mock.patch.object(site_markdown, "HtmlFormatter", wraps=HtmlFormatter) as made:
        for source in demo_sources:
            text = source.read_text(encoding="utf-8")
            assert ours.reset().convert(text) == reference.reset().convert(text), source
    code_blocks = fences // 2
    assert 0 < made.call_count < code_blocks / 2


# Texts where inline patterns nest, overlap, are rejected by their handler after matching, or
# start inside what an earlier pattern made: the texts they leave reach our Smarty processor
# and the processors after it as they reach Python-Markdown's own.
TRICKY_INLINE = [
    "plain words only", "**bold _em_ bold**", "*a **b** c*", "***both*** and ___both___",
    "a * b * c", "snake_case_name and __init__", "`code *not em*` *em*", "``a ` b`` `c`",
    "\\*not em\\* \\`x\\`", "[link *em*](http://e.com/ 'title') after", "![img](a.png) ![](b.png)",
    "[ref][r] [r] [missing]\n\n[r]: http://e.com/r", "<http://e.com/x> <me@e.com> <notalink>",
    "<span class=\"x\">*in html*</span> &amp; &copy; &#169; &#xA9; &bogus", "line  \nbreak",
    "text[^1] and [^2]\n\n[^1]: one *em*\n[^2]: two `code`", "*The HTML* spec\n\n*[HTML]: Markup",
    "[**bold link**](/x) **[link in bold](/y)**", "[a [nested] b](/z)", "*unclosed and **unclosed",
    "_a_b_ *a*b* __a__b__", "![alt *em*][r]\n\n[r]: /i.png", "# Heading *em* `code` {#id}",
    "Term *x*\n: def **y** [l](/l)", "| *a* | `b` |\n| --- | --- |\n| [c](/c) | <b>d</b> |",
    "> quote *em* <i>x</i>\n> more", "1. *one*\n2. `two`\n\n    code *not*",
    "a <!-- c *x* --> b *y*",
    # Texts no pattern matches, given to the processors after: attribute lists,
    # abbreviations, Smarty, the table of contents, Markdown in HTML.
    "# Plain heading {#plain .x}\n\nPlain text.", "The HTML spec\n\n*[HTML]: Markup",
    "It's 'plain' -- \"quoted\"...", "## Same\n\n## Same\n\nplain",
    "<div markdown=\"1\">plain words</div>", "- plain\n    - nested plain\n\n> plain quote",
    "Term\n: plain definition", "| plain | cells |\n| --- | --- |\n| x | y |",
    "!!! note \"Plain title\"\n    plain body", "plain[^n]\n\n[^n]: plain note",
    # Marks that only Markdown in HTML, a footnote, an admonition's title or a nested list
    # holds, or only code holds, or that normalising the text makes (a tab before a line's
    # end): each body gets the patterns it can match (see sitegen/bodyneeds.py).
    "<div markdown=\"1\">*em* [l](/x) `c` &amp; a~~b~~ <i>x</i></div>\n\nplain",
    "```\n*x* [y](/z) <b> &amp; `q`\n```\nplain after", "plain\n\n    code *x* [y] <b>",
    "line\t\nbreak", "!!! note \"*Title* [l](/t)\"\n    plain body",
    "plain[^1]\n\n[^1]: *em* &amp; <http://e.com>", "- a\n    - *b* <i>c</i> \\*",
    "[TOC]\n\n## A\n\n## B {: #b }", "## A\n\n```\n[TOC]\n```\n\n[TOC]", "## A\n\n`[TOC]`",
    "<div markdown=\"1\">\n[TOC]\n\n## In HTML {: .x}\n</div>\n\n## After",
    "## A\n\n```\n{: .x}\n```\n\nPlain {.y}", "Para\n{: .z}", "- item {: .i}\n- two",
    # Blocks that a block processor takes by what it made before (an indented block after
    # an element of its kind), where raw HTML or a "///" block made that element.
    "<details markdown=\"1\">\n<summary>S</summary>\n\nIn.\n</details>\n\n    after\n\nplain",
    "<DETAILS markdown=\"1\">\nIn.\n</DETAILS>\n\n    after",
    "<div class=\"admonition note\" markdown=\"1\">\nIn.\n</div>\n\n    after",
    "<div class=\"tabbed-set tabbed-alternate\" markdown=\"1\">\n"
    "<div class=\"tabbed-labels\"></div><div class=\"tabbed-content\" markdown=\"1\">"
    "<div class=\"tabbed-block\" markdown=\"1\">In.</div></div>\n</div>\n\n        after",
    "<dl markdown=\"1\">\n<dt>T</dt>\n<dd markdown=\"1\">D</dd>\n</dl>\n\n    after",
    "/// details | T\n\nIn.\n///\n\n    after", "/// note\n\nIn.\n///\n\n    after",
    "/// html | dl\n\nIn.\n///\n\n    after", "/// tab | A\n\nIn.\n///\n\n    after",
    "Term\n: def\n\n    more\n\n1. one\n2. two\n\n> quote\n> > nested\n\n- a\n\n    > in",
    "Text[^a] and HTML.\n\n[^a]: Note.\n\n*[HTML]: Markup\n\n[r]: /x\n\nSee [r].",
    "- item\n\n    !!! note\n        in list\n\n??? tip \"T\"\n    body\n\n"
    "=== \"A\"\n    a\n=== \"B\"\n    b",
    "Version 2.0: out\n\n3. three\n\n```\n> 1. x\n: y\n```\n\nplain", "4.\nnot 5.5 items",
    # Text that reaches the parser after the look at the body, or not as it was written: a
    # fence put back after indented code, a line end added after raw HTML's indentation,
    # digits that are not ASCII, a class spelt with entities.
    "    a\n```\nb\n```", "    a\n```\n> b\n```", "# t\n\n    a\n```\n# h\n[TOC]\n# g\n```",
    "    a\n```\n!!! note\n    b\n[x]: /u\n# h {#x}\n```", "a\n  <div></div>",
    "- a\n  <div></div>", "<div markdown=\"1\">\na\n  <!-- c -->\n</div>", "٣. a",
    "- a\n\n    ٢. b", "<div markdown class=\"&#97;dmonition\"></div>\n\n    x",
    # Texts without a mark of the body's patterns, passed over by the inline processor,
    # beside texts with them: Smarty, abbreviations, tails, lists, tables, footnotes, HTML.
    "Plain 'quoted' words -- and more...\n\nA [link](/x) and *em*.",
    "*[HTML]: Hyper\n\nPlain HTML words.\n\nA [link](/x) on HTML.",
    "- plain item\n- *em* item\n\n| a | b |\n| - | - |\n| plain 'x' | `c` |",
    "Text <b>bold</b> tail words\n\nand &amp; more, \"plain\"", "a *b* c `d` e [f](/g) h",
    "Para with a note[^1] and a plain tail.\n\n[^1]: Plain note.",
    "<div markdown=\"1\">\nPlain inside.\n\n*em*\n</div>\n\nplain",
    "# Plain heading\n\n## *Em* heading {#x}\n\nPlain 'text'.\n\n[TOC]",
    "plain  \nbreak\n\n~~gone~~ plain", "    code\n\nplain ... \\*x",
    # Backslash escapes, which alone make the unescaping run: in a link, a heading, an
    # attribute list, beside template tags (whose braces become escapes) and code.
    "[a](/u\\_v \"t\\*\") \\# x", "## H \\*x\\* {: #i title=\"a\\*\" }\n\nplain",
    "{{ var }} and {% tag %}\n\n```\n{{ code }}\n```", "`\\*` \\`x\\`", "![a\\*](/i.png)",
    # Raw HTML's extraction moves an entity after raw HTML on its line to the end of the
    # body, and joins the text around it: a line break, a numbered item, a [TOC] marker.
    "<!-- c -->x &#91; \ny\n", "<!-- c -->1.&#91; x\n", "# H\n\n<!-- c -->[TO&#91;C]\n",
    "<b>a</b> &amp; *b*\n\n> q", "<!-- c -->{: .c} &#91; \n&#91;{: .c}\n",
]


@pytest.mark.parametrize("text", TRICKY_INLINE)
def test_inline_markup_equals_python_markdowns(text: str) -> None:
    reference, ours = converters()
    assert ours.convert(text) == reference.convert(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 *_`[]()!?<>&;#:/\\\n'\"-.^{}=|", max_size=60))
def test_inline_markup_equals_python_markdowns_on_any_text(text: str) -> None:
    reference, ours = converters()
    assert ours.convert(text) == reference.convert(text)


def test_each_body_gets_the_block_processors_it_can_use() -> None:
    """Python-Markdown's block parser is given, body after body, all its block processors
    but those whose marks the body does not hold outside fenced code (see
    sitegen/bodyneeds.py), in their order; each of those is the engine's own."""
    ours = site_markdown.new_converter()
    for name, (kind, _) in bodyneeds.BLOCK_NEEDS.items():
        assert type(ours.parser.blockprocessors[name]) is kind, name
    every = list(ours.parser.blockprocessors)

    def given(text: str) -> set[str]:
        ours.reset().convert(text)
        return {name for name in bodyneeds.BLOCK_NEEDS if name in ours.parser.blockprocessors}

    assert given("Plain words, and 2.0.\n\nMore words.\n") == set()
    assert [processor for processor in every if processor in ours.parser.blockprocessors] == \
        list(ours.parser.blockprocessors)  # (the others, in their order)
    assert given("> A quote\n\n1. one") == {"quote", "olist"}
    assert given("x[^1]\n\n[^1]: y\n\nTerm\n: z") == {"footnote", "reference", "deflist",
                                                    "defindent"}
    assert given("/// note\n\nx\n///\n") == {"admonition", "details", "tabbed", "defindent"}
    # (superfences puts a fence after indented code back as text: a fence's marks count)
    assert given("Code:\n\n```\n> x\n```\n") == {"quote"}
    assert given("!!! a\n??? b\n=== c\n> 2. [^x]: *[y]: [z]: w") == set(bodyneeds.BLOCK_NEEDS)
    # (raw HTML's extraction may join text around an entity it moves: "1.&#91; x", "1. x")
    assert given("<!-- c -->1.&#91; x") == set(bodyneeds.BLOCK_NEEDS)
    assert list(ours.parser.blockprocessors) == every


def test_each_body_gets_the_inline_patterns_it_can_match() -> None:
    """Python-Markdown's inline processor is given, body after body, only the patterns
    whose marks the body holds outside fenced code, in their order; every pattern of the
    engine's extensions has its marks named. The table of contents looks for its marker,
    and the attribute lists for attributes, only in a body that holds them (the attribute
    lists, and the unescaping of backslash escapes, only in a tree that holds them)."""
    ours = site_markdown.new_converter()
    for pattern in ours.inlinePatterns:
        assert pattern.getCompiledRegExp().pattern in bodyneeds.PATTERN_NEEDS, pattern

    def given(text: str) -> list[str]:
        ours.reset().convert(text)
        return [type(pattern).__name__ for pattern in ours.treeprocessors["inline"].inlinePatterns]

    assert given("Plain words.\n\nMore words.\n") == []
    assert given("Code:\n\n```python\nx = [1]\n```\n") == [
        "CommonMarkCodeSpans", "CodeLabelReference", "LinkInlineProcessor",
        "CodeLabelShortReference"]
    assert given("Some *em* and a [link](/x).") == [
        "CodeLabelReference", "LinkInlineProcessor", "CodeLabelShortReference",
        "DelimiterProcessor"]
    assert given("`code` <b>x</b>") == [
        "CommonMarkCodeSpans", "AutolinkInlineProcessor", "AutomailInlineProcessor",
        "HtmlInlineProcessor"]
    assert given("`code` &amp; x") == ["CommonMarkCodeSpans", "HtmlInlineProcessor"]
    # (raw HTML's extraction may join text around an entity it moves: see BodyNeeds.run)
    assert len(given("<b>x</b> &amp; y")) == len(ours.inlinePatterns)
    assert len(given("x[^1] ![i](/i) a\\b ~~d~~ _e_  \nf &amp; <i> `c`")) == \
        len(ours.inlinePatterns)

    toc, attribute_lists = ours.treeprocessors["toc"], ours.treeprocessors["attr_list"]
    assert isinstance(attribute_lists, bodyneeds.AttributeListsIfAny)
    assert "<div class=\"toc\">" in ours.reset().convert("[TOC]\n\n## A {: .x}\n")
    assert toc.marker == "[TOC]" and attribute_lists.body_has_any
    assert given("## A\n\nB.\n") == []
    assert toc.marker == "" and not attribute_lists.body_has_any
    # (code is set aside before the attribute lists run: a "{" in code alone gives them nothing)
    with mock.patch.object(AttrListTreeprocessor, "run") as attribute_lists_ran:
        ours.reset().convert("Code:\n\n```json\n{\"a\": 1}\n```\n\n    {: .x}\n")
        assert attribute_lists.body_has_any and not attribute_lists_ran.called
        ours.reset().convert("## A {: .x}\n")
        assert attribute_lists_ran.called
    # (the unescaping runs only on a tree that holds a backslash escape's placeholder)
    assert isinstance(ours.treeprocessors["unescape"], bodyneeds.UnescapeIfAny)
    with mock.patch.object(UnescapeTreeprocessor, "run") as unescaping_ran:
        ours.reset().convert("Plain, with code:\n\n```\nx\n```\n\n[link](/a \"t\")\n")
        assert not unescaping_ran.called
        ours.reset().convert("Not \\*em\\*.\n")
        assert unescaping_ran.called


def test_the_inline_processor_passes_over_texts_without_marks() -> None:
    """A text that holds none of the marks of its body's patterns is atomic when the inline
    processor runs (which passes over it), and a plain string again right after it, for
    the tree processors that follow (Smarty passes over atomic texts too)."""
    ours = site_markdown.new_converter()
    seen: dict[str, dict[str, bool]] = {"before": {}, "after": {}}

    class Look(Treeprocessor):
        def __init__(self, md: markdown.Markdown, when: str) -> None:
            super().__init__(md)
            self.when = when

        def run(self, root: Any) -> None:
            for element in root.iter():
                for text in (element.text, element.tail):
                    if text and text.strip():
                        seen[self.when][text.strip()] = isinstance(text, AtomicString)

    place = ours.treeprocessors.get_index_for_name
    assert place("texts_without_marks") + 1 == place("inline") == place("texts_taken_back") - 1
    ours.treeprocessors.register(Look(ours, "before"), "look_before", 20.2)
    ours.treeprocessors.register(Look(ours, "after"), "look_after", 19.992)
    html = ours.convert("Plain 'words' here.\n\nA [link](/x) and *em*.\n\n- item\n- *b* "
                        "tail\n\n```\ncode\n```\n")
    assert seen["before"]["Plain 'words' here."] and seen["before"]["item"]
    assert not seen["before"]["A [link](/x) and *em*."]
    assert not seen["before"]["*b* tail"]
    assert not any(seen["after"][text] for text in ("Plain 'words' here.", "item", "A", "tail"))
    assert "Plain &lsquo;words&rsquo; here." in html  # (Smarty reached it)
    reference, _ = converters()
    assert html == reference.convert("Plain 'words' here.\n\nA [link](/x) and *em*.\n\n"
                                     "- item\n- *b* tail\n\n```\ncode\n```\n")


def test_a_site_with_extensions_of_its_own_gets_all_of_python_markdowns_work() -> None:
    """A site's own extension may make texts the look at each body cannot foresee: its
    converter gives every body every block processor and pattern."""
    try:
        site_markdown.use_site_extensions(MarkdownSettings(("nl2br",), {}), PROJECT / "site.toml")
        assert "body_needs" not in site_markdown.new_converter().preprocessors
    finally:
        site_markdown.use_site_extensions(MarkdownSettings(), PROJECT / "site.toml")
    assert "body_needs" in site_markdown.new_converter().preprocessors


CODE = [("python", "def f(x):\n    return x * 2  # double\n"),
        ("ruby", "puts 'hi'\nx = [1, 2]\n"), ("python", "class A:\n    pass\n\n\nA()\n"),
        ("html", "<p class=\"x\">&amp;</p>\n"), ("text", "plain\n")]
FORMATTER_OPTIONS: list[dict[str, object]] = [
    {}, {"linenos": True}, {"linenos": "inline"}, {"linenos": "table", "linenostart": 5},
    {"hl_lines": [1, 3]}, {"noclasses": True}, {"filename": "x.py"}, {"wrapcode": True},
    {"lineanchors": "L", "anchorlinenos": True, "linenos": True}, {"linespans": "S"},
    {"nowrap": True}, {"cssclass": "highlight", "style": "monokai", "classprefix": "p-"},
]


@pytest.mark.parametrize("options", FORMATTER_OPTIONS)
def test_a_shared_formatter_writes_what_a_new_one_would(options: dict[str, object]) -> None:
    """One formatter given again, block after block, as a new formatter for each block."""
    shared = site_markdown.SharedHtmlFormatters()
    for language, code in CODE * 2:
        lexer = get_lexer_by_name(language)
        assert pygments.highlight(code, lexer, shared(**options)) == \
            pygments.highlight(code, lexer, HtmlFormatter(**options))
    assert len(shared.formatters) == 1


def test_shared_formatters_tell_options_apart() -> None:
    """Equal options share a formatter; options that differ, even only by type, do not;
    options that cannot be a key get a new formatter; at most ``limit`` are kept."""
    shared = site_markdown.SharedHtmlFormatters(limit=3)
    assert shared(linenos=True, hl_lines=[1]) is shared(hl_lines=[1], linenos=True)
    assert shared(linenos=True) is not shared(linenos=1)
    assert shared(hl_lines=[1]) is not shared(hl_lines=(1,))
    assert shared(unknown={"a": 1}) is not shared(unknown={"a": 1})  # (ignored by Pygments)
    assert len(shared.formatters) <= 3


def related_by_sorting_every_candidate(tags: list[list[str]], limit: int = 3) -> list[list[int]]:
    """Related posts the plain way: count the tags each other post shares, sort them all by
    most shared, then newest (the lower position)."""
    ranking = []
    for position, slugs in enumerate(tags):
        shared = {other: len(set(slugs) & set(theirs)) for other, theirs in enumerate(tags)
                  if other != position and set(slugs) & set(theirs)}
        ranking.append(sorted(shared, key=lambda other: (-shared[other], other))[:limit])
    return ranking


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcdefg"), max_size=5), max_size=40),
       st.integers(min_value=1, max_value=4))
def test_related_posts_equal_sorting_every_candidate(tags: list[list[str]], limit: int) -> None:
    assert assemble.related_positions(tags, limit) == \
        related_by_sorting_every_candidate(tags, limit)


def test_bodies_without_blocks_render_the_same_without_html_blocks(
        demo_sources: list[Path]) -> None:
    """A converter is made without pymdownx.blocks.html until a body holds "///": every body
    without it renders as the converter with it renders it."""
    full = site_markdown.new_converter()
    lean = site_markdown.new_converter(html_blocks=False)
    texts = [source.read_text(encoding="utf-8") for source in demo_sources]
    texts += TRICKY_TYPOGRAPHY + TRICKY_INLINE + [f"```{language}\n{code}```\n"
                                                   for language, code in CODE]
    without = [text for text in texts if site_markdown.BLOCK_MARK not in text]
    assert len(without) > 100 and len(without) < len(texts)  # (the docs show "/// html")
    for text in without:
        assert lean.reset().convert(text) == full.reset().convert(text), text[:200]
    html_block = "/// html | div.note\n\nInside.\n///\n"
    assert '<div class="note">' in full.reset().convert(html_block)
    assert '<div class="note">' not in lean.reset().convert(html_block)


def test_a_process_imports_html_blocks_when_a_body_holds_them() -> None:
    """In a new process, trying a site's own extensions and rendering a body without "///"
    do not import pymdownx.blocks.html (90 ms); the first body with a block does, and
    renders it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sitegen.config import MarkdownSettings\n"
        "from sitegen.markdown import render_markdown, use_site_extensions\n"
        "use_site_extensions(MarkdownSettings(('nl2br',), {}), Path('site.toml'))\n"
        "render_markdown('Text with `code` and /slashes/.\\n')\n"
        "print('pymdownx.blocks.html' in sys.modules)\n"
        "print(render_markdown('/// html | div.note\\n\\nInside.\\n///\\n').html)\n"
        "print(render_markdown('After.\\n').html)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True,
                            text=True, timeout=60, check=True)
    imported, *html = result.stdout.splitlines()
    assert imported == "False"
    assert '<div class="note">' in "".join(html) and "<p>After.</p>" in html


def many_posts(count: int) -> dict[str, str | bytes]:
    return {f"content/posts/post-{n:03}.md":
            f"---\ntitle: \"Post {n}: it's 'quoted'\"\ndate: 2024-{1 + n % 12:02}-{1 + n % 28:02}\n"
            f"tags: [t{n % 7}, t{n % 5}]\n---\nBody of post {n} -- with \"quotes\"...\n\n"
            f"```python\nprint({n})\n```\n"
            for n in range(count)}


def test_a_build_over_two_processes_equals_a_build_in_one(tmp_path: Path) -> None:
    """Large enough to render and freeze in parallel (over 400 URLs, 24 bodies)."""
    one = write_site(tmp_path / "one", many_posts(120))
    two = tmp_path / "two"
    shutil.copytree(one, two)
    serial = snapshot(build_ok(one, "--jobs", "1"))
    parallel = snapshot(build_ok(two, "--jobs", "2"))
    assert len(serial) > 400
    assert serial == parallel


def test_the_bench_s_search_floor_indexes_the_edited_post_s_shard_as_the_build_does(
        tmp_path: Path) -> None:
    """``make bench`` times Pagefind alone on the shard of the post it edits: the very pages
    of that shard, indexed into the very bundle the build wrote for it."""
    import bench  # (tests/bench.py: the script of make bench)
    root = write_site(tmp_path / "site", many_posts(12),
                      DEFAULT_CONFIG + "\n[build]\nsearch_shard_pages = 3\n")
    out = build_ok(root)
    post = bench.edited_post(root)
    seconds, number, pages = bench.search_floor(root, post, tmp_path / "bundle")
    assert seconds > 0 and 1 <= pages < 12
    state = read_state(Cache(root / ".cache"))
    assert state is not None
    shards = plan_shards(state.search["pages"], 3)
    assert len(shards) > 2
    (shard,) = [shard for shard in shards if f"posts/{post.stem}/index.html" in shard.pages]
    assert (number, pages) == (shard.number, len(shard.pages))
    built = {path.relative_to(out / "pagefind" / str(number)): path.read_bytes()
             for path in (out / "pagefind" / str(number)).rglob("*") if path.is_file()}
    assert len(built) > 3 and all((tmp_path / "bundle" / name).read_bytes() == data
                                  for name, data in built.items())


def test_what_a_build_step_makes_is_kept_out_of_the_collector_s_passes() -> None:
    """The load, the plan and the record are made with the garbage collector paused, and
    what they made is kept out of its later passes (``gc.freeze``); the collector runs again
    after each, as it did before (the steps that render pages make cycles)."""
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with pipeline.kept_from_collector():
        assert not gc.isenabled()
        record = [{"url": f"/posts/{number}/"} for number in range(1_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(record)
    assert not any(kept is record for kept in gc.get_objects())  # (the frozen are not seen)
    gc.unfreeze()  # (this test's own objects: the other tests' collector sees them again)
