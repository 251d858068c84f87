"""The Markdown dialect real sites use: what an author writes and what a visitor sees.

Bodies are rendered with ``render_markdown`` (the function every page goes through) and read
back with BeautifulSoup: code blocks keep their text byte for byte wherever the fence sits,
pymdown-extensions' constructs render, GitHub alerts become admonitions, and every
construct of another generator that would be shown as text is reported at its line
(snippets: ``test_snippets.py``).
"""
from __future__ import annotations

import random
import time

import pytest
from bs4 import BeautifulSoup, Tag
from sitemodule import PROJECT

from sitegen.dialect import (
    INCLUDE_HINT,
    MAX_REPORTED,
    TEMPLATE_HINT,
    _diagram_line_findings,
    _fence_line_findings,
    _may_have_diagram,
    _may_have_fence_words,
    _may_hold_construct,
    _prose_line_findings,
    unsupported_syntax,
    use_site_blocks,
)
from sitegen.frontmatter import title_from_body
from sitegen.htmlblocks import _html_blocks_walk, _may_open_html_block
from sitegen.markdown import render_markdown
from sitegen.prose import _unclosed_fence_walk, unclosed_fence
from sitegen.rewrites import (
    _indented_code_fenced_walk,
    _quoted_fences_spaced_walk,
    _table_separators_walk,
    as_fences,
    as_markdown,
    fenced_highlights,
    html_attributes,
    indented_code_fenced,
    kramdown_blocks,
    quoted_fences_spaced,
    table_separators,
    without_icons,
    without_liquid_raw,
    without_silent_liquid,
)

CODE = "x = \"it's\" -- 'q' ...\n#> [1] 2\n<b>{{ not_html }}</b>\n"


def html_of(body: str) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(body).html, "html.parser")


def only(page: BeautifulSoup, selector: str) -> Tag:
    found = page.select(selector)
    assert len(found) == 1, (selector, page)
    return found[0]


def indented(text: str, prefix: str) -> str:
    return "".join(prefix + line if line else prefix.rstrip() for line in
                   text.splitlines(keepends=True))


# --- Code fences -----------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "- item\n\n" + indented("```python\n" + CODE + "```\n", "    "),
    "- item\n" + indented("```python\n" + CODE + "```\n", "  "),
    "1. step\n\n" + indented("~~~\n" + CODE + "~~~\n", "   "),
    indented("```python\n" + CODE + "```\n", "> "),
    "> quote\n>\n" + indented("```\n" + CODE + "```\n", "> "),
    indented("```\n" + CODE + "```\n", "   "),  # indented three spaces: still a fence
], ids=["list", "list-lazy", "ordered-tilde", "quote", "quote-after-text", "three-spaces"])
def test_fences_in_lists_and_quotes_are_code_byte_for_byte(body: str) -> None:
    page = html_of(body)
    assert only(page, "div.highlight code").get_text() == CODE  # no curly quotes, no HTML
    assert page.find("b") is None


def test_fence_title_line_numbers_and_highlighted_lines() -> None:
    page = html_of('```python title="x.py" linenums="1" hl_lines="2"\na = 1\nb = 2\n```\n')
    block = only(page, "div.highlight")
    assert only(block, "span.filename").get_text() == "x.py"
    assert [n.get_text() for n in block.select(".linenos .normal")] == ["1", "2"]
    assert only(block, ".hll").get_text() == "b = 2\n"
    assert block.select("code span.n")[0].get_text() == "a"  # highlighted as Python


def test_an_mkdocs_hook_s_shortcode_in_a_comment_is_named() -> None:
    """GoReleaser's 256 <!-- md:version v2.1 --> on 90 pages (Material's shortcodes hook),
    which the hook made text of: here comments, which had vanished with no warning."""
    body = ("# T\n\n<!-- md:version v2.1 -->\n\nText <!-- md:pro --> here.\n\n<!-- note -->\n"
            "\nIn a code span, `<!-- md:version 2.1 -->`, it shows.\n")  # (this site's docs)
    assert [(line, message.split(" (")[0]) for line, message, _ in unsupported_syntax(body)] \
        == [(3, "'<!-- md:version v2.1 -->'"), (5, "'<!-- md:pro -->'")]


def test_fence_options_parted_by_a_comma_are_read_with_no_warning() -> None:
    """dreknix's ``` python linenums="1",hl_lines="2": superfences reads both, and so did
    this engine, but warned that they were ignored."""
    body = '``` python linenums="1",hl_lines="2"\na = 1\nb = 2\n```\n'
    assert unsupported_syntax(body) == []
    block = only(html_of(body), "div.highlight")
    assert [n.get_text() for n in block.select(".linenos .normal")] == ["1", "2"]
    assert only(block, ".hll").get_text() == "b = 2\n"


def test_fence_options_in_braces_and_line_number_start() -> None:
    page = html_of('``` { .bash title="run.sh" linenums="5" hl_lines="1-2" }\nls\npwd\n```\n')
    assert only(page, "span.filename").get_text() == "run.sh"
    assert [n.get_text() for n in page.select(".linenos .normal")] == ["5", "6"]
    assert len(page.select(".hll")) == 2


def test_codehilite_s_linenostart_numbers_the_lines() -> None:
    """Pelican's fences, ``` { .lua linenostart=45 } ```: numbered from 45, no warning."""
    body = "``` { .lua linenostart=45 }\nprint(1)\nprint(2)\n```\n"
    assert [n.get_text() for n in html_of(body).select(".linenos .normal")] == ["45", "46"]
    assert unsupported_syntax(body) == []


def test_fenced_code_s_filename_is_the_title() -> None:
    """The Digital Cat's ``` { .python filename="tests/test_a.py" } ``` (15 fences): the
    file name above the code, as Pygments showed it for Pelican, with no warning."""
    body = '``` { .python filename="tests/test_a.py" }\nx = 1\n```\n'
    assert only(html_of(body), "span.filename").get_text() == "tests/test_a.py"
    assert unsupported_syntax(body) == []


def test_old_tabbed_fences_are_one_set_of_tabs() -> None:
    """Traefik's docs (pymdownx 7): fences with tab="Title" that only blank lines part are
    one set of tabs, as superfences made them before 8.0 (997 fences of 127 pages had been
    shown one after another, their titles lost and warned); a fence in a list item is a tab
    of the item, and prose between two fences parts their sets."""
    body = ('Intro:\n```yaml tab="File (YAML)"\na: 1\n```\n\n```bash tab=\'CLI\'\n--a=1\n```\n'
            "\nText.\n\n```toml tab=\"TOML\"\n[a]\n```\n\n- Item\n\n    ```go tab=\"Go\"\n"
            "    x := 1\n    ```\n")
    page = html_of(body)
    sets = page.select("div.tabbed-set")
    assert [[label.get_text() for label in tabs.select(".tabbed-labels label")]
            for tabs in sets] == [["File (YAML)", "CLI"], ["TOML"], ["Go"]]
    assert [block.select_one("code").get_text() for block in sets[0].select(".tabbed-block")] \
        == ["a: 1\n", "--a=1\n"]
    assert sets[0].find_previous_sibling("p").get_text() == "Intro:"
    assert sets[2].find_parent("li") is not None
    assert unsupported_syntax(body) == []


def test_fence_title_is_text_not_html() -> None:
    page = html_of('```text title="<i>x</i>"\nplain\n```\n')
    assert page.find("i") is None
    assert only(page, "span.filename").get_text() == "<i>x</i>"


# --- pymdown-extensions ----------------------------------------------------------------------

def test_content_tabs() -> None:
    page = html_of('=== "Python"\n\n    ```python\n    print(1)\n    ```\n\n'
                   '=== "Shell"\n\n    Run **it**.\n')
    tabs = only(page, ".tabbed-set.tabbed-alternate")
    assert [label.get_text() for label in tabs.select(".tabbed-labels label")] == \
        ["Python", "Shell"]
    blocks = tabs.select(".tabbed-content > .tabbed-block")
    assert blocks[0].select_one("code").get_text() == "print(1)\n"
    assert blocks[1].select_one("strong").get_text() == "it"
    assert tabs.select("input")[0].has_attr("checked")


def test_collapsible_details() -> None:
    page = html_of('??? note "More"\n    Hidden *text*.\n\n???+ tip\n    Shown.\n')
    closed, opened = page.select("details")
    assert closed["class"] == ["note"] and not closed.has_attr("open")
    assert closed.summary.get_text() == "More"
    assert closed.em.get_text() == "text"
    assert opened.has_attr("open") and opened.summary.get_text() == "Tip"


def test_task_list_and_strikethrough() -> None:
    page = html_of("- [ ] write\n- [x] ~~test~~ done\n\nabout ~5 min~ left\n")
    items = page.select("ul.task-list > li.task-list-item")
    assert [item.input.has_attr("checked") for item in items] == [False, True]
    assert all(item.input.has_attr("disabled") for item in items)
    assert only(page, "del").get_text() == "test"
    assert "~5 min~" in page.p.get_text()  # a single tilde is text, not a subscript


def test_slash_blocks_beside_bang_admonitions() -> None:
    page = html_of('/// warning | Careful\nBody *one*.\n///\n\n'
                   '!!! note "Classic"\n    Body two.\n\n'
                   '/// details | Summary\n    open: true\nInside.\n///\n\n'
                   '/// html | div.box\nBoxed.\n///\n')
    warning, note = page.select("div.admonition")
    assert warning["class"] == ["admonition", "warning"]
    assert warning.select_one(".admonition-title").get_text() == "Careful"
    assert note.select_one(".admonition-title").get_text() == "Classic"
    details = only(page, "details")
    assert details.has_attr("open") and details.summary.get_text() == "Summary"
    assert only(page, "div.box").get_text().strip() == "Boxed."


def test_slash_tabs_use_the_same_markup_as_equals_tabs() -> None:
    page = html_of("/// tab | One\nfirst\n///\n\n/// tab | Two\nsecond\n///\n")
    tabs = only(page, ".tabbed-set.tabbed-alternate")
    assert [label.get_text() for label in tabs.select(".tabbed-labels label")] == \
        ["One", "Two"]


# --- GitHub alerts ---------------------------------------------------------------------------

@pytest.mark.parametrize("marker, kind, title", [
    ("NOTE", "note", "Note"), ("TIP", "tip", "Tip"), ("IMPORTANT", "important", "Important"),
    ("WARNING", "warning", "Warning"), ("caution", "caution", "Caution"),
])
def test_github_alerts_become_admonitions(marker: str, kind: str, title: str) -> None:
    page = html_of(f"> [!{marker}]\n> Read *this* first.\n>\n> Second paragraph.\n")
    alert = only(page, "div.admonition")
    assert alert["class"] == ["admonition", kind]
    assert [p.get_text() for p in alert.find_all("p")] == \
        [title, "Read this first.", "Second paragraph."]
    assert alert.p["class"] == ["admonition-title"]
    assert page.find("blockquote") is None and "[!" not in page.get_text()


def test_only_a_marker_at_the_first_line_s_start_makes_an_alert() -> None:
    page = html_of("> Plain [!NOTE] inside.\n\nx\n\n> [!x](https://example.org/) a link\n\n"
                   "x\n\n> [!1]\n> text\n\nx\n\n> [!IMPORTANT]\n> Alert.\n")
    assert len(page.select("blockquote")) == 3
    assert only(page, ".admonition")["class"] == ["admonition", "important"]


def test_hugo_s_extended_alerts_have_any_type_a_title_and_a_fold() -> None:
    """Hugo reads Obsidian's callouts (Docsy's "> [!WARNING] Version note"): any type of
    letters, a title after the marker, and a sign: "-" folds the box closed, "+" open."""
    page = html_of("> [!WARNING] Version note\n>\n> Docsy *0.14*.\n\n"
                   "> [!info]- Your opinion counts!\n>\n> Tell us.\n\n"
                   "> [!TIP]+\n> Open.\n\n> [!NB]\n> Other type.\n")
    boxes = page.select("div.admonition, details")
    assert [(box.name, box["class"][-1], box.has_attr("open")) for box in boxes] == [
        ("div", "warning", False), ("details", "info", False), ("details", "tip", True),
        ("div", "nb", False)]
    assert [box.find(["p", "summary"]).get_text() for box in boxes] == [
        "Version note", "Your opinion counts!", "Tip", "Nb"]
    assert [box.select("p")[-1].get_text() for box in boxes] == [
        "Docsy 0.14.", "Tell us.", "Open.", "Other type."]
    assert page.find("blockquote") is None and "[!" not in page.get_text()


def test_premonition_s_boxes_are_admonitions() -> None:
    """KubeVirt's 90 boxes of the Jekyll plugin premonition, > note "Note" (shown as quotes
    whose first line was the marker): a type and a title, which may be empty (no title);
    a citation's title is its author. The marker later in a quote is text."""
    page = html_of('> note "Mind the clock"\n> Nodes *synced*.\n\n> warning ""\n> Not on '
                   'macOS.\n\n> citation "Ada"\n> Words.\n\n> A quote.\n> info "x"\n')
    boxes = page.select("div.admonition")
    assert [box["class"][1] for box in boxes] == ["note", "warning", "quote"]
    assert [[p.get_text() for p in box.select("p")] for box in boxes] == [
        ["Mind the clock", "Nodes synced."], ["Not on macOS."], ["Ada", "Words."]]
    assert only(page, "blockquote").get_text().strip() == "A quote.\ninfo \u201cx\u201d"
    # (crawl4ai's lazy line indented four spaces: the box's paragraph, no code)
    lazy = html_of('> note "Warning"\n    **Avoid** misusing hooks.\n')
    assert only(lazy, "div.admonition > p strong").get_text() == "Avoid"
    assert lazy.find("pre") is None


