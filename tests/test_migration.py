"""Moving from Jekyll, Hugo, Pelican or MkDocs: drop the Markdown into content/ and build.

One fixture site per foreign generator, written the way that generator's own documentation
writes its sources, each built once with ``python site.py build``. The sites use
``timezone = "UTC"``, so every ``<time datetime>`` is the source's date converted to UTC.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, soup, write_site

CONFIG = """\
title = "Migrated"
description = "A site moved from another generator"
base_url = "https://example.org/"
author = "Site Owner"
timezone = "UTC"
posts_per_page = 20
"""


@dataclass
class Built:
    """A fixture site built once: its root, and the build command's result."""

    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def out(self) -> Path:
        assert self.result.returncode == 0, self.result.stdout + self.result.stderr
        return self.root / "build"

    def page(self, url: str) -> BeautifulSoup:
        """The built HTML page at site path ``url`` (``/posts/x/`` or ``/x.html``)."""
        path = self.out / url.strip("/")
        path = path if url.endswith(".html") else path / "index.html"
        assert path.is_file(), f"{url} was not built; build/ has " + ", ".join(
            sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("index.html")))
        return soup(path)

    def warnings(self) -> list[str]:
        return [line for line in self.result.stderr.splitlines() if ": warning: " in line]

    def warning_at(self, rel_path: str, line: int) -> str:
        """The warning reported for ``content/REL_PATH`` at ``line``; fails if there is none."""
        location = re.compile(rf"(^|/){re.escape('content/' + rel_path)}:{line}: warning: ")
        found = [warning for warning in self.warnings() if location.search(warning)]
        assert found, f"no warning at content/{rel_path}:{line}; stderr was:\n{self.result.stderr}"
        return found[0]


def build_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               files: dict[str, str | bytes]) -> Built:
    root = write_site(tmp_path_factory.mktemp(name) / "site", files, CONFIG)
    return Built(root, build(root))


def post_datetime(page: BeautifulSoup) -> str:
    time = page.select_one(".byline time")
    assert time is not None, "the post page has no date"
    return time["datetime"]


def tag_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    """``(href, text)`` of the category and tag links on a post page."""
    return [(a["href"], a.get_text()) for a in page.select(".post-terms a")]


def content_text(page: BeautifulSoup) -> str:
    content = page.select_one(".content")
    assert content is not None
    return content.get_text()


def term_titles(built: Built, taxonomy: str, slug: str) -> list[str]:
    page = built.page(f"/{taxonomy}/{slug}/")
    return [a.get_text() for a in page.select(".post-list h2 a")]


def home_titles(built: Built) -> list[str]:
    return [a.get_text() for a in built.page("/").select(".post-list h2 a, .post-list h3 a")]


def assert_unpublished(built: Built, slug: str, marker: str) -> None:
    """Nothing in build/ names ``slug`` or contains the draft's unique word ``marker``."""
    for path in built.out.rglob("*"):
        assert slug not in path.as_posix(), path
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


def assert_builds_with_warnings_only(built: Built) -> None:
    assert built.result.returncode == 0, built.result.stderr
    assert "Traceback" not in built.result.stderr
    assert ": error:" not in built.result.stderr
    assert (built.out / "index.html").is_file()


# --- Jekyll ---------------------------------------------------------------------------------

