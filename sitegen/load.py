"""Walk ``content/`` and turn every source into validated, rendered content objects."""
from __future__ import annotations

import copy
import datetime as dt
import gc
import html as html_lib
import os
import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

import yaml

from sitegen.config import SiteConfig, load_config
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.frontmatter import split_source, title_from_body, validate_meta
from sitegen.links import LinkContext, site_path_exists, resolve_link, rewrite_links, site_url
from sitegen.markdown import render_inline, strip_tags, summary_of
from sitegen.manifest import FileStats, stat_files
from sitegen.memo import Memo, code_version, digest, read_memos, save_memos, text_digest
from sitegen.models import Asset, Author, DocNode, Entry, Site, Term
from sitegen.render_cache import render_all
from sitegen.store import Store, open_store
from sitegen.slugs import slugify

MARKDOWN_SUFFIXES = (".md", ".markdown")
RESERVED_SECTIONS = {"tags", "categories", "authors", "archive", "page", "api", "static", "search",
                     "pagefind",
                     "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html"}
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def find_sources(content_dir: Path) -> list[Path]:
    """Every Markdown file under ``content_dir``, skipping hidden (``.x``) and private
    (``_x``) files and folders, and editor backups (``x~``).

    Symbolic links to folders are not followed; one that loops back to a folder above it is
    an author error, since it was surely meant to point somewhere else.
    """
    sources = []
    for folder, subfolders, files in os.walk(content_dir):
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                _check_folder_link(Path(folder) / name)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        for name in sorted(files):
            if name.startswith((".", "_")) or name.endswith("~"):
                continue
            if name.endswith(MARKDOWN_SUFFIXES):
                path = os.path.join(folder, name)
                known = _source_paths.get(path)
                if known is None:
                    known = _source_paths[path] = Path(path)
                sources.append(known)
    return sources


# The same Path objects for the same sources, reload after reload (a preview's reload built
# a thousand of them again: 5 ms at 1,000 posts).
_source_paths: dict[str, Path] = {}


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


_texts: dict[Path, tuple[tuple[int, int, int], str]] = {}


def read_source(path: Path, signature: tuple[int, int, int] | None = None) -> str:
    """Read a source as UTF-8 text with LF line endings and no byte order mark.

    A long-running preview re-reads only files whose size, modification or change time changed
    (``signature``, when the caller has just looked; else this looks).
    """
    try:
        if signature is None:
            stat = os.stat(path)
            signature = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
        cached = _texts.get(path)
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
    if text.startswith("\ufeff"):
        raise AuthorError(path, "the file starts with a byte order mark (BOM)", line=1,
                          hint="save it as 'UTF-8' rather than 'UTF-8 with BOM'")
    if not text.strip():
        raise AuthorError(path, "the file is empty", line=1,
                          hint="write its content, or delete the file")
    # Control characters have no meaning in Markdown and are not allowed in XML feeds.
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    _texts[path] = (signature, text)
    return text


def _kind_and_url(rel_path: str, slug_override: str | None) -> tuple[str, str, str]:
    """Section, URL and slug for a source path relative to ``content/``."""
    parts = rel_path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    is_index = stem == "index"
    if parts[0] == "posts" and len(parts) > 1:
        name = parts[-2] if is_index and len(parts) > 2 else stem
        jekyll = _JEKYLL_DATE.match(name)
        slug = slugify(slug_override or (jekyll.group(2) if jekyll else name))
        return "post", f"/posts/{slug}/", slug
    folders = parts[:-1] if is_index else parts[:-1] + [stem]
    if rel_path in ("index.md", "index.markdown"):
        return "home", "/", ""
    if slug_override and folders:
        folders[-1] = slug_override
    segments = [slugify(folder) for folder in folders]
    kind = "doc" if parts[0] == "docs" else "page"
    return kind, "/" + "".join(segment + "/" for segment in segments), segments[-1]


