"""Unit tests of sitegen/fingerprint.py: digests that tell values apart, the same in every
process."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from sitegen.fingerprint import (
    SETTLED_NS,
    UNSETTLED,
    KnownFiles,
    engine_fingerprint,
    file_names_under,
    files_digest,
    folder_listing,
    listing_digest,
    listing_lines,
    value_digest,
)
from sitegen.models import Entry


def test_values_that_print_alike_have_different_digests() -> None:
    pairs = [(None, "None"), (1, "1"), (1, True), (["{"], [{}]), ([1, 2], (1, 2)),
             ({"a": 1}, {"a": "1"}), ({1, 2}, {1, 3})]
    for first, second in pairs:
        assert value_digest(first) != value_digest(second), (first, second)
    assert value_digest({3, 1, 2}) == value_digest({2, 3, 1})


def test_an_entry_is_digested_by_its_url() -> None:
    def entry(title: str) -> Entry:
        return Entry(kind="post", source=Path("/x.md"), rel_path="x.md", url="/posts/x/",
                     slug="x", title=title, meta={})
    assert value_digest([entry("One")]) == value_digest([entry("Two")])


def test_a_value_without_a_stable_form_never_matches() -> None:
    thing = object()
    assert value_digest(thing) != value_digest(thing)


def test_digests_are_the_same_in_another_process(tmp_path: Path) -> None:
    value = {"b": [1, "x", None], "a": {2.5, 3}}
    other = subprocess.run(
        [sys.executable, "-c", "from sitegen.fingerprint import value_digest; "
         f"print(value_digest({value!r}))"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1],
        env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"})
    assert other.stdout.strip() == value_digest(value)


def test_files_digest_follows_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    first = files_digest([tmp_path])
    (tmp_path / "a.txt").write_text("b")
    assert files_digest([tmp_path]) != first
    (tmp_path / "a.txt").write_text("a")
    assert files_digest([tmp_path]) == first
    (tmp_path / "compiled.pyc").write_bytes(b"x")  # (compiled Python does not count)
    assert files_digest([tmp_path]) == first
    assert len(engine_fingerprint()) == 64


def test_a_file_known_by_its_stats_is_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    old = time.time_ns() - 2 * SETTLED_NS
    os.utime(tmp_path / "a.txt", ns=(old, old))
    found: KnownFiles = {}
    first = files_digest([tmp_path], found=found)
    # Its change time is now (no tool sets it): the file has not settled, and its digest is
    # not kept by its stats (test_incremental.py lets files settle), only to tell whether
    # its bytes change.
    name = str(tmp_path / "a.txt")
    identity = b"sha256:" + hashlib.sha256(b"a").digest()
    assert found == {name: (UNSETTLED, identity)}
    # A digest kept for the file's very stats stands for its bytes; for other stats it does not.
    stat = os.stat(name)
    stats = (f"{stat.st_mode:o} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} "
             f"{stat.st_dev} {stat.st_ino}")
    assert files_digest([tmp_path], known={name: (stats, identity)}) == first
    assert files_digest([tmp_path], known={name: (stats, b"sha256:other")}) != first
    assert files_digest([tmp_path], known={name: ("other stats", b"sha256:other")}) == first
    # A record of another form (another engine's summary) is not used, and is no error.
    assert files_digest([tmp_path], known={name: "x"}) == first  # type: ignore[dict-item]


def test_the_files_whose_bytes_are_not_known_are_named(tmp_path: Path) -> None:
    """The files read whose bytes are not those known (new or edited) are named; one saved
    again with the same bytes, or known by its stats, is not."""
    for name in ("same.txt", "touched.txt", "edited.txt"):
        (tmp_path / name).write_text(name)
    known: KnownFiles = {}
    for name in ("same.txt", "touched.txt", "edited.txt"):
        stat = os.stat(tmp_path / name)
        known[str(tmp_path / name)] = (
            f"{stat.st_mode:o} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} "
            f"{stat.st_dev} {stat.st_ino}", b"sha256:" + hashlib.sha256(name.encode()).digest())
    (tmp_path / "touched.txt").write_text("touched.txt")
    (tmp_path / "edited.txt").write_text("edited!")
    (tmp_path / "new.txt").write_text("new")
    changed: list[str] = []
    files_digest([tmp_path], known=known, changed=changed)
    assert sorted(changed) == [str(tmp_path / "edited.txt"), str(tmp_path / "new.txt")]
    changed = []
    files_digest([tmp_path], changed=changed)  # (nothing known: every file read)
    assert len(changed) == 4


def walked(top: Path) -> list[str]:
    """What file_names_under gives, found the slow way: os.walk, a look at each folder."""
    found = []
    for folder, subfolders, files in os.walk(top):
        subfolders.sort()
        found += [os.path.join(folder, name) for name in subfolders
                  if os.path.islink(os.path.join(folder, name))]
        found += [os.path.join(folder, name) for name in sorted(files)]
    return found


def test_file_names_under_are_os_walks_in_name_order(tmp_path: Path) -> None:
    """Files, links to folders (not followed: a loop too), broken links and named pipes,
    in the order os.walk gives them when each folder's subfolders are sorted."""
    (tmp_path / "b/c").mkdir(parents=True)
    (tmp_path / "b/c/f.txt").write_text("x")
    (tmp_path / "z.txt").write_text("y")
    (tmp_path / "A").mkdir()
    (tmp_path / "A/é.md").write_text("x")
    os.symlink(tmp_path / "b", tmp_path / "link-to-b")
    os.symlink(tmp_path, tmp_path / "b/loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "broken")
    os.mkfifo(tmp_path / "pipe")
    names = file_names_under(tmp_path)
    assert names == walked(tmp_path)
    assert str(tmp_path / "link-to-b") in names and str(tmp_path / "pipe") in names
    assert file_names_under(tmp_path / "z.txt") == [str(tmp_path / "z.txt")]
    assert file_names_under(tmp_path / "missing") == []


def test_a_folder_listed_in_two_parts_has_the_digest_of_its_whole_listing(
        tmp_path: Path) -> None:
    """A build lists its folder but for the search index while Pagefind writes it, then
    the index: the two parts digest as the whole folder does, and each file is in one."""
    for name in ("index.html", "posts/a/index.html", "pagefind/0/x.pf", "pagefind/s.json",
                 "pagefinder/y.txt", "z/pagefind/w.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    os.symlink(tmp_path / "posts", tmp_path / "link")
    whole = listing_lines(tmp_path)
    first = listing_lines(tmp_path, leave_out=["pagefind"])
    second = listing_lines(tmp_path, "pagefind")
    assert sorted(first + second) == sorted(whole) and len(whole) == 7
    assert [line.split("\0")[0] for line in second] == ["pagefind/s.json", "pagefind/0/x.pf"]
    # (a bundle listed apart: the index's folder listed but for it, then it)
    assert sorted(listing_lines(tmp_path, "pagefind", leave_out=["pagefind/0"])
                  + listing_lines(tmp_path, "pagefind/0")) == sorted(second)
    assert listing_digest(first + second) == listing_digest(second + first) \
        == folder_listing(tmp_path)
    (tmp_path / "pagefind/s.json").write_text("changed")  # (a file the index writes later)
    later = listing_digest(first + listing_lines(tmp_path, "pagefind"))
    assert later == folder_listing(tmp_path) != listing_digest(whole)
    assert listing_lines(tmp_path, "link") == [] and listing_lines(tmp_path, "missing") == []
