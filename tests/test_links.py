"""Portable links: relative paths between sources become final URLs; broken ones are caught."""
from __future__ import annotations

import random
from pathlib import Path

from markdown.extensions.toc import slugify_unicode

from conftest import build, build_ok, run_site, site_app, soup, write_site
from sitegen.slugs import heading_id

SUBPATH = 'title = "T"\ndescription = "d"\nbase_url = "https://example.org/blog/"\n'

FILES = {
    "content/docs/setup.md": """
        ---
        title: Setup
        ---
        ## Install

        ## Café crème

        ## Same

        ## Same
        """,
    "content/posts/links.md": """
        ---
        title: Links
        date: 2024-01-01
        ---
        Inline [setup](../docs/setup.md#install), [accents](../docs/setup.md#café-crème),
        [encoded](../docs/setup.md#caf%C3%A9-cr%C3%A8me), [second same](../docs/setup.md#same_1),
        [reference][ref], [folder index](../docs/), [about](../about.md) and ![diagram](img/d.png).

        [ref]: ../docs/setup.md#same "Reference style"

        `[in code](nowhere.md)` and `<a href="also-nowhere.md">` stay as written.
        """,
    "content/posts/img/d.png": b"\x89PNG\r\n\x1a\n",
    "content/about.md": "About.\n",
    "content/docs/index.md": "---\ntitle: Docs\n---\nDocs home.\n",
}


def test_relative_links_become_urls_under_the_base_path(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES, SUBPATH)
    out = build_ok(root)
    content = soup(out / "posts/links/index.html").select_one(".content")
    hrefs = [a["href"] for a in content.select("a")]
    assert hrefs == ["/blog/docs/setup/#install", "/blog/docs/setup/#caf%C3%A9-cr%C3%A8me",
                     "/blog/docs/setup/#caf%C3%A9-cr%C3%A8me", "/blog/docs/setup/#same_1",
                     "/blog/docs/setup/#same", "/blog/docs/", "/blog/about/"]
    assert content.select_one("img")["src"] == "/blog/posts/img/d.png"
    assert (out / "posts/img/d.png").exists()
    assert "[in code](nowhere.md)" in content.get_text()
    assert '<a href="also-nowhere.md">' in content.get_text()
    assert run_site("check", "--root", root).returncode == 0


def test_heading_ids_agree_in_toc_page_and_link_check(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES, SUBPATH)
    out = build_ok(root)
    page = soup(out / "docs/setup/index.html")
    heading_ids = [h["id"] for h in page.select(".content h2")]
    toc_ids = [a["href"].lstrip("#") for a in page.select(".toc a")]
    assert heading_ids == ["install", "café-crème", "same", "same_1"]
    assert toc_ids == heading_ids


def test_a_missing_anchor_of_a_link_written_as_an_address_is_a_build_error(tmp_path: Path) -> None:
    # Pelican's {filename} and a page's address (/docs/setup/#x) name a page's anchor as a
    # relative link to its file does; a GitHub-style anchor still finds its heading.
    root = write_site(tmp_path / "site", {
        **FILES,
        "content/posts/pelican.md": """
            Title: Pelican
            Date: 2024-01-03

            [address](/docs/setup/#nope), [file]({filename}../docs/setup.md#gone),
            [self]({filename}pelican.md#missing) and [fine](/docs/setup/#same-1).
            """,
    }, SUBPATH)
    result = build(root)
    assert result.returncode != 0
    for line, target, source, anchor in [
            (4, "/docs/setup/#nope", "docs/setup.md", "nope"),
            (4, "{filename}../docs/setup.md#gone", "docs/setup.md", "gone"),
            (5, "{filename}pelican.md#missing", "posts/pelican.md", "missing")]:
        assert (f"pelican.md:{line}: error: link '{target}': '{source}' has no anchor "
                f"'#{anchor}'") in result.stderr
    assert "same-1" not in result.stderr


