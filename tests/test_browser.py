"""The built site in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Pages load with no console error and no failed request, navigation and search work, dark mode
styles code, nothing scrolls sideways at 360 px, keyboard focus shows, and axe finds nothing.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SITE_PY, copy_demo_site

pytestmark = pytest.mark.slow  # every test here drives a browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: .ci/run installs it (apt-get install -y chromium)",
                    pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install -y chromium); browser tests skipped",
                allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

SEARCH_WORD = "quetzalcoatlus"
PROBE_POST = f"""---
title: Search probe
date: 2026-01-05
tags: [markdown]
---
This post exists so the browser tests can find it by a word that only its body has:
{SEARCH_WORD}.
"""
PAGES = {"home": "", "post": "posts/highlighting-code/", "tag": "tags/markdown/",
         "docs": "docs/writing/", "404": "404.html", "search": f"search/?q={SEARCH_WORD}"}


def build_demo(tmp: Path, base_url: str) -> Path:
    """The demo site (as committed) plus one probe post, built into ``tmp/build`` with
    ``base_url``."""
    root = copy_demo_site(tmp / "site")
    config = (root / "site.toml").read_text(encoding="utf-8")
    config = config.replace('base_url = "https://example.org/"', f'base_url = "{base_url}"')
    # Shards of one page, so that the search page must merge several Pagefind bundles: the
    # demo has more than 16 pages, so there are 16 shards (the most), whatever pages it
    # gains, and the probe post's page falls in shard 11 of them.
    config = config.replace("[build]\n", "[build]\nsearch_shard_pages = 1\n")
    (root / "site.toml").write_text(config, encoding="utf-8")
    (root / "content/posts/search-probe.md").write_text(PROBE_POST, encoding="utf-8")
    result = subprocess.run([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root / "build"


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build under a URL prefix, as a host serves a project under a sub-path."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args: object) -> None:
        pass


SERVED: dict[str, Path] = {}


def site_url_folder(url: str) -> Path:
    """The build folder served at ``url``."""
    return SERVED[url]


@functools.cache
def serve(folder: Path, prefix: str) -> str:
    handler = type("Handler", (PrefixHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    SERVED[url] = folder
    return url


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(build_demo(tmp_path_factory.mktemp("browser"), "https://example.org/"), "/")


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(build_demo(tmp_path_factory.mktemp("browser-sub"), "https://example.org/blog/"),
                 "/blog/")



@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def visit(page: Page, url: str) -> list[str]:
    """Open ``url`` and return every console error, page error and failed request."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}")
            if response.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return problems


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_and_has_no_axe_violations(page: Page, site_url: str, name: str) -> None:
    problems = visit(page, site_url + PAGES[name])
    assert page.title()
    assert problems == []
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_navigation_links_work(page: Page, site_url: str) -> None:
    visit(page, site_url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Docs").click()
    page.wait_for_url(site_url + "docs/")
    page.locator(".docs-sidebar").get_by_role("link", name="Configuration").click()
    page.wait_for_url(site_url + "docs/configuration/")
    assert page.locator("h1").inner_text() == "Configuration"
    page.locator(".site-title").click()
    page.wait_for_url(site_url)
    first = page.locator(".post-list h3 a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("which", ["root", "sub-path"])
def test_search_finds_a_post_by_a_word_only_in_its_body(page: Page, site_url: str,
                                                        subpath_url: str, which: str) -> None:
    base = site_url if which == "root" else subpath_url
    problems = visit(page, base)
    page.locator("a.search-open").click()  # (JavaScript off: the search page, as below)
    page.keyboard.type(SEARCH_WORD)
    overlay = page.locator("dialog a").first
    overlay.wait_for(timeout=10000)
    assert "Search probe" in overlay.inner_text()
    page.goto(f"{base}search/?q={SEARCH_WORD}")
    result = page.locator(".search-results a").first
    result.wait_for(timeout=10000)
    assert result.inner_text() == "Search probe"
    assert page.locator("#search-status").inner_text() == f"1 result for “{SEARCH_WORD}”."
    assert SEARCH_WORD in page.locator(".search-results mark").first.inner_text()
    result.click()
    page.wait_for_url(f"{base}posts/search-probe/")
    assert problems == []


def test_search_merges_the_index_shards(site_url: str) -> None:
    """The probe post is not in the first shard, which the search page loads first: the test
    above finds it only because the page merges the other shards."""
    index = site_url_folder(site_url) / "pagefind"
    shards = json.loads((index / "shards.json").read_text(encoding="utf-8"))
    assert len(shards) > 3

    def words_of(shard: str) -> bytes:
        return b"".join(gzip.decompress(path.read_bytes())
                        for path in (index / shard).rglob("*.pf_*") if path.is_file())

    assert SEARCH_WORD.encode() not in words_of(shards[0])
    assert any(SEARCH_WORD.encode() in words_of(shard) for shard in shards[1:])


def test_search_page_loads_every_shard_while_the_reader_types(page: Page, site_url: str) -> None:
    """A click in the search page's box loads the index, every shard, before Enter: the first
    search does not wait for it."""
    problems = visit(page, site_url + "search/")
    shards = json.loads((site_url_folder(site_url) / "pagefind/shards.json").read_text(
        encoding="utf-8"))
    entries: list[str] = []
    page.on("request", lambda request: entries.append(request.url)
            if "pagefind-entry.json" in request.url else None)
    assert entries == []  # nothing loads until the reader turns to the box
    page.get_by_role("searchbox", name="Words to find").click()
    page.wait_for_timeout(1500)
    assert sorted(url.split("/pagefind/")[1].split("pagefind-entry")[0] for url in entries) \
        == sorted(shards)
    page.get_by_role("searchbox", name="Words to find").fill(SEARCH_WORD)
    page.get_by_role("searchbox", name="Words to find").press("Enter")
    page.locator(".search-results a").first.wait_for(timeout=10000)
    assert page.locator("#search-status").inner_text() == f"1 result for “{SEARCH_WORD}”."
    assert problems == []


def test_search_page_without_javascript_says_why(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    assert "needs JavaScript" in page.locator("main").inner_text()
    page.goto(site_url + PAGES["post"])
    assert page.locator("h1").inner_text() == "Highlighting code in any language"
    context.close()


def code_background(page: Page) -> str:
    return page.locator(".highlight").first.evaluate("e => getComputedStyle(e).backgroundColor")


def test_dark_mode_applies_the_dark_code_style(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    visit(page, site_url + PAGES["post"])
    light = code_background(page)
    page.emulate_media(color_scheme="dark")
    dark = code_background(page)
    assert light == "rgb(246, 248, 250)"  # the theme's --code-bg (Pygments' "xcode" tokens)
    assert dark == "rgb(27, 34, 48)"  # its dark --code-bg (Pygments' "monokai" tokens)
    token = page.locator(".highlight .k").first.evaluate("e => getComputedStyle(e).color")
    assert token == "rgb(102, 217, 239)"  # monokai's keywords
    body = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    assert body == "rgb(17, 24, 39)"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_at_360px(browser: Browser, site_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    visit(page, site_url + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360, f"{name} is {width}px wide"


def test_keyboard_focus_is_visible(page: Page, site_url: str) -> None:
    visit(page, site_url + PAGES["post"])
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e),
        r = e.getBoundingClientRect();
        return {text: e.textContent, outline: s.outlineStyle, width: s.outlineWidth,
                top: r.top}; }""")
    assert skip["text"] == "Skip to content"
    assert skip["outline"] != "none" and skip["width"] != "0px" and skip["top"] >= 0
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {tag: document.activeElement.tagName, outline: s.outlineStyle,
                width: s.outlineWidth}; }""")
    assert focused["tag"] == "A" and focused["outline"] != "none" and focused["width"] != "0px"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_of_the_demo_site_has_no_axe_violations(page: Page, site_url: str,
                                                           scheme: str) -> None:
    """axe on every HTML page (long pages catch what the sample pages above do not), in the
    light and the dark colours."""
    page.emulate_media(color_scheme=scheme)
    out = Path(site_url_folder(site_url))
    failures = {}
    for file in sorted(out.rglob("*.html")):
        relative = file.relative_to(out).as_posix()
        if "http-equiv" in file.read_text(encoding="utf-8")[:600]:
            continue  # an alias: a redirect page, not a page to read
        page.goto(site_url + relative.removesuffix("index.html"), wait_until="networkidle")
        results = Axe().run(page)
        if results.violations_count:
            failures[relative] = results.generate_report()
    assert failures == {}