def test_an_alerts_lines_are_blocks_as_on_github() -> None:
    page = html_of("> [!CAUTION]\n> - one\n> - two\n")
    assert [li.get_text() for li in page.select("div.admonition.caution > ul > li")] == \
        ["one", "two"]


def test_alerts_parted_by_a_blank_line_are_two_boxes() -> None:
    """GitHub shows two alerts that only a blank line parts as two boxes; Python-Markdown
    makes one block quote of them."""
    page = html_of("> [!TIP]\n> Use it.\n\n> [!WARNING]\n> Not there.\n\n"
                   "- > [!NOTE]\n  > One.\n\n  > [!CAUTION]\n  > Two.\n")
    boxes = page.select("div.admonition")
    assert [box["class"][1] for box in boxes] == ["tip", "warning", "note", "caution"]
    assert [box.select("p")[-1].get_text() for box in boxes] == \
        ["Use it.", "Not there.", "One.", "Two."]
    assert page.find("blockquote") is None


def test_alert_in_a_list() -> None:
    page = html_of("- item\n\n    > [!TIP]\n    > Nested.\n")
    assert only(page, "li div.admonition.tip p:not(.admonition-title)").get_text() == "Nested."


def test_chained_classes_of_an_attribute_list_are_classes_each() -> None:
    """kramdown's {: .floater.framed} (Marlin's images and tables) is two classes, where
    Python-Markdown's attr_list makes one; a quoted value keeps its dots."""
    page = html_of(as_markdown(
        '![P](p.png){: .floater.framed}\n\nA note.\n{: .note.wide title="a .b.c"}\n\n'
        '{: .warning.big }\n> Careful.\n\n## Heading {: .x.y #h }\n'))
    assert only(page, "img")["class"] == ["floater", "framed"]
    note = only(page, "p.note")
    assert (note["class"], note["title"]) == (["note", "wide"], "a .b.c")
    assert only(page, "blockquote")["class"] == ["warning", "big"]
    assert (only(page, "h2")["class"], only(page, "h2")["id"]) == (["x", "y"], "h")


def test_braces_that_hold_no_attributes_stay_text_after_emphasis_and_in_headings() -> None:
    """robjhyndman.com's $y^*_{T+1},\\dots,y^*_{T+i-1}$ (no math there, so emphasis from
    * to *) and *this*{n_j}: Python-Markdown's attr_list took the braces, to the line's last
    one, as attributes (<em T_1>), and their text was lost; goldmark keeps them as text.
    Braces of classes, ids and key=value pairs stay attribute lists."""
    page = html_of("The set $\\{y_1,y^*_{T+1},\\dots,y^*_{T+i-1}\\}$ here.\n\n"
                   "Also *this*{n_j} and **that**{x}.\n\n## Value of {n}\n\n"
                   '[l](u){target=_blank rel="noopener"} and *a*{: .c #i}\n')
    paragraphs = page.select("p")
    assert paragraphs[0].get_text() == "The set ${y_1,y^_{T+1},\\dots,y^_{T+i-1}}$ here."
    assert [dict(em.attrs) for em in page.select("p em")][:1] == [{}]
    assert paragraphs[1].get_text() == "Also this{n_j} and that{x}."
    assert only(page, "h2").get_text().removesuffix("#") == "Value of {n}"
    link = only(page, "a[href=u]")
    assert (link["target"], link["rel"]) == ("_blank", ["noopener"])
    assert dict(only(page, "em.c").attrs) == {"class": ["c"], "id": "i"}
    # (Material's names alone, after a space: { data-search-exclude }, { download }; and
    # kramdown's { : semver }, a reference to an attribute list, as before)
    page = html_of(as_markdown("## Prerequisites { data-search-exclude }\n\nGet [it](a.zip)"
                               "{ download }.\n\n## SemVer 2.0.0\n{: semver }\n"))
    assert [dict(h2.attrs) for h2 in page.select("h2")] == [
        {"id": "prerequisites", "data-search-exclude": ""}, {"id": "semver-200", "semver": ""}]
    assert "download" in only(page, "a[href='a.zip']").attrs
    sets = html_of("#### Compute { 1, 2, 4 } \u2216 { 4, 5, 6 }\n")  # (Drill's: numbers are no
    assert only(sets, "h4").get_text().removesuffix("#").endswith("{ 4, 5, 6 }")  # names)


def test_attribute_lists_one_after_another_add_up_as_in_kramdown() -> None:
    """A Chirpy blog's ![x](a.png){: width="380" height="594" }{: .center} (21 images): the
    second list showed as text."""
    page = html_of(as_markdown('![x](/a.png){: width="380" height="594" }{: .center} and '
                               "*a*{.b}{#c} text\n"))
    image = only(page, "img")
    assert (image["width"], image["height"], image["class"]) == ("380", "594", ["center"])
    assert dict(only(page, "em").attrs) == {"class": ["b"], "id": "c"}
    assert only(page, "p").get_text() == " and a text"
    # (lil-log's attributes parted by a comma, as kramdown reads them)
    image = only(html_of(as_markdown('![](x.png){:width="600px", style="padding:10px"}\n')),
                 "img")
    assert dict(image.attrs) == {"alt": "", "src": "x.png", "width": "600px",
                                 "style": "padding:10px"}
    quoted = only(html_of(as_markdown("*a*{: title='A, B' data-x=\"1,2\" }\n")), "em")
    assert (quoted["title"], quoted["data-x"]) == ("A, B", "1,2")


# --- Headings and titles ---------------------------------------------------------------------

def test_heading_attribute_lists_set_ids_and_titles_lose_them() -> None:
    title, rest = title_from_body("# Install it { #install .big }\n\n## Next { #custom-id }\n")
    assert title == "Install it"
    rendered = render_markdown(rest)
    assert [entry["id"] for entry in rendered.toc] == ["custom-id"]
    assert BeautifulSoup(rendered.html, "html.parser").h2["id"] == "custom-id"


def test_title_loses_only_an_attribute_list() -> None:
    cases = {"# Title {#x}": "Title", "# Title {: #x .y }": "Title",
             '# Title { #x title="a b" } #': "Title", "# Sets {a, b}": "Sets {a, b}",
             "# Braces{#x}": "Braces{#x}", "# { #only }": "{ #only }"}
    assert {line: title_from_body(line + "\n\ntext")[0] for line in cases} == cases


# --- Template tags stay text -----------------------------------------------------------------

def test_a_shortcode_written_over_lines_is_shown_as_written() -> None:
    """Doks' {{< link-card, one attribute a line, then >}} alone: its closing line made a
    block quote, and the quotes between were made curly."""
    body = ('Before.\n\n{{< link-card\n  title="Showcase"\n  href="/showcase/"\n>}}\n\n'
            'After.\n\n{{< figure\n  src="a.png" >}}\n')
    page = html_of(as_markdown(body))
    assert page.select("blockquote") == []
    assert [p.get_text() for p in page.select("p")] == [
        "Before.", '{{< link-card\n  title="Showcase"\n  href="/showcase/"\n>}}', "After.",
        '{{< figure\n  src="a.png" >}}']
    assert html_of(as_markdown("A quote:\n\n>}} is text here\n")).select("blockquote")


def test_template_tags_show_without_the_escaping_backslash() -> None:
    body = ('<div class="x">{{ page.title }} and {% raw %}</div>\n\n'
            "Text {{ a }} and `{{ b }}`.\n\n"
            "- item\n\n    ```\n    {{ c }}\n    ```\n\n"
            "- item `{% d %}\n  e`\n")
    html = render_markdown(body).html
    assert "\\" not in html
    page = BeautifulSoup(html, "html.parser")
    assert only(page, "div.x").get_text() == "{{ page.title }} and {% raw %}"
    assert page.select_one("div.highlight code").get_text() == "{{ c }}\n"
    assert "{{ a }}" in page.get_text() and "{% d %}" in page.get_text()


# --- Unsupported syntax ----------------------------------------------------------------------

UNSUPPORTED = [
    ("{% include note.html %}", "Liquid tag"),
    ('{%\n  include-markdown "../CONTRIBUTING.md"\n%}', "Liquid tag"),  # (over lines)
    ("Hello {{ page.title }}", "Liquid, Jinja or MkDocs macro"),
    ('{{< figure src="a.png" >}}', "Hugo shortcode"),
    ("{{% notice tip %}}", "Hugo shortcode"),
    ("{* ../../docs_src/app.py hl[3] *}", "FastAPI"),
    ("{!./docs_src/app.py!}", "mdx_include"),
    ("See ![[winget-list.png|The list]] here", "an Obsidian embed"),  # (arulraj's posts)
    ("!!swagger-http https://example.org/api.json!!", "mkdocs-render-swagger-plugin"),
    ("A claim[ref]the source[/ref] and more.", "Pelican's simple_footnotes"),  # (luizirber)
    ("::: tip", "directive"),
    (":::note[Title]", "directive"),
    ("::: {.warning}", "fenced div"),
    ("::: httpx.Client", "a reference to Python code (mkdocstrings', mkautodoc's"),
    ("::: mkdocs-click", "a reference to Python code (mkdocstrings', mkautodoc's or "
                         "mkdocs-click's)"),
    ("::: my_package.tools.parse", "mkdocstrings"),
    ("::: textual", "a reference to Python code"),  # (a module of one word)
    ("[resume()][textual.timer.Timer.resume]", "mkdocs-autorefs' cross-reference"),
    ("See [textual.app.App][].", "mkdocs-autorefs' cross-reference"),
    ("::: warning", "directive"),
    (":::tips", "directive"),
    (":::bash", "only after a blank line and four spaces in"),  # (a list over it took the
    # indented code; linuxtoy's, two spaces in)
    ("!!! note: Careful", "admonition"),
    ("/// version-added | v2.7", "pymdownx.blocks extension this engine does not have"),
    ("{:toc}", "table of contents"),
    ("{::options parse_block_html=\"true\" /}", "kramdown extension"),
    ("$$x^2$$", "math"),
    ("%%%\n![a](a.png)\n%: The caption\n%%%", "markdown-figcap"),  # (one, at its first line)
    ('<div class="x">{{ site.name }}</div>', "MkDocs macro"),
]


def test_a_dotted_label_of_a_file_or_domain_is_no_python_cross_reference() -> None:
    """Jaeger's [Remote Storage API][storage.proto], its definition missing: a reference
    that no definition names, not mkdocs-autorefs' cross-reference to Python code; an
    image's too (ed's ![][filtrimentali.jpg]); none for a label defined."""
    for written, label in (("See [the API][storage.proto] here.", "storage.proto"),
                           ("[site][example.com]", "example.com"),
                           ("![][filtrimentali.jpg]", "filtrimentali.jpg")):
        found = unsupported_syntax(f"{written}\n", first_line=3)
        assert [(line, message) for line, message, _ in found] == [
            (3, f"'[{label}]' (a reference whose label no definition of the page names) is "
                "shown as text")], written
    assert unsupported_syntax("![][a.jpg]\n\n[a.jpg]: /a.jpg\n") == []
    for python in ("ruamel.yaml", "skimage.io", "httpx.Response.json", "markdown.Markdown",
                   "marimo.md"):  # (modules, functions, methods)
        assert "mkdocs-autorefs" in unsupported_syntax(f"[x][{python}]\n")[0][1], python


@pytest.mark.parametrize("text, kind", UNSUPPORTED)
def test_each_unsupported_construct_is_reported_at_its_line(text: str, kind: str) -> None:
    body = f"Intro.\n\n{text}\n\nMore.\n"
    found = unsupported_syntax(body, first_line=7)
    assert [line for line, _, _ in found] == [9]
    line, message, hint = found[0]
    assert kind in message and "shown as text" in message or "not rendered" in message
    assert hint


def test_jekyll_s_include_relative_is_told_to_be_a_snippet() -> None:
    """LSP's specifications, made of {% include_relative types/range.md %} lines."""
    found = unsupported_syntax("{% include_relative types/range.md %}\n")
    assert [(line, hint) for line, _, hint in found] == [(1, INCLUDE_HINT)]
    assert "--8<--" in INCLUDE_HINT


def test_a_dotted_label_a_snippet_may_define_is_no_cross_reference() -> None:
    """Optech's [Bitcoin Stack Exchange][bitcoin.se], defined in its included references."""
    body = '[Bitcoin Stack Exchange][bitcoin.se]\n\n--8<-- "references.md"\n'
    assert unsupported_syntax(body) == []
    assert len(unsupported_syntax("[Exchange][bitcoin.se]\n")) == 1


