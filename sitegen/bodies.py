"""Phases 4 and 5 of the load (:mod:`sitegen.load`): render every body (or take it from the
cache), then rewrite its links to the pages and files they name and take its summary.

A clean build rewrites each body's links as soon as its rendering process hands it back
(:class:`LinksAhead`); the rest are rewritten once every body is rendered
(:func:`resolve_links`). Both are remembered by the body and a digest of everything links
resolve against, and the rewritten HTML is kept apart (:data:`LINKS_HTML`) so that a
rebuild reads it only for the pages it writes again."""
from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, overload
from urllib.parse import unquote, urlsplit

from sitegen.cache import Cache
from sitegen.config import SiteConfig, config_line
from sitegen.entries import LAST_LOAD, ChangedSource, load_entry
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import FileStats, digest, stat_files, text_digest
from sitegen.foreignlinks import sources_by_name
from sitegen.frontmatter import field_line
from sitegen.htmlscan import new_value, splice, start_tags
from sitegen.links import (
    AnchorsNotKnown,
    LinkContext,
    OtherPages,
    file_url,
    generated_paths,
    is_generated,
    named_to_publish,
    resolve_link,
    rewrite_links,
    site_path_exists,
    site_url,
)
from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.markdown import Rendered, render_inline, render_markdown, strip_tags, summary_of
from sitegen.models import Asset, Author, Entry, Site
from sitegen.render_cache import HTML, BodyPool, RenderedBodies, cache_keys, render_all
from sitegen.sources import read_source
from sitegen.unlinked import publishable_names

# Each body's HTML with its links rewritten, by its key in the "links" memo (which holds the
# rest: the broken links, the files linked to, and whether the HTML is not the body's as
# rendered: only then is it kept here). It is kept apart so that a load reads it only for
# the pages a build writes again (see resolve_links).
LINKS_HTML = "links:html"


def render_bodies(entries: list[Entry], cache: Cache, jobs: int | None, remember: bool,
                  on_rendered: Callable[[int, Rendered], None] | None = None,
                  pool: BodyPool | None = None) -> RenderedBodies:
    """Render every entry's body (or take it from ``cache``, or from ``pool`` if it was
    handed over to it), and give each entry its outline: table of contents, ids and word
    count. The HTML is asked of the result when links are resolved.
    ``on_rendered(index, rendered)`` is called for each body that processes render now, as
    soon as it comes back (see :func:`~sitegen.render_cache.render_all`)."""
    try:
        keys = cache_keys([entry.body_key for entry in entries])
        rendered = render_all(EntryBodies(entries), keys, cache, jobs, remember=remember,
                              on_rendered=on_rendered, pool=pool)
    except ChangedSource as error:  # (its file names it: no body is rendered again)
        raise AuthorErrors([error]) from None
    except AuthorError as error:  # a body too deeply nested to render (which names no file)
        raise AuthorErrors(_unrenderable(entries) or [error]) from None
    for entry, (ids, word_count, toc) in zip(entries, rendered.outlines, strict=True):
        entry.toc, entry.word_count = toc, word_count
        entry.take_ids(ids)
    return rendered


