"""Markdown to HTML with Pygments highlighting: a pure function, safe to run in worker processes."""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pygments.formatters.html import HtmlFormatter

MORE_MARKER = "<!--more-->"


def _options_key(value: Any) -> Any:
    """``value`` as part of a dictionary key, equal to another's only for equal values of the
    same types (so that ``True`` and ``1``, or a list and a tuple, stay apart)."""
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_options_key(item) for item in value))
    return (type(value), value)


class SharedHtmlFormatters:
    """Codehilite's ``pygments_formatter``: Pygments' HTML formatter, one for each distinct set
    of options, given again to every code block highlighted with the same options.

    A formatter keeps nothing of the code it has formatted (only what its options determine),
    so a formatter given again writes what a new one made with the same options would
    (``tests/test_speed.py`` compares them).
    Options that cannot be a dictionary key get a new formatter each time. At most ``limit``
    formatters are kept (all are dropped when a new one would exceed it).
    """

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self.formatters: dict[Any, HtmlFormatter[str]] = {}

    def __call__(self, **options: Any) -> HtmlFormatter[str]:
        key = tuple((name, _options_key(value)) for name, value in sorted(options.items()))
        try:
            formatter = self.formatters.get(key)
        except TypeError:  # an option that cannot be hashed
            return HtmlFormatter(**options)
        if formatter is None:
            if len(self.formatters) >= self.limit:
                self.formatters.clear()
            formatter = self.formatters[key] = HtmlFormatter(**options)
        return formatter


# The formatters of this process's converters (each worker process has its own).
shared_html_formatters = SharedHtmlFormatters()


# Python-Markdown's extensions, by the names its documentation uses. The converter is given
# the classes themselves: a name is looked up in every installed package's entry points,
# which took 50 ms of a one-post rebuild.
EXTENSIONS: dict[str, type[Extension]] = {
    "fenced_code": FencedCodeExtension, "tables": TableExtension,
    "footnotes": FootnoteExtension, "toc": TocExtension, "attr_list": AttrListExtension,
    "def_list": DefListExtension, "abbr": AbbrExtension, "admonition": AdmonitionExtension,
    "md_in_html": MarkdownInHtmlExtension, "sane_lists": SaneListExtension,
    "codehilite": CodeHiliteExtension,
}
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {
        "permalink": "#",
        "permalink_title": "Link to this section",
        "slugify": slugify_unicode,
        "toc_depth": "2-4",
    },
    "codehilite": {"css_class": "highlight", "guess_lang": False,
                   "pygments_formatter": shared_html_formatters},
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
}

_ID = re.compile(r'\sid="([^"]+)"')
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A word is a run of letters or digits; in Chinese, Japanese and Korean, each character.
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

_converter: markdown.Markdown | None = None
_inline_converter: markdown.Markdown | None = None
_TEMPLATE_OPENER = re.compile(r"\{(?=[{%])")
_CODE_SPAN = re.compile(r"(`+).*?\1")


class TemplateTagsAsText(Preprocessor):
    """Keep Liquid tags and Hugo shortcodes (``{% x %}``, ``{{< x >}}``, ``{{ x }}``) as text.

    Without this, ``attr_list`` reads a line ending in ``{% endhighlight %}`` as attributes.
    Runs after fenced code is set aside; indented code and code spans are left alone.
    """

    def run(self, lines: list[str]) -> list[str]:
        result = []
        for line in lines:
            if "{" not in line or line.startswith(("    ", "\t")):
                result.append(line)
                continue
            pieces, position = [], 0
            for span in _CODE_SPAN.finditer(line):
                pieces.append(_TEMPLATE_OPENER.sub(r"\\{", line[position:span.start()]))
                pieces.append(span.group(0))
                position = span.end()
            pieces.append(_TEMPLATE_OPENER.sub(r"\\{", line[position:]))
            result.append("".join(pieces))
        return result


