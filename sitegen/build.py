"""Freeze the app into a temporary folder beside ``build/``, to be swapped in only on success.

Frozen-Flask writes into its destination in place and stops half-way on an error, so the
previous build is kept untouched until a complete new one exists beside it. The steps, which
:func:`sitegen.pipeline.build` runs in order under
:func:`sitegen.buildstart.build_lock`:
:func:`new_build_folder` (with the last build's current files linked in), :func:`freeze`
(the other URLs, by several processes), then :func:`swap_in`.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import posixpath
import shutil
import traceback
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from unicodedata import normalize

from flask import Flask
from flask_frozen import Freezer, FrozenFlaskWarning, MissingURLGeneratorWarning
from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from sitegen.buildstate import FrozenUrl
from sitegen.cache import Pending
from sitegen.errors import AuthorError
from sitegen.fingerprint import file_stamp
from sitegen.folderlisting import FolderListing, Listing, list_folder
from sitegen.hardlinks import link_files
from sitegen.hooks import FILE as HOOKS_FILE
from sitegen.hooks import raised_in_hooks
from sitegen.output import (
    MARKER,
    is_generated,
    mark,
    remove,
    staging_folder,
    temporary_folder,
)
from sitegen.processes import die_with_parent

_RENAME_EXCHANGE = 2
Progress = Callable[[int, str], None]


class WorkerError(Exception):
    """A freezing process failed; the message is what it reported."""


# --- The new folder -------------------------------------------------------------------------

def new_build_folder(out: Path, current: dict[str, tuple[str, int]], recycle: bool,
                     also_kept: dict[str, int] | None = None,
                     previous: FolderListing | None = None) -> tuple[Path, dict[str, str]]:
    """A temporary folder beside ``out`` for the new build, holding the last build's files of
    the ``current`` URLs (hard links: see :meth:`sitegen.buildstate.Rebuild.current_files`);
    return it, with the URLs whose files it holds and their paths.

    With ``recycle``, the folder starts as the build before last (see :func:`_recycle`;
    listed by ``find`` if ``previous`` was started, else here), which keeps its files of
    ``also_kept`` too (paths and inodes of files of ``out`` that the build may take over
    whole: the search index's bundles)."""
    folder = temporary_folder(out)
    try:  # (a Ctrl+C as it is made: the caller has no folder to remove)
        kept: set[str] = set()
        staging = staging_folder(out)
        if recycle and is_generated(staging):
            wanted = {path: inode for path, inode in current.values()}
            listing = previous.result() if previous is not None else list_folder(staging)
            kept = _recycle(staging, listing, folder, {**(also_kept or {}), **wanted})
        mark(folder, out)
        paths = {url: path for url, (path, _) in current.items()}
        present = kept | set(link_files(out, folder, [path for path in paths.values()
                                                      if path not in kept]))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, {url: path for url, path in paths.items() if path in present}


def _recycle(staging: Path, listing: Listing, folder: Path, wanted: dict[str, int]) -> set[str]:
    """Turn the build before last (``staging``, whose files and subfolders ``listing`` has)
    into the start of a new one at ``folder``: keep its files that are the very files (same
    inode) that the new build takes over from ``out`` (``wanted``: paths and inodes), delete
    everything else, and the folders left empty (creating every folder anew costs more than
    keeping it; a post is a folder). Returns the paths kept.

    No file that stays is ever written: the build writes only paths deleted here or new
    (the search bundles it does not take over are removed by
    :func:`sitegen.search.start_index` before Pagefind writes)."""
    os.rename(staging, folder)  # (``folder`` is a new, empty folder: it is replaced)
    kept = {path for path, inode in listing.files.items()
            if wanted.get(path) == inode or path == MARKER}  # (a killed build leaves it marked)
    keeping: set[str] = set()  # the folders that keep a file
    for path in kept:
        parent = posixpath.dirname(path)
        while parent and parent not in keeping:
            keeping.add(parent)
            parent = posixpath.dirname(parent)
    for path in listing.files.keys() - kept:
        os.unlink(os.path.join(folder, path))
    # (deepest first: a folder's path is longer than its parent's)
    for path in sorted((path for path in listing.folders if path not in keeping),
                       key=len, reverse=True):
        try:
            os.rmdir(os.path.join(folder, path))
        except OSError:
            pass  # (not ours to remove)
    return kept


def output_path(url: str) -> str:
    """The file Frozen-Flask writes for ``url``, relative to the build folder:
    ``/x/`` -> ``x/index.html``, ``/x.png`` -> ``x.png`` (Unicode in NFC form, as it
    writes it)."""
    return normalize("NFC", _URL_PATHS.urlpath_to_filepath(url))


_URL_PATHS = Freezer()  # (an app-less freezer: its URL-to-file mapping is all that is used)


def frozen_urls(app: Flask, generator: Callable[[], Iterable[str]]) -> list[str]:
    """Every URL that ``generator`` gives for ``app``, as Frozen-Flask will freeze them."""
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False,
                      log_url_for=False)
    freezer.register_generator(generator)
    return list(dict.fromkeys(freezer.all_urls()))


