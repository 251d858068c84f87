"""What a preview remembers between reloads, and a build between builds, so that a save or an
edit costs milliseconds.

Each :class:`Memo` holds one kind of work (a source's front matter, a body's links) keyed by
everything that work reads, so a reload never gets a stale result. Work whose inputs are not
one source's own (the other pages' URLs and anchors, the files under ``content/``) is keyed by
a digest of them: when that changes, it is all done again. Keys are small (long texts appear
as digests), so that memos can be saved in the project's store for the next build
(:func:`save_memos`, :func:`read_memos`, :mod:`sitegen.store`).
"""
from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable, Hashable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitegen.store import Store

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """Results by key; keeps only the keys the last complete load used."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Value] = {}
        self._used: dict[Hashable, Value] = {}
        self._remember = False
        self._stored: set[Hashable] = set()  # the keys a store has (see save_memos)

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
        self._values, self._used, self._stored = {}, {}, set()


def text_digest(text: str) -> str:
    """A digest of a long text, to stand for it in a key."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# The libraries whose version can change what the engine makes of the same sources.
_LIBRARIES = ("Flask", "Frozen-Flask", "Jinja2", "Markdown", "MarkupSafe", "pillow",
              "Pygments", "PyYAML", "tzdata", "Werkzeug")


@functools.cache  # (the code a process runs does not change while it runs)
def code_version() -> str:
    """A digest of the engine's code and of Python's and the libraries' versions: what a
    saved memo's values were computed with (keys say what they were computed from)."""
    hashed = hashlib.sha256(sys.version.encode())
    for library in _LIBRARIES:
        hashed.update(f"{library}=={_installed(library)}\0".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def _installed(library: str) -> str:
    try:
        return version(library)
    except PackageNotFoundError:
        return "none"


def read_memos(store: Store, memos: dict[str, Memo[Any]]) -> None:
    """Fill empty ``memos`` with what :func:`save_memos` saved in ``store``."""
    if any(memo._values for memo in memos.values()):
        return  # a preview's own memory is newer
    for name, memo in memos.items():
        memo._values = store.all("memo:" + name)
        memo._stored = set(memo._values)


def save_memos(store: Store, memos: dict[str, Memo[Any]]) -> None:
    """Save what ``memos`` hold after a load that ``store`` does not have yet, and remove
    from it what they no longer hold."""
    for name, memo in memos.items():
        new = {key: memo._values[key] for key in memo._values.keys() - memo._stored}
        if new:
            store.put("memo:" + name, new)
        gone = memo._stored - memo._values.keys()
        if gone:
            store.delete("memo:" + name, gone)
        memo._stored = set(memo._values)


def digest(parts: Iterable[object]) -> str:
    """SHA-256 over the ``repr`` of each part (strings, numbers and tuples of them)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return hashed.hexdigest()
