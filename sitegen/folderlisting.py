"""The build before last, listed by GNU ``find`` in a process of its own while the site
loads.

A rebuild that reuses most files starts from the build before last (see
:func:`sitegen.build.new_build_folder`), and must know every file of that folder: at 10,000
posts, 34,000 files in 17,000 subfolders. On a file system whose cache is cold, reading the
subfolders takes the disk's time: 0.4 to 1.8 s. ``find`` reads them on the other core while
the site loads, and the build reads its answer (:class:`FolderListing`). Without GNU
``find``, the build looks itself (:func:`list_folder`).
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import NamedTuple


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


class FolderListing:
    """The listing of ``folder`` (see :class:`Listing`), made by GNU ``find`` from the moment
    this object is made. Its answer goes to a temporary file: a pipe would stop ``find``
    until the build reads it. Used as a context manager, which stops ``find`` if it still
    runs."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._answer = tempfile.TemporaryFile()
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["find", str(folder), "-mindepth", "1", "-printf", r"%y %i %P\0"],
                stdin=subprocess.DEVNULL, stdout=self._answer, stderr=subprocess.DEVNULL)
        except OSError:
            self._process = None  # (no find: the build looks itself)

    def result(self) -> Listing:
        """The listing, once ``find`` is done; looked at in this process if ``find`` could
        not list the folder (it is missing, or ``find`` is not GNU's)."""
        if self._process is None or self._process.wait() != 0:
            return list_folder(self.folder)
        self._answer.seek(0)
        files: dict[str, int] = {}
        folders: list[str] = []
        for line in os.fsdecode(self._answer.read()).split("\0")[:-1]:
            kind, inode, path = line.split(" ", 2)
            if kind == "d":
                folders.append(path)
            else:
                files[path] = int(inode)
        return Listing(files, folders)

    def close(self) -> None:
        """Stop ``find`` if it still runs, and delete its answer."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._answer.close()

    def __enter__(self) -> FolderListing:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
