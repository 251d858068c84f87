"""Permalinks by rule, sections by configuration, redirects from old URLs, and the front-matter
fields other generators give a meaning to: each built through ``python site.py build``."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, build_fixture, build_ok, run_site, soup, write_site
from conftest import built_page as page

CONFIG = """\
title = "Migrated"
base_url = "https://example.org/"
timezone = "UTC"

[[menu]]
name = "Blog"
url = "/blog/"

[sections.posts]
permalink = "/:year/:month/:day/:slug/"
redirect_from = ["/posts/:slug/", "/:year/:month/:day/:slug.html"]

[sections.blog]
title = "The blog"
permalink = "/:slug.html"

[sections.post]
permalink = "/post/:category/:slug/"
category_from_folder = true

[pages]
redirect_from = ["/:path.html"]
"""

FILES: dict[str, str | bytes] = {
    "content/posts/2019-05-12-first.md": """
        ---
        title: First
        tags: [news]
        ---
        The first post links to [an old URL](/2020/01/02/second.html) and
        [another](/posts/second/#more).
        """,
    "content/posts/2020-01-02-second.md": """
        ---
        title: Second
        ---
        ## More

        Text.
        """,
    "content/posts/2021-03-04-kept.md": """
        ---
        title: Kept slug
        slug: tibble-2.0.1
        author_name: Grace Hopper
        ---
        Text.
        """,
    "content/posts/2022-01-01-unlisted.md": """
        ---
        title: Unlisted narwhal
        hidden: true
        tags: [news]
        ---
        Only at its URL.
        """,
    "content/posts/2022-02-02-status.md": """
        Title: Pelican hidden narwhal
        Status: hidden

        Only at its URL too.
        """,
    "content/posts/2018-01-01-own.md": """
        ---
        title: Own permalink
        permalink: /archive-2018/:slug/
        ---
        Text.
        """,
    "content/blog/2023-05-06-hello.md": """
        ---
        title: Hello blog
        ---
        Text.
        """,
    "content/blog/2024-05-06-links.md": """
        ---
        title: Links of 2024
        slug: links
        ---
        Text.
        """,
    "content/post/hugo-post.md": """
        +++
        title = "A Hugo post"
        date = 2020-06-01
        categories = ["Go Lang"]
        +++
        Text.
        """,
    "content/post/python/from-folder.md": """
        ---
        title: Category from the folder
        date: 2020-06-02
        ---
        Text.
        """,
    "content/post/others/talks/nested.md": """
        ---
        title: Category from the inner folder
        date: 2020-06-03
        ---
        Text.
        """,
    "content/post/notes/bundled/index.md": """
        ---
        title: A bundle's category
        date: 2020-06-04
        ---
        Text.
        """,
    "content/about.md": """
        ---
        title: About
        ---
        About.
        """,
    "content/C++-Standard-Libraries.md": "# C++ libraries\n",
    "content/pages/contact.md": """
        ---
        title: Contact
        url: pages/contact.html
        save_as: pages/contact.html
        ---
        Contact.
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("permalinks") / "site", FILES, CONFIG)[0]


def redirect_target(out: Path, url: str) -> str:
    """Where the redirect page at ``url`` sends the reader."""
    found = page(out, url).find("link", rel="canonical")
    assert found is not None, f"{url} is not a redirect page"
    return str(found["href"])


def titles(document: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in document.select("article h2, article h3")]


def test_posts_are_at_their_sections_permalinks(site: Path) -> None:
    assert page(site, "/2019/05/12/first/").h1.get_text() == "First"
    assert page(site, "/hello.html").h1.get_text() == "Hello blog"
    assert page(site, "/post/go-lang/hugo-post/").h1.get_text() == "A Hugo post"


def test_a_folder_gives_its_category_when_asked(site: Path) -> None:
    document = page(site, "/post/python/from-folder/")
    assert [a.get_text() for a in document.select(".post-terms a.category")] == ["python"]
    assert page(site, "/categories/python/").h1 is not None
    # (Casyfill's Others/talks/: the folder the file is in, as Pelican takes it; a bundle's
    # own folder is no category)
    for url, category in (("/post/talks/nested/", "talks"), ("/post/notes/bundled/", "notes")):
        document = page(site, url)
        assert [a.get_text() for a in document.select(".post-terms a.category")] == [category]


def test_old_urls_redirect_by_rule(site: Path) -> None:
    assert redirect_target(site, "/posts/first/") == "https://example.org/2019/05/12/first/"
    assert redirect_target(site, "/2020/01/02/second.html") == \
        "https://example.org/2020/01/02/second/"
    assert redirect_target(site, "/about.html") == "https://example.org/about/"
    # (Homebrew's docs: the file's name as written, where its URL is made of words)
    assert redirect_target(site, "/C++-Standard-Libraries.html") == \
        "https://example.org/c-plus-plus-standard-libraries/"


def test_links_written_with_old_urls_resolve(site: Path) -> None:
    links = [a["href"] for a in page(site, "/2019/05/12/first/").select(".content a")]
    assert links == ["/2020/01/02/second/", "/2020/01/02/second/#more"]


def test_a_files_own_permalink_and_url_are_honoured(site: Path) -> None:
    assert page(site, "/archive-2018/own/").h1.get_text() == "Own permalink"
    assert page(site, "/pages/contact.html").h1.get_text() == "Contact"


def test_explicit_slug_is_kept_as_written(site: Path) -> None:
    assert page(site, "/2021/03/04/tibble-2.0.1/").h1.get_text() == "Kept slug"


def test_author_name_is_the_author(site: Path) -> None:
    byline = page(site, "/2021/03/04/tibble-2.0.1/").select_one(".byline").get_text()
    assert "Grace Hopper" in byline


def test_each_posts_section_has_its_list_and_feeds(site: Path) -> None:
    blog = page(site, "/blog/")
    assert blog.h1.get_text() == "The blog"
    assert [a["href"] for a in blog.select("article h2 a, article h3 a")] == [
        "/links.html", "/hello.html"]
    feed = json.loads((site / "blog/feed.json").read_text())
    assert [item["url"] for item in feed["items"]] == [
        "https://example.org/links.html", "https://example.org/hello.html"]
    assert (site / "post/feed.xml").is_file() and (site / "posts/rss.xml").is_file()


def test_the_home_page_lists_every_section(site: Path) -> None:
    home = titles(page(site, "/"))
    assert {"First", "Hello blog", "A Hugo post"} <= set(home)


def test_hidden_posts_are_published_but_listed_nowhere(site: Path) -> None:
    assert page(site, "/2022/01/01/unlisted/").h1.get_text() == "Unlisted narwhal"
    assert page(site, "/2022/02/02/status/").h1.get_text() == "Pelican hidden narwhal"
    listed = [path for path in site.rglob("*") if path.is_file()
              and path.suffix in (".html", ".xml", ".json") and "narwhal" in path.read_text()
              and not path.is_relative_to(site / "2022")
              and 'http-equiv="refresh"' not in path.read_text()]  # (the old URLs' redirects)
    assert [p.relative_to(site).as_posix() for p in listed] == []


