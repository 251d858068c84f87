"""Other generators' syntax that the engine shows as text: :func:`unsupported_syntax`
finds each construct (Liquid, Hugo shortcodes, directives, math...), outside code, with its
line and a hint, for a warning.

The scans read each line once, with ``str.find`` and plain loops (as in textscan.py).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound

from sitegen.fenceoptions import ignored_fence_words
from sitegen.foreignlinks import is_link_syntax
from sitegen.htmlblocks import html_block_problems
from sitegen.models import SNIPPET_MARK
from sitegen.prose import (
    fence_of,
    is_list_item,
    line_kinds,
    pre_block_lines,
    prose_lines,
    unclosed_fence,
    valid_admonition,
)
from sitegen.rewrites import (
    ICON,
    NOMARKDOWN_MARKS,
    as_fences,
    attribute_list_after_line,
    attribute_list_before_block,
    attribute_list_before_quote_or_fence,
    attribute_lists_under_fences,
    blank_liquid_raw,
    fence_attribute_lists,
    is_attribute_list_after_html,
    is_attribute_list_over_table,
    is_block_attribute_list,
    is_escaped_shortcode,
    is_heading_attribute_list,
    is_list_attribute_list,
    is_quote_attribute_list,
    is_table_attribute_list,
    item_attribute_list,
    quote_before_attribute_list,
    without_silent_liquid,
)
from sitegen.snippets import appends_snippets
from sitegen.textscan import outside_code_spans

Finding = tuple[int, str, str]  # (line, message, hint)
MAX_REPORTED = 5  # findings per body; the rest are counted in one more
FENCE_OPTIONS_HINT = 'fence options here are title="...", linenums="1" and hl_lines="2 3"'

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
    "include_relative": INCLUDE_HINT,  # (LSP's specifications, about 96 files each)
}
PARAM_HINT = ("no such parameter is set: set it in this file's front matter or under [params] "
              "in site.toml, as in Hugo's configuration (a text, number or boolean)")
_SHORTCODE_HINTS = {"param": PARAM_HINT}  # (one that names a value is written: hugoparams)


def _excerpt(text: str, limit: int = 40) -> str:
    """``text`` as a warning shows it: whole if short, else its first ``limit`` characters and
    an ellipsis (a construct cut without one looks like one that lacks its end)."""
    return text if len(text) <= limit else text[:limit] + "…"


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
            if opener == "{*" and text[start + 2:start + 3] not in (" ", "\t"):
                continue  # (FastAPI's {* file *} has a space: **{** is bold braces)
            if opener == "{{" and text[start + 2:start + 3] == "\\":
                continue  # (TeX's {{\rm J}_z}: no template's expression starts so)
            close = text.find(closer, start + len(opener))
            if close == -1 and opener == "{!":
                continue  # (an include closes on its line: TeX's n_{!C} in a formula)
            end = len(text) if close == -1 else close + len(closer)
            if not is_escaped_shortcode(text[start:end]) \
                    and text[start:end] not in NOMARKDOWN_MARKS:  # (shown, or read: the
                yield text[start:end], kind  # marks of kramdown's raw HTML)
            start = end - 1
            break
        start = text.find("{", start + 1)


def _is_liquid_tag(text: str, start: int) -> bool:
    """Whether the ``{%`` at ``start`` opens a Liquid tag: ``{%``, ``-``, spaces, a word; or
    ``{%`` at the end of its line, a tag written over lines (headscale's ``{%``, then
    ``include-markdown "../../CONTRIBUTING.md"``, then ``%}``)."""
    word = start + 2 + text.startswith("-", start + 2)
    while word < len(text) and text[word] in " \t":
        word += 1
    if word == len(text):
        return True
    return text[word].isalnum() or text[word] == "_"


def _hint_for(construct: str, kind: str) -> str:
    """The hint for one construct: the tag's own, else its kind's."""
    words = construct.strip("{}%-<> \t").split()
    hints = {"a Liquid tag": _HINTS, "a Hugo shortcode": _SHORTCODE_HINTS}.get(kind, {})
    tag_hint = hints.get(words[0], "") if words else ""
    return tag_hint or next(hint for _, _, what, hint in _BRACES if what == kind)


def _is_language_line(name: str) -> bool:
    """Whether ``:::`` then ``name`` is codehilite's language line (``:::bash``), which
    starts indented code: a language Pygments knows, and no directive's name."""
    if not name[:1].isalpha() or not name.replace("-", "").replace("+", "").isalnum() \
            or name.lower() in _DIRECTIVES:
        return False
    try:
        find_lexer_class_by_name(name)
    except ClassNotFound:
        return False
    return True


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
_site_directives = False  # (whether the site's extensions read ::: lines: customblocks)
_site_math = False  # (whether the site's extensions read $$ math: pymdownx.arithmatex)


def use_site_blocks(names: Iterable[str], directives: bool = False, math: bool = False) -> None:
    """Read ``/// name`` blocks of these ``names`` as blocks, not as text to report: those
    that the site's ``[markdown]`` settings give the converter (see
    :func:`sitegen.markdown.use_site_extensions`); ``:::`` lines too, if ``directives``
    (the customblocks extension's ``::: youtube ID``); and ``$$`` math, if ``math``
    (pymdownx.arithmatex's)."""
    global _site_blocks, _site_directives, _site_math
    _site_blocks = frozenset(name.lower() for name in names)
    _site_directives, _site_math = directives, math


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


_MYST_DIRECTIVES = _DIRECTIVES | {"code-block", "toctree", "include", "literalinclude",
                                  "eval-rst", "list-table", "csv-table", "image", "math",
                                  "tab-set", "tab-item", "glossary", "epigraph"}


def _myst_directive(info: str) -> str | None:
    """The name of the MyST directive a fence's ``info`` opens (```` ```{note} ````,
    ```` ```{admonition} Title ````: kdeldycke's, read by pelican-myst-reader), if any."""
    name = info.strip().split(" ", 1)[0]
    if name.startswith("{") and name.endswith("}") and name[1:-1].lower() in _MYST_DIRECTIVES:
        return name[1:-1]
    return None


# Where Python-Markdown's footnotes extension puts the footnotes (its PLACE_MARKER).
FOOTNOTES_PLACE = "///Footnotes Go Here///"
SHOWN = "shown as text"  # (what becomes of most constructs: see _line_findings)


def _line_findings(text: str, previous: str,
                   following: str) -> Iterator[tuple[str, str, str, str]]:
    """The block constructs ``text`` (a prose line; ``previous`` and ``following``: the
    lines around it) is or starts, as ``(construct, what it is, what becomes of it, hint)``
    (most are ``SHOWN``, shown as text)."""
    stripped = text.lstrip(" \t>").rstrip()
    if stripped.startswith("#") and stripped.lstrip("#").lstrip().startswith(":::"):
        stripped = stripped.lstrip("#").lstrip()  # (mkdocstrings' heading: ## ::: package.x)
    if stripped.startswith(":::"):
        yield from _colon_line_findings(stripped)
    if stripped.startswith("///") and (name := _slash_block_name(stripped)) is not None \
            and name not in SLASH_BLOCKS and name not in _site_blocks \
            and stripped != FOOTNOTES_PLACE:
        yield (_excerpt(stripped), "a block of a pymdownx.blocks extension this engine does not "
               "have", SHOWN,
               f"use a block it has: /// note | Title ({', '.join(ADMONITION_TYPES[:6])}..."
               "), /// details | Title, /// tab | Title, or /// html | div")
    if stripped.startswith("!!"):
        yield from _bang_line_findings(stripped)
    if stripped == "%%%" and not previous.lstrip(" \t>").startswith("%"):  # (dragoncoder047's
        # figures, a caption on "%: " lines closing them)
        yield ("%%%", "a figure of markdown-figcap", SHOWN, "write the image with its caption "
               'as its title, ![Alt](a.png "Caption"), which is shown as a figure')
    if stripped.startswith("{:") and not stripped.startswith("{::") and stripped.endswith("}"):
        yield from _attribute_list_findings(stripped, previous, following)


def _colon_line_findings(stripped: str) -> Iterator[tuple[str, str, str, str]]:
    """:func:`_line_findings` of a line that starts with ``:::``: codehilite's language
    line, mkdocstrings' reference to Python code, or a directive."""
    if _is_language_line(stripped[3:]):
        yield (_excerpt(stripped), "codehilite's language line, which starts indented code only "
               "after a blank line and four spaces in", SHOWN,
               "indent the code four spaces, after a blank line, or fence it: ```bash")
    elif _is_code_reference(stripped[3:].strip()):
        yield (_excerpt(stripped), "a reference to Python code (mkdocstrings', mkautodoc's or "
               "mkdocs-click's), whose documentation a plugin makes by importing it", SHOWN,
               "write that part of the documentation in Markdown, or paste the text the "
               "plugin made of it")
    elif stripped.strip(":").strip() and not _site_directives:
        yield (_excerpt(stripped), "a directive (Docusaurus, VitePress) or Pandoc fenced div",
               SHOWN,
               'use an admonition (!!! note "Title") or a /// block (/// note | Title)')


def _bang_line_findings(stripped: str) -> Iterator[tuple[str, str, str, str]]:
    """:func:`_line_findings` of a line that starts with ``!!``: an admonition line that
    Python-Markdown does not read, or a render_swagger plugin's ``!!swagger file!!``."""
    if stripped.startswith("!!swagger") and stripped.endswith("!!"):
        yield (_excerpt(stripped), "mkdocs-render-swagger-plugin's API reference", SHOWN,
               "link to the API's description (or to a Swagger UI page of its own), or "
               "describe the API in Markdown")
    elif stripped.startswith("!!!") and not valid_admonition(stripped):
        yield (_excerpt(stripped), "an admonition line Python-Markdown does not read", SHOWN,
               'write !!! TYPE "Title" (a space, the type, optionally a quoted title), '
               "then the body indented four spaces")


def _attribute_list_findings(stripped: str, previous: str,
                             following: str) -> Iterator[tuple[str, str, str, str]]:
    """:func:`_line_findings` of a line that is a kramdown attribute list (``{: .x }``)."""
    if stripped in NOMARKDOWN_MARKS:  # (the end of kramdown's raw HTML: taken out)
        return
    if stripped[2:-1].strip() == "toc":
        if not is_list_item(previous):  # (after an item, the contents: see kramdown_toc)
            yield (stripped, "kramdown's table of contents marker", SHOWN,
                   "write [TOC] where the table of contents goes, or set toc: true")
    elif not previous.strip() or previous.lstrip(" >").startswith("#"):
        yield (stripped, "a kramdown attribute list on its own line", SHOWN,
               "put it on the line right after the paragraph or heading it applies to, "
               "with no blank line between")
    elif following.lstrip(" >").strip() \
            and not following.lstrip(" >").startswith(("</", "<!--")) \
            and not fence_of(following.lstrip(" >")) and not is_list_item(following.lstrip(">")):
        # (at a paragraph's end, before a blank line, a quote's too, a closing tag, a
        # comment, which Python-Markdown sets apart, or a fence or a list, which CommonMark's
        # rules set apart (libgdx's notices): the paragraph's)
        yield (_excerpt(stripped), "a kramdown attribute list inside a paragraph", SHOWN,
               "put it right after the image or link it applies to: "
               "![Alt](a.png){: .center }, or at the paragraph's end for the paragraph")


# mkdocs-autorefs' cross-reference, [text][package.module.Name] (or [package.Name][]): a
# reference link to a dotted Python name.
_AUTOREF = re.compile(r"\]\[([A-Za-z_]\w*(?:\.\w+)+)\]|\[([A-Za-z_]\w*(?:\.\w+)+)\]\[\]")
# The last part of a dotted label that names a file or a domain, not Python code
# (Jaeger's [Remote Storage API][storage.proto], [example.com][]): not one that a Python
# module or function is named (ruamel.yaml, skimage.io, httpx.Response.json, norm.pdf,
# markdown.Markdown, marimo.md)
_NOT_PYTHON_SUFFIXES = frozenset({
    "proto", "htm", "yml", "toml", "txt", "go", "js", "ts", "sh", "rs",
    "java", "cpp", "css", "png", "jpg", "jpeg", "gif", "svg", "webp", "zip", "gz", "com",
    "org", "net"})
# (in an admonition, a list item or a quote too, where Python-Markdown reads it as well)
_REFERENCE_DEFINITION = re.compile(r"^[ \t>]*\[([^\]]+)\]:", re.MULTILINE)
# A full or collapsed reference link, [text][label] or [text][] (code spans blanked out); not
# [text] before an inline link, [label](url) (This Week in Rust's "[merge][Title](url)")
_REFERENCE_LINK = re.compile(r"(?<![\\!])\[([^\[\]]*)\]\[([^\[\]^]*)\](?!\()")


def _autoref_findings(body: str, first_line: int) -> Iterator[Finding]:
    """mkdocs-autorefs' cross-references of ``body`` that it does not define as reference
    links: Python-Markdown shows them as written."""
    if "][" not in body:
        return
    defined = {" ".join(name.lower().split()) for name in _REFERENCE_DEFINITION.findall(body)}
    snippets = SNIPPET_MARK in body or appends_snippets()  # (a snippet may define a label:
    # Optech's [bitcoin.se], in its included references)
    shown_as_written = pre_block_lines(body) if "<pre" in body else set()
    for index, text in prose_lines(body):
        if "][" in text and index not in shown_as_written:
            autorefs = set()
            for match in _AUTOREF.finditer(text):
                name = match[1] or match[2]
                autorefs.add(name.lower())
                if name.lower() in defined or snippets:
                    continue
                if name.rsplit(".", 1)[1].lower() in _NOT_PYTHON_SUFFIXES:  # (a file's or
                    yield (first_line + index, f"'[{_excerpt(name)}]' (a reference whose label "
                           "no definition of the page names) is shown as text",  # a domain's)
                           f"define it on a line of its own: [{_excerpt(name)}]: https://...")
                else:
                    yield (first_line + index, f"'[{_excerpt(name)}]' (mkdocs-autorefs' "
                           "cross-reference to Python code) is shown as text",
                           "link to the page that documents it instead, as a relative link")
            for match in _REFERENCE_LINK.finditer(text):
                label = " ".join((match[2] or match[1]).lower().split())
                if label and label not in defined and label not in autorefs \
                        and not snippets and text.count("$", 0, match.start()) % 2 == 0:
                    # (not $D[i][j]$)
                    yield (first_line + index, f"'{_excerpt(match[0], 60)}' (a reference "
                           "link whose label no definition of the page names) is shown as text",
                           f"define it on a line of its own: [{_excerpt(label)}]: https://..., or "
                           "write the link with its address: [text](https://...)")


def _code_include(line: str) -> str | None:
    """``line``, stripped, if it is only an include of mdx_include (``{!./app.py!}``), of
    FastAPI's docs (``{* ./app.py *}``) or of mkdocs-include-markdown (``{% include
    "./assets/job.yaml" %}``, a quoted file that is no HTML template: a theme's docs show
    ``{% include "partials/x.html" %}`` as code), which fill a code block with a file's
    lines."""
    text = line.strip()
    if text.startswith(("{!", "{*")) and text.endswith(("!}", "*}")):
        return text
    words = text.removeprefix("{%").removeprefix("-").split(None, 2)
    if not text.startswith("{%") or not text.endswith("%}") or len(words) < 2 \
            or words[0] not in ("include", "include-markdown"):
        return None
    quote = words[1][:1]
    name = words[1][1:].partition(quote)[0] if quote in ("'", '"') else ""
    return text if name and not name.endswith(_TEMPLATE_SUFFIXES) else None


# Template files a template's include names (shown as code in a theme's or a generator's
# docs: Bryce Wray's Eleventy "x.njk"), which no Markdown include reads
_TEMPLATE_SUFFIXES = (".html", ".htm", ".jinja", ".j2", ".njk", ".liquid", ".twig", ".hbs",
                      ".mustache")


def _has_rows_without_separator(body: str) -> bool:
    """Whether ``body`` has a line that starts with a pipe, after one that does not, and
    under it another, no separator line: rows that may have none (see
    :func:`_rows_without_separator`), found with ``str.find`` (most bodies with a pipe have
    tables, each with its separator line under its first row)."""
    starts = [0] if body.startswith("|") else []
    place = body.find("\n|")
    while place != -1:
        starts.append(place + 1)
        place = body.find("\n|", place + 1)
    rows = set(starts)
    for start in starts:
        previous = body.rfind("\n", 0, start - 1) + 1 if start else -1
        following = body.find("\n", start) + 1
        if previous not in rows and following in rows:  # (a run's first row, and its second)
            end = body.find("\n", following)
            if body[following:end if end != -1 else len(body)].strip("|-:+ \t"):
                return True
    return False


def _rows_without_separator(body: str, first_line: int) -> Iterator[Finding]:
    """A paragraph of two lines or more that are each a table's row, after a pipe
    (``| Density | 1.07 g/ml |``, raisercostin's ``| Width | Height | desc``, whose last
    pipe kramdown does not need), with no separator line: kramdown's table of body rows
    (Marlin's), shown as a paragraph of pipes here, as in Python-Markdown and CommonMark."""
    block: list[tuple[int, str]] = []
    for index, text in [*prose_lines(body), (-1, "")]:
        if block and index != block[-1][0] + 1 or not text.strip():
            if block and is_block_attribute_list(block[0][1].strip()):
                block = block[1:]  # (Accumulo's {: .table} over the rows: named on its own)
            rows = [line.strip() for _, line in block]
            if len(rows) > 1 and all(len(row) > 2 and row[0] == "|" and row.count("|") > 1
                                     and row.strip("|-:+ \t") for row in rows):
                yield (first_line + block[0][0], f"'{_excerpt(rows[0])}' (the first of {len(rows)} "
                       "rows with no separator line under it: kramdown's table) is shown as "
                       "text", "write a separator line under the table's first row, "
                       "| --- | --- |, as GitHub's tables have")
            block = []
        if text.strip():
            block.append((index, text))


def _findings(body: str, first_line: int) -> Iterator[Finding]:
    """Every unsupported construct of ``body`` (see :func:`unsupported_syntax`)."""
    if ("```" in body or "~~~" in body) and (opened := unclosed_fence(body)) is not None:
        fence = body.split("\n")[opened].strip()
        yield (first_line + opened, f"'{_excerpt(fence)}' (a code fence that no line closes) is "
               "shown as text, with what follows it",
               "close it with a line of the same backticks (or tildes), at least as many")
    opened, markdown_lines, unread_markdown = html_block_problems(body)
    if opened is not None:
        tag = body.split("\n")[opened].strip()
        yield (first_line + opened, f"'{_excerpt(tag)}' opens an HTML block that no end tag "
               "closes: the rest of the page is read as HTML, and its Markdown is shown as text",
               "close each element it opens (</ol>, </div>...), then leave a blank line")
    for index in markdown_lines:
        shown = body.split("\n")[index].strip()
        yield (first_line + index, f"'{_excerpt(shown)}' (Markdown in an HTML block, after a blank "
               "line) is shown as written: the block runs to its end tag here, where CommonMark "
               "(Hugo, GitHub) ends it at the blank line",
               'write markdown="1" in the tag that holds it (<div markdown="1">) to render it')
    for index in unread_markdown:
        shown = body.split("\n")[index].strip()
        yield (first_line + index, f"'{_excerpt(shown)}' (markdown=\"...\" on a tag inside an HTML "
               "block) is not read: the block's Markdown is shown as written",
               'write markdown="1" in the block\'s first tag too (<details markdown="1">)')
    yield from _prose_findings(body, first_line)
    if "|" in body and _has_rows_without_separator(body):
        yield from _rows_without_separator(body, first_line)
    if "{!" in body or "{*" in body or "{% include" in body or "{%- include" in body:
        yield from _code_include_findings(body, first_line)
    if "<!-- md:" in body:
        yield from _hook_shortcode_findings(body, first_line)


def _hook_shortcode_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The shortcodes of an MkDocs hook written as HTML comments, ``<!-- md:version 2.1
    -->`` (Material's own docs' hook, and GoReleaser's: 256 on 90 pages), which the hook
    replaced with text: here they are comments, and show nothing (in code and code spans,
    as written: this site's own writing.md names one so)."""
    for index, line, kind in line_kinds(body):
        at = line.find("<!-- md:") if kind not in ("code", "fenced") else -1
        if at != -1 and kind == "prose" and all(
                is_code or "<!-- md:" not in piece for is_code, piece in outside_code_spans(line)):
            continue
        if at != -1:
            shown = line[at:line.find("-->", at) + 3] if "-->" in line[at:] else line[at:]
            yield (first_line + index, f"'{_excerpt(shown)}' (a shortcode of an MkDocs hook) is "
                   "left out: it is an HTML comment here", "write the text the hook made "
                   "in its place (a hook's Python is not run here)")


def _code_include_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The includes of mdx_include and FastAPI's docs that fill a fenced code block, which
    shows them as code (those in prose are found with the other braces)."""
    prose = {index for index, _ in prose_lines(body)}
    for index, line in enumerate(body.split("\n")):
        if index not in prose and (include := _code_include(line)):
            kind = "a FastAPI docs include" if include.startswith("{*") \
                else "an mdx_include include" if include.startswith("{!") \
                else "an include of mkdocs-include-markdown"
            yield (first_line + index, f"'{_excerpt(include)}' ({kind}) is shown as code",
                   INCLUDE_HINT)


# What a body must hold for :func:`_prose_line_findings` to find something in it: a brace
# that opens a construct ({{, {%, {*, {:, {!), math's $$, or a line starting with ":", "!"
# or "/" or "%" (a directive's, an admonition's, a block's or a figure's line), or ":::"
# anywhere (after a heading's "#"s too). Searched apart: one expression with all of them
# takes six times as long (no literal to look for first).
_BRACE_MARK = re.compile(r"\{[{%*:!]")
_LINE_MARK = re.compile(r"\n[ \t>]*[:!/%]")
_LINE_MARKS = (":", "!", "/", "%")


def _line_start(text: str) -> str:
    """``text`` from its first character past quotes' marks, indentation and a heading's
    ``#``s (mkdocstrings' ``## ::: package.x``)."""
    text = text.lstrip(" \t>")
    return text.lstrip("#").lstrip(" \t") if text.startswith("#") else text


def _may_hold_construct(body: str) -> bool:
    """Whether ``body`` holds one of the marks :func:`_prose_line_findings` looks for."""
    return bool(_BRACE_MARK.search(body) or "$$" in body or ":::" in body
                or _LINE_MARK.search(body) or _line_start(body)[:1] in _LINE_MARKS
                or "\n{." in body or "\n{#" in body)  # (goldmark's, after a table)


def _prose_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The unsupported constructs of ``body``'s prose lines, in order: none, after a few
    searches, in a body that holds no mark of one (most bodies)."""
    yield from _autoref_findings(body, first_line)
    if ICON.search(body):
        yield from _icon_findings(body, first_line)
    if "![[" in body:
        yield from _embed_findings(body, first_line)
    if "[ref]" in body:
        yield from _ref_note_findings(body, first_line)
    if _may_hold_construct(body):
        yield from _prose_line_findings(body, first_line)


def _attribute_list_left_out(lines: list[str], index: int) -> tuple[str, str] | None:
    """Where line ``index``, a kramdown attribute list that no block here takes, stands (of
    a block quote, after a table, before a list), and the hint; None for another line."""
    if is_quote_attribute_list(lines, index) \
            and quote_before_attribute_list(lines, index) is None:
        return "of a block quote", "remove it"
    if is_table_attribute_list(lines, index):
        return "after a table", "remove it"
    if is_attribute_list_over_table(lines, index):
        return "over a table", "remove it (a table's class is lost)"
    if is_list_attribute_list(lines, index):
        return "before a list", ("remove it (a list's id or class is lost; an ordered "
                                 "list starts at its first item's number: 0. First)")
    if item_attribute_list(lines[index]) is not None:
        return "of a list item", "remove it; a link to a part of a page names its heading"
    if is_attribute_list_after_html(lines, index):
        return "after an HTML block", "write the attributes in its tag: <p style=\"...\">"
    return None


def _in_link_target(text: str, construct: str, previous: str) -> bool:
    """Whether ``construct``, a link tag in ``text`` (``{{< ref x.md >}}``), is where a
    link's address is written: after ``](``, ``]:``, ``="`` or ``<`` (or after a site's
    root, ``{{ site.baseurl }}``), or where a link over lines goes on (at the start of a
    line after a ``previous`` one that ends so). Elsewhere Hugo and Jekyll write the
    address as text (dapr's ``({{< ref b.md >}})``, jonesrussell's paragraph that starts
    with one), shown here as written."""
    before = text[:text.find(construct)].rstrip(" \t")
    if not before.strip():
        before = previous.rstrip(" \t")
    return before.endswith(_BEFORE_LINK_TARGET) or construct.strip() == text.strip()


_LINK_TAG_HINT = ("Hugo and Jekyll wrote the address there: write the page's link, "
                  '[the page]({{< relref "page.md" >}}) or [the page](page.md)')
_BEFORE_LINK_TARGET = ("](", "]:", '="', "='", "<", "}}", "%}")


def _attribute_list_placed(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list that :func:`kramdown_blocks`
    gives the block it is kramdown's: a heading's, a paragraph's, a quote's or a fence's."""
    return is_heading_attribute_list(lines, index) \
        or attribute_list_before_block(lines, index) is not None \
        or attribute_list_before_quote_or_fence(lines, index) is not None \
        or attribute_list_after_line(lines, index) \
        or quote_before_attribute_list(lines, index) is not None


def _inline_findings(text: str, line: int, previous: str) -> Iterator[Finding]:
    """The template tags, shortcodes and kramdown constructs inside the prose line ``text``
    (line ``line``, after the line ``previous``) that are shown as text."""
    for construct, kind in _brace_findings(text):
        link = is_link_syntax(construct)
        if link and _in_link_target(text, construct, previous):
            continue  # (resolved, or reported, as a link)
        yield (line, f"'{_excerpt(construct)}' ({kind}) is shown as text",
               _LINK_TAG_HINT if link else _hint_for(construct, kind))
    at = text.find(">{:")  # (janmeppe's <img src=... style=...>{: .align-center}; not
    if at != -1 and text[at + 3:at + 4] not in ("/", ":"):  # kramdown's {:/} and {::x})
        attributes = text[at + 1:].partition("}")[0] + "}"
        yield (line, f"'{_excerpt(attributes)}' (a kramdown attribute list after an HTML tag) is "
               "shown as text", "write the attributes in the tag itself: "
               '<img src="..." class="align-center">')


def _left_out_attributes(lines: list[str], index: int, text: str,
                         under_fence: bool) -> tuple[str, str] | None:
    """The message and hint for line ``index`` (``text``, a prose line), an attribute list
    that no block here takes, left out: kramdown's (one ``under_fence`` that is not written
    into it, see :func:`_attribute_list_left_out`), or goldmark's after a table; else None."""
    left_out = ("under a code block", "remove it, or keep its classes alone: {: .output }") \
        if under_fence else _attribute_list_left_out(lines, index) if "{:" in text else None
    if left_out is not None:
        where, hint = left_out
        return (f"'{_excerpt(text.strip())}' (a kramdown attribute list {where}, which takes no "
                "attributes here) is left out", hint)
    if text.startswith(("{.", "{#")) and is_table_attribute_list(lines, index):
        return (f"'{_excerpt(text.strip())}' (a block attribute list after a table, which takes "
                "no attributes here) is left out", "remove it")
    return None


def _prose_line_findings(body: str, first_line: int) -> Iterator[Finding]:
    """The unsupported constructs of ``body``'s prose lines but mkdocs-autorefs'
    cross-references, in order: each line looked at."""
    lines = body.split("\n")
    in_math, math_marks, marks_seen = False, body.count("$$"), 0
    under_fences = fence_attribute_lists(body)  # (written into the fences: kramdown_blocks)
    left_under_fences = attribute_lists_under_fences(body)  # (others there: left out)
    for index, text in prose_lines(body):
        if "{" not in text and "$$" not in text and _line_start(text)[:1] not in _LINE_MARKS:
            continue  # (most lines: nothing to look at)
        line = first_line + index
        if "{:" in text and (index in under_fences or _attribute_list_placed(lines, index)):
            continue  # (kramdown's, for the heading over it or the block under it: moved
            # there by kramdown_blocks)
        around = (lines[index - 1] if index else "",
                  lines[index + 1] if index + 1 < len(lines) else "")
        left_out = _left_out_attributes(lines, index, text, index in left_under_fences)
        if left_out is not None:
            yield (line, *left_out)
            continue
        in_code = lines[index].lstrip(" \t>").startswith("`")  # (`x`{:.info}: the span's)
        for construct, kind, outcome, hint in [] if in_code else _line_findings(text, *around):
            yield line, f"'{construct}' ({kind}) is {outcome}", hint
        yield from _inline_findings(text, line, around[0])
        for _ in range(0 if _site_math else text.count("$$")):
            in_math, marks_seen = not in_math, marks_seen + 1
            if in_math and marks_seen < math_marks:  # (no later "$$": "pain in the @$$")
                yield (line, "math ('$$ ... $$') is not rendered: it is shown as text",
                       "show the formula as an image, as code, or in HTML (MathML)")


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
    """:func:`_fence_findings`, each line looked at (a fence in an HTML comment is none:
    rOpenSci's 43 events keep a ```` ```{r} ```` there)."""
    for index, line, kind in line_kinds(body):
        fence = fence_of(line) if kind == "opens" else ""
        info = line.lstrip(" \t>")[len(fence):] if fence else ""
        directive = _myst_directive(info)
        if directive:
            yield (first_line + index, f"a MyST directive (```{{{directive}}}) is shown as "
                   "its code: this engine reads no MyST", "write an admonition: !!! note "
                   "\"Title\", its text indented four spaces (or code in a fence of its "
                   "language)")
        elif fence:
            ignored = ignored_fence_words(info)
            if ignored:
                words = " ".join(word for word, _ in ignored)
                problem = ignored[0][1] if len(ignored) == 1 else \
                    "are not options here, or not of their form"
                yield (first_line + index,
                       f"the code fence's {_excerpt(words)!r} {problem}: ignored",
                       FENCE_OPTIONS_HINT)


# The diagrams a fence of another generator's may draw (Material's Mermaid, mkdocs-d2-plugin,
# PlantUML plugins, Hugo's GoAT, mkdocs-markmap), with the tool that draws one as an image.
_DIAGRAMS = {"mermaid": ("Mermaid", "mermaid-cli: mmdc -i a.mmd -o a.svg"),
             "d2": ("D2", "d2 a.d2 a.svg"), "plantuml": ("PlantUML", "plantuml -tsvg a.puml"),
             "goat": ("GoAT", "the goat command, github.com/blampe/goat"),
             "markmap": ("Markmap", "a screenshot of markmap-cli's page: markmap a.md")}
_DIAGRAM_NAMES = tuple(_DIAGRAMS)


def _may_have_diagram(body: str) -> bool:
    """Whether a fence mark of ``body`` is followed by a diagram's name (a look at each
    mark's line, where a search of the body for a fence and a name took four times as
    long)."""
    for mark in ("```", "~~~"):
        place = body.find(mark)
        while place != -1:
            end = body.find("\n", place)
            end = len(body) if end == -1 else end
            info = body[place:end].lstrip("`~").lstrip(" \t{.")[:8].lower()
            if info.startswith(_DIAGRAM_NAMES):
                return True
            place = body.find(mark, end)
    return False


def _diagram_findings(body: str, first_line: int) -> Iterator[Finding]:
    """Each fence of a diagram (```` ```mermaid ````, ```` ```d2 ````), which Material for
    MkDocs or a plugin draws, and this theme shows as its code."""
    if _may_have_diagram(body):  # (most bodies: no fence of one)
        yield from _diagram_line_findings(body, first_line)


def _diagram_line_findings(body: str, first_line: int) -> Iterator[Finding]:
    """:func:`_diagram_findings`, each line looked at."""
    lines = body.split("\n")
    for index, _, kind in line_kinds(body):
        language = lines[index].lstrip(" \t>").lstrip("`~").strip().lower().split(" ")[0] \
            if kind == "opens" else ""
        if language.strip("{.") in _DIAGRAMS:
            name, tool = _DIAGRAMS[language.strip("{.")]
            yield (first_line + index, f"a {name} diagram (```{language.strip('{.')}) is shown "
                   "as its code: the theme draws no diagrams", f"draw it as an image ({tool}) "
                   "and show that, keeping the code in a <details> if you like")


def _icon_findings(body: str, first_line: int) -> Iterator[Finding]:
    """Each of Material for MkDocs' icon shortcodes in prose (see :func:`without_icons`)."""
    for index, text in prose_lines(body):
        for icon in ICON.findall(text) if ":" in text else []:
            yield (first_line + index, f"'{icon}' (an icon of Material for MkDocs' theme) is "
                   "left out", "write a word, or an emoji character, instead")


# An Obsidian embed (pelican-obsidian's, Obsidian's own): ![[file.png]], ![[file.png|alt]].
_EMBED = re.compile(r"!\[\[[^\[\]\n]+\]\]")


def _embed_findings(body: str, first_line: int) -> Iterator[Finding]:
    """Each Obsidian embed in prose, shown as written."""
    for index, text in prose_lines(body):
        for embed in _EMBED.findall(text) if "![[" in text else []:
            name = embed[3:-2].partition("|")[0].strip()
            yield (first_line + index, f"'{_excerpt(embed)}' (an Obsidian embed) is shown as text",
                   f"write it as an image or a link, ![]({_excerpt(name)}), with the file's path "
                   "from this page")


def _ref_note_findings(body: str, first_line: int) -> Iterator[Finding]:
    """Each note of Pelican's simple_footnotes plugin, ``[ref]the source[/ref]``, in prose,
    shown as written; not a link whose text is ``ref`` (``[ref](other.md)``, ``[ref][x]``,
    ``[ref]: url``) or ends in it (``[[ref]](url)``), or whose label is (``[the
    manual][ref]``, chezmoi's)."""
    for index, text in prose_lines(body):
        start = text.find("[ref]")
        while start != -1 and (text[start + 5:start + 6] in ("(", "[", ":", "]")
                               or text[start - 1:start] == "]"):  # (or a link's text
            # ending in it: fzakaria's [[ref]](url))
            start = text.find("[ref]", start + 5)
        if start != -1:
            end = text.find("[/ref]", start)
            shown = text[start:end + 6 if end != -1 else len(text)]
            yield (first_line + index, f"'{_excerpt(shown)}' (a note of Pelican's "
                   "simple_footnotes) is shown as text",
                   "write a footnote: a mark[^1] in the text, and [^1]: the note on a line of "
                   "its own")


def unsupported_syntax(body: str, first_line: int = 1) -> list[Finding]:
    """Each construct of another generator's dialect in ``body`` (line ``first_line`` on)
    that is shown as text, outside code: ``(line, message, hint)``.

    Liquid tags and expressions, Hugo shortcodes, MkDocs macros, FastAPI's ``{* *}``
    includes, ``:::`` directives and fenced divs, ``!!!`` lines that are not admonitions,
    kramdown's ``{:toc}``, extensions and attribute lists on their own line, and ``$$`` math.
    Fenced and indented code and code spans are skipped; HTML blocks are checked. At most
    ``MAX_REPORTED`` of a kind (those of one hint) are listed, then one more says how many
    others of that kind there are: one of another kind is never hidden among them. Blocks of
    Hugo's and Jekyll's ``highlight`` are code (see :func:`as_fences`); what Jekyll's ``{%
    raw %}`` shows as written is not reported (see :func:`without_liquid_raw`)."""
    body = blank_liquid_raw(without_silent_liquid(as_fences(body)))
    findings = [*_findings(body, first_line), *_fence_findings(body, first_line),
                *_diagram_findings(body, first_line)]
    unclosed = {line for line, message, _ in findings if "no line closes" in message}
    return _at_most_five_of_a_kind(sorted(  # (an unclosed fence is no fence: no options)
        (finding for finding in findings if finding[0] not in unclosed
         or finding[2] != FENCE_OPTIONS_HINT), key=lambda finding: finding[0]))


def _at_most_five_of_a_kind(findings: list[Finding]) -> list[Finding]:
    """``findings`` (in order of lines), with at most ``MAX_REPORTED`` of each kind (each
    hint), and for a kind that has more, one more finding that counts them, where the first
    of them is (docsy.dev's unclosed ``<div>`` after five shortcodes)."""
    found: list[Finding] = []
    kept: Counter[str] = Counter()
    more: dict[str, list[int]] = {}
    for finding in findings:
        hint = finding[2]
        if kept[hint] < MAX_REPORTED:
            kept[hint] += 1
            found.append(finding)
        else:
            more.setdefault(hint, []).append(finding[0])
    for lines in more.values():
        shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
        found.append((lines[0], f"and {len(lines)} more like these (lines {shown})",
                      "fix the ones above and build again"))
    return sorted(found, key=lambda finding: finding[0])