def test_missing_page_anchor_or_image_is_a_build_error_with_file_and_line(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        **FILES,
        "content/posts/broken.md": """
            ---
            title: Broken
            date: 2024-01-02
            ---
            Fine line.

            [gone](../docs/gone.md) and [anchor](../docs/setup.md#nope)

            ![missing](img/missing.png)
            """,
    }, SUBPATH)
    result = build(root)
    assert result.returncode != 0
    assert "broken.md:7: error: link to a missing file '../docs/gone.md'" in result.stderr
    assert ("broken.md:7: error: link '../docs/setup.md#nope': "
            "'docs/setup.md' has no anchor '#nope'") in result.stderr
    assert "broken.md:9: error: link to a missing file 'img/missing.png'" in result.stderr


def test_broken_links_are_warnings_on_the_page_in_preview(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/about.md": "---\ntitle: About\n---\nSee [gone](gone.md).\n"})
    client = site_app.create_app(root, preview=True).test_client()
    response = client.get("/about/")
    assert response.status_code == 200
    warning = soup_of(response.get_data(as_text=True)).select_one(".banner.warnings")
    assert "about.md:4" in warning.get_text() and "gone.md" in warning.get_text()


def soup_of(html: str):  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


def built_without_warnings(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """The folder of a site of ``files``, built with no warning."""
    root = write_site(tmp_path / "site", files, 'title = "T"\nbase_url = "https://e.org/"\n')
    result = build(root)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    return root


def test_headings_and_tags_keep_the_vowel_signs_of_their_script(tmp_path: Path) -> None:
    """Devanagari's and Tamil's vowel signs are combining marks: ids and URLs keep them, as
    GitHub's and Hugo's do (योगदान, where Python-Markdown's own slugify gives यगदन), so a
    link written for GitHub's anchor finds its heading."""
    files = {"content/posts/hindi.md":
             "---\ntitle: योगदान\ndate: 2024-01-01\ntags: [हिंदी, பங்களிப்பு]\n---\n"
             "## योगदान देने से पहले\n\nSee [the list](#योगदान-देने-से-पहले).\n"}
    root = built_without_warnings(tmp_path, files)
    content = soup(root / "build/posts/hindi/index.html").select_one(".content")
    assert content.select_one("h2")["id"] == "योगदान-देने-से-पहले"
    assert (root / "build/tags/हिंदी/index.html").is_file()
    assert (root / "build/tags/பங்களிப்பு/index.html").is_file()


def test_an_anchor_written_as_github_makes_it_finds_its_heading(tmp_path: Path) -> None:
    """GitHub, Jekyll's GFM and Hugo give ``## Open source — is it free?`` the id
    ``open-source--is-it-free``, a hyphen for each space; here it is
    ``open-source-is-it-free``; the second ``## Usage`` is ``usage-1`` there, ``usage_1``
    here; ``## --human-readable`` (rclone's) is ``--human-readable`` there and
    ``-human-readable`` here. A link written with theirs is linked to the heading."""
    heading = ("---\ntitle: Guide\n---\n## Open source — is it free?\n\nText.\n"
               "\n## Usage\n\nOne.\n\n## Usage\n\nTwo.\n\n## `--human-readable`\n\nH.\n"
               "\n## What&nbsp;DNS&nbsp;cache?\n\nD.\n")  # (Bryce Wray's: Hugo's whatnbspdns...)
    files = {"content/docs/guide.md": heading + "\nSee [above](#open-source--is-it-free).\n",
             "content/about.md": "See [the guide](docs/guide.md#open-source--is-it-free), "
                                 "[its second usage](docs/guide.md#usage-1), "
                                 "[a flag](docs/guide.md#--human-readable) and "
                                 "[a cache](docs/guide.md#whatnbspdnsnbspcache).\n"}
    root = built_without_warnings(tmp_path, files)
    guide = soup(root / "build/docs/guide/index.html").select_one(".content")
    assert guide.select_one("h2")["id"] == "open-source-is-it-free"
    assert guide.select("p a")[-1]["href"] == "#open-source-is-it-free"
    about = soup(root / "build/about/index.html").select(".content a")
    assert [link["href"] for link in about] == ["/docs/guide/#open-source-is-it-free",
                                                "/docs/guide/#usage_1",
                                                "/docs/guide/#-human-readable",
                                                "/docs/guide/#what-dns-cache"]


def test_heading_ids_are_python_markdown_s_but_for_combining_marks() -> None:
    """The ids are ``slugify_unicode``'s (Python-Markdown's, which MkDocs sites use) for every
    text without a combining mark: random texts of letters, digits, spaces, punctuation and
    symbols of several scripts."""
    alphabet = "aZé ß-_—–.,;:!?()[]'\"/\\+#&%$€§0129 \t日本語テストКириллицаعربي№½²"
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 24)))
        assert heading_id(text, "-") == slugify_unicode(text, "-"), text
    assert heading_id("योगदान देने", "-") == "योगदान-देने"
    assert slugify_unicode("योगदान देने", "-") == "यगदन-दन"
    assert heading_id("⚙️ Settings", "-") == slugify_unicode("⚙️ Settings", "-") == "settings"


