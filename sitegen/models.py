"""The content objects that routes and templates read: entries, terms, authors, the site."""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup

from sitegen.config import SiteConfig
from sitegen.errors import AuthorError
from sitegen.fingerprint import text_digest
from sitegen.htmlscan import start_tags, without_unseen
from sitegen.slugs import mkdocs_title

WORDS_PER_MINUTE = 220


# A language tag as a page's lang field writes it: en, en-US, pt-BR, zh-Hans
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass
class Author:
    """Someone who writes posts, from ``content/authors.yml`` or just a name in front matter."""

    key: str
    name: str
    slug: str
    bio: str = ""
    avatar: str = ""
    links: list[dict[str, str]] = field(default_factory=list)
    # (left out of the repr, as are an entry's neighbours: the posts refer to each other, and
    # a repr that showed them would show the whole site, once for each path through it)
    entries: list[Entry] = field(default_factory=list, repr=False)


@dataclass
class Term:
    """A tag or a category with the published entries that carry it: posts, newest first,
    then docs pages in reading order, then pages."""

    name: str
    slug: str
    taxonomy: str  # "tags" or "categories"
    entries: list[Entry] = field(default_factory=list, repr=False)  # (see Author's)


SNIPPET_MARK = "--8<--"  # (a body that includes files: see sitegen.snippets.expand_snippets)