def test_cards_and_api_follow_the_permalinks(site: Path) -> None:
    assert (site / "hello/card.jpg").is_file()
    assert (site / "2019/05/12/first/card.jpg").is_file()
    api = json.loads((site / "api/posts.json").read_text())
    assert "https://example.org/links.html" in [post["url"] for post in api["posts"]]
    assert json.loads((site / "api/posts/links.json").read_text())["title"] == "Links of 2024"


def dated_pages_warning(tmp_path: Path, files: dict[str, str | bytes],
                        config: str) -> subprocess.CompletedProcess[str]:
    root = write_site(tmp_path / "site", files, config)
    return build(root)


def test_dated_files_outside_a_posts_section_are_a_warning(tmp_path: Path) -> None:
    """Not a draft, which is left out (getdoks.org's privacy.md was named as both)."""
    files: dict[str, str | bytes] = {
        f"content/post/p{n}.md": f"---\ntitle: P{n}\ndate: 2020-01-0{n}\n---\nText.\n"
        for n in range(1, 4)}
    files["content/post/p4.md"] = "---\ntitle: P4\ndate: 2020-01-04\ndraft: true\n---\nT.\n"
    result = dated_pages_warning(tmp_path, files, 'title = "x"\nbase_url = "https://e.org/"\n')
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "have a date" in line]
    assert len(warnings) == 1, result.stderr
    assert "content/post/p1.md:3: warning: 3 file(s) in content/post/ have a date but are " \
        "published as pages, in no list or feed: p1.md, p2.md, p3.md" in warnings[0]
    assert "[sections.post]" in result.stderr


def test_dated_pages_of_a_docs_section_are_no_warning(tmp_path: Path) -> None:
    """Hugo's docs themes (Docsy) give every page a date: a docs section's pages stay pages,
    with no warning for each folder that they could be posts."""
    files: dict[str, str | bytes] = {
        f"content/docs/{folder}p.md": "---\ntitle: P\ndate: 2020-01-01\n---\nText.\n"
        for folder in ("", "tasks/", "tutorials/")}
    result = dated_pages_warning(tmp_path, files, 'title = "x"\nbase_url = "https://e.org/"\n')
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/build/docs/tasks/p/index.html").is_file()
    assert "have a date" not in result.stderr and "warning" not in result.stderr, result.stderr


def test_a_slug_that_moves_a_folder_s_page_from_its_pages_is_a_warning(tmp_path: Path) -> None:
    """Kubernetes' contributor site: events/2020/kcc/_index.md, renamed index.md as the Hugo
    guide says, keeps its slug: kcc2020, which Hugo ignores on a section's page. Here the
    slug is followed, and the move is said at its line; a bundle's index.md and a posts
    section's own are no warning."""
    files: dict[str, str | bytes] = {
        "content/docs/kcc/index.md": "---\ntitle: KCC\nslug: kcc2020\n---\nText.\n",
        "content/docs/kcc/faq.md": "---\ntitle: FAQ\n---\nText.\n",
        "content/docs/alone/index.md": "---\ntitle: Alone\nslug: lonely\n---\nText.\n",
        "content/docs/played/index.md": "---\ntitle: Played\nslug: played\n---\nText.\n",
        "content/docs/played/game.md": "---\ntitle: Game\n---\nText.\n",  # (ed's: kept)
        "content/posts/index.md": "---\ntitle: Blog\nslug: blog\n---\nText.\n",
        "content/posts/p.md": "---\ntitle: P\ndate: 2020-01-01\n---\nText.\n"}
    result = dated_pages_warning(tmp_path, files, 'title = "x"\nbase_url = "https://e.org/"\n')
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert warnings == [
        f"{tmp_path / 'site/content/docs/kcc/index.md'}:3: warning: the slug moves this "
        "folder's page to /docs/kcc2020/, away from the 1 page(s) of its folder (Hugo ignores "
        "a slug on a section's _index.md)"], result.stderr
    assert (tmp_path / "site/build/docs/lonely/index.html").is_file()


