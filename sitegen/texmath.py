"""Math between ``$$`` marks, and TeX's ``\\begin{env}`` to ``\\end{env}``, which no extension of
the engine typesets, kept as written."""
from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Math between $$ marks, inline or a paragraph of its own (kramdown's, and MathJax's and
# KaTeX's display delimiters), which no extension of the engine typesets.
MATH_RE = r"(?<![\\$])\$\$(?!\$)(.+?)(?<!\\)\$\$"
# A TeX math environment in a paragraph's text, ``\begin{align}`` to ``\end{align}``, which
# Pelican's render_math and MathJax read as display math wherever it is (EFAVDB's 44 pages,
# their environments right after a line of text)
ENVIRONMENT_RE = (r"\\begin\{((?:align|alignat|aligned|equation|eqnarray|gather|gathered|"
                  r"multline|flalign|split|cases|array|[pbBvVs]?matrix)\*?)\}(.+?)\\end\{\1\}")


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


class EnvironmentAsWritten(InlineProcessor):
    """A TeX environment in a paragraph kept as written (see :class:`MathAsWritten`): in a
    span of pymdownx.arithmatex's class when the site names that extension, which the math
    script of its templates reads (its own pattern reads ``\\begin`` in a block of its own
    only, and its ``$i$`` inside the environment's ``\\text{}`` would be a formula of its own
    there: it runs after this one)."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (InlineProcessor's API, which
            self, m: re.Match[str], data: str) -> tuple[str | None, int | None, int | None]:
        start, pairs = m.start(0), data.count("$$", 0, m.start(0))
        if pairs % 2 or (data.count("$", 0, start) - 2 * pairs) % 2 \
                or data.rfind("\\(", 0, start) > data.rfind("\\)", 0, start):
            return None, None, None  # (inside $ or $$ math or \( \), which is read whole:
            # willwolf's, EFAVDB's $\begin{pmatrix} ... $)
        written = html.escape(m.group(0), quote=False)
        if "arithmatex-inline" in self.md.inlinePatterns:  # (as sitegen.markdown tells)
            written = f'<span class="arithmatex">{written}</span>'
        return self.md.htmlStash.store(written), m.start(0), m.end(0)


class MathAsWrittenExtension(Extension):
    """Registers :class:`MathAsWritten` after code spans (190), before backslash escapes
    (180) and below pymdownx.arithmatex's pattern (189.9), and :class:`EnvironmentAsWritten`
    right after code spans, above it."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.inlinePatterns.register(MathAsWritten(MATH_RE, md), "math_as_written", 185)
        md.inlinePatterns.register(EnvironmentAsWritten(ENVIRONMENT_RE, md),
                                   "environments_as_written", 189.95)
