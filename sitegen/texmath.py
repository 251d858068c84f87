"""Math between ``$$`` marks, which no extension of the engine typesets, kept as written."""
from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Math between $$ marks, inline or a paragraph of its own (kramdown's, and MathJax's and
# KaTeX's display delimiters), which no extension of the engine typesets.
MATH_RE = r"(?<![\\$])\$\$(?!\$)(.+?)(?<!\\)\$\$"


class MathAsWritten(InlineProcessor):
    """``$$ ... $$`` kept as written, as the build's warning says it is shown: Python-Markdown
    would read its ``_`` as emphasis and its backslashes as escapes (``\\{`` as ``{``, ``\\\\``
    as ``\\``: 12 of irpan's pages), which neither a reader nor a math script of the site's
    templates can undo, nor Smarty's quotes (``f'(x)``). Set aside as HTML, as Smarty sets
    its quotes aside. pymdownx.arithmatex, when the site names it, reads them first."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (InlineProcessor's API, which
            self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # the stubs lack)
        written = html.escape(m.group(0), quote=False)
        return self.md.htmlStash.store(written), m.start(0), m.end(0)


class MathAsWrittenExtension(Extension):
    """Registers :class:`MathAsWritten` after code spans (190), before backslash escapes
    (180) and below pymdownx.arithmatex's pattern (189.9)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.inlinePatterns.register(MathAsWritten(MATH_RE, md), "math_as_written", 185)
