"""The Flask app around ``site.py``'s routes: templates, their helpers, error pages, and the
checks a loaded site must pass before it is published.

``site.py`` says which URLs the site has; :func:`make_app` wires them to a project folder's
content (:class:`~sitegen.state.LoadedSite`), its templates and the theme's.
"""
from __future__ import annotations

import mimetypes
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    render_template,
    request,
)
from flask.templating import Environment
from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    Template,
    TemplateError,
    TemplateNotFound,
)
from jinja2.bccache import Bucket
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from sitegen import feeds, preview, seo
from sitegen.build import output_path, template_error
from sitegen.buildstate import ReadLog
from sitegen.cache import Cache
from sitegen.config import config_line
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import PROJECT, text_digest
from sitegen.frontmatter import field_line
from sitegen.hooks import FILE as HOOKS_FILE
from sitegen.hooks import SiteHooks, install_hooks, raised_in_hooks
from sitegen.links import site_url
from sitegen.models import Entry, Site, Term, is_external
from sitegen.slugs import slug_of
from sitegen.state import LoadedSite, tell_preview_error
from sitegen.urlindex import redirect_line


class RecordingEnvironment(Environment):
    """Flask's Jinja environment, which notes in :attr:`read_log`, while a build freezes,
    each attribute a template reads of an entry and each template loaded (see
    :mod:`sitegen.buildstate`); an attribute of one of :attr:`whole_site_objects` (the site's
    hooks.py's globals) reads every entry."""

    read_log: ReadLog | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole_site_objects: set[int] = set()

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self.read_log is not None:
            if type(obj) is Entry:
                self.read_log.field(obj, attribute)
            elif id(obj) in self.whole_site_objects:
                self.read_log.everything()
        return super().getattr(obj, attribute)

    def get_template(self, name: str | Template, *args: Any, **kwargs: Any) -> Template:
        if self.read_log is not None and isinstance(name, str):
            self.read_log.template(name)
        return super().get_template(name, *args, **kwargs)

    def select_template(self, names: Iterable[str | Template], *args: Any,
                        **kwargs: Any) -> Template:
        if self.read_log is not None:  # (every name tried: a new one may be found first)
            names = list(names)
            for name in names:
                if isinstance(name, str):
                    self.read_log.template(name)
        return super().select_template(names, *args, **kwargs)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.read_log is not None and type(obj) is Entry and isinstance(argument, str):
            self.read_log.field(obj, argument)
        return super().getitem(obj, argument)


class SiteFlask(Flask):
    """A Flask app whose templates record their reads (:class:`RecordingEnvironment`)."""

    jinja_environment = RecordingEnvironment


class CachedTemplates(BytecodeCache):
    """Compiled templates kept in the cache (namespace ``templates``), by template name and
    source checksum (Jinja checks the checksum itself), and ``salt``: the site's own Python,
    whose filters Jinja may apply to constants as it compiles (``{{ "hi" | shout }}``)."""

    def __init__(self, cache: Cache, salt: str = ""):
        self.cache = cache
        self.salt = salt

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.cache.get("templates", self.salt + bucket.key)
        if isinstance(found, bytes):
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put("templates", {self.salt + bucket.key: bucket.bytecode_to_string()})


