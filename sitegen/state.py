"""The loaded site, kept for the app's lifetime; in preview, reloaded when a file changes."""
from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import threading
import time
from pathlib import Path

from sitegen.assets import StaticFile, collect_static
from sitegen.buildstate import ReadLog, site_entries
from sitegen.cache import Cache
from sitegen.config import SiteConfig, load_config
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import FileStats, settled_cutoff, stat_files
from sitegen.lastload import KeptLoad, kept_load, restore_load
from sitegen.links import OtherPages
from sitegen.load import load_site, reload_body
from sitegen.markdown import warm_up
from sitegen.models import Site

_SETTLED_SECONDS = 1.0  # no save for this long: the preview tidies its memory


class LoadedSite:
    """The :class:`Site` and static files of one project folder.

    ``preview`` includes drafts and scheduled posts, and reloads on the first request after
    any file under ``content/``, ``templates/``, ``static/`` or ``site.toml`` changed.
    ``cache`` keeps work for the reloads and the next build; ``reads``, while a build
    freezes, notes what each URL reads (see :mod:`sitegen.buildstate`). ``other_pages``
    are the pages of the site's hooks.py, which links may name.
    """

    def __init__(self, root: Path, theme_dir: Path, *, preview: bool, cache: Cache,
                 jobs: int | None = None, other_pages: OtherPages | None = None):
        self.root = root
        self.other_pages = other_pages
        self.theme_dir = theme_dir
        self.preview = preview
        self.cache = cache
        self.jobs = jobs
        self.reads: ReadLog | None = None
        self.hook_urls: list[str] = []  # what the site's hooks.py publishes
        self._lock = threading.Lock()
        self._fingerprint: FileStats | None = None
        self._templates_fingerprint: FileStats | None = None
        self._site: Site | None = None
        self._static: dict[str, StaticFile] = {}
        self._static_fingerprint: FileStats | None = None
        self._static_by_hashed_name: dict[str, StaticFile] = {}
        self._error: AuthorErrors | None = None
        self.version = 0
        self.templates_version = 0
        self.quick_reloads = 0  # saves taken by reloading their bodies only
        self._reloaded_at = 0.0
        self._frozen_version = -1
        self.kept: KeptLoad | None = None  # (a build's load, for the next: see sitegen.lastload)
        self.reload()
        if preview:
            warm_up()

    @property
    def watched(self) -> list[Path]:
        """Everything whose change means the site must be reloaded."""
        folders = [self.root / "content", self.root / "templates", self.root / "static",
                   self.root / "data", self.root / "site.toml"]
        if self.theme_dir != self.root:
            folders += [self.theme_dir / "templates", self.theme_dir / "static"]
        return [path for path in folders if path.exists()]

    @property
    def static_folders(self) -> list[Path]:
        """The site's own static folder first, then the theme's."""
        return [self.root / "static", self.theme_dir / "static"]

    def reload(self, fingerprint: FileStats | None = None) -> None:
        """Load the content and static files again; in preview keep the error to show it.
        ``version`` goes up, and ``templates_version`` too if a template changed. A build
        restores the last build's load if it can (see :mod:`sitegen.lastload`)."""
        settled_before = settled_cutoff()  # (before the stats are taken)
        fingerprint = fingerprint if fingerprint is not None else stat_files(self.watched)
        templates = _under(fingerprint, [folder / "templates"
                                         for folder in (self.root, self.theme_dir)])
        if templates != self._templates_fingerprint:
            self._templates_fingerprint = templates
            self.templates_version += 1
        keeps = not self.preview and self.other_pages is None  # (a build, without hooks.py)
        try:
            self.kept = restore_load(self.cache, fingerprint) if keeps else None
            if self.kept is not None:
                self._site = self.kept.site
            else:
                self._site = load_site(self.root, include_drafts=self.preview,
                                       cache=self.cache, jobs=self.jobs,
                                       file_stats=fingerprint, other_pages=self.other_pages)
                self.kept = kept_load(self._site, self.cache, fingerprint, settled_before) \
                    if keeps else None
            if self.preview:
                # The load made a million objects with the garbage collector paused: its
                # first pass over them would land in this save's request. They are kept out
                # of its sight until saves settle (see _set_loaded_site_aside, which collects
                # the reloads' garbage then).
                gc.freeze()
            static_files = _under(fingerprint, self.static_folders)
            if static_files != self._static_fingerprint:  # (a save under content/: the same)
                self._static = collect_static(self.static_folders)
                self._static_by_hashed_name = {static.hashed_name: static
                                               for static in self._static.values()}
                self._static_fingerprint = static_files
            self._error = None
        except AuthorError as error:
            self._error = AuthorErrors([error])
        except AuthorErrors as errors:
            self._error = errors
        if self.preview:
            tell_preview_error(str(self._error) if self._error is not None else "")
        self._fingerprint = fingerprint
        self.version += 1
        self._reloaded_at = time.monotonic()
        if self._error is not None and not self.preview:
            raise self._error

    def refresh(self) -> None:
        """In preview, reload if anything changed since the last load (``version`` goes up):
        only the saved bodies, when that is all that changed (see
        :func:`~sitegen.load.reload_body`), else the whole site."""
        if self.preview:
            with self._lock:
                fingerprint = stat_files(self.watched)
                if fingerprint != self._fingerprint:
                    if not self._reload_bodies(fingerprint):
                        self.reload(fingerprint)
                elif time.monotonic() - self._reloaded_at > _SETTLED_SECONDS:
                    self._set_loaded_site_aside()

    def _reload_bodies(self, fingerprint: FileStats) -> bool:
        """Take the saves that changed ``fingerprint`` in place if they are saves of
        sources' bodies only (see :func:`~sitegen.load.reload_body`); False if
        the site must be loaded again."""
        last = self._fingerprint or {}
        changed = {name for name in fingerprint.keys() | last.keys()
                   if fingerprint.get(name) != last.get(name)}
        if self._error is not None or self._site is None \
                or not all(name in last and name in fingerprint for name in changed):
            return False
        by_source = {str(entry.source): entry for entry in site_entries(self._site)}
        entries = [by_source.get(name) for name in changed]
        now = dt.datetime.now(self._site.config.tz)
        for entry in entries:  # (the first that cannot be taken so stops the rest)
            if entry is None or not reload_body(self._site, entry, self.cache, fingerprint,
                                                now):
                return False
        self.quick_reloads += 1
        self._fingerprint = fingerprint
        self.version += 1
        self._reloaded_at = time.monotonic()
        return True

    def _set_loaded_site_aside(self) -> None:
        """Once saves have settled, collect the garbage of the reloads, then keep what is
        loaded out of the garbage collector's sight (``gc.freeze``), so that its full passes
        over the whole site do not land in the next save's reload."""
        if self._frozen_version != self.version:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._frozen_version = self.version

    @property
    def site(self) -> Site:
        """The loaded site; raises the author's errors if the last load failed."""
        if self._error is not None:
            raise self._error
        assert self._site is not None
        return self._site

    @property
    def config(self) -> SiteConfig:
        """The site's configuration, even while its content has errors (then: defaults)."""
        if self._site is not None:
            return self._site.config
        try:
            return load_config(self.root / "site.toml")
        except (AuthorError, AuthorErrors):
            return SiteConfig()

    @property
    def static(self) -> dict[str, StaticFile]:
        """Static files by logical name."""
        return self._static

    def static_by_hashed_name(self, hashed_name: str) -> StaticFile | None:
        """The static file published as ``/static/<hashed_name>``, if any."""
        return self._static_by_hashed_name.get(hashed_name)


_last_told = ""  # the preview's last error told in the terminal


def tell_preview_error(text: str) -> None:
    """Print a preview's error in the terminal (as well as on the page), once until it is
    fixed or another one comes: the page is asked for again and again meanwhile. An empty
    ``text`` says the last one was fixed."""
    global _last_told
    if text and text != _last_told:
        print(f"{text}\n(shown in the browser until it is fixed)", file=sys.stderr, flush=True)
    _last_told = text


def _under(stats: FileStats, folders: list[Path]) -> FileStats:
    """The part of ``stats`` for the files under ``folders``."""
    prefixes = tuple(str(folder) + os.sep for folder in folders)
    return {name: stat for name, stat in stats.items() if name.startswith(prefixes)}