class EntryBodies(Sequence[str]):
    """The bodies of ``entries``, in order, each read when it is asked for (an entry taken
    from the cache reads its body from there: see :meth:`~sitegen.models.Entry.body`)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [entry.body for entry in self.entries[index]]
        return self.entries[index].body

    def __len__(self) -> int:
        return len(self.entries)


def _unrenderable(entries: list[Entry]) -> list[AuthorError]:
    """The error of each entry whose body cannot be rendered, naming its file: rendered
    again here, one by one (:func:`render_markdown` is given a body alone, maybe in a
    worker process, and names no file)."""
    errors = []
    for entry in entries:
        try:
            render_markdown(entry.body)
        except AuthorError as error:
            errors.append(AuthorError(entry.source, error.message, hint=error.hint))
    return errors


def resolve_links(site: Site, all_entries: list[Entry], entries: list[Entry],
                  source_keys: dict[str, str], rendered: RenderedBodies, cache: Cache,
                  include_drafts: bool, authors: dict[str, Author], warnings: list[AuthorError],
                  file_stats: FileStats | None, context: LinkContext,
                  ahead: LinksAhead) -> dict[Hashable, Any]:
    """Rewrite every body's links to the pages and files they name (``context``: see
    :func:`link_context`; or take them as ``ahead`` rewrote them), set each entry's summary
    and load key (from its ``source_keys``, see
    :func:`~sitegen.entries.parse_front_matter`), and collect the files pages link to into
    ``site.assets``. Returns the HTML rewritten now, by key in the "links" memo, for the
    cache (see :func:`_rewrite_links_once`).

    A broken link stops a build (if ``broken_links = "error"``, or it leaves content/) and
    is a warning on its page in preview; the build's warnings go to ``site.warnings``."""
    config = site.config
    content_dir = site.root / "content"
    world = digest([_links_world(site, all_entries, include_drafts, file_stats),
                    context.generated, context.term_feeds, context.paginated_terms, context.publish,
                    sorted(context.terms or ()), context.other_pages.key
                    if context.other_pages is not None else ""])
    places = BodyPlaces(context, world, source_keys)  # (for reload_body and sitegen.lastload)
    cache.memory(LAST_LOAD)["places"] = places
    link_errors: list[AuthorError] = []
    rewritten: dict[Hashable, Any] = {}  # the HTML rewritten now, for the cache
    for index, entry in enumerate(entries):
        key = links_key(world, rendered.keys[index], entry)
        done = ahead.take(index)
        entry.html = _rewrite_links_once(rendered, index, entry, context, key, cache,
                                         link_errors, rewritten, done, places)
        entry.summary_html, entry.summary = _summary_once(entry, context, key, cache, done)
        entry.load_key = load_key(source_keys[entry.rel_path], key)
        if entry.image:
            _resolve_image(entry, entry.image, context, link_errors)
    places.problems = {str(error.path) for error in link_errors}
    published_files = _published_file_errors(entries, authors, context, content_dir, config)
    link_errors += menu_errors(site.root / "site.toml", config, context)
    _report_link_errors(entries, link_errors, published_files, config, include_drafts)
    notes = _publish_unlinked(config.publish, context, content_dir, file_stats)
    site.warnings.extend(dict.fromkeys(  # (a reference definition two links use: said once)
        str(error).replace(": error:", ": warning:")
        for error in warnings + link_errors + published_files + notes))
    site.assets = context.assets
    return rewritten


def _report_link_errors(entries: list[Entry], link_errors: list[AuthorError],
                        published_files: list[AuthorError], config: SiteConfig,
                        include_drafts: bool) -> None:
    """In preview (``include_drafts``), give each page its broken links, as warnings shown
    on it; in a build, raise :class:`AuthorErrors` for those that stop it (all of them with
    ``broken_links = "error"``, and a link out of content/ or a wrong published file)."""
    if include_drafts:
        by_path = {str(entry.source): entry for entry in entries}
        for problem in link_errors:
            if str(problem.path) in by_path:  # (a menu's link is reported in the terminal)
                by_path[str(problem.path)].warnings.append(problem)
        return
    fatal = published_files + [error for error in link_errors if config.broken_links == "error"
                               or "outside content" in error.message]
    if fatal:
        raise AuthorErrors(list({str(error): error for error in fatal}.values()))


