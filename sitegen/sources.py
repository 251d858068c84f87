"""Phase 1 of the load (:mod:`sitegen.load`): find the Markdown sources under ``content/``
and read each as text, or say why it cannot be: a folder that cannot be read, a link that
leads outside ``content/``, a file that is not UTF-8 or not a regular file. A build does
not read again a file whose stats are those of a text an earlier build read
(:class:`Unread`)."""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from stat import S_ISREG

from sitegen.cache import Cache
from sitegen.errors import AuthorError
from sitegen.fingerprint import FileStats
from sitegen.frontmatter import front_matter_start
from sitegen.links import is_public_path
from sitegen.manifest import MARKDOWN_SUFFIXES

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Hidden files of MkDocs' plugins that hold what a build would read: the meta plugin's
# fields of a folder's files, Material's blog authors.
META_FILES = (".meta.yml", ".meta.yaml", ".authors.yml")
SECTION_TEXTS = ("_index.md", "_index.markdown")  # (Hugo's section pages, left out)


def find_sources(content_dir: Path, paths: dict[str, Path] | None = None,
                 meta_files: list[Path] | None = None) -> list[Path]:
    """Every Markdown file under ``content_dir``, skipping hidden (``.x``) and private
    (``_x``) files and folders, and editor backups (``x~``); the meta plugin's files of
    MkDocs (``.meta.yml``) and Hugo's ``_index.md`` files found on the way go to
    ``meta_files``.

    Symbolic links to folders are not followed; one that loops back to a folder above it is
    an author error, since it was surely meant to point somewhere else, and so are one that
    leads nowhere and a folder that cannot be read (its pages would vanish without a word).
    ``paths`` keeps the same ``Path`` object for the same name from one call to the next.
    """
    paths = {} if paths is None else paths
    sources = []
    for folder, subfolders, files in os.walk(content_dir, onerror=_unreadable_folder):
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                _check_folder_link(Path(folder) / name)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        for name in sorted(files):
            if (name in META_FILES or name in SECTION_TEXTS) and meta_files is not None:
                meta_files.append(Path(folder) / name)
            if name.startswith((".", "_")) or name.endswith("~"):
                continue
            if not name.endswith(MARKDOWN_SUFFIXES) and os.path.islink(
                    os.path.join(folder, name)) and not os.path.exists(os.path.join(folder, name)):
                _dangling_link(Path(folder) / name)
            if name.endswith(MARKDOWN_SUFFIXES):
                path = os.path.join(folder, name)
                known = paths.get(path)
                if known is None:
                    known = paths[path] = Path(path)
                sources.append(known)
    return sources


def _unreadable_folder(error: OSError) -> None:
    raise AuthorError(error.filename, f"cannot read the folder: {error.strerror}",
                      hint="make it readable (chmod u+rx), or move it out of content/") from None


def _dangling_link(path: Path) -> None:
    """Stop at a symbolic link that leads nowhere (pyOCD's ``_docs -> pyocd/docs``, copied
    with ``cp -r`` as a link whose target is not beside it): the files it was meant to
    bring would vanish without a word."""
    raise AuthorError(path, f"symbolic link to nothing: {path.name} -> {os.readlink(path)}",
                      hint="copy what it pointed to in its place (cp -rL copies a link's "
                           "target), or remove it")


def _check_folder_link(path: Path) -> None:
    if not path.is_symlink():
        return
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        target = None
    if target is None or path.parent.resolve().is_relative_to(target):
        raise AuthorError(path, f"symbolic link loop: {path.name} -> {os.readlink(path)}",
                          hint="remove the link or point it elsewhere; links to folders "
                               "are not followed")


def link_problem(path: Path, content_dir: Path) -> AuthorError | None:
    """Why the Markdown file at ``path``, a symbolic link, is not a source: it leads outside
    ``content_dir`` or to a hidden or private file (nothing outside content/ is published by
    a link's mistake). None if it is not a link, or leads to a public file in content/."""
    if not path.is_symlink():
        return None
    try:
        real, content = path.resolve(strict=True), content_dir.resolve()
    except (OSError, RuntimeError):
        return AuthorError(path, f"symbolic link to {os.readlink(path)}, which is not there "
                           "(copied as a link from its old folder?)",
                           hint="copy the file itself into content/ (cp -rL, which follows "
                                "links, copies each one's file)")
    inside = real.is_relative_to(content)
    if inside and is_public_path(real.relative_to(content)):
        return None
    where = "outside content/" if not inside else "a hidden or private file"
    return AuthorError(path, f"symbolic link to {where}: {os.readlink(path)}",
                       hint="copy the file into content/ instead: links that lead outside "
                            "content/ or to private files are not published")


def not_a_file_warning(path: Path) -> AuthorError | None:
    """A warning if ``path`` is there but is not a regular file (a named pipe, a socket, a
    device: never opened, it could hang the build), which the build skips."""
    if not path.exists() or path.is_file():
        return None
    return AuthorError(path, "not a regular file (a named pipe, socket or device): skipped",
                       hint="remove it from content/, or replace it with a Markdown file")


Texts = dict[Path, tuple[tuple[int, int, int], str]]


