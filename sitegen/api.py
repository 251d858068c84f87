"""The JSON API: every published post, one post in full, and the tags."""
from __future__ import annotations

import json
from typing import Any

from sitegen.feeds import absolute_html, absolute_url
from sitegen.models import Entry, Site


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# All post_summary reads of a post (a rebuild writes /api/posts.json again when one of them
# changes; tests/test_buildstate.py checks that nothing else is read).
SUMMARY_READS = ("title", "slug", "url", "date", "updated", "tags", "category", "author",
                 "summary", "reading_minutes")


def post_summary(site: Site, post: Entry) -> dict[str, Any]:
    """The fields every listing of a post carries."""
    assert post.date is not None
    return {
        "title": post.title,
        "slug": post.slug,
        "url": absolute_url(site, post.url),
        "date": post.date.isoformat(),
        "updated": post.updated.isoformat() if post.updated else None,
        "tags": [term.name for term in post.tags],
        "category": post.category.name if post.category else None,
        "author": post.author.name if post.author else None,
        "summary": post.summary,
        "reading_minutes": post.reading_minutes,
    }


def posts_index(site: Site) -> str:
    """``/api/posts.json``: every published post, newest first."""
    return _dump({"posts": [post_summary(site, post) for post in site.posts]})


def post_detail(site: Site, post: Entry) -> str:
    """``/api/posts/<slug>.json``: one post with its rendered HTML and table of contents."""
    html = absolute_html(post.html, absolute_url(site, post.url))  # usable on any host
    return _dump({**post_summary(site, post), "html": html, "toc": post.toc})


def tags_index(site: Site) -> str:
    """``/api/tags.json``: every tag with its URL and the number of entries it lists
    (posts, docs pages and pages)."""
    return _dump({"tags": [
        {"name": term.name, "slug": term.slug, "url": absolute_url(site, f"/tags/{term.slug}/"),
         "count": len(term.entries)}
        for term in site.tags.values()
    ]})
