"""The second hardening pass: an author's files are never lost, odd files never hang or leak,
and every mistake is one clear message (the catalogue in content/docs/quality.md)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, build_ok, run_site, snapshot, write_site

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
