"""Unit tests of sitegen/buildstate.py: how reads are recorded and how a rebuild decides
whether a URL's file is current (the end-to-end oracle is tests/test_incremental.py)."""
from __future__ import annotations

import datetime as dt
import os
import pickle
import sqlite3
from array import array
from pathlib import Path
from typing import Any

from sitegen import api, cards, seo
from sitegen.app import RecordingEnvironment, SiteFlask
from sitegen.buildstate import (
    WHOLE,
    BuildState,
    FieldDigests,
    FrozenUrl,
    ReadLog,
    Rebuild,
    UrlRecord,
    commit,
    read_state,
    record_rows,
)
from sitegen.cache import Cache
from sitegen.config import SiteConfig
from sitegen.fingerprint import file_stamp
from sitegen.models import Author, Entry, Site, Term


def make_site() -> Site:
    site = Site(config=SiteConfig(), root=Path("/site"))
    for name in ("a", "b"):
        entry = Entry(kind="post", source=Path(f"/site/content/posts/{name}.md"),
                      rel_path=f"posts/{name}.md", url=f"/posts/{name}/", slug=name,
                      title=name.upper(), meta={}, load_key=name)
        entry.html = f"<p>{name}</p>"
        site.entries[entry.url] = entry
    return site


def test_a_read_log_names_each_field_read_and_only_those() -> None:
    site = make_site()
    log = ReadLog(site)
    first, second = site.entries.values()
    log.field(first, "title")
    log.field(second, "html")
    log.field(second, "not_a_field")
    log.field(object(), "title")  # not an entry of the site
    assert {log.field_of(number) for number in log.take()} == {
        ("/posts/a/", "title"), ("/posts/b/", "html")}
    assert len(log.take()) == 0  # taken: the next URL starts afresh
    log.whole([first])
    assert [log.field_of(number) for number in log.take()] == [("/posts/a/", WHOLE)]


def test_templates_record_every_attribute_they_read_of_an_entry() -> None:
    site = make_site()
    environment = SiteFlask("test").jinja_env
    environment.read_log = log = ReadLog(site)  # type: ignore[attr-defined]
    assert isinstance(environment, RecordingEnvironment)
    template = environment.from_string(
        "{% for post in posts %}{{ post.title }}{{ post['slug'] }}{% endfor %}"
        "{{ posts|map(attribute='url')|join }}")
    assert template.render(posts=list(site.entries.values())) == \
        "AaBb/posts/a//posts/b/"
    read = {log.field_of(number) for number in log.take()}
    assert {("/posts/a/", "title"), ("/posts/b/", "slug"), ("/posts/a/", "url")} <= read
    assert ("/posts/a/", "html") not in read


class NotedReads:
    """An entry seen through a stand-in that notes each attribute read of it."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self.entry, name)


def test_python_code_that_notes_the_fields_it_reads_reads_no_other() -> None:
    """/api/posts.json, the sitemap and the social cards note the fields they read of a post
    (``api.SUMMARY_READS``, ``seo.SITEMAP_READS``, ``cards.READS``), not whole entries: a
    rebuild writes them again only when one of those changes, so they must read nothing
    else."""
    site = make_site()
    post = next(iter(site.entries.values()))
    post.date, post.updated = dt.datetime(2024, 1, 2), dt.datetime(2024, 3, 4)
    post.tags, post.category = [Term("T", "t", "tags")], Term("C", "c", "categories")
    post.author, post.summary, post.word_count = Author("ada", "Ada", "ada"), "S.", 500
    noted = NotedReads(post)
    summary = api.post_summary(site, noted)  # type: ignore[arg-type]
    assert summary["reading_minutes"] == 3 and summary["updated"] == "2024-03-04T00:00:00"
    assert noted.read == set(api.SUMMARY_READS)
    noted = NotedReads(post)
    site.posts = [noted]  # type: ignore[list-item]
    sitemap = seo.sitemap(site, [(post.url, noted), ("/", None)])  # type: ignore[list-item]
    assert sitemap.count("<lastmod>2024-03-04T00:00:00</lastmod>") == 2
    assert noted.read <= set(seo.SITEMAP_READS)
    noted = NotedReads(post)
    assert cards.social_card(noted, site.config, Cache(None))[:2] == b"\xff\xd8"  # type: ignore[arg-type]
    assert noted.read <= set(cards.READS)


def same_templates(name: str) -> str:
    """Every template's digest, in builds whose templates do not change."""
    return "unchanged"


