"""Reliability and security: killed builds, concurrent builds, private files, URL tricks,
and preview equal to publish."""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (
    PROJECT,
    SITE_PY,
    build,
    build_ok,
    copy_demo_site,
    dev_server,
    site_app,
    snapshot,
    write_site,
)
from sitegen.output import MARKER
from sitegen.preview import RELOAD_SCRIPT

KILL_RUNS = 20


def many_posts(count: int, word: str) -> dict[str, str | bytes]:
    return {f"content/posts/post-{n}.md":
            f"---\ntitle: {word} {n}\ndate: 2024-01-{1 + n % 28:02d}\ntags: [t{n % 5}]\n---\n"
            + f"Paragraph {word} {n}.\n\n```python\nprint({n})\n```\n" * 5
            for n in range(count)}


def session_processes(session: int) -> list[str]:
    """Every process of ``session`` (field 6 of ``/proc/PID/stat``) still running, as
    "pid state command": whatever a process started with ``start_new_session=True`` left
    behind, whatever their command lines say. Zombies are not counted: they have exited, and
    wait only for init to collect them."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # (it has just ended)
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(f"{stat.parent.name} {fields[0]} {command.decode(errors='replace')}")
    return found


def left_behind(session: int, timeout: float = 10) -> list[str]:
    """The processes of ``session`` still running after ``timeout`` seconds (a worker killed
    with its parent takes a moment to end). They are killed then, so a failure leaves none."""
    deadline = time.monotonic() + timeout
    while (left := session_processes(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for line in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split()[0]), signal.SIGKILL)
    return left


def wait_for_child(process: subprocess.Popen[bytes]) -> None:
    """Wait until ``process``'s main thread has started a child process, or it has ended."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    while process.poll() is None:
        with contextlib.suppress(OSError):
            if children.read_text().strip():
                return
        time.sleep(0.001)


