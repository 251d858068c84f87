"""A site of one's own: `python site.py init DIR` writes a site folder beside the engine,
which every command (build, serve, new, check, deploy, clean) then works on with --root,
SITE_ROOT or `make ... SITE=DIR`, as an author would run them."""
from __future__ import annotations

import http.client
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, SITE_PY, build_ok, built_page, dev_server, run_site

POST = """\
---
title: A trip to the sea
date: 2024-05-01
tags: [travel]
---
We went to the sea. It was [on the about page](../about.md) already.
"""
COMMANDS = ["build", "serve", "new", "check", "deploy", "clean"]


def init(folder: Path) -> subprocess.CompletedProcess[str]:
    """``python site.py init FOLDER``, asserted to succeed."""
    result = run_site("init", folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A new site made by ``init`` in a temporary folder."""
    init(tmp_path / "my-site")
    return tmp_path / "my-site"


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


def make(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    """``make ARGS`` as typed in a shell at ``cwd``, without this run's own make variables
    (pytest may itself run under ``make test``) or SITE_ROOT."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SITE_ROOT", "SITE")}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


# --- init -----------------------------------------------------------------------------------

def test_init_writes_a_site_folder_with_its_settings_content_and_overrides(
        tmp_path: Path) -> None:
    root = tmp_path / "my-site"
    init(root)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [".gitignore", "content/about.md", "content/docs/index.md",
                     "content/index.md", "content/posts/hello-world.md", "site.toml",
                     "static/README.md", "templates/README.md"]
    config = (root / "site.toml").read_text(encoding="utf-8")
    assert 'title = "My site"' in config
    for switch in ("search", "social_cards", "json_api", "categories", "paginate_terms"):
        assert f"\n# {switch} = false" in config  # shown, explained, and off until chosen
    assert "# [feeds]" in config and "# [markdown]" in config and "# [params]" in config
    # Uncommented, the switches are top-level keys: they come before the first table.
    assert config.index("# search = false") < config.index("[[menu]]")
    assert "theme/post.html" in (root / "templates/README.md").read_text(encoding="utf-8")
    assert "extra.css" in (root / "static/README.md").read_text(encoding="utf-8")
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/build/", "/.build-previous/", "/.cache/"} <= set(ignored)
    every_text = "".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file())
    assert "${" not in every_text  # (every value filled in)
    assert f"{shlex.join([sys.executable, str(SITE_PY)])} new --root ." in every_text


def test_init_prints_next_commands_that_work_as_printed(tmp_path: Path) -> None:
    """The printed commands name the engine and its Python by absolute path: after `cd`,
    the build line, copied as it is, builds the new site."""
    root = tmp_path / "my-site"
    printed = init(root).stdout
    assert f"cd {root}" in printed
    site_py = shlex.join([sys.executable, str(SITE_PY)])
    assert f"{site_py} serve --root ." in printed
    assert f"make -C {PROJECT} serve SITE={root}" in printed
    build_line = next(line for line in printed.splitlines() if line.endswith(" build --root ."))
    result = subprocess.run(shlex.split(build_line), cwd=root, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "build/index.html").is_file()


def test_the_new_site_builds_without_warnings_and_passes_check(starter: Path) -> None:
    result = run_site("check", "--root", starter)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no problems" in result.stdout
    assert "warning" not in output.lower() and "Traceback" not in output
    home = built_page(starter / "build", "/")
    assert home.select_one(".site-title").get_text() == "My site"
    assert [a.get_text() for a in home.select("nav .menu a")] == ["Blog", "Docs", "About"]
    assert "Hello, world" in home.get_text()  # the starter's post is published today
    for url in ("/posts/hello-world/", "/about/", "/docs/", "/archive/", "/tags/welcome/"):
        built_page(starter / "build", url)


