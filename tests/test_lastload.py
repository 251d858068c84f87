"""The load a build keeps for the next one (``sitegen/lastload.py``): a rebuild after edits of
bodies only restores it and takes the edited bodies in place. A restored load must equal a
whole load of the same sources, field for field, and its build a clean build, byte for byte;
any other change loads the site whole."""
from __future__ import annotations

import gc
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFAULT_CONFIG, build, build_ok, site_app, snapshot, write_site
from fuzz_rebuilds import clean_build
from sitegen.app import loaded_site
from sitegen.bodies import LINKS_HTML, BodyPlaces
from sitegen.build import frozen_urls
from sitegen.buildstate import site_entries
from sitegen.cache import FILE, Cache
from sitegen.config import SiteConfig
from sitegen.entries import ChangedSource
from sitegen.fingerprint import SETTLED_NS, stat_files
from sitegen.lastload import (
    KEPT,
    KeptLoad,
    _pickled,
    _unpickled,
    forget_load,
    keep_load,
    restore_load,
)
from sitegen.links import LinkContext
from sitegen.models import Entry, Site, Term
from sitegen.render_cache import HTML

TOOK = "Took a past build's load"
EXTENSIONS = '[markdown]\nextensions = ["nl2br"]\n'
POSTS = {f"content/posts/post-{n}.md":
         f"---\ntitle: Post {n}\ndate: 2024-0{1 + n % 9}-1{n % 9}\ntags: [t{n % 3}, common]\n"
         f"category: c{n % 2}\n---\nBody of post {n}, see [the next](post-{(n + 1) % 8}.md).\n"
         f"\n<!--more-->\n\n## Part {n}\n\n```python\nx = {n}\n```\n\n![a figure](/fig.png)\n"
         for n in range(8)}
FILES: dict[str, str | bytes] = {
    **POSTS,
    "content/about.md": "---\ntitle: About\n---\nAbout, with [a post](posts/post-2.md).\n",
    "content/docs/index.md": "---\ntitle: Docs\n---\nDocs.\n\n## Install\n\nText.\n",
    "content/docs/guide.md": "# Guide\n\nSee [install](index.md#install).\n",
    "content/fig.png": b"\x89PNG\r\n\x1a\n",
    "content/index.md": "---\ntitle: Home\n---\nWelcome, see [the about page](about.md).\n",
    "content/posts/draft.md": "---\ntitle: Draft\ndate: 2024-02-02\ndraft: true\n---\nNot yet.\n",
    # A page that includes another page and a text file:
    "content/docs/part.md": "A part, included.\n",
    "content/docs/note.txt": "A note, included.\n",
    "content/docs/whole.md": '# Whole\n\n--8<-- "docs/part.md"\n\n--8<-- "note.txt"\n',
}


def settle() -> None:
    """Wait until the files just written have settled: the kept load trusts the stats only
    of files saved two seconds or more before it was made (see
    :data:`sitegen.fingerprint.SETTLED_NS`)."""
    time.sleep(SETTLED_NS / 1e9 + 0.1)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def assert_loaded_whole_like_a_clean_build(root: Path, tmp_path: Path) -> None:
    """Build ``root``: the site is loaded whole (no load restored), and the build is byte
    for byte a clean build of the same sources."""
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert TOOK not in result.stderr
    built, out = clean_build(root, tmp_path)
    assert built.returncode == 0
    assert snapshot(root / "build") == snapshot(out)


def fields(entry: Entry) -> dict[str, Any]:
    """Every field of an entry as a page can read it (its HTML and body read)."""
    values = {name: value for name, value in vars(entry).items()
              if name not in ("_html", "_body", "_toc", "previous", "next", "related",
                              "tags", "category", "author")}
    values.update(html=entry.html, body=entry.body, toc=entry.toc,
                  previous=entry.previous.url if entry.previous else None,
                  next=entry.next.url if entry.next else None,
                  related=[other.url for other in entry.related],
                  tags=[tag.slug for tag in entry.tags],
                  category=entry.category.slug if entry.category else None,
                  author=entry.author.key if entry.author else None)
    return values


