"""Unit tests of sitegen/load.py's phases, each run alone on a fixture site (the whole load
is tested end to end by the other tests)."""
from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path

import pytest

from conftest import write_site
from sitegen.cache import Cache
from sitegen.config import load_config
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import SETTLED_NS, stat_files
from sitegen.load import (
    LINKS_HTML,
    Unread,
    assemble,
    index_urls,
    load_site,
    parse_front_matter,
    read_sources,
    render_bodies,
)
from sitegen.models import Entry, Site

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
FILES = {
    "content/posts/old.md":
        "---\ntitle: Old\ndate: 2020-01-01\ntags: [x, y]\n---\n## Head\n\nOld.\n",
    "content/posts/new.md": "---\ntitle: New\ndate: 2024-01-01\ntags: [y]\n---\nNew *post*.\n",
    "content/posts/later.md": "---\ntitle: Later\ndate: 2030-01-01\n---\nNot yet.\n",
    "content/about.md": "---\ntitle: About\naliases: [/me/]\n---\nAbout.\n",
}


def entries_of(root: Path) -> tuple[Site, list[Entry], dict[str, str]]:
    config = load_config(root / "site.toml")
    warnings: list[AuthorError] = []
    sources = read_sources(root / "content", Cache(None), False, None)
    entries, keys, authors = parse_front_matter(sources, root / "content", config, NOW,
                                                Cache(None), False, warnings)
    return Site(config=config, root=root), entries, keys


def test_reading_gives_every_source_an_entry_and_a_key(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    _, entries, keys = entries_of(root)
    assert sorted(entry.url for entry in entries) == [
        "/about/", "/posts/later/", "/posts/new/", "/posts/old/"]
    assert [e.scheduled for e in entries if e.slug == "later"] == [True]
    assert set(keys) == {entry.rel_path for entry in entries} and len(set(keys.values())) == 4


def test_reading_gives_each_source_its_text_or_why_it_has_none(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**FILES, "content/posts/latin1.md": b"caf\xe9\n",
                                 "content/_draft-notes.md": "private", "content/x.md~": "backup"})
    sources = dict(read_sources(root / "content", Cache(None), False, None))
    assert sorted(path.name for path in sources) == [
        "about.md", "later.md", "latin1.md", "new.md", "old.md"]
    broken = sources[root / "content/posts/latin1.md"]
    assert isinstance(broken, AuthorError) and "not UTF-8" in broken.message
    assert sources[root / "content/about.md"] == FILES["content/about.md"]


def test_a_build_does_not_read_a_settled_source_whose_stats_are_unchanged(
        tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    content, config, cache = root / "content", load_config(root / "site.toml"), Cache(None)
    stats = stat_files([content])
    settled = stats[str(content / "posts/old.md")]
    long_ago = (settled[0] - 2 * SETTLED_NS, settled[1], settled[2] - 2 * SETTLED_NS)
    stats[str(content / "posts/old.md")] = long_ago  # (as if saved long ago)
    memo = cache.memo("sources")
    memo.start_load(remember=True)  # (as load_site does)
    first = read_sources(content, cache, False, stats)
    assert not any(isinstance(text, Unread) for _, text in first)
    entries, keys, _ = parse_front_matter(first, content, config, NOW, cache, False, [], stats)
    memo.finish_load()
    # Only the settled file's digest is kept: the others were saved just now.
    assert memo.values == {
        (str(content / "posts/old.md"), long_ago): keys["posts/old.md"][:64]}
    again = dict(read_sources(content, cache, False, stats))
    assert again[content / "posts/old.md"] == Unread(keys["posts/old.md"][:64], long_ago)
    assert isinstance(again[content / "posts/new.md"], str)
    assert not any(isinstance(text, Unread)  # (a preview keeps its texts its own way)
                   for text in dict(read_sources(content, cache, True, stats)).values())
    reloaded, reloaded_keys, _ = parse_front_matter(list(again.items()), content, config, NOW,
                                                    cache, False, [], stats)
    assert reloaded_keys == keys and [e.title for e in reloaded] == [e.title for e in entries]


def test_reading_reports_every_broken_source_at_once(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**FILES, "content/posts/a.md": "---\ntitle: [\n---\nx\n",
                                 "content/posts/b.md": "---\ntitle: B\n---\nNo date.\n"})
    with pytest.raises(AuthorErrors) as raised:
        entries_of(root)
    assert sorted(Path(error.path or "").name for error in raised.value.errors) == ["a.md", "b.md"]


