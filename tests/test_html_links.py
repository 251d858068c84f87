"""Links in rendered HTML are read with a parser (sitegen/htmlscan.py): every attribute syntax,
srcset and poster, anchors from ``<a name>``, nothing in code; the fast path agrees with it."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sitegen import htmlscan
from sitegen.check import _parse
from sitegen.errors import AuthorError
from sitegen.feeds import absolute_html
from sitegen.links import LinkContext, rewrite_links
from sitegen.markdown import render_markdown, summary_of
from sitegen.models import Entry
from sitegen.textscan import BodyLines, body_lines, code_spans, nesting_levels


def make_site(tmp_path: Path, body: str = "") -> tuple[Entry, LinkContext]:
    """A post ``content/posts/p.md`` (its body on line 5) beside a 3x2 image and a page."""
    content = tmp_path / "content"
    (content / "posts/img").mkdir(parents=True)
    Image.new("RGB", (3, 2)).save(content / "posts/x.png")
    Image.new("RGB", (3, 2)).save(content / "posts/img/a.png")
    (content / "posts/page.md").write_text("Page.\n")
    entry = Entry(kind="post", source=content / "posts/p.md", rel_path="posts/p.md",
                  url="/posts/p/", slug="p", title="P", meta={}, body_line=5, ids={"top"})
    entry.body = body
    page = Entry(kind="post", source=content / "posts/page.md", rel_path="posts/page.md",
                 url="/posts/page/", slug="page", title="Page", meta={}, ids={"part"})
    context = LinkContext(content_dir=content, base_path="/",
                          by_source={"posts/p.md": entry, "posts/page.md": page},
                          known_urls={"/posts/p/", "/posts/page/"})
    return entry, context


def rewrite(tmp_path: Path, html: str, body: str = "") -> tuple[str, list[AuthorError]]:
    entry, context = make_site(tmp_path, body)
    errors: list[AuthorError] = []
    return rewrite_links(html, entry, context, errors), errors


# --- Attribute syntax ------------------------------------------------------------------------

@pytest.mark.parametrize("closing", [" />", "/>", ">", "  >"])
def test_an_image_keeps_its_tag_as_written_apart_from_the_added_attributes(
        tmp_path: Path, closing: str) -> None:
    html, errors = rewrite(tmp_path, f'<p><img src="x.png" alt="A &quot;x&quot;"{closing}</p>')
    assert html == (f'<p><img src="/posts/x.png" alt="A &quot;x&quot;" width="3" height="2" '
                    f'decoding="async"{closing}</p>')
    assert errors == []


@pytest.mark.parametrize("written", [
    "src = 'img/a.png'", "src=img/a.png", "SRC\n=\n\"img/a.png\"", "src='img/a.png'"])
def test_single_quoted_unquoted_and_spaced_attributes_are_links(tmp_path: Path,
                                                                 written: str) -> None:
    html, errors = rewrite(tmp_path, f"<img {written}><img {written.replace('a.png', 'b.png')}>")
    assert html.startswith("<img ") and "/posts/img/a.png" in html
    assert 'width="3" height="2"' in html
    assert [error.message for error in errors] == ["link to a missing file 'img/b.png'"]


def test_a_new_value_is_escaped_for_its_quotes(tmp_path: Path) -> None:
    html, _ = rewrite(tmp_path, "<a href=page.md?a=1&amp;b=2>x</a> <a href='page.md#part'>y</a>")
    assert html == ('<a href="/posts/page/?a=1&amp;b=2">x</a> '
                    "<a href='/posts/page/#part'>y</a>")


def test_srcset_poster_and_media_sources_are_resolved(tmp_path: Path) -> None:
    html, errors = rewrite(tmp_path, (
        '<img src="x.png" srcset="x.png 1x, img/a.png 2x">'
        '<picture><source srcset="img/a.png 640w,x.png"></picture>'
        '<video src="x.png" poster="img/a.png"><source src="img/a.png"></video>'
        "<audio src='x.png'></audio>"))
    assert html == (
        '<img src="/posts/x.png" srcset="/posts/x.png 1x, /posts/img/a.png 2x" width="3" '
        'height="2" decoding="async">'
        '<picture><source srcset="/posts/img/a.png 640w,/posts/x.png"></picture>'
        '<video src="/posts/x.png" poster="/posts/img/a.png"><source src="/posts/img/a.png">'
        "</video><audio src='/posts/x.png'></audio>")
    assert errors == []


def test_attributes_that_only_end_in_href_or_src_are_not_links(tmp_path: Path) -> None:
    written = '<a data-href="gone.md" xhref="gone.md" data-src="gone.png" href="#top">x</a>'
    html, errors = rewrite(tmp_path, written)
    assert html == written and errors == []


# --- Anchors -----------------------------------------------------------------------------------

def test_a_name_and_ids_in_any_syntax_are_anchors(tmp_path: Path) -> None:
    rendered = render_markdown('<a name="old"></a>\n\n<div id = \'spaced\' >x</div>\n\n'
                               '<p ID=plain data-id="no">y</p>\n\n## Head\n')
    assert rendered.ids == ["old", "spaced", "plain", "head"]
    page = tmp_path / "page.html"
    page.write_text('<a name="old">x</a><p id = \'spaced\'>y</p>', encoding="utf-8")
    assert _parse(page).ids == {"old", "spaced"}


def test_a_summary_loses_its_id_attributes_only() -> None:
    assert summary_of('<h2 id="a">H</h2><p>Set id="x" and <span ID = \'b\' class="c">y</span>'
                      "</p><!--more-->More.") == \
        '<h2>H</h2><p>Set id="x" and <span class="c">y</span></p>'


# --- Code ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("element", ["pre", "code", "script", "style", "textarea"])
def test_nothing_inside_code_or_comments_is_rewritten(tmp_path: Path, element: str) -> None:
    inside = '<a href="gone.md">x</a> <img src="gone.png">'
    written = f"<{element}>{inside}</{element}><!-- {inside} -->"
    html, errors = rewrite(tmp_path, written + '<a href="page.md">z</a>')
    assert html == written + '<a href="/posts/page/">z</a>'
    assert errors == []


# --- Errors' lines -------------------------------------------------------------------------------

def test_a_broken_link_is_reported_at_its_own_line(tmp_path: Path) -> None:
    body = textwrap.dedent("""\
        Code first: `[a](gone.md)`

        ```
        [b](gone.md)
        ```

        The [first](gone.md) link.

        The [second](gone.md) link.
        """)
    html = render_markdown(body).html
    _, errors = rewrite(tmp_path, html, body)
    assert [error.line for error in errors] == [5 + 6, 5 + 8]


def test_a_reference_definition_is_the_line_of_every_link_that_uses_it(tmp_path: Path) -> None:
    body = "[one][r] and\n\n[two][r]\n\n[r]: gone.md\n"
    _, errors = rewrite(tmp_path, render_markdown(body).html, body)
    assert [error.line for error in errors] == [5 + 4, 5 + 4]


def written_at_every_line(body: str, target: str) -> list[int]:
    """Where ``target`` is written in ``body`` outside code, found line by line over every
    line with text (the slow path of ``BodyLines.places_outside_code``)."""
    lines = body.split("\n")
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    positions = []
    for index, _ in nesting_levels(body):  # (the lines with text outside fenced code)
        line = lines[index]
        found = line.find(target)
        spans = code_spans(line) if found != -1 else []
        while found != -1:
            if not any(start <= found < end for start, end in spans):
                positions.append(line_starts[index] + found)
            found = line.find(target, found + 1)
    return positions


WRITTEN = ["[a](x.md) `x.md` x.md", "```\nx.md\n```\nx.md\n", "  \n x.md\n\n~~~\nx.md",
           "`` x.md ` `` x.md`x.md`", "x.\nmd x.md", "- x.md\n    ```\n    x.md\n    ```"]


@pytest.mark.parametrize("body", WRITTEN)
@pytest.mark.parametrize("target", ["x.md", "x.\nmd", " ", "md\nx", "`"])
def test_where_a_link_is_written_is_found_as_line_by_line(body: str, target: str) -> None:
    every = written_at_every_line(body, target)
    assert body_lines(body).places_outside_code(target, len(body) + 1) == every
    lines = BodyLines(body)  # (asked for more and more places, as a body's links ask)
    for count in range(len(every) + 2):
        assert lines.places_outside_code(target, count) == every[:count]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab `~\n-*>1.x", max_size=80), st.text(alphabet="ab `\n.x", min_size=1,
                                                                    max_size=3))
def test_where_a_link_is_written_is_found_as_line_by_line_in_any_text(body: str,
                                                                       target: str) -> None:
    every = written_at_every_line(body, target)
    lines = BodyLines(body)
    assert [lines.places_outside_code(target, count) for count in range(len(every) + 2)] == \
        [every[:count] for count in range(len(every) + 2)]
    assert BodyLines(body).places_outside_code(target, len(body) + 1) == every


# --- Aliases -------------------------------------------------------------------------------------

def test_a_link_to_an_old_url_becomes_the_page_url(tmp_path: Path) -> None:
    entry, context = make_site(tmp_path)
    context.aliases = {"/2019/05/page/": "/posts/page/", "/old.html": "/posts/page/"}
    errors: list[AuthorError] = []
    html = rewrite_links('<a href="/2019/05/page/?a=1#part">x</a><a href="/old.html">y</a>'
                         '<a href="/2019/05/gone/">z</a>', entry, context, errors)
    assert html == ('<a href="/posts/page/?a=1#part">x</a><a href="/posts/page/">y</a>'
                    '<a href="/2019/05/gone/">z</a>')
    assert [error.message for error in errors] == [
        "link to /2019/05/gone/, which is not a page or file of this site"]


# --- Feeds ---------------------------------------------------------------------------------------

def test_feed_links_are_absolute_in_any_attribute_syntax() -> None:
    html = absolute_html("<a href='../x/'>a</a><img src=i.png srcset=\"i.png 2x\" alt=x>"
                         '<a data-href="y">b</a>', "https://e.org/posts/p/")
    assert html == ("<a href='https://e.org/posts/x/'>a</a>"
                    '<img src="https://e.org/posts/p/i.png" '
                    'srcset="https://e.org/posts/p/i.png 2x" alt=x><a data-href="y">b</a>')


# --- The fast path agrees with the parser ----------------------------------------------------

MARKDOWN = """\
# Title {#custom .c data-x="a>b"}