def frozen_page(app: Flask, url: str) -> bytes | None:
    """What Frozen-Flask would write for ``url`` of ``app``, asked as it asks (None if it
    would not write it as it is: any answer but 200, or an error, which freezing reports)."""
    config = app.config
    if config.get("FREEZER_RELATIVE_URLS"):
        return None
    try:
        response = app.test_client().get(
            url, base_url=config.get("FREEZER_BASE_URL"),
            follow_redirects=config.get("FREEZER_REDIRECT_POLICY", "follow") == "follow")
    except Exception:  # (whatever a view raises: freezing the URL raises it again)
        return None
    with response:
        return response.data if response.status_code == 200 else None


def is_page(url: str) -> bool:
    """Whether ``url`` is written as an HTML file (``/x/`` -> ``x/index.html``)."""
    return url.endswith(("/", ".html"))


# --- Freezing -------------------------------------------------------------------------------

_PARALLEL_THRESHOLD = 400
_CHUNK = 40  # URLs per task: small enough to balance the workers, large enough to be cheap


def freeze(app: Flask, folder: Path, urls: list[str],
           pages_written: Callable[[list[FrozenUrl]], None], workers: int,
           progress: Progress | None, lock_fd: int,
           chunk_frozen: Callable[[list[FrozenUrl]], None] | None = None) -> list[FrozenUrl]:
    """Freeze ``urls`` of ``app`` into ``folder`` with Frozen-Flask; return what each wrote
    and read. The HTML pages come first: ``pages_written`` is given what they wrote as soon
    as they are all written (the search index starts then). Frozen by processes,
    ``chunk_frozen`` is given what each chunk of URLs wrote, as it comes back, while they
    freeze the next ones.

    Large sites are frozen by ``workers`` forked processes of the same loaded app, which take
    chunks of URLs in turn, so both cores work and the output is the same as one process's.
    Frozen-Flask's warnings are errors here: a page that is missing, redirects or has the
    wrong type must not be published silently. Exceptions from views propagate as they are.
    """
    app.config["FREEZER_DESTINATION"] = str(folder)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    # The folder holds only what this build keeps, and it is written in parts (and by
    # several processes).
    app.config["FREEZER_REMOVE_EXTRA_FILES"] = False
    for url in urls:  # a file is written new, never through a link to build/'s own
        target = folder / output_path(url)
        if os.path.lexists(target):
            os.unlink(target)
    pages = [url for url in urls if is_page(url)]
    others = [url for url in urls if not is_page(url)]
    freezer = SharedFreezer(app)
    if workers > 1 and len(urls) >= _PARALLEL_THRESHOLD:
        return _freeze_in_processes(freezer, pages, others, pages_written, workers, progress,
                                    lock_fd, chunk_frozen)
    frozen = _freeze_share(freezer, pages, progress)
    pages_written(frozen)
    return frozen + _freeze_share(freezer, others, progress, len(pages))


class SharedFreezer:
    """One Frozen-Flask freezer of ``app``, that freezes one share of the URLs at a time:
    its one URL generator yields :attr:`urls`."""

    def __init__(self, app: Flask):
        self.app = app
        self.urls: list[str] = []
        self.freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False,
                               log_url_for=False)
        self.freezer.register_generator(lambda: self.urls)


def _freeze_share(shared: SharedFreezer, urls: list[str], progress: Progress | None,
                  done: int = 0) -> list[FrozenUrl]:
    """Freeze ``urls``; return what each wrote and read (see
    :class:`sitegen.buildstate.ReadLog`). ``progress`` is told the count of URLs written,
    after the ``done`` ones before these."""
    shared.urls = urls
    freezer, app = shared.freezer, shared.app
    reads = app.extensions["sitegen"].reads
    destination = Path(app.config["FREEZER_DESTINATION"])
    frozen = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        # An endpoint with nothing to publish (no categories yet) is fine.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        reads.take()  # (what was read before the first URL is not its)
        reads.take_templates()
        try:
            for count, page in enumerate(freezer.freeze_yield(), start=done + 1):
                frozen.append(FrozenUrl(page.url, page.path.as_posix(), reads.take(),
                                        file_stamp(destination / page.path),
                                        reads.take_templates()))
                if progress:
                    progress(count, page.url)
        except (OSError, AuthorError):
            raise
        except Exception as error:
            author_error = hooks_freeze_error(error, app)
            if author_error is None:
                raise
            raise author_error from None
    return frozen


def hooks_freeze_error(error: Exception, app: Flask) -> AuthorError | None:
    """An exception raised while freezing, as a mistake of the site's hooks.py if it is one:
    its code raised it, or a URL its ``frozen_urls`` gives could not be published (a 404,
    a redirect, a type that does not match its name)."""
    state = app.extensions["sitegen"]
    found = raised_in_hooks(error, state.root)
    if found is not None:
        return found
    message = str(error)
    url = next((url for url in state.hook_urls
                if f"URL {url}" in message or f"'{posixpath.basename(url.rstrip('/'))}'"
                in message), None)
    if url is None:
        return None
    return AuthorError(state.root / HOOKS_FILE, f"frozen_urls gives {url}, which cannot be "
                       f"published: {message}", hint="make its route answer with a page (not "
                       "a 404 or a redirect) and, for a URL with a file name, a response of "
                       "that type: Response(text, mimetype=\"text/plain\") for .txt")


