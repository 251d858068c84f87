"""Other generators' syntax, rewritten as the engine's Markdown before a body is rendered:
Hugo's and Jekyll's ``highlight`` blocks as fences, escaped Hugo shortcodes, Hugo's fence
attributes, kramdown's attribute lists and ``{:toc}``, Jekyll's ``{% raw %}``, Liquid in
link definitions, link tags (``ref``, ``link``) as addresses, MkDocs Material's icons and
words in braces kept as text; and a heading's attribute list taken off its title.

Code is left as written: the rewrites skip fenced and indented code (see sitegen.prose).
"""
from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator

from markdown.extensions.attr_list import get_attrs, sanitize_name
from markdown.util import BLOCK_LEVEL_ELEMENTS

from sitegen.attrlists import split_chained_classes
from sitegen.fenceoptions import info_words
from sitegen.foreignlinks import LINK_TAG_STARTS, tag_as_address
from sitegen.prose import (
    closes_fence,
    fence_of,
    indent_of,
    is_list_item,
    line_kinds,
    pre_block_lines,
    prose_lines,
)
from sitegen.texmath import ENVIRONMENT_RE, MATH_RE
from sitegen.textscan import TOC_MARKER, outside_code_spans


def without_attribute_list(text: str) -> str:
    """``text`` (a heading's) without the attribute list at its end, as attr_list takes it
    off a heading: white space, then ``{ #id .class key="value" }`` (or ``{: ...}``) in
    which each word is an id, a class or a ``key=value``. Other braces stay: ``Sets {a, b}``."""
    stripped = text.rstrip()
    start = stripped.rfind("{")
    if not stripped.endswith("}") or start < 1 or not stripped[start - 1].isspace():
        return text
    inside = stripped[start + 1:-1].removeprefix(":")
    # The words outside quotes (a quoted value may hold spaces): every other piece.
    words = " ".join(inside.split('"')[::2]).split()
    if inside.count('"') % 2 or not words or not all(
            word[:1] in ("#", ".") and len(word) > 1 or "=" in word[1:] for word in words):
        return text
    return stripped[:start].rstrip()


# Hugo's highlight shortcode and Jekyll's highlight tag, each alone on its line: the opener
# (with the language and options between) and the closer, by their marks.
_HIGHLIGHTS = (("{{<", ">}}", "/highlight"), ("{{%", "%}}", "/highlight"),
               ("{%", "%}", "endhighlight"))


def _highlight_opener(line: str) -> tuple[int, list[str]] | None:
    """The kind (an index of :data:`_HIGHLIGHTS`) and the words after ``highlight`` of a line
    that opens a highlighted block, or None."""
    text = line.strip()
    for kind, (opener, closer, _) in enumerate(_HIGHLIGHTS):
        if text.startswith(opener) and text.endswith(closer):
            words = info_words(text[len(opener):-len(closer)])
            if words[:1] == ["highlight"] and len(words) > 1:
                return kind, words[1:]
    return None


def _closes_highlight(line: str, kind: int) -> bool:
    """Whether ``line`` closes a highlighted block of ``kind``, alone on the line (with any
    spaces around the ``/``: ``{{< / highlight >}}``, as Hugo reads it)."""
    opener, closer, name = _HIGHLIGHTS[kind]
    text = line.strip()
    return text.startswith(opener) and text.endswith(closer) and \
        "".join(text[len(opener):-len(closer)].split()) == name


def _option_name(word: str) -> str:
    """The name of a highlighted block's option ``word`` (``type="bicep"``), lowercased."""
    return word.partition("=")[0].strip().lower() if "=" in word else ""


_HUGO_FENCE_OPTIONS = frozenset({"linenos", "hl_lines", "linenostart"})


def _fence_info(words: list[str]) -> str:
    """A fence's info string for a highlighted block's language and options: Hugo's
    ``"linenos=table,hl_lines=2 4-5,linenostart=10"`` and Jekyll's ``linenos`` and
    ``mark_lines="2 3"`` become ``linenums`` and ``hl_lines``, a ``filename`` (Hugo
    themes') or ``title`` the ``title``; other options stay, for the fence's warning to name.
    Relearn's named parameters (``type="bicep" lineNos="false" title="A, B"``) name the
    language by ``type``."""
    language, *options = words
    if "=" in language:  # (Relearn's: no language first)
        options = [word for word in words if _option_name(word) not in ("type", "lang")]
        language = next((word.partition("=")[2].strip("\"'") for word in words
                         if _option_name(word) in ("type", "lang")), "text")
    language = "text" if language == "raw" else language  # (Pygments' raw reads token dumps)
    settings: dict[str, str] = {}
    others = []
    for option in options:
        one = "=" in option and option.partition("=")[2][:1] in ("\"", "'")  # (title="A, B")
        for part in [option] if one else option.strip("\"'").split(","):
            name, _, value = part.partition("=")
            name = name.strip()  # (Hugo reads its own in any case: lineNoStart, hl_Lines)
            name = name.lower() if name.lower() in _HUGO_FENCE_OPTIONS else name
            name = {"mark_lines": "hl_lines", "filename": "title"}.get(  # (Jekyll's, Hugo
                name, name)                                                # themes')
            if name in ("linenos", "hl_lines", "linenostart", "title"):
                settings[name] = value.strip().strip("\"'")
            elif part.strip():  # (quoted, as a fence's options are: one the fence can read)
                others.append(f'{name}="{value.strip().strip(chr(34) + chr(39))}"' if value
                              else part.strip())
    info = [language]
    if settings.get("title"):
        info.append(f'title="{settings["title"]}"')
    if "linenos" in settings and settings["linenos"] != "false":  # (Jekyll's has no value)
        info.append(f'linenums="{settings.get("linenostart") or 1}"')
    if settings.get("hl_lines"):
        info.append(f'hl_lines="{settings["hl_lines"]}"')
    return " ".join(info + others)


def fenced_highlights(body: str) -> str:
    """``body`` with each block of Hugo's ``{{< highlight go >}}`` ... ``{{< /highlight >}}``
    and Jekyll's ``{% highlight ruby %}`` ... ``{% endhighlight %}`` (each mark alone on its
    line, outside code) made a fenced code block, line for line: its code is shown and
    highlighted in its language, as on the old site. A block that is not closed stays as it
    is (and is reported as text)."""
    if "highlight" not in body:
        return body
    lines = body.split("\n")
    closers = [[at for at, line in enumerate(lines) if "highlight" in line
                and _closes_highlight(line, kind)] for kind in range(len(_HIGHLIGHTS))]
    fence, opened_at = "", 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence:
            fence = "" if closes_fence(line, fence, opened_at) else fence
        elif (opened := _highlight_opener(line)) is not None:
            kind, words = opened
            after = bisect.bisect_right(closers[kind], index)  # (the next closer, if any)
            if after < len(closers[kind]):
                end = closers[kind][after]
                runs = re.findall("`+", "\n".join(lines[index + 1:end]))
                ticks = "`" * max(3, 1 + max(map(len, runs), default=0))
                indent = line[:len(line) - len(line.lstrip(" \t"))]
                lines[index] = f"{indent}{ticks}{_fence_info(words)}"
                lines[end] = f"{indent}{ticks}"
                _into_item(lines, index, end)
                index = end
        else:
            fence, opened_at = fence_of(line), indent_of(line)
        index += 1
    return "\n".join(lines)


def _item_column(lines: list[str], index: int, strict: bool = False) -> int | None:
    """The column of the text of the list item whose paragraph line ``index`` continues
    (the lines over it down to the item's, with no blank line), if it is further in than
    line ``index``; else None. With ``strict``, the item's marker is less indented than
    line ``index`` (a fence at an outer item's column, under a nested one, is the outer's:
    OpenSearch's install steps)."""
    indent = indent_of(lines[index])
    above = index - 1
    while above >= 0 and lines[above].strip() and not is_list_item(lines[above]):
        above -= 1
    if above < 0 or not lines[above].strip() or indent_of(lines[above]) > indent \
            or strict and indent_of(lines[above]) >= indent:
        return None
    item = lines[above]
    text = item.lstrip(" ")
    marker = text.split(" ", 1)[0]
    column = len(item) - len(text) + len(marker)
    column += len(item[column:]) - len(item[column:].lstrip(" "))
    return column if column > indent else None


def _into_item(lines: list[str], start: int, end: int) -> None:
    """Put the fenced block of lines ``start`` to ``end`` (a highlighted block, written
    right after a list item's text at the margin: Bryce Wray's ``2. In your terminal app,
    enter:\\`` then ``{{< highlight >}}``) into that item, at its text's column, with the
    lines of text right after it, as Hugo shows the shortcode's block inside the item's
    paragraph (here a fence at the margin would end the list); a backslash that ends the
    line over it (a line break before the block) is taken out."""
    column = _item_column(lines, start)
    if column is None:
        return
    shift = " " * (column - indent_of(lines[start]))
    if lines[start - 1].endswith("\\"):
        lines[start - 1] = lines[start - 1][:-1]
    after = end + 1
    while after < len(lines) and lines[after].strip() and not is_list_item(lines[after]):
        after += 1
    _shifted(lines, start, after, shift)


