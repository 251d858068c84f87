"""Render every Markdown body once per build: a persistent cache by content hash, and both cores.

Rendered bodies are kept in the cache (:mod:`sitegen.cache`) by a hash of the body, so they
are never stale (the cache is emptied when the engine changes). Each body's outline (ids,
word count, table of contents) and its HTML are kept apart: a load needs every outline, but
the HTML only of the bodies whose links are rewritten again (the others' are remembered with
their links rewritten). The outline's table of contents is kept as JSON text, decoded only
for a page that shows it: decoding every body's headings took most of a rebuild's reading
of the outlines.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sitegen.cache import Cache
from sitegen.markdown import Rendered, render_markdown, site_extensions_key
from sitegen.processes import die_with_parent

_POOL_THRESHOLD = 24
_CHUNK = 16  # bodies handed to a worker at a time
OUTLINES, HTML = "render:outline", "render:html"  # the cache's namespaces
# A body's outline: its element ids, its word count and its table of contents (the JSON text
# of Rendered.toc, as the cache keeps it, or the list itself for a body just rendered).
Outline = tuple[tuple[str, ...], int, str | list[dict[str, Any]]]


def cache_keys(body_keys: list[str]) -> list[str]:
    """The cache keys of Markdown bodies, by their digests (see
    :attr:`~sitegen.models.Entry.body_key`): the digests themselves, or, where the site's own
    Markdown extensions render bodies their way, digests of them with those extensions."""
    salt = site_extensions_key()
    if not salt:
        return body_keys
    return [hashlib.sha256((salt + key).encode()).hexdigest() for key in body_keys]


@dataclass
class RenderedBodies:
    """The bodies of one load, in order: each one's key and :data:`Outline`, and its HTML on
    demand (:meth:`html`)."""

    bodies: Sequence[str]  # (read only for a body to render: see sitegen.bodies.EntryBodies)
    keys: list[str]
    outlines: list[Outline]
    rendered_count: int  # how many were rendered now, not found in the cache
    fresh: dict[str, Rendered] = field(default_factory=dict)
    cache: Cache | None = None

    def html(self, index: int) -> str:
        """The HTML of body ``index``: just rendered, or from the cache (or rendered again,
        if it has gone from there since)."""
        key = self.keys[index]
        if key not in self.fresh:
            stored = self.cache.get(HTML, key) if self.cache is not None else None
            if isinstance(stored, str):
                return stored
            self.fresh[key] = render_markdown(self.bodies[index])
        return self.fresh[key].html


class BodyPool:
    """Processes that render bodies as they are handed over (:meth:`add`), in chunks, and
    give back what each renders to in the same order (:meth:`rendered`). A load whose cache
    holds no rendered body (a clean build) hands each body over as soon as it has read its
    source's front matter, while it reads the next ones (:meth:`for_load`); otherwise
    :func:`render_all` hands over the bodies it does not find in the cache, if there are
    many. Whoever starts a pool closes it (:meth:`close`), whatever happens."""

    def __init__(self, jobs: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
            initializer=die_with_parent) if jobs > 1 else None
        self._chunk: list[str] = []
        self._sent: list[tuple[list[str], Future[list[Rendered]]]] = []

    @classmethod
    def for_load(cls, cache: Cache, jobs: int | None, sources: int) -> BodyPool:
        """A pool for a load of ``sources`` sources (``jobs`` processes, default one per
        core), if there are enough of them to pay for starting the workers and ``cache``
        holds no rendered body; else a pool that takes nothing (no process)."""
        jobs = jobs or os.cpu_count() or 1
        clean = not cache.memory("render:outlines") and not cache.holds_any(OUTLINES)
        return cls(jobs if clean and sources >= _POOL_THRESHOLD else 1)

    @property
    def renders(self) -> bool:
        """Whether the pool takes bodies (it has processes)."""
        return self._pool is not None

    def add(self, body: str) -> None:
        """Hand ``body`` over to be rendered (nothing, for a pool that takes nothing)."""
        if self._pool is None:
            return
        self._chunk.append(body)
        if len(self._chunk) == _CHUNK:
            self._send()

    def _send(self) -> None:
        if self._pool is not None and self._chunk:
            self._sent.append((self._chunk, self._pool.submit(_render_chunk, self._chunk)))
            self._chunk = []

    def rendered(self) -> Iterator[tuple[str, Rendered]]:
        """Each body handed over, and what it renders to, in the order they were handed over,
        as soon as each is rendered."""
        self._send()
        for bodies, future in self._sent:
            yield from zip(bodies, future.result(), strict=True)
        self._sent = []

    def close(self) -> None:
        """Stop the processes (the bodies not rendered yet are not)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _render_chunk(bodies: list[str]) -> list[Rendered]:
    return [render_markdown(body) for body in bodies]


