"""How the engine tells that something changed: every digest and file stamp it uses.

- A *file* is told apart by its stats (:func:`stat_files`: modification time, size and change
  time, cheap enough to look at many times a second) or by its bytes (:func:`files_digest`).
- A file a build *wrote* is told apart by its stamp (:func:`file_stamp`: inode, size and
  modification time): a file reused by a later build is the very same file.
- A *value* (an entry's field, the site's structure) is told apart by :func:`value_digest`,
  which gives equal values the same digest in every process and tells ``None`` from
  ``"None"``; a long *text* by :func:`text_digest`; a short key's parts by :func:`digest`.
- The *engine* is told apart by :func:`engine_fingerprint`: its code, Python's and the
  libraries' versions and the fonts cards are drawn with. Whatever the cache holds was made
  by one engine fingerprint, and is thrown away when it changes.

This module imports only the standard library: the no-change check uses it before Flask and
the engine are imported.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any

# Modification time, size and change time: ``cp -p`` or ``touch -r`` can give a new file the
# old one's modification time, but no one can set its change time.
FileStats = dict[str, tuple[int, int, int]]
FileStamp = tuple[int, int, int]  # inode, size, modification time

# The libraries whose version can change what the engine makes of the same sources.
LIBRARIES = ("Flask", "Frozen-Flask", "Jinja2", "Markdown", "MarkupSafe", "pagefind_bin",
             "pillow", "pymdown-extensions", "Pygments", "PyYAML", "tzdata", "Werkzeug")
# The fonts social cards are drawn with (when the system has them), bold and regular, in the
# order they are tried: a text takes the first with a glyph for each of its characters. DejaVu
# (Debian's fonts-dejavu-core) has Latin, Greek, Cyrillic, Arabic and Hebrew; Noto Sans CJK
# (fonts-noto-cjk, which .ci/run installs) has Chinese, Japanese and Korean, and Latin too;
# WenQuanYi Zen Hei (fonts-wqy-zenhei) and Droid Sans Fallback (fonts-droid-fallback) stand in
# for it on a system that has one of them instead.
CARD_FONTS = {
    True: ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
           "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
           "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"],
    False: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"],
}
ENGINE = Path(__file__).resolve().parent
# The engine's own project folder: the default theme (its templates/ and static/), the demo
# site that builds when no other is named, and the engine's code and requirements.
PROJECT = ENGINE.parent


# --- Files ----------------------------------------------------------------------------------

def file_names_under(top: Path, leave_out: Collection[str] = ()) -> list[str]:
    """Files under ``top`` (or ``top`` itself), in a stable order, and links to folders (not
    followed, but they count: a new one may be a mistake to report); nothing in the folders
    named in ``leave_out`` (paths under ``top``, as ``os.path.join`` writes them)."""
    if top.is_file():
        return [str(top)]
    found: list[str] = []
    _names_under(str(top), found, leave_out)
    return found


def _names_under(folder: str, found: list[str], leave_out: Collection[str] = ()) -> None:
    """Add to ``found`` the links to folders in ``folder``, then its files, then what its
    folders hold (but ``leave_out``), each in name order: ``os.walk``'s order, with the type
    of each entry taken from the folder's listing (a look at each would cost a system call)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # (gone, or not readable: as os.walk, left out)
        return
    folders = [entry for entry in entries if _is_folder(entry)]
    found.extend(entry.path for entry in folders if entry.is_symlink())
    found.extend(entry.path for entry in entries if not _is_folder(entry))
    for entry in folders:
        if not entry.is_symlink() and entry.path not in leave_out:
            _names_under(entry.path, found, leave_out)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def stat_files(tops: list[Path]) -> FileStats:
    """Modification time, size and change time of every file under ``tops``, by name (a
    file gone since the walk, or a link that loops, is left out)."""
    stats: FileStats = {}
    for name in (name for top in tops for name in file_names_under(top)):
        try:
            stat = os.stat(name)
        except OSError:
            continue
        stats[name] = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
    return stats


# A file saved this recently may be saved again with the same stats (file times are as coarse
# as the kernel's clock tick): what was read of it is not kept by its stats.
SETTLED_NS = 2_000_000_000
# What a file's bytes were found to be (see files_digest), by its name: its stats then, and
# its identity.
KnownFiles = dict[str, tuple[str, bytes]]
# The stats kept for a file that had not settled: no file has them, so it is read again, and
# its identity only tells whether its bytes changed since.
UNSETTLED = "unsettled"