def test_a_ref_shortcode_over_two_lines_is_a_link() -> None:
    """tinygo's [Arduino Nano]({{<ref then "nano.md">}}) on the next line: read as the link
    it is, not named as a shortcode; another shortcode over lines is."""
    body = 'Boards ([Nano]({{<ref\n"nano.md">}})).\n\n{{< notice\ntip >}}\n'
    assert [line for line, _, _ in unsupported_syntax(body)] == [4]


def test_a_link_whose_text_is_ref_is_no_simple_footnotes_note() -> None:
    """mattermost's [ref](other.md), chezmoi's [the manual][ref] and fzakaria's
    [[ref]](url): links, not Pelican's [ref]note[/ref]."""
    body = ("See the [ref](other.md), [ref][x], [the manual][ref], [[ref]](https://m.org/), "
            "and a[ref]note[/ref].\n\n"
            "[x]: https://x.org/\n[ref]: https://x.org/\n")
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (1, "'[ref]note[/ref]' (a note of Pelican's simple_footnotes) is shown as text")]


def test_a_pre_block_shows_its_brackets_as_written_with_no_warning() -> None:
    """simpleit's <pre> of chmod --help: [-+=][0-7] is no reference link there."""
    body = "<pre>\n$ chmod --help\nMODE is [-+=][0-7]+.\n</pre>\n\nSee [a][b].\n"
    assert [line for line, _, _ in unsupported_syntax(body, 1)] == [6]


def test_a_reference_link_the_body_defines_is_no_cross_reference() -> None:
    body = "See [the spec][rfc.9110] and `[x][a.b]`.\n\n[RFC.9110]: https://example.org/\n"
    assert unsupported_syntax(body) == []


def test_every_occurrence_is_reported_up_to_a_limit() -> None:
    body = "{{< a >}} {{< b >}}\n\n{% if x %}\n" + "{{ y }}\n\n" * 10
    found = unsupported_syntax(body, 1)
    assert len(found) == MAX_REPORTED + 1
    assert [line for line, _, _ in found[:MAX_REPORTED]] == [1, 1, 3, 4, 6]
    assert "and 8 more like these (lines" in found[-1][1]
    assert "shown as text" not in found[-1][1]  # (some are left out, or ignored: as above)


def test_the_limit_is_of_each_kind() -> None:
    """docsy.dev's unclosed <div> after five shortcodes is warned on its own line, not
    counted as one more shortcode."""
    body = "{{% alert %}}x{{% /alert %}}\n\n" * 3 + "<div class=\"wide\">\n\n- item\n"
    found = unsupported_syntax(body, 1)
    assert [line for line, _, _ in found] == [1, 1, 3, 3, 5, 5, 7]
    assert found[-2][1] == "and 1 more like these (lines 5)"
    assert "no end tag closes" in found[-1][1]


def test_a_kramdown_attribute_list_on_its_own_line() -> None:
    """After a heading, it is the heading's (see kramdown_blocks); after a paragraph, the
    paragraph's; after a blank line, shown as text."""
    body = "## Heading\n{: .no_toc }\n\nPara\n{: .lead }\n\n{: .alone }\n"
    found = unsupported_syntax(body, 1)
    assert [(line, "own line" in message) for line, message, _ in found] == [(7, True)]


def test_a_kramdown_attribute_list_between_blank_lines_goes_to_the_next_block() -> None:
    """Optech's {:#first}, a blank line, then a paragraph: its id, as kramdown 2.4 gives it;
    one with no block after it is shown as text, with a warning."""
    body = "Intro.\n\n{:#first}\n\nParagraph.\n\n{:#x}\n\n## Head\n\nLast.\n\n{: .end}\n"
    html = html_of(as_markdown(body))
    assert [(element.name, element.get("id")) for element in html.select("p, h2")] == [
        ("p", None), ("p", "first"), ("h2", "x"), ("p", None), ("p", None)]
    assert [line for line, _, _ in unsupported_syntax(body)] == [13]


def test_a_kramdown_attribute_list_of_a_list_item_is_left_out() -> None:
    """Optech's 1. {:#tap1} Taproot: the item's text, without the list shown as text."""
    body = "Intro.\n\n1. {:#tap1} Taproot\n2. Plain {:not}\n"
    assert [item.get_text() for item in html_of(as_markdown(body)).select("li")] == [
        "Taproot", "Plain {:not}"]
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (3, "'1. {:#tap1} Taproot' (a kramdown attribute list of a list item, which takes no "
            "attributes here) is left out")]


def test_a_kramdown_attribute_list_before_a_paragraph_of_markup() -> None:
    """Optech's {:.post-meta} over *by Ann*, and {:.logo} over an image: the paragraph's,
    as kramdown reads it, whatever the paragraph starts with; not a thematic break's."""
    body = ("{:.post-meta}\n*by Ann*, developer.\n\n{:.logo}\n![Logo](/l.png)\n\n"
            "{: .c}\n`code` first.\n\n{: .x}\n***\n")
    html = html_of(as_markdown(body))
    assert [paragraph.get("class") for paragraph in html.select("p")] == [
        ["post-meta"], ["logo"], ["c"], None]
    assert [line for line, _, _ in unsupported_syntax(body)] == [10]


def test_a_kramdown_attribute_list_before_a_list_is_left_out() -> None:
    """ninnat's {:start="0"} before 0. Choose...: the list keeps its first item (which the
    attribute list's paragraph took) and starts at its number; the line is warned about."""
    body = 'Steps:\n\n{:start="0"}\n0. Choose circuits\n1. Run\n'
    found = unsupported_syntax(body, 1)
    assert [(line, "before a list" in message) for line, message, _ in found] == [(3, True)]
    assert "a list's id or class is lost" in found[0][2]  # (Optech's {:#news})
    ordered = html_of(kramdown_blocks(body)).ol
    assert ordered["start"] == "0" and len(ordered.select("li")) == 2


def test_a_kramdown_attribute_list_of_values_under_a_fence_is_left_out_with_a_warning() -> None:
    """fzakaria's {: title="Build" } and {: style="--graphviz-height: 40rem"} under fences:
    they had been paragraphs of their own (curly quotes), with no warning."""
    body = '```\nmake\n```\n{: title="Build" }\n\n~~~\nx\n~~~\n{: .output}\n\nEnd.\n'
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (4, "'{: title=\"Build\" }' (a kramdown attribute list under a code block, which takes "
            "no attributes here) is left out")]
    html = html_of(kramdown_blocks(body))
    assert [p.get_text() for p in html.select("p")] == ["End."]
    assert html.select(".highlight")[1]["class"] == ["output", "highlight"]


def test_a_kramdown_attribute_list_after_a_quote_by_a_fence_or_of_lazy_lines_is_its() -> None:
    """fzakaria's {: .alert .alert-note } under a quote right after a fence's closing line
    (it had gone up into the code, and been warned as taking no attributes), and under a
    quote whose paragraph goes on with lines of no '>' (it had gone to the paragraph):
    the quote's, as kramdown gives it."""
    body = ("```c\ncall x\n```\n> **Note**\n> After a fence.\n{: .alert .alert-note }\n\n"
            "> **Note** Lazy,\nthe paragraph goes on.\n{: .alert }\n\nText after.\n")
    assert unsupported_syntax(body) == []
    html = html_of(kramdown_blocks(body))
    assert [quote.get("class") for quote in html.select("blockquote")] == [
        ["alert", "alert-note"], ["alert"]]
    assert html.select_one("pre code").get_text() == "call x\n"
    assert [p.get("class") for p in html.select("blockquote p")] == [None, None]
    assert html.find_all("p")[-1].get_text() == "Text after."


def test_kramdown_attribute_lists_of_code_fences_and_block_quotes() -> None:
    """The Carpentries lessons: ~~~ then {: .language-bash} is the fence's language, and
    {: .source} or {: .output} its class, as kramdown gives them, with no word of warning;
    one after a block quote at the margin (> Text. then {: .challenge}) is the quote's (an
    HTML block quote of its lines); one after a quote inside a quote, which takes no
    attributes here, is left out with a warning, the quotes kept whole."""
    body = ("~~~\n$ docker pull python\n~~~\n{: .language-bash}\n\n~~~bash\nls\n~~~\n"
            "{: .source}\n\n~~~\nREPOSITORY\n~~~\n{: .output}\n\n> ## Exercise\n>\n"
            "> > ~~~\n> > x = 1\n> > ~~~\n> > {: .language-python}\n> {: .solution}\n"
            "{: .challenge}\n\nEnd.\n")
    found = unsupported_syntax(body, 1)
    assert [(line, "of a block quote" in message) for line, message, _ in found] == [
        (22, True)]
    html = html_of(kramdown_blocks(body))
    assert [block.select_one(".code-lang").get_text() if block.select_one(".code-lang")
            else None for block in html.select(".code-block")] == [
        "Bash", "Bash", None, "Python"]
    assert [block.select_one(".highlight")["class"] for block in html.select(".code-block")] \
        == [["highlight"], ["source", "highlight"], ["output", "highlight"], ["highlight"]]
    assert "{:" not in html.get_text() and html.select_one("blockquote blockquote pre")
    assert html.select_one("blockquote")["class"] == ["challenge"]
    assert html.find_all("p")[-1].get_text() == "End."
    # (hsf's fences whose code is quoted with no space, > >podman images, which kramdown
    # reads as the quote's line: code too, with their classes; and a fence's line quoted
    # with a tab, which superfences reads too: its language)
    unspaced = ("> > ~~~\n> >podman images\n> > ~~~\n> > {: .source}\n> >\n> > ~~~\n"
                "> >REPOSITORY   TAG\n> > ~~~\n> > {: .output}\n> {: .solution}\n\nAfter.\n")
    html = html_of(as_markdown(unspaced))
    assert [(block.select_one(".highlight")["class"], block.select_one("code").get_text())
            for block in html.select(".code-block")] == [
        (["source", "highlight"], "podman images\n"),
        (["output", "highlight"], "REPOSITORY   TAG\n")]
    assert "~~~" not in html.get_text() and html.select("p div, p pre") == []
    tabbed = html_of(as_markdown("> ~~~\n>\ttabbed line\n> ~~~\n> {: .language-bash}\n"))
    assert tabbed.select_one(".code-lang").get_text() == "Bash"
    assert tabbed.select("p") == []
    # (KubeVirt's ">```bash" closed by "> ```": one space after ">" is the quote's, as in
    # kramdown and CommonMark, where the code showed as a paragraph of code spans; a YAML
    # line's indentation is not cut further)
    spaced = html_of(as_markdown("* Deploy:\n\n  >```bash\n  >kubectl apply\n"
                                 "  > ```\n\n* Again.\n\n>```yaml\n>a:\n>  b: 1\n>```\n"))
    assert [block.get_text() for block in spaced.select("blockquote .code-lang")] == [
        "Bash", "YAML"]
    assert [code.get_text() for code in spaced.select("blockquote code")] == [
        "kubectl apply\n", "a:\n  b: 1\n"]


def test_kramdown_tables_with_joints_and_borders() -> None:
    """ljvmiranda's tables: + joints in the separator, a separator line over the header and
    one under the last row (then {: .table}), as kramdown draws them; a plain table and a
    table of a header only are left as they are."""
    body = ("|-----------+-------------|\n| Parameter | Description |\n"
            "|-----------|-------------|\n"
            "| `genMax`  | Generations |\n|-----------+-------------|\n{: .table}\n\n"
            "| A | B |\n|---+---|\n| 1 | 2 |\n\n| Only |\n|------|\n")
    written = as_markdown(body)
    assert written.count("\n") == body.count("\n")
    tables = html_of(written).select("table")
    assert [[cell.get_text() for cell in table.select("th, td")] for table in tables] == [
        ["Parameter", "Description", "genMax", "Generations"], ["A", "B", "1", "2"], ["Only"]]
    assert "{:" not in html_of(written).get_text() and "|" not in html_of(written).get_text()
    assert [line for line, _, _ in unsupported_syntax(body, 1)] == [6]
    centred = "| C | D |\n| :---: + :---: |\n| 3 | 4 |\n"  # (no | right before a -)
    assert [cell.get_text() for cell in html_of(as_markdown(centred)).select("th, td")] == [
        "C", "D", "3", "4"]


def test_kramdown_tables_whose_separator_line_has_other_cells() -> None:
    """travisdowns' tables: a separator line of one cell (|-|), or fewer than the header's,
    which kramdown reads as any other (Python-Markdown shows the lines as text); a table
    whose cells hold a code span is left as it is."""
    body = ("| Size | Cycles | Latency |\n|-|\n| L1 | 1 | 5 |\n\n"
            "| What | Time | Note |\n|:---|---:|\n| V | 8 | x |\n\n"
            "|---------|\n| Vendor | L2 |\n|---------|\n| Intel | 0.75 |\n\n"
            "| `a|b` | c |\n|-|\n")
    written = as_markdown(body)
    assert written.count("\n") == body.count("\n")
    assert written.split("\n")[1] == "|-|-|-|" and written.split("\n")[5] == "|:---|---:|---:|"
    tables = html_of(written).select("table")
    assert [[cell.get_text() for cell in table.select("th, td")] for table in tables] == [
        ["Size", "Cycles", "Latency", "L1", "1", "5"], ["What", "Time", "Note", "V", "8", "x"],
        ["Vendor", "L2", "Intel", "0.75"]]
    assert written.split("\n")[13:15] == ["| `a|b` | c |", "|-|"]