def make_app(root: Path, pages: Blueprint, *, preview_mode: bool, jobs: int | None,
             own_urls: Callable[[], Iterable[str]],
             all_urls: Callable[[], Iterable[str]]) -> Flask:
    """The Flask app of ``pages`` (``site.py``'s routes) for the project folder ``root``.

    ``preview_mode`` shows drafts and scheduled posts and reloads changed files; otherwise
    the content is loaded once and any author mistake raises :class:`AuthorErrors`, as does
    a site that fails :func:`check_site` (which takes ``site.py``'s URL generators).
    ``jobs`` processes render the Markdown (default: one per core).
    """
    root = root.resolve()
    app = SiteFlask("site", static_folder=None, root_path=str(PROJECT))
    # The site's templates/ overrides the theme's; "theme/post.html" is always the theme's own,
    # so an override can extend it.
    theme = FileSystemLoader(PROJECT / "templates")
    app.jinja_loader = ChoiceLoader([FileSystemLoader(root / "templates"), theme,
                                     PrefixLoader({"theme": theme})])
    app.jinja_env.auto_reload = preview_mode
    cache = Cache(root / ".cache")
    app.jinja_env.filters["basename"] = os.path.basename
    # The site's hooks.py first: links to its routes are checked as the content loads.
    hooks = app.extensions["site_hooks"] = install_hooks(app, root)
    app.jinja_env.bytecode_cache = CachedTemplates(cache, hooks.key if hooks else "")
    state = app.extensions["sitegen"] = LoadedSite(root, PROJECT, preview=preview_mode,
                                                   cache=cache, jobs=jobs, other_pages=hooks)
    app.config["FREEZER_BASE_URL"] = None if preview_mode else state.site.config.base_url
    app.context_processor(template_globals)
    if preview_mode:  # (first: its files are reloaded before any page is served)
        app.register_error_handler(TemplateError, show_template_error)
        app.register_error_handler(Exception, show_hooks_error)
        preview.add_to(app)
    app.register_blueprint(pages)
    app.register_error_handler(404, not_found)
    app.register_error_handler(AuthorErrors, show_author_errors)
    if hooks is not None and not preview_mode:
        state.hook_urls = hooks.frozen_urls()
    if not preview_mode and (state.kept is None or not state.kept.restored):
        check_site(app, own_urls, all_urls)  # (a restored load passed it: see lastload)
    return app


def template_digests(app: Flask) -> dict[str, str]:
    """A digest of the text of each template ``app`` can load, by name, as it is now: read
    before a build renders any page, so that a template saved during the build is taken for
    changed by the next one."""
    loader = app.jinja_loader
    assert loader is not None
    digests = {}
    for name in loader.list_templates():
        try:
            digests[name] = text_digest(loader.get_source(app.jinja_env, name)[0])
        except (TemplateNotFound, UnicodeDecodeError):  # (gone meanwhile; not text)
            digests[name] = "unreadable"
    return digests


def loaded_site(app: Flask) -> LoadedSite:
    """The loaded site of ``app``."""
    state: LoadedSite = app.extensions["sitegen"]
    return state


def loaded() -> LoadedSite:
    """The loaded site of the current app."""
    return loaded_site(current_app)


def site() -> Site:
    """The current site's content."""
    return loaded().site


# --- What a URL reads -----------------------------------------------------------------------

def start_recording(app: Flask) -> ReadLog:
    """Note, from now on, what each URL of ``app`` reads of the site's entries."""
    state = loaded_site(app)
    state.reads = ReadLog(state.site)
    app.jinja_env.read_log = state.reads  # type: ignore[attr-defined]
    return state.reads


def read_whole(entries: Iterable[Entry | None]) -> None:
    """Note that the URL being built read every field of ``entries`` (a view that hands
    them to Python code, whose reads no template sees)."""
    reads = loaded().reads
    if reads is not None:
        reads.whole(entry for entry in entries if entry is not None)


def read_field(entries: Iterable[Entry], name: str) -> None:
    """Note that the URL being built read field ``name`` of each of ``entries``."""
    reads = loaded().reads
    if reads is not None:
        for entry in entries:
            reads.field(entry, name)


def find_entry(url: str, fields: Iterable[str] | None = None) -> Entry:
    """The entry published at ``url``, or a 404; noted as read whole, or only its
    ``fields`` if given."""
    entry = site().entries.get(url)
    if entry is None:
        abort(404)
    if fields is None:
        read_whole([entry])
    else:
        for name in fields:
            read_field([entry], name)
    return entry


def find_term(terms: dict[str, Term], slug: str) -> Term:
    """A tag or category by slug, or a 404."""
    term = terms.get(slug)
    if term is None:
        abort(404)
    return term


def xml_response(body: str, filename: str) -> Response:
    """An XML document served with the type a static host will give ``filename``."""
    mimetype = mimetypes.guess_type(filename)[0] or "application/xml"
    return Response(body, mimetype=mimetype)


# --- Template helpers and error pages -------------------------------------------------------