def built_state(site: Site, out: Path, frame: str, reads: dict[str, list[str]],
                templates: dict[str, list[str]] | None = None) -> BuildState:
    """The state of a build of ``site`` that wrote one file per URL of ``reads`` (each read
    the title of the entries listed, and was rendered with its ``templates``)."""
    templates = templates or {}
    log = ReadLog(site)
    frozen = []
    for url, read_urls in reads.items():
        path = out / url.strip("/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(url)
        for read_url in read_urls:
            log.field(site.entries[read_url], "title")
        for name in templates.get(url, ()):
            log.template(name)
        frozen.append(FrozenUrl(url, path.relative_to(out).as_posix(), log.take(),
                                file_stamp(path), log.take_templates()))
    return Rebuild(None, out, frame, FieldDigests(site), same_templates).next_state(
        log, [], frozen)


def test_a_url_is_current_while_nothing_it_read_changed(tmp_path: Path) -> None:
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"], "/y/": ["/posts/b/"]})
    site.entries["/posts/b/"].title = "changed"
    site.entries["/posts/b/"].load_key = "b, edited"  # (loaded from other inputs)
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    assert rebuild.is_current("/x/") and not rebuild.is_current("/y/")
    assert not rebuild.is_current("/new/")  # never built
    assert set(rebuild.current_files()) == {"/x/"}


def test_a_url_is_current_while_its_file_is_the_one_recorded(tmp_path: Path) -> None:
    """A file of the last build edited (its size and time change), replaced (its inode does)
    or removed is not current."""
    site = make_site()
    last = built_state(site, tmp_path, "frame", {f"/{name}/": [] for name in "vwxyz"})
    (tmp_path / "w/index.html").write_text("edited")
    (tmp_path / "x/index.html").unlink()
    (tmp_path / "x/index.html").write_text("/x/")  # (the same bytes, in a new file)
    (tmp_path / "y/index.html").unlink()
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    assert set(rebuild.current_files()) == {"/v/", "/z/"}


def test_nothing_is_current_in_another_frame_or_folder(tmp_path: Path) -> None:
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"]})
    assert not Rebuild(last, tmp_path, "other frame", FieldDigests(site),
                       same_templates).is_current("/x/")
    assert not Rebuild(last, tmp_path / "elsewhere", "frame",
                       FieldDigests(site), same_templates).is_current("/x/")


def test_a_file_changed_since_the_build_is_not_current(tmp_path: Path) -> None:
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"]})
    path = tmp_path / "x/index.html"
    os.unlink(path)
    path.write_text("/x/")  # the same bytes, but not the file the build wrote
    assert not Rebuild(last, tmp_path, "frame", FieldDigests(site),
                       same_templates).is_current("/x/")


def test_the_next_state_keeps_the_reused_urls_records(tmp_path: Path) -> None:
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"], "/y/": ["/posts/b/"]})
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    log = ReadLog(site)
    log.field(site.entries["/posts/b/"], "html")
    again = FrozenUrl("/y/", "y/index.html", log.take(), last.urls["/y/"].stamp)
    state = rebuild.next_state(log, ["/x/"], [again])
    assert state.urls["/x/"] == last.urls["/x/"] and state.reused == 1
    assert [state.fields[number] for number in state.urls["/y/"].reads] == [("/posts/b/", "html")]
    assert state.search == {}  # (the index's record is added when Pagefind is done)
    assert isinstance(state.urls["/x/"], UrlRecord) and isinstance(state.urls["/y/"].reads, array)


def test_the_next_state_s_field_digests_are_those_computed_afresh(tmp_path: Path) -> None:
    """A build takes the digests of the fields of entries loaded as in the last build from
    its record, by their numbers there, and computes the others: the same digests as computed
    afresh, for fields old and new."""
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"], "/y/": ["/posts/b/"]})
    site.entries["/posts/b/"].title = "changed"
    site.entries["/posts/b/"].load_key = "b, edited"
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    assert not rebuild.is_current("/y/") and rebuild.is_current("/x/")
    log = ReadLog(site)
    log.field(site.entries["/posts/b/"], "title")
    log.field(site.entries["/posts/a/"], "html")  # (a field the last build had no number for)
    again = FrozenUrl("/y/", "y/index.html", log.take(), last.urls["/y/"].stamp)
    state = rebuild.next_state(log, ["/x/"], [again])
    assert state.fields[:len(last.fields)] == last.fields and len(state.fields) > len(last.fields)
    fresh = FieldDigests(site)
    assert state.field_digests == [fresh.get(item) for item in state.fields]
    edited = last.fields.index(("/posts/b/", "title"))
    kept = last.fields.index(("/posts/a/", "title"))
    assert state.field_digests[edited] != last.field_digests[edited]
    assert state.field_digests[kept] == last.field_digests[kept]


def test_the_digests_taken_while_urls_freeze_are_those_of_the_next_state(
        tmp_path: Path) -> None:
    """While the workers freeze the next URLs, the build takes the digests of the fields the
    URLs frozen so far read (take_digests): the next state has them (taken then, not
    again), and they are those computed afresh; an entry loaded as in the last build keeps
    the digests recorded."""
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": ["/posts/a/"], "/y/": ["/posts/b/"]})
    site.entries["/posts/b/"].title = "changed"
    site.entries["/posts/b/"].load_key = "b, edited"
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    log = ReadLog(site)
    log.field(site.entries["/posts/b/"], "title")
    log.field(site.entries["/posts/a/"], "title")
    again = FrozenUrl("/y/", "y/index.html", log.take(), last.urls["/y/"].stamp)
    rebuild.take_digests(log, [again])
    taken = FieldDigests(site).get(("/posts/b/", "title"))
    site.entries["/posts/b/"].title = "changed after the digests were taken"
    state = rebuild.next_state(log, ["/x/"], [again])
    assert state.field_digests[state.fields.index(("/posts/b/", "title"))] == taken
    site.entries["/posts/b/"].title = "changed"
    assert state.field_digests == [FieldDigests(site).get(item) for item in state.fields]
    kept = last.fields.index(("/posts/a/", "title"))
    assert state.field_digests[kept] == last.field_digests[kept]


def test_an_entry_read_whole_changes_with_any_of_its_fields(tmp_path: Path) -> None:
    site = make_site()
    log = ReadLog(site)
    log.whole([site.entries["/posts/a/"]])
    path = tmp_path / "x.json"
    path.write_text("{}")
    last = Rebuild(None, tmp_path, "frame", FieldDigests(site), same_templates).next_state(
        log, [], [FrozenUrl("/x.json", "x.json", log.take(), file_stamp(path))])
    assert Rebuild(last, tmp_path, "frame", FieldDigests(site),
                   same_templates).is_current("/x.json")
    site.entries["/posts/a/"].word_count = 7
    assert not Rebuild(last, tmp_path, "frame", FieldDigests(site),
                       same_templates).is_current("/x.json")


def test_the_digest_of_a_body_s_html_leaves_it_where_it_was_read_from() -> None:
    """A build's own process takes the digest of every body's HTML that a page shows: read
    from the cache, it is not kept in memory (read whole too), and the digest is that of
    the HTML."""
    site = make_site()
    reads: list[str] = []
    for name, entry in (("a", site.entries["/posts/a/"]), ("b", site.entries["/posts/b/"])):
        entry.html = lambda name=name: reads.append(name) or f"<p>{name}</p>"
    digests = FieldDigests(site)
    assert digests.get(("/posts/a/", "html")) == FieldDigests(make_site()).get(
        ("/posts/a/", "html"))
    assert digests.get(("/posts/b/", WHOLE)) == FieldDigests(make_site()).get(
        ("/posts/b/", WHOLE))
    assert reads == ["a", "b"]
    assert all(not isinstance(entry._html, str) for entry in site.entries.values())


def test_a_url_is_current_while_the_templates_it_was_rendered_with_are(tmp_path: Path) -> None:
    site = make_site()
    last = built_state(site, tmp_path, "frame", {"/x/": [], "/y/": [], "/z/": []},
                       {"/x/": ["base.html", "post.html"], "/y/": ["base.html", "index.html"]})
    assert last.templates == {name: "unchanged" for name in ("base.html", "index.html",
                                                              "post.html")}

    def post_edited(name: str) -> str:
        return "edited" if name == "post.html" else "unchanged"

    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), post_edited)
    assert set(rebuild.current_files()) == {"/y/", "/z/"}
    state = rebuild.next_state(ReadLog(site), ["/y/", "/z/"], [])
    assert state.templates == {"base.html": "unchanged", "index.html": "unchanged"}


