"""Portable links: relative links between sources become final URLs, and broken ones are errors.

Authors link by relative path (``[setup](../docs/setup.md#install)``, ``![x](img/x.png)``) so
links work on GitHub and in editors; here they become site URLs under the base path. A link
to an old URL of a page (an alias) becomes the page's URL.

The rendered HTML is read with :mod:`sitegen.htmlscan` (a parser, never regular expressions):
the ``href`` and ``src`` of any element, the ``srcset`` of images and sources and a video's
``poster`` are links, outside code; each new value is spliced in where the old one was.
"""
from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Protocol
from urllib.parse import SplitResult, quote, unquote, urlsplit

from markdown.extensions.toc import slugify as ascii_slugify
from markdown.extensions.toc import unique

from sitegen.config import SiteConfig, is_site_own_url
from sitegen.errors import AuthorError
from sitegen.foreignlinks import (
    LINK_TAG_STARTS,
    foreign_link,
    is_pelican_link,
    tag_as_address,
    tag_as_written,
)
from sitegen.htmlscan import StartTag, link_attribute, new_value, splice, srcset_urls, start_tags
from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.models import Asset, Entry, is_external
from sitegen.textscan import body_lines

Edit = tuple[int, int, str]  # (start, end, text): see htmlscan.splice


@dataclass
class LinkContext:
    """What link resolution needs to know about the whole site."""

    content_dir: Path
    base_path: str
    by_source: dict[str, Entry]
    known_urls: set[str] = field(default_factory=set)
    assets: dict[str, Asset] = field(default_factory=dict)
    image_sizes: dict[Path, tuple[int, int] | None] = field(default_factory=dict)
    # The page at each URL (for the anchors of a link written as a site path).
    by_url: dict[str, Entry] = field(default_factory=dict)
    # An old URL of a page (``/2019/05/slug/``, ``/old.html``) -> the page's URL.
    aliases: dict[str, str] = field(default_factory=dict)
    # Each source's file name -> its entry, for other generators' links (see foreignlinks).
    by_name: dict[str, Entry | None] = field(default_factory=dict)
    # What the site publishes besides its content, by path prefix (see generated_paths).
    generated: tuple[str, ...] = ()
    term_feeds: tuple[str, ...] = ()  # the feed files of each tag and category
    publish: tuple[str, ...] = ()  # [build] publish: a private file it names may be linked
    paginated_terms: bool = True
    other_pages: OtherPages | None = None  # the pages of the site's hooks.py
    docs_folders: tuple[str, ...] = ()  # the folders of the docs sections under content/
    # The folders of the docs sections whose old addresses were the site's root (permalink
    # or redirect_from "/:path/", MkDocs' docs): an old site path may name one of their files.
    root_docs_folders: tuple[str, ...] = ()
    # The folder of each section whose permalink places its pages by ``:path`` under another
    # prefix than the folder's (MkDocs' docs at "/:path/"): the prefix, for their files.
    path_prefixes: dict[str, str] = field(default_factory=dict)
    # The pages of the site's tags and categories (/tags/python/), when they are known: a
    # link to another under /tags/ names nothing.
    terms: frozenset[str] | None = None
    # The pages (paths relative to content/) whose bodies are not rendered yet: a link to an
    # anchor of one of them cannot be checked (see AnchorsNotKnown).
    unrendered: set[str] = field(default_factory=set)


class AnchorsNotKnown(Exception):
    """A link names an anchor of a page whose body is not rendered yet
    (:attr:`LinkContext.unrendered`): the links are resolved once it is."""


class OtherPages(Protocol):
    """Pages that are not the content's (the routes of a site's hooks.py): ``path in
    pages`` says whether one is at ``path``; ``key`` changes when they may."""

    key: str

    def __contains__(self, path: object) -> bool: ...


def generated_paths(config: SiteConfig) -> tuple[str, ...]:
    """The path prefixes of what the site publishes besides its content, as its switches
    and feed settings say: tag pages, archives, static files; the search page, the JSON API,
    category pages and the site's feeds when they are on."""
    paths = ["/tags/", "/authors/", "/archive/", "/page/", "/static/", "/sitemap.xml",
             "/robots.txt", "/404.html"]
    paths += ["/search/", "/pagefind/"] if config.search else []
    paths += ["/api/"] if config.json_api else []
    paths += ["/categories/"] if config.categories else []
    paths += ["/" + feed.file for feed in config.published_feeds()]
    return tuple(paths)


def site_url(base_path: str, path: str) -> str:
    """Prefix a site path (``/posts/x/``) with the base path (``/blog/``), URL-quoted."""
    return base_path + quote(path.lstrip("/"), safe="/#%:@!$&'()*+,;=~-._")


# Pelican's sources that are not Markdown: reStructuredText and notebooks.
UNREAD_SOURCES = (".rst", ".rest", ".ipynb")
# What may come right before a link's address as written: Markdown's ( or <, an attribute's
# quote or =, a reference definition's space, a line's start ("").
_BEFORE_ADDRESS = frozenset(("", "(", "<", '"', "'", "=", " ", "\t", "\n"))


_AFTER_ADDRESS = frozenset(("", ")", ">", '"', "'", " ", "\t", "\n", "#"))


def _is_whole_address(body: str, place: int, target: str) -> bool:
    """Whether ``target`` at ``place`` in ``body`` is an address written whole, not a part of
    a word or of a longer address (EFAVDB's link ``i``: not in "in")."""
    return body[place - 1:place] in _BEFORE_ADDRESS \
        and body[place + len(target):place + len(target) + 1] in _AFTER_ADDRESS