def site_fields(site: Site) -> dict[str, Any]:
    return {"entries": {entry.url: fields(entry) for entry in site_entries(site)},
            "warnings": site.warnings, "assets": sorted(site.assets),
            "posts": [entry.url for entry in site.posts],
            "tags": {slug: [entry.url for entry in term.entries]
                     for slug, term in site.tags.items()},
            "next_scheduled": site.next_scheduled, "source_count": site.source_count,
            "cards": sorted(site.cards), "aliases": sorted(site.aliases)}


def loaded(root: Path) -> tuple[Site, list[str]]:
    """The site as a build loads it (restored, if it can be), and the sources restored."""
    state = loaded_site(site_app.create_app(root, jobs=1))
    return state.site, (state.kept.edited if state.kept is not None else [])


def urls_kept_and_listed(root: Path) -> tuple[list[str], list[str]]:
    """The site's URLs as the load a build restores kept them, and as Frozen-Flask lists
    them for the whole load of the same sources."""
    state = loaded_site(site_app.create_app(root, jobs=1))
    assert state.kept is not None and state.kept.restored
    forget_load(state.cache)
    app = site_app.create_app(root, jobs=1)
    assert loaded_site(app).kept is not None and not loaded_site(app).kept.restored
    return state.kept.urls, frozen_urls(app, site_app.all_urls)


def whole_load(root: Path) -> Site:
    forget_load(Cache(root / ".cache"))
    site, edited = loaded(root)
    assert not edited
    return site


@pytest.mark.parametrize("edits", [
    [("content/posts/post-3.md", "Body of post 3", "A longer body for post 3")],
    [("content/posts/post-3.md", "```python\nx = 3", "More text.\n\n```python\nx = 33")],
    [("content/posts/post-3.md", "the next", "the one after"),
     ("content/about.md", "About, with", "All about us, with")],
    [("content/posts/post-5.md", "see [the next](post-6.md)",
      "see [the guide](../docs/guide.md) and [install](../docs/index.md#install)")],
    [("content/index.md", "Welcome,", "Welcome\nto the site,")],  # (a line break, with nl2br)
])
@pytest.mark.parametrize("config", [DEFAULT_CONFIG, DEFAULT_CONFIG + EXTENSIONS])
def test_a_restored_load_equals_a_whole_load(tmp_path: Path, edits: list[tuple[str, str, str]],
                                             config: str) -> None:
    """Edits of bodies only (a longer text, a new paragraph, new links to pages and
    anchors): the load restored with them taken in place equals, field for field, the load
    of the whole site (with the site's own Markdown extensions too)."""
    root = write_site(tmp_path / "site", FILES, config)
    settle()
    build_ok(root)
    for name, old, new in edits:
        edit(root, name, old, new)
    restored, edited = loaded(root)
    assert sorted(edited) == sorted(str(root / name) for name, _, _ in edits)
    mine, whole = site_fields(restored), site_fields(whole_load(root))
    assert mine == whole  # (the sites' own repr would show every entry's neighbours)


def test_a_restored_load_lists_the_urls_of_a_whole_load(tmp_path: Path) -> None:
    """The URLs a build keeps with its load, which the builds that restore it freeze from,
    are those Frozen-Flask lists for a whole load of the sources as they are then, in the
    same order, after edits of bodies (new links to pages, anchors and the figure)."""
    root = write_site(tmp_path / "site", FILES)
    settle()
    build_ok(root)
    edit(root, "content/posts/post-5.md", "see [the next](post-6.md)",
         "see [the guide](../docs/guide.md), [install](../docs/index.md#install) and "
         "[the figure](/fig.png)")
    edit(root, "content/about.md", "About, with", "All about us, with")
    kept, listed = urls_kept_and_listed(root)
    assert kept == listed and "/posts/post-5/" in kept and "/fig.png" in kept