def test_a_separator_line_with_edge_pipes_under_a_header_without_them() -> None:
    """tinygo's table of about 180 packages: Package | Importable, then --- | --- |, which
    GitHub's Markdown reads as a table, and ExpressLRS' rows with edge pipes under a header
    without them (their cells had moved a column); the same lines in a fence stay as they
    are."""
    body = ("Package | Importable\n--- | --- |\nbufio | yes\n\n"
            "```\nA | B\n| --- | --- |\n```\n\n"
            "Pin | Mini | Description\n|--|--|--|\n| CPPM | None | |\n| VMain | VIN | Use VIN |\n")
    written = as_markdown(body)
    assert written.split("\n")[0] == "| Package | Importable |"
    assert written.split("\n")[6] == "| --- | --- |"
    html = html_of(written)
    assert [[cell.get_text() for cell in row.select("th, td")] for row in html.select("tr")] == [
        ["Package", "Importable"], ["bufio", "yes"], ["Pin", "Mini", "Description"],
        ["CPPM", "None", ""], ["VMain", "VIN", "Use VIN"]]


@pytest.mark.parametrize(("body", "rows"), [
    ("Character | Meaning |\n|---|---|\n| R | Receive |\n",  # (ExpressLRS' legend)
     [["Character", "Meaning"], ["R", "Receive"]]),
    ("Before:\n\n| --- | --- |\n| **Index** | 0 |\n| **Key** | `foo` |\n\nAfter.\n",
     [["Index", "0"], ["Key", "foo"]]),  # (benhoyt's grids: kramdown's table of no header)
    ("|---+---|\n| A | B |\n|---|---|\n| 1 | 2 |\n|---+---|\n",  # (kramdown's borders)
     [["A", "B"], ["1", "2"]]),
    ("| r | w |\n|---|---|\n| x | x |\n| - | - |\n\nText.\n",  # (Rocky's truth table: a
     [["r", "w"], ["x", "x"], ["-", "-"]]),  # last row of dashes, no border)
])
def test_a_table_s_header_and_separator_lines_as_kramdown_and_github_write_them(
        body: str, rows: list[list[str]]) -> None:
    """A header with a pipe at its end only, a table of rows under a separator line alone
    (its first row is the header here: Python-Markdown needs one) and kramdown's borders
    above and under a table: each a table, no cell lost."""
    html = html_of(as_markdown(body))
    assert [[cell.get_text() for cell in row.select("th, td")] for row in html.select("tr")] \
        == rows


@pytest.mark.parametrize("separator", ["|---|---|", "--|--"])
def test_a_table_of_only_a_header_row_has_no_body_as_on_github(separator: str) -> None:
    """Lima's | Requirement | Lima >= 2.0 | tables: a head, and no blank row under it."""
    html = html_of(f"| ⚡ Requirement | Lima >= 2.0 |\n{separator}\n\nText after.\n")
    assert [cell.get_text() for cell in html.select("thead th")] == ["⚡ Requirement",
                                                                     "Lima >= 2.0"]
    assert html.select("tbody, td") == []
    assert only(html, "p").get_text() == "Text after."
    rows = html_of("| a | b |\n|---|---|\n| | |\n").select("tbody tr")  # (a row of empty
    assert [[cell.get_text() for cell in row.select("td")] for row in rows] == [["", ""]]  # cells)


def test_an_attribute_list_after_a_table_without_edge_pipes_is_left_out() -> None:
    """LSP's Language | Identifier tables, each followed by {: .table .table-bordered}."""
    body = "Language | Id\n-------- | --\nABAP | `abap`\n{: .table }\n\nA | b\n{: .x }\n"
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (4, "'{: .table }' (a kramdown attribute list after a table, which takes no attributes "
            "here) is left out")]
    html = html_of(as_markdown(body))
    assert [cell.get_text() for cell in html.select("td")] == ["ABAP", "abap"]
    assert html.select_one("p")["class"] == ["x"]


def test_a_kramdown_attribute_list_between_lines_ends_the_paragraph() -> None:
    """lil-log's images (the list after an image, then a caption) and Just the Docs' font
    sizes: kramdown ends a paragraph at an attribute list's line and gives it the list;
    inside a paragraph of more lines it is shown as text, with a warning."""
    body = ('![Overview](a.png)\n{: style="width: 100%;" }\nFig. 1.\n{: .image-caption }\n\n'
            "Font size 1\n{: .fs-1 }\nFont *size* 2\n{: .fs-2 }\nFont size 3\n\n"
            "Two lines\nof text\n{: .x }\nthen more.\n\n"
            '<div markdown="1">\nFont 300\n{: .fw-300 }\nFont 400\n{: .fw-400 }\n</div>\n')
    found = unsupported_syntax(body, 1)
    assert [(line, "inside a paragraph" in message) for line, message, _ in found] == \
        [(14, True)]
    # (irpan's images at a quote's paragraph's end: the paragraph's, before a quoted blank)
    quoted = "> A quote.\n>\n> ![one](a.png)\n> ![two](b.png)\n> {: .centered }\n>\n> More.\n"
    assert unsupported_syntax(quoted) == []
    assert html_of(as_markdown(quoted)).select("p")[1]["class"] == ["centered"]
    # (libgdx's notices: before a fence or a list, which CommonMark's rules set apart)
    notices = ("### Changes\nSee the versions.\n{: .notice--info}\n```\n- x\n```\n\n"
               "## IDEs\nOthers work.\n{: .notice--info}\n- NetBeans\n")
    assert unsupported_syntax(notices) == []
    assert [p.get("class") for p in html_of(as_markdown(notices)).select("p")] == [
        ["notice--info"], ["notice--info"]]
    html = html_of(as_markdown(body))
    assert [(paragraph.get("class"), paragraph.get("style"), paragraph.get_text())
            for paragraph in html.select("p")] == [
        (None, "width: 100%;", ""), (["image-caption"], None, "Fig. 1."),
        (["fs-1"], None, "Font size 1"), (["fs-2"], None, "Font size 2"),
        (None, None, "Font size 3"), (None, None, "Two lines\nof text\n{: .x }\nthen more."),
        (["fw-300"], None, "Font 300"), (["fw-400"], None, "Font 400")]
    assert html.select_one("p img")["src"] == "a.png" and html.select_one(".fs-2 em")


@pytest.mark.parametrize("body", [
    "Use a pipeline.\n{: tip}\nThen more.\n",  # (OpenSearch's bare words: kramdown's ALDs)
    "Text\n{: note.}\nmore\n\n{: .note purple}\n> quoted\n",
    "{::nomarkdown}\n<b>raw</b>\n{:/}\n\nText\n{:/}\nmore\n",
])
def test_an_attribute_list_of_bare_words_or_kramdown_s_end_mark_is_read(body: str) -> None:
    """OpenSearch's {: tip} and {::nomarkdown} ... {:/}, whose bare words (None values of
    attr_list's get_attrs) had stopped the whole build with a traceback."""
    assert "None" not in html_attributes("{: tip .x}") and html_attributes("{:/}") == ""
    html_of(as_markdown(body))
    unsupported_syntax(body)


def test_javascript_in_a_script_block_is_no_markdown() -> None:
    """ludochaordic's m[j][i] and orig[d.index][d.subindex] in a <script>: Python-Markdown
    passes it through, and it is named as no reference link or cross-reference."""
    body = "Text.\n\n<script>\nvar x = m[j][i];\n\nvar y = o[d.index][d.subindex];\n</script>\n"
    assert unsupported_syntax(body) == []
    assert "m[j][i]" in render_markdown(body).html


def test_an_attribute_list_before_a_comment_line_is_the_paragraph_s() -> None:
    """OpenSearch's **Introduced 2.13**, {: .label }, then <!-- vale on -->: the comment
    ends the paragraph, whose class it is; no warning."""
    body = "# Tool\n**Introduced 2.13**\n{: .label .label-purple }\n<!-- vale on -->\n\nText.\n"
    assert unsupported_syntax(body) == []
    assert html_of(as_markdown(body)).select_one("p.label.label-purple").get_text() == \
        "Introduced 2.13"


def test_a_kramdown_attribute_list_over_a_quote_or_a_fence_is_theirs() -> None:
    """Just the Docs' callouts, {: .warning } then > text (16 on its own pages), and its
    {: .lh-0 } over a fence: the quote and the code take the classes, as in kramdown; the
    quote ends at a blank line, as kramdown's does."""
    body = ("Intro.\n\n{: .note-title }\n> Title\n>\n> Some *text*.\n\nAfter.\n\n"
            "{: .lh-0 }\n```\ntree\n```\n\n{: .warning #careful }\n> Last.\n")
    assert unsupported_syntax(body, 1) == []
    written = as_markdown(body)
    assert len(written.split("\n")) == len(body.split("\n"))  # (line for line)
    html = html_of(written)
    quotes = html.select("blockquote")
    assert [(quote.get("class"), quote.get("id"), [p.get_text() for p in quote.select("p")])
            for quote in quotes] == [(["note-title"], None, ["Title", "Some text."]),
                                     (["warning"], "careful", ["Last."])]
    assert [p.get_text() for p in html.find_all("p", recursive=False)] == ["Intro.", "After."]
    assert html.select_one(".lh-0 pre").get_text() == "tree\n"


@pytest.mark.parametrize("body", [
    'Create `app.js`<!--+"{{open}}"+--> with this.\n',  # (buildpacks': hidden in a comment)
    "```\n{% raw %} {{ x }} :::tip $$ {:toc}\n```\n",
    "- item\n\n    ```liquid\n    {% if %}\n    ```\n",
    "> ```\n> {{< x >}}\n> ```\n",
    "Para.\n\n    {{ indented }}\n    ::: code\n",
    "- item\n\n        {{ indented in a list }}\n",
    "Use `{{ x }}` and ``{% y %}`` in code spans.\n",
    '!!! note "Fine"\n    body\n\n!!! danger highlight "Also fine"\n    x\n\n!!! tip\n    y\n',
    "Price $5 and $6.\n\n{ not a tag }\n\n# Title { #id }\n",
    "Braces in bold: **{** and **}**.\n",
    # (pi-hole's and vLLM's comments, shown by no browser; the footnotes' place marker)
    "Text.\n\n<!--\n!!!!!!!!!!!!\n```bash\nls\n-->\n\n<!-- {{ one line }} -->\n",
    "///Footnotes Go Here///\n\nText.[^1]\n\n[^1]: A note.\n",
])
def test_code_and_supported_syntax_are_not_reported(body: str) -> None:
    """(The shortcode after each body is reported: the code has ended where it should.)"""
    after = body.count("\n") + 4
    found = unsupported_syntax(body + "\nEnd.\n\n{{< after >}}\n", 1)
    assert [(line, "after" in message) for line, message, _ in found] == [(after, True)]


@pytest.mark.parametrize(("body", "line"), [
    # (vLLM's "Anatomy": an <ol> in a list item, its </ol> forgotten)
    ('* Scheduler:\n  <ol type="a">\n  <li>policy</li>\n  <li>KV cache</li>\n\nThe **queue**.\n'
     "\n## Features\n", 2),
    ("<div>\n<p>a</p>\n</div>\n\n<p>para\n\nText *x*.\n", 5),
    ('<div class="a">\n<img src="x.png">\n<br>\n<hr>\n</div>\n\n<table><tr><td>x</td></tr>'
     "</table>\n\nText.\n", None),
    ("Inline <div> in a paragraph.\n\n```html\n<div>\n```\n\n`<ol>` and\n\n    <ul>\n", None),
    # (dstack's tab: its </div> indented as the fence before it, which ends the block too)
    ('<div editor-title="x">\n\n    ```yaml\n    a: 1\n    ```\n\n    </div>\n\n**After**.\n',
     None),
])
def test_an_html_block_no_end_tag_closes(body: str, line: int | None) -> None:
    """Python-Markdown reads the rest of the page as that block's HTML."""
    found = [at for at, message, _ in unsupported_syntax(body, 1) if "HTML block" in message]
    assert found == ([line] if line else [])
    if line:
        assert "*" in html_of(body).get_text()  # (shown as written, as the message says)


def test_a_mermaid_diagram_is_named_as_shown_as_code() -> None:
    """Material draws ```mermaid fences (23 pages of three moved sites); this theme shows
    their code, which is said once for each, not for a fence that only mentions it."""
    body = ("Text.\n\n```mermaid\ngraph TD; A-->B\n```\n\n- item\n\n    ~~~ Mermaid\n    x\n"
            "    ~~~\n\n```python\nmermaid = 1\n```\n")
    found = [line for line, message, _ in unsupported_syntax(body, 1) if "Mermaid" in message]
    assert found == [3, 9]
    # (LinuxServer's 227 pages of mkdocs-d2-plugin's ```d2, which were not named)
    body = ("```d2\na -> b\n```\n\n```python\nd2 = 1\n```\n\n```goat\n+--+\n```\n\n"
            "```markmap\n# a\n```\n")
    assert [message for _, message, _ in unsupported_syntax(body, 1)] == [
        "a D2 diagram (```d2) is shown as its code: the theme draws no diagrams",
        "a GoAT diagram (```goat) is shown as its code: the theme draws no diagrams",  # (Hugo)
        "a Markmap diagram (```markmap) is shown as its code: the theme draws no diagrams"]
    # (rfernandezdo's mkdocs-markmap mind map, which was not named)