def _line_of(entry: Entry, target: str, occurrence: int = 0) -> int | None:
    """The body line of link ``target``: where it is written for the ``occurrence``-th time
    (from 0) outside code (the last time, if it is written fewer times: a reference
    definition serves several links), else where it is first written at all. A place where
    it is part of a longer address (``home.web.cern.ch`` in ``http://home.web.cern.ch/``)
    is passed over when it is written as a whole elsewhere."""
    lines = body_lines(entry.body)
    if target.startswith(LINK_TAG_STARTS) and tag_as_address(target) in entry.body:
        target = tag_as_address(target)  # (as the body holds it: see link_tags_as_addresses)
    positions = lines.places_outside_code(target, occurrence + 1) if target else []
    if positions and not (_is_whole_address(entry.body, positions[0], target)
                          and entry.body[positions[0] - 2:positions[0]] == "]("):
        everywhere = lines.places_outside_code(target, entry.body.count(target))
        whole = [place for place in everywhere if _is_whole_address(entry.body, place, target)]
        positions = [place for place in whole if entry.body[place - 2:place] == "]("] or whole \
            or [place for place in everywhere
                if entry.body[place - 1:place] in _BEFORE_ADDRESS] or positions
    position = positions[min(occurrence, len(positions) - 1)] if positions \
        else entry.body.find(target)
    if position < 0:
        return None
    index = lines.line_index(position)
    if entry.written_lines is not None and index < len(entry.written_lines):
        index = entry.written_lines[index]  # (a snippet's line: the line that includes it)
    return entry.body_line + index


def _asset_url(entry: Entry, resolved: str, context: LinkContext) -> str:
    """Where a linked file is published: beside its page in a bundle, else as
    :func:`file_url` places it."""
    bundle_dir = posixpath.dirname(entry.rel_path)
    if posixpath.basename(entry.rel_path) in ("index.md", "index.markdown") and bundle_dir \
            and resolved.startswith(bundle_dir + "/"):
        return entry.url + resolved[len(bundle_dir) + 1:]
    return file_url(resolved, context)


def file_url(resolved: str, context: LinkContext) -> str:
    """Where the file at ``resolved`` (a path under content/) is published: beside the page
    of the nearest folder above it with an ``index.md`` (as Hugo publishes a bundle's files),
    where that page's address is not its folder's (MkDocs' docs at the site's root, their
    ``sims/a/index.md`` at ``/sims/a/`` and its ``a.js`` at ``/sims/a/a.js``, its
    ``img/cover.png`` at ``/img/cover.png``); else under its section's prefix
    (:attr:`LinkContext.path_prefixes`); else, and where another file of content/ or one the
    site makes (its feed, its robots.txt) is at that address, at its own path."""
    own = "/" + resolved
    moved = _moved_file_url(resolved, context)
    if moved == own or moved.endswith("/") or is_generated(moved, context) \
            or (context.content_dir / moved.lstrip("/")).exists():
        return own
    return moved


def _moved_file_url(resolved: str, context: LinkContext) -> str:
    """Where :func:`file_url` places the file at ``resolved``, if no other file is there."""
    folder = posixpath.dirname(resolved)
    while folder:
        page = context.by_source.get(folder + "/index.md") \
            or context.by_source.get(folder + "/index.markdown")
        if page is not None and page.published:
            return page.url + resolved[len(folder) + 1:] if page.url.endswith("/") \
                else "/" + resolved
        folder = posixpath.dirname(folder)
    top, _, rest = resolved.partition("/")
    return context.path_prefixes[top] + rest if rest and top in context.path_prefixes \
        else "/" + resolved


def _link_error(entry: Entry, target: str, message: str, hint: str) -> AuthorError:
    """The error about link ``target`` in ``entry``, at the body line where it first occurs."""
    return AuthorError(entry.source, message, line=_line_of(entry, target), hint=hint)


def _query(parts: SplitResult) -> str:
    """The link's ``?query`` as written, or "" when it has none."""
    return f"?{parts.query}" if parts.query else ""


def _query_and_fragment(parts: SplitResult) -> str:
    """The link's ``?query`` and ``#fragment`` as written ("" for none)."""
    return _query(parts) + (f"#{parts.fragment}" if parts.fragment else "")


# What a browser takes off both ends of a URL before it reads it (ASCII white space and the
# other C0 control characters, by WHATWG's URL Standard).
URL_SPACES = "".join(map(chr, range(0x21)))


def resolve_link(target: str, entry: Entry, context: LinkContext,
                 errors: list[AuthorError]) -> str | None:
    """The final URL for one link target; None to leave it as it is (external or broken);
    "" to drop it (it would name a draft or scheduled page in the published site). A broken
    link written in another generator's syntax is the path it names.

    Spaces around ``target`` are not part of it: a browser takes them off (WHATWG's URL
    parsing), so ``<img src="/a.png ">`` shows /a.png."""
    target = target.strip(URL_SPACES)
    if not target or target.startswith(("//", "mailto:", "tel:", "data:")):
        return None
    written = tag_as_written(target)
    if written != target:  # (a tag made an address: its messages show it as written)
        found = resolve_link(written, entry, context, errors)
        return written if found is None else found
    translated = foreign_link(target, entry, context.by_source, context.by_name)
    if translated.startswith(("{{", "{%")):  # (a template expression: reported as such,
        return translated if translated != target else None  # and shown as written)
    try:
        parts = urlsplit(translated)
    except ValueError:  # (a host it refuses, Pivotal's <http://[2601:646\:100::165]/>: another
        return None  # site's, as written)
    if parts.scheme or parts.netloc:  # (another site's: as written, or as the tag writes it)
        return None if translated == target else translated
    if _links_unread_source(target, parts.path, entry, errors):
        return None
    if not parts.path:  # (Hugo's ref "#part" too)
        own_anchor = _check_own_anchor(target, parts, entry, errors)
        return translated if own_anchor is None and translated != target else own_anchor
    if parts.path in ("./", ".") and entry.url.endswith("/") and translated == target:
        # (keptn's ./#example: the page's own folder address, where a browser reads it,
        # whatever index.md its source's folder holds)
        return _check_own_anchor(target, parts, entry, errors)
    return _resolve_path(target, translated, parts, entry, context, errors)


