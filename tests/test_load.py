"""Unit tests of the load's phases (``sitegen/load.py`` runs them: ``sources.py``,
``entries.py``, ``urlindex.py``, ``bodies.py``, ``assemble.py``), each run alone on a fixture
site (the whole load is tested end to end by the other tests)."""
from __future__ import annotations

import copy
import datetime as dt
import multiprocessing
import pickle
from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, write_site
from sitegen import bodies as bodies_module
from sitegen import load as site_load
from sitegen.assemble import assemble
from sitegen.bodies import LINKS_HTML, LinksAhead, link_context, render_bodies, rewrite_body_links
from sitegen.cache import Cache
from sitegen.config import load_config
from sitegen.entries import BODIES, parse_front_matter
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import SETTLED_NS, stat_files
from sitegen.load import load_site
from sitegen.markdown import render_markdown
from sitegen.models import Entry, Site
from sitegen.render_cache import OUTLINES, BodyPool
from sitegen.sources import Unread, read_sources
from sitegen.urlindex import index_urls

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


def test_bodies_are_handed_over_longest_first_and_the_rest_stays_in_order(
        tmp_path: Path) -> None:
    dated = "---\ntitle: {0}\nTitle: {0}\ndate: 2021-01-01\n---\n"  # (a title set twice)
    files = {**FILES, "content/posts/long.md": dated.format("Long") + "Word. " * 90,
             "content/posts/bad.md": "---\ntitle: [\n---\nBroken.\n",
             "content/posts/odd.md": dated.format("Odd") + "Odd. " * 30,
             "content/posts/draft.md": "---\ntitle: D\ndate: 2021-01-03\ndraft: true\n---\n"
             + "D " * 200}
    root = write_site(tmp_path, files)
    config = load_config(root / "site.toml")
    sources = read_sources(root / "content", Cache(None), False, None)
    outcomes = []
    for on_body in (None, []):
        warnings: list[AuthorError] = []
        with pytest.raises(AuthorErrors) as raised:
            parse_front_matter(sources, root / "content", config, NOW, Cache(None), False,
                               warnings, on_body=None if on_body is None else on_body.append)
        outcomes.append(([str(error) for error in raised.value.errors],
                         [str(warning) for warning in warnings]))
        handed = on_body
    assert outcomes[0] == outcomes[1] and "bad.md" in outcomes[0][0][0]
    assert [warning.split(":")[0].rsplit("/", 1)[1] for warning in outcomes[0][1]] == [
        path.name for path, _ in sources if path.name in ("long.md", "odd.md")]
    without_errors = [(path, text) for path, text in sources if path.name != "bad.md"]
    entries, keys, _ = parse_front_matter(without_errors, root / "content", config, NOW,
                                          Cache(None), False, [], on_body=list().append)
    in_order, in_keys, _ = parse_front_matter(without_errors, root / "content", config, NOW,
                                              Cache(None), False, [])
    assert [e.rel_path for e in entries] == [e.rel_path for e in in_order] == [
        path.relative_to(root / "content").as_posix() for path, _ in without_errors]
    assert keys == in_keys and list(keys) == list(in_keys)
    assert handed is not None and handed[:2] == ["Word. " * 90, "Odd. " * 30]  # (no draft)
    assert len(handed) == len(without_errors) - 2  # (the draft and the scheduled post)


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