@dataclass
class Entry:
    """One Markdown source, loaded, validated and rendered: a post, a docs page or a page."""

    kind: str  # "post", "doc", "page" or "home"
    source: Path
    rel_path: str
    url: str
    slug: str
    title: str
    meta: dict[str, Any]
    # The body's HTML with its links rewritten, or what reads it from the cache: see ``html``
    # (not compared: it follows from the body and the links, and may not be read yet).
    _html: str | Callable[[], str] = field(default="", repr=False, compare=False)
    # The table of contents, or its JSON text as the render cache keeps it: see ``toc`` (not
    # compared: it follows from the body, as the ids do).
    _toc: list[dict[str, Any]] | str = field(default_factory=list, repr=False, compare=False)
    ids: set[str] = field(default_factory=set)
    # The id of the title's heading, when the title is the body's first heading, taken out of
    # the body (``# REST API``: ``rest-api``); the page's h1 has it as MkDocs gives it, unless
    # a heading of the body has that id (``title_anchor``: see take_ids).
    title_id: str = ""
    # The HTML of that heading, where it is other than the title as text (its code, its
    # case: see sitegen.entries._heading_html); the page shows it (``heading``)
    title_html: str = ""
    title_anchor: str = ""
    summary_html: str = ""
    summary: str = ""
    word_count: int = 0
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    draft: bool = False
    scheduled: bool = False
    hidden: bool = False  # published at its URL, but in no list, feed or archive
    toc_marker: bool = False  # the body writes where its table of contents goes ([TOC])
    section: str = ""  # a post's section: the folder under content/ that holds it
    tags: list[Term] = field(default_factory=list)
    category: Term | None = None
    author: Author | None = None
    weight: float = 0
    aliases: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)  # old URLs, by the section's rules
    image: str | None = None
    # Other entries (left out of the repr: see Author's entries)
    previous: Entry | None = field(default=None, repr=False)
    next: Entry | None = field(default=None, repr=False)
    related: list[Entry] = field(default_factory=list, repr=False)
    # The Markdown body, or what reads it from the cache: see ``body`` (not compared: its
    # digest, ``body_key``, is).
    _body: str | Callable[[], str] | None = field(default="", repr=False, compare=False)
    body_key: str = ""  # the body's digest (see ``body``): its render cache's key
    snippets: bool = False  # whether the source's body includes files (``--8<--``)
    # The front-matter fields the body shows with Hugo's ``param`` shortcode (lowercased).
    shown_fields: tuple[str, ...] = ()
    # Once its snippets are expanded: for each line of ``body``, the index of the source's
    # body line it comes from (see sitegen.snippets.expand_snippets_by_line); else None.
    written_lines: list[int] | None = field(default=None, repr=False, compare=False)
    body_line: int = 1
    field_lines: dict[str, int] = field(default_factory=dict)
    warnings: list[AuthorError] = field(default_factory=list)
    # What the load made it from (its text, rendered body, links' targets): two entries
    # with the same key in sites of the same structure have the same fields.
    load_key: str = ""

    def __post_init__(self) -> None:
        if isinstance(self._body, str) and not self.body_key:  # (made with a body: its digest)
            self.body_key = text_digest(self._body)

    def copy(self) -> Entry:
        """A shallow copy: the same as ``copy.copy``, without its general machinery (a
        preview's reload copies every entry)."""
        clone = Entry.__new__(Entry)
        clone.__dict__.update(self.__dict__)
        return clone

    @property
    def html(self) -> str:
        """The body's HTML, its links rewritten. A rebuild that takes it from the cache reads
        it from there only if a page shows it (see :func:`sitegen.bodies.resolve_links`)."""
        if not isinstance(self._html, str):
            self._html = self._html()
        return self._html

    @html.setter
    def html(self, html: str | Callable[[], str]) -> None:
        self._html = html

    def read_html(self) -> str:
        """The body's HTML as :attr:`html` gives it, but read from the cache each time if it
        is there, not kept in memory: for what needs it once (its digest, in a build)."""
        return self._html if isinstance(self._html, str) else self._html()

    @property
    def toc(self) -> list[dict[str, Any]]:
        """The body's headings, nested (each one's ``level``, ``id``, ``name`` and
        ``children``). A rebuild that takes it from the render cache decodes it only if a page
        shows it (see :func:`sitegen.bodies.render_bodies`)."""
        if isinstance(self._toc, str):
            decoded: list[dict[str, Any]] = json.loads(self._toc)
            self._toc = decoded
            return decoded
        return self._toc

    @toc.setter
    def toc(self, toc: list[dict[str, Any]] | str) -> None:
        self._toc = toc

    @property
    def body(self) -> str:
        """The Markdown body. An entry taken from the cache reads it from there only if it is
        rendered, or a broken link's line is looked for in it (see :meth:`read_body_with`)."""
        if self._body is None:
            raise RuntimeError(f"the body of {self.rel_path} was left out (without_body) and "
                               "nothing reads it (read_body_with)")
        if not isinstance(self._body, str):
            self._body = self._body()
        return self._body

    @body.setter
    def body(self, body: str) -> None:
        self._body, self.body_key = body, text_digest(body)

    def without_body(self) -> Entry:
        """A copy without the body (its digest stays): what the cache keeps of an entry, whose
        body it keeps apart (a load of 10,000 entries from the cache reads none of their
        bodies: see :meth:`read_body_with`)."""
        clone = self.copy()
        clone._body = None
        return clone

    def read_body_with(self, reader: Callable[[], str]) -> None:
        """Read the body with ``reader`` when it is asked for, if it was left out (see
        :meth:`without_body`)."""
        if self._body is None:
            self._body = reader

    def __getstate__(self) -> dict[str, Any]:
        """What a pickle or a deep copy holds: the fields, with the HTML and the body read
        (not what reads them from the cache)."""
        return {**self.__dict__, "_html": self.html,
                "_body": None if self._body is None else self.body}

    @property
    def published(self) -> bool:
        """Whether this entry appears in a published build."""
        return not self.draft and not self.scheduled


    @property
    def card_url(self) -> str:
        """Where a post's generated social card is published: in its page's folder
        (``/x/card.jpg``; for a page at ``/x.html``, ``/x/card.jpg``)."""
        folder = self.url if self.url.endswith("/") else self.url.removesuffix(".html") + "/"
        return folder + "card.jpg"

    @property
    def reading_minutes(self) -> int:
        """Estimated reading time in whole minutes (at least one)."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def language(self) -> str:
        """The language its ``lang`` field names, as a language tag (``en``, ``pt-BR``: an
        English post of honzajavorek.cz's Czech blog, as Pelican's theme marked it), else
        ''."""
        lang = str(self.meta.get("lang") or "").strip()
        return lang if _LANGUAGE_TAG.fullmatch(lang) else ""

    @property
    def last_modified(self) -> dt.datetime | None:
        """``updated`` if set, else ``date``."""
        return self.updated or self.date

    def anchors(self, ids: Iterable[str]) -> set[str]:
        """The page's anchors, given ``ids``, those of its body's rendering: with
        :attr:`title_id`, the id of its title's heading."""
        return {*ids, self.title_id} if self.title_id else set(ids)

    def take_ids(self, ids: Iterable[str]) -> None:
        """Take ``ids``, those of the body's rendering, and :attr:`title_id` as the page's
        anchors; :attr:`title_anchor` is the title's id when no heading of the body has it."""
        self.title_anchor = self.title_id if self.title_id not in ids else ""
        self.ids = self.anchors(ids)

    @property
    def heading(self) -> str | Markup:
        """What the page's own heading shows: the HTML of the body's heading it was titled
        by, where that is other than its title as text (:attr:`title_html`), else the
        title (escaped where it is shown)."""
        return Markup(self.title_html) if self.title_html else self.title

    @property
    def titled_by_body(self) -> bool:
        """Whether the body's first heading is a top-level one (``# SuperFences`` after a
        line of links, or from an included file): a docs page shows it, not its title again,
        as Material for MkDocs does. Not when the title is a heading taken out of the body
        (:attr:`title_id`): the body's next ``#`` heading is a section of its own."""
        toc = self.toc
        return bool(toc) and toc[0]["level"] == 1 and not self.title_id

    @property
    def opens_with_title_heading(self) -> bool:
        """Whether the body starts with the top-level heading it is titled by (marimo's home,
        ``# marimo: The Reactive Python Notebook`` first): the home page shows it alone, as
        Material does, where a heading later in the body (``# Projects``) leaves the title
        shown."""
        if not self.titled_by_body:
            return False
        seen = without_unseen(self.read_html())  # (marimo's <style> first: no part of the
        # text; read, not kept, as the build's digest of every field reads it)
        tags = start_tags(seen)
        return bool(tags) and tags[0].name == "h1" and not seen[:tags[0].start].strip()

    @property
    def contents(self) -> list[dict[str, Any]]:
        """The headings the page lists as its contents: :attr:`toc`, but on a docs page
        titled by its body (:attr:`titled_by_body`), that heading's own in its place."""
        toc = self.toc
        if self.kind == "doc" and self.titled_by_body:
            return [*toc[0]["children"], *toc[1:]]
        return toc

    @property
    def show_toc(self) -> bool:
        """Long entries show a table of contents, unless the body places its own
        (``[TOC]``); ``toc: true/false`` forces it."""
        forced = self.meta.get("toc")
        if self.toc_marker:
            return False
        if isinstance(forced, bool):
            return forced and bool(self.contents)
        count = 0
        stack = list(self.contents)
        while stack:
            token = stack.pop()
            count += 1
            stack.extend(token["children"])
        return count >= 3


