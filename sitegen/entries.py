"""Phase 2 of the load (:mod:`sitegen.load`): each source's front matter, checked, into an
:class:`~sitegen.models.Entry` (not yet rendered), remembered by the source's text and the
settings; the authors of ``authors.yml``; and the notes on fields no part of the engine
reads and on dated files published as pages."""
from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from collections.abc import Callable, Hashable
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.cache import Cache
from sitegen.config import RESERVED_SECTIONS, SiteConfig, is_site_own_url
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import FileStats, has_settled, settled_cutoff, text_digest
from sitegen.frontmatter import (
    SplitSource,
    field_line,
    page_aliases,
    split_source,
    title_from_body,
    unknown_field_hint,
    unknown_fields,
    validate_meta,
)
from sitegen.hugoparams import has_param_shortcode, with_params
from sitegen.markdown import heading_text, render_inline
from sitegen.models import SNIPPET_MARK, Author, Entry
from sitegen.permalinks import uses_date
from sitegen.places import FILE_DATE, Place, place_of, post_date, undated
from sitegen.prose import pre_block_lines, prose_lines
from sitegen.rewrites import as_markdown, without_attribute_list
from sitegen.slugs import heading_id, mkdocs_title, slugify
from sitegen.snippets import expand_snippets_by_line, missing_snippets, with_appended_snippets
from sitegen.sources import Source, Unread, read_source
from sitegen.textscan import has_toc_marker, without_entities
from sitegen.yamltext import load_yaml

# The preview's memory of its last load in the cache: what sitegen.load.reload_body needs
# (each entry as loaded, and what links resolve against).
LAST_LOAD = "preview: last load"
# The cache's namespace of the entries' bodies, by their keys in the "entries" memo: kept
# apart, for a load from the cache to read none of them (see Entry.read_body_with).
BODIES = "entries:body"
# What a source loaded to: its entry, its key (see parse_front_matter) and its notes; or an
# error, or nothing but a warning.
Loaded = tuple[Entry | AuthorError | None, str, list[AuthorError]]


class ChangedSource(AuthorError):
    """A source whose body the build must read again, which changed since the build took its
    stats: the body it was loaded with is gone (see :func:`cached_body`)."""


class SkippedSource(AuthorError):
    """A source that is left out of the site, with a warning (a page at the URL of the site's
    own search page, say: another generator's search page, which this site's replaces)."""


def _humanize(stem: str, post: bool) -> str:
    """The title of a file named ``stem`` that gives none: a ``post`` named with its date,
    or a document of a Jekyll collection (a section of pages: DjangoCon's presenters), as
    Jekyll titles it (its name's words between hyphens, each capitalised: ``Release 1.0.0
    Incubating``, ``Release_1.33.0``, ``Andrew Knight``), another as MkDocs does (hyphens
    and underscores as spaces, the first letter capitalised if the name is all in lower
    case: a Material blog's ``consulting-writing.md``)."""
    name = undated(stem)
    if post:
        return " ".join(word.capitalize() for word in name.split("-") if word) or stem
    return mkdocs_title(name) if name.strip("-_ ") else stem


