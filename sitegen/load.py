"""Walk ``content/`` and turn every source into validated, rendered content objects.

:func:`load_site` runs the phases in order, each in a module of its own: read the sources
(:func:`sitegen.sources.read_sources`), parse their front matter
(:func:`sitegen.entries.parse_front_matter`), index their URLs
(:func:`sitegen.urlindex.index_urls`), render the bodies and resolve their links
(:func:`sitegen.bodies.render_bodies`, :func:`sitegen.bodies.resolve_links`), and assemble
the site (:func:`sitegen.assemble.assemble`). Work whose inputs did not change since the
last load (this preview's, or the last build's) is taken from the cache
(:mod:`sitegen.cache`). :func:`reload_body` is the preview's quick reload of one body.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from sitegen.assemble import assemble
from sitegen.bodies import (
    LINKS_HTML,
    LinksAhead,
    edited_body,
    link_context,
    render_bodies,
    resolve_links,
    take_edited_body,
)
from sitegen.cache import Cache
from sitegen.config import load_config
from sitegen.data import load_data
from sitegen.entries import (
    BODIES,
    LAST_LOAD,
    dated_pages,
    entry_without_body,
    new_bodies,
    parse_front_matter,
    slugged_folder_pages,
    translations,
    unknown_field_notes,
    unused_term_notes,
    without_bundled_sources,
    without_readmes_beside_indexes,
)
from sitegen.errors import AuthorError
from sitegen.fingerprint import FileStats
from sitegen.lastload import forget_load
from sitegen.links import OtherPages
from sitegen.markdown import use_site_extensions
from sitegen.models import Entry, Site
from sitegen.render_cache import BodyPool, RenderedBodies
from sitegen.sources import read_sources
from sitegen.unlinked import unlinked_files
from sitegen.urlindex import index_urls

# The memos kept in the cache file for the next load (the texts' digests are kept in memory
# only: their keys are whole texts; "sources" holds them by the stats of their files).
MEMOS = ("sources", "entries", "links", "summaries", "related")
# A build's load lets go of the HTML it rendered (see leave_html_in_cache) above this many
# characters: 125 MB of its process's 552 MB at 10,000 posts. Reading each body's HTML back
# when a page shows it costs about 2% of a clean build's time: a smaller site keeps it (15 MB
# at 1,000 posts).
LET_GO_OF_HTML_ABOVE = 64 * 1024 * 1024


def load_site(root: Path, *, include_drafts: bool = False, now: dt.datetime | None = None,
              cache: Cache | None = None, jobs: int | None = None,
              file_stats: FileStats | None = None,
              other_pages: OtherPages | None = None) -> Site:
    """Load ``root/site.toml`` and ``root/content/`` into a :class:`Site`.

    Drafts and future-dated entries are left out entirely unless ``include_drafts`` (preview,
    where broken links are also shown as warnings on their pages instead of stopping).
    Bodies are rendered by ``jobs`` processes (default: one per core). ``file_stats`` are
    the modification times, sizes and change times of the files under content/ (see
    :func:`~sitegen.fingerprint.stat_files`), if the caller has just looked.
    Work done for an earlier load (rendered bodies, front matter, links) is taken from
    ``cache``. Raises :class:`AuthorErrors` listing every author mistake found.
    """
    cache = cache if cache is not None else Cache(None)
    # A load makes a million objects and few cycles: the garbage collector's passes over
    # them would only cost time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_site(root, include_drafts, now, cache, jobs, file_stats, other_pages)
    finally:
        if collecting:
            gc.enable()


def _load_site(root: Path, include_drafts: bool, now: dt.datetime | None, cache: Cache,
               jobs: int | None, file_stats: FileStats | None,
               other_pages: OtherPages | None) -> Site:
    """The phases of :func:`load_site`, in order."""
    site, warnings = start_site(root)
    config = site.config
    forget_load(cache)  # (a whole load may remove the cache rows it reads)
    cache.restore_memos(MEMOS)
    for name in MEMOS:
        cache.memo(name).start_load(remember=True)
    now = now or dt.datetime.now(config.tz)
    sources = read_sources(root / "content", cache, include_drafts, file_stats, warnings)
    for leave_out in (without_bundled_sources, without_readmes_beside_indexes):
        sources = leave_out(sources, root / "content", config, warnings)
    pool = BodyPool.for_load(cache, jobs, len(sources))  # (rendering while the load goes on)
    try:
        all_entries, source_keys, authors = parse_front_matter(
            sources, root / "content", config, now, cache, include_drafts, warnings,
            file_stats, pool.add if pool.renders else None)
        warnings += dated_pages(all_entries, config) + translations(all_entries, config.language) \
            + unused_term_notes(all_entries, config) \
            + unknown_field_notes(all_entries, config) \
            + slugged_folder_pages(all_entries, config)
        entries = [e for e in all_entries if include_drafts or e.published]
        count_left_out(site, all_entries, include_drafts)
        site.source_count = len(entries)
        index_urls(site, entries, warnings)
        context = link_context(site, all_entries, entries, other_pages)
        ahead = LinksAhead(entries, context)
        rendered = render_bodies(entries, cache, jobs, include_drafts, ahead.rewrite, pool)
        ahead.finish()
    finally:
        pool.close()
    site.rendered_count = rendered.rendered_count
    rewritten = resolve_links(site, all_entries, entries, source_keys, rendered, cache,
                              include_drafts, authors, warnings, file_stats, context, ahead)
    site.warnings.extend(str(note).replace(": error:", ": warning:") for note in unlinked_files(
        root, site, all_entries, file_stats, include_drafts))
    assemble(site, entries, authors, cache)
    for name in MEMOS:
        cache.memo(name).finish_load()
    _save_memos(cache, rewritten)
    if not include_drafts:  # a build loads once
        for name in MEMOS:
            cache.memo(name).forget()
        leave_html_in_cache(cache, rendered, rewritten)
    return site


def leave_html_in_cache(cache: Cache, rendered: RenderedBodies,
                        rewritten: dict[Hashable, Any]) -> None:
    """Let go of the bodies' HTML that this load rendered, and ``rewritten``, once ``cache``
    keeps them, if they are more than :data:`LET_GO_OF_HTML_ABOVE`: each entry reads its
    HTML from there when a page shows it, as after a load from the cache. A build's own
    process then does not hold every body's HTML to its end, nor, taking its digests, read
    it back to stay (see :meth:`~sitegen.models.Entry.read_html`). A cache without a file
    keeps nothing: the HTML stays."""
    held = sum(len(body.html) for body in rendered.fresh.values()) + sum(
        len(html) for html in rewritten.values())
    if cache.folder is not None and held > LET_GO_OF_HTML_ABOVE:
        rendered.fresh.clear()
        rewritten.clear()


def _save_memos(cache: Cache, rewritten: dict[Hashable, Any]) -> None:
    """Write what a successful load added to the memos, the HTML whose links it
    ``rewritten`` (kept apart from the "links" memo: :data:`~sitegen.bodies.LINKS_HTML`) and
    the bodies of the new entries (kept apart from the "entries" memo:
    :data:`~sitegen.entries.BODIES`); forget the HTML and the bodies of the memos' keys that
    this load did not use."""
    links, entries = cache.memo("links"), cache.memo("entries")
    gone, gone_entries = links.stored - links.values.keys(), entries.stored - entries.values.keys()
    cache.put(BODIES, new_bodies(cache))  # (first: an entry the file keeps has its body there)
    cache.save_memos(MEMOS, kept_as={"entries": entry_without_body})
    cache.put(LINKS_HTML, rewritten)
    cache.delete(LINKS_HTML, gone)
    cache.delete(BODIES, gone_entries)


def start_site(root: Path) -> tuple[Site, list[AuthorError]]:
    """The site of ``root`` before its content is read: its settings (``site.toml``, whose
    Markdown extensions are put to use) and data files; and the first warnings."""
    config = load_config(root / "site.toml")
    use_site_extensions(config.markdown, root / "site.toml")
    site = Site(config=config, root=root, data=load_data(root / "data"))
    site.warnings.extend(config.warnings)
    warnings = []
    if not (root / "site.toml").exists():
        warnings.append(AuthorError(root / "site.toml", "no site.toml: using the defaults, with "
                                    f"base_url {config.base_url}",
                                    hint='create it with at least title = "..." and base_url'))
    return site, warnings


def count_left_out(site: Site, all_entries: list[Entry], include_drafts: bool) -> None:
    """Note when the next scheduled post is due and, for a build, how many drafts and
    scheduled posts it leaves out."""
    scheduled = [e.date for e in all_entries if e.scheduled and not e.draft and e.date]
    site.next_scheduled = min(scheduled) if scheduled else None
    if not include_drafts:
        site.skipped_drafts = sorted(e.rel_path for e in all_entries if e.draft)
        site.skipped_scheduled = sum(1 for e in all_entries if e.scheduled and not e.draft)


def reload_body(site: Site, entry: Entry, cache: Cache, file_stats: FileStats,
                now: dt.datetime) -> bool:
    """Take a save of ``entry``'s source in preview that changed its body and nothing any
    other page shows, in place: the body is rendered, its links resolved and its summary
    taken, without loading the whole site again. Returns False, having changed nothing, for
    any other save: one that changes the front matter or the title, the anchors, the
    warnings, the files the page links to, or includes snippets; the site must then be
    loaded again (:func:`load_site`). ``tests/test_incremental.py`` checks every page
    against a whole load's."""
    edit = edited_body(site, entry, cache, file_stats, now)
    if edit is None or list(map(str, edit.problems)) != list(map(str, entry.warnings)) \
            or not edit.assets.keys() <= site.assets.keys():
        return False
    take_edited_body(entry, edit, site.config.base_path)
    cache.memory(LAST_LOAD)["pristine"][entry.rel_path] = (edit.entry, edit.notes)
    return True
