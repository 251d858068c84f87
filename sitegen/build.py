"""Freeze the app into a temporary folder and swap it in as ``build/`` only on success.

Frozen-Flask writes into its destination in place and stops half-way on an error, so the
previous build is kept untouched until a complete new one exists beside it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import multiprocessing
import os
import shutil
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask_frozen import Freezer, FrozenFlaskWarning, MissingURLGeneratorWarning
from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from sitegen.errors import AuthorError
from sitegen.processes import die_with_parent
from sitegen.search import IndexJob

_RENAME_EXCHANGE = 2


class BuildLockedError(Exception):
    """Another build of the same output folder is running."""


@dataclass
class BuildResult:
    """What one build wrote."""

    pages: int
    files: int
    seconds: float


@contextmanager
def build_lock(out: Path) -> Iterator[int]:
    """Hold an exclusive lock on ``out`` for the duration of a build; fail fast if taken.

    Yields the lock file's descriptor, which worker processes close (they must not keep the
    lock alive if the build is killed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(
                f"another build into {out} is running; wait for it to finish") from None
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(out: Path) -> None:
    """Delete temporary folders left beside ``out`` by a build that was killed."""
    for leftover in out.parent.glob(f".{out.name}-tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths with Linux's renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                       _RENAME_EXCHANGE)
    return result == 0


def swap_in(new: Path, out: Path) -> None:
    """Make ``new`` the ``out`` folder; the old one is removed after the swap."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new)
        return
    old = out.parent / f".{out.name}-tmp-old"
    os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old)


def is_page(url: str) -> bool:
    """Whether ``url`` is written as an HTML file (``/x/`` -> ``x/index.html``)."""
    return url.endswith(("/", ".html"))


def freeze(freezer: Freezer, out: Path,
           progress: Callable[[int, str], None] | None = None,
           index: Callable[[Path, Path], IndexJob] | None = None,
           workers: int = os.cpu_count() or 1) -> BuildResult:
    """Freeze every URL into a fresh temporary folder beside ``out`` and swap it in.

    Large sites are frozen by ``workers`` forked processes of the same loaded app, which take
    chunks of URLs in turn, so both cores work and the output is the same as one process's.
    The HTML pages come first: ``index(folder, out)`` then starts the search index of them,
    which runs while the other files are frozen and must be done before the swap.
    Frozen-Flask's warnings are errors here: a page that is missing, redirects or has the
    wrong type must not be published silently. Exceptions from views propagate as they are.
    """
    started = time.perf_counter()
    out = out.resolve()
    with build_lock(out) as lock_fd:
        remove_leftovers(out)
        temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}-tmp-", dir=out.parent))
        job: IndexJob | None = None
        try:
            freezer.app.config["FREEZER_DESTINATION"] = str(temporary)
            freezer.app.config["PROPAGATE_EXCEPTIONS"] = True
            # The folder is new, and it is written in parts (and by several processes).
            freezer.app.config["FREEZER_REMOVE_EXTRA_FILES"] = False
            urls = list(dict.fromkeys(freezer.all_urls()))
            pages_first = [url for url in urls if is_page(url)]
            others = [url for url in urls if not is_page(url)]

            def pages_done() -> None:
                nonlocal job
                if index is not None:
                    job = index(temporary, out)

            if workers > 1 and len(urls) >= _PARALLEL_THRESHOLD:
                pages, files = _freeze_in_processes(freezer, pages_first, others, pages_done,
                                                    workers, progress, lock_fd)
            else:
                pages, files = _freeze_share(freezer, pages_first, progress)
                pages_done()
                more = _freeze_share(freezer, others, progress, len(pages_first))
                pages, files = pages + more[0], files + more[1]
            if job is not None:
                job.wait()
            os.chmod(temporary, 0o755)
            swap_in(temporary, out)
        except BaseException:
            if job is not None:
                job.stop()
            shutil.rmtree(temporary, ignore_errors=True)
            raise
    return BuildResult(pages=pages, files=files, seconds=time.perf_counter() - started)


_PARALLEL_THRESHOLD = 400


class WorkerError(Exception):
    """A freezing process failed; the message is what it reported."""


def _freeze_share(freezer: Freezer, urls: list[str],
                  progress: Callable[[int, str], None] | None, done: int = 0) -> tuple[int, int]:
    """Freeze ``urls`` with Frozen-Flask; return the numbers of pages and other files.
    ``progress`` is told the count of URLs written, after the ``done`` ones before these."""
    freezer.url_generators = [lambda: urls]
    pages = files = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        # An endpoint with nothing to publish (no categories yet) is fine.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        for count, page in enumerate(freezer.freeze_yield(), start=done + 1):
            if page.path.name.endswith(".html"):
                pages += 1
            else:
                files += 1
            if progress:
                progress(count, page.url)
    return pages, files


_shared: tuple[Freezer, list[str]] | None = None
_CHUNK = 40  # URLs per task: small enough to balance the workers, large enough to be cheap


def _freeze_chunk(bounds: tuple[int, int]) -> tuple[int, int] | str:
    """Freeze ``urls[start:stop]`` in a forked process; errors come back as text to re-raise."""
    assert _shared is not None
    freezer, urls = _shared
    try:
        return _freeze_share(freezer, urls[bounds[0]:bounds[1]], None)
    except Exception as error:  # sent back to the parent, which reports it once
        author_error = template_error(error)
        if author_error is not None:
            return "author:" + "\0".join((author_error.path or "", str(author_error.line or ""),
                                           author_error.message, author_error.hint or ""))
        return "bug:" + "".join(traceback.format_exception(error))


def _worker_setup(lock_fd: int) -> None:
    die_with_parent()
    os.close(lock_fd)


def _freeze_in_processes(freezer: Freezer, pages_first: list[str], others: list[str],
                         pages_done: Callable[[], None], workers: int,
                         progress: Callable[[int, str], None] | None,
                         lock_fd: int) -> tuple[int, int]:
    """Freeze the URLs in ``workers`` forked processes that take small chunks in turn, so a
    run of slow URLs (images) does not leave one core idle while the other works. Calls
    ``pages_done`` as soon as every URL of ``pages_first`` is written."""
    global _shared
    urls = pages_first + others
    _shared = (freezer, urls)
    chunks = [(start, min(start + _CHUNK, stop))
              for begin, stop in ((0, len(pages_first)), (len(pages_first), len(urls)))
              for start in range(begin, stop, _CHUNK)]
    pages = files = 0
    if not pages_first:
        pages_done()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_setup, initargs=(lock_fd,)) as pool:
            for bounds, result in zip(chunks, pool.imap(_freeze_chunk, chunks)):
                if isinstance(result, str) and result.startswith("author:"):
                    path, line, message, hint = result[len("author:"):].split("\0")
                    raise AuthorError(path, message, line=int(line) if line else None,
                                      hint=hint or None)
                if isinstance(result, str):
                    raise WorkerError(result[len("bug:"):])
                pages, files = pages + result[0], files + result[1]
                if progress:
                    for position in range(bounds[0], bounds[1]):
                        progress(position + 1, urls[position])
                if bounds[1] == len(pages_first):
                    pages_done()
    finally:
        _shared = None
    return pages, files


def template_error(error: Exception) -> AuthorError | None:
    """Turn a Jinja template mistake into an author error naming the template and line."""
    if isinstance(error, RecursionError):
        return AuthorError("templates/", "a template extends or includes itself",
                           hint='to change a theme template, extend "theme/<name>.html"')
    if isinstance(error, TemplateSyntaxError):
        return AuthorError(error.filename or error.name or "template", error.message or str(error),
                           line=error.lineno,
                           hint="fix the Jinja syntax on that line ({% ... %} / {{ ... }})")
    if isinstance(error, TemplateNotFound):
        return AuthorError("templates/", f"template {error.name!r} not found",
                           hint="create it in templates/ or fix the name that refers to it")
    if isinstance(error, UnicodeDecodeError):
        return AuthorError("templates/", "a template is not UTF-8 text",
                           hint="save the templates in templates/ as UTF-8")
    # Jinja rewrites tracebacks so that template lines appear as frames: take the last one.
    path, line = None, None
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
            path, line = frame.f_code.co_filename, number
    if isinstance(error, TemplateError) or path is not None:
        message = str(error) if isinstance(error, TemplateError) \
            else f"{type(error).__name__}: {error}"
        return AuthorError(path or "templates/", f"template error: {message}", line=line,
                           hint="check the names and expressions on that line; see the page's "
                                "fields in the front matter reference")
    return None