JEKYLL: dict[str, str | bytes] = {
    # `jekyll new`'s sample post, as it ships.
    "content/posts/2014-11-20-welcome-to-jekyll.md": """
        ---
        layout: post
        title:  "Welcome to Jekyll!"
        date:   2014-11-20 09:00:00 +0100
        categories: jekyll update
        ---
        You'll find this post in your `_posts` directory. Go ahead and edit it and re-build the site to see your changes.

        To add new posts, simply add a file in the `_posts` directory that follows the convention `YYYY-MM-DD-name-of-post.ext` and includes the necessary front matter.

        Jekyll also offers powerful support for code snippets:

        {% highlight ruby %}
        def print_hi(name)
          puts "Hi, #{name}"
        end
        print_hi('Tom')
        {% endhighlight %}

        Check out the [Jekyll docs][jekyll-docs] for more info.

        [jekyll-docs]: https://jekyllrb.com/docs/home
        """,  # noqa: E501 (the sample post's long lines, as it ships)
    "content/posts/2015-03-02-only-filename-date.md": """
        ---
        layout: post
        title: "Only the file name has a date"
        ---
        Jekyll takes the date from the file name when the front matter has none.
        """,
    "content/posts/2016-05-19-legacy-permalink.markdown": """
        ---
        layout: post
        title: "A post with a permalink"
        date: 2016-05-19 21:30:00 -0500
        permalink: /blog/2016/05/legacy-permalink.html
        tags: [Ruby, Static Sites]
        ---
        Jekyll would have published this at its permalink.
        """,
    "content/posts/2014-12-01-unpublished-thoughts.md": """
        ---
        layout: post
        title: "Unpublished thoughts"
        published: false
        ---
        Secret narwhal text.
        """,
}


@pytest.fixture(scope="module")
def jekyll(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory, "jekyll", JEKYLL)


def test_jekyll_site_builds_despite_warnings(jekyll: Built) -> None:
    assert_builds_with_warnings_only(jekyll)


def test_jekyll_post_url_drops_the_file_name_date(jekyll: Built) -> None:
    page = jekyll.page("/posts/welcome-to-jekyll/")
    assert page.h1.get_text() == "Welcome to Jekyll!"
    assert page.title.get_text() == "Welcome to Jekyll! · Migrated"
    assert not (jekyll.out / "posts/2014-11-20-welcome-to-jekyll").exists()


def test_jekyll_date_with_offset_is_shown_in_site_time_zone(jekyll: Built) -> None:
    page = jekyll.page("/posts/welcome-to-jekyll/")
    assert post_datetime(page) == "2014-11-20T08:00:00+00:00"  # 09:00 at +0100


def test_jekyll_date_crossing_midnight_is_converted(jekyll: Built) -> None:
    page = jekyll.page("/blog/2016/05/legacy-permalink.html")
    assert post_datetime(page) == "2016-05-20T02:30:00+00:00"  # 21:30 at -0500


def test_jekyll_space_separated_categories_keep_the_first(jekyll: Built) -> None:
    page = jekyll.page("/posts/welcome-to-jekyll/")
    assert tag_links(page) == [("/categories/jekyll/", "jekyll")]
    assert term_titles(jekyll, "categories", "jekyll") == ["Welcome to Jekyll!"]
    assert not (jekyll.out / "categories/update").exists()


def test_jekyll_extra_categories_are_a_warning_with_file_and_line(jekyll: Built) -> None:
    warning = jekyll.warning_at("posts/2014-11-20-welcome-to-jekyll.md", 5)
    assert "jekyll" in warning


def test_jekyll_s_highlight_tag_is_a_code_block_in_its_language(jekyll: Built) -> None:
    """The sample post's ``{% highlight ruby %}`` ... ``{% endhighlight %}``: Ruby code,
    highlighted, with neither tag shown and no warning at their lines."""
    page = jekyll.page("/posts/welcome-to-jekyll/")
    text = content_text(page)
    assert "highlight" not in text and "def print_hi(name)" in text
    block = page.select_one(".content .code-block")
    assert block.select_one(".code-lang").get_text() == "Ruby"
    assert "def print_hi(name)" in block.select_one("pre code").get_text()
    assert [p.attrs for p in page.select(".content p") if p.attrs] == []
    assert "welcome-to-jekyll.md:13:" not in jekyll.result.stderr
    assert "welcome-to-jekyll.md:18:" not in jekyll.result.stderr


def test_jekyll_date_only_in_file_name(jekyll: Built) -> None:
    page = jekyll.page("/posts/only-filename-date/")
    assert page.h1.get_text() == "Only the file name has a date"
    assert post_datetime(page) == "2015-03-02T00:00:00+00:00"
    assert not (jekyll.out / "posts/2015-03-02-only-filename-date").exists()