def test_tex_s_brace_and_bang_is_no_include() -> None:
    """0x7df's $$ ... n_{!C} ... $$ (arithmatex's): mdx_include's {! file !} closes on its
    line, so an unclosed {! is no include."""
    assert [message.split(" (")[0] for _, message, _ in unsupported_syntax(
        "A $n_{!C}/n$ and\n\n{! ./app.py !}\n", 1)] == ["'{! ./app.py !}'"]


def test_a_liquid_comment_is_shown_nowhere() -> None:
    """hsf-training's {% comment %} Private note {% endcomment %}, which Jekyll writes as
    nothing (on one line or several): not shown, and not reported; the lines keep their
    numbers."""
    body = ("{% comment %} Private note {% endcomment %}\n\nText {%- comment -%}aside"
            "{% endcomment %} here.\n\n{% comment %}\nTwo\nlines\n{% endcomment %}\n"
            "{{ after }}\n")
    assert without_silent_liquid(body).count("\n") == body.count("\n")
    assert html_of(without_silent_liquid(body)).get_text().split() == [
        "Text", "here.", "{{", "after", "}}"]
    assert [line for line, _, _ in unsupported_syntax(body, 1)] == [9]


def test_a_list_items_continuation_is_checked() -> None:
    found = unsupported_syntax("- item\n\n    {{< shortcode >}}\n", 1)
    assert [line for line, _, _ in found] == [3]


def test_scanner_is_linear_on_long_lines() -> None:
    """A line of 40,000 characters takes milliseconds (a quadratic scan: minutes)."""
    for text in ["{{" * 20_000, "{%" * 20_000, ":::" + "{" * 40_000, "!!! " + "a " * 20_000,
                 "`" * 20_000 + "{{", "{:" + " " * 40_000, "x{" * 20_000, "$$" * 20_000]:
        start = time.perf_counter()
        unsupported_syntax(text + "\n" + text, 1)
        assert time.perf_counter() - start < 1.0, text[:10]


@pytest.mark.parametrize(("info", "problem"), [
    ('python linenums="1" hl_lines="2" foo="bar"', "'foo=\"bar\"' is not an option here"),
    ('python linenums="one" hl_lines="2"', "'linenums=\"one\"' is not of the option's form"),
    ('{ .python linenums="1" hl_lines="2" path="app.py" }',
     "'path=\"app.py\"' is not an option here"),
])
def test_a_fence_option_that_is_wrong_leaves_the_others(info: str, problem: str) -> None:
    """An option a fence does not take, or a value not of its form, is left out with a
    warning; the fence keeps its other options."""
    page = html_of(f"```{info}\na = 1\nb = 2\n```\n")
    assert only(page, ".hll").get_text() == "b = 2\n"
    assert len(page.select(".linenos")) == ("linenums=\"1\"" in info)
    assert [message for _, message, _ in unsupported_syntax(f"```{info}\nx\n```\n")] == \
        [f"the code fence's {problem}: ignored"]


def test_a_myst_directive_is_named_as_one() -> None:
    """kdeldycke's posts (pelican-myst-reader): ```{admonition} Title and ```{note} are MyST
    directives, shown as code here, said so (they were named as a fence's options)."""
    body = "```{admonition} Unmaintained\nText.\n```\n\n```{note}\nA note.\n```\n"
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (1, "a MyST directive (```{admonition}) is shown as its code: this engine reads no MyST"),
        (5, "a MyST directive (```{note}) is shown as its code: this engine reads no MyST")]


HUGO_FENCES = [
    ("```go {linenos=true,hl_lines=[2,3]}", '```go linenums="1" hl_lines="2 3"'),
    ('```go {linenos=table, hl_lines=[8,"15-17"], linenostart=199}',
     '```go linenums="199" hl_lines="8 15-17"'),
    ('```go {hl_lines="2",linenos="table"}', '```go linenums="1" hl_lines="2"'),
    ("```go {linenos=false}", "```go"),
    ('```go {base_url="https://x.org/",hl_lines=[1]}', '```go hl_lines="1" base_url="https://x.org/"'),
    ('```toml {filename="hugo.toml"}', '```toml title="hugo.toml"'),  # (Hugo themes')
    ('  ```go {hl_lines=[1]}', '  ```go hl_lines="1"'),
    ('``` { .go linenums="1" }', '``` { .go linenums="1" }'),  # (superfences' own)
    ("```go {.class}", "```go {.class}"),
    ("```js {lineNos=true lineNoStart=32 hl_Lines=2}",  # (Hugo's documentation's case: Doks')
     '```js linenums="32" hl_lines="2"'),
]


@pytest.mark.parametrize("written, fenced", HUGO_FENCES)
def test_hugo_s_fence_attributes_are_fence_options(written: str, fenced: str) -> None:
    body = f"{written}\na\n```\n\n```\n{written}\n```\n"  # (the second: code, as is)
    assert as_fences(body) == f"{fenced}\na\n```\n\n```\n{written}\n```\n"


def test_hugo_s_fence_attributes_number_and_mark_lines() -> None:
    page = html_of(as_fences("```go {linenos=table,hl_lines=[2],linenostart=10}\na\nb\n```\n"))
    assert [n.get_text() for n in page.select(".linenos .normal")] == ["10", "11"]
    assert only(page, ".hll").get_text() == "b\n"


def test_a_fence_four_spaces_in_is_code_of_the_fence_around_it() -> None:
    """A code block that shows a fence (kramdown's, superfences'): the inner ``` lines,
    four spaces in, do not close it, and what they hold is not scanned as prose."""
    body = "Text:\n\n```\n    ```\n    :::python\n    x = 1\n    ```\n```\nAfter.\n"
    page = html_of(body)
    assert only(page, "pre code").get_text() == "    ```\n    :::python\n    x = 1\n    ```\n"
    assert page.select("p")[-1].get_text() == "After."
    assert unsupported_syntax(body) == []


@pytest.mark.parametrize("info", ["toml config-example", 'toml mark="Hatch"'])
def test_a_fence_with_words_it_does_not_read_is_still_code(info: str) -> None:
    """Another generator's fence options (hatch writes ```toml config-example) leave the
    code a code block in its language, and what follows it outside."""
    html = render_markdown(f"```{info}\n[tool.hatch]\n```\n\n## After\n").html
    document = BeautifulSoup(html, "html.parser")
    assert document.select_one("pre code").get_text() == "[tool.hatch]\n"
    assert document.select_one("h2").get_text(strip=True).startswith("After")
    line, message, _ = unsupported_syntax(f"Text.\n\n```{info}\nx\n```\n", 10)[0]
    assert line == 12 and info.split()[1] in message and "ignored" in message
    # (rOpenSci's 43 events keep a fence in an HTML comment: no word of it)
    assert unsupported_syntax(f"Text.\n\n<!--\n```{info}\nx\n```\n-->\n") == []


# --- Hugo's and Jekyll's highlight blocks -----------------------------------------------------

HIGHLIGHTS = [
    ('{{< highlight python >}}\nx = 1\n{{< /highlight >}}', "```python\nx = 1\n```"),
    ('{{<highlight python >}}\nx = 1\n{{</highlight >}}', "```python\nx = 1\n```"),
    ('{{% highlight go %}}\nx\n{{% /highlight %}}', "```go\nx\n```"),
    # (hugo-theme-even: spaces around the "/", which Hugo's lexer skips)
    ('{{< highlight html >}}\n<h1>T</h1>\n{{< / highlight >}}', "```html\n<h1>T</h1>\n```"),
    ('{{< highlight html >}}\n<h1>T</h1>\n{{</ highlight >}}', "```html\n<h1>T</h1>\n```"),
    ('{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}',
     '```ruby linenums="1"\nputs 1\n```'),
    ('{% highlight ruby linenos mark_lines="2 3" %}\nputs 1\n{% endhighlight %}',
     '```ruby linenums="1" hl_lines="2 3"\nputs 1\n```'),
    ('{{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}\na\n{{< /highlight >}}',
     '```go linenums="10" hl_lines="2 4-5"\na\n```'),
    ('{{< highlight go "style=monokai" >}}\na\n{{< /highlight >}}',
     '```go style="monokai"\na\n```'),
    ("{{< highlight js >}}\nconst s = ```x```;\n{{< /highlight >}}",
     "````js\nconst s = ```x```;\n````"),
    ("- item\n\n    {% highlight sh %}\n    ls\n    {% endhighlight %}",
     "- item\n\n    ```sh\n    ls\n    ```"),
    ("{{< highlight raw >}}\nnot a token dump\n{{< /highlight >}}",
     "```text\nnot a token dump\n```"),
    # (Relearn's named parameters: the Azure Verified Modules' 57 blocks)
    ('{{< highlight lineNos="true" type="bicep" title="Type, Parameter & Resource" >}}\nx\n'
     '{{< /highlight >}}', '```bicep title="Type, Parameter & Resource" linenums="1"\nx\n```'),
    # (Bryce Wray's: right after an item's text, at the margin, a block of the item, as Hugo
    # shows it, with the text after it; the line break before it taken out)
    ("1. Open.\n2. Enter:\\\n{{< highlight sh >}}\nls\n{{< /highlight >}}\nDone.\n3. Go on.",
     "1. Open.\n2. Enter:\n   ```sh\n   ls\n   ```\n   Done.\n3. Go on."),
    ("Text:\n{{< highlight sh >}}\nls\n{{< /highlight >}}", "Text:\n```sh\nls\n```"),
]


@pytest.mark.parametrize("written, fenced", HIGHLIGHTS)
def test_a_highlight_block_is_a_fenced_code_block(written: str, fenced: str) -> None:
    assert fenced_highlights(written) == fenced
    # (an option of Hugo's that fences do not take is named, as for any fence)
    assert [message for _, message, _ in unsupported_syntax(written)] == (
        ["the code fence's 'style=\"monokai\"' is not an option here: ignored"]
        if "style=" in written else [])


def test_a_fence_under_an_item_s_text_less_indented_than_it_stays_in_the_item() -> None:
    """GoReleaser's install steps: "1. Download the files:" then a fence two spaces in, as
    MkDocs read it, a block of the item (the list had ended there, each step numbered 1);
    a fence at the margin, or after a blank line, is left where it is."""
    body = ("1. Download:\n  ```bash\n  wget a\n  ```\n1. Verify:\n  ```bash\n  cosign b\n"
            "  ```\n1. Done.\n\nText:\n  ```\n  x\n  ```\n")
    written = as_markdown(body)
    assert written.split("\n")[1:4] == ["   ```bash", "   wget a", "   ```"]
    assert written.split("\n")[11] == "  ```" and len(written.split("\n")) == 15
    page = html_of(written)
    items = only(page, "ol").find_all("li", recursive=False)
    assert [item.select_one("code").get_text() for item in items[:2]] == ["wget a\n",
                                                                          "cosign b\n"]
    assert len(items) == 3
    nested = "1. Choose:\n   - The latest:\n   ```bash\n   apt-get install x\n   ```\n2. Done.\n"
    assert as_markdown(nested) == nested  # (OpenSearch's: at the outer item's column, its)
    tabbed = '1. Get:\n  ```json\n  {\n  \t"b": {\n  \t\t"c": 2\n  \t}\n  }\n  ```\n2. Done.\n'
    assert only(html_of(as_markdown(tabbed)), "pre code").get_text() == \
        '{\n  "b": {\n      "c": 2\n  }\n}\n'  # (the columns its tabs reach, as before)


def test_a_highlight_block_after_an_item_s_text_stays_in_the_list() -> None:
    """Bryce Wray's 5 posts: the list had ended at the block, the next item's text joined
    to the paragraph over it."""
    body = "1. Open.\n2. Enter:\\\n{{< highlight sh >}}\nls\n{{< /highlight >}}\nDone.\n3. Go.\n"
    page = html_of(as_markdown(body))
    items = only(page, "ol").find_all("li", recursive=False)
    assert [item.get_text(" ", strip=True) for item in items] == ["Open.", "Enter: Bash ls Done.",
                                                                  "Go."]
    assert items[1].select_one("pre code").get_text() == "ls\n"
    # (a line of code indented with tabs keeps its columns: the spaces put before it had
    # been taken into its first tab's stop)
    tabbed = "1. Open.\n2. Make:\n{{< highlight json >}}\n{\n\t\"a\": {\n\t\t\"c\": 2\n\t}\n}\n" \
        "{{< /highlight >}}\n3. Go.\n"
    assert only(html_of(as_markdown(tabbed)), "pre code").get_text() == \
        '{\n    "a": {\n        "c": 2\n    }\n}\n'


@pytest.mark.parametrize("written", [
    "{{< highlight go >}}\nnever closed\n",
    "```\n{{< highlight go >}}\nx\n{{< /highlight >}}\n```",
    "Inline {{< highlight go >}} x {{< /highlight >}} stays.",
])
def test_a_highlight_mark_that_opens_no_whole_block_stays_as_written(written: str) -> None:
    assert fenced_highlights(written) == written


