"""The fast paths give the same output as the slow ones they replace.

Speed work lives in `make bench` (figures, not timed tests); these tests guard correctness:
our Smarty text processor, inline processor and Pygments formatter against the originals,
related posts against sorting every candidate, and a build over several processes against
a build in one.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_ok, snapshot, write_site
from sitegen import load as site_load
from sitegen import markdown as site_markdown

PROJECT = Path(__file__).resolve().parents[1]

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


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Python-Markdown with its own Smarty, inline processor and Pygments' own HTML
    formatter, and the converter bodies are rendered with (ours)."""
    extensions = [*site_markdown.EXTENSIONS, site_markdown.TemplateTagsExtension()]
    config = site_markdown.EXTENSION_CONFIGS
    assert config["codehilite"]["pygments_formatter"] is site_markdown.SharedStyleHtmlFormatter
    reference_config = {**config, "codehilite": {**config["codehilite"],
                                                 "pygments_formatter": "html"}}
    reference = markdown.Markdown(extensions=[*extensions, "smarty"],
                                  extension_configs=reference_config)
    ours = site_markdown.new_converter()
    assert isinstance(ours.treeprocessors["inline"], site_markdown.SkippingInlineProcessor)
    return reference, ours


@pytest.mark.parametrize("text", TRICKY_TYPOGRAPHY)
def test_smarty_text_equals_python_markdowns_smarty(text: str) -> None:
    reference, ours = converters()
    expected = reference.convert(text)
    assert any(entity in expected for entity in ("&lsquo;", "&rsquo;", "&ldquo;", "&rdquo;",
                                                 "&ndash;", "&mdash;", "&hellip;")) \
        or text == ESCAPED, text  # the cases do exercise Smarty
    assert ours.convert(text) == expected


def test_fast_paths_equal_python_markdown_and_pygments_on_the_docs() -> None:
    """Smarty and highlighting (in several languages, with line numbers) as the originals."""
    reference, ours = converters()
    sources = sorted((PROJECT / "content").rglob("*.md"))
    assert len(sources) > 15
    assert sum(source.read_text(encoding="utf-8").count("```") for source in sources) > 40
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert ours.reset().convert(text) == reference.reset().convert(text), source


# Texts where inline patterns nest, overlap, are rejected by their handler after matching, or
# start inside what an earlier pattern made (the skipping inline processor must not change any).
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
    "> quote *em* <i>x</i>\n> more", "1. *one*\n2. `two`\n\n    code *not*", "a <!-- c *x* --> b *y*",
]


@pytest.mark.parametrize("text", TRICKY_INLINE)
def test_skipping_inline_processor_equals_python_markdowns(text: str) -> None:
    reference, ours = converters()
    assert ours.convert(text) == reference.convert(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *_`[]()!<>&;#:/\\\n'\"-.^{}=", max_size=60))
def test_skipping_inline_processor_equals_python_markdowns_on_any_text(text: str) -> None:
    reference, ours = converters()
    assert ours.convert(text) == reference.convert(text)


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
    assert site_load.related_positions(tags, limit) == \
        related_by_sorting_every_candidate(tags, limit)


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
