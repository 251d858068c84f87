"""CommonMark's lists and fences (GitHub's, Hugo's and Jekyll's Markdown) read as CommonMark
reads them, and Python-Markdown's own (MkDocs') left as Python-Markdown reads them.

The oracle is markdown-it-py, a CommonMark implementation: on random documents of lists
nested by their items' text, fences and paragraphs, each list item, code block and paragraph
is at the same depth with the same text in both (a tight list's items may be loose here:
``<p>`` inside ``<li>`` is not compared)."""
from __future__ import annotations

import random
import re
import string

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from sitegen.commonmark import (
    ESCAPED_PUNCTUATION,
    _closing_hashes_as_text,
    _code_spans_apart,
    _fences_apart,
    _fences_evened,
    _hash_lines_as_text,
    _items_apart,
    _lazy_underlines_as_text,
    _lists_apart,
    _nested_lists_apart,
    _tables_apart,
    commonmark_blocks,
)
from sitegen.frontmatter import title_from_body
from sitegen.markdown import new_converter, render_markdown
from sitegen.rewrites import as_markdown

WORDS = "alpha beta gamma delta echo fox golf hotel".split()
FENCE = "`" * 3


def _words(generator: random.Random) -> str:
    return " ".join(generator.choice(WORDS) for _ in range(generator.randint(1, 3)))


def _item(generator: random.Random, indent: int, depth: int, marker: str, step: int) -> list[str]:
    """One list item: its line, then maybe a nested list, a paragraph or a fence indented
    ``step`` past the marker (``None``: as far as the item's text, as CommonMark nests)."""
    text = " " * (indent + (step or len(marker) + 1))
    lines = [" " * indent + marker + " " + _words(generator)]
    choice = generator.random()
    if depth < 3 and choice < 0.35:
        lines += _list(generator, len(text), depth + 1, step, blank=step == 4)
    elif choice < 0.5:  # (a paragraph of the item, one to three spaces past its text at
        # times, but not four past its marker, where Python-Markdown nests it as it is)
        past = [extra for extra in range(4) if (len(text) + extra - indent) % 4] or [0]
        lines += ["", text + " " * (generator.choice(past) if step == 0 else 0)
                  + _words(generator)]
    elif choice < 0.65:
        apart = step == 4 or generator.random() < 0.5  # (a blank line before the fence)
        lines += [""] * apart + _fence(generator, text, "sh", step)
    elif choice < 0.75:
        lines += ["", text + "    code " + _words(generator), text + "      more"]
    elif choice < 0.8 and step == 0:  # (a lazy line that would underline a heading)
        lines.append(generator.choice(["--", "===", "=", " -- "]))
    return lines


def _fence(generator: random.Random, text: str, language: str, step: int,
           margin: bool = False) -> list[str]:
    """A fence at ``text`` (its container's indentation); with ``step`` 0, at times its
    closing line one to three spaces further in, or of more marks, and, at the ``margin``
    (no list above it), its opening line too, with a code line less indented than the
    opening line (CommonMark takes up to the opening line's spaces off each code line, and
    closes the fence with a line up to three spaces in)."""
    opener = closer = code = longer = 0
    if step == 0 and generator.random() < 0.5:
        opener, closer = generator.randint(0, 3) if margin else 0, generator.randint(0, 3)
        code, longer = generator.randint(0, opener), generator.randint(0, 2)
    return [text + " " * opener + FENCE + language,
            text + " " * code + "x = " + _words(generator),
            text + " " * opener + "  y", text + " " * closer + FENCE + "`" * longer]


def _list(generator: random.Random, indent: int, depth: int, step: int,
          blank: bool = False) -> list[str]:
    ordered = generator.random() < 0.4
    lines: list[str] = []
    for number in range(generator.randint(1, 3)):
        if lines and (blank or step == 4):
            lines.append("")
        lines += _item(generator, indent, depth, f"{number + 1}." if ordered else "-", step)
    return lines