def settled_cutoff() -> int:
    """The time (in ns) before which a file must have been saved for its stats to stand for
    its bytes (see :data:`SETTLED_NS`)."""
    return time.time_ns() - SETTLED_NS


def has_settled(stats: tuple[int, int, int], cutoff: int) -> bool:
    """Whether a file of ``stats`` (modification time, size and change time, as
    :func:`stat_files` gives them) was last changed before ``cutoff``."""
    return max(stats[0], stats[2]) < cutoff


def _identity(name: str, read: bool, known: KnownFiles, found: KnownFiles | None,
              settled_before: int, changed: list[str] | None = None) -> bytes:
    """What tells this file apart: with ``read``, its bytes' digest (read in blocks, unless
    ``known`` has it for these very stats); a link that leads nowhere, a file that is not a
    regular one (a named pipe, a socket: never opened) or one that cannot be read is told
    apart by its kind and stats instead. A digest read is added to ``found``, with the
    file's stats if it has settled (saved before ``settled_before``), else with
    :data:`UNSETTLED`; the name of a file read whose bytes are not those ``known`` has (a
    new file, or an edited one), to ``changed``."""
    try:
        stat = os.stat(name)
    except OSError:
        return b"link:" + os.fsencode(os.readlink(name)) if os.path.islink(name) else b"gone"
    stats = f"{stat.st_mode:o} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}"
    if not read or not S_ISREG(stat.st_mode):
        return b"stat:" + stats.encode()
    stats += f" {stat.st_dev} {stat.st_ino}"
    last = known.get(name)
    if isinstance(last, tuple) and len(last) == 2 and last[0] == stats \
            and isinstance(last[1], bytes):  # (the summary may come from another engine)
        identity = last[1]
    else:
        try:
            with open(name, "rb") as handle:
                identity = b"sha256:" + hashlib.file_digest(handle, "sha256").digest()
        except OSError:
            return b"unreadable:" + stats.encode()
        if changed is not None and not (isinstance(last, tuple) and len(last) == 2
                                        and last[1] == identity):
            changed.append(name)
    if found is not None:
        settled = has_settled((stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns),
                              settled_before)
        found[name] = (stats if settled else UNSETTLED, identity)
    return identity


def files_digest(tops: Iterable[Path], read: Callable[[str], bool] = lambda name: True,
                 known: KnownFiles | None = None, found: KnownFiles | None = None,
                 changed: list[str] | None = None) -> str:
    """SHA-256 over the paths and contents of the files under ``tops`` (compiled Python left
    out): the bytes of the files ``read`` chooses, the stats of the others (see
    :func:`_identity`). A file whose stats are those ``known`` has for it is not read again;
    the digests of the files read are added to ``found``, for the next call's ``known``
    (with their stats if they had settled, saved :data:`SETTLED_NS` ago or more), and the
    names of those read whose bytes ``known`` did not have, to ``changed``."""
    hashed = hashlib.sha256()
    cutoff, known = settled_cutoff(), known or {}
    for top in dict.fromkeys(tops):
        for name in file_names_under(top) if top.exists() else []:
            if name.endswith(".pyc"):
                continue
            identity = _identity(name, read(name), known, found, cutoff, changed)
            hashed.update(os.fsencode(name) + b"\0" + identity + b"\0")
    return hashed.hexdigest()


def file_stamp(path: Path | str) -> FileStamp:
    """Inode, size and modification time: what tells that a file of a build was replaced
    or edited since it was written (a reused file is the very same file: same inode)."""
    stat = os.lstat(path)
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def folder_listing(folder: Path) -> str:
    """SHA-256 over the names, sizes and modification times of the files under ``folder``."""
    return listing_digest(listing_lines(folder))


def listing_lines(folder: Path, part: str = "", leave_out: Iterable[str] = ()) -> list[str]:
    """The name (relative to ``folder``), size and modification time of each file under
    ``folder``, as :func:`folder_listing` digests them; only of those in its folder ``part``
    (none if that is not a folder), but those in its folders ``leave_out``. A folder listed
    in parts, each file in one, has the digest (:func:`listing_digest`) of the folder
    listed whole."""
    top = folder / part if part else folder
    if not top.is_dir() or (part and top.is_symlink()):
        return []
    start = len(str(folder)) + 1
    return stamp_lines({name[start:]: file_stamp(name) for name in file_names_under(
        top, {os.path.join(folder, name) for name in leave_out})})


