"""The second hardening pass: an author's files are never lost, odd files never hang or leak,
and every mistake is one clear message (the catalogue in content/docs/quality.md)."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, SITE_PY, build, build_ok, run_site, snapshot, soup, write_site
from sitegen.output import MARKER

POST = """\
---
title: Hello
date: 2024-01-02
---
Hello world.
"""


def small_site(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    return write_site(root, {"content/posts/hello.md": POST, **(extra or {})})


# --- The output folder ----------------------------------------------------------------------

def test_out_at_an_authors_folder_is_refused_and_its_files_stay(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("\\chapter{One}")
    for _ in range(2):  # (the second build used to delete the first one's "previous" folder)
        result = build(root, "--out", thesis)
        assert result.returncode == 1
        assert f"{thesis}: error: this folder exists and was not written by this generator" \
            in result.stderr
        assert "hint: give --out a new or empty folder" in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(thesis) == {"chapter1.tex": b"\\chapter{One}"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "thesis"]


@pytest.mark.parametrize("where, relation", [
    ("content", "is"), ("content/posts", "lies inside"), (".", "contains"), ("..", "contains"),
    ("templates", "is"), ("static/img", "lies inside"),
])
def test_out_at_or_around_the_inputs_is_refused(tmp_path: Path, where: str,
                                                relation: str) -> None:
    root = small_site(tmp_path / "site", {"static/img/a.txt": "a", "templates/x.html": "x"})
    before = snapshot(tmp_path)
    result = build(root, "--out", root / where)
    assert result.returncode == 1
    assert f"error: the output folder {relation} " in result.stderr
    assert "which the build reads" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_a_new_out_folder_is_marked_and_replaced_build_after_build(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    out = tmp_path / "public"
    for number in range(3):
        (root / "content/posts/hello.md").write_text(POST.replace("world", f"world {number}"))
        assert build(root, "--out", out).returncode == 0
        assert (out / MARKER).is_file()
        assert (out / "posts/hello/index.html").is_file()
    assert (tmp_path / ".public-previous" / MARKER).is_file()
    # An empty folder made ahead of the build is fine too.
    (tmp_path / "empty").mkdir()
    assert build(root, "--out", tmp_path / "empty").returncode == 0


def test_an_authors_folder_in_the_previous_builds_place_is_kept(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    build_ok(root)
    notes = root / ".build-previous"  # (the first build replaced no folder: none is there)
    notes.mkdir()
    (notes / "notes.txt").write_text("mine")
    (root / "content/posts/hello.md").write_text(POST.replace("Hello world", "Changed"))
    result = build(root)
    assert result.returncode == 1 and "was not written by this generator" in result.stderr
    assert snapshot(notes) == {"notes.txt": b"mine"}


def test_clean_removes_only_what_builds_wrote(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    out = tmp_path / "public"
    build_ok(root, "--out", out)
    (root / ".cache" / "mine.txt").write_text("mine")
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "a.tex").write_text("a")
    result = run_site("clean", "--root", root, "--out", out)
    assert result.returncode == 0, result.stderr
    assert not out.exists() and not (tmp_path / ".public-previous").exists()
    assert sorted(path.name for path in (root / ".cache").iterdir()) == ["mine.txt"]
    result = run_site("clean", "--root", root, "--out", thesis)
    assert result.returncode == 1 and f"Kept {thesis}" in result.stderr
    assert snapshot(thesis) == {"a.tex": b"a"}


# --- Odd files under content/ ---------------------------------------------------------------

def as_another_user(root: Path) -> list[str]:
    """The command prefix that runs a build as a user without root's right to read anything
    (tests run as root on CI), with ``root`` made theirs to write."""
    if os.getuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: unreadable files cannot be made")
    for folder in [root, *root.parents]:
        if folder == Path(tempfile.gettempdir()):
            break
        folder.chmod(folder.stat().st_mode | 0o755)
    subprocess.run(["chown", "-R", "65534:65534", str(root)], check=True)
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    reach = subprocess.run([*prefix, sys.executable, "-c", f"open({str(SITE_PY)!r}).close()"],
                           capture_output=True)
    if reach.returncode != 0:
        pytest.skip("the engine's folder is not readable by another user on this machine")
    return prefix


def build_as(prefix: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, str(SITE_PY), "build", "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def test_named_pipes_sockets_and_devices_never_hang_the_build(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    os.mkfifo(root / "content/video.mp4")  # (opening it to read would wait for a writer)
    os.mkfifo(root / "content/posts/pipe.md")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "content/posts/server.sock"))
        for _ in range(2):  # the build, then the no-change check
            result = run_site("build", "--root", root, timeout=60)
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
    assert "pipe.md: warning: not a regular file (a named pipe, socket or device): skipped" \
        in build(root, "--out", tmp_path / "other").stderr
    assert "Nothing changed" in result.stdout
    assert (root / "build/posts/hello/index.html").is_file()


def test_the_no_change_check_does_not_read_unlinked_files(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    with (root / "content/film.mkv").open("wb") as handle:  # 2 GB, sparse: no disk used
        handle.truncate(2 * 1024**3)
    build_ok(root)
    peak = subprocess.run(
        [sys.executable, "-c",
         "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
         "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
         sys.executable, str(SITE_PY), "build", "--root", str(root)],
        capture_output=True, text=True, check=True, timeout=120)
    assert int(peak.stdout) < 200_000, f"{int(peak.stdout) // 1024} MB to check a build"


def test_unreadable_files_and_folders_are_one_clear_error(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site", {"content/secret/notes.md": POST,
                                          "content/posts/locked.md": POST})
    prefix = as_another_user(root)
    (root / "content/posts/locked.md").chmod(0)
    result = build_as(prefix, root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "locked.md: error: cannot read the file: Permission denied" in result.stderr
    (root / "content/posts/locked.md").chmod(0o644)
    (root / "content/secret").chmod(0)
    result = build_as(prefix, root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "secret: error: cannot read the folder: Permission denied" in result.stderr


# --- Private files ---------------------------------------------------------------------------

def test_editor_backups_and_links_to_hidden_files_are_never_published(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site", {
        "content/about.md": "![Me](photo.png~)\n", "content/photo.png~": b"old photo"})
    result = build(root)
    assert result.returncode == 1 and "about.md:1: error: link to a missing file" \
        in result.stderr
    (root / "content/about.md").write_text("[Key](pub.txt)\n")
    (root / "content/.secret.txt").write_text("API_KEY=walrus")
    (root / "content/pub.txt").symlink_to(".secret.txt")
    result = build(root)
    assert result.returncode == 1 and "link to a missing file 'pub.txt'" in result.stderr
    assert not (root / "build").exists()


def test_a_markdown_file_linked_from_outside_content_is_not_published(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site")
    (tmp_path / "diary.md").write_text("---\ntitle: Diary\n---\nMy diary.\n")
    (root / "content/diary.md").symlink_to(tmp_path / "diary.md")
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "diary.md: error: symbolic link to outside content/" in result.stderr
    assert "hint: copy the file into content/ instead" in result.stderr
    assert not (root / "build").exists()


# --- Settings and encodings ------------------------------------------------------------------

def test_files_with_a_byte_order_mark_build_as_utf8(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/hello.md": "\ufeff" + POST,
        "content/authors.yml": "\ufeffada:\n  name: Ada Lovelace\n"},
        config="\ufeff" + DEFAULT_CONFIG)
    out = build_ok(root)
    page = (out / "posts/hello/index.html").read_text()
    assert "<title>Hello" in page and "\ufeff" not in page


@pytest.mark.parametrize("setting, message", [
    ("menu = 5", "site.toml:7: error: menu must be a list of [[menu]] entries, not int"),
    ('base_url = "http://[::1/"', "is not an absolute http(s) URL with a valid host name"),
    ('base_url = "https://exa mple.org/"', "is not an absolute http(s) URL with a valid host"),
    ('base_url = "https://example.org:http/"', "is not an absolute http(s) URL with a valid"),
    ('title = "a\\u0001b"', "'title' contains the character U+0001 (a control character)"),
])
def test_settings_that_used_to_pass_or_crash_are_one_clear_error(
        tmp_path: Path, setting: str, message: str) -> None:
    key = setting.split(" ")[0]
    config = "\n".join(line for line in DEFAULT_CONFIG.splitlines()
                       if not line.startswith(key + " ")) + "\n" + setting + "\n"
    root = small_site(tmp_path / "site")
    (root / "site.toml").write_text(config)
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert "hint: " in result.stderr


# --- Tracebacks that are now messages, or builds --------------------------------------------

def png_header(width: int, height: int) -> bytes:
    """The start of a PNG of that size: enough to read its size, nothing to decode."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc
    size = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", size) + chunk(b"IDAT", b"") \
        + chunk(b"IEND", b"")