def _document(generator: random.Random, step: int) -> str:
    """Random paragraphs, fences and lists; ``step`` 0 nests by the items' text and puts
    lists and fences right after a paragraph's line, 4 nests by four spaces a level with a
    blank line before each block, as Python-Markdown wants."""
    blocks: list[list[str]] = []
    after_list = False
    for _ in range(generator.randint(1, 4)):
        choice = generator.random()
        lead = [_words(generator) + ":"] + [""] * (step == 4) if generator.random() < 0.5 else []
        if choice < 0.4:
            blocks.append(lead + _list(generator, 0, 0, step, blank=generator.random() < 0.3))
        elif choice < 0.5:  # (two lists, with no blank line between them: one if of one kind)
            blocks.append(lead + _list(generator, 0, 0, step) + [""] * (step == 4)
                          + _list(generator, 0, 0, step))
        elif choice < 0.7:
            margin = bool(lead) or not after_list
            blocks.append(lead + _fence(generator, "", "py", step, margin))
        elif choice < 0.8 or step == 4:  # (a paragraph, at times with a line of a list's
            # marker alone, which does not interrupt it)
            marks = ["*", "-", "+ ", "1."] + ["#7"] * (step == 0)  # (Python-Markdown's heading)
            blocks.append([_words(generator)] + ([generator.choice(marks),
                                                  _words(generator)]
                                                 if generator.random() < 0.3 else []))
        elif choice < 0.85:  # (a code span of three backticks that opens a line: no fence)
            blocks.append(lead[:1] + [f"{FENCE}{_words(generator)}{FENCE} {_words(generator)}"])
        else:  # (a heading, one to three spaces in at times where no list is above it and
            # a blank line is; at the margin after a paragraph's line)
            spaces = generator.randint(0, 3) if not after_list else 0
            heading = "#" * generator.randint(1, 3) + " " + _words(generator) + \
                generator.choice(["", "", "#", "##", " ##"])  # (C#, C##, a closing run)
            blocks.append(lead[:1] + [heading] if lead else [" " * spaces + heading])
        after_list = choice < 0.5
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _structure(html: str) -> list[tuple[int, str, str]]:
    """Each list item, code block, heading and paragraph outside lists: its depth in lists,
    what it is (``ul``, ``ol``, ``pre``, ``h1``, ``p``...) and its own text."""
    found = []
    document = BeautifulSoup(html, "html.parser")
    for link in document.select("a.headerlink"):  # (the theme's # after each heading)
        link.decompose()
    for element in document.find_all(["li", "pre", "p", "h1", "h2", "h3"]):
        if element.name == "p" and element.parent.name == "li":
            continue
        depth = len(element.find_parents(["ul", "ol"]))
        if element.name == "li":
            texts = [*element.find_all(string=True, recursive=False),
                     *(text for paragraph in element.find_all("p", recursive=False)
                       for text in paragraph.find_all(string=True))]
            found.append((depth, element.parent.name, " ".join(" ".join(texts).split())))
        else:
            found.append((depth, element.name, " ".join(element.get_text(" ").split())))
    return found


@pytest.mark.parametrize("seed", range(4))
def test_commonmark_s_lists_and_fences_are_read_as_commonmark_reads_them(seed: int) -> None:
    commonmark = MarkdownIt("commonmark")
    generator = random.Random(seed)
    for _ in range(250):
        text = _document(generator, step=0)
        assert _structure(render_markdown(text).html) == _structure(commonmark.render(text)), \
            text


def test_a_nested_list_of_the_other_kind_is_a_list_of_its_own() -> None:
    """main-blog's "    * b" then "    1. c": two nested lists, as in CommonMark (with sane
    lists, Python-Markdown showed the numbered items as the bullet's text)."""
    text = "* S1\n    * b\n    1. c\n    2. d\n    * e\n* S2\n"
    assert _structure(render_markdown(text).html) == \
        _structure(MarkdownIt("commonmark").render(text))
    assert len(BeautifulSoup(render_markdown(text).html, "html.parser").select("li li")) == 4


@pytest.mark.parametrize("written", ["**BTreeMap<String, Address>** and HashMap<K, V>.",
                                     "a <b>bold</b> <my-tag x=1 :y='2'>z</my-tag> Vec<T>"])
def test_an_inline_tag_is_what_commonmark_reads_as_one(written: str) -> None:
    """vijayanant's spec: **BTreeMap<String, Address>** vanished as a tag (Python-Markdown
    takes "String," for a tag's name); CommonMark, and Hugo, show it."""
    assert render_markdown(written).html == MarkdownIt("commonmark").render(written).strip()


def _code_spans_and_text(html: str) -> tuple[list[str], str]:
    """The code spans of ``html`` (white space around their text taken off, unless it is
    all they hold: Python-Markdown's, the engine's) and its text with each span as "|"."""
    page = BeautifulSoup(html, "html.parser")
    codes = [code.get_text() for code in page.select("code")]
    for code in page.select("code"):
        code.replace_with("|")
    return [code.strip() or code for code in codes], page.get_text().strip()


