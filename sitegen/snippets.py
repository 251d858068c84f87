"""Snippets: ``--8<-- "file"`` includes, expanded by pymdownx.snippets before a body is
rendered, never while it is rendered (the render is cached by the body's text: the text must
already hold what was included). Only files under ``content/`` are read, and nothing is
downloaded. The site's ``pymdownx.snippets`` options (``base_path``, ``auto_append``) apply:
see :func:`use_snippet_options`.
"""
from __future__ import annotations

import re
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
    a path that goes up out of the page's folder to a file of content/, or that names one
    from the site's folder (Traefik's ``content/reference/x.md``), its name there."""
    name = written.strip("'\"")
    up = (page.parent / name).resolve() if ".." in Path(name).parts else None
    if up is not None and up.is_file() and up.is_relative_to(content_dir.resolve()):
        named = up.relative_to(content_dir.resolve()).as_posix()
        return (f"a path that goes up out of the page's folder with '..' is not followed "
                f"(nor by pymdownx.snippets): name the file from content/, --8<-- \"{named}\"")
    beside = content_dir.parent / name
    plain = name and not Path(name).is_absolute() and ".." not in Path(name).parts
    if plain and beside.is_file() and beside.resolve().is_relative_to(content_dir.resolve()):
        named = beside.resolve().relative_to(content_dir.resolve()).as_posix()
        return (f"{name} is named from the site's folder (MkDocs' docs_dir, content/): "
                f"name it from content/, --8<-- \"{named}\"")
    if plain and beside.is_file():
        private = "/".join([*Path(name).parts[:-1], "_" + Path(name).name])
        keep = (f"content/{private}, which is no page of its own, and include \"{private}\""
                if name.endswith(MARKDOWN_SUFFIXES) else f"content/{name}")
        return (f"{name} is in the site's folder, outside content/ (MkDocs includes from "
                f"there): copy it to {keep}")
    return SNIPPET_HINT


# The site's [markdown.extension_configs."pymdownx.snippets"]: see use_snippet_options.
_snippet_folders: tuple[Path, ...] = ()
_appended_snippets: tuple[str, ...] = ()
_check_paths = False  # (a snippet not found stops the build; else it is left out, warned)
_config_path = Path("site.toml")


def use_snippet_options(options: dict[str, Any], config_path: Path) -> None:
    """Look snippets up in the folders of pymdownx.snippets' ``base_path`` too, after the
    page's folder and content/, and include those of its ``auto_append`` at the end of
    every page, as the site's ``site.toml`` (``config_path``) sets them (MkDocs'
    ``markdown_extensions``). Folders are named from the site's folder; its own (MkDocs'
    ``"."``) is content/ here. With ``check_paths = true``, a snippet not found stops the
    build; without it, as in pymdownx.snippets, its line is left out (with a warning here).
    Raises :class:`AuthorError` for a folder outside content/, a value that is not text or
    not true or false, and ``url_download``: nothing is downloaded."""
    global _snippet_folders, _appended_snippets, _check_paths, _config_path
    where = '[markdown.extension_configs."pymdownx.snippets"]'
    if not isinstance(options.get("check_paths", False), bool):
        raise AuthorError(config_path, f"{where}: check_paths must be true or false",
                          line=config_line(config_path, "check_paths"),
                          hint="check_paths = true stops the build on a snippet not found")
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
    _check_paths, _config_path = bool(options.get("check_paths", False)), config_path


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
        base_path=[str(folder) for folder in dict.fromkeys(folders)], check_paths=_check_paths,
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
    text, the snippet as written and quoted, the file found, maybe outside ``root``, or
    None)``.
    A file already in ``seen``, or deeper than ``MAX_SNIPPET_DEPTH``, is not read again
    (pymdownx.snippets skips it too)."""
    for index, written in _references(preprocessor, text):
        target = preprocessor.parse_snippet_target(written)
        found = preprocessor.get_snippet_path(target["path"]) if target else None
        file = Path(found).resolve() if found else None
        yield index, f"'{written}'", file
        if file is not None and file.is_relative_to(root) and file not in seen \
                and len(seen) < MAX_SNIPPET_DEPTH:
            nested = _included(preprocessor, file.read_text(encoding="utf-8"), root,
                               [*seen, file])
            yield from ((index, f"{nested_written} (in {file.name})", nested_file)
                        for _, nested_written, nested_file in nested)


def snippet_files(body: str, path: Path, content_dir: Path, first_line: int = 1) -> list[Path]:
    """The files ``body`` (of ``path``, starting at line ``first_line``) includes with
    ``--8<--``, directly or through another snippet: what its expansion depends on.

    Raises :class:`AuthorError` at the line of the first snippet that cannot be included
    (outside ``content_dir``, a URL; missing, with the site's ``check_paths``: see
    :func:`use_snippet_options`), naming the others that cannot be either."""
    files, absent, refused = _snippets_found(body, path, content_dir, first_line)
    problems = sorted(refused + absent) if _check_paths else refused
    appended = [written for _, written in problems if written in _appended_names()]
    if appended:
        raise _appended_error(appended[0])
    if problems:
        raise _not_found_error(problems, path, content_dir)
    return files


