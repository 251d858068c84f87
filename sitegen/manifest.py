"""The no-change check: skip a build whose inputs and output are exactly as the last
successful build left them.

The last build's summary (in the cache file's ``state`` namespace, written by
:func:`sitegen.buildstate.commit`) holds a digest of every input (site.toml, content/, the
site's and the theme's templates/ and static/, the engine's code and pinned requirements), a
listing of the output folder, and when the next scheduled post falls due. Any difference
means a build. This module and what it imports use the standard library only: ``site.py``
asks it before Flask and the engine are imported.
"""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sitegen.cache import read_state_row
from sitegen.fingerprint import KnownFiles, files_digest, folder_listing, value_digest

UP_TO_DATE = "Nothing changed since the last build; {out} is up to date."


def settings_and_engine(root: Path, engine: Path) -> list[Path]:
    """What a build reads apart from ``content/``: ``site.toml``, the site's data files and
    Python (``hooks.py`` and the files it imports), the site's and the theme's templates and
    static files, the engine's code and its pinned requirements."""
    return [root / "site.toml", root / "data", *sorted(root.glob("*.py")), root / "templates",
            root / "static", engine / "site.py",
            engine / "sitegen", engine / "templates", engine / "static",
            engine / "requirements.txt"]


# What a build reads whole under content/ (the Markdown sources and authors.yml: see
# sitegen.sources and sitegen.entries): of the other files there, only
# those that pages link to are published, and copied as they are.
# The file names of Markdown sources: Pelican reads .mkd and .mdown too.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".mkdn", ".mdwn")
READ_UNDER_CONTENT = (*MARKDOWN_SUFFIXES, "/authors.yml")


def inputs_digest(root: Path, engine: Path, known: KnownFiles | None = None,
                  found: KnownFiles | None = None, changed: list[str] | None = None) -> str:
    """SHA-256 over the paths and bytes of everything a build reads; under ``content/``, over
    the bytes of the sources and the stats of the other files (none of which is opened: a
    large video costs nothing, a named pipe does not hang). A file whose stats are as
    ``known`` has them is not read again; what is read is added to ``found``, and the names
    of the files whose bytes ``known`` did not have to ``changed`` (see
    :func:`~sitegen.fingerprint.files_digest`)."""
    content = files_digest([root / "content"], lambda name: name.endswith(READ_UNDER_CONTENT),
                           known, found, changed)
    return value_digest([content, files_digest(settings_and_engine(root, engine),
                                               known=known, found=found, changed=changed)])


def build_summary(checked: BuildCheck, output: str, next_scheduled: dt.datetime | None,
                  shares_previous: bool) -> dict[str, Any]:
    """What the no-change check needs of a successful build: the digest of the inputs it
    started from (a file saved during the build makes the next one run) with the files'
    digests found for it, and the :func:`~sitegen.fingerprint.folder_listing` of its
    ``output``; and whether it ``shares_previous``: most of its files with the build before
    it (see :attr:`BuildCheck.shares_previous`)."""
    return {"out": str(checked.out), "inputs": checked.inputs, "files": checked.files,
            "output": output,
            "next_scheduled": next_scheduled.isoformat() if next_scheduled else None,
            "shares_previous": shares_previous}


def is_up_to_date(recorded: Any, inputs: str, out: Path, now: dt.datetime) -> bool:
    """Whether the last build, which ``recorded`` its summary (see :func:`build_summary`), was
    of these exact ``inputs`` (see :func:`inputs_digest`) into ``out``, and is still there
    and current."""
    if not isinstance(recorded, dict):
        return False
    due = recorded.get("next_scheduled")
    if due and now >= dt.datetime.fromisoformat(due):
        return False  # a scheduled post is due: it must be published now
    return (recorded.get("out") == str(out)
            and recorded.get("inputs") == inputs
            and recorded.get("output") == folder_listing(out))


@dataclass(frozen=True)
class BuildCheck:
    """What the no-change check found for a build of ``root`` into ``out``."""

    root: Path
    out: Path
    inputs: str  # see inputs_digest
    up_to_date: bool
    files: KnownFiles = field(default_factory=dict)  # the digests of the files read for it
    # Whether the last build shares most of its files with the one before it (kept beside it
    # as the staging folder): if not, no build starts from that folder, which the next build
    # deletes while it loads (see sitegen.buildstate.Rebuild.recycling_pays).
    shares_previous: bool = True
    # The files read whose bytes the last build's summary did not have: new or edited since
    # (every file read, without a summary). A build starts indexing their pages for search
    # before it loads the site (see sitegen.earlysearch.start_waiting).
    changed: tuple[str, ...] = ()
    # The processes the command line asks for (--jobs, or JOBS; None: one per core).
    jobs: int | None = None


def check_build(root: Path, out: Path, engine: Path) -> BuildCheck:
    """Whether a build of ``root`` into ``out`` has nothing to do, with the digest of its
    inputs (which a successful build records, with the files' digests found for it: the
    next check reads again only the files whose stats changed)."""
    recorded = read_state_row(root / ".cache", "summary")
    known = recorded.get("files") if isinstance(recorded, dict) else None
    found: KnownFiles = {}
    changed: list[str] = []
    inputs = inputs_digest(root, engine, known if isinstance(known, dict) else None, found,
                           changed)
    shares_previous = not isinstance(recorded, dict) or recorded.get("shares_previous") is not False
    return BuildCheck(root, out, inputs, is_up_to_date(recorded, inputs, out,
                                                       dt.datetime.now(dt.UTC)), found,
                      shares_previous, tuple(changed))


def answer_unchanged_build(args: list[str], engine: Path,
                           environ: Mapping[str, str]) -> BuildCheck | None:
    """For ``site.py``'s command line ``args``: if it asks for a build that has nothing to
    do, say so and exit; else return what :func:`check_command_line` found."""
    checked = check_command_line(args, engine, environ)
    if checked is not None and checked.up_to_date:
        print(UP_TO_DATE.format(out=checked.out))
        sys.exit(0)
    return checked


def check_command_line(args: list[str], engine: Path,
                       environ: Mapping[str, str]) -> BuildCheck | None:
    """:func:`check_build` for ``site.py``'s command line ``args``, when they ask for a build
    (``build`` with no options but ``--root``, ``--out`` and ``--jobs``); else None, and the
    command decides as usual.

    ``site.py`` asks this before it imports Flask and the engine; a build that has work to
    do is handed the digest found here. The folders are found as the ``build`` command
    finds them.
    """
    if not args or args[0] != "build":
        return None
    options: dict[str, str] = {}
    rest = args[1:]
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name.startswith("-j") and len(name) > 2 and not equals:  # -j2
            name, equals, value = "-j", "=", name[2:]
        name = {"-j": "--jobs"}.get(name, name)
        if name not in ("--root", "--out", "--jobs") or name in options:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        options[name] = value
    jobs = options.get("--jobs", environ.get("JOBS"))
    if jobs is not None and (not jobs.isdigit() or int(jobs) < 1):
        return None  # (the command says what is wrong)
    root = Path(options.get("--root") or environ.get("SITE_ROOT") or engine).resolve()
    checked = check_build(root, Path(options.get("--out") or root / "build").resolve(), engine)
    return replace(checked, jobs=None if jobs is None else int(jobs))
