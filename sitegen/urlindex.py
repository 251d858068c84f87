"""Phase 3 of the load (:mod:`sitegen.load`): give each entry its URL in the site, and each
old address (aliases, ``[redirects]``, the sections' ``redirect_from``) the entry it
redirects to, or the URL, for a line of ``[redirects]`` that sends to a page no entry makes
(a tag's). Two files with one URL are an author error."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import SiteConfig, config_line
from sitegen.entries import is_other_language, is_translation
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.frontmatter import HIDDEN_FILE, field_line, is_hidden_file
from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.models import Entry, Site, is_external
from sitegen.permalinks import PLACEHOLDERS, placeholders
from sitegen.slugs import ascii_path, slug_of


def index_urls(site: Site, entries: list[Entry], warnings: list[AuthorError]) -> None:
    """Give each entry its URL in ``site`` (the home page its place), and each alias its
    entry. Raises :class:`AuthorErrors` for two files with one URL, or an alias that is
    already some page's URL."""
    errors: list[AuthorError] = []
    site.term_urls = term_pages(entries, site.config)
    for entry in entries:
        if entry.kind == "home":
            site.home = entry
            continue
        if entry.url == "/":
            errors.append(AuthorError(
                entry.source, "this file's URL is / , the home page's",
                line=field_line(entry.field_lines, "url"),
                hint="give it another url (or permalink); content/index.md is the home page"))
            continue
        other = site.entries.get(entry.url)
        if other is not None:
            translation = is_translation(entry.source, other.source) \
                or is_translation(other.source, entry.source) \
                or any(is_other_language(one, site.config.language) for one in (entry, other))
            errors.append(AuthorError(
                entry.source, f"this file and {other.rel_path} both publish {entry.url}",
                hint="one is a translation (named as Hugo names one, or with a lang field of "
                     "another language): the site is built in one language; move it into a "
                     "folder whose name starts with _, or give it a url of its own"
                if translation else "rename one of them or give one a different 'slug'"))
            continue
        site.entries[entry.url] = entry
    _index_aliases(site, entries, warnings)
    errors += _index_redirect_table(site, entries, warnings)
    if errors:
        raise AuthorErrors(errors)
    _index_redirects(site, entries, warnings)
    _follow_redirect_chains(site)


def _follow_redirect_chains(site: Site) -> None:
    """Send an old address of ``[redirects]`` whose new address is an old address too (of
    another line, or a page's alias) where that one leads, at once: Netlify's redirects
    chain, a browser following each (Kubeflow's ``"/docs/reference/downloads/" =
    "/docs/started/getting-started/"``, itself sent to a page). A fragment of the chain's
    first step is kept where the next has none, as a browser keeps it."""
    for old in list(site.moved_to_urls):
        target, seen = site.moved_to_urls[old], {old}
        while not is_external(target):
            url, _, fragment = target.partition("#")
            entry = site.aliases.get(url)
            following = entry.url if entry is not None else site.moved_to_urls.get(url)
            if url in seen or following is None:
                break
            seen.add(url)
            target = following if "#" in following or not fragment \
                else f"{following}#{fragment}"
        site.moved_to_urls[old] = target


def _index_aliases(site: Site, entries: list[Entry], warnings: list[AuthorError]) -> None:
    """Give each alias its entry, unless a page, another alias or a tag's or category's
    page has that URL: that one is left out, with a warning."""
    for entry in entries:
        for alias in entry.aliases:
            alias_url = alias if alias.endswith(("/", ".html")) else alias + "/"
            if alias_url.endswith("/index.html"):  # (its folder's file: staeiou's /wordpress/
                alias_url = alias_url.removesuffix("index.html")  # and its index.html, one)
            owner = site.entries.get(alias_url) or site.aliases.get(alias_url)
            if owner is not None and owner is not entry:
                taken = "an alias" if site.aliases.get(alias_url) is owner else "the URL"
                warnings.append(AuthorError(
                    entry.source, f"alias {alias} is already {taken} of {owner.rel_path}: "
                    "no redirect there", line=field_line(entry.field_lines, "aliases"),
                    hint="remove the alias, or move the other page"))
            elif owner is None and alias_url in site.term_urls:
                warnings.append(AuthorError(
                    entry.source, f"alias {alias} is the URL of a page the site makes (a tag's "
                    "or a category's): no redirect there",
                    line=field_line(entry.field_lines, "aliases"),
                    hint="remove the alias; the site's page stays there"))
            elif owner is None:
                site.aliases[alias_url] = entry


