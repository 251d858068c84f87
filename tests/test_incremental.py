"""Rebuilds: every incremental build is byte-identical to a clean build of the same sources,
and two clean builds are byte-identical (no build-time timestamps)."""
from __future__ import annotations

import datetime as dt
import fcntl
import html
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image

import sitegen.build
from conftest import (
    DEFAULT_CONFIG,
    PROJECT,
    SITE_PY,
    build,
    build_ok,
    run_site,
    site_app,
    snapshot,
    soup,
    write_site,
)
from fuzz_rebuilds import (
    RandomEdits,
    check_preview,
    check_round,
    clean_build,
    served_pages,
)
from sitegen import buildstart, earlysearch, pipeline
from sitegen.build import frozen_urls
from sitegen.buildstate import read_state
from sitegen.cache import Cache, read_state_row
from sitegen.earlysearch import (
    WAITING_NICENESS,
    YIELDING_NICENESS,
    PageFeed,
    start_early,
    start_waiting,
)
from sitegen.entries import BODIES
from sitegen.fingerprint import UNSETTLED, folder_listing
from sitegen.frontmatter import split_source, validate_meta
from sitegen.manifest import check_build, check_command_line
from sitegen.output import lock_file
from sitegen.search import (
    BUNDLES,
    keep_bundles,
    page_digests,
    plan_shards,
    start_index,
)

POSTS = {f"content/posts/post-{n}.md":
         f"---\ntitle: Post {n}\ndate: 2024-0{1 + n % 9}-1{n % 9}\ntags: [t{n % 3}, common]\n"
         f"category: c{n % 2}\n---\nBody of post {n}.\n\n<!--more-->\n\n```python\nx = {n}\n```\n"
         for n in range(12)}
FILES: dict[str, str | bytes] = {
    **POSTS,
    "content/about.md": "---\ntitle: About\n---\nAbout.\n",
    "content/docs/index.md": "---\ntitle: Docs\n---\nDocs.\n",
    "content/docs/guide.md": "# Guide\n\n--8<-- \"_parts/shared.md\"\n\nAfter.\n",
    "content/docs/_parts/shared.md": "An included part.\n",
    "static/extra.css": "p { color: black; }\n",
    "templates/post.html": '{% extends "theme/post.html" %}\n',
}


def clean_build_of(root: Path, scratch: Path) -> dict[str, bytes]:
    """The files of a clean build (no build/, no cache) of a copy of ``root``'s sources."""
    result, out = clean_build(root, scratch)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return snapshot(out)


def edit_body(root: Path) -> None:
    path = root / "content/posts/post-3.md"
    path.write_text(path.read_text().replace("Body of post 3.", 'A new "body" for post 3.'))


def edit_tags(root: Path) -> None:
    path = root / "content/posts/post-4.md"
    path.write_text(path.read_text().replace("tags: [t1, common]", "tags: [brand-new]"))


def edit_date(root: Path) -> None:
    path = root / "content/posts/post-5.md"
    path.write_text(path.read_text().replace("date: 2024-06-15", "date: 2023-01-01"))


def edit_template(root: Path) -> None:
    (root / "templates/post.html").write_text(
        '{% extends "theme/post.html" %}\n'
        '{% block title %}Changed {{ page.title }}{% endblock %}\n')


def edit_config(root: Path) -> None:
    text = (root / "site.toml").read_text()
    (root / "site.toml").write_text(text.replace('title = "Test Site"', 'title = "Renamed"'))


def edit_static(root: Path) -> None:
    (root / "static/extra.css").write_text("p { color: navy; }\n")


def delete_post(root: Path) -> None:
    (root / "content/posts/post-7.md").unlink()


def edit_title(root: Path) -> None:
    """A title other pages show: neighbours' links, related posts, lists, feeds, cards."""
    path = root / "content/posts/post-2.md"
    path.write_text(path.read_text().replace("title: Post 2", "title: Post <two> & more"))


def edit_summary(root: Path) -> None:
    path = root / "content/posts/post-6.md"
    path.write_text(path.read_text().replace("title: Post 6", "title: Post 6\nsummary: Short."))


def edit_updated(root: Path) -> None:
    """The date the sitemap gives a post (``updated``, else ``date``): the oldest post's."""
    path = root / "content/posts/post-5.md"
    path.write_text(path.read_text().replace("title: Post 5", "title: Post 5\nupdated: 2025-03-01"))


def edit_year_of_updated(root: Path) -> None:
    """Another year in the archive (which the sitemap lists) from the oldest post, which
    stays the oldest and keeps its 'updated' date."""
    path = root / "content/posts/post-5.md"
    path.write_text(path.read_text().replace("date: 2023-01-01", "date: 2022-01-01"))


def edit_heading(root: Path) -> None:
    """A new heading: the post's table of contents, anchors and its text in feeds."""
    path = root / "content/posts/post-8.md"
    path.write_text(path.read_text() + "\n## A heading\n\nMore.\n")


def add_post(root: Path) -> None:
    (root / "content/posts/post-new.md").write_text(
        "---\ntitle: New\ndate: 2024-09-30\ntags: [common]\n---\nNew post.\n")


def add_permalink_rules(root: Path) -> None:
    """Posts move to dated permalinks, their old URLs redirect, and pages gain .html ones."""
    with (root / "site.toml").open("a") as config:
        config.write('\n[sections.posts]\npermalink = "/:year/:month/:slug/"\n'
                     'redirect_from = ["/posts/:slug/"]\n\n[pages]\n'
                     'redirect_from = ["/:path.html"]\n')


def add_section(root: Path) -> None:
    """A second posts section, with .html permalinks, its own list and feeds."""
    (root / "content/blog").mkdir()
    for n in range(3):
        (root / f"content/blog/2024-07-0{n + 1}-note-{n}.md").write_text(
            f"---\ntitle: Note {n}\ntags: [common]\n---\nNote {n}.\n")
    with (root / "site.toml").open("a") as config:
        config.write('\n[sections.blog]\npermalink = "/notes/:slug.html"\n')


def hide_post(root: Path) -> None:
    path = root / "content/posts/post-9.md"
    path.write_text(path.read_text().replace("title: Post 9", "title: Post 9\nhidden: true"))


def own_url(root: Path) -> None:
    path = root / "content/posts/post-10.md"
    path.write_text(path.read_text().replace("title: Post 10", "title: Post 10\n"
                                             "permalink: /special/:slug/"))


def new_syntax(root: Path) -> None:
    """Fences in a list, a GitHub alert, tabs, a task list: the dialect of real sites."""
    path = root / "content/posts/post-11.md"
    path.write_text(path.read_text() + (
        "\n1. Step:\n\n    ```python\n    print('in a list')\n    ```\n\n"
        "> [!NOTE]\n> An alert.\n\n=== \"One\"\n\n    Tab one.\n\n"
        "- [x] done\n- [ ] to do\n\n~~struck~~\n"))


def edit_snippet(root: Path) -> None:
    """A file that a page includes with --8<--: the page shows the new text."""
    (root / "content/docs/_parts/shared.md").write_text("A changed part.\n")


def add_param(root: Path) -> None:
    """A docs page shows a site's parameter with Hugo's param shortcode."""
    path = root / "content/docs/index.md"
    path.write_text(path.read_text() + "\nVersion {{< param version >}}.\n")
    with (root / "site.toml").open("a") as config:
        config.write('\n[params]\nversion = "v1"\n')


def edit_param(root: Path) -> None:
    """The parameter's value changes in site.toml alone: the page shows the new one."""
    path = root / "site.toml"
    path.write_text(path.read_text().replace('version = "v1"', 'version = "v2"'))


def tag_doc(root: Path) -> None:
    """A docs page gets a tag of the posts and one of its own: both tags' pages list it."""
    path = root / "content/docs/index.md"
    path.write_text(path.read_text().replace("title: Docs", "title: Docs\ntags: [t1, manual]"))


def quotes_off(root: Path) -> None:
    """The options of one of the engine's own extensions (Hugo's typographer off, as
    smarty's): every body shows straight quotes (falco's rebuild had rendered none again)."""
    with (root / "site.toml").open("a") as config:
        config.write('\n[markdown.extension_configs.smarty]\nsmart_quotes = false\n')


EDITS: dict[str, Callable[[Path], None]] = {
    "post body": edit_body, "tags": edit_tags, "date": edit_date, "template": edit_template,
    "site.toml": edit_config, "static file": edit_static, "deleted post": delete_post,
    "title": edit_title, "summary": edit_summary, "updated": edit_updated,
    "year of an updated post": edit_year_of_updated, "heading": edit_heading, "new post": add_post,
    "permalink rules": add_permalink_rules, "new section": add_section, "hidden": hide_post,
    "own url": own_url, "new syntax": new_syntax, "included file": edit_snippet,
    "param shortcode": add_param, "site parameter": edit_param, "docs page's tags": tag_doc,
    "an extension's options": quotes_off,
}


