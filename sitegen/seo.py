"""What search engines read: the sitemap, robots.txt and JSON-LD metadata."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from sitegen.feeds import absolute_url
from sitegen.models import Entry, Site

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# All sitemap reads of a page (and of the newest post); the URLs it is given are the pages'.
SITEMAP_READS = ("url", "last_modified")


def sitemap(site: Site, urls: list[tuple[str, Entry | None]]) -> str:
    """A sitemap of every published HTML page, each with a ``lastmod`` when the site has dates."""
    newest = site.posts[0].last_modified if site.posts else None
    root = ET.Element("urlset", xmlns=SITEMAP)
    for path, entry in urls:
        item = ET.SubElement(root, "url")
        ET.SubElement(item, "loc").text = absolute_url(site, path)
        # Pages without dates (About, docs) take the newest post's date: deterministic, unlike
        # file times, which a fresh clone resets. Their 'updated' field sets it precisely.
        modified = (entry.last_modified if entry is not None else None) or newest
        if modified is not None:
            ET.SubElement(item, "lastmod").text = modified.isoformat()
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def robots(site: Site) -> str:
    """robots.txt allowing everything and pointing at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(site, '/sitemap.xml')}\n"


def _script_safe(data: dict[str, Any]) -> Markup:
    """JSON that cannot close its ``<script>`` element nor open a comment or CDATA."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def json_ld(site: Site, page: Entry | None, image: str | None = None) -> Markup:
    """JSON-LD for a page: ``BlogPosting`` for posts, ``WebSite`` for the home page and others."""
    if page is None or page.kind != "post":
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.config.title,
            "url": absolute_url(site, "/"),
        }
        if site.config.description:
            data["description"] = site.config.description
        return _script_safe(data)
    assert page.date is not None
    url = absolute_url(site, page.url)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.updated or page.date).isoformat(),
        "description": page.summary,
        "publisher": {"@type": "Organization", "name": site.config.title},
    }
    if page.author is not None:
        author: dict[str, Any] = {"@type": "Person", "name": page.author.name}
        if page.author.key and page.author.entries:
            author["url"] = absolute_url(site, f"/authors/{page.author.slug}/")
        data["author"] = author
    if image:
        data["image"] = urljoin(url, image)
    if page.tags:
        data["keywords"] = [term.name for term in page.tags]
    return _script_safe(data)
