"""The author's configuration, read from ``site.toml`` and validated."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import AuthorError
from sitegen.permalinks import pattern_problem
from sitegen.textscan import character_name, forbidden_character


@dataclass(frozen=True)
class MenuItem:
    """One entry of the header menu."""

    name: str
    url: str


@dataclass(frozen=True)
class SectionRule:
    """How the sources in one folder of ``content/`` are published: as dated posts, docs or
    pages, at which URL (``permalink``), and from which old URLs they redirect."""

    folder: str  # the top-level folder under content/; "" for pages outside any section
    kind: str  # "post", "doc" or "page"
    permalink: str
    redirect_from: tuple[str, ...] = ()
    title: str = ""
    category_from_folder: bool = False  # (Pelican's USE_FOLDER_AS_CATEGORY)
    ascii_urls: bool = False  # (accents taken off, as Pelican's slugs)


DEFAULT_SECTIONS = (SectionRule("posts", "post", "/posts/:slug/", title="Posts"),
                    SectionRule("docs", "doc", "/docs/:path/", title="Docs"))
DEFAULT_PAGES = SectionRule("", "page", "/:path/")


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
    sections: tuple[SectionRule, ...] = DEFAULT_SECTIONS
    pages: SectionRule = DEFAULT_PAGES
    redirects: tuple[tuple[str, str], ...] = ()  # [redirects]: old URL or file -> new one
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

    def section_of(self, rel_path: str) -> SectionRule:
        """The rule for the source at ``rel_path`` (relative to content/): its top-level
        folder's section, else the pages' rule."""
        return self.rule_of(rel_path.split("/", 1)[0] if "/" in rel_path else "")

    def rule_of(self, folder: str) -> SectionRule:
        """The rule of the section ``folder`` (a folder right under content/), else the
        pages' rule."""
        return next((rule for rule in self.sections if rule.folder == folder), self.pages)

    def absolute(self, path: str) -> str:
        """Turn a site path like ``/blog/posts/x/`` into an absolute URL."""
        return self.origin + path


_STRING_KEYS = ("title", "description", "base_url", "author", "language", "timezone")
_KNOWN_KEYS = frozenset(_STRING_KEYS) | {"posts_per_page", "menu", "build", "sections",
                                          "pages", "redirects"}
_TOML_LINE = re.compile(r"at line (\d+)")


def _line_of(text: str, key: str) -> int | None:
    """The first line of ``text`` that sets ``key`` (``key = ...``), if any does."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith((f"{key} ", f"{key}=")):
            return number
    return None


def _is_whole_number(value: object) -> bool:
    """Whether ``value`` is an int (TOML integer), booleans excluded."""
    return isinstance(value, int) and not isinstance(value, bool)


def _read_text(path: Path) -> str:
    """The text of ``site.toml`` (a byte order mark, which editors on Windows write, is
    left out); an AuthorError when it is not UTF-8 or cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AuthorError(path, "site.toml is not UTF-8 text",
                          hint="save it as UTF-8 in your editor") from None
    except OSError as error:
        raise AuthorError(path, f"cannot read site.toml: {error.strerror}",
                          hint="check that it is a readable file") from None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The parsed TOML; an AuthorError pointing at the offending line when it is invalid."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _TOML_LINE.search(str(error))
        raise AuthorError(
            path,
            f"invalid TOML: {error}",
            line=int(line.group(1)) if line else None,
            hint="check the quotes, brackets and '=' signs on that line (https://toml.io)",
        ) from None


def _text_values(data: dict[str, Any], text: str, path: Path) -> dict[str, object]:
    """The text settings the author set, in ``_STRING_KEYS`` order; each must be a string."""
    values: dict[str, object] = {}
    for key in _STRING_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise AuthorError(
                    path, f"'{key}' must be text, not {type(data[key]).__name__}",
                    line=_line_of(text, key), hint=f'write it in quotes: {key} = "..."',
                )
            _check_characters(data[key], key, text, path)
            values[key] = data[key]
    return values


