"""A build's load, kept whole for the next builds: a rebuild after edits of posts' bodies
only restores it, and takes each body edited since in place, instead of loading every
source again.

A build that loads the site whole keeps its load (:func:`keep_load`, while Pagefind runs):
its site, its link context, where the cache keeps each body's HTML, and the stats of the
files it was loaded from. The next builds restore it (:func:`restore_load`) when those files
(``content/``, templates, static files, data, ``site.toml``) have the stats they had then,
but for Markdown sources of published entries whose edits change their bodies only, as the
preview's quick reload of a body takes them (:func:`sitegen.bodies.edited_body`): the same
front matter, anchors and files linked to, no snippets (``--8<--``), and no broken link
before or after. No scheduled post may have fallen due, no file a body includes may have
changed, and a site with a ``hooks.py`` keeps no load. Any other change loads the site
whole, which first forgets the kept load (the cache rows it reads may go), then keeps its
own. A restored load is not kept again: the next build takes every body edited since the
whole load in place (at most :data:`EDITED_AT_MOST`). At 10,000 posts a load from the cache
took 1.2 s, a restored one 0.6 s. ``tests/test_lastload.py`` checks that a restored load
equals a whole one.
"""
from __future__ import annotations

import datetime as dt
import gc
import io
import pickle
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sitegen.bodies import (
    LINKS_HTML,
    BodyPlaces,
    EditedBody,
    edited_body,
    links_key,
    load_key,
    take_edited_body,
)
from sitegen.buildstate import site_entries
from sitegen.cache import Cache
from sitegen.entries import (
    LAST_LOAD,
    ChangedSource,
    cached_body,
    entry_memo_key,
    make_source_key,
)
from sitegen.errors import AuthorError
from sitegen.fingerprint import FileStats, has_settled, text_digest
from sitegen.markdown import use_site_extensions
from sitegen.models import Author, Entry, Site, Term
from sitegen.render_cache import HTML, cache_keys
from sitegen.snippets import snippet_files

KEPT = "last load"  # the cache's namespace (two rows: see keep_load)
# A restored load takes in place every source edited since the whole load it was kept from:
# past this many, the site is loaded whole again (and kept anew).
EDITED_AT_MOST = 50
_FORMAT = 3


@dataclass
class KeptLoad:
    """A build's load: its site, where its links were resolved (see
    :class:`~sitegen.bodies.BodyPlaces`), the site's warnings as the load left them, and the
    stats of the files it was loaded from, taken when it began (``stats``; those changed
    after ``settled_before`` may change again with the same stats). Its build keeps the
    site's URLs too, as Frozen-Flask lists them (``urls``): edits of bodies alone change
    none of them (the files they link to are the same), and listing them again took 0.09 s
    at 10,000 posts."""

    site: Site
    places: BodyPlaces
    stats: FileStats
    settled_before: int
    included: set[str] = field(default_factory=set)  # (the files bodies include, by name)
    warnings: list[str] = field(default_factory=list)  # (as the build kept it)
    urls: list[str] = field(default_factory=list)  # (as the build kept it)
    restored: bool = False  # (with the sources since ``edited`` taken in place, by name)
    edited: list[str] = field(default_factory=list)


def kept_load(site: Site, cache: Cache, stats: FileStats, settled_before: int,
              ) -> KeptLoad | None:
    """What a build keeps of the load of ``site`` just made (see :class:`KeptLoad`), with the
    files its bodies include (``--8<--`` snippets, all under content/: a restored load takes
    none of them in place, as they show in other pages), if it can be restored."""
    places: BodyPlaces | None = cache.memory(LAST_LOAD).get("places")
    if places is None:
        return None
    now = dt.datetime.now(site.config.tz)
    content_dir = places.context.content_dir
    included: set[str] = set()
    for entry in places.context.by_source.values():
        if entry.snippets:  # (its body, as loaded, before its snippets were expanded)
            key = entry_memo_key(entry.source, places.source_keys.get(entry.rel_path, ""))
            try:
                body = cached_body(cache, key, entry.source, content_dir, site.config, now)
                included.update(map(str, snippet_files(body, entry.source, content_dir,
                                                       entry.body_line)))
            except AuthorError:  # (its source changed since, or a snippet went: load whole)
                return None
    if not included <= stats.keys():  # (a file not watched: its edits would go unseen)
        return None
    return KeptLoad(site, places, stats, settled_before, included)


def forget_load(cache: Cache) -> None:
    """Forget the kept load: a whole load may remove the cache rows it reads."""
    cache.delete(KEPT, ["head", "load"])


