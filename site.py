"""The site: configuration, every URL it has, the URL generators that freeze them, the commands.

Run it as ``python site.py build`` or ``python site.py serve`` (not ``flask --app site``: this
file's name shadows the standard library's ``site`` module).
"""
from __future__ import annotations

import datetime
import gc
import mimetypes
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin

from sitegen.manifest import UP_TO_DATE, BuildCheck, check_command_line

HERE = Path(__file__).resolve().parent

# A rebuild with nothing to do is answered before Flask and the engine are imported (80 % of
# its time); every other command line goes on below, to the imports and the commands.
PRECHECK: BuildCheck | None = check_command_line(sys.argv[1:], HERE, os.environ) \
    if __name__ == "__main__" else None
if PRECHECK is not None and PRECHECK.up_to_date:
    print(UP_TO_DATE.format(out=PRECHECK.out))
    sys.exit(0)

import click
from flask import (Blueprint, Flask, Response, abort, current_app, redirect, render_template, request,
                   send_file)
from flask_frozen import Freezer
from jinja2 import (ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader,
                    TemplateError)
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from sitegen import api, cards, dependencies, drafts, feeds, manifest, search, seo
from sitegen.check import check_build
from sitegen.config import load_config
from sitegen.build import (BuildLockedError, WorkerError, freeze, output_path, remove_leftovers,
                           staging_folder, template_error)
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.links import site_url
from sitegen.models import Entry, Site, Term
from sitegen.pagination import page_count, paginate
from sitegen.state import LoadedSite

pages = Blueprint("pages", __name__)


def loaded() -> LoadedSite:
    """The loaded site of the current app."""
    state: LoadedSite = current_app.extensions["sitegen"]
    return state


def site() -> Site:
    """The current site's content."""
    return loaded().site


def find_entry(url: str) -> Entry:
    """The entry published at ``url``, or a 404."""
    entry = site().entries.get(url)
    if entry is None:
        abort(404)
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


# --- Lists of posts -------------------------------------------------------------------------

@pages.route("/")
@pages.route("/page/<int:number>/")
def index(number: int = 1) -> str:
    posts, pagination = paginate(site().posts, number, site().config.posts_per_page, "pages.index")
    return render_template("index.html", posts=posts, pagination=pagination, intro=site().home)


@pages.route("/tags/")
def tags() -> str:
    return render_template("terms.html", terms=site().tags.values(), taxonomy="tags")


@pages.route("/tags/<slug>/")
@pages.route("/tags/<slug>/page/<int:number>/")
def tag(slug: str, number: int = 1) -> str:
    return term_page(site().tags, slug, number, "pages.tag")


@pages.route("/categories/")
def categories() -> str:
    return render_template("terms.html", terms=site().categories.values(), taxonomy="categories")


@pages.route("/categories/<slug>/")
@pages.route("/categories/<slug>/page/<int:number>/")
def category(slug: str, number: int = 1) -> str:
    return term_page(site().categories, slug, number, "pages.category")


def term_page(terms: dict[str, Term], slug: str, number: int, endpoint: str) -> str:
    """Page ``number`` of the posts with one tag or category."""
    term = find_term(terms, slug)
    posts, pagination = paginate(term.entries, number, site().config.posts_per_page,
                                 endpoint, slug=slug)
    return render_template("term.html", term=term, posts=posts, pagination=pagination)


@pages.route("/authors/<slug>/")
def author(slug: str) -> str:
    found = next((a for a in site().authors.values() if a.slug == slug and a.entries), None)
    if found is None:
        abort(404)
    return render_template("author.html", author=found, posts=found.entries)


@pages.route("/archive/")
def archive() -> str:
    return render_template("archive.html", years=site().years(), year=None)


@pages.route("/archive/<int:year>/")
def archive_year(year: int) -> str:
    years = site().years()
    if year not in years:
        abort(404)
    return render_template("archive.html", years={year: years[year]}, year=year)


# --- Content pages --------------------------------------------------------------------------

@pages.route("/posts/<slug>/")
def post(slug: str) -> str:
    entry = find_entry(f"/posts/{slug}/")
    return render_template(entry.meta.get("template", "post.html"), page=entry)


