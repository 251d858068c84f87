"""Pathological inputs: each builds in time that grows with its size, or stops the build with
one clear message at its file and line; never a hang, a traceback, or memory without limit.

Builds run as an author runs them, within ``BUILD_SECONDS`` and 2 GB of memory: a few
times what these inputs take, and far less than any quadratic or cubic scan of them would.
Each input is a few kilobytes to a few megabytes, and each case is a way in which such an
input used to hang, crash, grow memory without limit or publish something unsafe.

The scans that replaced backtracking regular expressions are checked against those
expressions on random text (the slow path they replace is the oracle).
"""
from __future__ import annotations

import html
import random
import re
import resource
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SITE_PY, soup, write_site
from sitegen.frontmatter import split_source, title_from_body
from sitegen.htmlscan import without_attribute
from sitegen.markdown import (
    _DEEP_PREFIX,
    MAX_NESTING,
    is_safe_url,
    new_converter,
    strip_tags,
    summary_of,
    without_tags,
    without_tags_one_by_one,
)
from sitegen.templatetags import ESCAPED_BRACE, template_pieces
from sitegen.textscan import first_template_tag, nesting_levels

BUILD_SECONDS = 12
MEMORY_BYTES = 2 * 1024 ** 3


def _limit_memory() -> None:
    """(In the build's process) at most MEMORY_BYTES of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def bounded_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``python site.py build --root ROOT`` as an author runs it; the test fails if it takes
    more than BUILD_SECONDS (it is stopped then), and it cannot take more than 2 GB."""
    try:
        return subprocess.run([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                              capture_output=True, text=True, timeout=BUILD_SECONDS,
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build took more than {BUILD_SECONDS} s")


def built(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """Build a site of ``files`` within the bounds, assert that it succeeded; its build/."""
    result = bounded_build(write_site(tmp_path / "site", dict(files)))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return tmp_path / "site" / "build"


def refused(tmp_path: Path, files: dict[str, bytes], where: str, *phrases: str) -> str:
    """Build a site of ``files`` within the bounds and assert that it stops with one clear
    message at ``where`` (``name:line``, or ``name`` when no line can be known) that holds
    ``phrases``, with a hint; return the message."""
    result = bounded_build(write_site(tmp_path / "site", dict(files)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    found = [line for line in result.stderr.splitlines() if f"{where}: error: " in line]
    assert len(found) == 1, result.stderr
    message = found[0].split(": error: ", 1)[1]
    for phrase in phrases:
        assert phrase in message, message
    assert "\n  hint: " in result.stderr, result.stderr
    return message


def post(body: str, front_matter: str = "") -> bytes:
    """A post: front matter lines 1-3 (title, date), then ``front_matter`` from line 4."""
    return f"---\ntitle: P\ndate: 2024-01-01\n{front_matter}---\n{body}".encode()


def laughs(levels: int = 9) -> str:
    """A "billion laughs": nine texts, then each line nine aliases of the line before."""
    names = "abcdefghijklmnop"[:levels]
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]"
              for before, name in zip(names, names[1:], strict=False)]
    return "\n".join(lines) + "\n"


# --- Case 1: inputs that backtracking regular expressions took minutes over -----------------

@pytest.mark.parametrize("body", [
    pytest.param("{%a " * 20_000 + "\n", id="line-of-liquid-openers"),
    pytest.param("{" + "`" * 8000 + "\n", id="brace-and-backticks"),
    pytest.param("a' " * 100_000 + "\n", id="paragraph-of-quotes"),
    pytest.param("<div>\n" + "<p>" * 25_000 + "\n", id="unclosed-paragraphs"),
    pytest.param("{{< highlight go >}}\n" * 20_000 + "{% endhighlight %}\n",
                 id="unclosed-highlights"),
    pytest.param("A *set*{ " + ",".join(f"x{n}" for n in range(5000)) + ",x{n} } here.\n",
                 id="attribute-list-of-commas-unclosed"),
    pytest.param("## Set {: " + ",".join(f"x{n}" for n in range(5000)) + ",x{n} } here\n",
                 id="heading-attribute-list-of-commas"),
])
def test_a_long_line_builds_in_time(tmp_path: Path, body: str) -> None:
    out = built(tmp_path, {"content/posts/p.md": post(body).replace(b"title: P\n", b"")})
    assert (out / "posts/p/index.html").exists()


def test_a_title_taken_from_a_heading_of_spaces_builds_in_time(tmp_path: Path) -> None:
    out = built(tmp_path, {"content/posts/p.md": post("# a" + " " * 3000 + "b ##\n")
                           .replace(b"title: P\n", b"")})
    assert soup(out / "posts/p/index.html").h1.get_text().split() == ["a", "b"]


@pytest.mark.parametrize("front_matter", [
    pytest.param("".join(f"key{n}: value\n" for n in range(20_000)),
                 id="twenty-thousand-keys"),
    pytest.param('categories: "x' + " " * 100_000 + 'y, z"\n',
                 id="categories-with-a-long-space-run"),
])
def test_long_front_matter_builds_in_time(tmp_path: Path, front_matter: str) -> None:
    built(tmp_path, {"content/posts/p.md": post("Body.\n", front_matter)})


def test_a_long_pelican_header_builds_in_time(tmp_path: Path) -> None:
    text = "Title: P\nDate: 2024-01-01\nNote: start\n" + "    more\n" * 400_000 + "\nBody.\n"
    out = built(tmp_path, {"content/posts/p.md": text.encode()})
    assert (out / "posts/p/index.html").exists()


OLD_TEMPLATE_TAG = re.compile(r"\{%-?\s*\w+.*?%\}|\{\{[<%].*?[>%]\}\}")
OLD_TAG = re.compile(r"<[^>]+>")
OLD_H1 = re.compile(r"^#\s+(?P<title>.+?)(?:[ \t]+#+)?\s*$")  # (a closing run after a space)
OLD_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
OLD_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)
OLD_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)

oracle = settings(max_examples=300, deadline=None, derandomize=True)


def pieces(*choices: str, size: int = 24) -> st.SearchStrategy[str]:
    """Text made of ``choices``, where the patterns' corner cases are."""
    return st.lists(st.sampled_from(choices), max_size=size).map("".join)


@oracle
@given(pieces("{", "}", "%", "<", ">", "-", " ", "\t", "a", "_", "é", "{%", "%}", "{{<", ">}}"))
def test_template_tag_scan_finds_what_the_regular_expression_found(text: str) -> None:
    found = OLD_TEMPLATE_TAG.search(text)
    assert first_template_tag(text) == (found.group(0) if found else None)


def template_pieces_one_search_a_tag(text: str) -> list[tuple[str, bool]]:
    """The slow path of :func:`template_pieces`: each opener searched for after each tag."""
    openers = {"{{": "}}", "{%": "%}", ESCAPED_BRACE + "{": "}}", ESCAPED_BRACE + "%": "%}"}
    start, found_pieces = 0, []
    while True:
        found = [(at, opener) for opener in openers if (at := text.find(opener, start)) != -1]
        if not found:
            break
        at, opener = min(found)
        end = text.find(openers[opener], at + len(opener))
        if end == -1:
            break
        found_pieces += [(text[start:at], False), (text[at:end + 2], True)]
        start = end + 2
    return [*found_pieces, (text[start:], False)]


@oracle
@given(pieces("{", "}", "%", "<", ">", "{{", "}}", "{%", "%}", ESCAPED_BRACE, "a", " "))
def test_template_pieces_are_those_of_a_search_after_each_tag(text: str) -> None:
    """template_pieces finds each opener again only once passed (a line of 20,000
    shortcodes had taken 7 s, every opener searched for to the end after each tag)."""
    assert list(template_pieces(text)) == template_pieces_one_search_a_tag(text)


@oracle
@given(pieces("<", ">", "<>", "a", " ", "<b>", "</b>", "&amp;", "\n"))
def test_strip_tags_takes_out_what_the_regular_expression_took(html: str) -> None:
    assert strip_tags(html) == " ".join(OLD_TAG.sub("", html).split())


@oracle
@given(pieces("<", ">", "<>", "a", " ", "<b>", "</b>", "<a title='>'>", "&amp;", "\n"))
def test_tags_taken_out_at_once_are_those_taken_out_one_by_one(html: str) -> None:
    assert without_tags(html) == without_tags_one_by_one(html) == OLD_TAG.sub("", html)


def old_summary_of(html: str) -> str:
    """summary_of as it was, with regular expressions over HTML."""
    if "<!--more-->" in html:
        summary = html.split("<!--more-->", 1)[0].strip()
    else:
        paragraphs = (match.group(0) for match in OLD_FIRST_PARAGRAPH.finditer(html))
        summary = next((p for p in paragraphs if strip_tags(OLD_FOOTNOTE_REF.sub("", p))), "")
    for pattern in (OLD_FOOTNOTE_REF, OLD_HEADERLINK):
        summary = pattern.sub("", summary)
    # (ids are now taken out of tags by the HTML scanner, tested in test_html_links.py; the
    # regular expression also took ' id="x"' out of a paragraph's text)
    return without_attribute(summary, "id")


@oracle
@given(pieces("<p>", "</p>", '<sup id="fnref', '">', '"', ">", "</sup>", "x", " ", "1",
              '<a class="headerlink"', ' href="#a"', "</a>", ' id="h"', "<!--more-->"))
def test_summary_is_what_the_regular_expressions_made(html: str) -> None:
    assert summary_of(html) == old_summary_of(html)


@oracle
@given(pieces("#", " ", "\t", "a", "b", "\u2003", size=12))
def test_title_from_a_heading_is_what_the_regular_expression_took(line: str) -> None:
    found = OLD_H1.match(line)
    expected = found["title"] if found and found["title"].strip(" \t#") else None  # (not
    # " ", nor "##" of "# ##", an empty heading)
    assert title_from_body(line)[0] == expected


@oracle
@given(st.lists(st.tuples(st.sampled_from(["title", "Title", "date", "tags", "a b", "x_y"]),
                          st.sampled_from([": ", ":", " : ", " = ", "=", " "]),
                          st.sampled_from(["", "v", "a: b", "c = d"]),
                          st.sampled_from(["", "  ", "- "])), max_size=8),
       st.sampled_from(["title", "TITLE", "date", "tags", "a b", "x_y", "missing"]))
def test_a_keys_line_is_the_one_the_regular_expression_found(
        lines: list[tuple[str, str, str, str]], key: str) -> None:
    text = "\n".join(indent + name + separator + value
                     for name, separator, value, indent in lines)
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*[:=]", re.IGNORECASE)
    found = [(number, line[:1] not in (" ", "-"))
             for number, line in enumerate(text.split("\n"), start=2) if pattern.match(line)]
    # (the first line at the margin that sets it, else the first indented one)
    expected = next((number for number, at_margin in found if at_margin),
                    found[0][0] if found else None) if lines else None
    source = split_source("+++\n+++\nbody\n", Path("p.md"))
    source.front_matter_lines = text.split("\n") if lines else []
    assert source.line_of(key) == expected


SMARTY: Any = new_converter().treeprocessors["smarty"]


def one_at_a_time(text: str) -> str:
    """SmartyText.educate as it was: each match replaced in turn, the text copied each time."""
    for regex, replace in SMARTY.patterns:
        position = 0
        while match := regex.search(text, position):
            stored = "".join(html.escape(match.group(part), quote=False)
                             if isinstance(part, int) else part for part in replace)
            placeholder = SMARTY.md.htmlStash.store(stored)
            text = text[:match.start()] + placeholder + text[match.end():]
            position = match.start() + len(placeholder)
    return text


@oracle
@given(pieces("'", '"', "-", "--", ".", "...", "a", "s", "1", "80s", " ", "\t", "&nbsp;", "–",
              "(", "[", "&", size=20))
def test_smarty_replaces_what_replacing_one_match_at_a_time_did(text: str) -> None:
    stash = SMARTY.md.htmlStash
    stash.reset()
    expected = one_at_a_time(text), list(stash.rawHtmlBlocks)
    stash.reset()
    assert (SMARTY.educate(text), list(stash.rawHtmlBlocks)) == expected


# --- Case 2: lists and quotes nested too deeply to render ------------------------------------

@pytest.mark.parametrize("body, line, levels", [
    pytest.param("".join("    " * n + "- x\n" for n in range(300)), 55, 51, id="indented-lists"),
    pytest.param("- " * 500 + "x\n", 5, 500, id="list-markers-on-one-line"),
    pytest.param("1. " * 300 + "x\n", 5, 300, id="numbered-markers-on-one-line"),
    pytest.param("> " * 1000 + "x\n", 5, 1000, id="block-quotes"),
    pytest.param("Text.\n\n" + "> - " * 100 + "x\n", 7, 200, id="quotes-and-lists"),
])
def test_nesting_too_deep_to_render_is_one_clear_error(tmp_path: Path, body: str, line: int,
                                                       levels: int) -> None:
    refused(tmp_path, {"content/posts/p.md": post(body)}, f"p.md:{line}",
            f"nested too deeply: {levels} levels of lists/quotes; at most 50 are supported")


def test_fifty_levels_of_lists_still_build(tmp_path: Path) -> None:
    body = "".join("    " * n + f"- item {n}\n" for n in range(50))
    out = built(tmp_path, {"content/posts/p.md": post(body)})
    assert len(soup(out / "posts/p/index.html").select("article ul")) == 50


def test_a_fenced_block_of_list_markers_is_code_not_nesting(tmp_path: Path) -> None:
    out = built(tmp_path, {"content/posts/p.md": post("```\n" + "- " * 500 + "x\n```\n")})
    assert "- - -" in soup(out / "posts/p/index.html").select_one("pre").get_text()


DEEP_HTML = ('<div markdown="1">\n' * 1000 + "x\n" + "</div>\n" * 1000)


def test_html_nested_too_deeply_to_render_is_one_clear_error(tmp_path: Path) -> None:
    result = bounded_build(write_site(tmp_path / "site", {"content/posts/p.md": post(DEEP_HTML)}))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "error: nested too deeply to render" in result.stderr
    assert "extends or includes itself" not in result.stderr


def test_html_nested_too_deeply_names_its_file(tmp_path: Path) -> None:
    refused(tmp_path, {"content/posts/p.md": post(DEEP_HTML)}, "posts/p.md",
            "nested too deeply to render")


# --- Case 3: YAML that expands or nests without limit ----------------------------------------

def test_a_billion_laughs_in_front_matter_is_one_clear_error(tmp_path: Path) -> None:
    message = refused(tmp_path, {"content/posts/p.md": post("Body.\n", laughs())}, "p.md:9",
                      "YAML aliases stand for more than 100,000 values")
    assert len(message) < 200


def test_a_few_anchors_aliases_and_merge_keys_still_build(tmp_path: Path) -> None:
    front_matter = ("defaults: &defaults {category: notes, tags: [a, b]}\n<<: *defaults\n"
                    "shared: &shared [x, y]\nagain: *shared\n")
    out = built(tmp_path, {"content/posts/p.md": post("Body.\n", front_matter)})
    assert (out / "categories/notes/index.html").exists() and (out / "tags/b/index.html").exists()


def test_an_alias_inside_the_value_it_names_is_one_clear_error(tmp_path: Path) -> None:
    refused(tmp_path, {"content/posts/p.md": post("Body.\n", "loop: &a [x, *a]\n")}, "p.md:4",
            "alias *a is inside the value it names")


@pytest.mark.parametrize("front_matter, line", [
    pytest.param("deep: " + "[" * 10_000 + "]" * 10_000 + "\n", 4, id="flow-lists"),
    pytest.param("deep:\n" + "- " * 10_000 + "x\n", 5, id="block-lists-on-one-line"),
    pytest.param("deep:\n" + "".join(" " * (n + 1) + f"k{n}:\n" for n in range(150))
                 + " " * 151 + "v\n", 104, id="indented-mappings"),
])
def test_yaml_nested_too_deeply_is_one_clear_error(tmp_path: Path, front_matter: str,
                                                   line: int) -> None:
    refused(tmp_path, {"content/posts/p.md": post("Body.\n", front_matter)}, f"p.md:{line}",
            "YAML nested too deeply: more than 100 levels")


def test_toml_nested_too_deeply_is_one_clear_error(tmp_path: Path) -> None:
    text = "+++\ntitle = 'P'\ndate = 2024-01-01\ndeep = " + "[" * 10_000 + "]" * 10_000 + \
        "\n+++\nBody.\n"
    refused(tmp_path, {"content/posts/p.md": text.encode()}, "p.md:4",
            "TOML nested too deeply: more than 100 levels")


def test_an_explicit_tag_that_cannot_be_read_is_one_clear_error(tmp_path: Path) -> None:
    refused(tmp_path, {"content/posts/p.md": post("Body.\n", "weight: !!int ten\n")}, "p.md:4",
            "invalid YAML", "!!int")


def test_a_whole_number_too_long_to_read_is_one_clear_error(tmp_path: Path) -> None:
    """Python reads at most 4,300 digits of a number (``sys.get_int_max_str_digits``): the
    message says that, at the line, and not that the value had an explicit tag."""
    message = refused(tmp_path, {"content/posts/p.md": post(
        "Body.\n", "draft: false\nweight: " + "7" * 5000 + "\n")}, "p.md:5",
        "'weight' is a whole number of 5,000 digits")
    assert "tag" not in message


@pytest.mark.parametrize("authors, line, phrase", [
    pytest.param(laughs(), 6, "YAML aliases stand for more than 100,000", id="billion-laughs"),
    pytest.param("ada: " + "[" * 10_000 + "]" * 10_000 + "\n", 1, "YAML nested too deeply",
                 id="nested"),
    pytest.param('ada:\n  name: "Ada\\x01"\n', 2, "'name' contains the character U+0001",
                 id="control-character"),
])
def test_authors_yml_is_read_within_the_same_limits(tmp_path: Path, authors: str, line: int,
                                                    phrase: str) -> None:
    refused(tmp_path, {"content/posts/p.md": post("Body.\n"),
                       "content/authors.yml": authors.encode()}, f"authors.yml:{line}", phrase)


def test_an_author_key_yaml_reads_as_a_number_is_one_clear_error(tmp_path: Path) -> None:
    """0x7df's authors.yml, 0x7df: {name: 0x7df}: YAML's number 2015, which no post could
    name (its author page and bylines had gone with no word)."""
    refused(tmp_path, {"content/posts/p.md": post("Body.\n"),
                       "content/authors.yml": b"0x7df:\n  name: Someone\n"}, "authors.yml",
            "the author key 2015 is a number as YAML reads it")


# --- Case 4: characters that XML refuses, written as escapes ---------------------------------

@pytest.mark.parametrize("source, line, phrase", [
    pytest.param(post("Body.\n").replace(b"title: P", b'title: "a\\x01b"'), 2,
                 "'title' contains the character U+0001 (a control character)", id="yaml-title"),
    pytest.param(post("Body.\n", 'summary: "\\uFFFE"\n'), 4,
                 "'summary' contains the character U+FFFE (a noncharacter)", id="yaml-summary"),
    pytest.param(post("Body.\n", 'tags: [ok, "a\\x1fb"]\n'), 4, "'tags' contains the character "
                 "U+001F", id="yaml-in-a-list"),
    pytest.param(b'+++\ntitle = "a\\u0001b"\ndate = 2024-01-01\n+++\nBody.\n', 2,
                 "'title' contains the character U+0001", id="toml-title"),
    pytest.param(b'+++\ntitle = "P"\ndate = 2024-01-01\n[extra]\nnote = "\\u0008"\n+++\nBody.\n',
                 4, "'extra' contains the character U+0008", id="toml-table"),
])
def test_a_character_xml_refuses_is_one_clear_error(tmp_path: Path, source: bytes,
                                                     line: int | None, phrase: str) -> None:
    where = f"p.md:{line}" if line is not None else "p.md"
    refused(tmp_path, {"content/posts/p.md": source}, where, phrase)


def test_tabs_and_line_breaks_written_as_escapes_still_build(tmp_path: Path) -> None:
    source = post("Body.\n", 'summary: "one\\ttwo\\nthree"\n').replace(b"title: P",
                                                                     b'title: "a\\tb"')
    out = built(tmp_path, {"content/posts/p.md": source})
    for feed in ("feed.xml", "rss.xml"):
        ET.parse(out / feed)  # (well-formed XML)


# --- Case 5: aliases that would leave the site, or take its search index's folder ------------

@pytest.mark.parametrize("alias, phrase", [
    pytest.param('"//evil.example/x/"', "starts with '//'", id="protocol-relative"),
    pytest.param('"/a//b/"', "empty segment", id="empty-segment"),
    pytest.param('"/%2e%2e/%2e%2e/x/"', "'.' or '..' segment", id="encoded-dot-segments"),
    pytest.param('"/a%2fb/"', "percent-encoded", id="encoded-slash"),
    pytest.param('"/a%00b/"', "U+0000", id="encoded-nul"),
    pytest.param('"/a%5cb/"', "backslash", id="encoded-backslash"),
    pytest.param('"/a%ffb/"', "percent-encoded", id="encoded-not-utf-8"),
    pytest.param('"/a\\\\b/"', "backslash", id="backslash"),
    pytest.param('"/a\\x7fb/"', "U+007F", id="delete-character"),
    pytest.param('"/a\\x00b/"', "U+0000", id="nul"),
    pytest.param('"/./"', "'.' or '..' segment", id="dot-segment-home"),
    pytest.param('"/a/./b/"', "'.' or '..' segment", id="dot-segment"),
    pytest.param('"/pagefind/x/"', "/pagefind/", id="search-index-folder"),
    pytest.param('"/PageFind"', "/pagefind/", id="search-index-folder-in-capitals"),
    pytest.param('"/blogs/.html"', "a hidden file", id="suffix-alone"),
])
def test_an_alias_that_is_not_a_path_of_this_site_is_one_clear_error(
        tmp_path: Path, alias: str, phrase: str) -> None:
    refused(tmp_path, {"content/posts/p.md": post("Body.\n", f"aliases: [/old/, {alias}]\n")},
            "p.md:4", "alias", phrase)


def test_an_old_address_of_redirects_that_is_a_hidden_file_is_one_clear_error(
        tmp_path: Path) -> None:
    """Frozen-Flask would stop on ``/blogs/.html`` with a traceback (a file of no type)."""
    refused(tmp_path, {"content/posts/p.md": post("Body.\n"),
                       "site.toml": '[redirects]\n"/blogs/.html" = "/posts/p/"\n'},
            "site.toml:2", "[redirects]: /blogs/.html ends in a name that starts with '.'")


def test_a_wrong_alias_of_a_list_is_named_at_its_own_line(tmp_path: Path) -> None:
    aliases = "redirect_from:\n  - /one/\n  - /two/\n  - /a/../b\n"
    refused(tmp_path, {"content/posts/p.md": post("Body.\n", aliases)}, "p.md:7",
            "alias '/a/../b' has a '.' or '..' segment")


def test_aliases_that_are_paths_of_this_site_still_redirect(tmp_path: Path) -> None:
    aliases = ("aliases: [/old/, /café/, /old/page.html, /posts/old-name/, /a.b/c, "
               "/es/a%C3%B1adir]\n")
    out = built(tmp_path, {"content/posts/p.md": post("Body.\n", aliases)})
    for page in ("old/index.html", "café/index.html", "old/page.html",
                 "posts/old-name/index.html", "a.b/c/index.html", "es/añadir/index.html"):
        assert "/posts/p/" in (out / page).read_text(encoding="utf-8"), page


# --- Case 6: links in metadata keep only safe URLs; the author's body is left alone ----------

SUMMARY_LINKS = ("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1)) "
                 "[d](<java\\tscript:alert(1)>) [e](javascript\\\\:alert(1)) "
                 "[f](data:text/html,x) ![g](javascript:alert(1)) "
                 "[ok](https://example.org/) [mail](mailto:a@example.org) [rel](/about/)")


def test_a_summary_keeps_only_safe_links(tmp_path: Path) -> None:
    out = built(tmp_path, {"content/posts/p.md": post("Body.\n", f'summary: "{SUMMARY_LINKS}"\n')})
    summary = soup(out / "index.html").select_one(".summary")
    assert [a.get("href") for a in summary.select("a")] == \
        [None] * 6 + ["https://example.org/", "mailto:a@example.org", "/about/"]
    assert [a.get_text() for a in summary.select("a")] == \
        ["a", "b", "c", "d", "e", "f", "ok", "mail", "rel"]
    assert [(img.get("src"), img.get("alt")) for img in summary.select("img")] == [(None, "g")]


def test_the_authors_body_keeps_its_links_and_html(tmp_path: Path) -> None:
    body = '[run](javascript:alert(1)) and <b class="raw">raw</b>\n'
    out = built(tmp_path, {"content/posts/p.md": post(body)})
    page = soup(out / "posts/p/index.html")
    assert page.select_one('a[href="javascript:alert(1)"]').get_text() == "run"
    assert page.select_one("b.raw").get_text() == "raw"


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/", True), ("HTTP://example.org/", True), ("mailto:a@b.c", True),
    ("tel:+100", True), ("/about/", True), ("../x.html", True), ("#top", True),
    ("?a=b:c", True), ("a/b:c", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("java\nscript:x", False), ("\x01javascript:x", False),
    ("javascript&#58;alert(1)", False), ("javascript&colon;x", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("file:///etc/passwd", False),
])
def test_which_urls_are_safe(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_the_look_that_passes_a_body_over_misses_no_deep_nesting() -> None:
    """The fast path of the nesting check (one search for a line that could be deep)
    against the slow one (each line's levels): a body it passes over is not too deep.
    The random bodies stack lists, tabs and quotes line after line, up to the limit."""
    generator = random.Random(50)
    pieces = [" ", "  ", "\t", "> ", "- ", "* ", "+ ", "1. ", "10) ", ""]
    passed_over = deep = 0
    for _ in range(3000):
        longest = generator.randint(3, 14)  # (the body's longest prefix, in characters)
        lines = []
        for _ in range(generator.randint(1, 120)):
            prefix = ""
            while len(prefix) < longest and generator.random() < 0.9:
                prefix += generator.choice(pieces)
            lines.append(prefix[:longest] + "x")
        if generator.random() < 0.3:  # (a staircase of items, a column or a tab further each)
            step = generator.choice([" ", "\t", "> "])
            lines = [step * (depth // 2) + (" " if depth % 2 else "") + "- x"
                     for depth in range(generator.randint(10, 140))]
        body = "\n".join(line if generator.random() < 0.9 else "" for line in lines) + "\n"
        levels = max((level for _, level in nesting_levels(body)), default=0)
        if not _DEEP_PREFIX.search("\n" + body):
            passed_over += 1
            assert levels <= MAX_NESTING, body
        deep += levels > MAX_NESTING
    assert passed_over > 300 and deep > 0
