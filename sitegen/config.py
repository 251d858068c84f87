"""The author's configuration, read from ``site.toml`` and validated."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import AuthorError, AuthorErrors
from sitegen.permalinks import pattern_problem
from sitegen.slugs import SLUG_STYLES, mkdocs_title
from sitegen.spelling import did_you_mean
from sitegen.textscan import character_name, forbidden_character, without_entities


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
    # Whether :path keeps the case of the file and folder names, as MkDocs and Hugo with
    # disablePathToLower publish them (/xenopsd/walkthroughs/VM.build/)
    cased_urls: bool = False
    # Whether its tags' and categories' pages list its pages: always a posts section's;
    # a docs section's unless false (Material's tags plugin, Hugo's docs themes); pages only
    # with terms = true (Hugo lists every page; Jekyll and Pelican, posts only)
    terms: bool = True


@dataclass(frozen=True)
class FeedSettings:
    """The ``[feeds]`` table: which feeds the site publishes, and what their items carry."""

    formats: tuple[str, ...] = ("atom", "rss", "json")  # /feed.xml, /rss.xml, /feed.json
    content: str = "full"  # or "summary"
    limit: int = 20  # items per feed
    per_term: bool = True  # feeds for each tag, category and posts section too


@dataclass(frozen=True)
class FeedFormat:
    """One kind of feed: its file name, media type and name for readers."""

    file: str
    mimetype: str
    label: str


FEED_FORMATS = {"atom": FeedFormat("feed.xml", "application/atom+xml", "Atom"),
                "rss": FeedFormat("rss.xml", "application/rss+xml", "RSS"),
                "json": FeedFormat("feed.json", "application/feed+json", "JSON Feed")}


@dataclass(frozen=True)
class MarkdownSettings:
    """The ``[markdown]`` table: Python-Markdown extensions the site adds to the engine's."""

    extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict[str, object]] = field(default_factory=dict)


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
    slugs: str = "default"  # [build] slugs: "hugo" keeps the dots of titles and terms
    search_shard_pages: int = 100
    publish: tuple[str, ...] = ()  # [build] publish: files of content/ published unlinked
    sections: tuple[SectionRule, ...] = DEFAULT_SECTIONS
    pages: SectionRule = DEFAULT_PAGES
    redirects: tuple[tuple[str, str], ...] = ()  # [redirects]: old URL or file -> new one
    # The switches: what the site publishes besides its pages (see SWITCHES).
    search: bool = True
    social_cards: bool = True
    json_api: bool = True
    categories: bool = True
    paginate_terms: bool = True
    feeds: FeedSettings = FeedSettings()
    markdown: MarkdownSettings = MarkdownSettings()
    params: dict[str, object] = field(default_factory=dict)  # [params]: the site's own values
    front_matter_fields: tuple[str, ...] = ()  # [front_matter] fields: the site's own fields
    unknown_keys: str = "warn"  # [build] unknown_keys: "warn" or "error"
    extra: dict[str, object] = field(default_factory=dict)  # unknown top-level keys
    warnings: tuple[str, ...] = ()  # unknown keys, when unknown_keys is "warn"

    def published_feeds(self, per_term: bool = False) -> list[FeedFormat]:
        """The site's feeds (``[feeds] formats``); with ``per_term``, those of each tag,
        category and posts section (none when ``[feeds] per_term`` is false)."""
        if per_term and not self.feeds.per_term:
            return []
        return [FEED_FORMATS[name] for name in self.feeds.formats]

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

    def lists_terms(self, kind: str, rel_path: str, hidden: bool) -> bool:
        """Whether the tags' and categories' pages list the entry of ``kind`` at
        ``rel_path``: a post, or a docs page or page of a rule that lists them (see
        :attr:`SectionRule.terms`), unless it is ``hidden``."""
        return not hidden and (kind == "post" or kind in ("doc", "page")
                               and self.section_of(rel_path).terms)

    def rule_of(self, folder: str) -> SectionRule:
        """The rule of the section ``folder`` (a folder right under content/), else the
        pages' rule."""
        return next((rule for rule in self.sections if rule.folder == folder), self.pages)

    def absolute(self, path: str) -> str:
        """Turn a site path like ``/blog/posts/x/`` into an absolute URL."""
        return self.origin + path