def test_every_setting_shown_commented_out_works_once_uncommented(starter: Path) -> None:
    """The switches and tables that site.toml shows as comments are the engine's keys, in
    places where TOML reads them as meant: uncommented, all of them, the site still builds
    with no warning and passes check."""
    config = starter / "site.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    settings = [re.sub(r"^# (?=\[|[a-z_]+ = )", "", line) for line in lines]
    assert sum(a != b for a, b in zip(lines, settings, strict=True)) >= 15
    config.write_text("\n".join(settings) + "\n", encoding="utf-8")
    result = run_site("check", "--root", starter)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower() and "no problems" in result.stdout
    assert not (starter / "build/search").exists()  # (search = false was read)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter-1.md").write_text("My own words.\n", encoding="utf-8")
    result = run_site("init", folder)
    assert result.returncode == 1
    assert f"error: {folder} exists and is not empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in folder.iterdir()] == ["chapter-1.md"]
    assert (folder / "chapter-1.md").read_text(encoding="utf-8") == "My own words.\n"
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes\n", encoding="utf-8")
    result = run_site("init", a_file)
    assert result.returncode == 1 and "is not a folder" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "notes\n"


def test_init_fills_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    init(folder)
    assert (folder / "site.toml").is_file()


# --- The commands on the new site -----------------------------------------------------------

def test_a_post_written_in_the_new_site_is_built(starter: Path) -> None:
    (starter / "content/posts/a-trip-to-the-sea.md").write_text(POST, encoding="utf-8")
    out = build_ok(starter)
    page = built_page(out, "/posts/a-trip-to-the-sea/")
    assert page.h1.get_text() == "A trip to the sea"
    assert page.select_one("article a[href$='/about/']") is not None
    assert built_page(out, "/").find("a", string="A trip to the sea") is not None
    assert (out / "tags/travel/index.html").is_file()


def test_new_serve_and_clean_work_on_the_new_site(starter: Path) -> None:
    (starter / "content/posts/a-trip-to-the-sea.md").write_text(POST, encoding="utf-8")
    result = run_site("new", "--root", starter, "Plans for next year")
    assert result.returncode == 0, result.stderr
    draft = starter / "content/posts/plans-for-next-year.md"
    assert Path(result.stdout.strip()) == draft
    assert "draft: true" in draft.read_text(encoding="utf-8")
    with dev_server(starter) as port:
        status, body = get(port, "/posts/a-trip-to-the-sea/")
        assert status == 200 and "We went to the sea." in body
        status, body = get(port, "/posts/plans-for-next-year/")  # drafts are previewed
        assert status == 200 and "Plans for next year" in body
    out = build_ok(starter)
    assert not (out / "posts/plans-for-next-year").exists()  # ... and never published
    result = run_site("clean", "--root", starter)
    assert result.returncode == 0, result.stderr
    assert not (starter / "build").exists() and not (starter / ".cache").exists()
    assert draft.is_file() and (starter / "site.toml").is_file()