def test_the_term_pages_known_before_the_links_are_those_the_site_assembles(
        tmp_path: Path) -> None:
    files = {**FILES,
             "site.toml": '[site]\ntitle = "T"\nurl = "https://example.org"\n'
                          "[build]\ncategories = true\n",
             "content/posts/hidden.md": "---\ntitle: H\ndate: 2021-01-01\nhidden: true\n"
                                        "tags: [z]\ncategory: Notes\n---\nH.\n",
             "content/posts/filed.md": "---\ntitle: F\ndate: 2022-01-01\ncategory: Code\n"
                                       "tags: [C++, y]\n---\nF.\n"}
    site = load_site(write_site(tmp_path, files), now=NOW, jobs=1)
    assembled = {f"/{term.taxonomy}/{term.slug}/"
                 for term in [*site.tags.values(), *site.categories.values()]}
    assert site.term_urls == assembled | {"/tags/", "/categories/"}
    assert "/tags/z/" not in site.term_urls and "/categories/code/" in site.term_urls


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
    until a page shows it (a rebuild writes few pages again), and so does the HTML of a body
    the load rendered again; the cache keeps the HTML of the bodies as they are now, and
    HTML that has gone from it is made again. A body with no link to rewrite has the HTML
    it rendered to, which the cache does not keep twice."""
    files = {**FILES, "content/about.md": FILES["content/about.md"] + "See [old](posts/old.md).\n"}
    root = write_site(tmp_path, files)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    (root / "content/posts/new.md").write_text(FILES["content/posts/new.md"] + "More.\n")
    cache = Cache(root / ".cache")
    again = load_site(root, now=NOW, cache=cache, jobs=1)
    plain = load_site(root, now=NOW, jobs=1)
    assert again.rendered_count == 1
    assert {url for url, entry in again.entries.items()
            if not isinstance(entry._html, str)} == {"/posts/old/", "/posts/new/", "/about/"}
    about = plain.entries["/about/"].html
    assert 'href="/posts/old/"' in about
    assert list(cache.all(LINKS_HTML).values()) == [about]  # (the others: as rendered)
    assert again.entries["/posts/old/"].html == plain.entries["/posts/old/"].html
    cache.keep_only(LINKS_HTML, [])  # (gone, as if the cache file had been emptied)
    assert again.entries["/about/"].html == about
    assert isinstance(again.entries["/about/"]._html, str)  # (made once)
    assert list(cache.all(LINKS_HTML).values()) == [about]  # (kept)


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
        "Head", "Another & more"]
    assert again.entries["/posts/old/"].toc[0]["children"][0]["id"] == "sub-part"


def test_an_entry_whose_html_is_still_in_the_cache_can_be_copied_and_pickled(
        tmp_path: Path) -> None:
    """Code of the site's own (hooks.py) may copy or pickle entries: a copy holds the HTML
    and the body, not what reads them from the cache."""
    root = write_site(tmp_path, FILES)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    again = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    expected = load_site(root, now=NOW, jobs=1).entries["/posts/old/"]
    entry = again.entries["/posts/old/"]
    assert not isinstance(entry._html, str) and not isinstance(entry._body, str)
    for copied in (copy.deepcopy(entry), pickle.loads(pickle.dumps(entry))):
        assert (copied.html, copied.body) == (expected.html, expected.body)


def test_a_load_from_the_cache_reads_a_body_only_to_render_it(tmp_path: Path) -> None:
    """The cache keeps the entries' bodies apart from the entries (a load of 10,000 entries
    from it read 77 MB of bodies it did not use): a load from the cache reads none of them,
    yet each entry has its body's digest, and its body when asked, from the cache or, if
    the cache has lost it, from its source. A body rendered again (its HTML gone from the
    cache) is read, and renders as in a load without the cache."""
    files = {**FILES, "content/titled.md": "# From the body\n\nText.\n"}
    root = write_site(tmp_path, files)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1)
    cache = Cache(root / ".cache")
    kept = [entry for entry, _ in cache.all("memo:entries").values()]
    assert len(kept) == 5 and all(entry._body is None for entry in kept)  # (not pickled)
    assert sorted(cache.all(BODIES).values()) == sorted(entry.body for entry in load_site(
        root, now=NOW, jobs=1, include_drafts=True).entries.values())
    again = load_site(root, now=NOW, cache=cache, jobs=1)
    plain = load_site(root, now=NOW, jobs=1)
    assert again.rendered_count == 0
    assert not any(isinstance(entry._body, str) for entry in again.entries.values())
    for url, entry in again.entries.items():
        assert entry.body_key == plain.entries[url].body_key
        assert entry.body == plain.entries[url].body, url
    assert again.entries["/titled/"].body == "\nText.\n"  # (its title taken out)

    cache = Cache(root / ".cache")
    cache.keep_only(BODIES, [])
    cache.keep_only(OUTLINES, [])  # (rendered again: from the bodies read from the sources)
    lost = load_site(root, now=NOW, cache=cache, jobs=1)
    assert lost.rendered_count == 4
    assert {url: (e.body, e.html, e.load_key) for url, e in lost.entries.items()} == \
        {url: (e.body, e.html, e.load_key) for url, e in plain.entries.items()}


def test_a_body_lost_from_the_cache_and_changed_in_its_source_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that the cache no longer has, whose source changed since its stats were taken
    (saved during the build), is not taken from the new text: the build stops, saying so,
    at once (not after rendering every body again, one by one, to find which one failed)."""
    again: list[str] = []
    monkeypatch.setattr(bodies_module, "render_markdown", lambda body: again.append(body))
    root = write_site(tmp_path, FILES)
    source = root / "content/posts/old.md"
    stats = stat_files([root / "content"])
    settled = stats[str(source)]
    stats[str(source)] = (settled[0] - 2 * SETTLED_NS, settled[1], settled[2] - 2 * SETTLED_NS)
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=1, file_stats=stats)
    cache = Cache(root / ".cache")
    cache.keep_only(BODIES, [])
    cache.keep_only(OUTLINES, [])
    source.write_text(FILES["content/posts/old.md"] + "Saved meanwhile.\n")
    with pytest.raises(AuthorErrors) as raised:  # (its stats, taken before, are the old ones)
        load_site(root, now=NOW, cache=cache, jobs=1, file_stats=stats)
    assert "old.md" in str(raised.value) and "changed while the site was being built" in \
        str(raised.value)
    assert len(raised.value.errors) == 1 and again == []


