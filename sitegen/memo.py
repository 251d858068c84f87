"""What a preview remembers between reloads, and a build between builds, so that a save or an
edit costs milliseconds.

Each :class:`Memo` holds one kind of work (a source's front matter, a body's links) keyed by
everything that work reads, so a reload never gets a stale result. Work whose inputs are not
one source's own (the other pages' URLs and anchors, the files under ``content/``) is keyed by
a digest of them: when that changes, it is all done again. Keys are small (long texts appear
as digests), so that memos can be saved in ``.cache/`` for the next build
(:func:`save_memos`, :func:`read_memos`).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """Results by key; keeps only the keys the last complete load used."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Value] = {}
        self._used: dict[Hashable, Value] = {}
        self._remember = False

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The remembered result for ``key``, else ``compute()``'s (then remembered)."""
        if key in self._values:
            value = self._values[key]
        else:
            value = compute()
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
        self._values, self._used = self._used, {}

    def forget(self) -> None:
        """Let every result go (a build, once its memos are saved)."""
        self._values, self._used = {}, {}


def text_digest(text: str) -> str:
    """A digest of a long text, to stand for it in a key."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def code_version() -> str:
    """A digest of the engine's code and Python's version: what a saved memo's values were
    computed with (keys say what they were computed from)."""
    hashed = hashlib.sha256(sys.version.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def read_memos(path: Path, memos: dict[str, Memo[Any]]) -> None:
    """Fill empty ``memos`` with what :func:`save_memos` saved at ``path``, if readable and
    saved by this very code (:func:`code_version`)."""
    if any(memo._values for memo in memos.values()):
        return  # a preview's own memory is newer
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
            ImportError, TypeError, IndexError):
        return
    if not isinstance(saved, dict) or saved.get("code") != code_version():
        return
    for name, memo in memos.items():
        values = saved.get(name)
        if isinstance(values, dict):
            memo._values = values
    _saved_keys[path] = {name: set(memo._values) for name, memo in memos.items()}


def save_memos(path: Path, memos: dict[str, Memo[Any]]) -> None:
    """Save what ``memos`` hold after a load, atomically, unless it is what ``path`` has."""
    keys = {name: set(memo._values) for name, memo in memos.items()}
    if keys == _saved_keys.get(path):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".memo-")
    with os.fdopen(handle, "wb") as file:
        pickle.dump({"code": code_version(),
                     **{name: memo._values for name, memo in memos.items()}}, file,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    _saved_keys[path] = keys


_saved_keys: dict[Path, dict[str, set[Hashable]]] = {}


def digest(parts: Iterable[object]) -> str:
    """SHA-256 over the ``repr`` of each part (strings, numbers and tuples of them)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return hashed.hexdigest()
