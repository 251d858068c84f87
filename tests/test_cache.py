"""Unit tests of sitegen/cache.py: one file, by namespace, emptied when the engine changes;
workers hand their writes to the parent."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

from sitegen.cache import FILE, WAL_KEPT_BYTES, Cache, read_state_row
from sitegen.fingerprint import engine_fingerprint


def test_results_are_kept_by_namespace_and_key(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("cards", {"k": b"card", ("t", 1): "x"})
    cache.put("other", {"k": "other"})
    again = Cache(tmp_path)  # (another process, later)
    assert again.get("cards", "k") == b"card" and again.get("cards", ("t", 1)) == "x"
    assert again.get("other", "k") == "other" and again.get("cards", "missing") is None
    assert again.has("cards", ["k", ("t", 1), "missing"]) == {"k", ("t", 1)}
    assert again.has("other", [("t", 1)]) == set() and Cache(None).has("cards", ["k"]) == set()
    again.keep_only("cards", ["k"])
    assert again.all("cards") == {"k": b"card"}
    again.replace_all("state", {"summary": {"out": "/x"}})
    assert read_state_row(tmp_path, "summary") == {"out": "/x"}


def test_the_file_is_emptied_when_another_engine_wrote_it(tmp_path: Path) -> None:
    Cache(tmp_path).put("cards", {"k": b"card"})
    Cache(tmp_path).replace_all("state", {"search": {"pages": {}}})
    assert read_state_row(tmp_path, "search", engine_fingerprint()) == {"pages": {}}
    with sqlite3.connect(tmp_path / "cache.sqlite") as connection:
        connection.execute("UPDATE results SET value = ? WHERE kind = 'code'", (b"older",))
    # (a row read before the cache is opened, asked for this engine's, is not another's)
    assert read_state_row(tmp_path, "search", engine_fingerprint()) is None
    assert read_state_row(tmp_path, "search") == {"pages": {}}
    assert Cache(tmp_path).get("cards", "k") is None


def test_a_damaged_file_is_started_afresh(tmp_path: Path) -> None:
    (tmp_path / "cache.sqlite").write_bytes(b"not a database" * 100)
    cache = Cache(tmp_path)
    cache.put("cards", {"k": b"card"})
    assert cache.get("cards", "k") == b"card"


def test_the_write_ahead_log_is_cut_back_once_copied_into_the_file(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    large = {"card": os.urandom(WAL_KEPT_BYTES + 8 * 1024 * 1024)}  # (random: no compression)
    cache.put("cards", large)
    log = tmp_path / f"{FILE}-wal"
    assert log.stat().st_size > WAL_KEPT_BYTES  # (the log holds the whole write first)
    cache.put("cards", {"small": b"card"})  # the next write starts the log afresh
    assert log.stat().st_size <= WAL_KEPT_BYTES
    assert Cache(tmp_path).all("cards") == {**large, "small": b"card"}


def _put_in_worker(cache: Cache) -> dict:  # type: ignore[type-arg]
    cache.put("cards", {"from worker": b"card"})
    seen = cache.get("cards", "from parent")
    return {"pending": cache.take_pending(), "seen": seen}


def test_a_forked_worker_hands_its_writes_to_the_parent(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("cards", {"from parent": b"p"})
    _WORKER_CACHE[:] = [cache]  # (inherited by the forked worker, as the build's app is)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        result = pool.apply(_call_global_worker)
    assert result["seen"] == b"p"  # the worker reads the file with its own connection
    assert Cache(tmp_path).get("cards", "from worker") is None  # not written by the worker
    cache.put_pending(result["pending"])
    assert Cache(tmp_path).get("cards", "from worker") == b"card"


_WORKER_CACHE: list[Cache] = []


def _call_global_worker() -> dict:  # type: ignore[type-arg]
    return _put_in_worker(_WORKER_CACHE[0])


def test_memos_are_saved_and_restored_in_a_new_process(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    memo = cache.memo("entries")
    memo.start_load(remember=True)
    assert memo.get("key", lambda: "computed") == "computed"
    memo.finish_load()
    cache.save_memos(["entries"])
    fresh = Cache(tmp_path)
    fresh.restore_memos(["entries"])
    assert fresh.memo("entries").get("key", lambda: "computed again") == "computed"
    assert Cache(None).get("entries", "key") is None  # (a cache with no file keeps nothing)