def test_deploy_publishes_the_new_sites_build(starter: Path, tmp_path: Path) -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is missing: .ci/run installs it")
        pytest.skip("rsync is not installed (apt-get install rsync); deploy test skipped")
    out = build_ok(starter)
    target = tmp_path / "www"
    result = run_site("deploy", "--root", starter, "--target", f"{target}/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "posts/hello-world/index.html").read_bytes() == \
        (out / "posts/hello-world/index.html").read_bytes()


def test_site_root_in_the_environment_names_the_site(starter: Path) -> None:
    (starter / "content/posts/a-trip-to-the-sea.md").write_text(POST, encoding="utf-8")
    result = run_site("build", env={"SITE_ROOT": str(starter)})
    assert result.returncode == 0, result.stderr
    assert (starter / "build/posts/a-trip-to-the-sea/index.html").is_file()


# --- A folder that is not a site -------------------------------------------------------------

def command_line(command: str, root: Path) -> list[str | Path]:
    """``COMMAND --root ROOT`` with what else the command needs."""
    extra = {"new": ["A title"], "deploy": ["--target", str(root.parent / "www")]}
    return [command, "--root", root, *extra.get(command, [])]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_root_is_an_error_that_creates_nothing(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such-site"
    result = run_site(*command_line(command, missing))
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"error: --root {missing} does not exist; create a site with "
            f"`python site.py init {missing}`") in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists() and sorted(tmp_path.iterdir()) == []


def test_a_missing_site_root_in_the_environment_is_the_same_error(tmp_path: Path) -> None:
    """SITE_ROOT given as a relative path (as `make build SITE=...` does) is named with the
    absolute path it was read as, so a `make -C` from elsewhere shows where it looked."""
    result = run_site("build", cwd=tmp_path, env={"SITE_ROOT": "mysite"})
    assert result.returncode == 1
    assert (f"error: SITE_ROOT=mysite ({tmp_path / 'mysite'}) does not exist"
            in result.stderr)
    assert "Traceback" not in result.stderr and not (tmp_path / "mysite").exists()


@pytest.mark.parametrize("command", ["build", "serve", "check", "new"])
def test_a_folder_without_site_toml_or_content_is_not_a_site(tmp_path: Path,
                                                             command: str) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "beach.jpg").write_bytes(b"\xff\xd8")
    result = run_site(*command_line(command, folder))
    assert result.returncode == 1
    assert f"error: --root {folder} is not a site folder" in result.stderr
    assert "site.py init" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in folder.iterdir()] == ["beach.jpg"]  # no build/, .cache/, content/


# --- make ----------------------------------------------------------------------------------

def test_make_build_installs_no_test_dependency(tmp_path: Path) -> None:
    """On a first run (a new virtual environment), `make build` installs requirements.txt
    alone, which names no test or lint tool; `make test` adds requirements-test.txt."""
    venv = f"VENV={tmp_path / 'venv'}"
    build = make("-n", "build", venv).stdout
    assert "first run only, about a minute" in build
    assert re.findall(r"-r (\S+)", build) == ["requirements.txt"]
    assert re.findall(r"-r (\S+)", make("-n", "test", venv).stdout) == [
        "requirements.txt", "requirements-test.txt"]
    names = {re.split(r"[=<>~\[; ]", line.strip(), maxsplit=1)[0].lower()
             for line in (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith(("#", "-"))}
    assert "flask" in names
    tools = {"pytest", "playwright", "hypothesis", "beautifulsoup4", "bs4", "mypy", "ruff",
             "radon", "axe-playwright-python", "markdown-it-py"}
    assert not names & tools


def test_make_help_lists_init() -> None:
    result = make("help")
    assert re.search(r"make init +Create a new site folder", result.stdout), result.stdout
    assert "SITE=DIR" in result.stdout


def test_make_init_then_build_check_and_clean_with_site(tmp_path: Path) -> None:
    """`make init DIR=` and `make build SITE=`: from the engine's folder with a relative
    SITE, and with `make -C ENGINE` from the site's own folder with SITE=$PWD."""
    root = tmp_path / "mysite"
    result = make("init", f"DIR={root}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"make -C {PROJECT} serve SITE={root}" in result.stdout
    (root / "content/posts/a-trip-to-the-sea.md").write_text(POST, encoding="utf-8")
    relative = os.path.relpath(root, PROJECT)
    result = make("build", f"SITE={relative}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "build/posts/a-trip-to-the-sea/index.html").is_file()
    result = make("-C", str(PROJECT), "check", f"SITE={root}", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checked {root / 'build'}: no problems." in result.stdout
    result = make("-C", str(PROJECT), "clean", f"SITE={root}", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / "build").exists() and (root / "site.toml").is_file()


def test_make_with_a_missing_site_says_where_it_looked(tmp_path: Path) -> None:
    result = make("-C", str(PROJECT), "build", "SITE=mysite", cwd=tmp_path)
    assert result.returncode != 0
    assert f"SITE_ROOT=mysite ({PROJECT / 'mysite'}) does not exist" in result.stderr
    assert not (PROJECT / "mysite").exists()
