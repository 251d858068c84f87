"""An author's drafts and edits in content/ never make the demo site's tests fail.

The repository's content/ is both the demo site the tests build and its author's working copy.
This test copies the project (its engine and tests as they are now, its demo site as committed)
into a scratch git repository, commits it there, then edits the copy's content/ as an author
would: a draft, an edit to a published post, a new post whose link is not written yet. The
demo site's tests, run in the copy, read the commit (``copy_demo_site``) and pass.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, copy_demo_site

pytestmark = pytest.mark.slow  # runs pytest again, on a copy of the project

# Every test that builds, previews or reads the demo site.
DEMO_TESTS = [
    "tests/test_demo_site.py",
    "tests/test_reliability.py::test_preview_equals_publish_on_the_demo_site",
    "tests/test_speed.py::test_fast_paths_equal_python_markdown_and_pygments_on_the_docs",
]
AUTHOR_EDITS = {
    "content/posts/work-in-progress.md":
        "---\ntitle: Work in progress\ndate: 2024-06-01\ndraft: true\n---\nNot done yet.\n",
    "content/posts/link-to-write.md":
        "---\ntitle: A link to write\ndate: 2024-06-02\n---\nSee [the guide](no-such-guide.md).\n",
}
EDITED_POST = "content/posts/hello-world.md"


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(folder), "-c", "user.name=Test",
                             "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                             *args], capture_output=True, text=True, check=True)
    return result.stdout


def copy_project(copy: Path) -> Path:
    """The project's files as they are now (tracked and new, not ignored), but for content/ and
    site.toml as committed, committed in a new repository at ``copy``, with the project's
    .venv linked in."""
    listed = git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(listed.split("\0")) - {""}):
        source = PROJECT / name
        if name == "site.toml" or name.startswith("content/") or not source.exists():
            continue
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy / name, follow_symlinks=False)
    copy_demo_site(copy)
    git(copy, "init", "--quiet")
    git(copy, "add", "--all")
    git(copy, "commit", "--quiet", "--message", "The project, its demo site as committed")
    (copy / ".venv").symlink_to(PROJECT / ".venv")
    return copy


@pytest.mark.skipif(not (PROJECT / ".git").exists() or shutil.which("git") is None,
                    reason="needs the project as a git checkout, and git")
def test_drafts_and_edits_in_content_do_not_fail_the_demo_tests(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "project")
    for name, text in AUTHOR_EDITS.items():
        (copy / name).write_text(text, encoding="utf-8")
    with (copy / EDITED_POST).open("a", encoding="utf-8") as post:
        post.write("\nA paragraph the author is still writing.\n")
    assert len(git(copy, "status", "--porcelain", "--", "content").splitlines()) == 3
    python = str(copy / ".venv" / "bin" / "python")
    # (The control: the working tree's content/ as it now is does not build.)
    build = subprocess.run([python, "site.py", "build", "--out", str(tmp_path / "out")],
                           cwd=copy, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0 and "no-such-guide.md" in build.stderr, build.stderr
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("PYTEST_")}  # (not this run's options or current test)
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *DEMO_TESTS], cwd=copy, capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert "passed" in summary and "skipped" not in summary, result.stdout
