"""Which lines of a Markdown body are prose: outside fenced and indented code, as
superfences and Python-Markdown read them, with code spans blanked out.

The checks of other generators' syntax (sitegen.dialect) and the rewrites of it
(sitegen.rewrites) look only at these lines. Each line is read once, with ``str.find`` and
plain loops (as in textscan.py).
"""
from __future__ import annotations

from collections.abc import Iterator

from sitegen.textscan import outside_code_spans


def indent_of(line: str) -> int:
    """The column of ``line``'s first character that is not a space or tab (tabs to 4)."""
    column = 0
    for character in line:
        if character == " ":
            column += 1
        elif character == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def fence_of(line: str) -> str:
    """The fence (three or more backticks or tildes) ``line`` starts with, after spaces and
    block quote marks, or ''."""
    text = line.lstrip(" \t>")
    mark = text[:1]
    if mark not in ("`", "~"):
        return ""
    fence = text[:len(text) - len(text.lstrip(mark))]
    if len(fence) < 3 or (mark == "`" and "`" in text[len(fence):]):
        return ""
    return fence


def is_list_item(line: str) -> bool:
    """Whether ``line`` starts a list item (``-``, ``*``, ``+``, ``1.``, ``1)``)."""
    text = line.lstrip(" \t>")
    if text[:1] in ("-", "*", "+"):
        marker_end = 1
    else:
        digits = len(text) - len(text.lstrip("0123456789"))
        if not digits or text[digits:digits + 1] not in (".", ")"):
            return False
        marker_end = digits + 1
    return text[marker_end:marker_end + 1] in (" ", "\t")


def closes_fence(line: str, fence: str, opened_at: int = 0) -> bool:
    """Whether ``line`` closes ``fence`` (opened ``opened_at`` columns in): the same mark, at
    least as many, nothing after, less than four columns further in (a line indented more
    is code, as superfences reads it)."""
    closing = fence_of(line)
    return closing[:1] == fence[:1] and len(closing) >= len(fence) and \
        not line.lstrip(" \t>")[len(closing):].strip() and indent_of(line) < opened_at + 4


def _without_code_spans(line: str) -> str:
    """``line`` with each code span replaced by as many spaces."""
    if "`" not in line:
        return line
    return "".join(" " * len(piece) if is_code else piece
                   for is_code, piece in outside_code_spans(line))


def _without_comments(line: str) -> str:
    """``line`` with each HTML comment that ends on it (``<!--+"{{open}}"+-->``, which hides
    its text) replaced by as many spaces."""
    pieces, copied = [], 0
    start = line.find("<!--")
    while start != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            break
        pieces += [line[copied:start], " " * (end + 3 - start)]
        copied = end + 3
        start = line.find("<!--", copied)
    return "".join(pieces) + line[copied:]


def _opens_container(line: str) -> bool:
    """Whether ``line`` opens an admonition (``!!! note``), a collapsible one (``??? note``,
    ``???+ note``) or a tab (``=== "Tab"``), whose text is indented four spaces under it.
    The space after ``!!!`` and ``???`` may be left out, as their patterns allow
    (pixi's ``!!!warning``)."""
    text = line.strip()
    if text[:1] not in ("!", "?", "="):
        return False  # (most lines: one test)
    if text.startswith(("!!! ", "??? ", "???+ ", "=== ", "===+ ")):
        return len(text) > 4
    rest = next((text[len(mark):] for mark in ("!!!", "???+", "???") if text.startswith(mark)),
                None)  # (no space after the marks: a word must follow, as their patterns say)
    return rest is not None and valid_admonition("!!!" + rest)


def valid_admonition(text: str) -> bool:
    """Whether ``text`` (a line starting ``!!!``) is Python-Markdown's admonition syntax:
    ``!!!``, at most one space, class words, then optionally a space and ``"Title"``
    (``!!!WARNING!!! Do not run:`` is none)."""
    rest = text[4:] if text.startswith("!!! ") else text[3:]
    words, quote, title = rest.partition('"')
    if quote and (not words.endswith(" ") or '"' not in title
                  or title[title.rfind('"') + 1:].strip(" ")):
        return False
    return bool(words.strip()) and not words.startswith(" ") and all(
        character.isalnum() or character in "_- " for character in words)


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Each line of ``body`` that is not code, as ``(index, text)``: fenced code (also in
    lists and quotes) and indented code are left out, and code spans are blanked out.

    HTML comments that end on their line are blanked out too.

    Indented code is four columns after a blank line (eight in a list: a list item's
    paragraphs are indented four), counted from the text of the admonition or tab it is in
    (``!!! note``, ``??? note``, ``=== "Tab"``: their text is indented four). A fence with no
    closing one runs to the end (superfences would show it as text): a little text may go
    unchecked, never code."""
    for index, line, kind in line_kinds(body):
        if kind == "prose":
            text = _without_code_spans(line)
            yield index, _without_comments(text) if "<!--" in text else text


def _fence_lines(body: str) -> list[tuple[int, int]]:
    """Where each line of ``body`` that may open or close a fence (see :func:`fence_of`)
    starts, and where its backticks or tildes start, in order: found with ``str.find``."""
    found = []
    for mark in ("```", "~~~"):
        place = body.find(mark)
        while place != -1:
            start = body.rfind("\n", 0, place) + 1
            if not body[start:place].strip(" \t>"):
                found.append((start, place))
            end = body.find("\n", place)
            place = -1 if end == -1 else body.find(mark, end)
    return sorted(found)


def unclosed_fence(body: str) -> int | None:
    """The index of the line of ``body`` that opens a code fence no line closes (see
    :func:`prose_lines`), or None. Where every line that may be a fence's starts at the
    margin, no other line can open or close one, and none of them is indented code: those
    lines alone are looked at (most bodies, but those with an HTML comment, which may hold
    one: see :func:`_fences_at_margin`); else each line (:func:`_unclosed_fence_walk`)."""
    fences = _fences_at_margin(body)
    if fences is None:
        return _unclosed_fence_walk(body)
    return None if fences[1] is None else body.count("\n", 0, fences[1])


def fenced_spans(body: str) -> list[tuple[int, int]] | None:
    """Where the fenced code blocks of ``body`` are, as ``(start, end)`` places of the
    text (a fence that no line closes runs to the end), when they are known from the lines
    that may be a fence's alone (see :func:`_fences_at_margin`); else None."""
    fences = _fences_at_margin(body)
    if fences is None:
        return None
    spans, unclosed = fences
    return spans + ([(unclosed, len(body))] if unclosed is not None else [])