def _publish_unlinked(patterns: tuple[str, ...], context: LinkContext, content_dir: Path,
                      file_stats: FileStats | None) -> list[AuthorError]:
    """Publish the files under ``content_dir`` that ``[build] publish`` names (``patterns``,
    as a shell matches them, ``*`` crossing folders too) at their paths, linked or not: a
    favicon, a site of HTML made by another tool, a file a server or a search engine asks
    for by its name. A hidden file (``.htaccess``) or a private one (Netlify's and
    Cloudflare's ``_redirects`` and ``_headers``) is published when a pattern names it with
    its dot or underscore. Returns a warning for each pattern that names no file."""
    config_path = content_dir.parent / "site.toml"
    taken, used = [], set()
    marked = tuple(mark for mark in (".", "_") if any(
        part.startswith(mark) for pattern in patterns for part in pattern.split("/")))
    names = publishable_names(content_dir, file_stats, marked)
    for name in names if patterns else []:
        matching = [pattern for pattern in patterns if named_to_publish(name, (pattern,))]
        if matching:
            used.update(matching)
            url = file_url(name, context)
            if is_generated(url, context):
                taken.append(name)
            context.assets.setdefault(url, Asset(url, content_dir / name))
    if taken:
        raise AuthorError(config_path, f"[build] publish names {', '.join(taken[:5])}, at the "
                          "URL of what the site makes itself (its robots.txt, feeds, tag "
                          "pages...)", line=config_line(config_path, "publish"),
                          hint="leave it out of publish: the site's own file is published there")
    return [AuthorError(config_path, f"[build] publish: {pattern!r} names no file under "
                        "content/", line=config_line(config_path, "publish"),
                        hint="write the path under content/ (a backup x~ and Markdown are "
                             "never published this way)")
            for pattern in patterns if pattern not in used]


class BodyPlaces:
    """What a load's links were resolved against (its ``context`` and a digest of it, its
    ``world``), each source's key (see :func:`~sitegen.entries.parse_front_matter`), and, by
    each entry's path relative to content/, where the cache keeps its HTML (by namespace
    and key) and the files its body links to; the sources whose links have a problem."""

    def __init__(self, context: LinkContext, world: str, source_keys: dict[str, str]):
        self.context = context
        self.world = world
        self.source_keys = source_keys
        self.html: dict[str, tuple[str, Hashable] | None] = {}
        self.assets: dict[str, set[str]] = {}
        self.problems: set[str] = set()


def links_key(world: str, render_key: str, entry: Entry) -> tuple[Any, ...]:
    """The key of ``entry``'s links in the "links" memo: its body's render key, its place and
    the digest of everything links resolve against (``world``)."""
    return (world, render_key, entry.rel_path, entry.url, entry.published, entry.body_line,
            tuple(entry.written_lines or ()))


def load_key(source_key: str, links: tuple[Any, ...]) -> str:
    """An entry's :attr:`~sitegen.models.Entry.load_key`: what it was loaded from (its
    source's key) and its links' key (see :func:`links_key`)."""
    return text_digest("\0".join(map(str, (source_key, *links))))


def entry_summary(entry: Entry, base_path: str) -> tuple[str, str]:
    """An entry's summary as HTML and as text: from its front matter, else from its body
    (on a site under ``base_path``)."""
    summary = entry.meta.get("summary")
    return _summary_of(summary, "" if summary else entry.read_html(),
                       site_url(base_path, entry.url))


def _summary_of(summary: Any, html: str, page_link: str) -> tuple[str, str]:
    """A summary as HTML and as text: ``summary`` (the front matter's) if it is given, else
    the start of the body's ``html`` (unused then). A link to an anchor of the page itself
    (``#part``) links to it from the lists that show the summary (``page_link#part``)."""
    summary_html = _anchors_of_page(render_inline(summary) if summary else summary_of(html),
                                    page_link)
    return summary_html, html_lib.unescape(strip_tags(summary_html))


def _anchors_of_page(html: str, page_link: str) -> str:
    """``html`` with each link to an anchor of its own page (``href="#part"``) written as a
    link to that anchor of ``page_link``, the page's address."""
    if 'href="#' not in html:
        return html
    edits = [new_value(attribute, page_link + attribute.text)
             for tag in start_tags(html, needed=("href",)) if tag.name == "a"
             for attribute in tag.attributes
             if attribute.name == "href" and tag.get("href") is attribute
             and attribute.text.startswith("#")]
    return splice(html, edits)


def _summary_once(entry: Entry, context: LinkContext, key: tuple[Any, ...], cache: Cache,
                  done: Rewritten | None) -> tuple[str, str]:
    """The summary of ``entry`` (see :func:`entry_summary`), remembered by its links' ``key``
    (see :func:`_rewrite_links_once`), or as ``done`` took it while the body rendered."""
    take = partial(entry_summary, entry, context.base_path) if done is None \
        else partial(tuple, done.summary)
    summary: tuple[str, str] = cache.memo("summaries").get((entry.meta.get("summary"), key), take)
    return summary