_STRING_KEYS = ("title", "description", "base_url", "author", "language", "timezone")
# The switches: what the site publishes besides its pages, each on unless set to false.
SWITCHES = ("search", "social_cards", "json_api", "categories", "paginate_terms")
# The keys of each table of site.toml whose keys are the engine's ([sections.NAME] too).
TABLE_KEYS: dict[str, frozenset[str]] = {
    "build": frozenset({"broken_links", "search_shard_pages", "unknown_keys", "publish",
                        "slugs"}),
    "feeds": frozenset({"formats", "content", "limit", "per_term"}),
    "markdown": frozenset({"extensions", "extension_configs"}),
    "front_matter": frozenset({"fields"}),
    "pages": frozenset({"permalink", "redirect_from", "title", "category_from_folder",
                        "ascii_urls", "cased_urls", "terms"}),
}
_KNOWN_KEYS = frozenset(_STRING_KEYS) | frozenset(SWITCHES) | frozenset(TABLE_KEYS) | {
    "posts_per_page", "menu", "sections", "redirects", "params"}
MENU_KEYS = frozenset({"name", "url"})
# Other generators' names for the same settings (Hugo's, Jekyll's, Pelican's, MkDocs').
OTHER_NAMES = {"baseURL": "base_url", "url": "base_url", "site_url": "base_url",
               "siteurl": "base_url", "languageCode": "language", "lang": "language",
               "default_lang": "language", "paginate": "posts_per_page",
               "default_pagination": "posts_per_page", "pagination": "posts_per_page",
               "site_name": "title", "sitename": "title", "site_description": "description",
               "tagline": "description", "timeZone": "timezone", "site_author": "author",
               "markdown_extensions": "markdown", "extra": "params", "menus": "menu",
               "nav": "menu", "permalinks": "sections", "plugins": "markdown",
               "per_page": "posts_per_page", "page_size": "posts_per_page",
               "paginate_by": "posts_per_page", "tz": "timezone", "locale": "language",
               "site_title": "title", "name": "title", "desc": "description",
               "subtitle": "description", "owner": "author", "authors": "author"}
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
            values[key] = without_entities(data[key]) if key in ("title", "description") \
                else data[key]  # (Jekyll's title: "Old &amp; busted", shown as HTML)
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
            others = [key for key in item if key not in MENU_KEYS] if isinstance(
                item, dict) else []
            meant = did_you_mean(others[0], MENU_KEYS, {"title": "name", "link": "url",
                                                        "href": "url"}) if others else ""
            raise AuthorError(
                path, "each [[menu]] entry needs a 'name' and a 'url', both text"
                + (f" ('{others[0]}' is not one of them: {meant})" if meant else ""),
                line=_line_of(text, others[0]) if others else None,
                hint='[[menu]]\nname = "Docs"\nurl = "/docs/"',
            )
        _check_characters(item["name"], "menu", text, path)
        menu.append(MenuItem(item["name"], item["url"]))
    return tuple(menu)


def _build_table(data: dict[str, Any]) -> dict[str, Any]:
    """The ``[build]`` table; empty when it is missing or not a table."""
    build = data.get("build", {})
    return build if isinstance(build, dict) else {}


def _slug_style(build: dict[str, Any], text: str, path: Path) -> str:
    """``[build] slugs``: ``"default"``, ``"hugo"``, ``"material"``, ``"pelican"`` or
    ``"jekyll"`` (see :data:`sitegen.slugs.SLUG_STYLES`)."""
    style = build.get("slugs", "default")
    if style not in SLUG_STYLES:
        raise AuthorError(
            path, "[build] slugs must be \"default\", \"hugo\", \"material\", \"pelican\" or "
            f"\"jekyll\", not {style!r}",
            line=_key_line(text, "build", "slugs"),
            hint='write slugs = "hugo" to make titles and tags URLs as Hugo does '
                 "(coredns-1.1.3-release, keeping dots)")
    return str(style)


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