@pages.route("/docs/")
@pages.route("/docs/<path:path>/")
def doc(path: str = "") -> str:
    if not path and "/docs/" not in site().entries and site().docs:
        return render_template("docs_index.html", docs_tree=site().docs_tree)
    entry = find_entry(f"/docs/{path}/" if path else "/docs/")
    return render_template(entry.meta.get("template", "doc.html"), page=entry,
                           docs_tree=site().docs_tree)


@pages.route("/<path:path>/")
def page(path: str) -> str:
    """Pages at ``/<path>/``: ``content/about.md`` -> ``/about/``."""
    entry = find_entry(f"/{path}/")
    return render_template(entry.meta.get("template", "page.html"), page=entry)


@pages.route("/search/")
def search_page() -> str:
    return render_template("search.html")


@pages.route("/404.html")
def not_found_page() -> str:
    return render_template("404.html")


@pages.route("/static/<path:filename>")
def static_file(filename: str) -> Response:
    """Static files under their content-hashed names, cacheable forever."""
    static = loaded().static_by_hashed_name(filename)
    if static is None:
        abort(404)
    if static.path is not None:
        response = send_file(static.path, max_age=31536000)
    else:
        assert static.data is not None
        response = Response(static.data, mimetype=mimetypes.guess_type(static.name)[0])
    response.cache_control.immutable = True
    return response


# --- Feeds, search engines, images and the JSON API -----------------------------------------

@pages.route("/feed.xml")
@pages.route("/tags/<slug>/feed.xml", endpoint="tag_atom", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/feed.xml", endpoint="category_atom",
             defaults={"taxonomy": "categories"})
def atom(slug: str | None = None, taxonomy: str = "") -> Response:
    return xml_response(feeds.atom(site(), feed_posts(slug, taxonomy), request.path), "feed.xml")


@pages.route("/rss.xml")
@pages.route("/tags/<slug>/rss.xml", endpoint="tag_rss", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/rss.xml", endpoint="category_rss",
             defaults={"taxonomy": "categories"})
def rss(slug: str | None = None, taxonomy: str = "") -> Response:
    return xml_response(feeds.rss(site(), feed_posts(slug, taxonomy), request.path), "rss.xml")


@pages.route("/feed.json")
@pages.route("/tags/<slug>/feed.json", endpoint="tag_json_feed", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/feed.json", endpoint="category_json_feed",
             defaults={"taxonomy": "categories"})
def json_feed(slug: str | None = None, taxonomy: str = "") -> Response:
    return Response(feeds.json_feed(site(), feed_posts(slug, taxonomy), request.path),
                    mimetype="application/json")


def feed_posts(slug: str | None, taxonomy: str) -> tuple[str, list[Entry]]:
    """The feed's title suffix and posts: the whole site, or one tag or category."""
    if slug is None:
        return "", site().posts
    term = find_term(site().tags if taxonomy == "tags" else site().categories, slug)
    return term.name, term.entries


@pages.route("/sitemap.xml")
def sitemap() -> Response:
    return xml_response(seo.sitemap(site(), html_urls()), "sitemap.xml")


@pages.route("/robots.txt")
def robots() -> Response:
    return Response(seo.robots(site()), mimetype="text/plain")


@pages.route("/posts/<slug>/card.jpg")
def post_card(slug: str) -> Response:
    entry = find_entry(f"/posts/{slug}/")
    return Response(cards.social_card(entry, site().config, loaded().cache_dir),
                    mimetype="image/jpeg")


@pages.route("/api/posts.json")
def api_posts() -> Response:
    return Response(api.posts_index(site()), mimetype="application/json")


@pages.route("/api/posts/<slug>.json")
def api_post(slug: str) -> Response:
    return Response(api.post_detail(site(), find_entry(f"/posts/{slug}/")),
                    mimetype="application/json")


@pages.route("/api/tags.json")
def api_tags() -> Response:
    return Response(api.tags_index(site()), mimetype="application/json")


# --- Preview only: live reload ------------------------------------------------------------

preview_tools = Blueprint("preview", __name__)
RELOAD_SCRIPT = ('<script>new EventSource("{url}").addEventListener("reload", '
                 '() => location.reload());</script>')


