"""What each URL of a build read, so that the next build re-freezes only the URLs it must.

A URL's output is a function of three things:

- the *frame*: the engine's code, the templates, the static files, ``site.toml``, and the
  site's structure (which entries are published, in what order, the tags, categories,
  authors, docs tree, aliases and the files pages link to);
- the fields of the entries it read while it was rendered (``page.html``, ``post.title``...);
- the URL itself.

While a build freezes, every read of an entry's field is recorded for the URL being frozen.
The next build reuses a URL's file from the last ``build/`` (as a hard link) when the frame is
the same and none of the fields that URL read has a different value; anything it cannot
vouch for is frozen again. The byte-identical tests in ``tests/test_incremental.py`` guard it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.cards import font_identity
from sitegen.manifest import FileStamp, digest_files, file_stamp, settings_and_engine
from sitegen.memo import code_version
from sitegen.models import Author, Entry, Site, Term

RECORD = "dependencies.pickle"
_FORMAT = 5

Field = tuple[str, str]  # (entry URL, field name)


# --- Recording reads ------------------------------------------------------------------------

# The fields and properties a template can read, numbered: the read of field ``name`` of the
# entry numbered ``n`` is noted as ``n * len(_READABLE) + _READABLE[name]``, so that a URL's
# reads are a compact array of numbers (millions of them at 5,000 posts).
_READABLE = {name: number for number, name in enumerate(sorted(
    [f.name for f in dataclasses.fields(Entry)]
    + [name for name, value in vars(Entry).items() if isinstance(value, property)]))}
_NAMES = sorted(_READABLE, key=_READABLE.__getitem__)
_reads: set[int] | None = None
_entry_urls: list[str] = []  # by entry number


class RecordingEntry(Entry):
    """An entry that notes which of its fields are read while a URL is frozen."""

    _first_read_number: int

    def __getattribute__(self, name: str) -> Any:
        if _reads is not None:
            number = _READABLE.get(name)
            if number is not None:
                _reads.add(object.__getattribute__(self, "_first_read_number") + number)
        return object.__getattribute__(self, name)


def record_reads(site: Site) -> None:
    """Number the entries of ``site`` and make each note its field reads (see
    :func:`take_reads`)."""
    global _reads
    _entry_urls.clear()
    for number, entry in enumerate(_all_entries(site)):
        entry.__class__ = RecordingEntry
        entry.__dict__["_first_read_number"] = number * len(_READABLE)
        _entry_urls.append(entry.url)
    _reads = set()


def take_reads() -> array[int]:
    """The fields read since the last call (the URL just frozen), by number; start afresh."""
    global _reads
    if _reads is None:
        return array("I")
    taken, _reads = array("I", sorted(_reads)), set()
    return taken


def field_of(number: int) -> Field:
    """The field a read's number stands for (see :func:`take_reads`)."""
    entry, name = divmod(number, len(_READABLE))
    return (_entry_urls[entry], _NAMES[name])


def _all_entries(site: Site) -> list[Entry]:
    return list(site.entries.values()) + ([site.home] if site.home is not None else [])


# --- Digests of values ----------------------------------------------------------------------

class _Unstable(Exception):
    """A value with no stable text form (its ``repr`` shows a memory address)."""