def _publish_patterns(build: dict[str, Any], text: str, path: Path) -> tuple[str, ...]:
    """``[build] publish``: patterns of paths under content/ (``favicon.ico``,
    ``apiref/*``), each published whether or not a page links to it."""
    patterns = build.get("publish", [])
    hint = 'publish = ["favicon.ico", "apiref/*"] (paths under content/; * matches any text)'
    if not isinstance(patterns, list) or not all(isinstance(item, str) and item.strip("/")
                                                 for item in patterns):
        raise AuthorError(path, f"[build] publish must be a list of paths, not {patterns!r}",
                          line=_line_of(text, "publish"), hint=hint)
    for pattern in patterns:
        if ".." in pattern.split("/") or pattern.startswith("content/"):
            raise AuthorError(path, f"[build] publish: {pattern!r} is not a path under content/",
                              line=_line_of(text, "publish"), hint=hint)
    return tuple(pattern.strip("/") for pattern in patterns)


def _switch(data: dict[str, Any], name: str, where: str, text: str, path: Path) -> bool:
    """The switch ``name`` of ``data`` (true unless set): true or false, nothing else."""
    value = data.get(name, True)
    if not isinstance(value, bool):
        raise AuthorError(path, f"{where}{name} must be true or false, not {value!r}",
                          line=_line_of(text, name),
                          hint=f"write {name} = false (no quotes) to turn it off")
    return value


def _switches(data: dict[str, Any], text: str, path: Path) -> dict[str, object]:
    """The top-level switches (:data:`SWITCHES`), each true unless set to false."""
    return {name: _switch(data, name, "", text, path) for name in SWITCHES}


_FEEDS_HINT = '[feeds]\nformats = ["atom", "rss", "json"]\ncontent = "full"\nlimit = 20\n' \
              'per_term = true'


def _feeds(data: dict[str, Any], text: str, path: Path) -> FeedSettings:
    """The ``[feeds]`` table: formats (any of atom, rss, json), content ("full" or
    "summary"), limit (a positive whole number) and per_term (true or false)."""
    table = data.get("feeds", {})
    if not isinstance(table, dict):
        raise AuthorError(path, "feeds must be a table: [feeds]", line=_line_of(text, "feeds"),
                          hint=_FEEDS_HINT)
    formats = table.get("formats", list(FeedSettings.formats))
    if isinstance(formats, str):
        formats = [formats]
    if not isinstance(formats, list) or not all(item in FEED_FORMATS for item in formats):
        raise AuthorError(path, f"[feeds] formats must be a list of \"atom\", \"rss\" and "
                          f"\"json\", not {formats!r}", line=_key_line(text, "feeds", "formats"),
                          hint='formats = ["atom"] publishes /feed.xml only; [] none')
    content = table.get("content", FeedSettings.content)
    if content not in ("full", "summary"):
        raise AuthorError(path, f"[feeds] content must be \"full\" or \"summary\", not "
                          f"{content!r}", line=_key_line(text, "feeds", "content"),
                          hint='content = "summary" gives each item its summary only')
    limit = table.get("limit", FeedSettings.limit)
    if not _is_whole_number(limit) or limit < 1:
        raise AuthorError(path, f"[feeds] limit must be a positive whole number, not "
                          f"{limit!r}", line=_key_line(text, "feeds", "limit"), hint="limit = 20")
    per_term = _switch(table, "per_term", "[feeds] ", text, path)
    return FeedSettings(tuple(dict.fromkeys(formats)), str(content), int(limit), per_term)


