"""Figures with captions, code blocks' language labels and the copy button.

An image with a title alone in its paragraph is a figure whose caption is the title; every
code block is ``<div class="code-block">``, with a ``<span class="code-lang">`` naming its
language when it has one, and ``static/code.js`` gives each one a "Copy code" button.
"""
from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image
from playwright.sync_api import Page, sync_playwright

from conftest import PROJECT, build_ok, built_page, write_site
from sitegen.markdown import render_markdown, summary_of

CODE_JS = PROJECT / "static" / "code.js"


def html_of(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(markdown).html, "html.parser")


def only(page: BeautifulSoup | Tag, selector: str) -> Tag:
    found = page.select(selector)
    assert len(found) == 1, f"{len(found)} matches for {selector!r} in {page}"
    return found[0]


# Figures

def test_an_image_with_a_title_alone_in_its_paragraph_is_a_figure() -> None:
    page = html_of('Before.\n\n![Alt text](shot.png "The caption")\n\nAfter.\n')
    figure = only(page, "figure")
    assert [child.name for child in figure.children] == ["img", "figcaption"]
    assert figure.img.attrs == {"alt": "Alt text", "src": "shot.png"}  # no title (tooltip)
    assert figure.figcaption.get_text() == "The caption"
    assert [p.get_text() for p in page.select("p")] == ["Before.", "After."]
    assert figure.parent.name != "p"


def test_a_caption_is_the_title_as_written() -> None:
    page = html_of('![A](x.png "It\'s <b>bold</b> & \\"quoted\\"")\n')
    caption = only(page, "figcaption")
    assert caption.get_text() == 'It\'s <b>bold</b> & "quoted"'
    assert caption.find("b") is None  # text, never markup


@pytest.mark.parametrize("markdown", [
    'A sentence with ![Alt](shot.png "Title") inside.\n',
    '[![Alt](shot.png "Title")](https://example.org/)\n',
    '![Alt](shot.png "Title") ![Alt](shot.png "Title")\n',
    "![Alt](shot.png)\n",
    '![Alt](shot.png "   ")\n',
    '- ![Alt](shot.png "Title")\n',  # (a tight list item has no paragraph)
])
def test_only_an_image_alone_with_a_title_becomes_a_figure(markdown: str) -> None:
    page = html_of(f'{markdown}\n![Alone](alone.png "Alone")\n')
    assert only(page, "figure > img")["src"] == "alone.png"
    others = page.select('img[src="shot.png"]')
    assert others and all(image.find_parent(["p", "li"]) for image in others)
    assert all(image.get("title", "").strip() in ("Title", "") for image in others)


def test_a_figure_keeps_the_attributes_of_attr_list() -> None:
    on_image = html_of('![Alt](shot.png "Caption"){: .wide #shot width="300" }\n')
    image = only(on_image, "figure > img")
    assert (image["class"], image["id"], image["width"]) == (["wide"], "shot", "300")
    assert "title" not in image.attrs
    on_paragraph = html_of('![Alt](shot.png "Caption")\n{: .full }\n')
    assert only(on_paragraph, "figure")["class"] == ["full"]
    assert only(on_paragraph, "figcaption").get_text() == "Caption"


def test_the_summary_skips_a_leading_figure_as_it_skips_images() -> None:
    html = render_markdown('![Alt](shot.png "The caption")\n\nThe first words.\n\nMore.\n').html
    assert BeautifulSoup(html, "html.parser").find(True).name == "figure"
    summary = BeautifulSoup(summary_of(html), "html.parser")
    assert summary.get_text() == "The first words."
    assert summary.select("figure, img") == []


# Code blocks' language labels

def label_of(page: BeautifulSoup) -> str | None:
    """The language label of the one code block of ``page`` (None without one), checking
    that it is the wrapper's first child, before Pygments' block."""
    block = only(page, "div.code-block")
    only(block, "div.highlight")
    labels = block.select(".code-lang")
    assert len(labels) <= 1
    if not labels:
        return None
    assert labels[0].name == "span" and labels[0].parent is block
    assert block.find(True) is labels[0]  # (the first element: read before the code)
    return str(labels[0].get_text())


@pytest.mark.parametrize(("fence", "label"), [
    ("python", "Python"), ("py", "Python"), ("toml", "TOML"), ("bash", "Bash"),
    ("sh", "Bash"), ("js", "JavaScript"), ('{.python .extra}', "Python"),
    ('python title="app.py"', "Python"), ('python hl_lines="1"', "Python"),
])
def test_a_fence_with_a_language_is_labelled_with_its_name(fence: str, label: str) -> None:
    page = html_of(f"```{fence}\nx = 1\n```\n")
    assert label_of(page) == label
    assert page.select_one("div.highlight code").get_text() == "x = 1\n"  # no label in it


