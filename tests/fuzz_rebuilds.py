"""Random runs of an author's edits on any site: `make fuzz SITE=DIR` (ROUNDS=40, SEED=1).

The site's sources are copied into a scratch folder (the site itself is never touched) and
built. Then, round after round, one to three edits picked at random (:class:`RandomEdits`)
are made to the copy, which is rebuilt, and the rebuild is compared, file for file and byte
for byte, with a clean build of the same sources (no ``build/``, no cache). A rebuild that
fails must fail as the clean build does and leave ``build/`` as it was; the round's edits
are then undone, and the next rebuild must succeed. A preview of the copy runs meanwhile (in
this process): after each round, every page it serves must be, byte for byte, what a
preview that loads the site afresh serves. It prints one line a round, keeps both builds of
a round that differs for a look, and exits non-zero if any round did.

`tests/test_incremental.py` runs the same edits on its small site, in every `make test`.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from sitemodule import SITE_PY, load_site_module, snapshot

if TYPE_CHECKING:
    from flask import Flask

# (what builds wrote, and a project's own tools: `make fuzz SITE=$PWD` copies the sources of
# this repository's site, not its virtualenv, at each round's clean build)
NOT_SOURCES = shutil.ignore_patterns("build", ".cache", ".build*", ".git", ".venv",
                                     "__pycache__")
MARKDOWN = (".md", ".markdown")
HEADER_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_ -]*:")  # (a header line, as the engine reads it)


class RandomEdits:
    """An author's edits to the sources of the site in ``root``, picked at random from a
    seeded generator: a body's end, its first paragraph, a heading, front matter (title,
    tags, a date past or future, draft, summary, updated, hidden, permalink: in YAML, in
    TOML, or in ``Key: value`` header lines, as the source has it), a link to
    another page or to one of its headings, a new, a deleted and a renamed source, the post
    template, a style sheet, ``site.toml``, a mistake in front matter, and undoing a file to
    a text it had before (which a rebuild may take from the build before last). Values come
    from short lists, so that texts come back."""

    def __init__(self, root: Path, seed: int):
        self.root = root
        self.rng = random.Random(seed)
        self.versions: dict[Path, list[str | None]] = {}
        self.before_round: dict[Path, str | None] = {}
        self.count = 0
        self.undone = False  # (the last round's edits: see undo_round)

    def round(self) -> list[str]:
        """Make one to three edits; say what they were."""
        time.sleep(0.01)  # (a file saved now gets another time than a preview last saw)
        self.before_round, self.undone = {}, False
        edits = [self.body, self.opening, self.heading, self.title, self.tags, self.date,
                 self.draft, self.summary, self.updated, self.hidden, self.permalink,
                 self.link, self.anchor_link, self.new_source, self.delete, self.rename,
                 self.undo, self.template, self.style, self.config, self.mistake]
        return [self.rng.choice(edits)() for _ in range(self.rng.choice([1, 1, 2, 3]))]

    def undo_round(self) -> None:
        """Take every file the round changed back to its text before the round."""
        time.sleep(0.01)
        for path, text in self.before_round.items():
            self._write(path, text)
        self.undone = True

    def _write(self, path: Path, text: str | None) -> None:
        """Give ``path`` the ``text`` (None: remove it), noting the texts it had."""
        self.before_round.setdefault(path, _read(path))
        self.versions.setdefault(path, [_read(path)])
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self.versions[path].append(text)

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _source(self) -> Path:
        """A Markdown source of the site, at random."""
        return self.rng.choice(sorted(path for path in (self.root / "content").rglob("*")
                                      if path.suffix in MARKDOWN and path.is_file()))

    def _front_matter(self, key: str, value: str) -> str:
        """Set ``key`` to ``value`` (YAML) in the front matter of a source: its YAML, its
        TOML (Hugo's), or its ``Key: value`` header lines (Pelican's), as each writes it; YAML
        front matter for a source with none."""
        source = self._source()
        text = source.read_text(encoding="utf-8")
        header, toml = _header_lines(text), _toml_front_matter(text)
        if header is not None:
            lines, closer, rest = header
            kept = _without_key(lines, key, ":")
            self._write(source, "\n".join([*kept, f"{key.capitalize()}: {_as_text(value)}",
                                           *closer]) + rest)
        elif toml is not None:
            lines, body = toml
            kept = _without_key(lines, key, "=")
            self._write(source, "+++\n" + "\n".join([f"{key} = {_as_toml(value)}", *kept])
                        + "\n+++\n" + body)
        else:
            head, body = _split(text)
            lines = [line for line in (head or "").splitlines()
                     if not line.startswith(f"{key}:")]
            self._write(source,
                        "---\n" + "\n".join([*lines, f"{key}: {value}"]) + "\n---\n" + body)
        return f"{key} of {self._name(source)}: {value}"

    def _append(self, text: str) -> Path:
        """Add ``text`` at the end of a source; which one."""
        source = self._source()
        self._write(source, source.read_text(encoding="utf-8") + text)
        return source

    def body(self) -> str:
        source = self._append(f"\nA paragraph {self.rng.randrange(3)} with *emphasis*.\n")
        return f"body of {self._name(source)}"

    def opening(self) -> str:
        """A new first paragraph (which the summary shows)."""
        source = self._source()
        text = source.read_text(encoding="utf-8")
        opening = f"An opening {self.rng.randrange(3)} of *it*.\n\n"
        head, body = _split(text)
        header, toml = _header_lines(text), _toml_front_matter(text)
        if header is not None:
            lines, closer, rest = header
            self._write(source, "\n".join([*lines, *closer]) + "\n\n" + opening
                        + rest.lstrip("\n"))
        elif toml is not None:
            lines, body = toml
            self._write(source, "+++\n" + "\n".join(lines) + "\n+++\n" + opening + body)
        else:
            self._write(source, opening + body if head is None
                        else "---\n" + head + "\n---\n" + opening + body)
        return f"opening of {self._name(source)}"

    def heading(self) -> str:
        source = self._append(f"\n## Part {self.rng.randrange(3)}\n\nMore.\n")
        return f"heading in {self._name(source)}"

    def title(self) -> str:
        return self._front_matter("title", self.rng.choice(['"Short"', '"A <b> & c"', "Post 3"]))

    def tags(self) -> str:
        tags = self.rng.sample(["t0", "t1", "common", "fresh"], self.rng.randrange(4))
        return self._front_matter("tags", f"[{', '.join(tags)}]")

    def date(self) -> str:
        return self._front_matter("date", self.rng.choice(
            ["2024-03-13", "2023-12-31", "2024-09-19", "2999-01-01"]))  # (the last: scheduled)

    def draft(self) -> str:
        return self._front_matter("draft", self.rng.choice(["true", "false"]))

    def summary(self) -> str:
        return self._front_matter("summary", self.rng.choice(['"Short."', '"Two <i>words</i>."']))

    def updated(self) -> str:
        return self._front_matter("updated", self.rng.choice(["2025-01-02", "2025-06-30"]))

    def hidden(self) -> str:
        return self._front_matter("hidden", self.rng.choice(["true", "false"]))

    def permalink(self) -> str:
        return self._front_matter("permalink", self.rng.choice(["/moved/:slug/", "/elsewhere/"]))

    def anchor_link(self) -> str:
        """A link to a heading of another source (made by :meth:`heading`, if it was)."""
        source, other = self._source(), self._source()
        target = f"{os.path.relpath(other, source.parent)}#part-{self.rng.randrange(3)}"
        self._write(source, source.read_text(encoding="utf-8") + f"\nSee [part]({target}).\n")
        return f"link from {self._name(source)} to {target}"

    def link(self) -> str:
        source, other = self._source(), self._source()
        target = os.path.relpath(other, source.parent)
        self._write(source, source.read_text(encoding="utf-8") + f"\nSee [this]({target}).\n")
        return f"link from {self._name(source)} to {self._name(other)}"

    def new_source(self) -> str:
        self.count += 1
        source = self._source().with_name(f"edit-new-{self.count}.md")
        self._write(source, f"---\ntitle: New {self.count}\ndate: 2024-05-0{self.count % 9 + 1}\n"
                            "tags: [fresh]\n---\nA new page.\n")
        return f"new {self._name(source)}"

    def delete(self) -> str:
        source = self._source()
        self._write(source, None)
        return f"deleted {self._name(source)}"

    def rename(self) -> str:
        source = self._source()
        self.count += 1
        renamed = source.with_name(f"edit-renamed-{self.count}{source.suffix}")
        self._write(renamed, source.read_text(encoding="utf-8"))
        self._write(source, None)
        return f"renamed {self._name(source)}"

    def undo(self) -> str:
        changed = sorted(path for path, texts in self.versions.items() if len(set(texts)) > 1)
        if not changed:
            return self.body()
        path = self.rng.choice(changed)
        self._write(path, self.rng.choice(self.versions[path][:-1]))
        return f"undid {self._name(path)}"

    def template(self) -> str:
        """The site's own post template: none, or one that extends the theme's."""
        block = self.rng.choice(
            [None, "", "{% block title %}Changed {{ page.title }}{% endblock %}\n"])
        self._write(self.root / "templates/post.html",
                    None if block is None else '{% extends "theme/post.html" %}\n' + block)
        return f"template: {block!r}"

    def style(self) -> str:
        """A style sheet of the site's own (one of ``static/``, else a new one)."""
        sheets = sorted((self.root / "static").rglob("*.css"))
        sheet = self.rng.choice(sheets) if sheets else self.root / "static/edit.css"
        original = self.versions.get(sheet, [_read(sheet)])[0] or ""
        self._write(sheet, original + self.rng.choice(["", "\np { color: navy; }\n",
                                                       "\np { color: teal; }\n"]))
        return f"style sheet {self._name(sheet)}"

    def config(self) -> str:
        """``site.toml``'s number of posts a page, from a few."""
        path = self.root / "site.toml"
        per_page = self.rng.choice([3, 5, 10])
        lines = [line for line in (_read(path) or "").splitlines()
                 if not line.startswith("posts_per_page =")]
        self._write(path, "\n".join([f"posts_per_page = {per_page}", *lines]) + "\n")
        return f"site.toml: {per_page} posts a page"

    def mistake(self) -> str:
        """Front matter that is not YAML: the build must stop, naming the file."""
        source = self._source()
        self._write(source, "---\ntitle: [unclosed\n---\n" + source.read_text(encoding="utf-8"))
        return f"mistake in {self._name(source)}"