def _humanize(stem: str) -> str:
    jekyll = _JEKYLL_DATE.match(stem)
    name = jekyll.group(2) if jekyll else stem
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or stem


def load_entry(path: Path, content_dir: Path, config: SiteConfig, now: dt.datetime,
               warnings: list[AuthorError]) -> Entry:
    """Read one source and build its (not yet rendered) entry; notes go to ``warnings``."""
    rel_path = path.relative_to(content_dir).as_posix()
    text = read_source(path)
    source = split_source(text, path)
    meta = validate_meta(source, path, config.tz, warnings)
    body = source.body
    title = meta.get("title")
    kind, url, slug = _kind_and_url(rel_path, meta.get("slug"))
    if "//" in url or (not slug and kind != "home"):
        raise AuthorError(path, f"this file's path or slug gives an empty URL segment ({url})",
                          line=source.line_of("slug"),
                          hint="use letters or digits in file and folder names, or set a slug")
    if not title:
        heading, body = title_from_body(body)
        stem = path.stem if path.stem != "index" else path.parent.name
        title = heading or (config.title if kind == "home" else _humanize(stem))
    if kind == "page" and url.split("/")[1] in RESERVED_SECTIONS:
        raise AuthorError(path, f"the URL {url} is reserved for the site's own pages",
                          line=source.line_of("slug"), hint="move the file or give it another slug")
    date = meta.get("date")
    if date is None and kind == "post":
        jekyll = _JEKYLL_DATE.match(path.stem if path.stem != "index" else path.parent.name)
        if jekyll:
            try:
                date = dt.datetime.fromisoformat(jekyll.group(1)).replace(tzinfo=config.tz)
            except ValueError:
                raise AuthorError(path, f"the file name's date {jekyll.group(1)} is not a real date",
                                  hint="rename the file, or set 'date: YYYY-MM-DD' in the front "
                                       "matter") from None
        else:
            raise AuthorError(path, "a post needs a date", line=2 if source.front_matter_lines else 1,
                              hint="add 'date: YYYY-MM-DD' to the front matter")
    return Entry(
        kind=kind, source=path, rel_path=rel_path, url=url, slug=slug, title=title, meta=meta,
        date=date, updated=meta.get("updated"), draft=bool(meta.get("draft", False)),
        scheduled=date is not None and date > now, weight=meta.get("weight", 0),
        aliases=list(meta.get("aliases", [])), image=meta.get("image"),
        body=body, body_line=source.body_line + (len(source.body.split("\n")) - len(body.split("\n"))),
        field_lines={str(key).lower(): line for key in source.meta
                     if (line := source.line_of(str(key))) is not None},
    )


def load_authors(content_dir: Path) -> dict[str, Author]:
    """Authors from ``content/authors.yml``: ``key: {name, bio, avatar, links}``."""
    path = content_dir / "authors.yml"
    if not path.exists():
        return {}
    try:
        data = yaml.load(read_source(path), Loader=yaml.CSafeLoader) or {}
    except yaml.YAMLError as error:
        context = getattr(error, "context", None) or ""
        opened = "flow" in context or "quoted" in context
        mark = getattr(error, "context_mark" if opened else "problem_mark", None)
        last_line = read_source(path).count("\n") + 1
        raise AuthorError(path, f"invalid YAML: {getattr(error, 'problem', error)}",
                          line=min(mark.line + 1, last_line) if mark else None,
                          hint="check the indentation of each author's fields") from None
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
    if entry.meta.get("summary"):
        summary_html = render_inline(entry.meta["summary"])
    else:
        summary_html = summary_of(entry.html)
    return summary_html, html_lib.unescape(strip_tags(summary_html))


