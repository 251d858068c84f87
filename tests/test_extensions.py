"""Extension points of a site: its hooks.py (filters, globals, routes frozen with the rest),
Markdown extensions named in site.toml, data files, and static/extra.css."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, build, build_ok, built_page, snapshot, write_site

POSTS = {
    "content/posts/first.md": "---\ntitle: First\ndate: 2024-01-01\n---\nThe first post.\n",
    "content/posts/second.md": "---\ntitle: Second\ndate: 2024-01-02\n---\nThe second post.\n",
}
HOOKS = '''\
from flask import Blueprint, Flask, render_template

from sitegen.hooks import current_site

recipes = Blueprint("recipes", __name__)


@recipes.route("/recipes/<name>/")
def recipe(name):
    return render_template("recipe.html", recipe=current_site().data["recipes"][name])


@recipes.route("/recipes/index.json")
def recipe_index():
    return {"names": sorted(current_site().data["recipes"])}


def shout(text):
    return str(text).upper() + "!"


def newest_title():
    return current_site().posts[0].title


def init_app(app: Flask) -> None:
    app.add_template_filter(shout)
    app.add_template_global(newest_title)
    app.register_blueprint(recipes)


def frozen_urls():
    yield "/recipes/soup/"
    yield ("recipes.recipe", {"name": "stew"})
    yield "/recipes/index.json"
'''
RECIPE_TEMPLATE = """\
{% extends "base.html" %}
{% block title %}{{ recipe.title }}{% endblock %}
{% block content %}<h1>{{ recipe.title | shout }}</h1>
<p id="newest">{{ newest_title() }}</p>{% endblock %}
"""
DATA = {
    "data/recipes.yml": "soup:\n  title: Tomato soup\nstew:\n  title: Bean stew\n",
    "data/team.json": '[{"name": "Ada"}, {"name": "Grace"}]',
    "data/shop/opening.toml": 'days = ["Mon", "Tue"]\n',
}
ABOUT = """\
{% extends "theme/page.html" %}
{% block content %}{{ super() }}
<ul id="team">{% for person in data.team %}<li>{{ person.name | shout }}</li>{% endfor %}</ul>
<p id="days">{{ data.shop.opening.days | join(", ") }}</p>
<p id="newest">{{ newest_title() }}</p>
{% endblock %}
"""


def hooked_site(root: Path) -> Path:
    """A site with a hooks.py, its template, data files and an about page using them."""
    return write_site(root, {**POSTS, **DATA, "hooks.py": HOOKS,
                             "templates/recipe.html": RECIPE_TEMPLATE,
                             "templates/page.html": ABOUT,
                             "content/about.md": "---\ntitle: About\n---\nAbout us.\n"})


def test_hooks_add_a_filter_a_global_and_frozen_routes(tmp_path: Path) -> None:
    out = build_ok(hooked_site(tmp_path))
    soup = built_page(out, "/recipes/soup/")
    assert soup.h1.text == "TOMATO SOUP!" and soup.select_one("#newest").text == "Second"
    assert built_page(out, "/recipes/stew/").h1.text == "BEAN STEW!"
    assert (out / "recipes/index.json").read_text() == '{"names":["soup","stew"]}\n'
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/recipes/soup/" in sitemap and "index.json" not in sitemap
    about = built_page(out, "/about/")
    assert [li.text for li in about.select("#team li")] == ["ADA!", "GRACE!"]
    assert about.select_one("#days").text == "Mon, Tue"
    assert (out / "pagefind").is_dir()


def test_hook_pages_are_rebuilt_as_a_clean_build_would(tmp_path: Path) -> None:
    """Python in hooks.py reads entries out of the templates' sight: pages that use it are
    rebuilt on any change, byte for byte as a clean build; so are they when data changes."""
    root, clean = hooked_site(tmp_path / "site"), hooked_site(tmp_path / "clean")
    build_ok(root)
    renamed = "---\ntitle: Second, renamed\ndate: 2024-01-02\n---\nThe second post.\n"
    for site in (root, clean):
        (site / "content/posts/second.md").write_text(renamed, encoding="utf-8")
    out = build_ok(root)
    assert built_page(out, "/about/").select_one("#newest").text == "Second, renamed"
    assert built_page(out, "/recipes/soup/").select_one("#newest").text == "Second, renamed"
    assert snapshot(out) == snapshot(build_ok(clean))
    for site in (root, clean):
        (site / "data/team.json").write_text('[{"name": "Alan"}]', encoding="utf-8")
    out = build_ok(root)
    assert [li.text for li in built_page(out, "/about/").select("#team li")] == ["ALAN!"]
    assert snapshot(out) == snapshot(build_ok(clean))


@pytest.mark.parametrize("hooks, message, line", [
    ("import no_such_module\n", "hooks.py failed while it was imported: "
     "ModuleNotFoundError", 1),
    ("def init_app(app):\n    app.add_template_filter(missing)\n",
     "hooks.py failed in init_app: NameError", 2),
    ("def init_app(app)\n    pass\n", "invalid Python", 1),
    ("def frozen_urls():\n    yield 42\n", "frozen_urls gave 42", None),
    ("def frozen_urls():\n    yield ('nowhere', {})\n", "which names no route", None),
])
def test_a_mistake_in_hooks_is_one_clear_error(tmp_path: Path, hooks: str, message: str,
                                               line: int | None) -> None:
    root = write_site(tmp_path, {**POSTS, "hooks.py": hooks})
    result = build(root)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and message in result.stderr
    where = f"hooks.py:{line}: error:" if line else "hooks.py: error:"
    assert where in result.stderr
    assert not (root / "build").exists()


def test_a_hook_url_that_takes_a_page_of_the_site_is_an_error(tmp_path: Path) -> None:
    hooks = HOOKS.replace('yield "/recipes/soup/"', 'yield "/posts/first/"')
    root = write_site(tmp_path, {**POSTS, **DATA, "hooks.py": hooks,
                                 "templates/recipe.html": RECIPE_TEMPLATE})
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_a_markdown_extension_named_in_site_toml_is_used_with_its_options(
        tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + textwrap.dedent("""\
        [markdown]
        extensions = ["nl2br", "markdown.extensions.wikilinks", "toc"]
        [markdown.extension_configs."markdown.extensions.wikilinks"]
        base_url = "https://wiki.example.org/"
        end_url = ""
        [markdown.extension_configs.toc]
        permalink_title = "Anchor"
        """)
    body = "---\ntitle: Wiki\ndate: 2024-01-01\n---\nOne line\nnext line, see [[Flask]].\n\n" \
           "## Part\n\nText.\n"
    root = write_site(tmp_path / "site", {"content/posts/wiki.md": body}, config)
    page = built_page(build_ok(root), "/posts/wiki/")
    assert page.select_one("main p br") is not None
    link = page.select_one("a.wikilink")
    assert link is not None and link["href"] == "https://wiki.example.org/Flask"
    assert page.select_one("h2 a.headerlink")["title"] == "Anchor"
    # Without them, the same body renders as before (the render cache knows the difference),
    # byte for byte as a clean build.
    (root / "site.toml").write_text(DEFAULT_CONFIG, encoding="utf-8")
    out = build_ok(root)
    page = built_page(out, "/posts/wiki/")
    assert page.select_one("main p br") is None and page.select_one("a.wikilink") is None
    assert page.select_one("h2 a.headerlink")["title"] == "Link to this section"
    clean = write_site(tmp_path / "clean", {"content/posts/wiki.md": body})
    assert snapshot(out) == snapshot(build_ok(clean))


def test_a_markdown_extension_that_cannot_load_is_an_error_at_its_line(tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["no_such_extension"]\n'
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site.toml:8: error: the Markdown extension 'no_such_extension' cannot be used" \
        in result.stderr


def test_an_extension_whose_work_the_engine_does_is_named_at_its_line(tmp_path: Path) -> None:
    """dreknix's mdx_truly_sane_lists: lists nest here by their text's column already, and
    with it every nested list was text (172 items on 11 pages), with no word."""
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["mdx_truly_sane_lists"]\n'
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site.toml:8: error: [markdown] extensions: mdx_truly_sane_lists is not needed: " \
        "lists nest here by their text's column" in result.stderr, result.stderr


@pytest.mark.parametrize("name, text, message, line", [
    ("data/bad.json", '{\n  "a": 1,\n}\n', "invalid JSON", 3),
    ("data/bad.yml", "a: [1, 2\nb: 3\n", "invalid YAML", 1),
    ("data/bad.toml", "a = \n", "invalid TOML", 1),
])
def test_a_broken_data_file_is_an_error_at_its_line(tmp_path: Path, name: str, text: str,
                                                    message: str, line: int) -> None:
    result = build(write_site(tmp_path, {**POSTS, name: text}))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{name}:{line}: error: {message}" in result.stderr


def test_extra_css_comes_after_the_theme_stylesheet(tmp_path: Path) -> None:
    root = write_site(tmp_path, {**POSTS, "static/extra.css": ":root { --accent: #b00; }\n",
                                 "static/README.md": "Notes to the author.\n"})
    out = build_ok(root)
    assert not list((out / "static").glob("README*"))
    sheets = [link["href"] for link in built_page(out, "/").select("link[rel=stylesheet]")]
    assert len(sheets) == 2 and "/style." in sheets[0] and "/extra." in sheets[1]
    assert (out / sheets[1].lstrip("/")).read_text() == ":root { --accent: #b00; }\n"
    theme_css = (out / sheets[0].lstrip("/")).read_text()
    assert "--accent" in theme_css and len(theme_css) > 1000  # (the theme's, not replaced)


def hooked(root: Path, hooks: str, **files: str) -> Path:
    """A fixture site with ``hooks``, the recipe data and template, and ``files``."""
    return write_site(root, {**POSTS, **DATA, "hooks.py": hooks,
                             "templates/recipe.html": RECIPE_TEMPLATE, **files})


RECIPE_VIEW = next(line for line in HOOKS.splitlines() if "render_template(" in line)


@pytest.mark.parametrize("change, replacement, message, line", [
    (RECIPE_VIEW, "    1 / 0", "hooks.py failed while a page was made: ZeroDivisionError", 0),
    (RECIPE_VIEW, "    abort(404)", "frozen_urls gives /recipes/soup/, which cannot be "
     "published: Unexpected status '404 NOT FOUND'", None),
    ('@recipes.route("/recipes/index.json")\ndef recipe_index():\n    return {',
     '@recipes.route("/recipes/index.json")\ndef recipe_index():\n    return "text" or {',
     "frozen_urls gives /recipes/index.json, which cannot be published", None),
])
def test_a_hook_page_that_fails_while_the_site_is_built_is_one_clear_error(
        tmp_path: Path, change: str, replacement: str, message: str, line: int | None) -> None:
    hooks = HOOKS.replace(change, replacement).replace("import Blueprint,",
                                                       "import abort, Blueprint,")
    assert hooks != HOOKS
    result = build(hooked(tmp_path, hooks))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr
    if line is not None:
        number = hooks.splitlines().index("    1 / 0") + 1
        assert f"hooks.py:{number}: error:" in result.stderr


def test_a_hook_route_that_takes_a_content_page_is_an_error(tmp_path: Path) -> None:
    hooks = HOOKS.replace('@recipes.route("/recipes/index.json")',
                          '@recipes.route("/about/")\ndef about():\n    return "mine"\n\n\n'
                          '@recipes.route("/recipes/index.json")')
    root = hooked(tmp_path, hooks, **{"content/about.md": "---\ntitle: About\n---\nAbout.\n"})
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "a route of hooks.py answers /about/, which the site publishes itself" in result.stderr


def test_links_and_menu_may_name_hook_pages_and_only_those(tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + '[[menu]]\nname = "Soup"\nurl = "/recipes/soup/"\n'
    post = "---\ntitle: Links\ndate: 2024-01-03\n---\nSee [the stew](/recipes/stew/).\n"
    root = write_site(tmp_path, {**POSTS, **DATA, "hooks.py": HOOKS, "content/posts/l.md": post,
                                 "templates/recipe.html": RECIPE_TEMPLATE}, config)
    out = build_ok(root)
    assert built_page(out, "/posts/l/").select_one("main a[href='/recipes/stew/']") is not None
    (root / "content/posts/l.md").write_text(post.replace("/recipes/stew/", "/recipez/stew/"),
                                             encoding="utf-8")
    result = build(root)
    assert result.returncode == 1 and "/recipez/stew/" in result.stderr


@pytest.mark.parametrize("settings, link", [
    ("search = false", "/search/"), ("json_api = false", "/api/posts.json"),
    ("categories = false", "/categories/"), ("[feeds]\nformats = [\"atom\"]", "/rss.xml"),
    ("[feeds]\nper_term = false", "/tags/python/feed.xml"),
])
def test_a_link_to_what_a_switch_turned_off_is_broken(tmp_path: Path, settings: str,
                                                     link: str) -> None:
    post = f"---\ntitle: L\ndate: 2024-01-03\ntags: [python]\n---\nSee [it]({link}).\n"
    root = write_site(tmp_path / "on", {"content/posts/l.md": post})
    build_ok(root)
    root = write_site(tmp_path / "off", {"content/posts/l.md": post},
                      DEFAULT_CONFIG + settings + "\n")
    result = build(root)
    assert result.returncode == 1 and link in result.stderr, result.stderr


CONTEXT_HOOKS = '''\
from flask import Flask

from sitegen.hooks import current_site


class Latest:
    def title(self):
        return current_site().posts[0].title


def latest_title():
    return {"latest_title": current_site().posts[0].title}


def init_app(app: Flask) -> None:
    app.context_processor(latest_title)
    app.add_template_global(Latest(), "latest")
'''


def test_context_processors_and_objects_of_hooks_are_rebuilt_as_a_clean_build_would(
        tmp_path: Path) -> None:
    about = ('{% extends "theme/page.html" %}{% block content %}<p id="a">{{ latest_title }}'
             '</p><p id="b">{{ latest.title() }}</p>{{ super() }}{% endblock %}')
    files = {**POSTS, "hooks.py": CONTEXT_HOOKS, "templates/page.html": about,
             "content/about.md": "---\ntitle: About\n---\nAbout us.\n"}
    root, clean = write_site(tmp_path / "site", files), write_site(tmp_path / "clean", files)
    build_ok(root)
    renamed = "---\ntitle: Second, renamed\ndate: 2024-01-02\n---\nThe second post.\n"
    for site in (root, clean):
        (site / "content/posts/second.md").write_text(renamed, encoding="utf-8")
    out = build_ok(root)
    page = built_page(out, "/about/")
    assert page.select_one("#a").text == page.select_one("#b").text == "Second, renamed"
    assert snapshot(out) == snapshot(build_ok(clean))


def test_hooks_import_python_files_beside_them(tmp_path: Path) -> None:
    hooks = ("from helpers import shout\n\n\n"
             "def init_app(app):\n    app.add_template_filter(shout)\n")
    about = '{% extends "theme/page.html" %}{% block content %}{{ "hi" | shout }}{% endblock %}'
    root = write_site(tmp_path, {**POSTS, "hooks.py": hooks, "templates/page.html": about,
                                 "helpers.py": "def shout(text):\n    return text.upper()\n",
                                 "content/about.md": "---\ntitle: About\n---\nAbout.\n"})
    assert "HI" in built_page(build_ok(root), "/about/").text
    (root / "helpers.py").write_text("def shout(text):\n    return text + '!'\n")
    assert "hi!" in built_page(build_ok(root), "/about/").text  # (a change to it rebuilds)


@pytest.mark.parametrize("name", ["toc", "markdown.extensions.toc",
                                  "markdown.extensions.toc:TocExtension"])
def test_an_engine_extension_by_any_of_its_names_takes_options_on_top(tmp_path: Path,
                                                                       name: str) -> None:
    config = DEFAULT_CONFIG + f'[markdown]\nextensions = ["{name}"]\n' \
        f'[markdown.extension_configs."{name}"]\npermalink_title = "Anchor"\n'
    body = "---\ntitle: T\ndate: 2024-01-01\n---\n## Café über\n\nSee [it](#café-über).\n"
    page = built_page(build_ok(write_site(tmp_path, {"content/posts/t.md": body}, config)),
                      "/posts/t/")
    link = page.select_one("h2 a.headerlink")
    assert link["title"] == "Anchor" and page.select_one("h2")["id"] == "café-über"


def test_the_engine_s_html_blocks_named_in_site_toml_are_used_once(tmp_path: Path) -> None:
    """pymdownx.blocks.html is the engine's, loaded only when a body has a block: naming it
    in site.toml adds it no second time (which would be an error)."""
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["pymdownx.blocks.html"]\n'
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nPlain text.\n",
             "content/posts/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\n"
                                   "/// html | div.note\n\nInside.\n///\n"}
    out = build_ok(write_site(tmp_path, files, config))
    assert built_page(out, "/posts/b/").select_one("div.note p").text == "Inside."
    assert built_page(out, "/posts/a/").select_one("div.content p").text == "Plain text."


def test_extension_options_of_the_wrong_kind_are_an_error_at_their_line(
        tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["toc"]\n' \
        '[markdown.extension_configs.toc]\nseparator = 5\n'
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site.toml:8: error: the Markdown extension 'toc' cannot be used: TypeError" \
        in result.stderr


@pytest.mark.parametrize("name, option, known", [
    ("smarty", "smart_quote", "smart_angled_quotes, smart_dashes, smart_ellipses, smart_quotes"),
    ("toc", "toc_deph", "toc_class, toc_depth"),
])
def test_an_unknown_option_of_the_engines_own_extension_is_an_error_at_its_line(
        tmp_path: Path, name: str, option: str, known: str) -> None:
    """A typo under an extension the engine always uses (Pelican's TYPOGRIFY as smarty's
    options) stopped the build with a traceback (KeyError)."""
    config = DEFAULT_CONFIG + f"[markdown.extension_configs.{name}]\n{option} = false\n"
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"site.toml:8: error: [markdown.extension_configs.{name}] {option} is not an " \
        f"option of {name}" in result.stderr
    assert known in result.stderr


@pytest.mark.parametrize("name", ["toc", "pymdownx.tabbed"])
def test_an_option_that_takes_a_function_names_one_or_is_an_error_at_its_line(
        tmp_path: Path, name: str) -> None:
    """dstack's and TRaSH's tabbed slugify, a Python function in mkdocs.yml: site.toml names
    one of a few (it failed as a page with tabs rendered, naming no line)."""
    config = DEFAULT_CONFIG + f'[markdown]\nextensions = ["{name}"]\n' \
        f'[markdown.extension_configs."{name}"]\nslugify = "my_theme.slugs.slugify"\n'
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f'site.toml:10: error: [markdown.extension_configs."{name}"] slugify takes a ' \
        "Python function, and 'my_theme.slugs.slugify' names none that site.toml can give" \
        in result.stderr


def test_a_slug_function_named_in_site_toml_makes_the_ids(tmp_path: Path) -> None:
    """keptn's tabs, slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case:
    lower}} in mkdocs.yml: the same function, named with its arguments, gives each tab the
    id its links use; the engine's own extensions take options unnamed in extensions."""
    config = DEFAULT_CONFIG + '[markdown.extension_configs."pymdownx.tabbed"]\n' \
        'slugify = {function = "pymdownx.slugs.slugify", case = "lower"}\n' \
        '[markdown.extension_configs.toc]\nslugify = "markdown.extensions.toc.slugify"\n'
    body = '# Tasks\n\nSee [deno](#env-var-in-deno).\n\n=== "Env var in Deno"\n\n    deno\n\n' \
           "## Café\n"
    page = built_page(build_ok(write_site(tmp_path, {"content/docs/a.md": body}, config)),
                      "/docs/a/")
    assert page.select_one("#env-var-in-deno") is not None
    assert page.select_one("h2")["id"] == "cafe"  # (toc's ASCII slugify)