def href(path: str) -> str:
    """A site path (``/posts/x/``) as a link under the base path."""
    return site_url(request.script_root + "/", path)


def absolute(path: str) -> str:
    """A site path as an absolute URL, for feeds and metadata."""
    return feeds.absolute_url(site(), path)


def absolute_href(url: str) -> str:
    """A link as written in a page (``/blog/x.png`` or ``https://...``) as an absolute URL."""
    return urljoin(site().config.base_url, url)


def asset(name: str) -> str:
    """The content-hashed URL of a static file, by its name in ``static/``."""
    return href("/static/" + loaded().static[name].hashed_name)


def json_ld(current: Site, page: Entry | None, image: str | None = None) -> Markup:
    """:func:`sitegen.seo.json_ld` for templates (it reads the page whole)."""
    read_whole([page])
    return seo.json_ld(current, page, image)


EXTRA_CSS = "extra.css"


def template_globals() -> dict[str, Any]:
    """What every template sees besides its own variables."""
    state = loaded()
    return {"site": state.site, "config": state.site.config, "data": state.site.data,
            "href": href, "absolute": absolute, "absolute_href": absolute_href, "asset": asset,
            "preview": state.preview, "json_ld": json_ld,
            # the site's own static/extra.css, linked after the theme's stylesheet
            "extra_css": asset(EXTRA_CSS) if EXTRA_CSS in state.static else None}


def not_found(error: Exception) -> tuple[str, int]:
    return render_template("404.html"), 404


def show_author_errors(errors: AuthorErrors) -> tuple[str, int]:
    """In preview, an author's mistake is a readable page, not a crash."""
    template = current_app.jinja_env.get_template("error.html")  # no site context: it failed
    return template.render(errors=errors.errors), 500


def show_hooks_error(error: Exception) -> Any:
    """In preview, an exception raised by the site's hooks.py (a view, a filter) is the
    readable error page too; any other one is Flask's to answer."""
    if isinstance(error, HTTPException):
        return error
    author_error = raised_in_hooks(error, loaded().root)
    if author_error is None:
        raise error
    tell_preview_error(str(author_error))
    return show_author_errors(AuthorErrors([author_error]))


def show_template_error(error: TemplateError) -> tuple[str, int]:
    """In preview, a mistake in a template is the same readable page."""
    author_error = template_error(error)
    assert author_error is not None
    tell_preview_error(str(author_error))
    return show_author_errors(AuthorErrors([author_error]))


# --- Checks before publishing ---------------------------------------------------------------

def check_site(app: Flask, own_urls: Callable[[], Iterable[str]],
               all_urls: Callable[[], Iterable[str]]) -> None:
    """Add a warning for each ``template:`` that names no usable template; raise
    :class:`AuthorErrors` for an alias that takes a URL the site publishes, a line of
    ``[redirects]`` that sends to a page the site does not publish, two URLs written to the
    same file, or a file name too long for the file system."""
    with app.app_context():
        current = site()
        current.warnings += [str(warning).replace(": error:", ": warning:")
                             for warning in _missing_templates(app)]
        urls = list(map(unquote, own_urls()))
        paths = {url: output_path(url) for url in map(unquote, all_urls())}  # (files, by URL)
        checks: list[Callable[[], Iterator[AuthorError]]] = [
            lambda: _hook_urls_taken(loaded_site(app), urls),
            lambda: _hook_routes_taken(loaded_site(app), app.extensions["site_hooks"], urls),
            lambda: _aliases_taken(current, set(urls)),
            lambda: _redirects_to_no_page(current, set(urls)),
            lambda: _files_written_twice(current, paths),
            lambda: _names_too_long(current, paths.values())]
        for check in checks:
            found = list(check())
            if found:
                raise AuthorErrors(found)


ENTRY_TEMPLATES = ("post.html", "page.html", "doc.html")  # the theme's, for one entry


def usable_templates(root: Path) -> set[str]:
    """The templates a ``template:`` field may name: the site's own (in ``templates/``) and
    the theme's templates of one entry."""
    folder = root / "templates"
    own = FileSystemLoader(folder).list_templates() if folder.is_dir() else []
    return {*own, *ENTRY_TEMPLATES, *(f"theme/{name}" for name in ENTRY_TEMPLATES)}


