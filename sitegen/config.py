"""The author's configuration, read from ``site.toml`` and validated."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import AuthorError


@dataclass(frozen=True)
class MenuItem:
    """One entry of the header menu."""

    name: str
    url: str


@dataclass(frozen=True)
class SiteConfig:
    """Settings from ``site.toml``, with defaults for everything an author leaves out."""

    title: str = "My site"
    description: str = ""
    base_url: str = "http://localhost:5000/"
    author: str = ""
    language: str = "en"
    timezone: str = "UTC"
    posts_per_page: int = 10
    menu: tuple[MenuItem, ...] = ()
    broken_links: str = "error"
    search_shard_pages: int = 100
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        """The site's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always ending in ``/`` (``/`` or ``/blog/``)."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        """Scheme and host of ``base_url``: ``https://example.org``."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def absolute(self, path: str) -> str:
        """Turn a site path like ``/blog/posts/x/`` into an absolute URL."""
        return self.origin + path


_STRING_KEYS = ("title", "description", "base_url", "author", "language", "timezone")


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith((f"{key} ", f"{key}=")):
            return number
    return None


def load_config(path: Path) -> SiteConfig:
    """Read and validate ``site.toml``; a missing file gives the defaults."""
    if not path.exists():
        return SiteConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AuthorError(path, "site.toml is not UTF-8 text",
                          hint="save it as UTF-8 in your editor") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        raise AuthorError(
            path,
            f"invalid TOML: {error}",
            line=int(line.group(1)) if line else None,
            hint="check the quotes, brackets and '=' signs on that line (https://toml.io)",
        ) from None

    values: dict[str, object] = {}
    for key in _STRING_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise AuthorError(
                    path, f"'{key}' must be text, not {type(data[key]).__name__}",
                    line=_line_of(text, key), hint=f'write it in quotes: {key} = "..."',
                )
            values[key] = data[key]

    base_url = str(values.get("base_url", SiteConfig.base_url))
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
            or parts.fragment:
        raise AuthorError(
            path, f"base_url {base_url!r} is not an absolute http(s) URL without ?query or #",
            line=_line_of(text, "base_url"),
            hint='write it with its scheme and host: base_url = "https://example.org/"',
        )
    if not base_url.endswith("/"):
        values["base_url"] = base_url + "/"

    try:
        ZoneInfo(str(values.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError):
        raise AuthorError(
            path, f"unknown time zone {values['timezone']!r}",
            line=_line_of(text, "timezone"),
            hint='use an IANA name such as "UTC" or "Europe/Paris"',
        ) from None

    per_page = data.get("posts_per_page", SiteConfig.posts_per_page)
    if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 1:
        raise AuthorError(
            path, f"posts_per_page must be a positive whole number, not {per_page!r}",
            line=_line_of(text, "posts_per_page"), hint="posts_per_page = 10",
        )
    values["posts_per_page"] = per_page

    menu = []
    for item in data.get("menu", []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not isinstance(item.get("url"), str):
            raise AuthorError(
                path, "each [[menu]] entry needs a 'name' and a 'url', both text",
                hint='[[menu]]\nname = "Docs"\nurl = "/docs/"',
            )
        menu.append(MenuItem(item["name"], item["url"]))
    values["menu"] = tuple(menu)

    build = data.get("build", {})
    broken_links = build.get("broken_links", "error") if isinstance(build, dict) else "error"
    if broken_links not in ("error", "warn"):
        raise AuthorError(
            path, f"[build] broken_links must be \"error\" or \"warn\", not {broken_links!r}",
            line=_line_of(text, "broken_links"),
            hint='write broken_links = "error" (stop the build) or "warn" (list and go on)',
        )
    values["broken_links"] = broken_links
    shard_pages = build.get("search_shard_pages", SiteConfig.search_shard_pages) \
        if isinstance(build, dict) else SiteConfig.search_shard_pages
    if not isinstance(shard_pages, int) or isinstance(shard_pages, bool) \
            or not 1 <= shard_pages <= 1000:
        raise AuthorError(
            path, f"[build] search_shard_pages must be a whole number from 1 to 1000, "
                  f"not {shard_pages!r}",
            line=_line_of(text, "search_shard_pages"), hint="search_shard_pages = 100",
        )
    values["search_shard_pages"] = shard_pages
    known = set(_STRING_KEYS) | {"posts_per_page", "menu", "build"}
    values["extra"] = {key: value for key, value in data.items() if key not in known}
    return SiteConfig(**values)  # type: ignore[arg-type]
