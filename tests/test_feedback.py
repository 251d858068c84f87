"""What the author is told: the build's summary counts the drafts and scheduled posts it
left out, and a preview's errors are printed in the terminal as well as shown in the page."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import SITE_PY, build, write_site

POST = "---\ntitle: {title}\ndate: {date}\n{extra}---\nText.\n"


def test_the_summary_counts_drafts_and_scheduled_posts_left_out(tmp_path: Path) -> None:
    """It names the drafts: MkDocs publishes docs pages of draft: true, which their author
    looks for."""
    root = write_site(tmp_path, {
        "content/posts/a.md": POST.format(title="A", date="2024-01-01", extra=""),
        "content/posts/b.md": POST.format(title="B", date="2024-01-02", extra="draft: true\n"),
        "content/posts/c.md": POST.format(title="C", date="2024-01-03", extra="draft: true\n"),
        "content/posts/d.md": POST.format(title="D", date="2999-01-01", extra=""),
    })
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Left out 2 drafts and 1 scheduled post (the preview, serve, shows them).\n" \
        "  Drafts: posts/b.md, posts/c.md.\n" in result.stdout
    (root / "content/posts/b.md").unlink()
    (root / "content/posts/c.md").unlink()
    (root / "content/posts/d.md").unlink()
    result = build(root)
    assert result.returncode == 0 and "Left out" not in result.stdout


def fetch(url: str) -> int:
    """The status of a GET of ``url``."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_preview_error_is_printed_in_the_terminal_once(tmp_path: Path) -> None:
    root = write_site(tmp_path, {
        "content/posts/a.md": POST.format(title="A", date="2024-01-01", extra="")})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, str(SITE_PY), "serve", "--root", str(root),
                                    "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while fetch_or_none(base + "/") is None:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
            (root / "content/posts/a.md").write_text("---\ntitle: [unclosed\n---\nText.\n",
                                                     encoding="utf-8")
            assert fetch(base + "/posts/a/") == 500
            assert fetch(base + "/") == 500
            (root / "templates").mkdir()
            (root / "templates/page.html").write_text("{% if %}", encoding="utf-8")
            (root / "content/posts/a.md").write_text(
                POST.format(title="A", date="2024-01-01", extra=""), encoding="utf-8")
            (root / "content/about.md").write_text("---\ntitle: About\n---\nAbout.\n",
                                                   encoding="utf-8")
            assert fetch(base + "/about/") == 500
        finally:
            process.terminate()
            process.wait(timeout=10)
    output = log_path.read_text(encoding="utf-8")
    assert output.count("a.md:2: error: invalid YAML") == 1, output
    assert output.count("page.html:1: error:") == 1, output
    assert "Traceback" not in output


def fetch_or_none(url: str) -> int | None:
    """The status of a GET of ``url``, or None while nothing answers."""
    try:
        return fetch(url)
    except OSError:
        return None


def serve_log(root: Path, requests: list[str], tmp_path: Path) -> tuple[str, list[int]]:
    """Start ``site.py serve`` for ``root``, GET each of ``requests`` (site paths), stop it;
    its output, and the statuses (none if it did not start)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    log_path = tmp_path / "serve.log"
    statuses = []
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, str(SITE_PY), "serve", "--root", str(root),
                                    "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while process.poll() is None and fetch_or_none(base + "/") is None:
                assert time.monotonic() < deadline
                time.sleep(0.1)
            if process.poll() is None:
                statuses = [fetch(base + path) for path in requests]
        finally:
            process.terminate()
            process.wait(timeout=10)
    return log_path.read_text(encoding="utf-8"), statuses


HOOKS = """\
from flask import Blueprint

from sitegen.hooks import current_site

pages = Blueprint("mine", __name__)


@pages.route("/mine/<name>/")
def mine(name):
    return {"ok": 1 / 0}


def init_app(app):
    app.register_blueprint(pages)


def frozen_urls():
    for post in current_site().posts:
        yield f"/mine/{post.slug}/"
"""


def test_the_preview_shows_a_hooks_error_and_starts_despite_a_content_error(
        tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "hooks.py": HOOKS, "content/posts/a.md": "---\ntitle: [unclosed\n---\nText.\n"})
    output, statuses = serve_log(root, ["/", "/mine/a/"], tmp_path)
    assert statuses == [500, 500]  # (the content's error, then the hook's)
    assert "a.md:2: error: invalid YAML" in output
    (root / "content/posts/a.md").write_text(POST.format(title="A", date="2024-01-01", extra=""),
                                             encoding="utf-8")
    output, statuses = serve_log(root, ["/", "/mine/a/"], tmp_path)
    assert statuses == [200, 500]
    line = HOOKS.splitlines().index('    return {"ok": 1 / 0}') + 1
    assert f"hooks.py:{line}: error: hooks.py failed while /mine/a/ was made: " \
           "ZeroDivisionError" in output
    assert "Traceback" not in output


def test_the_preview_does_not_start_with_a_broken_hooks_file(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "hooks.py": "def init_app(app)\n    pass\n",
        "content/posts/a.md": POST.format(title="A", date="2024-01-01", extra="")})
    output, statuses = serve_log(root, ["/"], tmp_path)
    assert statuses == []
    assert "hooks.py:1: error: invalid Python" in output
    assert "The preview did not start." in output and "Traceback" not in output