def keep_load(cache: Cache, kept: KeptLoad, urls: list[str]) -> None:
    """Keep ``kept``, a whole load, in the cache for the next builds (see
    :func:`restore_load`), with the site's warnings as the build left them (its checks
    done: see :func:`sitegen.app.check_site`) and its ``urls``, and apart, in a row of its
    own, what tells whether it can be restored (the stats of its files, and those its bodies
    include). A load that pickle cannot take is not kept: the next build loads the site
    whole."""
    kept.warnings, kept.urls = list(kept.site.warnings), urls
    head = (_FORMAT, kept.stats, kept.settled_before, kept.included)
    try:
        blob = _pickled(kept)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    cache.put(KEPT, {"head": head, "load": blob})


def restore_load(cache: Cache, stats: FileStats) -> KeptLoad | None:
    """The load a past build kept, with the sources edited since taken in place, if the
    files it was loaded from are as they were then (``stats``: theirs now) but for edits of
    bodies (see the module's docstring); else None."""
    edited = _edited_since(cache, stats)
    if edited is None:
        return None
    blob = cache.get(KEPT, "load")
    try:
        kept = _unpickled(blob) if isinstance(blob, bytes) else None
    except Exception:  # (a kept load of another format, cut short...: the site loads whole)
        kept = None
    restored = _restored(cache, kept, edited, stats) if kept is not None else None
    if restored is None:
        # Its entries, tags and authors refer to each other: only the collector frees them,
        # and a build pauses it while it loads, then keeps what it made out of its sight.
        for name in ("places", "pristine"):  # (left for edited_body)
            cache.memory(LAST_LOAD).pop(name, None)
        del kept
        gc.collect()
    return restored


def _edited_since(cache: Cache, stats: FileStats) -> list[str] | None:
    """The files changed since the kept load was made (``stats``: their stats now), if
    they are few and include no file a body includes; else None."""
    head = cache.get(KEPT, "head")
    if not isinstance(head, tuple) or len(head) != 4 or head[0] != _FORMAT:
        return None
    _, known_stats, settled_before, included = head
    if stats.keys() != known_stats.keys():
        return None
    edited = [name for name, known in known_stats.items()
              if stats[name] != known or not has_settled(known, settled_before)]
    if len(edited) > EDITED_AT_MOST or not included.isdisjoint(edited):
        return None
    return edited


def _restored(cache: Cache, kept: KeptLoad, edited: list[str], stats: FileStats,
              ) -> KeptLoad | None:
    """``kept`` with the ``edited`` sources taken in place, if they are bodies edited only
    and the cache keeps every HTML it reads; else None."""
    site = kept.site
    now = dt.datetime.now(site.config.tz)
    if site.next_scheduled is not None and now >= site.next_scheduled:
        return None
    by_source = {str(entry.source): entry for entry in site_entries(site)}
    if not all(name in by_source for name in edited) or not _read_from(cache, kept, now):
        return None
    pristine = _pristine(cache, kept, [by_source[name] for name in edited])
    if pristine is None:
        return None
    use_site_extensions(site.config.markdown, site.root / "site.toml")  # (as a load does)
    cache.memory(LAST_LOAD).update({"places": kept.places, "pristine": pristine})
    edits = {}
    for name in edited:
        entry = by_source[name]
        edit = edited_body(site, entry, cache, stats, now)
        if edit is None or edit.problems or name in kept.places.problems \
                or set(edit.assets) != kept.places.assets.get(entry.rel_path):
            return None
        edits[name] = edit
    for name, edit in edits.items():
        _take_body(kept, by_source[name], edit)
    site.warnings = list(kept.warnings)
    site.rendered_count = len(edits)
    kept.restored, kept.edited = True, edited
    return kept


def _read_from(cache: Cache, kept: KeptLoad, now: dt.datetime) -> bool:
    """Give each entry of ``kept`` what reads its HTML and body from ``cache``, if the cache
    holds every HTML it kept there."""
    places = kept.places
    wanted: dict[str, set[Hashable]] = {HTML: set(), LINKS_HTML: set()}
    for place in places.html.values():
        if place is not None:
            wanted[place[0]].add(place[1])
    if any(cache.has(kind, keys) != keys for kind, keys in wanted.items()):
        return False
    site = kept.site
    for entry in places.context.by_source.values():
        place = places.html.get(entry.rel_path)
        if place is not None:
            entry.html = partial(_cached_html, cache, *place, entry.source)
        key = entry_memo_key(entry.source, places.source_keys.get(entry.rel_path, ""))
        entry.read_body_with(partial(cached_body, cache, key, entry.source,
                                     places.context.content_dir, site.config, now))
    return True


