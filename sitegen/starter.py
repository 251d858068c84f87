"""A new site folder: ``python site.py init DIR`` (``make init DIR=...``).

The starter site is real files under ``sitegen/starter/``: ``site.toml`` (with every switch
shown, commented out), a home page, a post, a docs page, an about page, and ``templates/``
and ``static/`` holding only a README that says how overriding the theme works. They are
copied as they are, but for ``$title`` (from the folder's name), ``$today`` (the post's
date), ``$engine`` (this engine's absolute path) and ``$site_py`` (the command that runs its
``site.py`` with the Python running this one, so that what the files say can be copied and
run). ``gitignore`` is written as
``.gitignore`` (under its own name, git would read it in this repository).

It writes only into a new or empty folder, and never replaces a file: a folder that
already holds anything is refused before anything is written.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import sys
from pathlib import Path
from string import Template

from sitegen.fingerprint import PROJECT

STARTER = Path(__file__).with_name("starter")
RENAMED = {"gitignore": ".gitignore"}


class NotEmptyError(Exception):
    """The folder given to ``init`` exists and is not an empty folder."""


def create_site(folder: Path, today: dt.date) -> list[Path]:
    """Write the starter site into ``folder`` (made if missing, with its parents) and return
    the files written. Raises :class:`NotEmptyError` if ``folder`` is a file or a folder
    with anything in it, and ``OSError`` if it cannot be written."""
    folder = Path(os.path.abspath(folder))
    refuse_unless_empty(folder)
    values = {"title": json.dumps(site_title(folder), ensure_ascii=False),
              "today": today.isoformat(), "engine": str(PROJECT), "site_py": site_py()}
    written = []
    for source, relative in starter_files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = Template(source.read_text(encoding="utf-8")).substitute(values)
        with target.open("x", encoding="utf-8") as handle:  # (never replaces a file)
            handle.write(text)
        written.append(target)
    return written


def refuse_unless_empty(folder: Path) -> None:
    """Raise :class:`NotEmptyError` unless ``folder`` is missing or an empty folder."""
    if os.path.lexists(folder) and not folder.is_dir():
        raise NotEmptyError(f"{folder} exists and is not a folder; give init a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise NotEmptyError(f"{folder} exists and is not empty, and init never writes over "
                            "files; give it a new or empty folder")


def starter_files() -> list[tuple[Path, Path]]:
    """Each file of the starter site, with its path in the new site."""
    files = []
    for source in sorted(STARTER.rglob("*")):
        relative = source.relative_to(STARTER)
        if source.is_file() and not relative.name.startswith("."):
            files.append((source, relative.with_name(RENAMED.get(relative.name, relative.name))))
    return files


def site_title(folder: Path) -> str:
    """A title for the site from its folder's name: ``my-site`` -> ``My site``."""
    name = folder.name.encode("utf-8", "replace").decode("utf-8")  # (bytes of no encoding)
    words = name.replace("-", " ").replace("_", " ").split()
    title = " ".join(words) or "My site"
    return title[0].upper() + title[1:]


def site_py() -> str:
    """The command line that runs this engine's ``site.py``, from any folder: with the Python
    running this command (the engine's virtual environment's, as it was called: resolving
    its link would lose the environment)."""
    return shlex.join([os.path.abspath(sys.executable), str(PROJECT / "site.py")])


def next_steps(folder: Path) -> str:
    """What to run next, as commands that work from anywhere (absolute paths)."""
    command = site_py()
    where = shlex.quote(os.path.abspath(folder))
    return "\n".join([
        f"Created a new site in {where}. Preview it (drafts shown, pages reload as you save):",
        f"  cd {where}",
        f"  {command} serve --root .",
        "then build it into build/, or build it and check every link:",
        f"  {command} build --root .",
        f"  {command} check --root .",
        "or use make from any folder (serve, build, check, new TITLE=..., deploy, clean):",
        f"  make -C {shlex.quote(str(PROJECT))} serve SITE={where}",
    ])