def test_jekyll_published_false_is_a_draft(jekyll: Built) -> None:
    assert_unpublished(jekyll, "unpublished-thoughts", "narwhal")
    assert "Unpublished thoughts" not in home_titles(jekyll)


def test_jekyll_markdown_extension_and_tag_list(jekyll: Built) -> None:
    page = jekyll.page("/blog/2016/05/legacy-permalink.html")
    assert page.h1.get_text() == "A post with a permalink"
    assert tag_links(page) == [("/tags/ruby/", "#Ruby"), ("/tags/static-sites/", "#Static Sites")]
    assert term_titles(jekyll, "tags", "ruby") == ["A post with a permalink"]
    assert term_titles(jekyll, "tags", "static-sites") == ["A post with a permalink"]


def test_jekyll_permalink_is_the_post_url(jekyll: Built) -> None:
    assert not [w for w in jekyll.warnings() if "legacy-permalink" in w]
    assert not (jekyll.out / "posts/legacy-permalink").exists()
    card = jekyll.page("/blog/2016/05/legacy-permalink.html").select_one(
        'meta[property="og:image"]')["content"]
    assert card == "https://example.org/blog/2016/05/legacy-permalink/card.jpg"
    assert (jekyll.out / "blog/2016/05/legacy-permalink/card.jpg").is_file()


def test_jekyll_home_lists_posts_newest_first(jekyll: Built) -> None:
    assert home_titles(jekyll) == [
        "A post with a permalink", "Only the file name has a date", "Welcome to Jekyll!"]


# --- Hugo -----------------------------------------------------------------------------------

HUGO: dict[str, str | bytes] = {
    "content/posts/my-first-post.md": """
        +++
        title = "My First Post"
        date = 2019-04-09T08:09:26-07:00
        draft = false
        tags = ["go", "Static Sites"]
        categories = ["Dev"]
        +++

        Hugo wrote this post. Here is a figure:

        {{< figure src="/x.png" >}}

        More text after the figure.
        """,
    "content/posts/not-ready.md": """
        +++
        title = "Not ready yet"
        date = 2019-05-01T10:00:00Z
        draft = true
        tags = ["go"]
        +++

        Draft axolotl text.
        """,
    "content/posts/yaml-front-matter.md": """
        ---
        title: "Hugo with YAML front matter"
        date: 2019-04-09T8:09:26-07:00
        lastmod: 2019-05-01T10:00:00-07:00
        description: "Written in YAML, the other front matter Hugo reads."
        tags: ["hugo"]
        categories: ["Dev"]
        ---

        The first paragraph is not the summary: the description is.
        """,
    # A leaf bundle with a TOML local date (no time, no offset).
    "content/posts/leaf-bundle/index.md": """
        +++
        title = "A leaf bundle"
        date = 2019-06-01
        +++

        Bundled content.
        """,
}


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory, "hugo", HUGO)


def test_hugo_site_builds_despite_warnings(hugo: Built) -> None:
    assert_builds_with_warnings_only(hugo)


def test_hugo_toml_front_matter_title_and_url(hugo: Built) -> None:
    page = hugo.page("/posts/my-first-post/")
    assert page.h1.get_text() == "My First Post"
    assert "+++" not in page.select_one("article").get_text()
    assert "Hugo wrote this post." in content_text(page)


def test_hugo_toml_datetime_is_shown_in_site_time_zone(hugo: Built) -> None:
    page = hugo.page("/posts/my-first-post/")
    assert post_datetime(page) == "2019-04-09T15:09:26+00:00"  # 08:09:26 at -07:00


def test_hugo_tags_and_categories(hugo: Built) -> None:
    page = hugo.page("/posts/my-first-post/")
    assert tag_links(page) == [("/categories/dev/", "Dev"), ("/tags/go/", "#go"),
                               ("/tags/static-sites/", "#Static Sites")]
    assert term_titles(hugo, "tags", "go") == ["My First Post"]
    assert term_titles(hugo, "tags", "static-sites") == ["My First Post"]
    assert sorted(term_titles(hugo, "categories", "dev")) == [
        "Hugo with YAML front matter", "My First Post"]


