"""Search shards begun early: Pagefind started on the shard of an edited page before the
build is planned (:func:`start_early`), or even before the site loads
(:func:`start_waiting`), so that the shard is indexed while the build does its own work.
:func:`sitegen.search.start_index` takes such a shard only if the build's own pages make the
very same shard (the same paths and bytes): the bundle is then the one Pagefind makes of
those pages.

Begun before the load, Pagefind reads the shard's other pages from the last build while the
site loads, and the edited page from a named pipe in its place (:class:`PageFeed`), written
once the build has rendered it. Pagefind indexes pages in the order it finds them in the
folder: a pipe keeps the page's place, where a page handed to Pagefind's API last would
change the bundle.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.cache import Cache
from sitegen.hardlinks import link_same_files
from sitegen.htmlscan import has_attribute
from sitegen.output import mark, temporary_folder
from sitegen.search import (
    MARKER,
    PageDigests,
    Shard,
    cached_bundles,
    checked_record,
    launch_pagefind,
    plan_shards,
)
from sitegen.shardlinks import LINKED


class PageFeed:
    """A page that Pagefind, started before the page was rendered, reads from a named pipe at
    the page's path (it reads the shard's other pages meanwhile, and indexes them in the
    order it found them, the pipe's place among them): written whole, in a thread, once the
    build has the page."""

    def __init__(self, pipe: Path):
        self.pipe = pipe
        self._thread: threading.Thread | None = None
        self._opened = self._written = self._released = False

    def write(self, data: bytes) -> None:
        """Start writing ``data`` into the pipe, in a thread: once Pagefind opens it."""
        self._thread = threading.Thread(target=self._write, args=(data,), daemon=True,
                                        name="search-page")
        self._thread.start()

    def _write(self, data: bytes) -> None:
        try:
            with open(self.pipe, "wb") as pipe:  # (waits until Pagefind opens it)
                self._opened = True
                pipe.write(data)
            self._written = True
        except OSError:
            pass  # (Pagefind is gone: the shard is indexed again)

    def finish(self) -> bool:
        """Once Pagefind is gone: end the thread, and return whether Pagefind read the whole
        page. A thread still waiting for Pagefind to open the pipe is let go (the page is not
        in the index) by an opening of the pipe's other end."""
        if self._thread is None:
            return False
        while not self._opened and self._thread.is_alive():
            self._released = True
            try:
                os.close(os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK))
            except OSError:
                return False  # (the pipe is gone: the thread waits on, harmlessly)
            self._thread.join(timeout=0.01)
        self._thread.join()
        return self._written and not self._released


# The priority (`nice`) of Pagefind begun before the site loads: on 2 cores it used to take
# time from the load (1.2 s at 10,000 posts became 1.5 s); it reads pages the load does not
# wait for.
WAITING_NICENESS = 10
# The build's priority once Pagefind has the pages it waited for: lower still, as the
# build now waits for Pagefind (see yield_to_pagefind).
YIELDING_NICENESS = 19


def yield_to_pagefind(early: EarlyIndex) -> None:
    """Once Pagefind, begun before the site loaded, has the pages it waited for (see
    :func:`start_early`), give this thread, and the processes it starts from now on (those
    that freeze), a priority below Pagefind's, :data:`YIELDING_NICENESS`: the build waits
    for Pagefind now, and its own work is the shorter (at 10,000 posts, about 1 s of CPU
    beside Pagefind's 1.5 s). Taking Pagefind's priority, so that the two shared the cores,
    made a post's edit 2.92 s against 3.13 s at 10,000 posts (ten each, in turns). Below
    it, Pagefind gets the cores whenever it can use them, and the build the rest: 3.06 s
    against 3.32 s with Pagefind's priority (twelve each, in turns; Pagefind's part after
    it has the page, 1.91 s against 2.17 s), and 0.655 s against 0.670 s at 1,000 posts."""
    if any(started.feeds for started in early.started.values()):
        _lower_priority(0, YIELDING_NICENESS)  # (0: this thread)