def _check_characters(value: str, key: str, text: str, path: Path) -> None:
    """Refuse characters that feeds and pages cannot carry (XML 1.0 forbids them)."""
    bad = forbidden_character(value)
    if bad is not None:
        raise AuthorError(path, f"'{key}' contains the character {character_name(bad)}, "
                                "which feeds and pages cannot carry",
                          line=_line_of(text, key), hint="remove it from the text")


def _check_base_url(values: dict[str, object], text: str, path: Path) -> None:
    """Require an absolute http(s) ``base_url`` without query or fragment; add a final ``/``."""
    base_url = str(values.get("base_url", SiteConfig.base_url))
    try:
        parts = urlsplit(base_url)
        valid_host = parts.port is None or parts.port > 0  # (a port that is not a number raises)
    except ValueError:
        parts, valid_host = urlsplit(""), False
    host = parts.hostname or ""
    valid_host = valid_host and bool(host) and all(
        char.isalnum() or char in ".-:[]" for char in host) and not any(
        char.isspace() or not char.isprintable() for char in base_url)
    if parts.scheme not in ("http", "https") or not valid_host or parts.query \
            or parts.fragment:
        raise AuthorError(
            path, f"base_url {base_url!r} is not an absolute http(s) URL with a valid host "
                  "name and no spaces, ?query or #",
            line=_line_of(text, "base_url"),
            hint='write it with its scheme and host: base_url = "https://example.org/"',
        )
    if not base_url.endswith("/"):
        values["base_url"] = base_url + "/"