def _resolve_path(target: str, translated: str, parts: SplitResult, entry: Entry,
                  context: LinkContext, errors: list[AuthorError]) -> str | None:
    """:func:`resolve_link` of a link to a path of this site (``translated`` from another
    generator's ``target``, split into ``parts``): a site path, or one relative to the page."""
    path = unquote(parts.path)
    if path.startswith("/"):
        found = _resolve_site_path(target, parts, path, entry, context, errors)
    else:
        found = _resolve_relative(target, parts, path, entry, context, errors)
    # (a broken link of another generator's syntax, kept with warn, as the path it names:
    # nim's {{ site.baseurl }}/download/x.tar.xz, a file of the host, not of the site)
    return translated if found is None and translated != target else found


def _links_unread_source(target: str, path: str, entry: Entry,
                         errors: list[AuthorError]) -> bool:
    """Whether ``target`` is Pelican's link to a source this engine does not read
    (``{filename}x.rst``), which is in ``errors`` then."""
    if not (target.startswith(("{filename}", "|filename|")) and path.endswith(UNREAD_SOURCES)):
        return False
    errors.append(_link_error(
        entry, target, f"link to '{target}', a source this engine does not read (it would "
        "be published as it is written)", "convert it to Markdown (pandoc -f rst -t "
        "markdown -o x.md x.rst), or link to the page's address on the old site"))
    return True


def _check_own_anchor(target: str, parts: SplitResult, entry: Entry,
                      errors: list[AuthorError]) -> str | None:
    """A ``#fragment``-only link names an id of ``entry`` itself; else it is in ``errors``.
    None to leave it as it is; the id, for one written as GitHub makes it, or as
    Python-Markdown's own ids are, in ASCII (duarteocarmo's ``#amalia-in-a-nutshell``: see
    :func:`_heading_id_of`, :func:`_ascii_heading_id_of`)."""
    fragment = unquote(parts.fragment)
    if not fragment or fragment in entry.ids:
        return None
    found = _heading_id_of(fragment, entry.ids) or _ascii_heading_id_of(fragment, entry)
    if found is not None:
        return f"#{quote(found)}"
    errors.append(_link_error(
        entry, target, f"link to a missing anchor '#{fragment}' in this page",
        "use an id of a heading on this page (shown in its '#' link)"))
    return None


def _heading_id_of(fragment: str, ids: set[str]) -> str | None:
    """The id of ``ids`` that ``fragment`` names as GitHub, Jekyll's GFM and Hugo make a
    heading's id: a hyphen for each space, none dropped (``## A — B`` is ``a--b`` there,
    ``a-b`` here), ``-1`` after the second heading of the same text (``usage-1``, where
    Python-Markdown writes ``usage_1``), and Hugo's ``nbsp`` of a no-break space written
    ``&nbsp;``; None if it names none."""
    collapsed = "-".join(piece for piece in fragment.split("-") if piece)
    if "nbsp" in collapsed:  # (Hugo keeps an entity's name: "What&nbsp;DNS" is whatnbspdns,
        spaced = collapsed.replace("nbsp", "-")  # Bryce Wray's links; here what-dns)
        collapsed = "-".join(piece for piece in spaced.split("-") if piece)
    text, _, number = collapsed.rpartition("-")
    numbered = f"{text}_{number}" if text and number.isdigit() else None
    pieces = fragment.split("-")  # (each run of hyphens as one, those at the ends kept:
    runs = "-".join(piece for index, piece in enumerate(pieces)  # "## --flag" is "-flag")
                    if piece or index in (0, len(pieces) - 1))
    return next((candidate for candidate in (collapsed, numbered, runs)
                 if candidate and candidate != fragment and candidate in ids), None)


def _ascii_heading_id_of(fragment: str, linked: Entry) -> str | None:
    """The id of the heading of ``linked`` that ``fragment`` names as Python-Markdown's own
    ids name it, with ASCII letters only, as Pelican's pages have them (``#16`` for ``## 16.
    如何...``, ``#_1`` for a heading with no ASCII letter), where this engine keeps every
    letter; None if it names none. The headings are counted in order, as it counts them."""
    used: set[str] = set()
    pending = list(reversed(linked.toc))
    while pending:
        heading = pending.pop()
        if unique(ascii_slugify(html_lib.unescape(heading["name"]), "-"), used) == fragment:
            return str(heading["id"])
        pending.extend(reversed(heading["children"]))
    return None


def _resolve_site_path(target: str, parts: SplitResult, path: str, entry: Entry,
                       context: LinkContext, errors: list[AuthorError]) -> str | None:
    """A root-relative link (``/about/``) gets the base path if the site has it; None (and
    an error) if not. Dot segments are resolved first, as a browser does (``/tags/../x``
    is ``/x``)."""
    path = _as_served(_without_dot_segments(path), context)
    moved_to = context.aliases.get(path, path)
    if is_external(moved_to):  # (an old address that [redirects] sends to another site)
        return moved_to
    path, _, moved_fragment = moved_to.partition("#")
    if moved_fragment and not parts.fragment:  # (one it sends to a heading: api.md#secret)
        parts = parts._replace(fragment=moved_fragment)
    path, found = _path_as_published(target, path, entry, context)
    if not found:
        source = _source_named_from_root(path, entry, context)
        if source is not None:
            return _resolve_page_link(target, parts, source, entry, context, errors)
        written = f"{target} (read as {path})" if target.startswith(("{", "|")) else path
        errors.append(_link_error(
            entry, target, f"link to {written}, which is not a page or file of this site",
            _missing_path_hint(path, context)))
        return None
    linked = context.by_url.get(path)
    if linked is not None and parts.fragment:  # (its anchor is checked as a file link's is)
        return _resolve_page_link(target, parts, linked, entry, context, errors)
    return site_url(context.base_path, path) + _query_and_fragment(parts)


