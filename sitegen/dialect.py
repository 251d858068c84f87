"""The Markdown dialect beyond Python-Markdown's extensions: what other generators' sites use.

- :class:`GitHubAlertsExtension`: ``> [!NOTE]`` (``TIP``, ``IMPORTANT``, ``WARNING``,
  ``CAUTION``) on a block quote's first line makes it an admonition, as ``!!! note`` does.
- :func:`expand_snippets` and :func:`snippet_files`: ``--8<-- "file"`` includes, expanded
  by pymdownx.snippets before a body is rendered, never while it is rendered (the render is
  cached by the body's text: the text must already hold what was included). Only files
  under ``content/`` are read, and nothing is downloaded.
- :func:`unsupported_syntax`: each construct of another generator that is shown as text
  (Liquid, Hugo shortcodes, directives, math...), outside code, with its line and a hint.

The scans read each line once, with ``str.find`` and plain loops (as in textscan.py).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pymdownx.snippets import (
    SnippetExtension,
    SnippetMissingError,
)

from sitegen.config import config_line
from sitegen.errors import AuthorError
from sitegen.foreignlinks import LINK_TAG_STARTS, is_link_syntax, tag_as_address
from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.models import SNIPPET_MARK
from sitegen.textscan import TOC_MARKER, outside_code_spans

# --- GitHub alerts ---------------------------------------------------------------------------

ALERTS = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
          "caution": "Caution"}


def _alert_kind(text: str | None) -> str | None:
    """The alert ``text`` starts with (``[!NOTE]`` alone on the first line, any case)."""
    first = (text or "").lstrip().split("\n", 1)[0].strip()
    if first.startswith("[!") and first.endswith("]"):
        kind = first[2:-1].lower()
        return kind if kind in ALERTS else None
    return None


def _split_at_alerts(root: etree.Element) -> None:
    """Part each block quote of ``root`` before each paragraph (but its first) that starts
    with an alert's marker: the quote goes on as a new block quote from there."""
    for parent in list(root.iter()):
        for quote in [child for child in parent if child.tag == "blockquote"]:
            starts = [index for index, child in enumerate(quote)
                      if index and child.tag == "p" and _alert_kind(child.text)]
            for start in reversed(starts):
                rest = etree.Element("blockquote")
                rest.text, rest.tail, quote.tail = "\n", quote.tail, "\n"
                rest.extend(quote[start:])
                del quote[start:]
                parent.insert(list(parent).index(quote) + 1, rest)


class GitHubAlerts(Treeprocessor):
    """Each block quote whose first paragraph starts with an alert marker becomes
    ``<div class="admonition KIND"><p class="admonition-title">Kind</p>...</div>``, the
    markup of Python-Markdown's admonitions. Runs before inline Markdown, on the text as
    written (so ``[!NOTE]`` is never read as a link).

    Python-Markdown makes one block quote of quotes that only a blank line parts, where
    GitHub makes one of each: a paragraph of a block quote that starts with a marker (but
    the first) starts a block quote of its own first, so that each alert is one box."""

    def run(self, root: etree.Element) -> None:
        _split_at_alerts(root)
        for quote in list(root.iter("blockquote")):
            first = quote[0] if len(quote) else None
            if first is None or first.tag != "p" or not (kind := _alert_kind(first.text)):
                continue
            # The lines after the marker are blocks of their own (a list, a heading...), as
            # on GitHub: they are parsed again, in place of the paragraph.
            parsed = etree.Element("div")
            self.md.parser.parseChunk(parsed, (first.text or "").lstrip().partition("\n")[2])
            quote.remove(first)
            for index, block in enumerate(parsed):
                quote.insert(index, block)
            quote.tag = "div"
            quote.set("class", f"admonition {kind}")
            title = etree.Element("p", {"class": "admonition-title"})
            title.text, title.tail = ALERTS[kind], "\n"
            quote.insert(0, title)


class GitHubAlertsExtension(Extension):
    """Registers :class:`GitHubAlerts` before inline Markdown (priority 20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(GitHubAlerts(md), "github_alerts", 21)


# --- Attribute lists on titles ---------------------------------------------------------------

def without_attribute_list(text: str) -> str:
    """``text`` (a heading's) without the attribute list at its end, as attr_list takes it
    off a heading: white space, then ``{ #id .class key="value" }`` (or ``{: ...}``) in
    which each word is an id, a class or a ``key=value``. Other braces stay: ``Sets {a, b}``."""
    stripped = text.rstrip()
    start = stripped.rfind("{")
    if not stripped.endswith("}") or start < 1 or not stripped[start - 1].isspace():
        return text
    inside = stripped[start + 1:-1].removeprefix(":")
    # The words outside quotes (a quoted value may hold spaces): every other piece.
    words = " ".join(inside.split('"')[::2]).split()
    if inside.count('"') % 2 or not words or not all(
            word[:1] in ("#", ".") and len(word) > 1 or "=" in word[1:] for word in words):
        return text
    return stripped[:start].rstrip()


# --- Snippets (--8<--) -----------------------------------------------------------------------

SNIPPET_HINT = ("snippets are looked up in the page's folder, then in content/; files "
                "outside content/ and URLs are never included")
MAX_SNIPPET_DEPTH = 20


def _snippet_hint(written: str, content_dir: Path) -> str:
    """The hint for a snippet not found: where snippets are looked up, and, for a file of
    the site's folder (MkDocs includes from the project's folder), what to do with it."""
    name = written.strip("'\"")
    beside = content_dir.parent / name
    if name and not Path(name).is_absolute() and ".." not in Path(name).parts \
            and beside.is_file():
        private = "/".join([*Path(name).parts[:-1], "_" + Path(name).name])
        keep = (f"content/{private}, which is no page of its own, and include \"{private}\""
                if name.endswith(MARKDOWN_SUFFIXES) else f"content/{name}")
        return (f"{name} is in the site's folder, outside content/ (MkDocs includes from "
                f"there): copy it to {keep}")
    return SNIPPET_HINT


# The site's [markdown.extension_configs."pymdownx.snippets"]: see use_snippet_options.
_snippet_folders: tuple[Path, ...] = ()
_appended_snippets: tuple[str, ...] = ()


def use_snippet_options(options: dict[str, Any], config_path: Path) -> None:
    """Look snippets up in the folders of pymdownx.snippets' ``base_path`` too, after the
    page's folder and content/, and include those of its ``auto_append`` at the end of
    every page, as the site's ``site.toml`` (``config_path``) sets them (MkDocs'
    ``markdown_extensions``). Folders are named from the site's folder; its own (MkDocs'
    ``"."``) is content/ here. Raises :class:`AuthorError` for a folder outside content/,
    a value that is not text, and ``url_download``: nothing is downloaded."""
    global _snippet_folders, _appended_snippets
    where = '[markdown.extension_configs."pymdownx.snippets"]'
    base, append = options.get("base_path", []), options.get("auto_append", [])
    base, append = ([base] if isinstance(base, str) else base,
                    [append] if isinstance(append, str) else append)
    if not isinstance(base, list) or not isinstance(append, list) \
            or not all(isinstance(item, str) for item in (*base, *append)):
        raise AuthorError(config_path, f"{where}: base_path and auto_append must be lists of "
                          "texts", line=config_line(config_path, "base_path")
                          or config_line(config_path, "auto_append"),
                          hint='base_path = ["content/snippets"]')
    if options.get("url_download"):
        raise AuthorError(config_path, f"{where}: url_download is not supported: snippets are "
                          "never downloaded", line=config_line(config_path, "url_download"),
                          hint="remove it, and copy the files under content/")
    root, content = config_path.parent.resolve(), (config_path.parent / "content").resolve()
    folders = []
    for written in base:
        folder = (root / written).resolve()
        if folder != root and not folder.is_relative_to(content):
            raise AuthorError(config_path, f"{where}: base_path {written!r} is outside "
                              "content/, and snippets are read from content/ only",
                              line=config_line(config_path, written),
                              hint="copy the folder under content/ and name it there: "
                                   'base_path = ["content/snippets"]')
        folders += [] if folder == root else [folder]
    _snippet_folders, _appended_snippets = tuple(folders), tuple(append)


def with_appended_snippets(body: str) -> str:
    """``body`` with a snippet line for each file of ``auto_append`` (see
    :func:`use_snippet_options`) at its end."""
    if not _appended_snippets:
        return body
    return body.rstrip("\n") + "\n\n" + "".join(f'--8<-- "{name}"\n'
                                               for name in _appended_snippets)


def _snippet_converter(path: Path, content_dir: Path) -> Any:
    """pymdownx.snippets' preprocessor, limited to ``path``'s folder, ``content_dir`` and
    the site's ``base_path`` folders (see :func:`use_snippet_options`) inside it."""
    root = content_dir.resolve()
    folders = [folder for folder in (path.parent.resolve(), root, *_snippet_folders)
               if folder == root or folder.is_relative_to(root)]
    converter = markdown.Markdown(extensions=[SnippetExtension(
        base_path=[str(folder) for folder in dict.fromkeys(folders)], check_paths=True,
        restrict_base_path=True, url_download=False)])
    return converter.preprocessors["snippet"]


