"""A build's first steps, before the site loads (:func:`begin_build`): the output folder's
check and lock, the deletions and the listing that run beside the load, and Pagefind on an
edited page's shard.

None of them needs Flask or the engine's rendering, and this module imports neither: so
``site.py`` begins a build that has work to do before it imports them
(:func:`begin_before_imports`, 0.2 s of imports), and Pagefind and ``find`` have the core
the imports leave idle. :func:`sitegen.pipeline.build` takes the begun build, or begins it.
"""
from __future__ import annotations

import atexit
import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from sitegen import earlysearch
from sitegen.cache import read_state_row
from sitegen.errors import AuthorError
from sitegen.fingerprint import PROJECT, engine_fingerprint
from sitegen.folderlisting import FolderListing
from sitegen.manifest import BuildCheck
from sitegen.output import (
    Removals,
    check_output_folder,
    is_generated,
    is_site_folder,
    lock_file,
    staging_folder,
)

# A site of this many files (its sources, templates, static files...) or more has the build
# before last listed by find while it loads (see _start_on_previous_builds). Below, find's
# process costs more than it saves (at 1,000 posts, where Pagefind, waiting for the page,
# has the other core); at 10,000 it saves about 0.2 s.
FIND_FROM = 2_000


class BuildLockedError(Exception):
    """Another build of the same output folder is running."""


@contextmanager
def build_lock(out: Path) -> Iterator[int]:
    """Hold an exclusive lock on ``out`` for the duration of a build; fail fast if taken.

    Yields the lock file's descriptor, which worker processes close (they must not keep the
    lock alive if the build is killed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with lock_file(out).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(
                f"another build into {out} is running; wait for it to finish") from None
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class BegunBuild:
    """A build's first steps, begun: the lock on its output folder (``lock_fd``), the
    deletions that run beside the load (``removals``), the listing of the build before last
    (``previous``, if ``find`` makes it) and Pagefind on the shards of the edited pages
    (``early``). Ended as a context manager: the listing is stopped, the deletions waited
    for, then the lock released. (Pagefind is the build's to stop or take.)"""

    lock_fd: int
    removals: Removals
    previous: FolderListing | None
    early: earlysearch.EarlyIndex
    _resources: ExitStack = field(repr=False)

    def __enter__(self) -> BegunBuild:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._resources.__exit__(kind, error, traceback)

    def close(self) -> None:
        """End a begun build that will not run: stop Pagefind, then end the steps."""
        self.early.stop()
        self._resources.close()


def begin_build(checked: BuildCheck, jobs: int) -> BegunBuild:
    """Begin the build that ``checked`` describes, with ``jobs`` processes: check its output
    folder (:class:`AuthorError` if it is not the generator's to replace), take its lock
    (:class:`BuildLockedError` if another build holds it), start deleting what is not kept
    and listing the build before last, and start Pagefind on the shards of the pages of the
    files changed since the last build."""
    out = checked.out
    check_output_folder(out, checked.root, PROJECT)
    with ExitStack() as resources:
        lock_fd = resources.enter_context(build_lock(out))
        removals = resources.enter_context(Removals(out))
        previous = _start_on_previous_builds(out, checked, removals, resources)
        early = start_waiting_index(checked, jobs)
        begun = BegunBuild(lock_fd, removals, previous, early, resources.pop_all())
    return begun


def begin_before_imports(checked: BuildCheck | None) -> BegunBuild | None:
    """For ``site.py``, before it imports Flask and the engine: the build ``checked`` (the
    no-change check of its command line, which asks for a build with work to do) begun,
    with the processes the command line asks for; None if there is none, if its root is no
    site folder (the command refuses it, and nothing may be written beside it), or if it
    cannot begin (the build command then begins it, and says why it cannot).

    The begun build is closed when the process ends, if the build command has not taken it
    by then (a Ctrl+C while Flask is imported): Pagefind stopped and its folder removed."""
    if checked is None or checked.up_to_date or not is_site_folder(checked.root):
        return None
    try:
        begun = begin_build(checked, checked.jobs or os.cpu_count() or 1)
    except (AuthorError, BuildLockedError, OSError):
        return None
    atexit.register(begun.close)  # (once taken and ended, closing it again does nothing)
    return begun


def _start_on_previous_builds(out: Path, checked: BuildCheck, removals: Removals,
                              finds: ExitStack) -> FolderListing | None:
    """Start deleting, beside ``out``, the folders of a build that was killed, and the build
    before last unless the last build shared most files with it; else, for a site of
    :data:`FIND_FROM` files or more, start ``find`` on it (its listing, for this build to
    start from: see :func:`sitegen.build.new_build_folder`), stopped with ``finds``. Both
    run in processes of their own while the site loads, which leaves the other core idle."""
    removals.leftovers()
    staging = staging_folder(out)
    if not checked.shares_previous:  # (no build starts from the build before last)
        removals.start(staging)
        return None
    if len(checked.files) < FIND_FROM or not is_generated(staging):
        return None  # (this process looks, if it starts from it)
    return finds.enter_context(FolderListing(staging))


def start_waiting_index(checked: BuildCheck, jobs: int) -> earlysearch.EarlyIndex:
    """Start Pagefind, before the site loads, on the shards of the last build's index that
    hold the pages of the sources changed since (see
    :func:`sitegen.earlysearch.start_waiting`): it reads their other pages on the core the
    load leaves idle. (Not from a thread of its own: Pagefind dies with the thread that
    started it.)"""
    recorded = read_state_row(checked.root / ".cache", "search", engine_fingerprint())
    if not isinstance(recorded, dict) or not checked.changed:
        return earlysearch.EarlyIndex()
    return earlysearch.start_waiting(checked.out, recorded, checked.changed, jobs)