# What a file of these kinds held is served at its old address too (a feed reader follows no
# redirect page): Pelican's /feeds/all.atom.xml, Jekyll's /atom.xml, nullprogram's
# /blog/index.rss; each old suffix with the suffix of the feeds it may be.
COPIED_SUFFIXES = {".xml": ".xml", ".rss": ".xml", ".atom": ".xml", ".json": ".json"}


def serves_copy(old_url: str, new_url: str) -> bool:
    """Whether the old address ``old_url`` of ``[redirects]`` serves a copy of what
    ``new_url`` serves (a feed, in the same format) rather than a page that redirects: an
    old address of a feed's suffix, or of none (tmy.se's ``/atom``, Pelican's ``FEED_ATOM =
    'atom'``, a file of that name) for a feed."""
    name = old_url.rsplit("/", 1)[-1]
    if name and "." not in name:
        return new_url.endswith(tuple(set(COPIED_SUFFIXES.values())))
    suffix = COPIED_SUFFIXES.get("." + old_url.rsplit(".", 1)[-1]) if "." in old_url else None
    return suffix is not None and new_url.endswith(suffix)


def _index_redirect_table(site: Site, entries: list[Entry],
                          warnings: list[AuthorError]) -> list[AuthorError]:
    """Give each old address of ``[redirects]`` in site.toml the entry it names, or the site
    path it names when no entry has it or it names a heading of it (``api.md#secret``, as
    mkdocs-redirects writes), checked once the site's pages are known (see
    :func:`sitegen.app.check_site`), or another site's URL; an error for a new address that
    is a file of no page, and for an old one that is a page's URL; a warning for a line of
    Netlify's splats (``/docs/aws/*``), left out."""
    by_source = {entry.rel_path: entry for entry in entries}
    errors = []
    path = site.root / "site.toml"
    for old, written in site.config.redirects:
        if "*" in old or ":splat" in written:
            warnings.append(AuthorError(
                path, f"[redirects]: \"{old}\" = \"{written}\" is left out: an old address "
                "is one address here, with no * (a Netlify splat)", line=redirect_line(path, old),
                hint="write a line for each old address the site had"))
            continue
        if TERM_SLUG in old or TERM_NAME in old:
            errors += _index_term_redirects(site, entries, old, written)
            continue
        old_url = _table_old_url(old, written, site)
        unread = _unread_placeholder(path, old, written) or _hidden_file(path, old, old_url)
        if unread is not None:
            errors.append(unread)
            continue
        if written.startswith(("https://", "http://")):  # (another site: mkdocs-redirects')
            errors += _index_external_redirect(site, old, old_url, written)
            continue
        new, hash_, fragment = written.partition("#")  # (a heading of the new page)
        new_url = new if new.endswith(("/", ".html", ".xml", ".json")) else new + "/"
        target = _redirect_target(site, by_source, new, new_url)
        no_page = target is None and (new.endswith(MARKDOWN_SUFFIXES) or not new.startswith("/"))
        if no_page:
            errors.append(AuthorError(path, f"[redirects]: {new} is not a page of this site",
                                      line=redirect_line(path, old), hint='write "/old/url/" = '
                                      '"/its/new/url/" or the new page\'s file, "docs/x.md"'))
        elif old_url in site.entries:
            errors.append(AuthorError(path, f"[redirects]: {old_url} is the URL of "
                                      f"{site.entries[old_url].rel_path}",
                                      line=redirect_line(path, old), hint=_PAGE_UNDER_REDIRECT))
        elif target is not None and fragment:
            site.moved_to_urls.setdefault(old_url, target.url + hash_ + fragment)
        elif target is not None:
            site.aliases.setdefault(old_url, target)
        else:  # (a page that is no entry's, such as a tag's: see sitegen.app.check_site)
            site.moved_to_urls.setdefault(old_url, new_url + hash_ + fragment)
    return errors


