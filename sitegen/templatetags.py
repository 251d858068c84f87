"""Another generator's template tags and shortcodes (``{% include x.html %}``,
``{{< figure src="a.png" >}}``, ``{{ page.title }}``), which the engine does not run: shown
as written, untouched by Markdown (its emphasis, code spans, attribute lists) and by
Smarty's quotes. The build's scan names each one in a warning (see :mod:`sitegen.dialect`).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX

from sitegen.textscan import outside_code_spans

_OPENER = re.compile(r"\{(?=[{%])")
# What Python-Markdown makes of a backslash-escaped "{" (its escape placeholder): text
# again when the tree is unescaped. (Python-Markdown takes STX and ETX out of the source.)
ESCAPED_BRACE = f"{STX}{ord('{')}{ETX}"


class TemplateTagsAsText(Preprocessor):
    """Keep Liquid tags and Hugo shortcodes (``{% x %}``, ``{{< x >}}``, ``{{ x }}``) as text.

    Without this, ``attr_list`` reads a line ending in ``{% endhighlight %}`` as attributes.
    Each such ``{`` becomes what ``\\{`` becomes (an escape placeholder), which Python-Markdown
    turns back into ``{`` in text; :class:`EscapedBracesAsText` does so where it does not
    (raw HTML blocks, code). Runs after fenced code is set aside; indented code and code
    spans are left alone.
    """

    def run(self, lines: list[str]) -> list[str]:
        result = []
        for line in lines:
            if "{" not in line or line.startswith(("    ", "\t")):
                result.append(line)
                continue
            result.append("".join(piece if is_code else _OPENER.sub(ESCAPED_BRACE, piece)
                                  for is_code, piece in outside_code_spans(line)))
        return result


class EscapedBracesAsText(Postprocessor):
    """``{`` for each escape placeholder of :class:`TemplateTagsAsText` left in the output:
    in HTML blocks and in code that a line-by-line scan took for text (a code span over
    several lines), which the tree's unescaping does not reach."""

    def run(self, text: str) -> str:
        return text.replace(ESCAPED_BRACE, "{")


class TagsAsWritten(InlineProcessor):
    """A Hugo shortcode or a Liquid tag (``{{< img src="a.png" caption="Use `make`" >}}``,
    ``{% include figure.html alt="It's" %}``: its ``{`` escaped by :class:`TemplateTagsAsText`)
    shown as written, as the build's warning says it is: Smarty's quotes, emphasis and code
    spans would change it (mtlynch's 207 pages), so that it could not be copied back. Set
    aside as HTML, as :class:`~sitegen.texmath.MathAsWritten` sets math aside."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (InlineProcessor's API, which
            self, m: re.Match[str], data: str,  # the stubs lack)
    ) -> tuple[str | None, int | None, int | None]:
        if in_address(data, m.start(0)):
            return None, None, None  # (a link's or an HTML tag's: read with it, as ever)
        text = html.unescape(m.group(0).replace(ESCAPED_BRACE, "{"))  # ("{{&lt;": see
        # sitegen.rewrites, which keeps a shortcode's "<" from reading as a tag)
        return self.md.htmlStash.store(html.escape(text, quote=False)), m.start(0), m.end(0)


def in_address(text: str, start: int) -> bool:
    """Whether the place ``start`` of an inline ``text`` is inside a link's address (after
    an unclosed ``](``: dapr's ``[x]({{< ref "a.md" >}}#part)``) or an HTML tag (``<a
    href='{{< ref "a.md" >}}'>``), where a template tag is read with the link or the tag."""
    near = max(0, start - _LOOK_BACK)  # (a paragraph of 20,000 shortcodes: no look-back over
    opened = text.rfind("](", near, start)  # all that precedes each)
    if opened != -1 and text.find(")", opened + 2, start) == -1:
        return True
    tag = text.rfind("<", near, start)
    return tag > text.rfind(">", near, start) and text[tag + 1:tag + 2].isalpha()


_LOOK_BACK = 500  # characters: more than a link's address or an HTML tag before a template tag


# A shortcode's or a Liquid tag's text, its "{" escaped (not a Liquid expression, {{ x }},
# which TeX's braces may look like inside math), maybe over lines (its ">}}" at a line's
# start written "&gt;}}": see sitegen.rewrites.shortcodes_as_text)
TAG_AS_WRITTEN = re.escape(ESCAPED_BRACE) + r"(?:\{(?:[<%]|&lt;).*?(?:[>%]|&gt;)\}\}|%.*?%\})"


class TemplateTagsExtension(Extension):
    """Registers :class:`TemplateTagsAsText` right after fenced code blocks,
    :class:`TagsAsWritten` before code spans (190) and :class:`EscapedBracesAsText` after
    raw HTML is put back."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(TemplateTagsAsText(md), "template_tags_as_text", 24)
        md.inlinePatterns.register(TagsAsWritten(TAG_AS_WRITTEN, md), "tags_as_written", 195)
        md.postprocessors.register(EscapedBracesAsText(md), "escaped_braces_as_text", 10)


_OPENERS = {"{{": "}}", "{%": "%}", ESCAPED_BRACE + "{": "}}",
                     ESCAPED_BRACE + "%": "%}"}  # (see TemplateTagsAsText)


def template_pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` in pieces, each with whether it is a template tag or shortcode of another
    generator (from ``{{`` to ``}}``, from ``{%`` to ``%}``)."""
    start = 0
    next_at = {opener: text.find(opener) for opener in _OPENERS}  # (each found again only
    while True:  # once passed: a line of 20,000 shortcodes is read once, not once a tag)
        for opener, at in next_at.items():
            if 0 <= at < start:
                next_at[opener] = text.find(opener, start)
        found = [(at, opener) for opener, at in next_at.items() if at != -1]
        if not found:
            break
        at, opener = min(found)
        end = text.find(_OPENERS[opener], at + len(opener))
        if end == -1:
            break
        yield text[start:at], False
        yield text[at:end + 2], True
        start = end + 2
    yield text[start:], False