def test_hugo_draft_true_is_not_published(hugo: Built) -> None:
    assert_unpublished(hugo, "not-ready", "axolotl")


def test_hugo_shortcode_is_left_as_text_with_a_warning(hugo: Built) -> None:
    text = content_text(hugo.page("/posts/my-first-post/"))
    assert "{{< figure src=" in text
    assert "/x.png" in text and ">}}" in text
    assert "More text after the figure." in text
    warning = hugo.warning_at("posts/my-first-post.md", 11)
    assert "{{< figure" in warning


def test_hugo_yaml_date_with_single_digit_hour(hugo: Built) -> None:
    page = hugo.page("/posts/yaml-front-matter/")
    assert page.h1.get_text() == "Hugo with YAML front matter"
    shown = dt.datetime.fromisoformat(post_datetime(page))
    assert shown == dt.datetime(2019, 4, 9, 15, 9, 26, tzinfo=dt.UTC)  # 8:09:26 at -07:00


def test_hugo_lastmod_is_the_updated_date(hugo: Built) -> None:
    page = hugo.page("/posts/yaml-front-matter/")
    updated = page.select_one(".updated time")
    assert updated is not None, "lastmod did not become the updated date"
    assert updated["datetime"] == "2019-05-01T17:00:00+00:00"


def test_hugo_description_is_the_summary_on_the_home_page(hugo: Built) -> None:
    home = hugo.page("/")
    for item in home.select(".post-list article"):
        if item.select_one("h2 a, h3 a").get_text() == "Hugo with YAML front matter":
            summary = item.select_one(".summary").get_text().strip()
            assert summary == "Written in YAML, the other front matter Hugo reads."
            break
    else:
        pytest.fail("the YAML post is not on the home page")
    page = hugo.page("/posts/yaml-front-matter/")
    assert page.select_one('meta[name="description"]')["content"] == \
        "Written in YAML, the other front matter Hugo reads."


def test_hugo_leaf_bundle_with_toml_local_date(hugo: Built) -> None:
    page = hugo.page("/posts/leaf-bundle/")
    assert page.h1.get_text() == "A leaf bundle"
    assert post_datetime(page) == "2019-06-01T00:00:00+00:00"


# --- Pelican --------------------------------------------------------------------------------

PELICAN: dict[str, str | bytes] = {
    # The example from Pelican's "Writing content" page, file name unlike its slug.
    "content/posts/super.md": """
        Title: My super title
        Date: 2010-12-03 10:20
        Modified: 2010-12-05 19:30
        Category: Python
        Tags: pelican, publishing
        Slug: my-super-post
        Authors: Alexis Metaireau, Conan Doyle
        Summary: Short version for index and feeds

        This is the content of my super blog post.
        """,
    "content/posts/wip.md": """
        Title: Work in progress
        Date: 2010-12-10 09:00
        Status: draft

        Draft manatee text.
        """,
    "content/posts/lowercase.md": """
        title: Lowercase keys work too
        date: 2011-01-15 08:00
        tags: pelican
        category: Python
        author: Alexis Metaireau

        Pelican reads metadata keys in any case.
        """,
    # Header lines hold only text, which sets this engine's flags when it is true or false.
    "content/posts/flagged.md": """
        Title: Flagged in the header
        Date: 2011-02-01 08:00
        Draft: true

        Flagged walrus text.
        """,
    "content/posts/unlisted-note.md": """
        Title: An unlisted note
        Date: 2011-03-01 08:00
        Draft: False
        Hidden: TRUE

        Published, in no list.
        """,
}


@pytest.fixture(scope="module")
def pelican(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory, "pelican", PELICAN)


def test_pelican_site_builds_despite_warnings(pelican: Built) -> None:
    assert_builds_with_warnings_only(pelican)


def test_pelican_header_lines_give_title_and_slug(pelican: Built) -> None:
    page = pelican.page("/posts/my-super-post/")
    assert page.h1.get_text() == "My super title"
    assert not (pelican.out / "posts/super").exists()


