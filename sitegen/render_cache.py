"""Render every Markdown body once per build: a persistent cache by content hash, and both cores.

The cache lives in ``.cache/`` beside ``site.toml``. It is safe to delete, and it is never stale:
the key covers the body and the versions of everything that shapes the HTML.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import markdown
import pygments

from sitegen.processes import die_with_parent
from sitegen.markdown import Rendered, render_markdown
from sitegen.memo import Memo

RENDERER_VERSION = "4"
_VERSION_SALT = f"{RENDERER_VERSION}|{markdown.__version__}|{pygments.__version__}|".encode()
_POOL_THRESHOLD = 24
# Kept across reloads of a long-running preview, so a save re-renders only the changed body.
_memory: dict[str, Rendered] = {}
_on_disk: set[str] = set()  # the keys the cache file holds


def cache_key(body: str) -> str:
    """The cache key of one Markdown body."""
    return hashlib.sha256(_VERSION_SALT + body.encode("utf-8")).hexdigest()


_keys: Memo[str] = Memo()  # a preview's reload hashes only the bodies that changed


def _read_cache(path: Path) -> dict[str, Rendered]:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}


def _write_cache(path: Path, entries: dict[str, Rendered]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".render-")
    with os.fdopen(handle, "wb") as file:
        pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def render_all(bodies: list[str], cache_dir: Path | None, jobs: int | None = None,
               remember: bool = False) -> tuple[list[Rendered], int, list[str]]:
    """Render ``bodies`` in order, reusing cached results; return them, the number rendered
    and their cache keys (each stands for a body and the HTML it renders to).

    Bodies missing from the cache are rendered in a pool of ``jobs`` processes (default: one
    per core) when there are enough of them to pay for starting the workers. With
    ``remember`` (a preview, which calls again after each save) the results stay in memory
    for the next call; a build lets them go (100 MB at 5,000 posts).
    """
    jobs = jobs or os.cpu_count() or 1
    cache_path = cache_dir / "render.pickle" if cache_dir else None
    if not _memory and cache_path:
        _memory.update(_read_cache(cache_path))
        _on_disk.update(_memory)
    cache = _memory
    _keys.start_load(remember)
    keys = [_keys.get(body, partial(cache_key, body)) for body in bodies]
    _keys.finish_load()
    missing = {key: body for key, body in zip(keys, bodies) if key not in cache}
    if len(missing) >= _POOL_THRESHOLD and jobs > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                 initializer=die_with_parent) as pool:
            cache.update(zip(missing.keys(),
                             pool.map(render_markdown, missing.values(), chunksize=16)))
    else:
        for key, body in missing.items():
            cache[key] = render_markdown(body)
    if cache_path and set(keys) != _on_disk:  # new bodies, or entries to prune
        _write_cache(cache_path, {key: cache[key] for key in keys})
        _on_disk.clear()
        _on_disk.update(keys)
    rendered = [cache[key] for key in keys]
    kept = {key: cache[key] for key in keys} if remember else {}
    _memory.clear()
    _memory.update(kept)
    if not remember:
        _on_disk.clear()
    return rendered, len(missing), keys