def _shifted(lines: list[str], start: int, stop: int, shift: str) -> None:
    """Put ``shift`` (spaces) before each line of ``lines`` from ``start`` to before
    ``stop`` that is not blank, its tabs first written as the columns they reach (a tab
    after the spaces would take them into its stop)."""
    for at in range(start, stop):
        lines[at] = shift + lines[at].expandtabs(4) if lines[at].strip() else lines[at]


# A fence's line one to three spaces in
_SHALLOW_FENCE = re.compile(r"\n {1,3}(?:```|~~~)")


def fences_into_items(body: str) -> str:
    """``body`` with each code fence right under a list item's text, indented less than
    that text but not at the margin (GoReleaser's ``1. Download the files:`` then a fence
    two spaces in), moved to the text's column: a block of the item, as Python-Markdown
    (MkDocs) reads it, where CommonMark would end the list there and number the next item
    1 again. Line for line."""
    if not _SHALLOW_FENCE.search(body):
        return body  # (most bodies: one search)
    lines = body.split("\n")
    kinds = [kind for _, _, kind in line_kinds(body)]
    for index, kind in enumerate(kinds):
        if kind != "opens" or not index or not 0 < indent_of(lines[index]) < 4 \
                or not lines[index - 1].strip():
            continue
        column = _item_column(lines, index, strict=True)
        if column is not None:
            end = next((after for after in range(index + 1, len(lines))
                        if kinds[after] == "closes"), len(lines) - 1)
            _shifted(lines, index, end + 1, " " * (column - indent_of(lines[index])))
    return "\n".join(lines)


# Hugo's escaped shortcodes, which it shows as the shortcode written: {{</* name */>}}.
_ESCAPES = (("{{</*", "*/>}}", "{{<", ">}}"), ("{{%/*", "*/%}}", "{{%", "%}}"))


def is_escaped_shortcode(construct: str) -> bool:
    return construct.startswith(("{{</*", "{{%/*")) and construct.endswith(("*/>}}", "*/%}}"))


def unescaped_shortcodes(body: str) -> str:
    """``body`` with each of Hugo's escaped shortcodes, ``{{</* youtube abc */>}}`` (also
    with ``%``), written as the shortcode it shows, ``{{< youtube abc >}}``, in code too, as
    Hugo does; line for line. One look from left to right: an opener with no closer after
    it ends the look."""
    for opener, closer, shown_opener, shown_closer in _ESCAPES:
        if opener not in body:
            continue
        pieces, start = [], 0
        while (at := body.find(opener, start)) != -1:
            end = body.find(closer, at + len(opener))
            if end == -1:
                break
            pieces += [body[start:at], shown_opener, body[at + len(opener):end], shown_closer]
            start = end + len(closer)
        body = "".join(pieces) + body[start:]
    return body


def _hugo_attributes(text: str) -> list[str]:
    """The ``name=value`` options of Hugo's fence attributes, ``linenos=true,hl_lines=[2,
    "4-5"]`` (commas or spaces between), each value without its quotes, a list's items
    separated by spaces: ``["linenos=true", "hl_lines=2 4-5"]``."""
    options, option, depth, quote = [], "", 0, ""
    for character in text + ",":
        if quote:
            quote = "" if character == quote else quote
            option += "" if not quote else character
        elif character in "\"'":
            quote = character
        elif character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
        elif character in ", \t" and depth == 0:
            options += [option] if option else []
            option = ""
        else:
            option += " " if character == "," else character
    return options


def _hugo_fence_line(line: str, fence: str) -> str:
    """A fence's opening ``line`` (its ``fence`` found) with Hugo's attributes after the
    language, ```` ```go {linenos=table,hl_lines=[2,3],linenostart=10} ````, written as this
    engine's options (```` ```go linenums="10" hl_lines="2 3" ````); any other line as is."""
    start = line.index(fence) + len(fence)
    language, brace, attributes = line[start:].strip().partition("{")
    if not brace or not language.strip() or len(language.split()) != 1 \
            or not attributes.endswith("}") or "=" not in attributes:
        return line
    options = _hugo_attributes(attributes[:-1])
    return line[:start] + _fence_info([language.strip(), *options])


# A quick look for a fence's line with a brace: one expression a mark, as an alternative of
# the two would lose the regular expression engine's search for a literal.
_FENCES_WITH_BRACES = (re.compile(r"```[^\n`]*\{"), re.compile(r"~~~[^\n]*\{"))


def hugo_fence_attributes(body: str) -> str:
    """``body`` with Hugo's attributes of each code fence (see :func:`_hugo_fence_line`)
    written as this engine's options, line for line: Hugo's line numbers and highlighted
    lines are kept, where superfences would take the attributes for none of its options."""
    if "{" not in body or not any(pattern.search(body) for pattern in _FENCES_WITH_BRACES):
        return body
    lines = body.split("\n")
    fence, opened_at = "", 0
    for index, line in enumerate(lines):
        if fence:
            fence = "" if closes_fence(line, fence, opened_at) else fence
        elif fence := fence_of(line):
            opened_at = indent_of(line)
            lines[index] = _hugo_fence_line(line, fence) if "{" in line else line
    return "\n".join(lines)


_MAX_FORMULA_LINES = 200  # (how far a $$ formula's closing line is looked for)


def math_blocks_whole(body: str) -> str:
    """``body`` with each blank line inside a ``$$`` formula that is a block of its own, from
    a line of ``$$`` alone to another, written ``%`` (TeX's comment: MathJax and KaTeX pass
    over it). kramdown reads such a formula to its closing ``$$`` across blank lines (a
    Chirpy blog's 70 formulas), where a blank line ended Python-Markdown's paragraph, and
    the formula with it: its TeX was then read as Markdown. Not in code. Line for line."""
    if "$$" not in body or "\n\n" not in body:
        return body
    lines = body.split("\n")
    kinds: dict[int, str] | None = None
    index = 0
    while index < len(lines):
        close = _formula_end(lines, index)
        if close is not None:
            kinds = kinds if kinds is not None else {
                at: kind for at, _, kind in line_kinds(body)}
            if kinds.get(index) == "prose" and all(
                    kinds.get(at) in ("prose", "blank") for at in range(index, close + 1)):
                for at in range(index + 1, close):
                    lines[at] = lines[at] if lines[at].strip() else "%"
            index = close
        index += 1
    return "\n".join(lines)


def _formula_end(lines: list[str], index: int) -> int | None:
    """The index of the line that closes the ``$$`` formula opened by ``lines[index]``: a
    line of ``$$`` alone at a block's start, closed by the next line that holds ``$$``, a
    line of ``$$`` alone that ends the block, if a blank line is inside; else None (a
    shell's ``$$`` is no formula)."""
    if lines[index].strip() != "$$" or (index and lines[index - 1].strip()):
        return None
    for at in range(index + 1, min(len(lines), index + _MAX_FORMULA_LINES)):
        if "$$" in lines[at]:
            ends_block = at + 1 == len(lines) or not lines[at + 1].strip()
            return at if lines[at].strip() == "$$" and ends_block and any(
                not lines[inside].strip() for inside in range(index + 1, at)) else None
    return None


def fence_info_spaced(body: str) -> str:
    """``body`` with the no-break spaces of each fence's opening line written as spaces
    (```` ```\u00a0python ````, as some keyboards type a space after the backticks), as
    CommonMark's markdown-it reads them: superfences takes such a line for text, and the
    code for a code span of the paragraph. Line for line."""
    if "\u00a0" not in body:
        return body
    lines = body.split("\n")
    for index, line, kind in line_kinds(body):
        if kind == "opens" and "\u00a0" in line:
            lines[index] = line.replace("\u00a0", " ")
    return "\n".join(lines)


# A line that starts with a fence's marks after spaces or tabs, after its newline: one search
# of a body finds them all (a search of ^ in MULTILINE mode tries every place).
_INDENTED_FENCE_MARK = re.compile(r"\n[ \t]+(?:```|~~~)")


def _has_indented_fence_mark(body: str) -> bool:
    """Whether a line of ``body`` starts with a fence's marks four columns or more in."""
    return any(indent_of(found.group()[1:]) >= 4
               for found in _INDENTED_FENCE_MARK.finditer("\n" + body))


def indented_code_fenced(body: str) -> str:
    """``body`` with each indented code block that holds a fence's marks on a line after its
    first written as fenced code, of more backticks than any of its lines holds, in
    codehilite's language when its first line names one (``:::bash``): superfences takes
    such a line for a fence that runs over the rest of the page (pybites' pytest output).
    A block whose first line is a fence's is left as it is: superfences reads it as code,
    marks and all. The fence's lines take the blank lines around the block. Line for
    line."""
    if not _has_indented_fence_mark(body):
        return body  # (most bodies: one search)
    return _indented_code_fenced_walk(body)


def _indented_code_fenced_walk(body: str) -> str:
    """:func:`indented_code_fenced`, each line looked at."""
    lines = body.split("\n")
    kinds = {index: kind for index, _, kind in line_kinds(body)}
    index = 1
    while index < len(lines):
        end = _indented_block_end(lines, kinds, index)
        if end > index and not fence_of(lines[index]) \
                and any(fence_of(line) for line in lines[index + 1:end]) \
                and (end == len(lines) or not lines[end].strip()):
            _write_as_fenced(lines, index, end)
        index = max(end, index + 1)
    return "\n".join(lines)


