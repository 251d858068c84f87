"""Files shared between build folders as hard links: a file reused is written once, ever."""
from __future__ import annotations

import os
from collections.abc import Iterable
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