def linking_posts(count: int) -> dict[str, str | bytes]:
    """``count`` posts, each with a heading ``## Sec``; some link to anchors of posts before
    or after them (in the order the load takes them), present or not, to their own anchors,
    to a draft, and to an image; one has a summary in its front matter."""
    files: dict[str, str | bytes] = {
        f"content/posts/p{number:02}.md":
            f"---\ntitle: P{number}\ndate: 2024-01-{number % 28 + 1:02}\n---\n"
            f"## Sec\n\nPost {number} with *words* enough for a summary.\n"
        for number in range(count)}
    links = {3: "[on](p20.md#sec)", 5: "[gone](p22.md#nope)", 25: "[back](p02.md#sec)",
             27: "[gone back](p01.md#nope)", 7: "[own](#sec) and [not own](#gone)",
             9: "[draft](draft.md)", 11: "![picture](img/i.png)", 13: "[plain](p14.md)"}
    for number, link in links.items():
        files[f"content/posts/p{number:02}.md"] += f"\nSee {link}.\n"
    files["content/posts/p15.md"] = files["content/posts/p15.md"].replace(
        "title: P15", "title: P15\nsummary: Given *here*")
    files["content/posts/draft.md"] = "---\ntitle: D\ndate: 2024-02-01\ndraft: true\n---\n## Sec\n"
    files["content/posts/img/i.png"] = b"\x89PNG\r\n\x1a\n"
    return files