def _hidden_file(path: Path, old: str, old_url: str) -> AuthorError | None:
    """The error for an old address of ``[redirects]`` that names a hidden file (see
    :func:`sitegen.frontmatter.is_hidden_file`), if it does."""
    if not is_hidden_file(old_url):
        return None
    return AuthorError(path, f"[redirects]: {old} {HIDDEN_FILE[0]}",
                       line=redirect_line(path, old), hint=HIDDEN_FILE[1])


def _table_old_url(old: str, written: str, site: Site) -> str:
    """The site path of an old address of ``[redirects]``, ``old``, sent to ``written``: a
    Markdown file's MkDocs URL, a feed's or an ``.html`` file's path, else a folder's."""
    return "/" + (_mkdocs_url(old, _without_directory_urls(site))
                  if old.endswith(MARKDOWN_SUFFIXES) else (
                      old if old.endswith(("/", ".html")) or _copied_at(old, written, site)
                      else old + "/")).lstrip("/")


def _copied_at(old: str, written: str, site: Site) -> bool:
    """Whether ``old`` serves a copy of ``written`` (see :func:`serves_copy`): not when a
    page of the site is under ``old`` as a folder (``/atom`` of ``content/atom/setup.md``,
    which would be a file and a folder at once), which then keeps its redirect page."""
    if not serves_copy(old, written):
        return False
    folder = "/" + old.strip("/") + "/"
    return "." in old.rsplit("/", 1)[-1] or not any(url.startswith(folder) for url in site.entries)


def _without_directory_urls(site: Site) -> bool:
    """Whether the site's pages were at ``/a/b.html`` (a section's ``:path.html``, as MkDocs'
    ``use_directory_urls: false`` wrote them: nautobot's)."""
    return any(pattern.endswith(":path.html") for rule in site.config.sections
               for pattern in (rule.permalink, *rule.redirect_from))


def redirect_line(path: Path, *olds: str) -> int | None:
    """The line of ``[redirects]`` in site.toml whose old address is one of ``olds`` (as
    written, or without its slash): the line whose key it is (python.org.br's "/apyb/",
    where the line above held it in its new address), else the first that holds it."""
    keyed = (config_line(path, old, key=quote + old + quote) for old in olds for quote in "\"'")
    return next((line for line in keyed if line), None) \
        or next((line for old in olds if (line := config_line(path, old))), None)


_PAGE_UNDER_REDIRECT = ("remove the line to keep the page (as a Netlify redirect without "
                        "force = true does); or, to redirect (a forced rule, 302!), leave the "
                        "page out: start its file's name with _")


def _index_external_redirect(site: Site, old: str, old_url: str,
                             written: str) -> list[AuthorError]:
    """Send the old address ``old_url`` (written ``old``) to another site's ``written``
    URL; an error when it is a page's URL (jvns' /zines/ page, which Netlify kept, its rule
    not forced)."""
    site.moved_to_urls.setdefault(old_url, written)
    if old_url not in site.entries:
        return []
    path = site.root / "site.toml"
    return [AuthorError(path, f"[redirects]: {old_url} is the URL of "
                        f"{site.entries[old_url].rel_path}, which a redirect would replace",
                        line=redirect_line(path, old), hint=_PAGE_UNDER_REDIRECT)]


