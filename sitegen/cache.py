"""Work kept for later, in one object: one SQLite file (``.cache/cache.sqlite``), by namespace.

Every kind of result has a namespace (``render:html``, ``memo:entries``, ``cards``,
``templates``, ``state``...) and is stored by a key that says what it was computed from (a
body's digest, a card's title and date). What it was computed *with* (the engine's code and
libraries) is the file's :func:`~sitegen.fingerprint.engine_fingerprint`: when that changes,
the file is emptied as it is opened, so nothing in it is ever stale. It is safe to delete.

A :class:`Cache` is made once per build, or once per preview server, and passed explicitly
to whatever keeps work in it. It also holds what lives only as long as it does: memos (see
:class:`Memo`) and other results kept in memory across a preview's reloads.

In a forked worker process, reads use the worker's own connection and writes are held back
(:meth:`Cache.take_pending`): the parent writes them (:meth:`Cache.put_pending`), so the file
has one writer.
"""
from __future__ import annotations

import itertools
import os
import pickle
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitegen.fingerprint import engine_fingerprint

FILE = "cache.sqlite"
STATE = "state"  # the namespace of the last build's record (see sitegen.buildstate)
_BATCH = 500  # keys per query (SQLite allows 32,766 parameters; fewer is as fast)
# The write-ahead log grows as large as the most a build writes before its results are copied
# into the file (a clean build of 10,000 posts: 880 MB, as much as the file itself). Once
# copied, SQLite cuts it back to this size, so that the folder a CI job keeps is not twice
# the cache.
WAL_KEPT_BYTES = 16 * 1024 * 1024

Value = TypeVar("Value")
Pending = dict[str, dict[Hashable, Any]]
Row = tuple[str, str, bytes]  # a result as the file keeps it: kind, key's text, key and value


class Memo(Generic[Value]):
    """Results of one kind of work by key; keeps only the keys the last complete load used."""

    def __init__(self) -> None:
        self.values: dict[Hashable, Value] = {}
        self._used: dict[Hashable, Value] = {}
        self._remember = False
        self.stored: set[Hashable] = set()  # the keys the cache file has

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The remembered result for ``key``, else ``compute()``'s (then remembered)."""
        if key in self.values:
            value = self.values[key]
        else:
            value = compute()
        if self._remember:
            self._used[key] = value
        return value

    def find(self, key: Hashable) -> Value | None:
        """The remembered result for ``key`` (then noted as used, as :meth:`get` does), or
        None."""
        if key not in self.values:
            return None
        value = self.values[key]
        if self._remember:
            self._used[key] = value
        return value

    def start_load(self, remember: bool) -> None:
        """A load begins: note afresh which keys it uses, if it is to ``remember`` them (a
        build loads once: keeping its keys would only hold memory)."""
        self._used = {}
        self._remember = remember

    def finish_load(self) -> None:
        """A load succeeded: forget the keys it did not use (old versions of sources)."""
        self.values, self._used = self._used, {}

    def forget(self) -> None:
        """Let every result go (a build, once its memos are saved)."""
        self.values, self._used, self.stored = {}, {}, set()