def test_a_state_of_many_urls_is_recorded_in_rows_and_read_back_whole(tmp_path: Path) -> None:
    urls = {f"/p{n}/": UrlRecord(f"p{n}/index.html", array("I", [n, n + 1]), (n, 10, 20),
                                 ("post.html",)) for n in range(4_500)}
    state = BuildState(out=str(tmp_path), frame="frame", fields=[("/a/", "title")],
                       field_digests=["d"], urls=urls, templates={"post.html": "t"})
    cache = Cache(tmp_path / ".cache")
    commit(cache, state, {"out": "/x"})
    with sqlite3.connect(tmp_path / ".cache" / "cache.sqlite") as store:
        rows = store.execute("SELECT key FROM results WHERE kind = 'state'").fetchall()
    # the state, its search index's record, the summary, the token, the URLs in three rows
    # and the fields in one
    assert len(rows) == 4 + 3 + 1
    assert read_state(Cache(tmp_path / ".cache")) == state
    # A rebuild pickles its rows while Pagefind runs, and adds the search index's record
    # then: the same state.
    rows_before = record_rows(state, None)
    state.search = {"shards": {"0": {"pages": "digest"}}, "pages": {}}
    commit(cache, state, {"out": "/x"}, rows_before)
    assert read_state(Cache(tmp_path / ".cache")) == state
    assert read_state(Cache(tmp_path / ".cache")).search == state.search
    with sqlite3.connect(tmp_path / ".cache" / "cache.sqlite") as store:
        store.execute("UPDATE results SET value = ? WHERE kind = 'state' AND key = ?",
                      (pickle.dumps(("urls 0", ["not", "records"])), repr("urls 0")))
    assert read_state(Cache(tmp_path / ".cache")) is None  # (a row of another form)
    commit(cache, state, {"out": "/x"})
    with sqlite3.connect(tmp_path / ".cache" / "cache.sqlite") as store:
        store.execute("DELETE FROM results WHERE kind = 'state' AND key = ?", (repr("urls 1"),))
    assert read_state(Cache(tmp_path / ".cache")) is None  # (a row missing: no state at all)


