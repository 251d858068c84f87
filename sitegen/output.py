"""Where a build may write, so that the generator never deletes or replaces a folder it did
not write.

Every folder a build writes (the new build, the previous one kept beside it, a temporary one)
carries a marker file, :data:`MARKER`. Before anything is written, :func:`check_output_folder`
refuses an output folder that is, contains or lies inside the project's inputs, and an
existing folder without the marker (a folder of the author's, given to ``--out`` by
mistake). ``clean`` and the build remove only folders that carry the marker.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType

from sitegen.errors import AuthorError

MARKER = ".sitegen-build"
MARKER_TEXT = ("This folder was written by `python site.py build`, which replaces it on the "
               "next build.\nWithout this file, the build refuses to replace the folder.\n")


def mark(folder: Path, last: Path) -> None:
    """Mark ``folder`` as written by the generator, with the marker of the ``last`` build if
    it has one (a hard link: like every unchanged file, the very same file)."""
    target, new = folder / MARKER, folder / f"{MARKER}.new"
    try:
        if os.path.samefile(target, last / MARKER):
            return  # (a recycled folder: see sitegen.build.new_build_folder)
    except OSError:
        pass
    try:
        os.link(last / MARKER, new)
    except OSError:
        new.write_text(MARKER_TEXT, encoding="utf-8")
    os.replace(new, target)


def is_generated(folder: Path) -> bool:
    """Whether ``folder`` is a folder the generator wrote (it holds the marker file)."""
    try:
        return stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def is_empty_folder(folder: Path) -> bool:
    """Whether ``folder`` is a folder with nothing in it (not a link to one)."""
    try:
        return not os.path.islink(folder) and folder.is_dir() and not any(folder.iterdir())
    except OSError:
        return False


def may_replace(folder: Path) -> bool:
    """Whether a build may delete or replace ``folder``: it is missing, empty, or the
    generator's."""
    return not os.path.lexists(folder) or is_empty_folder(folder) or is_generated(folder)


def staging_folder(out: Path) -> Path:
    """Where the build that ``out`` replaced is kept, to be the next build's starting point."""
    return out.parent / f".{out.name}-previous"


def lock_file(out: Path) -> Path:
    """The file a build into ``out`` holds locked while it runs."""
    return out.parent / f".{out.name}.lock"


def remove(folder: Path) -> bool:
    """Delete ``folder`` if the generator wrote it (or it is empty); whether it is gone."""
    if not may_replace(folder):
        return False
    if os.path.lexists(folder):
        shutil.rmtree(folder, ignore_errors=True)
    return not os.path.lexists(folder)


def temporary_folder(out: Path, kind: str = "") -> Path:
    """A new, empty folder beside ``out``, for a build into ``out`` (of the ``kind`` its name
    says); if that build is killed, the next one deletes it (see :func:`leftover_folders`)."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-tmp-{kind}", dir=out.parent))


def leftover_folders(out: Path) -> list[Path]:
    """The temporary folders beside ``out`` (see :func:`temporary_folder`): while no build
    into ``out`` runs, those left by a build that was killed."""
    return list(out.parent.glob(f".{out.name}-tmp-*"))


def remove_leftovers(out: Path) -> None:
    """Delete the temporary folders left beside ``out`` by a build that was killed."""
    for leftover in leftover_folders(out):
        remove(leftover)


class Removals:
    """Folders of the generator's deleted while a build runs, each moved aside first (under
    a temporary name beside ``out``: a build killed meanwhile leaves it for the next one's
    :meth:`leftovers`), by ``rm -rf`` (a build before last of 10,000 posts takes 5 s to
    delete: the file system's time, which Python's own deletion would spend holding the
    interpreter). Used as a context manager, which waits for every deletion at its end."""

    def __init__(self, out: Path):
        self.out = out
        self._processes: list[tuple[subprocess.Popen[bytes], Path]] = []
        self._threads: list[threading.Thread] = []

    def start(self, folder: Path) -> None:
        """Start deleting ``folder``, if it is there and the generator's (see
        :func:`may_replace`); it is gone from its place at once."""
        if not os.path.lexists(folder) or not may_replace(folder):
            return
        aside = temporary_folder(self.out)
        os.rename(folder, aside)  # (``aside`` is a new, empty folder: it is replaced)
        try:
            self._processes.append((subprocess.Popen(
                ["rm", "-rf", "--", str(aside)], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), aside))
        except OSError:  # (no rm: Python deletes it, in a thread)
            thread = threading.Thread(target=shutil.rmtree, args=(aside,),
                                      kwargs={"ignore_errors": True}, name="remove-folder")
            thread.start()
            self._threads.append(thread)

    def leftovers(self) -> None:
        """Start deleting the temporary folders left beside ``out`` by a build that was
        killed."""
        for leftover in leftover_folders(self.out):
            self.start(leftover)

    def wait(self, finish: bool = True) -> None:
        """Wait until every folder started is deleted; ``finish`` what ``rm`` could not
        delete (not after Ctrl-C, which stops ``rm`` too: the next build deletes the rest)."""
        for process, folder in self._processes:
            if process.wait() != 0 and finish:
                shutil.rmtree(folder, ignore_errors=True)
        for thread in self._threads:
            thread.join()
        self._processes, self._threads = [], []

    def __enter__(self) -> Removals:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.wait(finish=not isinstance(error, KeyboardInterrupt))


def is_site_folder(root: Path) -> bool:
    """Whether ``root`` is a site's folder (it has site.toml or content/): the build
    command refuses any other, and writes nothing for it."""
    return (root / "site.toml").is_file() or (root / "content").is_dir()


def project_inputs(root: Path, theme: Path) -> list[Path]:
    """What a build of ``root`` reads: the site's content, settings, templates and static
    files, its cache and version control, and the theme's and engine's own files."""
    return [root / "content", root / "site.toml", root / "templates", root / "static",
            root / ".cache", root / ".git", theme / "content", theme / "templates",
            theme / "static", theme / "sitegen", theme / "site.py", theme / "tests",
            theme / ".git"]


def check_output_folder(out: Path, root: Path, theme: Path) -> None:
    """Raise :class:`AuthorError` unless a build of ``root`` may write to ``out`` (resolved
    paths): ``out`` must not be, contain or lie inside an input, and an existing ``out`` must
    be a folder this generator wrote (or empty)."""
    how = "give --out a new or empty folder, such as the default build/ beside site.toml"
    for source in project_inputs(root, theme):
        if out == source or source.is_relative_to(out) or out.is_relative_to(source):
            relation = ("is" if out == source else "contains" if source.is_relative_to(out)
                        else "lies inside")
            raise AuthorError(out, f"the output folder {relation} {source}, which the build "
                                   "reads; building there would replace it", hint=how)
    if os.path.lexists(out) and not os.path.isdir(out):
        raise AuthorError(out, "the output folder is a file, not a folder", hint=how)
    for folder in (out, staging_folder(out)):
        if not may_replace(folder):
            raise AuthorError(folder, f"this folder exists and was not written by this "
                                      f"generator (it has no {MARKER} file), and a build "
                                      "would replace it: it refuses to",
                              hint=f"{how}, or move this folder away yourself if it is an "
                                   "old build")
