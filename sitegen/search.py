"""Full-text search: a Pagefind index built from the frozen pages (the PyPI package ships the binary).

Pagefind reads only the HTML pages, so it starts as soon as they are written and runs while
the images, feeds and JSON files are still being frozen. Its index is a function of those pages
alone: when they are byte for byte what the previous build indexed, that index is reused.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sitegen.manifest import files_under, output_listing
from sitegen.processes import die_with_parent

RECORD = "search-index.json"


class SearchIndexError(Exception):
    """Pagefind could not index the build."""


def pages_digest(folder: Path) -> str:
    """SHA-256 over the names and bytes of every HTML page in ``folder``: what Pagefind reads."""
    digest = hashlib.sha256()
    for path in files_under(folder):
        if path.suffix == ".html":
            digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


class IndexJob:
    """Pagefind indexing one build folder, started by :func:`start_index`."""

    def __init__(self, folder: Path, digest: str, cache_dir: Path | None,
                 process: subprocess.Popen[str] | None):
        self.folder = folder
        self.digest = digest
        self.cache_dir = cache_dir
        self.process = process

    @property
    def reused(self) -> bool:
        """Whether the previous build's index was reused (no Pagefind run)."""
        return self.process is None

    def wait(self) -> None:
        """Wait for Pagefind, check it succeeded, and drop the bundles our search page does
        not use. Raises :class:`SearchIndexError` with Pagefind's own message."""
        if self.process is not None:
            output, errors = self.process.communicate()
            message = (errors or output).strip()
            # (a site with no text to index has no index: fine)
            if self.process.returncode != 0 and "not able to build an index" not in message:
                raise SearchIndexError(message)
            # Our search page uses Pagefind's API only: drop its unused UI bundles.
            for unused in self.folder.glob("pagefind/pagefind-*ui.*"):
                unused.unlink()
            (self.folder / "pagefind" / "pagefind-highlight.js").unlink(missing_ok=True)
        if self.cache_dir is not None:
            _remember(self.cache_dir, self.digest, self.folder)

    def stop(self) -> None:
        """Stop Pagefind (the build failed)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start_index(folder: Path, previous: Path | None = None,
                cache_dir: Path | None = None) -> IndexJob:
    """Start writing Pagefind's index and client into ``folder/pagefind/``.

    Only elements marked ``data-pagefind-body`` (posts, pages, docs) are indexed, and only
    published pages exist in ``folder``, so drafts are never searchable. If ``previous`` (the
    last build) was indexed from the very same pages, its index is linked in instead.
    """
    digest = pages_digest(folder)
    if previous is not None and cache_dir is not None \
            and _reuse(cache_dir, digest, previous / "pagefind", folder / "pagefind"):
        return IndexJob(folder, digest, cache_dir, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=die_with_parent)  # (the wrapper execs the binary, which keeps this)
    return IndexJob(folder, digest, cache_dir, process)


def _remember(cache_dir: Path, digest: str, folder: Path) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    record = {"pages": digest, "index": output_listing(folder / "pagefind")}
    temporary = cache_dir / (RECORD + ".tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    temporary.replace(cache_dir / RECORD)


def _reuse(cache_dir: Path, digest: str, previous_index: Path, index: Path) -> bool:
    """Hard-link the previous index into ``index`` if it was built from pages with this
    ``digest`` and is still exactly as that build left it."""
    try:
        record = json.loads((cache_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("pages") != digest or not previous_index.is_dir():
        return False
    if record.get("index") != output_listing(previous_index):
        return False
    for path in files_under(previous_index):
        target = index / path.relative_to(previous_index)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
    return True
