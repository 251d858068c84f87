"""Publishing: taxonomies, authors, archives, feeds, sitemap, metadata, cards, API and rules.

Each fixture site below is built once per module with ``python site.py build`` into a temporary
folder; the tests read the real files of that build (HTML with BeautifulSoup, XML with
ElementTree, JSON with json, PNG with Pillow).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import build, build_ok, soup, write_site

ORIGIN = "https://example.org"
BASE = "https://example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

TRICKY_TITLE = 'Tom & "Jerry" </script><b>bold</b> ]]>'
TRICKY_TAG = "<i>x</i>"
TRICKY_SUMMARY = 'Cat & mouse </script><script>alert("x")</script> chase'

DRAFT_WORD = "zanzibarqx"
FUTURE_WORD = "quokkafuture"


def png(width: int, height: int, color: str = "#336699") -> bytes:
    """A real PNG image of the given size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def long_body(total_words: int) -> str:
    """A body of exactly ``total_words`` words: an opening line, three sections and filler."""
    opening = "Opening of the long read."  # 5 words
    headings = ["## Section one", "## Section two", "## Section three"]  # 6 words
    filler = total_words - 5 - 6
    per_part = [filler // 3, filler // 3, filler - 2 * (filler // 3)]
    parts = [opening]
    for heading, count in zip(headings, per_part, strict=True):
        parts += [heading, " ".join(["lorem"] * count)]
    return "\n\n".join(parts) + "\n"


CONFIG = """\
title = "Test Site"
description = "A site for tests"
base_url = "https://example.org/"
author = "Tess Ter"
timezone = "UTC"
posts_per_page = 3
"""

AUTHORS = """\
ada:
  name: Ada Lovelace
  bio: Writes about analytical engines.
  avatar: https://images.example.com/ada.png
  links:
    - name: Website
      url: https://ada.example.com/
    - name: Mastodon
      url: https://social.example.com/@ada
"""

# slug -> date: the nine published posts of the main site, newest first.
POSTS = {
    "escape": "2024-05-01",
    "bundle": "2024-04-01",
    "reading": "2024-03-01",
    "frontmatter-summary": "2024-02-01",
    "more-summary": "2024-01-15",
    "first-paragraph": "2023-12-01",
    "tags-one": "2023-06-01",
    "tags-two": "2023-05-01",
    "unrelated": "2023-01-01",
}
PYTHON_POSTS = {"reading", "frontmatter-summary", "more-summary", "tags-two"}

BLOG_FILES: dict[str, str | bytes] = {
    "content/authors.yml": AUTHORS,
    "content/about.md": """
        ---
        title: About this site
        ---

        A page about the site.
        """,
    "content/posts/escape.md": f"""
        ---
        title: '{TRICKY_TITLE}'
        date: {POSTS['escape']}
        tags: ["{TRICKY_TAG}"]
        summary: '{TRICKY_SUMMARY}'
        ---

        A plain paragraph about a cat and a mouse.
        """,
    "content/posts/bundle/index.md": f"""
        ---
        title: Pictures in a bundle
        date: {POSTS['bundle']}
        author: ada
        category: News
        tags: [images]
        image: cover.png
        ---

        Here is a diagram, and a link to [the long read](../reading.md).

        ![Diagram](diagram.png)

        ![Second picture](second.png)

        ![Third picture](third.png)
        """,
    "content/posts/bundle/cover.png": png(640, 320, "#aa0000"),
    "content/posts/bundle/diagram.png": png(200, 100),
    "content/posts/bundle/second.png": png(300, 150),
    "content/posts/bundle/third.png": png(120, 90),
    "content/posts/reading.md": textwrap.dedent(f"""
        ---
        title: The long read
        date: {POSTS['reading']}
        updated: 2024-06-15
        tags: [python, flask, testing]
        ---

        """).lstrip("\n") + long_body(700),
    "content/posts/frontmatter-summary.md": f"""
        ---
        title: Summary in front matter
        date: {POSTS['frontmatter-summary']}
        summary: Hand-written summary FMSUMMARY.
        tags: [python, flask]
        ---

        Body paragraph FMBODY.

        More text.
        """,
    "content/posts/more-summary.md": f"""
        ---
        title: Summary before the marker
        date: {POSTS['more-summary']}
        tags: [python]
        ---

        Teaser MOREINTRO.

        <!--more-->

        Rest of the post MOREREST.
        """,
    "content/posts/first-paragraph.md": f"""
        ---
        title: Summary from the first paragraph
        date: {POSTS['first-paragraph']}
        tags: [testing]
        ---

        Opening FIRSTPARA.

        Second paragraph SECONDPARA.
        """,
    "content/posts/tags-one.md": f"""
        ---
        title: Tags with odd characters
        date: {POSTS['tags-one']}
        author: Unknown Person
        category: Tutorials
        tags: ["web development", "Café", "Web Dev", "client/server", "日本語"]
        aliases: [/old/url/]
        ---

        Tags with spaces, slashes, accents and CJK.
        """,
    "content/posts/tags-two.md": f"""
        ---
        title: Another web dev post
        date: {POSTS['tags-two']}
        author: ada
        category: Tutorials
        tags: [web-dev, python, flask, testing]
        ---

        The same tag, spelled differently.
        """,
    "content/posts/unrelated.md": f"""
        ---
        title: Nothing in common
        date: {POSTS['unrelated']}
        tags: [gardening]
        ---

        About tomatoes.
        """,
    f"content/posts/{DRAFT_WORD}-secret.md": f"""
        ---
        title: {DRAFT_WORD.capitalize()} secret
        date: 2024-01-01
        draft: true
        category: {DRAFT_WORD}
        tags: [{DRAFT_WORD}]
        ---

        The {DRAFT_WORD} body must never be published.
        """,
    f"content/posts/{FUTURE_WORD}-launch.md": f"""
        ---
        title: {FUTURE_WORD.capitalize()} launch
        date: 2999-01-01
        author: ada
        category: {FUTURE_WORD}
        tags: [{FUTURE_WORD}]
        ---

        The {FUTURE_WORD} text is for the far future.
        """,
    "static/style.css": "body { color: #123456; } /* MAINSTYLE */\n",
}


# --- Helpers ----------------------------------------------------------------------------------

def site_path(out: Path, file: Path) -> str:
    """The site path a built file is served at: ``build/a/b/index.html`` -> ``/a/b/``."""
    rel = file.relative_to(out).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def target_file(out: Path, url: str, prefix: str = "/") -> Path:
    """The built file a site link points to (``/blog/x/#y`` -> ``build/x/index.html``)."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(prefix), url
    rest = path[len(prefix):]
    if rest == "" or rest.endswith("/"):
        rest += "index.html"
    return out / rest


def is_redirect(page: BeautifulSoup) -> bool:
    """Whether a page is an alias (meta refresh) page."""
    return page.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}) is not None


def html_pages(out: Path) -> dict[str, BeautifulSoup]:
    """Every HTML file of a build, parsed, by site path."""
    return {site_path(out, file): soup(file) for file in sorted(out.rglob("*.html"))}


def meta(page: BeautifulSoup, **attrs: str) -> str | None:
    """The ``content`` of the first ``<meta>`` matching ``attrs``."""
    tag = page.find("meta", attrs=attrs)
    return tag.get("content") if tag is not None else None


def json_ld(page: BeautifulSoup) -> dict:
    """The page's JSON-LD, parsed."""
    script = page.find("script", attrs={"type": "application/ld+json"})
    assert script is not None, "no JSON-LD script"
    return json.loads(script.string)


def post_url(slug: str) -> str:
    return f"/posts/{slug}/"


def listed_posts(page: BeautifulSoup) -> list[str]:
    """Post URLs listed (in order) by a home, tag, category or author page."""
    return [article.find(["h2", "h3"]).find("a")["href"]
            for article in page.select("article.post-summary")]


def all_home_pages(out: Path) -> list[BeautifulSoup]:
    """The home page and its numbered pages."""
    found = [soup(out / "index.html")]
    number = 2
    while (out / "page" / str(number) / "index.html").exists():
        found.append(soup(out / "page" / str(number) / "index.html"))
        number += 1
    return found


def content_links(html: str) -> list[str]:
    """Every href/src inside an HTML fragment."""
    fragment = BeautifulSoup(html, "html.parser")
    return [tag.get(attr) for tag in fragment.find_all(True) for attr in ("href", "src")
            if tag.get(attr) is not None]


# --- Fixture sites ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The main fixture site, built once: nine posts, a draft, a scheduled post, a bundle."""
    root = write_site(tmp_path_factory.mktemp("blog") / "site", BLOG_FILES, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    out = root / "build"
    return SimpleNamespace(root=root, out=out, stdout=result.stdout, stderr=result.stderr,
                           pages=html_pages(out))


SUBPATH_CONFIG = CONFIG.replace('base_url = "https://example.org/"',
                                'base_url = "https://example.org/blog/"'
                                ).replace("posts_per_page = 3", "posts_per_page = 1")

SUBPATH_FILES: dict[str, str | bytes] = {
    "content/authors.yml": AUTHORS,
    "content/index.md": """
        ---
        title: Welcome
        ---

        See [the about page](about.md) and [the first post](/posts/first/).
        """,
    "content/about.md": """
        ---
        title: About
        ---

        Read [the bundle post](posts/pictures/index.md#the-pictures).
        """,
    "content/posts/first.md": """
        ---
        title: First
        date: 2024-01-01
        author: ada
        category: Notes
        tags: [web development, Café]
        aliases: [/old/first/]
        ---

        Go to [about](/about/) or [the pictures](pictures/index.md).
        """,
    "content/posts/pictures/index.md": """
        ---
        title: Pictures
        date: 2024-02-01
        author: ada
        tags: [Café]
        image: cover.png
        ---

        Back to [the first post](../first.md).

        ## The pictures

        ![One](one.png)

        ![Two](two.png)
        """,
    "content/posts/pictures/cover.png": png(400, 200),
    "content/posts/pictures/one.png": png(50, 40),
    "content/posts/pictures/two.png": png(60, 30),
    "content/posts/third.md": """
        ---
        title: Third
        date: 2024-03-01
        tags: [web development]
        ---

        A third post so that the home page has three pages.
        """,
}


@pytest.fixture(scope="module")
def subpath(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """A site published under ``https://example.org/blog/``, built once."""
    root = write_site(tmp_path_factory.mktemp("subpath") / "site", SUBPATH_FILES, SUBPATH_CONFIG)
    out = build_ok(root)
    return SimpleNamespace(root=root, out=out, pages=html_pages(out))


REBUILD_FILES: dict[str, str | bytes] = {
    "content/posts/one.md": """
        ---
        title: One
        date: 2024-01-01
        ---

        The first version of post one.
        """,
    "content/posts/two.md": """
        ---
        title: Two
        date: 2024-02-01
        ---

        Post two.
        """,
    "static/style.css": "body { color: black; } /* VERSION-ONE */\n",
}


def _feed_ids(out: Path) -> dict[str, list[str]]:
    atom = ET.parse(out / "feed.xml").getroot()
    rss = ET.parse(out / "rss.xml").getroot()
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    return {
        "atom": [entry.findtext(f"{ATOM}id") for entry in atom.findall(f"{ATOM}entry")],
        "rss": [item.findtext("guid") for item in rss.iter("item")],
        "json": [item["id"] for item in feed["items"]],
    }


def _stylesheet(out: Path) -> str:
    return soup(out / "index.html").find("link", rel="stylesheet")["href"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """A small site with its own style.css, built, edited (style, a post body) and rebuilt."""
    root = write_site(tmp_path_factory.mktemp("rebuild") / "site", REBUILD_FILES, CONFIG)
    out = build_ok(root)
    first = SimpleNamespace(ids=_feed_ids(out), stylesheet=_stylesheet(out),
                            css=(out / _stylesheet(out).lstrip("/")).read_bytes())
    (root / "static" / "style.css").write_text("body { color: navy; } /* VERSION-TWO */\n",
                                               encoding="utf-8")
    post = root / "content" / "posts" / "one.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "date: 2024-01-01", "date: 2024-01-01\nupdated: 2024-03-01").replace(
        "The first version", "The edited version"), encoding="utf-8")
    out = build_ok(root)
    second = SimpleNamespace(ids=_feed_ids(out), stylesheet=_stylesheet(out),
                             css=(out / _stylesheet(out).lstrip("/")).read_bytes())
    return SimpleNamespace(root=root, out=out, first=first, second=second)


# --- Tags and categories ----------------------------------------------------------------------

def test_tags_index_links_every_tag_page(blog):
    """/tags/ links to one page per tag, and every such page exists."""
    page = blog.pages["/tags/"]
    hrefs = {unquote(a["href"]) for a in page.select("main a[href^='/tags/']")}
    expected = {"/tags/python/", "/tags/flask/", "/tags/testing/", "/tags/images/",
                "/tags/gardening/", "/tags/web-development/", "/tags/web-dev/",
                "/tags/café/", "/tags/client-server/", "/tags/日本語/"}
    assert expected <= hrefs
    for href in hrefs:
        assert target_file(blog.out, href).is_file(), href


def test_categories_index_and_category_pages(blog):
    """/categories/ links each category; a category page lists exactly its posts."""
    page = blog.pages["/categories/"]
    hrefs = {a["href"] for a in page.select("main a[href^='/categories/']")}
    assert hrefs == {"/categories/news/", "/categories/tutorials/"}
    tutorials = listed_posts(blog.pages["/categories/tutorials/"])
    assert tutorials == [post_url("tags-one"), post_url("tags-two")]
    assert listed_posts(blog.pages["/categories/news/"]) == [post_url("bundle")]


def test_tag_page_lists_exactly_its_posts_and_paginates(blog):
    """/tags/python/ shows posts_per_page posts, /tags/python/page/2/ the rest, no page 3."""
    first = listed_posts(blog.pages["/tags/python/"])
    second = listed_posts(blog.pages["/tags/python/page/2/"])
    assert len(first) == 3 and len(second) == 1
    assert set(first + second) == {post_url(slug) for slug in PYTHON_POSTS}
    assert first + second == [post_url(s) for s in POSTS if s in PYTHON_POSTS]  # newest first
    assert not (blog.out / "tags" / "python" / "page" / "3").exists()
    next_link = blog.pages["/tags/python/"].find("a", rel="next")
    assert next_link is not None and next_link["href"] == "/tags/python/page/2/"


def test_home_is_paginated(blog):
    """Nine posts at three per page: /, /page/2/, /page/3/ list every post once, newest first."""
    listed = [url for page in all_home_pages(blog.out) for url in listed_posts(page)]
    assert listed == [post_url(slug) for slug in POSTS]


@pytest.mark.parametrize("tag, slug", [
    ("web development", "web-development"),
    ("client/server", "client-server"),
    ("Café", "café"),
    ("日本語", "日本語"),
])
def test_tag_urls_are_readable(blog, tag, slug):
    """Spaces and slashes become hyphens; accents and CJK are kept, in the file path too."""
    file = blog.out / "tags" / slug / "index.html"
    assert file.is_file(), f"missing {file.relative_to(blog.out)}"
    post = blog.pages[post_url("tags-one")]
    link = next(a for a in post.select("ul.tags a") if a.get_text() == f"#{tag}")
    assert unquote(link["href"]) == f"/tags/{slug}/"
    assert listed_posts(soup(file)) == [post_url("tags-one")]
    assert tag in soup(file).find("h1").get_text()


def test_tags_that_slug_alike_share_one_page(blog):
    """'Web Dev' and 'web-dev' are one tag: /tags/web-dev/ lists both posts."""
    assert listed_posts(blog.pages["/tags/web-dev/"]) == [post_url("tags-one"),
                                                           post_url("tags-two")]
    tag_dirs = {p.name for p in (blog.out / "tags").iterdir() if p.is_dir()}
    assert not {"web-dev-1", "web-dev-2", "Web Dev", "web dev"} & tag_dirs
    one = blog.pages[post_url("tags-one")].select("ul.tags a")
    two = blog.pages[post_url("tags-two")].select("ul.tags a")
    assert "/tags/web-dev/" in {a["href"] for a in one}
    assert "/tags/web-dev/" in {a["href"] for a in two}


# --- Authors ----------------------------------------------------------------------------------

def test_author_page_shows_profile_and_posts(blog):
    """/authors/ada/ has her name, bio, avatar and links, and lists exactly her posts."""
    page = blog.pages["/authors/ada/"]
    assert page.find("h1").get_text(strip=True) == "Ada Lovelace"
    assert "Writes about analytical engines." in page.find("main").get_text()
    assert page.find("img", src="https://images.example.com/ada.png") is not None
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a")}
    assert links["Website"] == "https://ada.example.com/"
    assert links["Mastodon"] == "https://social.example.com/@ada"
    assert listed_posts(page) == [post_url("bundle"), post_url("tags-two")]


def test_post_byline_links_to_author(blog):
    """A post by a known author links to the author page with rel=author."""
    byline = blog.pages[post_url("tags-two")].select_one("article.post .byline")
    link = byline.find("a", rel="author")
    assert link is not None
    assert link["href"] == "/authors/ada/"
    assert link.get_text(strip=True) == "Ada Lovelace"


def test_unknown_author_is_named_without_link(blog):
    """An author missing from authors.yml is shown by name, with no author link or page."""
    byline = blog.pages[post_url("tags-one")].select_one("article.post .byline")
    assert "Unknown Person" in byline.get_text()
    assert byline.find("a", rel="author") is None
    assert not any(a.get_text(strip=True) == "Unknown Person"
                   for a in blog.pages[post_url("tags-one")].find_all("a"))


# --- Archives ---------------------------------------------------------------------------------

def test_archive_lists_years_and_each_year_its_posts(blog):
    """/archive/ links /archive/2024/ and /archive/2023/; each year page lists its posts."""
    archive = blog.pages["/archive/"]
    assert {a["href"] for a in archive.select("main h2 a")} == {"/archive/2024/", "/archive/2023/"}
    assert {a["href"] for a in archive.select("main li a")} == {post_url(s) for s in POSTS}
    for year in ("2024", "2023"):
        page = blog.pages[f"/archive/{year}/"]
        listed = {a["href"] for a in page.select("main li a")}
        assert listed == {post_url(slug) for slug, date in POSTS.items() if date.startswith(year)}
    assert not (blog.out / "archive" / "2999").exists()


# --- Each post: reading time, summary, previous/next, related ---------------------------------

def test_reading_time_in_byline(blog):
    """700 words read in 4 minutes; a short post in 1; shown on the post and the home list."""
    long_byline = blog.pages[post_url("reading")].select_one("article.post .byline").get_text()
    assert re.search(r"\b4 min read\b", " ".join(long_byline.split()))
    short_byline = blog.pages[post_url("unrelated")].select_one("article.post .byline").get_text()
    assert re.search(r"\b1 min read\b", " ".join(short_byline.split()))
    home_texts = [" ".join(a.get_text().split()) for page in all_home_pages(blog.out)
                  for a in page.select("article.post-summary")]
    assert any("The long read" in text and "4 min read" in text for text in home_texts)


def _home_summaries(out: Path) -> dict[str, str]:
    summaries = {}
    for page in all_home_pages(out):
        for article in page.select("article.post-summary"):
            url = article.find(["h2", "h3"]).find("a")["href"]
            summaries[url] = " ".join(article.select_one(".summary").get_text().split())
    return summaries


def test_home_list_shows_summaries(blog):
    """Front matter summary, else text before <!--more-->, else the first paragraph."""
    summaries = _home_summaries(blog.out)
    fm = summaries[post_url("frontmatter-summary")]
    assert "Hand-written summary FMSUMMARY." in fm and "FMBODY" not in fm
    more = summaries[post_url("more-summary")]
    assert "MOREINTRO" in more and "MOREREST" not in more
    first = summaries[post_url("first-paragraph")]
    assert "FIRSTPARA" in first and "SECONDPARA" not in first


def test_previous_and_next_links(blog):
    """Posts link to the older (rel=prev) and newer (rel=next) neighbour; ends have one link."""
    order = list(POSTS)
    for index, slug in enumerate(order):
        page = blog.pages[post_url(slug)]
        previous = page.find("a", rel="prev")
        following = page.find("a", rel="next")
        if index + 1 < len(order):
            assert previous is not None and previous["href"] == post_url(order[index + 1]), slug
        else:
            assert previous is None
        if index > 0:
            assert following is not None and following["href"] == post_url(order[index - 1]), slug
        else:
            assert following is None


def test_related_posts_by_shared_tags(blog):
    """At most three related posts, most shared tags first, never a post with no shared tag."""
    related = [a["href"] for a in blog.pages[post_url("reading")].select("section.related li a")]
    assert len(related) == 3
    assert related[:2] == [post_url("tags-two"), post_url("frontmatter-summary")]
    assert related[2] in {post_url("more-summary"), post_url("first-paragraph")}
    unrelated = blog.pages[post_url("unrelated")]
    assert not unrelated.select("section.related li a")


# --- Feeds ------------------------------------------------------------------------------------

def _atom(out: Path, path: str = "feed.xml") -> ET.Element:
    return ET.parse(out / path).getroot()


def _rss(out: Path, path: str = "rss.xml") -> ET.Element:
    return ET.parse(out / path).getroot()


def _json_feed(out: Path, path: str = "feed.json") -> dict:
    return json.loads((out / path).read_text(encoding="utf-8"))


def test_atom_feed_required_fields(blog):
    """Atom: feed id, title, updated, rel=self; every entry has id/title/updated/link/content."""
    feed = _atom(blog.out)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}title") == "Test Site"
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [BASE + "feed.xml"]
    entries = feed.findall(f"{ATOM}entry")
    links = []
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}title")
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")).tzinfo is not None
        link = entry.find(f"{ATOM}link")
        assert link is not None
        links.append(link.get("href"))
        assert entry.find(f"{ATOM}content") is not None and entry.findtext(f"{ATOM}content")
    assert links == [BASE + post_url(slug).lstrip("/") for slug in POSTS]
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