def _source_named_from_root(path: str, entry: Entry, context: LinkContext) -> Entry | None:
    """The page of the Markdown file a root-relative link of ``entry`` names, as
    jekyll-relative-links reads it from the site's source folder (crystal's
    ``/_posts/2020-01-01-a.md``, ``/_pages/sponsors.md``) and MkDocs from the docs' folder
    (chezmoi's ``/reference/x.md``, with ``absolute_links: relative_to_docs``): by its path
    under content/ or under the docs' folder, else by its name when only one file has it;
    None for a link to no Markdown file."""
    if not path.endswith(MARKDOWN_SUFFIXES):
        return None
    relative = path.lstrip("/")
    docs = [entry.rel_path.split("/")[0]] if entry.kind == "doc" else []
    for folder in ("", *docs, *context.root_docs_folders):
        found = context.by_source.get(posixpath.join(folder, relative))
        if found is not None:
            return found
    return context.by_name.get(posixpath.basename(relative))


def _as_served(path: str, context: LinkContext) -> str:
    """The site path of what a static host serves at ``path``: a page for its file
    (``/docs/old/index.html``), an ``.html`` page for its address without the extension
    (Jekyll's ``/first-post`` of ``first-post.html``, as GitHub Pages serves it), a folder's
    page for its address without the final slash (``/about`` for ``/about/``, every host
    redirecting it there; an old address, even where the site makes pages too:
    ``/page/theming/`` beside ``/page/2/``)."""
    folder = path.removesuffix("index.html")
    if folder != path and folder.endswith("/") and (
            folder in context.known_urls or folder in context.aliases or folder == "/"):
        return folder
    if path.endswith("/"):
        return path
    if path + "/" in context.aliases:
        return path + "/"
    if site_path_exists(path, context):
        return path
    if path + "/" in context.known_urls or path + "/" in (context.terms or ()) \
            or path + "/" in context.generated:  # (chrisshort's [Search](/search))
        return path + "/"
    return path + ".html" if path + ".html" in context.known_urls else path


