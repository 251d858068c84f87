"""Verify a finished build: links, anchors and images resolve, feeds parse, pages have metadata."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class _PageParser(HTMLParser):
    """Collects a page's ids, links, title and description."""

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
        attribute = _LINKING.get(tag)
        if attribute and attribute in values and values.get("rel") != "canonical":
            self.links.append(values[attribute])
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
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(out: Path, base_path: str, url: str, page_url: str) -> Path | None:
    """The file a site-internal URL points to, or None for an external URL."""
    parts = urlsplit(urljoin(page_url, url))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return out / "__outside_base_path__"
    relative = path[len(base_path):]
    target = out / relative
    return target / "index.html" if path.endswith("/") else target


def check_build(out: Path, base_path: str = "/") -> list[str]:
    """Every problem found in the build folder ``out``, as ``file: problem`` lines."""
    problems: list[str] = []
    pages = {path: _parse(path) for path in sorted(out.rglob("*.html"))}
    for path, page in pages.items():
        name = path.relative_to(out).as_posix()
        if not page.redirect:
            if not page.title.strip():
                problems.append(f"{name}: page has no <title>")
            if not (page.description or "").strip():
                problems.append(f"{name}: page has no meta description")
        for url in page.links:
            if url.startswith("#"):
                if url[1:] and unquote(url[1:]) not in page.ids:
                    problems.append(f"{name}: link to missing anchor {url}")
                continue
            page_url = base_path + name.removesuffix("index.html")
            target = _target(out, base_path, url, page_url)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{name}: broken link {url}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html":
                linked = pages.get(target) or _parse(target)
                if fragment not in linked.ids:
                    problems.append(f"{name}: link to missing anchor {url}")
    for feed in sorted(list(out.rglob("feed.xml")) + list(out.rglob("rss.xml"))
                       + [out / "sitemap.xml"]):
        if feed.exists():
            try:
                ET.parse(feed)
            except ET.ParseError as error:
                problems.append(f"{feed.relative_to(out)}: not well-formed XML ({error})")
    for feed in sorted(out.rglob("*.json")):
        try:
            json.loads(feed.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"{feed.relative_to(out)}: not valid JSON ({error})")
    return problems