def _resolve_image(entry: Entry, image: str, context: LinkContext,
                   errors: list[AuthorError]) -> None:
    """Resolve the front matter's ``image`` as a link (a problem is at that field's line).
    An image that is not there is no image: the post keeps its own social card (a Pelican
    theme's ``Image: python-3-oop``, a name its templates made a path of). A relative one
    that names nothing from the page is read from the site's root, as Pelican's and Jekyll's
    themes write it (``{{ SITEURL }}/{{ article.image }}``: willwolf's ``images/a.png``)."""
    count = len(errors)
    try:
        urlsplit(image)
    except ValueError:  # (a host urllib refuses, "http://[x": no browser reads it either)
        errors.append(AuthorError(entry.source, f"image {image[:60]!r} is no address a "
                                  "browser can read: left out", hint="write a path, "
                                  "/images/x.png, or a full address, https://...",
                                  line=field_line(entry.field_lines, "image")))
        entry.image = None
        return
    entry.image = resolve_link(image, entry, context, errors) or image
    if len(errors) > count and not image.startswith(("/", "#")) and "://" not in image:
        from_root: list[AuthorError] = []
        rooted = resolve_link("/" + image, entry, context, from_root)
        if not from_root:
            del errors[count:]
            entry.image = rooted or image
    for problem in errors[count:]:
        problem.line = field_line(entry.field_lines, "image")
    if len(errors) > count:
        entry.image = None


def link_context(site: Site, all_entries: list[Entry], entries: list[Entry],
                  other_pages: OtherPages | None) -> LinkContext:
    """What links resolve against: the pages (drafts too, to say a link leads to one), the
    aliases, what the site generates by its settings, and the pages of its hooks.py."""
    config = site.config
    context = LinkContext(content_dir=site.root / "content", base_path=config.base_path,
                          by_source=_by_source(site, all_entries),
                          by_url={entry.url: entry for entry in entries},
                          known_urls={entry.url for entry in entries} | set(site.aliases)
                          | set(site.moved_to_urls) | _section_urls(entries),
                          aliases={**site.moved_to_urls, **{
                              alias: entry.url for alias, entry in site.aliases.items()}},
                          generated=generated_paths(config), other_pages=other_pages,
                          term_feeds=tuple(feed.file for feed in config.published_feeds(True)),
                          paginated_terms=config.paginate_terms, publish=config.publish)
    context.by_name = sources_by_name(context.by_source)
    context.docs_folders = tuple(sorted({entry.rel_path.split("/")[0] for entry in all_entries
                                         if entry.kind == "doc" and "/" in entry.rel_path}))
    context.root_docs_folders = tuple(
        rule.folder for rule in config.sections if rule.kind == "doc" and any(
            pattern.startswith("/:path") for pattern in (rule.permalink, *rule.redirect_from)))
    context.path_prefixes = {rule.folder: rule.permalink[:rule.permalink.index(":path")]
                             for rule in config.sections if ":path" in rule.permalink
                             and not rule.permalink.startswith(f"/{rule.folder}/:path")}
    context.terms = site.term_urls
    if _makes_docs_index(entries):
        context.known_urls.add("/docs/")
    return context


def _makes_docs_index(entries: list[Entry]) -> bool:
    """Whether the site will make ``/docs/``, the table of contents of its docs (see
    :attr:`sitegen.models.Site.makes_docs_index`, known once the site is assembled): it has
    docs, none at ``/docs/``, and no home page of theirs (one section's ``index.md``)."""
    docs = [entry for entry in entries if entry.kind == "doc"]
    folders = {entry.rel_path.split("/")[0] for entry in docs}
    return bool(docs) and all(entry.url != "/docs/" for entry in entries) and (
        len(folders) > 1 or not any(entry.rel_path.split("/")[1:] in (["index.md"],
                                                                        ["index.markdown"])
                                    for entry in docs))