@dataclass
class DocNode:
    """One node of the docs tree: an entry (if the folder has an index) and its children."""

    name: str
    entry: Entry | None = None
    children: list[DocNode] = field(default_factory=list)
    label: str = ""  # (a section's title, for the branch of its folder: see title)

    def trail(self, entry: Entry) -> list[DocNode]:
        """The nodes from this one down to the one of ``entry``, both included (the
        breadcrumbs of a docs page); empty if ``entry`` is not under this node."""
        if self.entry is entry:
            return [self]
        for child in self.children:
            found = child.trail(entry)
            if found:
                return [self, *found]
        return []

    @property
    def sort_key(self) -> tuple[bool, float, str]:
        """Docs order: ``weight``, then title; a page without a weight (or 0), and a folder
        without an ``index.md``, after the weighted ones, as Hugo orders them."""
        if self.entry is not None:
            return (self.entry.weight == 0, self.entry.weight, self.entry.title.lower())
        return (True, 0, self.name.lower())

    @property
    def title(self) -> str:
        """What the sidebar and the breadcrumbs call the node: its page's title, else its
        :attr:`label`, else its folder's name as MkDocs shows it
        (:func:`~sitegen.slugs.mkdocs_title`)."""
        if self.entry is not None:
            return self.entry.title
        return self.label or mkdocs_title(self.name)

    @property
    def first_entry(self) -> Entry | None:
        """The node's own page, else the first page under it in reading order: where the
        sidebar links a folder whose pages it does not list."""
        if self.entry is not None:
            return self.entry
        return next((found for child in self.children
                     if (found := child.first_entry) is not None), None)


