"""The site: every URL it has, and the URL generators that freeze them.

Run it as ``python site.py build`` or ``python site.py serve`` (not ``flask --app site``: this
file's name shadows the standard library's ``site`` module); ``sitegen/commands.py`` has the
commands, ``sitegen/app.py`` the app around these routes.
"""
from __future__ import annotations

if __name__ == "__main__":  # first of all: Ctrl+C during start-up is one line, no traceback
    import gc
    gc.disable()  # (until the imports are done: see the end of this file)
    from sitegen.errors import exit_quietly_on_ctrl_c
    exit_quietly_on_ctrl_c()

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":  # a rebuild with nothing to do is answered before Flask is imported,
    # and one with work to do begins: Pagefind and find take the core the imports leave idle
    from sitegen.manifest import answer_unchanged_build
    PRECHECK = answer_unchanged_build(sys.argv[1:], HERE, os.environ)
    from sitegen.buildstart import begin_before_imports
    BEGUN = begin_before_imports(PRECHECK)

import mimetypes
from collections.abc import Iterator
from urllib.parse import quote

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
)

from sitegen import api, feeds, seo
from sitegen.app import (
    entry_template,
    find_entry,
    find_term,
    loaded,
    make_app,
    read_field,
    read_whole,
    site,
    xml_response,
)
from sitegen.build import is_page
from sitegen.models import Entry, MovedTo, Term
from sitegen.pagination import page_count, paginate
from sitegen.urlindex import serves_copy

pages = Blueprint("pages", __name__)

# --- Lists of posts -------------------------------------------------------------------------

@pages.route("/")
@pages.route("/page/<int:number>/")
def index(number: int = 1) -> str:
    docs_home = site().docs_home()
    if docs_home is not None and number == 1:  # (documentation alone: MkDocs' root)
        return render_template("redirect.html", target=docs_home)
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
    if not site().config.categories:
        abort(404)
    return render_template("terms.html", terms=site().categories.values(), taxonomy="categories")


@pages.route("/categories/<slug>/")
@pages.route("/categories/<slug>/page/<int:number>/")
def category(slug: str, number: int = 1) -> str:
    return term_page(site().categories, slug, number, "pages.category")


def term_page(terms: dict[str, Term], slug: str, number: int, endpoint: str) -> str:
    """Page ``number`` of the posts with one tag or category."""
    term = find_term(terms, slug)
    posts, pagination = paginate(term.entries, number, term_page_size(term), endpoint, slug=slug)
    return render_template("term.html", term=term, posts=posts, pagination=pagination)


def term_page_size(term: Term) -> int:
    """Posts per page of a tag's or category's list: all of them on one page unless
    ``paginate_terms``."""
    config = site().config
    return config.posts_per_page if config.paginate_terms else max(len(term.entries), 1)


@pages.route("/authors/<slug>/")
def author(slug: str) -> str:
    found = next((a for a in site().authors.values() if a.slug == slug and a.entries), None)
    if found is None:
        abort(404)
    return render_template("author.html", author=found, posts=found.entries)


@pages.route("/archive/")
def archive() -> str:
    read_field(site().posts, "date")  # (years() groups them by it)
    return render_template("archive.html", years=site().years(), year=None)


@pages.route("/archive/<int:year>/")
def archive_year(year: int) -> str:
    read_field(site().posts, "date")  # (years() groups them by it)
    years = site().years()
    if year not in years:
        abort(404)
    return render_template("archive.html", years={year: years[year]}, year=year)


# --- Content pages --------------------------------------------------------------------------

TEMPLATES = {"post": "post.html", "doc": "doc.html", "page": "page.html"}


@pages.route("/docs/")
def docs_index() -> str:
    """The docs' own index page, else a generated table of contents."""
    if site().makes_docs_index:
        return render_template("docs_index.html", docs_tree=site().docs_tree)
    return show_entry(find_entry("/docs/"))


@pages.route("/<path:path>/")
def page(path: str) -> str:
    """Every post, doc and page at a folder URL (``content/about.md`` -> ``/about/``, a post
    at its section's permalink), and each posts section's list of posts (``/blog/``)."""
    url = f"/{path}/"
    if url not in site().entries and path in site().sections:
        return section(path)
    return show_entry(find_entry(url))


@pages.route("/<path:path>.html")
def html_page(path: str) -> str:
    """An entry whose permalink ends in ``.html`` (``/:slug.html``)."""
    return show_entry(find_entry(f"/{path}.html"))


def show_entry(entry: Entry) -> str:
    """An entry's page, with its own ``template`` or its kind's."""
    template = entry_template(entry, TEMPLATES[entry.kind])
    return render_template(template, page=entry, docs_tree=site().docs_tree)


@pages.route("/<section>/")
@pages.route("/<section>/page/<int:number>/")
def section(section: str, number: int | None = None) -> str:
    """Page ``number`` of a posts section's list (``content/blog/`` -> ``/blog/``). Any other
    URL of these forms is a page's (these rules come before :func:`page`'s)."""
    if section not in site().sections or f"/{section}/" in site().entries:
        return page(section if number is None else f"{section}/page/{number}")
    rule = site().config.rule_of(section)
    posts, pagination = paginate(site().sections[section], number or 1,
                                 site().config.posts_per_page, "pages.section", section=section)
    return render_template("section.html", posts=posts, pagination=pagination,
                           title=rule.title, folder=section, count=len(site().sections[section]))