def test_indexing_maps_urls_and_aliases_and_refuses_a_url_taken_twice(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    site, entries, _ = entries_of(root)
    index_urls(site, entries, [])
    assert site.aliases["/me/"].url == "/about/" and set(site.entries) == {
        entry.url for entry in entries}
    twice = write_site(tmp_path / "twice", {**FILES, "content/about/index.md": "About again.\n"})
    site, entries, _ = entries_of(twice)
    with pytest.raises(AuthorErrors, match="both publish /about/"):
        index_urls(site, entries, [])


def test_rendering_gives_each_entry_its_outline(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    _, entries, _ = entries_of(root)
    rendered = render_bodies(entries, Cache(None), jobs=1, remember=False)
    old = next(entry for entry in entries if entry.slug == "old")
    assert old.ids == {"head"} and old.word_count >= 2 and old.toc[0]["name"] == "Head"
    assert "<em>post</em>" in rendered.html(entries.index(
        next(entry for entry in entries if entry.slug == "new")))


def test_assembling_orders_posts_and_gathers_tags(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    site, entries, _ = entries_of(root)
    published = [entry for entry in entries if entry.published]
    index_urls(site, published, [])
    assemble(site, published, {}, Cache(None))
    assert [post.slug for post in site.posts] == ["new", "old"]
    assert site.posts[1].next is site.posts[0] and site.posts[0].previous is site.posts[1]
    assert [term.slug for term in site.tags.values()] == ["x", "y"]
    assert [post.slug for post in site.tags["y"].entries] == ["new", "old"]
    assert site.posts[0].related == [site.posts[1]]


def test_a_load_from_the_cache_equals_a_load_without_it(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    first = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    again = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    assert again.rendered_count == 0 and first.rendered_count == 3
    plain = load_site(root, now=NOW, jobs=1)
    for loaded in (first, again):
        assert {url: (e.html, e.summary, e.load_key) for url, e in loaded.entries.items()} == \
            {url: (e.html, e.summary, e.load_key) for url, e in plain.entries.items()}


def test_a_load_from_the_cache_reads_a_body_s_html_only_when_a_page_shows_it(
        tmp_path: Path) -> None:
    """The HTML of a body whose links were rewritten by an earlier build stays in the cache
    until a page shows it (a rebuild writes few pages again); the cache keeps the HTML of
    the bodies as they are now, and HTML that has gone from it is made again."""
    root = write_site(tmp_path, FILES)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    (root / "content/posts/new.md").write_text(FILES["content/posts/new.md"] + "More.\n")
    cache = Cache(root / ".cache")
    again = load_site(root, now=NOW, cache=cache, jobs=1)
    plain = load_site(root, now=NOW, jobs=1)
    assert {url for url, entry in again.entries.items()
            if not isinstance(entry._html, str)} == {"/posts/old/", "/about/"}
    assert sorted(cache.all(LINKS_HTML).values()) == sorted(
        entry.html for entry in plain.entries.values())
    assert again.entries["/posts/old/"].html == plain.entries["/posts/old/"].html
    cache.keep_only(LINKS_HTML, [])  # (gone, as if the cache file had been emptied)
    assert again.entries["/about/"].html == plain.entries["/about/"].html
    assert isinstance(again.entries["/about/"]._html, str)  # (made once)
    assert list(cache.all(LINKS_HTML).values()) == [plain.entries["/about/"].html]  # (kept)


def test_a_load_from_the_cache_decodes_a_table_of_contents_only_when_a_page_shows_it(
        tmp_path: Path) -> None:
    """The render cache keeps each body's headings as JSON text: a load from it gives every
    entry its ids and word count, and decodes the table of contents on first use, into the
    same headings as a load that renders the body."""
    files = {**FILES, "content/posts/old.md": FILES["content/posts/old.md"]
             + "### Sub *part*\n\n## Another & more\n\nText.\n"}
    root = write_site(tmp_path, files)
    rendered = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    again = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    plain = load_site(root, now=NOW, jobs=1)
    assert not isinstance(rendered.entries["/posts/old/"]._toc, str)  # (just rendered)
    for url, entry in again.entries.items():
        assert isinstance(entry._toc, str), url
        assert (entry.ids, entry.word_count) == (plain.entries[url].ids,
                                                 plain.entries[url].word_count)
        assert entry.toc == plain.entries[url].toc and isinstance(entry._toc, list), url
    assert [token["name"] for token in again.entries["/posts/old/"].toc] == [
        "Head", "Another &amp; more"]
    assert again.entries["/posts/old/"].toc[0]["children"][0]["id"] == "sub-part"


def test_an_entry_whose_html_is_still_in_the_cache_can_be_copied_and_pickled(
        tmp_path: Path) -> None:
    """Code of the site's own (hooks.py) may copy or pickle entries: a copy holds the HTML,
    not what reads it from the cache."""
    root = write_site(tmp_path, FILES)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    again = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    expected = load_site(root, now=NOW, jobs=1).entries["/posts/old/"].html
    entry = again.entries["/posts/old/"]
    assert not isinstance(entry._html, str)
    assert copy.deepcopy(entry).html == expected
    assert pickle.loads(pickle.dumps(entry)).html == expected
