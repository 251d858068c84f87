"""The theme in a real browser (Playwright with Debian's Chromium): the docs drawer on a
phone, the contents column that stays in view at 1280 px, and the light/dark/auto toggle,
remembered across pages without a flash of the other colours."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext
from test_browser import PAGES, build_demo, serve, visit

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
DARK_BG, LIGHT_BG = "rgb(17, 24, 39)", "rgb(255, 255, 255)"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(build_demo(tmp_path_factory.mktemp("theme"), "https://example.org/blog/"),
                 "/blog/")



def context_of(browser: Browser, viewport: dict[str, int], scheme: str = "light"
               ) -> BrowserContext:
    return browser.new_context(viewport=viewport, color_scheme=scheme)


def test_docs_on_a_phone_start_with_the_text_and_open_the_drawer(browser: Browser,
                                                                 site_url: str) -> None:
    context = context_of(browser, PHONE)
    page = context.new_page()
    assert visit(page, site_url + "docs/writing/") == []
    sidebar = page.locator(".docs-sidebar")
    assert not sidebar.is_visible()
    first_paragraph = page.locator(".doc .content > p").first.bounding_box()
    assert first_paragraph is not None and first_paragraph["y"] < 360  # (was 1085)
    page.locator("label.drawer-label").click()
    assert sidebar.is_visible()
    sidebar.get_by_role("link", name="Configuration").click()
    page.wait_for_url(site_url + "docs/configuration/")
    assert not page.locator(".docs-sidebar").is_visible()  # (closed on the next page)
    contents = page.locator(".doc-contents")
    assert not contents.is_visible()
    page.locator("label.contents-label").click()
    assert contents.is_visible()
    context.close()


def test_nested_navigation_folds_and_opens_where_the_reader_is(browser: Browser,
                                                               site_url: str) -> None:
    context = context_of(browser, LAPTOP)
    page = context.new_page()
    visit(page, site_url + "docs/writing/")
    nested = page.locator(".docs-sidebar").get_by_role("link", name="From Hugo")
    assert not nested.is_visible()
    page.locator(".docs-sidebar .nav-toggle").first.click()
    assert nested.is_visible()
    nested.click()
    page.wait_for_url(site_url + "docs/migrating/hugo/")
    assert page.locator(".docs-sidebar").get_by_role("link", name="From Hugo").is_visible()
    crumbs = page.get_by_role("navigation", name="Breadcrumbs").locator("li")
    assert crumbs.all_inner_texts()[-1] == "From Hugo" and crumbs.count() >= 3
    context.close()


def test_contents_stay_in_view_and_mark_the_section_at_1280px(browser: Browser,
                                                              site_url: str) -> None:
    context = context_of(browser, LAPTOP)
    page = context.new_page()
    visit(page, site_url + "docs/writing/")
    contents = page.locator(".doc-contents")
    text = page.locator(".doc .content > p").first.bounding_box()
    box = contents.bounding_box()
    assert text is not None and box is not None
    assert text["y"] < 300 and box["x"] > text["x"] + 500  # beside the text, not above it
    page.evaluate("document.getElementById('tables').scrollIntoView()")  # (to the top)
    page.evaluate("window.scrollBy(0, 40)")
    page.wait_for_timeout(200)
    box = contents.bounding_box()
    assert box is not None and 0 <= box["y"] < 100  # it stayed in view
    current = page.locator(".doc-contents a[aria-current]")
    assert current.count() == 1 and current.get_attribute("href") == "#tables"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    last = page.locator(".doc-contents a").last
    assert last.get_attribute("aria-current") == "location"  # (it can never reach the top)
    assert last.is_visible() and (last.bounding_box() or {"y": -1})["y"] >= 0
    context.close()


def background(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_the_colour_toggle_is_remembered_without_a_flash(browser: Browser,
                                                         site_url: str) -> None:
    context = context_of(browser, LAPTOP, scheme="light")
    # The body's colour at the first frame the browser draws, on every page load.
    context.add_init_script("""requestAnimationFrame(() => {
        window.firstFrameBackground = getComputedStyle(document.body).backgroundColor; });""")
    page = context.new_page()
    visit(page, site_url)
    toggle = page.locator("[data-theme-toggle]")
    assert toggle.is_visible() and "automatic" in (toggle.get_attribute("aria-label") or "")
    assert background(page) == LIGHT_BG
    toggle.click()  # automatic -> dark (the other scheme than the system's)
    assert "dark" in (toggle.get_attribute("aria-label") or "")
    assert background(page) == DARK_BG
    for path in ("docs/writing/", "posts/highlighting-code/"):
        visit(page, site_url + path)
        assert page.evaluate("window.firstFrameBackground") == DARK_BG
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        code = page.locator(".highlight").first.evaluate(
            "e => getComputedStyle(e.querySelector('pre') || e).color")
        assert code != "rgb(0, 0, 0)"
    page.locator("[data-theme-toggle]").click()  # dark -> light (the system's)
    assert background(page) == LIGHT_BG
    page.locator("[data-theme-toggle]").click()  # light -> automatic
    visit(page, site_url)
    assert page.evaluate("document.documentElement.dataset.theme") is None
    assert page.evaluate("window.firstFrameBackground") == LIGHT_BG
    context.close()


def test_without_javascript_the_toggle_is_hidden_and_pages_read_well(browser: Browser,
                                                                     site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False,
                                  color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "docs/writing/")
    assert not page.locator("[data-theme-toggle]").is_visible()
    assert background(page) == DARK_BG
    page.locator("label.drawer-label").click()  # (a CSS-only drawer)
    assert page.locator(".docs-sidebar").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_pages_have_no_axe_violations(browser: Browser, site_url: str,
                                            scheme: str) -> None:
    """What only a narrow screen shows (the header's icon buttons, the drawer) is
    accessible too."""
    context = context_of(browser, PHONE, scheme)
    page = context.new_page()
    failures = {}
    for name, path in PAGES.items():
        visit(page, site_url + path)
        results = Axe().run(page)
        if results.violations_count:
            failures[name] = results.generate_report()
    context.close()
    assert failures == {}