def _indented_block_end(lines: list[str], kinds: dict[int, str], start: int) -> int:
    """The index after the indented code block at the margin (four spaces or a tab in) that
    starts at line ``start``, after a blank line; ``start`` itself if none starts there."""
    if kinds.get(start) != "code" or lines[start - 1].strip() or indent_of(lines[start]) != 4:
        return start
    end = start
    while end < len(lines) and (kinds.get(end) == "code" or not lines[end].strip()
                                and kinds.get(end + 1) == "code"):
        end += 1
    return end


_BACKTICKS = re.compile("`+")


def _write_as_fenced(lines: list[str], start: int, end: int) -> None:
    """Write the indented code of ``lines[start:end]`` as fenced code (see
    :func:`indented_code_fenced`), its opening line on the blank line before it, or on its
    first line when that names codehilite's language, its closing line on the blank line
    after it (or after the body)."""
    code = [line[4:] if line.startswith("    ") else line[1:] if line.startswith("\t")
            else line.lstrip() for line in lines[start:end]]
    longest = max((len(run) for line in code for run in _BACKTICKS.findall(line)), default=0)
    marks = "`" * max(3, longest + 1)
    first = code[0].strip()
    if first.startswith(":::") and first[3:].split() and first[3:4].isalpha():
        lines[start] = marks + first[3:].split()[0]
        lines[start + 1:end] = code[1:]
    else:
        lines[start - 1] = marks
        lines[start:end] = code
    if end == len(lines):
        lines.append(marks)
    else:
        lines[end] = marks


def as_fences(body: str) -> str:
    """``body`` with other generators' code blocks made this engine's fences, line for line:
    Hugo's and Jekyll's ``highlight`` blocks (:func:`fenced_highlights`) and Hugo's fence
    attributes (:func:`hugo_fence_attributes`)."""
    return hugo_fence_attributes(fenced_highlights(body))


def _tag_like_shortcodes(line: str) -> list[int]:
    """Where ``line`` (a prose line, code spans blanked) has a shortcode whose ``<`` starts
    an HTML tag (``{{<button href="/s/">}}``, ``{{</button>}}``): the ``<``'s positions;
    Hugo's ``ref`` and ``relref``, read as links, are not among them."""
    found = []
    start = line.find("{{<")
    while start != -1:
        after = line[start + 3:start + 4] if line[start + 3:start + 4] != "/" else \
            line[start + 4:start + 5]
        words = line[start + 3:start + 40].lstrip("/").split(None, 1)  # (a name is short)
        name = words[0] if words else ""
        if after.isalpha() and name.lower() not in ("ref", "relref"):
            found.append(start + 2)
        start = line.find("{{<", start + 3)
    return found


# A word in braces at the end of a line of text (## The road to {shinycssloaders}), which
# Python-Markdown's attribute lists would take for an attribute: kramdown's lists start
# with {:, Python-Markdown's hold #ids, .classes and key=values.
_BARE_BRACES = re.compile(r"(?<=\S)[ \t]*(\{)[A-Za-z][\w-]*\}[ \t]*$")
_ANY_BARE_BRACES = re.compile(r"\{[A-Za-z][\w-]*\}[ \t]*$", re.MULTILINE)  # (a body's look)
_TEX_COMMAND_BEFORE = re.compile(r"\\[A-Za-z]+$")  # (searched for up to the brace)


# Material for MkDocs' icon shortcodes (:material-help:, :fontawesome-brands-github:,
# :octicons-mark-github-16:, :simple-slack:), which its theme draws from its own icon sets.
ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:")


def without_icons(body: str) -> str:
    """``body`` with Material for MkDocs' icon shortcodes taken out of its prose, with the
    attribute list right after one (this theme has no icons to draw; they are warned
    about): a heading's id is then made of its words
    alone, as Material makes it (``## :simple-slack: Slack`` is ``#slack``). Line for line."""
    if not ICON.search(body):
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        found = list(ICON.finditer(text)) if ":" in text else []
        for match in reversed(found):  # (text is the line, code spans blanked: same places)
            line = lines[index]
            at_start = match.start() == len(line) - len(line.lstrip(" #")) \
                or line[:match.start()].endswith(('"', "'"))  # (## :x: Title, === ":x: Tab")
            rest = _without_leading_attribute_list(line[match.end():])  # (its { .lg })
            lines[index] = line[:match.start()] + (rest.lstrip(" ") if at_start else rest)
    return "\n".join(lines)


def _without_leading_attribute_list(text: str) -> str:
    """``text`` without the attribute list it starts with (``{ .lg .middle }`` right after
    an icon, which Material gives the icon), if it starts with one."""
    close = text.find("}")
    if not text.startswith("{") or close == -1:
        return text
    return text[close + 1:] if without_attribute_list("x " + text[:close + 1]) == "x" else text


# What an attribute list starts with: {#id, {.class, {: (one search, where three searches
# of two characters took eight times as long on the bench's bodies, rich in braces).
_ATTRIBUTES_START = re.compile(r"\{[#.:]")
# An ATX heading whose attribute list follows its text with no space: ## Setup{#setup}.
_GLUED_HEADING_ATTRIBUTES = re.compile(
    r"\n {0,3}#{1,6}[ \t][^\n]*[^\s{]\{[#.:][^\n{}]*\}[ \t]*(?=\n|\Z)")


def heading_attributes_spaced(body: str) -> str:
    """``body`` with the attribute list of an ATX heading written right after its text
    (``## Zero administration{#zero-administration}``, which goldmark, Hugo's, reads:
    facile's 23 headings) given the space before it that Python-Markdown's attribute lists
    need (it showed the braces, and doubled the id). Line for line."""
    if _ATTRIBUTES_START.search(body) is None \
            or _GLUED_HEADING_ATTRIBUTES.search("\n" + body) is None:
        return body  # (most bodies: one search, then one of the lines that start headings)
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if text.rstrip().endswith("}") and _GLUED_HEADING_ATTRIBUTES.fullmatch("\n" + text):
            brace = lines[index].rindex("{")
            lines[index] = lines[index][:brace] + " " + lines[index][brace:]
    return "\n".join(lines)


# kramdown's marks around raw HTML that it writes as it is: {::nomarkdown} ... {:/}.
NOMARKDOWN_MARKS = ("{::nomarkdown}", "{:/nomarkdown}", "{:/}")


def without_nomarkdown_marks(body: str) -> str:
    """``body`` without kramdown's ``{::nomarkdown}`` and its end mark, ``{:/}``, around the
    raw HTML kramdown writes as it is (OpenSearch's 114 icons, ``{::nomarkdown}<img
    .../>{:/}``), which is HTML here too: the marks had been shown as text. Line for
    line."""
    if NOMARKDOWN_MARKS[0] not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if "{:" in text:  # (in code spans, as written)
            lines[index] = "".join(piece if in_code else _without_marks(piece)
                                   for in_code, piece in outside_code_spans(lines[index]))
    return "\n".join(lines)


def _without_marks(text: str) -> str:
    """``text`` without the marks of :data:`NOMARKDOWN_MARKS`."""
    for mark in NOMARKDOWN_MARKS:
        text = text.replace(mark, "")
    return text


def braced_words_as_text(body: str) -> str:
    """``body`` with a word in braces ending a line of text written ``\\{word}``: shown as
    written, as in kramdown and CommonMark, where Python-Markdown's attribute lists took it
    away (``## The road to {shinycssloaders}`` lost its last word); and so with a line in
    braces that is no attribute list (porter's ``{"command": "porter"}``, which became the
    paragraph's attributes). Line for line. A line of ``$$`` math or of a TeX environment
    is kept as written (willwolf's ``\\begin{cases}``, a Chirpy blog's ``m_{w}`` in
    ``\\begin{align}``: see :mod:`sitegen.texmath`), and so are a TeX
    command's braces (``$M = \\begin{pmatrix}`` ending a line of inline math) and the lines
    of a ``<pre>`` block, which Python-Markdown shows as written."""
    if "}" not in body or not (_ANY_BARE_BRACES.search(body)
                               or _BRACED_LINE.search("\n" + body)):
        return body
    lines = body.split("\n")
    as_written = (_math_lines(body) if "$$" in body else set()) | \
        (_math_lines(body, _ENVIRONMENT) if "\\begin{" in body else set()) | \
        (pre_block_lines(body) if "<pre" in body else set())
    for index, text in prose_lines(body):
        if text.rstrip().endswith("}") and index not in as_written:
            match = _BARE_BRACES.search(text)
            start = match.start(1) if match is not None else _not_attributes(text)
            if match is not None and _TEX_COMMAND_BEFORE.search(text, 0, match.start(1)):
                start = None  # (\\begin{pmatrix}: a TeX command's argument)
            if start is not None:
                line = lines[index]
                lines[index] = line[:start] + "\\" + line[start:]
    return "\n".join(lines)


_MATH = re.compile(MATH_RE, re.DOTALL)
_ENVIRONMENT = re.compile(ENVIRONMENT_RE, re.DOTALL)