@pytest.mark.parametrize(("index", "generator"), [
    ("material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg"),
    ("pymdownx.emoji.twemoji", "pymdownx.emoji.to_alt")])
def test_emoji_functions_named_in_site_toml_draw_the_emoji(tmp_path: Path, index: str,
                                                           generator: str) -> None:
    """Rocky Linux's 427 :star: and :heavy_check_mark: on 57 pages, with Material's twemoji
    and to_svg named in mkdocs.yml: named in site.toml, each is the emoji (Material's icons
    are its theme's: its to_svg writes Unicode's character); the build had stopped."""
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["pymdownx.emoji"]\n' \
        f'[markdown.extension_configs."pymdownx.emoji"]\nemoji_index = "{index}"\n' \
        f'emoji_generator = "{generator}"\n'
    body = "Done :heavy_check_mark: and :star: at 10:30:45.\n"
    page = built_page(build_ok(write_site(tmp_path, {"content/docs/a.md": body}, config)),
                      "/docs/a/")
    assert page.select_one(".content p").get_text() == "Done \u2714 and \u2b50 at 10:30:45."


def test_extensions_that_fail_together_are_not_named_as_one(tmp_path: Path) -> None:
    """pymdown-extensions' docs name 21 extensions: one that fails on the trial page is not
    reported as an extension named "a, b, c"."""
    config = DEFAULT_CONFIG + '[markdown]\nextensions = ["pymdownx.mark", "toc"]\n' \
        '[markdown.extension_configs.toc]\nseparator = 5\n'
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: the Markdown extensions and options of site.toml fail on a trial page: " \
        "TypeError" in result.stderr
    assert "pymdownx.mark, toc" not in result.stderr


