"""Atom, RSS 2.0 and JSON Feed 1.1 documents, built with real serializers (never string pasting)."""
from __future__ import annotations

import datetime as dt
import functools
import html as html_lib
import json
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from urllib.parse import urljoin, urlsplit

from sitegen.htmlscan import link_attribute, new_value, splice, srcset_urls, start_tags
from sitegen.links import site_url
from sitegen.models import Entry, Site

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_LINK_NAMES = ("href", "src", "srcset", "poster")

ET.register_namespace("", ATOM)


def absolute_url(site: Site, path: str) -> str:
    """A site path (``/posts/x/``) as an absolute URL under the base URL."""
    return site.config.absolute(site_url(site.config.base_path, path))


@functools.lru_cache(maxsize=4096)  # a post's HTML appears in the site feeds and each tag's
def absolute_html(html: str, page_url: str) -> str:
    """Make every link and image in ``html`` absolute, relative to ``page_url`` (an absolute
    URL without a fragment): the links :func:`sitegen.htmlscan.link_attribute` names, in
    code too (a feed reader has no other page to resolve them against)."""
    edits = []
    for tag in start_tags(html, skip_code=False, needed=_LINK_NAMES):
        for attribute in tag.attributes:
            kind = link_attribute(tag.name, attribute.name)
            if kind is None or tag.get(attribute.name) is not attribute:
                continue
            if kind == "url":
                edits.append(new_value(attribute, _absolute(attribute.text, page_url)))
                continue
            value = attribute.value
            edits.append(new_value(attribute, splice(value, [
                (start, end, html_lib.escape(_absolute(html_lib.unescape(value[start:end]),
                                                       page_url)))
                for start, end in srcset_urls(value)]), escaped=True))
    return splice(html, edits)


def _absolute(target: str, page_url: str) -> str:
    """``target`` as an absolute URL, relative to ``page_url``."""
    if target.startswith(("https://", "http://")):
        return target  # most links: skip urljoin, the slow part
    if target.startswith("#"):
        return page_url + target
    try:
        return urljoin(page_url, target)
    except ValueError:  # (a host it refuses, onevcat's rdar://22948371](http://...: another
        return target  # site's address, as written)


def entry_id(site: Site, entry: Entry) -> str:
    """A stable id: a tag URI from the host, the first publication date and the path."""
    assert entry.date is not None
    host = urlsplit(site.config.base_url).netloc.split(":")[0]
    return f"tag:{host},{entry.date.date().isoformat()}:{entry.url}"


def _updated(posts: list[Entry]) -> dt.datetime:
    dates = [post.last_modified for post in posts if post.last_modified]
    return max(dates) if dates else EPOCH


def _title(site: Site, term_name: str) -> str:
    return f"{site.config.title} – {term_name}" if term_name else site.config.title


def _author_name(site: Site, entry: Entry) -> str:
    return entry.author.name if entry.author else site.config.author


def item_html(site: Site, post: Entry, url: str) -> str:
    """A feed item's HTML, with absolute links: the whole post, or its summary with
    ``[feeds] content = "summary"``."""
    return absolute_html(post.html if site.config.feeds.content == "full"
                         else post.summary_html, url)


def atom(site: Site, feed: tuple[str, list[Entry]], feed_path: str) -> str:
    """An Atom 1.0 feed of the newest posts with their full content (or only their
    summaries: see :func:`item_html`)."""
    term_name, posts = feed[0], feed[1][:site.config.feeds.limit]
    root = ET.Element(f"{{{ATOM}}}feed")
    root.set("xml:lang", site.config.language)
    ET.SubElement(root, f"{{{ATOM}}}title").text = _title(site, term_name)
    if site.config.description:
        ET.SubElement(root, f"{{{ATOM}}}subtitle").text = site.config.description
    ET.SubElement(root, f"{{{ATOM}}}id").text = absolute_url(site, feed_path)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=absolute_url(site, feed_path))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=absolute_url(site, "/"))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _updated(posts).isoformat()
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site.config.author or site.config.title
    ET.SubElement(root, f"{{{ATOM}}}generator").text = "sitegen"
    for post in posts:
        assert post.date is not None
        url = absolute_url(site, post.url)
        item = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = post.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry_id(site, post)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
        ET.SubElement(item, f"{{{ATOM}}}published").text = post.date.isoformat()
        ET.SubElement(item, f"{{{ATOM}}}updated").text = (post.updated or post.date).isoformat()
        entry_author = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = \
            _author_name(site, post) or site.config.title
        for term in post.tags:
            ET.SubElement(item, f"{{{ATOM}}}category", term=term.name)
        if post.summary:
            ET.SubElement(item, f"{{{ATOM}}}summary").text = post.summary
        if site.config.feeds.content == "full":
            ET.SubElement(item, f"{{{ATOM}}}content", type="html").text = \
                absolute_html(post.html, url)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def rss(site: Site, feed: tuple[str, list[Entry]], feed_path: str) -> str:
    """An RSS 2.0 feed of the newest posts with their full content (or summaries)."""
    term_name, posts = feed[0], feed[1][:site.config.feeds.limit]
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM,
                              "xmlns:dc": "http://purl.org/dc/elements/1.1/"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = _title(site, term_name)
    ET.SubElement(channel, "link").text = absolute_url(site, "/")
    ET.SubElement(channel, "description").text = site.config.description or site.config.title
    ET.SubElement(channel, "language").text = site.config.language
    ET.SubElement(channel, "atom:link", href=absolute_url(site, feed_path), rel="self",
                  type="application/rss+xml")
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(_updated(posts))
    ET.SubElement(channel, "generator").text = "sitegen"
    for post in posts:
        assert post.date is not None
        url = absolute_url(site, post.url)
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = post.title
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", isPermaLink="true").text = url
        ET.SubElement(item, "pubDate").text = format_datetime(post.date)
        if _author_name(site, post):
            ET.SubElement(item, "dc:creator").text = _author_name(site, post)
        for term in post.tags:
            ET.SubElement(item, "category").text = term.name
        ET.SubElement(item, "description").text = item_html(site, post, url)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def json_feed(site: Site, feed: tuple[str, list[Entry]], feed_path: str) -> str:
    """A JSON Feed 1.1 document of the newest posts with their full content (or
    summaries)."""
    term_name, posts = feed[0], feed[1][:site.config.feeds.limit]
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _title(site, term_name),
        "home_page_url": absolute_url(site, "/"),
        "feed_url": absolute_url(site, feed_path),
        "language": site.config.language,
    }
    if site.config.description:
        document["description"] = site.config.description
    if site.config.author:
        document["authors"] = [{"name": site.config.author}]
    items = []
    for post in posts:
        assert post.date is not None
        url = absolute_url(site, post.url)
        item: dict[str, object] = {
            "id": entry_id(site, post),
            "url": url,
            "title": post.title,
            "content_html": item_html(site, post, url),
            "summary": post.summary,
            "date_published": post.date.isoformat(),
            "date_modified": (post.updated or post.date).isoformat(),
            "tags": [term.name for term in post.tags],
        }
        if _author_name(site, post):
            item["authors"] = [{"name": _author_name(site, post)}]
        if post.image:
            item["image"] = urljoin(url, post.image)
        items.append(item)
    document["items"] = items
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