def _split(text: str, fence: str = "---") -> tuple[str | None, str]:
    """A source's front matter between ``fence`` lines (YAML's ``---``, TOML's ``+++``;
    None: it has none) and its body."""
    head, rule, body = text.removeprefix(f"{fence}\n").partition(f"\n{fence}\n")
    return (head, body) if text.startswith(f"{fence}\n") and rule else (None, text)


def _header_lines(text: str) -> tuple[list[str], list[str], str] | None:
    """A source's ``Key: value`` header lines (Pelican's, MultiMarkdown's) as the engine
    reads them: up to a blank line or a ``---`` or ``...`` line, an indented line
    continuing the one above, one of them a title or a date. Returns the lines, the closing
    ``---`` line if any, and the text after them; None if the source has none."""
    lines = text.split("\n")
    header: list[str] = []
    for line in lines:
        if not line.strip():
            break
        if line.rstrip() in ("---", "...") and header:
            rest = "\n".join(lines[len(header) + 1:])
            return (header, [line], "\n" + rest) if _sets_title_or_date(header) else None
        if not (HEADER_KEY.match(line) or (line[:1] in (" ", "\t") and header)):
            return None
        header.append(line)
    rest = "\n".join(lines[len(header):])
    return (header, [], "\n" + rest if rest else "\n") if _sets_title_or_date(header) else None