def test_pelican_header_lines_are_not_in_the_body(pelican: Built) -> None:
    page = pelican.page("/posts/my-super-post/")
    paragraphs = [p.get_text() for p in page.select(".content p")]
    assert paragraphs == ["This is the content of my super blog post."]


def test_pelican_date_and_modified(pelican: Built) -> None:
    page = pelican.page("/posts/my-super-post/")
    assert post_datetime(page) == "2010-12-03T10:20:00+00:00"
    updated = page.select_one(".updated time")
    assert updated is not None, "Modified did not become the updated date"
    assert updated["datetime"] == "2010-12-05T19:30:00+00:00"


def test_pelican_category_and_comma_separated_tags(pelican: Built) -> None:
    page = pelican.page("/posts/my-super-post/")
    assert tag_links(page) == [("/categories/python/", "Python"), ("/tags/pelican/", "#pelican"),
                               ("/tags/publishing/", "#publishing")]
    assert term_titles(pelican, "tags", "publishing") == ["My super title"]
    assert term_titles(pelican, "tags", "pelican") == ["Lowercase keys work too", "My super title"]


def test_pelican_first_of_several_authors_is_shown(pelican: Built) -> None:
    byline = pelican.page("/posts/my-super-post/").select_one(".byline").get_text()
    assert "Alexis Metaireau" in byline
    assert "Conan Doyle" not in byline
    assert "Site Owner" not in byline


def test_pelican_several_authors_is_a_warning_with_file_and_line(pelican: Built) -> None:
    warning = pelican.warning_at("posts/super.md", 7)
    assert "Alexis Metaireau" in warning


def test_pelican_summary_is_shown_on_the_home_page(pelican: Built) -> None:
    summaries = [s.get_text().strip() for s in pelican.page("/").select(".post-list .summary")]
    assert "Short version for index and feeds" in summaries


def test_pelican_status_draft_is_not_published(pelican: Built) -> None:
    assert_unpublished(pelican, "wip", "manatee")
    assert_unpublished(pelican, "work-in-progress", "manatee")


def test_pelican_header_lines_set_flags_with_true_and_false(pelican: Built) -> None:
    assert_unpublished(pelican, "flagged", "walrus")
    page = pelican.page("/posts/unlisted-note/")
    assert page.h1.get_text() == "An unlisted note"
    listed = [a.get_text() for a in pelican.page("/").select(".post-list h2 a, .post-list h3 a")]
    assert "My super title" in listed and "An unlisted note" not in listed


def test_pelican_lowercase_keys(pelican: Built) -> None:
    page = pelican.page("/posts/lowercase/")
    assert page.h1.get_text() == "Lowercase keys work too"
    assert post_datetime(page) == "2011-01-15T08:00:00+00:00"
    assert tag_links(page) == [("/categories/python/", "Python"), ("/tags/pelican/", "#pelican")]
    assert "Alexis Metaireau" in page.select_one(".byline").get_text()
    assert "title:" not in content_text(page)
    assert term_titles(pelican, "categories", "python") == [
        "Lowercase keys work too", "My super title"]


# --- MkDocs ---------------------------------------------------------------------------------

MKDOCS: dict[str, str | bytes] = {
    # `mkdocs new`'s docs/index.md, with a link as MkDocs writes them: to the .md file.
    "content/docs/index.md": """
        # Welcome to MkDocs

        For full documentation visit [mkdocs.org](https://www.mkdocs.org).

        ## Commands

        * `mkdocs new [dir-name]` - Create a new project.
        * `mkdocs serve` - Start the live-reloading docs server.
        * `mkdocs build` - Build the documentation site.
        * `mkdocs -h` - Print help message and exit.

        ## Project layout

            mkdocs.yml    # The configuration file.
            docs/
                index.md  # The documentation homepage.
                ...       # Other markdown pages, images and other files.

        Next: [Writing your docs](user-guide/writing-your-docs.md).
        """,
    "content/docs/user-guide/writing-your-docs.md": """
        # Writing your docs

        How to layout and write your Markdown source files.

        ---

        ## File layout

        Your documentation source should be written as regular Markdown files (see
        [Writing with Markdown](#writing-with-markdown) below), and placed in the
        [documentation directory](../index.md).

        ## Writing with Markdown

        MkDocs pages must be authored in [Markdown][md].

        [md]: https://daringfireball.net/projects/markdown/
        """,
    "content/docs/about/license.md": """
        # License

        MkDocs is licensed under the BSD license.
        """,
}


