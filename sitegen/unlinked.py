"""The files under ``content/`` that no published page links to, named in one warning.

Only the files a page links to are published. Hugo publishes its ``static/`` folder whole,
and Jekyll and MkDocs every file beside the pages: a site moved from them has files (a
favicon, a download, a theme's images) that would be left out without a word."""
from __future__ import annotations

import os
from pathlib import Path

from sitegen.errors import AuthorError
from sitegen.fingerprint import FileStats, file_names_under
from sitegen.frontmatter import split_source
from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.models import Entry, Site
from sitegen.snippets import snippet_files

SHOWN = 5  # the files named in the warning (then how many others there are)
ENGINE_FILES = ("authors.yml",)  # files of content/ the engine reads itself
# The text files Jekyll renders when they start with front matter (pages, feeds, data).
FRONT_MATTER_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".json", ".csv")


def publishable_names(content: Path, file_stats: FileStats | None,
                      marked: tuple[str, ...] = ()) -> list[str]:
    """The files under ``content`` that a page may link to, relative to it: not Markdown,
    not hidden (``.x``) or private (``_x``), but with their mark among ``marked`` (a
    ``[build] publish`` pattern that names them: ``.htaccess``, Netlify's ``_redirects``),
    not an editor's backup (``x~``)."""
    excluded = tuple(mark for mark in (".", "_") if mark not in marked)
    names = file_stats.keys() if file_stats is not None else file_names_under(content)
    prefix = str(content) + os.sep
    found = []
    for name in names:
        if not name.startswith(prefix) or name.endswith(MARKDOWN_SUFFIXES):
            continue
        relative = name[len(prefix):].replace(os.sep, "/")
        parts = relative.split("/")
        if relative not in ENGINE_FILES and not any(
                (excluded and part.startswith(excluded)) or part.endswith("~")
                for part in parts):
            found.append(relative)
    return sorted(found)


def _left_out_on_purpose(content: Path, all_entries: list[Entry], published: set[str],
                         include_drafts: bool) -> tuple[tuple[str, ...], set[str]]:
    """The folders of the bundles of drafts and scheduled posts (their files are not
    published, as they are not), and the files that bodies include (``--8<--``)."""
    bundles = tuple(entry.rel_path.rsplit("/", 1)[0] + "/" for entry in all_entries
                    if entry.rel_path not in published and not include_drafts
                    and entry.rel_path.rsplit("/", 1)[-1].startswith("index.")
                    and "/" in entry.rel_path)
    included: set[str] = set()
    real_content = content.resolve()  # (snippet_files gives resolved paths)
    for entry in all_entries:
        if entry.snippets:
            try:
                source = split_source(entry.source.read_text(encoding="utf-8"), entry.source)
                files = snippet_files(source.body, entry.source, content, source.body_line)
            except (OSError, UnicodeDecodeError, AuthorError):
                continue
            included.update(path.relative_to(real_content).as_posix() for path in files
                            if path.is_relative_to(real_content))
    return bundles, included


def unlinked_files(root: Path, site: Site, all_entries: list[Entry],
                   file_stats: FileStats | None, include_drafts: bool) -> list[AuthorError]:
    """One warning naming the files under ``content/`` that are not published because no
    published page links to them (none if there are none): the files of the bundles of
    drafts and scheduled posts, and the files bodies include, are not named."""
    content = root / "content"
    linked = {asset.path.relative_to(content).as_posix() for asset in site.assets.values()
              if asset.path.is_relative_to(content)}
    published = {entry.rel_path for entry in site.entries.values()}
    bundles, included = _left_out_on_purpose(content, all_entries, published, include_drafts)
    names = publishable_names(content, file_stats)
    templates = [name for name in names if _has_front_matter(content / name)]
    left_out = [name for name in names
                if name not in linked and name not in included and not name.startswith(bundles)
                and name not in templates]
    warnings = _html_posts_note(content, site, templates)
    templates = [name for name in templates if not _is_html_post(name, site)]
    if templates:
        warnings.append(AuthorError(
            content, f"{len(templates)} file(s) under content/ start with front matter, as "
            f"Jekyll's pages do, which is not read here: {_shown(templates)}",
            hint="write each page in Markdown (.md) with the same front matter: rename a .txt "
                 "or .html page, or one without an extension, to .md (a page linking to the "
                 "file would publish it as it is, Liquid and all; feeds and the sitemap are "
                 "made by the site itself)"))
    if left_out:
        warnings.append(AuthorError(
            content, f"{len(left_out)} file(s) under content/ are not published, as no page "
            f"links to them: {_shown(left_out)}",
            hint="link to each from a page (an image, or a link to it), or remove it; files "
                 "your templates use go in static/ (see Themes); a file fetched from "
                 "elsewhere at its address (an install script, a schema) is published by "
                 f"[build] publish = [\"{left_out[0]}\"]"))
    return warnings


def _is_html_post(name: str, site: Site) -> bool:
    """Whether the file ``name`` (under content/, with front matter) is a post written in
    HTML, which Jekyll publishes as a post: an ``.html`` file of a posts section."""
    return name.endswith((".html", ".htm")) and site.config.section_of(name).kind == "post"


def _html_posts_note(content: Path, site: Site, templates: list[str]) -> list[AuthorError]:
    """The warning that names the posts written in HTML among ``templates`` (nullprogram's
    95 of 461), if any: this engine reads Markdown alone."""
    posts = [name for name in templates if _is_html_post(name, site)]
    if not posts:
        return []
    return [AuthorError(content, f"{len(posts)} post(s) written in HTML, which Jekyll and "
                        f"Hugo publish as posts, are not read here (their pages and addresses "
                        f"are lost): {_shown(posts)}", hint="rename each to .md, its front "
                        "matter on top: Markdown keeps the HTML blocks as they are")]


def _shown(names: list[str]) -> str:
    return ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more"
                                       if len(names) > SHOWN else "")


def _has_front_matter(path: Path) -> bool:
    """Whether ``path`` is a text file whose first line is ``---`` (Jekyll's front matter:
    Jekyll renders any such file, ``licenses/mit.txt`` or ``feed.xml``): a page or template
    of another generator, not a file to publish as it is. A file without an extension is
    read too (18F's collection document ``_methods/stakeholder-influence-mapping``)."""
    if not path.name.endswith(FRONT_MATTER_SUFFIXES) and "." in path.name:
        return False
    try:
        with open(path, "rb") as file:
            return file.readline(8).rstrip() == b"---"
    except OSError:
        return False