def related_positions(tags: list[list[str]], limit: int = 3) -> list[list[int]]:
    """For each post (by its tags' slugs, newest post first), the positions of its ``limit``
    related posts: most shared tags first, then newest first.

    Counted through each tag's own list of posts, not by comparing every pair of posts, and
    without sorting all of a post's candidates: sorting them took 3.4 s at 5,000 posts
    (a post shares a tag with a thousand others), 30 times as long as at 1,000."""
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


def _relate(posts: list[Entry], limit: int = 3) -> None:
    """Set each post's ``limit`` related posts (see :func:`related_positions`)."""
    tags = [[term.slug for term in post.tags] for post in posts]
    key = tuple((post.url, tuple(slugs)) for post, slugs in zip(posts, tags))
    for post, related in zip(posts, _related.get(key, partial(related_positions, tags, limit))):
        post.related = [posts[index] for index in related]


# Kept across the reloads of a long-running preview, and saved for the next build in the
# project's store (see sitegen/memo.py).
_loaded_entries: Memo[tuple[Entry, list[AuthorError]]] = Memo()
_rewritten: Memo[tuple[str, list[AuthorError], dict[str, Asset]]] = Memo()
_summaries: Memo[tuple[str, str]] = Memo()
_related: Memo[list[list[int]]] = Memo()
_MEMOS: dict[str, Memo[Any]] = {"entries": _loaded_entries, "links": _rewritten,
                                 "summaries": _summaries, "related": _related}
_text_digests: Memo[str] = Memo()  # (kept in memory only: its keys are whole texts)


def _load_entry_once(path: Path, content_dir: Path, config: SiteConfig, config_key: str,
                     now: dt.datetime, warnings: list[AuthorError],
                     signature: tuple[int, int, int] | None) -> Entry:
    """:func:`load_entry`, remembered by the source's text and the configuration."""
    def load() -> tuple[Entry, list[AuthorError]]:
        notes: list[AuthorError] = []
        return load_entry(path, content_dir, config, now, notes), notes

    text = read_source(path, signature)
    key = (str(path), _text_digests.get(text, partial(text_digest, text)), config_key)
    pristine, notes = _loaded_entries.get(key, load)
    warnings.extend(notes)
    entry = pristine.copy()  # the load fills in html, tags, neighbours... on the copy
    entry.load_key = key[1]  # (the text's digest; the rest is added as the load goes)
    entry.scheduled = entry.date is not None and entry.date > now
    entry.warnings = []
    return entry


def _rewrite_links_once(html: Callable[[], str], entry: Entry, context: LinkContext,
                        key: tuple[Any, ...], errors: list[AuthorError]) -> str:
    """:func:`rewrite_links` of the body's HTML (``html()``, asked for only if needed),
    remembered by ``key``: the body's render key (which stands for the body and its HTML),
    the entry's place and a digest of every other input (the site's URLs and anchors, the
    files under content/)."""
    def rewrite() -> tuple[str, list[AuthorError], dict[str, Asset]]:
        own = copy.copy(context)
        own.assets = {}  # to learn which files this body links to
        problems: list[AuthorError] = []
        return rewrite_links(html(), entry, own, problems), problems, own.assets

    rewritten, problems, assets = _rewritten.get(key, rewrite)
    errors.extend(problems)
    for url, asset in assets.items():
        context.assets.setdefault(url, asset)
    return rewritten


def _order_key(entry: Entry) -> tuple[Any, ...]:
    assert entry.date is not None
    return (-entry.date.timestamp(), entry.rel_path)


