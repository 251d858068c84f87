"""Author mistakes: each stops the build with one clear message, and the old build/ survives.

The rule under test: every mistake an author can make in content/, templates/ or site.toml
makes ``python site.py build --root DIR``

* exit non-zero,
* print one message on stderr, ``path:LINE: error: message`` (``path: error: message`` when
  no line is known) followed by ``  hint: ...``, where ``path`` contains the file's name,
* print no Python traceback,
* leave the previous ``build/`` byte for byte as it was, with no ``.build-tmp-*`` folder left.

Each case first builds a good version of a tiny site, snapshots ``build/``, then adds the
mistake and builds again. A second catalogue lists unusual but valid inputs that must build.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import (
    DEFAULT_CONFIG,
    build,
    build_ok,
    built_page,
    run_site,
    snapshot,
    soup,
    write_site,
)
from sitegen.build import template_error

# --- The good site every mistake is introduced into ------------------------------------------

GOOD_FILES: dict[str, str | bytes] = {
    "content/index.md": """\
        ---
        title: Home
        ---
        Welcome to the test site.
        """,
    "content/posts/good.md": """\
        ---
        title: A good post
        date: 2024-01-01
        tags: [python]
        ---
        This post is fine.

        ## First section

        Some text.
        """,
    "content/about.md": """\
        ---
        title: About
        ---
        About this site.
        """,
}



def config_with(key: str, raw_value: str) -> str:
    """DEFAULT_CONFIG with the line of ``key`` replaced by ``key = raw_value`` (same line)."""
    lines = DEFAULT_CONFIG.splitlines()
    replaced = [f"{key} = {raw_value}" if line.startswith(f"{key} ") else line for line in lines]
    assert replaced != lines, key
    return "\n".join(replaced) + "\n"


def config_line(key: str) -> int:
    """The 1-based line of ``key`` in DEFAULT_CONFIG."""
    for number, line in enumerate(DEFAULT_CONFIG.splitlines(), start=1):
        if line.startswith(f"{key} "):
            return number
    raise KeyError(key)


# --- Reading the error message ---------------------------------------------------------------

_ERROR_LINE = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?: error: (?P<message>.*)$")


@dataclass
class Reported:
    """One ``path[:line]: error: message`` block from stderr, with its hint lines."""

    path: str
    line: int | None
    message: str
    hint: str
    block: str


def reported_errors(stderr: str) -> list[Reported]:
    """Every error block in ``stderr``."""
    found: list[Reported] = []
    lines = stderr.splitlines()
    for index, text in enumerate(lines):
        match = _ERROR_LINE.match(text)
        if not match:
            continue
        following = []
        for extra in lines[index + 1:]:
            if not extra.startswith("  "):
                break
            following.append(extra)
        hint_text = "\n".join(following)
        found.append(Reported(
            path=match["path"], line=int(match["line"]) if match["line"] else None,
            message=match["message"],
            hint=(hint_text.strip().removeprefix("hint:").strip()
                  if hint_text.strip().startswith("hint:") else ""),
            block="\n".join([text, *following]),
        ))
    return found


# --- The catalogue of mistakes ---------------------------------------------------------------

@dataclass
class Mistake:
    """A broken site: files written over the good site, and what the message must say.

    ``files`` maps paths under the site root to text (dedented) or bytes; ``config``, when set,
    replaces site.toml. ``names`` are file names the message must contain (it is reported at
    one of them); ``line`` is the expected line, or None when no line can be known
    (then a line is allowed but not required); ``phrases`` must appear in the message or hint.
    """

    id: str
    files: dict[str, str | bytes]
    names: tuple[str, ...]
    line: int | None
    phrases: tuple[str, ...]
    config: str | None = None


def post(front_matter: str, body: str = "Body text.\n") -> str:
    """A post source: ``---``, the front matter lines, ``---``, the body (not dedented)."""
    return f"---\n{front_matter.strip(chr(10))}\n---\n{body}"


MISTAKES = [
    Mistake(
        "unclosed-front-matter",  # (closed by a blank line, it is read as header lines)
        {"content/posts/oops.md":
         "---\ntitle: Oops\ndate: 2024-01-01\nThe body, never closed.\n"},
        ("oops.md",), 1, ("front matter",),
    ),
    Mistake(
        # The '[' is opened on line 2 and never closed: the mistake is on line 2.
        "invalid-yaml",
        {"content/posts/oops.md": post("title: [unclosed\ndate: 2024-01-01")},
        ("oops.md",), 2, ("YAML",),
    ),
    Mistake(
        "invalid-yaml-last-line",
        {"content/posts/oops.md": post("date: 2024-01-01\ntitle: [unclosed")},
        ("oops.md",), 3, ("YAML",),
    ),
    Mistake(
        "front-matter-is-a-list",
        {"content/posts/oops.md": post("- title\n- date")},
        ("oops.md",), 2, ("front matter",),
    ),
    Mistake(
        "front-matter-is-a-string",
        {"content/posts/oops.md": post("just some words")},
        ("oops.md",), 2, ("front matter",),
    ),
    Mistake(
        "title-is-a-number",  # (a whole number is its text; 1.10 would lose its 0)
        {"content/posts/oops.md": post("title: 1.10\ndate: 2024-01-01")},
        ("oops.md",), 2, ("title", "1.1"),
    ),
    Mistake(
        "title-is-a-list",
        {"content/posts/oops.md": post("title: [a, b]\ndate: 2024-01-01")},
        ("oops.md",), 2, ("title",),
    ),
    Mistake(
        "title-is-yaml-boolean",
        {"content/posts/oops.md": post("date: 2024-01-01\ntitle: no")},
        ("oops.md",), 3, ("title", "quote"),
    ),
    Mistake(
        "title-is-empty",
        {"content/posts/oops.md": post('title: ""\ndate: 2024-01-01')},
        ("oops.md",), 2, ("title", "empty"),
    ),
    Mistake(
        "impossible-date",
        {"content/posts/oops.md": post("title: Oops\ndate: 2024-02-30")},
        ("oops.md",), 3, ("date", "2024-02-30"),
    ),
    Mistake(
        "date-with-bad-offset",
        {"content/posts/oops.md": post("title: Oops\ndate: 2024-01-01T10:00:00+25:00")},
        ("oops.md",), 3, ("date", "+25:00"),
    ),
    Mistake(
        "date-is-not-a-date",
        {"content/posts/oops.md": post("title: Oops\ndate: yesterday")},
        ("oops.md",), 3, ("date", "yesterday"),
    ),
    Mistake(
        "tags-is-a-mapping",
        {"content/posts/oops.md":
         post("title: Oops\ndate: 2024-01-01\ntags:\n  python: 1\n  web: 2")},
        ("oops.md",), 4, ("tags",),
    ),
    Mistake(
        "draft-is-maybe",
        {"content/posts/oops.md": post('title: Oops\ndate: 2024-01-01\ndraft: "maybe"')},
        ("oops.md",), 4, ("draft", "maybe"),
    ),
    Mistake(
        "two-files-one-url",
        {"content/posts/first.md": post("title: First\ndate: 2024-01-02\nslug: same"),
         "content/posts/second.md": post("title: Second\ndate: 2024-01-03\nslug: same")},
        ("second.md", "first.md"), None, ("/posts/same/",),
    ),
    Mistake(  # (a slug with "/" is left out with a warning: Hugo's :title leaves it unused)
        "slug-with-backslash",
        {"content/posts/oops.md": post("title: Oops\ndate: 2024-01-01\nslug: 'a\\b'")},
        ("oops.md",), 4, ("slug", "URL path without"),
    ),
    Mistake(
        "slug-with-dot-dot",
        {"content/posts/oops.md": post('title: Oops\ndate: 2024-01-01\nslug: ".."')},
        ("oops.md",), 4, ("slug", ".."),
    ),
    Mistake(
        "slug-with-dot-dot-in-page",
        {"content/oops.md": post('title: Oops\nslug: "../escape"')},
        ("oops.md",), 3, ("slug",),
    ),
    Mistake(
        "not-utf8",
        {"content/posts/oops.md": b"---\ntitle: x\n---\n\xff\xfe bad"},
        ("oops.md",), 4, ("UTF-8",),
    ),
    Mistake(
        "template-syntax-error",
        {"templates/post.html": (
            '{% extends "base.html" %}\n'
            "{% block content %}\n"
            "<h1>{{ page.title }}</h1>\n"
            "{% if %}broken{% endif %}\n"
            "{% endblock %}\n")},
        ("post.html",), 4, ("expected",),
    ),
    Mistake(
        "invalid-site-toml",
        {}, ("site.toml",), config_line("posts_per_page"), ("TOML",),
        config=config_with("posts_per_page", "= 5"),
    ),
    Mistake(
        "site-toml-unclosed-string",
        {}, ("site.toml",), config_line("title"), ("TOML",),
        config=config_with("title", '"Test Site'),
    ),
    Mistake(
        "base-url-without-scheme",
        {}, ("site.toml",), config_line("base_url"), ("base_url", "example.org"),
        config=config_with("base_url", '"example.org/blog/"'),
    ),
    Mistake(
        "unknown-time-zone",
        {}, ("site.toml",), config_line("timezone"), ("Mars/Olympus_Mons",),
        config=config_with("timezone", '"Mars/Olympus_Mons"'),
    ),
    Mistake(
        "site-title-is-a-number",
        {}, ("site.toml",), config_line("title"), ("title",),
        config=config_with("title", "42"),
    ),
    Mistake(
        "broken-links-setting-invalid",
        {}, ("site.toml",), DEFAULT_CONFIG.count("\n") + 3, ("broken_links", "sometimes"),
        config=DEFAULT_CONFIG + '\n[build]\nbroken_links = "sometimes"\n',
    ),
    Mistake(
        "search-shard-pages-too-large",
        {}, ("site.toml",), DEFAULT_CONFIG.count("\n") + 3, ("search_shard_pages", "5000"),
        config=DEFAULT_CONFIG + "\n[build]\nsearch_shard_pages = 5000\n",
    ),
    Mistake(
        "publish-outside-content",
        {}, ("site.toml",), DEFAULT_CONFIG.count("\n") + 3, ("publish", "../secrets/*"),
        config=DEFAULT_CONFIG + '\n[build]\npublish = ["../secrets/*"]\n',
    ),
    Mistake(
        "publish-the-site-s-own-robots-txt",
        {"content/robots.txt": "User-agent: *\n"}, ("site.toml",),
        DEFAULT_CONFIG.count("\n") + 3, ("publish names robots.txt", "makes itself"),
        config=DEFAULT_CONFIG + '\n[build]\npublish = ["*.txt"]\n',
    ),
    Mistake(
        "posts-per-page-zero",
        {}, ("site.toml",), config_line("posts_per_page"), ("posts_per_page",),
        config=config_with("posts_per_page", "0"),
    ),
    Mistake(
        "link-to-missing-page",
        {"content/oops.md": post("title: Oops", "Intro.\n\nSee [the guide](missing-guide.md).\n")},
        ("oops.md",), 6, ("missing-guide.md",),
    ),
    Mistake(
        "link-to-missing-anchor-in-other-page",
        {"content/other.md": post("title: Other", "## Real heading\n\nText.\n"),
         "content/oops.md": post("title: Oops", "See [it](other.md#no-such-heading).\n")},
        ("oops.md",), 4, ("no-such-heading",),
    ),
    Mistake(
        "link-outside-content",
        {"content/oops.md": post("title: Oops", "Secrets: [x](../../site.toml).\n")},
        ("oops.md",), 4, ("outside",),
    ),
    Mistake(
        "missing-image",
        {"content/oops.md": post("title: Oops", "Look:\n\n![x](nope.png)\n")},
        ("oops.md",), 6, ("nope.png",),
    ),
    Mistake(
        "post-without-date",
        {"content/posts/oops.md": post("title: No date here")},
        ("oops.md",), None, ("date",),
    ),
    Mistake(
        "post-without-front-matter-or-date",
        {"content/posts/oops.md": "# Just a heading\n\nAnd a body.\n"},
        ("oops.md",), None, ("date",),
    ),
    Mistake(
        "invalid-authors-yml",
        {"content/authors.yml": "ada:\n  name: [Ada\n"},
        ("authors.yml",), 2, ("YAML",),
    ),
    Mistake(
        "page-slug-without-letters",
        {"content/oops.md": post('title: Oops\nslug: "??"')},
        ("oops.md",), 3, ("URL",),
    ),
    Mistake(
        "date-out-of-range",
        {"content/posts/oops.md": post("title: Oops\ndate: 0001-01-01T00:00:00+01:00")},
        ("oops.md",), 3, ("date",),
    ),
    Mistake(
        "categories-as-a-mapping",
        {"content/posts/oops.md": post("title: Oops\ndate: 2024-01-01\ncategories: {a: 1}")},
        ("oops.md",), 4, ("categories",),
    ),
    Mistake(
        "published-neither-boolean-nor-date",
        {"content/posts/oops.md": post("title: Oops\ndate: 2024-01-01\npublished: 42")},
        ("oops.md",), 4, ("published",),
    ),
    Mistake(
        # pymdown-extensions' tabs take the indented block after a tabbed set for theirs, and
        # fail on one written in HTML without its parts.
        "html-that-python-markdown-cannot-render",
        {"content/posts/oops.md": post(
            "title: Oops\ndate: 2024-01-01",
            "<div class=\"tabbed-set tabbed-alternate\" markdown=\"1\">\nIn.\n</div>\n\n"
            "    after\n")},
        ("oops.md",), None, ("cannot render", "TypeError", "tabbed set"),
    ),
]


@pytest.fixture
def good_site(make_site: Callable[..., Path]) -> tuple[Path, dict[str, bytes]]:
    """The good site, built once; returns its root and the snapshot of its build/."""
    root = make_site(GOOD_FILES)
    out = build_ok(root)
    before = snapshot(out)
    assert "posts/good/index.html" in before
    return root, before


def write_over(root: Path, mistake: Mistake) -> None:
    """Add the mistake's files (bytes or text written exactly) and config to the site."""
    for name, data in mistake.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    if mistake.config is not None:
        (root / "site.toml").write_text(mistake.config, encoding="utf-8")