def _check_timezone(values: dict[str, object], text: str, path: Path) -> None:
    """Require ``timezone`` (default UTC) to be a time zone known to the system."""
    try:
        ZoneInfo(str(values.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError):
        raise AuthorError(
            path, f"unknown time zone {values['timezone']!r}",
            line=_line_of(text, "timezone"),
            hint='use an IANA name such as "UTC" or "Europe/Paris"',
        ) from None


def _posts_per_page(data: dict[str, Any], text: str, path: Path) -> int:
    """``posts_per_page``, a positive whole number (default 10)."""
    per_page = data.get("posts_per_page", SiteConfig.posts_per_page)
    if not _is_whole_number(per_page) or per_page < 1:
        raise AuthorError(
            path, f"posts_per_page must be a positive whole number, not {per_page!r}",
            line=_line_of(text, "posts_per_page"), hint="posts_per_page = 10",
        )
    return int(per_page)


def _menu(data: dict[str, Any], text: str, path: Path) -> tuple[MenuItem, ...]:
    """The ``[[menu]]`` entries in order; each needs a text ``name`` and ``url``."""
    menu, items = [], data.get("menu", [])
    if not isinstance(items, list):
        raise AuthorError(path, f"menu must be a list of [[menu]] entries, not "
                                f"{type(items).__name__}", line=_line_of(text, "menu"),
                          hint='write each entry as a table:\n[[menu]]\nname = "Docs"\n'
                               'url = "/docs/"')
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not isinstance(item.get("url"), str):
            raise AuthorError(
                path, "each [[menu]] entry needs a 'name' and a 'url', both text",
                hint='[[menu]]\nname = "Docs"\nurl = "/docs/"',
            )
        _check_characters(item["name"], "menu", text, path)
        menu.append(MenuItem(item["name"], item["url"]))
    return tuple(menu)


def _build_table(data: dict[str, Any]) -> dict[str, Any]:
    """The ``[build]`` table; empty when it is missing or not a table."""
    build = data.get("build", {})
    return build if isinstance(build, dict) else {}


def _broken_links(build: dict[str, Any], text: str, path: Path) -> str:
    """``[build] broken_links``: ``"error"`` (the default) or ``"warn"``."""
    broken_links = build.get("broken_links", "error")
    if broken_links not in ("error", "warn"):
        raise AuthorError(
            path, f"[build] broken_links must be \"error\" or \"warn\", not {broken_links!r}",
            line=_line_of(text, "broken_links"),
            hint='write broken_links = "error" (stop the build) or "warn" (list and go on)',
        )
    return str(broken_links)


def _search_shard_pages(build: dict[str, Any], text: str, path: Path) -> int:
    """``[build] search_shard_pages``: a whole number from 1 to 1000 (default 100)."""
    shard_pages = build.get("search_shard_pages", SiteConfig.search_shard_pages)
    if not _is_whole_number(shard_pages) or not 1 <= shard_pages <= 1000:
        raise AuthorError(
            path, f"[build] search_shard_pages must be a whole number from 1 to 1000, "
                  f"not {shard_pages!r}",
            line=_line_of(text, "search_shard_pages"), hint="search_shard_pages = 100",
        )
    return int(shard_pages)


# First path segments that the site's own pages use: no page or section may take them.
RESERVED_SECTIONS = frozenset({
    "tags", "categories", "authors", "archive", "page", "api", "static", "search", "pagefind",
    "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html"})
_KINDS = {"posts": "post", "docs": "doc", "pages": "page"}
_RULE_KEYS = {"kind", "permalink", "redirect_from", "title", "category_from_folder",
              "ascii_urls"}
_SECTION_HINT = ('[sections.blog]\nkind = "posts"\npermalink = "/:year/:month/:slug/"\n'
                 'redirect_from = ["/blog/:slug/"]')


def _sections(data: dict[str, Any], text: str, path: Path) -> tuple[SectionRule, ...]:
    """The ``[sections.NAME]`` tables, each the rule of the folder ``content/NAME/``, with
    the default ``posts`` and ``docs`` sections unless they are set."""
    tables = data.get("sections", {})
    if not isinstance(tables, dict):
        raise AuthorError(path, "sections must be tables: [sections.NAME]",
                          line=_line_of(text, "sections"), hint=_SECTION_HINT)
    rules = {rule.folder: rule for rule in DEFAULT_SECTIONS}
    for folder, table in tables.items():
        where = f"[sections.{folder}]"
        line = _table_line(text, "sections", folder)
        if not isinstance(table, dict):
            raise AuthorError(path, f"{where} must be a table", line=line, hint=_SECTION_HINT)
        if not folder or "/" in folder or folder.startswith((".", "_")) \
                or folder in RESERVED_SECTIONS:
            raise AuthorError(path, f"{where}: {folder!r} cannot be a section: a section is "
                              "a folder right under content/, not hidden, private or one of "
                              "the site's own (" + ", ".join(sorted(RESERVED_SECTIONS)) + ")",
                              line=line, hint="name the folder that holds the files")
        kind = table.get("kind", "docs" if folder == "docs" else "posts")
        if kind not in _KINDS:
            raise AuthorError(path, f"{where} kind must be \"posts\", \"docs\" or \"pages\", "
                              f"not {kind!r}", line=line, hint=_SECTION_HINT)
        default = f"/{folder}/:slug/" if kind == "posts" else f"/{folder}/:path/"
        rules[folder] = _rule(table, SectionRule(folder, _KINDS[kind], default,
                                                 title=folder.replace("-", " ").capitalize()),
                              where, line, path)
    return tuple(rules.values())


def _pages_rule(data: dict[str, Any], text: str, path: Path) -> SectionRule:
    """The ``[pages]`` table: the rule of every page outside a section."""
    table = data.get("pages", {})
    if not isinstance(table, dict):
        raise AuthorError(path, "pages must be a table: [pages]", line=_line_of(text, "pages"),
                          hint='[pages]\nredirect_from = ["/:path.html"]')
    return _rule(table, DEFAULT_PAGES, "[pages]", _table_line(text, "pages"), path)


def _rule(table: dict[str, Any], default: SectionRule, where: str, line: int | None,
          path: Path) -> SectionRule:
    """``default`` with the ``permalink``, ``redirect_from`` and ``title`` of ``table``,
    checked (see :func:`~sitegen.permalinks.pattern_problem`)."""
    unknown = sorted(set(table) - _RULE_KEYS - ({"kind"} if default.folder else set()))
    if unknown:
        raise AuthorError(path, f"{where}: unknown setting {unknown[0]!r}", line=line,
                          hint="a section has kind, permalink, redirect_from, title, "
                               "category_from_folder and ascii_urls")
    permalink = table.get("permalink", default.permalink)
    redirects = table.get("redirect_from", [])
    title = table.get("title", default.title)
    switches = {name: table.get(name, False) for name in ("category_from_folder", "ascii_urls")}
    for name, value in switches.items():
        if not isinstance(value, bool):
            raise AuthorError(path, f"{where}: {name} must be true or false, not {value!r}",
                              line=line, hint=f"{name} = true")
    if isinstance(redirects, str):
        redirects = [redirects]
    if not isinstance(permalink, str) or not isinstance(title, str) or not isinstance(
            redirects, list) or not all(isinstance(item, str) for item in redirects):
        raise AuthorError(path, f"{where}: permalink and title must be text, redirect_from a "
                          "list of texts", line=line, hint=_SECTION_HINT)
    for pattern in (permalink, *redirects):
        problem = pattern_problem(pattern, dated=default.kind == "post")
        if problem:
            raise AuthorError(path, f"{where}: the pattern {pattern!r} {problem}", line=line,
                              hint='e.g. permalink = "/:year/:month/:slug/"; see the '
                                   "placeholders in content/docs/configuration.md")
    return SectionRule(default.folder, default.kind, permalink, tuple(redirects), title,
                       **switches)


def _redirects(data: dict[str, Any], text: str, path: Path) -> tuple[tuple[str, str], ...]:
    """The ``[redirects]`` table: each old address (a site path, or a Markdown file as
    MkDocs' redirects name it) to the page it now is (its URL, or its file)."""
    table = data.get("redirects", {})
    if not isinstance(table, dict) or not all(
            isinstance(new, str) and new.strip() for new in table.values()):
        raise AuthorError(path, "[redirects] maps each old address to the new one, both text",
                          line=_table_line(text, "redirects"),
                          hint='[redirects]\n"/old/address/" = "/new/address/"\n'
                               '"history.md" = "docs/history/hatch.md"')
    return tuple((str(old), new.strip()) for old, new in table.items())


def config_line(path: Path, text: str, key: str = "") -> int | None:
    """The first line of the configuration file ``path`` that holds ``text`` (and starts with
    ``key``, if given), if any."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, start=1)
                 if text in line and line.strip().startswith(key)), None)


def _table_line(text: str, *names: str) -> int | None:
    """The line of the header ``[a.b]`` (or ``[a]``) of the table ``names``, if any."""
    wanted = {".".join(names), ".".join(f'"{name}"' for name in names),
              names[0] + "." + ".".join(f'"{name}"' for name in names[1:])}
    for number, line in enumerate(text.splitlines(), start=1):
        header = line.strip()
        if header.startswith("[") and header.split("]")[0].strip("[ ").replace(" ", "") \
                in wanted:
            return number
    return None


def load_config(path: Path) -> SiteConfig:
    """Read and validate ``site.toml``; a missing file gives the defaults.

    Settings are checked in a fixed order (text settings, base_url, timezone, posts_per_page,
    menu, [build]): of several problems, the first in that order is the one reported.
    """
    if not path.exists():
        return SiteConfig()
    text = _read_text(path)
    data = _parse_toml(text, path)
    values = _text_values(data, text, path)
    _check_base_url(values, text, path)
    _check_timezone(values, text, path)
    values["posts_per_page"] = _posts_per_page(data, text, path)
    values["menu"] = _menu(data, text, path)
    build = _build_table(data)
    values["broken_links"] = _broken_links(build, text, path)
    values["search_shard_pages"] = _search_shard_pages(build, text, path)
    values["sections"] = _sections(data, text, path)
    values["pages"] = _pages_rule(data, text, path)
    values["redirects"] = _redirects(data, text, path)
    values["extra"] = {key: value for key, value in data.items() if key not in _KNOWN_KEYS}
    return SiteConfig(**values)  # type: ignore[arg-type]
