"""The build, on one screen: begin (see :mod:`sitegen.buildstart`) -> load -> begin an edit's
index -> plan -> freeze -> index -> swap -> commit.

:func:`build` runs the steps in order; each is a function of its own. What a rebuild
redoes is decided in :mod:`sitegen.buildstate`; how freezing stays atomic, in
:mod:`sitegen.build`.
"""
from __future__ import annotations

import datetime as dt
import gc
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from flask import Flask

from sitegen import earlysearch, search
from sitegen.app import loaded_site, start_recording, template_digests
from sitegen.build import (
    freeze,
    frozen_page,
    is_page,
    new_build_folder,
    output_path,
    swap_in,
)
from sitegen.buildstart import BegunBuild, begin_build
from sitegen.buildstate import (
    BuildState,
    FieldDigests,
    FrozenUrl,
    Rebuild,
    RecordRows,
    StateHead,
    commit,
    frame_digest,
    read_state_head,
    read_state_urls,
    record_rows,
    shares_previous,
    site_entries,
)
from sitegen.cache import Cache
from sitegen.errors import ctrl_c_ignored
from sitegen.fingerprint import (
    PROJECT,
    file_stamp,
    listing_digest,
    listing_lines,
    stamp_lines,
)
from sitegen.folderlisting import FolderListing
from sitegen.lastload import keep_load
from sitegen.manifest import BuildCheck, build_summary
from sitegen.models import Site
from sitegen.output import (
    MARKER,
    Removals,
    is_generated,
    staging_folder,
)
from sitegen.processes import release_free_memory
from sitegen.state import LoadedSite


class Report(Protocol):
    """Where a build tells what it does (the terminal, for the ``build`` command)."""

    def __call__(self, message: str, *, warning: bool = False) -> None: ...


AppFactory = Callable[[Path, int], Flask]
# A load that made its process this large gives the memory it freed back to the system (about
# 5,000 posts: see sitegen.processes.release_free_memory).
TRIM_ABOVE = 300 * 1024 * 1024


@dataclass
class Plan:
    """What this build must do: every URL of the site, and which of the last build's files
    are current (see :class:`~sitegen.buildstate.Rebuild`)."""

    urls: list[str]
    rebuild: Rebuild
    current: dict[str, tuple[str, int]]  # URL -> (path in build/, inode)
    recycle: bool  # start from the build before last (see sitegen.build.new_build_folder)
    last: BuildState | None


class UnrecordedBuild(Exception):
    """The new build is in place, but the cache could not record it (the next build then
    redoes the work it would have reused)."""


@dataclass
class Built:
    """What a build wrote."""

    pages: int
    files: int
    frozen: list[FrozenUrl]
    reused: list[str]
    warnings: int
    next_scheduled: dt.datetime | None
    # The drafts (their paths in content/) and the number of scheduled posts left out
    skipped_drafts: list[str] = field(default_factory=list)
    skipped_scheduled: int = 0