def assert_build_fails_cleanly(root: Path, before: dict[str, bytes], mistake: Mistake) -> None:
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"build succeeded despite the mistake:\n{output}"
    assert "Traceback" not in output, output
    errors = reported_errors(result.stderr)
    assert len(errors) == 1, \
        f"expected one error message on stderr, got {len(errors)}:\n{result.stderr}"
    error = errors[0]

    # The file: the path reported is one of the named files; every name is in the message.
    assert Path(error.path).name in mistake.names, \
        f"message should be reported at one of {mistake.names}:\n{error.block}"
    for name in mistake.names:
        assert name in error.block, f"message should name {name}:\n{error.block}"

    # The line.
    if mistake.line is not None:
        assert error.line == mistake.line, \
            f"expected line {mistake.line}, got {error.line}:\n{error.block}"

    # A hint to fix it, and the expected words.
    assert error.hint, f"message has no '  hint: ...' line:\n{error.block}"
    for phrase in mistake.phrases:
        assert phrase.lower() in error.block.lower(), f"{phrase!r} not in:\n{error.block}"

    # build/ is untouched and no temporary folder is left beside it.
    assert snapshot(root / "build") == before, "build/ changed after a failed build"
    assert not list(root.glob(".build-tmp-*")), "a .build-tmp-* folder was left behind"


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.id for m in MISTAKES])
def test_author_mistake_stops_build(good_site: tuple[Path, dict[str, bytes]],
                                    mistake: Mistake) -> None:
    root, before = good_site
    write_over(root, mistake)
    assert_build_fails_cleanly(root, before, mistake)