def load_site(root: Path, *, include_drafts: bool = False, now: dt.datetime | None = None,
              cache_dir: Path | None = None, jobs: int | None = None,
              file_stats: FileStats | None = None) -> Site:
    """Load ``root/site.toml`` and ``root/content/`` into a :class:`Site`.

    Drafts and future-dated entries are left out entirely unless ``include_drafts`` (preview,
    where broken links are also shown as warnings on their pages instead of stopping).
    Bodies are rendered by ``jobs`` processes (default: one per core). ``file_stats`` are
    the modification times, sizes and change times of the files under content/ (see
    :func:`~sitegen.manifest.stat_files`), if the caller has just looked.
    Work done for an earlier load (rendered bodies, front matter, links) is kept in the
    store in ``cache_dir`` (see :mod:`sitegen.store`) and in memory for a preview's reloads.
    Raises :class:`AuthorErrors` listing every author mistake found.
    """
    store = open_store(cache_dir, code_version()) if cache_dir is not None else None
    # A load makes a million objects and few cycles: the garbage collector's passes over
    # them took 0.13 s of 0.31 at 1,000 posts, 0.47 s of 1.26 at 5,000.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_site(root, include_drafts, now, store, jobs, file_stats)
    finally:
        if collecting:
            gc.enable()


def _load_site(root: Path, include_drafts: bool, now: dt.datetime | None, store: Store | None,
               jobs: int | None, file_stats: FileStats | None) -> Site:
    config = load_config(root / "site.toml")
    config_key = text_digest(repr(config))  # (stands for the settings in every entry's keys)
    content_dir = root / "content"
    now = now or dt.datetime.now(config.tz)
    if store is not None:
        read_memos(store, _MEMOS)
    for memo in _MEMOS.values():
        memo.start_load(remember=True)
    _text_digests.start_load(remember=include_drafts)
    site = Site(config=config, root=root)
    errors: list[AuthorError] = []
    warnings: list[AuthorError] = []
    if not (root / "site.toml").exists():
        warnings.append(AuthorError(root / "site.toml", "no site.toml: using the defaults, with "
                                    f"base_url {config.base_url}",
                                    hint='create it with at least title = "..." and base_url'))

    all_entries: list[Entry] = []
    for path in find_sources(content_dir):
        try:
            all_entries.append(_load_entry_once(
                path, content_dir, config, config_key, now, warnings,
                file_stats.get(str(path)) if file_stats else None))
        except AuthorError as error:
            errors.append(error)
    try:
        authors = load_authors(content_dir)
    except AuthorError as error:
        errors.append(error)
        authors = {}
    if errors:
        raise AuthorErrors(errors)

    scheduled = [e.date for e in all_entries if e.scheduled and not e.draft and e.date]
    site.next_scheduled = min(scheduled) if scheduled else None
    entries = [e for e in all_entries if include_drafts or e.published]
    site.source_count = len(entries)

    for entry in entries:
        if entry.kind == "home":
            site.home = entry
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
            owner = site.entries.get(alias_url) or site.aliases.get(alias_url)
            if owner is not None:
                errors.append(AuthorError(
                    entry.source, f"alias {alias} is already the URL of {owner.rel_path}",
                    line=entry.field_lines.get("aliases"),
                    hint="remove the alias, or move the other page"))
            else:
                site.aliases[alias_url] = entry
    if errors:
        raise AuthorErrors(errors)

    if not include_drafts:
        _texts.clear()  # (a build reads each source once)
    rendered = render_all([entry.body for entry in entries], store, jobs,
                          remember=include_drafts)
    site.rendered_count = rendered.rendered_count
    context = LinkContext(content_dir=content_dir, base_path=config.base_path,
                          by_source={entry.rel_path: entry for entry in all_entries},
                          known_urls={entry.url for entry in entries} | set(site.aliases))
    for entry, outline in zip(entries, rendered.outlines):
        entry.toc, entry.ids, entry.word_count = outline.toc, set(outline.ids), \
            outline.word_count
    content_files = file_stats or stat_files([content_dir])
    content_prefix = str(content_dir) + os.sep
    # Every page's place and anchors, as one text (paths, URLs and ids hold no NUL): the
    # repr of a tuple a page took 12 ms a reload at 1,000 posts.
    places = "\n".join(f"{e.rel_path}\0{e.url}\0{e.published:d}\0" + "\0".join(sorted(e.ids))
                       for e in all_entries)
    world = digest([content_dir, config.base_path, include_drafts, sorted(site.aliases),
                    sorted(item for item in content_files.items()  # the files links may name
                           if item[0].startswith(content_prefix)
                           and not item[0].endswith(MARKDOWN_SUFFIXES)),
                    text_digest(places)])
    link_errors: list[AuthorError] = []
    for index, entry in enumerate(entries):
        key = (world, rendered.keys[index], entry.rel_path, entry.url, entry.published,
               entry.body_line)
        entry.html = _rewrite_links_once(partial(rendered.html, index), entry, context, key,
                                         link_errors)
        entry.summary_html, entry.summary = _summaries.get(
            (entry.meta.get("summary"), key), lambda: _summary(entry))
        entry.load_key = text_digest("\0".join(map(str, (entry.load_key, config_key, *key))))
        if entry.image:
            count = len(link_errors)
            entry.image = resolve_link(entry.image, entry, context, link_errors) or entry.image
            for problem in link_errors[count:]:
                problem.line = entry.field_lines.get("image")
    published_files: list[AuthorError] = []  # mistakes that would publish a wrong file
    for post in (e for e in entries if e.kind == "post"):
        if post.url + "card.jpg" in context.assets:
            published_files.append(AuthorError(
                context.assets[post.url + "card.jpg"].path,
                "card.jpg beside a post is the name of its generated social card",
                hint="rename the image, and set 'image: <new name>' to use it as the card"))
    for author in authors.values():
        if author.avatar and not author.avatar.startswith(("http://", "https://", "//")):
            avatar = "/" + author.avatar.lstrip("/")
            if not site_path_exists(avatar, context):
                published_files.append(AuthorError(
                    content_dir / "authors.yml", f"avatar {author.avatar!r} of {author.key!r} "
                    "not found", hint="give a path relative to content/, e.g. avatars/ada.png"))
            author.avatar = site_url(config.base_path, avatar)
    if include_drafts:  # preview: a broken link is a warning shown on its page
        by_path = {str(entry.source): entry for entry in entries}
        for problem in link_errors:
            by_path[problem.path or ""].warnings.append(problem)
    elif published_files or (link_errors and (config.broken_links == "error" or any(
            "outside content" in error.message for error in link_errors))):
        raise AuthorErrors(published_files + link_errors)
    site.warnings.extend(str(error).replace(": error:", ": warning:")
                         for error in warnings + link_errors + published_files)
    site.assets = context.assets

    site.authors = authors
    site.posts = sorted((e for e in entries if e.kind == "post"), key=_order_key)
    site.pages = sorted((e for e in entries if e.kind == "page"), key=lambda e: e.url)
    site.docs_tree, site.docs = _build_docs_tree([e for e in entries if e.kind == "doc"])
    for newer, older in zip(site.posts, site.posts[1:]):
        older.next, newer.previous = newer, older
    for earlier, later in zip(site.docs, site.docs[1:]):
        earlier.next, later.previous = later, earlier
    unlisted: dict[str, Author] = {}
    for post in site.posts:
        post.tags = [term for name in post.meta.get("tags", [])
                     if (term := _add_term(site.tags, name, "tags", post)) is not None]
        if post.meta.get("category"):
            post.category = _add_term(site.categories, post.meta["category"], "categories", post)
        post.author = _find_author(post.meta.get("author") or config.author or None, authors,
                                   unlisted)
        if post.author is not None and post.author.key:
            post.author.entries.append(post)
    site.tags = dict(sorted(site.tags.items()))
    site.categories = dict(sorted(site.categories.items()))
    _relate(site.posts)
    for memo in (*_MEMOS.values(), _text_digests):
        memo.finish_load()
    if store is not None:
        save_memos(store, _MEMOS)
    if not include_drafts:  # a build loads once
        for memo in _MEMOS.values():
            memo.forget()
    return site
