"""The listing of the build before last, made by ``find`` while the site loads, and the new
build folder that starts from it (unit tests of :mod:`sitegen.folderlisting` and
:func:`sitegen.build.new_build_folder`; ``test_incremental.py`` builds whole sites)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.build import new_build_folder
from sitegen.folderlisting import FolderListing, list_folder
from sitegen.output import MARKER, mark, staging_folder


def tree(folder: Path) -> dict[str, int | None]:
    """Every file (by inode) and subfolder (None) under ``folder``."""
    found: dict[str, int | None] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = None if path.is_dir() and not path.is_symlink() else path.lstat().st_ino
    return found


def write(folder: Path, names: list[str]) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)


def test_find_lists_what_a_look_in_this_process_finds(tmp_path: Path) -> None:
    """Files in nested folders, an empty folder, names with spaces, a newline and bytes
    that are not UTF-8, and a link (a file: not followed)."""
    folder = tmp_path / "folder"
    write(folder, ["index.html", "posts/a b/index.html", "posts/new\nline.txt",
                   "deep/er/still/x.json"])
    (folder / "empty").mkdir()
    os.symlink("index.html", folder / "link")
    (folder / os.fsdecode(b"latin-\xe9.txt")).write_text("x")
    with FolderListing(folder) as listing:
        found = listing.result()
    here = list_folder(folder)
    assert found.files == here.files and sorted(found.folders) == sorted(here.folders)
    assert found.files["posts/a b/index.html"] == (folder / "posts/a b/index.html").stat().st_ino
    assert "link" in found.files and os.fsdecode(b"latin-\xe9.txt") in found.files
    assert {"empty", "posts", "posts/a b", "deep/er/still"} <= set(found.folders)


def test_without_find_the_folder_is_looked_at_here(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "folder"
    write(folder, ["a/b.html", "c.txt"])
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    with FolderListing(folder) as listing:
        found = listing.result()
    assert found.files == list_folder(folder).files and sorted(found.folders) == ["a"]


def make_builds(root: Path) -> tuple[Path, dict[str, tuple[str, int]]]:
    """A last build (``out``) and the build before last beside it, sharing some files (hard
    links, as builds share them); return ``out`` and the files a new build takes over."""
    out, staging = root / "build", staging_folder(root / "build")
    write(out, ["index.html", "posts/a/index.html", "posts/b/index.html", "posts/c/index.html",
                "tags/x/index.html", "new/only-in-last.html"])
    write(staging, ["posts/b/index.html", "gone/deep/old.html", "tags/y/index.html"])
    (staging / "empty").mkdir()
    for name in ["index.html", "posts/a/index.html", "tags/x/index.html"]:
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(out / name, staging / name)
    mark(out, out)
    mark(staging, out)
    taken = ["index.html", "posts/a/index.html", "posts/b/index.html", "new/only-in-last.html"]
    return out, {f"/{name}": (name, (out / name).stat().st_ino) for name in taken}


@pytest.mark.parametrize("listed_by", ["find", "no find", "this process"])
def test_a_new_folder_from_the_build_before_last_holds_exactly_the_files_taken_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed_by: str) -> None:
    """It keeps the very files it shares with the last build that the new build takes over,
    deletes its other files (an older file at a path taken over too) and the folders left
    empty, and links the rest from the last build: each file taken over is the last build's
    own. The same whether find listed the build before last, could not, or was not asked."""
    out, current = make_builds(tmp_path)
    staging = staging_folder(out)
    kept_folder = (staging / "posts").stat().st_ino
    if listed_by == "no find":
        monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    with FolderListing(staging) as listing:
        previous = listing if listed_by != "this process" else None
        folder, reused = new_build_folder(out, current, True, previous=previous)
    assert reused == {url: path for url, (path, _) in current.items()}
    assert tree(folder) == {
        MARKER: (out / MARKER).stat().st_ino,
        **{path: inode for path, inode in current.values()},
        "new": None, "posts": None, "posts/a": None, "posts/b": None}
    assert (folder / "posts").stat().st_ino == kept_folder  # (recycled, not made anew)
    assert not staging.exists()


def test_a_new_folder_without_the_build_before_last_links_every_file(tmp_path: Path) -> None:
    out, current = make_builds(tmp_path)
    folder, reused = new_build_folder(out, current, False)
    assert tree(folder) == {MARKER: (out / MARKER).stat().st_ino,
                            **{path: inode for path, inode in current.values()},
                            "new": None, "posts": None, "posts/a": None, "posts/b": None}
    assert staging_folder(out).is_dir()  # (left for the build to delete)