def _canonical(value: Any, out: list[str]) -> None:
    """Append a text form of ``value`` to ``out`` that is the same in every process and
    tells values apart: each part is tagged with its type, and a string with its length
    (``None`` and ``"None"``, ``1`` and ``"1"``, ``["{"]`` and ``[{}]`` differ).
    Entries appear by URL only (their fields are dependencies of their own); tags,
    categories and authors without their lists of entries (part of the frame)."""
    if isinstance(value, str):
        out.append(f"s{len(value)}:{value}")
    elif isinstance(value, Entry):
        out.append(_canonical_text(object.__getattribute__(value, "url"), "entry"))
    elif isinstance(value, (dt.date, dt.time)):  # (quicker than their repr)
        out.append(f"{type(value).__name__}:{value.isoformat()}:{getattr(value, 'tzinfo', '')}")
    elif isinstance(value, (int, float, bool, type(None), Path)):
        out.append(f"{type(value).__name__}:{value!r}")
    elif isinstance(value, dict):
        out.append("{")
        for key, item in value.items():
            _canonical(key, out)
            _canonical(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _canonical(item, out)
        out.append("]")
    elif isinstance(value, (set, frozenset)):
        items = []
        for item in value:
            parts: list[str] = []
            _canonical(item, parts)
            items.append("\0".join(parts))
        out.append(f"set{len(items)}:" + _canonical_text("\0".join(sorted(items)), "items"))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out.append(type(value).__name__ + "(")
        in_frame = "entries" if isinstance(value, (Term, Author)) else None
        for item in dataclasses.fields(value):
            if item.name != in_frame:
                _canonical(getattr(value, item.name), out)
        out.append(")")
    else:
        text = repr(value)
        if " at 0x" in text:
            raise _Unstable(text)
        out.append(_canonical_text(text, type(value).__name__))


def _canonical_text(text: str, tag: str) -> str:
    return f"{tag}{len(text)}:{text}"


def value_digest(value: Any) -> str:
    """A digest of ``value`` (see :func:`_canonical`); unique if it has no stable form, so
    that whatever read it is never reused."""
    if type(value) is str:  # most fields: the same digest, sooner
        return hashlib.blake2b(f"s{len(value)}:{value}".encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()
    parts: list[str] = []
    try:
        _canonical(value, parts)
    except _Unstable:
        return "unstable:" + os.urandom(16).hex()
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


class FieldDigests:
    """The digests of entries' fields as the loaded ``site`` has them, each computed once.

    An entry loaded from the very same inputs as in the build of ``record`` (the same
    :attr:`~sitegen.models.Entry.load_key`) has the same fields as then, when the ``frame``
    (the site's structure among others) is the same too: their digests are taken from
    ``record`` instead (at 5,000 posts, computing them all took 0.45 s)."""

    def __init__(self, site: Site, record: FreezeRecord | None = None, frame: str = ""):
        self.site = site
        self._digests: dict[Field, str] = {}
        if record is not None and record.frame == frame:
            same = {url for url, key in record.entry_keys.items()
                    if (entry := self._entry(url)) is not None and entry.load_key == key}
            self._digests = {field: digest for field, digest
                             in zip(record.fields, record.field_digests) if field[0] in same}

    def _entry(self, url: str) -> Entry | None:
        return self.site.home if url == "/" else self.site.entries.get(url)

    def get(self, field: Field) -> str:
        """The digest of one field (``(entry URL, field name)``)."""
        known = self._digests.get(field)
        if known is not None:
            return known
        url, name = field
        entry = self._entry(url)
        digest = "missing" if entry is None else \
            value_digest(object.__getattribute__(entry, name))
        self._digests[field] = digest
        return digest


def frame_digest(root: Path, engine: Path, site: Site) -> str:
    """A digest of everything any URL depends on apart from its entries' fields: the engine
    and its libraries' versions, templates, static files and configuration (by their bytes),
    the cards' fonts, and the site's structure."""
    structure = {f.name: getattr(site, f.name) for f in dataclasses.fields(site)
                 if f.name != "rendered_count"}  # (how much came from the render cache)
    groups: list[Term | Author] = [*site.tags.values(), *site.categories.values(),
                                   *site.authors.values()]
    memberships = [[entry.url for entry in group.entries] for group in groups]
    linked_files = []
    for asset in site.assets.values():
        stat = os.stat(asset.path)
        linked_files.append((asset.url, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    return value_digest([code_version(), digest_files(settings_and_engine(root, engine)),
                         font_identity(), structure, memberships, linked_files])


# --- The record of a build ------------------------------------------------------------------

@dataclass
class UrlRecord:
    """One frozen URL: where its file is (relative to ``build/``), the fields it read (by
    number in :attr:`FreezeRecord.fields`) and the file's stamp when it was written."""

    path: str
    reads: array[int]
    stamp: FileStamp


@dataclass
class FreezeRecord:
    """What a successful build froze, for the next build to reuse."""

    out: str
    frame: str
    fields: list[Field]
    field_digests: list[str]
    urls: dict[str, UrlRecord]
    entry_keys: dict[str, str]  # each entry's load key, by URL
    reused: int  # how many of the URLs' files it took over from the build before
    format: int  # a record of another format (:data:`_FORMAT`) is not read


@dataclass
class FrozenUrl:
    """What freezing one URL wrote and read."""

    url: str
    path: str
    reads: array[int]  # see :func:`take_reads`
    stamp: FileStamp


def reusable_files(record: FreezeRecord | None, out: Path, frame: str,
                   digests: FieldDigests) -> dict[str, tuple[str, int]]:
    """The URLs whose file in ``out`` (the last build) is what freezing them again would
    write, with the file's path relative to ``out`` and its inode."""
    if record is None or record.out != str(out) or record.frame != frame:
        return {}
    changed = {number for number, (field, recorded) in
               enumerate(zip(record.fields, record.field_digests))
               if digests.get(field) != recorded}
    reusable = {}
    folder = str(out) + os.sep
    for url, frozen in record.urls.items():
        if changed.isdisjoint(frozen.reads):
            try:
                if file_stamp(folder + frozen.path) == frozen.stamp:
                    reusable[url] = (frozen.path, frozen.stamp[0])
            except OSError:
                continue
    return reusable


def new_record(previous: FreezeRecord | None, out: Path, frame: str, digests: FieldDigests,
               reused: list[str], frozen: list[FrozenUrl]) -> FreezeRecord:
    """The record of a build that reused ``reused`` URLs of ``previous`` and froze the rest.

    The fields keep their numbers of ``previous`` (the reused URLs' reads stay as they are)
    and new ones are added; a build that reuses nothing starts the numbering afresh."""
    numbers: dict[Field, int] = {}
    if previous is not None and reused:
        numbers = {field: number for number, field in enumerate(previous.fields)}
    urls: dict[str, UrlRecord] = {}
    for url in reused:
        assert previous is not None
        urls[url] = previous.urls[url]
    for item in frozen:
        reads = array("I", sorted(numbers.setdefault(field, len(numbers))
                                  for field in map(field_of, item.reads)))
        urls[item.url] = UrlRecord(item.path, reads, item.stamp)
    fields = list(numbers)
    return FreezeRecord(out=str(out), frame=frame, fields=fields,
                        field_digests=[digests.get(field) for field in fields], urls=urls,
                        entry_keys={entry.url: entry.load_key
                                    for entry in _all_entries(digests.site)},
                        reused=len(reused), format=_FORMAT)


def recycling_pays(record: FreezeRecord | None, reusable: dict[str, tuple[str, int]]) -> bool:
    """Whether the build before last (see :func:`sitegen.build.staging_folder`) shares most
    of its files with the last build and this one, so that starting from it saves work.
    It does when both the last build and this one reuse most files: then the build before
    last has most of them already (the same files), in the folders they need."""
    return record is not None and record.reused * 2 >= len(record.urls) \
        and len(reusable) * 2 >= len(record.urls)


def read_record(cache_dir: Path) -> FreezeRecord | None:
    """The last successful build's record, if there is a readable one."""
    try:
        with (cache_dir / RECORD).open("rb") as handle:
            record = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
            ImportError, TypeError):
        return None
    if not isinstance(record, FreezeRecord) or vars(record).get("format") != _FORMAT:
        return None
    return record


def write_record(cache_dir: Path, record: FreezeRecord) -> None:
    """Save ``record`` atomically (a build killed while saving leaves the old one or none)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".dependencies-")
    with os.fdopen(handle, "wb") as file:
        pickle.dump(record, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache_dir / RECORD)