def _sets_title_or_date(header: list[str]) -> bool:
    return any(line.split(":", 1)[0].strip().lower() in ("title", "date") for line in header
               if HEADER_KEY.match(line))


def _without_key(lines: list[str], key: str, separator: str) -> list[str]:
    """Front matter ``lines`` without those that set ``key`` (any case) before ``separator``
    (``:`` for header lines, ``=`` for TOML): the key's line and the lines its value runs on
    to (indented ones; a TOML list or triple-quoted text to its end). A TOML table
    (``[params]``) is kept whole: its keys are its own."""
    kept: list[str] = []
    skipping, depth, quoted = False, 0, False  # (in the value of a key left out)
    for number, line in enumerate(lines):
        if skipping and (depth > 0 or quoted or line[:1] in (" ", "\t")):
            depth += line.count("[") - line.count("]")
            quoted ^= line.count('"""') % 2 == 1
            continue
        skipping = False
        if separator == "=" and line.startswith("["):
            return kept + lines[number:]
        name, found, value = line.partition(separator)
        if found and line[:1] not in (" ", "\t") and name.strip().strip('"').lower() == key:
            skipping = True
            if separator == "=":
                depth, quoted = value.count("[") - value.count("]"), value.count('"""') % 2 == 1
            continue
        kept.append(line)
    return kept


def _toml_front_matter(text: str) -> tuple[list[str], str] | None:
    """A source's TOML front matter (Hugo's, between ``+++`` lines) as lines, and its body;
    None if it has none."""
    head, body = _split(text, "+++")
    return (head.split("\n"), body) if head is not None else None


def _as_toml(value: str) -> str:
    """A YAML value as TOML writes it: texts and the list's items in quotes (dates and
    true or false as they are)."""
    if value.startswith("["):
        items = [item.strip() for item in value.strip("[]").split(",") if item.strip()]
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"
    if value.startswith('"') or value in ("true", "false") or value[:4].isdigit():
        return value
    return f'"{value}"'


def _as_text(value: str) -> str:
    """A YAML value as a header line writes it: a text without its quotes, a list with
    commas."""
    return value.strip('"').removeprefix("[").removesuffix("]")


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """``python site.py build --root ROOT``."""
    return subprocess.run([sys.executable, str(SITE_PY), "build", "--root", str(root)],
                          capture_output=True, text=True)