def _lower_priority(pid: int, niceness: int = WAITING_NICENESS) -> None:
    """Give process ``pid`` the priority ``niceness`` (just started: its threads, made
    later, have it too), where the system lets it."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except OSError:
        pass


@dataclass
class EarlyShard:
    """Pagefind started on a shard before the build was planned: its folder holds the
    shard's pages (``site/``) and the bundle Pagefind writes (``bundle/``). Started before
    the site loaded, Pagefind reads some pages from named pipes (``feeds``, by path: see
    :func:`start_waiting`)."""

    folder: Path
    process: subprocess.Popen[str]
    feeds: dict[str, PageFeed] = field(default_factory=dict)
    linking: bool = False  # (its own process links its pages: see sitegen.shardlinks)
    _linked: bool = field(default=True, init=False, repr=False)

    def runs(self) -> bool:
        """Whether Pagefind runs on the shard's pages as the last build indexed them: where
        its own process links them, once that process says it did (it exits if it cannot;
        at 10,000 posts it is done long before the site is loaded)."""
        if self.linking:
            self.linking = False
            assert self.process.stdout is not None
            said = os.read(self.process.stdout.fileno(), len(LINKED))  # (or b"": it exited)
            self._linked = said == LINKED
        return self._linked and self.process.poll() is None

    @property
    def bundle(self) -> Path:
        """Where Pagefind writes the shard's bundle."""
        return self.folder / _EARLY_BUNDLE

    def fed(self) -> bool:
        """Once Pagefind is done: whether it read each page it waited for, whole (every
        feed is finished, hence a list: ``all`` of a generator would stop at the first)."""
        return all([feed.finish() for feed in self.feeds.values()])

    def stop(self) -> None:
        """Stop Pagefind, and remove the folder."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        for feed in self.feeds.values():
            feed.finish()
        shutil.rmtree(self.folder, ignore_errors=True)


_EARLY_PAGES, _EARLY_BUNDLE, _EARLY_LINKS = "site", "bundle", "links.json"
# A build that changes more pages than this is not a small edit: it indexes once planned.
EARLY_PAGES_AT_MOST = 8


class EarlyIndex:
    """The shards :func:`start_early` started, by their digest (see
    :class:`~sitegen.search.Shard`): :func:`~sitegen.search.start_index` takes those it
    finds the same; :meth:`stop` ends the rest. Before, the shards :func:`start_waiting`
    started, by their pages' paths."""

    def __init__(self) -> None:
        self.started: dict[str, EarlyShard] = {}
        self.waiting: dict[tuple[str, ...], EarlyShard] = {}

    def take(self, shard: Shard) -> EarlyShard | None:
        """The shard started early with the very same pages as ``shard``, if any."""
        return self.started.pop(shard.digest, None)

    def stop(self) -> None:
        """Stop Pagefind on the shards not taken, and remove their folders."""
        for started in [*self.started.values(), *self.waiting.values()]:
            started.stop()
        self.started.clear()
        self.waiting.clear()


def start_waiting(out: Path, recorded: dict[str, Any], changed: Iterable[str],
                  jobs: int = os.cpu_count() or 1) -> EarlyIndex:
    """Start Pagefind, before the site loads, on each shard of the last build into ``out``
    (whose index :meth:`~sitegen.search.IndexJob.wait` described as ``recorded``) that holds
    the page of a ``changed`` source file (by name), if every changed file is the source of
    a page that index has: the shard's other pages linked from ``out``, and a named pipe at
    the path of each of those pages. Pagefind reads the other pages while the site loads,
    and waits for the pipes: :func:`start_early` writes the pages into them once the build
    has rendered them, if they make the very same shard, or stops Pagefind. No more than
    ``jobs`` shards, none if more than :data:`EARLY_PAGES_AT_MOST` files changed."""
    early = EarlyIndex()
    recorded = checked_record(recorded)
    sources, per_shard = recorded.get("sources"), recorded.get("per_shard")
    changed = list(changed)
    if not changed or len(changed) > EARLY_PAGES_AT_MOST or not isinstance(sources, dict) \
            or not isinstance(per_shard, int) or not all(name in sources for name in changed):
        return early
    waited = {sources[name] for name in changed}
    known: PageDigests = recorded["pages"]
    if not known.keys() >= waited:
        return early
    shards = [shard for shard in plan_shards(known, per_shard)
              if not waited.isdisjoint(shard.pages)]
    if len(shards) > jobs:
        return early
    try:
        for shard in shards:
            started = _start_early_shard(out, shard, known, {}, waited)
            if started is not None:
                early.waiting[tuple(shard.pages)] = started
    except BaseException:
        early.stop()
        raise
    return early


