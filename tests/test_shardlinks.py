"""The child that links a search shard's pages before it becomes Pagefind
(``sitegen/shardlinks.py``, run as the build runs it)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sitegen.fingerprint import file_stamp
from sitegen.shardlinks import LINKED

SCRIPT = Path(__file__).resolve().parents[1] / "sitegen" / "shardlinks.py"


def run_links(tmp_path: Path, pages: dict[str, tuple[int, int, int]], *,
              parent: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """The script, as the build starts it, linking ``pages`` (by path, with the stamp each
    must have) from ``tmp_path/build`` into ``tmp_path/site``; then "Pagefind" (``echo``)."""
    links = tmp_path / "links.json"
    links.write_text(json.dumps({"from": str(tmp_path / "build"), "to": str(tmp_path / "site"),
                                 "pages": pages}))
    return subprocess.run([sys.executable, "-I", "-S", str(SCRIPT),
                           str(os.getpid() if parent is None else parent), str(links),
                           "/bin/echo", "pagefind runs"], capture_output=True, timeout=30)


def write_build(tmp_path: Path) -> dict[str, tuple[int, int, int]]:
    """Three pages of a build, by path, with their stamps."""
    pages = {}
    for path in ("index.html", "posts/a/index.html", "posts/b/index.html"):
        page = tmp_path / "build" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<p>{path}</p>")
        pages[path] = file_stamp(page)
    return pages


def test_the_pages_are_linked_then_pagefind_runs(tmp_path: Path) -> None:
    """Each page is linked at its path (the very file: the same inode), the script says so,
    and then it is Pagefind."""
    pages = write_build(tmp_path)
    result = run_links(tmp_path, pages)
    assert result.returncode == 0, result.stderr
    assert result.stdout == LINKED + b"pagefind runs\n"
    for path, stamp in pages.items():
        assert file_stamp(tmp_path / "site" / path) == stamp


def test_a_page_that_is_not_the_file_indexed_stops_it_before_pagefind(tmp_path: Path) -> None:
    """A page replaced since it was indexed (another inode, size or time) is not the page the
    last index holds: the script exits with status 1, says nothing, and Pagefind never
    starts."""
    pages = write_build(tmp_path)
    page = tmp_path / "build" / "posts/b/index.html"
    page.unlink()
    page.write_text("<p>replaced</p>")
    result = run_links(tmp_path, pages)
    assert result.returncode == 1 and result.stdout == b""


def test_a_missing_page_or_a_parent_gone_stops_it_before_pagefind(tmp_path: Path) -> None:
    """A page that is gone cannot be linked; a parent that is not the build's (the build
    ended before the script started) leaves nothing to index for."""
    pages = write_build(tmp_path)
    result = run_links(tmp_path, pages, parent=os.getpid() + 1_000_000)
    assert result.returncode == 1 and result.stdout == b""
    assert not (tmp_path / "site").exists()
    result = run_links(tmp_path, {**pages, "posts/c/index.html": (1, 2, 3)})
    assert result.returncode == 1 and result.stdout == b""