def test_links_rewritten_while_the_bodies_render_are_those_rewritten_after(
        tmp_path: Path) -> None:
    """A load whose bodies render in the pool rewrites each body's links as it comes back
    (LinksAhead): the HTML, summaries, warnings and linked files equal those of a load that
    rewrites every body's links after the rendering (the rendered bodies taken from the
    cache, the links' memos emptied)."""
    root = write_site(tmp_path, linking_posts(30),
                      DEFAULT_CONFIG + '\n[build]\nbroken_links = "warn"\n')
    ahead = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=2)
    cache = Cache(root / ".cache")
    for kind in ("memo:links", "memo:summaries", LINKS_HTML):
        cache.keep_only(kind, [])
    after = load_site(root, now=NOW, cache=cache, jobs=2)
    assert ahead.rendered_count == 30 and after.rendered_count == 0
    for loaded in (ahead, after):
        assert sum("no anchor '#nope'" in warning for warning in loaded.warnings) == 2
    assert ahead.warnings == after.warnings and ahead.assets == after.assets
    assert {url: (e.html, e.summary_html, e.summary, e.load_key)
            for url, e in ahead.entries.items()} == {
        url: (e.html, e.summary_html, e.summary, e.load_key)
        for url, e in after.entries.items()}
    assert 'href="/posts/p20/#sec"' in ahead.entries["/posts/p03/"].html


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_s_load_leaves_the_html_it_rendered_in_the_cache(
        tmp_path: Path, jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's load that renders the bodies (in one process, or in the pool while their
    links are rewritten ahead) lets go of their HTML once the cache keeps it, if it is
    large: each entry reads it from there, as after a load from the cache, and a read for a
    digest does not keep it. The HTML, summaries and warnings are those of a load without
    a cache file. A load of less HTML, and a preview's, keep it."""
    root = write_site(tmp_path, linking_posts(30),
                      DEFAULT_CONFIG + '\n[build]\nbroken_links = "warn"\n')
    plain = load_site(root, now=NOW, jobs=jobs)
    kept = load_site(root, now=NOW, cache=Cache(tmp_path / "kept"), jobs=jobs)
    monkeypatch.setattr(site_load, "LET_GO_OF_HTML_ABOVE", 1000)  # (30 bodies: 4 KB)
    preview = load_site(root, now=NOW, cache=Cache(tmp_path / "preview"), jobs=jobs,
                        include_drafts=True)
    built = load_site(root, now=NOW, cache=Cache(tmp_path / "built"), jobs=jobs)
    assert built.rendered_count == 30 and built.warnings == plain.warnings
    for url, entry in built.entries.items():
        assert entry.read_html() == plain.entries[url].html, url
        assert not isinstance(entry._html, str), url  # (read, not kept)
        assert (entry.summary_html, entry.summary) == (plain.entries[url].summary_html,
                                                        plain.entries[url].summary), url
    assert 'href="/posts/p20/#sec"' in built.entries["/posts/p03/"].read_html()
    for folder in ("kept", "preview", "built"):  # (where each HTML is read from)
        cache = Cache(tmp_path / folder)
        for kind in ("render:html", LINKS_HTML):
            cache.put(kind, {key: "<p>In the cache</p>" for key in cache.all(kind)})
    assert {entry.html for entry in built.entries.values()} == {"<p>In the cache</p>"}
    for loaded in (kept, preview):
        assert all(entry.html == plain.entries[url].html
                   for url, entry in loaded.entries.items() if url in plain.entries)


def test_a_body_linking_to_anchors_not_rendered_yet_is_left_for_later(tmp_path: Path) -> None:
    """LinksAhead rewrites a body's links as soon as it is rendered, unless one names an
    anchor of a page not rendered yet: that body is left to resolve_links. What it rewrote
    is what a rewrite with every page's anchors known gives."""
    root = write_site(tmp_path, linking_posts(30))
    site, entries, _ = entries_of(root)
    published = [entry for entry in entries if entry.published]
    index_urls(site, published, [])
    context = link_context(site, entries, published, None)
    ahead = LinksAhead(published, context)
    rendered = [render_markdown(entry.body) for entry in published]
    for index, body in enumerate(rendered):
        ahead.rewrite(index, body)
    ahead.finish()
    done = {entry.slug: ahead.take(index) for index, entry in enumerate(published)}
    assert {slug for slug, rewritten in done.items() if rewritten is None} == {"p03", "p05"}
    assert ahead.take(0) is None  # (taken once)
    for index, entry in enumerate(published):
        rewritten = done[entry.slug]
        if rewritten is not None:
            html, problems, assets = rewrite_body_links(rendered[index].html, entry, context)
            assert (rewritten.html, list(map(str, rewritten.problems)), rewritten.assets) == (
                html, list(map(str, problems)), assets), entry.slug
    assert "no anchor '#nope'" in str(done["p27"].problems[0])  # type: ignore[union-attr]
    assert done["p15"].summary[0] == "<p>Given <em>here</em></p>"  # type: ignore[index]


