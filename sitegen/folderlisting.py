"""What is in the build folders, listed by GNU ``find`` in a process of its own while the
build works.

A rebuild reuses the last build's files whose stamps are the ones it recorded (see
:meth:`sitegen.buildstate.Rebuild.current_files`), and starts from the build before last
(see :func:`sitegen.build.new_build_folder`), whose every file it must know. At 10,000
posts each folder holds 34,000 files in 17,000 subfolders. On a file system whose cache is
cold, looking at them takes the disk's time: 0.4 to 1.8 s for the subfolders alone. ``find``
looks on the other core while the site loads, and the build reads its answers
(:class:`FolderListing`, :class:`FileStamps`). Without GNU ``find``, the build looks
itself (:func:`list_folder`, :func:`~sitegen.fingerprint.file_stamp`).
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self

from sitegen.fingerprint import FileStamp


class Listing(NamedTuple):
    """The files under a folder (paths relative to it, by inode), and its subfolders."""

    files: dict[str, int]
    folders: list[str]


def list_folder(folder: Path) -> Listing:
    """The files and subfolders under ``folder``, looked at in this process (a link is a
    file: it is not followed)."""
    files: dict[str, int] = {}
    folders: list[str] = []

    def add(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(prefix + entry.name)
                    add(entry.path, f"{prefix}{entry.name}/")
                else:
                    files[prefix + entry.name] = entry.inode()

    add(str(folder), "")
    return Listing(files, folders)


class Find:
    """GNU ``find`` listing ``folder`` (not the folder itself) as ``printf`` says, with the
    ``tests`` given, from the moment this object is made. Its answer goes to a temporary
    file: a pipe would stop ``find`` until the build reads it. Used as a context manager,
    which stops ``find`` if it still runs."""

    def __init__(self, folder: Path, printf: str, tests: tuple[str, ...] = ()):
        self.folder = folder
        self._answer = tempfile.TemporaryFile()
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["find", str(folder), "-mindepth", "1", *tests, "-printf", printf],
                stdin=subprocess.DEVNULL, stdout=self._answer, stderr=subprocess.DEVNULL)
        except OSError:
            self._process = None  # (no find: the build looks itself)

    def lines(self) -> list[str] | None:
        """Each line of the answer (``printf`` ends each with a NUL), once ``find`` is done;
        None if it could not list the folder (it is missing, or ``find`` is not GNU's)."""
        if self._process is None or self._process.wait() != 0:
            return None
        self._answer.seek(0)
        return os.fsdecode(self._answer.read()).split("\0")[:-1]

    def close(self) -> None:
        """Stop ``find`` if it still runs, and delete its answer."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._answer.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class FolderListing(Find):
    """The listing of ``folder`` (see :class:`Listing`), made by ``find``."""

    def __init__(self, folder: Path):
        super().__init__(folder, r"%y %i %P\0")

    def result(self) -> Listing:
        """The listing; looked at in this process if ``find`` could not list the folder."""
        lines = self.lines()
        if lines is None:
            return list_folder(self.folder)
        files: dict[str, int] = {}
        folders: list[str] = []
        for line in lines:
            kind, inode, path = line.split(" ", 2)
            if kind == "d":
                folders.append(path)
            else:
                files[path] = int(inode)
        return Listing(files, folders)


class FileStamps(Find):
    """The stamps (see :func:`~sitegen.fingerprint.file_stamp`) of the files under
    ``folder`` but those in its subfolder ``leave_out``, by path, made by ``find``."""

    def __init__(self, folder: Path, leave_out: str):
        super().__init__(folder, r"%i %s %T@ %P\0",
                         ("-path", str(folder / leave_out), "-prune", "-o", "!", "-type", "d"))

    def result(self) -> dict[str, FileStamp] | None:
        """The stamps, by path; None if ``find`` could not list the folder."""
        lines = self.lines()
        if lines is None:
            return None
        stamps: dict[str, FileStamp] = {}
        for line in lines:
            inode, size, modified, path = line.split(" ", 3)
            seconds, _, fraction = modified.partition(".")  # (to the nanosecond)
            stamps[path] = (int(inode), int(size),
                            int(seconds) * 1_000_000_000 + int(fraction.ljust(9, "0")[:9]))
        return stamps
