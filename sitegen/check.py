"""Verify a finished build: links, anchors and images resolve, feeds parse, pages have metadata."""
from __future__ import annotations

import filecmp
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitegen.htmlscan import link_targets


class _PageParser(HTMLParser):
    """Collects a page's ids (and ``<a name>`` anchors), links (as
    :func:`sitegen.htmlscan.link_targets` finds them), title and description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.title = ""
        self.description: str | None = None
        self.redirect = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if values.get("rel") != "canonical":
            self.links += link_targets(tag, attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content", "")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.redirect = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _PageParser:
    """The ids, links, title and description of the HTML page at ``path``."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(out: Path, base_path: str, url: str, page_url: str) -> Path | None:
    """The file a site-internal URL points to, or None for an external URL."""
    try:
        parts = urlsplit(urljoin(page_url, url))
    except ValueError:  # (a host it refuses, such as [2601:646\:100::165]: another site's)
        return None
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return out / "__outside_base_path__"
    relative = path[len(base_path):]
    target = out / relative
    return target / "index.html" if path.endswith("/") else target


def _is_copied(out: Path, path: Path, content: Path | None) -> bool:
    """Whether ``path`` (under ``out``) is the file of the same place under ``content``,
    published as it is, rather than a page the site made."""
    source = content / path.relative_to(out) if content is not None else None
    return source is not None and source.is_file() and filecmp.cmp(source, path, shallow=False)


def _metadata_problems(name: str, page: _PageParser) -> list[str]:
    """A page (but not a redirect) has a non-blank <title> and meta description."""
    if page.redirect:
        return []
    problems = []
    if not page.title.strip():
        problems.append(f"{name}: page has no <title>")
    if not (page.description or "").strip():
        problems.append(f"{name}: page has no meta description")
    return problems


def _link_problem(out: Path, base_path: str, name: str, page_url: str, url: str,
                  page: _PageParser, pages: dict[Path, _PageParser]) -> str | None:
    """The problem with one link ``url`` of page ``name`` (at ``page_url``), if any: a missing
    anchor on the page itself, a missing file, or a missing anchor on the linked page."""
    if url.startswith("#"):
        if url[1:] and unquote(url[1:]) not in page.ids:
            return f"{name}: link to missing anchor {url}"
        return None
    target = _target(out, base_path, url, page_url)
    if target is None:
        return None
    if not target.is_file():
        return f"{name}: broken link {url}"
    fragment = unquote(urlsplit(url).fragment)
    if fragment and target.suffix == ".html":
        linked = pages.get(target) or _parse(target)
        if fragment not in linked.ids:
            return f"{name}: link to missing anchor {url}"
    return None


def _link_problems(out: Path, base_path: str, name: str, page: _PageParser,
                   pages: dict[Path, _PageParser]) -> list[str]:
    """The problems with page ``name``'s links, in the order the links appear."""
    page_url = base_path + name.removesuffix("index.html")
    problems = []
    for url in page.links:
        problem = _link_problem(out, base_path, name, page_url, url, page, pages)
        if problem is not None:
            problems.append(problem)
    return problems


def _feed_problems(out: Path) -> list[str]:
    """Every feed (``feed.xml``, ``rss.xml``) and the sitemap present is well-formed XML."""
    problems = []
    for feed in sorted(list(out.rglob("feed.xml")) + list(out.rglob("rss.xml"))
                       + [out / "sitemap.xml"]):
        if feed.exists():
            try:
                ET.parse(feed)
            except ET.ParseError as error:
                problems.append(f"{feed.relative_to(out)}: not well-formed XML ({error})")
    return problems


def _json_problems(out: Path) -> list[str]:
    """Every ``.json`` file of the build is valid JSON."""
    problems = []
    for feed in sorted(out.rglob("*.json")):
        try:
            json.loads(feed.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"{feed.relative_to(out)}: not valid JSON ({error})")
    return problems


def check_build(out: Path, base_path: str = "/", content: Path | None = None) -> list[str]:
    """Every problem found in the build folder ``out``, as ``file: problem`` lines.

    Pages come first (in path order, each page's metadata before its links), then feeds and
    the sitemap, then JSON files. An HTML file of ``content`` (the site's content/) that a
    page links to is published as it is (a chart another tool made): its links are checked,
    but it needs no title or description of the site's.
    """
    problems: list[str] = []
    pages = {path: _parse(path) for path in sorted(out.rglob("*.html")) if path.is_file()}
    # (not a folder: an old address /pain.aspx.html/ is pain.aspx.html/index.html)
    for path, page in pages.items():
        name = path.relative_to(out).as_posix()
        if not _is_copied(out, path, content):
            problems += _metadata_problems(name, page)
        problems += _link_problems(out, base_path, name, page, pages)
    problems += _feed_problems(out)
    problems += _json_problems(out)
    return problems
