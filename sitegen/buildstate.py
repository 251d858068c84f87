"""How a rebuild decides what to redo: the record of the last build, and the one question
asked of it, "is this URL's file current?" (:meth:`Rebuild.is_current`).

A URL's file is a function of four things:

- the *frame*: the engine (:func:`~sitegen.fingerprint.engine_fingerprint`), the static
  files and ``site.toml`` (by their bytes), which templates there are (by name), and the
  site's structure (which entries are published, in what order, the tags, categories,
  authors, docs tree, aliases and the files pages link to): :func:`frame_digest`;
- the fields of the entries it read while it was frozen (``page.html``, ``post.title``...),
  recorded where the read happens: by the templates' attribute lookups, and by the views
  that hand entries to Python code (:class:`ReadLog`);
- the text of the templates it was rendered with (the one a view names, and those it
  extends, includes or imports), recorded as Jinja loads them (:meth:`ReadLog.template`):
  an edit to ``post.html`` freezes the posts again, not the lists;
- the URL itself.

After a successful build, :func:`commit` writes its :class:`BuildState` into the cache file
in one transaction, after the new ``build/`` is in place: the digest of every input (the
no-change check, :mod:`sitegen.manifest`), the frame, each URL's reads, templates and file
stamp, each field's and each template's digest, and the search index's shards
(:mod:`sitegen.search`). The next build keeps a URL's file (a hard link to the last
build's) when :meth:`Rebuild.is_current` says so, and freezes every other URL again.
Everything else that is cached (rendered Markdown, memos, social cards, compiled templates)
is kept in :mod:`sitegen.cache` by what it was computed from, and thrown away with the
engine that computed it. ``tests/test_incremental.py`` checks that every incremental build
is byte-identical to a clean one.
"""
from __future__ import annotations

import dataclasses
import os
from array import array
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sitegen.cache import STATE, Cache, Row, pickled_rows
from sitegen.fingerprint import (
    FileStamp,
    engine_fingerprint,
    file_names_under,
    file_stamp,
    files_digest,
    value_digest,
)
from sitegen.manifest import settings_and_engine
from sitegen.models import Author, Entry, Site, Term

_FORMAT = 5  # a state of another format is not read
_URLS_PER_ROW = 2_000
_FIELDS_PER_ROW = 20_000
_TOKEN = "token"  # the row that says which record the cache holds (see BuildState.token)
Field = tuple[str, str]  # (entry URL, field name)

# The fields and properties of an entry that can be read, numbered: the read of field
# ``name`` of the entry numbered ``n`` is noted as ``n * len(FIELDS) + FIELDS[name]``, so that
# a URL's reads are a compact array of numbers (millions of them at 5,000 posts).
# ``WHOLE`` stands for every field at once (a view that hands an entry to Python code).
WHOLE = "*"
# (A private field, ``_html``, is read through its property, ``html``.)
FIELDS = {name: number for number, name in enumerate(sorted(
    [f.name for f in dataclasses.fields(Entry) if not f.name.startswith("_")]
    + [name for name, value in vars(Entry).items() if isinstance(value, property)]
    + [WHOLE]))}
_NAMES = sorted(FIELDS, key=FIELDS.__getitem__)


def site_entries(site: Site) -> list[Entry]:
    """Every entry of ``site`` that a URL can read, in a stable order."""
    return list(site.entries.values()) + ([site.home] if site.home is not None else [])


# --- Recording reads ------------------------------------------------------------------------