WORKER = """
import multiprocessing, sys, time
from sitegen.processes import die_with_parent

def work(delay):
    time.sleep(delay)  # (the test may kill the parent meanwhile)
    die_with_parent()
    print("protected", flush=True)
    time.sleep(60)

if __name__ == "__main__":
    worker = multiprocessing.get_context("fork").Process(target=work, args=(float(sys.argv[1]),))
    worker.start()
    print("started", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("killed", ["after the worker asked", "before the worker asked"])
def test_a_worker_never_outlives_its_parent(killed: str) -> None:
    """A worker that asks to die with its parent does, even if the parent is killed between
    the fork and the request (Linux then never signals it: it must notice by itself)."""
    delay = 1.0 if killed.startswith("before") else 0.0
    parent = subprocess.Popen([sys.executable, "-c", WORKER, str(delay)], cwd=PROJECT,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert parent.stdout is not None
    awaited = "started" if delay else "protected"
    while (line := parent.stdout.readline()) and line.strip() != awaited:
        pass
    assert line.strip() == awaited
    assert len(session_processes(parent.pid)) == 2  # (the check sees the worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    left = left_behind(parent.pid)  # (the pipe stays open: a worker may still write to it)
    parent.stdout.close()
    assert left == [], "the worker outlived its parent"


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_build(tmp_path: Path) -> None:
    """Kill the build at random points: build/ is always one complete build, never a mix, and
    no process that the build started outlives it."""
    # 120 posts make over 400 URLs: enough for the freeze to run in two worker processes.
    root = write_site(tmp_path / "site", many_posts(120, "old"))
    old = snapshot(build_ok(root))
    write_site(root, many_posts(120, "new"), config=None)
    shutil.rmtree(root / ".cache")
    started = time.monotonic()
    new = snapshot(build_ok(root))
    duration = time.monotonic() - started
    assert new != old
    builds = {"old": old, "new": new}
    kept = replaced = 0
    previous = new
    rng = random.Random(7)
    for run in range(KILL_RUNS):
        # Alternate the sources so every run has something to change, and drop the render
        # cache now and then so kills also land in rendering and in cache writes.
        wanted = "old" if run % 2 == 0 else "new"
        write_site(root, many_posts(120, wanted), config=None)
        if run % 3 == 0:
            shutil.rmtree(root / ".cache", ignore_errors=True)
        # In a session of its own: whatever it starts is found by the session's id.
        process = subprocess.Popen([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        # Mostly at a random moment of the build; every fourth run late enough to finish, and
        # every fourth just as the build starts its worker processes.
        if run % 4 == 2:
            wait_for_child(process)
            time.sleep(rng.uniform(0, 0.03))
        else:
            time.sleep(rng.uniform(0, duration) if run % 4 else duration * 3)
        process.send_signal(signal.SIGKILL)
        process.wait()
        left = left_behind(process.pid)
        assert left == [], f"run {run}: processes of the killed build outlived it: {left}"
        current = snapshot(root / "build")
        assert current in (previous, builds[wanted]), f"run {run}: build/ is a mix of two builds"
        if current == builds[wanted] and current != previous:
            replaced += 1
        else:
            kept += 1
        previous = current
    # The kills landed both before and after the swap, or the test proved nothing.
    assert kept >= 1 and replaced >= 1, (kept, replaced)
    final = build(root)
    assert final.returncode == 0, final.stderr
    assert "another build" not in final.stderr
    assert not list(root.glob(".build-tmp-*")), "temporary folders left behind"
    assert snapshot(root / "build") == builds["new"]


@pytest.mark.slow
def test_two_builds_at_once_never_corrupt_build(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", many_posts(40, "same"))
    expected = snapshot(build_ok(root))
    shutil.rmtree(root / ".cache")
    processes = [subprocess.Popen([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in processes]
    for code, stderr in results:
        assert code == 0 or "another build" in stderr, stderr
        assert "Traceback" not in stderr
    assert any(code == 0 for code, _ in results)
    assert snapshot(root / "build") == expected
    assert not list(root.glob(".build-tmp-*"))


def test_private_files_under_content_are_never_published(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/bundle/index.md":
            "---\ntitle: Bundle\ndate: 2024-01-01\n---\n![pic](pic.png)\n",
        "content/posts/bundle/pic.png": b"\x89PNG\r\n\x1a\n",
        "content/posts/bundle/notes.txt": "secret-notes-walrus",
        "content/.env": "API_KEY=secret-env-walrus",
        "content/posts/draft.md~": "secret-backup-walrus",
        "content/.DS_Store": b"secret-dsstore-walrus",
        "content/posts/.hidden.md": "---\ntitle: secret-hidden-walrus\ndate: 2024-01-01\n---\nx\n",
    })
    out = build_ok(root)
    names = {p.name for p in out.rglob("*")}
    assert {"notes.txt", ".env", "draft.md~", ".DS_Store", ".hidden.md"}.isdisjoint(names)
    assert (out / "posts/bundle/pic.png").exists()
    for path in out.rglob("*"):
        if path.is_file():
            assert b"walrus" not in path.read_bytes(), path


def test_linking_to_a_hidden_file_is_an_error_not_a_leak(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/about.md": "See [keys](.env).\n", "content/.env": "API_KEY=walrus"})
    result = build(root)
    assert result.returncode != 0 and "about.md" in result.stderr
    assert not (root / "build").exists()


def test_an_unreadable_source_is_one_clear_error(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/about.md": "About.\n"})
    (root / "content/gone.md").symlink_to("../../README.md")  # (copier's docs/index.md)
    result = build(root)
    assert result.returncode != 0
    assert "gone.md: error: symbolic link to ../../README.md, which is not there" \
        in result.stderr
    assert "cp -rL" in result.stderr
    assert "Traceback" not in result.stderr


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """Send a request line exactly as given (no client-side normalisation)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


TRICKS = ["/../site.toml", "/%2e%2e/site.toml", "/posts/x/..%2f..%2fsite.toml", "//etc/passwd",
          "/static/..%2f..%2fsite.toml", "/static/%2e%2e/%2e%2e/site.toml", "/..\\..\\site.toml",
          "/posts/bundle/..%5c..%5csite.toml", "/etc/passwd", "/%2Fetc%2Fpasswd",
          "/static/../../../../etc/passwd", "/posts/bundle/%2e%2e/%2e%2e/%2e%2e/site.toml"]


@pytest.fixture
def secret_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        "content/posts/bundle/index.md": "---\ntitle: B\ndate: 2024-01-01\n---\n![p](p.png)\n",
        "content/posts/bundle/p.png": b"\x89PNG\r\n\x1a\n",
    }, config='title = "T"\nbase_url = "https://example.org/"\nsecret = "toml-walrus"\n')


