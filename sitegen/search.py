"""Full-text search: a Pagefind index built from the frozen pages (the PyPI package ships the binary)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind could not index the build."""


def index_site(folder: Path) -> None:
    """Write Pagefind's index and client into ``folder/pagefind/``.

    Only elements marked ``data-pagefind-body`` (posts, pages, docs) are indexed, and only
    published pages exist in ``folder``, so drafts are never searchable.
    """
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"],
        capture_output=True, text=True, check=False,
    )
    output = (result.stderr or result.stdout).strip()
    if result.returncode != 0 and "not able to build an index" not in output:
        raise SearchIndexError(output)  # (a site with no text to index has no index: fine)
    # Our search page uses Pagefind's API only: drop its unused UI bundles.
    for unused in folder.glob("pagefind/pagefind-*ui.*"):
        unused.unlink()
    (folder / "pagefind" / "pagefind-highlight.js").unlink(missing_ok=True)