def test_a_large_scan_is_published_with_its_size(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site", {"content/about.md": "![Scan](scan.png)\n",
                                          "content/scan.png": png_header(20000, 15000)})
    out = build_ok(root)
    image = soup(out / "about/index.html").find("img", src="/scan.png")
    assert image is not None and (image["width"], image["height"]) == ("20000", "15000")


@pytest.mark.parametrize("files, message", [
    ({"content/posts/long.md": "---\ntitle: Long\ndate: 2024-01-01\ntags: [" + "a" * 300 + "]\n"
      "---\nx\n"}, "long.md:4: error: the name aaaa"),
    ({"content/posts/cjk.md": "---\ntitle: CJK\ndate: 2024-01-01\ncategory: " + "漢" * 90
      + "\n---\nx\n"}, "cjk.md:4: error: the name 漢漢"),
    ({"content/posts/" + "g" * 251 + ".md": POST}, ".md: error: the name gggg"),
    ({"content/posts/slug.md": "---\ntitle: S\ndate: 2024-01-01\nslug: " + "s" * 260 + "\n"
      "---\nx\n"}, "slug.md:4: error: the name ssss"),
])
def test_names_too_long_for_the_file_system_are_one_clear_error(
        tmp_path: Path, files: dict[str, str], message: str) -> None:
    root = small_site(tmp_path / "site", files)
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and "bytes long in build/, and file systems allow 255" \
        in result.stderr
    assert "hint: shorten it" in result.stderr