def many_urls_state(out: Path, count: int, fields: int) -> BuildState:
    return BuildState(
        out=str(out), frame="frame", fields=[(f"/p{n}/", "title") for n in range(fields)],
        field_digests=[f"d{n}" for n in range(fields)], templates={"post.html": "t"},
        urls={f"/p{n}/": UrlRecord(f"p{n}/index.html", array("I", [n]), (n, 10, 20),
                                   ("post.html",)) for n in range(count)})


def state_keys(root: Path) -> set[str]:
    with sqlite3.connect(root / ".cache" / "cache.sqlite") as store:
        return {key for key, in store.execute("SELECT key FROM results WHERE kind = 'state'")}


def test_a_rebuild_writes_only_the_rows_of_its_record_that_changed(tmp_path: Path) -> None:
    """The rows of URLs that were all reused, and of fields whose digests are the same, are
    the rows the cache holds: they are not pickled nor written again. The record read back
    is the new one whole, with no row of the last one left."""
    cache = Cache(tmp_path / ".cache")
    commit(cache, many_urls_state(tmp_path, 4_500, 45_000), {"out": "/x"})
    last = read_state(Cache(tmp_path / ".cache"))
    assert last is not None and last.token
    new = many_urls_state(tmp_path, 4_500, 45_000)
    new.urls = dict(last.urls)  # (the very records: reused)
    new.urls["/p2100/"] = UrlRecord("p2100/index.html", array("I", [7]), (1, 2, 3))  # (frozen)
    new.field_digests[30_000] = "edited"
    rows = record_rows(new, last)
    assert {row[1] for row in rows.rows} == {repr("urls 1"), repr("fields 1")}  # (the head too)
    commit(cache, new, {"out": "/x"}, rows)
    assert read_state(Cache(tmp_path / ".cache")) == new

    last = read_state(Cache(tmp_path / ".cache"))
    assert last is not None
    fewer = many_urls_state(tmp_path, 2_000, 20_000)  # (URLs and fields gone)
    fewer.urls = {url: last.urls[url] for url in list(last.urls)[:2_000]}
    rows = record_rows(fewer, last)
    assert {row[1] for row in rows.rows} == {repr("build")}
    commit(cache, fewer, {"out": "/x"}, rows)
    assert read_state(Cache(tmp_path / ".cache")) == fewer
    assert state_keys(tmp_path) == {repr(key) for key in (
        "build", "search", "summary", "token", "urls 0", "fields 0")}