@pytest.fixture(scope="module")
def mkdocs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory, "mkdocs", MKDOCS)


def test_mkdocs_site_builds_without_warnings(mkdocs: Built) -> None:
    assert_builds_with_warnings_only(mkdocs)
    assert mkdocs.warnings() == []


def test_mkdocs_index_title_from_h1(mkdocs: Built) -> None:
    page = mkdocs.page("/docs/")
    assert [h1.get_text() for h1 in page.select("h1")] == ["Welcome to MkDocs"]
    assert page.title.get_text() == "Welcome to MkDocs · Migrated"
    assert [h2.get_text().rstrip("#") for h2 in page.select(".content h2")] == [
        "Commands", "Project layout"]


def test_mkdocs_nested_page_url_and_single_h1(mkdocs: Built) -> None:
    page = mkdocs.page("/docs/user-guide/writing-your-docs/")
    assert [h1.get_text() for h1 in page.select("h1")] == ["Writing your docs"]
    assert page.title.get_text() == "Writing your docs · Migrated"
    assert page.select_one(".content p").get_text() == \
        "How to layout and write your Markdown source files."
    assert mkdocs.page("/docs/about/license/").h1.get_text() == "License"


def test_mkdocs_links_to_md_files_point_at_the_built_pages(mkdocs: Built) -> None:
    index = mkdocs.page("/docs/")
    assert index.select_one('.content a[href="/docs/user-guide/writing-your-docs/"]') is not None
    guide = mkdocs.page("/docs/user-guide/writing-your-docs/")
    hrefs = [a["href"] for a in guide.select(".content p a")]
    assert "/docs/" in hrefs
    assert "#writing-with-markdown" in hrefs
    assert guide.select_one("#writing-with-markdown") is not None


def test_mkdocs_sidebar_uses_the_h1_titles(mkdocs: Built) -> None:
    sidebar = [a.get_text() for a in mkdocs.page("/docs/about/license/").select(".docs-sidebar a")]
    assert sorted(sidebar) == ["License", "Welcome to MkDocs", "Writing your docs"]


# --- Mixed: plain dates and datetimes, field names in any case, unknown code languages -----

MIXED: dict[str, str | bytes] = {
    "content/posts/plain-new-year.md": """
        ---
        title: Plain new year
        date: 2020-01-01
        ---
        A plain date.
        """,
    "content/posts/plain-second.md": """
        ---
        title: Plain second of January
        date: 2020-01-02
        ---
        Another plain date.
        """,
    "content/posts/noon.md": """
        ---
        title: Noon with a zero offset
        date: 2020-01-01 12:00:00 +0000
        ---
        Jekyll style.
        """,
    "content/posts/evening-new-york.md": """
        ---
        title: Evening in New York
        date: 2020-01-01T23:30:00-05:00
        ---
        Already the second of January in UTC.
        """,
    "content/posts/eve-in-paris.md": """
        ---
        title: Eve in Paris
        date: 2019-12-31T23:00:00+01:00
        ---
        Still 2019 in UTC.
        """,
    "content/posts/late-eve.md": """
        ---
        title: Late on New Year's Eve
        date: 2020-12-31T21:00:00-05:00
        ---
        Already 2021 in UTC.
        """,
    "content/posts/capitalised.md": """
        ---
        Title: Capitalised keys
        Date: 2020-02-01 12:00
        Tags: Alpha, Beta Gamma
        Author: Jane Roe
        ---
        Field names in any case.
        """,
    "content/posts/published-date.md": """
        ---
        title: Published as a date
        published: 2020-03-01
        authors: [Sam Poe]
        ---
        The date comes from 'published'.
        """,
    "content/posts/code-fences.md": """
        ---
        title: Unknown code languages
        date: 2020-01-15
        ---
        Before the code.

        ```foolang
        let x <- frobnicate(1 < 2)
        ```

        ```liquid-ish
        {% if user %}Hello {{ user.name }}{% endif %}
        ```

        After the code.
        """,
}