@pytest.mark.parametrize("seed", range(3))
def test_code_spans_are_those_commonmark_reads(seed: int) -> None:
    """flatcar's style guide: (` `), one space, was an empty span, and "suffixed with ``."
    opened a span that a single backtick further on closed, taking in a link. A run of
    backticks opens a span only where a run of as many closes it, as in CommonMark (the
    texts here have a space after each run's text: one word's typo is the case below)."""
    commonmark = MarkdownIt("commonmark")
    generator = random.Random(seed)
    pieces = ["`", "``", "```", " a", " b", " ", " ab"]
    for _ in range(400):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 12)))
        text = "x " + text.strip()  # (not a fence: a paragraph)
        assert _code_spans_and_text(render_markdown(text).html) == \
            _code_spans_and_text(commonmark.render(text)), repr(text)
    written = "One space (` `) after a period (`.`); suffixed with ``. A [`b`](a.md)."
    assert _code_spans_and_text(render_markdown(written).html) == (
        [" ", ".", "b"], "One space (|) after a period (|); suffixed with ``. A |.")


def test_one_word_s_code_span_typo_is_that_word_s_span_as_python_markdown_reads_it() -> None:
    """hummingbot's ``min_profitability` minus `tol_low` (an MkDocs site): CommonMark keeps
    the `` as text and turns every later span of the paragraph inside out; a run closed by
    the next, shorter run with no space before it is that word's span, as on the old site."""
    written = "below the ``min_profitability` minus `tol_low` point.\n\nOr ``x y` here `z`.\n"
    assert _code_spans_and_text(render_markdown(written).html) == (
        ["`min_profitability", "tol_low", "here"], "below the | minus | point.\nOr ``x y|z`.")
    path = "for example ```dfs.samples.`/nation/data/nation.parquet/````.\n"  # (Drill's: the
    assert _code_spans_and_text(render_markdown(path).html) == ([], path.strip())  # run in a
    # path, no word's end after it: text, as CommonMark reads it)


@pytest.mark.parametrize("heading", ["#### Improved CPD support for C#", "## F# and C# ##",
                                     "## Closed ##", "### C\\#", "# Only #",
                                     "# Support for F#"])
def test_a_heading_ends_with_a_run_of_hashes_only_after_a_space(heading: str) -> None:
    """PMD's "C#" (kramdown's GFM and goldmark keep it; Python-Markdown took the "#" off),
    and the page's title taken from such a heading the same."""
    def text(html: str) -> str:
        found = BeautifulSoup(html, "html.parser").find(re.compile("^h[1-6]$"))
        assert found is not None
        for link in found.select("a.headerlink"):  # (the section's link: ours)
            link.decompose()
        return found.get_text()

    expected = text(MarkdownIt("commonmark").render(heading))
    assert text(render_markdown(f"{heading}\n\nText.\n").html) == expected
    if heading.startswith("# "):
        assert title_from_body(f"{heading}\n\nText.\n")[0] == expected


@pytest.mark.parametrize("code", [
    "module M\n  # If it's not a get request\n  # according to:\n  #\n  #   x\nend\n",
    "x = 1\n\n# use C#\n  # note\n",  # (a blank line inside the block: the review's)
])
def test_a_pre_block_s_comment_lines_keep_their_spaces_beside_a_closing_hash(
        code: str) -> None:
    """The Rails blog's Ruby in <pre><code> (a line "  #" among comments): CommonMark's rules,
    which a heading ending in "#" brings, moved its "  # ..." lines to the margin as
    headings of a list's kind, or escaped a "#" ending one; an HTML block is kept as
    written, as Python-Markdown reads its blocks. An inline tag before a heading makes no
    block."""
    body = (f"Text before:\n\n<pre><code class=\"ruby\">\n{code}</code></pre>\n\n## C#\n\n"
            '<div>\n\n## Using F#\n\n</div>\n\n<a id="cs"></a>\n## For C##\n')
    page = BeautifulSoup(render_markdown(body).html, "html.parser")
    assert page.code.get_text() == "\n" + code
    assert [h2.get_text().removesuffix("#") for h2 in page.select("h2")] == ["C#", "For C##"]
    assert "\n## Using F#\n" in page.div.get_text()


def _without_rules() -> markdown.Markdown:
    converter = new_converter()
    converter.preprocessors.deregister("commonmark_blocks")
    return converter