def stamp_lines(stamps: dict[str, FileStamp]) -> list[str]:
    """The :func:`listing_lines` of files whose stamps are known, by path relative to their
    folder (a build knows the files it wrote and those it reused: no look at them again)."""
    return [f"{path}\0{size}\0{mtime}\n" for path, (_, size, mtime) in stamps.items()]


def listing_digest(lines: list[str]) -> str:
    """The digest of a folder's :func:`listing_lines`, in any order."""
    return hashlib.sha256("".join(sorted(lines)).encode("utf-8", "surrogateescape")).hexdigest()


# --- Values ---------------------------------------------------------------------------------

def text_digest(text: str) -> str:
    """A digest of a long text, to stand for it in a key."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest(parts: Iterable[object]) -> str:
    """SHA-256 over the ``repr`` of each part (strings, numbers and tuples of them)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return hashed.hexdigest()


class _Unstable(Exception):
    """A value with no stable text form (its ``repr`` shows a memory address)."""


def _tagged(text: str, tag: str) -> str:
    return f"{tag}{len(text)}:{text}"


def _canonical(value: Any, out: list[str]) -> None:
    """Append a text form of ``value`` to ``out`` that is the same in every process and
    tells values apart: each part is tagged with its type, and a string with its length
    (``None`` and ``"None"``, ``1`` and ``"1"``, ``["{"]`` and ``[{}]`` differ).
    An object with a ``url`` and a ``source`` (an entry) appears by its URL only: its fields
    are digested on their own. Dataclass fields named ``entries`` (the posts of a tag or an
    author) are left out: they are digested as the site's structure."""
    if isinstance(value, str):
        out.append(f"s{len(value)}:{value}")
    elif _DIGESTED_FIELDS.get(type(value), ()) is None:  # (an entry, of a class seen before:
        out.append(_tagged(value.__dict__["url"], "entry"))  # most values are these)
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
        _canonical_set(value, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _canonical_dataclass(value, out)
    else:
        text = repr(value)
        if " at 0x" in text:
            raise _Unstable(text)
        out.append(_tagged(text, type(value).__name__))


def _canonical_set(value: set[Any] | frozenset[Any], out: list[str]) -> None:
    items = []
    for item in value:
        parts: list[str] = []
        _canonical(item, parts)
        items.append("\0".join(parts))
    out.append(f"set{len(items)}:" + _tagged("\0".join(sorted(items)), "items"))


def _canonical_dataclass(value: Any, out: list[str]) -> None:
    names = _digested_fields(type(value))
    if names is None:  # an entry: by its URL
        out.append(_tagged(value.__dict__["url"], "entry"))
        return
    out.append(type(value).__name__ + "(")
    for name in names:
        _canonical(getattr(value, name), out)
    out.append(")")


_DIGESTED_FIELDS: dict[type, tuple[str, ...] | None] = {}  # (thousands of entries, few classes)


def _digested_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of dataclass ``cls`` that its digest covers; None for an entry's class,
    which is digested by its URL (see :func:`_canonical`)."""
    if cls not in _DIGESTED_FIELDS:
        names = [item.name for item in dataclasses.fields(cls)]
        _DIGESTED_FIELDS[cls] = None if "url" in names and "source" in names \
            else tuple(name for name in names if name != "entries")
    return _DIGESTED_FIELDS[cls]


def value_digest(value: Any) -> str:
    """A digest of ``value`` (see :func:`_canonical`); unique if it has no stable form, so
    that whatever depends on it is never taken for unchanged."""
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


# --- The engine -----------------------------------------------------------------------------

def card_font_files() -> list[str]:
    """The card fonts this system has, each once."""
    names = dict.fromkeys((*CARD_FONTS[True], *CARD_FONTS[False]))
    return [name for name in names if os.path.exists(name)]


@functools.cache  # (the code a process runs does not change while it runs)
def engine_fingerprint() -> str:
    """A digest of the engine's code, Python's and the libraries' versions, and the card
    fonts: what made every result in the cache."""
    from importlib.metadata import PackageNotFoundError, version

    hashed = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        try:
            installed = version(library)
        except PackageNotFoundError:
            installed = "none"
        hashed.update(f"{library}=={installed}\0".encode())
    for path in sorted(ENGINE.glob("*.py")):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in card_font_files():
        stat = os.stat(name)
        hashed.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return hashed.hexdigest()