def test_url_tricks_never_read_outside_content_with_test_client(secret_site: Path) -> None:
    client = site_app.create_app(secret_site, preview=True).test_client()
    for trick in TRICKS:
        body = client.get(trick).get_data()
        assert b"toml-walrus" not in body and b"root:x:" not in body, trick


def listening_addresses(port: int) -> list[str]:
    """IPv4 addresses with a socket listening on ``port``, read from /proc/net/tcp."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_dev_server_binds_loopback_and_resists_url_tricks(secret_site: Path) -> None:
    with dev_server(secret_site) as port:
        status, _ = raw_get(port, "/")
        assert status == 200
        assert listening_addresses(port) == ["127.0.0.1"]
        for trick in TRICKS:
            status, data = raw_get(port, trick)
            assert b"toml-walrus" not in data and b"root:x:" not in data, trick
            assert status in (400, 404, 308), (trick, status)
        assert raw_get(port, "/posts/bundle/p.png")[0] == 200


@pytest.mark.slow
@pytest.mark.parametrize("base_path", ["/", "/blog/"])
def test_preview_equals_publish_on_the_demo_site(tmp_path: Path, base_path: str) -> None:
    """Every file of the demo build is what the dev server answers, apart from the reload
    script, at the root and under a sub-path."""
    root = copy_demo_site(tmp_path / "site")
    config = (root / "site.toml").read_text(encoding="utf-8")
    (root / "site.toml").write_text(config.replace(
        'base_url = "https://example.org/"', f'base_url = "https://example.org{base_path}"'))
    out = build_ok(root)
    client = site_app.create_app(root, preview=True).test_client()
    script = RELOAD_SCRIPT.format(url=base_path + "__reload__/").encode() + b"\n"
    compared = 0
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(out).as_posix()
        if relative.startswith("pagefind/"):
            continue  # the search index is written after freezing, from the frozen pages
        if relative == MARKER:
            continue  # the build's marker: not a page of the site (and never deployed)
        url = base_path + (relative[: -len("index.html")] if relative.endswith("index.html")
                           else relative)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get_data().replace(script, b"") == path.read_bytes(), url
        compared += 1
    assert compared > 50


def test_drafts_and_scheduled_posts_are_not_in_the_search_index(tmp_path: Path) -> None:
    """The Pagefind index is compressed: decompress every file and look for private words,
    with a published word as the control that the search itself works."""
    root = write_site(tmp_path / "site", {
        "content/posts/public.md":
            "---\ntitle: Public\ndate: 2024-01-01\n---\nA visible okapi here.\n",
        "content/posts/draft.md":
            "---\ntitle: Draft\ndate: 2024-01-02\ndraft: true\n---\nA narwhal here.\n",
        "content/posts/later.md": "---\ntitle: Later\ndate: 2999-01-01\n---\nA pangolin here.\n",
    })
    out = build_ok(root)
    index = b""
    files = sorted((out / "pagefind").rglob("*"))
    assert files, "no search index was built"
    for path in files:
        if path.is_file():
            data = path.read_bytes()
            try:
                data = gzip.decompress(data)
            except OSError:
                pass
            index += data
    assert b"okapi" in index
    assert b"narwhal" not in index and b"pangolin" not in index


def test_only_pages_with_the_attribute_are_indexed_not_pages_that_mention_it(
        tmp_path: Path) -> None:
    """A post about Pagefind shows `data-pagefind-body` as text, and so does every list that
    shows its summary: those lists (home, tag, archive) must not be indexed for it."""
    root = write_site(tmp_path / "site", {
        "content/posts/about-search.md": "---\ntitle: About search\ndate: 2024-01-01\n"
                                         "tags: [search]\n---\nMark the body with "
                                         "`data-pagefind-body` and <data-pagefind-body>.\n",
        "content/posts/other.md": "---\ntitle: Other\ndate: 2024-01-02\ntags: [search]\n---\n"
                                  "Nothing to see.\n",
    })
    # One page a shard: a list page given to Pagefind alone would be indexed whole.
    (root / "site.toml").write_text((root / "site.toml").read_text(encoding="utf-8")
                                    + "\n[build]\nsearch_shard_pages = 1\n", encoding="utf-8")
    out = build_ok(root)
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    counts = [json.loads((out / "pagefind" / shard / "pagefind-entry.json").read_text(
        encoding="utf-8"))["languages"]["en"]["page_count"] for shard in shards]
    assert sum(counts) == 2  # the two posts, not the home, tag and archive pages