RANDOM_ROUNDS = 12


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES)
    first = snapshot(build_ok(root))
    assert clean_build_of(root, tmp_path) == first


@pytest.mark.slow
def test_incremental_builds_equal_clean_builds(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES)
    build_ok(root)
    for name, edit in EDITS.items():
        before = snapshot(root / "build")
        edit(root)
        result = build(root)
        assert result.returncode == 0, result.stderr
        assert "Nothing changed" not in result.stdout, name
        incremental = snapshot(root / "build")
        assert incremental != before, f"{name}: the edit changed nothing"
        # the listing it recorded for the no-change check (made from what it wrote and
        # reused) is what a look at every file finds
        recorded = read_state_row(root / ".cache", "summary")
        assert recorded["output"] == folder_listing(root / "build"), name
        assert incremental == clean_build_of(root, tmp_path), f"{name}: differs from a clean build"


def test_files_the_site_publishes_unlinked_are_published_after_each_change(
        tmp_path: Path) -> None:
    """[build] publish names files no page links to (a favicon, FixIt's TypeDoc reference
    site): each is published as it is, and a rebuild after one is added, edited or removed
    equals a clean build."""
    files = {**FILES, "content/favicon.ico": b"\x00\x00\x01\x00",
             "content/apiref/index.html": "<p>API</p>", "content/apiref/css/a.css": "p{}",
             "content/apiref/modules/m.html": "<p>M</p>", "content/other.txt": "left out"}
    config = DEFAULT_CONFIG + '\n[build]\npublish = ["favicon.ico", "/apiref/*"]\n'
    root = write_site(tmp_path / "site", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    assert (out / "favicon.ico").read_bytes() == b"\x00\x00\x01\x00"
    assert (out / "apiref/modules/m.html").read_text() == "<p>M</p>"
    assert (out / "apiref/css/a.css").is_file() and not (out / "other.txt").exists()
    assert "other.txt" in result.stderr and "apiref" not in result.stderr
    for change in (lambda: (root / "content/apiref/modules/n.html").write_text("<p>N</p>"),
                   lambda: (root / "content/apiref/index.html").write_text("<p>API 2</p>"),
                   lambda: (root / "content/apiref/css/a.css").unlink()):
        change()
        assert build(root).returncode == 0
        assert snapshot(out) == clean_build_of(root, tmp_path)
    assert (out / "apiref/modules/n.html").is_file() and not (out / "apiref/css").exists()


def test_a_hidden_file_is_published_when_publish_names_it_with_its_dot(tmp_path: Path) -> None:
    """peterwittek's .htaccess and Kanguros' .nojekyll, which Pelican copies, and Netlify's
    _redirects and _headers (GrantBirki's, tinygo's): named with their dot or underscore,
    they are published, after an edit too; other such files are not, even where a * would
    match them; a pattern that names no file is warned about."""
    files = {**FILES, "content/.htaccess": "ErrorDocument 404 /404.html\n",
             "content/.secret": "not named", "content/_headers": "/*\n  X-Frame: DENY\n",
             "content/_private.txt": "not named", "content/x/_y.txt": "not named"}
    config = DEFAULT_CONFIG + ('\n[build]\npublish = [".htaccess", "_headers", "x/*", '
                               '"robots-old.txt"]\n')
    root = write_site(tmp_path / "site", files, config)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "build"
    assert (out / ".htaccess").read_text() == "ErrorDocument 404 /404.html\n"
    assert (out / "_headers").read_text() == "/*\n  X-Frame: DENY\n"
    assert not (out / ".secret").exists() and not (out / "_private.txt").exists()
    assert not (out / "x/_y.txt").exists()
    assert "warning: [build] publish: 'robots-old.txt' names no file under content/" \
        in result.stderr
    (root / "content/.htaccess").write_text("ErrorDocument 404 /missing.html\n")
    assert build(root).returncode == 0
    assert (out / ".htaccess").read_text() == "ErrorDocument 404 /missing.html\n"
    assert snapshot(out) == clean_build_of(root, tmp_path)


def test_a_redirect_to_a_tag_s_page_follows_the_tag(tmp_path: Path) -> None:
    """A line of [redirects] that sends to a tag's page (no file makes it): a rebuild after a
    body's edit equals a clean build; once no post has the tag, the rebuild stops as a clean
    build does, naming the line, and leaves build/ as it was."""
    config = DEFAULT_CONFIG + '\n[redirects]\n"/tag/t1.html" = "/tags/t1/"\n'
    root = write_site(tmp_path / "site", FILES, config)
    assert soup(build_ok(root) / "tag/t1.html").find("link", rel="canonical")["href"] == \
        "https://example.org/tags/t1/"
    edit_body(root)
    rebuilt(root, tmp_path / "scratch")
    before = snapshot(root / "build")
    for path in (root / "content/posts").glob("*.md"):
        path.write_text(path.read_text().replace("tags: [t1, common]", "tags: [common]"))
    result, _ = clean_build(root, tmp_path / "scratch")
    again = build(root)
    message = "site.toml:9: error: [redirects]: /tags/t1/ is not a page of this site"
    assert result.returncode == again.returncode == 1 and message in again.stderr
    assert message.split(": ", 1)[1] in result.stderr, result.stderr
    assert snapshot(root / "build") == before


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_runs_of_edits_equal_clean_builds(tmp_path: Path, seed: int) -> None:
    """Every rebuild after a random run of edits (tests/fuzz_rebuilds.py, which `make fuzz`
    runs on any site) equals a clean build of the same sources; a rebuild that fails, fails
    as a clean build does and leaves build/ as it was."""
    root = write_site(tmp_path / "site", FILES)
    build_ok(root)
    edits = RandomEdits(root, seed)
    for number in range(RANDOM_ROUNDS):
        made = edits.round()
        assert check_round(root, tmp_path, edits) == "", f"round {number}: {made}"
        recorded = read_state_row(root / ".cache", "summary")
        assert recorded["output"] == folder_listing(root / "build"), f"round {number}: {made}"


FRONT_MATTERS = {  # (each with a value on several lines, where its format allows one)
    "header lines": "Title: Old\nSummary: one\n  two\nTags: a\nDate: 2020-01-01 10:00\n\nOld.\n",
    "header lines and ---": "Title: Old\nDate: 2020-01-01 10:00\n---\nOld.\n",
    "toml": '+++\ntitle = "Old"\ntags = [\n  "a",\n]\ndate = 2020-01-01\n[params]\n'
            'title = "kept"\n+++\nOld.\n',
    "yaml": "---\ntitle: Old\ndate: 2020-01-01\n---\nOld.\n",
}


@pytest.mark.parametrize("name", FRONT_MATTERS)
def test_random_front_matter_edits_keep_the_sources_format(tmp_path: Path, name: str) -> None:
    """The random edits change a source's front matter as it writes it (Pelican's header
    lines, Hugo's TOML, YAML), not by putting YAML above it: the engine then reads every
    edited value, and the body after it."""
    drafts = set()
    for seed in range(1, 6):
        root = write_site(tmp_path / str(seed), {"content/posts/old.md": FRONT_MATTERS[name]})
        source = root / "content/posts/old.md"
        edits = RandomEdits(root, seed)
        for edit in (edits.title, edits.tags, edits.summary, edits.date, edits.draft,
                     edits.opening):
            edit()
        text = source.read_text(encoding="utf-8")
        assert text[:3] == FRONT_MATTERS[name][:3], text
        meta = validate_meta(split_source(text, source), source, dt.UTC)
        assert meta["title"] in ("Short", "A <b> & c", "Post 3"), text
        assert meta["summary"] in ("Short.", "Two <i>words</i>."), text
        assert set(meta["tags"]) <= {"t0", "t1", "common", "fresh"}, text
        assert meta["date"].year in (2023, 2024, 2999), text
        assert meta.get("params", {"title": "kept"}) == {"title": "kept"}, text
        assert split_source(text, source).body.strip().split("\n\n") == [
            f"An opening {n} of *it*." for n in range(3)
            if f"An opening {n}" in text] + ["Old."], text
        drafts.add(meta["draft"])
    assert drafts == {True, False}  # (both values, in these seeds)
    build_ok(root)


def inodes(out: Path) -> dict[str, int]:
    """Every file of a build by inode (the same inode: the file was reused, not written)."""
    return {path.relative_to(out).as_posix(): path.stat().st_ino
            for path in out.rglob("*") if path.is_file()}


def test_an_edit_rewrites_only_the_files_that_show_what_changed(tmp_path: Path) -> None:
    """After a post's body changes, the files that show its body are written again and every
    other file of the last build is reused as it is (a hard link to the same file)."""
    root = write_site(tmp_path / "site", FILES)
    out = build_ok(root)
    before = inodes(out)
    edit_body(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    after = inodes(out)
    rewritten = {name for name in after if after[name] != before.get(name)
                 and not name.startswith("pagefind/")}
    # The post itself, its JSON, and the feeds with full content it is in (site, tags,
    # category); lists show only its summary, which is unchanged.
    assert "posts/post-3/index.html" in rewritten and "api/posts/post-3.json" in rewritten
    assert "feed.xml" in rewritten and "tags/common/feed.xml" in rewritten
    assert not {"index.html", "posts/post-2/index.html", "about/index.html",
                "posts/post-3/card.jpg", "tags/common/index.html", "sitemap.xml"} & rewritten, \
        rewritten
    # (about one file in five: the post, its JSON, the feeds and lists of its section, tags
    # and category)
    assert len(rewritten) < len(after) // 4, sorted(rewritten)
    assert snapshot(out) == clean_build_of(root, tmp_path)


def test_a_template_edit_rewrites_only_the_pages_rendered_with_it(tmp_path: Path) -> None:
    """An edit to post.html writes the post pages again, not the lists, cards, feeds or JSON;
    one to base.html (which every page extends) writes every page; a new template (which may
    take another's place) rebuilds everything. Each build equals a clean one."""
    base = (PROJECT / "templates/base.html").read_text()
    root = write_site(tmp_path / "site", {**FILES, "templates/base.html": base})
    out = build_ok(root)
    before = inodes(out)
    edit_template(root)
    assert build(root).returncode == 0
    after = inodes(out)
    rewritten = {name for name in after if after[name] != before.get(name)
                 and not name.startswith("pagefind/")}
    posts = {f"posts/post-{n}/index.html" for n in range(12)}
    assert rewritten == posts, sorted(rewritten ^ posts)
    assert snapshot(out) == clean_build_of(root, tmp_path)

    (root / "templates/base.html").write_text(base.replace("</body>", "<!-- b --></body>"))
    assert build(root).returncode == 0
    again = inodes(out)
    rewritten = {name for name in again if again[name] != after.get(name)}
    pages = {name for name in again if name.endswith(".html") and name != "404.html"
             and not name.startswith("pagefind/")}
    assert pages <= rewritten and "posts/post-1/card.jpg" not in rewritten
    assert snapshot(out) == clean_build_of(root, tmp_path)

    (root / "templates/unused.html").write_text("{{ 1 }}\n")
    assert build(root).returncode == 0
    last = inodes(out)
    kept = [name for name in last if last[name] == again.get(name)]
    assert not [name for name in kept if not name.startswith(("pagefind/", ".sitegen"))], kept


def test_no_change_rebuild_keeps_build_and_notices_tampering(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES)
    before = snapshot(build_ok(root))
    again = build(root)
    assert "Nothing changed since the last build" in again.stdout
    assert snapshot(root / "build") == before
    (root / "build/about/index.html").write_text("tampered")
    repaired = build(root)
    assert "Nothing changed" not in repaired.stdout
    assert snapshot(root / "build") == before


def test_a_no_change_rebuild_is_answered_before_flask_is_imported(tmp_path: Path) -> None:
    """Nothing to do is known from the files alone: the command answers without importing
    Flask or the engine, with whichever of --root, --out, --jobs (or SITE_ROOT) the last
    build had; any other command line is the full command's to answer."""
    root = write_site(tmp_path / "site", FILES)
    out = tmp_path / "public"
    build_ok(root, "--out", out)
    for extra in ([], ["--jobs", "1"], ["-j2"], ["--jobs=2"]):
        again = run_site("build", "--root", root, "--out", out, *extra,
                         env={"PYTHONPROFILEIMPORTTIME": "1"})
        assert again.returncode == 0 and "Nothing changed" in again.stdout, again.stderr
        imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines()
                    if line.startswith("import time:")}
        assert "sitegen.manifest" in imported
        assert not {"flask", "jinja2", "markdown", "sitegen.load"} & imported, extra
    # The root and the output folder are found as the full command finds them.
    moved = run_site("build", "--out", out, cwd=tmp_path, env={"SITE_ROOT": str(root)})
    assert "Nothing changed" in moved.stdout, moved.stderr
    wrong = run_site("build", "--root", root, "--out", out, "--jobs", "0")
    assert wrong.returncode != 0 and "Nothing changed" not in wrong.stdout
    assert "--jobs" in wrong.stderr
    assert "Nothing changed" not in build(root).stdout  # (into ROOT/build: not built yet)


@pytest.mark.slow
def test_a_scheduled_post_falling_due_triggers_a_build(tmp_path: Path) -> None:
    due = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=10)
    root = write_site(tmp_path / "site", {
        **FILES,
        "content/posts/soon.md": f"---\ntitle: Soon\ndate: {due.isoformat()}\n---\nSoon.\n"})
    out = build_ok(root)
    assert not (out / "posts/soon").exists()
    unchanged = build(root).stdout
    if dt.datetime.now(dt.UTC) < due:  # (a very slow machine may be past it already)
        assert "Nothing changed" in unchanged
    time.sleep(max(0.0, (due - dt.datetime.now(dt.UTC)).total_seconds()) + 0.5)
    result = build(root)
    assert "Nothing changed" not in result.stdout and result.returncode == 0
    assert (out / "posts/soon/index.html").is_file()