@pytest.mark.parametrize("name", ["info", "abstract | Summary", "example", "Note", "details | D",
                                  "tab | One", "admonition | Title"])
def test_the_engine_s_slash_blocks_are_no_finding_and_render(name: str) -> None:
    """Material's admonition types (/// info, /// abstract...) are blocks of the engine."""
    body = f"/// {name}\n\nText.\n\n///\n\nAfter.\n"
    assert unsupported_syntax(body) == []
    assert "///" not in html_of(body).get_text()


@pytest.mark.parametrize(("include", "kind"), [
    ("{!./docs_src/app.py[ln:1-4]!}", "an mdx_include include"),
    ("{* ./docs_src/app.py *}", "a FastAPI docs include"),
    ('{% include "./assets/job.yaml" %}', "an include of mkdocs-include-markdown")])
def test_an_include_that_fills_a_code_block_is_reported_in_order(include: str, kind: str) -> None:
    """SQLModel's and FastAPI's docs fill fences with includes, which show as code here, as
    keptn's docs do with mkdocs-include-markdown's (a theme's template, shown as code in
    its docs, is no such include)."""
    template = '```html\n{% include "partials/footer.html" %}\n```\n'
    assert unsupported_syntax(template) == []
    eleventy = '```html\n{% include "base.njk" %}\n```\n'  # (Bryce Wray's: a Hugo site)
    assert unsupported_syntax(eleventy) == []
    body = f"{{{{ x }}}}\n\n```python\n{include}\n```\n\n{{% y %}}\n"
    found = unsupported_syntax(body, first_line=5)
    assert [line for line, _, _ in found] == [5, 8, 11]
    assert found[1][1] == f"'{include}' ({kind}) is shown as code"
    assert "--8<--" in found[1][2]


def test_jekyll_s_raw_tags_are_taken_out_in_code_too() -> None:
    """Jekyll's Liquid shows what {% raw %} holds as written, tags taken out, fences too."""
    body = ("```liquid\n{% raw %}{% highlight scss %}\n.x { }\n{% endhighlight %}{% endraw %}\n```"
            "\n\nProse {%- raw -%}{{ page.url }}{% endraw %} and {% raw %} left.\n")
    assert without_liquid_raw(body) == ("```liquid\n{% highlight scss %}\n.x { }\n"
                                        "{% endhighlight %}\n```\n\nProse {{ page.url }} and "
                                        "{% raw %} left.\n")
    found = unsupported_syntax(body, 1)
    assert [(line, "'{% raw %}'" in message) for line, message, _ in found] == [(7, True)]


def test_a_jekyll_highlight_block_with_raw_tags_is_code_without_them() -> None:
    body = '{% highlight html %}\n{% raw %}<a href="{{ page.url }}">Next</a>{% endraw %}\n' \
           '{% endhighlight %}\n'
    assert unsupported_syntax(body, 1) == []


def test_a_shortcode_or_liquid_tag_shown_as_text_keeps_its_quotes() -> None:
    """Typographic quotes are for the prose around it, not for a template tag shown as
    written (hugo-coder's {{< tab name="Hello" >}})."""
    text = html_of('Say "hi" {{< tab name="Hello" >}}, {% include "x.html" %} and it\'s '
                   '{{ "a" | upcase }}.\n').get_text()
    assert text == 'Say \u201chi\u201d {{< tab name="Hello" >}}, {% include "x.html" %} and ' \
        'it\u2019s {{ "a" | upcase }}.'


def test_keys_and_samples_keep_their_quotes_and_dashes() -> None:
    """kramdown leaves a <kbd>, <samp> or <var> as written (simpleit's <kbd>wget
    --no-parent "x"</kbd>, a command to copy); the prose around it is typographic."""
    text = html_of('Run <kbd>wget --no-parent "x"</kbd> -- "y" <samp class="s">it\'s...'
                   '</samp> and <var>a--b</var>...\n').get_text()
    assert text == 'Run wget --no-parent "x" \u2013 \u201cy\u201d it\'s... and a--b\u2026'


@pytest.mark.parametrize("written", ["* TOC\n{:toc}", "- Table of Contents {:toc}",
                                     "1. this list will be replaced\n{: toc }"])
def test_kramdown_s_table_of_contents_is_the_contents(written: str) -> None:
    """kramdown's idiom, a list item with {:toc}, is the table of contents here too."""
    body = f"## One\n\n{written}\n\nText.\n\n## Two\n"
    assert kramdown_blocks(body).split("\n")[2] == "[TOC]"
    assert len(kramdown_blocks(body).split("\n")) == len(body.split("\n"))
    assert unsupported_syntax(body) == []
    contents = html_of(kramdown_blocks(body)).select(".toc a")
    assert [link["href"] for link in contents] == ["#one", "#two"]


def test_kramdown_s_table_of_contents_after_its_options_is_the_contents() -> None:
    """ucsb's {::options toc_levels="2..3" /} right above * TOC and {:toc}: the options line
    is warned about (shown as text), and the contents are made all the same."""
    body = '## One\n\n{::options toc_levels="2..3" /}\n* TOC\n{:toc}\n\n## Two\n'
    contents = html_of(kramdown_blocks(body)).select(".toc a")
    assert [link["href"] for link in contents] == ["#one", "#two"]
    assert len(kramdown_blocks(body).split("\n")) == len(body.split("\n"))


def test_kramdown_attributes_after_a_line_of_html_are_left_out_with_a_warning() -> None:
    """ljvmiranda's <p>...</p> then {:style="text-align: left"}: kramdown styles the
    paragraph; here the line had been a paragraph of its own (curly quotes), with no warning.
    After a start tag alone (<div markdown="1">), it is not after an element."""
    body = '<p>* Data: the amount.</p>\n{:style="text-align: left"}\n\nNext.\n'
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (2, "'{:style=\"text-align: left\"}' (a kramdown attribute list after an HTML block, "
            "which takes no attributes here) is left out")]
    assert [p.get_text() for p in html_of(kramdown_blocks(body)).select("p")] == [
        "* Data: the amount.", "Next."]
    held = '<div markdown="1">\n{: .note }\nText.\n</div>\n'
    assert "after an HTML block" not in str(unsupported_syntax(held))
    assert kramdown_blocks(held) == held
    # (OpenSearch's 159 <summary>...</summary> then an indented {: .text-delta}, in a
    # <details markdown="block">: not after an element at the margin, as before)
    summary = '<details markdown="block">\n  <summary>\n    R\n  </summary>\n  {: .text-delta}\n'
    assert "after an HTML block" not in str(unsupported_syntax(summary))


def test_kramdown_attributes_after_a_table_are_left_out_with_a_warning() -> None:
    body = "| a | b |\n|---|---|\n| 1 | 2 |\n{: .table }\n\nText.\n"
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (4, "'{: .table }' (a kramdown attribute list after a table, which takes no attributes "
            "here) is left out")]
    assert kramdown_blocks(body).split("\n")[3] == ""
    assert len(html_of(kramdown_blocks(body)).select("tr")) == 2


@pytest.mark.parametrize("attributes", ["{.ulysses}", "{#scores .wide}"])
def test_goldmark_s_attributes_after_a_table_are_left_out_with_a_warning(attributes: str) -> None:
    """Bryce Wray's {.ulysses} under 9 tables (Hugo's block attributes): it had been a row
    of the table, with no warning."""
    body = f"| a | b |\n|---|---|\n| 1 | 2 |\n{attributes}\n\nText.\n"
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (4, f"'{attributes}' (a block attribute list after a table, which takes no attributes "
            "here) is left out")]
    written = as_markdown(body)
    assert written.split("\n")[3] == "" and len(written.split("\n")) == len(body.split("\n"))
    assert len(html_of(written).select("tr")) == 2


@pytest.mark.parametrize("table", ["G-code|Workspace\n---|---\n`G54`|One\n",
                                   "| G-code | Workspace |\n| --- | --- |\n| `G54` | One |\n"])
def test_kramdown_attributes_over_a_table_are_left_out_with_a_warning(table: str) -> None:
    """Marlin's {:.pretty-list.headless} right over a table, which kramdown gives the
    table: here it would be the table's first row, or a paragraph's."""
    body = f"The workspaces:\n\n{{:.pretty-list.headless}}\n{table}\nAfter.\n"
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (3, "'{:.pretty-list.headless}' (a kramdown attribute list over a table, which takes "
            "no attributes here) is left out")]
    page = html_of(kramdown_blocks(body))
    assert [cell.get_text() for cell in page.select("th, td")] == ["G-code", "Workspace", "G54",
                                                                   "One"]
    assert "{:" not in page.get_text()


def test_rows_with_no_separator_line_are_named() -> None:
    """kramdown's table of body rows alone (Marlin's "| Density | 1.07 g/ml |"), a paragraph
    of pipes here; a table with its separator line, and a lone row, are not named."""
    body = ("Values:\n\n| Specific heat | 2 J/g/K |\n| Density | 1.07 g/ml |\n\n"
            "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n| lone |\n\n```\n| x |\n| y |\n```\n\n"
            "| Width | Height | desc\n| 4 | 3 | TV\n\n{: .table}\n| **Header** | Add it. |\n"
            "| **Indent** | Two. |\n")
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (3, "'| Specific heat | 2 J/g/K |' (the first of 2 rows with no separator line under "
            "it: kramdown's table) is shown as text"),
        (17, "'| Width | Height | desc' (the first of 2 rows with no separator line under "
             "it: kramdown's table) is shown as text"),
        (20, "'{: .table}' (a kramdown attribute list on its own line) is shown as text"),
        (21, "'| **Header** | Add it. |' (the first of 2 rows with no separator line under "
             "it: kramdown's table) is shown as text")]  # (Accumulo's, under its list)


def test_a_lone_double_dollar_is_no_math() -> None:
    """jantman's "a pain in the @$$": no "$$" closes it, so no formula is shown as text."""
    assert unsupported_syntax("It was a pain in the @$$.\n\nOther.\n", 1) == []
    assert [line for line, _, _ in unsupported_syntax("A $$x$$ and\n\n$$\ny\n$$\n", 1)] == \
        [1, 3]


def test_math_keeps_a_word_in_braces_at_a_line_s_end() -> None:
    """willwolf's $$ formulas, a line ending in \\begin{cases}: kept as written for MathJax,
    where a word in braces ending a line of text is written \\{word} (shown as written)."""
    body = "$$\nf(x) = \\begin{cases}\n1 & x \\\\\n\\end{cases}\n$$\n\nThe road to {shiny}\n"
    text = html_of(as_markdown(body)).get_text()
    assert "\\begin{cases}" in text and "\\{" not in text and "The road to {shiny}" in text
    # (a shell's $$ in code is no math: the heading between keeps its word)
    shell = "```sh\necho $$\n```\n\n## The road to {shinycssloaders}\n\n```sh\necho $$\n```\n"
    assert html_of(as_markdown(shell)).h2.get_text().startswith("The road to {shinycssloaders}")
    # (irpan's formula whose closing $$ is indented as code after a blank line: still its)
    indented = ("$$\n\\begin{array}{cc}\n    a\n    \\end{array}\n\n    $$\n\n"
                "$$\n\\begin{array}{cc}\nc\n\\end{array}\n$$\n")
    assert "\\{" not in as_markdown(indented)


def test_a_formula_with_blank_lines_inside_is_one_formula_as_in_kramdown() -> None:
    """A Chirpy blog's 70 $$ formulas with blank lines inside, which kramdown reads to their
    closing $$: each was parts of paragraphs, its TeX read as Markdown (\\\\[1em] became
    \\[1em], _ emphasis). A blank line is TeX's comment now, line for line; code and a
    formula on one line are left as they are."""
    body = ("The cost is:\n\n$$\nc^*(s_{a}, g_{b})\n\n= \\min_i c^*(s_{a}, g_i) \\\\[1em]\n$$\n\n"
            "Done.\n\n```\n$$\n\nx\n$$\n```\n\n$$a$$\n\nb $$\n")
    written = as_markdown(body)
    assert written.split("\n")[:7] == ["The cost is:", "", "$$", "c^*(s_{a}, g_{b})", "%",
                                       "= \\min_i c^*(s_{a}, g_i) \\\\[1em]", "$$"]
    assert written.split("\n")[7:] == body.split("\n")[7:]
    shell = "$$ is the PID of the shell.\n\nA temp file:\n\n    tmp=/tmp/x.$$\n\nis unique.\n"
    assert as_markdown(shell) == shell  # (no formula: the review's)
    page = html_of(written)
    assert [p.get_text() for p in page.select("p")][:3] == [
        "The cost is:", "$$\nc^*(s_{a}, g_{b})\n%\n= \\min_i c^*(s_{a}, g_i) \\\\[1em]\n$$",
        "Done."]


def test_a_tex_environment_keeps_a_word_in_braces_at_a_line_s_end() -> None:
    """A Chirpy blog's \\begin{align} after a line of text, m_{w} ending a line in it:
    MathJax drew m_\\{w}, the backslash of a word in braces shown as written."""
    body = ("The mass is given by \\begin{align}\nm_{s} = m_{b} + m_{w}\n\\end{align}\n\n"
            "The road to {shiny}\n")
    assert as_markdown(body).startswith(body.split("\n\n")[0] + "\n")
    text = html_of(as_markdown(body)).get_text()
    assert "m_{s} = m_{b} + m_{w}\n\\end{align}" in text and "The road to {shiny}" in text