def _references(preprocessor: Any, text: str) -> Iterator[tuple[int, str]]:
    """Each snippet ``text`` names, as ``(line index, path as written)``: ``--8<-- "file"``
    lines and the lines between two ``--8<--`` lines (pymdownx.snippets' own patterns)."""
    in_block = False
    for index, line in enumerate(text.split("\n")):
        found = preprocessor.RE_ALL_SNIPPETS.match(line) if "8<" in line else None
        if found and not found.group("escape"):
            if found.group("inline_marker"):
                yield index, found.group("snippet")[1:-1].strip()
            else:
                in_block = not in_block
        elif in_block and line.strip() and not line.strip().startswith(";"):
            yield index, line.strip()


def _included(preprocessor: Any, text: str, root: Path, seen: list[Path]) -> Iterator[
        tuple[int, str, Path | None]]:
    """Each file ``text`` includes, and those they include in turn, as ``(line index in
    text, the snippet as written and quoted, the file or None if it cannot be included)``.
    A file already in ``seen``, or deeper than ``MAX_SNIPPET_DEPTH``, is not read again
    (pymdownx.snippets skips it too)."""
    for index, written in _references(preprocessor, text):
        target = preprocessor.parse_snippet_target(written)
        found = preprocessor.get_snippet_path(target["path"]) if target else None
        file = Path(found).resolve() if found else None
        if file is not None and not file.is_relative_to(root):  # (a link out of content/)
            file = None
        yield index, f"'{written}'", file
        if file is not None and file not in seen and len(seen) < MAX_SNIPPET_DEPTH:
            nested = _included(preprocessor, file.read_text(encoding="utf-8"), root,
                               [*seen, file])
            yield from ((index, f"{nested_written} (in {file.name})", nested_file)
                        for _, nested_written, nested_file in nested)


def snippet_files(body: str, path: Path, content_dir: Path, first_line: int = 1) -> list[Path]:
    """The files ``body`` (of ``path``, starting at line ``first_line``) includes with
    ``--8<--``, directly or through another snippet: what its expansion depends on.

    Raises :class:`AuthorError` at the line of the first snippet that cannot be included
    (missing, outside ``content_dir``, a URL), naming the others that cannot be either."""
    if "8<" not in body:
        return []
    preprocessor = _snippet_converter(path, content_dir)
    files: list[Path] = []
    missing: list[tuple[int, str]] = []
    index = 0
    try:
        for index, written, file in _included(preprocessor, body, content_dir.resolve(), []):
            if file is None:
                missing.append((first_line + index, written))
            else:
                files.append(file)
    except (OSError, UnicodeDecodeError) as error:  # (a folder, a file that is not text)
        raise AuthorError(path, f"a snippet cannot be read: {error}", line=first_line + index,
                          hint="include UTF-8 text files only") from None
    if missing:
        (line, written), others = missing[0], missing[1:]
        also = "; also " + ", ".join(f"{name} at line {at}" for at, name in others[:10]) + (
            f" and {len(others) - 10} more" if len(others) > 10 else "") if others else ""
        raise AuthorError(path, f"snippet {written} not found (--8<--){also}", line=line,
                          hint=_snippet_hint(written, content_dir))
    return list(dict.fromkeys(files))


def expand_snippets(body: str, path: Path, content_dir: Path, first_line: int = 1) -> str:
    """``body`` with each ``--8<-- "file"`` line (and each file listed between two
    ``--8<--`` lines) replaced by the file's lines, as pymdownx.snippets does (line ranges
    ``file:2:5`` and sections ``file:name`` too; ``;--8<--`` stays as ``--8<--``).

    Files are looked up in ``path``'s folder, then in ``content_dir``; nothing outside
    ``content_dir`` is read and no URL is downloaded. Raises :class:`AuthorError` naming the
    line of a snippet that cannot be included."""
    return expand_snippets_by_line(body, path, content_dir, first_line)[0]


def _segments(preprocessor: Any, lines: list[str]) -> Iterator[tuple[int, int]]:
    """``lines`` cut where pymdownx.snippets' expansion of each part is independent of the
    others, as ``(start, stop)`` indexes: a block of files between two ``--8<--`` lines is
    one part, and every other line one."""
    index = 0
    while index < len(lines):
        line = lines[index]
        found = preprocessor.RE_ALL_SNIPPETS.match(line) if "8<" in line else None
        stop = index + 1
        if found and not found.group("escape") and not found.group("inline_marker"):
            while stop < len(lines):  # (to the block's closing line, or the end)
                closing = preprocessor.RE_ALL_SNIPPETS.match(lines[stop]) \
                    if "8<" in lines[stop] else None
                stop += 1
                if closing and not closing.group("escape") \
                        and not closing.group("inline_marker"):
                    break
        yield index, stop
        index = stop


def expand_snippets_by_line(body: str, path: Path, content_dir: Path,
                            first_line: int = 1) -> tuple[str, list[int]]:
    """:func:`expand_snippets`, and for each line of its text, the index of the line of
    ``body`` it comes from (a ``--8<--`` line's, for the lines it includes), so that a
    warning about the text names a line of the file."""
    lines = body.split("\n")
    if "8<" not in body:
        return body, list(range(len(lines)))
    snippet_files(body, path, content_dir, first_line)
    preprocessor = _snippet_converter(path, content_dir)
    expanded: list[str] = []
    written_lines: list[int] = []
    try:
        for start, stop in _segments(preprocessor, lines):
            part = preprocessor.run(lines[start:stop])
            expanded += part
            written_lines += [start] * len(part)
    except SnippetMissingError as error:  # (what snippet_files did not foresee)
        raise AuthorError(path, str(error), line=first_line, hint=SNIPPET_HINT) from None
    return "\n".join(expanded), written_lines


# --- Unsupported syntax ----------------------------------------------------------------------

Finding = tuple[int, str, str]  # (line, message, hint)
MAX_REPORTED = 5  # findings per body; the rest are counted in one more

TEMPLATE_HINT = "replace it with Markdown or HTML; templates never run inside content"
INCLUDE_HINT = "include the file with a line --8<-- \"file\" (in a fence, for code), or paste it"
_BRACES: list[tuple[str, str, str, str]] = [  # (opener, closer, what it is, hint)
    ("{{<", ">}}", "a Hugo shortcode", TEMPLATE_HINT),
    ("{{%", "%}}", "a Hugo shortcode", TEMPLATE_HINT),
    ("{%", "%}", "a Liquid tag", TEMPLATE_HINT),
    ("{{", "}}", "a Liquid, Jinja or MkDocs macro expression", TEMPLATE_HINT),
    ("{*", "*}", "a FastAPI docs include", INCLUDE_HINT),
    ("{::", "}", "a kramdown extension",
     "remove it: kramdown's options and comments have no equivalent here"),
    ("{!", "!}", "an mdx_include include", INCLUDE_HINT),
]
_BRACES_AFTER = {  # the constructs by their opener's second character
    second: [entry for entry in _BRACES if entry[0][1] == second] for second in "{%*:!"}