def test_spaces_around_an_address_are_not_part_of_it(tmp_path: Path) -> None:
    # A browser takes them off (WHATWG's URL parsing): the image is published and shown.
    root = write_site(tmp_path / "site", {
        "content/posts/word2vec.md": """
            ---
            title: Word2vec
            date: 2024-01-01
            ---
            <div class="figure">
              <img src="/images/a.png "/> <a href=" ../about.md ">About</a>
            </div>
            """,
        "content/images/a.png": b"\\x89PNG\\r\\n\\x1a\\n",
        "content/about.md": "About.\\n",
    }, SUBPATH)
    out = build_ok(root)
    content = soup(out / "posts/word2vec/index.html").select_one(".content")
    assert content.select_one("img")["src"] == "/blog/images/a.png"
    assert content.select_one("a")["href"] == "/blog/about/"
    assert (out / "images/a.png").read_bytes() == b"\\x89PNG\\r\\n\\x1a\\n"


def test_a_broken_link_s_line_is_where_its_whole_address_is_written(tmp_path: Path) -> None:
    """0x7df's [CERN](home.web.cern.ch) is reported at its own line, not at the longer
    http://home.web.cern.ch/... written before it."""
    root = write_site(tmp_path / "site", {
        "content/posts/lhc.md": "Title: LHC\nDate: 2015-06-03\n\nSee [topics]("
                                "http://home.web.cern.ch/topics/lhc).\n\nMore.\n\n"
                                "Later, [CERN](home.web.cern.ch) again.\n"}, SUBPATH)
    result = build(root)
    assert result.returncode == 1
    assert "lhc.md:8: error: link to a missing file 'home.web.cern.ch'" in result.stderr
    # (EFAVDB's link [l](i): at its own line, not where "i" is part of a word, or is in
    # parentheses in the text)
    root = write_site(tmp_path / "other", {
        "content/posts/t.md": "Title: T\nDate: 2015-06-03\n\nThis is (i) in text.\n\n"
                              "A [link](i) here.\n"}, SUBPATH)
    assert "t.md:6: error: link to a missing file 'i'" in build(root).stderr


def test_a_pelican_link_to_a_restructuredtext_article_is_broken(tmp_path: Path) -> None:
    """Lee-W's {filename} links to .rst articles, which are not read: the file would be
    published as written, reST and all."""
    root = write_site(tmp_path / "site", {
        "content/posts/a.md": "Title: A\nDate: 2020-01-01\n\n[Old]({filename}old.rst)\n",
        "content/posts/old.rst": "Old\n###\n\nText.\n"}, SUBPATH)
    result = build(root)
    assert result.returncode == 1
    assert "a.md:4: error: link to '{filename}old.rst', a source this engine does not read" \
        in result.stderr
    assert not (root / "build").exists()