def _by_source(site: Site, entries: list[Entry]) -> dict[str, Entry]:
    """Each entry by its path under content/ as the site reads it (``rel_path``), and by its
    file's own path where that differs (``about.en.md``, read as ``about.md``: see
    :func:`sitegen.entries.source_rel_path`), which a link may name."""
    content_dir = site.root / "content"
    found = {entry.rel_path: entry for entry in entries}
    for entry in entries:
        if not entry.source.as_posix().endswith("/" + entry.rel_path):
            found.setdefault(entry.source.relative_to(content_dir).as_posix(), entry)
    return found


def _section_urls(entries: list[Entry]) -> set[str]:
    """The lists and feeds of the posts sections that have listed posts."""
    return {f"/{entry.section}/{name}" for entry in entries
            if entry.kind == "post" and not entry.hidden
            for name in ("", "feed.xml", "rss.xml", "feed.json")}


def _links_world(site: Site, all_entries: list[Entry], include_drafts: bool,
                 file_stats: FileStats | None) -> str:
    """A digest of everything a body's links resolve against apart from the body: every
    page's place and anchors, the aliases, and the files under content/ links may name."""
    content_dir = site.root / "content"
    content_files = file_stats or stat_files([content_dir])
    content_prefix = str(content_dir) + os.sep
    # Every page's place (its file's name too: see _by_source) and anchors, as one text
    # (paths, URLs and ids hold no NUL).
    places = "\n".join(f"{e.rel_path}\0{e.source.name}\0{e.url}\0{e.published:d}\0"
                       + "\0".join(sorted(e.ids)) for e in all_entries)
    return digest([content_dir, site.config.base_path, include_drafts,
                   sorted((alias, entry.url) for alias, entry in site.aliases.items()),
                   sorted(site.moved_to_urls.items()),
                   sorted(item for item in content_files.items()
                          if item[0].startswith(content_prefix)
                          and not item[0].endswith(MARKDOWN_SUFFIXES)),
                   text_digest(places)])


def rewrite_body_links(html: str, entry: Entry, context: LinkContext,
                       ) -> tuple[str, list[AuthorError], dict[str, Asset]]:
    """:func:`rewrite_links` of ``entry``'s body ``html``: the HTML, the broken links, and
    the files it links to."""
    own = copy.copy(context)
    own.assets = {}  # to learn which files this body links to
    problems: list[AuthorError] = []
    return rewrite_links(html, entry, own, problems), problems, own.assets


def _rewrite_links_once(rendered: RenderedBodies, index: int, entry: Entry,
                        context: LinkContext, key: tuple[Any, ...], cache: Cache,
                        errors: list[AuthorError], rewritten: dict[Hashable, Any],
                        done: Rewritten | None = None,
                        places: BodyPlaces | None = None) -> Callable[[], str]:
    """:func:`rewrite_links` of body ``index`` of ``rendered`` (its HTML asked for only if
    needed; or ``done`` already, while it rendered: see :class:`LinksAhead`), remembered by
    ``key``: the body's render key (which stands for the body and its
    HTML), the entry's place and a digest of every other input (the site's URLs and anchors,
    the files under content/). The broken links and the files linked to are kept in the
    "links" memo, and the HTML apart (:data:`LINKS_HTML`) if it is not the body's HTML as
    rendered (the HTML rewritten now is added to ``rewritten``, for the cache). Returns what
    gives the HTML: the body's HTML as rendered (by ``rendered``), or the HTML rewritten
    (see :func:`_links_html`)."""
    memo = cache.memo("links")
    kept = memo.find(key)
    if kept is None:
        body_html = rendered.html(index)  # (one just rendered, if done)
        html, problems, assets = (done.html, done.problems, done.assets) if done is not None \
            else rewrite_body_links(body_html, entry, context)
        changed = html != body_html  # (most bodies have no link to rewrite)
        memo.get(key, lambda: (problems, assets, changed))
        if changed:
            rewritten[key] = html
    else:
        problems, assets, changed = kept
    errors.extend(problems)
    for url, asset in assets.items():
        context.assets.setdefault(url, asset)
    if places is not None:
        places.assets[entry.rel_path] = set(assets)
        places.html[entry.rel_path] = (LINKS_HTML, key) if changed else (HTML, rendered.keys[index])
    if not changed:
        return partial(rendered.html, index)
    return partial(_links_html, rewritten, cache, key,
                   partial(_rewrite_again, rendered, index, entry, context))


