"""Snippets: ``--8<-- "file"`` includes, expanded by pymdownx.snippets before a body is
rendered, never while it is rendered (the render is cached by the body's text: the text must
already hold what was included). Only files under ``content/`` are read, and nothing is
downloaded. The site's ``pymdownx.snippets`` options (``base_path``, ``auto_append``) apply:
see :func:`use_snippet_options`.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
from pymdownx.snippets import (
    SnippetExtension,
    SnippetMissingError,
)

from sitegen.config import config_line
from sitegen.errors import AuthorError
from sitegen.manifest import MARKDOWN_SUFFIXES

SNIPPET_HINT = ("snippets are looked up in the page's folder, then in content/; files "
                "outside content/ and URLs are never included")
MAX_SNIPPET_DEPTH = 20


def _snippet_hint(written: str, content_dir: Path, page: Path) -> str:
    """The hint for a snippet not found: where snippets are looked up, and, for a file of
    the site's folder (MkDocs includes from the project's folder), what to do with it; for
    a path that goes up out of the page's folder to a file of content/, its name there."""
    name = written.strip("'\"")
    up = (page.parent / name).resolve() if ".." in Path(name).parts else None
    if up is not None and up.is_file() and up.is_relative_to(content_dir.resolve()):
        named = up.relative_to(content_dir.resolve()).as_posix()
        return (f"a path that goes up out of the page's folder with '..' is not followed "
                f"(nor by pymdownx.snippets): name the file from content/, --8<-- \"{named}\"")
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


def appends_snippets() -> bool:
    """Whether the site includes snippets at the end of every page (``auto_append``: see
    :func:`use_snippet_options`)."""
    return bool(_appended_snippets)


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
                          hint=_snippet_hint(written, content_dir, path))
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