def test_check_asks_no_title_of_a_linked_html_file_published_as_it_is(tmp_path: Path) -> None:
    """ljvmiranda's posts show Plotly charts, HTML files of their own in an iframe: check
    does not ask them for the site's title and description, as it asks the pages."""
    root = write_site(tmp_path / "site", {
        "content/posts/chart.md": '---\ntitle: Chart\ndate: 2024-01-01\n---\n<iframe '
                                  'src="/assets/plot.html" title="Plot"></iframe>\n',
        "content/assets/plot.html": "<div id='plot'>x</div>\n"}, SUBPATH)
    result = run_site("check", "--root", root)
    assert result.returncode == 0, result.stderr
    assert (root / "build/assets/plot.html").is_file()


def test_a_link_to_a_tag_s_page_is_checked_and_gets_its_slash(tmp_path: Path) -> None:
    """mtlynch's /tags/sia (no slash) reaches the tag's page; a link to a tag no listed post
    has names no page, at the build, not only at check."""
    root = write_site(tmp_path / "site", {
        "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [sia]\n---\n"
                              "[sia posts](/tags/sia), [none](/tags/nosuchtag/)\n"}, SUBPATH)
    result = build(root)
    assert result.returncode == 1
    assert "a.md:6: error: link to /tags/nosuchtag/, which is not a page or file of this " \
        "site" in result.stderr
    (root / "content/posts/a.md").write_text("---\ntitle: A\ndate: 2024-01-01\ntags: [sia]\n"
                                             "---\n[sia posts](/tags/sia)\n")
    out = build_ok(root)
    assert soup(out / "posts/a/index.html").select_one(".content a")["href"] == "/blog/tags/sia/"


def test_a_file_of_content_under_static_is_published_and_checked(tmp_path: Path) -> None:
    """bytefish's Pelican images at /static/images/ (STATIC_SAVE_AS = 'static/{path}'): only
    the theme's own files, with a hash in their names, are the site's under /static/."""
    root = write_site(tmp_path / "site", {
        "content/posts/chart.md": "Title: Chart\nDate: 2020-01-02\n\n"
                                  "![chart](/static/images/chart.png)\n\n"
                                  '<iframe src="{static}/static/demo/index.html"></iframe>\n\n'
                                  "[missing](/static/nothing-here.pdf)\n",
        "content/static/images/chart.png": b"\x89PNG\r\n\x1a\n",
        "content/static/demo/index.html": "<!doctype html><title>Demo</title>\n",
        "content/static/demo/app.css": "body { color: red }\n",
    }, SUBPATH + '\n[build]\npublish = ["static/demo/*"]\n')
    result = build(root)
    assert result.returncode == 1
    assert "chart.md:8: error: link to /static/nothing-here.pdf, which is not a page or file" \
        in result.stderr
    assert result.stderr.count("error:") == 1
    (root / "content/posts/chart.md").write_text(
        (root / "content/posts/chart.md").read_text().replace("[missing](/static/nothing-here"
                                                                ".pdf)\n", ""))
    out = build_ok(root)
    content = soup(out / "posts/chart/index.html").select_one(".content")
    assert content.select_one("img")["src"] == "/blog/static/images/chart.png"
    assert content.select_one("iframe")["src"] == "/blog/static/demo/index.html"
    for name in ("images/chart.png", "demo/index.html", "demo/app.css"):
        assert (out / "static" / name).read_bytes() == (root / "content/static" / name).read_bytes()
    sheets = [link["href"] for link in soup(out / "posts/chart/index.html").select(
        "link[rel=stylesheet]")]  # (the theme's own, still the site's)
    assert sheets and all((out / sheet.removeprefix("/blog/")).is_file() for sheet in sheets)