class Cache:
    """The results kept for one project folder: in ``folder``'s SQLite file (none if
    ``folder`` is None) and, for this object's lifetime, in memory."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._lock = threading.RLock()  # (a preview's request threads share it)
        self._memos: dict[str, Memo[Any]] = {}
        self._memory: dict[str, dict[Any, Any]] = {}
        self._pending: Pending = {}
        self._owner = self._pid = os.getpid()  # (the process that writes the file)
        self._connection: sqlite3.Connection | None = None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._connection = _open(folder / FILE, engine_fingerprint())

    # --- In memory ----------------------------------------------------------------------

    def memo(self, name: str) -> Memo[Any]:
        """The memo of one kind of work (made on first use)."""
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = Memo()
        return memo

    def memory(self, name: str) -> dict[Any, Any]:
        """A dictionary kept as long as this cache, for results that are not saved."""
        found = self._memory.get(name)
        if found is None:
            found = self._memory[name] = {}
        return found

    def restore_memos(self, names: Iterable[str]) -> None:
        """Fill the memos ``names`` from the file, unless they hold results already (a
        preview's own memory is newer)."""
        memos = {name: self.memo(name) for name in names}
        if any(memo.values for memo in memos.values()):
            return
        for name, memo in memos.items():
            memo.values = self.all("memo:" + name)
            memo.stored = set(memo.values)

    def save_memos(self, names: Iterable[str],
                   kept_as: dict[str, Callable[[Any], Any]] | None = None) -> None:
        """Write what the memos ``names`` hold that the file has not, and remove from it
        what they no longer hold. ``kept_as`` gives, by memo, what the file keeps of each
        value (the file keeps the entries without their bodies, say)."""
        for name in names:
            memo = self.memo(name)
            keep = (kept_as or {}).get(name)
            new = {key: keep(memo.values[key]) if keep else memo.values[key]
                   for key in memo.values.keys() - memo.stored}
            if new:
                self.put("memo:" + name, new)
            gone = memo.stored - memo.values.keys()
            if gone:
                self.delete("memo:" + name, gone)
            memo.stored = set(memo.values)

    # --- In the file ----------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection | None:
        """The connection of this process (a forked worker opens its own)."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._pending = {}
            # The parent's connection must never be closed here (closing it could check-
            # point and remove the parent's log): it is kept, unused, until the worker ends.
            self._inherited = self._connection
            if self.folder is not None:
                self._connection = sqlite3.connect(self.folder / FILE, timeout=30)
        return self._connection

    def all(self, kind: str) -> dict[Hashable, Any]:
        """Every result of ``kind``, by key."""
        with self._lock:
            connection = self._db()
            if connection is None:
                return {}
            return dict(pickle.loads(value) for value, in connection.execute(
                "SELECT value FROM results WHERE kind = ?", (kind,)))

    def some(self, kind: str, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
        """The results of ``kind`` that there are for ``keys``."""
        texts = [repr(key) for key in keys]
        found: dict[Hashable, Any] = {}
        with self._lock:
            connection = self._db()
            for start in range(0, len(texts), _BATCH):
                if connection is None:
                    break
                batch = texts[start:start + _BATCH]
                found.update(pickle.loads(value) for value, in connection.execute(
                    f"SELECT value FROM results WHERE kind = ? AND key IN "
                    f"({', '.join('?' * len(batch))})", (kind, *batch)))
            pending = self._pending.get(kind, {})
            if pending:
                wanted = set(texts)
                found.update((key, value) for key, value in pending.items()
                             if repr(key) in wanted)
        return found

    def has(self, kind: str, keys: Iterable[Hashable]) -> set[Hashable]:
        """Those of ``keys`` that ``kind`` has a result for (their results are not read)."""
        texts = {repr(key): key for key in keys}
        found: set[Hashable] = set()
        with self._lock:
            connection = self._db()
            if connection is not None:
                found.update(texts[text] for text, in connection.execute(
                    "SELECT key FROM results WHERE kind = ?", (kind,)) if text in texts)
            found.update(key for key in self._pending.get(kind, {}) if repr(key) in texts)
        return found

    def holds_any(self, kind: str) -> bool:
        """Whether there is any result of ``kind``."""
        with self._lock:
            connection = self._db()
            if connection is not None and connection.execute(
                    "SELECT 1 FROM results WHERE kind = ? LIMIT 1", (kind,)).fetchone():
                return True
            return bool(self._pending.get(kind))

    def get(self, kind: str, key: Hashable) -> Any | None:
        """The result of ``kind`` for ``key``, or None."""
        return self.some(kind, [key]).get(key)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection | None]:
        """This process's connection inside one transaction (None if there is no file)."""
        with self._lock:
            connection = self._db()
            if connection is None:
                yield None
                return
            with connection:
                yield connection

    def put(self, kind: str, results: dict[Hashable, Any]) -> None:
        """Add or replace results of ``kind`` (in a worker process: held for the parent)."""
        with self._transaction() as connection:
            if connection is None:
                return
            if self._pid != self._owner:
                self._pending.setdefault(kind, {}).update(results)
                return
            connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                                   _rows(kind, results))

    def take_pending(self) -> Pending:
        """In a worker process: the writes held back since the last call."""
        with self._lock:
            pending, self._pending = self._pending, {}
        return pending

    def put_pending(self, pending: Pending) -> None:
        """In the parent: write what a worker held back."""
        for kind, results in pending.items():
            self.put(kind, results)

    def delete(self, kind: str, keys: Iterable[Hashable]) -> None:
        """Remove results of ``kind`` (of no more use)."""
        with self._transaction() as connection:
            if connection is not None:
                connection.executemany("DELETE FROM results WHERE kind = ? AND key = ?",
                                       ((kind, repr(key)) for key in keys))

    def keep_only(self, kind: str, keys: Iterable[Hashable]) -> None:
        """Remove the results of ``kind`` whose key is not one of ``keys``."""
        with self._transaction() as connection:
            if connection is None:
                return
            connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            connection.execute("DELETE FROM kept")
            connection.executemany("INSERT OR IGNORE INTO kept VALUES (?)",
                                   ((repr(key),) for key in keys))
            connection.execute("DELETE FROM results WHERE kind = ? AND key NOT IN "
                               "(SELECT key FROM kept)", (kind,))

    def replace_all(self, kind: str, results: dict[Hashable, Any],
                    pickled: Iterable[Row] = ()) -> None:
        """Make ``results``, with the results ``pickled`` before (see :func:`pickled_rows`),
        the only results of ``kind``, in one transaction."""
        with self._transaction() as connection:
            if connection is not None:
                connection.execute("DELETE FROM results WHERE kind = ?", (kind,))
                connection.executemany("INSERT INTO results VALUES (?, ?, ?)",
                                       itertools.chain(pickled, _rows(kind, results)))

    def replace_some(self, kind: str, results: dict[Hashable, Any], pickled: Iterable[Row],
                     gone: Iterable[Hashable], if_still: tuple[Hashable, Any]) -> bool:
        """Add or replace ``results`` of ``kind``, with the results ``pickled`` before, and
        remove those of the keys ``gone``, in one transaction, if the result of ``kind`` for
        the key ``if_still[0]`` is still ``if_still[1]``; return whether it was (if not,
        nothing is written: another process replaced what these results change)."""
        key, expected = if_still
        with self._transaction() as connection:
            if connection is None:
                return True
            connection.execute("BEGIN IMMEDIATE")  # (no other writer until the commit)
            found = connection.execute("SELECT value FROM results WHERE kind = ? AND key = ?",
                                       (kind, repr(key))).fetchone()
            if found is None or pickle.loads(found[0]) != (key, expected):
                return False
            connection.executemany("DELETE FROM results WHERE kind = ? AND key = ?",
                                   ((kind, repr(gone_key)) for gone_key in gone))
            connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                                   itertools.chain(pickled, _rows(kind, results)))
        return True