def index_inodes(out: Path) -> dict[str, int]:
    """The files of the Pagefind bundles (not shards.json, written each build) by inode."""
    return {path.relative_to(out / "pagefind").as_posix(): path.stat().st_ino
            for path in (out / "pagefind").rglob("*")
            if path.is_file() and path.name != "shards.json"}


@pytest.mark.slow
def test_search_index_is_reused_only_while_the_pages_are_unchanged(tmp_path: Path) -> None:
    """A template edit that changes no page (a Jinja comment) reuses the last Pagefind index,
    file for file; an edit to a page makes Pagefind run again, and a tampered index is
    written again from the bundles the cache keeps."""
    root = write_site(tmp_path / "site", FILES)
    out = build_ok(root)
    first = index_inodes(out)
    assert any("fragment" in name for name in first)

    (root / "templates/post.html").write_text('{% extends "theme/post.html" %}\n{# a note #}\n')
    result = build(root)
    assert "the last index is reused" in result.stderr, result.stderr
    assert index_inodes(out) == first
    assert snapshot(out) == clean_build_of(root, tmp_path)

    edit_body(root)
    result = build(root)
    assert "Indexing the pages for search" in result.stderr, result.stderr
    assert not set(index_inodes(out).values()) & set(first.values())
    assert snapshot(out) == clean_build_of(root, tmp_path)

    fragment = next((out / "pagefind").rglob("*.pf_fragment"))
    fragment.write_bytes(b"tampered")
    (root / "templates/post.html").write_text('{% extends "theme/post.html" %}\n{# again #}\n')
    result = build(root)
    assert "their index is taken from the cache" in result.stderr, result.stderr
    assert snapshot(out) == clean_build_of(root, tmp_path)


PREVIEW_FILES: dict[str, str | bytes] = {
    "content/posts/a.md": "---\ntitle: Post A\ndate: 2024-01-01\ntags: [red]\n---\n"
                          "Intro.\n\n## Setup\n\nSteps.\n",
    "content/posts/b.md": "---\ntitle: Post B\ndate: 2024-01-02\ntags: [blue]\n---\n"
                          "See [setup](a.md#setup) and ![x](img/x.png).\n",
    "content/posts/c.md": "---\ntitle: Post C\ndate: 2024-01-03\ntags: [blue]\n---\nC.\n",
}