def test_rss_feed_required_fields(blog):
    """RSS 2.0: channel title/link/description; items with title/link/guid/pubDate/description."""
    rss = _rss(blog.out)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Test Site"
    assert channel.findtext("link") == BASE
    assert channel.findtext("description")
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [BASE + f"posts/{s}/" for s in POSTS]
    for item, slug in zip(items, POSTS, strict=True):
        assert item.findtext("title")
        assert item.findtext("guid")
        assert item.findtext("description")
        published = parsedate_to_datetime(item.findtext("pubDate"))
        assert published == dt.datetime.fromisoformat(POSTS[slug]).replace(tzinfo=dt.UTC)


def test_json_feed_required_fields(blog):
    """JSON Feed 1.1: version, title, items with id, url, content_html, date_published."""
    feed = _json_feed(blog.out)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Test Site"
    assert feed["feed_url"] == BASE + "feed.json"
    assert [item["url"] for item in feed["items"]] == [BASE + f"posts/{s}/" for s in POSTS]
    for item, slug in zip(feed["items"], POSTS, strict=True):
        assert item["id"]
        assert item["content_html"]
        assert dt.datetime.fromisoformat(item["date_published"]) == \
            dt.datetime.fromisoformat(POSTS[slug]).replace(tzinfo=dt.UTC)