def _title_and_body(title: str | None, body: str, path: Path, rel_path: str,
                    config: SiteConfig) -> tuple[str, str, str, str]:
    """A page's title and its body: the front matter's ``title`` (its HTML entities, such as
    ``&amp;`` or ``&mdash;``, read as the characters they stand for, as Jekyll's pages and
    Pelican's show them), else its first ``# Heading`` as plain text (taken out of the body;
    its entities read too, as Markdown reads them), else the file's name; a first heading
    that repeats the front matter's title is taken out too (shown once, as Material shows
    it). Also the id of the heading taken out, as the table of contents would give it, and
    its HTML (see :func:`_heading_html`); the body's headings that repeat that id are given
    the next ones (see :func:`_ids_after_title`)."""
    taken = None
    if title:
        title = without_entities(str(title))
    if title and body.lstrip().startswith("# "):
        heading, rest = title_from_body(body)
        if heading and without_entities(heading_text(heading)).casefold() == title.casefold():
            body, taken = rest, heading
    if not title:
        taken, body = title_from_body(body)
        name = PurePosixPath(rel_path)  # (index.en.md is index.md: see source_rel_path)
        stem = name.stem if name.stem != "index" else path.parent.name
        rule = config.section_of(rel_path)  # (a section of pages: a Jekyll collection's)
        title = without_entities(heading_text(taken)) if taken else (
            config.title if rel_path in ("index.md", "index.markdown") else _humanize(
                stem, FILE_DATE.match(name.stem) is not None
                or (rule.kind == "page" and rule is not config.pages)))
    if not taken:
        return title, body, "", ""
    title_id = heading_id(without_entities(heading_text(taken)), "-")
    return title, _ids_after_title(body, title_id, title), title_id, _heading_html(taken, title)


def _ids_after_title(body: str, title_id: str, title: str) -> str:
    """``body`` with each ``#`` heading (a prose line, with no attribute list) whose id would
    be ``title_id``, the id of the page's ``title`` taken out of it, given the next ones
    (``{#permissions_1}``, ``{#permissions_2}``), as MkDocs and Hugo give them, whose bodies
    keep the title: DependencyTrack's ``permissions.md#permissions_1``. Line for line; only
    a body that repeats the title's text is looked at."""
    if title.casefold() not in body.casefold():
        return body
    lines = body.split("\n")
    shown_as_written = pre_block_lines(body) if "<pre" in body else set()
    repeats = 0
    for index, line in prose_lines(body):
        text = line.lstrip("#").strip()
        if not line.startswith("#") or index in shown_as_written:
            continue
        closed = text.rstrip("#").rstrip() if text.rstrip("#").endswith((" ", "\t")) else text
        if closed and without_attribute_list(closed) == closed \
                and heading_id(without_entities(heading_text(closed)), "-") == title_id:
            repeats += 1
            marks = line[:len(line) - len(line.lstrip("#"))]
            lines[index] = f"{marks} {closed} {{#{title_id}_{repeats}}}"
    return "\n".join(lines)


def _heading_html(heading: str, title: str) -> str:
    """The HTML of the ``# heading`` taken out of a body as its page's heading, where it is
    other than its ``title`` as text: its code and emphasis (dstack's ``# `gateway```), or
    its case (osquery's ``# Performance safety`` under the nav's "Performance Safety"), as
    MkDocs shows a page's own heading; else ''."""
    written = without_entities(heading)  # (its entities read, as Markdown reads them)
    if written == title or "](" in written:  # (a link's address is the body's to rewrite:
        return ""  # such a heading shows its text)
    html = render_inline(written).strip()
    return html.removeprefix("<p>").removesuffix("</p>")


