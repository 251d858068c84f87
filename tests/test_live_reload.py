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
POST = "---\ntitle: {title}\ndate: 2024-01-01\n---\n{body}\n"


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
    # The server sends "retry:" once it has noted the current version: saves count from here.
    # (The raw stream also carries the lines of HTTP's chunked encoding: skip them.)
    while not lines.get(timeout=10)[1].startswith("retry:"):
        pass
    return lines


def wait_for_reload(lines: queue.Queue[tuple[float, str]], since: float) -> float:
    """Seconds from ``since`` to the next ``event: reload`` line."""
    while True:
        arrived, line = lines.get(timeout=5)
        if line == "event: reload":
            return arrived - since


def seconds_to_reload(lines: queue.Queue[tuple[float, str]], path: Path, text: str) -> float:
    """Save ``text`` to ``path``; return the seconds until the reload event arrives."""
    path.write_text(text, encoding="utf-8")
    return wait_for_reload(lines, time.monotonic())


def test_preview_pages_carry_the_reload_script(server: tuple[Path, int]) -> None:
    root, port = server
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "/__reload__/" in body


def test_saving_a_file_reloads_the_page_with_new_content(server: tuple[Path, int]) -> None:
    root, port = server
    lines = listen(port)
    post = root / "content/posts/hello.md"
    assert seconds_to_reload(lines, post, POST.format(title="Hello", body="Second version.")) \
        < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "Second version." in body

    (root / "static").mkdir()
    stylesheet_file = root / "static/style.css"
    assert seconds_to_reload(lines, stylesheet_file, "body { color: red; }\n") < RELOAD_BOUND
    stylesheet = get(port, "/posts/hello/")[1].split('rel="stylesheet" href="')[1].split('"')[0]
    assert "body { color: red; }" in get(port, stylesheet)[1]
    # A post's save leaves the static files as they were; the stylesheet's next save shows.
    assert seconds_to_reload(lines, post, POST.format(title="Hello", body="Third.")) \
        < RELOAD_BOUND
    assert get(port, "/posts/hello/")[1].split('rel="stylesheet" href="')[1].split('"')[0] \
        == stylesheet
    assert seconds_to_reload(lines, stylesheet_file, "body { color: blue; }\n") < RELOAD_BOUND
    stylesheet = get(port, "/posts/hello/")[1].split('rel="stylesheet" href="')[1].split('"')[0]
    assert "body { color: blue; }" in get(port, stylesheet)[1]
    templates = root / "templates"
    templates.mkdir()
    override = "{% extends 'theme/post.html' %}{% block content %}Custom layout{% endblock %}"
    assert seconds_to_reload(lines, templates / "post.html", override) < RELOAD_BOUND
    assert "Custom layout" in get(port, "/posts/hello/")[1]
    config = 'title = "Renamed site"\nbase_url = "https://example.org/"\n'
    assert seconds_to_reload(lines, root / "site.toml", config) < RELOAD_BOUND
    assert "Renamed site" in get(port, "/")[1]


def test_a_broken_file_shows_an_error_page_that_recovers(server: tuple[Path, int]) -> None:
    root, port = server
    lines = listen(port)
    post = root / "content/posts/hello.md"
    assert seconds_to_reload(lines, post, POST.format(title="[broken", body="x")) < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 500
    assert "hello.md:2" in body and "How to fix" in body and "/__reload__/" in body
    assert seconds_to_reload(lines, post, POST.format(title="Fixed", body="Back.")) < RELOAD_BOUND
    status, body = get(port, "/posts/hello/")
    assert status == 200 and "Back." in body