class Rewritten(NamedTuple):
    """A body's links rewritten (see :func:`rewrite_body_links`), and its summary (see
    :func:`entry_summary`)."""

    html: str
    problems: list[AuthorError]
    assets: dict[str, Asset]
    summary: tuple[str, str]


class LinksAhead:
    """Links rewritten while the bodies render: each body's as soon as the pool hands it
    back (see :func:`~sitegen.render_cache.render_all`), by this process, which would wait
    for the pool otherwise; :func:`resolve_links` takes them. A body that links to an anchor
    of a page not rendered yet is left to :func:`resolve_links` (that page's anchors are not
    known: :class:`~sitegen.links.AnchorsNotKnown`)."""

    def __init__(self, entries: list[Entry], context: LinkContext) -> None:
        self.entries = entries
        self.context = context
        context.unrendered = {entry.rel_path for entry in entries}
        self._done: dict[int, Rewritten] = {}

    def rewrite(self, index: int, rendered: Rendered) -> None:
        """Rewrite the links of entry ``index``, whose body was just ``rendered``, and take
        its summary."""
        entry = self.entries[index]
        entry.take_ids(rendered.ids)  # (as render_bodies does: its anchors are known, and
        entry.toc = rendered.toc  # its headings, which a link to an ASCII id is read by)
        self.context.unrendered.discard(entry.rel_path)
        try:
            html, problems, assets = rewrite_body_links(rendered.html, entry, self.context)
        except AnchorsNotKnown:
            return
        self._done[index] = Rewritten(html, problems, assets, _summary_of(
            entry.meta.get("summary"), html, site_url(self.context.base_path, entry.url)))

    def finish(self) -> None:
        """Every body is rendered: every page's anchors are known."""
        self.context.unrendered = set()

    def take(self, index: int) -> Rewritten | None:
        """What :meth:`rewrite` made of entry ``index`` (once), if it did."""
        return self._done.pop(index, None)


def _links_html(rewritten: dict[Hashable, Any], cache: Cache, key: tuple[Any, ...],
                rewrite: Callable[[], str]) -> str:
    """The HTML with its links rewritten by ``key``: as this load ``rewritten`` it (until it
    is in the cache: see :func:`~sitegen.load.leave_html_in_cache`), else as ``cache``
    keeps it; if it has gone from there, ``rewrite()``'s, kept again."""
    kept = rewritten.get(key)
    if isinstance(kept, str):
        return kept
    kept = cache.get(LINKS_HTML, key)
    if isinstance(kept, str):
        return kept
    html = rewrite()
    cache.put(LINKS_HTML, {key: html})
    return html


def _rewrite_again(rendered: RenderedBodies, index: int, entry: Entry,
                   context: LinkContext) -> str:
    """The HTML of body ``index`` of ``rendered`` with its links rewritten, made again."""
    return rewrite_body_links(rendered.html(index), entry, context)[0]


def menu_errors(path: Path, config: SiteConfig, context: LinkContext) -> list[AuthorError]:
    """An error for each ``[[menu]]`` link of ``site.toml`` to a path this site does not have
    (every page would show it), at the line that sets it."""
    errors = []
    for item in config.menu:
        target = urlsplit(item.url)
        if item.url.startswith("/") and not item.url.startswith("//") \
                and not _menu_target_exists(unquote(target.path), context):
            errors.append(AuthorError(path, f"the menu links to {item.url}, which is not a "
                                      "page or file of this site",
                                      line=config_line(path, item.url, key="url"),
                                      hint="fix the [[menu]] url, or remove that entry"))
    return errors


def _menu_target_exists(site_path: str, context: LinkContext) -> bool:
    """Whether a menu's link to ``site_path`` names a page or file of the site, a folder's
    page written without its slash too, which every host redirects there."""
    return site_path_exists(site_path, context) or not site_path.endswith("/") \
        and site_path_exists(site_path + "/", context)