def load_entry(path: Path, text: str, content_dir: Path, config: SiteConfig, now: dt.datetime,
               warnings: list[AuthorError]) -> Entry:
    """Build the (not yet rendered) entry of one source's ``text``; notes go to
    ``warnings``."""
    rel_path = source_rel_path(path, content_dir, config.language)
    if not text.strip():  # (Hugo's placeholder of a section, MkDocs' page to write)
        warnings.append(AuthorError(path, "the file is empty: it is published as a page with "
                                    "no text, titled from its name", line=1,
                                    hint="write its text, or delete the file to leave it out"))
    source = split_source(text, path)
    shown_fields: set[str] = set()
    if has_param_shortcode(source.body):  # (Hugo writes the values before the Markdown)
        body, shown_fields = with_params(source.body, source.meta, config.params)
        source = dataclasses.replace(source, body=body)
    meta = validate_meta(source, path, config.tz, warnings)
    body = as_markdown(source.body)
    title, body, title_id, title_html = _title_and_body(meta.get("title"), body, path,
                                                        rel_path, config)
    rule = config.section_of(rel_path)
    folders = rel_path.split("/")[1:-1 if path.stem != "index" else -2]  # (not a bundle's)
    if rule.category_from_folder and rule.kind == "post" and folders \
            and not meta.get("category"):
        meta["category"] = folders[-1]  # (content/posts/others/talks/x.md is in "talks", as
        # Pelican takes the folder a file is in)
    _post_slug_is_one_segment(meta, rule.kind, path, source, warnings)
    date = _entry_date(path, rel_path, meta, config, source)
    place = place_of(path, rel_path, {**meta, "title": title}, date, config, source)
    _check_place_is_free(place, path, rel_path, config, source)
    if rule.ascii_urls and not place.url.isascii():
        warnings.append(_unidecoded_url_note(place.url, path, source))
    return Entry(
        kind=place.kind, source=path, rel_path=rel_path, url=place.url, slug=place.slug,
        title=title, title_id=title_id, title_html=title_html, meta=meta,
        section=place.section,
        redirects=place.redirects,
        date=date, updated=meta.get("updated"), draft=bool(meta.get("draft", False)),
        hidden=bool(meta.get("hidden", False)), toc_marker=has_toc_marker(body),
        scheduled=date is not None and date > now, weight=meta.get("weight", 0),
        aliases=page_aliases(list(meta.get("aliases", [])), place.url, source, path),
        image=meta.get("image"),
        _body=(whole := with_appended_snippets(body)),  # (its digest: __post_init__)
        snippets=SNIPPET_MARK in whole, shown_fields=tuple(sorted(shown_fields)),
        body_line=source.body_line + (len(source.body.split("\n")) - len(body.split("\n"))),
        field_lines={str(key).lower(): line for key in source.meta
                     if (line := source.line_of(str(key))) is not None},
    )


def _entry_date(path: Path, rel_path: str, meta: dict[str, Any], config: SiteConfig,
                source: SplitSource) -> dt.datetime | None:
    """The date of the source at ``rel_path``: a post's (see :func:`post_date`), and a page's
    of a section whose permalink uses the date (Typelevel's events, Jekyll's dated
    collection at ``/event/:year-:month-:title/``); else its ``date`` field's, if any. A
    section's own ``index.md`` needs none."""
    rule = config.section_of(rel_path)
    if rel_path.split("/")[1:] in (["index.md"], ["index.markdown"]):
        return meta.get("date")
    if rule.kind == "post":
        return post_date(path, meta, config, source)
    if rule.kind == "page" and rule.folder and uses_date(rule.permalink):
        return post_date(path, meta, config, source,
                         "a page of a section whose permalink uses the date")
    return meta.get("date")


def _unidecoded_url_note(url: str, path: Path, source: SplitSource) -> AuthorError:
    """The warning for a section of ``ascii_urls`` whose page's ``url`` keeps letters that
    have no accent to take off (Pelican wrote them in ASCII, by unidecode)."""
    return AuthorError(
        path, f"the URL {url} keeps letters of no accent to take off, where Pelican wrote "
        "them in ASCII (unidecode: 簡介 as jian-jie): the old address differs",
        line=source.line_of("title"), hint="give the file its old slug in a Slug: line (or its "
                                           "old address in URL:) to keep it")


def _post_slug_is_one_segment(meta: dict[str, Any], kind: str, path: Path,
                              source: SplitSource, warnings: list[AuthorError]) -> None:
    """A post's ``slug`` of several segments is left out, with a warning: a post's slug
    names its page and its JSON (Mic92's slugs of dates and names, which Hugo's ``:title``
    leaves unused); a page's or a doc's is its path (Pelican's ``speaker/ada``)."""
    slug = meta.get("slug")
    if kind == "post" and isinstance(slug, str) and "/" in slug:
        warnings.append(AuthorError(
            path, f"slug {slug!r} of a post is not one URL segment: left out (the file's name "
            "or title gives the address)", line=source.line_of("slug"),
            hint="use letters, digits and hyphens, e.g. slug: my-post"))
        del meta["slug"]