def _math_lines(body: str, formulas: re.Pattern[str] = _MATH) -> set[int]:
    """The indexes of the lines of ``body`` that hold some of a ``$$`` formula, or of
    another of ``formulas`` (a TeX environment: ``\\begin{align}`` to ``\\end{align}``),
    not fenced code's (a shell's ``echo $$``); a formula's line indented as code after a
    blank line is the formula's still, as irpan's closing ``$$``."""
    lines = body.split("\n")
    for index, _, kind in line_kinds(body):
        if kind in ("opens", "fenced", "closes", "comment"):
            lines[index] = ""
    prose = "\n".join(lines)
    found: set[int] = set()
    for formula in formulas.finditer(prose):
        first = prose.count("\n", 0, formula.start())
        found.update(range(first, first + formula[0].count("\n") + 1))
    return found


# A line in braces, the attribute list Python-Markdown reads at a paragraph's end or not
# (not kramdown's {: }, nor a template's {{ }} or {% %}: see sitegen.dialect).
_BRACED_LINE = re.compile(r"\n[ \t>]*\{[^:{%*!<\n][^\n]*\}[ \t]*(?=\n|\Z)")  # (after a
# line break: a search of ^ in MULTILINE mode tries every place)
# What an attribute list holds: #id, .class, key=value (quoted or not), a bare key.
_ATTRIBUTE = re.compile(r"""#[\w-]+|\.[\w-]+|[\w:.-]+=(?:"[^"]*"|'[^']*'|[^\s"']+)|[\w-]+""")


_CRITIC_MARKS = ("{++", "{--", "{~~", "{==", "{>>")  # (pymdownx.critic's: ExpressLRS')


def _not_attributes(text: str) -> int | None:
    """Where the ``{`` of ``text``, a prose line in braces, is, when what the braces hold
    is no attribute list (JSON, ``{ debug: true }``); else None."""
    stripped = text.strip(" \t>")
    if not stripped.startswith("{") or stripped[1:2] in ("", ":", "{", "%", "*", "!", "<") \
            or stripped.startswith(_CRITIC_MARKS) or "{" in stripped[1:] or "}" in stripped[:-1]:
        return None
    inside = stripped[1:-1].strip()
    attributes = _ATTRIBUTE.fullmatch
    if inside and all(attributes(token) for token in re.findall(
            r"""(?:[^\s"']+|"[^"]*"|'[^']*')+""", inside)):
        return None
    return text.index("{")


def shortcodes_as_text(body: str) -> str:
    """``body`` with the ``<`` of each shortcode written like an HTML tag, outside code,
    written ``&lt;``: Hugo's shortcodes are shown as written (and warned about), where
    Python-Markdown would take ``<button href="/s/">`` for raw HTML; and the ``>`` of a
    ``>}}`` line that closes a shortcode written over lines (Doks' ``{{< link-card``, then
    one attribute a line) written ``&gt;``, where it made a block quote. Line for line."""
    if "{{<" not in body:
        return body
    lines = body.split("\n")
    open_above = False  # (whether the line above leaves a shortcode open)
    previous = -1
    for index, text in prose_lines(body):
        open_above = open_above and previous == index - 1
        for position in reversed(_tag_like_shortcodes(text)):
            line = lines[index]
            lines[index] = line[:position] + "&lt;" + line[position + 1:]
        if open_above and text.lstrip(" ").startswith(">}}"):
            at = lines[index].index(">}}")
            lines[index] = lines[index][:at] + "&gt;" + lines[index][at + 1:]
        opener = max(text.rfind("{{<"), text.rfind("{{%"))
        open_above = "}}" not in text[opener:] if opener != -1 else \
            open_above and "}}" not in text
        previous = index
    return "\n".join(lines)


_LIQUID_RAW = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}")
_LIQUID_ENDRAW = re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}")


def _liquid_raw_spans(body: str) -> Iterator[tuple[int, int, int, int]]:
    """Each ``{% raw %}`` ... ``{% endraw %}`` of ``body`` (Jekyll's Liquid shows what is
    between as it is), as the starts and ends of its two tags."""
    start = 0
    while (raw := _LIQUID_RAW.search(body, start)) is not None:
        end = _LIQUID_ENDRAW.search(body, raw.end())
        if end is None:
            return
        yield raw.start(), raw.end(), end.start(), end.end()
        start = end.end()


def is_table_row(line: str) -> bool:
    return line.lstrip(" >").startswith("|")


def _is_toc_mark(text: str) -> bool:
    """Whether ``text`` is kramdown's table of contents mark, ``{:toc}`` (``{: toc }``)."""
    text = text.strip()
    return text.startswith("{:") and text.endswith("}") and text[2:-1].strip() == "toc"


def is_block_attribute_list(text: str) -> bool:
    """Whether ``text`` (a line, stripped) is a kramdown block attribute list, ``{: .x }``
    (not a ``{::`` extension, nor the end of one, ``{:/}``, nor the ``{:toc}`` mark)."""
    return text.startswith("{:") and not text.startswith(("{::", "{:/")) \
        and text.endswith("}") and not _is_toc_mark(text)