class ReadLog:
    """The fields of ``site``'s entries read while the current URL is frozen.

    Templates note a read with each attribute lookup on an entry (see
    :class:`sitegen.app.RecordingEnvironment`); a view that hands entries to Python code
    (feeds, the JSON API, cards) notes them as read whole (:meth:`whole`).
    """

    def __init__(self, site: Site):
        entries = site_entries(site)
        self._first = {id(entry): number * len(FIELDS) for number, entry in enumerate(entries)}
        self._urls = [entry.url for entry in entries]
        self._reads: set[int] = set()
        self._templates: set[str] = set()

    def field(self, entry: Any, name: str) -> None:
        """Note that field ``name`` of ``entry`` was read (anything else is ignored)."""
        first = self._first.get(id(entry))
        number = FIELDS.get(name)
        if first is not None and number is not None:
            self._reads.add(first + number)

    def everything(self) -> None:
        """Note that every field of every entry was read (by code out of the engine's
        sight: the site's hooks.py)."""
        whole = FIELDS[WHOLE]
        self._reads.update(first + whole for first in self._first.values())

    def whole(self, entries: Iterable[Entry]) -> None:
        """Note that every field of ``entries`` was read."""
        whole = FIELDS[WHOLE]
        for entry in entries:
            first = self._first.get(id(entry))
            if first is not None:
                self._reads.add(first + whole)

    def template(self, name: str) -> None:
        """Note that the template ``name`` was loaded (rendered, extended, included or
        imported)."""
        self._templates.add(name)

    def take(self) -> array[int]:
        """The reads noted since the last call (the URL just frozen), by number."""
        taken, self._reads = array("I", sorted(self._reads)), set()
        return taken

    def take_templates(self) -> tuple[str, ...]:
        """The templates loaded since the last call (by the URL just frozen), by name."""
        taken, self._templates = tuple(sorted(self._templates)), set()
        return taken

    def field_of(self, number: int) -> Field:
        """The field a read's number stands for."""
        entry, name = divmod(number, len(FIELDS))
        return (self._urls[entry], _NAMES[name])


# --- Digests --------------------------------------------------------------------------------

class FieldDigests:
    """The digests of entries' fields as the loaded ``site`` has them, each computed once.

    An entry loaded from the very same inputs as in the build of ``last`` (the same
    :attr:`~sitegen.models.Entry.load_key`) has the same fields as then, when the ``frame``
    (the site's structure among others) is the same too: its URL is in :attr:`same`, and
    its fields' digests are the ones ``last`` recorded, not computed again."""

    def __init__(self, site: Site, last: BuildState | None = None, frame: str = ""):
        self.site = site
        self._digests: dict[Field, str] = {}
        self.last = last if last is not None and last.frame == frame else None
        self.same: set[str] = set()  # the URLs of the entries loaded as in ``last``
        if self.last is not None:
            self.same = {url for url, key in self.last.entry_keys.items()
                         if (entry := self._entry(url)) is not None and entry.load_key == key}
        self._recorded_taken = False

    def _entry(self, url: str) -> Entry | None:
        return self.site.home if url == "/" else self.site.entries.get(url)

    def get(self, item: Field) -> str:
        """The digest of one field (``(entry URL, field name)``). The HTML is read from the
        cache, if it is there, and not kept in memory (a build's own process would hold
        every body's HTML by the end of freezing)."""
        known = self._digests.get(item)
        if known is not None:
            return known
        if item[0] in self.same and not self._recorded_taken:
            self._take_recorded()
            return self.get(item)
        url, name = item
        entry = self._entry(url)
        if entry is None:
            found = "missing"
        elif name == WHOLE:  # (the HTML by its digest: read once, for both; the body by its
            # digest, body_key, one of the fields)
            found = value_digest([self.get((url, "html")) if other == "html"
                                  else getattr(entry, other) for other in _NAMES
                                  if other not in (WHOLE, "body")])
        elif name == "body":  # (by its digest: a body taken from the cache is not read)
            found = value_digest(entry.body_key)
        else:
            found = value_digest(entry.read_html() if name == "html" else getattr(entry, name))
        self._digests[item] = found
        return found

    def _take_recorded(self) -> None:
        """Take every digest ``last`` recorded for the fields of the entries in :attr:`same`
        (asked by name: the callers that go by the last build's field numbers need not)."""
        self._recorded_taken = True
        assert self.last is not None
        for item, known in zip(self.last.fields, self.last.field_digests, strict=True):
            if item[0] in self.same:
                self._digests.setdefault(item, known)


# Counts of a load that no page shows: how much came from the render cache, and the drafts and
# scheduled posts left out (a new draft rebuilds nothing).
_NOT_STRUCTURE = frozenset({"rendered_count", "skipped_drafts", "skipped_scheduled"})