def _redirect_target(site: Site, by_source: dict[str, Entry], new: str,
                     new_url: str) -> Entry | None:
    """The entry a new address of ``[redirects]`` names: by its file under content/ or
    docs/ (MkDocs' redirects name files), else by its URL."""
    if new.endswith(MARKDOWN_SUFFIXES):
        return by_source.get(new.lstrip("/")) or by_source.get("docs/" + new.lstrip("/"))
    return site.entries.get(new_url)


def _unread_placeholder(path: Path, old: str, written: str) -> AuthorError | None:
    """The error for a line of ``[redirects]`` that holds a permalink's placeholder
    (``"/:year/" = "/archive/:year/"``), which only the lines of terms' pages take."""
    unread = next((f":{name}" for text in (old, written)
                   for _, _, name in placeholders(text) if name in PLACEHOLDERS), None)
    if unread is None:
        return None
    return AuthorError(path, f"[redirects]: {unread} in \"{old}\" = \"{written}\" is not "
                       "filled in: only the old addresses of tags' and categories' pages take "
                       "placeholders (:slug, :name)", line=redirect_line(path, old),
                       hint='write a line for each address ("/2019/" = "/archive/2019/"); a '
                            "section's own old addresses are its redirect_from patterns")


TERM_SLUG = ":slug"  # (in [redirects]: each tag's or category's old address)
TERM_NAME = ":name"  # (the same, with the name as written: Pelican's TAG_URL = 'tag/{name}.html')


def _index_term_redirects(site: Site, entries: list[Entry], old: str,
                          written: str) -> list[AuthorError]:
    """An old address of every tag's or every category's page, by a line of ``[redirects]``
    with ``:slug`` on both sides (Pelican's ``"/tag/:slug.html" = "/tags/:slug/"``), or
    ``:name``, each name as written, in the old address (``"/tag/:name.html"``, of
    ``TAG_URL = 'tag/{name}.html'``): the terms that have a page, those of the entries
    listed under them (docs pages of a rule that lists theirs too, PMD's ``tag_x.html``; no
    hidden post's, which gives none a page); an error for a line whose new address is no
    tag's or category's page."""
    taxonomy = next((name for name in ("tags", "categories")
                     if written.startswith(f"/{name}/{TERM_SLUG}")), None)
    path = site.root / "site.toml"
    if taxonomy is None or (taxonomy == "categories" and not site.config.categories):
        return [AuthorError(path, f"[redirects]: {old} sends every {TERM_SLUG} to {written}, "
                            "which is no tag's or category's page", line=redirect_line(path, old),
                            hint='"/tag/:slug.html" = "/tags/:slug/" (or "/categories/:slug/", '
                                 "with categories = true)")]
    names = [name for entry in entries
             if site.config.lists_terms(entry.kind, entry.rel_path, entry.hidden) for name in (
        entry.meta.get("tags", []) if taxonomy == "tags" else [entry.meta.get("category")])
             if name]
    # (each name as written: Jekyll's tags are apart by case, /tag/Python/ and /tag/python/
    # two pages of Dask's blog, both the one tag here)
    for name in dict.fromkeys(map(str, names)):
        slug = slug_of(name, site.config.slugs)
        if not slug:
            continue
        old_url = old.replace(TERM_NAME, name).replace(TERM_SLUG, slug)
        new_url = written.replace(TERM_SLUG, slug)
        new_url = new_url if new_url.endswith(("/", ".html", ".xml", ".json")) else new_url + "/"
        old_url = "/" + (old_url if old_url.endswith(("/", ".html"))
                         or serves_copy(old_url, new_url) else old_url + "/").lstrip("/")
        site.moved_to_urls.setdefault(old_url, new_url)
        if TERM_SLUG in old:  # (and without accents, as Pelican's slugs are: /tag/funcoes.html
            site.moved_to_urls.setdefault(ascii_path(old_url), new_url)  # of funções)
    return []