def test_python_markdown_s_own_lists_render_as_they_did() -> None:
    """Lists nested by four spaces a level, with a blank line before each list and fence (as
    MkDocs sites write them), render byte for byte as without the rules."""
    ours, plain = new_converter(), _without_rules()
    generator = random.Random(11)
    for _ in range(400):
        text = _document(generator, step=4)
        assert ours.reset().convert(text) == plain.reset().convert(text), text


def test_the_look_that_passes_a_body_over_misses_nothing() -> None:
    """The one look at each line (the fast path) passes over only bodies the rules leave as
    they are (the slow path: every rule applied)."""
    generator = random.Random(5)
    for step in (0, 4, 0, 4):
        for _ in range(300):
            lines = _document(generator, step).split("\n")
            tables = _tables_apart(_lazy_underlines_as_text(_hash_lines_as_text(
                _closing_hashes_as_text(lines))))
            slow = _items_apart(_nested_lists_apart(_lists_apart(_fences_apart(
                _fences_evened(_code_spans_apart(tables))))))
            assert commonmark_blocks(lines) == slow, lines


@pytest.mark.parametrize(("written", "read"), [
    ("- Fruit\n  - Apple\n  - Pear\n- Veg", "- Fruit\n    - Apple\n    - Pear\n- Veg"),
    ("1. First\n   - Sub\n2. Two", "1. First\n    - Sub\n2. Two"),
    ("- item\n\n      code", "- item\n\n        code"),  # (four past the text: code)
    ("- item\n  - sub\n\n        code", "- item\n    - sub\n\n            code"),
    ("Fruit:\n- Apple", "Fruit:\n\n- Apple"),
    ("Total\n2. is not a list", "Total\n2. is not a list"),
    ("Text\n```py\nx\n```\nafter", "Text\n\n```py\nx\n```\n\nafter"),
    ("- a\n- - -", "- a\n- - -"),  # (a thematic break, not an item)
    (" ## Description\n\nText.\n   #not a heading", "## Description\n\nText.\n   #not a heading"),
    ("featureGates:\n  # any gate\n  x: true", "featureGates:\n  # any gate\n  x: true"),
    ("```scp a b``` then\n```sh\nls\n```", "`scp a b` then\n\n```sh\nls\n```"),
    ("```a `` b``` c", "`a `` b` c"),
    ("        \nBody.", "\nBody."),  # (duydl's line of spaces after the header: no code)
    ("Some text:\n| a |\n|---|\n| 1 |", "Some text:\n\n| a |\n|---|\n| 1 |"),  # (GFM's)
    ("```\nText:\n| a |\n|---|\n```", "```\nText:\n| a |\n|---|\n```"),
    ("* item\n    | a |\n    |---|", "* item\n\n    | a |\n    |---|"),  # (tinygo's, in a list)
    ("Text\n    | a |\n    |---|", "Text\n    | a |\n    |---|"),  # (a paragraph's lines)
    ("- a\n    - b\n\n    more", "- a\n    - b\n\n    more"),  # (MkDocs' lists, as they are)
    ("6) Go.\n\n   **Sure.**\n- a\n  - b", "6) Go.\n\n   **Sure.**\n\n- a\n    - b"),  # (EESSI:
    # no list of "6)" in Python-Markdown, its text no code)
    ("1. Review:\n\n    * one\n2. Create", "1. Review:\n\n    * one\n\n2. Create"),  # (harbor:
    ("1. Item\n\n    Para.\n2. Two", "1. Item\n\n    Para.\n\n2. Two"),  # the next items)
    ("1. Review:\n    * one\n2. Create", "1. Review:\n    * one\n2. Create"),
    ("1. Item.\n\n   Second:\n   - e", "1. Item.\n\n    Second:\n\n    - e"),  # (mattermost)
    ("- a\n    - b\n    - c", "- a\n    - b\n    - c"),
    ("See [a\n#255](u) and\n#1 week", "See [a\n\\#255](u) and\n\\#1 week"),  # (Optech)
    ("**Cite**:\n    ```\n    A. Author.\n      Indented.\n    ```\nAfter.",  # (scikit-lego's)
     "**Cite**:\n\n```\nA. Author.\n  Indented.\n```\n\nAfter."),
    # (but a fence four spaces in under a block's line is the block's: Tasmota's tabs and
    # notes, a definition, a list item's lazy line; the re-check found them moved out)
    ('=== "Python"\n    ```python\n    x = 1\n    ```\n',
     '=== "Python"\n\n    ```python\n    x = 1\n    ```\n'),
    ('!!! note "Hi"\n    ```\n    x\n    ```\n    More.\n',
     '!!! note "Hi"\n\n    ```\n    x\n    ```\n\n    More.\n'),
    ("Term\n:   Definition:\n    ```\n    x\n    ```\n",
     "Term\n:   Definition:\n\n    ```\n    x\n    ```\n"),
    ("1. One\n2. Two\nthis command:\n    ```\n    make\n    ```\n3. Three\n",
     "1. One\n2. Two\nthis command:\n\n    ```\n    make\n    ```\n\n3. Three\n"),
    ("-   Item.\n\n    See [a\n    #2743](u) more\n\n        :::cpp\n        #1 x\n",  # (Dask's,
     "-   Item.\n\n    See [a\n    \\#2743](u) more\n\n        :::cpp\n        #1 x\n"),  # item)
    ("#Title\n\nText\n## Real\n#tag\n<p>\n#x", "#Title\n\nText\n## Real\n#tag\n<p>\n#x"),
    ("A:\n\n    :::cpp\n    #include <x>", "A:\n\n    :::cpp\n    #include <x>"),  # (code)
    ("<pre><code>\nfoo\n#0 main ()\n</code></pre>", "<pre><code>\nfoo\n#0 main ()\n</code></pre>"),
    ("Intro\n#Setup\nbecause\n##\u00a0Messaging", "Intro\n#Setup\nbecause\n##\u00a0Messaging"),
    ("T:\n- x\n\nE:\n\n    s:\n      - a:\n\n          b\n      - c",
     "T:\n\n- x\n\nE:\n\n    s:\n      - a:\n\n          b\n      - c"),
    ("T:\n- x\n\nE:\n\n    - a\n    --", "T:\n\n- x\n\nE:\n\n    - a\n    --"),  # (an HTML
    # block's text, Python-Markdown's headings, YAML in indented code stay as they are)
    ("First  \n*  \nSecond", "First  \n*  \nSecond"),  # (linuxtoy: no empty item after
    ("Text\n1.\nmore", "Text\n1.\nmore"),  # a paragraph's line)
    ("- one\n- two\n--\n\nNext", "- one\n- two\n\\--\n\nNext"),  # (porter's slides:
    ("1. one\n===", "1. one\n\\==="),  # lazy lines, no headings)
    ("- one\n  --\n\nText\n--", "- one\n  --\n\nText\n--"),  # (headings as they are)
    ("Text\n```\n    ```\n    x\n    ```\n```\nafter",  # (a fence four spaces in is code)
     "Text\n\n```\n    ```\n    x\n    ```\n```\n\nafter"),
    ("$$\n\\begin{align}\n- D &= 1\n+ x\n$$\n- item",  # (jaketae's formula: no list in
     "$$\n\\begin{align}\n- D &= 1\n+ x\n$$\n\n- item"),  # it, one after it)
    ("Text $$x$$\n- item", "Text $$x$$\n\n- item"),  # (a formula closed on its line)
    ("$$ 5 each\n\nBring:\n- a hat", "$$ 5 each\n\nBring:\n\n- a hat"),  # (no formula)
])
def test_the_rules_line_by_line(written: str, read: str) -> None:
    assert "\n".join(commonmark_blocks(written.split("\n"))) == read