def _markdown(data: dict[str, Any], text: str, path: Path) -> MarkdownSettings:
    """The ``[markdown]`` table: extensions (names of installed Python-Markdown extensions)
    and extension_configs (a table of options for each)."""
    table = data.get("markdown", {})
    hint = ('[markdown]\nextensions = ["abbr", "pymdownx.emoji"]\n'
            '[markdown.extension_configs."pymdownx.emoji"]\noption = "value"')
    if not isinstance(table, dict):
        raise AuthorError(path, "markdown must be a table: [markdown]",
                          line=_line_of(text, "markdown"), hint=hint)
    extensions = table.get("extensions", [])
    configs = table.get("extension_configs", {})
    if not isinstance(extensions, list) or not all(
            isinstance(name, str) and name.strip() for name in extensions):
        raise AuthorError(path, "[markdown] extensions must be a list of extension names",
                          line=_key_line(text, "markdown", "extensions"), hint=hint)
    if not isinstance(configs, dict) or not all(isinstance(options, dict)
                                                for options in configs.values()):
        raise AuthorError(path, "[markdown] extension_configs must hold a table of options "
                          "for each extension", line=_table_line(text, "markdown"), hint=hint)
    return MarkdownSettings(tuple(extensions), configs)


def _params(data: dict[str, Any], text: str, path: Path) -> dict[str, object]:
    """The ``[params]`` table: the site's own values, for its templates."""
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise AuthorError(path, "params must be a table: [params]",
                          line=_line_of(text, "params"), hint='[params]\ntwitter = "@me"')
    return params


def _front_matter_fields(data: dict[str, Any], text: str, path: Path) -> tuple[str, ...]:
    """``[front_matter] fields``: the site's own front-matter fields (its templates read
    them), which are not reported as unknown."""
    table = data.get("front_matter", {})
    fields = table.get("fields", []) if isinstance(table, dict) else None
    if not isinstance(fields, list) or not all(isinstance(name, str) for name in fields):
        raise AuthorError(path, "[front_matter] fields must be a list of field names",
                          line=_table_line(text, "front_matter"),
                          hint='[front_matter]\nfields = ["rating", "subtitle"]')
    return tuple(name.strip().lower() for name in fields)


def _unknown_keys_setting(build: dict[str, Any], text: str, path: Path) -> str:
    """``[build] unknown_keys``: ``"warn"`` (the default) or ``"error"``."""
    setting = build.get("unknown_keys", "warn")
    if setting not in ("warn", "error"):
        raise AuthorError(path, f"[build] unknown_keys must be \"warn\" or \"error\", not "
                          f"{setting!r}", line=_key_line(text, "build", "unknown_keys"),
                          hint='unknown_keys = "error" stops the build at a misspelled key')
    return str(setting)


def unknown_keys(data: dict[str, Any], text: str, path: Path) -> list[AuthorError]:
    """An error (a warning, unless ``[build] unknown_keys = "error"``) for each key of
    ``site.toml`` the engine does not know, with the line and what it probably meant."""
    found = [_unknown(key, "", _KNOWN_KEYS, text, path)
             for key in data if key not in _KNOWN_KEYS]
    tables = [(name, data.get(name), keys) for name, keys in TABLE_KEYS.items()]
    menu = data.get("menu")
    for index, item in enumerate(menu if isinstance(menu, list) else []):
        if isinstance(item, dict):
            found += [_unknown_menu_key(key, index, text, path) for key in item
                      if key not in MENU_KEYS]
    sections = data.get("sections")
    if isinstance(sections, dict):
        tables += [(f"sections.{name}", table, TABLE_KEYS["pages"] | {"kind"})
                   for name, table in sections.items()]
    for name, table, keys in tables:
        if isinstance(table, dict):
            found += [_unknown(key, name, keys, text, path) for key in table if key not in keys]
    found += _sections_without_folder(data, text, path)
    return sorted(found, key=lambda error: error.line or 0)


def _sections_without_folder(data: dict[str, Any], text: str,
                             path: Path) -> list[AuthorError]:
    """A warning for each ``[sections.NAME]`` whose folder ``content/NAME/`` does not exist
    (``[sections.post]`` for ``content/posts/``), with the folder it probably meant."""
    sections = data.get("sections")
    content = path.parent / "content"
    if not isinstance(sections, dict) or not content.is_dir():
        return []
    folders = [item.name for item in content.iterdir() if item.is_dir()]
    return [AuthorError(path, f"[sections.{name}]: there is no folder content/{name}/, so "
                        "this section has no files", line=_table_line(text, "sections", name),
                        hint=did_you_mean(name, folders, otherwise="create the folder, or "
                                          "name the folder that holds the files"))
            for name in sections if not (content / name).is_dir()]