def build(app_factory: AppFactory, all_urls: Callable[[Flask], list[str]], checked: BuildCheck,
          jobs: int, report: Report, begun: BegunBuild | None = None) -> Built:
    """Build ``checked.root``'s site into ``checked.out``, atomically; ``checked`` says what
    the build reads (see :func:`sitegen.manifest.check_build`), and ``begun`` is its first
    steps if they were begun already (see :mod:`sitegen.buildstart`). Author mistakes raise
    :class:`~sitegen.errors.AuthorErrors` before anything is written, as does an output
    folder that is not the generator's to replace (see :mod:`sitegen.output`)."""
    root, out = checked.root, checked.out
    # (from the moment the new build is put in place, to the end: see ctrl_c_ignored)
    with ExitStack() as once_in_place, begun or begin_build(checked, jobs) as started:
        early = started.early  # (Pagefind, on a changed post's shard)
        try:
            app = load(app_factory, root, jobs, report)
            with kept_from_collector():  # (the last build's record, and the plan)
                state = loaded_site(app)
                templates = template_digests(app)  # (before any page is rendered)
                head = read_state_head(state.cache)
                early, frame = start_early_index(app, root, out, head, templates, jobs, early)
                plan = plan_build(app, out, _site_urls(app, all_urls), frame, templates, head,
                                  report)
                folder, reused = _new_folder(app, out, plan, started.removals,
                                             started.previous)
        except BaseException:
            early.stop()
            raise
        assert state.reads is not None
        index = SearchIndex(app, folder, out, plan, reused, jobs, report, early)
        try:
            frozen = freeze(app, folder, [url for url in plan.urls if url not in reused],
                            index.start, jobs, _progress(report), started.lock_fd,
                            partial(plan.rebuild.take_digests, state.reads))
            record, listing, rows = _record_while_indexing(plan, state, reused, frozen,
                                                           folder, index)
        except BaseException:
            index.stop()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        # The build is done: it is put in place and recorded whole, and a Ctrl+C from now on
        # would only make the exit status say it is not (while the build before last is
        # deleted, the lock released...).
        once_in_place.enter_context(ctrl_c_ignored())
        try:
            _put_in_place(folder, out, state.cache, record, rows,
                          build_summary(checked, listing_digest(listing),
                                        state.site.next_scheduled, shares_previous(record)))
            index.keep_bundles()
        finally:
            index.close()
        return _built(state.site, frozen, reused)


def _built(site: Site, frozen: list[FrozenUrl], reused: dict[str, str]) -> Built:
    """What the build of ``site`` wrote: the URLs it ``frozen`` and those it ``reused``."""
    pages = sum(1 for item in frozen if item.path.endswith(".html")) + \
        sum(1 for path in reused.values() if path.endswith(".html"))
    return Built(pages, len(frozen) + len(reused) - pages, frozen, list(reused),
                 len(site.warnings), site.next_scheduled, site.skipped_drafts,
                 site.skipped_scheduled)


def _new_folder(app: Flask, out: Path, plan: Plan, removals: Removals,
                previous: FolderListing | None) -> tuple[Path, dict[str, str]]:
    """The new build's folder, holding the last build's current files (see
    :func:`sitegen.build.new_build_folder`), and the URLs whose files it holds. It starts
    from the build before last (whose listing ``find`` may have made: ``previous``) when
    that pays; else that folder is deleted while the build freezes."""
    recycle = plan.recycle and is_generated(staging_folder(out))
    if not recycle:
        removals.start(staging_folder(out))
    # (the search index's bundles may be kept from the build before last too)
    bundles = search.bundle_files(out) if recycle and loaded_site(app).site.config.search \
        else {}
    return new_build_folder(out, plan.current, recycle, bundles, previous)


def _put_in_place(folder: Path, out: Path, cache: Cache, record: BuildState,
                  rows: RecordRows | None, summary: dict[str, Any]) -> None:
    """Swap the new build ``folder`` in as ``out``, and record it (see
    :func:`sitegen.buildstate.commit`)."""
    try:
        swap_in(folder, out)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        commit(cache, record, summary, rows)
    except sqlite3.Error as error:
        raise UnrecordedBuild(str(error)) from None


def _record_while_indexing(plan: Plan, state: LoadedSite, reused: dict[str, str],
                           frozen: list[FrozenUrl], folder: Path, index: SearchIndex,
                           ) -> tuple[BuildState, list[str], RecordRows | None]:
    """The build's record, the listing of its ``folder`` for the no-change check, and the
    record's rows pickled (None: pickled as they are written), once the search ``index`` is
    done. While Pagefind indexes, the record is made and the folder listed but for the
    bundles Pagefind writes (listed once it is done); a build that reused most files pickles its
    record then too, once Pagefind runs (a clean build's process is at its largest: it
    pickles each row as it writes it). The load is kept for the next build meanwhile too
    (see :mod:`sitegen.lastload`)."""
    assert state.reads is not None
    with kept_from_collector():
        record = plan.rebuild.next_state(state.reads, list(reused), frozen)
        listing = _listing_but_index(folder, plan, reused, frozen)
        rows = None
        if len(frozen) < len(reused):
            index.wait_launched()
            rows = record_rows(record, plan.last)
        if state.kept is not None and not state.kept.restored:
            keep_load(state.cache, state.kept, plan.urls)
        listing += index.kept_listing()
    record.search = index.finish()
    return record, listing + index.rest_listing(), rows


