"""The commands of ``python site.py ...`` (the same as ``make help`` lists): init, build,
serve, new, check, deploy, clean and test.

Every command but ``init`` and ``test`` works on one site folder, ``--root DIR`` (or
``SITE_ROOT``; this engine's own demo site by default), which must exist: a mistyped folder
is refused before anything is written, never created."""
from __future__ import annotations

import datetime
import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NoReturn

import click
from click.core import ParameterSource
from flask import Flask

from sitegen import cache, drafts, pipeline, search, starter
from sitegen.build import WorkerError, frozen_urls, template_error
from sitegen.buildstart import BegunBuild, BuildLockedError
from sitegen.check import check_build as check_output
from sitegen.config import load_config
from sitegen.errors import AuthorError, AuthorErrors, ctrl_c_ignored_to_the_end
from sitegen.fingerprint import PROJECT
from sitegen.manifest import UP_TO_DATE, BuildCheck, check_build
from sitegen.output import (
    MARKER,
    is_site_folder,
    lock_file,
    remove,
    remove_leftovers,
    staging_folder,
)

_NAMED_DRAFTS = 5  # the drafts a build's summary names


@dataclass
class SiteDefinition:
    """What ``site.py`` gives the commands: its app factory, its URL generator, and the
    no-change check it made before the engine was imported and the build it began then
    (None if it made or began none: see :func:`sitegen.buildstart.begin_before_imports`)."""

    create_app: Callable[..., Flask]
    urls: Callable[[], Iterable[str]]
    precheck: BuildCheck | None = None
    begun: BegunBuild | None = None


def fail(errors: list[AuthorError] | AuthorErrors,
         outcome: str = "Build failed; build/ was left as it was.") -> NoReturn:
    """Print author mistakes once each, then ``outcome``, and exit non-zero, without a
    traceback."""
    for error in (errors.errors if isinstance(errors, AuthorErrors) else errors):
        click.secho(str(error), fg="red", err=True)
    click.echo(outcome, err=True)
    sys.exit(1)