@pytest.mark.parametrize("tag", ["..", "!!!", "🎉"])
def test_a_tag_that_makes_no_url_is_an_error_not_dropped(tmp_path: Path, tag: str) -> None:
    root = small_site(tmp_path / "site", {
        "content/posts/tagged.md": f"---\ntitle: T\ndate: 2024-01-01\ntags: [ok, '{tag}']\n"
                                   "---\nx\n"})
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"tagged.md:4: error: tags '{tag}' has no letter or digit" in result.stderr
    # (a docs page's too, which its tags' pages list; a page's, which they do not, is
    # named as unused)
    (root / "content/posts/tagged.md").unlink()
    (root / "content/docs").mkdir(exist_ok=True)
    (root / "content/docs/d.md").write_text(f"---\ntitle: D\ntags: ['{tag}']\n---\nx\n")
    result = build(root)
    assert result.returncode == 1 and f"d.md:3: error: tags '{tag}' has no" in result.stderr
    (root / "content/docs/d.md").rename(root / "content/p.md")
    result = build(root)
    assert result.returncode == 0 and "p.md:3: warning: the tags of a page are not used" \
        in result.stderr


def test_a_link_with_dot_segments_is_checked_where_it_leads(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site", {"content/about.md": "[x](/tags/../nowhere/)\n"})
    result = build(root)
    assert result.returncode == 1
    assert "about.md:1: error: link to /nowhere/, which is not a page" in result.stderr
    (root / "content/about.md").write_text("[x](/tags/../posts/hello/)\n")
    out = build_ok(root)
    assert soup(out / "about/index.html").find("a", string="x")["href"] == "/posts/hello/"


@pytest.mark.parametrize("title", ["Para\u2029graph", "Next\u0085line", "Line\u2028break"])
def test_line_separators_in_a_title_draw_a_card(tmp_path: Path, title: str) -> None:
    escaped = title.encode("unicode_escape").decode()
    root = small_site(tmp_path / "site", {
        "content/posts/odd.md": f'---\ntitle: "{escaped}"\ndate: 2024-01-01\n---\nx\n'})
    out = build_ok(root)
    assert (out / "posts/odd/card.jpg").read_bytes().startswith(b"\xff\xd8")


# --- The disk says no -------------------------------------------------------------------------

def limit_file_size() -> None:
    """In the child: files may not grow past 1 MB (Python then gets "File too large", as it
    would get "No space left on device" from a full disk)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024**2, 1024**2))


def test_a_write_that_fails_is_one_message_and_build_stays(tmp_path: Path) -> None:
    root = small_site(tmp_path / "site", {"content/about.md": "[Data](data.bin)\n"})
    (root / "content/data.bin").write_bytes(b"x" * 1000)
    out = build_ok(root)
    before = snapshot(out)
    (root / "content/data.bin").write_bytes(os.urandom(3 * 1024**2))
    result = subprocess.run([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                            capture_output=True, text=True, timeout=120,
                            preexec_fn=limit_file_size)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: File too large; free some disk space, then build again" in result.stderr
    assert snapshot(out) == before and not list(root.glob(".build-tmp-*"))


@pytest.mark.parametrize("locked", ["out parent", "project", "cache"])
def test_a_folder_that_cannot_be_written_is_one_message(tmp_path: Path, locked: str) -> None:
    root = small_site(tmp_path / "site")
    build_ok(root)  # (the cache exists)
    (root / "content/posts/hello.md").write_text(POST.replace("world", "there"))
    prefix = as_another_user(root)
    out = root / "build"
    if locked == "out parent":
        out = root / "public" / "site"
        out.parent.mkdir()
        out.parent.chmod(0o555)
    elif locked == "cache":
        for path in (root / ".cache").iterdir():
            path.chmod(0o444)
        (root / ".cache").chmod(0o555)
    else:
        root.chmod(0o555)
    result = subprocess.run([*prefix, sys.executable, str(SITE_PY), "build", "--root",
                             str(root), "--out", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "make that folder writable" in result.stderr or \
        "check that .cache/ is writable" in result.stderr, result.stderr


def test_ctrl_c_at_any_moment_is_one_line_and_build_stays(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        f"content/posts/p{number}.md": POST.replace("Hello", f"Post {number}")
        for number in range(60)})
    out = build_ok(root)
    before = snapshot(out)
    (root / "content/posts/p1.md").write_text(POST.replace("world", "there"))
    for delay in (0.1, 0.2, 0.4, 0.8, 1.2):  # start-up, imports, loading, freezing
        process = subprocess.Popen([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
        assert "Traceback" not in errors and "KeyboardInterrupt" not in errors, (delay, errors)
        if process.returncode != 0:
            assert snapshot(out) == before, delay
        assert not list(root.glob(".build-tmp-*")), delay  # (Pagefind's early folder too)


def test_a_ctrl_c_before_the_build_command_runs_stops_the_search_index_begun(
        tmp_path: Path) -> None:
    """``site.py`` begins a build (Pagefind on an edited post's shard) before it imports
    Flask: a Ctrl+C then, before the build command takes what was begun, stops Pagefind and
    removes its folder as the process ends."""
    root = write_site(tmp_path / "site", {
        f"content/posts/p{number}.md": POST.replace("Hello", f"Post {number}")
        for number in range(3)})
    build_ok(root)
    (root / "content/posts/p1.md").write_text(POST.replace("world", "there"))
    script = (f"import os, sys; sys.path.insert(0, {str(SITE_PY.parent)!r})\n"
              "from pathlib import Path\n"
              "from sitegen.buildstart import begin_before_imports\n"
              "from sitegen.manifest import answer_unchanged_build\n"
              f"checked = answer_unchanged_build(['build', '--root', {str(root)!r}], "
              f"Path({str(SITE_PY.parent)!r}), os.environ)\n"
              "begun = begin_before_imports(checked)\n"
              "print(len(begun.early.waiting))\n"
              "raise SystemExit(130)  # (as a Ctrl+C while Flask is imported)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True)
    assert (result.returncode, result.stdout, result.stderr) == (130, "1\n", "")
    assert not list(root.glob(".build-tmp-*"))


def test_a_ctrl_c_once_the_build_is_in_place_leaves_it_built(tmp_path: Path) -> None:
    """A Ctrl+C after the new build is in place and said so, while the process ends (here
    waiting for a thread that the site's hooks.py left running), is neither a traceback
    nor an exit status saying the build failed (Python's end would take it with the
    system's handler: killed by the signal)."""
    root = write_site(tmp_path / "site", {
        "content/posts/p.md": POST,
        "hooks.py": "import threading, time\n"
                    "threading.Thread(target=time.sleep, args=(1.5,)).start()\n"})
    process = subprocess.Popen([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    said = process.stdout.readline()
    assert said.startswith("Built "), said
    time.sleep(0.3)  # (the process is ending: its thread sleeps on)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 0 and "Traceback" not in errors, errors
    assert "Hello world." in (root / "build/posts/p/index.html").read_text()


def test_a_linked_file_deleted_during_the_build_is_one_message(tmp_path: Path) -> None:
    posts = {f"content/posts/p{number}.md": POST.replace("Hello", f"Post {number}")
             for number in range(150)}
    root = write_site(tmp_path / "site", {**posts, "content/about.md": "[Data](data.bin)\n",
                                          "content/data.bin": "data"})
    process = subprocess.Popen([sys.executable, str(SITE_PY), "build", "--root", str(root),
                                "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:  # the pages are loaded: the files are written from now on
        if line.startswith("Rendered"):
            (root / "content/data.bin").unlink()
            break
    errors = process.stderr.read()
    process.wait(timeout=120)
    assert process.returncode == 1 and "Traceback" not in errors, errors
    assert "data.bin" in errors and "moved or deleted while the site was built" in errors
    assert not (root / "build").exists()