def pickled_rows(kind: str, results: dict[Hashable, Any]) -> list[Row]:
    """``results`` of ``kind`` pickled now, as the file keeps them, to be written later (by
    :meth:`Cache.replace_all`)."""
    return list(_rows(kind, results))


def _rows(kind: str, results: dict[Hashable, Any]) -> Iterator[Row]:
    """The rows of ``results``: each key's text, and the key with its value pickled."""
    for key, value in results.items():
        yield kind, repr(key), pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)

def _open(path: Path, fingerprint: str) -> sqlite3.Connection:
    """Open (or make) the cache file; empty it if another engine wrote it; start afresh if
    it is damaged."""
    try:
        return _connect(path, fingerprint)
    except sqlite3.DatabaseError:
        path.unlink(missing_ok=True)
        return _connect(path, fingerprint)


def _connect(path: Path, fingerprint: str) -> sqlite3.Connection:
    # Used by one thread at a time (under the cache's lock), not always the same one.
    connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")  # (a reader never waits for a writer)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA journal_size_limit = {WAL_KEPT_BYTES}")
    with connection:
        connection.execute("CREATE TABLE IF NOT EXISTS results "
                           "(kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))")
        found = connection.execute(
            "SELECT value FROM results WHERE kind = 'code'").fetchone()
        if found is None or found[0] != fingerprint.encode():
            connection.execute("DELETE FROM results")
            connection.execute("INSERT INTO results VALUES ('code', '', ?)",
                               (fingerprint.encode(),))
    return connection


def read_state_row(folder: Path, key: str, engine: str | None = None) -> Any | None:
    """One row of the last build's record, read without opening a :class:`Cache` (the
    no-change check does this before the engine is imported); None if there is none, or if
    an engine other than ``engine`` (its fingerprint, if given) wrote it."""
    path = folder / FILE
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            found = connection.execute("SELECT value FROM results WHERE kind = ? AND key = ?",
                                       (STATE, repr(key))).fetchone()
            code = connection.execute(
                "SELECT value FROM results WHERE kind = 'code'").fetchone()
        finally:
            connection.close()
        if engine is not None and (code is None or code[0] != engine.encode()):
            return None
        return pickle.loads(found[0])[1] if found else None
    except (sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, TypeError,
            AttributeError, ImportError, IndexError):
        return None


def remove_files(folder: Path) -> None:
    """Delete the cache file in ``folder`` (with SQLite's journal files), and the folder if
    that leaves it empty: nothing else there is the generator's."""
    for name in (FILE, f"{FILE}-journal", f"{FILE}-wal", f"{FILE}-shm"):
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # missing, or holding files of someone else's
