"""Snippets (``--8<--``, pymdownx.snippets' syntax): files included into a body before it
is rendered, from the page's folder then content/, never from outside content/; every
missing file is named at its line at once, and the expansion that keeps each line's origin
gives pymdownx.snippets' own text."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.errors import AuthorError
from sitegen.markdown import render_markdown
from sitegen.snippets import (
    _snippet_converter,
    expand_snippets,
    expand_snippets_by_line,
    missing_snippets,
    snippet_files,
    use_snippet_options,
)


def html_of(body: str) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(body).html, "html.parser")


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    (tmp_path / "site.toml").write_text('title = "secret-outside"\n', encoding="utf-8")
    folder = tmp_path / "content" / "docs"
    folder.mkdir(parents=True)
    (folder / "part.md").write_text("Part *one*.\n--8<-- \"shared/deep.md\"\n",
                                    encoding="utf-8")
    (tmp_path / "content" / "shared").mkdir()
    (tmp_path / "content" / "shared" / "deep.md").write_text("Deep text.\n", encoding="utf-8")
    (tmp_path / "content" / "code.py").write_text("print('included')\n", encoding="utf-8")
    return tmp_path / "content"


def test_snippets_are_expanded_from_the_folder_then_content(content: Path) -> None:
    page = content / "docs" / "page.md"
    body = 'Intro.\n\n--8<-- "part.md"\n\n```python\n--8<-- "code.py"\n```\n\n;--8<-- "x"\n'
    expanded = expand_snippets(body, page, content, first_line=3)
    assert "Part *one*.\nDeep text.\n" in expanded
    assert "```python\nprint('included')\n\n```" in expanded
    assert '--8<-- "x"' in expanded  # escaped with ";": shown as written
    assert snippet_files(body, page, content, 3) == [
        (content / "docs" / "part.md").resolve(), (content / "shared" / "deep.md").resolve(),
        (content / "code.py").resolve()]
    assert html_of(expanded).select_one("div.highlight code").get_text() == \
        "print('included')\n"


def test_a_snippet_s_front_matter_on_the_page_s_top_is_left_out(content: Path) -> None:
    """Traefik's kv/consul.md, one --8<-- line of a page with its own title: MkDocs' meta
    reads the front matter it brings to the page's top, and drops it (it had been shown as a
    rule and a heading 'title: "Consul"'); below the top, a snippet's lines stay."""
    (content / "docs" / "consul.md").write_text('---\ntitle: "Consul"\n---\n\n# Consul\n',
                                                encoding="utf-8")
    page = content / "docs" / "kv.md"
    text, lines = expand_snippets_by_line('\n--8<-- "consul.md"\n', page, content)
    assert (text, lines) == ("\n\n# Consul\n\n", [0, 1, 1, 1, 2])
    assert expand_snippets('Intro.\n\n--8<-- "consul.md"\n', page, content).startswith(
        'Intro.\n\n---\ntitle: "Consul"\n---\n')
    # (a snippet that opens with a rule over text, which meta reads as no front matter:
    # kept whole)
    notice = "---\n\n**Notice:** shared.\n\n---\n\nBody.\n"
    (content / "docs" / "notice.md").write_text(notice, encoding="utf-8")
    assert expand_snippets('--8<-- "notice.md"\n', page, content) == notice + "\n"


def test_snippet_block_form(content: Path) -> None:
    body = "--8<--\ncode.py\nshared/deep.md\n--8<--\n"
    assert expand_snippets(body, content / "a.md", content) == "print('included')\n\nDeep text.\n\n"


@pytest.mark.parametrize("target", ["../site.toml", "../../site.toml", "{root}/site.toml",
                                    "https://example.com/x.md"])
def test_snippets_outside_content_are_an_error_at_their_line(
        content: Path, target: str) -> None:
    target = target.format(root=content.parent)
    body = f"# T\n\ntext\n--8<-- \"{target}\"\n"
    for function in (expand_snippets, snippet_files):
        with pytest.raises(AuthorError) as raised:
            function(body, content / "docs" / "page.md", content, 10)
        assert raised.value.line == 13
        assert target in raised.value.message and raised.value.hint
        assert "secret-outside" not in str(raised.value)


def test_every_missing_snippet_of_a_page_is_named_at_once(content: Path) -> None:
    """polars' pages include several files from a folder the move left behind: one build
    names them all, not one a build. Without check_paths (pymdownx.snippets' default, which
    MkDocs builds with), their lines are left out with a warning; with it, the build
    stops."""
    body = '--8<-- "a.py"\n\ntext\n\n```python\n--8<-- "b.py"\n```\n\n--8<-- "c.py"\n'
    page = content / "docs" / "page.md"
    [warning] = missing_snippets(body, page, content, 5)
    assert (warning.line, warning.message) == (5, "snippet 'a.py' not found (--8<--); also "
                                               "'b.py' at line 10, 'c.py' at line 13: the "
                                               "line is left out")
    assert snippet_files(body, page, content, 5) == []
    assert expand_snippets(body, page, content) == "\ntext\n\n```python\n```\n\n"
    config = content.parent / "site.toml"
    use_snippet_options({"check_paths": True}, config)
    try:
        for function in (expand_snippets, snippet_files):
            with pytest.raises(AuthorError) as raised:
                function(body, page, content, 5)
            assert raised.value.line == 5
            assert raised.value.message == warning.message.removesuffix(": the line is left out")
        assert missing_snippets(body, page, content, 5) == []
    finally:
        use_snippet_options({}, config)


