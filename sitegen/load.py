"""Walk ``content/`` and turn every source into validated, rendered content objects.

:func:`load_site` runs the phases in order, each a function of its own: read the sources
(:func:`read_sources`), parse their front matter (:func:`parse_front_matter`), index their
URLs (:func:`index_urls`), render the bodies (:func:`render_bodies`), resolve their links
(:func:`resolve_links`), and assemble the site (:func:`assemble`). Work whose inputs did not
change since the last load (this preview's, or the last build's) is taken from the cache
(:mod:`sitegen.cache`).
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import gc
import html as html_lib
import os
import re
from collections import Counter
from collections.abc import Callable, Hashable
from functools import partial
from itertools import chain
from pathlib import Path
from stat import S_ISREG
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from sitegen.cache import Cache
from sitegen.config import (
    RESERVED_SECTIONS,
    SiteConfig,
    config_line,
    load_config,
)
from sitegen.data import load_data
from sitegen.dialect import expand_snippets
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import (
    FileStats,
    digest,
    has_settled,
    settled_cutoff,
    stat_files,
    text_digest,
)
from sitegen.foreignlinks import sources_by_name
from sitegen.frontmatter import (
    split_source,
    title_from_body,
    unknown_field_hint,
    unknown_fields,
    validate_meta,
)
from sitegen.links import (
    AnchorsNotKnown,
    LinkContext,
    OtherPages,
    generated_paths,
    is_public_path,
    resolve_link,
    rewrite_links,
    site_path_exists,
    site_url,
)
from sitegen.markdown import (
    Rendered,
    render_inline,
    render_markdown,
    strip_tags,
    summary_of,
    use_site_extensions,
)
from sitegen.models import Asset, Author, DocNode, Entry, Site, Term
from sitegen.places import FILE_DATE, place_of, post_date, undated
from sitegen.render_cache import BodyPool, RenderedBodies, render_all
from sitegen.slugs import slugify
from sitegen.yamltext import load_yaml

MARKDOWN_SUFFIXES = (".md", ".markdown")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def find_sources(content_dir: Path, paths: dict[str, Path] | None = None) -> list[Path]:
    """Every Markdown file under ``content_dir``, skipping hidden (``.x``) and private
    (``_x``) files and folders, and editor backups (``x~``).

    Symbolic links to folders are not followed; one that loops back to a folder above it is
    an author error, since it was surely meant to point somewhere else, and so is a folder
    that cannot be read (its pages would vanish without a word). ``paths`` keeps the same
    ``Path`` object for the same name from one call to the next.
    """
    paths = {} if paths is None else paths
    sources = []
    for folder, subfolders, files in os.walk(content_dir, onerror=_unreadable_folder):
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                _check_folder_link(Path(folder) / name)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        for name in sorted(files):
            if name.startswith((".", "_")) or name.endswith("~"):
                continue
            if name.endswith(MARKDOWN_SUFFIXES):
                path = os.path.join(folder, name)
                known = paths.get(path)
                if known is None:
                    known = paths[path] = Path(path)
                sources.append(known)
    return sources


def _unreadable_folder(error: OSError) -> None:
    raise AuthorError(error.filename, f"cannot read the folder: {error.strerror}",
                      hint="make it readable (chmod u+rx), or move it out of content/") from None


def _check_folder_link(path: Path) -> None:
    if not path.is_symlink():
        return
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        target = None
    if target is None or path.parent.resolve().is_relative_to(target):
        raise AuthorError(path, f"symbolic link loop: {path.name} -> {os.readlink(path)}",
                          hint="remove the link or point it elsewhere; links to folders "
                               "are not followed")


def link_problem(path: Path, content_dir: Path) -> AuthorError | None:
    """Why the Markdown file at ``path``, a symbolic link, is not a source: it leads outside
    ``content_dir`` or to a hidden or private file (nothing outside content/ is published by
    a link's mistake). None if it is not a link, or leads to a public file in content/."""
    if not path.is_symlink():
        return None
    try:
        real, content = path.resolve(strict=True), content_dir.resolve()
    except (OSError, RuntimeError):
        return None  # (a broken link: reading it says so)
    inside = real.is_relative_to(content)
    if inside and is_public_path(real.relative_to(content)):
        return None
    where = "outside content/" if not inside else "a hidden or private file"
    return AuthorError(path, f"symbolic link to {where}: {os.readlink(path)}",
                       hint="copy the file into content/ instead: links that lead outside "
                            "content/ or to private files are not published")


def not_a_file_warning(path: Path) -> AuthorError | None:
    """A warning if ``path`` is there but is not a regular file (a named pipe, a socket, a
    device: never opened, it could hang the build), which the build skips."""
    if not path.exists() or path.is_file():
        return None
    return AuthorError(path, "not a regular file (a named pipe, socket or device): skipped",
                       hint="remove it from content/, or replace it with a Markdown file")


Texts = dict[Path, tuple[tuple[int, int, int], str]]


def read_source(path: Path, signature: tuple[int, int, int] | None = None,
                texts: Texts | None = None) -> str:
    """Read a source as UTF-8 text with LF line endings and no byte order mark.

    With ``texts`` (a preview's texts of its last load), a file whose size, modification and
    change time (``signature``, when the caller has just looked; else this looks) are as
    then is not read again.
    """
    texts = {} if texts is None else texts
    try:
        if signature is None:
            stat = os.stat(path)
            signature = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
            if not S_ISREG(stat.st_mode):
                raise AuthorError(path, "not a regular file (a named pipe, socket or device)",
                                  hint="replace it with a regular file")
        cached = texts.get(path)
        if cached is not None and cached[0] == signature:
            return cached[1]
        data = path.read_bytes()
    except OSError as error:
        raise AuthorError(path, f"cannot read the file: {error.strerror}",
                          hint="check that the file exists and is readable") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AuthorError(path, "the file is not UTF-8 text", line=line,
                          hint="save it as UTF-8 in your editor") from None
    text = text.removeprefix("\ufeff")  # (editors on Windows write one: it means UTF-8)
    if not text.strip():
        raise AuthorError(path, "the file is empty", line=1,
                          hint="write its content, or delete the file")
    # Control characters have no meaning in Markdown and are not allowed in XML feeds.
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    texts[path] = (signature, text)
    return text


class SkippedSource(AuthorError):
    """A source that is left out of the site, with a warning (a page at the URL of the site's
    own search page, say: another generator's search page, which this site's replaces)."""


def _humanize(stem: str) -> str:
    name = undated(stem)
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or stem


def load_entry(path: Path, text: str, content_dir: Path, config: SiteConfig, now: dt.datetime,
               warnings: list[AuthorError]) -> Entry:
    """Build the (not yet rendered) entry of one source's ``text``; notes go to
    ``warnings``."""
    rel_path = path.relative_to(content_dir).as_posix()
    source = split_source(text, path)
    meta = validate_meta(source, path, config.tz, warnings)
    body = source.body
    title = meta.get("title")
    if not title:
        heading, body = title_from_body(body)
        stem = path.stem if path.stem != "index" else path.parent.name
        title = heading or (config.title if rel_path in ("index.md", "index.markdown")
                            else _humanize(stem))
    rule = config.section_of(rel_path)
    folders = rel_path.split("/")[1:-1]
    if rule.category_from_folder and folders and not meta.get("category"):
        meta["category"] = folders[0]  # (content/posts/python/x.md is in "python")
    date = meta.get("date")
    if rule.kind == "post" and rel_path.split("/")[1:] not in (["index.md"], ["index.markdown"]):
        date = post_date(path, meta, config, source)
    place = place_of(path, rel_path, {**meta, "title": title}, date, config, source)
    if place.kind != "home" and place.url.split("/")[1] in RESERVED_SECTIONS:
        raise SkippedSource(path, f"the URL {place.url} is the site's own (its search, tags, "
                            "feeds...): this file is not published", line=source.line_of("slug"),
                            hint="give it another slug or url to publish it")
    return Entry(
        kind=place.kind, source=path, rel_path=rel_path, url=place.url, slug=place.slug,
        title=title, meta=meta, section=place.section, redirects=place.redirects,
        date=date, updated=meta.get("updated"), draft=bool(meta.get("draft", False)),
        hidden=bool(meta.get("hidden", False)),
        scheduled=date is not None and date > now, weight=meta.get("weight", 0),
        aliases=list(meta.get("aliases", [])), image=meta.get("image"),
        body=body,
        body_line=source.body_line + (len(source.body.split("\n")) - len(body.split("\n"))),
        field_lines={str(key).lower(): line for key in source.meta
                     if (line := source.line_of(str(key))) is not None},
    )


def load_authors(content_dir: Path) -> dict[str, Author]:
    """Authors from ``content/authors.yml``: ``key: {name, bio, avatar, links}``."""
    path = content_dir / "authors.yml"
    if not path.exists():
        return {}
    data = load_yaml(read_source(path), path) or {}
    if not isinstance(data, dict):
        raise AuthorError(path, "authors.yml must map author keys to their details",
                          hint="ada:\n    name: Ada Lovelace\n    bio: ...")
    authors = {}
    for key, details in data.items():
        details = details if isinstance(details, dict) else {"name": str(details)}
        links = details.get("links") or []
        if not isinstance(links, list) or not all(
                isinstance(link, dict) and "url" in link for link in links):
            raise AuthorError(path, f"author {key!r}: links must be a list of {{name, url}}",
                              hint="links:\n      - name: Website\n        url: https://...")
        authors[str(key)] = Author(
            key=str(key), name=str(details.get("name", key)), slug=slugify(str(key)),
            bio=str(details.get("bio", "")), avatar=str(details.get("avatar", "")),
            links=[{"name": str(link.get("name", link["url"])), "url": str(link["url"])}
                   for link in links],
        )
    return authors


def _find_author(name: str | None, authors: dict[str, Author],
                 unlisted: dict[str, Author]) -> Author | None:
    """The author of ``content/authors.yml`` by key or name; else, for a name that is not
    there, an :class:`Author` with that name only, one for all the posts that give it
    (kept in ``unlisted``)."""
    if not name:
        return None
    if name in authors:
        return authors[name]
    found = unlisted.get(name)
    if found is not None:
        return found
    for author in authors.values():
        if author.name == name:
            return author
    found = unlisted[name] = Author(key="", name=name, slug="")
    return found


def _check_terms(entries: list[Entry]) -> None:
    """Raise :class:`AuthorErrors` for each tag or category with no letter or digit."""
    errors = [
        AuthorError(entry.source, f"{field} {name!r} has no letter or digit to make its URL "
                                  "from, so its page could not be published",
                    line=entry.field_lines.get(field), hint="write it with words, or remove it")
        for entry in entries if entry.kind == "post"
        for field, names in (("tags", entry.meta.get("tags", [])),
                             ("category", [entry.meta.get("category") or "x"]))
        for name in names if not slugify(str(name))]
    if errors:
        raise AuthorErrors(errors)


def _add_term(terms: dict[str, Term], name: str, taxonomy: str, entry: Entry) -> Term | None:
    slug = slugify(name)
    if not slug:
        return None
    term = terms.get(slug)
    if term is None:
        term = terms[slug] = Term(name=name, slug=slug, taxonomy=taxonomy)
    if not term.entries or term.entries[-1] is not entry:  # an entry adds its terms in a row
        term.entries.append(entry)
    return term


def _build_docs_tree(docs: list[Entry]) -> tuple[DocNode, list[Entry]]:
    """Nest docs by folder and order them by weight then title; also return reading order."""
    root = DocNode("docs")
    for entry in docs:
        parts = entry.rel_path.split("/")[1:]
        is_index = parts[-1].rsplit(".", 1)[0] == "index"
        node = root
        for folder in parts[:-1]:
            child = next((c for c in node.children if c.name == folder), None)
            if child is None:
                child = DocNode(folder)
                node.children.append(child)
            node = child
        if is_index:
            node.entry = entry
        else:
            node.children.append(DocNode(parts[-1], entry))

    ordered: list[Entry] = []

    def sort(node: DocNode) -> None:
        node.children.sort(key=lambda child: child.sort_key)
        if node.entry is not None:
            ordered.append(node.entry)
        for child in node.children:
            sort(child)

    sort(root)
    return root, ordered


def _summary(entry: Entry) -> tuple[str, str]:
    """An entry's summary as HTML and as text: from its front matter, else from its body."""
    summary = entry.meta.get("summary")
    return _summary_of(summary, "" if summary else entry.read_html())


def _summary_of(summary: Any, html: str) -> tuple[str, str]:
    """A summary as HTML and as text: ``summary`` (the front matter's) if it is given, else
    the start of the body's ``html`` (unused then)."""
    summary_html = render_inline(summary) if summary else summary_of(html)
    return summary_html, html_lib.unescape(strip_tags(summary_html))


def _name_posts(site: Site, posts: list[Entry]) -> None:
    """Give each post its social card's URL and each listed post its name in the JSON API:
    its slug, or, when an earlier post has it, its date and slug (``2020-01-01-links``);
    neither when the site turns them off (``social_cards``, ``json_api``)."""
    site.cards = {post.card_url: post for post in posts} if site.config.social_cards else {}
    for post in site.posts if site.config.json_api else []:
        name = post.slug
        if name in site.api_names:
            assert post.date is not None
            name = f"{post.date:%Y-%m-%d}-{post.slug}"
        site.api_names.setdefault(name, post)


def related_positions(tags: list[list[str]], limit: int = 3) -> list[list[int]]:
    """For each post (by its tags' slugs, newest post first), the positions of its ``limit``
    related posts: most shared tags first, then newest first.

    Counted through each tag's own list of posts, not by comparing every pair of posts, and
    without sorting all of a post's candidates (a post may share a tag with thousands of
    others), so the time grows about as the number of posts does."""
    by_tag: dict[str, list[int]] = {}
    for position, slugs in enumerate(tags):
        for slug in dict.fromkeys(slugs):
            by_tag.setdefault(slug, []).append(position)
    ranking = []
    for position, slugs in enumerate(tags):
        distinct = list(dict.fromkeys(slugs))
        counts = Counter(chain.from_iterable(by_tag[slug] for slug in distinct))
        counts.pop(position, None)
        related: list[int] = []
        for shared in range(len(distinct), 0, -1):  # the most shared tags first
            if len(related) >= limit:
                break
            related += sorted(other for other, count in counts.items()
                              if count == shared)[:limit - len(related)]
        ranking.append(related)
    return ranking


def _relate(posts: list[Entry], cache: Cache, limit: int = 3) -> None:
    """Set each post's ``limit`` related posts (see :func:`related_positions`)."""
    tags = [[term.slug for term in post.tags] for post in posts]
    key = tuple((post.url, tuple(slugs)) for post, slugs in zip(posts, tags, strict=True))
    ranking = cache.memo("related").get(key, partial(related_positions, tags, limit))
    for post, related in zip(posts, ranking, strict=True):
        post.related = [posts[index] for index in related]


# The memos kept in the cache file for the next load (the texts' digests are kept in memory
# only: their keys are whole texts; "sources" holds them by the stats of their files).
MEMOS = ("sources", "entries", "links", "summaries", "related")
# Each body's HTML with its links rewritten, by its key in the "links" memo (which holds the
# rest: the broken links, the files linked to, and whether the HTML is not the body's as
# rendered: only then is it kept here). It is kept apart so that a load reads it only for
# the pages a build writes again (see resolve_links).
LINKS_HTML = "links:html"
# A build's load lets go of the HTML it rendered (see leave_html_in_cache) above this many
# characters: 125 MB of its process's 552 MB at 10,000 posts. Reading each body's HTML back
# when a page shows it costs about 2% of a clean build's time: a smaller site keeps it (15 MB
# at 1,000 posts).
LET_GO_OF_HTML_ABOVE = 64 * 1024 * 1024
LAST_LOAD = "preview: last load"  # (the cache's memory of what reload_body needs)


def _order_key(entry: Entry) -> tuple[Any, ...]:
    assert entry.date is not None
    return (-entry.date.timestamp(), entry.rel_path)


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
    cache.restore_memos(MEMOS)
    for name in MEMOS:
        cache.memo(name).start_load(remember=True)
    now = now or dt.datetime.now(config.tz)
    sources = read_sources(root / "content", cache, include_drafts, file_stats, warnings)
    pool = BodyPool.for_load(cache, jobs, len(sources))  # (rendering while the load goes on)
    try:
        all_entries, source_keys, authors = parse_front_matter(
            sources, root / "content", config, now, cache, include_drafts, warnings,
            file_stats, pool.add if pool.renders else None)
        warnings += dated_pages(all_entries) + unknown_field_notes(all_entries, config)
        entries = [e for e in all_entries if include_drafts or e.published]
        count_left_out(site, all_entries, include_drafts)
        site.source_count = len(entries)
        index_urls(site, entries, warnings)
        context = _link_context(site, all_entries, entries, other_pages)
        ahead = LinksAhead(entries, context)
        rendered = render_bodies(entries, cache, jobs, include_drafts, ahead.rewrite, pool)
        ahead.finish()
    finally:
        pool.close()
    site.rendered_count = rendered.rendered_count
    rewritten = resolve_links(site, all_entries, entries, source_keys, rendered, cache,
                              include_drafts, authors, warnings, file_stats, context, ahead)
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
    """Write what a successful load added to the memos, and the HTML whose links it
    ``rewritten`` (kept apart from the "links" memo: :data:`LINKS_HTML`); forget the HTML of
    the memo's keys that this load did not use."""
    links = cache.memo("links")
    gone = links.stored - links.values.keys()
    cache.save_memos(MEMOS)
    cache.put(LINKS_HTML, rewritten)
    cache.delete(LINKS_HTML, gone)


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
        site.skipped_drafts = sum(1 for e in all_entries if e.draft)
        site.skipped_scheduled = sum(1 for e in all_entries if e.scheduled and not e.draft)


# --- Phase 1: read the sources --------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Unread:
    """A source a build did not read again: its file's stats are those it had when an
    earlier build read the text whose digest this is (see :func:`read_sources`)."""

    text_key: str
    stats: tuple[int, int, int]


Source = tuple[Path, "str | AuthorError | Unread"]  # a source's path, and its text (or digest)


def read_sources(content_dir: Path, cache: Cache, include_drafts: bool,
                 file_stats: FileStats | None,
                 warnings: list[AuthorError] | None = None) -> list[Source]:
    """Every source under ``content_dir`` (see :func:`find_sources`) with its text, or the
    author error that it cannot be read (or is a link it must not follow: see
    :func:`link_problem`); what is not a regular file is skipped, with a warning added to
    ``warnings``. A preview (``include_drafts``)
    keeps the texts in ``cache``'s memory and reads again only the files whose stats
    changed. A build given the ``file_stats`` it has just taken does not read a regular
    file whose stats are those of a text an earlier build read (:class:`Unread`; see
    :func:`parse_front_matter`)."""
    texts: Texts = cache.memory("texts") if include_drafts else {}
    known = cache.memo("sources")
    sources: list[Source] = []
    for path in find_sources(content_dir, cache.memory("paths")):
        try:  # (one look at most files: a regular file, not a link)
            mode: int | None = os.lstat(path).st_mode
        except OSError:
            mode = None  # (gone since the walk: reading it says so)
        if mode is None or not S_ISREG(mode):
            skipped = not_a_file_warning(path)
            if skipped is not None:
                if warnings is not None:
                    warnings.append(skipped)
                continue
            problem = link_problem(path, content_dir)
            if problem is not None:
                sources.append((path, problem))
                continue
        stats = file_stats.get(str(path)) if file_stats else None
        # (a regular file only: the stats of a link are its target's)
        if stats and mode is not None and S_ISREG(mode) and not include_drafts:
            text_key = known.find((str(path), stats))
            if text_key is not None:
                sources.append((path, Unread(text_key, stats)))
                continue
        try:
            sources.append((path, read_source(path, stats, texts)))
        except AuthorError as error:
            sources.append((path, error))
    return sources


# --- Phase 2: parse the front matter --------------------------------------------------------

# What a source loaded to: its entry, its key (see parse_front_matter) and its notes; or an
# error, or nothing but a warning.
Loaded = tuple[Entry | AuthorError | None, str, list[AuthorError]]


def parse_front_matter(sources: list[Source], content_dir: Path, config: SiteConfig,
                       now: dt.datetime, cache: Cache, include_drafts: bool,
                       warnings: list[AuthorError], file_stats: FileStats | None = None,
                       on_body: Callable[[str], None] | None = None,
                       ) -> tuple[list[Entry], dict[str, str], dict[str, Author]]:
    """Each source as an entry (drafts and scheduled ones included), a digest of what each
    was loaded from (its text and the settings) by its path relative to content/, and the
    authors of ``authors.yml``, in the sources' order. Raises :class:`AuthorErrors` for
    every source that could not be read or has a mistake in its front matter. The body of
    each entry to render is handed to ``on_body`` at once, the longest texts' first (its
    processes start on the bodies that take longest: none is left with one at the end).

    A build keeps each text's digest by its file's ``file_stats`` (taken before it was
    read) in the ``"sources"`` memo, for the next build not to read it again (see
    :func:`read_sources`); unless the file changed less than
    :data:`~sitegen.fingerprint.SETTLED_NS` ago."""
    config_key = text_digest(repr(config))  # (stands for the settings in every entry's key)
    text_digests = cache.memo("text digests")
    text_digests.start_load(remember=include_drafts)
    # A preview keeps each entry as loaded, with its notes, for reload_body.
    pristine: dict[str, tuple[Entry, list[AuthorError]]] | None = None
    if include_drafts:
        pristine = cache.memory(LAST_LOAD)["pristine"] = {}
    settled = _settled_stats(file_stats) if not include_drafts else {}
    loaded: list[Loaded] = [(None, "", [])] * len(sources)
    for place in _longest_first(sources) if on_body is not None else range(len(sources)):
        path, text = sources[place]
        notes: list[AuthorError] = []
        try:
            if isinstance(text, AuthorError):
                raise text
            text, text_key = _text_and_key(path, text, config_key, cache, settled)
            entry = _load_entry_once(path, text, text_key, content_dir, config, config_key,
                                     now, cache, notes, pristine)
            loaded[place] = (entry, text_key + config_key, notes)
            if on_body is not None and (include_drafts or entry.published):
                on_body(entry.body)  # (to be rendered: see render_bodies)
        except AuthorError as error:  # (a skipped source is a warning only)
            loaded[place] = (None, "", [error]) if isinstance(error, SkippedSource) else \
                (error, "", notes)
    text_digests.finish_load()
    entries, source_keys, errors = _in_order(loaded, warnings)
    try:
        authors = load_authors(content_dir)
    except AuthorError as error:
        errors.append(error)
        authors = {}
    if errors:
        raise AuthorErrors(errors)
    return entries, source_keys, authors


def _in_order(loaded: list[Loaded], warnings: list[AuthorError],
              ) -> tuple[list[Entry], dict[str, str], list[AuthorError]]:
    """The entries of what each source ``loaded`` to, their keys by path and the errors, in
    the sources' order; the notes added to ``warnings`` in that order."""
    entries: list[Entry] = []
    source_keys: dict[str, str] = {}
    errors: list[AuthorError] = []
    for outcome, source_key, notes in loaded:
        warnings.extend(notes)
        if isinstance(outcome, Entry):
            entries.append(outcome)
            source_keys[outcome.rel_path] = source_key
        elif outcome is not None:
            errors.append(outcome)
    return entries, source_keys, errors


def _longest_first(sources: list[Source]) -> list[int]:
    """The places of ``sources``, the longest texts' first (those not read, last)."""
    lengths = [len(text) if isinstance(text, str) else 0 for _, text in sources]
    return sorted(range(len(sources)), key=lambda place: -lengths[place])


def _text_and_key(path: Path, text: str | Unread, config_key: str, cache: Cache,
                  settled: FileStats) -> tuple[str | Unread, str]:
    """A source's text (read now if it was not and its entry must be loaded again: the
    settings changed) and its digest, which is kept by its file's stats if it has
    ``settled``."""
    if isinstance(text, Unread) and cache.memo("entries").find(
            (str(path), text.text_key, config_key)) is None:
        text = read_source(path)
    if isinstance(text, Unread):
        return text, text.text_key
    text_key: str = cache.memo("text digests").get(text, partial(text_digest, text))
    if str(path) in settled:
        cache.memo("sources").get((str(path), settled[str(path)]), partial(str, text_key))
    return text, text_key


def _settled_stats(file_stats: FileStats | None) -> FileStats:
    """The stats of the files that had settled (see :func:`~sitegen.fingerprint.has_settled`)."""
    cutoff = settled_cutoff()
    return {name: stats for name, stats in (file_stats or {}).items()
            if has_settled(stats, cutoff)}


def _load_entry_once(path: Path, text: str | Unread, text_key: str, content_dir: Path,
                     config: SiteConfig, config_key: str, now: dt.datetime, cache: Cache,
                     warnings: list[AuthorError],
                     keep: dict[str, tuple[Entry, list[AuthorError]]] | None = None) -> Entry:
    """:func:`load_entry`, remembered by the source's path, text and the configuration (and
    put in ``keep``, by path relative to content/, as loaded, with its notes)."""
    def load() -> tuple[Entry, list[AuthorError]]:
        assert isinstance(text, str)  # (an unread text's entry is remembered)
        notes: list[AuthorError] = []
        return load_entry(path, text, content_dir, config, now, notes), notes

    key = (str(path), text_key, config_key)
    pristine, notes = cache.memo("entries").get(key, load)
    if keep is not None:
        keep[pristine.rel_path] = (pristine, notes)
    warnings.extend(notes)
    entry: Entry = pristine.copy()  # the load fills in html, tags, neighbours... on the copy
    entry.load_key = ""  # (set once its links are resolved: see resolve_links)
    entry.scheduled = entry.date is not None and entry.date > now
    entry.warnings = []
    if "--8<--" in entry.body:  # (expanded on each load: the files may have changed)
        entry.body = expand_snippets(entry.body, path, content_dir, entry.body_line)
    return entry


def unknown_field_notes(entries: list[Entry], config: SiteConfig) -> list[AuthorError]:
    """One warning for each front-matter field that no part of the engine reads (a typo,
    another generator's field), at its first file, with how many files set it; errors
    instead with ``[build] unknown_keys = "error"``."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in unknown_fields(entry.meta, config.front_matter_fields):
            found.setdefault(name, []).append(entry)
    notes = []
    for name, setting in found.items():
        first, others = setting[0], len(setting) - 1
        also = f" (and in {others} other file{'s' if others > 1 else ''})" if others else ""
        notes.append(AuthorError(first.source, f"unknown field '{name}': it is not used{also}",
                                 line=first.field_lines.get(name),
                                 hint=unknown_field_hint(name, config.front_matter_fields)))
    if notes and config.unknown_keys == "error":
        raise AuthorErrors(notes)
    return notes


def dated_pages(entries: list[Entry]) -> list[AuthorError]:
    """A warning for each folder whose files have a date but are published as pages, not
    posts (Hugo's ``content/post/``, Pelican's articles in ``content/``): one per folder,
    at its first such file, with how many there are."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        dated = "date" in entry.meta or FILE_DATE.match(entry.source.stem)
        if entry.kind in ("page", "doc") and dated:
            found.setdefault(entry.rel_path.rsplit("/", 1)[0] if "/" in entry.rel_path
                             else "", []).append(entry)
    warnings = []
    for folder, dated_entries in found.items():
        first = dated_entries[0]
        section = folder.split("/")[0]
        hint = (f'to publish them as posts, add to site.toml:\n[sections.{section}]\n'
                'kind = "posts"') if section else \
            "to publish them as posts, move them into content/posts/"
        where = f"content/{folder}/" if folder else "content/"
        warnings.append(AuthorError(
            first.source, f"{len(dated_entries)} file(s) in {where} have a date but are "
            "published as pages, in no list or feed",
            line=first.field_lines.get("date"), hint=hint))
    return warnings


# --- Phase 3: index the URLs ----------------------------------------------------------------

def index_urls(site: Site, entries: list[Entry], warnings: list[AuthorError]) -> None:
    """Give each entry its URL in ``site`` (the home page its place), and each alias its
    entry. Raises :class:`AuthorErrors` for two files with one URL, or an alias that is
    already some page's URL."""
    errors: list[AuthorError] = []
    for entry in entries:
        if entry.kind == "home":
            site.home = entry
            continue
        if entry.url == "/":
            errors.append(AuthorError(
                entry.source, "this file's URL is / , the home page's",
                line=entry.field_lines.get("url"),
                hint="give it another url (or permalink); content/index.md is the home page"))
            continue
        other = site.entries.get(entry.url)
        if other is not None:
            errors.append(AuthorError(
                entry.source, f"this file and {other.rel_path} both publish {entry.url}",
                hint="rename one of them or give one a different 'slug'"))
            continue
        site.entries[entry.url] = entry
    for entry in entries:
        for alias in entry.aliases:
            alias_url = alias if alias.endswith(("/", ".html")) else alias + "/"
            owner = site.entries.get(alias_url) or site.aliases.get(alias_url) or (
                site.entries.get(alias_url.removesuffix("index.html")))
            if owner is not None and owner is not entry:
                warnings.append(AuthorError(
                    entry.source, f"alias {alias} is already the URL of {owner.rel_path}: "
                    "no redirect there", line=entry.field_lines.get("aliases")
                    or entry.field_lines.get("redirect_from"),
                    hint="remove the alias, or move the other page"))
            elif owner is None:
                site.aliases[alias_url] = entry
    errors += _index_redirect_table(site, entries)
    if errors:
        raise AuthorErrors(errors)
    _index_redirects(site, entries, warnings)


def _index_redirect_table(site: Site, entries: list[Entry]) -> list[AuthorError]:
    """Give each old address of ``[redirects]`` in site.toml the entry it names; an error
    for a new address that is no page, and for an old one that is a page's URL."""
    by_source = {entry.rel_path: entry for entry in entries}
    errors = []
    path = site.root / "site.toml"
    for old, new in site.config.redirects:
        if new.endswith(MARKDOWN_SUFFIXES):  # (MkDocs' redirects name files under docs/)
            target = by_source.get(new.lstrip("/")) or by_source.get("docs/" + new.lstrip("/"))
        else:
            target = site.entries.get(new if new.endswith(("/", ".html")) else new + "/")
        old_url = _mkdocs_url(old) if old.endswith(MARKDOWN_SUFFIXES) else (
            old if old.endswith(("/", ".html")) else old + "/")
        problem = ("is not a page of this site" if target is None else
                   f"is the URL of {site.entries[old_url].rel_path}"
                   if old_url in site.entries else None)
        if problem:
            shown = new if target is None else old_url
            errors.append(AuthorError(path, f"[redirects]: {shown} {problem}",
                                      line=config_line(path, old), hint='write "/old/url/" = '
                                      '"/its/new/url/" or the new page\'s file, "docs/x.md"'))
        elif target is not None:
            site.aliases.setdefault("/" + old_url.lstrip("/"), target)
    return errors


def _mkdocs_url(file: str) -> str:
    """The directory URL MkDocs gives a Markdown file: ``a/b.md`` -> ``/a/b/``, ``a/index.md``
    -> ``/a/``."""
    stem = file.lstrip("/").rsplit(".", 1)[0]
    stem = stem.removesuffix("index").removesuffix("README")
    return "/" + (stem.rstrip("/") + "/" if stem.strip("/") else "")


def _index_redirects(site: Site, entries: list[Entry], warnings: list[AuthorError]) -> None:
    """Give each old URL of the sections' ``redirect_from`` rules its entry, unless a page or
    an alias has that URL: that one is left out, with a warning."""
    for entry in entries:
        for redirect in entry.redirects:
            folder = redirect.removesuffix("index.html")  # (/a/index.html is /a/'s file)
            owner = site.entries.get(redirect) or site.aliases.get(redirect) \
                or site.entries.get(folder)
            if folder == "/":  # (the home page: an old site's root is this one's)
                continue
            if owner is None:
                site.aliases[redirect] = entry
            elif owner is not entry:
                rule = entry.section or entry.rel_path.split("/")[0]
                warnings.append(AuthorError(
                    entry.source, f"the old URL {redirect} (redirect_from of this section in "
                    f"site.toml) is already the URL of {owner.rel_path}: no redirect there",
                    hint=f"make the [sections.{rule}] redirect_from patterns distinct, or "
                         "give one of the files another slug"))


# --- Phase 4: render the bodies -------------------------------------------------------------

def render_bodies(entries: list[Entry], cache: Cache, jobs: int | None, remember: bool,
                  on_rendered: Callable[[int, Rendered], None] | None = None,
                  pool: BodyPool | None = None) -> RenderedBodies:
    """Render every entry's body (or take it from ``cache``, or from ``pool`` if it was
    handed over to it), and give each entry its outline: table of contents, ids and word
    count. The HTML is asked of the result when links are resolved.
    ``on_rendered(index, rendered)`` is called for each body that processes render now, as
    soon as it comes back (see :func:`~sitegen.render_cache.render_all`)."""
    try:
        rendered = render_all([entry.body for entry in entries], cache, jobs, remember=remember,
                              on_rendered=on_rendered, pool=pool)
    except AuthorError as error:  # a body too deeply nested to render (which names no file)
        raise AuthorErrors(_unrenderable(entries) or [error]) from None
    for entry, (ids, word_count, toc) in zip(entries, rendered.outlines, strict=True):
        entry.toc, entry.ids, entry.word_count = toc, set(ids), word_count
    return rendered


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


# --- Phase 5: resolve the links -------------------------------------------------------------

def resolve_links(site: Site, all_entries: list[Entry], entries: list[Entry],
                  source_keys: dict[str, str], rendered: RenderedBodies, cache: Cache,
                  include_drafts: bool, authors: dict[str, Author], warnings: list[AuthorError],
                  file_stats: FileStats | None, context: LinkContext,
                  ahead: LinksAhead) -> dict[Hashable, Any]:
    """Rewrite every body's links to the pages and files they name (``context``: see
    :func:`_link_context`; or take them as ``ahead`` rewrote them), set each entry's summary
    and load key (from its ``source_keys``, see :func:`parse_front_matter`), and collect the
    files pages link to into ``site.assets``. Returns the HTML rewritten now, by key in the
    "links" memo, for the cache (see :func:`_rewrite_links_once`).

    A broken link stops a build (if ``broken_links = "error"``, or it leaves content/) and
    is a warning on its page in preview; the build's warnings go to ``site.warnings``."""
    config = site.config
    content_dir = site.root / "content"
    if include_drafts:  # (for the quick reload of a body: see reload_body)
        cache.memory(LAST_LOAD)["link context"] = context
    world = digest([_links_world(site, all_entries, include_drafts, file_stats),
                    context.generated, context.term_feeds, context.paginated_terms,
                    context.other_pages.key if context.other_pages is not None else ""])
    link_errors: list[AuthorError] = []
    rewritten: dict[Hashable, Any] = {}  # the HTML rewritten now, for the cache
    for index, entry in enumerate(entries):
        key = (world, rendered.keys[index], entry.rel_path, entry.url, entry.published,
               entry.body_line)
        done = ahead.take(index)
        entry.html = _rewrite_links_once(rendered, index, entry, context, key, cache,
                                         link_errors, rewritten, done)
        entry.summary_html, entry.summary = _summary_once(entry, key, cache, done)
        entry.load_key = text_digest("\0".join(map(str, (source_keys[entry.rel_path], *key))))
        if entry.image:
            _resolve_image(entry, entry.image, context, link_errors)
    published_files = _published_file_errors(entries, authors, context, content_dir, config)
    link_errors += menu_errors(site.root / "site.toml", config, context)
    if include_drafts:  # preview: a broken link is a warning shown on its page
        by_path = {str(entry.source): entry for entry in entries}
        for problem in link_errors:
            if str(problem.path) in by_path:  # (a menu's link is reported in the terminal)
                by_path[str(problem.path)].warnings.append(problem)
    else:
        fatal = published_files + [
            error for error in link_errors
            if config.broken_links == "error" or "outside content" in error.message]
        if fatal:
            raise AuthorErrors(fatal)
    site.warnings.extend(str(error).replace(": error:", ": warning:")
                         for error in warnings + link_errors + published_files)
    site.assets = context.assets
    return rewritten


def _summary_once(entry: Entry, key: tuple[Any, ...], cache: Cache,
                  done: Rewritten | None) -> tuple[str, str]:
    """The summary of ``entry`` (see :func:`_summary`), remembered by its links' ``key``
    (see :func:`_rewrite_links_once`), or as ``done`` took it while the body rendered."""
    take = partial(_summary, entry) if done is None else partial(tuple, done.summary)
    summary: tuple[str, str] = cache.memo("summaries").get((entry.meta.get("summary"), key), take)
    return summary


def _resolve_image(entry: Entry, image: str, context: LinkContext,
                   errors: list[AuthorError]) -> None:
    """Resolve the front matter's ``image`` as a link (a problem is at that field's line)."""
    count = len(errors)
    entry.image = resolve_link(image, entry, context, errors) or image
    for problem in errors[count:]:
        problem.line = entry.field_lines.get("image")


def _link_context(site: Site, all_entries: list[Entry], entries: list[Entry],
                  other_pages: OtherPages | None) -> LinkContext:
    """What links resolve against: the pages (drafts too, to say a link leads to one), the
    aliases, what the site generates by its settings, and the pages of its hooks.py."""
    config = site.config
    context = LinkContext(content_dir=site.root / "content", base_path=config.base_path,
                          by_source={entry.rel_path: entry for entry in all_entries},
                          known_urls={entry.url for entry in entries} | set(site.aliases)
                          | _section_urls(entries),
                          aliases={alias: entry.url for alias, entry in site.aliases.items()},
                          generated=generated_paths(config), other_pages=other_pages,
                          term_feeds=tuple(feed.file for feed in config.published_feeds(True)),
                          paginated_terms=config.paginate_terms)
    context.by_name = sources_by_name(context.by_source)
    return context


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
    # Every page's place and anchors, as one text (paths, URLs and ids hold no NUL).
    places = "\n".join(f"{e.rel_path}\0{e.url}\0{e.published:d}\0" + "\0".join(sorted(e.ids))
                       for e in all_entries)
    return digest([content_dir, site.config.base_path, include_drafts,
                   sorted((alias, entry.url) for alias, entry in site.aliases.items()),
                   sorted(item for item in content_files.items()
                          if item[0].startswith(content_prefix)
                          and not item[0].endswith(MARKDOWN_SUFFIXES)),
                   text_digest(places)])


def _rewrite(html: str, entry: Entry, context: LinkContext,
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
                        done: Rewritten | None = None) -> Callable[[], str]:
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
            else _rewrite(body_html, entry, context)
        changed = html != body_html  # (most bodies have no link to rewrite)
        memo.get(key, lambda: (problems, assets, changed))
        if changed:
            rewritten[key] = html
    else:
        problems, assets, changed = kept
    errors.extend(problems)
    for url, asset in assets.items():
        context.assets.setdefault(url, asset)
    if not changed:
        return partial(rendered.html, index)
    return partial(_links_html, rewritten, cache, key,
                   partial(_rewrite_again, rendered, index, entry, context))


class Rewritten(NamedTuple):
    """A body's links rewritten (see :func:`_rewrite`), and its summary (see :func:`_summary`)."""

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
        entry.ids = set(rendered.ids)  # (as render_bodies gives it: its anchors are known)
        self.context.unrendered.discard(entry.rel_path)
        try:
            html, problems, assets = _rewrite(rendered.html, entry, self.context)
        except AnchorsNotKnown:
            return
        self._done[index] = Rewritten(html, problems, assets,
                                      _summary_of(entry.meta.get("summary"), html))

    def finish(self) -> None:
        """Every body is rendered: every page's anchors are known."""
        self.context.unrendered = set()

    def take(self, index: int) -> Rewritten | None:
        """What :meth:`rewrite` made of entry ``index`` (once), if it did."""
        return self._done.pop(index, None)


def _links_html(rewritten: dict[Hashable, Any], cache: Cache, key: tuple[Any, ...],
                rewrite: Callable[[], str]) -> str:
    """The HTML with its links rewritten by ``key``: as this load ``rewritten`` it (until it
    is in the cache: see :func:`leave_html_in_cache`), else as ``cache`` keeps it; if it has
    gone from there, ``rewrite()``'s, kept again."""
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
    return _rewrite(rendered.html(index), entry, context)[0]


def menu_errors(path: Path, config: SiteConfig, context: LinkContext) -> list[AuthorError]:
    """An error for each ``[[menu]]`` link of ``site.toml`` to a path this site does not have
    (every page would show it), at the line that sets it."""
    errors = []
    for item in config.menu:
        target = urlsplit(item.url)
        if item.url.startswith("/") and not item.url.startswith("//") \
                and not site_path_exists(unquote(target.path), context):
            errors.append(AuthorError(path, f"the menu links to {item.url}, which is not a "
                                      "page or file of this site",
                                      line=config_line(path, item.url, key="url"),
                                      hint="fix the [[menu]] url, or remove that entry"))
    return errors


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
            avatar = "/" + author.avatar.lstrip("/")
            if not site_path_exists(avatar, context):
                errors.append(AuthorError(
                    content_dir / "authors.yml", f"avatar {author.avatar!r} of {author.key!r} "
                    "not found", hint="give a path relative to content/, e.g. avatars/ada.png"))
            author.avatar = site_url(config.base_path, avatar)
    return errors


# --- Phase 6: assemble the site -------------------------------------------------------------

def assemble(site: Site, entries: list[Entry], authors: dict[str, Author], cache: Cache) -> None:
    """Order the posts, pages and docs, link neighbours, gather tags, categories and each
    author's posts, and relate posts by their tags. A tag or category that makes no URL
    (``!!!``, ``..``) is an error rather than left out."""
    _check_terms(entries)
    site.authors = authors
    site.posts = sorted((e for e in entries if e.kind == "post" and not e.hidden),
                        key=_order_key)
    for post in site.posts:
        site.sections.setdefault(post.section, []).append(post)
    _name_posts(site, [e for e in entries if e.kind == "post"])
    site.pages = sorted((e for e in entries if e.kind == "page"), key=lambda e: e.url)
    site.docs_tree, site.docs = _build_docs_tree([e for e in entries if e.kind == "doc"])
    for newer, older in zip(site.posts, site.posts[1:], strict=False):
        older.next, newer.previous = newer, older
    for earlier, later in zip(site.docs, site.docs[1:], strict=False):
        earlier.next, later.previous = later, earlier
    _gather_terms(site, authors, [e for e in entries if e.kind == "post" and e.hidden])
    _relate(site.posts, cache)


def _gather_terms(site: Site, authors: dict[str, Author], hidden: list[Entry]) -> None:
    """Give each post its tags, category and author, and each of those its listed posts. A
    hidden post shows only the tags and category that listed posts give a page."""
    unlisted: dict[str, Author] = {}
    for post in site.posts:
        post.tags = [term for name in post.meta.get("tags", [])
                     if (term := _add_term(site.tags, name, "tags", post)) is not None]
        if post.meta.get("category") and site.config.categories:
            post.category = _add_term(site.categories, post.meta["category"], "categories", post)
        post.author = _find_author(post.meta.get("author") or site.config.author or None,
                                   authors, unlisted)
        if post.author is not None and post.author.key:
            post.author.entries.append(post)
    for post in hidden:
        post.tags = [term for name in post.meta.get("tags", [])
                     if (term := site.tags.get(slugify(str(name)))) is not None]
        post.category = site.categories.get(slugify(str(post.meta.get("category") or "")))
        post.author = _find_author(post.meta.get("author") or site.config.author or None,
                                   authors, unlisted)
    site.tags = dict(sorted(site.tags.items()))
    site.categories = dict(sorted(site.categories.items()))


# --- A preview's quick reload ---------------------------------------------------------------

def reload_body(site: Site, entry: Entry, cache: Cache, file_stats: FileStats,
                now: dt.datetime) -> bool:
    """Take a save of ``entry``'s source in preview that changed its body and nothing any
    other page shows, in place: the body is rendered, its links resolved and its summary
    taken, without loading the whole site again. Returns False, having changed nothing, for
    any other save: one that changes the front matter or the title, the anchors, the
    warnings, the files the page links to, or includes snippets; the site must then be
    loaded again (:func:`load_site`). ``tests/test_incremental.py`` checks every page
    against a whole load's."""
    last = cache.memory(LAST_LOAD)
    context: LinkContext | None = last.get("link context")
    kept = last.get("pristine", {}).get(entry.rel_path)
    if context is None or kept is None:
        return False
    pristine, pristine_notes = kept
    try:
        text = read_source(entry.source, file_stats.get(str(entry.source)),
                           cache.memory("texts"))
        notes: list[AuthorError] = []
        fresh = load_entry(entry.source, text, context.content_dir, site.config, now, notes)
        if "--8<--" in fresh.body or "--8<--" in pristine.body \
                or dataclasses.replace(fresh, body=pristine.body) != pristine \
                or list(map(str, notes)) != list(map(str, pristine_notes)):
            return False
        rendered = render_markdown(fresh.body)
    except AuthorError:
        return False
    if set(rendered.ids) != entry.ids:
        return False
    html, problems, assets = _rewrite(rendered.html, entry, context)
    if list(map(str, problems)) != list(map(str, entry.warnings)) \
            or not assets.keys() <= site.assets.keys():
        return False
    entry.body, entry.html, entry.toc = fresh.body, html, rendered.toc
    entry.word_count = rendered.word_count
    entry.summary_html, entry.summary = _summary(entry)
    last["pristine"][entry.rel_path] = (fresh, notes)
    return True
