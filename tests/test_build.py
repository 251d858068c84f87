"""The core: Markdown in content/, Flask routes, a frozen build in build/."""
from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import PROJECT, build, build_ok, site_app, snapshot, soup, write_site

CONFIG = """\
title = "Core Test"
description = "Core fixture"
base_url = "https://example.org/"
author = "Tess Ter"
timezone = "Europe/Paris"
posts_per_page = 2

[[menu]]
name = "Docs"
url = "/docs/"
"""


def png_bytes(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#3366cc").save(buffer, format="PNG")
    return buffer.getvalue()


DIAGRAM = png_bytes(40, 20)

FILES: dict[str, str | bytes] = {
    "content/index.md": """
        ---
        title: Welcome home
        ---
        The home intro with *emphasis*.
        """,
    "content/about.md": """
        ---
        title: About us
        mood: cheerful
        ---
        About text.
        """,
    "content/posts/hello.md": """
        ---
        title: Hello world
        date: 2024-03-01 09:30
        tags: [Python, web]
        category: Notes
        summary: A first post.
        ---
        Intro paragraph.

        ```python hl_lines="2"
        def greet():
            return "hi"
        ```

        ``` { .javascript linenums="1" }
        const x = 1;
        ```

        | A | B |
        |---|---|
        | 1 | 2 |

        Text with a note[^1].

        [^1]: The note.

        !!! note "Heads up"
            An admonition.
        """,
    "content/posts/jinja.md": """
        ---
        title: Templates shown literally
        date: 2024-02-01
        tags: python
        ---
        Inline {{ not_a_variable }} text.

        ```html
        {% block content %}{{ x }}{% endblock %}
        ```

        ```foolang
        unknown language stays plain
        ```
        """,
    "content/posts/Café crème.md": """
        ---
        date: 2024-01-15
        ---
        # Un café crème

        Unicode body.
        """,
    "content/posts/my-bundle/index.md": """
        ---
        title: A bundle
        date: 2023-12-01
        ---
        ![A blue diagram](diagram.png)
        """,
    "content/posts/my-bundle/diagram.png": DIAGRAM,
    "content/posts/my-bundle/notes.txt": "private notes, never published",
    "content/posts/secret-draft.md": """
        ---
        title: Secret draft zebrafish
        date: 2024-01-01
        draft: true
        ---
        Unpublished quokka.
        """,
    "content/posts/special.md": """
        ---
        title: Special layout
        date: 2022-05-05
        template: special.html
        mood: sunny
        ---
        Body.
        """,
    "templates/special.html": """
        {% extends "post.html" %}
        {% block content %}<p id="mood">{{ page.meta.mood }}</p>{{ super() }}{% endblock %}
        """,
    "content/docs/index.md": """
        ---
        title: Docs home
        weight: 1
        ---
        Start here.
        """,
    "content/docs/zeta.md": """
        ---
        title: Zeta first by weight
        weight: 2
        ---
        Zeta.
        """,
    "content/docs/alpha.md": """
        ---
        title: Alpha second by weight
        weight: 3
        ---
        Alpha.
        """,
    "content/docs/guide/index.md": """
        ---
        title: Guide
        weight: 4
        ---
        The guide.
        """,
    "content/docs/guide/install.md": """
        ---
        title: Install
        ---
        Install it.
        """,
    "content/no-front-matter.md": "Just text, no title anywhere.\n",
}


@pytest.fixture(scope="module")
def built(
        tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = write_site(tmp_path_factory.mktemp("core") / "site", FILES, CONFIG)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "build", result


@pytest.fixture(scope="module")
def out(built: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return built[0]


def test_sections_map_to_urls(out: Path) -> None:
    for path in ["index.html", "page/2/index.html", "posts/hello/index.html",
                 "posts/my-bundle/index.html", "about/index.html", "docs/index.html",
                 "docs/zeta/index.html", "docs/guide/index.html", "docs/guide/install/index.html",
                 "no-front-matter/index.html", "tags/index.html", "tags/python/index.html",
                 "404.html"]:
        assert (out / path).is_file(), path


def test_post_page_shows_title_byline_date_and_tags(out: Path) -> None:
    page = soup(out / "posts/hello/index.html")
    assert page.h1.get_text() == "Hello world"
    assert page.title.get_text() == "Hello world · Core Test"
    time = page.select_one(".byline time")
    assert time["datetime"] == "2024-03-01T09:30:00+01:00"  # naive dates are in the site's zone
    assert "Tess Ter" in page.select_one(".byline").get_text()
    assert [a.get_text() for a in page.select(".post-terms a")] == ["Notes", "#Python", "#web"]
    assert page.select_one('.tags a[href="/tags/python/"]') is not None
    assert page.select_one('.post-category a.category').get_text() == "Notes"


def test_markdown_extensions_render(out: Path) -> None:
    content = soup(out / "posts/hello/index.html").select_one(".content")
    assert content.select_one("table td").get_text() == "1"
    assert content.select_one("div.footnote li") is not None
    assert content.select_one(".admonition.note .admonition-title").get_text() == "Heads up"


def test_code_is_highlighted_with_classes_lines_and_numbers(out: Path) -> None:
    content = soup(out / "posts/hello/index.html").select_one(".content")
    python = content.select(".highlight")[0]
    assert python.select_one("span.k").get_text() == "def"
    assert python.select_one("span.hll").get_text().strip() == 'return "hi"'
    assert content.select_one(".highlighttable .linenos") is not None


def test_bodies_are_never_passed_through_jinja(out: Path) -> None:
    page = soup(out / "posts/jinja/index.html")
    text = page.select_one(".content").get_text()
    assert "{{ not_a_variable }}" in text
    assert "{% block content %}{{ x }}{% endblock %}" in text
    assert "unknown language stays plain" in text


def test_unicode_file_name_gives_working_url_and_h1_title(out: Path) -> None:
    page = soup(out / "posts/café-crème/index.html")
    assert page.h1.get_text() == "Un café crème"
    home_links = [a["href"] for a in soup(out / "page/2/index.html").select(".post-list h2 a")]
    assert "/posts/caf%C3%A9-cr%C3%A8me/" in home_links


def test_title_falls_back_to_file_name(out: Path) -> None:
    assert soup(out / "no-front-matter/index.html").h1.get_text() == "No front matter"


def test_page_bundle_images_are_published_beside_the_page(out: Path) -> None:
    img = soup(out / "posts/my-bundle/index.html").select_one(".content img")
    assert img["src"] == "/posts/my-bundle/diagram.png"
    assert img["alt"] == "A blue diagram"
    assert (out / "posts/my-bundle/diagram.png").read_bytes() == DIAGRAM
    assert not (out / "posts/my-bundle/notes.txt").exists()


def test_home_lists_recent_posts_with_summary_and_paginates(out: Path) -> None:
    home = soup(out / "index.html")
    assert home.select_one(".intro h1").get_text() == "Welcome home"
    titles = [a.get_text() for a in home.select(".post-list h3 a")]
    assert titles == ["Hello world", "Templates shown literally"]
    assert home.select_one(".post-list .summary").get_text().strip() == "A first post."
    assert home.select_one('a[rel="next"]')["href"] == "/page/2/"
    second = soup(out / "page/2/index.html")
    assert [a.get_text() for a in second.select(".post-list h2 a")] == ["Un café crème", "A bundle"]
    assert (out / "page/3/index.html").exists()
    assert not (out / "page/4/index.html").exists()


def test_drafts_are_not_published(out: Path) -> None:
    for path in out.rglob("*"):
        assert "secret-draft" not in str(path)
        if path.is_file():
            data = path.read_bytes()
            assert b"zebrafish" not in data and b"quokka" not in data, path


def test_docs_are_ordered_by_weight_with_sidebar_and_prev_next(out: Path) -> None:
    page = soup(out / "docs/zeta/index.html")
    sidebar = [a.get_text() for a in page.select(".docs-sidebar a")]
    assert sidebar == ["Docs home", "Zeta first by weight", "Alpha second by weight", "Guide",
                       "Install"]
    current = page.select_one('.docs-sidebar a[aria-current="page"]')
    assert current.get_text() == "Zeta first by weight"
    assert page.select_one('.prev-next a[rel="prev"]')["href"] == "/docs/"
    assert page.select_one('.prev-next a[rel="next"]')["href"] == "/docs/alpha/"
    install = soup(out / "docs/guide/install/index.html")
    assert install.select_one('.prev-next a[rel="prev"]')["href"] == "/docs/guide/"


def test_large_docs_list_only_the_folders_a_page_is_in(tmp_path: Path) -> None:
    """Above 150 docs pages (linkerd's twelve versions), a page's sidebar lists the pages of
    the top folder it is in; each other one is a link, to its index or else its first page.
    A folder without index.md is named as MkDocs names it (DependencyTrack's user-guide)."""
    files: dict[str, str | bytes] = {"content/docs/index.md": "---\ntitle: Home\n---\nHi."}
    for version in ("v1", "v2"):
        files[f"content/docs/{version}/index.md"] = f"---\ntitle: Version {version}\n---\nX."
        for number in range(80):
            files[f"content/docs/{version}/p{number:02}.md"] = f"# {version} page {number}\n"
    files["content/docs/v2/deep_API/inner.md"] = "---\ntitle: Inner\n---\nIn."
    for name in ("b", "a"):  # a folder without index.md: linked by its first page, a
        files[f"content/docs/old-docs/{name}.md"] = f"---\ntitle: Old {name}\n---\nOld."
    out = build_ok(write_site(tmp_path / "site", files,
                              config="search = false\n" + CONFIG))

    page = soup(out / "docs/v2/p03/index.html")
    links = {a.get_text(): a["href"] for a in page.select(".docs-sidebar a")}
    assert links["Version v1"] == "/docs/v1/" and links["Old docs"] == "/docs/old-docs/a/"
    assert "v1 page 0" not in links and "Old b" not in links and "Old a" not in links
    assert {f"v2 page {number}" for number in range(80)} <= set(links)
    assert links["Inner"] == "/docs/v2/deep_api/inner/"  # (the page's top folder in full)
    assert page.select_one(".docs-sidebar input:checked + label + ul a[aria-current]")
    assert [name.get_text() for name in page.select(".docs-sidebar .nav-name")] == ["deep API"]
    assert [item.get_text() for item in soup(out / "docs/v2/deep_api/inner/index.html").select(
        ".breadcrumbs li")] == ["Home", "Version v2", "deep API", "Inner"]

    elsewhere = {a.get_text() for a in soup(out / "docs/old-docs/b/index.html").select(
        ".docs-sidebar a")}
    assert {"Old a", "Old b", "Version v1", "Version v2"} <= elsewhere
    assert "v2 page 0" not in elsewhere and len(elsewhere) == 5


def test_custom_template_and_unknown_fields_reach_templates(out: Path) -> None:
    assert soup(out / "posts/special/index.html").select_one("#mood").get_text() == "sunny"


def test_theme_is_accessible_and_self_contained(out: Path) -> None:
    page = soup(out / "posts/hello/index.html")
    assert page.html["lang"] == "en"
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.select_one("main#main") and page.select_one("header") and page.select_one("footer")
    assert page.select_one('nav[aria-label="Main"] a[href="/docs/"]').get_text() == "Docs"
    stylesheets = page.select('link[rel="stylesheet"]')
    assert len(stylesheets) == 1
    # Scripts only enhance (the colour theme's toggle, the search overlay): from the site.
    assert all(script["src"].startswith("/static/") and script.get("type") == "module"
               for script in page.select("script[src]"))
    for tag in page.select("[src], link[href]"):
        url = tag.get("src") or tag.get("href")
        if tag.name == "link" and tag.get("rel") == ["canonical"]:
            continue
        assert url.startswith("/"), f"external resource {url}"
    css = (out / stylesheets[0]["href"].lstrip("/")).read_text()
    assert ".highlight .k" in css
    assert "prefers-color-scheme: dark" in css
    assert ":focus-visible" in css


def test_404_page_is_frozen_and_reused_by_the_dev_server(out: Path, tmp_path: Path) -> None:
    frozen = soup(out / "404.html")
    assert frozen.h1.get_text() == "Page not found"
    root = write_site(tmp_path / "site", {"content/about.md": "About.\n"}, CONFIG)
    client = site_app.create_app(root, preview=True).test_client()
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_summary_line_and_render_cache(
        built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, result = built
    pages = len(list(out.rglob("*.html")))
    assert f"Built {pages} pages" in result.stdout
    again = build(out.parent)
    assert again.returncode == 0
    assert "Nothing changed since the last build" in again.stdout
    (out.parent / "content/about.md").write_text(
        "---\ntitle: About us\nmood: cheerful\n---\nNew.\n")
    edited = build(out.parent)
    assert edited.returncode == 0
    sources = len(list((out.parent / "content").rglob("*.md"))) - 1  # minus the draft
    assert f"Rendered 1 of {sources} sources" in edited.stderr


def test_failed_build_leaves_previous_build_byte_for_byte(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/ok.md": "---\ntitle: Fine\ndate: 2024-01-01\n---\nGood.\n",
        "content/docs/index.md": "# Docs\n"}, CONFIG)  # (the menu links to /docs/)
    out = build_ok(root)
    before = snapshot(out)
    (root / "content/posts/bad.md").write_text("---\ntitle: [unclosed\ndate: 2024-01-02\n---\n")
    result = build(root)
    assert result.returncode != 0
    assert "bad.md:2" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before
    assert not list(root.glob(".build-tmp-*"))


def test_preview_shows_drafts_with_a_banner(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/draft.md":
            "---\ntitle: Work in progress\ndate: 2024-01-01\ndraft: true\n---\nHi.\n",
        "content/posts/later.md": "---\ntitle: Scheduled one\ndate: 2999-01-01\n---\nLater.\n",
    }, CONFIG)
    client = site_app.create_app(root, preview=True).test_client()
    page = client.get("/posts/draft/")
    assert page.status_code == 200
    assert "Draft" in page.get_data(as_text=True)
    assert "Scheduled for 2999-01-01" in client.get("/posts/later/").get_data(as_text=True)
    assert "Work in progress" in client.get("/").get_data(as_text=True)


def test_preview_reloads_changed_files(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/about.md": "---\ntitle: First\n---\nOne.\n"},
                      CONFIG)
    client = site_app.create_app(root, preview=True).test_client()
    assert "First" in client.get("/about/").get_data(as_text=True)
    (root / "content/about.md").write_text("---\ntitle: Second title\n---\nTwo.\n")
    assert "Second title" in client.get("/about/").get_data(as_text=True)
    (root / "content/about.md").write_text("---\ntitle: [broken\n---\n")
    error = client.get("/about/")
    assert error.status_code == 500 and "about.md" in error.get_data(as_text=True)
    (root / "content/about.md").write_text("---\ntitle: Fixed\n---\nThree.\n")
    assert "Fixed" in client.get("/about/").get_data(as_text=True)


def test_cli_help_lists_the_commands() -> None:
    result = subprocess.run(["python3", str(PROJECT / "site.py"), "--help"], capture_output=True,
                            text=True, cwd=PROJECT, check=False,
                            env={"PATH": str(PROJECT / ".venv/bin") + ":/usr/bin:/bin"})
    section = result.stdout.split("Commands:")[1]
    commands = set(re.findall(r"^  (\w+) ", section, flags=re.MULTILINE))
    assert {"init", "build", "serve", "test", "clean", "new", "check", "deploy"} <= commands
    make = subprocess.run(["make", "help"], capture_output=True, text=True, cwd=PROJECT, check=True)
    targets = {line.split()[1] for line in make.stdout.splitlines()
               if line.strip().startswith("make ")}
    developers_only = {"help", "bench", "fuzz", "lint", "test-fast", "screenshots"}
    assert targets - developers_only == {"init", "build", "serve", "test", "clean", "new",
                                         "check", "deploy"}
    assert targets - developers_only <= commands  # python site.py --help shows the same commands