def _listing_but_index(folder: Path, plan: Plan, reused: dict[str, str],
                       frozen: list[FrozenUrl]) -> list[str]:
    """The listing of the new build ``folder`` (see :func:`~sitegen.fingerprint.listing_lines`)
    but for the search index's folder, from what the build knows: the stamps of the files it
    wrote, those of the last build's files it ``reused`` (the very files that build recorded:
    see :meth:`~sitegen.buildstate.Rebuild.is_current`), and its marker. (A look at each of
    34,000 files takes 0.2 s at 10,000 posts, while Pagefind runs on the other core.)"""
    stamps = {path: plan.last.urls[url].stamp for url, path in reused.items()} \
        if plan.last is not None else {}
    stamps.update((item.path, item.stamp) for item in frozen)
    stamps[MARKER] = file_stamp(folder / MARKER)
    return stamp_lines(stamps)


@contextmanager
def kept_from_collector() -> Iterator[None]:
    """Run a step of the build that makes data the build keeps to its end, and few cycles
    (the loaded site; the last build's record and the plan; the new record), with the
    garbage collector paused, then keep what it made out of the collector's passes
    (``gc.freeze``), whose first pass would go over it all. At 10,000 posts the record and
    the plan are hundreds of thousands of objects: the collector's passes over them took
    0.2 s of a one-post edit. (The freezing steps run with it: rendering pages makes
    cycles. The pages rendered for the search index begun before the plan, eight at most,
    are rendered without it.) The collector is left as it was found (a step within another
    leaves it paused)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def load(app_factory: AppFactory, root: Path, jobs: int, report: Report) -> Flask:
    """Load the site into its app, and report what the load did."""
    report(f"Loading {root / 'content'} ...")
    with kept_from_collector():
        app = app_factory(root, jobs)
    current, kept = loaded_site(app).site, loaded_site(app).kept
    release_free_memory(TRIM_ABOVE)
    for warning in current.warnings:
        report(warning, warning=True)
    if kept is not None and kept.restored:
        edited = len(kept.edited)
        report(f"Took a past build's load, and the {edited} bod{'ies' if edited != 1 else 'y'} "
               "edited since in place.")
    else:
        report(f"Rendered {current.rendered_count} of {current.source_count} sources "
               f"({current.source_count - current.rendered_count} from cache).")
    return app


def start_early_index(app: Flask, root: Path, out: Path, head: StateHead | None,
                      templates: dict[str, str], jobs: int, waiting: earlysearch.EarlyIndex,
                      ) -> tuple[earlysearch.EarlyIndex, str]:
    """Start indexing for search, before the build is planned, the shards of the pages it is
    sure to write anew (see :func:`_pages_written_anew` and
    :func:`sitegen.earlysearch.start_early`), or hand them to Pagefind where it is ``waiting``
    for them already (see :func:`sitegen.buildstart.start_waiting_index`: ``waiting``
    itself holds them all, and the build stops it if anything fails). Pagefind then runs
    while the build is planned and its folder made. Return them, with the site's frame (see
    :func:`sitegen.buildstate.frame_digest`), taken only then: taken first, it kept the
    pages from Pagefind for 0.08 s at 10,000 posts. If the frame is not the last build's
    (every page is written anew: see :class:`~sitegen.buildstate.Rebuild`), Pagefind is
    stopped; else the build yields to it (see :func:`sitegen.earlysearch.yield_to_pagefind`)."""
    state = loaded_site(app)
    written = _pages_written_anew(app, out, head, templates)
    early = earlysearch.start_early(out, head.state.search if head is not None else {},
                                    written, state.site.config.search_shard_pages, jobs,
                                    state.cache, waiting)
    frame = frame_digest(root, PROJECT, state.site)
    if head is None or head.state.frame != frame:
        early.stop()
    earlysearch.yield_to_pagefind(early)
    return early, frame


def _pages_written_anew(app: Flask, out: Path, head: StateHead | None,
                        templates: dict[str, str]) -> dict[str, bytes]:
    """The pages, by path, of the entries loaded from changed sources, rendered as freezing
    renders them (before it records what they read), when the site's ``templates`` (their
    digests, by name: see :func:`sitegen.app.template_digests`) are those of the last build
    (whose state ``head`` has) and those pages were in its index; else none."""
    state = loaded_site(app)
    last = head.state if head is not None else None
    if not state.site.config.search or last is None or last.out != str(out):
        return {}
    if any(templates.get(name) != recorded for name, recorded in last.templates.items()):
        return {}
    changed = [entry.url for entry in site_entries(state.site)
               if last.entry_keys.get(entry.url) != entry.load_key]
    indexed = search.indexed_pages(last.search)
    if len(changed) > earlysearch.EARLY_PAGES_AT_MOST \
            or not all(is_page(url) and output_path(url) in indexed for url in changed):
        return {}
    written = {}
    for url in changed:
        page = frozen_page(app, url)
        if page is None:
            return {}
        written[output_path(url)] = page
    return written


def _site_urls(app: Flask, all_urls: Callable[[Flask], list[str]]) -> list[str]:
    """Every URL of the site, as Frozen-Flask lists them: for a restored load, those its
    build kept (see :class:`sitegen.lastload.KeptLoad`); else as ``all_urls`` lists them."""
    kept = loaded_site(app).kept
    return kept.urls if kept is not None and kept.restored and kept.urls else all_urls(app)


def plan_build(app: Flask, out: Path, urls: list[str], frame: str, templates: dict[str, str],
               head: StateHead | None, report: Report) -> Plan:
    """Which URLs to freeze: those whose file in the last build (whose record ``head``
    begins) is not current (the site's ``frame``: see
    :func:`sitegen.buildstate.frame_digest`; its ``templates``' digests, by name)."""
    state = loaded_site(app)
    last = read_state_urls(state.cache, head) if head is not None else None
    rebuild = Rebuild(last, out, frame, FieldDigests(state.site, last, frame),
                      lambda name: templates.get(name, "missing"))
    current = rebuild.current_files()
    if current:
        report(f"Reusing {len(current)} unchanged files of the last build.")
    start_recording(app)
    return Plan(urls, rebuild, current, rebuild.recycling_pays(current), last)


class SearchIndex:
    """The search index of the new build folder: started as soon as its pages are written
    (:meth:`start`), finished before the swap (:meth:`finish`)."""

    def __init__(self, app: Flask, folder: Path, out: Path, plan: Plan, reused: dict[str, str],
                 jobs: int, report: Report, early: earlysearch.EarlyIndex | None = None):
        self.folder, self.out, self.jobs, self.report = folder, out, jobs, report
        self.early = early or earlysearch.EarlyIndex()  # (started before the plan)
        self.shard_pages = loaded_site(app).site.config.search_shard_pages
        self.enabled = loaded_site(app).site.config.search  # (the site's switch)
        self.cache = loaded_site(app).cache  # (Pagefind's bundles are kept in it too)
        self.recorded: dict[str, Any] = plan.last.search if plan.last is not None else {}
        # The pages of the last build in the folder (``reused``, by URL): the very files
        # the last build recorded.
        self.reused_pages = {path: plan.last.urls[url].stamp for url, path in reused.items()
                             if path.endswith(".html")} if plan.last is not None else {}
        self.job: search.IndexJob | None = None
        # Each page's source file, by its name: the next build starts Pagefind on the shard
        # of a changed one before it loads the site (see buildstart.start_waiting_index).
        self.sources = {str(entry.source): output_path(entry.url)
                        for entry in site_entries(loaded_site(app).site)
                        if entry.source is not None and is_page(entry.url)
                        } if self.enabled else {}

    def start(self, written: list[FrozenUrl]) -> None:
        """Start indexing the pages: the last build's and those just ``written`` (the
        shards whose pages are all the last build's are taken from it), unless the site has
        no search."""
        if not self.enabled:
            return
        pages = {**self.reused_pages,
                 **{item.path: item.stamp for item in written if item.path.endswith(".html")}}
        try:
            job = self.job = search.start_index(self.folder, self.out, self.recorded,
                                                self.shard_pages, self.jobs, pages, self.cache,
                                                self.early, self.sources)
        finally:
            self.early.stop()  # (those it did not take)
        shards, reused, cached = len(job.shards), len(job.reused_shards), len(job.cached_shards)
        if job.reused and not cached:
            self.report("  Search index: the pages are unchanged, the last index is reused.")
        elif job.reused:
            source = "the last build and the cache" if reused else "the cache"
            self.report(f"  Search index: the pages are unchanged, their index is taken from "
                        f"{source}.")
        else:
            kept = f"; {reused} kept, their pages are unchanged" if reused else ""
            kept += f"; {cached} from the cache" if cached else ""
            waited = len(job.waited_shards)
            kept += f"; {waited} begun before the site loaded" if waited else ""
            planned = len(job.early_shards) - waited
            kept += f"; {planned} begun before the build was planned" if planned else ""
            self.report(f"  Indexing the pages for search ({len(job.running)} of {shards} "
                        f"shard{'s' if shards > 1 else ''}{kept}) ...")

    def wait_launched(self) -> None:
        """Wait until Pagefind runs (see :meth:`sitegen.search.IndexJob.wait_launched`)."""
        if self.job is not None:
            self.job.wait_launched()

    def finish(self) -> dict[str, Any]:
        """Wait for the index; return its record for the build's state."""
        return self.job.wait() if self.job is not None else {}

    def kept_listing(self) -> list[str]:
        """The listing (see :func:`~sitegen.fingerprint.listing_lines`) of the bundles taken
        whole from the last build, made while Pagefind writes the others: they are final."""
        kept = self.job.reused_shards if self.job is not None else []
        return [line for number in kept
                for line in listing_lines(self.folder, f"{search.FOLDER}/{number}")]

    def rest_listing(self) -> list[str]:
        """The listing of the rest of the index's folder, once the index is finished (see
        :meth:`finish`): with :meth:`kept_listing`, that of the whole folder. (At 10,000
        posts, a look at the files of all 16 bundles took 0.1 s after Pagefind; those of
        one, 0.01 s.)"""
        kept = self.job.reused_shards if self.job is not None else []
        return listing_lines(self.folder, search.FOLDER,
                             leave_out=[f"{search.FOLDER}/{number}" for number in kept])

    def keep_bundles(self) -> None:
        """Keep the index's bundles in the cache, once the build is in place and recorded
        (see :func:`sitegen.search.keep_bundles`); say what could not be kept."""
        for problem in search.keep_bundles(self.cache, self.job, self.out):
            self.report(f"{problem} (the next build without this build/ indexes it again)",
                        warning=True)

    def close(self) -> None:
        """Wait until Pagefind's folders of pages are removed."""
        if self.job is not None:
            self.job.close()

    def stop(self) -> None:
        """Stop indexing (the build failed)."""
        self.early.stop()
        if self.job is not None:
            self.job.stop()


def _progress(report: Report) -> Callable[[int, str], None]:
    def progress(count: int, url: str) -> None:
        if count % 250 == 0:
            report(f"  {count} URLs written ...")
    return progress