@pytest.mark.parametrize(("written", "code"), [
    ("Before.\n\n ```html\n <a href=\"/\">here</a>\n\n <!-- c -->\n```\n\nAfter.\n",
     '<a href="/">here</a>\n\n<!-- c -->\n'),  # (jessesquires: closed at the margin)
    ("Before.\n\n```yaml\njobs:\n  - a\n\n  - b\n  ```\n\nAfter.\n",
     "jobs:\n  - a\n\n  - b\n"),  # (closed two spaces in)
    ("1. Step one.\n\n   ```text\n   a> 1\n   b\n    ```\n\n2. Two.\n",
     "a> 1\nb\n"),  # (rclone: in a list item, closed a space further in)
    ("  ```\nx = 1\n  y\n  ```\n", "x = 1\ny\n"),  # (a code line indented less)
])
def test_a_fence_closed_or_coded_at_other_spaces_than_its_opening_line(written: str,
                                                                      code: str) -> None:
    """CommonMark closes a fence with a line up to three spaces in, and takes up to the
    opening line's spaces off each code line; the text after the fence stays text."""
    document = BeautifulSoup(render_markdown(written).html, "html.parser")
    assert [block.get_text() for block in document.select("pre")] == [code]
    assert "`" not in document.get_text()


def test_a_fence_no_line_closes_moves_no_line() -> None:
    """jxnl's pytest output: indented code whose first line is ```` ````text ````, which no
    line closes: the text after the code stays text, as superfences and Python-Markdown
    read it (the rest of the page had become its code); a fence closed later is evened."""
    written = ("Output:\n\n    ````text\n    FAILED\n\nAfter the log.\n\n## Next\n\n- item\n\n"
               "  ```\nx\n  ```\n")
    document = BeautifulSoup(render_markdown(written).html, "html.parser")
    assert [block.get_text() for block in document.select("pre")] == ["````text\nFAILED\n",
                                                                       "x\n"]
    assert [tag.name for tag in document.find_all(recursive=False)] == ["p", "div", "p", "h2",
                                                                        "ul"]