def _missing_path_hint(path: str, context: LinkContext) -> str:
    """How to link to what a site path that names nothing of the site meant."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(MARKDOWN_SUFFIXES):  # (Jekyll's {% link en/_posts/x.md %}: moved)
        several = name in context.by_name and context.by_name[name] is None
        return (f"several files are named {name}: " if several else "") + \
            "name the file by its path under content/, or by its path relative to this page"
    if path.endswith("/") or "." not in name:
        return "link to the .md file by its relative path, e.g. ../docs/setup.md"
    return "link to the file by its path relative to this page, e.g. img/logo.png, and " \
        "check that it is under content/"


def _path_as_published(target: str, path: str, entry: Entry,
                       context: LinkContext) -> tuple[str, bool]:
    """``path``, or where the site publishes what it names when it is not there: written
    with the site's base path, or from the folder a migration moved the page's section to;
    with whether the site has it."""
    if not site_path_exists(path, context) and context.base_path != "/" \
            and path.startswith(context.base_path) \
            and site_path_exists(under := "/" + path[len(context.base_path):], context):
        return under, True  # (/blog/images/x.png on a site at /blog/: with the base path)
    if site_path_exists(path, context) or _section_file_at(target, path, entry, context):
        return path, True
    if (entry.kind == "doc" or is_pelican_link(target)) \
            and site_path_exists(moved := f"/{entry.rel_path.split('/')[0]}{path}", context):
        return moved, True  # (MkDocs' /img/logo.svg, its docs moved under content/docs/;
        # Pelican's {static}/dev/a.gif, its category folders moved under content/posts/)
    for folder in context.root_docs_folders:
        if _folder_file_at(folder, path, context):
            return path, True  # (GoReleaser's post's /static/a.png, where the docs at
            # "/:path/" publish their static/a.png, as MkDocs did)
        if site_path_exists(moved := f"/{folder}{path}", context):
            return moved, True  # (a Material blog post's /tools/run.ps1: its blog was in
            # the docs' folder)
    return path, False


def _section_file_at(target: str, path: str, entry: Entry, context: LinkContext) -> bool:
    """Whether the site path ``path`` of a link ``target`` of a doc (or a Pelican link) is
    where a file of its section's folder is published (see :func:`file_url`): marimo's
    ``/_static/x.png``, its docs at ``"/:path/"``, as MkDocs published them. The file is
    then published there."""
    if not (entry.kind == "doc" or is_pelican_link(target)):
        return False
    return _folder_file_at(entry.rel_path.split("/")[0], path, context)


def _folder_file_at(folder: str, path: str, context: LinkContext) -> bool:
    """Whether the site path ``path`` is where the file at ``path`` under content/'s
    ``folder`` is published (see :func:`_section_file_at`); it is then published there."""
    if "#" in path or "?" in path or path.endswith(MARKDOWN_SUFFIXES):
        return False
    resolved = folder + path
    file_path = context.content_dir / resolved
    if not _publishable(file_path, context) or file_url(resolved, context) != path:
        return False
    context.assets.setdefault(path, Asset(path, file_path))
    return True


def _without_dot_segments(path: str) -> str:
    """``path`` with ``.`` and ``..`` segments resolved (the trailing ``/`` kept)."""
    if "/." not in path:
        return path
    resolved = posixpath.normpath(path).replace("//", "/")
    return resolved + "/" if path.endswith(("/", "/.", "/..")) and resolved != "/" else resolved


def _resolve_relative(target: str, parts: SplitResult, path: str, entry: Entry,
                      context: LinkContext, errors: list[AuthorError]) -> str | None:
    """A link relative to ``entry``'s source names another source (a page) or a file inside
    content/; anything else is None, with an error."""
    folder = posixpath.dirname(entry.rel_path)
    resolved = _pelican_file_place(target, folder, path, context)
    resolved, linked = _linked_source(resolved, folder, path, entry, context)
    outside = resolved.startswith("../") or resolved == ".."
    if linked is not None:
        return _resolve_page_link(target, parts, linked, entry, context, errors)
    from_url = _from_page_url_or_docs_root(path, entry, context)
    # (a page's address, with its trailing "/" left out as in MkDocs' ../guide/setup#x:
    # every static host redirects it there; or its ".html", as GitHub Pages serves /x of
    # x.html: Dask's ../../../2017/09/18/pangeo-1)
    if any(url in context.known_urls or url in context.aliases
           for url in ("/" + from_url, "/" + from_url + "/", "/" + from_url + ".html")):
        return _resolve_site_path(target, parts, "/" + from_url, entry, context, errors)
    named = _source_named_by_address(resolved, path, context)
    if named is not None:
        return _resolve_page_link(target, parts, named, entry, context, errors)
    from_old = _from_old_address(path, entry, context)
    if from_old is not None:
        return _resolve_site_path(target, parts, from_old, entry, context, errors)
    if from_url != from_url.lower() and not _linkable(context.content_dir / resolved, context) \
            and "/" + from_url.lower().rstrip("/") + "/" in context.known_urls:
        # (pyspider's [Quickstart](Quickstart), MkDocs' address of Quickstart.md: a page's
        # URL here is in lower case)
        return _resolve_site_path(target, parts, "/" + from_url.lower(), entry, context,
                                  errors)
    from_root = _from_site_root(path, resolved, from_url, context)
    if from_root is not None:
        return _resolve_site_path(target, parts, from_root, entry, context, errors)
    if (outside or not _linkable(context.content_dir / resolved, context)) and from_url \
            and not from_url.endswith(MARKDOWN_SUFFIXES) \
            and _linkable(context.content_dir / from_url, context):
        resolved = from_url  # (written for the page's old place: /slug.html, images/x.png)
    elif outside:
        errors.append(_link_error(entry, target, f"link '{target}' points outside content/",
                                  "link to files inside content/ only"))
        return None
    return _resolve_file_link(target, parts, resolved, entry, context, errors)


def _from_site_root(path: str, resolved: str, from_url: str,
                    context: LinkContext) -> str | None:
    """The site path of a page that a relative link ``path`` names from the site's root,
    when it names nothing from its file's folder (``resolved``) nor from its page's
    address (``from_url``): a theme's ``<base href="{{ SITEURL }}/">`` made browsers read
    every relative link from the root (pelican-mg's, ludochaordic's 144 links); else
    None."""
    if path.startswith("../") or _linkable(context.content_dir / resolved, context) \
            or (from_url and _linkable(context.content_dir / from_url, context)):
        return None
    rooted = "/" + posixpath.normpath(path.partition("#")[0].partition("?")[0])
    return next((url for url in (rooted, rooted + "/")
                 if url in context.known_urls or url in context.aliases), None)


def _linked_source(resolved: str, folder: str, path: str, entry: Entry,
                   context: LinkContext) -> tuple[str, Entry | None]:
    """Where a relative link ``path`` of ``entry`` (in ``folder``), read as ``resolved``,
    names something under content/, and the page there, if it names one: at ``resolved``;
    else as it was written before a move (see :func:`_written_before_the_move`); else, for a
    Markdown file, the only one of its name."""
    outside = resolved.startswith("../") or resolved == ".."
    linked = None if outside else _linked_entry(resolved, context)
    before_move = None if linked is not None or not outside and _linkable(
        context.content_dir / resolved, context) else _written_before_the_move(
        folder, path, entry, context)
    if before_move is not None:
        resolved, outside, linked = before_move, False, _linked_entry(before_move, context)
    if linked is None and resolved.endswith(MARKDOWN_SUFFIXES) and (
            outside or not _is_folder(context.content_dir / posixpath.dirname(resolved))):
        # (written from the file's old place, as a Material blog post moved out of docs/
        # links to ../../setup.md: the only file of that name; a file missing from a
        # folder that is there is a broken link, not another file of its name)
        linked = context.by_name.get(posixpath.basename(resolved))
    return resolved, linked


def _pelican_file_place(target: str, folder: str, path: str, context: LinkContext) -> str:
    """Where ``path``, relative to ``folder``, names a file under content/: for Pelican's
    ``{static}images/a.png`` whose article the migration moved under ``content/posts/``,
    from the article's folder before the move, where the file is; for
    ``{static}../prospectus/a.pdf`` of a page it moved out of ``content/pages/``, from
    there."""
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if not is_pelican_link(target) or (not resolved.startswith("../") and _linkable(
            context.content_dir / resolved, context)):
        return resolved
    for moved in (posixpath.normpath(posixpath.join(folder.partition("/")[2], path)),
                  posixpath.normpath(posixpath.join(folder, path.removeprefix("../")))):
        if not moved.startswith("../") and _linkable(context.content_dir / moved, context):
            return moved
    return resolved


def _from_page_url_or_docs_root(path: str, entry: Entry, context: LinkContext) -> str:
    """:func:`_from_page_url`, and for a docs page, that path under the docs' folder when
    only there is there a file: MkDocs' docs were the site's root (the home's
    ``../../logo.png``); so for a post, under a docs folder whose old addresses were the
    site's root (fbruzzesi's ``../../../../../images/x.svg`` from the post's address, its
    blog moved out of the docs)."""
    from_url = _from_page_url(path, entry)
    if not from_url or _linkable(context.content_dir / from_url, context):
        return from_url
    folders = [entry.rel_path.split("/")[0]] if entry.kind == "doc" and "/" in entry.rel_path \
        else list(context.root_docs_folders) if entry.kind == "post" else []
    return next((under for folder in folders
                 if _linkable(context.content_dir / (under := f"{folder}/{from_url}"), context)),
                from_url)


def _written_before_the_move(folder: str, path: str, entry: Entry,
                             context: LinkContext) -> str | None:
    """Where ``path``, relative to ``folder``, names a page or a file if it was written
    before the move of a blog out of the docs that the MkDocs guide makes
    (``docs/blog/`` to ``content/blog/``), or of the docs' home out of them (to
    ``content/index.md``, to keep MkDocs' addresses): from a post or the home page, as from
    the docs' folder (a post's ``../../setup.md``, the home's ``setup.md``); from a page of
    the docs, into what moved out (``blog/posts/a.png`` from ``docs/index.md``). None when
    it names nothing there either."""
    candidates = []
    for docs in context.docs_folders:
        if entry.kind in ("post", "home"):
            candidates.append(posixpath.normpath(posixpath.join(docs, folder, path)))
        inside = posixpath.normpath(posixpath.join(folder, path))
        if inside.startswith(docs + "/"):
            candidates.append(inside[len(docs) + 1:])
    return next((candidate for candidate in candidates if not candidate.startswith("../")
                 and (_linked_entry(candidate, context) is not None
                      or _linkable(context.content_dir / candidate, context))), None)


def _from_page_url(path: str, entry: Entry) -> str:
    """Where a browser takes a relative link ``path`` from ``entry``'s URL, as a path under
    content/ ('' for the root): a link written for the page's address rather than its
    file's place (an image beside an old ``/slug.html``, Jekyll's ``../../img/x.png``)."""
    base = entry.url if entry.url.endswith("/") else posixpath.dirname(entry.url) + "/"
    return posixpath.normpath(posixpath.join(base, path)).lstrip("/")


def _from_old_address(path: str, entry: Entry, context: LinkContext) -> str | None:
    """The site path a relative link ``path`` named from one of ``entry``'s old addresses,
    when that is a page's (address) here: zverok's ``day02.html`` of ``/advent/day01.html``,
    an old address of ``/advent/day01/`` by ``[pages] redirect_from = ["/:path.html"]``;
    else None."""
    for old in (*entry.redirects, *(alias for alias in entry.aliases if alias.startswith("/"))):
        base = old if old.endswith("/") else posixpath.dirname(old) + "/"
        named = posixpath.normpath(posixpath.join(base, path))
        if named in context.known_urls or named in context.aliases:
            return named
    return None


def _source_named_by_address(resolved: str, path: str, context: LinkContext) -> Entry | None:
    """The page whose file a relative link ``path`` (read from the linking file's folder as
    ``resolved``) names by its address, without ``.md``: linkerd's ``install/`` and
    ``../tasks/install/`` for ``install.md``, as Hugo's link render hooks find pages
    (``GetPage``), a dot in its name too (XAPI's ``Domain.build`` for ``Domain.build.md``);
    None for a path to Markdown, or no such file."""
    if path.endswith(MARKDOWN_SUFFIXES) or resolved.startswith(".."):
        return None
    return next((found for suffix in MARKDOWN_SUFFIXES
                 if (found := context.by_source.get(resolved.rstrip("/") + suffix))), None)


def _linked_entry(resolved: str, context: LinkContext) -> Entry | None:
    """The entry whose source is at ``resolved``, or, for a folder, its ``index.md`` (or
    ``index.markdown``), which a link to the folder's ``README.md`` or ``_index.md`` names
    too when there is no such file (MkDocs takes a README.md for its folder's index, Hugo
    has _index.md, and the migration renames them: harbor's ``install-config/_index.md``);
    None when there is none."""
    linked = context.by_source.get(resolved)
    folder, _, name = resolved.rpartition("/")
    if linked is None and name.lower() in ("readme.md", "readme.markdown", "_index.md",
                                           "_index.markdown"):
        resolved = folder or "."
    if linked is None and not resolved.endswith(MARKDOWN_SUFFIXES):
        for index_name in ("index.md", "index.markdown"):
            linked = linked or context.by_source.get(
                posixpath.normpath(posixpath.join(resolved, index_name)))
    return linked


def _resolve_page_link(target: str, parts: SplitResult, linked: Entry, entry: Entry,
                       context: LinkContext, errors: list[AuthorError]) -> str:
    """The URL of page ``linked``; "" (and an error) when a published page links to an
    unpublished one. A missing anchor is an error but the link is kept. Raises
    :class:`AnchorsNotKnown` for an anchor of a page not rendered yet."""
    fragment = unquote(parts.fragment)
    if not linked.published and entry.published:
        errors.append(_link_error(entry, target,
                                  f"link '{target}' points to a draft or scheduled page",
                                  "publish that page first, or remove the link"))
        return ""
    if fragment and linked.rel_path in context.unrendered:
        raise AnchorsNotKnown(linked.rel_path)
    if fragment and fragment not in linked.ids:
        fragment = _heading_id_of(fragment, linked.ids) or _ascii_heading_id_of(
            fragment, linked) or fragment
    if fragment and fragment not in linked.ids:
        errors.append(_link_error(
            entry, target, f"link '{target}': '{linked.rel_path}' has no anchor '#{fragment}'",
            "use the id of one of its headings, lowercase with hyphens"))
    return site_url(context.base_path, linked.url) + _query(parts) \
        + (f"#{quote(fragment)}" if fragment else "")


def _resolve_file_link(target: str, parts: SplitResult, resolved: str, entry: Entry,
                       context: LinkContext, errors: list[AuthorError]) -> str | None:
    """The URL of the publishable file at ``resolved``, recorded in ``context.assets``, with
    the link's query and fragment (Material's ``logo.svg#only-dark``); None (and an error)
    when there is no such file or its name has ``#`` or ``?``. A folder of HTML is its
    ``index.html``, linked by the folder's URL, as a host serves it."""
    file_path = context.content_dir / resolved
    index = file_path / "index.html"
    if _is_folder(file_path) and "#" not in resolved and "?" not in resolved \
            and _publishable(index, context):
        url = _asset_url(entry, posixpath.join(resolved, "index.html"), context)
        context.assets.setdefault(url, Asset(url, index))
        return site_url(context.base_path, url.removesuffix("index.html")) \
            + _query_and_fragment(parts)
    if resolved.endswith(MARKDOWN_SUFFIXES) or not _publishable(file_path, context):
        errors.append(_link_error(
            entry, target, f"link to a missing file '{target}'",
            "check the path: it is relative to this file's folder; hidden (.x) and "
            "private (_x) files are never published"))
        return None
    if "#" in resolved or "?" in resolved:
        errors.append(_link_error(entry, target,
                                  f"linked file '{target}' has '#' or '?' in its name",
                                  "rename the file without '#' or '?'"))
        return None
    url = _asset_url(entry, resolved, context)
    context.assets.setdefault(url, Asset(url, file_path))
    return site_url(context.base_path, url) + _query_and_fragment(parts)


def site_path_exists(path: str, context: LinkContext) -> bool:
    """Whether a root-relative link (``/about/``, ``/img/x.png``) names something the site has.

    Pages and files from content/ are checked exactly; the generated sections (tags, feeds,
    archives, static files) are trusted by their prefix, as far as the site's settings
    publish them; the pages of the site's hooks.py by its routes. A file under content/ is
    published.
    """
    if path in context.known_urls or path == "/" or is_generated(path, context):
        return True
    if context.other_pages is not None and path in context.other_pages:
        return True
    if path.endswith("/card.jpg") and path[: -len("card.jpg")] in context.known_urls:
        return True
    relative = path.lstrip("/")
    file_path = context.content_dir / relative
    if relative and not relative.endswith(MARKDOWN_SUFFIXES) and _publishable(file_path, context) \
            and "#" not in relative and "?" not in relative:
        context.assets.setdefault(path, Asset(path, file_path))
        return True
    index = file_path / "index.html"  # (a folder of HTML, which a host serves by its index)
    if relative and "#" not in relative and "?" not in relative and _is_folder(file_path) \
            and _publishable(index, context):
        url = "/" + relative.rstrip("/") + "/index.html"
        context.assets.setdefault(url, Asset(url, index))
        return True
    bundle_file = _bundle_file_at(path, context)
    if bundle_file is not None:
        context.assets.setdefault(path, Asset(path, bundle_file))
        return True
    return False


def _bundle_file_at(path: str, context: LinkContext) -> Path | None:
    """The file of a bundle that is published at ``path``, beside its page (Hugo's page
    resources: ``/en/basics/configuration/images/b.png`` of the page at
    ``/en/basics/configuration/``), or None: never a Markdown file, which is a page (chezmoi's
    ``/docs/reference/x.md``, as MkDocs reads ``/reference/x.md``, was published as text)."""
    if path.endswith(MARKDOWN_SUFFIXES):
        return None
    cut = path.rfind("/", 0, len(path) - 1)
    while cut > 0:
        entry = context.by_url.get(path[:cut + 1])
        if entry is not None:
            folder, _, name = entry.rel_path.rpartition("/")
            file_path = context.content_dir / folder / path[cut + 1:]
            is_bundle = name in ("index.md", "index.markdown") and folder
            return file_path if is_bundle and _publishable(file_path, context) else None
        cut = path.rfind("/", 0, cut)
    return None


# The theme's static files are published under names with a hash of their content
# (/static/theme.8fa46f4d3b.js: see sitegen.assets.collect_static); any other path under
# /static/ is a file of content/ (Pelican's STATIC_SAVE_AS = 'static/{path}').
_THEME_STATIC = re.compile(r"/static/[^/]+\.[0-9a-f]{10}(\.[^./]+)?")


def is_generated(path: str, context: LinkContext) -> bool:
    """Whether ``path`` is among what the site generates (see :func:`generated_paths`): a
    tag's or category's feed only in the formats published for each, its second page only
    if terms are paginated, under ``/static/`` only the theme's files, and under ``/api/``
    only the JSON API's."""
    if not path.startswith(context.generated) \
            or path.startswith(("/page/", "/archive/")) and not is_site_own_url(path):
        return False
    if path.startswith("/static/"):
        return _THEME_STATIC.fullmatch(path) is not None
    if path.startswith("/api/"):  # (the JSON API's files; an old site's /api/models/ is none)
        return path in ("/api/posts.json", "/api/tags.json") or (
            path.startswith("/api/posts/") and path.endswith(".json") and path.count("/") == 3)
    if path.startswith(("/tags/", "/categories/")):
        term = "/".join(path.split("/")[:3]) + "/"  # (/tags/python/ of /tags/python/page/2/)
        if context.terms is not None and path not in ("/tags/", "/categories/") \
                and (term not in context.terms or not path.startswith(term)):
            return False  # (/tags/python without its slash: see _resolve_site_path)
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if last in ("feed.xml", "rss.xml", "feed.json") and last not in context.term_feeds:
            return False
        if "/page/" in path and not context.paginated_terms:
            return False
    return True


def _linkable(path: Path, context: LinkContext) -> bool:
    """Whether a link may name ``path``: a publishable file, or a folder of HTML (with a
    publishable ``index.html``)."""
    return _publishable(path, context) or (_is_folder(path)
                                           and _publishable(path / "index.html", context))


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; not for a path the system refuses (a name longer than
    255 bytes: simplystats' sentence written where a link's address goes)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _publishable(file_path: Path, context: LinkContext) -> bool:
    """A regular file inside content/ with no hidden (``.x``) or private (``_x``) part in its
    path and not an editor backup (``x~``): both the path linked and, for a symbolic link, the
    file it leads to (which must be inside content/ too)."""
    content = context.content_dir.resolve()
    try:
        real = file_path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.is_file() and real.is_relative_to(content) and all(
        is_public_path(path) or named_to_publish(path.as_posix(), context.publish)
        for path in (file_path.relative_to(context.content_dir), real.relative_to(content)))


def is_public_path(relative: Path) -> bool:
    """Whether a path relative to content/ has no hidden (``.x``) or private (``_x``) part
    and is not an editor backup (``x~``): whether it may be published."""
    return not any(part.startswith((".", "_")) or part.endswith("~") for part in relative.parts)


def named_to_publish(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether one of ``[build] publish``'s ``patterns`` names the path ``name`` (relative to
    content/, as a shell matches it, ``*`` crossing folders too), each of its hidden (``.x``)
    or private (``_x``) parts with its mark, as ``_redirects``, ``.well-known/*`` and
    ``docs/_media/*`` do: ``*`` alone names none of them. Markdown is never published so."""
    return not name.endswith(MARKDOWN_SUFFIXES) and any(
        fnmatchcase(name, pattern) and _names_marked_parts(name, pattern) for pattern in patterns)


def _names_marked_parts(name: str, pattern: str) -> bool:
    parts, written = name.split("/"), pattern.split("/")
    return all(not part.startswith(mark) or any(piece.startswith(mark) for piece in written)
               for part in parts for mark in (".", "_"))


def _image_size(path: Path, context: LinkContext) -> tuple[int, int] | None:
    if path not in context.image_sizes:
        # (Pillow is imported by the first image: 30 ms that a rebuild without one saves)
        from PIL import Image, UnidentifiedImageError

        # Only an image's header is read, for its size: nothing is decoded, so Pillow's guard
        # against decompression bombs, which would refuse a large scan, has nothing to guard.
        Image.MAX_IMAGE_PIXELS = None
        try:
            with Image.open(path) as image:
                context.image_sizes[path] = image.size
        except (OSError, UnidentifiedImageError):
            context.image_sizes[path] = None
    return context.image_sizes[path]


def _image_edit(tag: StartTag, src: str | None, position: int,
                context: LinkContext) -> Edit:
    """The attributes added to image ``tag`` (number ``position`` from 1, with the URL
    ``src``): its size if it is a local image (no layout shift) and lazy loading but for the
    first."""
    additions = ""
    if src and tag.get("width") is None and tag.get("height") is None \
            and src.startswith(context.base_path):
        path = urlsplit(src).path  # (without the query and fragment: logo.svg#only-dark)
        asset = context.assets.get(unquote(path)[len(context.base_path) - 1:])
        size = _image_size(asset.path, context) if asset else None
        if size:
            additions += f' width="{size[0]}" height="{size[1]}"'
    if position > 1 and tag.get("loading") is None:
        additions += ' loading="lazy"'
    if tag.get("decoding") is None:
        additions += ' decoding="async"'
    return tag.insert_at, tag.insert_at, additions


class _Links:
    """Resolves the links of one body, counting each target's links so that an error names
    the line where that link (not the first with the same target) is written."""

    def __init__(self, entry: Entry, context: LinkContext, errors: list[AuthorError]) -> None:
        self.entry, self.context, self.errors = entry, context, errors
        self.seen: dict[str, int] = {}

    def resolve(self, target: str) -> str | None:
        """:func:`resolve_link` of ``target``, its errors at its own line."""
        count = len(self.errors)
        url = resolve_link(target, self.entry, self.context, self.errors)
        occurrence = self.seen.get(target, 0)
        self.seen[target] = occurrence + 1
        if len(self.errors) > count:
            line = _line_of(self.entry, target, occurrence)
            for problem in self.errors[count:]:
                problem.line = line
        return url

    def srcset(self, value: str) -> str:
        """``value`` (a ``srcset`` as written) with each URL resolved, descriptors kept."""
        edits = []
        for start, end in srcset_urls(value):
            url = self.resolve(html_lib.unescape(value[start:end]))
            if url:
                edits.append((start, end, html_lib.escape(url)))
        return splice(value, edits)

    def edits(self, tag: StartTag) -> tuple[list[Edit], str | None]:
        """The edits to ``tag``'s links, and its ``src`` as it will be."""
        edits: list[Edit] = []
        source = tag.get("src")
        src = source.text if source else None
        for attribute in tag.attributes:
            kind = link_attribute(tag.name, attribute.name)
            if kind is None or tag.get(attribute.name) is not attribute:
                continue  # (a browser reads only the first of two attributes of one name)
            if kind == "srcset":
                value = self.srcset(attribute.value)
                if value != attribute.value:
                    edits.append(new_value(attribute, value, escaped=True))
                continue
            url = self.resolve(attribute.text)
            if url:
                edits.append(new_value(attribute, url))
                src = url if attribute is source else src
            elif url == "":
                edits.append((attribute.start, attribute.end, "data-unpublished-link"))
        return edits, src


def rewrite_links(html: str, entry: Entry, context: LinkContext,
                  errors: list[AuthorError]) -> str:
    """Rewrite every relative link and image in ``html``; append broken ones to ``errors``.

    Images get their size and lazy loading (:func:`_image_edit`). Code shows links as text:
    nothing inside ``<pre>``, ``<code>``, ``<script>``, ``<style>`` or ``<textarea>`` is
    rewritten."""
    links = _Links(entry, context, errors)
    edits: list[Edit] = []
    images = 0
    for tag in start_tags(html):
        if not tag.attributes and tag.name != "img":
            continue
        tag_edits, src = links.edits(tag)
        edits += tag_edits
        if tag.name == "img":
            images += 1
            edits.append(_image_edit(tag, src, images, context))
    return splice(html, edits)