def _bundle_content(out: Path, kind: str) -> str:
    url = BASE + "posts/bundle/"
    if kind == "atom":
        entry = next(e for e in _atom(out).findall(f"{ATOM}entry")
                     if e.find(f"{ATOM}link").get("href") == url)
        return entry.findtext(f"{ATOM}content")
    if kind == "rss":
        item = next(i for i in _rss(out).iter("item") if i.findtext("link") == url)
        return item.findtext("description")
    item = next(i for i in _json_feed(out)["items"] if i["url"] == url)
    return item["content_html"]


@pytest.mark.parametrize("kind", ["atom", "rss", "json"])
def test_feeds_carry_full_content_with_absolute_urls(blog, kind):
    """The whole post body is in the feed, and its relative links and images are absolute."""
    content = _bundle_content(blog.out, kind)
    fragment = BeautifulSoup(content, "html.parser")
    assert "Here is a diagram" in fragment.get_text()
    srcs = [img["src"] for img in fragment.find_all("img")]
    assert srcs == [BASE + "posts/bundle/diagram.png", BASE + "posts/bundle/second.png",
                    BASE + "posts/bundle/third.png"]
    assert BASE + "posts/reading/" in [a["href"] for a in fragment.find_all("a")]
    for url in content_links(content):
        assert url.startswith(("https://", "http://", "mailto:")), url
    long_read = next(i for i in _json_feed(blog.out)["items"] if i["url"].endswith("/reading/"))
    assert long_read["content_html"].count("lorem") == 700 - 11  # the full body, not a summary