def test_preview_reloads_redo_exactly_the_work_whose_inputs_changed(tmp_path: Path) -> None:
    """The preview remembers work between saves (the memos of sitegen/cache.py). Each edit
    below changes an input of another page's work, and that page must show it at once."""
    root = write_site(tmp_path / "site", PREVIEW_FILES)
    client = site_app.create_app(root, preview=True).test_client()

    def page(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        return html.unescape(response.get_data(as_text=True))

    assert "link to a missing file 'img/x.png'" in page("/posts/b/")
    assert "Post C" in page("/posts/b/")  # related: shares the tag blue

    (root / "content/posts/img").mkdir()
    Image.new("RGB", (30, 20)).save(root / "content/posts/img/x.png")
    b_page = page("/posts/b/")
    assert "missing file" not in b_page  # a new file under content/ fixes another page's link
    assert 'width="30" height="20"' in b_page

    a = root / "content/posts/a.md"
    a.write_text(a.read_text().replace("## Setup", "## Install"))
    assert "has no anchor '#setup'" in page("/posts/b/")  # an anchor gone from another page
    a.write_text(a.read_text().replace("## Install", "## Setup"))
    assert "no anchor" not in page("/posts/b/")

    c = root / "content/posts/c.md"
    c.write_text(c.read_text().replace("tags: [blue]", "tags: [green]"))
    a.write_text(a.read_text().replace("tags: [red]", "tags: [blue]"))
    b_page = page("/posts/b/")
    related = b_page[b_page.index("Related"):] if "Related" in b_page else b_page
    assert "Post A" in related and "Post C" not in related  # related posts follow the tags

    (root / "site.toml").write_text((root / "site.toml").read_text().replace(
        'title = "Test Site"', 'title = "Renamed Site"'))
    assert "Renamed Site" in page("/posts/a/")

    a.write_text(a.read_text().replace("Steps.", "Steps, edited."))
    assert "Steps, edited." in page("/posts/a/")
    assert "Steps, edited." not in page("/posts/b/")


def every_page(app: Flask) -> dict[str, bytes]:
    """Every URL of a preview app, as it serves it now."""
    return served_pages(app, site_app.all_urls)


def test_a_saved_body_is_reloaded_alone_and_every_page_is_as_a_whole_loads(
        tmp_path: Path) -> None:
    """The preview takes a save that changes only a body without loading the site again
    (sitegen.load.reload_body); any other save loads it all. After each save below, every
    page it serves must be byte for byte what a preview that loads the site afresh serves."""
    root = write_site(tmp_path / "site", {
        **FILES, **PREVIEW_FILES,
        "content/posts/d.md": "---\ntitle: Post D\ndate: 2024-02-01\ntags: [red]\n---\n"
                              "First paragraph of D.\n\n<!--more-->\n\nThe rest.\n"})
    app = site_app.create_app(root, preview=True)
    state = app.extensions["sitegen"]
    every_page(app)
    a, d = root / "content/posts/a.md", root / "content/posts/d.md"
    guide = root / "content/docs/guide.md"
    saves: list[tuple[str, Callable[[], None], bool]] = [
        ("the text of a body", lambda: a.write_text(a.read_text() + "\nMore steps.\n"), True),
        ("the summary's paragraph", lambda: d.write_text(
            d.read_text().replace("First paragraph", "A new first paragraph")), True),
        ("a link and code", lambda: a.write_text(
            a.read_text() + "\nSee [C](c.md).\n\n```python\nx = 1\n```\n"), True),
        ("two bodies at once", lambda: (a.write_text(a.read_text() + "\nAgain.\n"),
                                        d.write_text(d.read_text() + "\nAgain.\n")), True),
        ("a new heading (an anchor)", lambda: a.write_text(a.read_text() + "\n## More\n"),
         False),
        ("a heading that another page links to, gone",
         lambda: a.write_text(a.read_text().replace("## Setup\n", "")), False),
        ("a broken link", lambda: a.write_text(a.read_text() + "\n[x](nowhere.md)\n"), False),
        ("the title", lambda: d.write_text(d.read_text().replace("Post D", "Post Dee")), False),
        ("a page with a snippet", lambda: guide.write_text(guide.read_text() + "\nEnd.\n"),
         False),
    ]
    for name, save, quick in saves:
        before = state.quick_reloads
        time.sleep(0.01)  # (a file's time must change)
        save()
        pages = every_page(app)
        assert state.quick_reloads == before + quick, name
        assert pages == every_page(site_app.create_app(root, preview=True)), name


def test_a_preview_whose_bodies_a_build_let_go_takes_a_save_with_a_broken_link(
        tmp_path: Path) -> None:
    """A preview that took its entries from the cache file reads their bodies from there,
    and a build may let some go meanwhile (those of texts it no longer has). A body saved
    with a broken link is taken in, its link's line found in the body as saved (not in the
    one before the save, which is gone): every page is as a fresh preview serves it."""
    b = "content/posts/b.md"  # (without its missing image: the build must succeed)
    root = write_site(tmp_path / "site", {**FILES, **PREVIEW_FILES, b: str(
        PREVIEW_FILES[b]).replace(" and ![x](img/x.png)", "")})
    assert build(root).returncode == 0
    app = site_app.create_app(root, preview=True)
    every_page(app)
    Cache(root / ".cache").keep_only(BODIES, [])  # (as a build of other texts would)
    a = root / "content/posts/a.md"
    a.write_text(a.read_text() + "\nSee [gone](c.md#nowhere).\n")
    pages = every_page(app)
    assert b"nowhere" in pages["/posts/a/"]
    assert pages == every_page(site_app.create_app(root, preview=True))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_random_runs_of_saves_preview_as_a_fresh_preview_does(tmp_path: Path, seed: int) -> None:
    """After each round of random edits (tests/fuzz_rebuilds.py), a running preview serves
    every page byte for byte as a preview that loads the site afresh; a round that stops
    the site is shown by both, and once undone, the preview serves the site again."""
    root = write_site(tmp_path / "site", {**FILES, **PREVIEW_FILES})
    app = site_app.create_app(root, preview=True)
    every_page(app)
    edits, quick = RandomEdits(root, seed), 0
    for number in range(RANDOM_ROUNDS):
        made = edits.round()
        before = app.extensions["sitegen"].quick_reloads
        assert check_preview(app, site_app.create_app, site_app.all_urls, root) == "", \
            f"round {number}: {made}"
        quick += app.extensions["sitegen"].quick_reloads - before
        if app.test_client().get("/").status_code != 200:
            edits.undo_round()
            assert app.test_client().get("/").status_code == 200, f"round {number}: {made}"
            assert check_preview(app, site_app.create_app, site_app.all_urls, root) == ""
    assert quick > 0  # (some rounds' saves were taken in by reloading a body alone)


def test_editing_one_post_reindexes_only_its_search_shard(tmp_path: Path) -> None:
    """With shards of two pages, one post's edit re-runs Pagefind for one shard only; the
    other shards' files are the very same files (hard links), and the result still equals a
    clean build."""
    root = write_site(tmp_path / "site", FILES)
    site_toml = root / "site.toml"
    site_toml.write_text(site_toml.read_text() + "\n[build]\nsearch_shard_pages = 2\n")
    out = build_ok(root)
    shards = json.loads((out / "pagefind" / "shards.json").read_text())
    assert len(shards) >= 4
    before = index_inodes(out)

    edit_body(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert f"Indexing the pages for search (1 of {len(shards)} shards;" in result.stderr
    after = index_inodes(out)
    changed = {name.split("/")[0] for name in after if after[name] != before.get(name)}
    assert len(changed) == 1, changed  # one shard's bundle, rewritten
    # The build found its pages by what it wrote and reused, not in the folder: the same
    # pages, digests and marks as a look at every file of the folder finds.
    state = read_state(Cache(root / ".cache"))
    assert state is not None and state.search["pages"] == page_digests(out)
    assert len(state.search["pages"]) > 5
    # So is the listing for the no-change check, the kept bundles listed while Pagefind
    # wrote the other: the next build has nothing to do.
    summary = read_state_row(root / ".cache", "summary")
    assert summary["output"] == folder_listing(out)
    assert "is up to date" in build(root).stdout
    assert snapshot(out) == clean_build_of(root, tmp_path)


EARLY = "begun before the build was planned"


def test_an_edit_starts_indexing_its_shard_before_the_build_is_planned(
        tmp_path: Path) -> None:
    """An edit to a part that one page includes (its source unchanged: no shard is begun
    before the load): Pagefind starts on the page's shard as soon as the site is loaded,
    and the build takes that shard; the output equals a clean build's. An edit that other
    pages of the shard show (a title: its neighbours' links) makes another shard than the
    one begun: the build indexes the shard it made, and the one begun leaves nothing
    behind."""
    root = write_site(tmp_path / "site", FILES)  # (one shard: every page in it)
    out = build_ok(root)
    assert json.loads((out / "pagefind" / "shards.json").read_text()) == ["0/"]

    part = root / "content/docs/_parts/shared.md"
    part.write_text("An included part, edited.\n")
    assert f"(1 of 1 shard; 1 {EARLY})" in rebuilt(root, tmp_path)

    edit_title(root)
    assert "Indexing the pages for search (1 of 1 shard) ..." in rebuilt(root, tmp_path)
    assert not list(root.glob(".build-tmp-*"))
    assert len(Cache(root / ".cache").all(BUNDLES)) == 1


def rebuilt(root: Path, scratch: Path) -> str:
    """Build ``root`` again, which must succeed and equal a clean build (made in
    ``scratch``); return what the build said."""
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "build") == clean_build_of(root, scratch)
    return result.stderr


WAITED = "begun before the site loaded"


def test_a_saved_post_s_shard_is_begun_before_the_site_loads(tmp_path: Path) -> None:
    """A post saved after its sources settled (the no-change check knows the others by their
    stats): Pagefind starts on its shard before the site loads, reading the shard's other
    pages, and reads the post's page from a pipe once the build has rendered it; the output
    equals a clean build's. A title's edit changes other pages too: the shard begun waits
    for the page in vain, is stopped, and leaves nothing behind. So is a shard begun for a
    post whose front matter stops the build."""
    root = write_site(tmp_path / "site", FILES)
    time.sleep(2.2)  # (a file saved in the last two seconds is read again by every build)
    out = build_ok(root)

    edit_body(root)
    assert f"(1 of 1 shard; 1 {WAITED})" in rebuilt(root, tmp_path)

    edit_title(root)
    assert "Indexing the pages for search (1 of 1 shard) ..." in rebuilt(root, tmp_path)
    assert not list(root.glob(".build-tmp-*"))

    # A post saved just before a build, then another: the first counts as changed no more.
    edit_summary(root)
    build_ok(root)
    edit_tags(root)  # (a change other pages show: the shard begun is not taken)
    result = build(root)
    assert result.returncode == 0, result.stderr
    post = root / "content/posts/post-5.md"
    post.write_text(post.read_text().replace("Body of post 5.", "A new body for post 5."))
    assert f"(1 of 1 shard; 1 {WAITED})" in rebuilt(root, tmp_path)

    time.sleep(2.2)
    before = snapshot(out)
    post = root / "content/posts/post-3.md"
    post.write_text(post.read_text().replace("title: Post 3", "title: [Post 3"))
    result = build(root)
    assert result.returncode != 0 and "post-3.md" in result.stderr, result.stderr
    assert snapshot(out) == before and not list(root.glob(".build-tmp-*"))


# Runs site.py's command line (argv[1:]) as `python site.py` does, and prints, in order, the
# first import of Flask and each process started, as Python's audit hooks see them.
SEEN_IN_ORDER = """\
import runpy, sys

def seen(event, args):
    if event == "import" and args[0] == "flask":
        print("import flask", file=sys.stderr, flush=True)
    elif event == "subprocess.Popen":
        print("process", *map(str, args[1] or [args[0]]), file=sys.stderr, flush=True)

site_py = sys.argv[1]
sys.argv = sys.argv[1:]
sys.addaudithook(seen)
runpy.run_path(site_py, run_name="__main__")
"""


def test_pagefind_begins_on_a_saved_post_s_shard_before_flask_is_imported(
        tmp_path: Path) -> None:
    """``site.py`` begins a build with work to do before it imports Flask and the engine
    (0.2 s): Pagefind starts on the saved post's shard while the imports run on the other
    core. The build then takes what was begun, and equals a clean build."""
    root = write_site(tmp_path / "site", FILES)
    time.sleep(2.2)  # (a file saved in the last two seconds is read again by every build)
    build_ok(root)
    edit_body(root)
    result = subprocess.run([sys.executable, "-c", SEEN_IN_ORDER, str(SITE_PY), "build",
                             "--root", str(root)], capture_output=True, text=True,
                            cwd=PROJECT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"(1 of 1 shard; 1 {WAITED})" in result.stderr
    seen = [line for line in result.stderr.splitlines()
            if line == "import flask" or line.startswith("process ")]
    pagefind = next(n for n, line in enumerate(seen) if "pagefind" in line)
    assert pagefind < seen.index("import flask"), seen
    assert snapshot(root / "build") == clean_build_of(root, tmp_path)


def test_a_build_into_a_folder_another_build_holds_says_so(tmp_path: Path) -> None:
    """While another build holds the output folder's lock, a build (begun before the imports
    or not) says so in one line, leaves build/ as it was and nothing beside it, and begins
    no search index."""
    root = write_site(tmp_path / "site", FILES)
    time.sleep(2.2)
    out = build_ok(root)
    edit_body(root)
    before = snapshot(out)
    with lock_file(out).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"another build into {out} is running; wait for it to finish" in result.stderr
    assert "Indexing" not in result.stderr
    assert snapshot(out) == before and not list(root.glob(".build-tmp-*"))
    assert f"(1 of 1 shard; 1 {WAITED})" in rebuilt(root, tmp_path)


def test_a_build_begun_but_not_run_is_ended_whole(tmp_path: Path) -> None:
    """A build begun (its lock taken, Pagefind started on a saved post's shard) that the
    command does not run is ended: Pagefind stopped and its folder removed, the lock
    released for the next build, which equals a clean one."""
    root = write_site(tmp_path / "site", FILES)
    time.sleep(2.2)
    out = build_ok(root)
    edit_body(root)
    begun = buildstart.begin_build(check_build(root.resolve(), out.resolve(), PROJECT), 2)
    (shard,) = begun.early.waiting.values()
    assert shard.process.poll() is None and list(root.glob(".build-tmp-early-*"))
    with pytest.raises(buildstart.BuildLockedError):
        buildstart.begin_build(check_build(root.resolve(), out.resolve(), PROJECT), 2)
    begun.close()
    assert shard.process.poll() is not None and not list(root.glob(".build-tmp-*"))
    assert f"(1 of 1 shard; 1 {WAITED})" in rebuilt(root, tmp_path)


def test_the_no_change_check_keeps_the_processes_the_command_line_asks_for(
        tmp_path: Path) -> None:
    """The build begun before the imports starts as many shards at most as the build will
    have processes: those of ``--jobs`` (or ``-jN``), else of ``JOBS``, else one per core."""
    root = write_site(tmp_path / "site", FILES)
    asked: list[tuple[list[str], dict[str, str], int | None]] = [
        (["-j3"], {}, 3), (["--jobs", "2"], {"JOBS": "5"}, 2), (["--jobs=4"], {}, 4),
        ([], {"JOBS": "6"}, 6), ([], {}, None)]
    for options, environ, jobs in asked:
        checked = check_command_line(["build", "--root", str(root), *options], PROJECT, environ)
        assert checked is not None and checked.jobs == jobs, (options, environ)
    assert check_command_line(["build", "--root", str(root), "-j0"], PROJECT, {}) is None


# A hooks.py that lets a page show the priority (`nice`) of the process that renders it.
SHOWS_PRIORITY = """\
import os


def init_app(app):
    app.jinja_env.globals["priority"] = lambda: os.getpriority(os.PRIO_PROCESS, 0)
"""


def test_once_pagefind_has_the_page_it_waited_for_the_build_yields_to_it(
        tmp_path: Path) -> None:
    """Pagefind begun before the load reads the other pages at a lower priority, so that the
    load goes first. Once it has the post's page, the build waits for it: from then on the
    build renders pages at a priority lower still, and Pagefind gets the cores first."""
    files = {**FILES, "hooks.py": SHOWS_PRIORITY, "templates/post.html":
             '{% extends "theme/post.html" %}\n'
             '{% block title %}{{ priority() }} {{ super() }}{% endblock %}\n'}
    root = write_site(tmp_path / "site", files)
    time.sleep(2.2)  # (a file saved in the last two seconds is read again by every build)
    out = build_ok(root)
    page = out / "posts/post-3/index.html"
    assert soup(page).title.string.startswith(f"{os.getpriority(os.PRIO_PROCESS, 0)} ")
    edit_body(root)
    build_ok(root)
    assert soup(page).title.string.startswith(f"{YIELDING_NICENESS} ")


def test_a_shard_begun_for_a_post_is_stopped_once_every_page_changes(tmp_path: Path) -> None:
    """A post's body edited with a file every page links to (a stylesheet): its page is
    handed to Pagefind as soon as the site is loaded, before the build takes the site's
    frame. That frame is not the last build's (every page is written anew): the shard begun
    is stopped, and the build keeps its own priority. It indexes the shard it made, and
    equals a clean build."""
    files = {**FILES, "hooks.py": SHOWS_PRIORITY, "templates/post.html":
             '{% extends "theme/post.html" %}\n'
             '{% block title %}{{ priority() }} {{ super() }}{% endblock %}\n'}
    root = write_site(tmp_path / "site", files)
    out = build_ok(root)
    edit_body(root)
    edit_static(root)
    assert "Indexing the pages for search (1 of 1 shard) ..." in rebuilt(root, tmp_path)
    assert not list(root.glob(".build-tmp-*"))
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert soup(out / "posts/post-3/index.html").title.string.startswith(f"{own} ")


def test_a_shard_is_begun_early_only_from_the_very_pages_the_last_build_indexed(
        tmp_path: Path) -> None:
    """A page of build/ edited by hand is not the file the last build indexed: no shard that
    holds it is begun before the build is planned (Pagefind would read the edited page);
    the build writes the page again and indexes the shard as it made it."""
    root = write_site(tmp_path / "site", FILES)
    out = build_ok(root)
    about = out / "about" / "index.html"
    about.write_bytes(about.read_bytes().replace(b"About.", b"Tampered."))
    edit_body(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Indexing the pages for search (1 of 1 shard) ..." in result.stderr, result.stderr
    assert snapshot(out) == clean_build_of(root, tmp_path)


@pytest.mark.parametrize("setpriv", ["missing", "without --pdeathsig"])
def test_pagefind_starts_through_python_where_setpriv_cannot_start_it(
        tmp_path: Path, setpriv: str) -> None:
    """Without util-linux's setpriv on the PATH, or with one older than ``--pdeathsig``,
    Pagefind starts through Python (which asks the kernel to end it with the build): the
    same index, a shard begun before the load too."""
    root = write_site(tmp_path / "site", FILES)
    tools = tmp_path / "bin"
    tools.mkdir()
    if setpriv != "missing":  # (util-linux before 2.33)
        old = tools / "setpriv"
        old.write_text("#!/bin/sh\necho \"setpriv: unrecognized option '--pdeathsig'\" >&2\n"
                       "exit 1\n")
        old.chmod(0o755)
    no_setpriv = {"PATH": str(tools)}
    result = run_site("build", "--root", root, env=no_setpriv)
    assert result.returncode == 0, result.stderr
    edit_body(root)
    result = run_site("build", "--root", root, env=no_setpriv)
    assert result.returncode == 0, result.stderr
    assert f"(1 of 1 shard; 1 {WAITED})" in result.stderr, result.stderr
    assert snapshot(root / "build") == clean_build_of(root, tmp_path)


def test_a_build_with_the_cache_kept_and_a_new_build_folder_takes_the_search_index_from_it(
        tmp_path: Path) -> None:
    """As in a CI job that keeps only ``.cache/``: the sources checked out anew (new file
    times), no ``build/`` and no build before it. The shards whose pages are unchanged are
    written from the bundles the cache keeps (Pagefind runs for none; after one post's edit,
    for its shard only), and each build equals a clean one."""
    root = write_site(tmp_path / "site", FILES)
    site_toml = root / "site.toml"
    site_toml.write_text(site_toml.read_text() + "\n[build]\nsearch_shard_pages = 2\n")
    out = build_ok(root)
    shards = len(json.loads((out / "pagefind" / "shards.json").read_text()))
    assert shards >= 4

    def check_out_anew() -> None:
        shutil.rmtree(out)
        for leftover in root.glob(".build*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        for path in root.rglob("*"):
            if ".cache" not in path.relative_to(root).parts:
                os.utime(path)

    check_out_anew()
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Search index: the pages are unchanged, their index is taken from the cache." \
        in result.stderr, result.stderr
    assert snapshot(out) == clean_build_of(root, tmp_path)

    edit_body(root)
    check_out_anew()
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert f"(1 of {shards} shards; {shards - 1} from the cache)" in result.stderr, result.stderr
    assert snapshot(out) == clean_build_of(root, tmp_path)
    # The cache keeps a bundle for each shard of the last build, and none once search is off.
    assert len(Cache(root / ".cache").all(BUNDLES)) == shards
    site_toml.write_text("search = false\n" + site_toml.read_text())
    build_ok(root)
    assert Cache(root / ".cache").all(BUNDLES) == {}


def write_pages(folder: Path, count: int) -> None:
    """``count`` small pages for Pagefind, each with a word of its own."""
    for number in range(count):
        page = folder / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="en"><body><main data-pagefind-body><h1>Page {number}</h1>'
                        f"<p>The words of page {number}.</p></main></body></html>")


def test_the_cache_keeps_a_search_bundle_only_whole_and_as_its_build_recorded(
        tmp_path: Path) -> None:
    """A bundle changed or cut short since Pagefind wrote it is not kept; an entry of the
    cache that is not a whole bundle is taken for none (its shard is indexed again); and an
    index made of bundles from the cache equals one Pagefind makes of the same pages."""
    folder, again, clean = tmp_path / "build", tmp_path / "again", tmp_path / "clean"
    for each in (folder, again, clean):
        write_pages(each, 12)
    cache = Cache(tmp_path / "cache")
    job = start_index(folder, pages_per_shard=3, jobs=2, cache=cache)
    job.wait()
    first, second, *rest = job.shards
    assert rest
    (folder / "pagefind" / str(first.number) / "pagefind-entry.json").unlink()
    (folder / "pagefind" / str(second.number) / "pagefind-entry.json").write_text("{}")
    assert keep_bundles(cache, job, folder) == []
    assert cache.has(BUNDLES, [shard.digest for shard in job.shards]) == \
        {shard.digest for shard in rest}

    cache.put(BUNDLES, {first.digest: {"fragment/x.pf_fragment": b"only part of a bundle"}})
    taken = start_index(again, pages_per_shard=3, jobs=2, cache=cache)
    assert set(taken.running) == {first.number, second.number}
    assert sorted(taken.cached_shards) == sorted(shard.number for shard in rest)
    taken.wait()
    start_index(clean, pages_per_shard=3, jobs=2).wait()
    assert snapshot(again / "pagefind") == snapshot(clean / "pagefind")


def test_an_index_job_says_when_pagefind_runs_on_its_first_shards(tmp_path: Path) -> None:
    """A rebuild pickles its record only once Pagefind runs (before, the shards' threads
    link their pages, Python work that the pickling would hold back): ``wait_launched``
    returns once Pagefind has started on as many shards as run at once."""
    folder = tmp_path / "build"
    write_pages(folder, 12)
    job = start_index(folder, pages_per_shard=3, jobs=2)
    assert len(job.shards) >= 3
    job.wait_launched()
    assert len(job.processes) >= 2  # (the other shards wait for one of them to end)
    record = job.wait()
    assert len(record["shards"]) == len(job.processes) == len(job.shards)
    assert len(json.loads((folder / "pagefind/shards.json").read_text())) == len(job.shards)


def test_a_shard_begun_early_is_taken_as_pagefind_made_it_or_else_stopped(
        tmp_path: Path) -> None:
    """A shard begun before the build is planned, from the page the build will write and the
    last build's others, gives the bundle Pagefind makes of the build's own pages when the
    build makes the very same shard; a shard begun and not taken is stopped and its folder
    removed."""
    last = tmp_path / "build"
    write_pages(last, 6)
    recorded = start_index(last, jobs=2).wait()
    page = (last / "p2/index.html").read_bytes().replace(b"words of", b"new words of")

    early = start_early(last, recorded, {"p2/index.html": page}, jobs=2)
    assert len(early.started) == 1
    new = tmp_path / "new"
    shutil.copytree(last, new, ignore=shutil.ignore_patterns("pagefind"))
    (new / "p2/index.html").write_bytes(page)
    job = start_index(new, last, recorded, jobs=2, early=early)
    assert job.early_shards == [0] and not early.started
    job.wait()
    job.close()
    fresh = tmp_path / "fresh"
    shutil.copytree(new, fresh, ignore=shutil.ignore_patterns("pagefind"))
    start_index(fresh, jobs=2).wait()
    assert snapshot(new / "pagefind") == snapshot(fresh / "pagefind")

    early = start_early(last, recorded, {"p2/index.html": page + b"<p>more</p>"}, jobs=2)
    (started,) = early.started.values()
    job = start_index(new, last, recorded, jobs=2, early=early)  # (another page: not taken)
    assert job.early_shards == [] and len(early.started) == 1
    early.stop()
    assert started.process.returncode is not None and not started.folder.exists()
    job.wait()
    assert not list(tmp_path.glob(".build-tmp-*"))


def test_a_shard_begun_before_the_load_reads_the_page_from_its_pipe_or_is_indexed_again(
        tmp_path: Path) -> None:
    """A shard begun before the site loads (for a changed source whose page the last index
    holds) waits for that page: given it, Pagefind makes the bundle it makes of the build's
    own pages. Given other pages than it waits for, it is stopped. A Pagefind gone before it
    read the page (killed here) leaves the shard to be indexed again, from the build's
    pages. None of them leaves a folder behind."""
    last = tmp_path / "build"
    write_pages(last, 6)
    job = start_index(last, jobs=2, sources={"/src/p2.md": "p2/index.html"})
    recorded = job.wait()
    assert recorded["sources"] == {"/src/p2.md": "p2/index.html"}
    page = (last / "p2/index.html").read_bytes().replace(b"words of", b"new words of")
    new = tmp_path / "new"
    shutil.copytree(last, new, ignore=shutil.ignore_patterns("pagefind"))
    (new / "p2/index.html").write_bytes(page)
    fresh = tmp_path / "fresh"
    shutil.copytree(new, fresh)
    start_index(fresh, jobs=2).wait()

    assert not start_waiting(last, recorded, ["/src/other.md"], jobs=2).waiting
    early = start_waiting(last, recorded, ["/src/p2.md"], jobs=2)
    (waiting,) = early.waiting.values()
    assert set(waiting.feeds) == {"p2/index.html"}
    # (the load goes first: Pagefind reads the other pages at a lower priority)
    assert os.getpriority(os.PRIO_PROCESS, waiting.process.pid) == WAITING_NICENESS
    early = start_early(last, recorded, {"p2/index.html": page}, jobs=2, early=early)
    assert list(early.started.values()) == [waiting] and not early.waiting
    job = start_index(new, last, recorded, jobs=2, early=early)
    assert job.waited_shards == job.early_shards == [0]
    job.wait()
    job.close()
    assert snapshot(new / "pagefind") == snapshot(fresh / "pagefind")

    early = start_waiting(last, recorded, ["/src/p2.md"], jobs=2)
    (waiting,) = early.waiting.values()
    other = (last / "p3/index.html").read_bytes().replace(b"words of", b"new words of")
    early = start_early(last, recorded, {"p2/index.html": page, "p3/index.html": other},
                        jobs=2, early=early)
    assert waiting not in early.started.values() and not early.waiting
    assert waiting.process.returncode is not None and not waiting.folder.exists()
    early.stop()

    early = start_waiting(last, recorded, ["/src/p2.md"], jobs=2)
    (waiting,) = early.waiting.values()
    waiting.process.kill()
    early = start_early(last, recorded, {"p2/index.html": page}, jobs=2, early=early)
    again = tmp_path / "again"
    shutil.copytree(new, again, ignore=shutil.ignore_patterns("pagefind"))
    job = start_index(again, last, recorded, jobs=2, early=early)
    job.wait()
    job.close()
    assert snapshot(again / "pagefind") == snapshot(fresh / "pagefind")
    assert not list(tmp_path.glob(".build-tmp-*")) and not list(tmp_path.glob("*-search-*"))


def test_a_page_fed_to_a_pipe_says_whether_it_was_read_whole(tmp_path: Path) -> None:
    """A page written into a pipe that a reader reads to its end was read; one that no
    reader opened was not, and its thread ends when asked (it would wait for ever)."""
    read, unread = tmp_path / "read", tmp_path / "unread"
    os.mkfifo(read)
    os.mkfifo(unread)
    data = b"<p>page</p>" * 20_000  # (more than a pipe holds at once)
    feed, idle = PageFeed(read), PageFeed(unread)
    feed.write(data)
    idle.write(data)
    with open(read, "rb") as pipe:
        assert pipe.read() == data
    assert feed.finish() is True
    assert idle.finish() is False
    assert PageFeed(unread).finish() is False  # (never given a page)


def test_a_shard_begun_early_and_taken_is_stopped_with_the_index(tmp_path: Path) -> None:
    """A shard begun early that the index took but had not yet waited for (one Pagefind at a
    time, another shard first) is stopped with the index: its Pagefind ends and its folder
    goes."""
    last = tmp_path / "build"
    write_pages(last, 12)
    recorded = start_index(last, pages_per_shard=3, jobs=1).wait()
    shards = plan_shards(page_digests(last), 3)
    first, other = shards[0].pages[0], shards[-1].pages[0]
    page = (last / other).read_bytes().replace(b"words of", b"new words of")
    early = start_early(last, recorded, {other: page}, pages_per_shard=3, jobs=1)
    (started,) = early.started.values()

    new = tmp_path / "new"
    shutil.copytree(last, new, ignore=shutil.ignore_patterns("pagefind"))
    (new / other).write_bytes(page)
    (new / first).write_bytes((new / first).read_bytes().replace(b"words", b"other words"))
    job = start_index(new, last, recorded, pages_per_shard=3, jobs=1, early=early)
    assert job.early_shards == [shards[-1].number] and len(job.running) == 2
    job.stop()
    assert started.process.returncode is not None and not started.folder.exists()
    assert not list(tmp_path.glob(".build-tmp-*"))


def test_a_build_from_the_build_before_last_keeps_only_the_search_bundles_it_takes_over(
        tmp_path: Path) -> None:
    """A build that starts from the build before last (its folders are the very same) keeps
    that folder's search bundles that are the last build's own files: those of the shards it
    takes over. Edits to posts of two shards in turn: a shard indexed again never keeps a
    file of its old bundle, and every build equals a clean one."""
    root = write_site(tmp_path / "site", FILES)
    site_toml = root / "site.toml"
    site_toml.write_text(site_toml.read_text() + "\n[build]\nsearch_shard_pages = 2\n")
    out = build_ok(root)
    shard_of = {page: shard.number for shard in plan_shards(page_digests(out), 2)
                for page in shard.pages}
    first, second = [name for name in (f"post-{n}" for n in range(12))
                     if shard_of[f"posts/{name}/index.html"] != shard_of["posts/post-0/index.html"]
                     ][:1] + ["post-0"]
    folder = (out / "posts").stat().st_ino
    for run, name in enumerate([first, second, first, second]):
        post = root / f"content/posts/{name}.md"
        post.write_text(post.read_text() + f"\nEdit {run}, after the summary.\n")
        result = build(root)
        assert result.returncode == 0 and "(1 of" in result.stderr, result.stderr
        assert snapshot(out) == clean_build_of(root, tmp_path), run
    assert (out / "posts").stat().st_ino == folder  # (the folder of the first build, recycled)


def test_rebuilds_that_take_find_s_listing_equal_clean_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site of 2,000 files or more has the build before last listed by find while it loads
    (a smaller one, by the build's own process: as in every other test here). Built in this
    process with find's listing for every site, each rebuild that starts from the build
    before last takes its listing from find (never looking itself), and equals a clean
    build."""
    def looked_here(*arguments: object) -> None:
        raise AssertionError("the build looked at the folder itself")

    monkeypatch.setattr(buildstart, "FIND_FROM", 0)
    monkeypatch.setattr(sitegen.build, "list_folder", looked_here)
    # (this process is the test's: it keeps its priority, whatever Pagefind is given)
    monkeypatch.setattr(earlysearch, "yield_to_pagefind", lambda early: None)
    root = write_site(tmp_path / "site", FILES)
    out = root / "build"

    def build_here() -> None:
        pipeline.build(lambda folder, workers: site_app.create_app(folder, jobs=workers),
                       partial(frozen_urls, generator=site_app.all_urls),
                       check_build(root.resolve(), out.resolve(), PROJECT), 1,
                       lambda message, warning=False: None)

    build_here()
    folder = (out / "posts").stat().st_ino
    for run in range(4):  # (the third and the fourth start from the build before last)
        post = root / "content/posts/post-5.md"
        post.write_text(post.read_text() + f"\nEdit {run}, after the summary.\n")
        build_here()
        assert snapshot(out) == clean_build_of(root, tmp_path), run
    assert (out / "posts").stat().st_ino == folder  # (the folder of the first build, recycled)


@pytest.mark.slow
def test_a_large_site_s_search_pages_are_those_of_build_as_builds_start_from_older_ones(
        tmp_path: Path) -> None:
    """Over 400 URLs, frozen by two processes in a clean build, then edited three times (from
    the third build on, a build starts from the build before last): each time, the pages the
    build recorded for the search index, found by what it wrote and reused, are those a look
    at every file of build/ finds; and the last build equals a clean one."""
    posts = {f"content/posts/post-{n:03}.md":
             f"---\ntitle: Post {n}\ndate: 2024-{1 + n % 12:02}-{1 + n % 28:02}\n"
             f"tags: [t{n % 7}]\n---\nBody of post {n}.\n" for n in range(130)}
    root = write_site(tmp_path / "site", posts)
    out = build_ok(root, "--jobs", "2")
    assert len(list(out.rglob("*"))) > 400
    for run in range(3):
        post = root / "content/posts/post-007.md"
        post.write_text(post.read_text() + f"\nEdit {run}.\n")
        result = build(root, "--jobs", "2")
        assert result.returncode == 0 and "Reusing" in result.stderr, result.stderr
        state = read_state(Cache(root / ".cache"))
        assert state is not None and state.search["pages"] == page_digests(out)
    assert snapshot(out) == clean_build_of(root, tmp_path)


def test_a_shard_with_no_text_is_not_indexed_again_while_its_pages_are_unchanged(
        tmp_path: Path) -> None:
    """A page with an empty body, alone in its shard, gives Pagefind nothing to index: the
    shard is left out of the index, and the next build does not run Pagefind on it again."""
    # (these pages' paths put the blank page alone in its shard)
    files = {name: text for name, text in FILES.items() if "docs/" not in name or
             name.endswith("index.md")}
    root = write_site(tmp_path / "site", {**files, "content/blank.md": "---\ntitle: Blank\n---\n"})
    site_toml = root / "site.toml"
    site_toml.write_text(site_toml.read_text() + "\n[build]\nsearch_shard_pages = 1\n")
    first = build(root)
    assert first.returncode == 0, first.stderr
    indexed = len(json.loads((root / "build/pagefind/shards.json").read_text()))
    shards = int(first.stderr.split("Indexing the pages for search (")[1].split(" of ")[0])
    assert indexed == shards - 1  # the blank page's shard has no index

    edit_body(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert f"Indexing the pages for search (1 of {shards} shards;" in result.stderr
    assert len(json.loads((root / "build/pagefind/shards.json").read_text())) == indexed
    assert snapshot(root / "build") == clean_build_of(root, tmp_path)


def test_a_build_that_fails_half_way_leaves_the_last_build_as_it_was(tmp_path: Path) -> None:
    """A build starts from the build before last (.build-previous), whose unchanged files
    are the very files of build/ (hard links). A template mistake found half-way through
    freezing must leave build/ byte for byte, and file for file, as it was."""
    root = write_site(tmp_path / "site", FILES)
    build_ok(root)
    edit_body(root)
    out = build_ok(root)
    assert (root / ".build-previous").is_dir()
    before, before_inodes = snapshot(out), inodes(out)
    edit_title(root)  # the pages that show post 2's title are frozen again...
    (root / "templates/post.html").write_text(  # ...and post pages fail
        '{% extends "theme/post.html" %}\n{% block title %}{{ page.title | nosuchfilter }}'
        '{% endblock %}\n')
    result = build(root)
    assert result.returncode != 0 and "nosuchfilter" in result.stderr, result.stderr
    assert snapshot(out) == before and inodes(out) == before_inodes
    assert not list(root.glob(".build-tmp-*"))

    (root / "templates/post.html").write_text('{% extends "theme/post.html" %}\n')
    build_ok(root)
    assert snapshot(out) == clean_build_of(root, tmp_path)


# A hooks.py that notes, as the site's content starts to load, what is beside build/.
SEEN_AT_LOAD = """\
import os
from pathlib import Path


def init_app(app):
    root = Path(__file__).parent
    (root.parent / "seen-at-load.txt").write_text(" ".join(sorted(os.listdir(root))))
"""


def test_the_build_before_last_is_deleted_while_the_site_loads_if_no_build_starts_from_it(
        tmp_path: Path) -> None:
    """A build that rewrote most files (a changed title) shares few with the build before
    it, kept as .build-previous: the next build does not start from that folder, and
    deletes it while the site loads (5 s of the file system's time at 10,000 posts), rather
    than after the swap, where the author would wait for it."""
    root = write_site(tmp_path / "site", {**FILES, "hooks.py": SEEN_AT_LOAD})
    seen = tmp_path / "seen-at-load.txt"
    build_ok(root)
    edit_body(root)
    build_ok(root)  # (most of its files are the first build's)
    edit_config(root)
    build_ok(root)  # (few of its files are the last build's)
    assert ".build-previous" in seen.read_text().split()  # (kept until its plan)
    edit_summary(root)
    out = build_ok(root)
    assert ".build-previous" not in seen.read_text().split()
    assert (root / ".build-previous").is_dir() and not list(root.glob(".build-tmp-*"))
    assert snapshot(out) == clean_build_of(root, tmp_path)
    edit_tags(root)  # (this build starts from the one before last again)
    build_ok(root)
    assert ".build-previous" in seen.read_text().split()
    assert snapshot(out) == clean_build_of(root, tmp_path)


def test_work_saved_by_other_code_is_not_reused(tmp_path: Path) -> None:
    """The load's saved work (.cache/cache.sqlite) is keyed by the sources; it is used only
    if this very engine code saved it. Work saved by other code (here: an older engine whose
    titles were all 'POISON') is done again."""
    root = write_site(tmp_path / "site", FILES)
    build_ok(root)
    store = sqlite3.connect(root / ".cache" / "cache.sqlite")
    rows = store.execute("SELECT key, value FROM results WHERE kind = 'memo:entries'").fetchall()
    assert rows, "the load saved its work"
    with store:
        for key, value in rows:
            memo_key, (entry, notes) = pickle.loads(value)
            entry.title = "POISON"
            store.execute("UPDATE results SET value = ? WHERE kind = 'memo:entries' AND key = ?",
                          (pickle.dumps((memo_key, (entry, notes))), key))
        store.execute("UPDATE results SET value = ? WHERE kind = 'code'", (b"an older engine",))
    store.close()
    edit_body(root)
    out = build_ok(root)
    assert not any(b"POISON" in data for data in snapshot(out).values())
    assert snapshot(out) == clean_build_of(root, tmp_path)


def test_a_build_reads_again_only_the_sources_whose_stats_changed(tmp_path: Path) -> None:
    """A build keeps each settled source's digest by its file's stats, and neither it nor
    the no-change check reads that file again while they stay; a save that keeps the size
    and the modification time still changes the change time, and is read."""
    root = write_site(tmp_path / "site", FILES)
    time.sleep(2.2)  # (a file saved in the last two seconds is read again by every build)
    build_ok(root)

    def known_sources() -> set[tuple[str, tuple[int, int, int]]]:
        """The sources whose texts the cache knows, with the stats it knows them by."""
        with sqlite3.connect(root / ".cache" / "cache.sqlite") as store:
            rows = store.execute(
                "SELECT value FROM results WHERE kind = 'memo:sources'").fetchall()
        keys = (pickle.loads(value)[0] for value, in rows)
        return {(Path(name).name, stats) for name, stats in keys}

    def checked_files() -> set[str]:
        """The sources the no-change check knows by their stats."""
        with sqlite3.connect(root / ".cache" / "cache.sqlite") as store:
            value, = store.execute("SELECT value FROM results WHERE kind = 'state' "
                                   "AND key = ?", (repr("summary"),)).fetchone()
        return {Path(name).name for name, (stats, _) in pickle.loads(value)[1]["files"].items()
                if name.startswith(f"{root}/content/") and stats != UNSETTLED}

    sources = {path.name for path in (root / "content").rglob("*.md")
               if "/_" not in path.as_posix()}  # (not the included _parts/)
    assert {name for name, _ in known_sources()} == sources
    assert checked_files() == sources | {"shared.md"}
    post = root / "content/posts/post-3.md"
    original, stats = post.read_text(), post.stat()
    post.write_text(original.replace("Body of post 3.", "Body of post X."))
    os.utime(post, ns=(stats.st_atime_ns, stats.st_mtime_ns))
    assert (post.stat().st_size, post.stat().st_mtime_ns) == (stats.st_size, stats.st_mtime_ns)
    out = build_ok(root)
    assert "Body of post X." in (out / "posts/post-3/index.html").read_text()
    saved = (post.stat().st_mtime_ns, post.stat().st_size, post.stat().st_ctime_ns)
    assert ("post-3.md", saved) not in known_sources()  # (saved just now: not settled)
    assert checked_files() == (sources | {"shared.md"}) - {"post-3.md"}
    assert snapshot(out) == clean_build_of(root, tmp_path)


@pytest.mark.slow
def test_values_that_print_alike_are_told_apart(tmp_path: Path) -> None:
    """A template may tell `note: null` from `note: "None"` (or 1 from "1"): a field whose
    value changed between two such values is a changed field."""
    root = write_site(tmp_path / "site", {
        **FILES,
        "content/about.md": "---\ntitle: About\nnote: null\n---\nAbout.\n",
        "templates/page.html": '{% extends "theme/page.html" %}\n{% block title %}'
                               "{{ 'none' if page.meta.note is none else 'text' }}"
                               "{% endblock %}\n"})
    build_ok(root)
    about = root / "content/about.md"
    for old, new in (("note: null", 'note: "None"'), ('note: "None"', "note: 1"),
                     ("note: 1", 'note: "1"')):
        about.write_text(about.read_text().replace(old, new))
        out = build_ok(root)
        assert snapshot(out) == clean_build_of(root, tmp_path), new


def test_a_change_to_the_card_drawing_code_redraws_every_card(tmp_path: Path) -> None:
    """Social cards are cached by their text; the cache is emptied when the engine's code
    changes, so an edit to the drawing code gives the cards a clean build would draw."""
    engine = tmp_path / "engine"
    engine.mkdir()
    for name in ("site.py", "requirements.txt"):
        shutil.copy(PROJECT / name, engine / name)
    for folder in ("sitegen", "templates", "static"):
        shutil.copytree(PROJECT / folder, engine / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    root = write_site(tmp_path / "site", FILES)

    def build_with_engine(site_root: Path) -> Path:
        result = subprocess.run([sys.executable, str(engine / "site.py"), "build", "--root",
                                 str(site_root)], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return site_root / "build"

    card = "posts/post-3/card.jpg"
    before = (build_with_engine(root) / card).read_bytes()
    cards = engine / "sitegen" / "cards.py"
    assert '"#0f172a"' in cards.read_text()
    cards.write_text(cards.read_text().replace('"#0f172a"', '"#3b0764"'))  # another background
    after = (build_with_engine(root) / card).read_bytes()
    shutil.copytree(root, tmp_path / "clean",
                    ignore=shutil.ignore_patterns("build", ".cache", ".build*"))
    clean = (build_with_engine(tmp_path / "clean") / card).read_bytes()
    assert after == clean and after != before
