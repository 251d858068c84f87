"""The switches of site.toml: each one makes its outputs appear or disappear (pages, feeds,
sitemap, search index, JSON API, cards), and a site with everything off publishes only its
pages and one feed."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, build, build_ok, built_page, write_site

POSTS = {
    f"content/posts/post-{number}.md": f"""\
        ---
        title: Post {number}
        date: 2024-01-0{number}
        tags: [python]
        category: notes
        ---
        First paragraph of post {number}.

        Second paragraph, only in the full text {number}.
        """
    for number in range(1, 4)
}
FILES = {**POSTS, "content/about.md": "---\ntitle: About\n---\nAbout this site.\n"}
CONFIG = DEFAULT_CONFIG.replace("posts_per_page = 5", "posts_per_page = 2")


def build_with(root: Path, settings: str = "", feeds: str = "") -> Path:
    """Build the fixture site with top-level ``settings`` and ``[feeds]`` keys added."""
    config = settings + "\n" + CONFIG + (f"\n[feeds]\n{feeds}\n" if feeds else "")
    return build_ok(write_site(root, FILES, config))


def files_of(out: Path) -> set[str]:
    """Every file of a build, relative to it (the marker left out); a static file by its
    name without its content hash (``static/style.css``)."""
    files = set()
    for path in out.rglob("*"):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and path.name != ".sitegen-build":
            if relative.startswith("static/"):
                stem, _, suffix = path.name.rsplit(".", 2)
                relative = f"static/{stem}.{suffix}"
            files.add(relative)
    return files


def sitemap_paths(out: Path) -> set[str]:
    """The site paths the sitemap lists."""
    tree = ET.parse(out / "sitemap.xml")
    return {element.text.removeprefix("https://example.org") for element in tree.iter()
            if element.tag.endswith("loc") and element.text}


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(tmp_path_factory.mktemp("default"))


# Each switch: the files it publishes when on, and what its pages show of it.
SWITCH_FILES = {
    "search": {"search/index.html", "pagefind/shards.json", "static/search.js",
               "static/search-overlay.js", "static/search-overlay.css"},
    "social_cards": {"posts/post-1/card.jpg", "posts/post-3/card.jpg"},
    "json_api": {"api/posts.json", "api/tags.json", "api/posts/post-1.json"},
    "categories": {"categories/index.html", "categories/notes/index.html",
                   "categories/notes/feed.xml"},
}


@pytest.mark.parametrize("switch", sorted(SWITCH_FILES))
def test_each_switch_is_on_by_default(default_build: Path, switch: str) -> None:
    assert SWITCH_FILES[switch] <= files_of(default_build)


@pytest.mark.parametrize("switch", sorted(SWITCH_FILES))
def test_a_switch_turned_off_removes_its_files_and_only_them(
        default_build: Path, tmp_path: Path, switch: str) -> None:
    out = build_with(tmp_path, f"{switch} = false")
    files = files_of(out)
    assert not SWITCH_FILES[switch] & files
    others = set().union(*(paths for name, paths in SWITCH_FILES.items() if name != switch))
    assert others <= files
    removed = files_of(default_build) - files
    assert all(path.startswith(("search/", "pagefind/", "api/", "categories/", "static/search"))
               or path.endswith("card.jpg") for path in removed), removed


def test_search_off_removes_the_form_page_and_sitemap_entry(default_build: Path,
                                                            tmp_path: Path) -> None:
    assert built_page(default_build, "/").select_one("[data-search-overlay]") is not None
    assert "/search/" in sitemap_paths(default_build)
    out = build_with(tmp_path, "search = false")
    assert built_page(out, "/").select_one("[data-search-overlay]") is None
    assert "/search/" not in sitemap_paths(out)
    assert not (out / "pagefind").exists()


def test_social_cards_off_leaves_og_image_to_front_matter(default_build: Path,
                                                          tmp_path: Path) -> None:
    card = built_page(default_build, "/posts/post-1/").select_one("meta[property='og:image']")
    assert card is not None and card["content"].endswith("/posts/post-1/card.jpg")
    out = build_with(tmp_path, "social_cards = false")
    page = built_page(out, "/posts/post-1/")
    assert page.select_one("meta[property='og:image']") is None
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary"
    assert "card.jpg" not in (out / "posts/post-1/index.html").read_text(encoding="utf-8")


def test_categories_off_shows_no_category_link(default_build: Path, tmp_path: Path) -> None:
    assert built_page(default_build, "/posts/post-1/").select_one("a.category") is not None
    out = build_with(tmp_path, "categories = false")
    assert built_page(out, "/posts/post-1/").select_one("a.category") is None
    assert not any(path.startswith("/categories/") for path in sitemap_paths(out))


def test_paginate_terms_off_lists_a_tag_on_one_page(default_build: Path,
                                                   tmp_path: Path) -> None:
    assert (default_build / "tags/python/page/2/index.html").is_file()
    assert "Post 1" not in (default_build / "tags/python/index.html").read_text(encoding="utf-8")
    out = build_with(tmp_path, "paginate_terms = false")
    assert not (out / "tags/python/page/2").exists()
    assert not (out / "categories/notes/page/2").exists()
    page = (out / "tags/python/index.html").read_text(encoding="utf-8")
    assert all(f"Post {number}" in page for number in range(1, 4))
    assert (out / "page/2/index.html").is_file()  # (the home page's list is still paginated)


def test_feed_formats_choose_the_feeds_and_their_links(tmp_path: Path) -> None:
    out = build_with(tmp_path, feeds='formats = ["rss"]')
    files = files_of(out)
    assert {"rss.xml", "tags/python/rss.xml", "posts/rss.xml"} <= files
    assert not {"feed.xml", "feed.json", "tags/python/feed.xml"} & files
    home = built_page(out, "/")
    assert [link["href"] for link in home.select("link[rel=alternate]")] == ["/rss.xml"]
    assert [a["href"] for a in home.select("footer a") if "xml" in a["href"]] == ["/rss.xml"]


def test_no_per_term_feeds(default_build: Path, tmp_path: Path) -> None:
    tag_page = built_page(default_build, "/tags/python/")
    assert tag_page.find("a", string="Feed for “python”") is not None
    out = build_with(tmp_path, feeds="per_term = false")
    files = files_of(out)
    assert {"feed.xml", "rss.xml", "feed.json"} <= files
    assert not [path for path in files if path.endswith(("feed.xml", "rss.xml", "feed.json"))
                and "/" in path]
    tag_page = built_page(out, "/tags/python/")
    assert tag_page.find("a", string="Feed for “python”") is None
    assert len(tag_page.select("link[rel=alternate]")) == 3  # (the site's own)


def test_feed_summaries_and_limit(default_build: Path, tmp_path: Path) -> None:
    full = (default_build / "feed.xml").read_text(encoding="utf-8")
    assert "only in the full text" in full and full.count("<entry>") == 3
    out = build_with(tmp_path, feeds='content = "summary"\nlimit = 2')
    atom = ET.parse(out / "feed.xml").getroot()
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2
    assert all(entry.find("{http://www.w3.org/2005/Atom}content") is None for entry in entries)
    assert "First paragraph" in entries[0].find("{http://www.w3.org/2005/Atom}summary").text
    rss = (out / "rss.xml").read_text(encoding="utf-8")
    assert rss.count("<item>") == 2 and "only in the full text" not in rss
    items = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    assert len(items) == 2 and "only in the full text" not in items[0]["content_html"]
    assert "First paragraph" in items[0]["content_html"]


EVERYTHING_OFF = """\
search = false
social_cards = false
json_api = false
categories = false
paginate_terms = false
"""


def test_everything_off_publishes_only_pages_and_one_feed(tmp_path: Path) -> None:
    out = build_with(tmp_path, EVERYTHING_OFF, feeds='formats = ["atom"]\nper_term = false')
    files = files_of(out)
    not_pages = {path for path in files if not path.endswith(".html")
                 and not path.startswith("static/")}
    assert not_pages == {"feed.xml", "sitemap.xml", "robots.txt"}
    assert not [path for path in files if path.startswith("static/search")]
    pages = {path for path in files if path.endswith(".html")}
    assert {"index.html", "posts/post-1/index.html", "about/index.html",
            "tags/python/index.html", "404.html"} <= pages
    assert not any(path.startswith(("search/", "categories/", "api/")) for path in pages)
    assert sitemap_paths(out) == {"/" + path.removesuffix("index.html") for path in pages
                                  if path != "404.html"}


@pytest.mark.parametrize("setting, message", [
    ("search = \"no\"", "search must be true or false"),
    ("[feeds]\nformats = [\"atom\", \"rss2\"]", "[feeds] formats must be a list"),
    ("[feeds]\ncontent = \"excerpt\"", "[feeds] content must be \"full\" or \"summary\""),
    ("[feeds]\nlimit = 0", "[feeds] limit must be a positive whole number"),
    ("[feeds]\nper_term = \"false\"", "[feeds] per_term must be true or false"),
])
def test_a_switch_with_a_wrong_value_is_a_clear_error(tmp_path: Path, setting: str,
                                                      message: str) -> None:
    root = write_site(tmp_path, FILES, CONFIG + "\n" + setting + "\n")
    result = build(root)
    assert result.returncode == 1
    assert message in result.stderr and "site.toml:" in result.stderr
    assert "Traceback" not in result.stderr