def test_a_link_ahead_to_an_ascii_id_finds_the_heading_of_a_page_rendered_before(
        tmp_path: Path) -> None:
    """honzajavorek.cz's {filename}byl-jsem-fit.md#zaver, Python-Markdown's ASCII id of
    "## Závěr": rewritten ahead once that page is rendered, it names the heading's id here,
    as a rewrite after every body is rendered does (it had been a missing anchor with two
    processes, as the page's headings were not known yet, and found with one)."""
    files: dict[str, str | bytes] = {
        "content/posts/fit.md": "---\ntitle: Fit\ndate: 2024-01-01\n---\n## Závěr\n\nX.\n",
        "content/posts/link.md": "---\ntitle: L\ndate: 2024-01-02\n---\n[end](fit.md#zaver)\n"}
    site, entries, _ = entries_of(write_site(tmp_path, files))
    index_urls(site, entries, [])
    ahead = LinksAhead(entries, link_context(site, entries, entries, None))
    order = sorted(range(2), key=lambda index: entries[index].slug != "fit")
    for index in order:
        ahead.rewrite(index, render_markdown(entries[index].body))
    rewritten = ahead.take(order[1])
    assert rewritten is not None and rewritten.problems == []
    assert 'href="/posts/fit/#z%C3%A1v%C4%9Br"' in rewritten.html


def test_a_clean_load_renders_the_bodies_while_it_reads_the_front_matter(
        tmp_path: Path) -> None:
    """A load whose cache holds no rendered body hands each body to a pool of processes as
    soon as its source is read (BodyPool): what they render is what rendering each body in
    this process gives; a cache that holds rendered bodies starts no pool."""
    empty = BodyPool.for_load(Cache(None), 2, 30)
    try:
        bodies = [f"# Body {number}\n\nText *{number}*.\n" for number in range(20)]
        for body in bodies:
            empty.add(body)
        assert list(empty.rendered()) == [(body, render_markdown(body)) for body in bodies]
    finally:
        empty.close()
    cache = Cache(tmp_path / ".cache")
    cache.put(OUTLINES, {"key": ((), 0, "[]")})
    # Too few sources to pay for the processes, and a cache that holds rendered bodies:
    before = set(multiprocessing.active_children())
    for idle in (BodyPool.for_load(Cache(None), 2, 23), BodyPool.for_load(cache, 2, 30)):
        idle.add("# Body\n")
        assert list(idle.rendered()) == [] and set(multiprocessing.active_children()) == before
        idle.close()
    root = write_site(tmp_path / "site", linking_posts(30),
                      DEFAULT_CONFIG + '\n[build]\nbroken_links = "warn"\n')
    pooled, alone = load_site(root, now=NOW, jobs=2), load_site(root, now=NOW, jobs=1)
    assert pooled.rendered_count == 30
    assert outlines(pooled) == outlines(alone)
    # Once the cache holds rendered bodies, the bodies to render again are rendered after the
    # front matter is read, by processes of their own if there are many.
    load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=2)
    for post in (root / "content/posts").glob("p*.md"):
        post.write_text(post.read_text() + "\nOne more *line*.\n")
    again = load_site(root, now=NOW, cache=Cache(root / ".cache"), jobs=2)
    assert again.rendered_count == 30
    assert outlines(again) == outlines(load_site(root, now=NOW, jobs=1))