def test_a_pre_element_in_a_list_item_is_kept_as_written() -> None:
    """tidyverse's knitr output in a list item: its #&gt; lines had become headings, and
    gmailr's "> # OMG" a quote; kept as written to the </pre>, as CommonMark keeps an HTML
    block. Indented code that shows a <pre> stays code."""
    written = ('* Empty arguments:\n\n  <div class="output"><pre class="knitr r">#&gt; $a\n'
               "  #&gt; [1] 1\n\n  #&gt; *x*\n  </pre></div>\n\n* next\n\n"
               "Code:\n\n    <pre>\n    # not a heading\n    </pre>\n")
    document = BeautifulSoup(render_markdown(written).html, "html.parser")
    assert document.select_one("li pre").get_text() == "#> $a\n#> [1] 1\n\n#> *x*\n"
    assert not document.select("h1, em")
    assert document.select_one("div.code-block").get_text().startswith("<pre>\n# not")


def test_a_quote_s_text_is_read_by_the_rules_as_a_body_is() -> None:
    """kiroule's quoted steps: ">1. item" then ">  ```shell" (a fence the list does not
    hold, then a list from 2), and an item's fence in a quote: the fences had become a code
    span, and "2. Run." text of the first item; a line break by two spaces is kept."""
    written = (">1. Install:\n>  ```shell\n> cd algolia\n>  ```\n>2. Run it.\n\n"
               "> 1. Set:\n>\n>     ```shell\n>     cd x\n>     ```\n> 2. Run.\n\n"
               "> Two  \n> lines, with `code`:\n> ```\n> y\n> ```\n")
    document = BeautifulSoup(render_markdown(written).html, "html.parser")
    quotes = document.select("blockquote")
    assert [[child.name for child in quote.find_all(recursive=False)] for quote in quotes] == [
        ["ol", "div", "ol"], ["ol"], ["p", "div"]]
    assert [pre.get_text() for pre in document.select("pre")] == ["cd algolia\n", "cd x\n",
                                                                  "y\n"]
    assert quotes[0].select("ol")[1]["start"] == "2"
    assert len(quotes[1].select("li")) == 2 and quotes[1].select_one("li pre")
    assert quotes[2].select_one("br") is not None


def test_text_after_a_comment_keeps_its_entities_in_place() -> None:
    """staeiou's WordPress imports, <!--more-->If you&#8217;re ... &#8211;: Python-Markdown
    reads the text as a paragraph but had gathered its entities at the body's end; code is
    left as it is."""
    written = "Intro.\n\n<!--more-->If you&#8217;re here &#8211; *now*.\n\n```\n\n<!--x-->y\n```\n"
    document = BeautifulSoup(render_markdown(as_markdown(written)).html, "html.parser")
    assert [p.get_text() for p in document.select("p")] == ["Intro.", "If you\u2019re here "
                                                              "\u2013 now."]
    assert as_markdown(written).endswith("```\n\n<!--x-->y\n```\n")


def test_a_page_of_a_hugo_theme_renders_its_nested_lists() -> None:
    """PaperMod's sample post: items nested by two spaces, a list after a paragraph's line."""
    html = render_markdown("Unordered:\n* Item\n  * Nested\n    * Deeper\n* Another\n").html
    document = BeautifulSoup(html, "html.parser")
    assert [len(item.find_parents("ul")) for item in document.select("li")] == [1, 2, 3, 1]
    assert document.p.get_text() == "Unordered:"