def entry_template(entry: Entry, default: str) -> str:
    """The template of ``entry``'s page: its ``template`` field when that names a usable
    template (see :func:`usable_templates`; Pelican's ``worklog`` is ``worklog.html``), else
    ``default``."""
    name = entry.meta.get("template")
    if not name:
        return default
    usable = usable_templates(loaded().root)
    for candidate in (name, f"{name}.html"):
        if candidate in usable:
            return str(candidate)
    return default


def _missing_templates(app: Flask) -> Iterator[AuthorError]:
    """A ``template:`` that names no usable template (another generator's ``home.html``)
    is a warning: the page gets its kind's template."""
    usable = usable_templates(loaded_site(app).root)
    home = loaded_site(app).site.home
    if home is not None and home.meta.get("template"):  # (dstack's template: redirect.html)
        yield AuthorError(home.source, f"template {home.meta['template']!r} is not used: the "
                          "home page is published with home.html", line=home.field_lines.get(
                              "template"), hint="remove the 'template' field; a "
                          "templates/home.html of your own replaces the theme's")
    for entry in loaded_site(app).site.entries.values():
        name = entry.meta.get("template")
        if name and name not in usable and f"{name}.html" not in usable:
            yield AuthorError(entry.source, f"template {name!r} is not in templates/: the "
                              "page is published with the theme's", line=entry.field_lines.get(
                                  "template"), hint="create that template, or remove the "
                              "'template' field")


def _hook_urls_taken(state: LoadedSite, urls: list[str]) -> Iterator[AuthorError]:
    """A URL of hooks.py's ``frozen_urls`` may not be one the site publishes itself (it
    would then be among ``urls`` twice)."""
    hooked = {unquote(url) for url in state.hook_urls}
    counted = Counter(url for url in urls if url in hooked)
    for url, count in counted.items():
        if count > 1:
            yield AuthorError(state.root / HOOKS_FILE, f"frozen_urls gives {url}, which the "
                              "site publishes itself (a page, feed or file)",
                              hint="give the hook's route a URL of its own")


def _hook_routes_taken(state: LoadedSite, hooks: SiteHooks | None,
                       urls: list[str]) -> Iterator[AuthorError]:
    """No route of hooks.py may answer a URL the site publishes itself (it would replace
    that page, feed or file)."""
    if hooks is None:
        return
    hooked = {unquote(url) for url in state.hook_urls}
    for url in urls:
        if url not in hooked and url in hooks:
            yield AuthorError(state.root / HOOKS_FILE, f"a route of hooks.py answers {url}, "
                              "which the site publishes itself: it would replace it",
                              hint="give the route an address of its own")


def _aliases_taken(current: Site, generated: set[str]) -> Iterator[AuthorError]:
    """An alias may not take the URL of anything the site publishes (a tag page, a feed,
    the docs' list...): named at its line of the page, or of ``[redirects]`` in site.toml
    for an old address that names the page there (TiKV's ``"/docs/"``)."""
    path = current.root / "site.toml"
    for alias, entry in current.aliases.items():
        if alias in generated or alias.rstrip("/") in generated or alias == "/":
            own = {written if written.endswith(("/", ".html")) else written + "/"
                   for written in [*entry.aliases, *entry.redirects]}
            if alias not in own:
                yield AuthorError(path, f"[redirects]: {alias} is already a page or file of "
                                  "this site", line=redirect_line(path, alias,
                                                                  alias.rstrip("/")),
                                  hint="remove that line; the page at that URL stays as it is")
                continue
            yield AuthorError(entry.source, f"alias {alias} is already a page or file of this site",
                              line=field_line(entry.field_lines, "aliases"),
                              hint="remove that alias; the page at that URL stays as it is")


