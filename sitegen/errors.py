"""Errors an author can cause, reported as one clear message and never a traceback."""
from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType


class AuthorError(Exception):
    """A mistake in the author's files: where it is, what is wrong and how to fix it."""

    def __init__(
        self,
        path: Path | str | None,
        message: str,
        *,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its fields (a saved memo may hold one)."""
        return (AuthorError, (self.path, self.message), {"line": self.line, "hint": self.hint})

    def as_warning(self) -> str:
        """The message as a warning: the build goes on."""
        return str(self).replace(": error:", ": warning:", 1)

    def __str__(self) -> str:
        location = self.path or "site"
        if self.line is not None:
            location = f"{location}:{self.line}"
        text = f"{location}: error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class AuthorErrors(Exception):
    """Several author mistakes found in one pass, reported together."""

    def __init__(self, errors: list[AuthorError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def exit_quietly_on_ctrl_c() -> None:
    """Make Ctrl+C end a command with a line rather than a traceback, from start-up on
    (the commands clean up as they unwind: a build leaves build/ as it was)."""
    def interrupted(signal_number: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # (once is enough)
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)

    signal.signal(signal.SIGINT, interrupted)


def ctrl_c_ignored_to_the_end() -> None:
    """Ignore Ctrl+C for the rest of the process, once a build is in place and all that is
    left is to say so and end: a Ctrl+C while it ends (its threads joined, then Python's
    own finalization, which puts back the system's handler of any signal it handles, not
    of one it ignores) would make the exit status say the build failed. In a thread other
    than the main one, it does nothing."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def ctrl_c_ignored() -> Iterator[None]:
    """Ignore Ctrl+C inside the block: once a finished build is being put in place and
    recorded, stopping half-way would leave build/ new but the exit status saying it is
    not (a Ctrl+C before the block still stops the build, leaving build/ as it was). In a
    thread other than the main one, where signals cannot be handled, it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