def render_all(bodies: Sequence[str], keys: list[str], cache: Cache, jobs: int | None = None,
               remember: bool = False,
               on_rendered: Callable[[int, Rendered], None] | None = None,
               pool: BodyPool | None = None) -> RenderedBodies:
    """Render ``bodies`` in order, reusing cached results (by their ``keys``: see
    :func:`cache_keys`); a body is read from ``bodies`` only if it is rendered.

    Bodies missing from the cache are rendered in a pool of ``jobs`` processes (default: one
    per core) when there are enough of them to pay for starting the workers, or taken from
    ``pool`` if they were handed over to it (see :class:`BodyPool`). With
    ``remember`` (a preview, which calls again after each save) the bodies' outlines stay
    in ``cache``'s memory for the next call. ``on_rendered(index, rendered)``
    is called for each body that processes render now (not found in the cache), by its
    place in ``bodies``, as soon as it comes back: while they render the next ones.
    """
    jobs = jobs or os.cpu_count() or 1
    last_outlines = cache.memory("render:outlines")
    outlines = {key: last_outlines[key] for key in keys if key in last_outlines}
    stored = cache.some(OUTLINES, [key for key in keys if key not in outlines])
    outlines.update((str(key), outline) for key, outline in stored.items())
    missing = {key: bodies[index] for index, key in enumerate(keys) if key not in outlines}
    fresh = _render(missing, jobs, _by_place(keys, on_rendered), pool)
    if fresh:
        cache.put(OUTLINES, {key: _outline(rendered, json.dumps(rendered.toc))
                             for key, rendered in fresh.items()})
        cache.put(HTML, {key: rendered.html for key, rendered in fresh.items()})
        for kind in (OUTLINES, HTML):  # old versions of the bodies just rendered
            if last_outlines:  # (a preview knows them: those of its last load)
                cache.delete(kind, last_outlines.keys() - set(keys))
            else:
                cache.keep_only(kind, keys)
    outlines.update((key, _outline(rendered, rendered.toc)) for key, rendered in fresh.items())
    last_outlines.clear()
    if remember:
        last_outlines.update((key, outlines[key]) for key in keys)
    return RenderedBodies(bodies, keys, [outlines[key] for key in keys], len(fresh), fresh,
                          cache)


def _outline(rendered: Rendered, toc: str | list[dict[str, Any]]) -> Outline:
    return tuple(rendered.ids), rendered.word_count, toc


def _by_place(keys: list[str], on_rendered: Callable[[int, Rendered], None] | None,
              ) -> Callable[[str, Rendered], None] | None:
    """``on_rendered`` called for each place of a body in ``keys``, given the body's key (two
    bodies alike are rendered once)."""
    if on_rendered is None:
        return None
    places: dict[str, list[int]] = {}
    for place, key in enumerate(keys):
        places.setdefault(key, []).append(place)

    def rendered_now(key: str, rendered: Rendered) -> None:
        for place in places[key]:
            on_rendered(place, rendered)
    return rendered_now


def _render(missing: dict[str, str], jobs: int,
            on_rendered: Callable[[str, Rendered], None] | None = None,
            pool: BodyPool | None = None) -> dict[str, Rendered]:
    """Render the ``missing`` bodies (by key): those handed over to ``pool`` taken from it,
    the others in a pool of processes of their own if there are many, each one rendered by
    processes handed to ``on_rendered`` as it comes back; else in this process."""
    fresh = _taken_from(pool, missing, on_rendered) if pool is not None else {}
    missing = {key: body for key, body in missing.items() if key not in fresh}
    if len(missing) >= _POOL_THRESHOLD and jobs > 1:
        own = BodyPool(jobs)
        try:
            for body in missing.values():
                own.add(body)
            fresh.update(_taken_from(own, missing, on_rendered))
        finally:
            own.close()
        return fresh
    fresh.update((key, render_markdown(body)) for key, body in missing.items())
    return fresh


def _taken_from(pool: BodyPool, missing: dict[str, str],
                on_rendered: Callable[[str, Rendered], None] | None) -> dict[str, Rendered]:
    """The ``missing`` bodies (by key) that ``pool`` rendered, each handed to
    ``on_rendered`` as it comes back."""
    keys = {body: key for key, body in missing.items()}
    fresh: dict[str, Rendered] = {}
    for body, rendered in pool.rendered():
        key = keys.get(body)
        if key is not None and key not in fresh:  # (two bodies alike have one key)
            fresh[key] = rendered
            if on_rendered is not None:
                on_rendered(key, rendered)
    return fresh