def test_feed_updated_comes_from_front_matter(blog):
    """An 'updated' field sets the Atom entry's updated, the feed's updated and date_modified."""
    feed = _atom(blog.out)
    entry = next(e for e in feed.findall(f"{ATOM}entry")
                 if e.find(f"{ATOM}link").get("href") == BASE + "posts/reading/")
    june = dt.datetime(2024, 6, 15, tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == june
    assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == \
        dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == june
    item = next(i for i in _json_feed(blog.out)["items"] if i["url"] == BASE + "posts/reading/")
    assert dt.datetime.fromisoformat(item["date_modified"]) == june


@pytest.mark.parametrize("folder, expected", [
    ("tags/python", PYTHON_POSTS),
    ("tags/café", {"tags-one"}),
    ("tags/web-dev", {"tags-one", "tags-two"}),
    ("categories/tutorials", {"tags-one", "tags-two"}),
])
def test_tag_and_category_feeds(blog, folder, expected):
    """Per-tag and per-category Atom, RSS and JSON feeds hold exactly that term's posts."""
    urls = {BASE + f"posts/{slug}/" for slug in expected}
    atom = _atom(blog.out, f"{folder}/feed.xml")
    assert {e.find(f"{ATOM}link").get("href") for e in atom.findall(f"{ATOM}entry")} == urls
    self_href = next(link.get("href") for link in atom.findall(f"{ATOM}link")
                     if link.get("rel") == "self")
    assert unquote(self_href) == BASE + f"{folder}/feed.xml"
    rss = _rss(blog.out, f"{folder}/rss.xml")
    assert {item.findtext("link") for item in rss.iter("item")} == urls
    feed = _json_feed(blog.out, f"{folder}/feed.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert {item["url"] for item in feed["items"]} == urls


def test_every_page_links_its_feeds_in_head(blog):
    """Every page's head has rel=alternate links to the Atom, RSS and JSON feeds."""
    types = {"application/atom+xml": "/feed.xml", "application/rss+xml": "/rss.xml",
             "application/feed+json": "/feed.json"}
    for path, page in blog.pages.items():
        if is_redirect(page):
            continue
        alternates = {(link.get("type"), link["href"])
                      for link in page.head.find_all("link", rel="alternate")}
        for mime, href in types.items():
            assert (mime, href) in alternates, path
    tag_head = blog.pages["/tags/python/"].head
    tag_feeds = {link["href"] for link in tag_head.find_all("link", rel="alternate")}
    assert {"/tags/python/feed.xml", "/tags/python/rss.xml", "/tags/python/feed.json"} <= tag_feeds
    for href in tag_feeds:
        assert target_file(blog.out, href).is_file(), href


def test_feed_entry_ids_are_stable_across_builds(rebuilt):
    """Rebuilding after editing a post's body and 'updated' keeps every entry id."""
    assert rebuilt.first.ids["atom"] and len(rebuilt.first.ids["atom"]) == 2
    assert rebuilt.first.ids == rebuilt.second.ids
    updated = {e.find(f"{ATOM}link").get("href"): e.findtext(f"{ATOM}updated")
               for e in _atom(rebuilt.out).findall(f"{ATOM}entry")}
    assert dt.datetime.fromisoformat(updated[BASE + "posts/one/"]) == \
        dt.datetime(2024, 3, 1, tzinfo=dt.UTC)


# --- Sitemap and robots.txt -------------------------------------------------------------------

def test_sitemap_lists_every_published_html_page_with_lastmod(blog):
    """The sitemap's locs are exactly the built index.html pages (no 404, no aliases)."""
    published = set()
    for file in blog.out.rglob("index.html"):
        path = site_path(blog.out, file)
        if not is_redirect(soup(file)):
            published.add(path)
    assert "/old/url/" not in published and "/posts/escape/" in published
    urlset = ET.parse(blog.out / "sitemap.xml").getroot()
    locs = {}
    for url in urlset.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc.startswith(BASE), loc
        locs[unquote(loc)[len(ORIGIN):]] = url.findtext(f"{SITEMAP}lastmod")
    assert set(locs) == published
    missing = sorted(path for path, lastmod in locs.items() if not lastmod)
    assert not missing, f"no lastmod for {missing}"
    for lastmod in locs.values():
        dt.datetime.fromisoformat(lastmod)


def test_robots_txt_points_at_sitemap(blog):
    """robots.txt names the sitemap by its absolute URL."""
    lines = (blog.out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://example.org/sitemap.xml" in lines
    assert any(line.lower().startswith("user-agent:") for line in lines)


# --- Metadata on every page -------------------------------------------------------------------

def test_every_page_has_title_description_canonical_and_social_meta(blog):
    """<title>, description, absolute canonical, og:title/description/url, twitter:card, JSON-LD."""
    checked = 0
    for path, page in blog.pages.items():
        if is_redirect(page):
            continue
        checked += 1
        assert page.title is not None and page.title.get_text(strip=True), path
        assert meta(page, name="description"), path
        canonical = page.find("link", rel="canonical")
        assert canonical is not None, path
        assert unquote(canonical["href"]) == ORIGIN + path, path
        assert meta(page, property="og:title"), path
        assert meta(page, property="og:description"), path
        assert meta(page, property="og:url") == canonical["href"], path
        assert meta(page, name="twitter:card") in ("summary", "summary_large_image"), path
        assert json_ld(page)["@context"] == "https://schema.org", path
        if path.startswith("/posts/") and path.count("/") == 3 and "/page/" not in path:
            assert meta(page, property="og:image").startswith(BASE), path
    assert checked > 30


def test_post_json_ld_is_a_blog_posting(blog):
    """Posts carry BlogPosting JSON-LD with headline, author, datePublished and image."""
    data = json_ld(blog.pages[post_url("tags-two")])
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Another web dev post"
    assert data["author"]["name"] == "Ada Lovelace"
    assert data["author"]["url"] == BASE + "authors/ada/"
    assert dt.datetime.fromisoformat(data["datePublished"]) == \
        dt.datetime(2023, 5, 1, tzinfo=dt.UTC)
    assert data["image"] == BASE + "posts/tags-two/card.jpg"
    bundle = json_ld(blog.pages[post_url("bundle")])
    assert bundle["image"] == BASE + "posts/bundle/cover.png"


def test_home_json_ld_is_a_website(blog):
    """The home page carries WebSite JSON-LD with the site's name and URL."""
    data = json_ld(blog.pages["/"])
    assert data["@type"] == "WebSite"
    assert data["name"] == "Test Site"
    assert data["url"] == BASE


# --- Escaping ---------------------------------------------------------------------------------

def test_tricky_title_is_escaped_in_html(blog):
    """Title, h1 and og:title give back the exact text; no <b>, <i> or extra <script> appears."""
    page = blog.pages[post_url("escape")]
    assert page.title.get_text() == f"{TRICKY_TITLE} · Test Site"
    assert page.find("h1").get_text() == TRICKY_TITLE
    assert meta(page, property="og:title") == TRICKY_TITLE
    assert meta(page, name="description") == TRICKY_SUMMARY
    assert not [b for b in page.find_all("b") if b.get_text() == "bold"]
    assert not [i for i in page.find_all("i") if i.get_text() == "x"]
    # Only the theme's scripts: its JSON-LD, the colour theme's first line, its static files.
    scripts = page.find_all("script")
    assert len([script for script in scripts if script.get("type") == "application/ld+json"]) == 1
    inline = [script for script in scripts if not script.get("src")
              and script.get("type") != "application/ld+json"]
    assert [script.get_text()[:28] for script in inline] == ['try{var t=localStorage.getIt']
    assert all(script["src"].startswith("/static/") for script in scripts if script.get("src"))
    tag_link = page.select_one("ul.tags a")
    assert tag_link.get_text() == f"#{TRICKY_TAG}"
    for listing in all_home_pages(blog.out)[:1] + [blog.pages["/archive/"]]:
        assert not [b for b in listing.find_all("b") if b.get_text() == "bold"]
        assert any(a.get_text() == TRICKY_TITLE for a in listing.find_all("a"))
        assert len(listing.find_all("script", type="application/ld+json")) == 1
        assert not [script for script in listing.find_all("script")
                    if TRICKY_TITLE in script.get_text() and not script.get("type")]


def test_tricky_title_round_trips_through_json_ld(blog):
    """json.loads of the JSON-LD script gives back the exact title, tag and summary."""
    data = json_ld(blog.pages[post_url("escape")])
    assert data["headline"] == TRICKY_TITLE
    assert data["description"] == TRICKY_SUMMARY
    assert data["keywords"] == [TRICKY_TAG]


def test_tricky_title_round_trips_through_feeds_and_api(blog):
    """Atom and RSS (ElementTree), JSON Feed and the JSON API give back the exact title."""
    url = BASE + "posts/escape/"
    atom_titles = {e.find(f"{ATOM}link").get("href"): e.findtext(f"{ATOM}title")
                   for e in _atom(blog.out).findall(f"{ATOM}entry")}
    assert atom_titles[url] == TRICKY_TITLE
    rss_titles = {i.findtext("link"): i.findtext("title") for i in _rss(blog.out).iter("item")}
    assert rss_titles[url] == TRICKY_TITLE
    json_titles = {i["url"]: i["title"] for i in _json_feed(blog.out)["items"]}
    assert json_titles[url] == TRICKY_TITLE
    api = json.loads((blog.out / "api" / "posts.json").read_text(encoding="utf-8"))
    post = next(p for p in api["posts"] if p["url"] == url)
    assert post["title"] == TRICKY_TITLE
    assert post["tags"] == [TRICKY_TAG]
    assert post["summary"] == TRICKY_SUMMARY
    detail = json.loads((blog.out / "api" / "posts" / "escape.json").read_text(encoding="utf-8"))
    assert detail["title"] == TRICKY_TITLE


# --- A site under a sub-path ------------------------------------------------------------------

def test_subpath_internal_links_are_prefixed_and_resolve(subpath):
    """Under base_url .../blog/, every href/src starting with / starts with /blog/ and exists."""
    checked = 0
    for path, page in subpath.pages.items():
        for tag in page.find_all(True):
            for attr in ("href", "src"):
                value = tag.get(attr)
                if not value or not value.startswith("/") or value.startswith("//"):
                    continue
                checked += 1
                assert value.startswith("/blog/"), f"{path}: {tag.name} {attr}={value}"
                assert target_file(subpath.out, value, "/blog/").is_file(), \
                    f"{path}: {value} does not resolve to a built file"
    assert checked > 50
    home_links = {a["href"] for a in subpath.pages["/"].find_all("a")}
    assert {"/blog/about/", "/blog/posts/first/", "/blog/page/2/"} <= home_links
    refresh = meta(subpath.pages["/old/first/"], **{"http-equiv": "refresh"})
    assert refresh.split("url=", 1)[1] == "/blog/posts/first/"


def test_subpath_canonical_feed_and_sitemap_urls(subpath):
    """Canonical URLs, feeds, sitemap and robots.txt use https://example.org/blog/."""
    prefix = "https://example.org/blog/"
    for path, page in subpath.pages.items():
        canonical = page.find("link", rel="canonical")
        assert canonical is not None and canonical["href"].startswith(prefix), path
    atom = _atom(subpath.out)
    assert all(link.get("href").startswith(prefix) for link in atom.iter(f"{ATOM}link"))
    assert atom.findtext(f"{ATOM}id").startswith(prefix)
    for entry in atom.findall(f"{ATOM}entry"):
        for url in content_links(entry.findtext(f"{ATOM}content")):
            if url.startswith(ORIGIN):
                assert url.startswith(prefix), url
    content = next(e.findtext(f"{ATOM}content") for e in atom.findall(f"{ATOM}entry")
                   if e.find(f"{ATOM}link").get("href") == prefix + "posts/pictures/")
    assert prefix + "posts/pictures/one.png" in content_links(content)
    assert prefix + "posts/first/" in content_links(content)
    channel = _rss(subpath.out).find("channel")
    assert channel.findtext("link") == prefix
    for item in channel.findall("item"):
        assert item.findtext("link").startswith(prefix)
        assert item.findtext("guid").startswith(prefix)
    feed = _json_feed(subpath.out)
    assert feed["home_page_url"] == prefix and feed["feed_url"] == prefix + "feed.json"
    assert all(item["url"].startswith(prefix) for item in feed["items"])
    pictures = next(item for item in feed["items"] if item["url"] == prefix + "posts/pictures/")
    assert pictures["image"] == prefix + "posts/pictures/cover.png"
    for slug, image in (("pictures", "cover.png"), ("first", "card.jpg")):
        og_image = meta(subpath.pages[f"/posts/{slug}/"], property="og:image")
        assert og_image == f"{prefix}posts/{slug}/{image}"
        assert target_file(subpath.out, urlsplit(og_image).path, "/blog/").is_file()
    urlset = ET.parse(subpath.out / "sitemap.xml").getroot()
    locs = [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]
    assert locs and all(loc.startswith(prefix) for loc in locs)
    assert prefix in locs
    robots = (subpath.out / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {prefix}sitemap.xml" in robots
    api = json.loads((subpath.out / "api" / "posts.json").read_text(encoding="utf-8"))
    assert all(post["url"].startswith(prefix) for post in api["posts"])


# --- Social cards -----------------------------------------------------------------------------

def test_every_post_has_a_1200x630_jpeg_card(blog):
    """/posts/<slug>/card.jpg exists for each post and decodes as a 1200x630 JPEG."""
    for slug in POSTS:
        file = blog.out / "posts" / slug / "card.jpg"
        assert file.is_file(), slug
        with Image.open(file) as image:
            image.load()
            assert image.format == "JPEG"
            assert image.size == (1200, 630)


def test_og_image_is_the_card_unless_the_post_has_an_image(blog):
    """og:image is the absolute card URL; a bundle post's image: cover.png is used instead."""
    for slug in POSTS:
        image = meta(blog.pages[post_url(slug)], property="og:image")
        if slug == "bundle":
            assert image == BASE + "posts/bundle/cover.png"
        else:
            assert image == BASE + f"posts/{slug}/card.jpg", slug
        file = target_file(blog.out, urlsplit(image).path)
        assert file.is_file(), image
    cover = blog.out / "posts" / "bundle" / "cover.png"
    assert cover.read_bytes() == BLOG_FILES["content/posts/bundle/cover.png"]


# --- Images -----------------------------------------------------------------------------------

def test_local_images_get_their_size_and_lazy_loading(blog):
    """Body images get width/height of the real file; all but the first are lazy."""
    images = blog.pages[post_url("bundle")].select("article.post .content img")
    assert [img["src"] for img in images] == ["/posts/bundle/diagram.png",
                                              "/posts/bundle/second.png",
                                              "/posts/bundle/third.png"]
    for img in images:
        with Image.open(target_file(blog.out, img["src"])) as real:
            assert (img.get("width"), img.get("height")) == (str(real.width), str(real.height))
    assert images[0].get("loading") != "lazy"
    assert [img.get("loading") for img in images[1:]] == ["lazy", "lazy"]


# --- JSON API ---------------------------------------------------------------------------------

def test_api_posts_index(blog):
    """/api/posts.json lists every published post, newest first, with its fields."""
    data = json.loads((blog.out / "api" / "posts.json").read_text(encoding="utf-8"))
    posts = data["posts"]
    assert [post["url"] for post in posts] == [BASE + f"posts/{slug}/" for slug in POSTS]
    for post in posts:
        assert {"title", "url", "date", "tags", "summary"} <= set(post)
        dt.datetime.fromisoformat(post["date"])
        assert isinstance(post["tags"], list)
    by_url = {post["url"]: post for post in posts}
    assert by_url[BASE + "posts/tags-one/"]["tags"] == \
        ["web development", "Café", "Web Dev", "client/server", "日本語"]
    assert by_url[BASE + "posts/frontmatter-summary/"]["summary"] == \
        "Hand-written summary FMSUMMARY."
    assert by_url[BASE + "posts/more-summary/"]["summary"] == "Teaser MOREINTRO."
    assert by_url[BASE + "posts/first-paragraph/"]["summary"] == "Opening FIRSTPARA."


def test_api_post_detail(blog):
    """/api/posts/<slug>.json has the index fields plus the rendered html and the toc."""
    for slug in POSTS:
        assert (blog.out / "api" / "posts" / f"{slug}.json").is_file(), slug
    data = json.loads((blog.out / "api" / "posts" / "reading.json").read_text(encoding="utf-8"))
    assert data["title"] == "The long read"
    assert data["url"] == BASE + "posts/reading/"
    assert data["tags"] == ["python", "flask", "testing"]
    assert data["summary"] == "Opening of the long read."
    assert dt.datetime.fromisoformat(data["date"]) == dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    html = BeautifulSoup(data["html"], "html.parser")
    assert [h.get_text().rstrip("#") for h in html.find_all("h2")] == \
        ["Section one", "Section two", "Section three"]
    assert [item["id"] for item in data["toc"]] == ["section-one", "section-two", "section-three"]
    assert [item["name"] for item in data["toc"]] == ["Section one", "Section two", "Section three"]


def test_api_tags(blog):
    """/api/tags.json lists every tag page with its URL and post count."""
    data = json.loads((blog.out / "api" / "tags.json").read_text(encoding="utf-8"))
    by_slug = {tag["slug"]: tag for tag in data["tags"]}
    tag_dirs = {p.name for p in (blog.out / "tags").iterdir() if p.is_dir()}
    assert set(by_slug) == tag_dirs
    assert by_slug["python"]["count"] == 4
    assert by_slug["web-dev"]["count"] == 2
    assert by_slug["gardening"]["name"] == "gardening"
    assert unquote(by_slug["café"]["url"]) == BASE + "tags/café/"
    for tag in data["tags"]:
        assert tag["name"]
        assert target_file(blog.out, urlsplit(tag["url"]).path).is_file()


# --- Publishing rules -------------------------------------------------------------------------

@pytest.mark.parametrize("word", [DRAFT_WORD, FUTURE_WORD])
def test_drafts_and_scheduled_posts_leave_no_trace(blog, word):
    """No file under build/ mentions a draft or future post, in its bytes or its path."""
    hits = []
    for file in blog.out.rglob("*"):
        rel = file.relative_to(blog.out).as_posix()
        if word in rel.lower():
            hits.append(rel)
        if file.is_file() and word.encode() in file.read_bytes().lower():
            hits.append(f"{rel} (content)")
    assert not hits


def test_build_announces_next_scheduled_post(blog):
    """The build's output tells when the next scheduled post is due."""
    assert "scheduled" in blog.stdout
    assert "2999-01-01" in blog.stdout


# --- Aliases ----------------------------------------------------------------------------------

def test_alias_redirects_to_the_post(blog):
    """aliases: [/old/url/] publishes a meta refresh page with a canonical link to the post."""
    file = blog.out / "old" / "url" / "index.html"
    assert file.is_file()
    page = soup(file)
    refresh = meta(page, **{"http-equiv": "refresh"})
    assert refresh is not None
    delay, _, target = refresh.partition(";")
    assert delay.strip() == "0"
    assert target.strip().split("=", 1)[1] == "/posts/tags-one/"
    assert page.find("link", rel="canonical")["href"] == BASE + "posts/tags-one/"


# --- Static assets ----------------------------------------------------------------------------

def test_stylesheet_url_has_a_content_hash(blog):
    """Every page loads /static/style.<10 hex>.css, which exists and is the site's own CSS."""
    hrefs = {page.find("link", rel="stylesheet")["href"]
             for page in blog.pages.values() if not is_redirect(page)}
    assert len(hrefs) == 1
    href = hrefs.pop()
    assert re.fullmatch(r"/static/style\.[0-9a-f]{10}\.css", href), href
    css = target_file(blog.out, href)
    assert css.is_file()
    assert b"MAINSTYLE" in css.read_bytes()


def test_changing_the_stylesheet_changes_its_hash(rebuilt):
    """Editing a site's own static/style.css gives a new hashed URL with the new content."""
    pattern = r"/static/style\.[0-9a-f]{10}\.css"
    assert re.fullmatch(pattern, rebuilt.first.stylesheet)
    assert re.fullmatch(pattern, rebuilt.second.stylesheet)
    assert b"VERSION-ONE" in rebuilt.first.css
    assert b"VERSION-TWO" in rebuilt.second.css
    assert rebuilt.first.stylesheet != rebuilt.second.stylesheet
    assert target_file(rebuilt.out, rebuilt.second.stylesheet).is_file()