def test_blocks_the_site_s_settings_add_are_no_text_to_report(tmp_path: Path) -> None:
    """pymdown-extensions' docs add admonition types (/// new) and pymdownx.blocks.caption's
    blocks: they render, and are not reported as shown as text."""
    config = DEFAULT_CONFIG + ('[markdown]\nextensions = ["pymdownx.blocks.caption", '
                               '"pymdownx.blocks.admonition"]\n'
                               '[markdown.extension_configs."pymdownx.blocks.admonition"]\n'
                               'types = ["new", "note"]\n')
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"
                                   "/// new | New 9.0\nText.\n///\n\nA table or text.\n\n"
                                   "/// caption\nA caption.\n///\n\n/// unknown\nU.\n///\n"}
    result = build(write_site(tmp_path, files, config))
    assert result.returncode == 0, result.stderr
    assert "/// new" not in result.stderr and "/// caption" not in result.stderr
    assert "'/// unknown' (a block of a pymdownx.blocks extension" in result.stderr
    page = built_page(tmp_path / "build", "/posts/a/")
    assert page.select_one(".admonition.new")
    assert page.select_one("figure figcaption").get_text(" ", strip=True).endswith("A caption.")


SNIPPETS_CONFIG = DEFAULT_CONFIG + """[markdown]
extensions = ["pymdownx.snippets", "abbr"]
[markdown.extension_configs."pymdownx.snippets"]
base_path = [".", "content/src"]
auto_append = ["_snippets/refs.md"]
check_paths = true
"""