@pytest.mark.parametrize(("written", "lines_broken", "backslashes"), [
    ("Roses are red,\\\nviolets are blue.", 1, 0),
    ("Two lines,\\\nand a third:\\\nthe end.", 2, 0),
    ("- an item\\\n  goes on", 1, 0),
    ("A backslash at the paragraph's end\\", 0, 1),
    ("An escaped backslash\\\\\nand a line", 0, 1),
    ("In `code\\\nspans` it stays", 0, 1),
    ("```\ncode\\\nblock\n```", 0, 1),
])
def test_a_backslash_at_a_line_s_end_breaks_the_line(written: str, lines_broken: int,
                                                      backslashes: int) -> None:
    """CommonMark's hard line break, as Hugo and GitHub render it, and as markdown-it-py does."""
    for html in (render_markdown(written).html, MarkdownIt("commonmark").render(written)):
        document = BeautifulSoup(html, "html.parser")
        assert len(document.find_all("br")) == lines_broken, html
        assert document.get_text().count("\\") == backslashes, html


def test_a_material_admonition_in_a_list_that_nests_as_commonmark_does() -> None:
    """Pydantic's docs: an admonition four spaces under "* " in a list whose other item
    goes on two spaces in (as CommonMark nests it) is still an admonition of its item."""
    html = render_markdown("* Using the attribute:\n\n    !!! note\n        In V1, `Config`.\n\n"
                           "* Using class arguments:\n\n  Unlike the attribute.\n").html
    document = BeautifulSoup(html, "html.parser")
    items = document.select("ul > li")
    assert len(items) == 2
    assert items[0].select_one(".admonition.note p:not(.admonition-title)").get_text() == \
        "In V1, Config."
    assert items[1].find_all("p")[1].get_text() == "Unlike the attribute."


@pytest.mark.parametrize("written", [
    "The [SIG-Scheduling] [Mailing List]\n\n[SIG-Scheduling]: https://a.example/sig\n"
    "[Mailing List]: https://a.example/list\n",  # (kwok's: two links, none lost)
    "[a] [b] and [c][d]\n\n[b]: https://b.example/\n[d]: https://d.example/\n",
])
def test_a_reference_link_with_a_space_before_its_label_is_two(written: str) -> None:
    """CommonMark allows no space between a link's text and its label: kwok's
    "[SIG-Scheduling] [Mailing List]" is two links (Python-Markdown made one, of the
    first's text, to the second's address), as markdown-it-py, the oracle, reads it."""
    def links(html: str) -> list[tuple[str, str]]:
        return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser")("a")]
    assert links(render_markdown(written).html) == links(
        MarkdownIt("commonmark").render(written))
    assert "Mailing List" in render_markdown(written).html or "[a]" in written


@pytest.mark.parametrize("written", [
    "[`x`][] and [`x`]\n\n[`x`]: https://a.example/",
    "[a `B` c][] and [`a<b`]\n\n[a `b` c]: https://c.example/\n[`a<b`]: https://d.example/",
    "[`x`][id], [plain][] and [`nowhere`][]\n\n[id]: https://b.example/\n"
    "[plain]: https://p.example/",
])
def test_a_reference_whose_label_holds_code_is_a_link(written: str) -> None:
    """Hugo's documentation writes [`smartcrop`][] with [`smartcrop`]: URL below: a link in
    CommonMark (markdown-it-py, the oracle), where Python-Markdown showed the brackets."""
    def links(html: str) -> list[tuple[str, str]]:
        return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser")("a")]
    expected = links(MarkdownIt("commonmark").render(written))
    assert links(render_markdown(written).html) == expected
    assert expected


@pytest.mark.parametrize("written", [
    "> In a quote:\n> - one\n> - two\n",
    "> Steps:\n> 1. first\n> 2. second\n\nAfter.\n",
    "> Not a list from 2\n> 2. two\n",
    "> # Heading\n> - item\n",
    "> Lazy:\n- outside\n",
])
def test_a_list_right_after_a_quote_s_line_is_read_as_commonmark_reads_it(written: str) -> None:
    """Huxpro's notes: "> In a quote:" then "> - item" is a list in the quote in CommonMark
    (markdown-it-py, the oracle), where Python-Markdown kept the items as text."""
    def shape(html: str) -> list[tuple[str, int, str]]:
        document = BeautifulSoup(html, "html.parser")
        for permalink in document.select(".headerlink"):
            permalink.decompose()
        return [(element.name, len(element.find_parents("blockquote")),
                 " ".join(element.get_text().split()))
                for element in document.find_all(["p", "li", "h1"])]
    assert shape(render_markdown(written).html) == \
        shape(MarkdownIt("commonmark").render(written))


