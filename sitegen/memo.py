"""What a long-running preview remembers between reloads, so that a save costs milliseconds.

Each :class:`Memo` holds one kind of work (a source's front matter, a body's links) keyed by
everything that work reads, so a reload never gets a stale result. Work whose inputs are not
one source's own (the other pages' URLs and anchors, the files under ``content/``) is keyed by
a digest of them: when that changes, it is all done again.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

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


def digest(parts: Iterable[object]) -> str:
    """SHA-256 over the ``repr`` of each part (strings, numbers and tuples of them)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return hashed.hexdigest()