def test_a_record_replaced_by_another_build_meanwhile_is_written_whole(tmp_path: Path) -> None:
    """Two builds into two folders share the cache: a rebuild whose last record another
    build replaced while it ran writes its own whole, not its changes to a record that is
    no longer there."""
    cache = Cache(tmp_path / ".cache")
    commit(cache, many_urls_state(tmp_path, 4_500, 10), {"out": "/x"})
    last = read_state(Cache(tmp_path / ".cache"))
    assert last is not None
    new = many_urls_state(tmp_path, 4_500, 10)
    new.urls = dict(last.urls)
    new.urls["/p1/"] = UrlRecord("p1/index.html", array("I", [7]), (1, 2, 3))
    rows = record_rows(new, last)
    assert {row[1] for row in rows.rows} == {repr("urls 0")}
    other = many_urls_state(tmp_path / "other", 2_500, 3)
    commit(Cache(tmp_path / ".cache"), other, {"out": "/y"})  # (the other build, meanwhile)
    commit(cache, new, {"out": "/x"}, rows)
    assert read_state(Cache(tmp_path / ".cache")) == new


def test_the_next_state_keeps_the_order_of_the_last_one(tmp_path: Path) -> None:
    """The URLs reused and frozen again keep their places, the new ones come last: the rows
    of URLs all reused are those of the last record."""
    site = make_site()
    last = built_state(site, tmp_path, "frame", {f"/{name}/": [] for name in "vwxyz"})
    rebuild = Rebuild(last, tmp_path, "frame", FieldDigests(site, last, "frame"), same_templates)
    frozen = [FrozenUrl(url, url.strip("/") + "/index.html", array("I"), (1, 2, 3))
              for url in ("/new/", "/w/")]
    state = rebuild.next_state(ReadLog(site), ["/z/", "/v/", "/x/"], frozen)
    assert list(state.urls) == ["/v/", "/w/", "/x/", "/z/", "/new/"]
    assert all(state.urls[url] is last.urls[url] for url in ("/v/", "/x/", "/z/"))