def test_a_tex_command_s_braces_and_a_pre_block_s_lines_are_kept_as_written() -> None:
    """aceofgreens' inline formula over lines, $M = \\begin{pmatrix} ending a line: MathJax
    read \\begin\\{pmatrix} as an error; Cockpit's JSON line inside a <pre> block, shown as
    written by Python-Markdown, gained its backslash. A JSON line of text still gets it."""
    math = "The matrix is $M = \\begin{pmatrix}\n0 & 1\n\\end{pmatrix}$. Done.\n"
    assert as_markdown(math) == math
    pre = 'Paste:\n\n<pre>\n\n{ "command": "open" }\n----\n</pre>\n\n{"b": 2}\n'
    assert as_markdown(pre) == pre.replace('{"b"', '\\{"b"')


def test_tex_s_double_braces_are_no_template() -> None:
    """bblais' $$ {{\\rm J}_z} $$ (Pelican's KaTeX): no template's expression starts with a
    backslash."""
    assert [finding for finding in unsupported_syntax("$$ {{\\rm J}_z} = 1 $$ and {{ y }}\n")
            if finding[2] == TEMPLATE_HINT] == [
        (1, "'{{ y }}' (a Liquid, Jinja or MkDocs macro expression) is shown as text",
         TEMPLATE_HINT)]


def test_a_kramdown_attribute_list_after_an_html_tag_is_named() -> None:
    """janmeppe's <img ...>{: .align-center}, which kramdown gives the image: shown here."""
    body = '<img src="me.jpg" style="max-height: 500px">{: .align-center}\n\n![a](a.png){: .c}\n'
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (1, "'{: .align-center}' (a kramdown attribute list after an HTML tag) is shown as "
            "text")]


def test_an_unclosed_fence_has_no_options_to_ignore() -> None:
    """donkeydocs' ```bash createcar --path x that no line closes: one warning, as no fence
    is made (its words are no fence's options)."""
    body = "text\n\n```bash createcar --path x\nls\n\nmore\n"
    assert [message.split("(")[1][:30] for _, message, _ in unsupported_syntax(body)] == [
        "a code fence that no line clos"]


def test_three_braces_are_no_template() -> None:
    """spf13's vim fold markers, ({{{ and }}})."""
    assert unsupported_syntax("Folds ({{{ and }}}) and {{{1.\n") == []
    assert [message for _, message, _ in unsupported_syntax("{{{ x }}} {{ y }}\n")] == [
        "'{{ y }}' (a Liquid, Jinja or MkDocs macro expression) is shown as text"]


def _bodies_to_look_at() -> list[str]:
    """This documentation's bodies, the unsupported constructs above and random texts of
    their marks."""
    docs = [path.read_text(encoding="utf-8") for path in (PROJECT / "content").rglob("*.md")]
    generator = random.Random(48)
    pieces = ["{{ x }}", "{% if %}", "{:toc}", "{: .a }", "{!a.md!}", "{* a *}", "$$", ":::",
              "!!! note", "/// tip", "``` { .py }", "```py title=\"a\"", "[a][b.c]"]
    near = ["{ x }", "{a}", "$5", "a: b", "a/b", "wow!", "```python", "```", "~~~", "word",
            "> ", "  ", "\t", "\n", "\n\n", "`code`", "[a](b)", "}}", "%}", "\n```", "\n````",
            "\n~~~~", "\n```x`", "\n- ", "\n    ", "\n## ", "#", "\n<div>", "</div>", "<p>",
            "\n<!--", "-->", "\n| a | b |", "\n|---|---|", "\n|--+--|", "+", "|",
            "\n| :---: |", "\n|:--|", "\n|-|", "\n--- | --", " | ", "\n--- | --- |", "\nA | B",
            " :-- ", "\n  |", "\n    ~~~", "\t```",
            "\n> ~~~", "\n>x", "\n> >", "mermaid", " Mermaid", "d2", "{.plantuml}", "goat"]
    randoms = ["".join(generator.choice(near + pieces * (round % 2)) for _ in range(25))
               for round in range(800)]
    return docs + [f"Intro.\n\n{text}\n" for text, _ in UNSUPPORTED] + randoms


def test_the_look_that_passes_a_body_over_finds_what_every_line_finds() -> None:
    """The fast paths of the scan for unsupported syntax (a few searches of the whole body)
    against the slow ones (each line looked at): a body they pass over has no finding."""
    for body in _bodies_to_look_at():
        if not _may_hold_construct(body):
            assert list(_prose_line_findings(body, 1)) == [], body
        if not _may_have_fence_words(body):
            assert list(_fence_line_findings(body, 1)) == [], body
        if not _may_have_diagram(body):
            assert list(_diagram_line_findings(body, 1)) == [], body
        assert unclosed_fence(body) == _unclosed_fence_walk(body), body
        if not _may_open_html_block(body):
            blocks = _html_blocks_walk(body)
            assert blocks is None or (blocks.opened, blocks.blocks) == (-1, []), body
        assert quoted_fences_spaced(body) == _quoted_fences_spaced_walk(body), body
        assert table_separators(body) == _table_separators_walk(body), body
        assert indented_code_fenced(body) == _indented_code_fenced_walk(body), body


def test_markdown_after_a_blank_line_in_an_html_block_is_named() -> None:
    """grpc's home page: ## headings and lists after a blank line in <div class="row">,
    which Hugo (CommonMark) renders and Python-Markdown shows as written: named once a
    block, with markdown="1" as the way to render it; a block with markdown="1", or whose
    lines after a blank one are HTML, is not named."""
    body = ('<div class="row">\n\n## Why gRPC?\n\n- Simple\n\n</div>\n\n'
            "<table>\n  <tr>\n    <td>\n\n* Client\n\n</td>\n  </tr>\n</table>\n\n"
            '<div markdown="1">\n\n## Rendered\n\n</div>\n\n'
            "<div>\n<p>x</p>\n\n<p>y</p>\n</div>\n")
    found = [(line, message.split(" (")[0]) for line, message, _ in unsupported_syntax(body)]
    assert found == [(3, "'## Why gRPC?'"), (13, "'* Client'")]
    assert "markdown=" in unsupported_syntax(body)[0][2]
    assert html_of(body).select_one("div.row").get_text().strip().startswith("## Why gRPC?")
    # (Kubeflow's community page and hugodown's knitr tables: a table after a blank line)
    table = ('<div class="table-responsive">\n\n| Description | Link |\n| --- | --- |\n'
             "| Katib | x |\n\n</div>\n\n<div>\n<p>a | b</p>\n\n<p>|</p>\n</div>\n")
    assert [line for line, _, _ in unsupported_syntax(table)] == [3]
    # (Pivotal's <div class="alert">: a paragraph with code, strong text or a link; not in
    # a <pre>, which CommonMark runs to its end tag too)
    note = ('<div class="alert">\n\nRun `apt install telnetd`, **then** it.\n\n</div>\n\n'
            "<pre>\nx\n\n`y` and **z**\n</pre>\n")
    assert [line for line, _, _ in unsupported_syntax(note)] == [3]
    # (falco's <details>: a paragraph that starts with a code span)
    details = "<details>\n\n`enabled: true` is the default.\n\n</details>\n"
    assert [line for line, _, _ in unsupported_syntax(details)] == [3]
    # (RubyGems' man pages: a <pre> after a blank line in a <div> runs to its end tag, its
    # comment lines no headings; before a blank line, the <div>'s block ends at it)
    man = ('<div class="mp">\n\n<h2>Examples</h2>\n\n<pre><code># first\nbundle fund\n\n'
           "# second\n</code></pre>\n\n- after\n\n</div>\n\n"
           "<div>\n<pre><code># first\n\n# second\n</code></pre>\n</div>\n")
    assert [line for line, _, _ in unsupported_syntax(man)] == [11, 18]


def test_markdown_attribute_inside_an_html_block_only_is_named() -> None:
    """benhoyt's <details><summary markdown="span">, which kramdown reads and md_in_html
    does not (17 summaries shown as written, **bold** and all): named once a block; with
    markdown="1" on the block's first tag, it is read, and not named."""
    body = ('<details><summary markdown="span">**Ex**</summary>\n<p markdown="1">*x*</p>\n'
            '</details>\n\n<details markdown="1"><summary markdown="span">**Ex**</summary>\n\n'
            "Text.\n\n</details>\n")
    found = unsupported_syntax(body)
    assert [(line, "not read" in message) for line, message, _ in found] == [(1, True)]
    assert 'markdown="1" in the block' in found[0][2]
    assert [tag.get_text() for tag in html_of(body).select("strong")] == ["Ex"]


def test_a_fence_after_an_admonition_in_a_list_item_stays_in_the_item() -> None:
    """Rocky Linux's five pages: an admonition in an item, then a paragraph and a fence of
    the item: after the admonition, the lines are the item's again (they had been read as
    indented code at the margin, and fenced, the rest of the item with them)."""
    body = ("1. Exclamation point\n\n    !!! question\n\n        Why?\n\n"
            "    Print even rows:\n\n    ```bash\n    seq 1 10\n    ```\n\n2. Reversal\n")
    assert as_markdown(body) == body
    html = html_of(body)
    assert [li.find("p").get_text() for li in html.select("ol > li")] == \
        ["Exclamation point", "Reversal"]
    assert html.select_one("ol > li pre").get_text() == "seq 1 10\n"


def test_a_heading_s_attribute_list_right_after_its_text_is_read() -> None:
    """facile's ## Zero administration{#zero-administration}, which goldmark (Hugo's) reads:
    the heading's id, where Python-Markdown showed the braces and doubled the id; in
    code, as written."""
    body = "## Zero administration{#zero-administration}\n\n# Big{.large}\n\n    ## a{#b}\n"
    html = html_of(as_markdown(body))
    assert [(heading.name, heading.get("id"), heading.get("class"), heading.get_text())
            for heading in html.select("h1, h2")] == [
        ("h2", "zero-administration", None, "Zero administration#"),
        ("h1", "big", ["large"], "Big#")]
    assert html.select_one("pre").get_text() == "## a{#b}\n"


def test_kramdown_s_nomarkdown_marks_are_taken_out() -> None:
    """OpenSearch's 114 icons, {::nomarkdown}<img .../>{:/}, and its blocks of raw HTML:
    kramdown writes what they hold as it is, HTML here too; the marks were shown as text."""
    body = ('Click {::nomarkdown}<img src="/star.png" class="icon"/>{:/} to star.\n\n'
            '{::nomarkdown}\n<div class="x">raw *not md*</div>\n{:/}\n\n'
            "In code: `{::nomarkdown}` and `{:/}`.\n")
    assert unsupported_syntax(body) == []
    html = html_of(as_markdown(body))
    assert html.select_one("p img.icon")["src"] == "/star.png"
    assert html.select_one("div.x").get_text() == "raw *not md*"
    assert [code.get_text() for code in html.select("code")] == ["{::nomarkdown}", "{:/}"]


def test_a_quote_with_a_lazy_line_takes_the_attribute_list_under_it() -> None:
    """The Carpentries' checklists: a line of no mark in the quote's list goes on with its
    item, as kramdown reads it, and the quote takes {: .checklist}."""
    body = "Intro.\n\n> ## Checklist\n> 1. Do this\nand that, lazily\n> 2. Then\n{: .checklist}\n"
    assert unsupported_syntax(body) == []
    quote = html_of(as_markdown(body)).select_one("blockquote.checklist")
    assert [" ".join(item.get_text().split()) for item in quote.select("li")] == \
        ["Do this and that, lazily", "Then"]


def test_directive_lines_a_site_s_extension_reads_are_not_named() -> None:
    """andrewwegner's ::: youtube ID, which the customblocks extension of its [markdown]
    renders: not named as a directive shown as text; without it, named."""
    body = "Watch:\n\n::: youtube dQw4w9WgXcQ\n"
    assert "a directive" in unsupported_syntax(body)[0][1]
    use_site_blocks((), directives=True)
    try:
        assert unsupported_syntax(body) == []
    finally:
        use_site_blocks(())


def test_a_link_tag_written_outside_a_link_is_named_as_text() -> None:
    """dapr's ({{< ref namespaced-actors.md >}}) and [Dapr API Reference]{{< ref "api" >}}:
    Hugo writes the address as text there, shown here as written: named; in a link's
    address, a reference definition or an attribute, read as the link it is."""
    body = ('See ({{< ref b.md >}}) and [API]{{< ref "api" >}}.\n\n[A]({{< ref b.md >}}) '
            '[B][b] <a href="{{< relref b.md >}}">c</a>\n\n[b]: {{< relref b.md >}}\n\n'
            '{{< relref "b" >}} covers it; [C](\n{{< ref "b" >}}).\n')
    found = unsupported_syntax(body)
    assert [(line, message.split(" (")[0]) for line, message, _ in found] == [
        (1, "'{{< ref b.md >}}'"), (1, "'{{< ref \"api\" >}}'"), (7, "'{{< relref \"b\" >}}'")]
    assert all(hint.startswith("Hugo and Jekyll wrote the address there") for *_, hint in found)