def _cached_html(cache: Cache, kind: str, key: Hashable, source: Path) -> str:
    """The HTML of ``source``'s body that ``cache`` keeps as ``kind`` by ``key`` (see
    :func:`_read_from`, which checked that it does; another process sharing the cache, a
    preview's whole load, may have removed it since)."""
    html = cache.get(kind, key)
    if not isinstance(html, str):
        raise ChangedSource(source, "its HTML left the cache while the site was being built",
                            hint="build again")
    return html


def _pristine(cache: Cache, kept: KeptLoad, entries: list[Entry],
              ) -> dict[str, tuple[Entry, list[Any]]] | None:
    """The entries as loaded from their sources (before their links were resolved), with
    their notes, by path relative to content/, that the "entries" memo keeps; None if it
    lost one."""
    keys = {entry.rel_path: entry_memo_key(entry.source,
                                           kept.places.source_keys[entry.rel_path])
            for entry in entries}
    found = cache.some("memo:entries", keys.values())
    if not all(key in found for key in keys.values()):
        return None
    return {path: found[key] for path, key in keys.items()}


def _take_body(kept: KeptLoad, entry: Entry, edit: EditedBody) -> None:
    """Give ``entry`` its edited body (see :func:`sitegen.bodies.take_edited_body`) and its
    new load key, as a whole load would."""
    places = kept.places
    take_edited_body(entry, edit, places.context.base_path)
    _, _, config_key = entry_memo_key(entry.source, places.source_keys[entry.rel_path])
    source_key = make_source_key(text_digest(edit.text), config_key)
    links = links_key(places.world, cache_keys([entry.body_key])[0], entry)
    entry.load_key = load_key(source_key, links)


# --- Pickling -------------------------------------------------------------------------------
# Entries, tags, categories and authors refer to each other (a post's tags, a tag's posts, a
# post's neighbours...): pickled as they are, each reference is a level deeper, thousands of
# levels at 10,000 posts. They are pickled flat instead, in one stream by one pickler (an
# object two of them share comes back as one): first the load, with each of them in it by
# number (pickle's persistent IDs), then the fields of those met, in turns, until a turn
# meets no new one. The stream is preceded by the kind of each one met, by number: unpickling
# makes them all empty first, and finds each by its number in C (list.__getitem__), where a
# Python function called for each of the 170,000 numbers at 10,000 posts took 0.04 s more.

_NODES = (Entry, Term, Author)
_KINDS = {kind: number for number, kind in enumerate(_NODES)}


class _FlatPickler(pickle.Pickler):
    """Pickles each entry, tag or author by its number, and keeps them in ``met`` in the
    order it met them (its number)."""

    def __init__(self, file: io.BytesIO):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.numbers: dict[int, int] = {}
        self.met: list[Any] = []

    def persistent_id(self, obj: Any) -> int | None:  # noqa: D102 (pickle's hook)
        if type(obj) not in _KINDS:
            return None
        number = self.numbers.get(id(obj))
        if number is None:
            number = self.numbers[id(obj)] = len(self.met)
            self.met.append(obj)
        return number


def _node_state(obj: Any) -> dict[str, Any]:
    """The fields of an entry, tag or author as the kept load holds them: an entry's HTML
    and body are read from the cache when it is restored (see :func:`_read_from`), unless
    its HTML is its own (an edited body's), or its body includes snippets (kept expanded)."""
    state = dict(obj.__dict__)
    if isinstance(obj, Entry):
        if not obj.snippets:
            state["_body"] = None
        if not isinstance(state["_html"], str):
            state["_html"] = ""
    return state


def _pickled(kept: KeptLoad) -> bytes:
    stream = io.BytesIO()
    pickler = _FlatPickler(stream)
    pickler.dump(kept)
    done = 0
    while done < len(pickler.met):  # (the fields of the nodes met so far may name others)
        batch, done = pickler.met[done:], len(pickler.met)
        pickler.dump([_node_state(node) for node in batch])
    kinds = bytes(_KINDS[type(node)] for node in pickler.met)
    return pickle.dumps((_FORMAT, kinds), protocol=pickle.HIGHEST_PROTOCOL) + stream.getvalue()


def _unpickled(blob: bytes) -> KeptLoad | None:
    stream = io.BytesIO(blob)
    head = pickle.load(stream)
    if not isinstance(head, tuple) or len(head) != 2 or head[0] != _FORMAT:
        return None
    nodes = [_NODES[kind].__new__(_NODES[kind]) for kind in head[1]]
    unpickler = pickle.Unpickler(stream)
    unpickler.persistent_load = nodes.__getitem__  # type: ignore[method-assign]
    kept = unpickler.load()
    done = 0
    while stream.tell() < len(blob):
        for state in unpickler.load():
            nodes[done].__dict__.update(state)
            done += 1
    return kept if isinstance(kept, KeptLoad) else None