def test_symlink_loop_is_one_clear_error(good_site: tuple[Path, dict[str, bytes]]) -> None:
    """A folder link back to a parent (content/docs/loop -> ..) is named, and the build
    finishes at once instead of walking the loop."""
    root, before = good_site
    (root / "content" / "docs").mkdir()
    os.symlink("..", root / "content" / "docs" / "loop")
    mistake = Mistake("symlink-loop", {}, ("loop",), None, ("symbolic link loop",))
    assert_build_fails_cleanly(root, before, mistake)


def test_a_link_to_nothing_is_one_clear_error(good_site: tuple[Path, dict[str, bytes]]) -> None:
    """pyOCD's _docs -> pyocd/docs, copied with cp -r as a link to nothing: its 33 pages would
    vanish without a word."""
    root, before = good_site
    os.symlink("pyocd/docs", root / "content" / "docs")
    mistake = Mistake("dangling-link", {}, ("docs",), None,
                      ("symbolic link to nothing: docs -> pyocd/docs", "cp -rL"))
    assert_build_fails_cleanly(root, before, mistake)


def test_first_build_failure_leaves_no_build_folder(make_site: Callable[..., Path]) -> None:
    """With no previous build, a failed build creates neither build/ nor a temporary folder."""
    root = make_site({"content/posts/oops.md": post("title: Oops\ndate: 2024-02-30")})
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert len(reported_errors(result.stderr)) == 1, result.stderr
    assert not (root / "build").exists()
    assert not list(root.glob(".build-tmp-*"))


