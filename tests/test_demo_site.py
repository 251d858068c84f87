"""The default content/ is a real site: it builds, and no internal link is broken.

The demo site is read as committed (``copy_demo_site``): a draft in content/ is no failure.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import copy_demo_site, run_site, soup
from sitegen.preview import RELOAD_SCRIPT


def resolve(out: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = out / path
    return target / "index.html" if url.split("#")[0].endswith("/") or target.is_dir() else target


@pytest.mark.slow
def test_demo_site_builds_without_broken_links(tmp_path: Path) -> None:
    root = copy_demo_site(tmp_path / "site")
    out = tmp_path / "build"
    result = run_site("build", "--root", root, "--out", out)
    assert result.returncode == 0, result.stderr
    pages = list(out.rglob("*.html"))
    assert len(pages) > 20
    docs = {p.parent.name for p in (out / "docs").rglob("index.html")}
    assert {"getting-started", "writing", "front-matter", "configuration", "deploying"} <= docs
    assert len(list((out / "posts").glob("*/index.html"))) >= 3
    reload_script = RELOAD_SCRIPT.split("{url}")[0].encode()
    for path in out.rglob("*"):
        if path.is_file():
            assert reload_script not in path.read_bytes(), f"dev-only reload script in {path}"
    broken = []
    for page in pages:
        html = soup(page)
        ids = {tag["id"] for tag in html.select("[id]")}
        for tag in html.select("a[href], img[src], link[href], script[src]"):
            url = tag.get("href") or tag.get("src")
            if url.startswith(("http://", "https://", "mailto:")):
                continue
            if url.startswith("#"):
                if url[1:] and unquote(url[1:]) not in ids:
                    broken.append(f"{page.relative_to(out)}: {url}")
                continue
            target = resolve(out, url)
            if not target.is_file():
                broken.append(f"{page.relative_to(out)}: {url}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                target_ids = {tag["id"] for tag in soup(target).select("[id]")}
                if unquote(fragment) not in target_ids:
                    broken.append(f"{page.relative_to(out)}: {url}")
    assert broken == []