@preview_tools.route("/__reload__/")
def live_reload() -> Response:
    """Server-sent events: ``reload`` whenever a source, template, static file or site.toml
    changes. Exists only in ``make serve``; pages there get :data:`RELOAD_SCRIPT`."""
    state = loaded()

    def events() -> Iterator[str]:
        seen = state.version
        yield "retry: 300\n\n"
        for tick in range(36000):  # an hour; the browser reconnects by itself after that
            state.refresh()
            if state.version != seen:
                seen = state.version
                yield f"event: reload\ndata: {seen}\n\n"
            elif tick % 150 == 0:
                yield ": still here\n\n"
            time.sleep(0.1)

    return Response(events(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@preview_tools.after_app_request
def add_reload_script(response: Response) -> Response:
    """Give every HTML page of the preview the live reload script."""
    if response.mimetype == "text/html" and not response.direct_passthrough:
        script = RELOAD_SCRIPT.format(url=request.script_root + "/__reload__/")
        body = response.get_data(as_text=True)
        if "</body>" in body:
            response.set_data(body.replace("</body>", script + "\n</body>", 1))
    return response


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


@pages.app_context_processor
def template_globals() -> dict[str, Any]:
    state = loaded()
    return {"site": state.site, "config": state.site.config, "href": href, "absolute": absolute,
            "absolute_href": absolute_href,
            "asset": asset, "preview": state.preview, "json_ld": seo.json_ld}


@pages.app_errorhandler(404)
def not_found(error: Exception) -> tuple[str, int]:
    return render_template("404.html"), 404


@pages.before_app_request
def reload_changed_files() -> None:
    state = loaded()
    state.refresh()
    if current_app.extensions.get("templates_of_version") != state.templates_version:
        # Jinja's cache would keep serving the theme's post.html after a templates/post.html
        # override appears: start afresh when any template changed.
        if current_app.jinja_env.cache is not None:
            current_app.jinja_env.cache.clear()
        current_app.extensions["templates_of_version"] = state.templates_version


@pages.before_app_request
def content_files_and_aliases() -> Response | str | None:
    """Two kinds of URL that can sit under any route's prefix, so they are served first:
    files that pages link to (``/docs/guide/shot.png``, bundle images), and the redirect
    pages of ``aliases: [/old/url/]`` (``/posts/old-slug/`` included)."""
    asset = site().assets.get(request.path)
    if asset is not None:
        return send_file(asset.path)
    target = site().aliases.get(request.path)
    return render_template("redirect.html", target=target) if target else None


def show_author_errors(errors: AuthorErrors) -> tuple[str, int]:
    """In preview, an author's mistake is a readable page, not a crash."""
    template = current_app.jinja_env.get_template("error.html")  # no site context: it failed
    return template.render(errors=errors.errors), 500


def show_template_error(error: TemplateError) -> tuple[str, int]:
    """In preview, a mistake in a template is the same readable page."""
    author_error = template_error(error)
    assert author_error is not None
    return show_author_errors(AuthorErrors([author_error]))


# --- The app and its URL generators ---------------------------------------------------------

def create_app(root: Path = HERE, *, preview: bool = False, jobs: int | None = None) -> Flask:
    """The Flask app for the project folder ``root`` (its content/, site.toml, templates/).

    ``preview`` shows drafts and scheduled posts and reloads changed files; otherwise the
    content is loaded once and any author mistake raises :class:`AuthorErrors`. ``jobs``
    processes render the Markdown (default: one per core).
    """
    root = root.resolve()
    app = Flask(__name__, static_folder=None, root_path=str(HERE))
    # The site's templates/ overrides the theme's; "theme/post.html" is always the theme's own,
    # so an override can extend it.
    app.jinja_loader = ChoiceLoader([FileSystemLoader(root / "templates"),
                                     FileSystemLoader(HERE / "templates"),
                                     PrefixLoader({"theme": FileSystemLoader(HERE / "templates")})])
    app.jinja_env.auto_reload = preview
    # Compiled templates are kept in .cache/ (checked against each template's source).
    (root / ".cache" / "templates").mkdir(parents=True, exist_ok=True)
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(root / ".cache" / "templates"))
    app.jinja_env.filters["basename"] = os.path.basename
    app.extensions["sitegen"] = LoadedSite(root, HERE, preview=preview,
                                           cache_dir=root / ".cache", jobs=jobs)
    if not preview:
        check_templates(app)
        with app.app_context():
            check_aliases()
            check_output_files()
    app.config["FREEZER_BASE_URL"] = app.extensions["sitegen"].site.config.base_url \
        if not preview else None
    app.register_blueprint(pages)
    app.register_error_handler(AuthorErrors, show_author_errors)
    if preview:
        app.register_error_handler(TemplateError, show_template_error)
        app.register_blueprint(preview_tools)
        mount_under_base_path(app)
    return app


def mount_under_base_path(app: Flask) -> None:
    """Serve the preview under base_url's sub-path (``/blog/``), as the host will."""
    base_path = app.extensions["sitegen"].config.base_path
    if base_path == "/":
        return

    def to_base_path(environ: dict[str, Any], start_response: Any) -> Any:
        return redirect(base_path)(environ, start_response)

    app.wsgi_app = DispatcherMiddleware(  # type: ignore[method-assign]
        to_base_path, {base_path.rstrip("/"): app.wsgi_app})


def check_templates(app: Flask) -> None:
    """Every ``template:`` named in front matter must exist."""
    errors = []
    for entry in app.extensions["sitegen"].site.entries.values():
        name = entry.meta.get("template")
        if name and name not in app.jinja_env.list_templates():
            errors.append(AuthorError(entry.source, f"template {name!r} not found in templates/",
                                      line=entry.field_lines.get("template"),
                                      hint="create that template or fix the 'template' field"))
    if errors:
        raise AuthorErrors(errors)


def check_aliases() -> None:
    """An alias may not take the URL of anything the site publishes (a tag page, a feed...)."""
    aliases = site().aliases
    generated = {unquote(url) for url in own_urls()}
    errors = [AuthorError(entry.source, f"alias {alias} is already a page or file of this site",
                          line=entry.field_lines.get("aliases"),
                          hint="remove that alias; the page at that URL stays as it is")
              for alias, entry in aliases.items()
              if alias in generated or alias.rstrip("/") in generated or alias == "/"]
    if errors:
        raise AuthorErrors(errors)


def check_output_files() -> None:
    """No two URLs may be written to the same file of build/ (the page ``/about/`` and a
    file ``content/about/index.html`` that a page links to, say)."""
    current = site()
    sources: dict[str, Path] = {url: entry.source for url, entry in current.aliases.items()}
    sources.update((url, entry.source) for url, entry in current.entries.items())
    sources.update((url, asset.path) for url, asset in current.assets.items())
    written: dict[str, str] = {}
    errors = []
    for url in map(unquote, all_urls()):
        path = output_path(url)
        other = written.setdefault(path, url)
        if other != url:
            errors.append(AuthorError(
                sources.get(url) or sources.get(other) or "content/",
                f"{other} and {url} would both be written to build/{path}",
                hint="rename or move one of the two files, or give the page another slug"))
    if errors:
        raise AuthorErrors(errors)


def html_urls() -> list[tuple[str, Entry | None]]:
    """Every published HTML page's site path, with its entry when it has one."""
    current = site()
    urls: list[tuple[str, Entry | None]] = [("/", current.home), ("/search/", None)]
    per_page = current.config.posts_per_page
    urls += [(f"/page/{n}/", None) for n in range(2, page_count(len(current.posts), per_page) + 1)]
    urls += [(entry.url, entry) for entry in current.entries.values()]
    if current.docs and "/docs/" not in current.entries:
        urls.append(("/docs/", None))  # a generated table of contents
    for taxonomy, terms in (("tags", current.tags), ("categories", current.categories)):
        if terms:
            urls.append((f"/{taxonomy}/", None))
        for term in terms.values():
            count = page_count(len(term.entries), per_page)
            urls.append((f"/{taxonomy}/{term.slug}/", None))
            urls += [(f"/{taxonomy}/{term.slug}/page/{n}/", None) for n in range(2, count + 1)]
    urls += [(f"/authors/{a.slug}/", None) for a in current.authors.values() if a.entries]
    if current.posts:
        urls.append(("/archive/", None))
        urls += [(f"/archive/{year}/", None) for year in current.years()]
    return urls


def all_urls() -> Iterator[str]:
    """Every URL of the published site, for Frozen-Flask: its own and the aliases' redirects."""
    yield from own_urls()
    yield from site().aliases


def own_urls() -> Iterator[str]:
    """Every URL the site publishes apart from alias redirects."""
    current = site()
    yield from (url for url, _ in html_urls())
    yield "/404.html"
    yield from (quote(url) for url in current.assets)
    yield from ("/static/" + static.hashed_name for static in loaded().static.values())
    for post in current.posts:
        yield f"/posts/{post.slug}/card.jpg"
        yield f"/api/posts/{post.slug}.json"
    yield from ("/feed.xml", "/rss.xml", "/feed.json", "/sitemap.xml", "/robots.txt",
                "/api/posts.json", "/api/tags.json")
    for taxonomy, terms in (("tags", current.tags), ("categories", current.categories)):
        for term in terms.values():
            yield from (f"/{taxonomy}/{term.slug}/{name}"
                        for name in ("feed.xml", "rss.xml", "feed.json"))


def create_freezer(app: Flask) -> Freezer:
    """A Frozen-Flask freezer that publishes :func:`all_urls` (and nothing else)."""
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False,
                      log_url_for=False)
    freezer.register_generator(all_urls)
    return freezer