# --- Unusual inputs that must build ----------------------------------------------------------

def test_an_empty_file_is_a_page_with_no_text_and_a_warning(
        make_site: Callable[..., Path]) -> None:
    """Hugo and MkDocs publish an empty file (a section's placeholder, a page to write):
    so does this engine, titled from its name, and it says so at the file."""
    root = make_site({"content/empty-page.md": "", "content/docs/blank.md": "\n\n   \n"})
    result = build(root)
    assert result.returncode == 0, result.stderr
    for name in ("empty-page.md", "blank.md"):
        assert f"{name}:1: warning: the file is empty: it is published as a page with no " \
            "text" in result.stderr
    assert built_page(root / "build", "/empty-page/").h1.get_text() == "Empty page"
    assert built_page(root / "build", "/docs/blank/").h1.get_text() == "Blank"


def test_crlf_line_endings(make_site: Callable[..., Path]) -> None:
    root = make_site({"content/posts/crlf.md":
                      b"---\r\ntitle: Windows title\r\ndate: 2024-03-04\r\ntags: [a, b]\r\n---\r\n"
                      b"First paragraph.\r\n\r\nSecond paragraph.\r\n"})
    out = build_ok(root)
    page = soup(out / "posts" / "crlf" / "index.html")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Windows title"
    paragraphs = [p.get_text(strip=True) for p in page.select(".content p")]
    assert paragraphs == ["First paragraph.", "Second paragraph."]
    assert page.find("time", attrs={"datetime": re.compile(r"^2024-03-04")}) is not None
    assert (out / "tags" / "a" / "index.html").is_file()
    assert "\r" not in page.h1.get_text()