_shared: tuple[SharedFreezer, list[str]] | None = None  # (what forked workers freeze)


def _freeze_chunk(bounds: tuple[int, int]) -> tuple[list[FrozenUrl], Pending] | str:
    """Freeze ``urls[start:stop]`` in a forked process; return what each URL wrote and read,
    and the cache's writes held back for the parent. Errors come back as text to re-raise."""
    assert _shared is not None
    freezer, urls = _shared
    try:
        frozen = _freeze_share(freezer, urls[bounds[0]:bounds[1]], None)
        return frozen, freezer.app.extensions["sitegen"].cache.take_pending()
    except OSError as error:  # (a full disk...: the parent says so)
        return "oserror:" + "\0".join((str(error.errno or 0), error.strerror or str(error),
                                         str(error.filename or "")))
    except Exception as error:  # sent back to the parent, which reports it once
        author_error = error if isinstance(error, AuthorError) else template_error(error)
        if author_error is not None:
            return "author:" + "\0".join((author_error.path or "", str(author_error.line or ""),
                                           author_error.message, author_error.hint or ""))
        return "bug:" + "".join(traceback.format_exception(error))


def _worker_setup(lock_fd: int) -> None:
    die_with_parent()
    os.close(lock_fd)


def _freeze_in_processes(freezer: SharedFreezer, pages: list[str], others: list[str],
                         pages_written: Callable[[list[FrozenUrl]], None], workers: int,
                         progress: Progress | None, lock_fd: int,
                         chunk_frozen: Callable[[list[FrozenUrl]], None] | None,
                         ) -> list[FrozenUrl]:
    """Freeze the URLs in ``workers`` forked processes that take small chunks in turn, so a
    run of slow URLs (images) does not leave one core idle while the other works. Calls
    ``pages_written`` with what they wrote as soon as every URL of ``pages`` is written, and
    ``chunk_frozen`` with what each chunk wrote."""
    global _shared
    urls = pages + others
    _shared = (freezer, urls)
    chunks = [(start, min(start + _CHUNK, stop))
              for begin, stop in ((0, len(pages)), (len(pages), len(urls)))
              for start in range(begin, stop, _CHUNK)]
    frozen: list[FrozenUrl] = []
    if not pages:
        pages_written([])
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_setup, initargs=(lock_fd,)) as pool:
            for bounds, result in zip(chunks, pool.imap(_freeze_chunk, chunks), strict=True):
                chunk = _chunk_result(result, freezer.app)
                frozen += chunk
                if chunk_frozen:
                    chunk_frozen(chunk)
                if progress:
                    for position in range(bounds[0], bounds[1]):
                        progress(position + 1, urls[position])
                if bounds[1] == len(pages):
                    pages_written(list(frozen))
    finally:
        _shared = None
    return frozen


def _chunk_result(result: tuple[list[FrozenUrl], Pending] | str, app: Flask) -> list[FrozenUrl]:
    """What a worker froze (its cache writes are made here), or its error raised."""
    if isinstance(result, str) and result.startswith("author:"):
        path, line, message, hint = result[len("author:"):].split("\0")
        raise AuthorError(path, message, line=int(line) if line else None, hint=hint or None)
    if isinstance(result, str) and result.startswith("oserror:"):
        number, message, filename = result[len("oserror:"):].split("\0")
        raise OSError(int(number), message, filename or None)
    if isinstance(result, str):
        raise WorkerError(result[len("bug:"):])
    frozen, pending = result
    app.extensions["sitegen"].cache.put_pending(pending)
    return frozen


# --- The swap -------------------------------------------------------------------------------

def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths with Linux's renameat2(RENAME_EXCHANGE); False if unsupported."""
    # (the interpreter's own libc: find_library would run ldconfig on every build)
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                       _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_in(new: Path, out: Path) -> None:
    """Make ``new`` the ``out`` folder; the old one is kept as :func:`staging_folder`.

    The build has started from the staging folder or is deleting it (see
    :class:`sitegen.output.Removals`): none is there but one made since."""
    os.chmod(new, 0o755)
    staging = staging_folder(out)
    remove(staging)  # (only the generator's: see sitegen.output.check_output_folder)
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        os.rename(new, staging)
        return
    os.rename(out, staging)
    os.rename(new, out)


def _through_templates(error: BaseException) -> bool:
    """Whether ``error``'s traceback runs through a compiled template (Jinja names their
    code after the template, ``<template>`` or a file of templates/)."""
    frames = traceback.extract_tb(error.__traceback__)
    return any(frame.filename.endswith(".html") or frame.filename == "<template>"
               for frame in frames[-50:])


def template_error(error: Exception) -> AuthorError | None:
    """Turn a Jinja template mistake into an author error naming the template and line
    (a recursion is the templates' only if it went through Jinja's templates: another is
    the engine's own, and stays an exception)."""
    if isinstance(error, RecursionError) and _through_templates(error):
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