@pytest.mark.parametrize("markdown", [
    "```\nplain\n```\n", "```text\nplain\n```\n", "```output\nplain\n```\n",
    "```no-such-language\nplain\n```\n", "    plain indented code\n",
])
def test_code_without_a_known_language_has_no_label(markdown: str) -> None:
    page = html_of(markdown)
    assert label_of(page) is None
    assert page.select_one("div.code-block div.highlight code").get_text().startswith("plain")


@pytest.mark.parametrize(("markdown", "numbered"), [
    ("    :::python\n    x = 1\n", False),
    ("    #!/usr/bin/env python\n    x = 1\n", True),  # (a shebang asks for line numbers)
])
def test_indented_code_is_labelled_like_a_fence(markdown: str, numbered: bool) -> None:
    page = html_of(markdown)
    assert label_of(page) == "Python"
    assert page.select_one("code .n").get_text() == "x"  # highlighted as Python
    assert (page.select_one(".highlighttable") is not None) == numbered


def test_indented_code_is_shown_as_written() -> None:
    page = html_of("    :::html\n    <p>&amp; 1 < 2</p>\n")
    assert label_of(page) == "HTML"
    assert page.select_one("code").get_text() == "<p>&amp; 1 < 2</p>\n"


@pytest.mark.parametrize("fence", ['python linenums="1"', 'python linenums="3 2"',
                                   'python linenums="1" title="app.py"'])
def test_line_numbered_code_has_the_same_wrapper_and_one_label(fence: str) -> None:
    page = html_of(f"```{fence}\nx = 1\ny = 2\n```\n")
    assert label_of(page) == "Python"
    block = only(page, "div.code-block")
    highlight = only(block, "div.highlight")
    assert [child.name for child in block.find_all(True, recursive=False)] == ["span", "div"]
    assert only(highlight, "table.highlighttable").parent is highlight
    assert only(highlight, "td.code code").get_text() == "x = 1\ny = 2\n"
    assert block.select("table .code-lang") == []


def test_a_titled_block_has_its_file_name_and_its_label() -> None:
    page = html_of('```toml title="site.toml"\ntitle = "x"\n```\n')
    assert label_of(page) == "TOML"
    assert only(page, "div.highlight > span.filename").get_text() == "site.toml"


@pytest.mark.parametrize(("language", "label"), [("r", "R"), ("R", "R"), ("splus", "S"),
                                                  ("sh", "Bash")])
def test_a_label_names_the_language_written(language: str, label: str) -> None:
    """Pygments' lexer of R is named "S", the language it shares it with."""
    assert label_of(html_of(f"```{language}\nx <- 1\n```\n")) == label


def test_php_without_its_opening_tag_is_highlighted_as_php() -> None:
    """jonesrussell's 122 PHP blocks of a class's methods, which Hugo's Chroma reads as PHP
    and Pygments as HTML around PHP (no highlighting); one with <?php reads it as ever."""
    page = html_of("```php\npublic function dispatch() {}\n```\n\n"
                   "```php\n<p><?php echo 1; ?></p>\n```\n")
    first, second = page.select("div.highlight code")
    assert [span.get_text() for span in first.select("span.k")] == ["public", "function"]
    assert [span.get_text() for span in second.select("span.cp")] == ["<?php", "?>"]


def test_every_code_block_of_a_page_has_its_own_wrapper() -> None:
    page = html_of("```python\na = 1\n```\n\nText.\n\n    plain\n\n```bash\nls\n```\n")
    blocks = page.select("div.code-block")
    assert [[label.get_text() for label in block.select(".code-lang")] for block in blocks] \
        == [["Python"], [], ["Bash"]]
    assert all(len(block.select("div.highlight")) == 1 for block in blocks)


def test_code_and_tables_can_be_focused_to_scroll_and_nothing_else_is_touched() -> None:
    markdown = ("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = '<pre>'\n```\n\n"
                "    indented\n\n<pre class=\"poem\">As written</pre>\n\n"
                "<script>const marks = \"<pre><table>\";</script>\n")
    page = html_of(markdown)
    assert [element.get("tabindex") for element in page.select("table, pre")] \
        == ["0", "0", "0", None]  # the table, both code blocks; not the author's own <pre>
    assert only(page, "script").string == 'const marks = "<pre><table>";'
    assert page.select("div.code-block pre")[0].get_text() == "x = '<pre>'\n"

# A built site: links, image sizes and summaries with figures; labels in posts

FIXTURE_POST = """\
---
title: Screenshots
date: 2026-01-02
---
![The settings screen](shot.png "The settings, after the change")

Here is what changed, and why.

```python linenums="1"
print("hi")
```

    $ make build
"""


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#3366cc").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("figures") / "site", {
        "content/posts/screenshots/index.md": FIXTURE_POST,
        "content/posts/screenshots/shot.png": png(64, 48),
    })
    return build_ok(root)


