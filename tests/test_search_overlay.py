"""The header's search overlay, in Debian's Chromium driven by Playwright, on the demo site
built for ``https://example.org/blog/`` and served under ``/blog/``.

"/", Ctrl+K or a click on the header's search link opens a modal dialog with the focus in its
box; typing shows the matching pages, each with its matching sections linked to their
anchors, without pressing Enter; the arrow keys move through them; Esc closes it and the focus
goes back to the link. The index loads when the overlay first opens, every request stays on
the site's host, and axe finds nothing in the open overlay, light or dark. The /search/ page
searches as you type too, from ``?q=`` in its address.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from conftest import SITE_PY, copy_demo_site

pytestmark = pytest.mark.slow  # every test here drives a browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing: .ci/run installs it (apt-get install -y chromium)",
                    pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install -y chromium); search overlay "
                "tests skipped", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, Route, expect  # noqa: E402

WORD = "zyzzyva"  # in one section of the probe post, nowhere else
PROBE_POST = f"""---
title: Overlay probe
date: 2026-01-06
---
This post exists so that the overlay's tests find one page, and one section of it.

## Where the word lives

The {WORD} is here, under a heading of its own.

## Another section

Nothing to find here.
"""
PROBE_URL = "/blog/posts/overlay-probe/"
OVERLAY = ".search-dialog"


class UnderBlog(http.server.SimpleHTTPRequestHandler):
    """Serves the build under /blog/, as a host serves a project under a sub-path."""

    def translate_path(self, path: str) -> str:
        if not path.startswith("/blog/"):
            return "/nonexistent"
        return super().translate_path(path.removeprefix("/blog"))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the demo site plus the probe post, built for /blog/ in shards of one page
    (so the overlay must merge the index's bundles) and served there."""
    root = copy_demo_site(tmp_path_factory.mktemp("overlay") / "site")
    config = (root / "site.toml").read_text(encoding="utf-8")
    config = config.replace('base_url = "https://example.org/"',
                            'base_url = "https://example.org/blog/"')
    config = config.replace("[build]\n", "[build]\nsearch_shard_pages = 1\n")
    (root / "site.toml").write_text(config, encoding="utf-8")
    (root / "content/posts/overlay-probe.md").write_text(PROBE_POST, encoding="utf-8")
    result = subprocess.run([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(UnderBlog, directory=str(root / "build")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/blog/"
    server.shutdown()



class Traffic:
    """Every request a page made, and its problems: requests that left the host (aborted),
    failed or were refused, console errors and uncaught exceptions."""

    def __init__(self, page: Page, host: str) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.host = host
        page.route("**/*", self.stay_on_the_host)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        page.on("response", lambda response: self.problems.append(
            f"{response.status}: {response.url}") if response.status >= 400 else None)
        page.on("console", lambda message: self.problems.append(f"console: {message.text}")
                if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def stay_on_the_host(self, route: Route) -> None:
        if urlsplit(route.request.url).netloc == self.host:
            route.continue_()
        else:
            self.problems.append(f"left the host: {route.request.url}")
            route.abort()

    def index_requests(self) -> list[str]:
        return [url for url in self.requests if "/pagefind/" in url]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def traffic(page: Page, site: str) -> Traffic:
    return Traffic(page, urlsplit(site).netloc)


def open_post(page: Page, site: str) -> None:
    page.goto(site + "posts/highlighting-code/", wait_until="networkidle")


def press_slash(page: Page) -> None:
    """Open the overlay with "/" and wait for its styles (it is transparent until then)."""
    page.keyboard.press("/")
    expect(page.locator(OVERLAY)).to_be_visible()
    expect(page.locator(OVERLAY)).to_have_css("opacity", "1")


def search_in_overlay(page: Page, words: str) -> None:
    press_slash(page)
    page.keyboard.type(words)
    expect(page.locator(f"{OVERLAY} .search-hits > li").first).to_be_visible(timeout=10000)


def test_slash_opens_the_overlay_with_the_focus_in_its_box(
        page: Page, site: str, traffic: Traffic) -> None:
    open_post(page, site)
    assert page.locator(OVERLAY).count() == 0
    assert traffic.index_requests() == []  # nothing of the index with the page
    with page.expect_request("**/blog/pagefind/shards.json"):  # the index, as it opens
        page.keyboard.press("/")
    overlay = page.get_by_role("dialog", name="Search this site")
    expect(overlay).to_be_visible()
    box = overlay.get_by_role("searchbox", name="Search this site")
    expect(box).to_be_focused()
    assert box.input_value() == ""  # the "/" opened it, it is not a word to find
    expect(overlay.get_by_role("status")).to_have_text("")
    # Modal: the rest of the page cannot take the focus.
    assert page.evaluate("document.querySelector('dialog').matches(':modal')")
    link = page.locator("[data-search-overlay]")
    assert not link.evaluate("e => { e.focus(); return document.activeElement === e; }")
    expect(box).to_be_focused()
    assert traffic.problems == []


def test_slash_in_a_text_field_is_a_character(page: Page, site: str) -> None:
    page.goto(site + "search/", wait_until="networkidle")
    page.get_by_role("searchbox", name="Words to find").press("/")
    assert page.locator(OVERLAY).count() == 0
    assert page.get_by_role("searchbox", name="Words to find").input_value() == "/"
    page.locator("h1").click()  # out of the box, "/" opens the overlay
    press_slash(page)


def test_typing_shows_pages_with_their_matching_sections(
        page: Page, site: str, traffic: Traffic) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    overlay = page.locator(OVERLAY)
    expect(overlay.get_by_role("status")).to_have_text(f"1 result for “{WORD}”.")
    results = overlay.locator(".search-hits > li")
    assert results.count() == 1
    title = results.get_by_role("heading").get_by_role("link")
    assert title.inner_text() == "Overlay probe"
    assert title.get_attribute("href") == PROBE_URL
    sections = results.locator("ul a")
    assert sections.count() == 1
    href = sections.first.get_attribute("href") or ""
    assert href.startswith("/blog/") and "#" in href, href
    assert href == f"{PROBE_URL}#where-the-word-lives"
    assert sections.first.locator("strong").inner_text() == "Where the word lives"
    assert sections.first.locator("mark").inner_text().lower() == WORD
    # Every shard was merged: the probe's page is in one of them, not necessarily the first.
    shards = [url for url in traffic.index_requests() if "pagefind-entry.json" in url]
    assert len(shards) > 3
    assert traffic.problems == []


def test_results_change_as_you_type_and_say_when_nothing_matches(page: Page, site: str) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    status = page.locator(OVERLAY).get_by_role("status")
    expect(status).to_have_text(f"1 result for “{WORD}”.")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("qqqqqqqq")
    expect(status).to_have_text("No results for “qqqqqqqq”.")
    assert page.locator(f"{OVERLAY} .search-hits > li").count() == 0
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("pagefind")  # many pages: the overlay shows 8 and links to the rest
    expect(status).to_contain_text("results for “pagefind”.")
    count = int(status.inner_text().split()[0])
    assert count > 8
    assert page.locator(f"{OVERLAY} .search-hits > li").count() == 8
    more = page.get_by_role("link", name=f"All {count} results")
    assert more.get_attribute("href") == f"{site}search/?q=pagefind"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")
    expect(status).to_have_text("")
    assert page.locator(f"{OVERLAY} .search-hits > li").count() == 0
    expect(more).to_be_hidden()


def test_escape_closes_it_and_the_focus_returns_to_the_link(page: Page, site: str) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    page.keyboard.press("Escape")
    expect(page.locator(OVERLAY)).to_be_hidden()
    expect(page.locator("[data-search-overlay]")).to_be_focused()
    page.keyboard.press("Control+k")  # opens again, with the last search
    expect(page.locator(OVERLAY)).to_be_visible()
    expect(page.locator(OVERLAY).get_by_role("searchbox")).to_have_value(WORD)
    page.get_by_role("button", name="Close").click()
    expect(page.locator(OVERLAY)).to_be_hidden()
    expect(page.locator("[data-search-overlay]")).to_be_focused()


def test_clicking_the_header_link_opens_it_on_the_page(page: Page, site: str) -> None:
    open_post(page, site)
    page.locator("[data-search-overlay]").click()
    expect(page.locator(OVERLAY)).to_have_css("opacity", "1")  # its styles are in
    expect(page.locator(OVERLAY).get_by_role("searchbox")).to_be_focused()
    assert page.url == site + "posts/highlighting-code/"
    css = page.locator("[data-search-overlay]").get_attribute("data-search-css") or ""
    assert re.fullmatch(r"/blog/static/search-overlay\.\w+\.css", css), css
    assert page.evaluate("u => [...document.styleSheets].some(s => s.href?.endsWith(u))", css)


def test_arrow_keys_move_through_the_results_and_enter_opens_one(
        page: Page, site: str, traffic: Traffic) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    links = page.locator(f"{OVERLAY} .search-hits a")
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(OVERLAY).get_by_role("searchbox")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}posts/overlay-probe/#where-the-word-lives")
    assert traffic.problems == []


def test_enter_in_the_box_opens_the_first_result(page: Page, site: str) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}posts/overlay-probe/")


def test_search_page_shows_results_from_its_address_as_you_type(
        page: Page, site: str, traffic: Traffic) -> None:
    page.goto(f"{site}search/?q={WORD}", wait_until="networkidle")
    box = page.get_by_role("searchbox", name="Words to find")
    assert page.locator("main").get_by_role("searchbox").count() == 1  # one box
    assert page.locator("main").get_by_role("button").count() == 0
    expect(box).to_have_value(WORD)
    expect(page.locator("#search-status")).to_have_text(f"1 result for “{WORD}”.")
    section = page.locator(".search-results ul a").first
    assert section.get_attribute("href") == f"{PROBE_URL}#where-the-word-lives"
    box.fill("")
    box.press_sequentially("shard")  # a word of the docs' search page, without Enter
    expect(page.locator("#search-status")).to_contain_text("for “shard”")
    assert page.url == f"{site}search/?q=shard"
    assert page.locator(".search-results > li").count() >= 1
    assert traffic.problems == []


def test_no_request_leaves_the_host(page: Page, site: str, traffic: Traffic) -> None:
    open_post(page, site)
    search_in_overlay(page, WORD)
    page.keyboard.press("Escape")
    page.goto(f"{site}search/?q={WORD}", wait_until="networkidle")
    expect(page.locator("#search-status")).to_have_text(f"1 result for “{WORD}”.")
    assert traffic.requests
    assert all(url.startswith(site) for url in traffic.requests), traffic.requests
    assert traffic.problems == []


def test_without_an_index_the_overlay_says_so(page: Page, site: str) -> None:
    """As in the preview server, which builds no index."""
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="Not found"))
    open_post(page, site)
    page.keyboard.press("/")
    expect(page.locator(OVERLAY).get_by_role("status")).to_contain_text("make build")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_overlay_has_no_axe_violations(page: Page, site: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_post(page, site)
    search_in_overlay(page, WORD)
    page.keyboard.press("ArrowDown")  # a focused result too
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    background = page.locator(OVERLAY).evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == ("rgb(17, 24, 39)" if scheme == "dark" else "rgb(255, 255, 255)")


@pytest.mark.parametrize(("width", "expected"), [(390, 390), (1280, 640)])
def test_full_screen_on_phones_and_a_centred_panel_on_desktops(browser: Browser, site: str,
                                                               width: int, expected: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site, wait_until="networkidle")
    search_in_overlay(page, "pagefind")  # long excerpts: they wrap, never scroll sideways
    box = page.locator(OVERLAY).bounding_box()
    sideways = page.locator(OVERLAY).evaluate("e => e.scrollWidth - e.clientWidth")
    context.close()
    assert box is not None
    assert (box["x"], box["width"]) == ((width - expected) / 2, expected)
    if width == 390:
        assert (box["y"], box["height"]) == (0, 800)
    assert sideways == 0