def _unknown(key: str, table: str, known: frozenset[str], text: str,
             path: Path) -> AuthorError:
    """The error about the unknown key ``key`` of ``table`` ("" at the top level)."""
    where = f"[{table}] " if table else ""
    line = _key_line(text, table, key) if table else (
        _line_of(text, key) or _table_line(text, key))
    if table and key in _KNOWN_KEYS:
        hint = (f"'{key}' is a top-level setting: move it above the first [table] of "
                "site.toml (TOML puts every key after [table] in that table)")
    else:
        hint = did_you_mean(key, known, OTHER_NAMES if not table else None,
                            otherwise="every key is on the Configuration page of the documentation"
                            + ("; the site's own values go under [params]" if not table
                               else ""))
    return AuthorError(path, f"{where}unknown setting '{key}': it is not used", line=line,
                       hint=hint)


def _unknown_menu_key(key: str, index: int, text: str, path: Path) -> AuthorError:
    """The error about the unknown key ``key`` of the ``index``-th ``[[menu]]`` entry."""
    headers = [number for number, line in enumerate(text.splitlines(), start=1)
               if line.strip().replace(" ", "") == "[[menu]]"]
    start = headers[index] if index < len(headers) else 0
    line = next((number for number, content in enumerate(text.splitlines()[start:],
                                                         start=start + 1)
                 if content.strip().startswith((f"{key} ", f"{key}="))), None)
    meant = did_you_mean(key, MENU_KEYS, {"title": "name", "label": "name", "link": "url",
                                          "href": "url", "path": "url"},
                         otherwise="a [[menu]] entry has a name and a url")
    if key in _KNOWN_KEYS:
        meant += (f"; if '{key}' is a site setting, move it above the first [table] of "
                  "site.toml")
    return AuthorError(path, f"[[menu]] unknown setting '{key}': it is not used", line=line,
                       hint=meant)


def _key_line(text: str, table: str, key: str) -> int | None:
    """The line that sets ``key`` in the table ``table`` (``a.b`` or ``a``), if found."""
    start = _table_line(text, *table.split(".")) or 0 if table else 0
    lines = text.splitlines()
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if number > start + 1 and line.startswith("[") and table:
            break
        if line.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return number
    dotted = f"[{table}.{key}" if table else f"[{key}."
    return next((number for number, line in enumerate(lines, start=1)
                 if line.strip().replace(" ", "").startswith(dotted)), None) \
        or _line_of(text, key)


# First path segments that the site's own pages use: no page or section may take them.
RESERVED_SECTIONS = frozenset({
    "tags", "categories", "authors", "archive", "page", "api", "static", "search", "pagefind",
    "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html"})
_KINDS = {"posts": "post", "docs": "doc", "pages": "page"}


def is_site_own_url(url: str) -> bool:
    """Whether the site's own pages use ``url`` (``/tags/x/``, ``/search/``): its first
    segment is reserved, but of ``/page/`` only the home page's pages (``/page/2/``), as in
    Hugo, where a theme's pages live at ``/page/about/``, and of ``/authors/`` only the
    authors' pages (``/authors/ada/``): the site makes no page at ``/authors/`` itself
    (rclone's list of its authors is there), and of ``/archive/`` only the archive and its
    years (``/archive/2024/``: haacked's posts are at ``/archive/2017/01/04/hello/``), and
    of ``/api/`` only the JSON API's files (pi-hole's docs of its own API are at
    ``/api/auth/``)."""
    segments = url.split("/")
    if len(segments) < 2 or segments[1] not in RESERVED_SECTIONS:
        return False
    if segments[1] == "api":
        return url in ("/api/posts.json", "/api/tags.json") or url.startswith("/api/posts/")
    if segments[1] == "authors":
        return len(segments) > 3 and bool(segments[2])
    if segments[1] == "archive":  # (the archive and its years: 18F's /archive/bodystorming/
        return len(segments) < 4 or not segments[2] or (  # is a page)
            segments[2].isdigit() and len(segments) == 4 and not segments[3])
    return segments[1] != "page" or len(segments) > 2 and segments[2].isdigit()
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
                or folder in RESERVED_SECTIONS - {"page"}:
            raise AuthorError(path, f"{where}: {folder!r} cannot be a section: a section is "
                              "a folder right under content/, not hidden, private or one of "
                              "the site's own (" + ", ".join(sorted(RESERVED_SECTIONS - {"page"}))
                              + ")",
                              line=line, hint="name the folder that holds the files")
        kind = table.get("kind", "docs" if folder == "docs" else "posts")
        if kind not in _KINDS:
            raise AuthorError(path, f"{where} kind must be \"posts\", \"docs\" or \"pages\", "
                              f"not {kind!r}", line=line, hint=_SECTION_HINT)
        default = f"/{folder}/:slug/" if kind == "posts" else f"/{folder}/:path/"
        rules[folder] = _rule(table, SectionRule(folder, _KINDS[kind], default,
                                                 title=mkdocs_title(folder)),
                              where, (text, line), path)
    return tuple(rules.values())