def is_list_attribute_list(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list on its own line right before a
    list, after a blank line (``{:start="0"}`` then ``0. First``): a list takes no
    attributes here, and the list's first item would be read into its paragraph, so
    :func:`kramdown_blocks` takes it out (the scan warns about it)."""
    return is_block_attribute_list(lines[index].strip()) and indent_of(lines[index]) <= 3 \
        and (index == 0 or not lines[index - 1].strip()) and index + 1 < len(lines) \
        and is_list_item(lines[index + 1])


def item_attribute_list(line: str) -> tuple[int, int] | None:
    """Where the kramdown attribute list that opens the text of the list item ``line`` is
    (``1. {:#tap1} text``, Optech's anchors of its items), as ``(start, end)``; a list item
    takes no attributes here, and :func:`kramdown_blocks` takes it out (the scan warns)."""
    if not is_list_item(line):
        return None
    text = line.lstrip(" \t>")
    start = len(line) - len(text) + len(text.split(None, 1)[0])
    start += len(line[start:]) - len(line[start:].lstrip(" \t"))
    end = line.find("}", start) + 1
    if not line.startswith("{:", start) or line.startswith("{::", start) or end == 0 \
            or not is_block_attribute_list(line[start:end]):
        return None
    return start, end


def _quote_marks(line: str) -> str:
    """The block quote marks ``line`` starts with (``> > ``), which keep it in its quotes."""
    return line[:len(line) - len(line.lstrip(" \t>"))].rstrip()


def is_quote_attribute_list(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list right after a block quote's last
    line, in fewer quotes than it (the Carpentries lessons' ``> Text.`` then ``{: .callout}``,
    ``> > ~~~`` then ``> {: .solution}``): kramdown gives it to the quote, which takes no
    attributes here, so :func:`kramdown_blocks` takes it out (the scan warns about it)."""
    line = lines[index]
    if not index or not is_block_attribute_list(line.lstrip(" \t>").strip()):
        return False
    above = index - 1  # (over a quote's lazy lines, which have no '>': fzakaria's)
    while above > 0 and lines[above].strip() and not _quote_marks(lines[above]) \
            and lines[above - 1].strip() and not fence_of(lines[above]):
        above -= 1
    return _quote_marks(lines[above]).count(">") > _quote_marks(line).count(">")


def _block_under_attribute_list(lines: list[str], index: int) -> int | None:
    """The line of the block under line ``index``, right under it or after blank lines, when
    that line is a kramdown attribute list on its own line, at the margin, after a blank line
    (or first), and the block is at the margin too; else None."""
    if not is_block_attribute_list(lines[index].strip()) or indent_of(lines[index]) > 3 \
            or (index and lines[index - 1].strip()):
        return None
    under = next((found for found in range(index + 1, len(lines)) if lines[found].strip()),
                 None)
    return None if under is None or indent_of(lines[under]) > 3 else under


def attribute_list_before_block(lines: list[str], index: int) -> int | None:
    """Where a kramdown attribute list on its own line ``index``, after a blank line, goes
    for the block under it, right under it or after blank lines, as kramdown applies it
    there (Just the Docs' ``{: .note }`` then the note's paragraph; Optech's ``{:#first}``, a
    blank line, then a paragraph): the heading's line, to end it, or the blank line after
    the paragraph, which Python-Markdown reads as the paragraph's last; None for any
    other."""
    under = _block_under_attribute_list(lines, index)
    if under is None:
        return None
    block = lines[under]
    if block.lstrip().startswith("#"):
        return None if block.rstrip().endswith("}") else under
    if _is_table_start(lines, under):  # (a table without edge pipes)
        return None
    lead = block.lstrip()
    if lead[:1] in (">", "|", "<", "{", ":", "=", "/") or is_list_item(block) \
            or fence_of(block) or lead.startswith(("!!!", "???")) \
            or (lead[:1] in "-*_" and not lead.strip(" -*_")):  # (a paragraph may start
        return None  # with emphasis, code or an image: Optech's {:.post-meta}, *by Ann*)
    return next((end for end in range(under + 1, len(lines)) if not lines[end].strip()), None)


def html_attributes(attributes: str) -> str:
    """The HTML attributes of a kramdown attribute list (``{: .note #id key="v" }`` is
    `` class="note" id="id" key="v"``), or "" for one of none."""
    pairs = [(key, value) for key, value
             in get_attrs(split_chained_classes(attributes.strip()[1:-1].lstrip(":")))
             if isinstance(value, str)]  # (a bare word, {: note}, names a kramdown ALD: none)
    classes = " ".join(value for key, value in pairs if key == ".")
    named = [(sanitize_name(key), value) for key, value in pairs if key != "."]
    return "".join(f' {key}="{html.escape(value)}"'
                   for key, value in ([("class", classes)] if classes else []) + named)


def attribute_list_before_quote_or_fence(lines: list[str], index: int) -> int | None:
    """The line of the block quote or code fence that a kramdown attribute list on its own
    line ``index``, after a blank line, applies to, right under it or after blank lines (Just
    the Docs' callouts, ``{: .warning }`` then ``> text``; its ``{: .lh-0 }`` over a fence),
    when that block can take it here (see :func:`_attributes_given`); else None."""
    text = lines[index].strip()
    under = _block_under_attribute_list(lines, index)
    if under is None:
        return None
    block = lines[under].lstrip()
    if block.startswith(">") and html_attributes(text) and lines[under].startswith(">") \
            and not lines[index][:1].isspace():  # (at the margin: one in a list item is
        return under  # the item's, whose list an HTML block would cut in two)
    if fence_of(block) and _fence_with_attributes(lines[under], text) is not None:
        return under
    return None


def _attributes_given(lines: list[str], index: int, under: int) -> None:
    """Give the block quote or fence at ``under`` the attribute list of line ``index`` (see
    :func:`attribute_list_before_quote_or_fence`): the fence in its first line, the quote as
    the HTML block quote of its lines with Markdown in it (md_in_html), ended where kramdown
    ends it, at a blank line."""
    attributes, lines[index] = lines[index].strip(), ""
    if not lines[under].lstrip().startswith(">"):
        lines[under] = _fence_with_attributes(lines[under], attributes) or lines[under]
        return
    lines[index] = f'<blockquote{html_attributes(attributes)} markdown="1">'
    end = next((found for found in range(under, len(lines)) if not lines[found].strip()),
               len(lines))
    for quoted in range(under, end):
        text = lines[quoted].lstrip()
        if text.startswith(">"):  # (a lazy line of its paragraph keeps its place)
            lines[quoted] = text[2:] if text.startswith("> ") else text[1:]
    if end < len(lines):
        lines[end] = "</blockquote>"
    else:
        lines[-1] += "\n</blockquote>"


def quote_before_attribute_list(lines: list[str], index: int) -> int | None:
    """The first line of the block quote right above line ``index``, a kramdown attribute
    list at the margin, when the quote can take it here (OpenSearch's callouts, ``> text``
    then ``{: .note }``; the Carpentries' ``{: .callout}``): the quote's first line starts
    with ``>`` (the others going on with its paragraphs, as the Carpentries' checklists'),
    after a blank line or at the body's start; else None."""
    text = lines[index].strip()
    if not index or not is_block_attribute_list(text) or indent_of(lines[index]) > 0 \
            or not html_attributes(text) or not lines[index - 1].strip():
        return None
    start = index - 1  # (up to the quote's first line: its paragraph's lazy lines, with no
    while start > 0 and lines[start - 1].strip() and not (  # '>', too, fzakaria's; not over
            fence_of(lines[start - 1]) and not lines[start - 1].lstrip().startswith(">")):
        start -= 1  # a fence's closing line right over it)
    quote = lines[start:index]  # (its first line a quote's, at the margin: one in a list
    if not quote[0].startswith(">") or any(  # item is the item's; a line of no mark goes
            indent_of(line) > 3 for line in quote if line.lstrip().startswith(">")):
        return None  # on with its paragraph, lazily)
    return start


def _quote_given_attributes(lines: list[str], index: int, start: int) -> None:
    """The block quote of lines ``start`` to ``index`` (its attribute list, see
    :func:`quote_before_attribute_list`) as the HTML block quote of its lines, with
    Markdown in it (md_in_html), that has the list's attributes: its start tag on the blank
    line before it (on its first line, at the body's start: a list right after the tag is
    loose there)."""
    opening = f'<blockquote{html_attributes(lines[index])} markdown="1">'
    for quoted in range(start, index):
        text = lines[quoted].lstrip()
        if text.startswith(">"):  # (a lazy line of a paragraph keeps its place)
            lines[quoted] = text[2:] if text.startswith("> ") else text[1:]
    if start and not lines[start - 1].strip():
        lines[start - 1] = opening
    else:  # (at the body's start, or right under a fence's closing line)
        lines[start] = opening + lines[start]
    lines[index] = "</blockquote>"


def attribute_list_after_line(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list on its own line between a
    paragraph of one line and a line of text (Just the Docs' ``Font size 1``, ``{: .fs-1 }``,
    ``Font size 2``): kramdown ends the paragraph there and gives it the attributes, where
    Python-Markdown kept both lines in one paragraph; :func:`kramdown_blocks` writes the
    paragraph as HTML with its attributes (a blank line takes the list's place)."""
    text = lines[index].strip()
    if not index or index + 1 >= len(lines) or not is_block_attribute_list(text) \
            or indent_of(lines[index]) > 0 or not html_attributes(text):
        return False  # (at the margin: in a list item, an HTML line would cut its list)
    above, below = lines[index - 1], lines[index + 1].strip()
    lead = above.lstrip()
    return bool(lead) and indent_of(above) == 0 \
        and (index < 2 or not lines[index - 2].strip()  # (or one list more: Font size 2;
             or is_block_attribute_list(lines[index - 2].strip())  # or a tag's line:
             or _is_tag_line(lines[index - 2])) \
        and lead[:1] not in ("#", ">", "|", "<", "{", ":", "=", "/") \
        and not lead.startswith(("!!!", "???")) and not is_list_item(above) \
        and not fence_of(above) and bool(lead.strip(" -*_=")) \
        and bool(below) and not below.startswith("</")


def _is_tag_line(line: str) -> bool:
    """Whether ``line`` is the start tag of a block-level element alone (Just the Docs'
    ``<div markdown="1">``), after which a line of text starts a paragraph."""
    text = line.strip()
    name = text[1:].split(None, 1)[0].rstrip(">").lower() if len(text) > 2 else ""
    return text.startswith("<") and text.endswith(">") and name in BLOCK_LEVEL_ELEMENTS


def _move_attribute_list(lines: list[str], index: int, target: int) -> None:
    """Move the attribute list of line ``index`` to ``target`` (see
    :func:`attribute_list_before_block`): to a heading's end; into the blank line after a
    paragraph when another blank line (or the end) follows it; else to the paragraph's last
    line's place, the paragraph's lines a line up (a blank line must stay after it)."""
    attributes = lines[index].strip()
    if lines[target].strip():
        lines[index], lines[target] = "", f"{lines[target].rstrip()} {attributes}"
    elif target + 1 >= len(lines) or not lines[target + 1].strip():
        lines[index], lines[target] = "", attributes
    else:
        lines[index:target] = [*lines[index + 1:target], attributes]


def is_heading_attribute_list(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list (``{: #id .class }``, not a
    ``{::`` extension or the ``{:toc}`` mark) on the line after an ATX heading that has
    none at its end."""
    text, previous = lines[index].strip(), lines[index - 1] if index > 0 else ""
    return is_block_attribute_list(text) and indent_of(previous) < 4 \
        and previous.lstrip().startswith("#") and not previous.rstrip().endswith("}")


# The block quote marks a line starts with, each with the space after it (one at most).
_QUOTE_MARKS = re.compile(r"^(?: {0,3}> ?)+")


def fence_attribute_lists(body: str) -> dict[int, tuple[int, str]]:
    """The kramdown attribute lists right under a code fence's closing line, by the index of
    their line, each with the index of the fence's opening line and that line as it is
    written with them: the
    Carpentries lessons' ``~~~`` ... ``~~~`` then ``{: .language-bash}`` (the fence's
    language) or ``{: .output}`` (a class, in superfences' ``~~~{.text .output}``). One
    with any other word (``key="value"``), or under a fence whose line has words besides
    its language, is left out (and is warned about as text)."""
    found: dict[int, tuple[int, str]] = {}
    lines, opener, previous = body.split("\n"), -1, ""
    for index, line, kind in line_kinds(body) if "{:" in body else []:
        if kind == "opens":  # (not indented code in a quote: ">     ~~~", the Carpentries'
            opener = index if indent_of(_QUOTE_MARKS.sub("", line)) < 4 else -1  # example)
        elif kind == "prose" and previous == "closes" and opener >= 0 \
                and _is_quoted_alike(lines[opener:index]):
            written = _fence_with_attributes(lines[opener], line.lstrip(" \t>").strip())
            if written is not None:
                found[index] = (opener, written)
        previous = kind
    return found


def attribute_lists_under_fences(body: str) -> set[int]:
    """The indexes of the kramdown attribute lists right under a code fence's closing line
    (see :func:`fence_attribute_lists`, which writes those it can into the fence; the others,
    fzakaria's ``{: title="..." }``, are left out, and warned about)."""
    found, previous = set(), ""
    for index, line, kind in line_kinds(body) if "{:" in body else []:
        if kind == "prose" and previous == "closes" \
                and is_block_attribute_list(line.lstrip(" \t>").strip()):
            found.add(index)
        previous = kind
    return found


def _is_quoted_alike(lines: list[str]) -> bool:
    """Whether the lines of a fence are all quoted as deep as its first (``> > ``): a line
    of the fence's code quoted less makes Python-Markdown read no fence there, and the
    attribute list is left as it is."""
    depth = _quote_depth(lines[0])  # (a line quoted deeper is code: the Carpentries'
    return all(_quote_depth(line) >= depth or not line.strip(" >") for line in lines)  # > ##)


def _quote_depth(line: str) -> int:
    """How many block quote marks start ``line``."""
    return line[:len(line) - len(line.lstrip(" \t>"))].count(">")


def _has_quoted_fence(body: str) -> bool:
    """Whether a fence mark of ``body`` follows block quote marks on its line."""
    for mark in ("```", "~~~"):
        place = body.find(mark)
        while place != -1:
            prefix = body[body.rfind("\n", 0, place) + 1:place]
            if ">" in prefix and not prefix.strip(" \t>"):
                return True
            end = body.find("\n", place)
            place = -1 if end == -1 else body.find(mark, end)
    return False


def quoted_fences_spaced(body: str) -> str:
    """``body`` with each line of a fence in a block quote that is quoted as deep as the
    fence's first line but written without the space after its marks (the Carpentries'
    ``> >podman images``, which kramdown and CommonMark read as the quote's line
    ``podman images``) written with the first line's marks: superfences reads no fence
    otherwise, and shows its lines as text. Line for line."""
    if not _has_quoted_fence(body):
        return body  # (most bodies: a look at each fence mark)
    return _quoted_fences_spaced_walk(body)


def _quoted_fences_spaced_walk(body: str) -> str:
    """:func:`quoted_fences_spaced`, each line looked at."""
    lines = body.split("\n")
    marks = ""
    for index, line, kind in line_kinds(body):
        if kind == "opens":
            marks = line[:len(line) - len(line.lstrip(" \t>"))] if ">" in line[:4] else ""
        elif kind in ("fenced", "closes") and marks:
            written = line[:len(line) - len(line.lstrip(" \t>"))]
            if written != marks and "\t" not in written and written.count(">") == \
                    marks.count(">") and (written.rstrip() == written or (
                        kind == "closes" and _one_space_after(marks))):
                # (the quote's text starts after one space, if there is one: KubeVirt's
                # ">```bash" closed by "> ```"; its other lines keep theirs, which the
                # quote's reading takes off, as it takes the closing line's)
                core = written.rstrip(" ")
                lines[index] = marks + line[len(core) + min(len(written) - len(core), 1):]
            marks = "" if kind == "closes" else marks
    return "\n".join(lines)


def _one_space_after(marks: str) -> bool:
    """Whether a quoted fence's first line has its fence right after its last ``>``, or
    after one space."""
    return len(marks) - len(marks.rstrip(" ")) <= 1


def _fence_with_attributes(opener: str, attributes: str) -> str | None:
    """``opener``, a fence's first line, with the kramdown attribute list ``attributes``
    (see :func:`fence_attribute_lists`), or None."""
    if not is_block_attribute_list(attributes):
        return None
    start = len(opener) - len(opener.lstrip(" \t>"))
    mark = fence_of(opener)
    language = opener[start + len(mark):].strip()
    if not mark or " " in language or "{" in language:
        return None
    classes = []
    for word in attributes[2:-1].split():
        if word.startswith(".language-") and len(word) > len(".language-"):
            language = language or word[len(".language-"):]
        elif word[:1] in (".", "#") and len(word) > 1 and word[1:].replace("-", "").replace(
                "_", "").isalnum():
            classes.append(word)
        else:
            return None
    written = "{" + " ".join([f".{language or 'text'}", *classes]) + "}" if classes \
        else language
    return opener[:start] + mark + written


def _is_table_rule(line: str) -> bool:
    """Whether ``line`` is a table's separator line: ``|---|:---:|`` (kramdown's joints
    ``|---+---|`` too)."""
    text = line.strip()
    return text.startswith("|") and "-" in text and not text.strip("|-:+ ")


def table_separators(body: str) -> str:
    """``body`` with tables' separator lines written as Python-Markdown reads them:

    - kramdown's: the ``+`` joints of a separator line (``|---+---|``) as ``|``; a separator
      line that opens a table above its header, or closes it under its last row, taken out
      (with an attribute list right under it, which the scan names); one of fewer cells than
      the header (travisdowns' ``|-|``) written with the header's;
    - kramdown's table of no header (a separator line, then rows with no other separator
      line: benhoyt's grids): its first row is the header here, the separator line under
      it, where Python-Markdown needs one;
    - GitHub's (Hugo's): a header row without edge pipes over a separator line with them
      written with them (tinygo's ``Package | Importable`` then ``--- | --- |``). Edge pipes
      are optional on each row there, where Python-Markdown takes them off each row only
      if the header has one, and splits the separator line by the header's edges: it
      found a cell too many and showed the table as text, or shifted the rows' cells.

    Line for line."""
    if not _has_separator_to_rewrite(body):
        return body
    return _table_separators_walk(body)


# A line that may be a table's separator line, after its newline: one search of a body finds
# them all (a search of ^ in MULTILINE mode tries every place).
_RULE_LINE = re.compile(r"\n[ \t]*[-:|][-:|+ \t]*(?=\n|\Z)")


def _has_separator_to_rewrite(body: str) -> bool:
    """Whether a line of ``body`` that may be a table's separator line is one that
    :func:`table_separators` rewrites: a look at those lines alone, found in one search
    (most bodies' tables need nothing, and are passed over)."""
    text = "\n" + body
    for found in _RULE_LINE.finditer(text):
        start, end = found.start() + 1, found.end()
        line = text[start:end]
        above = text[text.rfind("\n", 0, start - 1) + 1:start - 1]
        if _needs_edges_evened(line, above):
            return True
        if not _is_table_rule(line):
            continue
        below_end = text.find("\n", end + 1)
        below = text[end + 1:len(text) if below_end == -1 else below_end]
        if "+" in line or not is_table_row(above) or not is_table_row(below) \
                or _cell_count(line) != _cell_count(above):
            return True
    return False


def _cell_count(row: str) -> int:
    """How many cells a table's row (or separator line) has, by its pipes between edge
    pipes (an escaped ``\\|`` is none)."""
    text = row.strip(" \t>")
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return text.count("|") - text.count("\\|") + 1


def _rule_of_cells(rule: str, count: int) -> str:
    """The separator line ``rule`` (``|-|``, ``|----|----|``) with ``count`` cells, as
    Python-Markdown needs the header's: kramdown reads a separator line of any cells (each
    column beyond the written ones aligned as the last)."""
    indent = rule[:len(rule) - len(rule.lstrip(" \t>"))]
    cells = [cell.strip() for cell in rule.strip(" \t>").strip("|").split("|")]
    cells = (cells + [cells[-1]] * count)[:count]
    return indent + "|" + "|".join(cells) + "|"


def _is_borderless_row(line: str) -> bool:
    """Whether ``line`` is a table's row written without edge pipes: ``Package | Tests``."""
    text = line.strip()
    return "|" in text and not text.startswith("|") and not text.endswith("|")


def _needs_edges_evened(rule: str, header: str) -> bool:
    """Whether the separator line ``rule`` has an edge pipe under a ``header`` row with none
    (see :func:`table_separators`)."""
    text = rule.strip()
    return "|" in text and "-" in text and not text.strip("|-: \t") \
        and (text.startswith("|") or text.endswith("|")) and _is_borderless_row(header)


def _table_separators_walk(body: str) -> str:
    """:func:`table_separators`, each prose line looked at."""
    lines = body.split("\n")
    for index, _ in prose_lines(body):
        line = lines[index]
        if index and _needs_edges_evened(line, lines[index - 1]):
            header = lines[index - 1]
            lines[index - 1] = header[:len(header) - len(header.lstrip())] \
                + f"| {header.strip()} |"
            continue
        if not _is_table_rule(line):  # (as written: a code span is no rule)
            continue
        above = lines[index - 1] if index else ""
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" not in above and is_table_row(below):
            if any(_is_table_rule(row) for row in _rows_below(lines, index)):
                lines[index] = ""  # (above the header: kramdown's border)
            else:  # (a table of no header: its first row is the header here)
                lines[index] = below
                lines[index + 1] = _rule_of_cells(line.replace("+", "|"), _cell_count(below))
        elif is_table_row(above) and not is_table_row(below) and "--" in line and any(
                _is_table_rule(row) for row in _rows_above(lines, index)):
            lines[index] = ""  # (under the last row, the table's own separator above; a row
            # of single dashes, | - | - |, is a row: Rocky's truth table)
            if is_block_attribute_list(below.strip()):
                lines[index + 1] = ""
        else:
            lines[index] = _kramdown_rule_read(lines, index)
    return "\n".join(lines)


def _kramdown_rule_read(lines: list[str], index: int) -> str:
    """The separator line ``lines[index]``, inside a table, with its ``+`` joints as ``|``
    and, under the header, as many cells as it (travisdowns' ``|-|`` under three cells)."""
    rule, above = lines[index].replace("+", "|"), lines[index - 1] if index else ""
    if is_table_row(above) and "`" not in above and (
            index < 2 or not is_table_row(lines[index - 2])) \
            and _cell_count(rule) != _cell_count(above):
        return _rule_of_cells(rule, _cell_count(above))
    return rule


def _rows_below(lines: list[str], index: int) -> list[str]:
    """The rows of the table below line ``index``, down to its last."""
    end = index + 1
    while end < len(lines) and is_table_row(lines[end]):
        end += 1
    return lines[index + 1:end]


def _rows_above(lines: list[str], index: int) -> list[str]:
    """The rows of the table above line ``index``, up to its first."""
    start = index
    while start > 0 and is_table_row(lines[start - 1]):
        start -= 1
    return lines[start:index]


def _fences_and_quotes_attributes(body: str) -> list[str]:
    """The lines of ``body`` with the attribute lists under code fences written into their
    first lines (see :func:`fence_attribute_lists`), and those after block quotes taken out
    (see :func:`is_quote_attribute_list`), each line keeping its quote marks."""
    lines = body.split("\n")
    for index, (opener, written) in fence_attribute_lists(body).items():
        lines[index], lines[opener] = _quote_marks(lines[index]), written
    for index, _ in prose_lines(body):  # (in code, as written: the Carpentries' own example
        text = lines[index]  # of a callout, in a fence)
        if text.lstrip(" \t>").startswith("{:") and is_quote_attribute_list(lines, index):
            start = quote_before_attribute_list(lines, index)
            if start is None:
                lines[index] = _quote_marks(text)
            else:  # (the quote's, as kramdown gives it)
                _quote_given_attributes(lines, index, start)
    return lines


def _is_pipeless_rule(line: str) -> bool:
    """Whether ``line`` is the separator line of a table without edge pipes: ``--- | :--``."""
    text = line.strip()
    return "|" in text and "-" in text and not text.strip("|-: \t")


def is_table_attribute_list(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list (``{: .table }``), or goldmark's
    (``{.ulysses}``, Hugo's block attributes: Bryce Wray's), right after a table's last
    row, which takes no attributes here (the line would be a row of it): a row
    with edge pipes, or one of a table without them (LSP's ``Language | Identifier``, a
    separator line ``--- | ---`` under it)."""
    text = lines[index].strip(" \t>")
    if not (text.startswith(("{:", "{.", "{#")) and text.endswith("}")) \
            or text.startswith("{::") or index == 0:
        return False
    if is_table_row(lines[index - 1]):
        return True
    start = index - 1
    while start > 0 and "|" in lines[start - 1]:
        start -= 1
    return start + 1 < index and "|" in lines[start] and _is_pipeless_rule(lines[start + 1])


def is_attribute_list_over_table(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list right over a table's first row
    (Marlin's ``{:.pretty-list.headless}``, which kramdown gives the table), which takes no
    attributes here (the line would be its first row): a row, then a separator line."""
    text = lines[index].strip(" \t>")
    return text.startswith("{:") and text.endswith("}") and not text.startswith("{::") \
        and _is_table_start(lines, index + 1)


def _is_table_start(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a table's first row: a line with a pipe, then a separator
    line (``---|---``)."""
    return index + 1 < len(lines) and "|" in lines[index] \
        and _is_pipeless_rule(lines[index + 1].lstrip(" \t>"))


def is_attribute_list_after_html(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a kramdown attribute list right after a line of raw HTML
    (ljvmiranda's ``<p>...</p>``, then ``{:style="..."}``), which kramdown gives that
    element, and which would be a paragraph of its own here."""
    above = lines[index - 1].rstrip() if index else ""  # (an element closed on its line,
    return above.startswith("<") and above.endswith(">") \
        and above[above.rfind("<"):].startswith("</") and not lines[index][:1].isspace() \
        and is_block_attribute_list(lines[index].strip())  # at the margin: not <div
    # markdown="1">'s line, nor a <summary> inside a <details>)


def _is_left_out(lines: list[str], index: int, text: str) -> bool:
    """Whether line ``index`` (``text``, a prose line) is an attribute list that no block
    here takes: right after a table (see :func:`is_table_attribute_list`), right over one
    (see :func:`is_attribute_list_over_table`), right after raw HTML (see
    :func:`is_attribute_list_after_html`) or right before a list (see
    :func:`is_list_attribute_list`)."""
    return text.startswith("{:") and (is_table_attribute_list(lines, index)
                                      or is_attribute_list_over_table(lines, index)
                                      or is_attribute_list_after_html(lines, index)) \
        or is_list_attribute_list(lines, index)


def _attributes_placed(lines: list[str], index: int) -> bool:
    """Whether the attribute list of line ``index`` was given to the quote or fence under it,
    or to the paragraph of one line over it (see :func:`attribute_list_before_quote_or_fence`
    and :func:`attribute_list_after_line`)."""
    under = attribute_list_before_quote_or_fence(lines, index)
    if under is not None:
        _attributes_given(lines, index, under)
        return True
    if attribute_list_after_line(lines, index):
        above = lines[index - 1]
        indent = above[:len(above) - len(above.lstrip())]
        lines[index - 1] = f'{indent}<p{html_attributes(lines[index])} markdown="span">' \
            f"{above.strip()}</p>"
        lines[index] = ""
        return True
    return False


def goldmark_table_attributes(body: str) -> str:
    """``body`` with each of goldmark's block attribute lists right after a table
    (``{.ulysses}``, which Hugo gives the table, and which would be a row of it here) taken
    out (and warned about: see :func:`is_table_attribute_list`). Line for line."""
    if "\n{." not in body and "\n{#" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if text.startswith(("{.", "{#")) and is_table_attribute_list(lines, index):
            lines[index] = ""
    return "\n".join(lines)


def kramdown_blocks(body: str) -> str:
    """``body`` with kramdown's table of contents, a list item followed by ``{:toc}`` on
    its line or the next (``* TOC`` then ``{:toc}``), written as this engine's ``[TOC]``;
    with an attribute list on the line after a heading (``## Install`` then ``{: #apt }``)
    moved to the heading's end, where Python-Markdown reads it, and one on the line before a
    heading or paragraph to that block (see :func:`attribute_list_before_block`); and with
    one right after a table (``{: .table }``, which would be a row of it here) or right
    before a list (see :func:`is_list_attribute_list`) taken out, and warned about; and with
    one right under a code fence written into the fence's first line (see
    :func:`fence_attribute_lists`). Line for line."""
    if "{:" not in body:
        return body
    lines = _fences_and_quotes_attributes(body)
    under_fences = attribute_lists_under_fences(body)
    for index, text in prose_lines(body):
        if not lines[index].strip():
            continue  # (taken out above)
        if _is_left_out(lines, index, text) or index in under_fences:
            lines[index] = ""
            continue
        if is_heading_attribute_list(lines, index):
            lines[index - 1] = f"{lines[index - 1].rstrip()} {lines[index].strip()}"
            lines[index] = ""
            continue
        target = attribute_list_before_block(lines, index)
        if target is not None:  # (moved to the block under it: its heading, its paragraph)
            _move_attribute_list(lines, index, target)
            continue
        if "{:" in text and _attributes_placed(lines, index):
            continue
        span = item_attribute_list(lines[index]) if "{:" in text else None
        if span is not None:
            start, end = span
            lines[index] = lines[index][:start] + lines[index][end:].lstrip(" \t")
            continue
        if not is_list_item(text) or index > 0 and lines[index - 1].strip() \
                and not lines[index - 1].lstrip().startswith(("<", "{::")):  # (or after a
            continue  # tag's line, or kramdown's {::options toc_levels="2..3" /}: ucsb's)
        _toc_of_item(lines, index)
    return "\n".join(lines)


def _toc_of_item(lines: list[str], index: int) -> None:
    """Write kramdown's table of contents, the list item at ``index`` with ``{:toc}`` on
    its line (``- Contents {:toc}``) or the next (``* TOC``, ``{:toc}``), as ``[TOC]``: a
    paragraph of its own, after a line of kramdown's options too (ucsb's ``{::options
    toc_levels="2..3" /}``)."""
    item, _, mark = lines[index].strip().rpartition("{")
    if item.strip() and _is_toc_mark("{" + mark):
        lines[index] = TOC_MARKER
    elif index + 1 < len(lines) and _is_toc_mark(lines[index + 1]):
        lines[index], lines[index + 1] = TOC_MARKER, ""
        if index and lines[index - 1].lstrip().startswith("{::"):
            lines[index], lines[index + 1] = "", TOC_MARKER


# A reference definition whose address is a link tag: Jekyll's post_url or link, Hugo's ref
# or relref (in any case, as Hugo reads it).
_TAG_REFERENCE = re.compile(r"( {0,3}\[[^\]]+\]:[ \t]*)"
                            r"(\{%-?[ \t]*(?:post_url|link)\b[^%]*%\}"
                            r"|\{\{<[ \t]*(?i:ref|relref)\b.*?>\}\}"
                            r"|\{\{%[ \t]*(?i:ref|relref)\b.*?%\}\}"
                            # (Jekyll's {{ site.baseurl }}/x and {{ "/x" | relative_url }})
                            r"|\{\{[ \t]*site\.(?:base)?url[ \t]*\}\}"
                            r"|\{\{[ \t]*([\"'])[^\"'\n]*\3[ \t]*\|[ \t]*(?:relative|absolute)_url"
                            r"[ \t]*\}\})(\S*)"
                            # (and a title: fzakaria's {% post_url x %} "It's existential")
                            r"((?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?)[ \t]*$")


def tag_reference_definitions(body: str) -> str:
    """``body`` with the spaces and quotes of a link tag that is a reference definition's
    address (``[x]: {% post_url 2013-07-31-name %}#part``, ``[b]: {{< relref "b" >}}``,
    Accumulo's ``[d]: {{ site.baseurl }}/x``) written ``%20`` and ``%22``, which Markdown
    takes as an address (see :func:`sitegen.foreignlinks.foreign_link`). Line for line."""
    if "]:" not in body or "{" not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        found = _TAG_REFERENCE.match(lines[index]) if "{" in text else None
        if found:
            lines[index] = found[1] + tag_as_address(found[2]) + found[4] + found[5]
    return "\n".join(lines)


# The template tags that may be a link's address, each with its end.
_TAG_ENDS = dict(zip(LINK_TAG_STARTS, ("%}", ">}}", "%}}"), strict=True))


def link_tags_as_addresses(body: str) -> str:
    """``body`` with the spaces and double quotes of a template tag that is a link's address
    (``[FAQ]({{< relref "faq.md" >}} "The FAQ")``) written ``%20`` and ``%22``: Markdown
    takes a space and a quote in an address to start a title, which then runs to the last
    quote of the line, over the links after it (see
    :func:`sitegen.foreignlinks.foreign_link`); so is a Hugo shortcode that is an HTML
    attribute's value (see :func:`_encoded_attribute_tags`). Line for line."""
    if "]({" not in body and '="{{' not in body:
        return body
    lines = body.split("\n")
    for index, text in prose_lines(body):
        if "]({" in text:
            lines[index] = _encoded_link_tags(lines[index])
        if '="{{' in text:
            lines[index] = _encoded_attribute_tags(lines[index])
    return "\n".join(lines)


def _encoded_attribute_tags(line: str) -> str:
    """``line`` with each Hugo shortcode that is an HTML attribute's whole value written as
    an address (tinygo's ``<a href="{{< relref "docs/setup.md" >}}">``, whose quotes end the
    attribute's value early for any HTML parser), and each Liquid ``{{ "/x/" | relative_url
    }}`` there with its path in single quotes, which Liquid reads the same (pyOCD's
    buttons)."""
    return _encoded_tags_after(_single_quoted_filters(line), '="{{', ('"',), "")


# Jekyll's {{ "/path/" | relative_url }} (or absolute_url) right after an attribute's ="
_QUOTED_FILTER = re.compile(r'="\{\{(-?[ \t]*)"([^"\'{}\n]*)"([ \t]*\|[ \t]*'
                            r'(?:relative|absolute)_url[ \t]*-?\}\}")')


def _single_quoted_filters(line: str) -> str:
    """``line`` with the path of each :data:`_QUOTED_FILTER` in single quotes."""
    if "_url" not in line:
        return line
    return _QUOTED_FILTER.sub(lambda found: f'="{{{{{found[1]}\'{found[2]}\'{found[3]}', line)


def _encoded_link_tags(line: str) -> str:
    """:func:`link_tags_as_addresses` of one line."""
    return _encoded_tags_after(line, "]({", ("\"", "'", "(", ")"), " \t")


def _encoded_tags_after(line: str, before: str, followers: tuple[str, ...],
                        spaces: str) -> str:
    """``line`` with each template tag (see ``_TAG_ENDS``) that starts ``before``'s last
    ``{`` or two (``](`` then a tag, ``="`` then a shortcode) and is followed, past
    ``spaces``, by one of ``followers``, written as an address (see
    :func:`sitegen.foreignlinks.tag_as_address`)."""
    start = line.find(before)
    while start != -1:
        tag_start = start + len(before.rstrip("{"))
        closer = next((close for mark, close in _TAG_ENDS.items()
                       if line.startswith(mark, tag_start)), None)
        end = -1 if closer is None else line.find(closer, tag_start)
        if closer is not None and end != -1:
            end += len(closer)
            if line[end:].lstrip(spaces)[:1] in followers:
                line = line[:tag_start] + tag_as_address(line[tag_start:end]) + line[end:]
        start = line.find(before, start + 1)
    return line


_LIQUID_COMMENT = re.compile(r"\{%-?[ \t]*comment[ \t]*-?%\}.*?\{%-?[ \t]*endcomment[ \t]*-?%\}",
                             re.DOTALL)


# Jekyll-Bootstrap's include at the top of each page, which sets variables ({{ BASE_PATH }},
# read as the site's root: see sitegen.foreignlinks) and writes nothing
_JB_SETUP = re.compile(r"\{%-?[ \t]*include[ \t]+JB/setup[ \t]*-?%\}")


def without_silent_liquid(body: str) -> str:
    """``body`` without the Liquid that writes nothing, as Liquid writes it (in code too):
    Jekyll's ``{% comment %}`` ... ``{% endcomment %}`` blocks, tags and all (a private note
    shown nowhere), and Jekyll-Bootstrap's ``{% include JB/setup %}``, which only sets
    variables (Zeppelin's 93 pages). Line for line (a block's line ends are kept)."""
    if "{%" not in body:
        return body  # (most bodies: one search)
    if "JB/setup" in body:
        body = _JB_SETUP.sub("", body)
    if "endcomment" not in body:
        return body
    return _LIQUID_COMMENT.sub(lambda found: "\n" * found[0].count("\n"), body)


def without_liquid_raw(body: str) -> str:
    """``body`` without Jekyll's ``{% raw %}`` and ``{% endraw %}`` tags, in code too, as
    Jekyll's Liquid writes it before Markdown reads it: what is between is shown as
    written. Line for line."""
    return _liquid_raw_replaced(body, lambda raw: raw[1])


def blank_liquid_raw(body: str) -> str:
    """``body`` with each ``{% raw %}`` block, tags and all, made spaces (its line ends
    kept): what it shows as written is no construct to report."""
    return _liquid_raw_replaced(body, lambda raw: "".join(
        c if c == "\n" else " " for c in "".join(raw)))


def _liquid_raw_replaced(body: str, replace: Callable[[tuple[str, str, str]], str]) -> str:
    """``body`` with each ``{% raw %}`` block replaced by what ``replace`` makes of its
    opening tag, what it holds and its closing tag."""
    if "raw" not in body:
        return body
    pieces, start = [], 0
    for raw_start, raw_end, end_start, end_end in _liquid_raw_spans(body):
        raw = (body[raw_start:raw_end], body[raw_end:end_start], body[end_start:end_end])
        pieces += [body[start:raw_start], replace(raw)]
        start = end_end
    return "".join(pieces) + body[start:]


# Each rewrite of a body, in the order they are made (each keeps the body's lines).
def comments_on_their_own_line(body: str) -> str:
    """``body`` with each HTML comment that starts a block and has text after it on its line
    (WordPress imports' ``<!--more-->If you&#8217;re``) moved onto the blank line above:
    Python-Markdown reads the text as a paragraph all the same, but gathered its entities
    (``&#8217;``) at the body's end. Line for line."""
    if "<!--" not in body or "-->" not in body:
        return body  # (most bodies: two searches)
    lines = body.split("\n")
    kinds = [kind for _, _, kind in line_kinds(body)]
    for index, line in enumerate(lines):
        end = line.find("-->") if line.startswith("<!--") else -1
        if index and end > 0 and kinds[index - 1] == "blank" and kinds[index] != "fenced" \
                and line[end + 3:].strip() and not line[end + 3:].lstrip().startswith("<"):
            lines[index - 1], lines[index] = line[:end + 3], line[end + 3:].lstrip()
    return "\n".join(lines)


BODY_REWRITES: tuple[Callable[[str], str], ...] = (
    fence_info_spaced, math_blocks_whole, indented_code_fenced, as_fences,
    heading_attributes_spaced, without_nomarkdown_marks, braced_words_as_text,
    shortcodes_as_text, unescaped_shortcodes, without_silent_liquid, without_liquid_raw,
    link_tags_as_addresses, tag_reference_definitions, table_separators, quoted_fences_spaced,
    kramdown_blocks, goldmark_table_attributes, without_icons, comments_on_their_own_line,
    fences_into_items)


def as_markdown(body: str) -> str:
    """``body`` with every other generator's syntax this module reads rewritten as this
    engine's Markdown (:data:`BODY_REWRITES`), line for line: a line of the result is the
    line of the same number of ``body``."""
    for rewrite in BODY_REWRITES:
        body = rewrite(body)
    return body