def _no_page_hint(current: Site, new: str) -> str:
    """How to mend a line of ``[redirects]`` whose new address ``new`` is no page: for a
    category that only comes after another in its posts' lists (Material's blog gives a post
    every category in its list; here a post has its first), make it a tag."""
    slug = new.removeprefix("/categories/").strip("/")
    later = [post for post in current.posts if new.startswith("/categories/")
             and slug in [slug_of(str(name), current.config.slugs)
                          for name in post.meta.get("categories", [])[1:]]]
    if later:
        return (f"a post's first category has a page here, and {slug} is a later one of "
                f"{len(later)} post(s) ({later[0].rel_path}): make it a tag of theirs, and "
                f"send the old address to /tags/{slug}/")
    return 'write "/old/url/" = "/its/new/url/" or the new page\'s file, "docs/x.md"'


def _redirects_to_no_page(current: Site, published: set[str]) -> Iterator[AuthorError]:
    """Each old address of ``[redirects]`` that sends to a page no entry makes (a tag's, a
    section's list) sends to one the site publishes, and is not itself one of them."""
    path = current.root / "site.toml"
    for old, new in current.moved_to_urls.items():
        if is_external(new):
            continue
        line = redirect_line(path, old, old.rstrip("/")) \
            or config_line(path, new) or config_line(path, new.partition("#")[0].rstrip("/"))
        if new.partition("#")[0] not in published:
            yield AuthorError(path, f"[redirects]: {new} is not a page of this site",
                              line=line, hint=_no_page_hint(current, new))
        elif old in published or old.rstrip("/") in published:
            yield AuthorError(path, f"[redirects]: {old} is already a page or file of this "
                              "site", line=line,
                              hint="remove that line; the page at that URL stays as it is")


def _files_written_twice(current: Site, paths: dict[str, str]) -> Iterator[AuthorError]:
    """No two URLs may be written to the same file of build/ (the page ``/about/`` and a
    file ``content/about/index.html`` that a page links to, say): ``paths`` are the
    files of the URLs, by URL."""
    sources: dict[str, Path] = {url: entry.source for url, entry in current.aliases.items()}
    sources.update((url, current.root / "site.toml") for url in current.moved_to_urls)
    sources.update((url, entry.source) for url, entry in current.entries.items())
    sources.update((url, asset.path) for url, asset in current.assets.items())
    written: dict[str, str] = {}
    for url, path in paths.items():
        other = written.setdefault(path, url)
        if other != url:
            yield AuthorError(
                sources.get(url) or sources.get(other) or "content/",
                f"{other} and {url} would both be written to build/{path}",
                hint="rename or move one of the two files, or give the page another slug")


NAME_MAX = 255  # bytes in a file or folder name, on Linux's file systems and most others


def _names_too_long(current: Site, paths: Iterable[str]) -> Iterator[AuthorError]:
    """No file or folder name of build/ (of ``paths``, the URLs' files) may be longer than
    the file system allows: a long title, file name, tag, category or alias gives a long
    name (of a page, its JSON...)."""
    too_long = {name for path in paths for name in path.split("/")
                if len(name.encode()) > NAME_MAX}
    if not too_long:
        return
    causes: list[tuple[str, Entry, str]] = [  # a URL's last part, what makes it, its field
        *((term.slug, term.entries[0], "tags" if term.taxonomy == "tags" else "category")
          for term in [*current.tags.values(), *current.categories.values()] if term.entries),
        *((_last_part(url), entry, "aliases") for url, entry in current.aliases.items()),
        *((_last_part(url), entry, "slug") for url, entry in current.entries.items())]
    reported: set[str] = set()
    for name in sorted(too_long):
        cause = max((cause for cause in causes if cause[0] in name),
                    key=lambda cause: len(cause[0]), default=None)
        if cause is None or cause[0] in reported:
            continue
        part, entry, field = cause
        reported.add(part)
        shown = part if len(part) <= 40 else part[:40] + "..."
        yield AuthorError(
            entry.source, f"the name {shown} is {len(name.encode())} bytes long in "
            f"build/, and file systems allow {NAME_MAX}", line=entry.field_lines.get(field),
            hint="shorten it: give the page a shorter 'slug' (or file name), or shorten the "
                 "tag, category or alias")


def _last_part(url: str) -> str:
    """The last segment of a URL path: ``/posts/hello/`` -> ``hello``."""
    return url.rstrip("/").rsplit("/", 1)[-1]