@pages.route("/search/")
def search_page() -> str:
    if not site().config.search:
        abort(404)
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
@pages.route("/<slug>/feed.xml", endpoint="section_atom", defaults={"taxonomy": "sections"})
@pages.route("/tags/<slug>/feed.xml", endpoint="tag_atom", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/feed.xml", endpoint="category_atom",
             defaults={"taxonomy": "categories"})
def atom(slug: str | None = None, taxonomy: str = "") -> Response:
    check_feed("atom", slug)
    return xml_response(feeds.atom(site(), feed_posts(slug, taxonomy), request.path), "feed.xml")


@pages.route("/rss.xml")
@pages.route("/<slug>/rss.xml", endpoint="section_rss", defaults={"taxonomy": "sections"})
@pages.route("/tags/<slug>/rss.xml", endpoint="tag_rss", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/rss.xml", endpoint="category_rss",
             defaults={"taxonomy": "categories"})
def rss(slug: str | None = None, taxonomy: str = "") -> Response:
    check_feed("rss", slug)
    return xml_response(feeds.rss(site(), feed_posts(slug, taxonomy), request.path), "rss.xml")


@pages.route("/feed.json")
@pages.route("/<slug>/feed.json", endpoint="section_json_feed",
             defaults={"taxonomy": "sections"})
@pages.route("/tags/<slug>/feed.json", endpoint="tag_json_feed", defaults={"taxonomy": "tags"})
@pages.route("/categories/<slug>/feed.json", endpoint="category_json_feed",
             defaults={"taxonomy": "categories"})
def json_feed(slug: str | None = None, taxonomy: str = "") -> Response:
    check_feed("json", slug)
    return Response(feeds.json_feed(site(), feed_posts(slug, taxonomy), request.path),
                    mimetype="application/json")


def check_feed(kind: str, slug: str | None) -> None:
    """A 404 unless the site publishes this kind of feed (``[feeds] formats``), for one
    tag, category or section only with ``[feeds] per_term``."""
    feeds_config = site().config.feeds
    if kind not in feeds_config.formats or (slug is not None and not feeds_config.per_term):
        abort(404)


def feed_posts(slug: str | None, taxonomy: str) -> tuple[str, list[Entry]]:
    """The feed's title suffix and posts: the whole site, one posts section, or one tag or
    category."""
    if slug is None:
        posts = site().posts
        name = ""
    elif taxonomy == "sections":
        if slug not in site().sections:
            abort(404)
        posts = site().sections[slug]
        name = site().config.rule_of(slug).title
    else:
        term = find_term(site().tags if taxonomy == "tags" else site().categories, slug)
        posts, name = [entry for entry in term.entries if entry.kind == "post"], term.name
    read_whole(posts[:site().config.feeds.limit])
    return name, posts


@pages.route("/sitemap.xml")
def sitemap() -> Response:
    redirected = site().docs_home() is not None  # (the home page sends to the docs: not listed)
    urls = [(url, entry) for url, entry in html_urls() if not (redirected and url == "/")]
    read_field(site().posts, "date")  # (html_urls lists the archive's years by it)
    entries = [entry for _, entry in urls if entry is not None] + site().posts[:1]
    for name in seo.SITEMAP_READS:
        read_field(entries, name)
    return xml_response(seo.sitemap(site(), urls), "sitemap.xml")


@pages.route("/robots.txt")
def robots() -> Response:
    return Response(seo.robots(site()), mimetype="text/plain")


@pages.route("/<path:path>/card.jpg")
def post_card(path: str) -> Response:
    from sitegen import cards  # (Pillow is imported by the first card a build draws: 30 ms)

    entry = site().cards.get(f"/{path}/card.jpg")
    if entry is None:
        abort(404)
    read_field([entry], "card_url")
    for name in cards.READS:
        read_field([entry], name)
    return Response(cards.social_card(entry, site().config, loaded().cache),
                    mimetype="image/jpeg")


@pages.route("/api/posts.json")
def api_posts() -> Response:
    if not site().config.json_api:
        abort(404)
    for name in api.SUMMARY_READS:
        read_field(site().posts, name)
    return Response(api.posts_index(site()), mimetype="application/json")


@pages.route("/api/posts/<name>.json")
def api_post(name: str) -> Response:
    entry = site().api_names.get(name)
    if entry is None:
        abort(404)
    read_whole([entry])
    return Response(api.post_detail(site(), entry), mimetype="application/json")


@pages.route("/api/tags.json")
def api_tags() -> Response:
    if not site().config.json_api:
        abort(404)
    return Response(api.tags_index(site()), mimetype="application/json")