def stop(message: str) -> NoReturn:
    """Print an error that is not an author's mistake and exit non-zero."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(1)


def root_named(context: click.Context, root: Path) -> str:
    """``--root DIR`` or ``SITE_ROOT=DIR``, as the author gave it, with its absolute path
    when it was relative (``make -C`` reads a relative one from the engine's folder)."""
    from_environment = context.get_parameter_source("root") is ParameterSource.ENVIRONMENT
    named = f"SITE_ROOT={root}" if from_environment else f"--root {root}"
    absolute = os.path.abspath(root)
    return named if str(root) == absolute else f"{named} ({absolute})"


def existing_root(context: click.Context, _: click.Parameter, root: Path) -> Path:
    """Refuse a site folder that does not exist, before anything creates it."""
    try:
        root.stat()
    except (FileNotFoundError, NotADirectoryError):
        stop(f"{root_named(context, root)} does not exist; create a site with "
             f"`python site.py init {root}`")
    except OSError:
        pass  # (there but unreadable: the command says what it cannot read)
    return root


def site_root(context: click.Context, parameter: click.Parameter, root: Path) -> Path:
    """Refuse a site folder that does not exist or is not a site (it has neither
    site.toml nor content/)."""
    existing_root(context, parameter, root)
    try:
        if is_site_folder(root):
            return root
        empty = not any(root.iterdir())
    except OSError:
        return root  # (unreadable: the command says so, naming the file)
    fix = (f"create a site in it with `python site.py init {root}`" if empty else
           "give the folder that holds site.toml, or create a site with "
           "`python site.py init NEW_FOLDER`")
    stop(f"{root_named(context, root)} is not a site folder (it has neither site.toml nor "
         f"content/); {fix}")


def root_option(check: Callable[[click.Context, click.Parameter, Path], Path]) -> Callable[
        [Callable[..., None]], Callable[..., None]]:
    """The ``--root`` option (or ``SITE_ROOT``), its folder checked by ``check``."""
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                        default=PROJECT, envvar="SITE_ROOT", show_default="this folder",
                        callback=check, help="Site folder with content/ and site.toml.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Create, build, preview, check, deploy and clean a site (the same commands as `make
    help`): this engine's demo site, or the site folder given to --root or SITE_ROOT."""


def report(message: str, *, warning: bool = False) -> None:
    """Tell the author what the build does (on standard error)."""
    click.secho(message, fg="yellow" if warning else None, err=True)


@cli.command()
@root_option(site_root)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: ROOT/build].")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              envvar="JOBS", show_default="one per core",
              help="Processes that render and write pages.")
@click.pass_obj
def build(definition: SiteDefinition, root: Path, out: Path | None, jobs: int) -> None:
    """Build the site into build/ (atomically: a failed build keeps the old one)."""
    root, out = root.resolve(), (out or root / "build").resolve()
    checked, begun = definition.precheck, definition.begun
    if checked is None or (checked.root, checked.out) != (root, out):
        if begun is not None:
            begun.close()
        checked, begun = check_build(root, out, PROJECT), None
    if checked.up_to_date:
        click.echo(UP_TO_DATE.format(out=out))
        return
    started = datetime.datetime.now()
    try:
        built = pipeline.build(lambda folder, workers: definition.create_app(folder, jobs=workers),
                               partial(frozen_urls, generator=definition.urls), checked,
                               jobs, report, begun)
    except AuthorErrors as errors:
        fail(errors)
    except AuthorError as error:  # (a template mistake reported by a worker process)
        fail([error])
    except (BuildLockedError, search.SearchIndexError) as error:
        stop(str(error))
    except WorkerError as error:  # a bug, not an author's mistake: show where
        stop(f"building failed in a worker process:\n{error}")
    except OSError as error:
        stop(file_system_error(error, out))
    except pipeline.UnrecordedBuild as error:
        stop(f"{out} holds the new build, but the cache {root / '.cache' / cache.FILE} could "
             f"not record it ({error}): check that .cache/ is writable and the disk has room "
             "(the next build redoes the work it would have reused)")
    except sqlite3.Error as error:
        stop(f"the cache {root / '.cache' / cache.FILE} cannot be written ({error}); check "
             f"that .cache/ is writable and the disk has room (deleting .cache/ is safe); "
             f"{out} was left as it was")
    except Exception as error:  # a template or Frozen-Flask problem: name it, no traceback
        author_error = template_error(error)
        if author_error is None:
            raise
        fail([author_error])
    ctrl_c_ignored_to_the_end()  # (the build is in place: saying so is all that is left)
    _report_built(built, out, (datetime.datetime.now() - started).total_seconds(), root)


def file_system_error(error: OSError, out: Path) -> str:
    """What to tell the author when a file cannot be read or written, and what to do."""
    where = f"{error.filename}: " if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        fix = "free some disk space, then build again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make that folder writable, or build elsewhere with --out"
    elif error.errno == errno.ENOENT:
        fix = "a file was moved or deleted while the site was built: build again"
    else:
        fix = "check the disk and the folder's permissions, then build again"
    return f"{where}{error.strerror or error}; {fix} ({out} was left as it was)"


def _report_built(built: pipeline.Built, out: Path, seconds: float, root: Path) -> None:
    warnings, due = built.warnings, built.next_scheduled
    click.echo(f"Built {built.pages} pages and {built.files} other files into {out} "
               f"in {seconds:.2f} s" + (f", with {warnings} warning(s)" if warnings else "")
               + ".")
    drafts = built.skipped_drafts
    left_out = [_count(len(drafts), "draft"), _count(built.skipped_scheduled, "scheduled post")]
    if any(left_out):
        click.echo(f"Left out {' and '.join(part for part in left_out if part)} "
                   "(the preview, serve, shows them).")
    if drafts:  # (MkDocs publishes a docs page of "draft: true": its author asks which)
        more = f" and {len(drafts) - _NAMED_DRAFTS} more" if len(drafts) > _NAMED_DRAFTS else ""
        click.echo(f"  Drafts: {', '.join(drafts[:_NAMED_DRAFTS])}{more}.")
    if due:
        click.echo(f"Next scheduled post is due {due.isoformat()}; rebuild then to publish it.")


def _count(number: int, noun: str) -> str:
    """``2 drafts``, ``1 draft``, or "" for none."""
    return f"{number} {noun}{'s' if number != 1 else ''}" if number else ""


@cli.command()
@root_option(site_root)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, envvar="PORT", help="Port to listen on.")
@click.pass_obj
def serve(definition: SiteDefinition, root: Path, host: str, port: int) -> None:
    """Preview the site with drafts, reloading changed files."""
    try:
        app = definition.create_app(root, preview=True)
    except AuthorErrors as errors:  # (the site's hooks.py: content errors show in the page)
        fail(errors, "The preview did not start.")
    except AuthorError as error:
        fail([error], "The preview did not start.")
    app.config["PREVIEW_BOUND_HOST"] = host  # (the preview answers only its own host names)
    click.echo(f"Previewing {root} at http://{host}:{port}/ (drafts shown; Ctrl+C to stop)")
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


@cli.command()
@root_option(site_root)
@click.argument("title")
def new(root: Path, title: str) -> None:
    """Start a draft post titled TITLE in content/posts/ (never overwrites)."""
    try:
        path = drafts.new_post(root / "content", title, datetime.date.today())
    except FileExistsError as error:
        stop(f"{error} already exists; choose another title or edit it")
    except ValueError as error:
        stop(str(error))
    click.echo(path)


@cli.command()
@root_option(site_root)
@click.pass_context
def check(context: click.Context, root: Path) -> None:
    """Build, then verify build/: links, anchors, images, feeds, titles, descriptions."""
    context.invoke(build, root=root)  # (Click fills in the other options' defaults)
    problems = check_output(root / "build", load_config(root / "site.toml").base_path,
                            root / "content")
    for problem in problems:
        click.secho(problem, fg="red", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {root / 'build'}.", err=True)
        sys.exit(1)
    click.echo(f"Checked {root / 'build'}: no problems.")


@cli.command()
@root_option(existing_root)
@click.option("--target", envvar="DEPLOY_TARGET", required=True,
              help="rsync destination, e.g. user@host:/var/www/site/ [env: DEPLOY_TARGET].")
def deploy(root: Path, target: str) -> None:
    """Publish build/ with rsync, keeping the host's CNAME, .nojekyll and .well-known/."""
    out = root / "build"
    if not (out / "index.html").exists():
        stop(f"{out} has no site; run `make build` first")
    command = ["rsync", "--archive", "--delete", "--checksum", "--human-readable", "--stats",
               "--filter=P /CNAME", "--filter=P /.nojekyll", "--filter=P /.well-known/",
               f"--exclude=/{MARKER}",
               f"{out}/", target]
    click.echo(" ".join(command))
    try:
        sys.exit(subprocess.call(command))
    except FileNotFoundError:
        stop("rsync is not installed (apt-get install rsync)")


@cli.command()
@root_option(existing_root)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder the builds went to [default: ROOT/build].")
def clean(root: Path, out: Path | None) -> None:
    """Remove build/ (or --out), the previous build kept beside it, leftover temporary
    build folders and the caches (.cache/): only folders the generator wrote."""
    root, out = root.resolve(), (out or root / "build").resolve()
    kept = [folder for folder in (out, staging_folder(out)) if not remove(folder)]
    remove_leftovers(out)
    if not kept:
        lock_file(out).unlink(missing_ok=True)
    cache.remove_files(root / ".cache")
    for folder in kept:
        click.secho(f"Kept {folder}: it was not written by a build (it has no {MARKER} file).",
                    fg="yellow", err=True)
    click.echo(f"Removed the builds in {out.parent} and the cache in {root / '.cache'}.")
    if kept:
        sys.exit(1)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Create a new site in FOLDER (new or empty); print the next commands.

    It holds site.toml, a home page, a post, a docs page and an about page, and templates/
    and static/ for overriding the theme's."""
    try:
        # (UTC, the starter's time zone: its post is never dated after now)
        starter.create_site(folder, datetime.datetime.now(datetime.UTC).date())
    except starter.NotEmptyError as error:
        stop(str(error))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        stop(f"{where}{error.strerror or error}; choose a folder you can write to")
    click.echo(starter.next_steps(folder))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def test(pytest_args: tuple[str, ...]) -> None:
    """Run the test suite (arguments go to pytest)."""
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=PROJECT))


def main(definition: SiteDefinition) -> None:
    """Run the command line of ``site.py``."""
    cli.main(obj=definition)