def read_source(path: Path, signature: tuple[int, int, int] | None = None,
                texts: Texts | None = None) -> str:
    """Read a source as UTF-8 text with LF line endings and no byte order mark.

    With ``texts`` (a preview's texts of its last load), a file whose size, modification and
    change time (``signature``, when the caller has just looked; else this looks) are as
    then is not read again.
    """
    texts = {} if texts is None else texts
    try:
        if signature is None:
            stat = os.stat(path)
            signature = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
            if not S_ISREG(stat.st_mode):
                raise AuthorError(path, "not a regular file (a named pipe, socket or device)",
                                  hint="replace it with a regular file")
        cached = texts.get(path)
        if cached is not None and cached[0] == signature:
            return cached[1]
        data = path.read_bytes()
    except OSError as error:
        raise AuthorError(path, f"cannot read the file: {error.strerror}",
                          hint="check that the file exists and is readable") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AuthorError(path, "the file is not UTF-8 text", line=line,
                          hint="save it as UTF-8 in your editor") from None
    text = text.removeprefix("\ufeff")  # (editors on Windows write one: it means UTF-8)
    # Control characters have no meaning in Markdown and are not allowed in XML feeds.
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    texts[path] = (signature, text)
    return text


@dataclasses.dataclass(frozen=True)
class Unread:
    """A source a build did not read again: its file's stats are those it had when an
    earlier build read the text whose digest this is (see :func:`read_sources`)."""

    text_key: str
    stats: tuple[int, int, int]


Source = tuple[Path, "str | AuthorError | Unread"]  # a source's path, and its text (or digest)


def _check_meta_files(meta_files: list[Path], content_dir: Path,
                      warnings: list[AuthorError] | None) -> None:
    """MkDocs' meta plugin files (``.meta.yml``: fields of a folder's files, such as
    ``draft: true``) stop the build, which would publish those drafts; Material's blog
    authors (``.authors.yml``) are a warning, unless ``content/authors.yml`` has them."""
    for meta_file in meta_files:
        if meta_file.name in SECTION_TEXTS:
            if warnings is not None and _has_text(meta_file):
                warnings.append(AuthorError(
                    meta_file, "the text of this _index.md (Hugo's section page) is not "
                    "published: a file whose name starts with _ is left out",
                    hint="in a folder of pages or docs, rename it index.md; in a posts "
                         "section, an index.md at its top shows its text in place of the "
                         "list of posts"))
            continue
        if meta_file.name != ".authors.yml":
            raise AuthorError(meta_file, "MkDocs' meta plugin file is not read here: the "
                              "fields it sets (such as draft: true) would not apply to the "
                              f"files of {meta_file.parent.name}/",
                              hint="if mkdocs.yml lists the meta plugin, write its fields in "
                                   "the front matter of each file of the folder; then remove "
                                   "it (without the plugin, MkDocs did not read it either)")
        if warnings is not None and not (content_dir / "authors.yml").exists():
            warnings.append(AuthorError(meta_file, "Material's blog authors are not read from "
                                        "here", hint="copy the file to content/authors.yml"))


def _has_text(path: Path) -> bool:
    """Whether the Markdown file at ``path`` has text after its front matter (``---`` or
    ``+++`` lines)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return False
    start = front_matter_start(lines)
    fence = lines[start].strip()
    if fence in ("---", "+++"):
        end = next((index for index in range(start + 1, len(lines))
                    if lines[index].strip() == fence), len(lines))
        lines = lines[end + 1:]
    return any(line.strip() for line in lines)


def read_sources(content_dir: Path, cache: Cache, include_drafts: bool,
                 file_stats: FileStats | None,
                 warnings: list[AuthorError] | None = None) -> list[Source]:
    """Every source under ``content_dir`` (see :func:`find_sources`) with its text, or the
    author error that it cannot be read (or is a link it must not follow: see
    :func:`link_problem`); what is not a regular file is skipped, with a warning added to
    ``warnings``. A preview (``include_drafts``)
    keeps the texts in ``cache``'s memory and reads again only the files whose stats
    changed. A build given the ``file_stats`` it has just taken does not read a regular
    file whose stats are those of a text an earlier build read (:class:`Unread`; see
    :func:`~sitegen.entries.parse_front_matter`)."""
    texts: Texts = cache.memory("texts") if include_drafts else {}
    known = cache.memo("sources")
    sources: list[Source] = []
    meta_files: list[Path] = []
    found = find_sources(content_dir, cache.memory("paths"), meta_files)
    _check_meta_files(meta_files, content_dir, warnings)
    for path in found:
        try:  # (one look at most files: a regular file, not a link)
            mode: int | None = os.lstat(path).st_mode
        except OSError:
            mode = None  # (gone since the walk: reading it says so)
        if mode is None or not S_ISREG(mode):
            skipped = not_a_file_warning(path)
            if skipped is not None:
                if warnings is not None:
                    warnings.append(skipped)
                continue
            problem = link_problem(path, content_dir)
            if problem is not None:
                sources.append((path, problem))
                continue
        stats = file_stats.get(str(path)) if file_stats else None
        # (a regular file only: the stats of a link are its target's)
        if stats and mode is not None and S_ISREG(mode) and not include_drafts:
            text_key = known.find((str(path), stats))
            if text_key is not None:
                sources.append((path, Unread(text_key, stats)))
                continue
        try:
            sources.append((path, read_source(path, stats, texts)))
        except AuthorError as error:
            sources.append((path, error))
    return sources