MIXED_ORDER = [  # newest first, by the instant each date names
    "Late on New Year's Eve",      # 2021-01-01T02:00Z
    "Published as a date",         # 2020-03-01T00:00Z
    "Capitalised keys",            # 2020-02-01T12:00Z
    "Unknown code languages",      # 2020-01-15T00:00Z
    "Evening in New York",         # 2020-01-02T04:30Z
    "Plain second of January",     # 2020-01-02T00:00Z
    "Noon with a zero offset",     # 2020-01-01T12:00Z
    "Plain new year",              # 2020-01-01T00:00Z
    "Eve in Paris",                # 2019-12-31T22:00Z
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(tmp_path_factory, "mixed", MIXED)


def test_mixed_dates_build_without_warnings(mixed: Built) -> None:
    assert_builds_with_warnings_only(mixed)
    assert mixed.warnings() == []


def test_mixed_dates_home_is_newest_first(mixed: Built) -> None:
    assert home_titles(mixed) == MIXED_ORDER


def test_mixed_dates_archive_is_newest_first(mixed: Built) -> None:
    archive = mixed.page("/archive/")
    assert [a.get_text() for a in archive.select(".archive-list a")] == MIXED_ORDER


def test_mixed_dates_are_shown_in_site_time_zone(mixed: Built) -> None:
    expected = {
        "plain-new-year": "2020-01-01T00:00:00+00:00",
        "noon": "2020-01-01T12:00:00+00:00",
        "evening-new-york": "2020-01-02T04:30:00+00:00",
        "eve-in-paris": "2019-12-31T22:00:00+00:00",
    }
    shown = {slug: post_datetime(mixed.page(f"/posts/{slug}/")) for slug in expected}
    assert shown == expected


def test_mixed_archive_years_follow_the_site_time_zone(mixed: Built) -> None:
    assert [a.get_text() for a in mixed.page("/archive/2021/").select(".archive-list a")] == [
        "Late on New Year's Eve"]
    assert [a.get_text() for a in mixed.page("/archive/2019/").select(".archive-list a")] == [
        "Eve in Paris"]


def test_capitalised_field_names_and_comma_separated_tags(mixed: Built) -> None:
    page = mixed.page("/posts/capitalised/")
    assert page.h1.get_text() == "Capitalised keys"
    assert post_datetime(page) == "2020-02-01T12:00:00+00:00"
    assert tag_links(page) == [("/tags/alpha/", "#Alpha"), ("/tags/beta-gamma/", "#Beta Gamma")]
    assert term_titles(mixed, "tags", "beta-gamma") == ["Capitalised keys"]
    byline = page.select_one(".byline").get_text()
    assert "Jane Roe" in byline and "Site Owner" not in byline


def test_published_with_a_date_is_the_date_and_authors_list_is_the_author(mixed: Built) -> None:
    page = mixed.page("/posts/published-date/")
    assert post_datetime(page) == "2020-03-01T00:00:00+00:00"
    byline = page.select_one(".byline").get_text()
    assert "Sam Poe" in byline and "Site Owner" not in byline


@pytest.mark.parametrize("code", ["let x <- frobnicate(1 < 2)",
                                  "{% if user %}Hello {{ user.name }}{% endif %}"])
def test_fence_in_a_language_pygments_does_not_know_renders_as_code(mixed: Built,
                                                                    code: str) -> None:
    page = mixed.page("/posts/code-fences/")
    blocks = [pre.get_text() for pre in page.select(".content pre")]
    assert any(code in block for block in blocks), blocks
    assert [p.get_text() for p in page.select(".content > p")] == \
        ["Before the code.", "After the code."]