def test_rebuilds_that_take_the_last_load_equal_clean_builds(tmp_path: Path) -> None:
    """A run of body edits, each built by restoring the load the build before kept (the
    edited file saved just before its build, and again after it, with the same size), each
    build byte for byte a clean build of the same sources."""
    root = write_site(tmp_path / "site", FILES)
    build_ok(root)
    settle()
    for run in range(4):
        post = root / f"content/posts/post-{run % 2}.md"
        post.write_text(post.read_text() + f"\nEdit number {run}.\n")
        result = build(root)
        assert result.returncode == 0, result.stderr
        if run:  # (the first: the load kept by the clean build holds files saved just before)
            assert TOOK in result.stderr
        built, out = clean_build(root, tmp_path)
        assert built.returncode == 0
        assert snapshot(root / "build") == snapshot(out), run


@pytest.mark.parametrize("change", [
    ("content/posts/post-3.md", "title: Post 3", "title: Post three"),  # front matter
    ("content/posts/post-3.md", "## Part 3", "## Part three"),  # an anchor
    ("content/posts/post-3.md", "](post-4.md)", "](post-404.md)"),  # a broken link
    ("content/posts/post-3.md", "![a figure](/fig.png)", "No figure."),  # a file linked to
    ("content/posts/draft.md", "Not yet.", "Still not."),  # a draft
    ("site.toml", 'title = "Test Site"', 'title = "Another"'),
    ("content/posts/new.md", "", "---\ntitle: New\ndate: 2024-05-05\n---\nNew.\n"),
])
def test_any_other_change_loads_the_site_whole(tmp_path: Path,
                                               change: tuple[str, str, str]) -> None:
    """A change to front matter, an anchor, a link that breaks, the files a body links to, a
    draft, the settings, a new source: the site is loaded whole, and the build is a clean
    build's."""
    config = 'title = "Test Site"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n' \
        '[build]\nbroken_links = "warn"\n'
    root = write_site(tmp_path / "site", FILES, config)
    settle()
    build_ok(root)
    name, old, new = change
    if old:
        edit(root, name, old, new)
    else:
        (root / name).write_text(new)
    assert_loaded_whole_like_a_clean_build(root, tmp_path)


def test_a_load_whose_html_the_cache_lost_is_not_restored(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FILES)
    settle()
    build_ok(root)
    with sqlite3.connect(root / ".cache" / FILE) as connection:
        connection.execute("DELETE FROM results WHERE kind = ?", (HTML,))
    edit(root, "content/posts/post-3.md", "Body of post 3", "A new body")
    assert_loaded_whole_like_a_clean_build(root, tmp_path)


def test_a_kept_load_that_cannot_be_restored_is_let_go(tmp_path: Path) -> None:
    """A kept load that the edits since rule out (a title changed) is freed before the site
    loads whole, with the garbage collector paused as a build loads: its entries refer to
    each other, so that only the collector can free them."""
    root = write_site(tmp_path / "site", FILES)
    settle()
    build_ok(root)
    state = loaded_site(site_app.create_app(root, jobs=1))
    edit(root, "content/posts/post-3.md", "title: Post 3", "title: Post three")
    stats = stat_files(state.watched)
    was_enabled = gc.isenabled()
    gc.collect()  # (the garbage of the tests before)
    gc.disable()
    try:
        before = sum(isinstance(thing, Entry) for thing in gc.get_objects())
        assert restore_load(state.cache, stats) is None
        after = sum(isinstance(thing, Entry) for thing in gc.get_objects())
    finally:
        if was_enabled:
            gc.enable()
    assert after == before


def test_a_load_that_pickle_cannot_take_is_not_kept(tmp_path: Path) -> None:
    """Keeping a load must never fail a build: one holding an object that pickle does not
    take (none of a site's own files makes one) is left out, and the next build loads
    whole."""
    root = write_site(tmp_path / "site", FILES)
    state = loaded_site(site_app.create_app(root, jobs=1))
    assert state.kept is not None
    state.kept.site.data["made by code"] = lambda: None
    keep_load(state.cache, state.kept, ["/"])
    assert state.cache.get(KEPT, "load") is None and state.cache.get(KEPT, "head") is None
    del state.kept.site.data["made by code"]
    keep_load(state.cache, state.kept, ["/"])
    assert isinstance(state.cache.get(KEPT, "load"), bytes)


def test_a_site_with_hooks_keeps_no_load(tmp_path: Path) -> None:
    """A site's hooks.py may read anything: the site is loaded anew each time."""
    root = write_site(tmp_path / "site", {**FILES,
                                          "hooks.py": "def frozen_urls():\n    return []\n"})
    build_ok(root)
    assert Cache(root / ".cache").get(KEPT, "load") is None