def missing_snippets(body: str, path: Path, content_dir: Path,
                     first_line: int = 1) -> list[AuthorError]:
    """Without ``check_paths``, a warning for the first file ``body`` includes that does not
    exist, naming the others: their lines are left out, as pymdownx.snippets leaves them
    (MkDocs builds such a page). A missing ``auto_append`` file is named in site.toml."""
    if "8<" not in body or _check_paths:
        return []
    absent = _snippets_found(body, path, content_dir, first_line)[1]
    appended = [written for _, written in absent if written in _appended_names()]
    errors = [_appended_error(name) for name in appended[:1]]
    errors += [_not_found_error(own, path, content_dir) for own in [
        [(line, written) for line, written in absent if written not in appended]] if own]
    return [AuthorError(error.path, error.message + ": the line is left out", line=error.line,
                        hint=f"{error.hint}; check_paths = true makes this an error")
            for error in errors]


def _appended_names() -> set[str]:
    return {f"'{name}'" for name in _appended_snippets}


def _appended_error(written: str) -> AuthorError:
    return AuthorError(_config_path, f"auto_append's snippet {written} not found (--8<--)",
                       line=config_line(_config_path, "auto_append"), hint=SNIPPET_HINT)


def _not_found_error(missing: list[tuple[int, str]], path: Path,
                     content_dir: Path) -> AuthorError:
    (line, written), others = missing[0], missing[1:]
    also = "; also " + ", ".join(f"{name} at line {at}" for at, name in others[:10]) + (
        f" and {len(others) - 10} more" if len(others) > 10 else "") if others else ""
    return AuthorError(path, f"snippet {written} not found (--8<--){also}", line=line,
                       hint=_snippet_hint(written, content_dir, path))


def _snippets_found(body: str, path: Path, content_dir: Path, first_line: int) -> tuple[
        list[Path], list[tuple[int, str]], list[tuple[int, str]]]:
    """The files ``body`` includes; the snippets that name no file (``(line, as written)``);
    those that name what is never included (outside ``content_dir``, a URL)."""
    if "8<" not in body:
        return [], [], []
    preprocessor = _snippet_converter(path, content_dir)
    files: list[Path] = []
    absent: list[tuple[int, str]] = []
    refused: list[tuple[int, str]] = []
    index = 0
    try:
        for index, written, file in _included(preprocessor, body, content_dir.resolve(), []):
            if file is not None and file.is_relative_to(content_dir.resolve()):
                files.append(file)
            elif file is None and _names_no_file(written, content_dir, path):
                absent.append((first_line + index, written))
            else:
                refused.append((first_line + index, written))
    except (OSError, UnicodeDecodeError) as error:  # (a folder, a file that is not text)
        raise AuthorError(path, f"a snippet cannot be read: {error}", line=first_line + index,
                          hint="include UTF-8 text files only") from None
    return list(dict.fromkeys(files)), absent, refused


def _names_no_file(written: str, content_dir: Path, page: Path) -> bool:
    """Whether a snippet not included, ``written`` (quoted), names no file at all: not a
    URL, nor a path out of content/, nor a file of the site's folder (see
    :func:`_snippet_hint`)."""
    name = written.split(" (in ")[0].strip("'\"")
    return "://" not in name and not Path(name).is_absolute() \
        and ".." not in Path(name).parts \
        and _snippet_hint(written, content_dir, page) == SNIPPET_HINT


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
    top, end = _front_matter_on_top(lines, expanded)
    return "\n".join(expanded[:top] + expanded[end:]), written_lines[:top] + written_lines[end:]


def _front_matter_on_top(lines: list[str], expanded: list[str]) -> tuple[int, int]:
    """The indexes of the first and after the last line of ``expanded`` (the body's
    ``lines`` with their snippets) that a snippet on the body's top brought as front matter
    (Traefik's page of one ``--8<--`` line, of a page with its ``title``): MkDocs' meta
    reads them after the snippets, and drops them; (0, 0) if there are none."""
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    top = next((index for index, line in enumerate(expanded) if line.strip()), None)
    if first is None or top is None or "8<" not in lines[first] \
            or expanded[top].rstrip() != "---" or top + 1 >= len(expanded) \
            or not _FIELD.match(expanded[top + 1]):
        return 0, 0  # (a rule over text, or a blank line: no front matter, as meta reads it)
    end = next((index for index in range(top + 1, len(expanded))
                if expanded[index].rstrip() in ("---", "...")), None)
    return (top, end + 1) if end is not None else (0, 0)


# A line of front matter that sets a field (``title: "Consul"``)
_FIELD = re.compile(r"[A-Za-z_][\w-]*:(?:\s|$)")
