"""pymdownx's tabbed fences of before 8.0: a run of code fences, each with ``tab="Title"``
among its options (```` ```yaml tab="File (YAML)" ````, then ```` ```bash tab="CLI" ````,
Traefik's docs), is one set of tabs, as superfences 7 made it. Each such fence is written
as a tab of pymdownx.tabbed (``=== "Title"``, the fence under it four spaces further in)
before Python-Markdown reads the body's blocks (a Python-Markdown preprocessor)."""
from __future__ import annotations

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitegen.fenceoptions import info_words
from sitegen.prose import line_kinds

# Registered after Python-Markdown's whitespace is normalised (30) and before the look at
# what a body needs (sitegen.bodyneeds, 27), which then finds the tabs' "===".
PRIORITY = 29


def _tab_title(line: str) -> tuple[str, str] | None:
    """The title of the fence that ``line`` opens, if its options have ``tab="Title"``, and
    the line without that option; else None."""
    text = line.lstrip()
    marks = text[:len(text) - len(text.lstrip(text[:1]))]
    words = info_words(text[len(marks):])
    titles = [word[4:] for word in words if word.startswith("tab=")]
    if not titles or len(titles[0]) < 2 or titles[0][0] not in "\"'" \
            or titles[0][-1] != titles[0][0]:
        return None
    kept = [word for word in words if not word.startswith("tab=")]
    return titles[0][1:-1], line[:len(line) - len(text)] + marks + " ".join(kept)


def tabbed_fences(lines: list[str]) -> list[str]:
    """``lines`` with each fence that has a ``tab`` option written as a tab of
    pymdownx.tabbed, a blank line before and after it: fences that only blank lines part
    make one set, as pymdownx.tabbed joins tabs that follow each other."""
    kinds = [kind for _, _, kind in line_kinds("\n".join(lines))]
    written: list[str] = []
    index = 0
    while index < len(lines):
        found = _tab_title(lines[index]) if kinds[index] == "opens" else None
        if found is None:
            written.append(lines[index])
            index += 1
            continue
        title, opener = found
        end = next((after for after in range(index + 1, len(lines))
                    if kinds[after] == "closes"), len(lines) - 1)
        indent = opener[:len(opener) - len(opener.lstrip())]
        if written and written[-1].strip():
            written.append("")
        written.append(f'{indent}=== "{title}"')
        written += [f"{indent}    {line[len(indent):]}" if line.strip() else ""
                    for line in [opener, *lines[index + 1:end + 1]]]
        written.append("")
        index = end + 1
    return written


class TabFences(Preprocessor):
    """Writes pymdownx's old tabbed fences as tabs (see :func:`tabbed_fences`)."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("tab=" in line for line in lines):
            return lines
        return tabbed_fences(lines)


class TabFencesExtension(Extension):
    """Registers :class:`TabFences` (see :data:`PRIORITY`)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(TabFences(md), "tab_fences", PRIORITY)