@pytest.mark.parametrize(("name", "copy"), [
    ("CONTRIBUTING.md", 'content/_CONTRIBUTING.md, which is no page of its own, and include '
                        '"_CONTRIBUTING.md"'),
    ("docs_src/app.py", "content/docs_src/app.py")])
def test_a_snippet_of_the_site_s_folder_is_told_where_to_go(content: Path, name: str,
                                                           copy: str) -> None:
    """MkDocs includes snippets from the project's folder (``--8<-- "CONTRIBUTING.md"``)."""
    (content.parent / name).parent.mkdir(exist_ok=True)
    (content.parent / name).write_text("Be kind.\n", encoding="utf-8")
    with pytest.raises(AuthorError) as raised:
        expand_snippets(f'--8<-- "{name}"\n', content / "docs" / "page.md", content)
    assert raised.value.hint == f"{name} is in the site's folder, outside content/ (MkDocs " \
        f"includes from there): copy it to {copy}"


def test_a_snippet_named_from_the_site_s_folder_into_content_is_told_its_name(
        content: Path) -> None:
    """Traefik's --8<-- "content/reference/x.md", named through MkDocs' docs_dir: the hint
    gives its name from content/ (it had said to copy it to content/content/...)."""
    with pytest.raises(AuthorError) as raised:
        expand_snippets('--8<-- "content/shared/deep.md"\n', content / "docs" / "p.md", content)
    assert raised.value.hint == "content/shared/deep.md is named from the site's folder " \
        '(MkDocs\' docs_dir, content/): name it from content/, --8<-- "shared/deep.md"'


@pytest.mark.parametrize("name", ["shared", "image.png"])
def test_a_folder_or_binary_file_is_an_error_not_a_traceback(content: Path, name: str) -> None:
    (content / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(AuthorError) as raised:
        expand_snippets(f'text\n--8<-- "{name}"\n', content / "page.md", content)
    assert raised.value.line == 2


def test_a_link_out_of_content_is_not_included(content: Path) -> None:
    (content / "link.md").symlink_to(content.parent / "site.toml")
    with pytest.raises(AuthorError):
        expand_snippets('--8<-- "link.md"\n', content / "page.md", content)


def test_snippets_expanded_line_by_line_give_pymdownx_s_text(content: Path) -> None:
    """The expansion that keeps each line's origin, against pymdownx.snippets' own run over
    the whole body: inline and block forms, nested files, escapes, line ranges, sections."""
    (content / "sections.md").write_text("--8<-- [start:one]\nOne.\n--8<-- [end:one]\nTwo.\n",
                                         encoding="utf-8")
    page = content / "docs" / "page.md"
    body = ('Intro.\n\n--8<-- "part.md"\nAfter.\n--8<--\ncode.py\n; skipped\n\nshared/deep.md\n'
            '--8<--\n  --8<-- "code.py"\n;--8<-- "x"\n--8<-- "sections.md:one"\n'
            '--8<-- "sections.md"\n--8<-- "part.md:1:1"\n--8<-- [start:name]\nEnd.\n'
            '--8<--\ncode.py')
    whole = "\n".join(_snippet_converter(page, content).run(body.split("\n")))
    expanded, written_lines = expand_snippets_by_line(body, page, content)
    assert expanded == whole
    lines, written = expanded.split("\n"), body.split("\n")
    assert len(written_lines) == len(lines)
    assert written_lines == sorted(written_lines)
    assert [lines[index] for index, origin in enumerate(written_lines)
            if "8<" not in written[origin] and written_lines.count(origin) == 1] == \
        ["Intro.", "", "After.", "End."]
    assert written_lines[lines.index("Deep text.")] == 2  # (through part.md)
    assert written_lines[lines.index("  print('included')")] == 10
    assert written_lines[lines.index("print('included')")] == 4  # (a block: its first line)


def test_a_body_without_snippets_is_returned_as_it_is(content: Path) -> None:
    body = "No snippets here, nor --8<-- lines in code: `--8<-- \"x\"`.\n"
    assert expand_snippets(body, content / "page.md", content) == body
    assert snippet_files(body, content / "page.md", content) == []


def test_a_path_going_up_to_a_file_of_content_is_told_its_name_there(content: Path) -> None:
    """keptn's --8<-- "../assets/eval.yaml" from docs/guides/: refused, as pymdownx.snippets
    refuses it, with the name that includes it."""
    (content / "docs" / "assets").mkdir()
    (content / "docs" / "assets" / "eval.yaml").write_text("a: 1\n", encoding="utf-8")
    page = content / "docs" / "guides" / "evaluations.md"
    with pytest.raises(AuthorError) as raised:
        snippet_files('```yaml\n--8<-- "../assets/eval.yaml"\n```\n', page, content)
    assert raised.value.line == 2
    assert raised.value.hint == "a path that goes up out of the page's folder with '..' is " \
        "not followed (nor by pymdownx.snippets): name the file from content/, --8<-- " \
        '"docs/assets/eval.yaml"'
    assert "a: 1" in expand_snippets('--8<-- "docs/assets/eval.yaml"\n', page, content)