def outlines(site: Site) -> dict[str, tuple[object, ...]]:
    """Each entry's HTML, outline and summary, by URL."""
    return {url: (e.html, e.ids, e.word_count, e.toc, e.summary) for url, e in site.entries.items()}


def test_a_load_that_fails_after_its_pool_started_leaves_no_process(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**linking_posts(30),
                                 "content/posts/twice.md": "---\ntitle: T\ndate: 2024-03-01\n"
                                 "slug: p01\n---\nThe URL of p01.\n"})
    before = set(multiprocessing.active_children())
    with pytest.raises(AuthorErrors, match="both publish /posts/p01/"):
        load_site(root, now=NOW, jobs=2)
    assert set(multiprocessing.active_children()) == before


def test_a_loaded_site_s_repr_shows_each_entry_once_a_place(tmp_path: Path) -> None:
    """Entries, tags and authors refer to each other: a repr that followed those references
    (the dataclasses' own) showed the whole site once for each path through it, and a failed
    assertion that printed one tag of a 40-post site ran for minutes."""
    posts = {f"content/posts/p{number}.md":
             f"---\ntitle: P{number}\ndate: 2020-01-{number + 1:02}\ntags: [x, y]\n"
             f"author: Ada\n---\nBody {number}.\n" for number in range(4)}
    site = load_site(write_site(tmp_path, posts), now=NOW)
    entry = site.posts[1]
    assert entry.previous is not None and entry.next is not None and entry.related
    assert repr(entry).count("Entry(") == 1 and "title='P" in repr(entry)
    assert "Entry(" not in repr(site.tags["x"]) and "Entry(" not in repr(entry.author)
    # each entry appears once in each of the site's collections that holds it
    places = [site.entries, site.posts, site.cards, site.api_names]
    assert repr(site).count("Entry(") <= sum(len(place) for place in places) + \
        sum(len(posts) for posts in site.sections.values()) + len(site.pages) + 1


def test_a_markdown_file_inside_a_post_s_bundle_is_no_page(tmp_path: Path) -> None:
    """tekton's blog/2023/speedy/tekton/README.md, below the post's index.md: one of the
    post's files in Hugo, which stopped the build here as a post with no date."""
    files = {"content/posts/speedy/index.md": "---\ntitle: Speedy\ndate: 2023-05-01\n---\nIt.\n",
             "content/posts/speedy/sample/README.md": "# Sample\n\nNo date.\n",
             "content/posts/speedy/notes.md": "Notes.\n",
             "content/posts/other.md": "---\ntitle: Other\ndate: 2023-05-02\n---\nO.\n"}
    site = load_site(write_site(tmp_path, files), now=NOW, jobs=1)
    assert sorted(site.entries) == ["/posts/other/", "/posts/speedy/"]
    assert [warning.split(": warning: ")[1][:46] for warning in site.warnings
            if "bundle" in warning] == [
        "this file is inside the bundle of posts/speedy", "this file is inside the bundle "
        "of posts/speedy"]


def test_a_docs_readme_beside_its_index_is_left_out_as_mkdocs_leaves_it(
        tmp_path: Path) -> None:
    """pypi's docs/README.md beside docs/index.md, and crawl4ai's beside an app's
    index.html: MkDocs publishes the index alone; a README that is a folder's only page,
    and one outside the docs, are pages."""
    files = {"content/docs/index.md": "# Docs\n", "content/docs/README.md": "# Read me\n",
             "content/docs/app/index.html": "<p>App</p>\n",
             "content/docs/app/README.md": "# App notes\n",
             "content/docs/guide/README.md": "# Guide\n", "content/README.md": "# Top\n"}
    site = load_site(write_site(tmp_path, files), now=NOW, jobs=1)
    assert sorted(site.entries) == ["/docs/", "/docs/guide/readme/", "/readme/"]
    assert sorted(warning.split(": warning: ")[1][:48] for warning in site.warnings
                  if "README" in warning) == ["this README.md is beside its folder's index.html",
                                              "this README.md is beside its folder's index.md: "]