_HINTS = {
    "highlight": "use a fenced code block: ```ruby ... ``` (the language after the backticks)",
    "raw": "remove it: content is never run through a template, so nothing needs escaping",
    "endraw": "remove it: content is never run through a template, so nothing needs escaping",
}


def _indent(line: str) -> int:
    """The column of ``line``'s first character that is not a space or tab (tabs to 4)."""
    column = 0
    for character in line:
        if character == " ":
            column += 1
        elif character == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _fence_of(line: str) -> str:
    """The fence (three or more backticks or tildes) ``line`` starts with, after spaces and
    block quote marks, or ''."""
    text = line.lstrip(" \t>")
    mark = text[:1]
    if mark not in ("`", "~"):
        return ""
    fence = text[:len(text) - len(text.lstrip(mark))]
    if len(fence) < 3 or (mark == "`" and "`" in text[len(fence):]):
        return ""
    return fence


def _is_list_item(line: str) -> bool:
    """Whether ``line`` starts a list item (``-``, ``*``, ``+``, ``1.``, ``1)``)."""
    text = line.lstrip(" \t>")
    if text[:1] in ("-", "*", "+"):
        marker_end = 1
    else:
        digits = len(text) - len(text.lstrip("0123456789"))
        if not digits or text[digits:digits + 1] not in (".", ")"):
            return False
        marker_end = digits + 1
    return text[marker_end:marker_end + 1] in (" ", "\t")


def _closes(line: str, fence: str, opened_at: int = 0) -> bool:
    """Whether ``line`` closes ``fence`` (opened ``opened_at`` columns in): the same mark, at
    least as many, nothing after, less than four columns further in (a line indented more
    is code, as superfences reads it)."""
    closing = _fence_of(line)
    return closing[:1] == fence[:1] and len(closing) >= len(fence) and \
        not line.lstrip(" \t>")[len(closing):].strip() and _indent(line) < opened_at + 4


def _without_code_spans(line: str) -> str:
    """``line`` with each code span replaced by as many spaces."""
    if "`" not in line:
        return line
    return "".join(" " * len(piece) if is_code else piece
                   for is_code, piece in outside_code_spans(line))