def unused_term_notes(entries: list[Entry], config: SiteConfig) -> list[AuthorError]:
    """One warning for the tags, and one for the categories, of the pages that set them and
    are listed under no term, at the first such file, with how many others do: the home
    page, and pages where only posts and docs pages are listed (see
    :meth:`SiteConfig.lists_terms`: Jekyll's and Pelican's, where Hugo lists every page)."""
    notes = []
    for field, written in (("tags", "tags"), ("category", "categories")):
        setting = [entry for entry in entries if entry.kind != "post" and entry.meta.get(field)
                   and not config.lists_terms(entry.kind, entry.rel_path, False)
                   and (field in entry.field_lines or written in entry.field_lines)]
        if not setting:
            continue
        first, others = setting[0], len(setting) - 1
        also = f" (and in {others} other file{'s' if others > 1 else ''})" if others else ""
        notes.append(AuthorError(
            first.source, f"the {field} of a {_KIND_NAMES.get(first.kind, first.kind)} "
            f"{'are' if field == 'tags' else 'is'} not used{also}: it is listed under no "
            "tag or category", line=first.field_lines.get(field)
            or first.field_lines.get(written),
            hint=f"remove {field}" if first.kind == "home" else "write terms = true in the "
            "[pages] table of site.toml (or the [sections.NAME] table of its folder) to list "
            f"pages under their tags and categories, as Hugo does; or remove {field}"))
    return notes


_KIND_NAMES = {"doc": "docs page", "home": "home page"}


def _check_place_is_free(place: Place, path: Path, rel_path: str, config: SiteConfig,
                         source: SplitSource) -> None:
    """Raise :class:`SkippedSource` for a page at a URL the site makes itself: its search,
    tags, feeds..., or the list of a posts section's posts (Jekyll's ``posts.md``)."""
    if place.kind != "home" and is_site_own_url(place.url):
        taken = place.url.split("/")[1]
        in_folder = rel_path.split("/")[0] == taken and "/" in rel_path
        raise SkippedSource(path, f"the URL {place.url} is the site's own (its search, tags, "
                            "feeds...): this file is not published", line=source.line_of("slug"),
                            hint=(f"give it a url outside /{taken}/ (url: /{place.slug}/), or "
                                  f"move it out of content/{taken}/, or give the pages a "
                                  'pattern: [pages] permalink = "/:slug/"') if in_folder
                            else "give it another slug or url to publish it")
    listed = next((section for section in config.sections if section.kind == "post"
                   and section.folder and place.url == f"/{section.folder}/"), None)
    if listed is not None and place.kind != "post" \
            and posixpath.dirname(rel_path) != listed.folder:
        raise SkippedSource(path, f"the URL {place.url} is the list of the posts of "
                            f"content/{listed.folder}/, which the site makes: this file is not "
                            "published", line=source.line_of("url") or source.line_of("permalink"),
                            hint=f"give it another url, or put its text in "
                                 f"content/{listed.folder}/index.md to show it there instead "
                                 "of the list")


# What an author's other generators call its fields (Material's description, a Jekyll
# theme's thumbnail), and the fields read.
AUTHOR_SYNONYMS = {"description": "bio", "thumbnail": "avatar", "image": "avatar",
                   "picture": "avatar", "photo": "avatar"}
AUTHOR_FIELDS = ("name", "bio", "avatar", "links")


