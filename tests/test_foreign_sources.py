"""What real Jekyll, Hugo, Pelican and MkDocs sites write that their generators accept, built
as they are: every file is published with its meaning kept, or named in a warning."""
from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import build, build_fixture, build_ok, run_site, soup, write_site
from conftest import built_page as page
from sitegen.hugoparams import param_value

CONFIG = 'title = "Foreign"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'

FILES: dict[str, str | bytes] = {
    # Blogger imports into Hugo write the author as a table.
    "content/posts/blogger.md": """
        +++
        title = "From Blogger"
        date = 2013-09-28
        author = {name = "Nate Finch", uri = "https://example.com/nate"}
        aliases = ["post/old-blogger-url", "../old-root/", "/abs/"]
        +++
        Text.
        """,
    # Python-Markdown's metadata (Pelican): Key: value lines ended by ---.
    "content/posts/weeknote.md": """
        date: 2022-03-04
        title: Weeknote 19
        ---
        ## What

        What happened this week.
        """,
    # A --- block that is not YAML (a colon in a value) but is Key: value lines.
    "content/posts/atelier.md": """
        ---
        Title: Atelier: sapin
        Date: 2023-01-22
        ---
        Text.
        """,
    # A tab between date and time; a date with slashes.
    "content/posts/tabbed-date.md": "---\ntitle: Tab\ndate: '2017-04-23\t 20:04'\n---\nText.\n",
    "content/posts/slashed-date.md": "Title: Slashes\nDate: 2019/06/26\n\nText.\n",
    # Keys indented by up to three spaces (Python-Markdown's metadata, Pelican's reader).
    "content/posts/indented-keys.md": " Title: Indented\n   Date: 2020-05-06\nTags: a\n\nText.\n",
    # Dates with the month's name, as Pelican (dateutil) and Hugo read them.
    "content/posts/named-month.md": "Title: Named\nDate: 2018 Nov 22\n\nText.\n",
    "content/posts/dashed-time.md": "Title: Dashed\nDate: 2019-12-01-19:48\n\nText.\n",
    # Entities in a title (made-mistakes'), shown as Jekyll shows them; a bare & stays.
    "content/posts/entities.md": '---\ntitle: "A &amp; B &mdash; C&#33; R&D"\ndate: 2020-01-01\n'
                                 "---\nText.\n",
    # A bundle in the site's language with no title: named by its folder.
    "content/posts/untitled-bundle/index.en.md": "Date: 2020-01-02\n\nText.\n",
    "content/posts/named-month-time.md": "Title: Timed\nDate: November 2, 2018 9:05\n\nText.\n",
    "content/posts/dashed-month.md": "Title: Dashed month\nDate: 2014-Sep-29\n\nText.\n",
    "content/posts/sept.md": "Title: Sept\nDate: Sept 3, 2020\n\nText.\n",  # (ethicalads')
    "content/posts/mailed-date.md": "---\ntitle: Mailed\ndate: Thu, 22 Nov 2018 10:30:00 +0000\n"
                                    "---\nText.\n",
    # MkDocs Material's blog: a table of dates.
    "content/posts/material.md": """
        ---
        date:
          created: 2024-01-02
          updated: 2024-02-03
        ---
        # Material post

        Text.
        """,
    # Jekyll's excerpt; another generator's template names.
    "content/posts/excerpted.md": """
        ---
        title: Excerpted
        date: 2020-01-01
        excerpt: The short version.
        template: worklog
        ---
        The long version.
        """,
    "content/redirected.md": "---\ntitle: Material redirect\ntemplate: redirect.html\n---\nHi.\n",
    # Hugo keeps dots in file names' URLs.
    "content/code/lumberjack.v2.md": "---\ntitle: Lumberjack\n---\nText.\n",
    # Links in Pelican's, Jekyll's and Hugo's own syntax.
    "content/posts/2021-01-01-linking.md": """
        ---
        title: Linking
        ---
        [a]({filename}/posts/blogger.md) [b]({filename}../posts/weeknote.md#what)
        [c]({% post_url 2021-01-02-target %}) [d]({{ site.baseurl }}/code/lumberjack.v2/)
        [e]({{< ref "atelier.md" >}}) [f]({% link _posts/2021-01-02-target.md %})
        ![g]({static}/images/dot.png) [h]({{ site.baseurl }}{% post_url 2021-01-02-target %})
        [i]({{ '/code/lumberjack.v2/' | relative_url }})
        """,
    "content/posts/2021-01-02-target.md": "---\ntitle: Target\n---\nText.\n",
    "content/images/dot.png": bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4560000000049454e44ae426082"),
    # Jekyll's (and Hugo themes') list of authors under author; tags separated by spaces.
    "content/posts/listed.md": """
        ---
        title: Listed
        date: 2016-05-20
        author:
        - Bart Simpson
        - Nelson Muntz
        tags: python web
        ---
        Text.
        """,
    # Another generator's search page: this site has its own.
    "content/search.md": "---\ntitle: Search\n---\nOld search page.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build_fixture(tmp_path_factory.mktemp("foreign") / "site", FILES, CONFIG)


def test_an_author_table_gives_its_name(built: tuple[Path, str]) -> None:
    out, _ = built
    assert "Nate Finch" in page(out, "/posts/blogger/").select_one(".byline").get_text()


def test_a_list_of_authors_under_author_gives_the_first_and_a_warning(
        built: tuple[Path, str]) -> None:
    out, stderr = built
    assert "Bart Simpson" in page(out, "/posts/listed/").select_one(".byline").get_text()
    assert "posts/listed.md:4: warning: only the first author ('Bart Simpson') is used" \
        in stderr


def test_tags_written_as_one_text_with_spaces_are_several_tags(built: tuple[Path, str]) -> None:
    links = page(built[0], "/posts/listed/").select(".post-terms .tags a")
    assert [link["href"] for link in links] == ["/tags/python/", "/tags/web/"]


def test_a_relative_alias_is_from_the_page_s_folder(built: tuple[Path, str]) -> None:
    """Hugo (since 0.55) reads an alias without a leading / from the page's folder: for
    /posts/blogger/, post/x is /posts/post/x/ and ../old-root/ is /old-root/."""
    out, _ = built
    for old in ("/posts/post/old-blogger-url/", "/old-root/", "/abs/"):
        redirect = page(out, old).find("link", rel="canonical")
        assert redirect["href"] == "https://example.org/posts/blogger/"
    assert not (out / "post/old-blogger-url").exists()


def test_jekyll_s_relative_redirect_from_is_from_the_root(tmp_path: Path) -> None:
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nredirect_from:\n"
                                   "  - old/a/\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    assert page(root / "build", "/old/a/").find("link", rel="canonical")["href"] == \
        "https://example.org/posts/a/"


@pytest.mark.parametrize(("url", "title", "date"), [
    ("/posts/weeknote/", "Weeknote 19", "2022-03-04"),
    ("/posts/atelier/", "Atelier: sapin", "2023-01-22"),
    ("/posts/tabbed-date/", "Tab", "2017-04-23T20:04"),
    ("/posts/slashed-date/", "Slashes", "2019-06-26"),
    ("/posts/indented-keys/", "Indented", "2020-05-06"),
    ("/posts/named-month/", "Named", "2018-11-22"),
    ("/posts/dashed-time/", "Dashed", "2019-12-01T19:48"),
    ("/posts/entities/", "A & B \u2014 C! R&D", "2020-01-01"),
    ("/posts/untitled-bundle/", "Untitled bundle", "2020-01-02"),
    ("/posts/named-month-time/", "Timed", "2018-11-02T09:05"),
    ("/posts/dashed-month/", "Dashed month", "2014-09-29"),  # (reachtim's)
    ("/posts/sept/", "Sept", "2020-09-03"),
    ("/posts/mailed-date/", "Mailed", "2018-11-22T10:30"),
    ("/posts/material/", "Material post", "2024-01-02"),
])
def test_metadata_other_generators_accept(built: tuple[Path, str], url: str, title: str,
                                          date: str) -> None:
    document = page(built[0], url)
    assert document.h1.get_text() == title
    assert document.select_one(".byline time")["datetime"].startswith(date)
    assert "date:" not in document.select_one(".content").get_text()


def test_material_updated_date_is_kept(built: tuple[Path, str]) -> None:
    api = json.loads((built[0] / "api/posts/material.json").read_text())
    assert api["updated"].startswith("2024-02-03")


def test_excerpt_is_the_summary(built: tuple[Path, str]) -> None:
    api = json.loads((built[0] / "api/posts/excerpted.json").read_text())
    assert api["summary"] == "The short version."


def test_unknown_templates_are_a_warning_and_the_page_is_published(
        built: tuple[Path, str]) -> None:
    out, stderr = built
    assert page(out, "/posts/excerpted/").h1.get_text() == "Excerpted"
    assert page(out, "/redirected/").h1.get_text() == "Material redirect"
    assert "excerpted.md:5: warning: template 'worklog'" in stderr
    assert "redirected.md:3: warning: template 'redirect.html'" in stderr


def test_dots_in_file_names_are_kept_in_urls(built: tuple[Path, str]) -> None:
    assert page(built[0], "/code/lumberjack.v2/").h1.get_text() == "Lumberjack"


def test_a_page_at_the_sites_own_url_is_left_out_with_a_warning(
        built: tuple[Path, str]) -> None:
    out, stderr = built
    assert "search.md: warning: the URL /search/ is the site's own" in stderr
    assert "Old search page" not in (out / "search/index.html").read_text()


def test_with_warn_only_links_outside_content_stop_the_build(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/a.md": "[missing](missing.md) and [outside](../../secret.png)\n",
        "content/b.md": "[also missing](/nowhere/)\n"}
    config = CONFIG + '\n[build]\nbroken_links = "warn"\n'
    result: subprocess.CompletedProcess[str] = build(write_site(tmp_path / "s", files, config))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "points outside content/" in errors[0], result.stderr


def test_other_generators_link_syntax_resolves(built: tuple[Path, str]) -> None:
    out, stderr = built
    content = page(out, "/posts/linking/").select_one(".content")
    links = [a["href"] for a in content.select("a")]
    assert links == ["/posts/blogger/", "/posts/weeknote/#what", "/posts/target/",
                     "/code/lumberjack.v2/", "/posts/atelier/", "/posts/target/",
                     "/posts/target/", "/code/lumberjack.v2/"]
    assert content.select_one("img")["src"] == "/images/dot.png"
    assert (out / "images/dot.png").is_file()
    assert "linking.md" not in stderr, stderr


RULES = CONFIG + """
[sections.posts]
permalink = "/:year/:month/:day/:title/"
ascii_urls = true

[sections.notes]
permalink = "/:slug_or_title.html"
ascii_urls = true

[sections.docs]
redirect_from = ["/:path.html"]

[redirects]
"/history/" = "/code_of_conduct/"
"old/setup.md" = "docs/new-setup.md"
"/tag/python.html" = "/tags/python/"
"/category/cakes.html" = "/categories/cakes"
"""

RULE_FILES: dict[str, str | bytes] = {
    "content/posts/2014-07-02-Visualizing-in-Javascript.md": "Title: Case kept\n\nText.\n",
    "content/posts/2023-08-16.md": "Title: Weeknote\n\nA file name that is a date alone.\n",
    "content/posts/2023-01-29-released.md": "---\ntitle: Released\n"
                                            "date: 2023-01-29 18:30:22 2023 -0800\n---\nText.\n",
    "content/notes/cake.md": "Title: Cake salé\nDate: 2020-01-01\nTags: python\n"
                             "Category: cakes\n\nÀ la française. [Older tag page](/tag/python.html)"
                             "\n",
    "content/code_of_conduct.md": "# Code of conduct\n\nBe kind.\n",
    "content/posts/2024-11-22 - Pequenaude.md": "---\ntitle: 2024\n---\nPelican's name.\n",
    "content/posts/ 2010-06-04-report.md": "Title: Report\n\nA space before the name.\n",
    "content/notes/photo.md": "Title: Photo\nDate: 2021-01-01\n\n![dot](images/dot.png)\n",
    "content/images/dot.png": FILES["content/images/dot.png"],
    "content/docs/index.md": "# Docs\n\nHome of the docs.\n",
    "content/docs/new-setup.md": "# Setup\n\n## Install\n\n## Steps\n\nSteps.\n",
    "content/docs/async.md": "# Async\n\nSee [setup](../new-setup#install) and "
                             "[its steps](../new-setup/#steps).\n",
    "content/idlv.md": "---\ntitle: Ghost\nsave_as: idlv-ghost/index.html\n---\nText.\n",
    "content/about.md": "---\ntitle: About\naliases: [/code_of_conduct/]\n---\nText.\n",
}


@pytest.fixture(scope="module")
def ruled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build_fixture(tmp_path_factory.mktemp("rules") / "site", RULE_FILES, RULES)


def test_file_name_case_dots_and_underscores_are_kept(ruled: tuple[Path, str]) -> None:
    out, _ = ruled
    assert page(out, "/2014/07/02/Visualizing-in-Javascript/").h1.get_text() == "Case kept"
    assert page(out, "/code_of_conduct/").h1.get_text() == "Code of conduct"


def test_a_date_alone_as_file_name_dates_the_post(ruled: tuple[Path, str]) -> None:
    assert page(ruled[0], "/2023/08/16/2023-08-16/").h1.get_text() == "Weeknote"


def test_an_unreadable_date_falls_back_to_the_file_names(ruled: tuple[Path, str]) -> None:
    out, stderr = ruled
    assert page(out, "/2023/01/29/released/").h1.get_text() == "Released"
    assert "2023-01-29-released.md:3: warning: 'date':" in stderr


def test_ascii_urls_take_accents_off(ruled: tuple[Path, str]) -> None:
    out = ruled[0]
    assert soup(out / "cake-sale.html").h1.get_text() == "Cake salé"


def test_the_redirects_table_keeps_old_addresses(ruled: tuple[Path, str]) -> None:
    out = ruled[0]
    assert page(out, "/history/").find("link", rel="canonical")["href"] == \
        "https://example.org/code_of_conduct/"
    # (its docs were MkDocs' of no directory URLs, /:path.html: mkdocs-redirects wrote
    # /old/setup.html for old/setup.md)
    assert soup(out / "old/setup.html").find("link", rel="canonical")["href"] == \
        "https://example.org/docs/new-setup/"


def test_the_redirects_table_sends_to_a_tag_s_or_a_category_s_page(
        ruled: tuple[Path, str]) -> None:
    """Pelican's tag pages (/tag/python.html) sent to this site's (/tags/python/): a page
    that no file under content/ makes, but the site publishes."""
    out = ruled[0]
    moved = soup(out / "tag/python.html")
    assert moved.find("link", rel="canonical")["href"] == "https://example.org/tags/python/"
    assert moved.find("meta", attrs={"http-equiv": "refresh"})["content"] == \
        "0; url=/tags/python/"
    assert soup(out / "category/cakes.html").find("link", rel="canonical")["href"] == \
        "https://example.org/categories/cakes/"
    assert soup(out / "cake-sale.html").select_one(".content a")["href"] == "/tags/python/"


def test_a_redirects_line_with_slug_keeps_every_tag_s_old_address(tmp_path: Path) -> None:
    """Pelican publishes /tag/{slug}.html and /category/{slug}.html (about 490 and 120 on
    five moved blogs), its slugs without accents: one line each keeps them all, and links to
    them reach the new pages;
    a line whose new address is no tag's or category's page is an error at its line."""
    files = {"content/posts/a.md": "Title: A\nDate: 2020-01-01\nTags: Mario Maker, python\n"
                                   "Category: Updates\n\n[Levels](/tag/mario-maker.html)\n",
             "content/posts/b.md": "Title: B\nDate: 2020-01-02\nTags: python, funções\n\nB.\n"}
    lines = ('[redirects]\n"/tag/:slug.html" = "/tags/:slug/"\n'
             '"/category/:slug.html" = "/categories/:slug/"\n')
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n" + lines)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    for old, new in (("tag/mario-maker.html", "/tags/mario-maker/"),
                     ("tag/python.html", "/tags/python/"),
                     ("tag/funções.html", "/tags/fun%C3%A7%C3%B5es/"),  # (and as Pelican's
                     ("tag/funcoes.html", "/tags/fun%C3%A7%C3%B5es/"),  # ASCII slug: pythonclub)
                     ("category/updates.html", "/categories/updates/")):
        assert soup(out / old).find("link", rel="canonical")["href"] == \
            "https://example.org" + new
    assert page(out, "/posts/a/").select_one(".content a")["href"] == "/tags/mario-maker/"
    (root / "site.toml").write_text(CONFIG + '[redirects]\n"/tag/:slug.html" = "/:slug/"\n')
    result = build(root)
    assert result.returncode == 1
    assert "site.toml:5: error: [redirects]: /tag/:slug.html sends every :slug to /:slug/, " \
        "which is no tag's or category's page" in result.stderr


def test_a_redirects_line_keeps_the_old_address_of_a_tag_that_docs_pages_alone_carry(
        tmp_path: Path) -> None:
    """PMD's documentation-theme-jekyll tags (tag_getting_started.html), which its docs
    pages carry and no post: the tag's page exists, and so does its old address."""
    files = {"content/docs/install.md": "---\ntitle: Installing\ntags: [getting_started]\n"
                                        "---\nSee [the others](/tag_getting_started.html).\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[redirects]\n"/tag_:name.html" = '
                                                      '"/tags/:slug/"\n')
    out = build_ok(root)
    assert soup(out / "tag_getting_started.html").find("link", rel="canonical")["href"] == \
        "https://example.org/tags/getting-started/"
    assert page(out, "/docs/install/").select_one(".content a")["href"] == \
        "/tags/getting-started/"