def test_a_link_to_the_page_s_own_folder_address_is_the_page(tmp_path: Path) -> None:
    """keptn's ./#example in ref/task.md: the browser reads it from /docs/ref/task/, the page
    itself, though the folder's index.md is ref/index.md."""
    root = write_site(tmp_path / "site", {
        "content/docs/ref/index.md": "# Ref\n\nAll.\n",
        "content/docs/ref/task.md": "# Task\n\nSee [it](./#example), [gone](./#nowhere).\n\n"
                                    "## Example\n\nx\n"}, SUBPATH)
    result = build(root)
    assert result.returncode == 1
    assert "task.md:3: error: link to a missing anchor '#nowhere' in this page" in result.stderr
    assert result.stderr.count("error:") == 1
    path = root / "content/docs/ref/task.md"
    path.write_text(path.read_text().replace(", [gone](./#nowhere)", ""))
    out = build_ok(root)
    assert soup(out / "docs/ref/task/index.html").select_one(".content a")["href"] == "./#example"


def test_a_link_to_a_page_s_index_html_is_the_page(tmp_path: Path) -> None:
    """buildpacks' /docs/old/index.html: the file a host serves for /docs/old/."""
    root = write_site(tmp_path / "site", {
        "content/docs/old.md": "# Old\n\nOld.\n",
        "content/docs/new.md": "# New\n\nSee [old](/docs/old/index.html#old), [home](/index.html)."
                               "\n"}, SUBPATH)
    out = build_ok(root)
    links = soup(out / "docs/new/index.html").select(".content a")
    assert [link["href"] for link in links] == ["/blog/docs/old/#old", "/blog/"]


def test_a_link_without_html_names_the_html_page(tmp_path: Path) -> None:
    """Grab's posts at /:title.html (Jekyll's permalink: /:title), linked as /first-post, the
    address GitHub Pages serves them at."""
    root = write_site(tmp_path / "site", {
        "content/posts/2020-01-01-first-post.md": "First.\n\n## Top\n",
        "content/posts/2020-01-02-second.md": "See [the first](/first-post#top).\n"},
        SUBPATH + '[sections.posts]\npermalink = "/:title.html"\n')
    out = build_ok(root)
    assert soup(out / "second.html").select_one(".content a")["href"] == \
        "/blog/first-post.html#top"


def test_a_relative_address_without_md_names_the_page_of_that_file(tmp_path: Path) -> None:
    """linkerd's docs link [x](install/) and [x](../tasks/install/) beside install.md, as
    Hugo's link render hooks find the page; an address of the page's own URL, as MkDocs
    reads it, still comes first."""
    root = write_site(tmp_path / "site", {
        "content/docs/tasks/install.md": "# Install\n\nIt.\n",
        "content/docs/tasks/books.md": "# Books\n\n[a](install/), [b](install), "
                                       "[c](../tasks/install/#install), [d](../install/)\n",
    }, SUBPATH)
    out = build_ok(root)
    links = soup(out / "docs/tasks/books/index.html").select(".content a")
    assert [link["href"] for link in links] == [
        "/blog/docs/tasks/install/", "/blog/docs/tasks/install/",
        "/blog/docs/tasks/install/#install", "/blog/docs/tasks/install/"]


def test_a_relative_address_with_a_dot_names_the_page_of_that_file(tmp_path: Path) -> None:
    """XAPI's [Domain.build](Domain.build) beside Domain.build.md, as Relearn's link hook
    finds it; a file with a suffix is still that file."""
    root = write_site(tmp_path / "site", {
        "content/docs/walk/Domain.build.md": "# Domain build\n\n## It\n\nIt.\n",
        "content/docs/walk/shot.png": "not really a picture",
        "content/docs/walk/vm.md": "# VM\n\n[a](Domain.build), [b](Domain.build#it), "
                                   "[c](shot.png)\n"}, SUBPATH)
    out = build_ok(root)
    links = soup(out / "docs/walk/vm/index.html").select(".content a")
    assert [link["href"] for link in links] == [
        "/blog/docs/walk/domain.build/", "/blog/docs/walk/domain.build/#it",
        "/blog/docs/walk/shot.png"]


