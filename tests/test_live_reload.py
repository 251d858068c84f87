"""Live preview for real: a dev server in a subprocess, its reload channel, files saved on disk."""
from __future__ import annotations

import http.client
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import dev_server, write_site

RELOAD_BOUND = 0.5  # seconds from saving a file to the reload event


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    root = write_site(tmp_path / "site", {
        "content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst version.\n",
    })
    with dev_server(root) as port:
        yield root, port


def listen(port: int) -> queue.Queue[tuple[float, str]]:
    """Open the reload channel; a thread puts (arrival time, line) for each line received."""
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/__reload__/")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type", "").startswith("text/event-stream")

    def read() -> None:
        while True:
            line = response.fp.readline()
            if not line:
                return
            lines.put((time.monotonic(), line.decode().rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()
    return lines


def wait_for_reload(lines: queue.Queue[tuple[float, str]], since: float) -> float:
    """Seconds from ``since`` to the next ``event: reload`` line."""
    while True:
        arrived, line = lines.get(timeout=5)
        if line == "event: reload":
            return arrived - since


def save(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.monotonic()


def test_preview_pages_carry_the_reload_script(server: tuple[Path, int]) -> None:
    root, port = server
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "/__reload__/" in body


def test_saving_a_file_reloads_the_page_with_new_content(server: tuple[Path, int]) -> None:
    root, port = server
    lines = listen(port)
    time.sleep(0.3)
    saved = save(root / "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nSecond version.\n")
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "Second version." in body

    (root / "static").mkdir()
    saved = save(root / "static/style.css", "body { color: red; }\n")
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    stylesheet = get(port, "/posts/hello/")[1].split('rel="stylesheet" href="')[1].split('"')[0]
    assert "body { color: red; }" in get(port, stylesheet)[1]
    templates = root / "templates"
    templates.mkdir()
    saved = save(templates / "post.html",
                 "{% extends 'theme/post.html' %}{% block content %}Custom layout{% endblock %}")
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    assert "Custom layout" in get(port, "/posts/hello/")[1]
    saved = save(root / "site.toml", 'title = "Renamed site"\nbase_url = "https://example.org/"\n')
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    assert "Renamed site" in get(port, "/")[1]


def test_a_broken_file_shows_an_error_page_that_recovers(server: tuple[Path, int]) -> None:
    root, port = server
    lines = listen(port)
    time.sleep(0.3)
    saved = save(root / "content/posts/hello.md", "---\ntitle: [broken\ndate: 2024-01-01\n---\nx\n")
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 500
    assert "hello.md:2" in body and "How to fix" in body and "/__reload__/" in body
    saved = save(root / "content/posts/hello.md", "---\ntitle: Fixed\ndate: 2024-01-01\n---\nBack.\n")
    assert wait_for_reload(lines, saved) < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "Back." in body