def _opens_container(line: str) -> bool:
    """Whether ``line`` opens an admonition (``!!! note``), a collapsible one (``??? note``,
    ``???+ note``) or a tab (``=== "Tab"``), whose text is indented four spaces under it."""
    text = line.strip()
    return text.startswith(("!!! ", "??? ", "???+ ", "=== ", "===+ ")) and len(text) > 4


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Each line of ``body`` that is not code, as ``(index, text)``: fenced code (also in
    lists and quotes) and indented code are left out, and code spans are blanked out.

    Indented code is four columns after a blank line (eight in a list: a list item's
    paragraphs are indented four), counted from the text of the admonition or tab it is in
    (``!!! note``, ``??? note``, ``=== "Tab"``: their text is indented four). A fence with no
    closing one runs to the end (superfences would show it as text): a little text may go
    unchecked, never code."""
    for index, line, kind in _line_kinds(body):
        if kind == "prose":
            yield index, _without_code_spans(line)


def _fence_lines(body: str) -> list[tuple[int, int]]:
    """Where each line of ``body`` that may open or close a fence (see :func:`_fence_of`)
    starts, and where its backticks or tildes start, in order: found with ``str.find``."""
    found = []
    for mark in ("```", "~~~"):
        place = body.find(mark)
        while place != -1:
            start = body.rfind("\n", 0, place) + 1
            if not body[start:place].strip(" \t>"):
                found.append((start, place))
            end = body.find("\n", place)
            place = -1 if end == -1 else body.find(mark, end)
    return sorted(found)


def unclosed_fence(body: str) -> int | None:
    """The index of the line of ``body`` that opens a code fence no line closes (see
    :func:`prose_lines`), or None. Where every line that may be a fence's starts at the
    margin, no other line can open or close one, and none of them is indented code: those
    lines alone are looked at (most bodies); else each line (:func:`_unclosed_fence_walk`)."""
    lines = _fence_lines(body)
    if any(start != mark for start, mark in lines):
        return _unclosed_fence_walk(body)
    fence, opened = "", 0
    for start, _ in lines:
        end = body.find("\n", start)
        line = body[start:end if end != -1 else len(body)]
        if not fence:
            fence, opened = _fence_of(line), start
        elif _closes(line, fence):
            fence = ""
    return body.count("\n", 0, opened) if fence else None


def _unclosed_fence_walk(body: str) -> int | None:
    """:func:`unclosed_fence`, each line looked at."""
    opened = None
    for index, _, kind in _line_kinds(body):
        opened = index if kind == "opens" else None if kind == "closes" else opened
    return opened


def _line_kinds(body: str) -> Iterator[tuple[int, str, str]]:
    """Each line of ``body`` as ``(index, line, kind)``, its kind ``"prose"``, ``"blank"``,
    ``"code"`` (indented), ``"opens"`` (a fence), ``"fenced"`` or ``"closes"`` (a fence):
    see :func:`prose_lines`."""
    fence, opened_at, in_code, in_list, after_blank = "", 0, False, False, True
    containers: list[int] = []  # the indentation of each open admonition's or tab's text
    for index, line in enumerate(body.split("\n")):
        if fence:
            closes = _closes(line, fence, opened_at)
            fence = "" if closes else fence
            yield index, line, "closes" if closes else "fenced"
            continue
        if not line.strip():
            after_blank = True
            yield index, line, "blank"
            continue
        while containers and _indent(line) < containers[-1]:
            containers.pop()
        indent = _indent(line) - (containers[-1] if containers else 0)
        in_code = indent >= (8 if in_list else 4) and (in_code or after_blank)
        if not in_code:
            fence, opened_at = _fence_of(line), _indent(line)
            # A list goes on until a line at the margin after a blank line.
            in_list = _is_list_item(line) or (in_list and not (indent == 0 and after_blank))
            if _opens_container(line):
                containers.append(_indent(line) + 4)
        after_blank = False
        yield index, line, "code" if in_code else "opens" if fence else "prose"


def _brace_findings(text: str) -> Iterator[tuple[str, str]]:
    """Each template tag, shortcode, include or kramdown extension in ``text``, in order,
    as ``(construct, kind)``: one scan from left to right."""
    start = text.find("{")
    while start != -1:
        if text.startswith("{{{", start):  # (no template's: a vim fold marker, {{{1)
            start = text.find("{", start + len(text[start:]) - len(text[start:].lstrip("{")))
            continue
        for opener, closer, kind, _ in _BRACES_AFTER.get(text[start + 1:start + 2], ()):
            if not text.startswith(opener, start):
                continue
            if opener == "{%" and not _is_liquid_tag(text, start):
                continue
            close = text.find(closer, start + len(opener))
            end = len(text) if close == -1 else close + len(closer)
            if not _is_escaped_shortcode(text[start:end]):  # (shown, as it should be)
                yield text[start:end], kind
            start = end - 1
            break
        start = text.find("{", start + 1)


def _is_liquid_tag(text: str, start: int) -> bool:
    """Whether the ``{%`` at ``start`` opens a Liquid tag: ``{%``, ``-``, spaces, a word."""
    word = start + 2 + text.startswith("-", start + 2)
    while word < len(text) and text[word] in " \t":
        word += 1
    return word < len(text) and (text[word].isalnum() or text[word] == "_")


def _hint_for(construct: str, kind: str) -> str:
    """The hint for one construct: the tag's own, else its kind's."""
    words = construct.strip("{}%-<> \t").split()
    tag_hint = _HINTS.get(words[0], "") if words and kind == "a Liquid tag" else ""
    return tag_hint or next(hint for _, _, what, hint in _BRACES if what == kind)


def _valid_admonition(text: str) -> bool:
    """Whether ``text`` (a line starting ``!!!``) is Python-Markdown's admonition syntax:
    ``!!!``, at most one space, class words, then optionally a space and ``"Title"``."""
    rest = text[4:] if text.startswith("!!! ") else text[3:]
    words, quote, title = rest.partition('"')
    if quote and (not words.endswith(" ") or '"' not in title
                  or title[title.rfind('"') + 1:].strip(" ")):
        return False
    return bool(words.strip()) and not words.startswith(" ") and all(
        character.isalnum() or character in "_- " for character in words)


def _is_code_reference(name: str) -> bool:
    """Whether ``name`` (what follows ``:::``) is a dotted Python name (``httpx.Client``),
    as mkdocstrings and mkautodoc take (a directive's name has no dot), a module's name of
    one word that names no directive (``textual``), or mkdocs-click's ``::: mkdocs-click``,
    the documentation of a command line made by importing it."""
    parts = name.split(".")
    return name == "mkdocs-click" or (len(parts) > 1 and all(p.isidentifier() for p in parts)) \
        or (name.isidentifier() and name.lower() not in _DIRECTIVES)


# The admonition types of ``///`` blocks: Material for MkDocs' (which the theme draws), with
# pymdownx.blocks.admonition's own.
ADMONITION_TYPES = ("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint",
                    "important", "success", "check", "done", "question", "help", "faq",
                    "warning", "caution", "attention", "failure", "fail", "missing", "danger",
                    "error", "bug", "example", "quote", "cite", "seealso")
# The names of the engine's other ``///`` blocks (pymdownx.blocks' details, tab and html).
SLASH_BLOCKS = frozenset({*ADMONITION_TYPES, "admonition", "details", "tab", "html"})
# The blocks the site's own Markdown settings add (admonition types, pymdownx.blocks.caption's
# blocks...): see use_site_blocks.
_site_blocks: frozenset[str] = frozenset()


def use_site_blocks(names: Iterable[str]) -> None:
    """Read ``/// name`` blocks of these ``names`` as blocks, not as text to report: those
    that the site's ``[markdown]`` settings give the converter (see
    :func:`sitegen.markdown.use_site_extensions`)."""
    global _site_blocks
    _site_blocks = frozenset(name.lower() for name in names)


def _slash_block_name(stripped: str) -> str | None:
    """The name a ``/// name | title`` line opens a block of; None for a closing ``///``."""
    name = stripped.lstrip("/").partition("|")[0].strip()  # (//// name: one inside another)
    return name.lower() if name else None


# The names of Docusaurus', VitePress' and Pandoc's directives and divs (a ``::: name`` of
# one word that is none of these is a Python module, as ``::: textual``).
_DIRECTIVES = frozenset({
    "note", "tip", "info", "warning", "danger", "caution", "important", "details", "success",
    "failure", "question", "example", "quote", "abstract", "bug", "todo", "hint", "attention",
    "error", "seealso", "aside", "code", "raw", "v", "div", "columns", "column", "figure",
    "sidebar", "admonition", "callout", "alert", "secondary", "primary", "custom", "dropdown",
    "tabs", "tab", "card", "grid", "tips", "notes", "warnings", "hints", "faq", "summary",
    "check", "done", "fail", "missing", "cite", "help", "definition"})


SHOWN = "shown as text"  # (what becomes of most constructs: see _line_findings)


def _line_findings(text: str, previous: str,
                   following: str) -> Iterator[tuple[str, str, str, str]]:
    """The block constructs ``text`` (a prose line; ``previous`` and ``following``: the
    lines around it) is or starts, as ``(construct, what it is, what becomes of it, hint)``
    (most are ``SHOWN``, shown as text)."""
    stripped = text.lstrip(" \t>").rstrip()
    if stripped.startswith("#") and stripped.lstrip("#").lstrip().startswith(":::"):
        stripped = stripped.lstrip("#").lstrip()  # (mkdocstrings' heading: ## ::: package.x)
    if stripped.startswith(":::") and _is_code_reference(stripped[3:].strip()):
        yield (stripped[:40], "a reference to Python code (mkdocstrings', mkautodoc's or "
               "mkdocs-click's), whose documentation a plugin makes by importing it", SHOWN,
               "write that part of the documentation in Markdown, or paste the text the "
               "plugin made of it")
    elif stripped.startswith(":::") and stripped.strip(":").strip():
        yield (stripped[:40], "a directive (Docusaurus, VitePress) or Pandoc fenced div", SHOWN,
               'use an admonition (!!! note "Title") or a /// block (/// note | Title)')
    if stripped.startswith("///") and (name := _slash_block_name(stripped)) is not None \
            and name not in SLASH_BLOCKS and name not in _site_blocks:
        yield (stripped[:40], "a block of a pymdownx.blocks extension this engine does not "
               "have", SHOWN,
               f"use a block it has: /// note | Title ({', '.join(ADMONITION_TYPES[:6])}..."
               "), /// details | Title, /// tab | Title, or /// html | div")
    if stripped.startswith("!!!") and not _valid_admonition(stripped):
        yield (stripped[:40], "an admonition line Python-Markdown does not read", SHOWN,
               'write !!! TYPE "Title" (a space, the type, optionally a quoted title), '
               "then the body indented four spaces")
    if stripped.startswith("{:") and not stripped.startswith("{::") and stripped.endswith("}"):
        yield from _attribute_list_findings(stripped, previous, following)


def _attribute_list_findings(stripped: str, previous: str,
                             following: str) -> Iterator[tuple[str, str, str, str]]:
    """:func:`_line_findings` of a line that is a kramdown attribute list (``{: .x }``)."""
    if stripped[2:-1].strip() == "toc":
        if not _is_list_item(previous):  # (after an item, the contents: see kramdown_toc)
            yield (stripped, "kramdown's table of contents marker", SHOWN,
                   "write [TOC] where the table of contents goes, or set toc: true")
    elif not previous.strip() or previous.lstrip(" >").startswith("#"):
        yield (stripped, "a kramdown attribute list on its own line", SHOWN,
               "put it on the line right after the paragraph or heading it applies to, "
               "with no blank line between")
    elif _is_table_row(previous):
        yield (stripped[:40], "a kramdown attribute list after a table, which takes no "
               "attributes here", "left out", "remove it")
    elif following.strip() and not following.lstrip().startswith("</"):
        # (at a paragraph's end, before a blank line or a closing tag, the paragraph's)
        yield (stripped[:40], "a kramdown attribute list inside a paragraph", SHOWN,
               "put it right after the image or link it applies to: "
               "![Alt](a.png){: .center }, or at the paragraph's end for the paragraph")


# mkdocs-autorefs' cross-reference, [text][package.module.Name] (or [package.Name][]): a
# reference link to a dotted Python name.
_AUTOREF = re.compile(r"\]\[([A-Za-z_]\w*(?:\.\w+)+)\]|\[([A-Za-z_]\w*(?:\.\w+)+)\]\[\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:", re.MULTILINE)
# A full or collapsed reference link, [text][label] or [text][] (code spans blanked out).
_REFERENCE_LINK = re.compile(r"(?<![\\!])\[([^\[\]]*)\]\[([^\[\]^]*)\]")


def _autoref_findings(body: str, first_line: int) -> Iterator[Finding]:
    """mkdocs-autorefs' cross-references of ``body`` that it does not define as reference
    links: Python-Markdown shows them as written."""
    if "][" not in body:
        return
    defined = {" ".join(name.lower().split()) for name in _REFERENCE_DEFINITION.findall(body)}
    for index, text in prose_lines(body):
        if "][" in text:
            autorefs = set()
            for match in _AUTOREF.finditer(text):
                name = match[1] or match[2]
                autorefs.add(name.lower())
                if name.lower() not in defined:
                    yield (first_line + index, f"'[{name[:40]}]' (mkdocs-autorefs' "
                           "cross-reference to Python code) is shown as text",
                           "link to the page that documents it instead, as a relative link")
            for match in _REFERENCE_LINK.finditer(text):
                label = " ".join((match[2] or match[1]).lower().split())
                if label and label not in defined and label not in autorefs \
                        and SNIPPET_MARK not in body and not _appended_snippets:
                    # (a snippet may define it)
                    yield (first_line + index, f"'{match[0][:60]}' (a reference link whose "
                           "label no definition of the page names) is shown as text",
                           f"define it on a line of its own: [{label[:40]}]: https://..., or "
                           "write the link with its address: [text](https://...)")


def _code_include(line: str) -> str | None:
    """``line``, stripped, if it is only an include of mdx_include (``{!./app.py!}``) or
    of FastAPI's docs (``{* ./app.py *}``), which fill a code block with a file's lines."""
    text = line.strip()
    return text if text.startswith(("{!", "{*")) and text.endswith(("!}", "*}")) else None


def _findings(body: str, first_line: int) -> Iterator[Finding]:
    """Every unsupported construct of ``body`` (see :func:`unsupported_syntax`)."""
    if ("```" in body or "~~~" in body) and (opened := unclosed_fence(body)) is not None:
        fence = body.split("\n")[opened].strip()
        yield (first_line + opened, f"'{fence[:40]}' (a code fence that no line closes) is "
               "shown as text, with what follows it",
               "close it with a line of the same backticks (or tildes), at least as many")
    yield from _prose_findings(body, first_line)
    if "{!" in body or "{*" in body:
        yield from _code_include_findings(body, first_line)


def _code_include_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The includes of mdx_include and FastAPI's docs that fill a fenced code block, which
    shows them as code (those in prose are found with the other braces)."""
    prose = {index for index, _ in prose_lines(body)}
    for index, line in enumerate(body.split("\n")):
        if index not in prose and (include := _code_include(line)):
            kind = "a FastAPI docs include" if include.startswith("{*") \
                else "an mdx_include include"
            yield (first_line + index, f"'{include[:40]}' ({kind}) is shown as code",
                   INCLUDE_HINT)


# What a body must hold for :func:`_prose_line_findings` to find something in it: a brace
# that opens a construct ({{, {%, {*, {:, {!), math's $$, or a line starting with ":", "!"
# or "/" (a directive's, an admonition's or a block's line), or ":::" anywhere (after a
# heading's "#"s too). Searched apart: one expression with all of them takes six times as
# long (no literal to look for first).
_BRACE_MARK = re.compile(r"\{[{%*:!]")
_LINE_MARK = re.compile(r"\n[ \t>]*[:!/]")
_LINE_MARKS = (":", "!", "/")


def _line_start(text: str) -> str:
    """``text`` from its first character past quotes' marks, indentation and a heading's
    ``#``s (mkdocstrings' ``## ::: package.x``)."""
    text = text.lstrip(" \t>")
    return text.lstrip("#").lstrip(" \t") if text.startswith("#") else text


def _may_hold_construct(body: str) -> bool:
    """Whether ``body`` holds one of the marks :func:`_prose_line_findings` looks for."""
    return bool(_BRACE_MARK.search(body) or "$$" in body or ":::" in body
                or _LINE_MARK.search(body) or _line_start(body)[:1] in _LINE_MARKS)


def _prose_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The unsupported constructs of ``body``'s prose lines, in order: none, after a few
    searches, in a body that holds no mark of one (most bodies)."""
    yield from _autoref_findings(body, first_line)
    if _ICON.search(body):
        yield from _icon_findings(body, first_line)
    if _may_hold_construct(body):
        yield from _prose_line_findings(body, first_line)


def _prose_line_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The unsupported constructs of ``body``'s prose lines but mkdocs-autorefs'
    cross-references, in order: each line looked at."""
    lines = body.split("\n")
    in_math = False
    for index, text in prose_lines(body):
        if "{" not in text and "$$" not in text and _line_start(text)[:1] not in _LINE_MARKS:
            continue  # (most lines: nothing to look at)
        line = first_line + index
        if "{:" in text and (_is_heading_attribute_list(lines, index)
                             or attribute_list_before_block(lines, index) is not None):
            continue  # (kramdown's, for the heading over it or the block under it: moved
            # there by kramdown_blocks)
        around = (lines[index - 1] if index else "",
                  lines[index + 1] if index + 1 < len(lines) else "")
        for construct, kind, outcome, hint in _line_findings(text, *around):
            yield line, f"'{construct}' ({kind}) is {outcome}", hint
        for construct, kind in _brace_findings(text):
            if is_link_syntax(construct):  # (resolved, or reported, as a link)
                continue
            yield (line, f"'{construct[:40]}' ({kind}) is shown as text",
                   _hint_for(construct, kind))
        for _ in range(text.count("$$")):
            in_math = not in_math
            if in_math:
                yield (line, "math ('$$ ... $$') is not rendered: it is shown as text",
                       "show the formula as an image, as code, or in HTML (MathML)")


# (linenostart="45", codehilite's, is linenums="45")
FENCE_OPTIONS = ("title", "linenums", "hl_lines", "linenostart")


def _info_words(info: str) -> list[str]:
    """The words of a fence's info string, a quoted value kept whole (``title="a b"``)."""
    words: list[str] = []
    word, quote = "", ""
    for character in info:
        if quote:
            word += character
            quote = "" if character == quote else quote
        elif character in " \t":
            words += [word] if word else []
            word = ""
        else:
            word += character
            quote = character if character in "\"'" else ""
    return words + ([word] if word else [])


_LINE_NUMBERS = ("linenostart", "linenostep", "linenospecial")


def line_numbers(value: str) -> dict[str, int] | None:
    """A fence's ``linenums="START [STEP [SPECIAL]]"`` as Pygments options (None if it is not
    one to three numbers; ``{}`` for ``"0"``, no numbers)."""
    numbers = value.split()
    if not 1 <= len(numbers) <= 3 or not all(number.isdigit() for number in numbers):
        return None
    if int(numbers[0]) == 0:
        return {}
    return {"linenos": True, **{name: int(number) for name, number in zip(
        _LINE_NUMBERS, numbers, strict=False) if name == "linenostart" or int(number) > 0}}


def highlighted_lines(value: str) -> list[int] | None:
    """A fence's ``hl_lines="2 4-6"`` as line numbers (None if it is not numbers and ranges)."""
    lines: list[int] = []
    for item in value.split():
        first, dash, last = item.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            return None
        if dash and int(last) - int(first) > 10_000:
            return None  # (a range that long is a typing mistake, not lines of one block)
        lines += range(int(first), int(last if dash else first) + 1)
    return lines


def fence_option_problem(key: str, value: str) -> str | None:
    """What is wrong with a code fence's option ``key="value"``: not an option read here,
    or a value not of its form; None for a valid option."""
    if key not in FENCE_OPTIONS:
        return "is not an option here"
    if (key == "linenums" and line_numbers(value) is None) \
            or (key == "linenostart" and not value.isdigit()) \
            or (key == "hl_lines" and highlighted_lines(value) is None):
        return "is not of the option's form"
    return None


def _ignored_fence_words(info: str) -> list[tuple[str, str]]:
    """The words of a fence's info string (after its language) that are not a fence option
    read here (``title``, ``linenums``, ``hl_lines``, ``linenostart``) or not of its form,
    with what is wrong, unless it is an attribute list: they are ignored."""
    words = _info_words(info.strip().strip("{}"))
    braces = info.lstrip().startswith("{")  # (superfences' { .lang key="value" })
    if not words or (not braces and any(word.startswith("{") for word in words)):
        return []
    found = []
    for word in words if braces else words[1:]:
        if braces and word.startswith((".", "#")):
            continue  # (the language, a class or an id)
        key, _, value = word.partition("=")
        problem = fence_option_problem(key, value.strip("\"'"))
        if problem is not None:
            found.append((word, problem))
    return found


def _may_have_fence_words(body: str) -> bool:
    """Whether some ```` ``` ```` or ``~~~`` of ``body`` has words after the language on its
    line (a space, a tab, a ``{`` or an ``=``): only such a fence can have words to ignore.
    One look at each fence mark, where a look at each line took three times as long."""
    for mark in ("```", "~~~"):
        start = body.find(mark)
        while start != -1:
            end = body.find("\n", start)
            end = len(body) if end == -1 else end
            rest = body[start:end].lstrip(mark[0]).strip()  # (```~~~ x: the language ~~~)
            if rest and (" " in rest or "\t" in rest or "{" in rest or "=" in rest):
                return True
            start = body.find(mark, end)
    return False


def _fence_findings(body: str, first_line: int) -> Iterator[Finding]:
    """A warning for each code fence whose info string has words that are ignored
    (```` ```toml config-example ````: the code is shown, in its language). A body none of
    whose fences has more than its language is passed over (:func:`_may_have_fence_words`)."""
    if _may_have_fence_words(body):
        yield from _fence_line_findings(body, first_line)


def _fence_line_findings(body: str, first_line: int) -> Iterator[Finding]:
    """:func:`_fence_findings`, each line looked at."""
    fence, opened_at = "", 0
    for index, line in enumerate(body.split("\n")):
        if fence:
            fence = "" if _closes(line, fence, opened_at) else fence
            continue
        fence, opened_at = _fence_of(line), _indent(line)
        if fence:
            ignored = _ignored_fence_words(line.lstrip(" \t>")[len(fence):])
            if ignored:
                words = " ".join(word for word, _ in ignored)
                problem = ignored[0][1] if len(ignored) == 1 else \
                    "are not options here, or not of their form"
                yield (first_line + index, f"the code fence's {words[:40]!r} {problem}: ignored",
                       "fence options here are title=\"...\", linenums=\"1\" and "
                       "hl_lines=\"2 3\"")


# Hugo's highlight shortcode and Jekyll's highlight tag, each alone on its line: the opener
# (with the language and options between) and the closer, by their marks.
_HIGHLIGHTS = (("{{<", ">}}", "/highlight"), ("{{%", "%}}", "/highlight"),
               ("{%", "%}", "endhighlight"))


def _highlight_opener(line: str) -> tuple[int, list[str]] | None:
    """The kind (an index of :data:`_HIGHLIGHTS`) and the words after ``highlight`` of a line
    that opens a highlighted block, or None."""
    text = line.strip()
    for kind, (opener, closer, _) in enumerate(_HIGHLIGHTS):
        if text.startswith(opener) and text.endswith(closer):
            words = _info_words(text[len(opener):-len(closer)])
            if words[:1] == ["highlight"] and len(words) > 1:
                return kind, words[1:]
    return None


def _closes_highlight(line: str, kind: int) -> bool:
    """Whether ``line`` closes a highlighted block of ``kind``, alone on the line."""
    opener, closer, name = _HIGHLIGHTS[kind]
    text = line.strip()
    return text.startswith(opener) and text.endswith(closer) and \
        text[len(opener):-len(closer)].strip() == name


def _fence_info(words: list[str]) -> str:
    """A fence's info string for a highlighted block's language and options: Hugo's
    ``"linenos=table,hl_lines=2 4-5,linenostart=10"`` and Jekyll's ``linenos`` and
    ``mark_lines="2 3"`` become ``linenums`` and ``hl_lines``, a ``filename`` (Hugo
    themes') or ``title`` the ``title``; other options stay, for the fence's warning to name."""
    language, *options = words
    language = "text" if language == "raw" else language  # (Pygments' raw reads token dumps)
    settings: dict[str, str] = {}
    others = []
    for option in options:
        for part in option.strip("\"'").split(","):
            name, _, value = part.partition("=")
            name = {"mark_lines": "hl_lines", "filename": "title"}.get(  # (Jekyll's, Hugo
                name.strip(), name.strip())                                # themes')
            if name in ("linenos", "hl_lines", "linenostart", "title"):
                settings[name] = value.strip().strip("\"'")
            elif part.strip():  # (quoted, as a fence's options are: one the fence can read)
                others.append(f'{name}="{value.strip().strip(chr(34) + chr(39))}"' if value
                              else part.strip())
    info = [language]
    if settings.get("title"):
        info.append(f'title="{settings["title"]}"')
    if "linenos" in settings and settings["linenos"] != "false":  # (Jekyll's has no value)
        info.append(f'linenums="{settings.get("linenostart") or 1}"')
    if settings.get("hl_lines"):
        info.append(f'hl_lines="{settings["hl_lines"]}"')
    return " ".join(info + others)


def fenced_highlights(body: str) -> str:
    """``body`` with each block of Hugo's ``{{< highlight go >}}`` ... ``{{< /highlight >}}``
    and Jekyll's ``{% highlight ruby %}`` ... ``{% endhighlight %}`` (each mark alone on its
    line, outside code) made a fenced code block, line for line: its code is shown and
    highlighted in its language, as on the old site. A block that is not closed stays as it
    is (and is reported as text)."""
    if "highlight" not in body:
        return body
    lines = body.split("\n")
    closers = [[at for at, line in enumerate(lines) if "highlight" in line
                and _closes_highlight(line, kind)] for kind in range(len(_HIGHLIGHTS))]
    fence, opened_at = "", 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence:
            fence = "" if _closes(line, fence, opened_at) else fence
        elif (opened := _highlight_opener(line)) is not None:
            kind, words = opened
            after = bisect.bisect_right(closers[kind], index)  # (the next closer, if any)
            if after < len(closers[kind]):
                end = closers[kind][after]
                runs = re.findall("`+", "\n".join(lines[index + 1:end]))
                ticks = "`" * max(3, 1 + max(map(len, runs), default=0))
                indent = line[:len(line) - len(line.lstrip(" \t"))]
                lines[index] = f"{indent}{ticks}{_fence_info(words)}"
                lines[end] = f"{indent}{ticks}"
                index = end
        else:
            fence, opened_at = _fence_of(line), _indent(line)
        index += 1
    return "\n".join(lines)


# Hugo's escaped shortcodes, which it shows as the shortcode written: {{</* name */>}}.
_ESCAPES = (("{{</*", "*/>}}", "{{<", ">}}"), ("{{%/*", "*/%}}", "{{%", "%}}"))


def _is_escaped_shortcode(construct: str) -> bool:
    return construct.startswith(("{{</*", "{{%/*")) and construct.endswith(("*/>}}", "*/%}}"))


def unescaped_shortcodes(body: str) -> str:
    """``body`` with each of Hugo's escaped shortcodes, ``{{</* youtube abc */>}}`` (also
    with ``%``), written as the shortcode it shows, ``{{< youtube abc >}}``, in code too, as
    Hugo does; line for line. One look from left to right: an opener with no closer after
    it ends the look."""
    for opener, closer, shown_opener, shown_closer in _ESCAPES:
        if opener not in body:
            continue
        pieces, start = [], 0
        while (at := body.find(opener, start)) != -1:
            end = body.find(closer, at + len(opener))
            if end == -1:
                break
            pieces += [body[start:at], shown_opener, body[at + len(opener):end], shown_closer]
            start = end + len(closer)
        body = "".join(pieces) + body[start:]
    return body


def _hugo_attributes(text: str) -> list[str]:
    """The ``name=value`` options of Hugo's fence attributes, ``linenos=true,hl_lines=[2,
    "4-5"]`` (commas or spaces between), each value without its quotes, a list's items
    separated by spaces: ``["linenos=true", "hl_lines=2 4-5"]``."""
    options, option, depth, quote = [], "", 0, ""
    for character in text + ",":
        if quote:
            quote = "" if character == quote else quote
            option += "" if not quote else character
        elif character in "\"'":
            quote = character
        elif character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
        elif character in ", \t" and depth == 0:
            options += [option] if option else []
            option = ""
        else:
            option += " " if character == "," else character
    return options


def _hugo_fence_line(line: str, fence: str) -> str:
    """A fence's opening ``line`` (its ``fence`` found) with Hugo's attributes after the
    language, ```` ```go {linenos=table,hl_lines=[2,3],linenostart=10} ````, written as this
    engine's options (```` ```go linenums="10" hl_lines="2 3" ````); any other line as is."""
    start = line.index(fence) + len(fence)
    language, brace, attributes = line[start:].strip().partition("{")
    if not brace or not language.strip() or len(language.split()) != 1 \
            or not attributes.endswith("}") or "=" not in attributes:
        return line
    options = _hugo_attributes(attributes[:-1])
    return line[:start] + _fence_info([language.strip(), *options])


# A quick look for a fence's line with a brace: one expression a mark, as an alternative of
# the two would lose the regular expression engine's search for a literal.
_FENCES_WITH_BRACES = (re.compile(r"```[^\n`]*\{"), re.compile(r"~~~[^\n]*\{"))


def hugo_fence_attributes(body: str) -> str:
    """``body`` with Hugo's attributes of each code fence (see :func:`_hugo_fence_line`)
    written as this engine's options, line for line: Hugo's line numbers and highlighted
    lines are kept, where superfences would take the attributes for none of its options."""
    if "{" not in body or not any(pattern.search(body) for pattern in _FENCES_WITH_BRACES):
        return body
    lines = body.split("\n")
    fence, opened_at = "", 0
    for index, line in enumerate(lines):
        if fence:
            fence = "" if _closes(line, fence, opened_at) else fence
        elif fence := _fence_of(line):
            opened_at = _indent(line)
            lines[index] = _hugo_fence_line(line, fence) if "{" in line else line
    return "\n".join(lines)


def as_fences(body: str) -> str:
    """``body`` with other generators' code blocks made this engine's fences, line for line:
    Hugo's and Jekyll's ``highlight`` blocks (:func:`fenced_highlights`) and Hugo's fence
    attributes (:func:`hugo_fence_attributes`)."""
    return hugo_fence_attributes(fenced_highlights(body))


def _tag_like_shortcodes(line: str) -> list[int]:
    """Where ``line`` (a prose line, code spans blanked) has a shortcode whose ``<`` starts
    an HTML tag (``{{<button href="/s/">}}``, ``{{</button>}}``): the ``<``'s positions;
    Hugo's ``ref`` and ``relref``, read as links, are not among them."""
    found = []
    start = line.find("{{<")
    while start != -1:
        after = line[start + 3:start + 4] if line[start + 3:start + 4] != "/" else \
            line[start + 4:start + 5]
        words = line[start + 3:start + 40].lstrip("/").split(None, 1)  # (a name is short)
        name = words[0] if words else ""
        if after.isalpha() and name.lower() not in ("ref", "relref"):
            found.append(start + 2)
        start = line.find("{{<", start + 3)
    return found


# A word in braces at the end of a line of text (## The road to {shinycssloaders}), which
# Python-Markdown's attribute lists would take for an attribute: kramdown's lists start
# with {:, Python-Markdown's hold #ids, .classes and key=values.
_BARE_BRACES = re.compile(r"(?<=\S)[ \t]*(\{)[A-Za-z][\w-]*\}[ \t]*$")
_ANY_BARE_BRACES = re.compile(r"\{[A-Za-z][\w-]*\}[ \t]*$", re.MULTILINE)  # (a body's look)


# Material for MkDocs' icon shortcodes (:material-help:, :fontawesome-brands-github:,
# :octicons-mark-github-16:, :simple-slack:), which its theme draws from its own icon sets.
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:")


def without_icons(body: str) -> str:
    """``body`` with Material for MkDocs' icon shortcodes taken out of its prose (this theme
    has no icons to draw; they are warned about): a heading's id is then made of its words
    alone, as Material makes it (``## :simple-slack: Slack`` is ``#slack``). Line for line."""
    if not _ICON.search(body):
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        found = list(_ICON.finditer(text)) if ":" in text else []
        for match in reversed(found):  # (text is the line, code spans blanked: same places)
            line = lines[index]
            at_start = match.start() == len(line) - len(line.lstrip(" #")) \
                or line[:match.start()].endswith(('"', "'"))  # (## :x: Title, === ":x: Tab")
            rest = line[match.end():]
            lines[index] = line[:match.start()] + (rest.lstrip(" ") if at_start else rest)
    return "\n".join(lines)


def _icon_findings(body: str, first_line: int) -> Iterator[Finding]:
    """Each of Material for MkDocs' icon shortcodes in prose (see :func:`without_icons`)."""
    for index, text in prose_lines(body):
        for icon in _ICON.findall(text) if ":" in text else []:
            yield (first_line + index, f"'{icon}' (an icon of Material for MkDocs' theme) is "
                   "left out", "write a word, or an emoji character, instead")


def braced_words_as_text(body: str) -> str:
    """``body`` with a word in braces ending a line of text written ``\\{word}``: shown as
    written, as in kramdown and CommonMark, where Python-Markdown's attribute lists took it
    away (``## The road to {shinycssloaders}`` lost its last word). Line for line."""
    if "}" not in body or not _ANY_BARE_BRACES.search(body):
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if text.rstrip().endswith("}"):
            match = _BARE_BRACES.search(text)
            if match is not None:
                line = lines[index]
                lines[index] = line[:match.start(1)] + "\\" + line[match.start(1):]
    return "\n".join(lines)


def shortcodes_as_text(body: str) -> str:
    """``body`` with the ``<`` of each shortcode written like an HTML tag, outside code,
    written ``&lt;``: Hugo's shortcodes are shown as written (and warned about), where
    Python-Markdown would take ``<button href="/s/">`` for raw HTML. Line for line."""
    if "{{<" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        for position in reversed(_tag_like_shortcodes(text)):
            line = lines[index]
            lines[index] = line[:position] + "&lt;" + line[position + 1:]
    return "\n".join(lines)


_LIQUID_RAW = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}")
_LIQUID_ENDRAW = re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}")