def test_pymdownx_snippets_options_are_the_engine_s_snippets(tmp_path: Path) -> None:
    """pymdown-extensions' and Material's docs append a file of link definitions and
    abbreviations to every page (auto_append), and polars' include code from a folder of
    its own (base_path): both work, once, with the engine's snippets (an escaped ;--8<--
    shows as --8<--, not as the file)."""
    files = {"content/_snippets/refs.md": "[pymdown]: https://pymdown.example/\n"
                                          "*[HTML]: Hyper Text Markup Language\n",
             "content/src/app.py": "print('hi')\n",
             "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nSee [PyMdown]"
                                   "[pymdown] and HTML.\n\n```python\n--8<-- \"app.py\"\n```\n",
             "content/posts/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\nHTML here.\n\n"
                                   "```text\n;--8<-- \"app.py\"\n```\n"}
    result = build(write_site(tmp_path, files, SNIPPETS_CONFIG))
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    first = built_page(tmp_path / "build", "/posts/a/").select_one(".content")
    assert first.select_one("a")["href"] == "https://pymdown.example/"
    assert first.select_one("abbr")["title"] == "Hyper Text Markup Language"
    assert "print('hi')" in first.select_one("pre").get_text()
    second = built_page(tmp_path / "build", "/posts/b/").select_one(".content")
    assert second.select_one("abbr").get_text() == "HTML"
    assert second.select_one("pre").get_text().strip() == '--8<-- "app.py"'


