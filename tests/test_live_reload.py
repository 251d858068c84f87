"""Live preview for real: a dev server in a subprocess, its reload channel, files saved on disk."""
from __future__ import annotations

import http.client
import os
import queue
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import dev_server, write_site

RELOAD_BOUND = 0.5  # seconds from saving a file to the reload event
OPEN_TABS = 1000  # live-reload connections held open at once
PAGE_BOUND = 0.5  # seconds to serve a page while they are open
IDLE_SECONDS = 2.0
IDLE_CPU_SHARE = 0.1  # of one core, at most, while the tabs wait
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


def open_reload_stream(port: int) -> socket.socket:
    """A raw connection to the reload channel, read up to its ``retry:`` line."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"GET /__reload__/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    read_until(sock, b"retry: 300")
    return sock


def read_until(sock: socket.socket, marker: bytes) -> bytes:
    """What ``sock`` receives up to and including ``marker`` (within its timeout)."""
    data = b""
    while marker not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed the connection before {marker!r}"
        data += chunk
    return data


def server_pid(port: int) -> int:
    """The process id of the dev server that this test process started on ``port``."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            parent = int((cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue  # (a process that ended meanwhile)
        if parent == os.getpid() and b"serve" in args and str(port).encode() in args:
            return int(cmdline.parent.name)
    raise AssertionError(f"no dev server on port {port}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far, all its threads together."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def seconds_to_get(port: int, path: str) -> float:
    """Seconds the dev server takes to serve ``path`` (which must be a 200)."""
    started = time.monotonic()
    status, _ = get(port, path)
    assert status == 200, path
    return time.monotonic() - started


def test_a_thousand_open_tabs_leave_the_preview_idle_and_all_reload(
        server: tuple[Path, int]) -> None:
    """One watcher for the whole preview: open reload connections wait instead of each
    looking at every file ten times a second; a save still reaches each of them once."""
    root, port = server
    pid = server_pid(port)
    pages = ("/", "/posts/hello/")
    for path in pages:  # (a page's first render compiles its templates: not measured here)
        seconds_to_get(port, path)
    streams = [open_reload_stream(port) for _ in range(OPEN_TABS)]
    try:
        assert max(seconds_to_get(port, path) for path in pages) < PAGE_BOUND
        cpu_before = cpu_seconds(pid)
        time.sleep(IDLE_SECONDS)
        assert cpu_seconds(pid) - cpu_before < IDLE_CPU_SHARE * IDLE_SECONDS
        assert max(seconds_to_get(port, path) for path in pages) < PAGE_BOUND
        saved = root / "hello.md.saving"  # (saved whole, beside content/, as editors do)
        saved.write_text(POST.format(title="Hello", body="Second version."), encoding="utf-8")
        os.replace(saved, root / "content/posts/hello.md")
        received = [read_until(stream, b"event: reload") for stream in streams]
        time.sleep(0.5)  # (time for a second event, if one were sent)
        for stream, data in zip(streams, received, strict=True):
            stream.setblocking(False)
            try:
                data += stream.recv(65536)
            except BlockingIOError:
                pass
            assert data.count(b"event: reload") == 1
        assert "Second version." in get(port, "/posts/hello/")[1]
    finally:
        for stream in streams:
            stream.close()