def start_early(out: Path, recorded: dict[str, Any], written: dict[str, bytes],
                pages_per_shard: int = 100, jobs: int = os.cpu_count() or 1,
                cache: Cache | None = None, early: EarlyIndex | None = None) -> EarlyIndex:
    """Start Pagefind, before a rebuild is planned, on the shards that hold the pages it will
    write anew (``written``: their HTML by path, pages the last build into ``out``, whose
    index :meth:`~sitegen.search.IndexJob.wait` described as ``recorded``, had too), with
    the last build's other pages. A shard is started only if it would change, its bundle is
    not in ``cache``, and every other page of it is the very file the last build indexed
    (same inode, size and modification time); no more than ``jobs`` shards, none if more
    than :data:`EARLY_PAGES_AT_MOST` pages are ``written``.
    :func:`~sitegen.search.start_index` takes a shard only if the build's own pages make the
    very same shard (see :class:`EarlyIndex`).

    A shard that Pagefind waits on already (``early``'s, see :func:`start_waiting`) is given
    its pages if it waits for these very pages of the shard (and no other); the shards left
    waiting are stopped."""
    early = early if early is not None else EarlyIndex()
    try:
        for shard in _shards_to_start(recorded, written, pages_per_shard, jobs, cache):
            # (a shard stays in ``early`` until it is moved or stopped: a Ctrl+C stops it)
            waiting = early.waiting.get(tuple(shard.pages))
            if waiting is not None and waiting.runs() \
                    and waiting.feeds.keys() == written.keys() & set(shard.pages):
                for path, feed in waiting.feeds.items():
                    feed.write(written[path])
                early.started[shard.digest] = early.waiting.pop(tuple(shard.pages))
                continue
            if waiting is not None:  # (its pages were not those indexed, it was killed, or
                waiting.stop()  # it waits for other pages)
                del early.waiting[tuple(shard.pages)]
            started = _start_early_shard(out, shard, checked_record(recorded)["pages"], written)
            if started is not None:
                early.started[shard.digest] = started
    except BaseException:
        early.stop()
        raise
    for waiting in early.waiting.values():
        waiting.stop()
    early.waiting.clear()
    return early


def _shards_to_start(recorded: dict[str, Any], written: dict[str, bytes],
                     pages_per_shard: int, jobs: int, cache: Cache | None) -> list[Shard]:
    """The shards :func:`start_early` starts: those that hold a page ``written`` and are not
    the last build's, nor in ``cache``; none if there are more than ``jobs``."""
    recorded = checked_record(recorded)
    known: PageDigests = recorded.get("pages", {})
    if not written or len(written) > EARLY_PAGES_AT_MOST or not known.keys() >= written.keys():
        return []
    pages = dict(known)
    for path, data in written.items():
        pages[path] = (0, len(data), 0, hashlib.sha256(data).hexdigest(),
                       has_attribute(data.decode(errors="replace"), MARKER))
    last_shards = recorded["shards"]
    shards = [shard for shard in plan_shards(pages, pages_per_shard)
              if not written.keys().isdisjoint(shard.pages)
              and last_shards.get(str(shard.number), {}).get("pages") != shard.digest]
    if len(shards) > jobs:
        return []
    kept = cached_bundles(cache, shards)
    return [shard for shard in shards if shard.digest not in kept]


def _start_early_shard(out: Path, shard: Shard, known: PageDigests, written: dict[str, bytes],
                       waited: Collection[str] = ()) -> EarlyShard | None:
    """Pagefind started on ``shard``: the pages ``written`` as they are, a named pipe at the
    path of each page ``waited`` for (see :class:`PageFeed`), the others linked from ``out``
    (None if one of those is not the file the last build indexed, as ``known`` has it, or
    cannot be linked or written). Pagefind that waits for pages is started before the site
    loads: its own process links the others (see :mod:`sitegen.shardlinks`), on the core
    the load leaves idle, and exits before Pagefind starts if one is not that file."""
    try:
        folder = temporary_folder(out, "early-")
    except OSError:
        return None
    try:
        mark(folder, out)  # (a build killed now leaves it: the next one removes it)
        site = folder / _EARLY_PAGES
        site.mkdir()
        others = [path for path in shard.pages if path not in written and path not in waited]
        links = None
        if waited:
            links = folder / _EARLY_LINKS
            links.write_text(json.dumps({"from": str(out), "to": str(site), "pages": {
                path: known[path][:3] for path in others}}), encoding="utf-8")
        elif not link_same_files(out, site, {path: known[path][:3] for path in others}):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        feeds = {}
        for path in shard.pages:
            if path in written or path in waited:
                (site / path).parent.mkdir(parents=True, exist_ok=True)
            if path in written:
                (site / path).write_bytes(written[path])
            elif path in waited:
                os.mkfifo(site / path)
                feeds[path] = PageFeed(site / path)
        process = launch_pagefind(site, folder / _EARLY_BUNDLE, links)
        if feeds:  # (begun before the load: the load goes first, Pagefind takes the rest)
            _lower_priority(process.pid)
        return EarlyShard(folder, process, feeds, linking=links is not None)
    except BaseException as error:  # (a Ctrl+C too: the folder is no one else's to remove)
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, OSError):
            return None
        raise