@pytest.mark.parametrize("change", [
    ("content/docs/part.md", "A part", "A changed part"),  # a page another includes
    ("content/docs/note.txt", "A note", "A changed note"),
    ("content/docs/whole.md", "# Whole\n", "# Whole\n\nA new paragraph.\n"),
])
def test_an_edit_of_what_snippets_include_loads_the_site_whole(
        tmp_path: Path, change: tuple[str, str, str]) -> None:
    """A page that includes files (``--8<--``), or a file it includes, edited: the pages
    that show it are not the edited page alone, and the site is loaded whole."""
    root = write_site(tmp_path / "site", FILES)
    settle()
    build_ok(root)
    assert Cache(root / ".cache").get(KEPT, "load") is not None
    edit(root, *change)
    assert_loaded_whole_like_a_clean_build(root, tmp_path)


def test_the_kept_load_is_pickled_flat(tmp_path: Path) -> None:
    """Entries and tags that refer to each other in a chain of 20,000 pickle without going
    20,000 levels deep, and come back as one graph."""
    tag = Term("t", "t", "tags")
    site = Site(config=SiteConfig(), root=tmp_path)
    for number in range(20_000):
        entry = Entry(kind="post", source=tmp_path / f"{number}.md", rel_path=f"{number}.md",
                      url=f"/{number}/", slug=str(number), title=str(number), meta={},
                      tags=[tag], previous=site.posts[-1] if site.posts else None)
        site.entries[entry.url] = entry
        site.posts.append(entry)
        tag.entries.append(entry)
    site.tags["t"] = tag
    context = LinkContext(tmp_path, "/", {entry.rel_path: entry for entry in site.posts})
    kept = KeptLoad(site, BodyPlaces(context, "world", {}), {}, 0)
    back = _unpickled(_pickled(kept))
    assert back is not None
    last, tag_back = back.site.entries["/19999/"], back.site.tags["t"]
    assert last.previous is back.site.entries["/19998/"]
    assert last.tags[0] is tag_back and tag_back.entries[-1] is last
    assert back.places.context.by_source["19999.md"] is last
    assert [entry.url for entry in back.site.posts] == [entry.url for entry in site.posts]


def test_what_two_entries_share_comes_back_as_one(tmp_path: Path) -> None:
    """An object that the site and its entries hold (not an entry, tag or author itself) is
    pickled once and comes back as one object, shared as it was."""
    shared_meta: dict[str, Any] = {"series": ["one", "two"]}
    site = Site(config=SiteConfig(), root=tmp_path, data={"series": shared_meta})
    for number in range(2):
        entry = Entry(kind="post", source=tmp_path / f"{number}.md", rel_path=f"{number}.md",
                      url=f"/{number}/", slug=str(number), title=str(number),
                      meta=shared_meta)
        site.entries[entry.url] = entry
    context = LinkContext(tmp_path, "/", {})
    back = _unpickled(_pickled(KeptLoad(site, BodyPlaces(context, "world", {}), {}, 0)))
    assert back is not None
    first, second = back.site.entries["/0/"], back.site.entries["/1/"]
    assert first.meta == shared_meta and first.meta is second.meta
    assert back.site.data["series"] is first.meta


def test_html_that_leaves_the_cache_after_the_restore_is_a_clear_error(tmp_path: Path) -> None:
    """Another process sharing the cache (a preview's whole load) may remove a body's HTML
    after the restore checked it is there: reading it then is an author's message (build
    again), not a traceback."""
    root = write_site(tmp_path / "site", FILES)
    settle()
    build_ok(root)
    edit(root, "content/posts/post-3.md", "Body of post 3", "A new body")
    site, edited = loaded(root)
    assert edited
    with sqlite3.connect(root / ".cache" / FILE) as connection:
        connection.execute("DELETE FROM results WHERE kind IN (?, ?)", (HTML, LINKS_HTML))
    with pytest.raises(ChangedSource, match="left the cache"):
        assert site.entries["/about/"].html is None  # (raises first)
