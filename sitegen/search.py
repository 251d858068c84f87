"""Full-text search: a Pagefind index of the frozen pages (the PyPI package ships the binary).

The indexed pages are split into shards of about ``pages_per_shard``, by a stable hash of
their path, and Pagefind indexes each shard into its own bundle ``pagefind/<n>/``; the search
page merges them (``pagefind/shards.json`` lists them). Shards keep each Pagefind process
small (tens of megabytes for 100 pages, where one index of a large site takes gigabytes), and
a shard whose pages are byte for byte what the last build indexed is reused, so editing one
post re-indexes one shard. Each bundle Pagefind writes is also kept in the cache by what it
was made from (the shard's pages and Pagefind's version): a build with no last build to take
a shard from (a fresh ``build/``, as in a CI job that keeps only ``.cache/``) takes it from
there. Pagefind reads only HTML, so it starts as soon as the pages are written and runs
while the images, feeds and JSON files are still being frozen; the shard of an edited post
is begun even before the build is planned, or before the site loads
(:mod:`sitegen.earlysearch`), and taken if the build makes the very same shard. What each
shard was made from is part of the build's state (:mod:`sitegen.buildstate`), recorded with
it after the swap.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pagefind_bin import get_executable

from sitegen.cache import Cache
from sitegen.fingerprint import (
    FileStamp,
    file_names_under,
    file_stamp,
    folder_listing,
    listing_digest,
    listing_lines,
)
from sitegen.folderlisting import list_folder
from sitegen.hardlinks import link_files
from sitegen.htmlscan import has_attribute
from sitegen.output import mark

if TYPE_CHECKING:  # (sitegen.earlysearch uses this module's shards)
    from sitegen.earlysearch import EarlyIndex, EarlyShard

# The search page loads a little of every shard for each query: beyond this many shards, a
# larger site gets larger shards instead (more than 1,600 pages at 100 a shard).
MAX_SHARDS = 16
FOLDER = "pagefind"  # the index's folder in the build
SHARDS = "shards.json"
MARKER = "data-pagefind-body"  # the attribute of the element Pagefind indexes
BUNDLES = "search:bundle"  # the cache's namespace of bundles, by their shard's digest
_ENTRY = "pagefind-entry.json"  # in every whole bundle
# Pagefind as a child that dies with its parent (see _launcher), started through Python where
# util-linux's setpriv cannot do it: Python's start takes 12 ms (a one-post edit waits for it).
_LAUNCH_IN_PYTHON = (
    sys.executable, "-c",
    "import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGKILL); "
    "os.getppid() == int(sys.argv[1]) or sys.exit(1); os.execv(sys.argv[2], sys.argv[2:])")
_PARENT_CHECK = 'test "$PPID" = "$0" || exit 1; exec "$@"'  # (in the shell setpriv starts)
_SHARD_LINKS = Path(__file__).with_name("shardlinks.py")  # (run as a script: see there)
_PAGEFIND_VERSION = version("pagefind_bin")
# The same pages give the same bundle (it is kept in the cache by them): Pagefind's settings
# are the build's own, never taken from the environment.
_PAGEFIND_ENVIRONMENT = {name: value for name, value in os.environ.items()
                         if not name.upper().startswith("PAGEFIND_")}


class SearchIndexError(Exception):
    """Pagefind could not index the build."""


@dataclass
class Shard:
    """Some of the pages to index, and where their bundle goes."""

    number: int
    pages: list[str]  # paths relative to the build folder
    digest: str  # of the pages' paths and contents: all Pagefind reads


PageDigests = dict[str, tuple[int, int, int, str, bool]]  # inode, size, time, digest, marked


def page_digests(folder: Path, known: PageDigests | None = None,
                 stamps: dict[str, FileStamp] | None = None) -> PageDigests:
    """Each HTML page's digest and whether it has ``data-pagefind-body``, by path relative
    to ``folder``. A page whose inode, size and modification time are in ``known`` is not
    read again (the pages a build reused from the last one are the very same files).
    The pages are found in the folder, unless ``stamps`` names them all, with their inode,
    size and modification time (a build knows the files it wrote and those it reused)."""
    known = known or {}
    if stamps is None:
        start = len(str(folder)) + 1
        stamps = {name[start:]: file_stamp(name) for name in file_names_under(folder)
                  if name.endswith(".html")}
    found: PageDigests = {}
    for path, stamp in stamps.items():
        last = known.get(path)
        if last is not None and tuple(last[:3]) == stamp:
            found[path] = last
            continue
        with open(folder / path, "rb") as file:
            data = file.read()
        marked = has_attribute(data.decode(errors="replace"), MARKER)
        found[path] = (*stamp, hashlib.sha256(data).hexdigest(), marked)
    return found


def plan_shards(pages: PageDigests, pages_per_shard: int) -> list[Shard]:
    """The pages Pagefind will index (those with ``data-pagefind-body``; every page if none
    has it, as Pagefind does), split into shards of about ``pages_per_shard`` (at most
    :data:`MAX_SHARDS`) by a stable hash of their path. A shard that no page falls into is
    left out (its number stays unused)."""
    marked = [path for path, page in pages.items() if page[4]]
    indexed = sorted(marked or pages)
    count = min(max(1, math.ceil(len(indexed) / pages_per_shard)), MAX_SHARDS)
    grouped: list[list[str]] = [[] for _ in range(count)]
    for path in indexed:
        grouped[int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % count].append(path)
    shards = []
    for number, paths in enumerate(grouped):
        digest = hashlib.sha256(_PAGEFIND_VERSION.encode() + b"\0")
        for path in paths:
            digest.update(f"{path}\0{pages[path][3]}\0".encode())
        if paths:
            shards.append(Shard(number, paths, digest.hexdigest()))
    return shards


class IndexJob:
    """Pagefind indexing one build folder's shards, started by :func:`start_index`."""

    def __init__(self, folder: Path, shards: list[Shard], pages: PageDigests, jobs: int,
                 cache: Cache | None = None, pages_per_shard: int = 100,
                 sources: dict[str, str] | None = None):
        self.folder = folder
        self.shards = shards
        self.pages = pages
        self.pages_per_shard = pages_per_shard
        self.sources = sources or {}  # each page's source file, by its name (see _record)
        self.cache = cache  # where bundles are kept (see keep_bundles)
        self.reused_shards: list[int] = []
        self.cached_shards: list[int] = []  # bundles written from the cache
        self.early_shards: list[int] = []  # Pagefind started before the build was planned
        self.waited_shards: list[int] = []  # (of those: started before the site loaded)
        self.kept_listings: dict[int, str] = {}  # a reused bundle's listing: the last one's
        self.empty: set[int] = set()  # shards whose pages have no text to index
        self.record: dict[str, Any] = {}  # what :meth:`wait` returned
        self.processes: list[subprocess.Popen[str]] = []
        self.jobs = jobs
        self.pool = ThreadPoolExecutor(max_workers=jobs)
        self.running: dict[int, Future[tuple[int, str]]] = {}
        self._launched: list[threading.Event] = []  # each shard's Pagefind, once started
        self._removals: list[threading.Thread] = []  # of the shards' folders of pages
        self._page_folders: list[Path] = []  # (each removed by :meth:`stop` too)
        self._stopped = False
        self._starting = threading.Lock()  # no Pagefind starts once :meth:`stop` has begun

    def index(self, shard: Shard, started: EarlyShard | None = None) -> None:
        """Start Pagefind on ``shard`` (in a thread: at most ``jobs`` run at a time), or take
        it as ``started`` before the build was planned (see :mod:`sitegen.earlysearch`). The
        pages of a shard that starts at once are linked for it here: in its thread, the
        build's own Python work would hold that back."""
        launched = threading.Event()
        self._launched.append(launched)
        if started is not None:
            self.early_shards.append(shard.number)
            if started.feeds:
                self.waited_shards.append(shard.number)
            future = self.running[shard.number] = self.pool.submit(self._take_started, shard,
                                                                   launched, started)

            def taken(future: Future[tuple[int, str]]) -> None:
                launched.set()
                if future.cancelled():  # (stopped before its thread took it)
                    started.stop()
            future.add_done_callback(taken)
            return
        linked = self._link_pages(shard) if len(self._launched) <= self.jobs else None
        future = self.running[shard.number] = self.pool.submit(self._run_pagefind, shard,
                                                               launched, linked)

        def done(future: Future[tuple[int, str]]) -> None:
            launched.set()  # (failed, or cancelled: done)
            if future.cancelled() and linked is not None:
                shutil.rmtree(linked[0], ignore_errors=True)
        future.add_done_callback(done)

    def wait_launched(self) -> None:
        """Wait until Pagefind runs on the first shards, as many as run at once (long work
        of the build's own, such as pickling, holds the interpreter: it would hold back their
        threads)."""
        for launched in self._launched[:self.jobs]:
            launched.wait()

    def _link_pages(self, shard: Shard) -> tuple[Path, str]:
        """Give Pagefind a folder of its own for ``shard``, holding hard links to the shard's
        pages at their paths in the build, so their URLs are the same and no file name needs
        quoting; return it, with what went wrong ("" if nothing)."""
        pages = self.folder.parent / f"{self.folder.name}-search-{shard.number}"
        self._page_folders.append(pages)
        shutil.rmtree(pages, ignore_errors=True)
        try:
            pages.mkdir()
            mark(pages, self.folder)  # (a build killed now leaves it: the next one removes it)
            if len(link_files(self.folder, pages, shard.pages)) < len(shard.pages):
                return pages, f"cannot index the pages for search: cannot link them into {pages}"
        except OSError as error:
            return pages, f"cannot index the pages for search: {error}"
        return pages, ""

    def _run_pagefind(self, shard: Shard, launched: threading.Event,
                      linked: tuple[Path, str] | None) -> tuple[int, str]:
        """Index one shard, its pages ``linked`` (or linked now: see :meth:`_link_pages`);
        return Pagefind's exit code and message. Pagefind runs in the shard's own folder,
        where no Pagefind configuration file can change its output, and without the
        ``PAGEFIND_*`` settings of the environment."""
        pages, problem = linked or self._link_pages(shard)
        try:
            if problem:
                return 1, problem
            with self._starting:
                if self._stopped:
                    return 1, "stopped"
                process = launch_pagefind(pages, self.folder / FOLDER / str(shard.number))
                self.processes.append(process)
            launched.set()
            output, errors = process.communicate()
            return process.returncode, (errors or output).strip()
        except OSError as error:
            return 1, f"cannot index the pages for search: {error}"
        finally:
            self._remove_soon(pages)

    def _take_started(self, shard: Shard, launched: threading.Event,
                      started: EarlyShard) -> tuple[int, str]:
        """Wait for Pagefind ``started`` on ``shard`` before the build was planned, and move
        its bundle into the build; return its exit code and message."""
        try:
            with self._starting:
                if self._stopped:
                    started.stop()
                    return 1, "stopped"
                self.processes.append(started.process)
            launched.set()
            output, errors = started.process.communicate()
            if not started.fed():  # (a page it waited for is not in its index)
                started.stop()
                return self._run_pagefind(shard, launched, None)
            bundle = started.bundle
            if started.process.returncode == 0 and bundle.is_dir():
                (self.folder / FOLDER).mkdir(exist_ok=True)
                os.rename(bundle, self.folder / FOLDER / str(shard.number))
            return started.process.returncode, (errors or output).strip()
        except OSError as error:
            return 1, f"cannot index the pages for search: {error}"
        finally:
            self._remove_soon(started.folder)

    def _remove_soon(self, folder: Path) -> None:
        """Remove a shard's ``folder`` of pages in a thread of its own: the build goes on as
        it is removed (:meth:`close` waits for it)."""
        removal = threading.Thread(target=shutil.rmtree, args=(folder,),
                                   kwargs={"ignore_errors": True})
        self._removals.append(removal)
        removal.start()

    def close(self) -> None:
        """Wait until the shards' folders of pages are removed."""
        for removal in self._removals:
            removal.join()

    @property
    def reused(self) -> bool:
        """Whether every shard was reused, from the previous build or the cache (no Pagefind
        run)."""
        return not self.running

    def wait(self) -> dict[str, Any]:
        """Wait for Pagefind, check it succeeded, list the shards for the search page, and
        drop the bundles it does not use; return the record of the index for the next build
        (see :func:`start_index`). Raises :class:`SearchIndexError` with Pagefind's own
        message."""
        try:
            for number, future in self.running.items():
                returncode, message = future.result()
                if returncode != 0:
                    if "not able to build an index" not in message:
                        raise SearchIndexError(message)
                    self.empty.add(number)  # (no text to index in this shard: fine)
        finally:
            self.pool.shutdown()
        index = self.folder / FOLDER
        index.mkdir(exist_ok=True)
        # Our search page uses Pagefind's API only: drop its unused UI bundles.
        for unused in index.glob("*/pagefind-*ui.*"):
            unused.unlink()
        for unused in index.glob("*/pagefind-highlight.js"):
            unused.unlink()
        listed = [f"{shard.number}/" for shard in self.shards if shard.number not in self.empty]
        (index / SHARDS).write_text(json.dumps(listed) + "\n", encoding="utf-8")
        self.record = _record(self.shards, index, self.pages, self.empty, self.kept_listings,
                              self.pages_per_shard, self.sources)
        return self.record

    def stop(self) -> None:
        """Stop indexing (the build failed): no queued shard starts, running ones are killed."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        with self._starting:
            self._stopped = True
            for process in self.processes:
                if process.poll() is None:
                    process.kill()
        self.pool.shutdown()
        self.close()
        for folder in self._page_folders:  # (a Ctrl+C as one was linked, in the build's own
            shutil.rmtree(folder, ignore_errors=True)  # thread, left it: see index)


@functools.cache
def _launcher() -> tuple[str, ...]:
    """The start of the command that runs Pagefind as a child that dies with its parent
    (Linux's prctl), without a preexec_fn: the shards are started from threads. The setting
    survives exec; a parent gone before it was set is noticed by its pid. util-linux's
    setpriv sets it and a shell checks the pid, in 2 ms, where setpriv has ``--pdeathsig``
    (util-linux 2.33 and later: asked once, in 2 ms); else Python does both."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return _LAUNCH_IN_PYTHON
    command = (setpriv, "--pdeathsig", "KILL", "--", "/bin/sh", "-c")
    try:
        works = subprocess.run([*command, "exit 0"], capture_output=True,
                               timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        works = False
    return (*command, _PARENT_CHECK) if works else _LAUNCH_IN_PYTHON


def launch_pagefind(pages: Path, output: Path, links: Path | None = None,
                    ) -> subprocess.Popen[str]:
    """Pagefind indexing the folder ``pages`` into the bundle ``output``, in that folder
    (where no Pagefind configuration file can change its output) and without the
    ``PAGEFIND_*`` settings of the environment. With ``links``, the child first links the
    pages that file lists into ``pages`` (see :mod:`sitegen.shardlinks`), and exits with
    status 1 if it cannot, before Pagefind starts."""
    start = [*_launcher(), str(os.getpid())] if links is None else \
        [sys.executable, "-I", "-S", str(_SHARD_LINKS), str(os.getpid()), str(links)]
    return subprocess.Popen(
        [*start, str(get_executable()), "--site", str(pages),
         "--output-path", str(output), "--silent",
         # (the "#" of each heading's link is not a word of its section)
         "--exclude-selectors", ".headerlink"],
        cwd=pages, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=_PAGEFIND_ENVIRONMENT)


def indexed_pages(recorded: dict[str, Any]) -> set[str]:
    """The pages (paths relative to the build) of the index that :meth:`IndexJob.wait`
    described as ``recorded``."""
    return set(checked_record(recorded).get("pages", {}))


def start_index(folder: Path, previous: Path | None = None,
                recorded: dict[str, Any] | None = None, pages_per_shard: int = 100,
                jobs: int = os.cpu_count() or 1,
                stamps: dict[str, FileStamp] | None = None,
                cache: Cache | None = None, early: EarlyIndex | None = None,
                sources: dict[str, str] | None = None) -> IndexJob:
    """Start writing Pagefind's index of ``folder``'s pages into ``folder/pagefind/``
    (``stamps``: each page's, if the caller knows them all: see :func:`page_digests`;
    ``sources``: the pages of source files, by the files' names, which the index's record
    keeps for the next build's :func:`sitegen.earlysearch.start_waiting`).

    Only elements marked ``data-pagefind-body`` (posts, pages, docs) are indexed, and only
    published pages exist in ``folder``, so drafts are never searchable. A shard that
    ``previous`` (the last build, whose index :meth:`IndexJob.wait` described as
    ``recorded``) indexed from the very same pages is linked in instead, else one whose
    bundle ``cache`` keeps (see :func:`keep_bundles`) is written from it, else one that
    Pagefind indexes already (``early``: see :mod:`sitegen.earlysearch`) is taken, while
    Pagefind indexes the others, up to ``jobs`` processes at a time.
    """
    recorded = checked_record(recorded or {})
    pages = page_digests(folder, recorded.get("pages"), stamps)
    shards = plan_shards(pages, pages_per_shard)
    last_shards = recorded.get("shards", {}) if previous is not None else {}
    job = IndexJob(folder, shards, pages, jobs, cache, pages_per_shard, sources)
    unchanged = [shard for shard in shards
                 if last_shards.get(str(shard.number), {}).get("pages") == shard.digest]
    # (a folder that starts as the build before last holds the bundles that were the same
    # in the last build: only those that may be taken over again stay)
    _remove_other_bundles(folder / FOLDER, {
        str(shard.number) for shard in unchanged
        if last_shards[str(shard.number)].get("empty") is not True})
    kept = cached_bundles(cache, shards)
    try:  # (Pagefind runs: a failure or a Ctrl+C from here on must stop it)
        for shard in shards:
            if shard not in unchanged and shard.digest not in kept:
                job.index(shard, early.take(shard) if early is not None else None)
        for shard in shards:
            if shard not in unchanged and shard.digest in kept:
                _take_from_cache(job, shard)
        for shard in unchanged:
            assert previous is not None
            _take_from_last_build(job, shard, last_shards[str(shard.number)], previous, kept)
    except BaseException:
        job.stop()
        raise
    return job


def _take_from_last_build(job: IndexJob, shard: Shard, last: dict[str, Any], previous: Path,
                          kept: set[str]) -> None:
    """Link in ``shard``'s bundle from the ``previous`` build, whose index recorded it as
    ``last`` (made from the very same pages); else take it from the cache, or index it."""
    bundle = Path(FOLDER, str(shard.number))
    if last.get("empty") is True:
        job.reused_shards.append(shard.number)  # the same pages, still nothing to index
        job.empty.add(shard.number)
    elif _reuse(last.get("index", ""), previous / bundle, job.folder / bundle):
        job.reused_shards.append(shard.number)
        job.kept_listings[shard.number] = last["index"]
    elif shard.digest in kept:
        _take_from_cache(job, shard)
    else:
        job.index(shard)


def _record(shards: list[Shard], index: Path, pages: PageDigests, empty: set[int],
            kept_listings: dict[int, str], pages_per_shard: int,
            sources: dict[str, str]) -> dict[str, Any]:
    """Each shard's pages and the listing of its bundle (or that its pages had no text to
    index: ``empty``), and each page's digest, for the next build. A bundle linked from the
    last build (``kept_listings``) has the listing it had there: the same names, sizes and
    times. With them, for the next build's :func:`sitegen.earlysearch.start_waiting`:
    ``pages_per_shard``, and the indexed pages of source files, by the files' names (of
    ``sources``)."""
    indexed = {path for shard in shards for path in shard.pages}
    return {"shards": {str(shard.number): {
                "pages": shard.digest,
                "index": kept_listings.get(shard.number)
                or folder_listing(index / str(shard.number)),
                "empty": shard.number in empty}
            for shard in shards},
            "pages": pages,
            "per_shard": pages_per_shard,
            "sources": {name: path for name, path in sources.items() if path in indexed}}


def checked_record(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` if it has the form :func:`_record` gives, else nothing."""
    if not isinstance(record.get("shards"), dict) or not isinstance(record.get("pages"), dict):
        return {}
    return record


def bundle_files(build: Path) -> dict[str, int]:
    """The files of the index's bundles in ``build`` (paths relative to it, by inode): a new
    build that starts from the build before last keeps those of its files that are these
    very files, for the bundles it takes over (see :func:`sitegen.build.new_build_folder`)."""
    try:
        listing = list_folder(build / FOLDER)
    except OSError:
        return {}  # (no index: a site without search, or a folder gone since)
    # (a bundle is a folder of the index's; the files beside them are Pagefind's own)
    return {f"{FOLDER}/{path}": inode for path, inode in listing.files.items() if "/" in path}


def keep_bundles(cache: Cache, job: IndexJob | None, build: Path) -> list[str]:
    """Keep in ``cache`` the bundle of each of ``job``'s shards that it lacks (those Pagefind
    wrote, and any linked from the last build that it lost), read from the ``build`` folder,
    by the shard's digest (of its pages and Pagefind's version: the same pages give the same
    bundle); keep no bundle of other pages (none without a ``job``: the site has no search).
    A bundle is kept only as :meth:`IndexJob.wait` recorded it (the same files, sizes and
    times) and whole (with Pagefind's ``pagefind-entry.json``).

    Done once the build is in place and recorded, one bundle at a time (about 4 MB each at
    10,000 posts), so that the build's largest process grows no larger. Return what could
    not be done (a cache busy in another process past SQLite's wait, a file gone): a build
    that finds no bundle in the cache runs Pagefind."""
    shards = job.shards if job is not None else []
    try:
        present = cache.has(BUNDLES, [shard.digest for shard in shards])
        cache.keep_only(BUNDLES, [shard.digest for shard in shards])
    except sqlite3.Error as error:
        return [f"cannot keep the search index in the cache: {error}"]
    if job is None:
        return []
    problems = []
    for shard in shards:
        listing = job.record.get("shards", {}).get(str(shard.number), {}).get("index")
        if shard.digest in present or shard.number in job.empty or not listing:
            continue
        try:
            files = _bundle_as_recorded(build / FOLDER / str(shard.number), listing)
            if files is not None:
                cache.put(BUNDLES, {shard.digest: files})
        except (sqlite3.Error, OSError) as error:
            problems.append(f"cannot keep search shard {shard.number} in the cache: {error}")
    return problems


def _bundle_as_recorded(bundle: Path, listing: str) -> dict[str, bytes] | None:
    """The files of ``bundle`` by name, if its ``listing`` (of names, sizes and times) is
    still the one recorded and it is whole; else None."""
    lines = listing_lines(bundle)
    if listing_digest(lines) != listing:
        return None
    names = [line.split("\0", 1)[0] for line in lines]
    return {name: (bundle / name).read_bytes() for name in names} if _ENTRY in names else None


def cached_bundles(cache: Cache | None, shards: list[Shard]) -> set[str]:
    """The digests of those ``shards`` whose bundle ``cache`` keeps."""
    if cache is None:
        return set()
    return {str(digest) for digest in cache.has(BUNDLES, [shard.digest for shard in shards])}


def _take_from_cache(job: IndexJob, shard: Shard) -> None:
    """Write the bundle ``job``'s cache keeps for ``shard`` into the build (one bundle read at
    a time: at 10,000 posts each is about 4 MB); index the shard if the cache has no whole
    bundle for it (another build may have dropped it since, or it cannot be read)."""
    assert job.cache is not None
    try:
        files = job.cache.get(BUNDLES, shard.digest)
    except (sqlite3.Error, pickle.UnpicklingError):
        files = None
    if not isinstance(files, dict) or _ENTRY not in files:
        job.index(shard)
        return
    target = job.folder / FOLDER / str(shard.number)
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    job.cached_shards.append(shard.number)


def _remove_other_bundles(index: Path, kept: set[str]) -> None:
    """Remove from ``index`` (the new build's index folder) everything but the bundles named
    ``kept``."""
    try:
        entries = list(os.scandir(index))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in kept:
                shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def _reuse(listing: str, bundle: Path, target: Path) -> bool:
    """Hard-link the previous build's ``bundle`` into ``target`` if it is still exactly as
    that build left it (``listing``, of its names, sizes and times). ``target`` may hold some
    of its files already (the very files: see :func:`bundle_files`)."""
    lines = listing_lines(bundle)
    if not bundle.is_dir() or listing_digest(lines) != listing:
        shutil.rmtree(target, ignore_errors=True)
        return False
    start = len(str(target)) + 1
    present = {name[start:] for name in file_names_under(target)} if target.is_dir() else set()
    names = [name for line in lines if (name := line.split("\0", 1)[0]) not in present]
    if len(link_files(bundle, target, names)) < len(names):
        shutil.rmtree(target, ignore_errors=True)  # (no hard links here?): index it again
        return False
    return True