def test_a_built_figure_has_its_image_resolved_and_sized(out: Path) -> None:
    content = only(built_page(out, "/posts/screenshots/"), ".content")
    figure = only(content, "figure")
    image = only(figure, "img")
    assert image["src"] == "/posts/screenshots/shot.png"
    assert (image["width"], image["height"]) == ("64", "48")
    assert image["alt"] == "The settings screen" and "title" not in image.attrs
    assert only(figure, "figcaption").get_text() == "The settings, after the change"
    assert (out / "posts/screenshots/shot.png").is_file()


def test_a_built_post_labels_its_code_blocks(out: Path) -> None:
    content = only(built_page(out, "/posts/screenshots/"), ".content")
    blocks = content.select("div.code-block")
    assert [[label.get_text() for label in block.select(".code-lang")] for block in blocks] \
        == [["Python"], []]
    assert blocks[0].select_one(".highlighttable .linenos") is not None


def test_the_listing_summary_is_the_first_paragraph_after_the_figure(out: Path) -> None:
    home = built_page(out, "/")
    assert only(built_page(out, "/posts/screenshots/"), ".content").find(True).name == "figure"
    summary = only(home, ".post-summary .summary")
    assert summary.get_text() == "Here is what changed, and why."
    assert summary.select("figure, img") == []
    post = built_page(out, "/posts/screenshots/")
    description = post.select_one('meta[name="description"]')
    assert description is not None and description["content"].startswith("Here is what")


# The copy button's script

def test_the_copy_script_adds_a_named_button_by_progressive_enhancement() -> None:
    script = CODE_JS.read_text(encoding="utf-8")
    assert len(CODE_JS.read_bytes()) < 1536
    assert '"Copy code"' in script and 'type: "button"' in script
    assert '"Copied"' in script and '"status"' in script  # announced: role="status"
    assert "navigator.clipboard.writeText" in script and 'execCommand("copy")' in script
    assert ".code-block" in script and '.querySelector(".code-copy")' in script  # once
    assert not re.search(r"""["'`](?:https?:)?/""", script)  # no URL: works under a sub-path
    assert "import " not in script  # no dependency


# The copy button in a browser (slow: skipped without Chromium, as tests/test_browser.py)

CHROMIUM = shutil.which("chromium")
ORIGIN = "http://localhost:8765"  # (served by the test itself: localhost is a secure context)
PAGE_MARKDOWN = """\
```python linenums="1"
def f():
    return 1
```

```console
$ make build
Built 12 pages.
$ make check
```

    plain
"""


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Callable[..., Page]]:
    """Opens the page of PAGE_MARKDOWN (its script at a path relative to it, as under a
    sub-path), where ``window.copied`` lists what was copied, by the Clipboard API or (with
    ``clipboard=False``, as over http) by the fallback."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    body = render_markdown(PAGE_MARKDOWN).html
    html = (f'<!doctype html><html lang="en"><title>Code</title><main>{body}</main>'
            f'<script type="module" src="static/code.js"></script>')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

        def open_page(javascript: bool = True, clipboard: bool = True) -> Page:
            page = browser.new_context(java_script_enabled=javascript).new_page()
            page.route(f"{ORIGIN}/**", lambda route: route.fulfill(
                body=CODE_JS.read_text(encoding="utf-8"), content_type="text/javascript")
                if "/static/" in route.request.url else
                route.fulfill(body=html, content_type="text/html"))
            page.add_init_script(  # what the page copies, by either way
                "window.copied = [];" + (
                    "navigator.clipboard.writeText = async (t) => { copied.push(t); };"
                    if clipboard else
                    "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                    "document.addEventListener('copy', (e) => copied.push(e.target.value));"))
            page.goto(f"{ORIGIN}/posts/x/")
            return page

        yield open_page
        browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("clipboard", [True, False])
def test_the_copy_button_copies_the_code_alone(browser_page: Callable[..., Page],
                                               clipboard: bool) -> None:
    page = browser_page(clipboard=clipboard)
    buttons = page.get_by_role("button", name="Copy code")
    page.wait_for_function("document.querySelectorAll('.code-copy').length === 3")
    assert buttons.count() == 3
    for index in range(3):
        buttons.nth(index).focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"copied.length === {index + 1}")
        status = page.locator(".code-block").nth(index).get_by_role("status")
        assert status.inner_text() == "Copied"
        assert page.evaluate("document.activeElement.className") == "code-copy"
    assert page.evaluate("copied") == ["def f():\n    return 1", "make build\nmake check",
                                       "plain"]
    page.add_script_tag(url=f"{ORIGIN}/static/code.js?again", type="module")
    page.wait_for_timeout(200)
    assert buttons.count() == 3  # idempotent


@pytest.mark.slow
def test_without_javascript_there_is_no_button(browser_page: Callable[..., Page]) -> None:
    page = browser_page(javascript=False)
    assert page.locator("button").count() == 0
    assert page.locator(".code-lang").first.inner_text() == "Python"