@pages.before_app_request
def content_files_and_aliases() -> Response | str | None:
    """Two kinds of URL that can sit under any route's prefix, so they are served first:
    files that pages link to (``/docs/guide/shot.png``, bundle images), and the redirect
    pages of ``aliases: [/old/url/]`` (``/posts/old-slug/`` included) and of ``[redirects]``,
    where an old feed's address serves the feed itself."""
    asset = site().assets.get(request.path)
    if asset is not None:
        return send_file(asset.path)
    target = site().aliases.get(request.path)
    if target is not None:
        return render_template("redirect.html", target=target)
    url = site().moved_to_urls.get(request.path)
    if url and serves_copy(request.path, url):  # (an old feed's address: the feed itself,
        endpoint, arguments = current_app.url_map.bind("").match(url)  # as at its address)
        with current_app.test_request_context(url, base_url=request.url_root):
            view = current_app.ensure_sync(current_app.view_functions[endpoint])
            response = current_app.make_response(view(**arguments))
        old_type = mimetypes.guess_type(request.path)[0]  # (an .rss address: RSS's own type;
        # one of no suffix, a file of no known type, as a static host serves it)
        if old_type != response.mimetype:
            response.mimetype = old_type or "application/octet-stream"
        return response
    return render_template("redirect.html", target=MovedTo(url)) if url else None


# --- The URL generators ----------------------------------------------------------------------

def html_urls() -> list[tuple[str, Entry | None]]:
    """Every published HTML page's site path, with its entry when it has one."""
    current = site()
    urls: list[tuple[str, Entry | None]] = [("/", current.home)]
    if current.config.search:
        urls.append(("/search/", None))
    per_page = current.config.posts_per_page
    urls += [(f"/page/{n}/", None) for n in range(2, page_count(len(current.posts), per_page) + 1)]
    urls += [(entry.url, entry) for entry in current.entries.values()]
    if current.makes_docs_index:
        urls.append(("/docs/", None))  # a generated table of contents
    for taxonomy, terms in (("tags", current.tags), ("categories", current.categories)):
        if terms:
            urls.append((f"/{taxonomy}/", None))
        for term in terms.values():
            count = page_count(len(term.entries), term_page_size(term))
            urls.append((f"/{taxonomy}/{term.slug}/", None))
            urls += [(f"/{taxonomy}/{term.slug}/page/{n}/", None) for n in range(2, count + 1)]
    urls += [(f"/authors/{a.slug}/", None) for a in current.authors.values() if a.entries]
    for folder, posts in current.sections.items():
        if f"/{folder}/" not in current.entries:
            count = page_count(len(posts), per_page)
            urls.append((f"/{folder}/", None))
            urls += [(f"/{folder}/page/{n}/", None) for n in range(2, count + 1)]
    if current.posts:
        urls.append(("/archive/", None))
        urls += [(f"/archive/{year}/", None) for year in current.years()]
    urls += [(url, None) for url in loaded().hook_urls if is_page(url)]
    return urls


SEARCH_FILES = frozenset({"search.js", "search-overlay.js", "search-overlay.css"})  # the theme's


def all_urls() -> Iterator[str]:
    """Every URL of the published site, for Frozen-Flask: its own and the aliases' redirects."""
    yield from own_urls()
    yield from site().aliases
    yield from site().moved_to_urls


def own_urls() -> Iterator[str]:
    """Every URL the site publishes apart from alias redirects."""
    current = site()
    yield from (url for url, _ in html_urls())
    yield "/404.html"
    yield from (quote(url) for url in current.assets)
    yield from ("/static/" + static.hashed_name for static in loaded().static.values()
                if current.config.search or static.name not in SEARCH_FILES)
    yield from current.cards
    yield from ("/sitemap.xml", "/robots.txt")
    if current.config.json_api:
        yield from (f"/api/posts/{name}.json" for name in current.api_names)
        yield from ("/api/posts.json", "/api/tags.json")
    site_feeds = [feed.file for feed in current.config.published_feeds()]
    term_feeds = [feed.file for feed in current.config.published_feeds(per_term=True)]
    yield from (f"/{name}" for name in site_feeds)
    for folder in current.sections:
        yield from (f"/{folder}/{name}" for name in term_feeds)
    for taxonomy, terms in (("tags", current.tags), ("categories", current.categories)):
        for term in terms.values():
            yield from (f"/{taxonomy}/{term.slug}/{name}" for name in term_feeds)
    yield from (url for url in loaded().hook_urls if not is_page(url))


def create_app(root: Path = HERE, *, preview: bool = False, jobs: int | None = None) -> Flask:
    """The Flask app of these URLs for the project folder ``root`` (its content/, site.toml,
    templates/): see :func:`sitegen.app.make_app`."""
    return make_app(root, pages, preview_mode=preview, jobs=jobs, own_urls=own_urls,
                    all_urls=all_urls)


if __name__ == "__main__":
    from sitegen.commands import SiteDefinition, main
    # What the imports made lives as long as the process: the garbage collector, off while
    # they ran (its passes over their objects took a tenth of them), is kept from it.
    gc.freeze()
    gc.enable()
    main(SiteDefinition(create_app, all_urls, PRECHECK, BEGUN))