Text with [a link](page.md "a \\"title\\"") and ![img](x.png){: width=3 } and `code <a>`,
<https://auto.example>, *em* and **strong** -- "quotes"... [^1] <!--more-->

```html
<pre><a href="x.md">x</a></pre> <!-- --> <script>
```

    indented <b>code</b>

| a | `b|c` |
|---|---|
| <i>1</i> | 2 |

Term
:   Definition with *[HTML]

!!! note "A <b>note</b>"
    Body.

*[HTML]: Hyper "Text" & <Markup>

[^1]: A footnote with [a link](#top).
"""


def both_paths(html: str) -> None:
    for skip_code in (True, False):
        fast = htmlscan._regular_start_tags(html, skip_code)
        if fast is not None:
            assert fast == htmlscan._parsed_start_tags(html, skip_code), html
    fast_ids = htmlscan._regular_start_tags(html, False, ("id", "name"))
    if fast_ids is not None:
        parsed = htmlscan._parsed_start_tags(html, False)
        assert [tag for tag in parsed if tag.get("id") or tag.get("name")] == \
            [tag for tag in fast_ids if tag.get("id") or tag.get("name")]


def test_markdown_html_takes_the_fast_path_with_the_parser_s_result() -> None:
    html = render_markdown(MARKDOWN).html
    assert htmlscan._regular_start_tags(html, True) is not None
    both_paths(html)


def test_rewriting_on_the_fast_path_is_rewriting_with_the_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = render_markdown(MARKDOWN).html
    fast, fast_errors = rewrite(tmp_path / "fast", html, MARKDOWN)
    monkeypatch.setattr(htmlscan, "_regular_start_tags", lambda *arguments: None)
    slow, slow_errors = rewrite(tmp_path / "slow", html, MARKDOWN)
    assert fast == slow and "/posts/page/" in fast
    assert [str(error) for error in fast_errors] == [
        str(error).replace("/slow/", "/fast/") for error in slow_errors]


PIECES = ["<p>", "</p>", "<a ", "<img ", "<pre>", "</pre>", "<code>", "</code>", "<script>",
          "</script>", "<PRE>", "<!--", "-->", "<!-- x -->", "<!--more-->", "<?x>", "</ x>",
          'href="a.md"', "href='b'", "href=c", "id = 'd'", "name=e", "=", " ", "\n", ">", "/>",
          "<", '"', "'", "x", "&amp;", "<textarea>", "<title>", "</a>", "<a/href=f>",
          '<span class="k">', "</span>", "</1", "</code >", "<xmp>", "-", "<!-- a-b <i>c</i> -->",
          "<!--->", "--!>"]


@pytest.mark.parametrize("html", [
    "<pre><a </pre>\n<p>",  # a tag left open takes in the end tag
    '<pre><span title="</pre>"><p>',
    "<code><img &amp;</code><p>",
    "<pre></1</pre><p>",  # "</" and no letter: a comment up to the next ">"
    "<pre></ name=e</pre><p>",
    "<code> <textarea>x</code><p>",  # a skipped element left open inside another
    "<pre><code>x</pre><p>",
    "<code><PRE><pre></span>x</code><p>",
    "<pre></code><code></pre><p>",
    '<code>"<textarea></ \nx></code><p>',
    "<pre><a></span></a></pre><p>",
])
def test_the_fast_path_jumps_over_code_only_where_the_parser_ends_it(html: str) -> None:
    both_paths(html)


def test_highlighted_code_is_jumped_over() -> None:
    html = render_markdown('```python\nif a < b: print("<a href=x>")\n```\n\n[x](#y)').html
    pre = next(tag for tag in htmlscan.start_tags(html) if tag.name == "pre")
    assert htmlscan._end_of_plain(html, pre) == html.index("</pre>") + len("</pre>")
    links = [tag.get("href") for tag in htmlscan.start_tags(html) if tag.name == "a"]
    assert [link.value for link in links if link] == ["#y"]


@pytest.mark.parametrize("html", [
    '<!-- md:plugin [blog] – built-in --><a href="a.md">',
    "<!-- md:default <code>true</code> --><p id=x>",
    "<!-- a - b -><a href=y>-->",
])
def test_comments_with_a_dash_or_tags_in_them_take_the_fast_path(html: str) -> None:
    assert htmlscan._regular_start_tags(html, True) is not None
    both_paths(html)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_the_fast_path_finds_what_the_parser_finds(html: str) -> None:
    both_paths(html)


@pytest.mark.parametrize(("html", "marked"), [
    ("<main data-pagefind-body>x</main>", True),
    ('<article class="post"\n  DATA-PAGEFIND-BODY="">x</article>', True),
    ("<p>Mark it <code>data-pagefind-body</code>.</p>", False),
    ("<p>Mark it <code>&lt;main data-pagefind-body&gt;</code>.</p>", False),
    ("<data-pagefind-body>x</data-pagefind-body>", False),
    ('<a title="data-pagefind-body" href="/">x</a>', False),
    ('<a title="data-pagefind-body" href="/">x</a><div data-pagefind-body>', True),
    ("<div data-pagefind-bodyguard>x</div>", False),
    ('<main x-show="n < 3" data-pagefind-body>x</main>', True),
    ('<main title="<b>" data-pagefind-body>x</main>', True),
    ("<!-- <main data-pagefind-body> --><main>x</main>", False),
    ('<script>const t = "<main data-pagefind-body>";</script><main>x</main>', False),
    ("<textarea><main data-pagefind-body></textarea>", False),
    ("<!-- a note --><script></script><main data-pagefind-body>x</main>", True),
])
def test_an_attribute_is_found_in_start_tags_only(html: str, marked: bool) -> None:
    assert htmlscan.has_attribute(html, "data-pagefind-body") is marked


@pytest.mark.parametrize(("html", "seen"), [
    ("<p>a</p><!-- x > y --><p>b</p>", "<p>a</p><p>b</p>"),
    ("<SCRIPT>if (a < b) { x = '</p>'; }</SCRIPT><p>b</p>", "<p>b</p>"),
    ('<style media="print">p > a {}</style>\n<p>b</p>', "\n<p>b</p>"),
    ("<p>a</p>\n<script>\nnever closed", "<p>a</p>\n"),
    ("<p>a &lt;script&gt; b</p>", "<p>a &lt;script&gt; b</p>"),
])
def test_what_a_reader_never_sees_is_left_out(html: str, seen: str) -> None:
    assert htmlscan.without_unseen(html) == seen