def clean_build(root: Path, scratch: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A clean build (no build/, no cache) of a copy of ``root``'s sources in ``scratch``."""
    copy = scratch / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=NOT_SOURCES)
    return build(copy), copy / "build"


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """The files that only one of two builds has, or that differ."""
    return sorted(name for name in first.keys() | second.keys()
                  if first.get(name) != second.get(name))


def check_round(root: Path, scratch: Path, edits: RandomEdits) -> str:
    """Rebuild ``root`` after a round of ``edits`` and compare it with a clean build: what
    is wrong, or "" (a failed rebuild, as the clean build fails, is undone and rebuilt)."""
    before = snapshot(root / "build")
    result = build(root)
    if result.returncode != 0:
        if "Traceback" in result.stderr:
            return "a traceback:\n" + result.stderr
        if snapshot(root / "build") != before:
            return "a failed rebuild changed build/"
        if clean_build(root, scratch)[0].returncode == 0:
            return "the rebuild failed where a clean build succeeds:\n" + result.stderr
        edits.undo_round()
        result = build(root)
        if result.returncode != 0:
            return "the rebuild after undoing the round failed:\n" + result.stderr
    clean, out = clean_build(root, scratch)
    if clean.returncode != 0:
        return "the clean build failed:\n" + clean.stderr
    differ = differences(snapshot(root / "build"), snapshot(out))
    return f"differs from a clean build: {', '.join(differ[:8])}" if differ else ""


AppFactory = Callable[..., "Flask"]  # (site.py's create_app)
UrlList = Callable[[], Iterable[str]]  # (site.py's all_urls)


def served_pages(app: Flask, all_urls: UrlList) -> dict[str, bytes]:
    """Every URL of a preview ``app`` (``all_urls``: site.py's), as it serves it now."""
    from sitegen.build import frozen_urls  # (the engine: importable once site.py is)
    client = app.test_client()
    client.get("/")  # (a request takes the saves in: the URLs may have changed)
    return {url: client.get(url).get_data() for url in frozen_urls(app, all_urls)}


def check_preview(preview: Flask, create_app: AppFactory, all_urls: UrlList, root: Path) -> str:
    """Compare what the running ``preview`` of ``root`` serves after a round of edits with
    what a preview that loads the site afresh serves: every page, or the page that says
    why the site stops. What differs, or ""."""
    fresh = create_app(root, preview=True)
    served, loaded = preview.test_client().get("/"), fresh.test_client().get("/")
    if served.get_data() != loaded.get_data():
        return f"the preview's home page ({served.status_code}) is not a fresh one's"
    if served.status_code != 200:
        return ""
    pages, fresh_pages = served_pages(preview, all_urls), served_pages(fresh, all_urls)
    differ = differences(pages, fresh_pages)
    return f"the preview serves, unlike a fresh one: {', '.join(differ[:8])}" if differ else ""


def check_both(root: Path, scratch: Path, edits: RandomEdits, preview: Flask,
               site: ModuleType) -> str:
    """After a round of ``edits``: the running ``preview`` as a fresh one, the rebuild as
    a clean build (see :func:`check_round`), and, the round undone, the preview again."""
    with contextlib.redirect_stderr(io.StringIO()):  # (the previews' notes of mistakes)
        problem = check_preview(preview, site.create_app, site.all_urls, root)
    problem = problem or check_round(root, scratch, edits)
    if not problem and edits.undone:
        with contextlib.redirect_stderr(io.StringIO()):
            problem = check_preview(preview, site.create_app, site.all_urls, root)
    return problem


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-rebuilds-"))
    root = scratch / "site"
    shutil.copytree(args.site, root, ignore=NOT_SOURCES)
    first = build(root)
    if first.returncode != 0:
        print(f"{args.site} does not build:\n{first.stdout}{first.stderr}")
        return 1
    site = load_site_module()
    preview = site.create_app(root, preview=True)
    served_pages(preview, site.all_urls)
    edits, wrong = RandomEdits(root, args.seed), 0
    for number in range(args.rounds):
        made = edits.round()
        problem = check_both(root, scratch, edits, preview, site)
        outcome = problem or ("failed as a clean build does, and undone" if edits.undone
                              else "as a clean build and a fresh preview")
        print(f"round {number}: {'; '.join(made)}: {outcome}", flush=True)
        if problem:
            wrong += 1
            kept = scratch / f"round-{number}"
            for built, name in [(root / "build", "rebuilt"), (scratch / "clean/build", "clean")]:
                if built.is_dir():
                    shutil.copytree(built, kept / name)
    print(f"{wrong} of {args.rounds} rounds went wrong (seed {args.seed}); scratch: {scratch}")
    if not wrong:
        shutil.rmtree(scratch)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