def test_a_redirects_line_of_every_tag_passes_over_the_tags_of_hidden_posts(
        tmp_path: Path) -> None:
    """dew-blog's hidden posts, whose tags no listed post carries: those tags have no page,
    and the Hugo guide's line for the tags' feeds keeps the others' old addresses."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [go]\n---\nA.\n",
             "content/posts/b.md": "---\ntitle: B\ndate: 2020-01-02\ntags: [go, verbs]\n"
                                   "hidden: true\n---\nB.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[redirects]\n"/tags/:slug/index.xml" = '
                                                      '"/tags/:slug/rss.xml"\n')
    out = build_ok(root)
    assert (out / "tags/go/index.xml").read_bytes() == (out / "tags/go/rss.xml").read_bytes()
    assert not (out / "tags/verbs").exists()


def test_a_redirects_line_with_name_keeps_each_tag_s_address_by_its_name(
        tmp_path: Path) -> None:
    """bytefish's TAG_URL = 'tag/{name}.html': tag/machine learning.html; a placeholder of
    another kind in [redirects] (/:year/) is an error that says to write each address."""
    files = {"content/posts/a.md": "Title: A\nDate: 2020-01-01\nTags: machine learning, "
                                   "JSimpleMapper\n\nA.\n",
             # (Dask's Python and python: two pages of Jekyll's, one tag here)
             "content/posts/b.md": "Title: B\nDate: 2020-01-02\nTags: jsimplemapper\n\nB.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[redirects]\n"/tag/:name.html" = '
                                                      '"/tags/:slug/"\n')
    out = build_ok(root)
    for old, new in (("tag/machine learning.html", "/tags/machine-learning/"),
                     ("tag/JSimpleMapper.html", "/tags/jsimplemapper/"),
                     ("tag/jsimplemapper.html", "/tags/jsimplemapper/")):
        assert soup(out / old).find("link", rel="canonical")["href"] == \
            "https://example.org" + new
    (root / "site.toml").write_text(CONFIG + '[redirects]\n"/:year/" = "/archive/:year/"\n')
    result = build(root)
    assert result.returncode == 1
    assert 'site.toml:5: error: [redirects]: :year in "/:year/" = "/archive/:year/" is not ' \
        "filled in" in result.stderr


@pytest.mark.parametrize("line, message", [
    ('"/old/" = "/tags/nowhere/"', "site.toml:6: error: [redirects]: /tags/nowhere/ is not a "
     "page of this site"),
    ('"/tags/" = "/tags/a/"', "site.toml:6: error: [redirects]: /tags/ is already a page or "
     "file of this site"),
    ('"/old/" = "/docs/none.md"', "site.toml:6: error: [redirects]: /docs/none.md is not a "
     "page of this site"),
    ('"/old/" = "/docs/none.md#part"', "site.toml:6: error: [redirects]: /docs/none.md is not a "
     "page of this site"),
    ('"/old/" = "/tags/nowhere/#x"', "site.toml:6: error: [redirects]: /tags/nowhere/#x is not "
     "a page of this site"),
    ('"/docs" = "/docs/overview/"', "site.toml:6: error: [redirects]: /docs/ is already a page "
     "or file of this site"),  # (TiKV's: the docs' list, which had been named as an alias of
])  # the page it sends to)
def test_a_redirect_to_a_page_no_file_makes_is_checked(tmp_path: Path, line: str,
                                                         message: str) -> None:
    config = CONFIG + f"\n[redirects]\n{line}\n"
    result = build(write_site(tmp_path / "s", {
        "content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\ntags: [a]\n---\nP.\n",
        "content/docs/overview.md": "# Overview\n"}, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr


def test_a_redirects_line_to_another_site_over_a_page_is_named_at_its_own_line(
        tmp_path: Path) -> None:
    """python.org.br's "/apyb/" = "https://..." over its page apyb.md: named at its own
    line, where the line above holds /apyb/ in its new address."""
    config = CONFIG + ('\n[redirects]\n"/faq/" = "https://apyb.example.org/apyb/faq/"\n'
                       '"/apyb/" = "https://apyb.example.org/"\n')
    result = build(write_site(tmp_path / "s", {"content/apyb.md": "# APyB\n"}, config))
    assert result.returncode == 1
    assert "site.toml:7: error: [redirects]: /apyb/ is the URL of apyb.md" in result.stderr


def test_the_redirects_table_sends_to_a_heading_or_another_site(tmp_path: Path) -> None:
    """mkdocs-redirects' pairs: to a heading of a page (by its file or URL), and to another
    site's page; a link to the old address goes to the heading."""
    config = CONFIG + ('\n[redirects]\n"usage/secrets.md" = "api/types.md#secret"\n'
                       '"/old-types/" = "/docs/api/types/#secret"\n'
                       '"blog/v2.md" = "https://pydantic.dev/articles/v2"\n')
    root = write_site(tmp_path / "s", {
        "content/docs/api/types.md": "# Types\n\n## Secret\n\nHidden.\n",
        "content/docs/index.md": "[Secrets](/usage/secrets/)\n"}, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    for old in ("usage/secrets", "old-types"):
        moved = soup(out / old / "index.html")
        assert moved.find("meta", attrs={"http-equiv": "refresh"})["content"] == \
            "0; url=/docs/api/types/#secret"
        assert moved.find("link", rel="canonical")["href"] == \
            "https://example.org/docs/api/types/#secret"
    away = soup(out / "blog/v2/index.html")
    assert away.find("meta", attrs={"http-equiv": "refresh"})["content"] == \
        "0; url=https://pydantic.dev/articles/v2"
    assert away.find("link", rel="canonical")["href"] == "https://pydantic.dev/articles/v2"
    assert page(out, "/docs/").select_one(".content a")["href"] == "/docs/api/types/#secret"


def test_save_as_gives_the_url(ruled: tuple[Path, str]) -> None:
    assert page(ruled[0], "/idlv-ghost/").h1.get_text() == "Ghost"


def test_an_alias_that_is_a_pages_url_is_a_warning(ruled: tuple[Path, str]) -> None:
    out, stderr = ruled
    assert "about.md:3: warning: alias /code_of_conduct/ is already the URL" in stderr
    assert page(out, "/code_of_conduct/").h1.get_text() == "Code of conduct"


def test_an_alias_two_pages_give_names_the_other_as_its_alias_not_its_url(
        tmp_path: Path) -> None:
    result = build(write_site(tmp_path / "s", {
        "content/a.md": "---\ntitle: A\nredirect_from:\n  - /shared/\n---\nA.\n",
        "content/b.md": "---\ntitle: B\nredirect_from:\n  - /shared/\n---\nB.\n"}, CONFIG))
    assert result.returncode == 0, result.stderr
    assert "b.md:3: warning: alias /shared/ is already an alias of a.md: no redirect there" \
        in result.stderr


def test_a_redirect_to_no_page_names_site_toml(tmp_path: Path) -> None:
    config = CONFIG + '\n[redirects]\n"/old/" = "/nowhere/"\n'
    result = build(write_site(tmp_path / "s", {"content/a.md": "A.\n"}, config))
    assert result.returncode == 1
    assert "site.toml:6: error: [redirects]: /nowhere/ is not a page" in result.stderr


def test_snippets_are_included_from_content_and_a_missing_one_is_a_warning(
        tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/docs/guide.md": '# Guide\n\n--8<-- "_snippets/note.md"\n\nAfter.\n',
        "content/docs/_snippets/note.md": "Included **text**.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    content = page(root / "build", "/docs/guide/").select_one(".content")
    assert content.find("strong").get_text() == "text"
    assert not (root / "build/docs/_snippets").exists()
    (root / "content/docs/guide.md").write_text('# Guide\n\nText.\n\n--8<-- "missing.md"\n')
    result = build(root)
    assert result.returncode == 0
    assert "guide.md:5: warning: snippet 'missing.md' not found" in result.stderr, result.stderr


def test_a_broken_link_is_reported_at_its_line_of_the_file_that_includes_snippets(
        tmp_path: Path) -> None:
    """Lines of an included file are not the page's: a link after them is at its own line,
    one inside them at the line that includes them."""
    snippet = "".join(f"Line {number}.\n\n" for number in range(40)) + "[Gone](gone.md).\n"
    files: dict[str, str | bytes] = {
        "content/docs/guide.md": '# Guide\n\nIntro.\n\n--8<-- "_snippets/long.md"\n\n'
                                 'See [missing](nowhere.md).\n',
        "content/docs/_snippets/long.md": snippet}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    guide = root / "content/docs/guide.md"
    assert f"{guide}:5: warning: link to a missing file 'gone.md'" in result.stderr
    assert f"{guide}:7: warning: link to a missing file 'nowhere.md'" in result.stderr


def test_more_file_name_dates_and_a_number_as_title(ruled: tuple[Path, str]) -> None:
    out, _ = ruled
    assert page(out, "/2024/11/22/Pequenaude/").h1.get_text() == "2024"
    assert page(out, "/2010/06/04/report/").h1.get_text() == "Report"


def test_a_link_written_for_the_old_address_finds_its_file(ruled: tuple[Path, str]) -> None:
    out, stderr = ruled
    assert soup(out / "photo.html").select_one(".content img")["src"] == "/images/dot.png"
    assert (out / "images/dot.png").is_file()
    assert "photo.md" not in stderr


def test_an_html_redirect_rule_skips_the_docs_index(ruled: tuple[Path, str]) -> None:
    out, _ = ruled
    assert soup(out / "new-setup.html").find("link", rel="canonical")["href"] == \
        "https://example.org/docs/new-setup/"
    assert "Home of the docs" not in (out / "index.html").read_text()


def test_links_written_for_the_old_places_of_pages(tmp_path: Path) -> None:
    """A post moved out of docs/ keeps linking to ../../plugins/blog.md (a unique name);
    Pelican's posts link to pages/about.html, relative to their old /slug.html address."""
    files: dict[str, str | bytes] = {
        "content/blog/2024-01-01-news.md": "[plugin](../../plugins/blog.md#setup)\n",
        "content/docs/plugins/blog.md": "# Blog plugin\n\n## Setup\n\nText.\n",
        "content/posts/2024-01-02-hello.md": "[about](pages/about.html)\n",
        "content/pages/about.md": "# About\n\nText.\n"}
    config = CONFIG + ('\n[sections.blog]\n\n[sections.posts]\npermalink = "/:slug.html"\n'
                       '\n[sections.pages]\nkind = "pages"\npermalink = "/pages/:slug.html"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    news = page(root / "build", "/blog/news/").select_one(".content a")["href"]
    assert news == "/docs/plugins/blog/#setup"
    assert soup(root / "build/hello.html").select_one(".content a")["href"] == \
        "/pages/about.html"


def test_a_link_written_for_a_page_s_address_without_its_slash_is_that_page(
        ruled: tuple[Path, str]) -> None:
    """MkDocs' ../guide/setup#x from /async/ names the page at /guide/setup/ (a static host
    redirects there): it is linked by that page's URL, as the same link with the slash is."""
    out, stderr = ruled
    links = [a["href"] for a in soup(out / "docs/async/index.html").select(".content a")]
    assert links == ["/docs/new-setup/#install", "/docs/new-setup/#steps"]
    assert "async.md" not in stderr, stderr


def test_a_link_written_for_a_page_s_address_without_its_html_is_that_page(
        tmp_path: Path) -> None:
    """Dask's posts at /2018/01/22/pangeo-2.html link ../../../2017/09/18/pangeo-1, which
    GitHub Pages served as pangeo-1.html: that page, where the build had stopped."""
    files = {"content/posts/2017-09-18-pangeo-1.md": "---\ntitle: One\n---\nA.\n",
             "content/posts/2018-01-22-pangeo-2.md": "---\ntitle: Two\n---\n"
                                                    "[First](../../../2017/09/18/pangeo-1).\n"}
    config = CONFIG + '[sections.posts]\npermalink = "/:year/:month/:day/:title.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    links = page(root / "build", "/2018/01/22/pangeo-2.html").select(".content a")
    assert [a["href"] for a in links] == ["/2017/09/18/pangeo-1.html"]


def test_hugo_s_and_jekyll_s_highlight_blocks_are_code_blocks(tmp_path: Path) -> None:
    """Hugo's highlight shortcode and Jekyll's highlight tag are code in their language,
    as the same code in a fence is, with no warning."""
    code = "def f():\n    return 1\n"
    files = {"content/posts/hugo.md": "---\ntitle: H\ndate: 2024-01-01\n---\nIntro.\n\n"
                                      "{{< highlight python >}}\n" + code + "{{< /highlight >}}\n",
             "content/posts/jekyll.md": "---\ntitle: J\ndate: 2024-01-02\n---\nIntro.\n\n"
                                        "{% highlight python %}\n" + code + "{% endhighlight %}\n",
             "content/posts/fence.md": "---\ntitle: F\ndate: 2024-01-03\n---\nIntro.\n\n"
                                       "```python\n" + code + "```\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    bodies = [str(page(root / "build", f"/posts/{name}/").select_one(".content"))
              for name in ("hugo", "jekyll", "fence")]
    assert bodies[0] == bodies[1] == bodies[2] and 'class="highlight"' in bodies[0]


def test_hugo_s_escaped_shortcodes_show_the_shortcode_with_no_warning(tmp_path: Path) -> None:
    """``{{</* youtube abc */>}}`` is how Hugo's documentation shows a shortcode: Hugo
    writes ``{{< youtube abc >}}``, in prose, in code spans and in code blocks."""
    body = ("Write {{</* youtube abc */>}} to embed, or `{{</* youtube abc */>}}`.\n\n"
            "```text\n{{%/* notice tip */%}}\nText\n{{%/* /notice */%}}\n```\n")
    root = write_site(tmp_path / "s", {"content/shortcodes.md": body}, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/shortcodes/").select_one(".content")
    assert content.p.get_text() == \
        "Write {{< youtube abc >}} to embed, or {{< youtube abc >}}."
    assert content.pre.get_text() == "{{% notice tip %}}\nText\n{{% /notice %}}\n"


def test_hugo_s_param_shortcode_writes_the_page_s_or_the_site_s_value(tmp_path: Path) -> None:
    """``{{< param version >}}`` is the page's front-matter field, else the site's
    ``[params]`` (a dotted name reads a table), in prose, links, headings and code, as Hugo
    writes it; one that names no value is shown as written, with a warning at its line."""
    config = CONFIG + ('[params]\nversion = "v1.28"\nrelease = 3.0\n'
                       '[params.info]\nVersion = "v2024.1"\n')
    body = """\
        ---
        title: Install
        product: Flow
        ---

        ## Install {{< param product >}}

        See [the API]({{< param "version" >}}/api.md) of {{% param release %}}.

        ```bash
        curl https://example.org/{{< param "info.version" >}}/x.yaml
        ```

        A {{< param missing >}} and a {{</* param version */>}}.
        """
    files = {"content/docs/index.md": body, "content/docs/v1.28/api.md": "# API\n"}
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    content = page(root / "build", "/docs/").select_one(".content")
    assert content.h2.get_text(strip=True).startswith("Install Flow")
    assert content.p.a["href"] == "/docs/v1.28/api/"
    assert content.p.get_text() == "See the API of 3."
    assert content.pre.get_text() == "curl https://example.org/v2024.1/x.yaml\n"
    assert content.select("p")[1].get_text() == \
        "A {{< param missing >}} and a {{< param version >}}."
    assert "index.md:14: warning: '{{< param missing >}}' (a Hugo shortcode)" in result.stderr
    assert "under [params] in site.toml" in result.stderr
    assert result.stderr.count("warning") == 1, result.stderr  # (product is a field it shows)


@pytest.mark.parametrize(("name", "value"), [
    ("version", "page"), ("VERSION", "page"), ("beta", "true"), ("count", "3"), ("ratio", "1.5"),
    ("nested.key", "from params"), ("site_only", "site"), ("info.deep", "site table"),
    ("tags", None), ("absent", None), ("info", None)])
def test_a_param_is_the_page_s_then_the_site_s_as_hugo_writes_it(name: str,
                                                                  value: str | None) -> None:
    """Page fields first (any case, or under ``params``, Hugo 0.123's table), then the
    site's; a table or list has no text."""
    page = {"Version": "page", "beta": True, "count": 3.0, "ratio": 1.5, "tags": ["a"],
            "params": {"nested": {"key": "from params"}}}
    site = {"version": "site", "site_only": "site", "info": {"deep": "site table"}}
    assert param_value(name, page, site) == value


def test_relearn_s_siteparam_is_the_site_s_param(tmp_path: Path) -> None:
    """The Azure Verified Modules' {{% siteparam base %}}/docs/b/ in links and images (564):
    the site's [params] value, never the page's, then the link read as any other."""
    files = {"content/docs/a.md": "---\ntitle: A\nbase: /page-own\n---\n"
                                  "[B]({{% siteparam base %}}/docs/b/) "
                                  "![x]({{< siteparam \"base\" >}}/docs/img/x.png)\n",
             "content/docs/b.md": "# B\n",
             "content/docs/img/x.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG + '[params]\nbase = ""\n')
    result = build(root)
    assert result.returncode == 0 and result.stderr.count("warning") == 1, result.stderr
    assert "unknown field 'base'" in result.stderr  # (the page's, which siteparam never reads)
    content = page(root / "build", "/docs/a/").select_one(".content")
    assert (content.a["href"], content.img["src"]) == ("/docs/b/", "/docs/img/x.png")


def test_a_link_to_a_file_keeps_its_query_and_fragment(tmp_path: Path) -> None:
    """Material shows ``logo.svg#only-dark`` in its dark scheme only: the fragment (and a
    query, such as a PDF's ``#page=2``) stays on the file's rewritten URL."""
    files = {"content/docs/index.md": "![Logo](img/dot.png#only-dark) [page 2](guide.pdf#page=2)"
                                      " [v](guide.pdf?v=3)\n",
             "content/docs/img/dot.png": FILES["content/images/dot.png"],
             "content/docs/guide.pdf": b"%PDF-1.4\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/docs/").select_one(".content")
    image = content.img
    assert (image["src"], image.get("width")) == ("/docs/img/dot.png#only-dark", "1")
    assert [a["href"] for a in content.select("a")] == ["/docs/guide.pdf#page=2",
                                                        "/docs/guide.pdf?v=3"]
    assert (root / "build/docs/img/dot.png").exists() and (root / "build/docs/guide.pdf").exists()


@pytest.mark.parametrize(("heading", "title"), [
    ("# Install **Typer**", "Install Typer"),
    ("# The `run` command", "The run command"),
    ("# Tips \\*and\\* [tricks](tips.md) & more", "Tips *and* tricks & more"),
    ("# snake_case_names", "snake_case_names"),
    ("# Contributing &amp; Support", "Contributing & Support"),
    ("---\ntitle: Q &amp; A\n---\n# Q &amp; A", "Q & A"),
])
def test_a_title_taken_from_a_heading_is_its_plain_text(tmp_path: Path, heading: str,
                                                       title: str) -> None:
    """MkDocs takes a page's title from its first heading as text, markup left out."""
    root = write_site(tmp_path / "s", {"content/docs/page.md": f"{heading}\n\nText.\n",
                                       "content/docs/tips.md": "Tips.\n"}, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    document = page(root / "build", "/docs/page/")
    assert [h1.get_text() for h1 in document("h1")] == [title]
    assert document.title.get_text().startswith(f"{title} ")


def test_a_link_to_a_folder_s_readme_reaches_its_index(tmp_path: Path) -> None:
    """MkDocs takes a folder's README.md for its index, and Hugo has _index.md; moved, they
    are renamed index.md, and the links written to README.md or _index.md reach it
    (harbor's install-config/_index.md)."""
    files = {"content/docs/index.md": "See the [user guide](user-guide/README.md#setup).\n",
             "content/docs/user-guide/index.md": "# User guide\n\n## Setup\n\nText.\n",
             "content/about.md": "[Docs](docs/README.md) [Guide](docs/user-guide/_index.md)\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/docs/").select_one(".content a")["href"] == \
        "/docs/user-guide/#setup"
    assert [a["href"] for a in page(root / "build", "/about/").select(".content a")] == [
        "/docs/", "/docs/user-guide/"]


def test_files_no_page_links_to_are_named_in_one_warning(tmp_path: Path) -> None:
    """Hugo publishes static/ whole, Jekyll and MkDocs every file beside the pages: here a
    file is published only if a page links to it, and those left out are named. The files
    of a draft's bundle, those a body includes, authors.yml and hidden files are not."""
    dot = FILES["content/images/dot.png"]
    files = {"content/about.md": "![Dot](img/linked.png)\n\n--8<-- \"snippets/note.txt\"\n",
             "content/img/linked.png": dot, "content/img/unused.png": dot,
             "content/favicon.ico": dot, "content/snippets/note.txt": "Included.\n",
             "content/.hidden.png": dot, "content/authors.yml": "ada:\n  name: Ada\n",
             "content/posts/draft/index.md": "---\ntitle: D\ndate: 2024-01-01\ndraft: true\n---\n"
                                             "![x](shot.png)\n",
             "content/posts/draft/shot.png": dot}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    found = [line for line in result.stderr.splitlines() if "not published" in line]
    assert found == [f"{root / 'content'}: warning: 2 file(s) under content/ are not "
                     "published, as no page links to them: favicon.ico, img/unused.png"]
    assert (root / "build/img/linked.png").exists()
    assert not (root / "build/img/unused.png").exists()


def test_hugo_s_content_page_folder_is_published_as_in_hugo(tmp_path: Path) -> None:
    """Hugo Stack's pages live in content/page/: at /page/about/, as in Hugo (the home
    page's pages are /page/2/...), or elsewhere with a pattern for the pages."""
    files = {"content/page/about/index.md": "---\ntitle: About\nslug: about\n"
                                            "date: 2026-01-26\n---\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "the site's own" not in result.stderr
    assert page(root / "build", "/page/about/").h1.get_text() == "About"
    root.joinpath("site.toml").write_text(CONFIG + '[pages]\npermalink = "/:slug/"\n')
    result = build(root)
    assert result.returncode == 0 and "sections.page" not in result.stderr, result.stderr
    assert page(root / "build", "/about/").h1.get_text() == "About"


def test_jekyll_s_redirect_to_is_named_with_what_to_do(tmp_path: Path) -> None:
    """jekyll-redirect-from's redirect_to makes a page a redirect there; here the page keeps
    its text, and the warning says how to redirect instead (not "did you mean redirect_from")."""
    files = {"content/lab.md": "---\ntitle: Lab\nredirect_to: https://lab.example.org/\n---\n"
                               "Moved.\n",  # (and python.org.br's Pelican Redirect: line)
             "content/apyb.md": "Title: APyB\nRedirect: https://apyb.python.org.br/\n\nText.\n"}
    result = build(write_site(tmp_path / "s", files, CONFIG))
    assert result.returncode == 0, result.stderr
    assert "lab.md:3: warning: field 'redirect_to' is not used here\n  hint: this page is " \
        "published with its own text, not as a redirect" in result.stderr
    assert "apyb.md:2: warning: field 'redirect' is not used here\n  hint: this page is " \
        "published with its own text, not as a redirect" in result.stderr
    assert "redirect_from" not in result.stderr


def test_a_docs_page_s_root_link_to_a_file_of_the_moved_docs_finds_it(tmp_path: Path) -> None:
    """MkDocs serves docs/img/logo.png at /img/logo.png; moved to content/docs/, the link
    /img/logo.png of a docs page reaches the file at /docs/img/logo.png. Elsewhere a
    missing file's hint is about files."""
    dot = FILES["content/images/dot.png"]
    files = {"content/docs/index.md": '<img src="/img/logo.png" alt="Logo">\n\n'
                                      "![Logo](/img/logo.png)\n",
             "content/docs/img/logo.png": dot,
             "content/about.md": "![Gone](/img/gone.png)\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    sources = [image["src"] for image in page(root / "build", "/docs/").select(".content img")]
    assert sources == ["/docs/img/logo.png", "/docs/img/logo.png"]
    assert "about.md:1: warning: link to /img/gone.png, which is not a page or file of this " \
        "site\n  hint: link to the file by its path relative to this page" in result.stderr


def test_a_shortcode_written_like_an_html_tag_is_shown_as_text(tmp_path: Path) -> None:
    """``{{<button href="/s/">}}`` is shown as written (with its warning), not made a live
    button; ``{{<ref "x.md">}}`` is still a link, and code keeps its text."""
    files = {"content/docs/index.md": '{{<button href="/s/">}}Explore{{</button>}}\n\n'
                                      '[Next]({{<ref "next.md">}}) `{{<b>}}`\n',
             "content/docs/next.md": "Next.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "index.md:1: warning:" in result.stderr and "a Hugo shortcode" in result.stderr
    content = page(root / "build", "/docs/").select_one(".content")
    assert content.find("button") is None and content.find("b") is None
    assert content.p.get_text().startswith("{{<button href=")
    assert content.select_one("a")["href"] == "/docs/next/"
    assert content.code.get_text() == "{{<b>}}"


def test_hugo_s_files_in_the_site_s_own_language_are_read_without_it(tmp_path: Path) -> None:
    """With language = "en" (Hugo's default language), index.en.md is a bundle's page and
    about.en.md is about.md; index.fr.md beside index.en.md is a translation of it."""
    files: dict[str, str | bytes] = {
        "content/posts/one/index.en.md": "---\ntitle: One\ndate: 2024-01-01\n---\n![Dot](dot.png)"
                                         "\n",
        "content/posts/one/index.fr.md": "---\ntitle: Un\ndate: 2024-01-01\n---\nUn.\n",
        "content/posts/one/dot.png": FILES["content/images/dot.png"],
        "content/posts/two/index.en.md": "---\ntitle: Two\ndate: 2024-01-02\n---\nTwo.\n",
        "content/about.en.md": "---\ntitle: About\n---\nHi.\n"}
    config = CONFIG + 'language = "en"\n[sections.posts]\npermalink = "/:filename/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    assert page(out, "/one/").select_one(".content img")["src"] == "/one/dot.png"
    assert page(out, "/two/").h1.get_text() == "Two"
    assert page(out, "/about/").h1.get_text() == "About"
    assert "index.fr.md: warning: this is a translation (fr) of index.md" \
        in result.stderr, result.stderr


def test_hugo_s_translations_are_named_as_such(tmp_path: Path) -> None:
    """Hugo names a translation about.fr.md beside about.md; one language is built here:
    each is named in a warning, and two that take one URL (the same slug) are told apart."""
    files = {"content/about.md": "---\ntitle: About\n---\nHi.\n",
             "content/about.fr.md": "---\ntitle: À propos\n---\nSalut.\n",
             "content/code/lumberjack.v2.md": "---\ntitle: Not a translation\n---\nX.\n",
             "content/code/lumberjack.md": "---\ntitle: Lumberjack\n---\nX.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "about.fr.md: warning: this is a translation (fr) of about.md, as Hugo " \
        "names them: it is published on its own, at /about.fr/" in result.stderr
    assert result.stderr.count("is a translation") == 1
    bundle = {"content/posts/hello/index.md": "---\ntitle: Hello\ndate: 2024-01-01\n"
                                              "slug: hello\n---\nHi.\n",
              "content/posts/hello/index.zh-cn.md": "---\ntitle: 你好\ndate: 2024-01-01\n"
                                                    "slug: hello\n---\n你好.\n"}
    result = build(write_site(tmp_path / "t", bundle, CONFIG))
    assert result.returncode == 1
    assert "hint: one is a translation (named as Hugo names one" in result.stderr, result.stderr
    # (Pelican's: a Lang field of another language; its translation takes the same slug)
    pelican = {"content/posts/going-abroad.md": "Title: Finally\nDate: 2025-10-27\n"
                                                "Slug: going-abroad\nLang: en\n\nEnglish.\n",
               "content/posts/going-abroad-fr.md": "Title: Enfin\nDate: 2025-10-10\n"
                                                   "Slug: going-abroad\nLang: fr\n\nFrançais.\n"}
    result = build(write_site(tmp_path / "p", pelican, CONFIG))
    assert result.returncode == 1
    assert "hint: one is a translation" in result.stderr, result.stderr
    pelican["content/posts/going-abroad-fr.md"] = pelican["content/posts/going-abroad-fr.md"] \
        .replace("Lang: fr\n", "Lang: fr\nURL: /fr/going-abroad/\n")
    result = build(write_site(tmp_path / "q", pelican, CONFIG))
    assert result.returncode == 0, result.stderr
    assert "going-abroad-fr.md:4: warning: this is a translation (fr), as its lang field says: " \
        "it is published on its own, at /fr/going-abroad/" in result.stderr
    assert result.stderr.count("is a translation") == 1
    # (honzajavorek.cz's English posts: in the language its field names, the field no
    # unknown one)
    assert "unknown field 'lang'" not in result.stderr
    assert page(tmp_path / "q/build", "/fr/going-abroad/").html["lang"] == "fr"
    assert page(tmp_path / "q/build", "/posts/going-abroad/").html["lang"] == "en"


def test_a_tex_environment_in_a_paragraph_is_math_kept_as_written(tmp_path: Path) -> None:
    """EFAVDB's 44 pages (Pelican's render_math): \\begin{align} ... \\end{align} right after
    a line of text, its \\\\ line breaks, _ and [l](i) read as Markdown, and its $i$ as a
    formula of its own inside \\text{} (with pymdownx.arithmatex, as the guide says): kept
    as written, in a span of arithmatex's class for the templates' math script."""
    body = ("We use:\n\\begin{align}\nx_i &= \\text{bombed $i$} \\\\\ny_i &= [l](i)\n"
            "\\end{align}\nIn our example, $x_i$ *too*.\n")
    environment = body[body.index("\\begin"):body.index("\nIn our")]
    plain = build_ok(write_site(tmp_path / "p", {"content/m.md": "# M\n\n" + body}, CONFIG))
    text = page(plain, "/m/").select_one(".content p")
    assert environment in text.get_text() and text.select("em, a") == [text.select_one("em")]
    config = CONFIG + ('[markdown]\nextensions = ["pymdownx.arithmatex"]\n'
                       '[markdown.extension_configs."pymdownx.arithmatex"]\ngeneric = true\n')
    out = build_ok(write_site(tmp_path / "s", {"content/m.md": "# M\n\n" + body}, config))
    spans = page(out, "/m/").select(".content p span.arithmatex")
    assert [span.get_text() for span in spans] == [environment, "\\(x_i\\)"]
    # (inside $...$, arithmatex's whole: EFAVDB's $\begin{pmatrix} a \\ b \end{pmatrix}$;
    # and only math's environments: LaTeX's itemize in prose is Markdown as before)
    inline = "# V\n\nThe vector $\\begin{pmatrix} a \\\\ b \\end{pmatrix}$ is inline.\n\n" \
        "A list: \\begin{itemize} \\item *one* \\end{itemize} here.\n"
    out = build_ok(write_site(tmp_path / "v", {"content/v.md": inline}, config))
    paragraphs = page(out, "/v/").select(".content p")
    assert [span.get_text() for span in paragraphs[0].select("span.arithmatex")] == [
        "\\(\\begin{pmatrix} a \\\\ b \\end{pmatrix}\\)"]
    assert "$" not in paragraphs[0].get_text() and paragraphs[1].em.get_text() == "one"


def test_pymdownx_highlight_s_extended_languages_are_highlighted(tmp_path: Path) -> None:
    """uv's mkdocs.yml: extend_pygments_lang gives its ```requirements fences Python's
    highlighting (23 fences had been plain, with no warning)."""
    config = CONFIG + ('[markdown]\nextensions = ["pymdownx.highlight"]\n'
                       '[markdown.extension_configs."pymdownx.highlight"]\n'
                       'extend_pygments_lang = [{name = "requirements", lang = "python"}]\n')
    body = "# Pins\n\n```requirements\npydantic<2.0\n```\n"
    out = build_ok(write_site(tmp_path / "s", {"content/pins.md": body}, config))
    assert page(out, "/pins/").select_one("pre code span.n").get_text() == "pydantic"


def test_footnotes_by_first_reference_are_numbered_in_reading_order(tmp_path: Path) -> None:
    """Bryce Wray's 58 pages (Hugo), with USE_DEFINITION_ORDER = false as the guide says: a
    reference in a quote or a list item is numbered where it is read, as goldmark does
    (Python-Markdown had numbered it after the paragraphs: 2, 1, 3), the notes listed so."""
    body = ("> A quote.[^q]\n\nPlain text.[^p]\n\n- An item.[^l]\n\nAgain.[^q]\n\n"
            "[^l]: List note.\n[^p]: Plain note.\n[^q]: Quote note.\n")
    config = CONFIG + "[markdown.extension_configs.footnotes]\nUSE_DEFINITION_ORDER = false\n"
    out = build_ok(write_site(tmp_path / "s", {"content/a.md": "# A\n\n" + body}, config))
    html = page(out, "/a/")
    assert [link.get_text() for link in html.select("a.footnote-ref")] == ["1", "2", "3", "1"]
    assert [note.get_text(" ", strip=True).split(" ")[0]
            for note in html.select("div.footnote li")] == ["Quote", "Plain", "List"]
    out = build_ok(write_site(tmp_path / "t", {"content/a.md": "# A\n\n" + body}, CONFIG))
    assert [link.get_text() for link in page(out, "/a/").select("a.footnote-ref")] == [
        "3", "2", "1", "3"]  # (by their definitions, as Python-Markdown numbers them)


def test_a_link_to_a_file_missing_from_its_folder_is_broken_not_another_of_its_name(
        tmp_path: Path) -> None:
    """uv's reference/index.md links to ./cli.md, a generated file not in the repository:
    the only other cli.md (auth/cli.md) is another page, and the link is reported."""
    files = {"content/docs/reference/index.md": "[Commands](./cli.md)\n",
             "content/docs/auth/cli.md": "# Auth CLI\n"}
    result = build(write_site(tmp_path / "s", files, CONFIG))
    assert result.returncode == 1
    assert "reference/index.md:1: error: link to a missing file './cli.md'" in result.stderr


def test_hugo_s_relref_in_any_case_and_pelican_s_empty_slug(tmp_path: Path) -> None:
    """Hugo reads shortcode names in any case ({{% relRef "x" %}}); Pelican slugs the title
    of an article whose Slug: line is empty."""
    files = {"content/docs/index.md": '[Icon]({{% relRef "icon" %}}) '
                                      '[Card]({{< REF "icon.md" >}})\n',
             "content/docs/icon.md": "# Icon\n",
             "content/posts/empty-slug.md": "Title: Empty Slug Here\nDate: 2024-01-01\n"
                                            "Slug:\n\nX.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    links = page(root / "build", "/docs/").select(".content a")
    assert [link["href"] for link in links] == ["/docs/icon/", "/docs/icon/"]
    assert page(root / "build", "/posts/empty-slug/").h1.get_text() == "Empty Slug Here"


def test_hugo_s_ref_finds_a_page_as_hugo_does(tmp_path: Path) -> None:
    """Hugo's ref looks from the page's folder (a bundle's page, from the bundle's folder
    too), then from content/, then by name alone, in any case, and names a bundle or a
    section by its folder; a ref that finds nothing is named as written."""
    files = {"content/docs/index.md": '[A]({{< ref "docs/installation" >}}) '
                                      '[B]({{< ref "getting-started#colours" >}}) '
                                      '[C]({{< relref "installation" >}}) '
                                      '[D]({{< ref "/docs/installation/" >}})\n',
             "content/docs/installation/index.md": '[E]({{< ref "getting-started" >}}) '
                                                   '[F]({{< ref "docs" >}}) '
                                                   '[H]({{< relref "getting-started/index.md"'
                                                   ' >}}) [I]({{< ref "Docs/Getting-Started" '
                                                   '>}}) [G]({{< ref "nowhere" >}})\n',
             "content/docs/getting-started/index.md": "## Colours\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    links = page(root / "build", "/docs/").select(".content a")
    assert [link["href"] for link in links] == [
        "/docs/installation/", "/docs/getting-started/#colours", "/docs/installation/",
        "/docs/installation/"]
    links = page(root / "build", "/docs/installation/").select(".content a")
    assert [link["href"] for link in links][:4] == ["/docs/getting-started/", "/docs/",
                                                    "/docs/getting-started/",
                                                    "/docs/getting-started/"]
    assert "installation/index.md:1: warning: link to {{< ref \"nowhere\" >}} (read as " \
        "/docs/installation/nowhere), which is not a page or file of this site" in result.stderr


def test_hugo_s_relref_to_a_path_with_a_space_or_its_escape(tmp_path: Path) -> None:
    """kustomize's relref "../Common%20Definitions/FieldSpec.md" (6 links had been
    /docs/Reference/API/Common): a quoted path with a space, written or escaped, names its
    file, as Hugo reads it."""
    files = {"content/docs/transformers/label.md":
             '[a]({{< relref "../Common%20Definitions/FieldSpec.md" >}}) '
             "[b]({{< relref '../Common Definitions/FieldSpec.md' >}})\n",
             "content/docs/Common Definitions/FieldSpec.md": "# FieldSpec\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [link["href"] for link in page(root / "build", "/docs/transformers/label/").select(
        ".content a")] == ["/docs/common-definitions/fieldspec/"] * 2


def test_hugo_s_ref_to_a_tag_is_the_tag_s_page(tmp_path: Path) -> None:
    """dvhthomas' relref "tags/asdf": the tag's page, as Hugo links it, where a post named
    asdf.md had taken the link (or, with no such file, a broken one)."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [asdf]\n---\n"
                                   '[t]({{< relref "tags/asdf" >}}) '
                                   '[c]({{< ref "/tags/asdf/" >}})\n',
             "content/posts/asdf.md": "---\ntitle: Asdf\ndate: 2024-01-02\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [link["href"] for link in page(root / "build", "/posts/a/").select(
        ".content a")] == ["/tags/asdf/"] * 2


def test_hugo_s_ref_to_a_posts_section_is_its_list(tmp_path: Path) -> None:
    """Flink's relref "posts" from how-to-contribute/overview.md, and a ref to the section's
    _index.md: the section's list, from any folder."""
    files = {"content/posts/_index.md": "---\ntitle: Blog\n---\n",
             "content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-02\n---\nHi.\n",
             "content/how/overview.md": '[a]({{< relref "posts" >}}) '
                                        '[b]({{< ref "/posts/_index.md" >}})\n'}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [link["href"] for link in page(root / "build", "/how/overview/").select(
        ".content a")] == ["/posts/", "/posts/"]


def test_hugo_s_ref_with_a_title_to_its_own_heading_and_to_renamed_files(
        tmp_path: Path) -> None:
    """Mainroad and hugo-theme-learn write a ref with a link title in double quotes, a ref to
    the page's own heading ("#part"), to an _index.md the migration renames index.md, and
    links to files named in the site's language (archetypes.en.md, read as archetypes.md);
    Jekyll's link tag with a title too."""
    files = {"content/docs/index.md": "Home.\n",
             "content/docs/archetypes.en.md": "---\ntitle: Archetypes\n---\nText.\n",
             "content/docs/faq.md":
                 '[A]({{< relref "/docs/faq.md" >}} "The FAQ") '
                 '[B]({{< ref "#resizing" >}}) [C]({{< ref "/docs/_index.md" >}}) '
                 '[D](archetypes.en.md) [E]({{< relref "archetypes.en.md" >}}) '
                 '[F]({% link docs/faq.md %} "Also the FAQ")\n\n## Resizing\n'}
    root = write_site(tmp_path / "s", files, CONFIG + 'language = "en"\n')
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    links = page(root / "build", "/docs/faq/").select(".content a:not(.headerlink)")
    assert [(link["href"], link.get("title")) for link in links] == [
        ("/docs/faq/", "The FAQ"), ("#resizing", None), ("/docs/", None),
        ("/docs/archetypes/", None), ("/docs/archetypes/", None),
        ("/docs/faq/", "Also the FAQ")]


def test_hugo_s_ref_as_a_reference_definition_by_path_and_to_a_bundle_by_name(
        tmp_path: Path) -> None:
    """FixIt's docs define references as [b]: {{< relref "b" >}} and name the path as a
    parameter (relref path="b.md"); jrfom's ref "chain-waxing.md" names the bundle
    chain-waxing/index.md. Hugo expands each before Markdown reads the page."""
    files = {"content/docs/b.md": "---\ntitle: B\n---\n## Part\n",
             "content/docs/a.md": '[page B][b], [its part][part], [by path]({{< relref '
                                  'path="b.md" >}}), [its part]({{< ref path="/docs/b#part" '
                                  '>}}) and [the bundle]({{< ref "chain-waxing.md" >}}).\n\n'
                                  '[b]: {{< relref "b" >}}\n[part]: {{% REF "b.md" %}}#part\n',
             "content/posts/chain-waxing/index.md": "---\ntitle: Waxing\ndate: 2022-05-08\n"
                                                    "---\nWax.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/docs/a/").select_one(".content")
    assert [(link.get_text(), link["href"]) for link in content.select("a")] == [
        ("page B", "/docs/b/"), ("its part", "/docs/b/#part"), ("by path", "/docs/b/"),
        ("its part", "/docs/b/#part"), ("the bundle", "/posts/chain-waxing/")]
    assert "[b]:" not in content.get_text()


def test_pelican_s_term_links_and_a_static_file_of_a_moved_folder(tmp_path: Path) -> None:
    """{tag}name and {category}name link to the term's page; {static}/dev/a.gif names the
    file of a category folder moved under content/posts/, as the Pelican guide moves them."""
    files: dict[str, str | bytes] = {
        "content/posts/dev/post.md": "Title: Post\nDate: 2016-06-12\nTags: Mario Maker\n"
                                     "Category: Updates\n\n[Levels]({tag}Mario Maker) "
                                     "[Updates]({category}updates) ![A]({static}/dev/media/a.png)"
                                     "\n",
        "content/posts/dev/media/a.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n")
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/posts/post/").select_one(".content")
    assert [link["href"] for link in content.select("a")] == ["/tags/mario-maker/",
                                                              "/categories/updates/"]
    assert content.img["src"] == "/posts/dev/media/a.png"
    assert (root / "build/posts/dev/media/a.png").is_file()


def test_pelican_s_relative_static_autostatic_and_index_links(tmp_path: Path) -> None:
    """An article moved from content/ to content/posts/ keeps its {static}images/a.png and
    {attach}images/a.png (from its folder before the move); the autostatic plugin's
    {static img/b.png} names a file as {static}img/b.png does; {index} is the home page.
    A page moved out of content/pages/ keeps its {static}../prospectus/a.pdf (ethicalads'
    FAQ, whose link stopped the build)."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/posts/post.md": "Title: Post\nDate: 2020-01-01\n\n![a]({static}images/a.png) "
                                 "![b]({attach}images/a.png) ![c]({static img/b.png}) "
                                 "[home]({index})\n",
        "content/faq.md": "Title: FAQ\nurl: advertisers/faq/\n\n"
                          "[sample]({static}../prospectus/a.pdf)\n",
        "content/prospectus/a.pdf": b"%PDF-1.4\n",
        "content/images/a.png": dot, "content/posts/img/b.png": dot}
    config = CONFIG + '[sections.posts]\npermalink = "/:slug_or_title.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/post.html").select_one(".content")
    assert [img["src"] for img in content.select("img")] == [
        "/images/a.png", "/images/a.png", "/posts/img/b.png"]
    assert content.select_one("a")["href"] == "/"
    assert (root / "build/images/a.png").is_file() and (root / "build/posts/img/b.png").is_file()
    faq = page(root / "build", "/advertisers/faq/").select_one(".content a")
    assert faq["href"] == "/prospectus/a.pdf" and (root / "build/prospectus/a.pdf").is_file()


def test_pelican_s_filename_links_with_a_query_or_from_pages(tmp_path: Path) -> None:
    """ethicalads' {filename}../pages/similar.md?url=... keeps its query, and its
    {filename}/pages/hub/index.md names content/hub/index.md, where the guide moved the
    pages (by its name alone, it is one of several index.md)."""
    files = {"content/similar.md": "Title: Similar\n\n## Top\n",
             "content/hub/index.md": "Title: Hub\n\nH.\n", "content/index.md": "Home.\n",
             "content/posts/news.md": "Title: News\nDate: 2024-04-01\n\n"
             "[a]({filename}../pages/similar.md?url=https%3A%2F%2Fx.org#top) "
             "[b]({filename}/pages/hub/index.md)\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [a["href"] for a in page(root / "build", "/posts/news/").select(".content a")] == [
        "/similar/?url=https%3A%2F%2Fx.org#top", "/hub/"]


def test_a_link_to_a_heading_by_python_markdown_s_ascii_id(tmp_path: Path) -> None:
    """Lee-W's posts link to #16 and #_1, the ids Python-Markdown gave (in Pelican) to
    "16. 如何每天堅持好習慣" and "雖然無關"; here the ids keep every letter, and the links
    find those headings; so do duarteocarmo's, on their own page (#amalia-in-a-nutshell)."""
    files = {"content/posts/habits.md": "Title: Habits\nDate: 2020-01-01\n\n"
                                        "[own](#amalia-in-a-nutshell)\n\n"
                                        "## 16. 如何每天堅持好習慣\n\ntext\n\n"
                                        "## 雖然無關\n\ntext\n\n## AMÁLIA in a nutshell\n",
             "content/posts/link.md": "Title: Link\nDate: 2020-01-02\n\n"
                                      "See [16]({filename}habits.md#16) and "
                                      "[2]({filename}habits.md#_1).\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    ids = [h["id"] for h in page(root / "build", "/posts/habits/").select(".content h2")]
    links = page(root / "build", "/posts/link/").select(".content a")
    assert [link["href"] for link in links] == [f"/posts/habits/#{quote(id_)}"
                                                 for id_ in ids[:2]]
    assert page(root / "build", "/posts/habits/").select_one(".content a")["href"] == \
        f"#{quote(ids[2])}"


def test_pelican_s_other_markdown_extensions_are_sources(tmp_path: Path) -> None:
    """Pelican reads .mkd and .mdown articles as Markdown; a rebuild sees their edits."""
    files = {"content/posts/article.mkd": "Title: Mkd\nDate: 2020-01-02\n\n*One*.\n",
             "content/posts/other.mdown": "Title: Mdown\nDate: 2020-01-03\n\n[Mkd]({filename}"
                                          "article.mkd)\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/posts/article/").select_one(".content em").get_text() == "One"
    assert page(root / "build", "/posts/other/").select_one(".content a")["href"] == \
        "/posts/article/"
    (root / "content/posts/article.mkd").write_text("Title: Mkd\nDate: 2020-01-02\n\n*Two*.\n")
    assert build(root).returncode == 0
    assert page(root / "build", "/posts/article/").select_one(".content em").get_text() == "Two"


@pytest.mark.parametrize("marker", ["<!-- more -->", "<!--More-->",
                                    "<!-- PELICAN_END_SUMMARY -->"])
def test_other_generators_summary_markers_end_the_summary(tmp_path: Path, marker: str) -> None:
    """Octopress' <!-- more -->, and Pelican's summary plugin's marker, as Hugo's <!--more-->."""
    files = {"content/posts/a.md": f"Title: A\nDate: 2020-01-02\n\nFirst.\n\nSecond.\n\n"
                                   f"{marker}\n\nRest.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    summary = page(root / "build", "/").select_one(".summary").get_text(" ", strip=True)
    assert summary == "First. Second."


def test_pelican_s_summary_begins_at_its_begin_marker(tmp_path: Path) -> None:
    """jakevdp's posts put a note before <!-- PELICAN_BEGIN_SUMMARY -->: the summary (on the
    lists, in the feeds and the JSON API) is what is between the two markers."""
    files = {"content/posts/a.md": "Title: A\nDate: 2020-01-02\n\n*Update, 2014: moved.*\n\n"
                                   "<!-- PELICAN_BEGIN_SUMMARY -->\n\nFirst.\n\nSecond.\n\n"
                                   "<!-- PELICAN_END_SUMMARY -->\n\nRest.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    summary = page(root / "build", "/").select_one(".summary").get_text(" ", strip=True)
    assert summary == "First. Second."
    posts = json.loads((root / "build/api/posts.json").read_text())
    assert "Update" not in json.dumps(posts)


def test_a_summary_leaves_out_scripts_styles_and_comments(tmp_path: Path) -> None:
    """What comes before <!--more--> is shown on the lists, in the feeds, the JSON API and
    the page's description: its scripts, styles and comments, which a reader never sees, are
    left out (Jekyll's themes take them out with strip_html)."""
    files = {"content/posts/a.md": "---\ntitle: Hidden states\ndate: 2020-01-02\n---\n\n"
                                   "<script>\nwindow.ecco = {};\n</script>\n\n"
                                   "<STYLE>\n.toc li { margin: 0; }\n</STYLE>\n\n"
                                   "<!--\n<div class=\"toc\">Contents</div>\n-->\n\n"
                                   "<p>By visualizing the hidden state.</p>\n\n<!--more-->\n\n"
                                   "The rest.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    listed = page(root / "build", "/").select_one(".summary")
    assert listed.get_text(" ", strip=True) == "By visualizing the hidden state."
    assert not listed.select("script, style")
    post = page(root / "build", "/posts/a/")
    assert post.select_one('meta[name="description"]')["content"] == \
        "By visualizing the hidden state."
    assert post.select_one(".content script") is not None  # (the page itself keeps it)
    posts = json.loads((root / "build/api/posts.json").read_text())
    assert "ecco" not in json.dumps(posts) and "margin" not in json.dumps(posts)
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ET.parse(root / "build/feed.xml").getroot().find(f"{atom}entry")
    assert entry.findtext(f"{atom}summary").strip() == "By visualizing the hidden state."


def test_pelican_s_header_lines_as_pelican_reads_them(tmp_path: Path) -> None:
    """Pelican splits Tags: only at commas or semicolons (one tag "particle physics"), lists
    a tag written twice once, and ends the header lines at a line that is not one (a
    commented field, a value's next line at the margin), keeping the fields above it."""
    files = {"content/posts/lhc.md": "Title: LHC\nDate: 2015-06-03\nTags: particle physics\n"
                                     "\nBody.\n",
             "content/posts/pypi.md": "Title: PyPI\nDate: 2020-03-01\n"
                                      "Tags: python, pypi, tutorial, PyPI\n\nBody.\n",
             "content/posts/terrain.md": "Title: 3D Terrain\nDate: 2020-01-24\nTags: python\n"
                                         "<!-- Slug: 3d-terrain-in-python -->\n\nBody.\n",
             "content/posts/ga.md": "Title: Genetic algorithms\nDate: 2015-06-03 07:36\n"
                                    "Tags: algorithm, computing,\nprogramming\n\nBody text.\n",
             "content/about.md": "Title: About me\nDate: 2020-01-24\n"
                                 "<!-- Status: hidden -->\n\nBody.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    def tags(url: str) -> list[str]:
        return [link.get_text().lstrip("#") for link in page(out, url).select(".tags a, a.tag")]
    assert tags("/posts/lhc/") == ["particle physics"]
    assert tags("/posts/pypi/") == ["python", "pypi", "tutorial"]
    assert page(out, "/posts/terrain/").h1.get_text() == "3D Terrain"
    assert tags("/posts/terrain/") == ["python"]
    ga = page(out, "/posts/ga/")
    assert tags("/posts/ga/") == ["algorithm", "computing"]
    assert ga.select_one(".content").get_text(" ", strip=True) == "programming Body text."
    about = page(out, "/about/")
    assert about.h1.get_text() == "About me"
    assert "Title:" not in about.select_one(".content").get_text()


def test_a_title_taken_from_the_first_heading_keeps_its_anchor(tmp_path: Path) -> None:
    """MkDocs gives a page's # Heading its id, which freqtrade's pages link to
    (config.md#parameter-table): the page's title keeps it, as does a post's title that
    its body's first heading repeats. A heading of the body that repeats the title's id
    takes the next one, as MkDocs and Hugo give it (DependencyTrack's permissions.md#permissions_1):
    the title keeps its own and is shown once, as the body's first heading."""
    files = {"content/docs/index.md": "# Home\n\n[Table](config.md#parameter-table), "
                                      "[post](../posts/a.md#a-post), [x](rest.md#rest-api), "
                                      "[y](rest.md#rest-api_1), [z](../posts/b.md#b_1)\n",
             "content/docs/config.md": "# Parameter table\n\nText.\n\n```sh\n# Other\n```"
                                       "\n\n## Other\n\n# Parameter table {#t}\n",
             "content/docs/rest.md": "# REST API\n\nIntro.\n\n## Rest API\n\nMore.\n",
             "content/posts/a.md": "---\ntitle: A post\ndate: 2024-01-01\n---\n# A post\n\nT.\n",
             "content/posts/b.md": "---\ndate: 2024-01-02\n---\n# B\n\nT.\n\n## B\n",
             "content/about.md": "---\ntitle: About\n---\n# About\n\n## About\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    assert [h["id"] for h in page(out, "/docs/config/").select("h1, h2")] == [
        "parameter-table", "other", "t"]
    assert page(out, "/posts/a/").select_one("h1")["id"] == "a-post"
    for url, first in [("/docs/rest/", "rest-api"), ("/posts/b/", "b"), ("/about/", "about")]:
        shown = page(out, url).select_one("main")
        assert [h["id"] for h in shown.select("h1")] == [first], url
        assert [h["id"] for h in shown.select("h2")][:1] == [first + "_1"], url
    assert [a["href"] for a in page(out, "/docs/").select(".content a")] == [
        "/docs/config/#parameter-table", "/posts/a/#a-post", "/docs/rest/#rest-api",
        "/docs/rest/#rest-api_1", "/posts/b/#b_1"]


def test_links_between_a_material_blog_and_the_docs_it_moved_out_of(tmp_path: Path) -> None:
    """instructor's blog, moved from docs/blog/ to content/blog/ as the MkDocs guide moves
    it, links to the docs as written from there (../../why.md, ../../integrations/ollama.md
    where another ollama.md exists), and the docs' home to an image of a post."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/blog/posts/p.md": "---\ndate: 2024-01-02\n---\n# A post\n\n[why](../../why.md)"
                                   " [home](../../index.md) [ollama](../../integrations/ollama.md)"
                                   " [guide](../../setup/guide.md)\n",
        "content/blog/posts/img/type.png": dot,
        "content/docs/index.md": "# Home\n\n![type](./blog/posts/img/type.png) "
                                 "[post](blog/posts/p.md)\n",
        "content/docs/why.md": "# Why\n", "content/docs/setup/guide.md": "# Guide\n",
        "content/docs/integrations/ollama.md": "# Ollama\n",
        "content/docs/examples/ollama.md": "# Ollama example\n"}
    config = CONFIG + '[sections.blog]\npermalink = "/blog/:year/:month/:day/:slug_or_title/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    post = page(root / "build", "/blog/2024/01/02/a-post/")
    assert [a["href"] for a in post.select(".content a")] == [
        "/docs/why/", "/docs/", "/docs/integrations/ollama/", "/docs/setup/guide/"]
    home = page(root / "build", "/docs/").select_one(".content")
    assert home.img["src"] == "/blog/posts/img/type.png"
    assert home.select_one("a")["href"] == "/blog/2024/01/02/a-post/"


def test_the_docs_home_moved_to_the_site_s_home_keeps_its_links(tmp_path: Path) -> None:
    """sublimelsp's docs at /:path/, their index.md moved to content/index.md to keep the
    root's address (the MkDocs guide's way): its links, written from docs/, still find
    their pages."""
    files = {"content/index.md": "# LSP\n\nSee [servers](language_servers.md) and "
                                 "[help](troubleshooting.md#logs).\n",
             "content/docs/language_servers.md": "# Servers\n",
             "content/docs/troubleshooting.md": "# Troubleshooting\n\n## Logs\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[sections.docs]\npermalink = "/:path/"\n')
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [a["href"] for a in page(root / "build", "/").select("main a")
            if a.get_text() in ("servers", "help")] == [
        "/language_servers/", "/troubleshooting/#logs"]


def test_the_docs_home_s_image_written_above_mkdocs_root(tmp_path: Path) -> None:
    """uvicorn's docs/index.md, MkDocs' home at /, shows <img src="../../logo.png">, which a
    browser reads as /logo.png there: docs/logo.png, now under content/docs/."""
    files: dict[str, str | bytes] = {
        "content/docs/index.md": '# Home\n\n<p align="center">\n  <img width="320" '
                                 'src="../../logo.png" alt="logo">\n</p>\n\n'
                                 '![md](../../logo.png)\n',
        "content/docs/logo.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    home = page(root / "build", "/docs/").select_one(".content")
    assert [img["src"] for img in home.select("img")] == ["/docs/logo.png", "/docs/logo.png"]


def test_a_moved_material_blog_post_s_root_path_names_a_docs_file(tmp_path: Path) -> None:
    """Material's blog is in MkDocs' docs folder, whose paths were the site's root: a moved
    post's /tools/run.ps1 is content/docs/tools/run.ps1 when the docs keep those addresses."""
    files: dict[str, str | bytes] = {
        "content/blog/p.md": "---\ndate: 2025-09-25\n---\n"
                             "[script](/tools/run.ps1), [tools](/tools/)\n",
        "content/docs/tools/index.md": "# Tools\n\n[script](/tools/run.ps1)\n",
        "content/docs/tools/run.ps1": "Write-Output 1\n"}
    config = CONFIG + '[sections.docs]\nredirect_from = ["/:path/"]\n[sections.blog]\n'
    result = build(write_site(tmp_path / "s", files, config))
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    post = page(tmp_path / "s/build", "/blog/p/").select_one(".content")
    assert [a["href"] for a in post.select("a")] == ["/docs/tools/run.ps1", "/docs/tools/"]
    assert (tmp_path / "s/build/docs/tools/run.ps1").read_text() == "Write-Output 1\n"

    no_root = write_site(tmp_path / "n", files, CONFIG + "[sections.blog]\n")
    assert "p.md:4: error: link to /tools/run.ps1, which" in build(no_root).stderr
    # (GoReleaser's: its docs at "/:path/", where MkDocs published docs/static/a.png at
    # /static/a.png: the post's link is that address, the file published there once; it
    # had been /docs/static/a.png, the file published at both)
    at_root = CONFIG + '[sections.docs]\npermalink = "/:path/"\n[sections.blog]\n'
    files["content/blog/p.md"] += "![a](/static/a.png)\n"
    files["content/docs/static/a.png"] = b"\x89PNG\r\n\x1a\n"
    out = build_ok(write_site(tmp_path / "r", files, at_root))
    post = page(out, "/blog/p/").select_one(".content")
    assert [a["href"] for a in post.select("a")] == ["/tools/run.ps1", "/tools/"]
    assert post.select_one("img")["src"] == "/static/a.png"
    assert (out / "static/a.png").is_file() and not (out / "docs/static/a.png").exists()


def test_a_moved_material_blog_post_s_path_from_its_address_names_a_docs_file(
        tmp_path: Path) -> None:
    """fbruzzesi's posts, at /blog/2023/12/21/hello/, write ../../../../../images/x.svg,
    which reaches the site's root from the post's address: MkDocs' docs folder, whose
    addresses the docs keep (13 of those links had stopped the build)."""
    files: dict[str, str | bytes] = {
        "content/blog/posts/2023-12-21-hello.md": "---\ndate: 2023-12-21\n---\n# Hello\n\n"
                                                  "![Logo](../../../../../images/x.svg)\n",
        "content/docs/index.md": "# Home\n",
        "content/docs/images/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n'}
    config = CONFIG + '[sections.docs]\nredirect_from = ["/:path/"]\n[sections.blog]\n' \
        'permalink = "/blog/:year/:month/:day/:slug_or_title/"\n'
    result = build(write_site(tmp_path / "s", files, config))
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    post = page(tmp_path / "s/build", "/blog/2023/12/21/hello/").select_one(".content")
    assert post.img["src"] == "/docs/images/x.svg"


def test_a_material_author_s_avatar_is_named_from_the_docs_folder(tmp_path: Path) -> None:
    """ExpressLRS' .authors.yml names avatars from MkDocs' docs folder
    (assets/images/authors/jurg.png), whose addresses the docs keep: the build had stopped."""
    files: dict[str, str | bytes] = {
        "content/authors.yml": "authors:\n  jurg:\n    name: Jurg\n"
                               "    avatar: assets/images/authors/jurg.png\n",
        "content/blog/news.md": "---\ndate: 2024-01-01\nauthors: [jurg]\n---\n# News\n",
        "content/docs/index.md": "# Home\n",
        "content/docs/assets/images/authors/jurg.png": FILES["content/images/dot.png"]}
    config = CONFIG + '[sections.docs]\nredirect_from = ["/:path/"]\n[sections.blog]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    avatar = page(root / "build", "/authors/jurg/").select_one("main img")
    assert avatar["src"] == "/docs/assets/images/authors/jurg.png"
    assert (root / "build/docs/assets/images/authors/jurg.png").is_file()


def test_a_title_holding_html_is_named_as_shown_as_written(tmp_path: Path) -> None:
    """pi-hole's nav title 'The &nbsp<samp>pihole</samp>&nbsp Command', which Material shows
    as HTML: a title is text here, escaped everywhere, and the warning says so; "Using <T>"
    holds no element."""
    files = {"content/docs/pihole.md": "---\ntitle: 'The &nbsp<samp>pihole</samp>&nbsp Command'"
                                       "\n---\nText.\n",
             "content/docs/generics.md": "---\ntitle: Using <T> in Java\n---\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "pihole.md:2: warning: the title holds HTML (<samp>), which is shown as written" \
        in result.stderr
    assert "generics.md" not in result.stderr
    heading = page(root / "build", "/docs/pihole/").h1
    assert "<samp>pihole</samp>" in heading.get_text() and heading.samp is None


def test_an_image_field_that_names_no_file_keeps_the_post_s_card(tmp_path: Path) -> None:
    """The Digital Cat's Pelican theme made Image: python-3-oop a path of its own: here no
    such file is there, which is warned about at the field's line, and the post's share
    image is its own card, not a broken address."""
    files = {"content/posts/oop.md": "Title: OOP\nDate: 2020-01-01\nImage: python-3-oop\n\nT.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "oop.md:3: warning: link to a missing file 'python-3-oop'" in result.stderr
    post = page(root / "build", "/posts/oop/")
    assert post.select_one('meta[property="og:image"]')["content"] == \
        "https://example.org/posts/oop/card.jpg"


def test_hugo_s_featured_image_is_the_post_s_image(tmp_path: Path) -> None:
    """vijayanant's 44 posts (Ananke's featured_image), in their bundles; dew-blog's 62
    (DoIt's featuredImage); jonesrussell's images: [...], Hugo's own, whose first is the
    page's image for sharing."""
    files = {"content/posts/hello/index.md": "---\ntitle: Hello\ndate: 2024-01-02\n"
                                             "featured_image: featured.png\n---\nHi.\n",
             "content/posts/hello/featured.png": FILES["content/images/dot.png"],
             "content/posts/doit/index.md": "---\ntitle: DoIt\ndate: 2024-01-04\n"
                                            "featuredImage: cover.png\n---\nHi.\n",
             "content/posts/doit/cover.png": FILES["content/images/dot.png"],
             "content/posts/other.md": "---\ntitle: Other\ndate: 2024-01-03\nimages:\n"
                                       "  - /images/a.png\n  - /images/b.png\n---\nHi.\n",
             "content/images/a.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/posts/hello/").select_one('meta[property="og:image"]')[
        "content"] == "https://example.org/posts/hello/featured.png"
    assert page(root / "build", "/posts/doit/").select_one('meta[property="og:image"]')[
        "content"] == "https://example.org/posts/doit/cover.png"
    assert page(root / "build", "/posts/other/").select_one('meta[property="og:image"]')[
        "content"] == "https://example.org/images/a.png"


def test_an_image_field_from_the_site_s_root(tmp_path: Path) -> None:
    """willwolf's Image: images/a.png, which Pelican's themes write after SITEURL/: read
    from the root when it names nothing from the post, and published."""
    files = {"content/posts/a.md": "Title: A\nDate: 2022-08-01\nImage: images/a.png\n\nT.\n",
             "content/images/a.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    post = page(root / "build", "/posts/a/")
    assert post.select_one('meta[property="og:image"]')["content"] == \
        "https://example.org/images/a.png"
    assert (root / "build/images/a.png").is_file()


def test_files_of_docs_at_the_site_s_root_are_where_mkdocs_put_them(tmp_path: Path) -> None:
    """linear-algebra's 137 simulations: docs at permalink "/:path/", a page's folder
    (sims/a/index.md at /sims/a/) holding the HTML a chapter's iframe loads and the script
    that loads, named in [build] publish; its images. Each file is where MkDocs published
    it, beside the page, or at the site's root: the script beside the HTML that loads it."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/docs/sims/a/index.md": "# Sim A\n\n![shot](shot.png)\n",
        "content/docs/sims/a/shot.png": dot, "content/docs/sims/a/a.js": "draw();\n",
        "content/docs/sims/a/main.html": "<script src=\"a.js\"></script>\n",
        "content/docs/img/cover.png": dot,
        "content/docs/chapters/one.md": "# One\n\n<iframe src=\"../sims/a/main.html\"></iframe>"
                                        "\n\n![cover](../img/cover.png)\n"}
    config = CONFIG + '[build]\npublish = ["docs/sims/*"]\n[sections.docs]\npermalink = "/:path/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    chapter = page(out, "/chapters/one/")
    assert (chapter.select_one("iframe")["src"], chapter.select_one("img")["src"]) == (
        "/sims/a/main.html", "/img/cover.png")
    for name in ("sims/a/main.html", "sims/a/a.js", "sims/a/shot.png", "img/cover.png"):
        assert (out / name).is_file(), name
    assert [path.name for path in (out / "docs").rglob("*.*")] == ["index.html"]  # (/docs/)


def test_a_docs_file_linked_from_the_root_is_at_its_mkdocs_address_once(tmp_path: Path) -> None:
    """marimo's 39 pages linking /_static/x.png, in Markdown and HTML, their docs at
    permalink "/:path/" (MkDocs' root): the link is the file's address as MkDocs published
    it, where a link relative to the page puts it too, and the file is published once (141
    files had been published at /docs/_static/ as well)."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/docs/_static/a.png": dot, "content/docs/_static/b.png": dot + b"b",
        "content/docs/img/c.png": dot + b"c",
        "content/docs/guide/page.md": "# Page\n\n![a](../_static/a.png)\n\n"
                                      '<img src="/_static/b.png" alt="b">\n\n'
                                      "![a2](/_static/a.png) ![c](/img/c.png)\n"}
    config = CONFIG + '[build]\npublish = ["docs/_static/*"]\n' \
        '[sections.docs]\npermalink = "/:path/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    assert [img["src"] for img in page(out, "/guide/page/").select(".content img")] == [
        "/_static/a.png", "/_static/b.png", "/_static/a.png", "/img/c.png"]
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.png")) == [
        "_static/a.png", "_static/b.png", "img/c.png"]


def test_a_docs_file_at_the_address_of_another_stays_at_its_own(tmp_path: Path) -> None:
    """Docs at "/:path/": their img/logo.png, where content/img/logo.png is too, and their
    robots.txt, where the site's own is, stay under /docs/: each page shows its own."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/img/logo.png": dot, "content/docs/img/logo.png": dot + b"docs",
        "content/docs/robots.txt": "User-agent: *\n",
        "content/about.md": "![site](img/logo.png)\n",
        "content/docs/guide.md": "![docs](img/logo.png) [robots](robots.txt)\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[sections.docs]\npermalink = "/:path/"\n')
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    guide = page(root / "build", "/guide/").select_one(".content")
    assert (guide.img["src"], guide.a["href"]) == ("/docs/img/logo.png", "/docs/robots.txt")
    assert page(root / "build", "/about/").select_one(".content img")["src"] == "/img/logo.png"
    assert (root / "build/docs/img/logo.png").read_bytes().endswith(b"docs")
    assert (root / "build/robots.txt").read_text() != "User-agent: *\n"


def test_an_address_urllib_refuses_is_kept_as_written(tmp_path: Path) -> None:
    """onevcat's [two](rdar://22948371](http://openradar...)), which kramdown makes a link:
    the feeds and the JSON keep it as written (no traceback); an image field of such an
    address is named at its line."""
    post = "---\ntitle: A\ndate: 2016-01-19\n---\n[two](rdar://2294](http://o.example/r)).\n"
    root = write_site(tmp_path / "s", {"content/posts/a.md": post}, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "rdar://2294](http://o.example/r" in (root / "build/feed.xml").read_text()
    (root / "content/posts/a.md").write_text(post.replace("title: A", "title: A\nimage: http://[x"))
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "a.md:3: error: image 'http://[x' is no address a browser can read" in result.stderr


def test_a_docs_page_s_menu_weight_orders_the_sidebar(tmp_path: Path) -> None:
    """kind's docs order their sidebar by each page's own menu entry's weight
    (menu: {main: {parent: user, weight: 1}}): it is the page's weight, when it has none."""
    files = {"content/docs/index.md": "# Docs\n",
             "content/docs/auditing.md": "---\ntitle: Auditing\nmenu:\n  main:\n    weight: 5\n"
                                         "---\nA.\n",
             "content/docs/quick-start.md": "---\ntitle: Quick Start\nmenu:\n  main:\n"
                                            "    parent: user\n    weight: 1\n---\nQ.\n",
             "content/docs/known.md": "---\ntitle: Known Issues\nweight: 3\nmenu:\n  main:\n"
                                      "    weight: 9\n---\nK.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    sidebar = page(root / "build", "/docs/").select(".docs-sidebar li a")
    assert [link.get_text() for link in sidebar] == ["Quick Start", "Known Issues", "Auditing"]


def test_a_save_as_of_the_home_page_is_named_only_where_it_is_not_the_home(
        tmp_path: Path) -> None:
    """peterwittek's home text says Save_as: index.html: in content/index.md it is the
    home page's already, with no warning; elsewhere it is not used, with a warning."""
    files = {"content/index.md": "Title: Welcome\nSave_as: index.html\n\nHello.\n",
             "content/pages/home.md": "Title: Old home\nSave_as: index.html\n\nOld.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "save_as 'index.html' is not used" in result.stderr
    assert "content/index.md" not in result.stderr.split("is not used")[0].splitlines()[-1]
    assert result.stderr.count("is not used") == 1
    assert "Hello." in page(root / "build", "/").get_text()


def test_a_docs_page_s_title_after_a_comment_and_before_another_h1(tmp_path: Path) -> None:
    """jrnl's pages start with a licence's comment, then # Command Line Reference: the title,
    as MkDocs takes it. NetBox's # Tunnels is followed by # IPSec & IKE, a section of its
    own: both are shown."""
    files = {"content/docs/cli.md": "<!--\nCopyright © contributors\nLicense: GPLv3\n-->\n\n"
                                    "# Command Line Reference\n\nText.\n",
             "content/docs/tunnels.md": "# Tunnels\n\nText.\n\n```\nx\n```\n\n"
                                        "# IPSec & IKE\n\nMore.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    cli = page(root / "build", "/docs/cli/")
    assert cli.h1.get_text() == "Command Line Reference"
    assert cli.title.get_text().startswith("Command Line Reference")
    tunnels = page(root / "build", "/docs/tunnels/")
    assert [h1.get_text(strip=True).rstrip("#") for h1 in tunnels.select("article h1")] == [
        "Tunnels", "IPSec & IKE"]


def test_a_link_to_the_docs_table_of_contents_the_site_makes(tmp_path: Path) -> None:
    """jrnl's docs have no index.md: the site makes /docs/, a table of contents, which the
    menu and the pages may link to (the build stopped at the guide's own menu)."""
    files = {"content/docs/usage.md": "# Usage\n\n[All the docs](/docs/)\n"}
    config = CONFIG + '[[menu]]\nname = "Docs"\nurl = "/docs/"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/docs/usage/").select_one(".content a")["href"] == "/docs/"
    assert page(root / "build", "/docs/").select_one('a[href="/docs/usage/"]') is not None


def test_a_page_at_authors_is_published_beside_the_authors_pages(tmp_path: Path) -> None:
    """rclone's docs have a page of their authors at /authors/, where this site makes no
    page (only /authors/ada/): it is published there."""
    files = {"content/authors.md": "---\ntitle: Authors\n---\nMany people.\n",
             "content/authors.yml": "ada:\n  name: Ada\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nauthor: ada\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/authors/").h1.get_text() == "Authors"
    assert page(root / "build", "/authors/ada/").h1 is not None


def test_an_old_address_that_is_a_term_s_page_is_left_out_with_a_warning(
        tmp_path: Path) -> None:
    """mincong's category pages, kept by redirect_from /categories/review/, where the site
    makes that category's page: left out with a warning, as an old address of another page
    is, where the build stopped."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ncategories: [review]\n"
                                   "tags: [go]\n---\nA.\n",
             "content/review.md": "---\ntitle: Review\nredirect_from:\n  - /categories/review/"
                                  "\n  - /tags/go\n  - /old-review/\n---\nR.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("is the URL of a page the site makes") == 2
    assert page(root / "build", "/categories/review/").select_one('a[href="/posts/a/"]')
    assert page(root / "build", "/old-review/").find("link", rel="canonical")["href"] == \
        "https://example.org/review/"


def test_an_ascii_url_that_keeps_other_letters_is_named(tmp_path: Path) -> None:
    """SecondRound's "Binary Tree: Intro(簡介)": Pelican's unidecode wrote its URL in ASCII
    (binary-tree-introjian-jie.html); ascii_urls takes accents off only, and the URL that
    keeps 簡介 is named at the title's line, with how to keep the old one."""
    files = {"content/posts/tree.md": "Title: Binary Tree: Intro(簡介)\nDate: 2016-01-01\n\nT.\n",
             "content/posts/cafe.md": "Title: Café\nDate: 2016-01-02\n\nC.\n"}
    config = CONFIG + '[sections.posts]\npermalink = "/:slug_or_title.html"\nascii_urls = true\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "tree.md:1: warning: the URL /binary-tree-intro簡介.html keeps letters" in result.stderr
    assert "cafe.md" not in result.stderr


def test_the_text_of_a_hugo_section_s_index_left_out_is_named(tmp_path: Path) -> None:
    """kakkoyun's talks/_index.md holds a list of talks written by hand: the file is left out
    (its name starts with _), and its text is named in a warning; one with front matter only
    (the usual kind) is not."""
    files = {"content/posts/_index.md": "---\ntitle: Talks\n---\n\n- Talk one\n- Talk two\n",
             "content/notes/_index.md": "+++\ntitle = 'Notes'\n+++\n\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "posts/_index.md: warning: the text of this _index.md (Hugo's section page) is not " \
        "published" in result.stderr
    assert result.stderr.count("the text of this _index.md") == 1


def test_papermod_s_showtoc_is_the_table_of_contents_switch(tmp_path: Path) -> None:
    """kakkoyun's about page says ShowToc: false (PaperMod's): it has no table of contents,
    however long."""
    headings = "".join(f"## Part {n}\n\nText.\n\n" for n in range(6))
    files = {"content/about.md": f"---\ntitle: About\nShowToc: false\n---\n{headings}",
             "content/more.md": f"---\ntitle: More\n---\n{headings}"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "ShowToc" not in result.stderr, result.stderr
    assert page(root / "build", "/about/").select_one(".toc") is None
    assert page(root / "build", "/more/").select_one(".toc") is not None


def test_just_the_docs_nav_order_orders_the_sidebar_and_material_s_hide_is_named(
        tmp_path: Path) -> None:
    """Just the Docs' nav_order is the sidebar's order (27 of its own pages; pages without
    one after them); Material's hide: [toc] is named as having no equivalent, where the
    hint had said "did you mean 'hidden'" (which would take the page out of every list)."""
    files = {"content/docs/index.md": "---\ntitle: Home\n---\nHi.\n",
             "content/docs/zebra.md": "---\ntitle: Zebra setup\nnav_order: 1\n---\nZ.\n",
             "content/docs/advanced.md": "---\ntitle: Advanced\nnav_order: 2.5\n---\nA.\n",
             "content/docs/about.md": "---\ntitle: About\nhide:\n  - toc\n---\nB.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert [a.get_text() for a in page(root / "build", "/docs/").select(".docs-sidebar li a")] \
        == ["Zebra setup", "Advanced", "About"]
    assert "about.md:3: warning: unknown field 'hide'" in result.stderr
    assert "hint: Material's hide has no equivalent" in result.stderr
    assert result.stderr.count("warning") == 1 and "did you mean" not in result.stderr


def test_a_page_s_address_written_with_capitals_finds_the_page(tmp_path: Path) -> None:
    """pyspider's docs link to [Quickstart](Quickstart), MkDocs' address of Quickstart.md:
    a page's URL here is in lower case, and the link reaches it."""
    files = {"content/docs/index.md": "# Home\n\n[Quickstart](Quickstart) and "
                                      "[again](Quickstart/#run)\n",
             "content/docs/Quickstart.md": "# Quickstart\n\n## Run\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [a["href"] for a in page(root / "build", "/docs/").select(".content a")] == [
        "/docs/quickstart/", "/docs/quickstart/#run"]


def test_pelican_s_lists_separated_by_semicolons(tmp_path: Path) -> None:
    """Pelican splits a list at semicolons when it has one: names may hold commas then."""
    files = {"content/posts/a.md": "Title: A\nDate: 2020-01-02\nTags: Python; Web development"
                                   "\nAuthors: Lovelace, Ada; Babbage, Charles\n\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0
    assert "only the first author ('Lovelace, Ada') is used" in result.stderr
    links = page(root / "build", "/posts/a/").select(".post-terms .tags a")
    assert [link.get_text() for link in links] == ["#Python", "#Web development"]


def test_fields_themes_write_as_tables_and_other_names(tmp_path: Path) -> None:
    """LoveIt's toc: {enable: false}, LSP's toc: <a data file's name>; a Jekyll theme's
    image: {path: ...} and PaperMod's
    cover: {image: ...}; Hugo's headless: true; jekyll-seo-tag's last_modified_at."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-02\nlast_modified_at: 2020-02-03\n"
                              "toc:\n  enable: false\n  auto: true\nimage:\n  path: /img/a.png\n"
                              "  caption: A dot\n---\n## One\n\nA.\n\n## Two\n\nB.\n\n"
                              "## Three\n\nC.\n",
        "content/posts/b.md": "---\ntitle: B\ndate: 2020-01-03\ncover:\n  image: /img/a.png\n"
                              "  alt: A dot\n---\nB.\n",
        "content/homepage/index.md": "---\nheadless: true\n---\nFor the theme.\n",
        "content/spec.md": "---\ntitle: Spec\ntoc: specification-3-17-toc\n---\n## One\n",
        "content/img/a.png": dot}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert sorted(warnings) == [
        f"{root / 'content/posts/a.md'}:5: warning: only 'enable' of the table 'toc' is read "
        "here; 'auto' belong to another theme",
        f"{root / 'content/spec.md'}:3: warning: 'toc' names 'specification-3-17-toc', another "
        "theme's table of contents, which is not read here: left out"]
    post = page(root / "build", "/posts/a/")
    assert post.select("details.toc") == []
    assert post.select_one('meta[property="og:image"]')["content"] == \
        "https://example.org/img/a.png"
    assert post.select_one('meta[property="article:modified_time"]')["content"] \
        .startswith("2020-02-03")
    assert page(root / "build", "/posts/b/").select_one('meta[property="og:image"]')[
        "content"] == "https://example.org/img/a.png"
    assert not (root / "build/homepage").exists()


def test_hugo_s_build_options_leave_out_or_hide_a_page(tmp_path: Path) -> None:
    """A page Hugo does not render (render: never) is not published; list: never publishes
    a page unlisted. grpc's 18 placeholder pages of API references (render: link), which
    Hugo gives an address that its host redirects, are published, so that the links to them
    keep it (a link to a page left out is an error)."""
    files = {"content/docs/api.md": "---\ntitle: API\n_build: { render: link }\n---\nA.\n",
             "content/docs/guide.md": "---\ntitle: Guide\n---\n[API](api.md)\n",
             "content/docs/never.md": "---\ntitle: Never\nbuild:\n  render: never\n"
                                      "  list: never\n---\nN.\n",
             "content/posts/quiet.md": "---\ntitle: Quiet\ndate: 2024-01-01\nbuild:\n"
                                       "  list: never\n---\nQ.\n",
             "content/posts/loud.md": "---\ntitle: Loud\ndate: 2024-01-02\n---\nL.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    out = root / "build"
    assert not (out / "docs/never").exists()
    assert page(out, "/docs/guide/").select_one(".content a")["href"] == "/docs/api/"
    assert page(out, "/posts/quiet/").h1.get_text() == "Quiet"
    assert [a.get_text() for a in page(out, "/posts/").select(".post-list h2 a")] == ["Loud"]


def test_jekyll_s_categories_in_a_url_are_all_the_post_s(tmp_path: Path) -> None:
    """Jekyll's default permalink (/:categories/:year/:month/:day/:title.html) with `jekyll
    new`'s sample post (categories: jekyll update), a list, and a post with none."""
    files = {
        "content/posts/2014-11-20-welcome-to-jekyll.md": "---\ntitle: Welcome\ncategories: "
                                                         "jekyll update\n---\nHi.\n",
        "content/posts/2012-03-14-layout.md": "---\ntitle: Layout\ncategories:\n  - Layout\n"
                                              "  - Uncategorized\n---\nText.\n",
        "content/posts/2012-03-15-none.md": "---\ntitle: None\n---\nText.\n"}
    config = CONFIG + ('[sections.posts]\n'
                       'permalink = "/:categories/:year/:month/:day/:title.html"\n')
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    out = root / "build"
    assert page(out, "/jekyll/update/2014/11/20/welcome-to-jekyll.html").h1.get_text() == \
        "Welcome"
    assert page(out, "/layout/uncategorized/2012/03/14/layout.html").h1.get_text() == "Layout"
    assert page(out, "/2012/03/15/none.html").h1.get_text() == "None"
    assert page(out, "/categories/layout/").h1 is not None


def test_a_category_written_as_a_list_is_read_as_categories(tmp_path: Path) -> None:
    """cncf's glossary writes category: ["methodology", "platform"]: the first is the
    post's category, and the others are named in a warning at its line, as for categories."""
    files = {"content/posts/a.md": '---\ntitle: A\ndate: 2024-01-01\n'
                                   'category: ["methodology", "platform"]\n---\nText.\n'}
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "a.md:4: warning: only the first category ('methodology') is used" in result.stderr
    assert page(root / "build", "/categories/methodology/").h1 is not None


def test_tags_and_categories_of_pages_and_docs_list_them(tmp_path: Path) -> None:
    """Material's tags plugin and FixIt's docs tag docs pages, and cncf's glossary its pages:
    their tags' and categories' pages list docs pages after the posts, as Material and Hugo
    do, and pages with [pages] terms = true, as Hugo does (85 of cncf's pages had given one
    warning each); the feeds keep to posts, a hidden page is listed nowhere and the home
    page's tags are named as unused. Without terms = true, a page's tags are named as
    unused, as Jekyll's and Pelican's lists hold posts only."""
    files = {"content/glossary-term.md": "---\ntitle: Term\ntags: [fundamental]\n"
                                         "categories: [Property]\n---\nText.\n",
             "content/docs/install.md": "Title: Install\nTags: setup, fundamental\n\nText.\n",
             "content/docs/secret.md": "---\ntitle: Secret\nhidden: true\n"
                                       "tags: [fundamental, secret]\n---\nText.\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [fundamental]\n"
                                   "---\nText.\n",
             "content/index.md": "---\ntitle: Home\ntags: [home]\n---\nWelcome.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n")
    result = build(root)
    assert "glossary-term.md:3: warning: the tags of a page are not used" in result.stderr
    assert "glossary-term.md:4: warning: the category of a page is not used" in result.stderr
    assert [a.get_text() for a in page(root / "build", "/tags/fundamental/").select(
        ".post-list h2 a")] == ["A", "Install"]
    (root / "site.toml").write_text(CONFIG + "categories = true\n[pages]\nterms = true\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning") == 1, result.stderr
    assert "index.md:3: warning: the tags of a home page are not used" in result.stderr
    out = root / "build"
    listed = page(out, "/tags/fundamental/")
    assert [a.get_text() for a in listed.select(".post-list h2 a")] == ["A", "Install", "Term"]
    assert "3 pages" in listed.select_one("main p").get_text()
    assert len(listed.select(".post-list .byline")) == 1  # (a post's date; a page has none)
    assert [a.get_text() for a in page(out, "/categories/property/").select(".post-list a")] \
        == ["Term"]
    assert [item.get_text(" ", strip=True) for item in page(out, "/tags/").select("main li")] \
        == ["fundamental (3)", "setup (1)"]
    assert not (out / "tags/secret").exists() and not (out / "tags/home").exists()
    doc_tags = page(out, "/docs/install/").select(".doc .tags a")
    assert [a["href"] for a in doc_tags] == ["/tags/setup/", "/tags/fundamental/"]
    assert [a["href"] for a in page(out, "/docs/secret/").select(".doc .tags a")] == \
        ["/tags/fundamental/"]
    assert page(out, "/glossary-term/").select_one(".page .category")["href"] == \
        "/categories/property/"
    feed = ET.parse(out / "tags/fundamental/feed.xml").getroot()
    assert [title.text for title in feed.iter("{http://www.w3.org/2005/Atom}title")][1:] == ["A"]
    counts = {tag["slug"]: tag["count"] for tag in json.loads(
        (out / "api/tags.json").read_text())["tags"]}
    assert counts == {"fundamental": 3, "setup": 1}


def test_a_page_at_a_posts_section_s_list_url_is_left_out(tmp_path: Path) -> None:
    """Jekyll's posts.md (permalink: /posts/, a layout that lists the posts) would hide the
    list the site makes there: it is left out, with a warning at its permalink."""
    files = {"content/posts.md": "---\ntitle: Post Archive\npermalink: /posts/\n---\nAll.\n",
             "content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\nHi.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0
    assert f"{root / 'content/posts.md'}:3: warning: the URL /posts/ is the list of the posts " \
        "of content/posts/, which the site makes: this file is not published" in result.stderr
    listed = page(root / "build", "/posts/")
    assert "Post Archive" not in listed.get_text()
    assert listed.select_one('a[href="/posts/hello/"]') is not None


def test_an_html_page_with_front_matter_is_named_as_a_template(tmp_path: Path) -> None:
    """opensource.guide's de/index.html (front matter, then Liquid) is not a page to copy:
    it is named as such, not as a file no page links to; so are choosealicense's
    licenses/*.txt, documents of a collection that Jekyll renders as pages, and a document
    without an extension."""
    files = {"content/about.md": "[Static](static.html)\n",
             "content/de/index.html": "---\nlayout: index\nlang: de\n---\n{% include x.html %}\n",
             "content/licenses/mit.txt": "---\ntitle: MIT License\n---\nPermission is...\n",
             # (18F's collection document with no extension, which Jekyll renders too)
             "content/methods/mapping": "---\ntitle: Mapping\npermalink: /m/\n---\nHow.\n",
             "content/static.html": "<!doctype html><p>Plain.</p>\n",
             # (nullprogram's posts written in HTML, which Jekyll publishes as posts)
             "content/posts/2008-01-20-brainfuck.html": "---\ntitle: BF\n---\n<p>Hi.</p>\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0
    found = [line for line in result.stderr.splitlines() if "content: warning" in line]
    assert found == [f"{root / 'content'}: warning: 1 post(s) written in HTML, which Jekyll and "
                     "Hugo publish as posts, are not read here (their pages and addresses are "
                     "lost): posts/2008-01-20-brainfuck.html",
                     f"{root / 'content'}: warning: 3 file(s) under content/ start with "
                     "front matter, as Jekyll's pages do, which is not read here: "
                     "de/index.html, licenses/mit.txt, methods/mapping"]
    assert (root / "build/static.html").is_file()


def test_a_home_page_with_nothing_of_its_own_sends_to_the_docs(tmp_path: Path) -> None:
    """MkDocs' docs moved under content/docs/, with no blog: the root sends readers to the
    docs' home, as MkDocs' root was; with a text of its own, it shows it."""
    files = {"content/docs/index.md": "# Welcome\n\nDocs.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    home = soup(root / "build/index.html")
    assert home.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/docs/"
    assert "<loc>https://example.org/</loc>" not in (root / "build/sitemap.xml").read_text()
    (root / "content/index.md").write_text("# Home\n\nHello.\n")
    assert build(root).returncode == 0
    home = page(root / "build", "/")
    assert home.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert "Hello." in home.main.get_text()


def test_theme_fields_that_give_nothing_are_left_out(tmp_path: Path) -> None:
    """made-mistakes' empty last_modified_at: and image: {twitter: ...} (no path), named at
    the line of the front matter's own image:, not of a nested one; a dated page of a folder
    that has its own section is no warning. Kueue's docs page with an empty date:, which
    Hugo publishes undated (the build had stopped)."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nlast_modified_at:\n---\nA.\n",
             "content/docs/admission.md": "---\ntitle: Admission\ndate:\n---\nAdmit.\n",
             "content/b.md": "---\ntitle: B\nsection:\n  - image: /x.png\nimage:\n  twitter: "
                             "/t.png\n---\nB.\n",
             "content/contact/index.md": "---\ntitle: Contact\ndate: 2020-01-01\n---\nMe.\n"}
    config = CONFIG + '[front_matter]\nfields = ["section"]\n[sections.contact]\nkind = "pages"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [f"{root / 'content/b.md'}:5: warning: the table 'image' has no path "
                        "(path: or src:), only 'twitter': it is not used"]
    assert page(root / "build", "/posts/a/").select_one(
        'meta[property="article:modified_time"]') is None
    assert page(root / "build", "/docs/admission/").h1.get_text().startswith("Admission")


def test_a_date_field_s_error_names_it_as_written(tmp_path: Path) -> None:
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nmodified: [1]\n---\nA.\n"}
    result = build(write_site(tmp_path / "s", files, CONFIG))
    assert result.returncode == 1
    assert "a.md:4: error: 'modified': [1] is not a date" in result.stderr


def test_a_post_s_slug_with_spaces_is_made_a_segment(tmp_path: Path) -> None:
    """Hugo makes spf13's slug: code viewer the URL segment code-viewer."""
    files = {"content/posts/wp_Code_Viewer.md": "---\ntitle: Code Viewer\nslug: code viewer\n"
                                                "date: 2012-02-13\n---\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    assert page(root / "build", "/posts/code-viewer/").h1.get_text() == "Code Viewer"


def test_a_written_slug_with_a_plus_is_kept(tmp_path: Path) -> None:
    """Pelican keeps 0xddaa's slug: seccon_re+crypto_200_lostdecryption as written, and
    pycon-note's 1+1=1-or-record-deduplication; a link to the post's file reaches it there."""
    files = {"content/posts/seccon.md": "title: SECCON 2016 re+crypto 200\ndate: 2016-12-12\n"
                                        "slug: seccon_re+crypto_200\n\nBody.\n",
             "content/posts/dedup.md": "title: 1+1=1\ndate: 2020-06-02\nslug: 1+1=1-or-dedup\n"
                                       "\nBody.\n",
             "content/about.md": "[SECCON](posts/seccon.md)\n"}
    config = CONFIG + '[sections.posts]\npermalink = "/:slug_or_title.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert (root / "build/seccon_re+crypto_200.html").is_file()
    assert (root / "build/1+1=1-or-dedup.html").is_file()
    assert page(root / "build", "/about/").select_one(".content a")["href"] == \
        "/seccon_re+crypto_200.html"


def test_a_home_of_docs_alone_shows_its_text_and_no_list(tmp_path: Path) -> None:
    """donkeydocs, MkDocs' docs at "/:path/" with docs/index.md moved to content/index.md
    (the guide's way to keep every address): the home shows its text, and no empty list
    of posts."""
    files = {"content/index.md": "# Donkey Car\n\nBuild a car.\n", "content/docs/a.md": "# A\n"}
    config = CONFIG + '[sections.docs]\npermalink = "/:path/"\n'
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    home = page(root / "build", "/").select_one("main")
    assert "Build a car." in home.get_text()
    assert "Recent posts" not in home.get_text() and "No posts" not in home.get_text()


def test_jekyll_s_relative_url_filter_as_an_html_attribute(tmp_path: Path) -> None:
    """pyOCD's buttons and logo, <a href="{{ "/docs/" | relative_url }}">, whose quotes end
    the attribute early for any HTML parser: read as Liquid writes it."""
    files = {"content/home.md": '<div class="hero">\n'
                                '<a href="{{ "/about/" | relative_url }}">A</a>\n'
                                '<img src="{{ "/img/logo.png" | absolute_url }}" alt="logo">\n'
                                "</div>\n",
             "content/about.md": "# About\n",
             "content/img/logo.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    hero = page(root / "build", "/home/").select_one(".hero")
    assert (hero.a["href"], hero.img["src"]) == ("/about/", "/img/logo.png")


def test_jekyll_s_link_to_a_collection_s_document_by_its_path(tmp_path: Path) -> None:
    """pyOCD's {% link _docs/api/architecture.md %}, beside a docs/architecture.md: the
    collection's folder is the section's."""
    files = {"content/docs/architecture.md": "# Arch\n",
             "content/docs/api/architecture.md": "# API\n",
             "content/docs/guide.md": "[a]({% link _docs/architecture.md %}) "
                                      "[b]({% link _docs/api/architecture.md %})\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [a["href"] for a in page(root / "build", "/docs/guide/").select(".content a")] == [
        "/docs/architecture/", "/docs/api/architecture/"]


def test_jekyll_s_post_url_as_a_reference_definition(tmp_path: Path) -> None:
    """made-mistakes' [text][x] links whose definition is [x]: {% post_url name %}#part;
    Accumulo's [d]: {{ site.baseurl }}/downloads and [v]: {{ "/x/" | relative_url }} (51
    pages' links had been text, their definitions paragraphs, with no warning)."""
    files = {"content/posts/2013-07-31-tool-guide.md": "---\ntitle: Tools\n---\n## Pencil\n\nP.\n",
             "content/downloads.md": "# Downloads\n",
             "content/switching.md": "[B][pencil] and [C][pencil2], [D][d] [E][e].\n\n"
                                     "[pencil]: {% post_url /2013-07-31-tool-guide %}#pencil\n"
                                     "[pencil2]: {% post_url 2013-07-31-tool-guide %} "
                                     "\"It's a title\"\n"
                                     "[d]: {{ site.baseurl }}/downloads\n"
                                     "[e]: {{ '/downloads/' | relative_url }}\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    links = page(root / "build", "/switching/").select(".content a")
    assert [(link.get_text(), link["href"]) for link in links] == [
        ("B", "/posts/tool-guide/#pencil"), ("C", "/posts/tool-guide/"), ("D", "/downloads/"),
        ("E", "/downloads/")]
    assert links[1]["title"] == "It's a title"  # (fzakaria's: a title after the tag)


def test_jekyll_s_link_tag_that_finds_no_one_page_is_a_broken_link(tmp_path: Path) -> None:
    """ruby-lang.org's translations link to {% link en/news/_posts/x.md %}, a name each
    language's folder has: that, and a name no file has, is a broken link at its line with
    what to do (it stayed in the page as written, with no word)."""
    post = "---\ntitle: {}\ndate: 2021-04-05\n---\nText.\n"
    files = {"content/news_en/2021-04-05-advisory.md": post.format("Advisory"),
             "content/news_ru/2021-04-05-advisory.md": post.format("Advisory RU"),
             "content/news_en/2021-04-04-only.md": post.format("Only"),
             "content/news_ru/release.md": "---\ntitle: R\ndate: 2021-04-06\n---\n"
             "[A]({% link en/news/_posts/2021-04-05-advisory.md %})\n"
             "[B]({% link en/news/_posts/2021-04-04-only.md %})\n"
             "[C]({% link en/news/_posts/2021-04-04-nowhere.md %})\n"}
    config = CONFIG + "".join(f'[sections.news_{lang}]\npermalink = "/{lang}/news/:slug/"\n'
                              for lang in ("en", "ru")) + '[build]\nbroken_links = "warn"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert ("release.md:5: warning: link to {% link en/news/_posts/2021-04-05-advisory.md %} "
            "(read as /en/news/_posts/2021-04-05-advisory.md), which is not a page or file "
            "of this site\n  hint: several files are named 2021-04-05-advisory.md") \
        in result.stderr
    assert "release.md:7: warning: link to {% link en/news/_posts/2021-04-04-nowhere.md %}" \
        in result.stderr
    assert page(root / "build", "/ru/news/release/").select(".content a")[1]["href"] == \
        "/en/news/only/"


def test_a_root_relative_link_to_a_markdown_file_is_its_page(tmp_path: Path) -> None:
    """crystal's 111 links to /_posts/x.md and /_pages/sponsors.md, which
    jekyll-relative-links makes the pages' URLs: found by the path under content/, else by
    the file's name when one file has it; an anchor is checked."""
    files = {"content/posts/2020-01-01-a.md": "---\ntitle: A\n---\n## Part\n",
             "content/sponsors.md": "---\ntitle: Sponsors\n---\nThanks.\n",
             "content/posts/2020-02-02-b.md": "---\ntitle: B\n---\n[s](/_pages/sponsors.md) "
             "[a](/_posts/2020-01-01-a.md#part) [c](/sponsors.md) [n](/_pages/nowhere.md)\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        f"{root / 'content/posts/2020-02-02-b.md'}:4: warning: link to /_pages/nowhere.md, "
        "which is not a page or file of this site"]
    assert [a["href"] for a in page(root / "build", "/posts/b/").select(
        ".content a")] == [
        "/sponsors/", "/posts/a/#part", "/sponsors/", "/_pages/nowhere.md"]


def test_a_docs_page_s_root_relative_link_to_markdown_is_from_the_docs_folder(
        tmp_path: Path) -> None:
    """chezmoi's 206 links to /reference/x.md, which MkDocs reads from its docs folder
    (``absolute_links: relative_to_docs``): each is the page's URL, even where several
    files share the name (index.md), and no Markdown is published as a file."""
    files = {"content/docs/index.md": "# Home\n\nSee [the manual][ref] and [the guide]"
                                      "(/reference/index.md#part).\n\n[ref]: /reference/x.md\n",
             "content/docs/reference/index.md": "# Reference\n\n## Part\n",
             "content/docs/reference/x.md": "# X\n\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [a["href"] for a in page(root / "build", "/docs/").select(".content a")] == [
        "/docs/reference/x/", "/docs/reference/#part"]
    assert not list((root / "build").rglob("*.md"))


def test_a_liquid_quoted_text_as_an_address_is_that_text(tmp_path: Path) -> None:
    """ADG's 126 images ![x]({{"/assets/x.png"}}), with no relative_url filter: Liquid writes
    the quoted text as it is; they had been shown as broken images."""
    files = {"content/posts/2020-01-01-a.md": "---\ntitle: A\n---\n"
             "![One]({{\"/img/dot.png\"}}) ![Two]({{ '/img/dot.png' }}) "
             "[Far]({{ \"https://example.com/x\" }})\n",
             "content/img/dot.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/posts/a/").select_one(".content")
    assert [img["src"] for img in content.select("img")] == ["/img/dot.png", "/img/dot.png"]
    assert content.select_one("a")["href"] == "https://example.com/x"


@pytest.mark.parametrize(("root_of", "setup"), [
    ("{{ page.root }}", ""),  # (every Carpentries lesson)
    ("{{BASE_PATH}}", "{% include JB/setup %}\n\n"),  # (Zeppelin's docs: Jekyll-Bootstrap)
])
def test_a_theme_s_way_back_to_the_site_s_root_is_the_site_s_root(
        tmp_path: Path, root_of: str, setup: str) -> None:
    """Every Carpentries lesson writes {{ page.root }}/fig/x.svg and {{ page.root }}{% link
    x.md %}: page.root is the way back to the site's root, as site.baseurl is read; so is
    Jekyll-Bootstrap's {{ BASE_PATH }} (190 images of Zeppelin's docs were broken), whose
    {% include JB/setup %} atop each page sets it and writes nothing (it showed as text)."""
    files = {"content/a.md": f"---\ntitle: A\n---\n{setup}![Fork]({root_of}/fig/dot.png) "
                             f"[B]({root_of}/b/) [Setup]({root_of}{{% link b.md %}}#x)\n\n"
                             f'<img src="{root_of}/fig/dot.png" width="450px" />\n',
             "content/b.md": f"---\ntitle: B\n---\n{setup}## X\n",
             "content/fig/dot.png": FILES["content/images/dot.png"]}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/a/").select_one(".content")
    assert [img["src"] for img in content.select("img")] == ["/fig/dot.png", "/fig/dot.png"]
    assert [a["href"] for a in content.select("a")] == ["/b/", "/b/#x"]
    assert page(root / "build", "/b/").select_one(".content").get_text().strip() == "X#"


def test_a_relref_that_is_an_html_attribute_s_value(tmp_path: Path) -> None:
    """tinygo's home page button, <a href="{{< relref "docs/setup.md" >}}">, whose quotes
    ended the attribute early: the page's URL, as in a Markdown link."""
    files = {"content/index.md": '---\ntitle: Home\n---\n<div class="x">\n<a class="btn" '
                                 'href="{{< relref "docs/setup.md" >}}">Start</a>\n</div>\n',
             "content/docs/setup.md": "---\ntitle: Setup\n---\nS.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/").select_one("a.btn")["href"] == "/docs/setup/"


def test_a_broken_link_of_another_syntax_is_kept_as_the_path_it_names(tmp_path: Path) -> None:
    """nim's {{ site.baseurl }}/download/x.tar.xz, a file its host serves beside the site:
    with broken_links = "warn", the link is the path, not the Liquid a browser cannot read."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n"
                                   "[Get it]({{ site.baseurl }}/download/x.tar.xz)\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert "(read as /download/x.tar.xz), which is not a page or file" in result.stderr
    assert page(root / "build", "/posts/a/").select_one(".content a")["href"] == \
        "/download/x.tar.xz"


def test_a_summary_s_links_to_anchors_of_its_page_work_on_the_lists(tmp_path: Path) -> None:
    """benbalter's descriptions link to headings of their post: on the home page and the
    section's list, they link to the post's heading (the site under a base path)."""
    files = {"content/posts/net.md": '---\ntitle: Net\ndate: 2024-01-01\ndescription: "See '
                                     '[the router](#the-router)."\n---\n## The router\n\nR.\n',
             "content/posts/body.md": "---\ntitle: Body\ndate: 2024-01-02\n---\nFirst, [Pi]"
                                      "(#pi).\n\n## Pi\n\nP.\n"}
    config = CONFIG.replace("https://example.org/", "https://example.org/blog/")
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    for listed in ("/", "/posts/"):
        hrefs = [link["href"] for link in page(root / "build", listed).select(".summary a")]
        assert hrefs == ["/blog/posts/body/#pi", "/blog/posts/net/#the-router"], listed
    assert page(root / "build", "/posts/body/").select_one(".content a")["href"] == "#pi"


def test_hugo_s_contentbasename_keeps_the_date_and_lowercases(tmp_path: Path) -> None:
    """zwbetz's blog = "/:filename/": Hugo's URLs of the names as Hugo makes them."""
    files = {"content/blog/Add-To-Your-PATH/index.md": "---\ntitle: Path\ndate: 2020-01-01\n"
                                                       "---\nP.\n",
             "content/blog/2021-01-16-assorted-links/index.md": "---\ntitle: Links\n---\nL.\n",
             "content/blog/My Notes.md": "---\ntitle: Notes\ndate: 2020-01-02\n---\nN.\n"}
    config = CONFIG + '[sections.blog]\npermalink = "/:contentbasename/"\n'
    root = write_site(tmp_path / "s", files, config)
    assert build(root).returncode == 0
    for url, title in (("/add-to-your-path/", "Path"), ("/2021-01-16-assorted-links/", "Links"),
                       ("/my-notes/", "Notes")):
        assert page(root / "build", url).h1.get_text() == title
    # (haseebmajid's folders with a name's own runs of hyphens and one at its end, which
    # Hugo keeps with slugs = "hugo": 8 posts had moved)
    files = {"content/posts/2023-03-08--til-pocketbase-/index.md": "---\ntitle: T\n"
                                                                   "date: 2023-03-08\n---\nT.\n"}
    config = CONFIG + '[build]\nslugs = "hugo"\n[sections.posts]\n' \
        'permalink = "/posts/:contentbasename/"\n'
    out = build_ok(write_site(tmp_path / "h", files, config))
    assert page(out, "/posts/2023-03-08--til-pocketbase-/").h1.get_text() == "T"


def test_old_addresses_keep_the_case_of_the_file_s_path(tmp_path: Path) -> None:
    """MkDocs serves docs/Guide/Setup.md at /Guide/Setup/: redirect_from = ["/:path/"] keeps
    that address (the page is at /docs/guide/setup/); an old address that is a page's in
    another case is left out (one folder, on a disk whose names ignore case), with a
    warning."""
    files = {"content/docs/FAQ.md": "# FAQ\n", "content/docs/Guide/Setup.md": "# Setup\n",
             "content/docs/Guide/index.md": "# Guide\n[Setup](/Guide/Setup/)\n",
             "content/Notes.md": "# Notes\n"}
    config = CONFIG + '[sections.docs]\nredirect_from = ["/:path/"]\n' \
        '[pages]\npermalink = "/:path/"\nredirect_from = ["/:path/"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].endswith(
        "Notes.md: warning: the old URL /Notes/ differs from this page's URL /notes/ only in "
        "case: no redirect there (both would be one folder on a disk that ignores case)")
    out = root / "build"
    for old, new in (("FAQ", "/docs/faq/"), ("Guide/Setup", "/docs/guide/setup/"),
                     ("Guide", "/docs/guide/")):
        assert soup(out / old / "index.html").find("link", rel="canonical")["href"] == \
            "https://example.org" + new
    assert page(out, "/docs/guide/").select_one(".content a")["href"] == "/docs/guide/setup/"
    assert sorted(path.name for path in out.iterdir() if path.name.lower() == "notes") == [
        "notes"]


def test_mkdocs_s_meta_plugin_file_stops_the_build(tmp_path: Path) -> None:
    """A folder's .meta.yml (draft: true for every post in it) is not read: publishing its
    posts would publish drafts, so the build stops at it."""
    files = {"content/blog/posts/drafts/.meta.yml": "draft: true\n",
             "content/blog/posts/drafts/wip.md": "---\ntitle: WIP\ndate: 2024-01-01\n---\nW.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[sections.blog]\nkind = "posts"\n')
    result = build(root)
    assert result.returncode == 1 and not (root / "build").exists()
    assert "drafts/.meta.yml: error: MkDocs' meta plugin file is not read here" in result.stderr


def test_a_link_written_with_the_site_s_base_path_finds_its_file(tmp_path: Path) -> None:
    """jogral's Pelican blog, served from /blog/, links its images as /blog/images/x.png."""
    files: dict[str, str | bytes] = {
        "content/posts/hello.md": "Title: Hello\nDate: 2020-01-01\n\n![Idea](/blog/images/i.png) "
                                  "[About](/blog/about/)\n",
        "content/about.md": "# About\n", "content/images/i.png": FILES["content/images/dot.png"]}
    config = CONFIG.replace("https://example.org/", "https://example.org/blog/")
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    content = page(root / "build", "/posts/hello/").select_one(".content")
    assert content.img["src"] == "/blog/images/i.png" and content.a["href"] == "/blog/about/"
    assert (root / "build/images/i.png").is_file()


def test_material_s_blog_authors(tmp_path: Path) -> None:
    """Material's .authors.yml (authors: {key: {name, description}}) beside the posts is
    named in a warning; copied to content/authors.yml as it is, it gives the names."""
    authors = "authors:\n  ada:\n    name: Ada Lovelace\n    description: Analyst\n"
    files = {"content/blog/.authors.yml": authors,
             "content/blog/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\nauthors: [ada]\n"
                                        "---\nP.\n"}
    config = CONFIG + '[sections.blog]\nkind = "posts"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert "blog/.authors.yml: warning: Material's blog authors are not read from here" \
        in result.stderr
    (root / "content/authors.yml").write_text(authors)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert page(root / "build", "/blog/p/").select_one(
        '.byline a[rel="author"]').get_text() == "Ada Lovelace"
    assert "Analyst" in page(root / "build", "/authors/ada/").get_text()


def test_an_author_s_fields_of_other_names_are_read_and_the_others_named(
        tmp_path: Path) -> None:
    """grab's _data/authors.yml: thumbnail is the avatar, Material's url a link; github and
    a misspelled twiter are named in a warning each (they were left out without a word)."""
    files = {"content/authors.yml": "ada:\n  name: Ada\n  thumbnail: /img/ada.png\n"
                                    "  url: https://ada.example\n  github: ada\n"
                                    "bob:\n  name: Bob\n  twiter: bob\n  github: bob\n",
             "content/img/ada.png": b"\x89PNG\r\n\x1a\n",
             "content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\nauthor: ada\n---\nP.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warned = [line.split("warning: ")[1] for line in result.stderr.splitlines()
              if "authors' field" in line]
    assert warned == ["the authors' field 'github' is not read (in 2 author(s))",
                      "the authors' field 'twiter' is not read (in 1 author(s))"]
    profile = page(root / "build", "/authors/ada/")
    assert profile.select_one("img")["src"].endswith("/img/ada.png")
    assert profile.select_one('a[href="https://ada.example"]') is not None


def test_a_summary_s_attribute_list_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """ovitor's Summary: [Pelican](...){:target="_blank"}: the summary is metadata, which
    sets no attributes; the body keeps its attribute list."""
    files = {"content/posts/hello.md": 'Title: Hello\nDate: 2016-11-24\nSummary: Made with '
                                       '[Pelican](https://getpelican.com/){:target="_blank"}.\n\n'
                                       'Body with [Pelican](https://getpelican.com/)'
                                       '{:target="_blank"}.\n'}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0
    assert "hello.md:3: warning: the summary's attribute list '{:target=\"_blank\"}' is left " \
        "out" in result.stderr
    post = page(root / "build", "/posts/hello/")
    assert post.select_one('meta[name="description"]')["content"] == "Made with Pelican."
    assert post.select_one(".content a")["target"] == "_blank"
    assert " ".join(page(root / "build", "/").select_one(".summary").get_text().split()) == \
        "Made with Pelican."


def test_a_liquid_variable_in_a_link_is_named_as_liquid(tmp_path: Path) -> None:
    """{{ "/about/" | relative_url }} is a link to /about/; {{ post.url | relative_url }}
    is a variable of a Jekyll layout, named as such, not a link to /post.url."""
    files = {"content/a.md": "[Liquid]({{ post.url | relative_url }}) "
                             "[About]({{ '/about/' | relative_url }})\n",
             "content/about.md": "About.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "'{{ post.url | relative_url }}' (a Liquid, Jinja or MkDocs macro expression) is " \
        "shown as text" in result.stderr
    assert "post.url" not in result.stderr.replace("{{ post.url | relative_url }}", "")
    assert page(root / "build", "/a/").select(".content a")[1]["href"] == "/about/"


def test_docs_without_a_weight_come_after_the_weighted_ones(tmp_path: Path) -> None:
    """Hugo orders pages by weight, those without one (or 0) last."""
    files = {"content/docs/index.md": "# Docs\n",
             "content/docs/alpha.md": "---\ntitle: Alpha\nweight: 2\n---\nA.\n",
             "content/docs/beta.md": "---\ntitle: Beta\n---\nB.\n",
             "content/docs/gamma.md": "---\ntitle: Gamma\nweight: 1\n---\nG.\n",
             "content/docs/delta.md": "---\ntitle: Delta\nweight: -1\n---\nD.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    sidebar = page(root / "build", "/docs/alpha/").select("nav.docs-sidebar a")
    titles = [link.get_text(strip=True) for link in sidebar]
    assert [t for t in titles if t in ("Alpha", "Beta", "Gamma", "Delta")] == \
        ["Delta", "Gamma", "Alpha", "Beta"]


def test_a_word_in_braces_ending_a_line_is_text(tmp_path: Path) -> None:
    """kramdown shows ``## The road to {shinycssloaders}`` as written (its attribute lists
    start with ``{:``); Python-Markdown's attribute lists, kept for ids and classes, would
    take the word away."""
    files = {"content/a.md": "## The road to {shinycssloaders}\n\nUse it {now}\n\n"
                             "## Kept { #mine .big }\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    content = page(root / "build", "/a/").select_one(".content")
    first, second = content.select("h2")
    assert first.get_text().startswith("The road to {shinycssloaders}")
    assert content.p.get_text() == "Use it {now}"
    assert (second["id"], second["class"]) == ("mine", ["big"])


def test_a_line_in_braces_that_is_no_attribute_list_is_text(tmp_path: Path) -> None:
    """porter's {"command": "porter", "args": ["mcp"]} under a paragraph's line became the
    paragraph's attributes (its text gone); Material's { .md-button } stays one."""
    files = {"content/a.md": 'Configure your client with:\n  {"command": "porter"}\n\n'
                             "Debug\n{ debug: true }\n\n[Go](x.md)\n{ .md-button }\n",
             "content/x.md": "X.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    paragraphs = page(root / "build", "/a/").select(".content p")
    assert [paragraph.get_text().split("\n")[-1].strip() for paragraph in paragraphs[:2]] == [
        "{\u201ccommand\u201d: \u201cporter\u201d}", "{ debug: true }"]
    assert [paragraph.attrs for paragraph in paragraphs[:2]] == [{}, {}]
    assert paragraphs[2]["class"] == ["md-button"]


def test_a_critic_mark_alone_on_its_line_is_no_line_in_braces(tmp_path: Path) -> None:
    """ExpressLRS' {++**REMOVED** 3.0 ...++}, with pymdownx.critic: an insertion, with no
    backslash shown before it."""
    files = {"content/a.md": "Text.\n\n{++**REMOVED** in 3.0.++}\n\nIn a line: {--old--}.\n"}
    root = write_site(tmp_path / "s", files,
                      CONFIG + '[markdown]\nextensions = ["pymdownx.critic"]\n')
    assert build(root).returncode == 0
    content = page(root / "build", "/a/").select_one(".content")
    assert [tag.get_text() for tag in content.select("ins, del")] == ["REMOVED in 3.0.", "old"]
    assert "\\" not in content.get_text()


def test_a_title_the_first_heading_repeats_is_shown_once(tmp_path: Path) -> None:
    """Material shows a page's own # heading instead of its title: a page whose title and
    first heading are the same text has one <h1>, and so has one whose title (its place in
    MkDocs' nav) says something else, or whose heading comes after a line of links or from
    an included file. "On this page" lists what is under that heading."""
    files = {"content/docs/same.md": "---\ntitle: Install uv\n---\n# Install **uv**\n\nText.\n",
             "content/docs/other.md": "---\ntitle: Installation\n---\n# Installing uv\n\nT.\n",
             "content/docs/superfences.md": "[Source](https://example.org/s.py){: .src }\n\n"
                                            "# SuperFences\n\n## One\n\n## Two\n\n### Three\n",
             "content/docs/changelog.md": "---\ntitle: Changelog\n---\n--8<-- \"_log.md\"\n",
             "content/_log.md": "# Changelog\n\n## 1.0\n",
             "content/docs/guide.md": "---\ntitle: Guide\n---\n## Start\n\n# Appendix\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    for url, heading, title in [("/docs/same/", "Install uv", "Install uv"),
                                ("/docs/other/", "Installing uv", "Installation"),
                                ("/docs/superfences/", "SuperFences", "Superfences"),
                                ("/docs/changelog/", "Changelog", "Changelog")]:
        shown = page(root / "build", url)
        assert [h1.get_text(" ", strip=True).removesuffix(" #") for h1 in shown("h1")] == \
            [heading], url
        assert shown.title.get_text().startswith(f"{title} ·"), url
    contents = page(root / "build", "/docs/superfences/").select(".doc-contents a")
    assert [link.get_text() for link in contents] == ["One", "Two", "Three"]
    # (a page whose first heading is not a top-level one has its title above it)
    assert [h1.get_text(" ", strip=True).removesuffix(" #") for h1 in
            page(root / "build", "/docs/guide/")("h1")] == ["Guide", "Appendix"]


def test_a_link_to_a_folder_of_html_publishes_its_index(tmp_path: Path) -> None:
    """Jekyll copies a folder with an index.html, and every host serves it at the folder's
    URL: a link to the folder publishes the index."""
    files = {"content/posts/2020-01-01-a.md": "---\ntitle: A\n---\n[game](/files/game) "
                                              "[again](../../files/game/)\n",
             "content/files/game/index.html": "<!doctype html><title>Game</title>\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    links = page(root / "build", "/posts/a/").select(".content a")
    assert [link["href"] for link in links] == ["/files/game", "/files/game/"]
    assert (root / "build/files/game/index.html").read_text().startswith("<!doctype html>")


def test_pelican_s_attach_and_static_beside_the_article_under_any_permalink(
        tmp_path: Path) -> None:
    """{attach}images/a.png and {static}images/b.png name files beside the article, whatever
    its address (/blog/bundle.html, a folder deeper than the file's)."""
    dot = FILES["content/images/dot.png"]
    files = {"content/posts/bundle/bundle.md": "Title: Bundle\nDate: 2020-01-01\n\n"
                                              "![a]({attach}images/a.png#x) "
                                              "![b]({static}images/b.png)\n",
             "content/posts/bundle/images/a.png": dot, "content/posts/bundle/images/b.png": dot}
    config = CONFIG + '[sections.posts]\npermalink = "/blog/:slug_or_title.html"\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    images = soup(root / "build/blog/bundle.html").select(".content img")
    assert [image["src"] for image in images] == ["/posts/bundle/images/a.png#x",
                                                  "/posts/bundle/images/b.png"]
    assert (root / "build/posts/bundle/images/a.png").is_file()


def test_a_body_that_places_its_table_of_contents_has_that_one_with_its_top_headings(
        tmp_path: Path) -> None:
    """Pelican's posts write [TOC] (and kramdown's, * TOC then {:toc}) where the contents
    go: that is the page's only table of contents, and it lists the body's # headings, as
    Python-Markdown's toc lists them for Pelican."""
    sections = "\n\n".join(f"# Part {n}\n\n## Step {n}\n\nText." for n in (1, 2, 3))
    files = {"content/posts/toc.md": f"Title: Toc\nDate: 2020-01-01\n\n[TOC]\n\n{sections}\n",
             "content/posts/kramdown.md": "---\ntitle: K\ndate: 2020-01-02\n---\n"
                                          f"* TOC\n{{:toc}}\n\n{sections}\n",
             "content/posts/auto.md": f"Title: Auto\nDate: 2020-01-03\n\n{sections}\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    expected = [f"{kind} {n}" for n in (1, 2, 3) for kind in ("Part", "Step")]
    for url in ("/posts/toc/", "/posts/kramdown/", "/posts/auto/"):
        tables = page(root / "build", url).select(".toc")
        assert len(tables) == 1, url
        assert [link.get_text() for link in tables[0]("a")] == expected, url
    assert page(root / "build", "/posts/toc/").select_one(".content .toc")


def test_a_link_to_an_old_address_under_page_reaches_the_page(tmp_path: Path) -> None:
    """Beautiful Hugo's pages were at /page/theming/, where this site makes the home page's
    pages (/page/2/): a link to that old address, written from the post's address or from
    the root, reaches the page it moved to."""
    files = {"content/post/2026-05-11-release.md":
             "---\ntitle: Release\ndate: 2026-05-11\n---\n[relative](../../page/theming/) "
             "[absolute](/page/theming/) [no slash](/page/theming)\n",
             "content/theming.md": "---\ntitle: Theming\n---\nText.\n"}
    config = CONFIG + ('[sections.post]\npermalink = "/post/:contentbasename/"\n'
                       '[redirects]\n"/page/theming/" = "/theming/"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    links = page(root / "build", "/post/2026-05-11-release/").select(".content a")
    assert [link["href"] for link in links] == ["/theming/"] * 3


def test_just_the_docs_attribute_lists_and_tables_of_contents(tmp_path: Path) -> None:
    """Just the Docs and ruby-lang.org write kramdown's attribute list on the line after a
    heading (its id, its no_toc class), the contents in a <details> block, and a label's
    class before a closing </div>: each applies as kramdown applies it, with no warning."""
    files = {"content/docs/page.md": """---
title: Page
---
<details open markdown="block">
  <summary>
    Contents
  </summary>
- TOC
{:toc}
</details>

See [the packages](#package-management-systems).

## Table of contents
{: .no_toc .text-delta }

## Package managers
{: #package-management-systems}

### Apt
{: #apt }

## Labels

<div markdown="1">
Deprecated
{: .label .label-red }
</div>
"""}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    document = page(root / "build", "/docs/page/")
    headings = [(h.name, h.get("id"), h.get("class")) for h in document.select(".content h2, "
                                                                              ".content h3")]
    assert headings == [("h2", "table-of-contents", ["no_toc", "text-delta"]),
                        ("h2", "package-management-systems", None), ("h3", "apt", None),
                        ("h2", "labels", None)]
    tables = document.select(".toc")
    assert len(tables) == 1 and tables[0].find_parent("details")
    assert [a["href"] for a in tables[0]("a")] == ["#package-management-systems", "#apt",
                                                   "#labels"]
    assert document.select_one("p.label.label-red").get_text() == "Deprecated"
    assert "{:" not in document.select_one(".content").get_text()


def test_a_missing_cover_image_and_an_old_name_s_problems_are_at_their_line(
        tmp_path: Path) -> None:
    """hugo-theme-terminal's cover = "hello.jpg" (a file the post does not have) and
    Jekyll's redirect_from taken by another page are told at the line that writes them."""
    files = {"content/posts/hello.md": '+++\ntitle = "Hello"\ndate = "2019-01-25"\n'
                                       'cover = "hello.jpg"\n+++\nText.\n',
             "content/posts/other.md": "---\ntitle: Other\ndate: 2019-01-26\n"
                                       "redirect_from:\n  - /posts/hello/\n---\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "hello.md:4: warning: link to a missing file 'hello.jpg'" in result.stderr
    assert "other.md:4: warning: alias /posts/hello/ is already the URL of posts/hello.md" \
        in result.stderr


def test_a_bundle_s_file_linked_at_its_page_s_address_is_published(tmp_path: Path) -> None:
    """hugo-theme-learn links a bundle's images by the address Hugo publishes them at, beside
    the page (/en/basics/configuration/images/b.png): the file is published there."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/basics/configuration/index.md": "---\ntitle: Configuration\n---\n"
        "![A](images/a.png) ![B](/en/basics/configuration/images/b.png) "
        "![C](/en/basics/configuration/images/none.png)\n",
        "content/basics/configuration/images/a.png": dot,
        "content/basics/configuration/images/b.png": dot}
    config = CONFIG + ('[build]\nbroken_links = "warn"\n[sections.basics]\nkind = "docs"\n'
                       'permalink = "/en/basics/:path/"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "/en/basics/configuration/images/b.png" not in result.stderr
    assert "link to /en/basics/configuration/images/none.png, which is not" in result.stderr
    images = page(root / "build", "/en/basics/configuration/").select(".content img")
    assert [image["src"] for image in images][:2] == ["/en/basics/configuration/images/a.png",
                                                      "/en/basics/configuration/images/b.png"]
    assert (root / "build/en/basics/configuration/images/b.png").read_bytes() == dot


def test_an_author_written_as_a_link_is_a_name_with_a_website(tmp_path: Path) -> None:
    """Beautiful Hugo's posts write author: "[Michael Henderson](https://example.com)": the
    byline links the name to that site, the feeds give the name; a javascript: address is
    no link."""
    files = {"content/posts/a.md": '---\ntitle: A\ndate: 2015-01-05\nauthor: "[Michael '
                                   'Henderson](https://example.com)"\n---\nText.\n',
             "content/posts/b.md": '---\ntitle: B\ndate: 2015-01-06\nauthor: "[Eve]'
                                   '(javascript:alert(1))"\n---\nText.\n'}
    root = write_site(tmp_path / "s", files, CONFIG)
    assert build(root).returncode == 0
    byline = page(root / "build", "/posts/a/").select_one('a[rel="author"]')
    assert (byline.get_text(), byline["href"]) == ("Michael Henderson", "https://example.com")
    assert not page(root / "build", "/posts/b/").select('a[rel="author"]')
    feed = (root / "build/feed.xml").read_text()
    assert "<name>Michael Henderson</name>" in feed and "<name>Eve</name>" in feed
    assert "](" not in feed


@pytest.mark.parametrize("under", ["", "notes/"])
def test_an_old_feed_address_serves_the_feed(tmp_path: Path, under: str) -> None:
    """Pelican's feeds were at /feeds/all.atom.xml and /feeds/all.rss.xml: with [redirects]
    there, each old address serves the feed itself (a feed reader follows no redirect
    page), the same bytes, after an edit too, on a site under a sub-path too (pycon-note's
    /pycon-note/: its self link once named the sub-path twice); an old page's address
    still redirects."""
    files = {"content/posts/a.md": "Title: A\nDate: 2013-10-26\nTags: python\n\nText.\n"}
    config = CONFIG.replace("example.org/", f"example.org/{under}") + (
        '[redirects]\n"/feeds/all.atom.xml" = "/feed.xml"\n'
                       '"/feeds/all.rss.xml" = "/rss.xml"\n"/tag/python.html" = "/tags/python/"\n'
                       '"/blog/index.rss" = "/rss.xml"\n'  # (nullprogram's)
                       '"/atom" = "/feed.xml"\n'  # (tmy.se's FEED_ATOM = 'atom')
                       '"/tag/:slug/feed/index.xml" = "/tags/:slug/feed.xml"\n')
    root = write_site(tmp_path / "s", files, config)
    out = root / "build"
    for title in ("A", "A, edited"):
        (root / "content/posts/a.md").write_text(files["content/posts/a.md"].replace(
            "Title: A", f"Title: {title}"))
        result = build(root)
        assert result.returncode == 0, result.stderr
        for old, new in (("feeds/all.atom.xml", "feed.xml"), ("feeds/all.rss.xml", "rss.xml"),
                         ("blog/index.rss", "rss.xml"), ("atom", "feed.xml"),
                         ("tag/python/feed/index.xml", "tags/python/feed.xml")):
            assert (out / old).read_bytes() == (out / new).read_bytes()
            assert f"<title>{title}</title>" in (out / old).read_text()
    assert f'href="https://example.org/{under}feed.xml"' in (out / "feeds/all.atom.xml").read_text()
    refresh = soup(out / "tag/python.html").find("meta", {"http-equiv": "refresh"})
    assert refresh["content"].endswith(f"url=/{under}tags/python/")


def test_an_old_feed_address_of_no_suffix_over_a_folder_of_pages_redirects(
        tmp_path: Path) -> None:
    """"/atom" = "/feed.xml" where content/atom/ holds pages: no file can be a folder too,
    so the old address keeps its redirect page, as before feeds of no suffix were copies."""
    files = {"content/atom/setup.md": "# Setup\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nT.\n"}
    root = write_site(tmp_path / "s", files, CONFIG + '[redirects]\n"/atom" = "/feed.xml"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    refresh = soup(root / "build/atom/index.html").find("meta", {"http-equiv": "refresh"})
    assert refresh["content"].endswith("url=/feed.xml")
    assert page(root / "build", "/atom/setup/").h1


def test_kramdown_s_attribute_list_before_a_block_is_that_block_s(tmp_path: Path) -> None:
    """Just the Docs' callouts write {: .note } on the line before their paragraph (and
    before a heading): kramdown applies it to that block, with no warning; one with no block
    under it is shown as written, and warned about."""
    files = {"content/docs/changes.md": "---\ntitle: Changes\n---\n## Head\n\n{: .note }\n"
                                        "Built from main,\nevery day.\n\n{: .warning }\n"
                                        "## Warned\n\n{: .x }\n\n- a list\n\n{: .last }\nEnd.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "changes.md:13: warning: '{: .x }'" in warnings[0]
    content = page(root / "build", "/docs/changes/").select_one(".content")
    assert content.select_one("p.note").get_text() == "Built from main,\nevery day."
    assert content.select_one("h2.warning").get_text(" ", strip=True).startswith("Warned")
    assert content.select_one("p.last").get_text() == "End."
    assert [p.get_text() for p in content("p")].count("{: .x }") == 1


def test_a_redirect_to_a_later_category_s_page_says_to_make_it_a_tag(tmp_path: Path) -> None:
    """keptn's Material blog: a post of categories [SRE, Helm] has SRE here; the old
    /blog/category/helm/ sent to /categories/helm/ is told why there is no such page."""
    files = {"content/blog/posts/chart.md": "---\ndate: 2024-02-01\ncategories:\n  - SRE\n"
                                            "  - Helm\n---\n# Chart\n\nText.\n"}
    lines = '[sections.blog]\npermalink = "/blog/:slug_or_title/"\n[redirects]\n' \
            '"/blog/category/helm/" = "/categories/helm/"\n'
    root = write_site(tmp_path / "s", files, CONFIG + "categories = true\n" + lines)
    result = build(root)
    assert result.returncode == 1
    assert "hint: a post's first category has a page here, and helm is a later one of 1 " \
        "post(s) (blog/posts/chart.md): make it a tag of theirs, and send the old address " \
        "to /tags/helm/" in result.stderr


def test_an_entity_in_the_site_s_title_is_its_character(tmp_path: Path) -> None:
    """jekyll-import's _config.yml title, "Old &amp; busted", which Jekyll shows as HTML."""
    config = CONFIG.replace('title = "Foreign"', 'title = "Old &amp; busted"') + \
        'description = "Tips &mdash; tricks"\n'
    root = write_site(tmp_path / "s", {"content/posts/a.md": "Title: A\nDate: 2020-01-01\n\nA.\n"},
                      config)
    out = build_ok(root)
    home = soup(out / "index.html")
    assert home.title.get_text() == "Old & busted"
    assert home.find("meta", attrs={"name": "description"})["content"] == "Tips \u2014 tricks"
    assert "<title>Old &amp; busted</title>" in (out / "feed.xml").read_text()


def test_a_private_folder_named_by_publish_is_linked_and_published(tmp_path: Path) -> None:
    """Tasmota's docs keep their images in docs/_media/, which MkDocs publishes: with
    ``publish = ["docs/_media/*"]`` the pages' links to them are checked and rewritten, and
    a folder the patterns do not name with its underscore stays private."""
    dot = FILES["content/images/dot.png"]
    files: dict[str, str | bytes] = {
        "content/docs/page.md": "---\ntitle: Page\n---\n![Logo](_media/logo.png) "
                                "![Other](_other/x.png)\n",
        "content/docs/_media/logo.png": dot, "content/docs/_other/x.png": dot}
    config = CONFIG + '[build]\nbroken_links = "warn"\npublish = ["docs/_media/*"]\n'
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "_media/logo.png" not in result.stderr
    assert "link to a missing file '_other/x.png'" in result.stderr
    images = page(root / "build", "/docs/page/").select(".content img")
    assert [image["src"] for image in images] == ["/docs/_media/logo.png", "_other/x.png"]
    assert (root / "build/docs/_media/logo.png").read_bytes() == dot
    assert not (root / "build/docs/_other").exists()


def test_a_missing_snippet_is_left_out_with_a_warning_as_mkdocs_builds_it(
        tmp_path: Path) -> None:
    """jxnl's blog appends includes/mkdocs.md to every page and includes a button's snippet
    the repository does not hold: pymdownx.snippets leaves such lines out (check_paths is
    off by default) and MkDocs builds. Each is a warning, the appended file's once, at its
    line of site.toml; with check_paths = true, the build stops."""
    files = {"content/docs/talk.md": "---\ntitle: Talk\n---\nBefore.\n\n"
                                     '--8<-- "snippets/button.md"\n\nAfter.\n',
             "content/docs/other.md": "---\ntitle: Other\n---\nText.\n"}
    config = CONFIG + ('[markdown.extension_configs."pymdownx.snippets"]\n'
                       'auto_append = ["includes/mkdocs.md"]\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("site.toml:5: warning: auto_append's snippet "
                               "'includes/mkdocs.md' not found (--8<--): the line is left "
                               "out") == 1
    assert "talk.md:6: warning: snippet 'snippets/button.md' not found" in result.stderr
    paragraphs = page(root / "build", "/docs/talk/").select(".content p")
    assert [p.get_text() for p in paragraphs] == ["Before.", "After."]
    (root / "site.toml").write_text(config + "check_paths = true\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "site.toml:5: error: auto_append's snippet 'includes/mkdocs.md' not found" \
        in result.stderr


def test_a_file_with_no_title_is_titled_as_jekyll_and_mkdocs_title_it(tmp_path: Path) -> None:
    """Calcite's untitled release posts: Jekyll capitalises each word of a post's name
    between hyphens (Release 1.0.0 Incubating, Release_1.33.0); MkDocs a page's first
    letter, when the name is all in lower case (iOS setup stays as written)."""
    files = {"content/posts/2015-01-31-release-1.0.0-incubating.md": "Text.\n",
             "content/posts/2023-02-07-release_1.33.0.md": "Text.\n",
             "content/docs/iOS-setup.md": "Text.\n", "content/docs/first_steps.md": "Text.\n",
             # (a Material blog's post, dated in its front matter: MkDocs' rule, as before)
             "content/posts/consulting-writing.md": "---\ndate: 2024-10-31\n---\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    out = build_ok(root)
    titles = {url: page(out, url).h1.get_text() for url in (
        "/posts/release-1.0.0-incubating/", "/posts/release_1.33.0/", "/docs/ios-setup/",
        "/docs/first_steps/", "/posts/consulting-writing/")}
    assert list(titles.values()) == ["Release 1.0.0 Incubating", "Release_1.33.0", "iOS setup",
                                     "First steps", "Consulting writing"]


def test_math_between_double_dollars_is_kept_as_written(tmp_path: Path) -> None:
    """irpan's kramdown math: $$\\{f_S\\}$$ and $$\\mathbb{E}_{a_i}...\\nabla_\\theta$$ lost
    their backslashes and had their _ read as emphasis, which no math script of the site's
    templates could undo; kept as written (as the warning says), a quote too, and read by
    pymdownx.arithmatex when the site names it."""
    body = ("Sets $$\\{f_S\\}$$ and $$\\mathbb{E}_{a_i}\\left[\\nabla_\\theta f'(x)\\right]$$ "
            "hold, *really*.\n\n$$\nx_1 \\\\\ny_2\n$$\n")
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2017-06-27\n---\n" + body}
    root = write_site(tmp_path / "s", files, CONFIG)
    result = build(root)
    assert result.stderr.count("math ('$$ ... $$') is not rendered") == 2, result.stderr
    out = root / "build"
    paragraphs = [p.get_text() for p in page(out, "/posts/a/").select(".content p")]
    assert paragraphs == ["Sets $$\\{f_S\\}$$ and $$\\mathbb{E}_{a_i}\\left[\\nabla_\\theta "
                          "f'(x)\\right]$$ hold, really.", "$$\nx_1 \\\\\ny_2\n$$"]
    assert page(out, "/posts/a/").select_one(".content em").get_text() == "really"
    config = CONFIG + ('[markdown]\nextensions = ["pymdownx.arithmatex"]\n'
                       '[markdown.extension_configs."pymdownx.arithmatex"]\ngeneric = true\n')
    (root / "site.toml").write_text(config, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0 and "math ('$$" not in result.stderr, result.stderr
    math = page(root / "build", "/posts/a/").select(".content .arithmatex")
    assert [span.get_text() for span in math][:2] == ["\\(\\{f_S\\}\\)", "\\(\\mathbb{E}_{a_i}"
                                                      "\\left[\\nabla_\\theta f'(x)\\right]\\)"]


def test_jekyll_s_post_url_finds_a_post_by_its_day_in_the_site_s_zone(tmp_path: Path) -> None:
    """irpan's {% post_url 2024-01-10-ai-timelines-2024 %}: the file is 2024-01-11-..., dated
    00:47 -04:00, which is 10 January in the site's zone: Jekyll finds it so; a name of
    another day is a broken link."""
    files = {"content/posts/2024-01-11-ai-timelines.md": "---\ntitle: AI\ndate: 2024-01-11 "
                                                        "00:47:00 -0400\n---\nA.\n",
             "content/posts/2024-08-06-later.md": "---\ntitle: Later\n---\n"
             "[Then]({% post_url 2024-01-10-ai-timelines %}) "
             "[Not]({% post_url 2024-01-12-ai-timelines %})\n"}
    config = CONFIG.replace('"UTC"', '"America/Los_Angeles"') + (
        '[build]\nbroken_links = "warn"\n[sections.posts]\n'
        'permalink = "/:year/:month/:day/:title.html"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    links = page(root / "build", "/2024/08/06/later.html").select(".content a")
    assert links[0]["href"] == "/2024/01/10/ai-timelines.html"
    assert "2024-01-12-ai-timelines" in result.stderr


def test_a_link_to_a_host_python_refuses_is_another_site_s_as_written(tmp_path: Path) -> None:
    """Pivotal's <http://[2601:646\\:100:69f1::165]/>, an IPv6 address with a backslash,
    which urlsplit refuses: the build and make check went down with a traceback."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nBrowse to "
                                   "<http://[2601:646\\:100:69f1::165]/> or "
                                   "[this](http://[not-an-ip]/).\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    out = build_ok(root)
    links = [a["href"] for a in page(out, "/posts/a/").select(".content a")]
    assert links == ["http://[2601:646\\:100:69f1::165]/", "http://[not-an-ip]/"]
    result = run_site("check", "--root", root)
    assert "Traceback" not in result.stderr, result.stderr


def test_an_author_s_fields_are_read_in_any_case(tmp_path: Path) -> None:
    """Pivotal's data/authors/*.yml, joined into authors.yml as the Hugo guide says, write
    Name: and Bio: (Hugo's templates read .Name): every byline showed the key."""
    files = {"content/authors.yml": "cunnie:\n  Name: Brian Cunnie\n  Bio: Engineer.\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\nauthor: cunnie\n---\nA.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    out = build_ok(root)
    assert page(out, "/posts/a/").select_one('a[rel="author"]').get_text() == "Brian Cunnie"
    assert page(out, "/authors/cunnie/").h1.get_text().startswith("Brian Cunnie")


def test_docs_under_api_are_published_beside_the_json_api(tmp_path: Path) -> None:
    """pi-hole's docs of its own API, docs/api/index.md and auth.md, at /api/ and /api/auth/
    with its docs at the root: only the JSON API's files are the site's own under /api/. A
    link to an index.md no page has names no page, not the only index.md published (the
    home page)."""
    files = {"content/index.md": "# Docs\n\nSee [the API](api/index.md), [gone](gone/index.md).\n",
             "content/docs/api/index.md": "# API\n\nIt.\n",
             "content/docs/api/auth.md": "# Auth\n\nIt.\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n"}
    config = CONFIG + ('[build]\nbroken_links = "warn"\n[sections.docs]\n'
                       'permalink = "/:path/"\n')
    root = write_site(tmp_path / "s", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    assert page(out, "/api/auth/").h1.get_text() == "Auth"
    assert (out / "api/posts.json").is_file()
    links = [a["href"] for a in page(out, "/").select("a") if a.get_text() in ("the API",
                                                                               "gone")]
    assert links == ["/api/", "gone/index.md"]
    assert "missing file 'gone/index.md'" in result.stderr
    alone = write_site(tmp_path / "alone", {"content/index.md": "[Gone](gone/index.md)\n"},
                       CONFIG + '[build]\nbroken_links = "warn"\n')
    assert build(alone).returncode == 0
    assert page(alone / "build", "/").find("a", string="Gone")["href"] == "gone/index.md"


def test_a_page_s_heading_keeps_its_code_and_its_case(tmp_path: Path) -> None:
    """dstack's reference pages, # `gateway`, showed a plain "gateway"; osquery's
    # Performance safety, under the nav's title "Performance Safety", showed the title's
    case: a page shows its own heading as MkDocs does, its title going to the tab."""
    files = {"content/docs/gateway.md": "# The `gateway` *type*\n\nText.\n",
             "content/docs/perf.md": "---\ntitle: Performance Safety\n---\n"
                                     "# Performance safety\n\nText.\n",
             "content/docs/plain.md": "# Plain <b>x</b>\n\nText.\n",
             "content/docs/linked.md": "# The [`gateway`](gateway.md)\n\nText.\n"}
    root = write_site(tmp_path / "s", files, CONFIG)
    out = build_ok(root)
    gateway = page(out, "/docs/gateway/")
    assert str(gateway.select_one(".doc h1")).endswith(
        '>The <code>gateway</code> <em>type</em></h1>')
    assert gateway.title.get_text().startswith("The gateway type")
    perf = page(out, "/docs/perf/")
    assert perf.select_one(".doc h1").get_text() == "Performance safety"
    assert perf.title.get_text().startswith("Performance Safety")
    assert page(out, "/docs/plain/").select_one(".doc h1").get_text() == "Plain <b>x</b>"
    assert str(page(out, "/docs/linked/").select_one(".doc h1")).endswith(">The gateway</h1>")


def test_a_template_field_of_the_home_page_is_named_as_not_used(tmp_path: Path) -> None:
    """dstack's content/index.md, template: redirect.html: the home page is home.html's,
    and the field was passed over unsaid (another page's is named)."""
    files = {"content/index.md": "---\ntitle: Home\ntemplate: redirect.html\n---\nHi.\n"}
    result = build(write_site(tmp_path / "s", files, CONFIG))
    assert result.returncode == 0, result.stderr
    assert "index.md:3: warning: template 'redirect.html' is not used: the home page is " \
        "published with home.html" in result.stderr


def test_shortcodes_and_liquid_tags_are_shown_exactly_as_written(tmp_path: Path) -> None:
    """mtlynch's 1,332 img shortcodes on 207 pages: shown as written, the build's warning
    says, where Smarty curled their quotes and Markdown read their emphasis and code spans
    (so that they could not be copied back); a paragraph of a shortcode alone is no
    summary."""
    shortcode = ('{{<img src="cover.jpg" caption="Your _editor_, you say? Use `zig build`" '
                 'max-width="230px">}}')
    liquid = '{% include figure.html src="a.png" caption="It\'s *here* -- now" %}'
    body = f"{shortcode}\n\nMichael is a developer -- and \"blogger\".\n\nSee {liquid} too.\n"
    # (a link's address and an HTML tag's attribute read theirs with them, as before: dapr's)
    links = ('\n[A]({{< ref "b.md" >}}#part) [B]({{< ref\n"b.md" >}}) '
             "<a href='{{< ref \"b.md\" >}}'>C</a>\n")
    files = {"content/posts/a.md": f"---\ntitle: A\ndate: 2024-01-01\n---\n\n{body}{links}",
             "content/posts/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\n## Part\n"}
    out = build_ok(write_site(tmp_path / "s", files, CONFIG))
    paragraphs = [p.get_text() for p in page(out, "/posts/a/").select(".content p")]
    assert paragraphs[:3] == [shortcode, "Michael is a developer \u2013 and \u201cblogger\u201d.",
                              f"See {liquid} too."]
    assert [a["href"] for a in page(out, "/posts/a/").select(".content p a")] == [
        "/posts/b/#part", "/posts/b/", "/posts/b/"]
    assert page(out, "/posts/a/").find("meta", attrs={"name": "description"})["content"] \
        == "Michael is a developer \u2013 and \u201cblogger\u201d."


def test_jekyll_s_slugs_make_the_slug_placeholder_as_jekyll_does(tmp_path: Path) -> None:
    """Cockpit's /blog/:slug.html: with slugs = "jekyll", :slug is Jekyll's slugify of the
    slug field or the file's name (cockpit-0.100 is cockpit-0-100: 23 posts had lost their
    address), where :title keeps the dots; a doc's slug field too (Apache Drill's docs)."""
    files = {"content/posts/2016-04-01-cockpit-0.100.md": "---\ntitle: A\n---\nA.\n",
             "content/posts/2016-05-01-b.md": "---\ntitle: B\nslug: Cockpit-0.101\n---\nB.\n",
             "content/notes/2016-06-01-v1.2.md": "---\ntitle: C\n---\nC.\n",
             "content/docs/setup/index.md": "# Setup\n", "content/team/ada/index.md": "# Ada\n",
             "content/team/bea/index.md": "# Bea\n",
             "content/docs/01-dt.md": "---\ntitle: DT\nslug: Date/Time Functions\n---\nD.\n",
             "content/docs/02-sel.md": "---\ntitle: SEL\nslug: SELECT\n---\nS.\n",
             "content/docs/03-rn.md": "---\ntitle: RN\nslug: Drill 1.21.2 Notes\n---\nR.\n"}
    config = CONFIG + '[build]\nslugs = "jekyll"\n[sections.posts]\n' \
        'permalink = "/blog/:slug.html"\n[sections.notes]\npermalink = "/notes/:title.html"\n' \
        '[sections.docs]\npermalink = "/docs/:slug/"\n[sections.team]\nkind = "pages"\n' \
        'permalink = "/team/:slug/"\n'
    out = build_ok(write_site(tmp_path / "s", files, config))
    for path in ("blog/cockpit-0-100.html", "blog/cockpit-0-101.html", "notes/v1.2.html",
                 "docs/setup/", "team/ada/", "team/bea/",  # (a folder's index.md: its own,
                 # as a page's :slug is, where Jekyll's would be "index")
                 "docs/date-time-functions/", "docs/select/", "docs/drill-1-21-2-notes/"):
        # (a doc's slug field, as Jekyll makes a collection's: Drill's 59 docs)
        assert page(out, "/" + path).h1 is not None, path


def test_jekyll_s_slugs_keep_jekyll_archives_tag_addresses(tmp_path: Path) -> None:
    """openSUSE's jekyll-archives pages, /tag/11-0/, /tag/openoffice-org/, /tag/r-d/: with
    slugs = "jekyll", tags are made slugs as Jekyll's slugify makes them (249 old addresses
    had been lost)."""
    files = {"content/posts/2020-01-01-a.md": "---\ntitle: A\ntags: ['11.0', OpenOffice.org, "
                                              "R&D, open_build]\n---\nA.\n"}
    config = CONFIG + '[build]\nslugs = "jekyll"\n[redirects]\n"/tag/:slug/" = "/tags/:slug/"\n'
    root = write_site(tmp_path / "s", files, config)
    out = build_ok(root)
    for slug in ("11-0", "openoffice-org", "r-d", "open-build"):
        assert page(out, f"/tags/{slug}/").h1 is not None, slug
        assert soup(out / f"tag/{slug}/index.html").find("link", rel="canonical")["href"] \
            == f"https://example.org/tags/{slug}/"
