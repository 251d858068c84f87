"""Results of work kept between builds, in ``.cache/cache.sqlite``: written as they change.

One SQLite table holds every kind of result (rendered Markdown, a source's front matter, a
body's links...) by kind and key. A build reads what it needs and writes only what is new,
so an edit to one post writes a few rows, not every post's results again. The file is safe
to delete; a store written by other engine code (see :func:`sitegen.memo.code_version`) is
emptied when it is opened.
"""
from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

STORE = "cache.sqlite"
_BATCH = 500  # keys per query (SQLite allows 32,766 parameters; fewer is as fast)


def open_store(cache_dir: Path, code: str) -> Store:
    """The store of ``cache_dir``, opened once per process (a preview reloads after each
    save; closing the file each time would cost a checkpoint of its log)."""
    store = _stores.get(cache_dir)
    if store is None or store.code != code:
        store = _stores[cache_dir] = Store(cache_dir, code)
    return store


class Store:
    """The results kept in one project's ``.cache/``.

    Keys are strings, numbers and tuples of them: a row's key is the key's ``repr`` (the
    same text for equal keys), and its value holds the key itself beside the result."""

    def __init__(self, cache_dir: Path, code: str):
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / STORE
        self.code = code
        try:
            self._connection = self._open(code)
        except sqlite3.DatabaseError:  # not a database (a damaged file): start afresh
            self.path.unlink(missing_ok=True)
            self._connection = self._open(code)

    def _open(self, code: str) -> sqlite3.Connection:
        # Used by one thread at a time (a preview reloads under a lock), not always the same.
        connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")  # (a reader never waits for a writer)
        connection.execute("PRAGMA synchronous = NORMAL")
        with connection:
            connection.execute("CREATE TABLE IF NOT EXISTS results "
                               "(kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))")
            found = connection.execute(
                "SELECT value FROM results WHERE kind = 'code'").fetchone()
            if found is None or found[0] != code.encode():
                connection.execute("DELETE FROM results")
                connection.execute("INSERT INTO results VALUES ('code', '', ?)",
                                   (code.encode(),))
        return connection

    def all(self, kind: str) -> dict[Hashable, Any]:
        """Every result of ``kind``, by key."""
        return dict(pickle.loads(value) for value, in self._connection.execute(
            "SELECT value FROM results WHERE kind = ?", (kind,)))

    def some(self, kind: str, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
        """The results of ``kind`` that there are for ``keys``."""
        texts = [repr(key) for key in keys]
        found: dict[Hashable, Any] = {}
        for start in range(0, len(texts), _BATCH):
            batch = texts[start:start + _BATCH]
            found.update(pickle.loads(value) for value, in self._connection.execute(
                f"SELECT value FROM results WHERE kind = ? AND key IN "
                f"({', '.join('?' * len(batch))})", (kind, *batch)))
        return found

    def put(self, kind: str, results: dict[Hashable, Any]) -> None:
        """Add or replace results of ``kind``."""
        with self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                ((kind, repr(key), pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
                 for key, value in results.items()))

    def delete(self, kind: str, keys: Iterable[Hashable]) -> None:
        """Remove results of ``kind`` (of no more use)."""
        with self._connection:
            self._connection.executemany("DELETE FROM results WHERE kind = ? AND key = ?",
                                         ((kind, repr(key)) for key in keys))

    def keep_only(self, kind: str, keys: Iterable[Hashable]) -> None:
        """Remove the results of ``kind`` whose key is not one of ``keys`` (of no more use)."""
        with self._connection:
            self._connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            self._connection.execute("DELETE FROM kept")
            self._connection.executemany("INSERT OR IGNORE INTO kept VALUES (?)",
                                         ((repr(key),) for key in keys))
            self._connection.execute("DELETE FROM results WHERE kind = ? AND key NOT IN "
                                     "(SELECT key FROM kept)", (kind,))


_stores: dict[Path, Store] = {}
