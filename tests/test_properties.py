"""Properties: random front matter and random Markdown (random bytes too) either build or fail
with a clean author message; never a traceback, never a hang."""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import site_app, write_site
from sitegen.errors import AuthorError, AuthorErrors
from sitegen.load import load_site

FIELDS = ["title", "date", "updated", "slug", "tags", "category", "author", "summary", "draft",
          "template", "image", "weight", "aliases", "toc", "Title", "Date", "categories",
          "authors", "published", "description", "lastmod", "status", "mood"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates().map(dt.date.isoformat),
    st.sampled_from(["2024-02-30", "2024-01-01T25:00", "2024-01-01T10:00+25:00", "no", "1.10",
                     "../x", "a/b", "</script>", "{{ x }}", "{% block %}", "]]>", "#x", "yes"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
front_matter = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)
markdown_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400)
markdown_pieces = st.lists(st.sampled_from([
    "# Heading\n", "## Same\n", "```python\n", "```\n", "```foolang\n", "[link](missing.md)\n",
    "![img](nope.png)\n", "<!--more-->\n", "[^1]\n\n[^1]: note\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "!!! note\n    body\n", "{{< shortcode >}}\n", "{% raw %}\n", "<div markdown>\n*x*\n</div>\n",
    "[x](#nowhere)\n", "---\n", "+++\n", "Title: x\n", "\n", "\ufeff", "\r\n",
    "<script>x</script>\n",
]), max_size=12).map("".join)


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="properties-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def build_in_process(root: Path) -> None:
    """Load the site and render every HTML page through the app: only author errors may escape."""
    try:
        load_site(root)
    except (AuthorError, AuthorErrors) as error:
        text = str(error)
        assert "error:" in text and ("post.md" in text or "site.toml" in text), text
        return
    app = site_app.create_app(root)
    client = app.test_client()
    with app.test_request_context():
        urls = [url for url, _ in site_app.html_urls()]
    for url in urls + ["/feed.xml", "/rss.xml", "/feed.json", "/sitemap.xml", "/api/posts.json"]:
        response = client.get(url)
        assert response.status_code == 200, url


def fresh_site(workspace: Path, data: bytes) -> Path:
    root = workspace / "site"
    shutil.rmtree(root, ignore_errors=True)
    write_site(root, {"content/posts/post.md": data, "content/about.md": "About.\n"})
    return root


common = settings(max_examples=60, deadline=5000, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@common
@given(meta=front_matter, body=markdown_pieces)
def test_random_front_matter_builds_or_fails_cleanly(workspace: Path, meta: dict,
                                                     body: str) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    build_in_process(fresh_site(workspace, text.encode("utf-8")))


@pytest.mark.slow
@common
@given(body=st.one_of(markdown_text, markdown_pieces))
def test_random_markdown_builds_or_fails_cleanly(workspace: Path, body: str) -> None:
    text = "---\ntitle: Random\ndate: 2024-01-01\n---\n" + body
    build_in_process(fresh_site(workspace, text.encode("utf-8")))


@common
@given(data=st.binary(max_size=300))
def test_random_bytes_build_or_fail_cleanly(workspace: Path, data: bytes) -> None:
    build_in_process(fresh_site(workspace, b"---\ndate: 2024-01-01\n---\n" + data))