# --- Commands -------------------------------------------------------------------------------

def fail(errors: list[AuthorError] | AuthorErrors) -> None:
    """Print author mistakes once each and exit non-zero, without a traceback."""
    for error in (errors.errors if isinstance(errors, AuthorErrors) else errors):
        click.secho(str(error), fg="red", err=True)
    click.echo("Build failed; build/ was left as it was.", err=True)
    sys.exit(1)


root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                           default=HERE, envvar="SITE_ROOT", show_default="this folder",
                           help="Project folder with content/ and site.toml.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Build, preview, test and clean the site (the same commands as `make help`)."""


@cli.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: ROOT/build].")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              envvar="JOBS", show_default="one per core",
              help="Processes that render and write pages.")
def build(root: Path, out: Path | None, jobs: int) -> None:
    """Build the site into build/ (atomically: a failed build keeps the old one)."""
    root, out = root.resolve(), (out or root / "build").resolve()
    cache_dir = root / ".cache"
    checked = PRECHECK if PRECHECK is not None and (PRECHECK.root, PRECHECK.out) == (root, out) \
        else manifest.check_build(root, out, HERE)  # (the command line's check, done already)
    if checked.up_to_date:
        click.echo(UP_TO_DATE.format(out=out))
        return
    inputs = checked.inputs
    click.echo(f"Loading {root / 'content'} ...", err=True)
    try:
        app = create_app(root, jobs=jobs)
    except AuthorErrors as errors:
        fail(errors)
        return
    except AuthorError as error:
        fail([error])
        return
    current = app.extensions["sitegen"].site
    # What is loaded stays to the end: keep it out of the garbage collector's passes (they
    # took 40 ms of a one-post rebuild at 1,000 posts) and of its last one at exit (100 ms).
    gc.freeze()
    for warning in current.warnings:
        click.secho(warning, fg="yellow", err=True)
    click.echo(f"Rendered {current.rendered_count} of {current.source_count} sources "
               f"({current.source_count - current.rendered_count} from cache).", err=True)

    def progress(count: int, url: str) -> None:
        if count % 250 == 0:
            click.echo(f"  {count} URLs written ...", err=True)

    def start_search_index(folder: Path, previous: Path) -> search.IndexJob:
        job = search.start_index(folder, previous, cache_dir,
                                 current.config.search_shard_pages, jobs)
        shards, reused = len(job.shards), len(job.reused_shards)
        if job.reused:
            click.echo("  Search index: the pages are unchanged, the last index is reused.",
                       err=True)
        else:
            kept = f"; {reused} kept, their pages are unchanged" if reused else ""
            click.echo(f"  Indexing the pages for search ({len(job.running)} of {shards} "
                       f"shard{'s' if shards > 1 else ''}{kept}) ...", err=True)
        return job

    # Files of the last build that freezing again would write the same are reused.
    frame = dependencies.frame_digest(root, HERE, current)
    previous = dependencies.read_record(cache_dir)
    digests = dependencies.FieldDigests(current, previous, frame)
    reusable = dependencies.reusable_files(previous, out, frame, digests)
    if reusable:
        click.echo(f"Reusing {len(reusable)} unchanged files of the last build.", err=True)
    dependencies.record_reads(current)
    try:
        result = freeze(create_freezer(app), out, progress, index=start_search_index,
                        workers=jobs, reusable=reusable,
                        recycle=dependencies.recycling_pays(previous, reusable))
    except (BuildLockedError, search.SearchIndexError) as error:
        click.secho(f"error: {error}", fg="red", err=True)
        sys.exit(1)
    except AuthorError as error:  # a template mistake reported by a worker process
        fail([error])
        return
    except WorkerError as error:  # a bug, not an author's mistake: show where
        click.secho(f"error: building failed in a worker process:\n{error}", fg="red", err=True)
        sys.exit(1)
    except Exception as error:  # a template or Frozen-Flask problem: name it, no traceback
        author_error = template_error(error)
        if author_error is None:
            raise
        fail([author_error])
        return
    click.echo(f"Built {result.pages} pages and {result.files} other files into {out} "
               f"in {result.seconds:.2f} s"
               + (f", with {len(current.warnings)} warning(s)" if current.warnings else "") + ".")
    manifest.record(cache_dir, inputs, out, current.next_scheduled)
    dependencies.write_record(cache_dir, dependencies.new_record(
        previous, out, frame, digests, result.reused, result.frozen))
    if current.next_scheduled:
        click.echo(f"Next scheduled post is due {current.next_scheduled.isoformat()}; "
                   "rebuild then to publish it.")