def _liquid_raw_spans(body: str) -> Iterator[tuple[int, int, int, int]]:
    """Each ``{% raw %}`` ... ``{% endraw %}`` of ``body`` (Jekyll's Liquid shows what is
    between as it is), as the starts and ends of its two tags."""
    start = 0
    while (raw := _LIQUID_RAW.search(body, start)) is not None:
        end = _LIQUID_ENDRAW.search(body, raw.end())
        if end is None:
            return
        yield raw.start(), raw.end(), end.start(), end.end()
        start = end.end()


def _is_table_row(line: str) -> bool:
    return line.lstrip(" >").startswith("|")


def _is_toc_mark(text: str) -> bool:
    """Whether ``text`` is kramdown's table of contents mark, ``{:toc}`` (``{: toc }``)."""
    text = text.strip()
    return text.startswith("{:") and text.endswith("}") and text[2:-1].strip() == "toc"


def _is_block_attribute_list(text: str) -> bool:
    """Whether ``text`` (a line, stripped) is a kramdown block attribute list, ``{: .x }``
    (not a ``{::`` extension, nor the ``{:toc}`` mark)."""
    return text.startswith("{:") and not text.startswith("{::") and text.endswith("}") \
        and not _is_toc_mark(text)


def attribute_list_before_block(lines: list[str], index: int) -> int | None:
    """Where a kramdown attribute list on its own line ``index``, after a blank line, goes
    for the block right under it, as kramdown applies it there (Just the Docs' ``{: .note }``
    then the note's paragraph): the heading's line, to end it, or the blank line after the
    paragraph, which Python-Markdown reads as the paragraph's last; None for any other."""
    text = lines[index].strip()
    if not _is_block_attribute_list(text) or _indent(lines[index]) > 3 \
            or (index and lines[index - 1].strip()) or index + 1 >= len(lines):
        return None
    block = lines[index + 1]
    if not block.strip() or _indent(block) > 3:
        return None
    if block.lstrip().startswith("#"):
        return None if block.rstrip().endswith("}") else index + 1
    if block.lstrip()[:1] in ("-", "*", "+", ">", "|", "`", "~", "<", "!", "{", ":", "=", "/") \
            or _is_list_item(block):
        return None
    return next((end for end in range(index + 2, len(lines)) if not lines[end].strip()), None)