def _fences_at_margin(body: str) -> tuple[list[tuple[int, int]], int | None] | None:
    """The fenced code blocks of ``body`` (their places, ``(start, end)``) and where one
    that no line closes opens, when every line that may be a fence's starts at the margin
    and no HTML comment may hold one: found from those lines alone. Else None."""
    lines = _fence_lines(body)
    if any(start != mark for start, mark in lines) or lines and "<!--" in body:
        return None
    spans, fence, opened = [], "", 0
    for start, _ in lines:
        end = body.find("\n", start)
        line = body[start:end if end != -1 else len(body)]
        if not fence:
            fence, opened = fence_of(line), start
        elif closes_fence(line, fence):
            fence = ""
            spans.append((opened, start + len(line)))
    return spans, opened if fence else None


def _unclosed_fence_walk(body: str) -> int | None:
    """:func:`unclosed_fence`, each line looked at."""
    opened = None
    for index, _, kind in line_kinds(body):
        opened = index if kind == "opens" else None if kind == "closes" else opened
    return opened


# What Python-Markdown shows as it is, to its end: an HTML comment, a script, a style sheet.
_RAW_TEXT = (("<!--", "-->"), ("<script", "</script>"), ("<style", "</style>"))


def _comment_line(line: str, closer: str) -> tuple[bool, str]:
    """Whether ``line`` (after a line of raw text that ``closer`` ends, or "") is a line of
    an HTML comment, a ``<script>`` or a ``<style>`` that starts a line, and what ends the
    one that goes on after it ("" for none)."""
    if closer:
        return True, closer if closer not in line.lower() else ""
    text = line.lstrip()
    if text[:1] != "<" or indent_of(line) >= 4:
        return False, ""
    lowered = text.lower()
    for opener, end in _RAW_TEXT:
        if lowered.startswith(opener) and (opener == "<!--" or lowered[len(opener):][:1] in
                                           (">", " ", "\t", "")):
            return True, end if end not in lowered[len(opener):] else ""
    return False, ""


def pre_block_lines(body: str) -> set[int]:
    """The indexes of the lines of ``body``'s ``<pre>`` blocks (a line that starts with
    ``<pre``, to the one that holds ``</pre>``), which Python-Markdown shows as written:
    simpleit's ``chmod --help``, whose ``[-+=][0-7]`` is no reference link."""
    found: set[int] = set()
    inside = False
    for index, line in enumerate(body.split("\n")):
        inside = inside or (line.lstrip().lower().startswith("<pre") and indent_of(line) < 4)
        if inside:
            found.add(index)
            inside = "</pre>" not in line.lower()
    return found


def line_kinds(body: str) -> Iterator[tuple[int, str, str]]:
    """Each line of ``body`` as ``(index, line, kind)``, its kind ``"prose"``, ``"blank"``,
    ``"code"`` (indented), ``"opens"`` (a fence), ``"fenced"`` or ``"closes"`` (a fence), or
    ``"comment"``: a line of an HTML comment, a ``<script>`` or a ``<style>`` that starts a
    line (Python-Markdown shows it as it is, to its ``-->`` or end tag): see
    :func:`prose_lines`."""
    fence, opened_at, in_code, in_list, after_blank = "", 0, False, False, True
    in_comment = ""
    containers: list[int] = []  # the indentation of each open admonition's or tab's text
    lists_around: list[bool] = []  # (for each: whether a list was open where it opened)
    for index, line in enumerate(body.split("\n")):
        if fence:
            closes = closes_fence(line, fence, opened_at)
            fence = "" if closes else fence
            yield index, line, "closes" if closes else "fenced"
            continue
        commented, in_comment = _comment_line(line, in_comment)
        if commented:
            yield index, line, "comment"
            continue
        if not line.strip():
            after_blank = True
            yield index, line, "blank"
            continue
        while containers and indent_of(line) < containers[-1]:
            containers.pop()  # (back in what held it: the list item of Rocky's admonition)
            in_list = lists_around.pop()
        indent = indent_of(line) - (containers[-1] if containers else 0)
        in_code = indent >= (8 if in_list else 4) and (in_code or after_blank)
        if not in_code:
            fence, opened_at = fence_of(line), indent_of(line)
            # A list goes on until a line at the margin after a blank line.
            in_list = is_list_item(line) or (in_list and not (indent == 0 and after_blank))
            if _opens_container(line):
                containers.append(indent_of(line) + 4)
                lists_around.append(in_list)
        after_blank = False
        yield index, line, "code" if in_code else "opens" if fence else "prose"