@pytest.mark.slow
def test_five_megabyte_post_builds(make_site: Callable[..., Path]) -> None:
    paragraph = ("This is a long paragraph of a very large post, written to check that the "
                 "build copes with big files without trouble. " * 4).strip() + "\n\n"
    body = paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    text = f"---\ntitle: Huge\ndate: 2024-01-01\n---\n{body}## The end\n\nLast words.\n"
    assert len(text.encode("utf-8")) >= 5 * 1024 * 1024
    root = make_site({"content/posts/huge.md": text})
    started = time.monotonic()
    result = run_site("build", "--root", root, timeout=300)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert elapsed < 120, f"a 5 MB post took {elapsed:.0f} s to build"
    html = (root / "build" / "posts" / "huge" / "index.html").read_text(encoding="utf-8")
    assert len(html) > 5 * 1024 * 1024
    assert "Last words." in html


def test_unknown_code_language_renders_as_code(make_site: Callable[..., Path]) -> None:
    root = make_site({"content/code.md": """\
        ---
        title: Code
        ---
        Before.

        ```foolang
        let x <- frobnicate(1 < 2)
        ```

        After.
        """})
    out = build_ok(root)
    page = soup(out / "code" / "index.html")
    code = page.select_one(".content pre code") or page.select_one(".content pre")
    assert code is not None
    assert "let x <- frobnicate(1 < 2)" in code.get_text()
    assert [p.get_text(strip=True) for p in page.select(".content > p")] == ["Before.", "After."]


def test_duplicate_headings_get_distinct_ids(make_site: Callable[..., Path]) -> None:
    root = make_site({"content/dupes.md": """\
        ---
        title: Dupes
        ---
        ## Same

        One.

        ## Same

        Two.
        """})
    out = build_ok(root)
    page = soup(out / "dupes" / "index.html")
    headings = page.select(".content h2")
    assert len(headings) == 2
    ids = [h.get("id") for h in headings]
    assert all(ids) and len(set(ids)) == 2, ids
    # Each heading has a "#" permalink to its own id.
    for heading in headings:
        anchor = heading.find("a", class_="headerlink")
        assert anchor is not None, heading
        assert anchor.get("href") == f"#{heading['id']}" and anchor.get_text() == "#"