def _move_attribute_list(lines: list[str], index: int, target: int) -> None:
    """Move the attribute list of line ``index`` to ``target`` (see
    :func:`attribute_list_before_block`): to a heading's end; into the blank line after a
    paragraph when another blank line (or the end) follows it; else to the paragraph's last
    line's place, the paragraph's lines a line up (a blank line must stay after it)."""
    attributes = lines[index].strip()
    if lines[target].strip():
        lines[index], lines[target] = "", f"{lines[target].rstrip()} {attributes}"
    elif target + 1 >= len(lines) or not lines[target + 1].strip():
        lines[index], lines[target] = "", attributes
    else:
        lines[index:target] = [*lines[index + 1:target], attributes]


def _is_heading_attribute_list(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list (``{: #id .class }``, not a
    ``{::`` extension or the ``{:toc}`` mark) on the line after an ATX heading that has
    none at its end."""
    text, previous = lines[index].strip(), lines[index - 1] if index > 0 else ""
    return _is_block_attribute_list(text) and _indent(previous) < 4 \
        and previous.lstrip().startswith("#") and not previous.rstrip().endswith("}")


def kramdown_blocks(body: str) -> str:
    """``body`` with kramdown's table of contents, a list item followed by ``{:toc}`` on
    its line or the next (``* TOC`` then ``{:toc}``), written as this engine's ``[TOC]``;
    with an attribute list on the line after a heading (``## Install`` then ``{: #apt }``)
    moved to the heading's end, where Python-Markdown reads it, and one on the line before a
    heading or paragraph to that block (see :func:`attribute_list_before_block`); and with
    one right after a table (``{: .table }``, which would be a row of it here, and is warned
    about) taken out. Line for line."""
    if "{:" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if text.startswith("{:") and text.rstrip().endswith("}") and index > 0 \
                and _is_table_row(lines[index - 1]):
            lines[index] = ""
            continue
        if _is_heading_attribute_list(lines, index):
            lines[index - 1] = f"{lines[index - 1].rstrip()} {lines[index].strip()}"
            lines[index] = ""
            continue
        target = attribute_list_before_block(lines, index)
        if target is not None:  # (moved to the block under it: its heading, its paragraph)
            _move_attribute_list(lines, index, target)
            continue
        if not _is_list_item(text) or index > 0 and lines[index - 1].strip() \
                and not lines[index - 1].lstrip().startswith("<"):  # (or after a tag's line)
            continue
        item, _, mark = text.rpartition("{")
        if item.strip() and _is_toc_mark("{" + mark):  # (- Contents {:toc})
            lines[index] = TOC_MARKER
        elif index + 1 < len(lines) and _is_toc_mark(lines[index + 1]):  # (* TOC, {:toc})
            lines[index], lines[index + 1] = TOC_MARKER, ""
    return "\n".join(lines)


_LIQUID_REFERENCE = re.compile(r"( {0,3}\[[^\]]+\]:[ \t]*)"
                               r"(\{%-?[ \t]*(?:post_url|link)\b[^%]*%\})(\S*)[ \t]*$")


def liquid_reference_definitions(body: str) -> str:
    """``body`` with the spaces of a Jekyll link tag that is a reference definition's
    address (``[x]: {% post_url 2013-07-31-name %}#part``) written ``%20``, which Markdown
    takes as an address (see :func:`sitegen.foreignlinks.foreign_link`). Line for line."""
    if "]:" not in body or "{%" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        found = _LIQUID_REFERENCE.match(lines[index]) if "{%" in text else None
        if found:
            lines[index] = found[1] + tag_as_address(found[2]) + found[3]
    return "\n".join(lines)


# The template tags that may be a link's address, each with its end.
_TAG_ENDS = dict(zip(LINK_TAG_STARTS, ("%}", ">}}", "%}}"), strict=True))


def link_tags_as_addresses(body: str) -> str:
    """``body`` with the spaces and double quotes of a template tag that is a link's address
    (``[FAQ]({{< relref "faq.md" >}} "The FAQ")``) written ``%20`` and ``%22``: Markdown
    takes a space and a quote in an address to start a title, which then runs to the last
    quote of the line, over the links after it (see
    :func:`sitegen.foreignlinks.foreign_link`). Line for line."""
    if "]({" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if "]({" in text:
            lines[index] = _encoded_link_tags(lines[index])
    return "\n".join(lines)


def _encoded_link_tags(line: str) -> str:
    """:func:`link_tags_as_addresses` of one line."""
    start = line.find("]({")
    while start != -1:
        tag_start = start + 2
        closer = next((close for mark, close in _TAG_ENDS.items()
                       if line.startswith(mark, tag_start)), None)
        end = -1 if closer is None else line.find(closer, tag_start)
        if closer is not None and end != -1:
            end += len(closer)
            after = line[end:].lstrip(" \t")
            if after[:1] in ("\"", "'", "(", ")"):
                line = line[:tag_start] + tag_as_address(line[tag_start:end]) + line[end:]
        start = line.find("]({", start + 1)
    return line


def without_liquid_raw(body: str) -> str:
    """``body`` without Jekyll's ``{% raw %}`` and ``{% endraw %}`` tags, in code too, as
    Jekyll's Liquid writes it before Markdown reads it: what is between is shown as
    written. Line for line."""
    return _liquid_raw_replaced(body, lambda raw: raw[1])


def _blank_liquid_raw(body: str) -> str:
    """``body`` with each ``{% raw %}`` block, tags and all, made spaces (its line ends
    kept): what it shows as written is no construct to report."""
    return _liquid_raw_replaced(body, lambda raw: "".join(
        c if c == "\n" else " " for c in "".join(raw)))


def _liquid_raw_replaced(body: str, replace: Callable[[tuple[str, str, str]], str]) -> str:
    """``body`` with each ``{% raw %}`` block replaced by what ``replace`` makes of its
    opening tag, what it holds and its closing tag."""
    if "raw" not in body:
        return body
    pieces, start = [], 0
    for raw_start, raw_end, end_start, end_end in _liquid_raw_spans(body):
        raw = (body[raw_start:raw_end], body[raw_end:end_start], body[end_start:end_end])
        pieces += [body[start:raw_start], replace(raw)]
        start = end_end
    return "".join(pieces) + body[start:]


def unsupported_syntax(body: str, first_line: int = 1) -> list[Finding]:
    """Each construct of another generator's dialect in ``body`` (line ``first_line`` on)
    that is shown as text, outside code: ``(line, message, hint)``.

    Liquid tags and expressions, Hugo shortcodes, MkDocs macros, FastAPI's ``{* *}``
    includes, ``:::`` directives and fenced divs, ``!!!`` lines that are not admonitions,
    kramdown's ``{:toc}``, extensions and attribute lists on their own line, and ``$$`` math.
    Fenced and indented code and code spans are skipped; HTML blocks are checked. At most
    ``MAX_REPORTED`` are listed, then one more says how many others there are. Blocks of
    Hugo's and Jekyll's ``highlight`` are code (see :func:`as_fences`); what Jekyll's ``{%
    raw %}`` shows as written is not reported (see :func:`without_liquid_raw`)."""
    body = _blank_liquid_raw(as_fences(body))
    found: list[Finding] = []
    more: list[int] = []
    findings = sorted([*_findings(body, first_line), *_fence_findings(body, first_line)],
                      key=lambda finding: finding[0])
    for finding in findings:
        if len(found) < MAX_REPORTED:
            found.append(finding)
        else:
            more.append(finding[0])
    if more:
        lines = ", ".join(str(line) for line in more[:8]) + (", ..." if len(more) > 8 else "")
        found.append((more[0], f"and {len(more)} more constructs like these are shown as "
                      f"text (lines {lines})", "fix the ones above and build again"))
    return found