class MovedTo(NamedTuple):
    """The target of an old address of ``[redirects]`` that no entry is (a tag's page), as
    the redirect page shows it."""

    url: str

    @property
    def title(self) -> str:
        """The target's name on the redirect page: its URL."""
        return self.url

    @property
    def external(self) -> bool:
        """Whether the target is another site's page (an absolute URL)."""
        return is_external(self.url)


def is_external(url: str) -> bool:
    """Whether ``url`` is another site's (``https://...``), not a site path."""
    return url.startswith(("https://", "http://"))


@dataclass
class Asset:
    """A file under ``content/`` that a published page links to, copied as is."""

    url: str
    path: Path


# The docs pages above which each page's sidebar lists only its own folders' pages
DOCS_SIDEBAR_LIMIT = 150


@dataclass
class Site:
    """Everything the routes need, loaded once per build (or per change in preview)."""

    config: SiteConfig
    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    posts: list[Entry] = field(default_factory=list)  # newest first, hidden ones left out
    sections: dict[str, list[Entry]] = field(default_factory=dict)  # posts by section folder
    pages: list[Entry] = field(default_factory=list)
    docs: list[Entry] = field(default_factory=list)
    docs_tree: DocNode = field(default_factory=lambda: DocNode("docs"))
    home: Entry | None = None
    tags: dict[str, Term] = field(default_factory=dict)
    categories: dict[str, Term] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    aliases: dict[str, Entry] = field(default_factory=dict)
    # The pages the site makes for its tags and categories, with their lists, known before
    # the bodies' links are resolved (see sitegen.urlindex.term_pages)
    term_urls: frozenset[str] = frozenset()
    # An old URL of [redirects] -> the URL it sends to, when that is no entry's (a tag's page,
    # a section's list): the site's check makes sure the site publishes it
    moved_to_urls: dict[str, str] = field(default_factory=dict)
    cards: dict[str, Entry] = field(default_factory=dict)  # each post's social card, by URL
    api_names: dict[str, Entry] = field(default_factory=dict)  # /api/posts/<name>.json
    data: dict[str, Any] = field(default_factory=dict)  # data/*.yml, .json, .toml by name
    warnings: list[str] = field(default_factory=list)
    next_scheduled: dt.datetime | None = None
    rendered_count: int = 0
    source_count: int = 0
    # The drafts (their paths in content/) and the number of scheduled posts a build leaves out
    skipped_drafts: list[str] = field(default_factory=list)
    skipped_scheduled: int = 0

    def docs_home(self) -> Entry | MovedTo | None:
        """Where the home page sends readers when it has nothing of its own (no
        ``content/index.md``, no post) and the site has documentation: the docs' home page
        (their ``index.md``, wherever their section puts it, or the table of contents made
        at ``/docs/``), as MkDocs' root was; None when the home page shows its own."""
        if self.home is not None or self.posts or not self.docs:
            return None
        return self.docs_tree.entry or self.entries.get("/docs/") or MovedTo("/docs/")

    @property
    def prunes_docs_sidebar(self) -> bool:
        """Whether a docs page's sidebar lists the pages of only the top folder (or docs
        section) the page is in, and links each other one by its first page, as a Hugo docs
        theme shows one section and Material's ``navigation.prune`` leaves folders out: for
        docs of more than ``DOCS_SIDEBAR_LIMIT`` pages, where the whole tree on each page
        (linkerd's twelve versions, 1,164 links) would make most of the site's bytes."""
        return len(self.docs) > DOCS_SIDEBAR_LIMIT

    @property
    def makes_docs_index(self) -> bool:
        """Whether the site makes ``/docs/``, a table of contents of its docs: it has docs
        and no home page of theirs (``content/docs/index.md``, at ``/docs/`` or where the
        section's ``permalink`` puts it), and no page of its own there."""
        return bool(self.docs) and self.docs_tree.entry is None and "/docs/" not in self.entries

    def years(self) -> dict[int, list[Entry]]:
        """Posts grouped by year, newest year first."""
        grouped: dict[int, list[Entry]] = {}
        for post in self.posts:
            assert post.date is not None
            grouped.setdefault(post.date.year, []).append(post)
        return grouped
