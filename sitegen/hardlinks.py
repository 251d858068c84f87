"""Files shared between build folders as hard links: a file reused is written once, ever."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def link_files(source: Path, target: Path, paths: Iterable[str]) -> list[str]:
    """Hard-link each of ``paths`` (relative) from ``source`` into ``target``, making the
    folders they need; return those linked (one that cannot be is left out)."""
    linked = []
    made: set[str] = set()
    for path in paths:
        link = os.path.join(target, path)
        parent = os.path.dirname(link)
        try:
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            os.link(os.path.join(source, path), link)
        except OSError:
            continue
        linked.append(path)
    return linked


def link_same_files(source: Path | str, target: Path | str,
                    stamps: Mapping[str, Sequence[int]]) -> bool:
    """Hard-link each path of ``stamps`` (relative) from ``source`` into ``target``; return
    whether every one was linked and is the file its stamp names (inode, size and
    modification time in ns, as :func:`sitegen.fingerprint.file_stamp` takes them)."""
    if len(link_files(Path(source), Path(target), stamps)) < len(stamps):
        return False
    for path, stamp in stamps.items():
        linked = os.lstat(os.path.join(target, path))
        if (linked.st_ino, linked.st_size, linked.st_mtime_ns) != tuple(stamp):
            return False
    return True