def test_a_page_dated_in_the_future_is_counted_as_left_out_not_as_published(
        tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/soon.md": "---\ntitle: S\ndate: 2999-06-01\n---\nX.\n"}
    result = dated_pages_warning(tmp_path, files, 'title = "x"\nbase_url = "https://e.org/"\n')
    assert result.returncode == 0, result.stderr
    assert "have a date" not in result.stderr and "Left out 1 scheduled post" in result.stdout
    assert not (tmp_path / "site/build/soon").exists()


def test_a_dated_collection_of_pages_keeps_its_addresses_with_the_date(tmp_path: Path) -> None:
    """Typelevel's events, a Jekyll collection at /event/:year-:month-:title/: a section of
    pages with that permalink (the build had stopped: its pages have no date), each dated by
    its file's name or its field, in no list of posts; its own index.md at the folder's
    address; a page with no date is named."""
    files: dict[str, str | bytes] = {
        "content/events/2016-03-02-summit-philadelphia.md": "---\ntitle: Summit\n---\nS.\n",
        "content/events/meetup.md": "---\ntitle: Meetup\ndate: 2017-05-04\n---\nM.\n",
        "content/events/index.md": "---\ntitle: Events\n---\nAll.\n",
        "content/posts/2016-04-01-a-post.md": "---\ntitle: Post\n---\nP.\n"}
    config = ('title = "x"\nbase_url = "https://e.org/"\n[sections.events]\nkind = "pages"\n'
              'permalink = "/event/:year-:month-:title/"\n')
    out = build_ok(write_site(tmp_path / "site", files, config))
    for address in ("event/2016-03-summit-philadelphia/", "event/2017-05-meetup/", "events/"):
        assert (out / address / "index.html").is_file(), address
    assert "Summit" not in (out / "feed.xml").read_text()
    files["content/events/undated.md"] = "---\ntitle: Undated\n---\nU.\n"
    result = build(write_site(tmp_path / "other", files, config))
    assert result.returncode == 1 and "undated.md:2: error: a page of a section whose " \
        "permalink uses the date needs a date" in result.stderr, result.stderr


def test_hugo_s_sections_and_their_slices_place_the_docs(tmp_path: Path) -> None:
    """Doks' docs = "/docs/:sections[1:]/:slug/" (every Doks site): the folders under the
    section, then the title's slug (reference/markdown-basic.md at
    /docs/reference/markdown-basic-syntax/); a folder's index.md (Hugo's _index.md) at the
    folder's address, as Hugo puts a section's page."""
    files = {"content/docs/index.md": "---\ntitle: Docs\n---\nD.\n",
             "content/docs/reference/index.md": "---\ntitle: Reference\n---\nR.\n",
             "content/docs/reference/markdown-basic.md": "---\ntitle: Markdown Basic "
                                                         "Syntax\n---\nM.\n",
             "content/docs/reference/deep/page.md": "---\ntitle: Deep Page\n---\nP.\n",
             "content/notes/a/b/c.md": "---\ntitle: C\n---\nC.\n"}
    config = ('title = "x"\nbase_url = "https://e.org/"\n[sections.docs]\n'
              'permalink = "/docs/:sections[1:]/:slug_or_title/"\n[sections.notes]\n'
              'kind = "pages"\npermalink = "/:sections[last]/:sections[:last]/:slug_or_title/"\n')
    out = build_ok(write_site(tmp_path / "site", files, config))
    for address in ("docs/", "docs/reference/", "docs/reference/markdown-basic-syntax/",
                    "docs/reference/deep/deep-page/", "b/notes/a/c/"):
        assert (out / address / "index.html").is_file(), address


@pytest.mark.parametrize(("table", "line", "message"), [
    ('[sections.blog]\npermalink = "/:year/:nonsense/"', 5, "not a placeholder"),
    ('[sections.blog]\npermalink = "/blog/:slug"', 5, "must end with '/' or '.html'"),
    ('[sections.blog]\nredirect_from = ["/blog/:year/"]', 5, "or every entry gets one URL"),
    ('[sections.tags]\nkind = "posts"', 4, "cannot be a section"),
    ('[pages]\npermalink = "/:year/:path/"', 5, "have no date"),
    ('[sections.blog]\nkind = "articles"', 4, 'kind must be "posts"'),
    ('[sections.docs]\npermalink = "/docs/:sections[a:b]/:slug/"', 5,
     "a slice of the sections Hugo does not read"),
    ('[sections.docs]\npermalink = "/docs/:sections[/:slug/"', 5,
     "may hold '[' and ']' only in Hugo's :sections[...]"),
])
def test_wrong_rules_name_site_toml(tmp_path: Path, table: str, line: int,
                                    message: str) -> None:
    root = write_site(tmp_path / "site", {"content/about.md": "About.\n"},
                      f'title = "x"\nbase_url = "https://e.org/"\n\n{table}\n')
    result = build(root)
    assert result.returncode == 1
    assert f"site.toml:{line}: error: " in result.stderr and message in result.stderr, \
        result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_menu_link_stops_the_build_and_names_site_toml(tmp_path: Path) -> None:
    config = 'title = "x"\nbase_url = "https://e.org/"\n\n[[menu]]\nname = "Docs"\nurl = "/docs/"\n'
    root = write_site(tmp_path / "site", {"content/about.md": "About.\n"}, config)
    result = build(root)
    assert result.returncode == 1
    assert "site.toml:6: error: the menu links to /docs/" in result.stderr, result.stderr
    assert not (root / "build").exists()
    # (a folder's page without its slash, which every host redirects there: kakkoyun's
    # /categories/talks)
    (root / "site.toml").write_text(config.replace('"/docs/"', '"/about"'))
    assert build(root).returncode == 0


def test_colliding_redirects_are_a_warning(tmp_path: Path) -> None:
    config = ('title = "x"\nbase_url = "https://e.org/"\n\n[sections.posts]\n'
              'permalink = "/:year/:slug/"\nredirect_from = ["/posts/:slug/"]\n')
    files: dict[str, str | bytes] = {
        "content/posts/2019-01-01-links.md": "Links.\n",
        "content/posts/2020-01-01-links.md": "More links.\n"}
    root = write_site(tmp_path / "site", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "2020-01-01-links.md: warning: the old URL /posts/links/" in result.stderr
    out = root / "build"
    assert page(out, "/2019/links/") and page(out, "/2020/links/")
    assert sorted(p.name for p in (out / "api/posts").iterdir()) == [
        "2019-01-01-links.json", "links.json"]


def test_a_link_without_its_final_slash_names_the_page(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/a.md": "[b](/b) and [old](/old)\n",
                                     "content/b.md": "---\naliases: [/old/]\n---\nB.\n"}
    root = write_site(tmp_path / "site", files, 'title = "x"\nbase_url = "https://e.org/"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    links = [a["href"] for a in page(root / "build", "/a/").select(".content a")]
    assert links == ["/b/", "/b/"]


def test_a_sections_list_is_paginated(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"content/blog/2024-01-0{n}-note-{n}.md": f"Note {n}.\n" for n in range(1, 4)}
    config = 'title = "x"\nbase_url = "https://e.org/"\nposts_per_page = 2\n\n[sections.blog]\n'
    root = write_site(tmp_path / "site", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    first, second = page(out, "/blog/"), page(out, "/blog/page/2/")
    assert len(first.select("article")) == 2 and len(second.select("article")) == 1
    assert first.find("a", rel="next")["href"] == "/blog/page/2/"
    assert second.find("a", rel="prev")["href"] == "/blog/"


def test_pages_under_page_live_beside_the_home_page_s_pages(tmp_path: Path) -> None:
    """Hugo themes keep pages in content/page/ (/page/about/), where the home page's second
    page is /page/2/: both are published, a link to a missing /page/gone/ is broken, and a
    page at /page/2/ is left out as the site's own."""
    posts = {f"content/posts/p{n}.md": f"---\ntitle: P{n}\ndate: 2020-01-{n + 10}\n---\nx\n"
             for n in range(12)}
    files = {**posts, "content/page/about.md": "---\ntitle: About\n---\n[T](../theming/)\n",
             "content/page/theming.md": "---\ntitle: Theming\n---\n[About](/page/about/)\n",
             "content/two.md": "---\ntitle: Two\nurl: /page/2/\n---\nx\n"}
    root = write_site(tmp_path / "s", files, 'title = "T"\nposts_per_page = 5\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "two.md: warning: the URL /page/2/ is the site's own" in result.stderr
    out = root / "build"
    assert [a["href"] for a in soup(out / "page/about/index.html").select(".content a")] == \
        ["/page/theming/"]
    assert soup(out / "page/theming/index.html").select_one(".content a")["href"] == \
        "/page/about/"
    assert soup(out / "page/2/index.html").select(".post-list li, article")
    (root / "content/page/theming.md").write_text("---\ntitle: T\n---\n[Gone](/page/gone/)\n")
    assert "link to /page/gone/, which is not a page" in build(root).stderr


def test_docs_moved_by_their_permalink_have_no_page_left_at_docs(tmp_path: Path) -> None:
    """Hugo's documentation moved under /en/: the home page sends to the docs' home there,
    no table of contents is made at /docs/, and a page may keep /docs/ as an old address."""
    files = {"content/docs/index.md": "---\ntitle: Manual home\n---\nWelcome.\n",
             "content/docs/install.md": "---\ntitle: Install\n---\nInstall.\n",
             "content/docs/about.md": "---\ntitle: About\naliases: [/docs/]\n---\nAbout.\n"}
    root = write_site(tmp_path / "s", files,
                      'title = "T"\n[sections.docs]\npermalink = "/en/:path/"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    assert page(out, "/en/").h1.get_text(" ", strip=True).startswith("Manual home")
    for old, new in (("/", "/en/"), ("/docs/", "/en/about/")):
        refresh = soup(out / old.lstrip("/") / "index.html").find("meta", {"http-equiv": "refresh"})
        assert refresh["content"].endswith(f"url={new}"), old


def test_several_docs_sections_are_one_branch_each(tmp_path: Path) -> None:
    """hugo-theme-learn's chapters (basics/, cont/), each a docs section: the sidebar has a
    branch for each, a page's breadcrumbs start at its own section, and two pages of the
    same name in two sections stay apart."""
    files = {"content/basics/index.md": "---\ntitle: Basics\nweight: 1\n---\nB.\n",
             "content/basics/install.md": "---\ntitle: Install basics\n---\nI.\n",
             "content/cont/index.md": "---\ntitle: Content\nweight: 2\n---\nC.\n",
             "content/cont/install.md": "---\ntitle: Install content\n---\nI.\n"}
    config = 'title = "T"\n[sections.basics]\nkind = "docs"\n[sections.cont]\nkind = "docs"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    document = page(root / "build", "/cont/install/")
    assert [a.get_text(strip=True) for a in document.select(".breadcrumbs a")] == ["Content"]
    branches = document.select(".docs-sidebar > ul > li")
    assert [[a.get_text(strip=True) for a in branch.select("a")] for branch in branches] == [
        ["Basics", "Install basics"], ["Content", "Install content"]]
    assert [a["href"] for a in document.select(".prev-next a")] == ["/cont/"]
    assert [a["href"] for a in page(root / "build", "/basics/install/").select(
        ".prev-next a")] == ["/basics/", "/cont/"]


def test_a_docs_section_without_index_is_called_by_its_title(tmp_path: Path) -> None:
    """Marlin's collections (_gcode, _setting), each a docs section of a title and no
    index.md: the sidebar and the breadcrumbs call each branch by the section's title, or
    by its folder's name as MkDocs names it."""
    files = {"content/gcode/g004.md": "---\ntitle: G4 Dwell\n---\nG.\n",
             "content/dev_guide/build.md": "---\ntitle: Build\n---\nB.\n"}
    config = ('title = "T"\n[sections.gcode]\nkind = "docs"\ntitle = "G-code"\n'
              '[sections.dev_guide]\nkind = "docs"\n')
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    document = page(root / "build", "/gcode/g004/")
    assert [name.get_text() for name in document.select(".docs-sidebar .nav-name")] == [
        "Dev guide", "G-code"]
    assert [item.get_text() for item in document.select(".breadcrumbs li")] == [
        "Docs", "G-code", "G4 Dwell"]


def test_an_old_address_in_another_case_only_is_a_warning(tmp_path: Path) -> None:
    """Just the Docs' /CHANGELOG/ (a page's old address by [pages] redirect_from) is its URL
    /changelog/ in another case: no redirect (one folder on a disk that ignores case), with a
    warning that says how to keep it; a url: /MIGRATION/ of its own keeps it."""
    files = {"content/CHANGELOG.md": "---\ntitle: Changelog\n---\nC.\n",
             "content/MIGRATION.md": "---\ntitle: Migration\nurl: /MIGRATION/\n---\nM.\n"}
    root = write_site(tmp_path / "s", files, 'title = "T"\n[pages]\nredirect_from = ["/:path/"]\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "CHANGELOG.md: warning: the old URL /CHANGELOG/ differs from this page's URL " \
        "/changelog/ only in case" in result.stderr
    assert "hint: to keep the old URL as the page's own, give it url: /CHANGELOG/" \
        in result.stderr
    assert "MIGRATION" not in result.stderr
    assert page(root / "build", "/MIGRATION/").h1.get_text() == "Migration"


def test_an_old_address_given_by_the_page_and_its_section_is_no_warning(
        tmp_path: Path) -> None:
    """swift.org's guide: its own redirect_from /guide.html is also [pages]' /:path.html."""
    files = {"content/guide.md": "---\ntitle: Guide\nredirect_from: /guide.html\n---\nG.\n"}
    config = 'title = "T"\n[pages]\nredirect_from = ["/:path.html"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert redirect_target(root / "build", "/guide.html").endswith("/guide/")


def test_hugo_s_cased_paths_are_made_segments_as_hugo_makes_them(tmp_path: Path) -> None:
    """The Hyprland wiki (disablePathToLower): "Advanced and Cool/Animations.md" is at
    /Advanced-and-Cool/Animations/, "Options & Overrides.md" at /Options-Overrides/."""
    files = {"content/guide/Advanced and Cool/Animations.md": "# Animations\n",
             "content/guide/Options & Overrides.md": "# Options\n"}
    config = ('title = "T"\n[build]\nslugs = "hugo"\n[sections.guide]\nkind = "docs"\n'
              'permalink = "/guide/:path/"\ncased_urls = true\n')
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    for url in ("/guide/Advanced-and-Cool/Animations/", "/guide/Options-Overrides/"):
        assert page(root / "build", url).h1, url


def test_jekyll_s_name_of_a_collection_s_document(tmp_path: Path) -> None:
    """DjangoCon's schedule, /:collection/:name/: the file name, its date kept, slugified as
    Jekyll's default mode does."""
    files = {"content/schedule/2023-10-16-08-00-breakfast.md": "---\ntitle: Breakfast\n---\nB.\n",
             "content/schedule/My_Talk.v2.md": "---\ntitle: Talk\n---\nT.\n"}
    config = 'title = "T"\n[sections.schedule]\nkind = "pages"\npermalink = "/schedule/:name/"\n'
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    for url in ("/schedule/2023-10-16-08-00-breakfast/", "/schedule/my-talk-v2/"):
        assert page(root / "build", url).h1, url


def test_old_addresses_of_mkdocs_without_directory_urls(tmp_path: Path) -> None:
    """nautobot's docs (use_directory_urls: false): a folder's index.md was at
    /folder/index.html, and mkdocs-redirects' redirect_maps wrote old.md at /old.html."""
    files = {"content/docs/index.md": "# Docs\n", "content/docs/guide/index.md": "# Guide\n",
             "content/docs/guide/caching.md": "# Caching\n"}
    config = ('title = "T"\n[sections.docs]\nredirect_from = ["/:path.html"]\n[redirects]\n'
              '"additional-features/caching.md" = "guide/caching.md"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    for old, new in [("/guide/", "/docs/guide/"), ("/guide/caching.html", "/docs/guide/caching/"),
                     ("/additional-features/caching.html", "/docs/guide/caching/")]:
        assert redirect_target(root / "build", old).endswith(new), old
    assert not (root / "build/guide.html").exists()


def test_a_date_of_one_digit_months_and_days_starts_a_file_name(tmp_path: Path) -> None:
    """swift.org's 2016-1-05-swift-2.2-release-process.md, as Jekyll reads it."""
    files = {"content/posts/2016-1-05-swift-2.2-release-process.md": "Text.\n",
             "content/posts/2017-3-7-released.md": "---\ndate: 2017-03-27\n---\nText.\n"}
    config = 'title = "T"\n[sections.posts]\npermalink = "/blog/:year/:month/:day/:title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/blog/2016/01/05/swift-2.2-release-process/").h1
    assert page(root / "build", "/blog/2017/03/27/released/").h1


def test_jekyll_s_title_keeps_the_file_name_s_case_and_punctuation(tmp_path: Path) -> None:
    """artsy's posts: Jekyll's :title is the file name made a "pretty" slug, its case kept;
    Rails' names that end in a hyphen lose it (Utils.slugify takes off those at both ends)."""
    files = {"content/posts/2016-09-10-Help!-I'm-becoming-Post-Junior.md": "Text.\n",
             "content/posts/2012-05-11-on-making-it-personal--in-iOS.md": "Text.\n",
             "content/posts/2019-03-22-Rails-5-1-7-rc1-has-been-released-.md": "Text.\n",
             "content/posts/2012-05-12-plain.md": "---\nslug: Own Slug\n---\nText.\n"}
    config = 'title = "T"\n[sections.posts]\npermalink = "/blog/:year/:title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    for url in ("/blog/2016/Help!-I'm-becoming-Post-Junior/",
                "/blog/2012/on-making-it-personal-in-iOS/", "/blog/2012/Own-Slug/",
                "/blog/2019/Rails-5-1-7-rc1-has-been-released/"):
        assert page(root / "build", url).h1


def test_an_untitled_document_of_a_collection_is_titled_as_jekyll_titles_it(
        tmp_path: Path) -> None:
    """DjangoCon's 59 presenters, a section of pages (a Jekyll collection), each titled by
    Jekyll's titleize_slug of its file name; a docs page as MkDocs titles it."""
    files = {"content/presenters/andrew-knight.md": "---\nname: Andrew Knight\n---\nBio.\n",
             "content/docs/user-guide.md": "Text.\n"}
    config = 'title = "T"\n[sections.presenters]\nkind = "pages"\n'
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    assert page(root / "build", "/presenters/andrew-knight/").h1.get_text() == "Andrew Knight"
    assert page(root / "build", "/docs/user-guide/").h1.get_text() == "User guide"


def test_two_patterns_giving_one_old_address_keep_the_earlier_pattern_s(
        tmp_path: Path) -> None:
    """openai-agents-python's docs: redirect_from /:path/ and /ja/:path/ both give
    /ja/agents/, to ja/agents.md (by the first) and to agents.md (by the second): the first
    pattern's page keeps it, and the other is told it is that page's old URL."""
    files = {"content/docs/index.md": "# Docs\n", "content/docs/agents.md": "# Agents\n",
             "content/docs/ja/agents.md": "# エージェント\n"}
    config = 'title = "T"\n[sections.docs]\nredirect_from = ["/:path/", "/ja/:path/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert redirect_target(root / "build", "/ja/agents/").endswith("/docs/ja/agents/")
    assert redirect_target(root / "build", "/agents/").endswith("/docs/agents/")
    assert "agents.md: warning: the old URL /ja/agents/ (redirect_from of this section in " \
        "site.toml) is already an old URL of docs/ja/agents.md" in result.stderr


def test_hugo_s_slugs_keep_the_dots_of_titles_and_tags(tmp_path: Path) -> None:
    """coredns' release posts and tags: [build] slugs = "hugo" makes their URLs as Hugo's
    urlize does, /2018/05/24/coredns-1.1.3-release/ and /tags/1.1.3/."""
    files = {"content/blog/coredns-1.1.3.md": '+++\ntitle = "CoreDNS-1.1.3 Release"\ntags = '
                                              '["1.1.3", "Release"]\ndate = 2018-05-24\n+++\nA.\n',
             "content/blog/next.md": '+++\ntitle = "Next"\ndate = 2018-06-01\ncategories = '
                                     '["v1.2"]\n+++\nSee [it](/2018/05/24/coredns-1.1.3-release/)'
                                     " and [the tag](/tags/1.1.3/).\n"}
    config = 'title = "T"\n[build]\nslugs = "hugo"\n[sections.blog]\npermalink = ' \
             '"/:year/:month/:day/:slug_or_title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    assert page(out, "/2018/05/24/coredns-1.1.3-release/").h1.get_text() == \
        "CoreDNS-1.1.3 Release"
    assert page(out, "/tags/1.1.3/").h1 and page(out, "/categories/v1.2/").h1
    assert [a["href"] for a in page(out, "/2018/06/01/next/").select(".content a")] == [
        "/2018/05/24/coredns-1.1.3-release/", "/tags/1.1.3/"]
    (root / "site.toml").write_text(config.replace('"hugo"', '"gatsby"'))
    result = build(root)
    assert result.returncode == 1
    assert 'site.toml:3: error: [build] slugs must be "default", "hugo", "material", ' \
        "\"pelican\" or \"jekyll\", not 'gatsby'" in result.stderr


def test_hugo_s_slugs_and_paths_are_in_lower_case(tmp_path: Path) -> None:
    """shapeshed's slug = "HTML5-video-element": Hugo writes its paths in lower case; a
    page's own url is kept as written, and without slugs = "hugo" the slug's case is kept."""
    files = {"content/posts/video.md": '+++\ntitle = "Video"\nslug = "HTML5-video-element"\n'
                                       'date = 2011-05-01\n+++\nA.\n',
             "content/About.md": '+++\ntitle = "About"\nurl = "/About-Me/"\n+++\nB.\n',
             "content/posts/run.md": '+++\ntitle = "Run"\nslug = "I\'m-running!"\n'
                                     'date = 2011-05-02\n+++\nC.\n'}
    config = 'title = "T"\n[build]\nslugs = "hugo"\n[sections.posts]\n' \
             'permalink = "/:slug_or_title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "build/html5-video-element/index.html").is_file()
    assert (root / "build/About-Me/index.html").is_file()
    assert (root / "build/im-running/index.html").is_file()  # (Hugo's paths leave out ' !)
    (root / "site.toml").write_text(config.replace('slugs = "hugo"', 'slugs = "default"'))
    assert build(root).returncode == 0
    assert (root / "build/HTML5-video-element/index.html").is_file()


@pytest.mark.parametrize(("style", "files", "permalink", "pages"), [
    # fbruzzesi's "Hello World 👋" and "Worktree + UV", at hello-world- and worktree--uv
    # with Material's blog (pymdown-extensions' slugify)
    ("material", {"content/blog/a.md": "---\ntitle: Hello World 👋\ndate: 2024-01-01\n"
                                       "tags: [C# & .NET]\n---\nA.\n",
                  "content/blog/b.md": "---\ntitle: Worktree + UV\ndate: 2024-01-02\n---\nB.\n"},
     '[sections.blog]\npermalink = "/blog/:year/:month/:day/:slug_or_title/"\n',
     {"/blog/2024/01/01/hello-world-/": "Hello World 👋",
      "/blog/2024/01/02/worktree--uv/": "Worktree + UV", "/tags/c--net/": "Tag: C# & .NET"}),
    # ludochaordic's CYBER//PUNK and async/await, at cyberpunk.html and asyncawait.html
    # (Pelican leaves out what is no word character), tags too (80/20 at 8020, C++ at c)
    ("pelican", {"content/posts/a.md": "Title: CYBER//PUNK\nDate: 2024-01-01\n"
                                       "Tags: 80/20, C++, Straße\n\nA.\n",
                 "content/posts/b.md": "Title: Pokémon: async/await?\nDate: 2024-01-02\n\nB.\n"},
     '[sections.posts]\npermalink = "/:slug_or_title.html"\n',
     {"/cyberpunk.html": "CYBER//PUNK", "/pokemon-asyncawait.html": "Pokémon: async/await?",
      "/tags/8020/": "Tag: 80/20", "/tags/c/": "Tag: C++", "/tags/strasse/": "Tag: Straße"}),
])
def test_a_slug_style_makes_titles_and_tags_urls_as_its_generator_does(
        tmp_path: Path, style: str, files: dict[str, str], permalink: str,
        pages: dict[str, str]) -> None:
    """slugs = "material" and "pelican" make titles, tags and categories URL segments as
    Material's blog and Pelican make them (accents taken off, for Pelican)."""
    root = write_site(tmp_path / "s", files, f'title = "T"\n[build]\nslugs = "{style}"\n'
                      + permalink)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert {url: page(root / "build", url).h1.get_text() for url in pages} == pages


def test_hugo_s_path_keeps_a_file_name_s_date(tmp_path: Path) -> None:
    """rOpenSci's events, 2019-01-25-conectar.md (slug: conectar) and two dated files of one
    name: Hugo's path is the slug, else the file's name with its date, where Jekyll's takes
    the date off (145 old addresses had been lost, or the build stopped)."""
    files = {"content/events/2019-01-25-conectar.md": "---\ntitle: C\ndate: 2019-01-25\n"
                                                      "slug: conectar\n---\nA.\n",
             "content/events/2023-03-01-orientation.md": "---\ntitle: O\ndate: 2023-03-01\n"
                                                         "---\nB.\n",
             "content/events/2024-02-15-orientation.md": "---\ntitle: O\ndate: 2024-02-15\n"
                                                         "---\nC.\n"}
    config = 'title = "T"\n[build]\nslugs = "hugo"\n[sections.events]\n' \
             'permalink = "/events/:path/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    for url in ("/events/conectar/", "/events/2023-03-01-orientation/",
                "/events/2024-02-15-orientation/"):
        assert page(root / "build", url).h1 is not None, url


def test_hugo_s_path_keeps_a_file_name_s_characters_as_hugo_does(tmp_path: Path) -> None:
    """Kubeflow's watch--kubeflow-summit-2023.md: Hugo's path keeps both hyphens (and a
    C++ folder's pluses, a name's underscore) where the default style makes one."""
    files = {"content/docs/watch--summit-2023.md": "# Watch\n",
             "content/docs/C++/snake_case.md": "# Snake\n",
             "content/post/go--tips.md": "---\ntitle: Go\ndate: 2024-01-02\n---\nA.\n"}
    config = 'title = "T"\n[build]\nslugs = "hugo"\n[sections.post]\npermalink = ' \
             '"/post/:path/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    for url in ("/docs/watch--summit-2023/", "/docs/c++/snake_case/", "/post/go--tips/"):
        assert page(root / "build", url).h1 is not None, url


def test_a_permalink_of_the_day_alone_keeps_one_post_a_day_s_address(tmp_path: Path) -> None:
    """nullprogram's permalink: /blog/:year/:month/:day/ (one post a day), as an old address
    each post redirects from; two posts of one day would be an error naming both."""
    files = {"content/posts/2024-01-02-a.md": "A.\n", "content/posts/2024-01-05-b.md": "B.\n"}
    config = 'title = "T"\n[sections.posts]\npermalink = "/blog/:year/:month/:day/:title/"\n' \
             'redirect_from = ["/blog/:year/:month/:day/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert redirect_target(root / "build", "/blog/2024/01/05/").endswith("/blog/2024/01/05/b/")


def test_a_redirect_to_no_page_written_without_its_slash_names_its_line(tmp_path: Path) -> None:
    """tinygo's Netlify rules, "/old-b" = "/docs/missing": the error names the line, as it
    does for a target written with its "/"."""
    files = {"content/docs/a.md": "# A\n"}
    config = 'title = "T"\n\n[redirects]\n"/old-a" = "/docs/a"\n"/old-b" = "/docs/missing"\n'
    result = build(write_site(tmp_path / "s", files, config))
    assert result.returncode == 1
    assert "site.toml:5: error: [redirects]: /docs/missing/ is not a page of this site" \
        in result.stderr


def test_a_redirects_line_over_a_page_says_how_to_keep_either(tmp_path: Path) -> None:
    """Jaeger's forced Netlify rule, /docs/latest 302!, over its stub docs/latest.md: the
    hint says how to keep the page, and how to redirect (leave the page out)."""
    config = 'title = "T"\n\n[redirects]\n"/docs/latest/" = "/docs/intro/"\n'
    files = {"content/docs/latest.md": "# Latest\n", "content/docs/intro.md": "# Intro\n"}
    result = build(write_site(tmp_path / "s", files, config))
    assert result.returncode == 1
    assert "site.toml:4: error: [redirects]: /docs/latest/ is the URL of docs/latest.md\n" \
        "  hint: remove the line to keep the page (as a Netlify redirect without force = true " \
        "does); or, to redirect (a forced rule, 302!), leave the page out: start its file's " \
        "name with _" in result.stderr, result.stderr
    (tmp_path / "s/content/docs/latest.md").rename(tmp_path / "s/content/docs/_latest.md")
    result = build(tmp_path / "s")
    assert result.returncode == 0, result.stderr
    assert redirect_target(tmp_path / "s/build", "/docs/latest/").endswith("/docs/intro/")


def test_redirects_chained_as_netlify_follows_them_lead_to_the_page(tmp_path: Path) -> None:
    """Kubeflow's Netlify rules send an old address to another old address, which Netlify
    sends on (a browser follows each): the redirect page sends to the last page at once,
    with the first step's fragment; a splat is left out with a warning; an error names the
    line whose old address it is, not one whose old address starts with it."""
    files = {"content/docs/started/installing.md": "# Installing\n",
             "content/docs/started/old.md": "---\ntitle: Old\naliases: [/older/]\n---\nx\n"}
    config = ('title = "T"\n\n[redirects]\n"/docs/reference/downloads/" = '
              '"/docs/started/getting-started/#get"\n'
              '"/docs/started/getting-started/" = "/docs/started/installing/"\n'
              '"/a/" = "/b/"\n"/b/" = "/older/"\n"/docs/aws/*" = "https://example.com/"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert redirect_target(root / "build", "/docs/reference/downloads/").endswith(
        "/docs/started/installing/#get")
    assert redirect_target(root / "build", "/a/").endswith("/docs/started/old/")
    assert 'site.toml:8: warning: [redirects]: "/docs/aws/*" = "https://example.com/" is ' \
        "left out" in result.stderr
    assert not (root / "build/docs/aws").exists()
    wrong = ('title = "T"\n\n[redirects]\n"/docs/started/installing/x/" = "https://e.com/"\n'
             '"/mpi/" = "/docs/started/"\n')
    (root / "site.toml").write_text(wrong, encoding="utf-8")
    result = build(root)
    assert "site.toml:5: error: [redirects]: /docs/started/ is not a page" in result.stderr


def test_a_redirect_to_another_site_over_a_page_is_an_error(tmp_path: Path) -> None:
    """jvns' Netlify rule /zines/ -> wizardzines.com (not forced: Netlify kept the page)
    replaced the page with no word; it stops the build, as a redirect over a page does."""
    files = {"content/zines.md": "---\ntitle: Zines\n---\nAll of them.\n"}
    config = 'title = "T"\n[redirects]\n"/zines/" = "https://wizardzines.com"\n' \
             '"/old-zines/" = "https://wizardzines.com"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 1
    assert "site.toml:3: error: [redirects]: /zines/ is the URL of zines.md, which a " \
        "redirect would replace" in result.stderr
    (root / "site.toml").write_text(config.replace('"/zines/" = "https://wizardzines.com"\n', ""))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/zines/").h1.get_text() == "Zines"
    assert redirect_target(root / "build", "/old-zines/") == "https://wizardzines.com"


def test_a_redirects_line_wins_over_a_section_s_pattern_without_a_word(
        tmp_path: Path) -> None:
    """LinuxServer's "images/app.md" = "deprecated/app.md" beside redirect_from /:path/: the
    line of [redirects] sends /images/app/ on, as mkdocs-redirects does; the pattern's
    claim to it is no warning that blames the pattern."""
    files = {"content/docs/images/app.md": "# App\n", "content/docs/deprecated/app.md": "# Old\n"}
    config = 'title = "T"\n[sections.docs]\nredirect_from = ["/:path/"]\n[redirects]\n' \
             '"images/app.md" = "deprecated/app.md"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert redirect_target(root / "build", "/images/app/").endswith("/docs/deprecated/app/")


def test_the_month_s_name_in_a_permalink(tmp_path: Path) -> None:
    """rtaibah's ARTICLE_URL = "{category}/{date:%Y}/{date:%b}/{date:%d}/{slug}/"."""
    files = {"content/posts/linux/a.md": "Title: Amarok\nDate: 2007-12-27\n\nA.\n"}
    config = 'title = "T"\n[sections.posts]\npermalink = ' \
             '"/:category/:year/:short_month/:day/:slug_or_title/"\ncategory_from_folder = ' \
             'true\nredirect_from = ["/:year/:long_month/:slug_or_title/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/linux/2007/Dec/27/amarok/").h1.get_text() == "Amarok"
    assert redirect_target(root / "build", "/2007/December/amarok/").endswith(
        "/linux/2007/Dec/27/amarok/")


def test_a_page_under_archive_is_published_beside_the_archive_s_years(tmp_path: Path) -> None:
    """18F's methods/archive/bodystorming.md at /archive/bodystorming/: the site makes only
    /archive/ and /archive/<year>/ there."""
    files = {"content/archive/bodystorming.md": "---\ntitle: Bodystorming\n---\nB.\n",
             "content/archive.md": "---\ntitle: Mine\n---\nM.\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nSee [it]"
                                   "(/archive/bodystorming/) and [the year](/archive/2024/).\n"}
    root = write_site(tmp_path / "s", files, 'title = "T"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/archive/bodystorming/").h1.get_text() == "Bodystorming"
    assert "the URL /archive/ is the site's own" in result.stderr
    assert page(root / "build", "/archive/2024/").select_one('a[href="/posts/a/"]')


def test_posts_under_archive_and_old_addresses_of_dots(tmp_path: Path) -> None:
    """haacked's 2,058 posts at /archive/:year/:month/:day/:title/, beside the archive's
    year pages; its old addresses /archive/2006/12/17/.NET_Auction.aspx/ (a segment that
    starts with a dot) and /archive/2012/04/15/pain.aspx.html/ (a folder named .html,
    which the site's check reads past)."""
    files = {"content/posts/2017-01-04-hello.md": "---\ntitle: Hello\n---\nHi.\n",
             "content/posts/2006-12-18-.NET_Auction.aspx.md": (
                 "---\ntitle: .NET\nredirect_from:\n  - /archive/2006/12/17/.NET_Auction.aspx/"
                 "\n  - /archive/2012/04/15/pain.aspx.html/\n---\nSee [hello]"
                 "(2017-01-04-hello.md).\n")}
    config = 'title = "T"\n[sections.posts]\npermalink = "/archive/:year/:month/:day/:title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/archive/2017/01/04/hello/").h1.get_text() == "Hello"
    post = page(root / "build", "/archive/2006/12/18/.NET_Auction.aspx/")
    assert post.select_one('.content a')["href"] == "/archive/2017/01/04/hello/"
    for old in ("/archive/2006/12/17/.NET_Auction.aspx/", "/archive/2012/04/15/pain.aspx.html/"):
        assert redirect_target(root / "build", old).endswith(
            "/archive/2006/12/18/.NET_Auction.aspx/")
    assert page(root / "build", "/archive/2017/").select_one(
        'a[href="/archive/2017/01/04/hello/"]')
    checked = run_site("check", "--root", root)
    assert "Traceback" not in checked.stderr and checked.returncode == 0, checked.stderr


def test_jekyll_s_addresses_without_an_extension_keep_their_html_file(tmp_path: Path) -> None:
    """Jekyll writes permalink: /settings as settings.html, and redirect_from: /overview as
    overview.html (travisdowns, LSP): here the page is /settings/, and both .html files
    send to it; an address with a / or an extension is kept as it is."""
    files = {"content/settings.md": "---\ntitle: Settings\npermalink: /settings\nredirect_from:"
                                    "\n  - /overview\n  - /old/\n  - /x.php\n---\nS.\n",
             "content/about.md": "---\ntitle: About\n---\n[a](/settings) [b](/settings.html) "
                                 "[c](/overview.html)\n"}
    root = write_site(tmp_path / "s", files, 'title = "T"\n')
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/settings/").h1.get_text() == "Settings"
    for old in ("/settings.html", "/overview.html", "/overview/", "/old/", "/x.php"):
        assert redirect_target(root / "build", old).endswith("/settings/"), old
    assert not (root / "build/old.html").exists() and not (root / "build/x.php.html").exists()
    assert [a["href"] for a in page(root / "build", "/about/").select(".content a")] == [
        "/settings/", "/settings/", "/settings/"]


def test_a_page_s_slug_of_several_segments_is_its_path(tmp_path: Path) -> None:
    """pyconid's 32 speaker pages, Slug: speaker/ada, at /speaker/ada.html as Pelican
    writes them: they had all fallen back to their one title and stopped the build; a
    slug's ' ! ( ) are kept, as Pelican keeps a written slug (andrewwegner's 4 posts)."""
    files = {"content/speaker/ada.md": "Title: Speaker Detail\nSlug: speaker/ada\n\nAda.\n",
             "content/speaker/bob.md": "Title: Speaker Detail\nSlug: /speaker/Bob/\n\nBob.\n",
             # (and a slug that a path keeps as written: andrewwegner's)
             "content/im.md": "Title: I'm running\nSlug: i'm-running-(again)!\n\nRun.\n"}
    config = 'title = "T"\n[pages]\npermalink = "/:slug_or_title.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/speaker/ada.html").select_one(".content").get_text().strip() \
        == "Ada."
    assert (root / "build/speaker/Bob.html").is_file()
    assert (root / "build/i'm-running-(again)!.html").is_file()
    (root / "site.toml").write_text(config.replace(":slug_or_title", ":path"))
    assert build(root).returncode == 0  # (the slug is the whole path, in place of the
    assert (root / "build/speaker/ada.html").is_file()  # folders: not /speaker/speaker/)


def test_hugo_s_title_placeholder_is_the_title_whatever_the_slug(tmp_path: Path) -> None:
    """Mic92's posts: Hugo's :title is the title's slug, and the slug field (here holding
    slashes, which Hugo's :title leaves unused) is not read for it; a slug that is no one
    segment is left out with a warning, where it stopped the build."""
    files = {"content/posts/cross.md": "---\ntitle: Cross compiling NixOS\ndate: 2022-11-27\n"
                                       "slug: 2022/11/27/nixos-cross\n---\nA.\n",
             "content/posts/deploy.md": "---\ntitle: Deploying with Nix\ndate: 2022-11-28\n"
                                        "slug: nix-deploy\n---\nB.\n"}
    config = 'title = "T"\n[sections.posts]\npermalink = "/:year/:month/:day/:title_slug/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        f"{root / 'content/posts/cross.md'}:4: warning: slug '2022/11/27/nixos-cross' of a "
        "post is not one URL segment: left out (the file's name or title gives the address)"]
    assert page(root / "build", "/2022/11/27/cross-compiling-nixos/").h1.get_text() == \
        "Cross compiling NixOS"
    assert page(root / "build", "/2022/11/28/deploying-with-nix/").h1.get_text() == \
        "Deploying with Nix"


def test_a_relative_link_written_from_a_page_s_old_address(tmp_path: Path) -> None:
    """zverok's advent/day01.md, once /advent/day01.html, links day02.html: read from that
    old address, it is the page of day02.md (with the guide's [pages] redirect_from)."""
    files = {"content/advent/day01.md": "---\ntitle: Day 01\n---\n[next](day02.html#top)\n",
             "content/advent/day02.md": "---\ntitle: Day 02\n---\n## Top\n"}
    config = 'title = "T"\n[pages]\nredirect_from = ["/:path.html"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/advent/day01/").select_one(".content a")["href"] == \
        "/advent/day02/#top"


def test_jekyll_s_title_of_a_collection_s_index_is_index(tmp_path: Path) -> None:
    """VADS' collections at /:collection/:title.html: patterns/index.md is Jekyll's
    /patterns/index.html, served at /patterns/ (it was /patterns/patterns.html)."""
    files = {"content/patterns/index.md": "---\ntitle: Patterns\n---\n[W](wizards.md)\n",
             "content/patterns/wizards.md": "---\ntitle: Wizards\n---\n[All](/patterns/)\n"}
    config = ('title = "T"\n[sections.patterns]\nkind = "docs"\n'
              'permalink = "/patterns/:title.html"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/patterns/").select_one(".content a")["href"] == \
        "/patterns/wizards.html"
    assert page(root / "build", "/patterns/wizards.html").select_one(".content a")["href"] \
        == "/patterns/"


def test_an_index_with_a_slug_under_a_path_html_permalink_is_placed_by_its_slug(
        tmp_path: Path) -> None:
    """infra.apache.org's tools/index.md, slug: tools/index, under /:path.html: Pelican's
    tools/index.html, served at /tools/ (it was /tools/index/)."""
    files = {"content/tools/index.md": "Title: Tools\nslug: tools/index\n\nAll tools.\n",
             "content/tools/csp.md": "Title: CSP\nslug: tools/csp\n\nCSP.\n"}
    config = 'title = "T"\n[build]\nslugs = "pelican"\n[pages]\npermalink = "/:path.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/tools/").h1.get_text() == "Tools"
    assert page(root / "build", "/tools/csp.html").h1.get_text() == "CSP"
    assert not (root / "build/tools/index").exists()


def test_an_old_address_keeps_a_file_name_s_spaces(tmp_path: Path) -> None:
    """rfernandezdo's docs/Security/Asset Management.md, which MkDocs published at
    /Security/Asset Management/ (%20 in links): redirect_from /:path/ keeps it."""
    files = {"content/docs/Security/Asset Management.md": "# Assets\n"}
    config = 'title = "T"\n[sections.docs]\nredirect_from = ["/:path/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root / "build", "/docs/security/asset-management/").h1.get_text() == "Assets"
    assert redirect_target(root / "build", "/Security/Asset Management/").endswith(
        "/docs/security/asset-management/")


def test_cased_urls_keep_the_case_of_file_and_folder_names(tmp_path: Path) -> None:
    """XAPI's docs (Hugo with disablePathToLower) at /xenopsd/walkthroughs/VM.build/; with
    cased_urls, :path keeps the names' case, and links follow; slugs = "hugo" lowers the
    other sections' paths still. A page's slug is its last segment, as without cased_urls
    (it had been left for the file's name)."""
    files = {"content/xenopsd/walkthroughs/VM.start.md": "# Start\n\n"
                                                         "[D](VM.build/Domain.build.md)\n",
             "content/xenopsd/walkthroughs/VM.build/Domain.build.md": "# Domain\n",
             "content/xenopsd/walkthroughs/Old.Name.md": "---\nslug: new-name\n---\n# Old\n",
             "content/other/Upper.md": "# Upper\n"}
    config = ('title = "T"\n[build]\nslugs = "hugo"\n[sections.xenopsd]\nkind = "docs"\n'
              'permalink = "/xenopsd/:path/"\ncased_urls = true\n[sections.other]\n'
              'kind = "docs"\npermalink = "/other/:path/"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    start = page(root / "build", "/xenopsd/walkthroughs/VM.start/")
    assert start.select_one(".content a")["href"] == "/xenopsd/walkthroughs/VM.build/Domain.build/"
    assert page(root / "build", "/xenopsd/walkthroughs/VM.build/Domain.build/").h1 is not None
    assert page(root / "build", "/other/upper/").h1 is not None
    assert page(root / "build", "/xenopsd/walkthroughs/new-name/").h1 is not None


def test_an_old_address_keeps_a_file_name_s_ampersand_comma_and_brackets(
        tmp_path: Path) -> None:
    """Tasmota's Subscribe-&-Unsubscribe.md and devices/Kohree-VHP560,-RGBCW-[2-PACK].md,
    which MkDocs published at their names; a name with a ? or a % is no old address."""
    files = {"content/docs/Subscribe-&-Unsubscribe.md": "# Subscribe\n",
             "content/docs/devices/Kohree-VHP560,-RGBCW-[2-PACK].md": "# Kohree\n",
             "content/docs/Why?.md": "# Why\n",
             "content/docs/Happy-City.md": "---\nslug: buffalo\n---\n# Happy\n"}
    config = 'title = "T"\n[sections.docs]\nredirect_from = ["/:path/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert redirect_target(root / "build", "/Subscribe-&-Unsubscribe/").endswith(
        "/docs/subscribe-unsubscribe/")
    assert redirect_target(root / "build", "/devices/Kohree-VHP560,-RGBCW-[2-PACK]/").endswith(
        "/docs/devices/kohree-vhp560-rgbcw-2-pack/")
    # (2042ed's slug, which MkDocs ignored: the old address is the file's)
    assert redirect_target(root / "build", "/Happy-City/").endswith("/docs/buffalo/")
    assert redirect_target(root / "build", "/why/").endswith("/docs/why/")


def test_an_alias_and_its_folder_s_index_html_are_one_redirect(tmp_path: Path) -> None:
    """staeiou's about page: redirect_from /wordpress/ and /wordpress/index.html, one file
    (the build had stopped, saying two would be written there)."""
    files = {"content/about.md": "---\ntitle: About\nredirect_from: [/wordpress/, "
                                 "/wordpress/index.html, /old/index.html]\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, 'title = "T"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    for old in ("/wordpress/", "/old/"):
        assert redirect_target(root / "build", old).endswith("/about/")
