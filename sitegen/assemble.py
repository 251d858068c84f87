"""Phase 6 of the load (:mod:`sitegen.load`): order the posts, pages and docs, link
neighbours, gather tags, categories and authors, and relate posts by their tags."""
from __future__ import annotations

import re
from collections import Counter
from functools import partial
from itertools import chain
from typing import Any

from sitegen.cache import Cache
from sitegen.config import SiteConfig
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.markdown import is_safe_url
from sitegen.models import Author, DocNode, Entry, Site, Term
from sitegen.slugs import slug_of

# An author written as a Markdown link, as Hugo themes' front matter does: [Name](URL).
_LINKED_NAME = re.compile(r"\[([^\[\]]+)\]\((\S+)\)")


def _find_author(name: str | None, authors: dict[str, Author],
                 unlisted: dict[str, Author]) -> Author | None:
    """The author of ``content/authors.yml`` by key or name; else, for a name that is not
    there, an :class:`Author` with that name only, one for all the posts that give it
    (kept in ``unlisted``). A name written as a link (``[Ada](https://ada.example)``) is
    its text, and the link the website of an author that is not there."""
    if not name:
        return None
    linked = _LINKED_NAME.fullmatch(name.strip())
    links = []
    if linked is not None and linked[1].strip():
        name = linked[1].strip()
        links = [{"name": "Website", "url": linked[2]}] if is_safe_url(linked[2]) else []
    if name in authors:
        return authors[name]
    found = unlisted.get(name)
    if found is not None:
        return found
    for author in authors.values():
        if author.name == name:
            return author
    found = unlisted[name] = Author(key="", name=name, slug="", links=links)
    return found


def _check_terms(entries: list[Entry], config: SiteConfig) -> None:
    """Raise :class:`AuthorErrors` for each tag or category with no letter or digit, of an
    entry its terms list (see :meth:`SiteConfig.lists_terms`)."""
    style = config.slugs
    errors = [
        AuthorError(entry.source, f"{field} {name!r} has no letter or digit to make its URL "
                                  "from, so its page could not be published",
                    line=entry.field_lines.get(field), hint="write it with words, or remove it")
        for entry in entries if config.lists_terms(entry.kind, entry.rel_path, False)
        for field, names in (("tags", entry.meta.get("tags", [])),
                             ("category", [entry.meta.get("category") or "x"]))
        for name in names if not slug_of(str(name), style)]
    if errors:
        raise AuthorErrors(errors)


def _add_term(terms: dict[str, Term], name: str, taxonomy: str, entry: Entry,
              style: str) -> Term | None:
    """The term of ``name`` (its slug in the site's ``style``) in ``terms``, with ``entry``
    among its entries; None for a name that makes no slug."""
    slug = slug_of(name, style)
    if not slug:
        return None
    term = terms.get(slug)
    if term is None:
        term = terms[slug] = Term(name=name, slug=slug, taxonomy=taxonomy)
    if not term.entries or term.entries[-1] is not entry:  # an entry adds its terms in a row
        term.entries.append(entry)
    return term


def _build_docs_tree(docs: list[Entry], titles: dict[str, str],
                     ) -> tuple[DocNode, list[Entry]]:
    """Nest docs by folder and order them by weight then title; also return reading order.
    The docs of one section are the tree; those of several (hugo-theme-learn's chapters,
    each a docs section) are one branch each, under a root of no page, called by the
    section's title in ``titles`` (by folder) where it has one (Marlin's "G-code")."""
    root = DocNode("docs")
    several = len({entry.rel_path.split("/")[0] for entry in docs}) > 1
    for entry in docs:
        parts = entry.rel_path.split("/")[0 if several else 1:]
        is_index = parts[-1].rsplit(".", 1)[0] == "index"
        node = root
        for folder in parts[:-1]:
            child = next((c for c in node.children if c.name == folder), None)
            if child is None:
                child = DocNode(folder, label=titles.get(folder, "") if several and node is root
                                else "")
                node.children.append(child)
            node = child
        if is_index:
            node.entry = entry
        else:
            node.children.append(DocNode(parts[-1], entry))

    ordered: list[Entry] = []

    def sort(node: DocNode) -> None:
        node.children.sort(key=lambda child: child.sort_key)
        if node.entry is not None:
            ordered.append(node.entry)
        for child in node.children:
            sort(child)

    sort(root)
    return root, ordered


def _name_posts(site: Site, posts: list[Entry]) -> None:
    """Give each post its social card's URL and each listed post its name in the JSON API:
    its slug, or, when an earlier post has it, its date and slug (``2020-01-01-links``);
    neither when the site turns them off (``social_cards``, ``json_api``)."""
    site.cards = {post.card_url: post for post in posts} if site.config.social_cards else {}
    for post in site.posts if site.config.json_api else []:
        name = post.slug
        if name in site.api_names:
            assert post.date is not None
            name = f"{post.date:%Y-%m-%d}-{post.slug}"
        site.api_names.setdefault(name, post)