def test_a_relative_link_that_names_nothing_else_is_read_from_the_site_s_root(
        tmp_path: Path) -> None:
    """ludochaordic's pages link hello-post.html and pages/other.html, written for its
    theme's <base href="{{ SITEURL }}/">, which makes a browser read them from the root (144
    links on 14 pages had been broken); one that names nothing there either stays broken."""
    root = write_site(tmp_path / "site", {
        "content/posts/hello.md": "Title: Hello post\nDate: 2020-01-01\n\nHi.\n",
        "content/other.md": "Title: Other\n\nOther.\n",
        "content/about.md": "Title: About\n\n[post](hello-post.html), [other](pages/other.html)"
                            ", [none](pages/none.html)\n"},
        SUBPATH + '[build]\nbroken_links = "warn"\n[sections.posts]\n'
        'permalink = "/:slug_or_title.html"\n[pages]\npermalink = "/pages/:slug_or_title.html"\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert [line.split("warning: ")[1] for line in result.stderr.splitlines()
            if "warning" in line] == ["link to a missing file 'pages/none.html'"]
    links = soup(root / "build/pages/about.html").select(".content a")
    assert [link["href"] for link in links] == [
        "/blog/hello-post.html", "/blog/pages/other.html", "pages/none.html"]


def test_a_link_to_a_name_too_long_for_the_disk_is_a_broken_link(tmp_path: Path) -> None:
    """simplystats' quoted sentence written where a link's address goes (over 255 bytes, a
    name no disk takes): a broken link at its line, not a build stopped at the disk."""
    long_name = "a" * 300 + ".html"
    root = write_site(tmp_path / "site", {"content/posts/a.md": "Title: A\nDate: 2020-01-01"
                                          f"\n\nSee [it]({long_name}) and [that](b{'/x' * 3}/)."
                                          f"\n\n[far]({'c' * 300}/)\n"}, SUBPATH)
    result = build(root)
    assert result.returncode == 1 and "File name too long" not in result.stderr
    assert f"a.md:4: error: link to a missing file '{long_name}'" in result.stderr
    assert "a.md:6: error:" in result.stderr


def test_a_broken_reference_definition_two_links_use_is_named_once(tmp_path: Path) -> None:
    """buildpacks' app-journey.md:112, a definition two links use, was warned twice."""
    root = write_site(tmp_path / "site", {
        "content/docs/a.md": "# A\n\nSee [one][x] and [two][x].\n\n[x]: missing.md\n"},
        SUBPATH + '[build]\nbroken_links = "warn"\n')
    result = build(root)
    assert result.returncode == 0
    assert result.stderr.count("a.md:5: warning: link to a missing file 'missing.md'") == 1
    (root / "site.toml").write_text(SUBPATH)
    result = build(root)
    assert result.returncode == 1
    assert result.stderr.count("a.md:5: error: link to a missing file 'missing.md'") == 1


def test_a_link_into_api_is_checked_against_the_json_api_s_files(tmp_path: Path) -> None:
    """outlines' links to its old API reference, /api/models/: not one of the JSON API's
    files, it is a broken link at build, as check says; those files are linked freely."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"
                                   "[models](/api/models/) [json](/api/posts.json) "
                                   "[one](/api/posts/a.json) [tags](/api/tags.json)\n"}
    result = build(write_site(tmp_path / "s", files))
    assert result.returncode == 1
    assert [line.split(": ", 2)[-1] for line in result.stderr.splitlines() if "error:" in line] \
        == ["link to /api/models/, which is not a page or file of this site"]


def test_a_link_to_the_site_s_own_page_without_its_slash_is_that_page(tmp_path: Path) -> None:
    """chrisshort's [Search](/search) and [Archive](/archive), as /tags is /tags/: every host
    redirects such an address to its folder's page (they were named as broken)."""
    root = write_site(tmp_path / "site", {
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [x]\n---\n"
                              "[S](/search), [A](/archive), [T](/tags)\n"}, 'title = "T"\n')
    out = build_ok(root)
    links = soup(out / "posts/a/index.html").select(".content a")
    assert [link["href"] for link in links] == ["/search/", "/archive/", "/tags/"]
