"""Helpers shared by the tests: fixture sites in temporary folders, built like an author would."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from sitemodule import PROJECT, SITE_PY, load_site_module
from sitemodule import snapshot as snapshot  # (the tests take it from here)

site_app = load_site_module()

DEFAULT_CONFIG = """\
title = "Test Site"
description = "A site for tests"
base_url = "https://example.org/"
author = "Tess Ter"
timezone = "UTC"
posts_per_page = 5
"""


def write_site(root: Path, files: dict[str, str | bytes],
               config: str | None = DEFAULT_CONFIG) -> Path:
    """Write a fixture site: ``files`` maps paths under ``root`` to text (dedented) or bytes."""
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "site.toml").write_text(config, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def copy_demo_site(root: Path) -> Path:
    """Write the demo site as committed (``content/`` and ``site.toml`` at git HEAD) into
    ``root`` and return it, for the tests that build or preview the demo site.

    The repository's content/ is also its author's working copy: a draft, a half-done edit or
    a new post with a link still to fix must never make ``make test`` fail, so these tests
    read the last commit, never the working tree. Outside a git checkout (a release tarball)
    there is nothing committed to read, and the working tree's files are copied instead.
    """
    root.mkdir(parents=True, exist_ok=True)
    if not (PROJECT / ".git").exists():
        shutil.copytree(PROJECT / "content", root / "content", symlinks=True)
        shutil.copy2(PROJECT / "site.toml", root / "site.toml")
        return root
    with subprocess.Popen(["git", "-C", str(PROJECT), "archive", "HEAD", "content",
                           "site.toml"], stdout=subprocess.PIPE) as archive:
        untar = subprocess.run(["tar", "-x", "-C", str(root)], stdin=archive.stdout,
                               capture_output=True, text=True, check=False)
    assert archive.returncode == 0, "git archive HEAD content site.toml failed"
    assert untar.returncode == 0, untar.stderr
    return root


def run_site(*args: str | Path, cwd: Path | None = None, timeout: float = 120,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python site.py ARGS`` as an author would, capturing its output (with ``env``
    added to the environment)."""
    return subprocess.run(
        [sys.executable, str(SITE_PY), *map(str, args)],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or PROJECT,
        env={**os.environ, **env} if env else None,
    )


def build(root: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    """``python site.py build --root ROOT``; output goes to ``ROOT/build``."""
    return run_site("build", "--root", root, *extra)


def build_ok(root: Path, *extra: str | Path) -> Path:
    """Build and assert success; return the build folder."""
    result = build(root, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return root / "build"


def built_page(out: Path, url: str) -> BeautifulSoup:
    """The page at site path ``url`` (``/x/`` or ``/x.html``) of the build in ``out``."""
    path = out / url.strip("/")
    path = path if url.endswith(".html") else path / "index.html"
    assert path.is_file(), f"{url} was not built"
    return soup(path)


def build_fixture(root: Path, files: dict[str, str | bytes],
                  config: str) -> tuple[Path, str]:
    """Write a fixture site at ``root`` and build it; its build folder and the warnings the
    build printed (it must succeed, without a traceback)."""
    result = build(write_site(root, files, config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return root / "build", result.stderr


def soup(path: Path) -> BeautifulSoup:
    """Parse an HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@contextmanager
def dev_server(root: Path) -> Iterator[int]:
    """Run ``python site.py serve`` for ``root`` on a free loopback port; yield the port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    log = tempfile.TemporaryFile()  # (a pipe nobody reads would stop the server when full)
    process = subprocess.Popen([sys.executable, str(SITE_PY), "serve", "--root", str(root),
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


# Debian's Chromium as the browser tests drive it (never a downloaded browser).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright, for one test module (the browser tests skip
    themselves where it is missing)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a fixture site into a fresh temporary folder and return its root."""
    def make(files: dict[str, str | bytes], config: str | None = DEFAULT_CONFIG) -> Path:
        return write_site(tmp_path / "site", files, config)
    return make