class TemplateTagsExtension(Extension):
    """Registers :class:`TemplateTagsAsText` right after fenced code blocks."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(TemplateTagsAsText(md), "template_tags_as_text", 24)


class SmartyText(Treeprocessor):
    """Smarty's quotes, dashes and ellipses with the same patterns, applied in the same order
    and with the same result, to each text of the tree.

    Python-Markdown runs Smarty's 18 patterns through its general inline machinery, which
    took 3.2 ms of a typical post's 7.5; plain regular expression searches take a tenth.
    """

    def __init__(self, md: markdown.Markdown, patterns: list[Any]) -> None:
        super().__init__(md)
        self.patterns = [(pattern.compiled_re, pattern.replace) for pattern in patterns]

    def educate(self, text: str) -> str:
        """``text`` with each pattern's matches replaced by its entities (stashed as HTML, so
        that later patterns do not see them, exactly as Smarty's own processor does)."""
        if not any(mark in text for mark in ("'", '"', "--", "...")):
            return text
        for regex, replace in self.patterns:
            position = 0
            while match := regex.search(text, position):
                stored = "".join(html_lib.escape(match.group(part), quote=False)
                                 if isinstance(part, int) else part for part in replace)
                placeholder = self.md.htmlStash.store(stored)
                text = text[:match.start()] + placeholder + text[match.end():]
                position = match.start() + len(placeholder)
        return text

    def run(self, root: Any) -> None:
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = self.educate(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = self.educate(element.tail)


class FastSmartyExtension(SmartyExtension):
    """Python-Markdown's Smarty extension with :class:`SmartyText` as its tree processor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        super().extendMarkdown(md)
        md.treeprocessors.register(SmartyText(md, list(self.inlinePatterns)), "smarty", 6)


@dataclass
class Rendered:
    """What one Markdown body renders to (before links are resolved)."""

    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    word_count: int = 0


def strip_tags(html: str) -> str:
    """Plain text of an HTML fragment (entities are left as they are)."""
    return " ".join(_TAG.sub("", html).split())


def _plain_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"level": token["level"], "id": token["id"], "name": token["name"],
         "children": _plain_toc(token["children"])}
        for token in tokens
    ]


def new_converter() -> markdown.Markdown:
    """The Python-Markdown converter bodies are rendered with: its extensions and ours
    (template tags kept as text, and Smarty applied by :class:`SmartyText`)."""
    return markdown.Markdown(extensions=[
        *(extension(**EXTENSION_CONFIGS.get(name, {})) for name, extension in EXTENSIONS.items()),
        FastSmartyExtension(), TemplateTagsExtension()])


def render_markdown(body: str) -> Rendered:
    """Render one Markdown body: HTML, table of contents, element ids and word count."""
    global _converter
    if _converter is None:
        _converter = new_converter()
    converter = _converter
    converter.reset()
    # Code and tables may scroll sideways: keyboard users must be able to focus them to scroll.
    html = converter.convert(body).replace("<pre>", '<pre tabindex="0">').replace(
        "<table>", '<table tabindex="0">')
    toc = _plain_toc(getattr(converter, "toc_tokens", []))
    return Rendered(
        html=html,
        toc=toc,
        ids=_ID.findall(html),
        word_count=len(_WORD.findall(strip_tags(html))),
    )


def warm_up() -> None:
    """Build the converter and load Pygments' table of languages now, rather than on a
    preview's first save (50 ms: the first load renders in worker processes)."""
    render_markdown("```python\npass\n```\n")


_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')


def summary_of(html: str) -> str:
    """The summary part of rendered HTML: what comes before ``<!--more-->``, else the first
    paragraph with text. Ids, heading links and footnote references are taken out, since the
    summary is shown on other pages (where they would be duplicates or broken anchors)."""
    if MORE_MARKER in html:
        summary = html.split(MORE_MARKER, 1)[0].strip()
    else:
        paragraphs = (match.group(0) for match in _FIRST_PARAGRAPH.finditer(html))
        summary = next((p for p in paragraphs if strip_tags(_FOOTNOTE_REF.sub("", p))), "")
    for pattern in (_FOOTNOTE_REF, _HEADERLINK, _ID_ATTRIBUTE):
        summary = pattern.sub("", summary)
    return summary


def render_inline(text: str) -> str:
    """A front matter summary as HTML: Markdown emphasis, code and links are rendered, and
    any HTML in it is shown as text (metadata is escaped everywhere it is output)."""
    global _inline_converter
    if _inline_converter is None:
        _inline_converter = markdown.Markdown()
    return _inline_converter.reset().convert(html_lib.escape(text, quote=False))