def _pages_rule(data: dict[str, Any], text: str, path: Path) -> SectionRule:
    """The ``[pages]`` table: the rule of every page outside a section."""
    table = data.get("pages", {})
    if not isinstance(table, dict):
        raise AuthorError(path, "pages must be a table: [pages]", line=_line_of(text, "pages"),
                          hint='[pages]\nredirect_from = ["/:path.html"]')
    return _rule(table, DEFAULT_PAGES, "[pages]", (text, _table_line(text, "pages")), path)


def _rule(table: dict[str, Any], default: SectionRule, where: str,
          written: tuple[str, int | None], path: Path) -> SectionRule:
    """``default`` with the ``permalink``, ``redirect_from`` and ``title`` of ``table``,
    checked (see :func:`~sitegen.permalinks.pattern_problem`); ``written`` is site.toml's
    text and the table's line."""
    text, line = written
    permalink = table.get("permalink", default.permalink)
    redirects = table.get("redirect_from", [])
    title = table.get("title", default.title)
    switches = {name: table.get(name, False)
                for name in ("category_from_folder", "ascii_urls", "cased_urls")}
    switches["terms"] = table.get("terms", default.kind != "page")
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
    patterns = [("permalink", permalink), *(("redirect_from", item) for item in redirects)]
    for key, pattern in patterns:
        problem = pattern_problem(pattern, dated=default.kind == "post" or (
            default.kind == "page" and bool(default.folder)))  # (a section's page's date
        # is its field's or its file name's: Jekyll's dated collections)
        if problem:
            raise AuthorError(path, f"{where}: the pattern {pattern!r} {problem}",
                              line=_key_line(text, where.strip("[]"), key) or line,
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
                 if text in line and line.strip().startswith(key)
                 and not line.strip().startswith("#")), None)


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
    menu, [build], sections, switches, [feeds], [markdown]...): of several problems, the
    first in that order is the one reported. Unknown keys are warnings (in ``warnings``),
    or errors with ``[build] unknown_keys = "error"``.
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
    values["slugs"] = _slug_style(build, text, path)
    values["search_shard_pages"] = _search_shard_pages(build, text, path)
    values["publish"] = _publish_patterns(build, text, path)
    values["sections"] = _sections(data, text, path)
    values["pages"] = _pages_rule(data, text, path)
    values["redirects"] = _redirects(data, text, path)
    values.update(_switches(data, text, path))
    values["feeds"] = _feeds(data, text, path)
    values["markdown"] = _markdown(data, text, path)
    values["params"] = _params(data, text, path)
    values["front_matter_fields"] = _front_matter_fields(data, text, path)
    values["unknown_keys"] = _unknown_keys_setting(build, text, path)
    values["extra"] = {key: value for key, value in data.items() if key not in _KNOWN_KEYS}
    unknown = unknown_keys(data, text, path)
    if unknown and values["unknown_keys"] == "error":
        raise AuthorErrors(unknown)
    values["warnings"] = tuple(error.as_warning() for error in unknown)
    return SiteConfig(**values)  # type: ignore[arg-type]