@pytest.mark.parametrize(("options", "message"), [
    ('base_path = ["../elsewhere"]', "base_path '../elsewhere' is outside content/"),
    ("url_download = true", "url_download is not supported"),
    ("auto_append = [1]", "base_path and auto_append must be lists of texts"),
])
def test_pymdownx_snippets_options_that_cannot_be_are_an_error(
        tmp_path: Path, options: str, message: str) -> None:
    config = DEFAULT_CONFIG + ('[markdown]\nextensions = ["pymdownx.snippets"]\n'
                               f'[markdown.extension_configs."pymdownx.snippets"]\n{options}\n')
    result = build(write_site(tmp_path, POSTS, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f'[markdown.extension_configs."pymdownx.snippets"]: {message}' in result.stderr


def test_smarty_s_options_apply_without_naming_it(tmp_path: Path) -> None:
    """The guides' [markdown.extension_configs.smarty] smart_dashes = false keeps --help:
    smarty is the engine's own (it stopped the build, not named in extensions); options of
    an extension that is neither the engine's nor named are still an error."""
    config = DEFAULT_CONFIG + "[markdown.extension_configs.smarty]\nsmart_dashes = false\n"
    body = "# Flags\n\nRun it with --help, \"quoted\".\n"
    page = built_page(build_ok(write_site(tmp_path / "a", {"content/docs/a.md": body}, config)),
                      "/docs/a/")
    assert page.select_one(".content p").get_text() == "Run it with --help, \u201cquoted\u201d."
    config = DEFAULT_CONFIG + '[markdown.extension_configs.wikilinks]\nbase_url = "/w/"\n'
    result = build(write_site(tmp_path / "b", {"content/docs/a.md": body}, config))
    assert result.returncode == 1
    assert "error: [markdown.extension_configs] has options for 'wikilinks', which is not " \
        "in [markdown] extensions" in result.stderr
