"""Start a new post: ``make new TITLE="My post"``."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sitegen.slugs import slugify


def new_post(content_dir: Path, title: str, today: dt.date) -> Path:
    """Write ``content/posts/<slug>.md`` as a draft dated ``today`` and return its path.

    Raises ``FileExistsError`` rather than overwrite or take the URL of an existing post
    (``posts/<slug>/index.md``, ``posts/2024-01-01-<slug>.md``), and ``ValueError`` for a
    title with nothing to make a URL from. Slugs are cut at 80 characters.
    """
    slug = slugify(title)[:80].rstrip("-")
    if not slug or not title.strip():
        raise ValueError(f"title {title!r} gives an empty URL; use letters or digits")
    posts = content_dir / "posts"
    for existing in [posts / f"{slug}.md", posts / f"{slug}.markdown", posts / slug / "index.md",
                     *posts.rglob(f"*{slug}.md")]:
        stem = existing.parent.name if existing.name == "index.md" else existing.stem
        if existing.exists() and (stem == slug or stem[11:] == slug):
            raise FileExistsError(existing)
    path = posts / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front_matter = (f"---\ntitle: {json.dumps(title.strip(), ensure_ascii=False)}\n"
                    f"date: {today.isoformat()}\ntags: []\ndraft: true\n---\n\n")
    with path.open("x", encoding="utf-8") as handle:
        handle.write(front_matter + "Write your post here. Remove `draft: true` to publish it.\n")
    return path