@cli.command()
@root_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, envvar="PORT", help="Port to listen on.")
def serve(root: Path, host: str, port: int) -> None:
    """Preview the site with drafts, reloading changed files."""
    app = create_app(root, preview=True)
    click.echo(f"Previewing {root} at http://{host}:{port}/ (drafts shown; Ctrl+C to stop)")
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


@cli.command()
@root_option
@click.argument("title")
def new(root: Path, title: str) -> None:
    """Start a draft post titled TITLE in content/posts/ (never overwrites)."""
    try:
        path = drafts.new_post(root / "content", title, datetime.date.today())
    except FileExistsError as error:
        click.secho(f"error: {error} already exists; choose another title or edit it", fg="red",
                    err=True)
        sys.exit(1)
    except ValueError as error:
        click.secho(f"error: {error}", fg="red", err=True)
        sys.exit(1)
    click.echo(path)


@cli.command()
@root_option
@click.pass_context
def check(context: click.Context, root: Path) -> None:
    """Build, then verify build/: links, anchors, images, feeds, titles, descriptions."""
    context.invoke(build, root=root)  # (Click fills in the other options' defaults)
    problems = check_build(root / "build", load_config(root / "site.toml").base_path)
    for problem in problems:
        click.secho(problem, fg="red", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {root / 'build'}.", err=True)
        sys.exit(1)
    click.echo(f"Checked {root / 'build'}: no problems.")


@cli.command()
@root_option
@click.option("--target", envvar="DEPLOY_TARGET", required=True,
              help="rsync destination, e.g. user@host:/var/www/site/ [env: DEPLOY_TARGET].")
def deploy(root: Path, target: str) -> None:
    """Publish build/ with rsync, keeping the host's CNAME, .nojekyll and .well-known/."""
    out = root / "build"
    if not (out / "index.html").exists():
        click.secho(f"error: {out} has no site; run `make build` first", fg="red", err=True)
        sys.exit(1)
    command = ["rsync", "--archive", "--delete", "--checksum", "--human-readable", "--stats",
               "--filter=P /CNAME", "--filter=P /.nojekyll", "--filter=P /.well-known/",
               f"{out}/", target]
    click.echo(" ".join(command))
    try:
        sys.exit(subprocess.call(command))
    except FileNotFoundError:
        click.secho("error: rsync is not installed (apt-get install rsync)", fg="red", err=True)
        sys.exit(1)


@cli.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder the builds went to [default: ROOT/build].")
def clean(root: Path, out: Path | None) -> None:
    """Remove build/ (or --out), the previous build kept beside it, leftover temporary
    build folders and the caches (.cache/)."""
    root, out = root.resolve(), (out or root / "build").resolve()
    for folder in (out, staging_folder(out), root / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)
    remove_leftovers(out)
    click.echo(f"Removed {out}, {staging_folder(out)} and {root / '.cache'}.")


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def test(pytest_args: tuple[str, ...]) -> None:
    """Run the test suite (arguments go to pytest)."""
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=HERE))


if __name__ == "__main__":
    cli()