@pytest.mark.parametrize("written", [
    "- SDK\n\n   1. Install [Studio][] or the [tools][].\n\n      [Studio]: https://a.org/s\n"
    "      [tools]: https://a.org/t\n\n   2. Set it.\n",
    "- item\n\n  Some text\n  going on *here*.\n\n  - nested\n    still nested\n",
])
def test_the_lines_of_a_block_in_an_item_move_with_its_first(written: str) -> None:
    """grpc's quickstarts: a second reference definition under the first, in a nested item,
    had become code (its line kept its spaces, where the first moved): each line of a block
    moves with the block's first line, as CommonMark (markdown-it-py, the oracle) reads it."""
    def shape(html: str) -> list[tuple[str, int, str, str]]:
        document = BeautifulSoup(html, "html.parser")
        return [(element.name, len(element.find_parents(["li"])),
                 " ".join(element.get_text().split()), element.get("href", ""))
                for element in document.find_all(["p", "li", "a", "pre"])]
    assert shape(render_markdown(written).html) == shape(MarkdownIt("commonmark").render(written))


@pytest.mark.parametrize("written", [
    "> Ann: hello\n\n> Bob: hi\n\n> Ann: bye\n",
    "> one\n>\n> paragraph two of it\n",
    "> > a\n>\n> > b\n",
    "Text\n> q\n\n> r\n",
    "- item\n\n    > q1\n\n    > q2\n",
    "> a\nlazy\n\n> b\n",
])
def test_block_quotes_parted_by_a_blank_line_are_two(written: str) -> None:
    """TiKV's chat transcript is a quote for each line of it, as CommonMark (markdown-it-py,
    the oracle) and kramdown read it: Python-Markdown made them one quote; a ``>`` line
    keeps one quote's paragraphs together."""
    def shape(html: str) -> list[tuple[str, int, str]]:
        document = BeautifulSoup(html, "html.parser")
        return [(element.name, len(element.find_parents("blockquote")),
                 " ".join(element.get_text().split()))
                for element in document.find_all(["blockquote", "p", "li"])]
    assert shape(render_markdown(written).html) == \
        shape(MarkdownIt("commonmark").render(written))


@pytest.mark.parametrize("character", list(ESCAPED_PUNCTUATION))
def test_a_backslash_escapes_ascii_punctuation(character: str) -> None:
    """kramdown and CommonMark (markdown-it-py, the oracle) show ``\\<eos\\>`` as <eos> and
    ``\\$5`` as $5; Python-Markdown showed the backslash before all but a few characters."""
    code = f" `\\{character}`" if character != "`" else ""  # (code keeps the backslash)
    written = f"a \\{character}b\\{character} c{code}\n"
    def text(html: str) -> str:
        return BeautifulSoup(html, "html.parser").get_text().strip()
    expected = text(MarkdownIt("commonmark").render(written))
    assert text(render_markdown(written).html) == expected
    assert expected == f"a {character}b{character} c" + code.replace("`", "")


def test_tex_s_spacing_commands_keep_their_backslash() -> None:
    """SecondRound's $f(n)\\:where\\:n\\,,\\;x$: TeX's spacing, which Python-Markdown (Pelican's,
    MkDocs') keeps as written; CommonMark's other escapes apply."""
    assert string.punctuation == "".join(sorted(ESCAPED_PUNCTUATION + ",;:", key=ord))
    html = render_markdown("$f(n)\\:where\\:n\\,,\\;x$ and \\$5\n").html
    assert BeautifulSoup(html, "html.parser").get_text().strip() == \
        "$f(n)\\:where\\:n\\,,\\;x$ and $5"


def test_an_element_of_a_page_s_head_leaves_the_rest_of_the_page_markdown() -> None:
    """ludochaordic's pages start with <link rel="stylesheet">, and openSUSE's posts end with
    a <meta>: void elements that Python-Markdown would wait for the end tag of, if they were
    block-level, showing the rest of the page as written (a change tried and taken back)."""
    for head in ('<link href="a.css" rel="stylesheet">', '<meta name="a" content="b">'):
        html = render_markdown(f"{head}\nClick.\n\n## Title\n\nText.\n").html
        assert BeautifulSoup(html, "html.parser").select_one("h2") is not None, head
