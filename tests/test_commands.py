"""The author's commands: new, check, deploy, and the Makefile around them."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, build_ok, run_site, soup, write_site
from sitegen.output import MARKER

SITE = {
    "content/posts/first.md":
        "---\ntitle: First\ndate: 2024-01-01\n---\nHello [about](../about.md).\n",
    "content/about.md": "---\ntitle: About\nsummary: About this site.\n---\nAbout.\n",
}


def test_new_writes_a_dated_draft_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", SITE)
    result = run_site("new", "--root", root, 'Ünïcode & "quotes": a post')
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == root / "content/posts/ünïcode-quotes-a-post.md"
    text = path.read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text
    assert "draft: true" in text
    path.write_text(text + "\nMy own words.\n", encoding="utf-8")
    again = run_site("new", "--root", root, 'Ünïcode & "quotes": a post')
    assert again.returncode != 0
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("My own words.\n")
    # The draft builds (title survives YAML quoting) but is not published.
    out = build_ok(root)
    assert not (out / "posts/ünïcode-quotes-a-post").exists()
    client = __import__("conftest").site_app.create_app(root, preview=True).test_client()
    page = client.get("/posts/ünïcode-quotes-a-post/")
    assert soup_text(page.get_data(as_text=True), "h1") == 'Ünïcode & "quotes": a post'


def soup_text(html: str, selector: str) -> str:
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser").select_one(selector).get_text()


def test_check_passes_on_a_good_site(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", SITE)
    result = run_site("check", "--root", root)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_check_lists_broken_links_and_missing_descriptions(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        **SITE,
        # A page template of the author's own, without <title> or description.
        "templates/page.html": """
            <!doctype html><html lang="en"><head><meta charset="utf-8"></head>
            <body><a href="{{ href('/nowhere/') }}">x</a><a href="#nope">y</a></body></html>
            """,
    }, config='title = "T"\nbase_url = "https://example.org/"\n')
    result = run_site("check", "--root", root)
    assert result.returncode != 0
    assert "about/index.html: broken link /nowhere/" in result.stderr
    assert "about/index.html: link to missing anchor #nope" in result.stderr
    assert "about/index.html: page has no <title>" in result.stderr
    assert "about/index.html: page has no meta description" in result.stderr
    assert "posts/first/index.html" not in result.stderr  # the theme's pages are fine


def test_deploy_mirrors_build_and_keeps_host_files(tmp_path: Path) -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is missing: .ci/run installs it")
        pytest.skip("rsync is not installed (apt-get install rsync); deploy test skipped")
    root = write_site(tmp_path / "site", SITE)
    out = build_ok(root)
    target = tmp_path / "www"
    target.mkdir()
    (target / "CNAME").write_text("example.org\n")
    (target / ".nojekyll").write_text("")
    (target / "stale.html").write_text("old")
    result = run_site("deploy", "--root", root, "--target", f"{target}/")
    assert result.returncode == 0, result.stderr
    assert (target / "CNAME").read_text() == "example.org\n"
    assert (target / ".nojekyll").exists()
    assert not (target / "stale.html").exists()
    built = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()
                   and p.name != MARKER)  # (the build's marker is not published)
    assert (out / MARKER).is_file() and not (target / MARKER).exists()
    deployed = sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()
                      and p.name not in ("CNAME", ".nojekyll"))
    assert built == deployed
    assert soup(target / "posts/first/index.html").h1.get_text() == "First"


def test_deploy_without_a_build_says_so(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", SITE)
    result = run_site("deploy", "--root", root, "--target", str(tmp_path / "www"))
    assert result.returncode != 0 and "make build" in result.stderr


def test_makefile_new_requires_a_title() -> None:
    import subprocess
    result = subprocess.run(["make", "-s", "new"], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode != 0 and 'TITLE="My post"' in result.stdout


def test_clean_removes_the_builds_of_any_output_folder_and_the_caches(tmp_path: Path) -> None:
    """Two builds into --out leave the output, the build before it (.NAME-previous) and the
    caches: `clean --out` removes all three, and the sources stay."""
    root = write_site(tmp_path / "site", SITE)
    out = tmp_path / "public"
    for body in ("Hello.", "Hello again."):
        (root / "content/about.md").write_text(f"---\ntitle: About\n---\n{body}\n")
        result = run_site("build", "--root", root, "--out", out)
        assert result.returncode == 0, result.stderr
    previous = tmp_path / ".public-previous"
    assert (out / "index.html").is_file() and previous.is_dir() and (root / ".cache").is_dir()
    leftover = tmp_path / ".public-tmp-killed"  # what a killed build leaves
    leftover.mkdir()
    result = run_site("clean", "--root", root, "--out", out)
    assert result.returncode == 0, result.stderr
    assert not out.exists() and not previous.exists() and not leftover.exists()
    assert not (root / ".cache").exists()
    assert (root / "content/about.md").is_file()


def test_makefile_compiles_the_engine_once_for_every_build() -> None:
    """Where PYTHONDONTWRITEBYTECODE is set, Python would compile the engine on every build:
    make writes its bytecode, which Python uses as long as each source's time and size
    are the ones the bytecode records."""
    import importlib.util
    import subprocess
    import sys
    result = subprocess.run(["make", "-s", ".venv/.compiled-engine"], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    sources = sorted((PROJECT / "sitegen").glob("*.py"))
    assert len(sources) > 20
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        assert sys.implementation.cache_tag in compiled.name
        header = compiled.read_bytes()[:16]
        stat = source.stat()
        assert int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF, source
        assert int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF, source