def related_positions(tags: list[list[str]], limit: int = 3) -> list[list[int]]:
    """For each post (by its tags' slugs, newest post first), the positions of its ``limit``
    related posts: most shared tags first, then newest first.

    Counted through each tag's own list of posts, not by comparing every pair of posts, and
    without sorting all of a post's candidates (a post may share a tag with thousands of
    others), so the time grows about as the number of posts does."""
    by_tag: dict[str, list[int]] = {}
    for position, slugs in enumerate(tags):
        for slug in dict.fromkeys(slugs):
            by_tag.setdefault(slug, []).append(position)
    ranking = []
    for position, slugs in enumerate(tags):
        distinct = list(dict.fromkeys(slugs))
        counts = Counter(chain.from_iterable(by_tag[slug] for slug in distinct))
        counts.pop(position, None)
        related: list[int] = []
        for shared in range(len(distinct), 0, -1):  # the most shared tags first
            if len(related) >= limit:
                break
            related += sorted(other for other, count in counts.items()
                              if count == shared)[:limit - len(related)]
        ranking.append(related)
    return ranking


def _relate(posts: list[Entry], cache: Cache, limit: int = 3) -> None:
    """Set each post's ``limit`` related posts (see :func:`related_positions`)."""
    tags = [[term.slug for term in post.tags] for post in posts]
    key = tuple((post.url, tuple(slugs)) for post, slugs in zip(posts, tags, strict=True))
    ranking = cache.memo("related").get(key, partial(related_positions, tags, limit))
    for post, related in zip(posts, ranking, strict=True):
        post.related = [posts[index] for index in related]


def _order_key(entry: Entry) -> tuple[Any, ...]:
    assert entry.date is not None
    return (-entry.date.timestamp(), entry.rel_path)


def assemble(site: Site, entries: list[Entry], authors: dict[str, Author], cache: Cache) -> None:
    """Order the posts, pages and docs, link neighbours, gather tags, categories and each
    author's posts, and relate posts by their tags. A tag or category that makes no URL
    (``!!!``, ``..``) is an error rather than left out."""
    _check_terms(entries, site.config)
    site.authors = authors
    site.posts = sorted((e for e in entries if e.kind == "post" and not e.hidden),
                        key=_order_key)
    for post in site.posts:
        site.sections.setdefault(post.section, []).append(post)
    _name_posts(site, [e for e in entries if e.kind == "post"])
    site.pages = sorted((e for e in entries if e.kind == "page"), key=lambda e: e.url)
    site.docs_tree, site.docs = _build_docs_tree(
        [e for e in entries if e.kind == "doc"],
        {rule.folder: rule.title for rule in site.config.sections if rule.title})
    for newer, older in zip(site.posts, site.posts[1:], strict=False):
        older.next, newer.previous = newer, older
    for earlier, later in zip(site.docs, site.docs[1:], strict=False):
        earlier.next, later.previous = later, earlier
    _gather_terms(site, authors, [e for e in entries if e.kind == "post" and e.hidden])
    _gather_page_terms(site)
    _relate(site.posts, cache)


def _gather_terms(site: Site, authors: dict[str, Author], hidden: list[Entry]) -> None:
    """Give each post its tags, category and author, and each of those its listed posts. A
    hidden post shows only the tags and category that listed posts give a page."""
    unlisted: dict[str, Author] = {}
    style = site.config.slugs
    for post in site.posts:
        post.tags = [term for name in post.meta.get("tags", [])
                     if (term := _add_term(site.tags, name, "tags", post, style)) is not None]
        if post.meta.get("category") and site.config.categories:
            post.category = _add_term(site.categories, post.meta["category"], "categories",
                                      post, style)
        post.author = _find_author(post.meta.get("author") or site.config.author or None,
                                   authors, unlisted)
        if post.author is not None and post.author.key:
            post.author.entries.append(post)
    for post in hidden:
        post.tags = [term for name in post.meta.get("tags", [])
                     if (term := site.tags.get(slug_of(str(name), style))) is not None]
        post.category = site.categories.get(slug_of(str(post.meta.get("category") or ""),
                                                    style))
        post.author = _find_author(post.meta.get("author") or site.config.author or None,
                                   authors, unlisted)


def _gather_page_terms(site: Site) -> None:
    """Give each docs page and page its tags and category, and list those not hidden
    under them, after the posts; then order the terms by slug. A hidden one shows only the
    terms that listed entries give a page, as a hidden post does."""
    style = site.config.slugs
    others = [*site.docs, *site.pages]
    listed = [entry for entry in others
              if site.config.lists_terms(entry.kind, entry.rel_path, entry.hidden)]
    for entry in listed:
        entry.tags = [term for name in entry.meta.get("tags", [])
                      if (term := _add_term(site.tags, name, "tags", entry, style)) is not None]
        if entry.meta.get("category") and site.config.categories:
            entry.category = _add_term(site.categories, entry.meta["category"], "categories",
                                       entry, style)
    listed_ids = {id(entry) for entry in listed}
    for entry in (entry for entry in others if id(entry) not in listed_ids):
        entry.tags = [term for name in entry.meta.get("tags", [])
                      if (term := site.tags.get(slug_of(str(name), style))) is not None]
        entry.category = site.categories.get(slug_of(str(entry.meta.get("category") or ""),
                                                     style))
    site.tags = dict(sorted(site.tags.items()))
    site.categories = dict(sorted(site.categories.items()))