def test_a_quote_given_its_attribute_list_keeps_its_list_tight_and_its_place() -> None:
    """OpenSearch's >- one >- two then {: .note}: the quote's class, its list tight, as
    kramdown writes it; a quote in a list item, with a list under it, stays in the item
    (the list had been cut in two), its attribute list left out."""
    body = "Intro.\n\n>- one\n>- two\n>- three\n{: .note}\n\nEnd.\n"
    quote = html_of(as_markdown(body)).select_one("blockquote.note")
    assert [item.decode_contents() for item in quote.select("li")] == ["one", "two", "three"]
    for body in ("1. First step.\n\n   > A note.\n   {: .note }\n\n2. Second step.\n",
                 "1. First step.\n\n   {: .note }\n   > A note.\n\n2. Second step.\n"):
        html = html_of(as_markdown(body))
        assert len(html.select("ol")) == 1 and html.select_one("ol > li blockquote"), body


def test_a_code_span_s_attribute_list_at_a_line_s_start_is_no_line_of_its_own() -> None:
    """TeXt's `success`{:.success} (9 lines): the span's classes, which Python-Markdown
    gives it, not an attribute list on a line of its own."""
    body = "Text.\n\n`success`{:.success}\n"
    assert unsupported_syntax(body) == []
    assert html_of(as_markdown(body)).select_one("code.success").get_text() == "success"


def test_an_attribute_list_in_code_is_code() -> None:
    """The Carpentries' lesson that teaches their syntax: a callout's {: .callout} inside a
    fence is the fence's code, and the {: .source} under the fence its class; a fence's
    marks in indented code inside a quote are code, as written."""
    body = ("~~~\n> ## Callout\n>\n> text\n{: .callout}\n~~~\n{: .source}\n\n"
            "> ## Other\n>\n>     ~~~\n>     title: x\n>     ~~~\n>\n> end\n")
    html = html_of(as_markdown(body))
    assert html.select_one(".source pre").get_text() == "> ## Callout\n>\n> text\n{: .callout}\n"
    assert html.select_one("blockquote pre").get_text() == '~~~\ntitle: x\n~~~\n'


def test_indented_code_that_holds_a_fence_s_marks_stays_code() -> None:
    """pybites' pytest output, "~~~ Stack of MainThread ~~~" in indented code (a tab in, or
    four spaces, further in too): superfences opened a fence there that ran over the rest
    of the page. Code of backticks, under codehilite's :::bash, keeps them; a block that
    opens with a fence's line is left as it was, indented code (as in CommonMark)."""
    body = ("Output:\n\n\tline one\n\t  ~~~~~~ Stack ~~~~~~\n\tline two\n\nAfter.\n\n"
            "Out:\n\n    :::bash\n    echo `x`\n    ```\n\nMore.\n\n    ```py\n    x = 1\n"
            "    ```\n")
    written = as_markdown(body)
    assert written.count("\n") == body.count("\n")
    html = html_of(written)
    assert [pre.get_text() for pre in html.select("pre")] == [
        "line one\n  ~~~~~~ Stack ~~~~~~\nline two\n", "echo `x`\n```\n", "```py\nx = 1\n```\n"]
    assert [p.get_text() for p in html.select("p")] == ["Output:", "After.", "Out:", "More."]
    assert html.select(".code-lang")[0].get_text() == "Bash"


def test_a_no_break_space_after_a_fence_s_marks_is_a_space() -> None:
    """```\u00a0python opens fenced Python, as markdown-it reads it; superfences had made
    the code a code span of a paragraph. A no-break space elsewhere stays."""
    body = "```\u00a0python\nx\u00a0= 1\n```\n\nText\u00a0here.\n"
    assert as_markdown(body) == "``` python\nx\u00a0= 1\n```\n\nText\u00a0here.\n"
    html = html_of(as_markdown(body))
    assert html.select_one("pre").get_text() == "x\u00a0= 1\n" and not html.select("p code")
    assert "highlight" in html.select_one("pre").parent["class"]


def test_material_s_icons_are_left_out_with_a_warning() -> None:
    """pydantic's ## :simple-slack: Slack: its id is #slack, as Material makes it."""
    body = "See [Slack](#slack).\n\n## :simple-slack: Slack\n\nAsk :material-help: here, " \
           "not in `:material-code:`.\n"
    assert without_icons(body).split("\n")[2:5] == ["## Slack", "",
                                                    "Ask  here, not in `:material-code:`."]
    assert [(line, message) for line, message, _ in unsupported_syntax(body)] == [
        (3, "':simple-slack:' (an icon of Material for MkDocs' theme) is left out"),
        (5, "':material-help:' (an icon of Material for MkDocs' theme) is left out")]
    assert html_of(without_icons(body)).h2["id"] == "slack"
    # (Material's grid cards: the icon's attribute list goes with it; other braces stay)
    cards = "- :material-clock:{ .lg .middle } __Set up__\n- [Docs :octicons-link-16:{ .x }](a)" \
            " {not a list}\n"
    assert html_of(without_icons(cards)).get_text().split() == [
        "Set", "up", "Docs", "{not", "a", "list}"]


def test_an_admonition_s_and_a_tab_s_text_is_prose_not_code() -> None:
    """polars' tabs inside an admonition (indented four, after a blank line): their labels'
    icons are left out, as at the margin; code is still code eight spaces in."""
    body = ('!!! note "CUDA"\n\n    For CUDA:\n\n    === ":fontawesome-brands-python: Python"\n'
            '\n        Tab text :material-help:\n\n            code :material-x:\n\n'
            '=== ":simple-rust: Rust"\n\n    Rust.\n\n        code :material-y:\n')
    lines = without_icons(body).split("\n")
    assert (lines[4], lines[6], lines[8]) == ('    === "Python"', "        Tab text ",
                                             "            code :material-x:")
    assert (lines[10], lines[14]) == ('=== "Rust"', "        code :material-y:")
    assert [line for line, _, _ in unsupported_syntax(body)] == [5, 7, 11]
    tabs = html_of(without_icons(body))
    assert [label.get_text() for label in tabs("label")] == ["Python", "Rust"]


def test_mkdocstrings_heading_and_a_block_inside_a_block_are_reported() -> None:
    """mkdocstrings' ## ::: package.name (a heading of the API's page), and pymdown-extensions'
    own //// collapse-code inside a /// block, are shown as text: each is reported."""
    body = "# ::: mkdocstrings\n    options:\n      show: true\n\n/// note\n" \
           "//// collapse-code\nx\n////\n///\n\n## Heading\n\n#!/bin/sh is a shebang\n"
    found = [(line, message.split(" (")[0]) for line, message, _ in unsupported_syntax(body)]
    assert found == [(1, "'::: mkdocstrings'"), (6, "'//// collapse-code'")]


def test_a_reference_link_with_no_definition_is_reported() -> None:
    """ruby-lang.org's translation lacks its [v3.1.3][stringio-v3.1.3] definitions, and
    pymdown-extensions' docs defined theirs in a file appended by a snippet option: the
    link is shown as written, and said so; a defined label, in any case, or one in code, is
    not, nor is a page that includes snippets (which may define it)."""
    body = ("See [v3.1.3][stringio-v3.1.3], [ok][Defined], [Defined][], [`x`][], "
            "`[in][code]` and [text][].\n\n[defined]: https://a.example/\n")
    found = [(line, message.split("' (")[0]) for line, message, _ in unsupported_syntax(body)]
    assert found == [(1, "'[v3.1.3][stringio-v3.1.3]"), (1, "'[text][]")]
    assert unsupported_syntax('--8<-- "refs.md"\n\n[a][b]\n') == []
    assert html_of(body).p.get_text().startswith("See [v3.1.3][stringio-v3.1.3]")
    # (pdm's definitions inside a ??? note, and SecondRound's $D[i][j]$: no link meant)
    inside = "??? note\n    Use the [task provider][tp].\n\n    [tp]: https://x\n\n$D[i][j]$\n"
    assert unsupported_syntax(inside) == []
    assert html_of(inside).select_one("a")["href"] == "https://x"
    # (This Week in Rust's "[disposition: merge][Title](url)": a text, then a link)
    tagged = "* [disposition: merge][Stabilize const](https://example.com/76136)\n"
    assert unsupported_syntax(tagged) == []
    assert html_of(tagged).select_one("a").get_text() == "Stabilize const"


@pytest.mark.parametrize(("body", "line"), [
    ("Text\n\n```go\n{{ x }}\n", 3),  # (never closed: Hugo's docs' IsZero page)
    ("````\nx\n```\n", 1),  # (opened with four backticks, closed with three)
    ("~~~\nx\n```\n", 1),
])
def test_a_fence_that_no_line_closes_is_reported(body: str, line: int) -> None:
    """CommonMark runs such a fence to the end of the page as code; Python-Markdown shows
    it as text, template code and all: it is said at its line."""
    found = unsupported_syntax(body)
    assert [(at, "a code fence that no line closes" in message) for at, message, _ in found] \
        == [(line, True)]


def test_closed_and_indented_fences_are_not_reported() -> None:
    for body in ("```\nok\n```\n", "    ```\n    indented code\n", "````\n```\n````\n",
                 "- item\n\n  ```\n  x\n  ```\n"):
        assert unsupported_syntax(body) == [], body


def test_a_footnote_no_reference_names_keeps_its_text_without_a_link_back() -> None:
    """grab's unused [^note]: its link back went to no reference (a broken anchor that
    stopped the build); its text stays, as Python-Markdown lists it (an empty definition
    takes the next line there, which is not lost)."""
    page = html_of("Body[^b] text[^a].\n\n[^u]: Unused.\n[^a]: A.\n[^b]: B.\n")
    assert [item.get_text().strip("\n\xa0\u21a9") for item in page.select(".footnote li")] == [
        "Unused.", "A.", "B."]
    assert [back["href"] for back in page.select("a.footnote-backref")] == [
        "#fnref:a", "#fnref:b"]
    empty = html_of("Body.\n\n[^bignote]:\nReferences:\n\n- one\n")
    assert "References:" in empty.get_text() and not empty.select("a.footnote-backref")


def test_a_long_construct_is_cut_with_an_ellipsis_a_short_one_shown_whole() -> None:
    long = '{{% tab header="FreeBSD 16 (CURRENT)" %}}'  # (41 characters)
    short = "{{< youtube abc >}}"
    (_, long_message, _), (_, short_message, _) = unsupported_syntax(f"{long}\n\n{short}\n")
    assert long_message.startswith(f"'{long[:40]}\u2026' (")
    assert short_message.startswith(f"'{short}' (")


@pytest.mark.parametrize(("body", "text"), [
    ('#### "QEMU crashes with `HV_ERROR`"\n', "\u201cQEMU crashes with HV_ERROR\u201d"),
    ('It is **bold**"\n', "It is bold\u201d"),
    ("The `cache`'ll fill, `x`'\n", "The cache\u2019ll fill, x\u2019"),
    ('- a "[link](u)"\n', "a \u201clink\u201d"),
    ('Say "`a`" and "*b*".\n', "Say \u201ca\u201d and \u201cb\u201d."),  # (as before)
    ("Plain 'words' here.\n", "Plain \u2018words\u2019 here."),
    ("**Note:**'quoted' word\n", "Note:\u2018quoted\u2019 word"),  # (no apostrophe after
])  # a colon)
def test_a_quote_right_after_code_emphasis_or_a_link_closes(body: str, text: str) -> None:
    """Lima's FAQ headings: a quote after an inline element, at the end of its block or
    before a space (an apostrophe before a letter too) closes, as in goldmark and kramdown."""
    html = html_of(body)
    assert html.get_text().replace("#", "").strip() == text


@pytest.mark.parametrize(("opener", "box"), [("!!!warning", "div.admonition.warning"),
                                             ('???note', "details.note"),
                                             ('???+note', "details.note[open]")])
def test_an_admonition_with_no_space_after_its_marks_keeps_its_code(opener: str,
                                                                    box: str) -> None:
    """pixi's !!!warning "T" (31 boxes): a fence after a blank line inside it is its code,
    as with !!! warning, not indented code outside it."""
    body = f'{opener} "T"\n    Para one.\n\n    Para two:\n\n    ```yaml\n    a: 1\n    ```\n'
    html = html_of(as_markdown(body))
    assert [p.get_text() for p in only(html, box).select("p:not(.admonition-title)")] == [
        "Para one.", "Para two:"]
    assert only(html, f"{box} pre code").get_text() == "a: 1\n"
    shout = "!!!WARNING!!! Do not run:\n\n    echo {word}\n"  # (no admonition: its code
    assert only(html_of(as_markdown(shout)), "pre code").get_text() == "echo {word}\n"  # as is)


def test_three_dots_of_a_longer_run_make_an_ellipsis_as_in_kramdown_and_hugo() -> None:
    """The Rails blog's "show...." (kramdown's show…., goldmark's too), which Smarty left
    as written; code keeps its dots."""
    page = html_of("show.... and ... Wait..... and `a....b`\n")
    assert only(page, "p").get_text() == "show\u2026. and \u2026 Wait\u2026.. and a....b"