def load_authors(content_dir: Path, warnings: list[AuthorError]) -> dict[str, Author]:
    """Authors from ``content/authors.yml``: ``key: {name, bio, avatar, links}``, or as
    Material for MkDocs' blog writes them (``.authors.yml``: ``authors: {key: {name,
    description, avatar}}``), or a Jekyll theme (``thumbnail``); other keys are named in one
    warning each (grab's ``github``, in 77 authors)."""
    path = content_dir / "authors.yml"
    if not path.exists():
        return {}
    data = load_yaml(read_source(path), path) or {}
    if not isinstance(data, dict):
        raise AuthorError(path, "authors.yml must map author keys to their details",
                          hint="ada:\n    name: Ada Lovelace\n    bio: ...")
    if list(data) == ["authors"] and isinstance(data["authors"], dict) \
            and all(isinstance(details, dict) for details in data["authors"].values()):
        data = data["authors"]  # (Material's .authors.yml)
    authors = {}
    unread: dict[str, int] = {}
    for key, written in data.items():
        if not isinstance(key, str):  # (0x7df's key, the number 2015 to YAML)
            kind = {"int": "a number", "float": "a number", "bool": "true or false"}.get(
                type(key).__name__, "no text")
            raise AuthorError(path, f"the author key {key!r} is {kind} as YAML reads it, not "
                              "the text written (0x7df is 2015, 1.10 is 1.1, no is false): "
                              "posts could not name it",
                              hint='put the key in quotes: "0x7df": {name: ...}')
        details = _author_details(written, unread)
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
    warnings.extend(AuthorError(path, f"the authors' field '{name}' is not read (in {count} "
                                "author(s))", hint="an author has name, bio, avatar and links, "
                                "a list of {name, url}: links: [{name: GitHub, url: https://"
                                "github.com/ada}]") for name, count in unread.items())
    return authors