def _mkdocs_url(file: str, html: bool) -> str:
    """The directory URL MkDocs gives a Markdown file: ``a/b.md`` -> ``/a/b/``, ``a/index.md``
    -> ``/a/``; or, without directory URLs (``html``), ``/a/b.html`` (an index's the same)."""
    stem = file.lstrip("/").rsplit(".", 1)[0]
    folder = stem.removesuffix("index").removesuffix("README")
    if html and folder == stem:
        return "/" + stem + ".html"
    return "/" + (folder.rstrip("/") + "/" if folder.strip("/") else "")


def _index_redirects(site: Site, entries: list[Entry], warnings: list[AuthorError]) -> None:
    """Give each old URL of the sections' ``redirect_from`` rules its entry, unless a page or
    an alias has that URL, in any case (one disk's folder, where files' names ignore case):
    that one is left out, with a warning. Where two pages' patterns give one old URL, the
    earlier pattern's page has it (``/:path/`` before ``/ja/:path/``: ``/ja/agents/`` is
    ``ja/agents.md``'s, not ``agents.md``'s)."""
    taken = {url.lower(): entry for url, entry in site.entries.items()}
    table = {_table_old_url(old, written, site) for old, written in site.config.redirects}
    ranked = sorted(((rank, index, redirect) for index, entry in enumerate(entries)
                     for rank, redirect in enumerate(entry.redirects)))
    for _, index, redirect in ranked:
        entry = entries[index]
        folder = redirect.removesuffix("index.html")  # (/a/index.html is /a/'s file)
        owner = site.entries.get(redirect) or site.aliases.get(redirect) \
            or site.entries.get(folder) or taken.get(redirect.lower()) \
            or taken.get(folder.lower())
        if folder == "/" or redirect in site.moved_to_urls:  # (the home page: an old
            continue  # site's root is this one's; an old address [redirects] sends on)
        if site.aliases.get(redirect) is entry or redirect in table:
            continue  # (its own redirect_from gives it too: swift's /guide.html; a line of
            # [redirects] sends it elsewhere, as mkdocs-redirects' would: LinuxServer's)
        if owner is None:
            site.aliases[redirect] = entry
            taken[redirect.lower()] = entry
        elif owner is not entry:
            rule = entry.section or entry.rel_path.split("/")[0]
            whose = "the URL" if owner.url.lower() in (redirect.lower(), folder.lower()) \
                else "an old URL"
            warnings.append(AuthorError(
                entry.source, f"the old URL {redirect} (redirect_from of this section in "
                f"site.toml) is already {whose} of {owner.rel_path}: no redirect there",
                hint=f"make the [sections.{rule}] redirect_from patterns distinct, or "
                     "give one of the files another slug"))
        elif entry.url not in (redirect, folder):
            warnings.append(AuthorError(
                entry.source, f"the old URL {redirect} differs from this page's URL "
                f"{entry.url} only in case: no redirect there (both would be one folder "
                "on a disk that ignores case)",
                hint=f"to keep the old URL as the page's own, give it url: {redirect}"))


def term_pages(entries: list[Entry], config: SiteConfig) -> frozenset[str]:
    """The pages the site makes for the tags (and, with ``categories``, the categories) of
    the entries its terms list (see :meth:`SiteConfig.lists_terms`: a hidden one's give no
    page, see sitegen.assemble), with their lists (``/tags/``), their slugs in the site's
    style (``[build] slugs``)."""
    categories, style = config.categories, config.slugs
    posts = [entry for entry in entries if config.lists_terms(entry.kind, entry.rel_path,
                                                                  entry.hidden)]
    tags = {f"/tags/{slug}/" for post in posts for name in post.meta.get("tags", [])
            if (slug := slug_of(str(name), style))}
    kinds = {f"/categories/{slug}/" for post in posts if categories
             and (slug := slug_of(str(post.meta.get("category") or ""), style))}
    return frozenset(tags | kinds | ({"/tags/"} if tags else set())
                     | ({"/categories/"} if kinds else set()))
