"""Escaping: hostile titles, summaries, tags, author names and site settings come back intact
from every output (HTML text and attributes, Atom, RSS, JSON Feed, JSON-LD, JSON API)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_ok, write_site

NASTY = """<script>alert("x")</script> & 'q' ]]> </script><b>b</b>"""
SITE_TITLE = "Site " + NASTY
AUTHOR = "Ann " + NASTY
TITLE = "Post " + NASTY
SUMMARY = "Summary " + NASTY
TAG = "tag " + NASTY
CATEGORY = "cat " + NASTY
ATOM = "{http://www.w3.org/2005/Atom}"


def toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = (f"title = {toml_string(SITE_TITLE)}\ndescription = {toml_string(NASTY)}\n"
              f'base_url = "https://example.org/"\nauthor = {toml_string(AUTHOR)}\n')
    root = write_site(tmp_path_factory.mktemp("escaping") / "site", {
        "content/authors.yml": f"ann:\n  name: {json.dumps(AUTHOR)}\n  bio: {json.dumps(NASTY)}\n",
        "content/posts/nasty.md": (f"---\ntitle: {json.dumps(TITLE)}\n"
                                   f"summary: {json.dumps(SUMMARY)}\n"
                                   f"tags: [{json.dumps(TAG)}]\ncategory: {json.dumps(CATEGORY)}\n"
                                   "author: ann\ndate: 2024-01-01\n---\nBody.\n"),
    }, config)
    return build_ok(root)


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_html_text_and_attributes(out: Path) -> None:
    page = html(out / "posts/nasty/index.html")
    assert page.title.get_text() == f"{TITLE} · {SITE_TITLE}"
    assert page.h1.get_text() == TITLE
    assert page.select_one(".site-title").get_text() == SITE_TITLE
    assert page.select_one('meta[property="og:title"]')["content"] == TITLE
    assert page.select_one('meta[property="og:site_name"]')["content"] == SITE_TITLE
    assert page.select_one('meta[name="description"]')["content"] == SUMMARY
    assert page.select_one('meta[property="article:tag"]')["content"] == TAG
    assert page.select_one('.byline a[rel="author"]').get_text() == AUTHOR
    assert [a.get_text() for a in page.select(".post-terms a")] == [CATEGORY, "#" + TAG]
    scripts = page.select("script:not([src])")  # (the JSON-LD and the colour theme's line)
    assert [script.get("type") for script in scripts] == [None, "application/ld+json"]
    assert scripts[0].string.startswith("try{var t=localStorage")
    assert page.select("b") == []
    author_page = html(out / "authors/ann/index.html")
    assert author_page.h1.get_text() == AUTHOR
    assert NASTY in author_page.select_one(".author p").get_text()


def test_json_ld(out: Path) -> None:
    data = json.loads(html(out / "posts/nasty/index.html")
                      .select_one('script[type="application/ld+json"]').string)
    assert data["headline"] == TITLE
    assert data["author"]["name"] == AUTHOR
    assert data["publisher"]["name"] == SITE_TITLE
    assert data["description"] == SUMMARY
    assert data["keywords"] == [TAG]
    home = json.loads(html(out / "index.html")
                      .select_one('script[type="application/ld+json"]').string)
    assert home["name"] == SITE_TITLE and home["description"] == NASTY


def test_atom_and_rss(out: Path) -> None:
    atom = ET.parse(out / "feed.xml").getroot()
    assert atom.findtext(f"{ATOM}title") == SITE_TITLE
    assert atom.findtext(f"{ATOM}subtitle") == NASTY
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == TITLE
    assert entry.findtext(f"{ATOM}summary") == SUMMARY
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
    assert entry.find(f"{ATOM}category").get("term") == TAG
    channel = ET.parse(out / "rss.xml").getroot().find("channel")
    assert channel.findtext("title") == SITE_TITLE
    item = channel.find("item")
    assert item.findtext("title") == TITLE
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == AUTHOR
    assert item.findtext("category") == TAG
    tag_feed = next((out / "tags").glob("*/feed.xml"))
    assert ET.parse(tag_feed).getroot().findtext(f"{ATOM}title") == f"{SITE_TITLE} – {TAG}"


def test_json_feed_and_api(out: Path) -> None:
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert feed["title"] == SITE_TITLE and feed["authors"][0]["name"] == AUTHOR
    item = feed["items"][0]
    assert (item["title"], item["summary"], item["tags"], item["authors"][0]["name"]) == \
        (TITLE, SUMMARY, [TAG], AUTHOR)
    posts = json.loads((out / "api/posts.json").read_text(encoding="utf-8"))["posts"]
    assert (posts[0]["title"], posts[0]["author"], posts[0]["category"]) == \
        (TITLE, AUTHOR, CATEGORY)
    tags = json.loads((out / "api/tags.json").read_text(encoding="utf-8"))["tags"]
    assert tags[0]["name"] == TAG


def test_headings_in_the_table_of_contents_are_escaped_once(tmp_path: Path) -> None:
    """A heading's typographic quote, code and ampersand show in the contents and the JSON
    API as in the heading itself, not as entities."""
    body = "## Hugo's shortcode\n\nA.\n\n## The `<b>` tag & more\n\nB.\n\n## Three\n\nC.\n"
    root = write_site(tmp_path / "s", {"content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\n"
                                       "---\n" + body}, 'title = "T"\nbase_url = "https://e.org/"\n')
    out = build_ok(root)
    names = ["Hugo\u2019s shortcode", "The <b> tag & more", "Three"]
    page = html(out / "posts/p/index.html")
    assert [link.get_text() for link in page.select("details.toc nav a")] == names
    assert [heading.get_text().removesuffix("#") for heading in page.select(".content h2")] \
        == names
    data = json.loads((out / "api/posts/p.json").read_text(encoding="utf-8"))
    assert [item["name"] for item in data["toc"]] == names
