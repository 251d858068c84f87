"""Where each source is published: its kind (post, doc, page or home), its slug, its URL by
its section's permalink pattern (or its own ``url``), and the old URLs its section's
``redirect_from`` patterns give (see :mod:`sitegen.permalinks` for the patterns)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.config import SectionRule, SiteConfig
from sitegen.errors import AuthorError
from sitegen.frontmatter import SplitSource
from sitegen.permalinks import date_values, expand, uses_date
from sitegen.slugs import (
    ascii_path,
    file_slug,
    hugo_slug,
    jekyll_slug,
    jekyll_title,
    slug_of,
    slugify,
)

# A date that starts a file name: Jekyll's 2024-05-01-title (2016-1-05-title too), Pelican's
# "2024-05-01 - Title" or a date alone.
FILE_DATE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})(?:[-_ ]+(.+))?$")


@dataclass
class Place:
    """Where a source is published: its kind, slug, URL and the old URLs that redirect to it."""

    kind: str  # "post", "doc", "page" or "home"
    slug: str
    url: str
    section: str = ""  # the folder of its posts section, for a post
    redirects: list[str] = field(default_factory=list)


def _kind_and_segments(rel_path: str, slug: str | None, rule: SectionRule,
                       style: str = "default") -> tuple[str, list[str]]:
    """The kind of the source at ``rel_path`` in ``rule``'s section, and its path in the
    section as URL segments, the last being its slug (``slug`` when set). A post's path
    is its folders and slug (a bundle's ``index.md`` takes its folder's name, and a Jekyll
    date prefix is left out, but with Hugo's ``style``, which keeps it); a page's or doc's is
    its folders and file name (an ``index.md`` stands for its folder). A posts section's
    own ``index.md`` is a page."""
    parts = rel_path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    under = parts[1:] if rule.folder else parts  # (the path under the section's folder)
    # (Hugo's paths keep a name's characters as its urlize keeps them: watch--summit, c++)
    name_slug = hugo_slug if style == "hugo" else file_slug
    if rule.kind == "post" and under != ["index.md"] and under != ["index.markdown"]:
        folders = under[:-2] if stem == "index" else under[:-1]
        name = parts[-2] if stem == "index" else stem
        return "post", [name_slug(folder) for folder in folders] + [
            _kept_slug(slug, style) or (slugify(slug) if slug else "")
            or name_slug(name if style == "hugo" else undated(name))]
    segments = [name_slug(folder) for folder in (under[:-1] if stem == "index"
                                                 else under[:-1] + [stem])]
    if slug and segments:  # (a path of several segments in place of the folders and the
        # name: Pelican's speaker/ada, at /speaker/ada.html whatever its file's folder)
        segments = [*([] if "/" in slug else segments[:-1]),
                    *_slug_path(slug, "hugo" if style == "hugo" else "default").split("/")]
    return ("page" if rule.kind == "post" else rule.kind), segments


def _cased_path(rel_path: str, rule: SectionRule, segments: list[str], style: str,
                slugged: bool = False) -> str:
    """``:path`` (``segments`` joined), each segment as the folder or file name it was made
    from is written when that name is a clean URL segment too (``Guide/FAQ``,
    ``C++-Standard-Libraries``: see :func:`_kept_slug`), spaces, ``&``, ``,`` and brackets
    too, as MkDocs publishes a file at its name (``/Security/Asset Management/``,
    Tasmota's ``/Subscribe-&-Unsubscribe/``): any name but one that a URL's path cannot
    hold as it is (``?``, ``#``, ``%``...). In Hugo's ``style``, each name made a segment as
    Hugo's ``disablePathToLower`` makes it, its case kept (Hyprland's ``Advanced and
    Cool`` at ``Advanced-and-Cool``). With ``slugged``, a segment made of a ``slug`` stays
    (the page's own address, as Hugo's; an old one is the file's, as MkDocs and Jekyll's
    ``:path`` ignore a slug)."""
    parts = rel_path.split("/")
    names = parts[1:] if rule.folder else parts
    names[-1] = names[-1].rsplit(".", 1)[0]
    if names[-1] == "index":
        names = names[:-1]
    if len(names) != len(segments):  # (a slug or a dated name: its own segment)
        return "/".join(segments)
    return "/".join(_cased_segment(name, segment, style, slugged)
                    for name, segment in zip(names, segments, strict=True))


def _cased_segment(name: str, segment: str, style: str, slugged: bool) -> str:
    """A segment of :func:`_cased_path`: the folder's or file's ``name`` as written, but
    with ``slugged``, the ``segment`` of a ``slug``."""
    made = hugo_slug(name) if style == "hugo" else file_slug(name)
    if slugged and segment != made and name.lower() != segment:
        return segment
    if style == "hugo":
        return hugo_slug(name, lower=False) or segment
    return name if name.lower() == segment or _kept_slug(
        name.translate(_OLD_PATH_CHARACTERS)) else segment


# What an old address's segment may hold beyond a slug's characters (see _cased_path)
_OLD_PATH_CHARACTERS = str.maketrans({character: "-" for character in " &,[]@=;$"})


def _kept_slug(slug: str | None, style: str = "default") -> str | None:
    """An explicit ``slug`` as written when it is already a clean URL segment (letters,
    digits, ``-``, ``_``, ``.``, ``+``, ``~``, and ``'!()=@``, which a path keeps as they
    are, but in Hugo's ``style``, whose paths leave them out: ``tibble-2.0.1``, Pelican's
    ``seccon_re+crypto_200``, ``i'm-running`` and ``1+1=1-or-record-deduplication``), else
    None (it is made into one)."""
    kept = "-_.+~" if style == "hugo" else "-_.+~'!()=@"
    if slug and all(char.isalnum() or char in kept for char in slug) \
            and slug.strip(".") and not slug.startswith("."):
        return slug
    return None


def _index_pattern(permalink: str, rel_path: str, style: str) -> str:
    """The pattern of the source at ``rel_path``: ``permalink``, but for a folder's
    ``index.md`` under ``/:path.html``, ``/:path/``, the folder's address, as Jekyll
    publishes an index page (scala-lang's download/index.md at /download/) and MkDocs
    without directory URLs (``a/index.html``); with Hugo's slugs (``style``), as Hugo's
    ``uglyURLs`` publishes a bundle, ``/about.html``. Under a pattern of Hugo's
    ``:sections``, a folder's ``index.md`` (its ``_index.md``) is at the folder's address,
    as Hugo puts a section's page. An index with a slug (``rel_path``
    given empty) is placed by its slug (Pelican's ``slug: tools/index`` at
    ``/tools/index.html``, served as ``/tools/``)."""
    if permalink.endswith(":path.html") and PurePosixPath(rel_path).stem == "index" \
            and style != "hugo":
        return permalink.removesuffix(".html") + "/"
    if ":sections" in permalink and PurePosixPath(rel_path).stem == "index":
        return "/:section/:path/"  # (Hugo's section page, at its folder's address)
    return permalink


def _with_index(path: str, source: PurePosixPath) -> str:
    """``path`` (a ``:path``) with ``index`` at its end for an ``index.md``, as Jekyll's
    ``:path`` of a collection's document keeps it (OpenSearch's 148
    ``/aggregations/pipeline/index/``)."""
    return f"{path}/index".lstrip("/") if source.stem == "index" else path


def _slug_path(slug: str, style: str) -> str:
    """A ``slug`` as written where each of its segments is a clean URL segment (see
    :func:`_kept_slug`), else each made one in the site's ``style``: a page's path of
    several segments (Pelican's ``speaker/ada``) keeps them."""
    return "/".join(_kept_slug(part, style) or slug_of(part, style)
                    for part in slug.split("/"))


def _placeholder_values(path: PurePosixPath, segments: list[str], rule: SectionRule,
                        meta: dict[str, Any], date: dt.datetime | None,
                        style: str) -> dict[str, str]:
    """What each permalink placeholder stands for, for one source (see
    :data:`sitegen.permalinks.PLACEHOLDERS`), titles and categories made slugs in the
    site's ``style`` (``[build] slugs``)."""
    name = undated(path.stem if path.stem != "index" or rule.kind != "post"
                   else path.parent.name)  # (a collection's index.md is "index" in Jekyll)
    slug = segments[-1] if segments else slugify(rule.folder)
    own_name = path.stem if path.stem != "index" else path.parent.name  # (a bundle's folder)
    values = {"slug": _slug_value(slug, name, meta, style, rule.kind == "post"),
              "title": jekyll_title(str(meta.get("slug") or "")) or jekyll_title(name)
              or file_slug(name),
              "slug_or_title": _slug_path(str(meta.get("slug") or ""), style)
              or slug_of(str(meta.get("title") or ""), style) or slug,
              "title_slug": slug_of(str(meta.get("title") or ""), style) or slug,
              "filename": own_name,
              "contentbasename": hugo_slug(own_name) if style == "hugo" else file_slug(own_name),
              "name": jekyll_slug(path.stem), **_folder_values(path, segments, rule),
              **_category_values(meta, style), "output_ext": ".html"}
    return {**values, **date_values(date)} if date is not None else values


def _folder_values(path: PurePosixPath, segments: list[str], rule: SectionRule,
                   ) -> dict[str, str]:
    """The placeholders of where the source at ``path`` is: ``:section``, ``:path``,
    Hugo's ``:sections`` and Jekyll's ``:path`` of a collection's document."""
    return {"section": rule.folder, "path": "/".join(segments),
            "sections": "/".join(name for name in (rule.folder, *segments[:-1]) if name),
            "collection_path": _with_index("/".join(segments), path)}


def _category_values(meta: dict[str, Any], style: str) -> dict[str, str]:
    """``:category`` and Jekyll's ``:categories`` of the front matter ``meta``."""
    return {"category": slug_of(str(meta.get("category") or ""), style),
            "categories": "/".join(dict.fromkeys(slug_of(str(category), style) for category in (
                meta.get("categories") or [meta.get("category") or ""])))}


def _slug_value(slug: str, name: str, meta: dict[str, Any], style: str, post: bool) -> str:
    """A ``post``'s ``:slug`` (or a page's with a ``slug`` field): the last segment of the
    source's path (``slug``), but with Jekyll's ``style``, Jekyll's (``Utils.slugify``'s
    default mode, of the ``slug`` field or the file's ``name``: ``cockpit-0.100`` is
    ``cockpit-0-100``; a collection's doc's field, Drill's ``Date/Time Functions`` under
    ``/docs/:slug/``, is ``date-time-functions``)."""
    if style != "jekyll" or not (post or meta.get("slug")):
        return slug
    return jekyll_slug(str(meta.get("slug") or "")) or jekyll_slug(name) or slug


def place_of(path: Path, rel_path: str, meta: dict[str, Any], date: dt.datetime | None,
             config: SiteConfig, source: SplitSource) -> Place:
    """Where the source at ``rel_path`` is published, by its section's rule (see
    :meth:`SiteConfig.section_of`) or its own ``url`` (or ``permalink``) field."""
    if rel_path in ("index.md", "index.markdown"):
        return Place("home", "", "/")
    rule = config.section_of(rel_path)
    kind, segments = _kind_and_segments(rel_path, meta.get("slug"), rule, config.slugs)
    if not all(segments) or (not segments and not rule.folder):
        raise AuthorError(path, "this file's path or slug gives an empty URL segment",
                          line=source.line_of("slug"),
                          hint="use letters or digits in file and folder names, or set a slug")
    # (by the path the site reads it at: index.en.md is index.md, see source_rel_path)
    values = _placeholder_values(PurePosixPath(rel_path), segments, rule, meta, date,
                                 config.slugs)
    own = meta.get("url")
    # (old addresses keep the case of the file's path, as MkDocs' and Jekyll's do: /FAQ/;
    # and, with cased_urls, the page's own)
    old_path = _cased_path(rel_path, rule, segments, config.slugs)
    old_values = {**values, "path": old_path,
                  "collection_path": _with_index(old_path, PurePosixPath(rel_path))}
    url = _page_url(path, rel_path, kind, rule, meta, _cased_values(
        values, rel_path, rule, segments, config.slugs) if rule.cased_urls else values,
        config.slugs, source)
    redirects = [] if own or kind != rule.kind else [  # (a folder's index.md under
        # "/:path.html" at the folder's address, as MkDocs without directory URLs wrote it)
        alias for pattern in rule.redirect_from
        if (alias := _expand(_index_pattern(pattern, rel_path, config.slugs), old_values,
                             path, None)) != url]  # (in another case: no redirect, with a
    # warning: see sitegen.urlindex)
    if rule.ascii_urls:
        url, redirects = ascii_path(url), [ascii_path(alias) for alias in redirects]
    return Place(kind, values["slug"], url, rule.folder if kind == "post" else "", redirects)


def _cased_values(values: dict[str, str], rel_path: str, rule: SectionRule,
                  segments: list[str], style: str) -> dict[str, str]:
    """The placeholders' ``values`` of a page of a section with ``cased_urls``: ``:path`` as
    its file's path is written, but for a slug (see :func:`_cased_path`)."""
    path = _cased_path(rel_path, rule, segments, style, slugged=True)
    return {**values, "path": path,
            "collection_path": _with_index(path, PurePosixPath(rel_path))}


def _page_url(path: Path, rel_path: str, kind: str, rule: SectionRule, meta: dict[str, Any],
              values: dict[str, str], style: str, source: SplitSource) -> str:
    """The URL of the page of the source at ``rel_path``, of ``kind``: its own ``url``, or
    its section's ``rule``'s permalink filled in with ``values``, as served."""
    own = meta.get("url")
    if kind == "page" and rule.kind == "post" or not own and "year" not in values \
            and rule.folder and uses_date(rule.permalink):  # a posts section's index.md, or
        url = f"/{slugify(rule.folder)}/"  # a dated pages section's (Typelevel's events)
    else:
        url = _expand(own or _index_pattern(rule.permalink, rel_path if not meta.get("slug")
                                            else "", style), values, path,
                      (source.line_of("url") or source.line_of("permalink")) if own else None)
    return _url_as_served(url, lower=style == "hugo" and not own and not rule.cased_urls)


def _url_as_served(url: str, lower: bool) -> str:
    """A page's ``url`` ending in ``/`` or ``.html``; in lower case if ``lower`` (Hugo writes
    its paths so: shapeshed's slug = "HTML5-video-element" is at /html5-video-element/); a
    folder's ``index.html`` as the folder (VADS' /patterns/:title.html of patterns/index.md,
    served at /patterns/)."""
    if not url.endswith(("/", ".html")):
        url += "/"
    if lower:
        url = url.lower()
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


def _expand(pattern: str, values: dict[str, str], path: Path, line: int | None) -> str:
    """:func:`expand`, with an error for a date placeholder in an undated page's ``url``."""
    try:
        return expand(pattern, values)
    except KeyError as missing:
        raise AuthorError(path, f"the URL {pattern!r} uses :{missing.args[0]}, but this page "
                          "has no date", line=line,
                          hint="set 'date', or write the URL without date parts") from None


def undated(name: str) -> str:
    """A file name without its date prefix (``2024-05-01-title`` -> ``title``); a name that
    is a date alone stays as it is."""
    jekyll = FILE_DATE.match(name)
    return jekyll.group(2) or name if jekyll else name


def post_date(path: Path, meta: dict[str, Any], config: SiteConfig,
               source: SplitSource, what: str = "a post") -> dt.datetime:
    """A post's date (or ``what`` else needs one: a page whose section's permalink uses the
    date): its ``date`` field, else the date its file name starts with
    (``2024-05-01-title.md``); an error when it has neither."""
    if meta.get("date") is not None:
        return meta["date"]  # type: ignore[no-any-return]
    jekyll = FILE_DATE.match(path.stem if path.stem != "index" else path.parent.name)
    if not jekyll:
        raise AuthorError(path, f"{what} needs a date",
                          line=2 if source.front_matter_lines else 1,
                          hint="add 'date: YYYY-MM-DD' to the front matter")
    try:
        year, month, day = (int(part) for part in jekyll.group(1).split("-"))
        return dt.datetime(year, month, day, tzinfo=config.tz)
    except ValueError:
        raise AuthorError(path, f"the file name's date {jekyll.group(1)} is not a real date",
                          hint="rename the file, or set 'date: YYYY-MM-DD' in the front "
                               "matter") from None