def _author_details(written: object, unread: dict[str, int]) -> dict[object, object]:
    """An author's fields as ``authors.yml`` writes them (a table, or a name alone), in any
    case (Hugo themes' ``data/authors/*.yml`` write ``Name:``, which ``.Name`` reads:
    Pivotal's 158 authors), under our names (see :data:`AUTHOR_SYNONYMS`); each other field
    is counted in ``unread``."""
    details: dict[object, object] = {
        str(name).lower() if str(name).lower() not in written else name: value
        for name, value in written.items()} if isinstance(written, dict) \
        else {"name": str(written)}
    for other, ours in AUTHOR_SYNONYMS.items():
        if ours not in details and other in details:
            details = {**details, ours: details[other]}
    if isinstance(details.get("url"), str) and "links" not in details:  # (Material's)
        details = {**details, "links": [{"name": "Website", "url": details["url"]}]}
    for name in details:
        if name not in AUTHOR_FIELDS and name not in AUTHOR_SYNONYMS and name != "url":
            unread[str(name)] = unread.get(str(name), 0) + 1
    return details


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
    :func:`~sitegen.sources.read_sources`); unless the file changed less than
    :data:`~sitegen.fingerprint.SETTLED_NS` ago."""
    config_key = text_digest(repr(config))  # (stands for the settings in every entry's key)
    text_digests = cache.memo("text digests")
    text_digests.start_load(remember=include_drafts)
    # A preview keeps each entry as loaded, with its notes, for sitegen.load.reload_body.
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
            loaded[place] = (entry, make_source_key(text_key, config_key), notes)
            if on_body is not None and (include_drafts or entry.published):
                on_body(entry.body)  # (to be rendered: see sitegen.bodies.render_bodies)
        except AuthorError as error:  # (a skipped source is a warning only)
            loaded[place] = (None, "", [error]) if isinstance(error, SkippedSource) else \
                (error, "", notes)
    text_digests.finish_load()
    entries, source_keys, errors = _in_order(loaded, warnings)
    try:
        authors = load_authors(content_dir, warnings)
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
    # (taken from the cache file: its body is read from there only if it is asked for)
    pristine.read_body_with(partial(cached_body, cache, key, path, content_dir, config, now))
    if keep is not None:
        keep[pristine.rel_path] = (pristine, notes)
    warnings.extend(notes)
    entry: Entry = pristine.copy()  # the load fills in html, tags, neighbours... on the copy
    entry.load_key = ""  # (set once its links are resolved: see sitegen.bodies.resolve_links)
    entry.scheduled = entry.date is not None and entry.date > now
    entry.warnings = []
    if entry.snippets:  # (expanded on each load: the files may have changed)
        warnings.extend(missing_snippets(entry.body, path, content_dir, entry.body_line))
        entry.body, entry.written_lines = expand_snippets_by_line(entry.body, path, content_dir,
                                                                  entry.body_line)
    return entry


def make_source_key(text_key: str, config_key: str) -> str:
    """A source's key: the digest of its text and that of the settings, joined (two digests
    of one length, which :func:`entry_memo_key` splits again)."""
    return text_key + config_key


def entry_memo_key(path: Path, source_key: str) -> tuple[str, str, str]:
    """The key of a source's entry in the "entries" memo: its path, and its source key (see
    :func:`parse_front_matter`) split into the digest of its text and that of the
    settings."""
    half = len(source_key) // 2
    return (str(path), source_key[:half], source_key[half:])


def cached_body(cache: Cache, key: tuple[str, str, str], path: Path, content_dir: Path,
                 config: SiteConfig, now: dt.datetime) -> str:
    """The body of the entry that the "entries" memo keeps by ``key``: from the cache, which
    keeps the bodies apart (:data:`BODIES`), or, if it has lost it, from the source
    again, if that is still the text the entry was loaded from."""
    body = cache.get(BODIES, key)
    if isinstance(body, str):
        return body
    text = read_source(path)
    if text_digest(text) != key[1]:
        raise ChangedSource(path, "changed while the site was being built",
                            hint="build again once it is saved")
    return load_entry(path, text, content_dir, config, now, []).body


def entry_without_body(loaded: tuple[Entry, list[AuthorError]]) -> tuple[Entry, list[AuthorError]]:
    """What the cache file keeps of a value of the "entries" memo: the entry without its body
    (kept apart: :data:`BODIES`), and its notes."""
    entry, notes = loaded
    return entry.without_body(), notes


def new_bodies(cache: Cache) -> dict[Hashable, str]:
    """The body of each entry that the "entries" memo holds and the cache file does not, by
    its key there (for :data:`BODIES`)."""
    memo = cache.memo("entries")
    return {key: memo.values[key][0].body for key in memo.values.keys() - memo.stored}


def unknown_field_notes(entries: list[Entry], config: SiteConfig) -> list[AuthorError]:
    """One warning for each front-matter field that no part of the engine reads (a typo,
    another generator's field), at its first file, with how many files set it; errors
    instead with ``[build] unknown_keys = "error"``."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in unknown_fields(entry.meta, config.front_matter_fields + entry.shown_fields):
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


# A language code after a file's name, as Hugo names translations: about.fr.md, index.zh-cn.md.
_LANGUAGE = re.compile(r"[a-z]{2}(?:-[a-z0-9]{2,8})?", re.IGNORECASE)


def _translated(path: Path) -> tuple[str, str] | None:
    """The name a file named as Hugo names a translation translates, and the language:
    ``("about", "fr")`` for ``about.fr.md``; None for another name."""
    name, dot, language = path.stem.rpartition(".")
    return (name, language) if dot and name and _LANGUAGE.fullmatch(language) else None


def without_bundled_sources(sources: list[Source], content_dir: Path, config: SiteConfig,
                            warnings: list[AuthorError]) -> list[Source]:
    """``sources`` but the Markdown files inside a post's bundle, below its ``index.md``
    (tekton's ``blog/2023/speedy/tekton/README.md``): Hugo reads everything in a leaf
    bundle as the post's files, never as pages. Each is named in ``warnings``."""
    bundles = {parts[:-1] for path, _ in sources if path.name.startswith("index.")
               and len(parts := path.relative_to(content_dir).parts) > 2
               and config.rule_of(parts[0]).kind == "post"}
    if not bundles:
        return sources  # (most sites, and every rebuild of them: a look at the index files)
    kept = []
    for source in sources:
        parts = source[0].relative_to(content_dir).parts
        above = parts[:-1] if not source[0].name.startswith("index.") else parts[:-2]
        bundle = next((above[:depth] for depth in range(len(above), 1, -1)
                       if above[:depth] in bundles), None)
        if bundle is None:
            kept.append(source)
            continue
        warnings.append(AuthorError(source[0], f"this file is inside the bundle of "
                                    f"{'/'.join(bundle)}/index.md, a post's: it is one of the "
                                    "post's files, not a page (as Hugo reads it): not "
                                    "published", hint="move it out of the bundle to make it "
                                    "a page, or start its name with _ to leave it out unsaid"))
    return kept


def without_readmes_beside_indexes(sources: list[Source], content_dir: Path,
                                   config: SiteConfig,
                                   warnings: list[AuthorError]) -> list[Source]:
    """``sources`` but each docs folder's ``README.md`` beside its ``index.md``, or its
    ``index.html`` (crawl4ai's apps), which MkDocs leaves out for the index (pypi's docs):
    each is named in ``warnings``."""
    readmes = {path for path, _ in sources
               if path.name.lower() in ("readme.md", "readme.markdown")}
    if not readmes:
        return sources  # (most sites)
    paths = {path for path, _ in sources}
    skipped = {path: index for path in readmes
               if config.section_of(path.relative_to(content_dir).as_posix()).kind == "doc"
               and (index := _index_beside(path, paths))}
    warnings.extend(AuthorError(path, f"this README.md is beside its folder's {skipped[path]}: "
                                "left out, as MkDocs leaves it out", hint="delete it, or give "
                                "it another name to publish it as a page")
                    for path in sorted(skipped))
    return [source for source in sources if source[0] not in skipped]


def _index_beside(readme: Path, sources: set[Path]) -> str | None:
    """The name of the index page beside ``readme`` (one of the ``sources``, or an
    ``index.html`` file), if there is one."""
    for name in ("index.md", "index.markdown"):
        if readme.with_name(name) in sources:
            return name
    return "index.html" if readme.with_name("index.html").is_file() else None


def source_rel_path(path: Path, content_dir: Path, language: str) -> str:
    """The path of the source at ``path`` relative to content/, as the site reads it: a
    file named as Hugo names one in the site's own language (``index.en.md`` or
    ``about.en.md``, with ``language = "en"``) is read as the file without it (``index.md``,
    a bundle's page; ``about.md``), as Hugo reads it in its default language."""
    rel_path = path.relative_to(content_dir).as_posix()
    found = _translated(path)
    if found is not None and found[1].lower() in (language.lower(),
                                                  language.split("-")[0].lower()):
        return posixpath.join(posixpath.dirname(rel_path), found[0] + path.suffix)
    return rel_path


def is_translation(path: Path, of: Path) -> bool:
    """Whether ``path`` is named as Hugo names a translation of ``of`` (``about.fr.md`` of
    ``about.md``, in the same folder)."""
    found = _translated(path)
    return found is not None and path.parent == of.parent and found[0] == of.stem


def translations(entries: list[Entry], language: str) -> list[AuthorError]:
    """A warning for each translation: a file named as Hugo names a translation of the file
    beside it (``about.fr.md`` beside ``about.md``), or one whose ``lang`` field (Pelican's
    ``Lang: fr``) is not the site's ``language``. It is published on its own here, as the
    site is built in one language."""
    names = {(entry.source.parent, posixpath.basename(entry.rel_path).rsplit(".", 1)[0])
             for entry in entries}
    warnings = []
    for entry in entries:
        found = _translated(Path(entry.rel_path))
        if found is not None and (entry.source.parent, found[0]) in names:
            name, other = found
            of = f" of {entry.source.with_name(name + entry.source.suffix).name}, as Hugo " \
                 "names them"
        elif is_other_language(entry, language):
            other, of = str(entry.meta["lang"]), ", as its lang field says"
        else:
            continue
        warnings.append(AuthorError(
            entry.source, f"this is a translation ({other}){of}: it is published on its own, "
            f"at {entry.url}", line=field_line(entry.field_lines, "lang"),
            hint="the site is built in one language: to leave the file out, move it into a "
                 "folder whose name starts with _"))
    return warnings


def is_other_language(entry: Entry, language: str) -> bool:
    """Whether ``entry``'s ``lang`` field (Pelican's ``Lang: fr``) names a language other
    than the site's ``language`` (``en`` for ``en-us`` too)."""
    lang = str(entry.meta.get("lang") or "").strip().lower()
    return bool(lang) and lang.split("-")[0] != language.split("-")[0].lower()


def slugged_folder_pages(entries: list[Entry], config: SiteConfig) -> list[AuthorError]:
    """A warning for each folder's ``index.md`` (not a post's) whose ``slug`` publishes it
    away from the pages of its folder (``docs/kcc/index.md`` with ``slug: kcc2020`` at
    ``/docs/kcc2020/``, its ``faq.md`` at ``/docs/kcc/faq/``): Hugo ignores a ``slug`` on a
    section's ``_index.md``, which the guide has renamed ``index.md``. (A posts section's
    own ``index.md`` is at the section's address, whatever its slug; a slug that keeps the
    folder's address, ``slug: played`` in ``played/``, moves nothing.)"""
    under: dict[str, list[str]] = {}
    for entry in entries:
        for depth in range(1, entry.rel_path.count("/") + 1):
            under.setdefault(entry.rel_path.rsplit("/", depth)[0], []).append(entry.url)
    warnings = []
    for entry in entries:
        folder, _, name = entry.rel_path.rpartition("/")
        pages = [url for url in under.get(folder, []) if url != entry.url]
        if config.section_of(entry.rel_path).kind == "post" or not pages \
                or name not in ("index.md", "index.markdown") or not entry.meta.get("slug") \
                or any(url.startswith(entry.url) for url in pages):
            continue
        warnings.append(AuthorError(
            entry.source, f"the slug moves this folder's page to {entry.url}, away from the "
            f"{len(pages)} page(s) of its folder (Hugo ignores a slug on a section's "
            "_index.md)", line=field_line(entry.field_lines, "slug"),
            hint="remove the slug to publish the page at its folder's address"))
    return warnings


def dated_pages(entries: list[Entry], config: SiteConfig) -> list[AuthorError]:
    """A warning for each folder whose files have a date but are published as pages, not
    posts (Hugo's ``content/post/``, Pelican's articles in ``content/``): one per folder,
    at its first such file, with how many there are. A docs section's pages are not
    posts, dated or not (Hugo's docs themes date every page): their date is the sitemap's;
    nor are the pages of a folder that has its own section (``[sections.NAME]``, whose
    ``kind`` says what they are, and a posts section's own ``index.md``). A page dated in
    the future is left out until then (and counted as scheduled)."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        dated = "date" in entry.meta or FILE_DATE.match(entry.source.stem)
        if config.section_of(entry.rel_path).folder:
            continue
        if entry.kind == "page" and dated and entry.published:  # (a draft, or one dated in
            # the future, is left out: privacy.md, a draft of getdoks.org's)
            found.setdefault(entry.rel_path.rsplit("/", 1)[0] if "/" in entry.rel_path
                             else "", []).append(entry)
    warnings = []
    for folder, dated_entries in found.items():
        first = dated_entries[0]
        section = folder.split("/")[0]
        hint = (f'to publish them as posts, add to site.toml:\n[sections.{section}]\n'
                'kind = "posts"') if section and section not in RESERVED_SECTIONS else \
            ("to publish them as posts, move them into content/posts/ (with [sections.posts] "
             'permalink = "/:contentbasename/" to keep the addresses they had at the top)')
        where = f"content/{folder}/" if folder else "content/"
        names = [posixpath.basename(entry.rel_path) for entry in dated_entries]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        warnings.append(AuthorError(
            first.source, f"{len(dated_entries)} file(s) in {where} have a date but are "
            f"published as pages, in no list or feed: {shown}",
            line=first.field_lines.get("date"),
            hint=hint + " (pages that are dated on purpose, as Hugo's about page, stay pages)"))
    return warnings