def _avatar_path(avatar: str, context: LinkContext) -> str:
    """The site path of an author's ``avatar`` (``/ada.png``): as written, else under a docs
    folder whose old addresses were the site's root, where Material's ``.authors.yml``
    names it from (ExpressLRS' ``assets/images/authors/jurg.jpeg``)."""
    if site_path_exists(avatar, context):
        return avatar
    return next((under for folder in context.root_docs_folders
                 if site_path_exists(under := f"/{folder}{avatar}", context)), avatar)


def _published_file_errors(entries: list[Entry], authors: dict[str, Author],
                           context: LinkContext, content_dir: Path,
                           config: SiteConfig) -> list[AuthorError]:
    """Mistakes that would publish a wrong file: an image named like a post's generated
    card, an avatar that is not there. Sets each listed author's avatar URL."""
    errors: list[AuthorError] = []
    for post in (e for e in entries if e.kind == "post"):
        if post.card_url in context.assets:
            errors.append(AuthorError(
                context.assets[post.card_url].path,
                "card.jpg beside a post is the name of its generated social card",
                hint="rename the image, and set 'image: <new name>' to use it as the card"))
    for author in authors.values():
        if author.avatar and not author.avatar.startswith(("http://", "https://", "//")):
            avatar = _avatar_path("/" + author.avatar.lstrip("/"), context)
            if not site_path_exists(avatar, context):
                errors.append(AuthorError(
                    content_dir / "authors.yml", f"avatar {author.avatar!r} of {author.key!r} "
                    "not found", hint="give a path relative to content/, e.g. avatars/ada.png"))
            author.avatar = site_url(config.base_path, avatar)
    return errors


# --- A body edited, taken in place ------------------------------------------------------

@dataclass
class EditedBody:
    """A source saved with a new body and nothing else changed (see :func:`edited_body`):
    its text, its entry as loaded anew and the notes on it, the body rendered, and the HTML
    with its links rewritten, the broken links and the files it links to."""

    text: str
    entry: Entry
    notes: list[AuthorError]
    rendered: Rendered
    html: str
    problems: list[AuthorError]
    assets: dict[str, Asset]


def edited_body(site: Site, entry: Entry, cache: Cache, file_stats: FileStats,
                now: dt.datetime) -> EditedBody | None:
    """``entry``'s source as saved now, if only its body changed since the last load of
    ``site`` (whose link context, and entries as loaded, ``"pristine"``, the cache's memory
    keeps under :data:`~sitegen.entries.LAST_LOAD`): the same front matter and notes, the
    same anchors, no snippets; else None."""
    last = cache.memory(LAST_LOAD)
    places: BodyPlaces | None = last.get("places")
    kept = last.get("pristine", {}).get(entry.rel_path)
    if places is None or kept is None:
        return None
    pristine, pristine_notes = kept
    try:
        text = read_source(entry.source, file_stats.get(str(entry.source)),
                           cache.memory("texts"))
        notes: list[AuthorError] = []
        fresh = load_entry(entry.source, text, places.context.content_dir, site.config, now,
                           notes)
        if fresh.snippets or pristine.snippets \
                or replace(fresh, body_key=pristine.body_key) != pristine \
                or list(map(str, notes)) != list(map(str, pristine_notes)):
            return None
        rendered = render_markdown(fresh.body)
    except AuthorError:
        return None
    if entry.anchors(rendered.ids) != entry.ids:
        return None
    saved = entry.copy()  # (a broken link's line is found in the body as saved)
    saved.body = fresh.body
    html, problems, assets = rewrite_body_links(rendered.html, saved, places.context)
    return EditedBody(text, fresh, notes, rendered, html, problems, assets)


def take_edited_body(entry: Entry, edit: EditedBody, base_path: str) -> None:
    """Give ``entry`` the body of ``edit``, rendered, its links rewritten, and its summary
    (on a site under ``base_path``)."""
    entry.body, entry.html, entry.toc = edit.entry.body, edit.html, edit.rendered.toc
    entry.word_count = edit.rendered.word_count
    entry.summary_html, entry.summary = entry_summary(entry, base_path)