def frame_digest(root: Path, engine: Path, site: Site) -> str:
    """A digest of everything any URL depends on apart from its entries' fields and its
    templates' text: the engine, static files and configuration (by their bytes), which
    templates there are (by name: a new one may take another's place), and the site's
    structure."""
    structure = {f.name: getattr(site, f.name) for f in dataclasses.fields(site)
                 if f.name not in _NOT_STRUCTURE}
    groups: list[Term | Author] = [*site.tags.values(), *site.categories.values(),
                                   *site.authors.values()]
    memberships = [[entry.url for entry in group.entries] for group in groups]
    linked_files = []
    for asset in site.assets.values():
        stat = os.stat(asset.path)
        linked_files.append((asset.url, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    template_folders = (root / "templates", engine / "templates")
    settings = [path for path in settings_and_engine(root, engine) if path not in template_folders]
    template_names = [file_names_under(folder) for folder in template_folders if folder.exists()]
    return value_digest([engine_fingerprint(), files_digest(settings), template_names,
                         structure, memberships, linked_files])


# --- The record of a build ------------------------------------------------------------------

@dataclass
class UrlRecord:
    """One URL of a build: its file (relative to ``build/``), the fields it read (by number
    in :attr:`BuildState.fields`) and the file's stamp when it was written."""

    path: str
    reads: array[int]
    stamp: FileStamp
    templates: tuple[str, ...] = ()  # the templates it was rendered with, by name


@dataclass
class FrozenUrl:
    """What freezing one URL wrote and read (reads numbered as :meth:`ReadLog.take`)."""

    url: str
    path: str
    reads: array[int]
    stamp: FileStamp
    templates: tuple[str, ...] = ()


@dataclass
class BuildState:
    """What the last successful build into ``out`` made, for the next build to reuse."""

    out: str
    frame: str
    fields: list[Field] = field(default_factory=list)
    field_digests: list[str] = field(default_factory=list)
    urls: dict[str, UrlRecord] = field(default_factory=dict)
    entry_keys: dict[str, str] = field(default_factory=dict)  # each entry's load key, by URL
    reused: int = 0  # how many of its URLs' files it took over from the build before
    search: dict[str, Any] = field(default_factory=dict)  # see sitegen.search
    templates: dict[str, str] = field(default_factory=dict)  # each one's digest, by name
    # Which record the cache holds (a new one with each commit; "": not in the cache).
    token: str = field(default="", compare=False)


def read_state(cache: Cache) -> BuildState | None:
    """The last successful build's state, if the cache has a readable one."""
    head = read_state_head(cache)
    return read_state_urls(cache, head) if head is not None else None


@dataclass
class StateHead:
    """The last build's state but for its URLs' records and its fields, which the cache
    keeps in ``rows`` and ``field_rows`` rows (see :func:`read_state_urls`)."""

    state: BuildState
    rows: int
    field_rows: int = 0


def read_state_head(cache: Cache) -> StateHead | None:
    """The last successful build's state, but for its URLs' records and its fields (a
    quicker look), if the cache has a readable one."""
    found = cache.some(STATE, ["build", "search", _TOKEN])
    head, search, token = found.get("build"), found.get("search"), found.get(_TOKEN)
    if not isinstance(head, tuple) or len(head) != 4 or head[0] != _FORMAT \
            or not isinstance(head[1], BuildState) or not isinstance(head[2], int) \
            or not isinstance(head[3], int) or not isinstance(search, dict) \
            or not isinstance(token, str):
        return None
    head[1].search, head[1].token = search, token
    return StateHead(head[1], head[2], head[3])


def read_state_urls(cache: Cache, head: StateHead) -> BuildState | None:
    """The state of ``head`` with its URLs' records and its fields, if the cache has them
    all."""
    urls, fields = _part_keys("urls", head.rows), _part_keys("fields", head.field_rows)
    parts = cache.some(STATE, urls + fields)
    if len(parts) != len(urls) + len(fields) \
            or not all(isinstance(parts[key], dict) for key in urls) \
            or not all(isinstance(parts[key], tuple) for key in fields):
        return None
    state = head.state
    for key in urls:
        state.urls.update(parts[key])
    for key in fields:
        state.fields += parts[key][0]
        state.field_digests += parts[key][1]
    return state


def _part_keys(kind: str, count: int) -> list[str]:
    return [f"{kind} {row}" for row in range(count)]


class RecordRows(NamedTuple):
    """A build's record, pickled before it is committed (see :func:`record_rows`): the rows
    that the last record's rows, which the cache holds (unless another build replaced them
    since: ``last_token``), do not hold already, and the keys of those to remove."""

    rows: list[Row]
    gone: list[Hashable]
    last_token: str


def record_rows(state: BuildState, last: BuildState | None) -> RecordRows:
    """The rows of ``state`` in the cache file that differ from those of the ``last``
    state, which the cache holds, but for its search index's, pickled now (see
    :func:`commit`): a rebuild makes them while Pagefind runs, the search index last. (At
    10,000 posts a post's edit changed two of 18 rows of 2,000 URLs and one of 10 rows of
    20,000 fields: with the head, 2.8 MB of the record's 18.5 MB.) ``state`` keeps the order
    of ``last``'s URLs and fields (see :meth:`Rebuild.next_state`)."""
    new = _state_rows(state)
    if last is None or not last.token:
        return RecordRows(pickled_rows(STATE, new), [], "")
    old = _state_rows(last)
    changed = {key: part for key, part in new.items() if not _same_part(part, old.get(key))}
    return RecordRows(pickled_rows(STATE, changed), [key for key in old if key not in new],
                      last.token)


def _same_part(part: Any, other: Any) -> bool:
    """Whether two parts of records (see :func:`_state_rows`) are the same: rows of URL
    records holding the very same records (the ones a build reused) in the same order, or
    rows of fields, or heads, that are equal."""
    if isinstance(part, dict) and isinstance(other, dict):
        return list(part) == list(other) and all(
            mine is theirs for mine, theirs in zip(part.values(), other.values(), strict=True))
    return isinstance(part, tuple) and isinstance(other, tuple) and part == other


def _state_rows(state: BuildState) -> dict[Hashable, Any]:
    """``state`` as the rows of the cache file, but for its search index's and its token:
    the URLs' records in rows of :data:`_URLS_PER_ROW` and the fields with their digests in
    rows of :data:`_FIELDS_PER_ROW`, in order, and the rest (the head)."""
    urls = list(state.urls.items())
    parts: dict[Hashable, Any] = {
        f"urls {start // _URLS_PER_ROW}": dict(urls[start:start + _URLS_PER_ROW])
        for start in range(0, len(urls), _URLS_PER_ROW)}
    fields: dict[Hashable, Any] = {
        f"fields {start // _FIELDS_PER_ROW}": (
            state.fields[start:start + _FIELDS_PER_ROW],
            state.field_digests[start:start + _FIELDS_PER_ROW])
        for start in range(0, len(state.fields), _FIELDS_PER_ROW)}
    head = dataclasses.replace(state, urls={}, search={}, fields=[], field_digests=[], token="")
    return {"build": (_FORMAT, head, len(parts), len(fields)), **parts, **fields}


def commit(cache: Cache, state: BuildState, summary: dict[str, Any],
           rows: RecordRows | None = None) -> None:
    """Record a successful build, once its folder is in place: its state, and the summary
    the no-change check reads (see :func:`sitegen.manifest.build_summary`), in one
    transaction. ``rows`` are the state's rows pickled before (:func:`record_rows`): only
    those that changed are written, unless another build replaced the last record since
    (then all are). Without them, each row is written as soon as it is pickled: a clean
    build's largest process peaks here, and the rows of a large site all pickled would be
    held twice (pickled, and copied by SQLite)."""
    token = os.urandom(8).hex()
    last: dict[Hashable, Any] = {"search": state.search, "summary": summary, _TOKEN: token}
    if rows is None:
        cache.replace_all(STATE, {**_state_rows(state), **last})
    elif not rows.last_token:
        cache.replace_all(STATE, last, rows.rows)
    elif not cache.replace_some(STATE, last, rows.rows, rows.gone, (_TOKEN, rows.last_token)):
        cache.replace_all(STATE, {**_state_rows(state), **last})  # (another build's record)
    state.token = token


def shares_previous(state: BuildState) -> bool:
    """Whether the build of ``state`` reused most of its files from the build before it."""
    return state.reused * 2 >= len(state.urls)


class Rebuild:
    """This build's view of the last one: which of its files are still current."""

    def __init__(self, last: BuildState | None, out: Path, frame: str, digests: FieldDigests,
                 template_digest: Callable[[str], str]):
        self.last = last if last is not None and last.out == str(out) \
            and last.frame == frame else None
        self.out = out
        self.frame = frame
        self.digests = digests
        self.template_digest = template_digest
        same = self._same_entries()
        self._changed = set() if self.last is None else {
            number for number, (item, recorded)
            in enumerate(zip(self.last.fields, self.last.field_digests, strict=True))
            if item[0] not in same and digests.get(item) != recorded}
        self._changed_templates = set() if self.last is None else {
            name for name, recorded in self.last.templates.items()
            if template_digest(name) != recorded}

    def _same_entries(self) -> set[str]:
        """The URLs of the entries loaded as in the last build (see
        :attr:`FieldDigests.same`): their fields' recorded digests hold."""
        return self.digests.same if self.last is not None and self.digests.last is self.last \
            else set()

    def is_current(self, url: str) -> bool:
        """Whether the last build's file for ``url`` is what freezing it again would write:
        the frame is the same, none of the fields the URL read has changed, nor any template
        it was rendered with, and the file is still the one that build wrote (same inode,
        size and modification time)."""
        if self.last is None or url not in self.last.urls:
            return False
        record = self.last.urls[url]
        if not self._changed.isdisjoint(record.reads) \
                or not self._changed_templates.isdisjoint(record.templates):
            return False
        try:
            return file_stamp(os.path.join(self.out, record.path)) == record.stamp
        except OSError:
            return False

    def current_files(self) -> dict[str, tuple[str, int]]:
        """The URLs whose file in ``out`` is current, with its path and inode."""
        if self.last is None:
            return {}
        return {url: (record.path, record.stamp[0]) for url, record in self.last.urls.items()
                if self.is_current(url)}

    def recycling_pays(self, current: dict[str, tuple[str, int]]) -> bool:
        """Whether the build before last (see :func:`sitegen.build.staging_folder`) shares
        most of its files with the last build and this one, so that starting from it saves
        work: when both the last build and this one reuse most files."""
        return self.last is not None and shares_previous(self.last) \
            and len(current) * 2 >= len(self.last.urls)

    def take_digests(self, reads: ReadLog, frozen: list[FrozenUrl]) -> None:
        """Take the digests of the fields that the ``frozen`` URLs read, for
        :meth:`next_state` (which finds them taken): called while the freezing processes
        freeze the next URLs, this process would wait for them otherwise. (Those of the
        entries loaded as in the last build are the ones it recorded.)"""
        same = self._same_entries()
        for number in {read for item in frozen for read in item.reads}:
            field = reads.field_of(number)
            if field[0] not in same:
                self.digests.get(field)

    def next_state(self, reads: ReadLog, reused: list[str],
                   frozen: list[FrozenUrl]) -> BuildState:
        """The state of this build, which reused ``reused`` URLs of the last and froze the
        rest (its search index's record is added when Pagefind is done). Fields keep their
        numbers of the last state (the reused URLs' reads stay as they are) and new ones are
        added; a build that reuses nothing numbers afresh."""
        numbers: dict[Field, int] = {}
        recorded: list[str] = []  # the digests of the fields numbered as in the last state
        if self.last is not None and reused:
            numbers = {item: number for number, item in enumerate(self.last.fields)}
            recorded = self.last.field_digests
        records: dict[str, UrlRecord] = {}
        for item in frozen:
            numbered = array("I", sorted(numbers.setdefault(read, len(numbers))
                                         for read in map(reads.field_of, item.reads)))
            records[item.url] = UrlRecord(item.path, numbered, item.stamp, item.templates)
        # In the last state's order, the new URLs last: the rows of URLs that all were reused
        # are the very rows the cache has (see record_rows).
        urls: dict[str, UrlRecord] = {}
        if self.last is not None and reused:
            taken = set(reused)
            urls = {url: records.get(url, record) for url, record in self.last.urls.items()
                    if url in taken or url in records}
        urls.update(records)
        fields = list(numbers)
        same = self._same_entries()  # (whose recorded digests still hold)
        field_digests = [known if item[0] in same else self.digests.get(item)
                         for known, item in zip(recorded, fields, strict=False)]
        field_digests += map(self.digests.get, fields[len(field_digests):])
        templates = sorted({name for record in urls.values() for name in record.templates})
        return BuildState(
            out=str(self.out), frame=self.frame, fields=fields,
            field_digests=field_digests, urls=urls,
            entry_keys={entry.url: entry.load_key for entry in site_entries(self.digests.site)},
            reused=len(reused),
            templates={name: self.template_digest(name) for name in templates})