def test_author_not_in_authors_yml_is_shown_by_name(make_site: Callable[..., Path]) -> None:
    root = make_site({
        "content/authors.yml": """\
            ada:
              name: Ada Lovelace
            """,
        "content/posts/guest.md": """\
            ---
            title: A guest post
            date: 2024-01-01
            author: Grace Hopper
            ---
            Hello.
            """,
    })
    out = build_ok(root)
    page = soup(out / "posts" / "guest" / "index.html")
    byline = page.select_one(".byline")
    assert byline is not None and "Grace Hopper" in byline.get_text()
    assert not (out / "authors").exists() or not any((out / "authors").rglob("*grace*"))


def test_template_like_text_in_body_appears_literally(make_site: Callable[..., Path]) -> None:
    root = make_site({"content/liquid.md": """\
        ---
        title: Liquid
        ---
        Jekyll writes {% raw %}{{ x }}{% endraw %} to escape.

        A variable: {{ x }} and a tag: {% if y %}.
        """})
    out = build_ok(root)
    paragraphs = [p.get_text() for p in soup(out / "liquid" / "index.html").select(".content p")]
    assert paragraphs[0] == "Jekyll writes {{ x }} to escape."  # (raw: taken out, as Jekyll)
    assert "A variable: {{ x }} and a tag: {% if y %}." in paragraphs[1]


def test_broken_link_is_a_warning_when_configured(make_site: Callable[..., Path]) -> None:
    config = DEFAULT_CONFIG + '\n[build]\nbroken_links = "warn"\n'
    root = make_site({
        "content/posts/good.md": "---\ntitle: Good\ndate: 2024-01-01\n---\nFine.\n",
        "content/oops.md": "---\ntitle: Oops\n---\nSee [x](missing-page.md).\n",
    }, config=config)
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    warnings = [line for line in output.splitlines() if "warning" in line.lower()]
    assert any("oops.md" in line for line in warnings), output
    assert any("missing-page.md" in line for line in warnings), output
    assert reported_errors(result.stderr) == []
    assert (root / "build" / "oops" / "index.html").is_file()
    assert (root / "build" / "posts" / "good" / "index.html").is_file()


def test_two_urls_for_one_file_is_one_clear_error(good_site: tuple[Path, dict[str, bytes]]) -> None:
    """The page /clash/ and a file content/clash/index.html that a page links to would both
    be build/clash/index.html: one would silently replace the other (and an incremental
    build would write one through a link to the other's file in build/)."""
    root, before = good_site
    mistake = Mistake("same-output-file", {
        "content/clash.md": "---\ntitle: Clash\n---\nSee [the file](clash/index.html).\n",
        "content/clash/index.html": "<p>A file.</p>\n",
    }, ("index.html",), None, ("/clash/ and /clash/index.html", "both be written"))
    write_over(root, mistake)
    assert_build_fails_cleanly(root, before, mistake)


def raised(call: Callable[[], object]) -> Exception:
    """The exception ``call`` raises (its traceback starts here, as render_markdown's)."""
    try:
        call()
    except Exception as error:
        return error
    raise AssertionError("nothing raised")


def test_only_an_error_within_the_markdown_libraries_is_the_authors() -> None:
    """An error that rose in Python-Markdown's or pymdown-extensions' own code is told as the
    page's (the build names its file); one that passed through the engine's own code is a
    bug of the engine's (raised as it is); one in neither is raised too."""
    from markdown.blockprocessors import BlockProcessor

    from sitegen import markdown as site_markdown

    in_library = raised(lambda: BlockProcessor.lastChild(None, None))
    error = site_markdown._render_error(in_library)
    assert error is not None and "cannot render this page: TypeError" in error.message
    assert "markdown/blockprocessors.py" in error.message and error.hint
    engine = raised(lambda: site_markdown.strip_tags(None))
    assert site_markdown._render_error(engine) is None
    assert site_markdown._render_error(raised(lambda: {}["x"])) is None


def test_a_template_that_extends_itself_is_named_and_no_other_recursion_is(
        tmp_path: Path) -> None:
    """A template that extends itself recurses in Jinja: the author's mistake, named. A
    recursion elsewhere is the engine's, never reported as a template's."""
    files = {"content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\n---\nHi.\n",
             "templates/post.html": '{% extends "post.html" %}\n'}
    result = build(write_site(tmp_path / "s", files, 'title = "T"\nbase_url = "https://e.org/"\n'))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "templates/: error: a template extends or includes itself" in result.stderr
    assert template_error(RecursionError("deep")) is None
