"""GitHub's alerts: ``> [!NOTE]`` (``TIP``, ``IMPORTANT``, ``WARNING``, ``CAUTION``) on a
block quote's first line makes it an admonition, as ``!!! note`` does. Hugo reads the
extended syntax of Obsidian's callouts too, which Docsy's sites write: any type
(``[!INFO]``), a title after it (``[!WARNING] Version note``), and a sign that makes it fold,
closed (``[!NOTE]-``) or open (``[!NOTE]+``), as Material's ``???`` details do. The
Jekyll plugin premonition's ``> note "Title"`` (``info``, ``warning``, ``error``,
``citation``; an empty title shows none) is one too."""
from __future__ import annotations

import re
import textwrap
from typing import NamedTuple
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALERTS = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
          "caution": "Caution"}
# Hugo's blockQuoteAlertRe: "[!", a type of letters, "]", a sign, a space, the title (not a
# link's address or label: Hugo reads the paragraph rendered, where "[!x](url)" is a link);
# text right after the marker, with no space (tasmota's "[!WARNING]It is..."), makes none,
# as on GitHub.
_MARKER = re.compile(r"\[!([a-zA-Z]+)\](?![(\[])([-+]?)(?:[^\S\r\n]+(.*))?")


# premonition's first line: a type, its title in double quotes (maybe empty), maybe its
# attributes in brackets (not read)
_PREMONITION = re.compile(r'(note|info|warning|error|citation)[^\S\r\n]+"([^"]*)"'
                          r'(?:[^\S\r\n]*\[[^\]\n]*\])?')


class Alert(NamedTuple):
    """The marker of an alert: its kind (lower case), its sign (``-``, ``+`` or ''), and
    its title (the kind's name when the marker gives none)."""

    kind: str
    sign: str
    title: str


def _alert(text: str | None) -> Alert | None:
    """The alert ``text`` starts with (``[!NOTE]``, any case, on the first line, maybe
    with a sign and a title), or None."""
    first = (text or "").lstrip().split("\n", 1)[0].rstrip()
    match = _MARKER.fullmatch(first)
    if match is None:
        premonition = _PREMONITION.fullmatch(first)
        return Alert("quote" if premonition[1] == "citation" else premonition[1], "",
                     premonition[2].strip()) if premonition else None
    kind, sign, title = match[1].lower(), match[2], (match[3] or "").strip()
    return Alert(kind, sign, title or ALERTS.get(kind, kind.capitalize()))


def _split_at_alerts(root: etree.Element) -> None:
    """Part each block quote of ``root`` before each paragraph (but its first) that starts
    with an alert's marker: the quote goes on as a new block quote from there."""
    for parent in list(root.iter()):
        for quote in [child for child in parent if child.tag == "blockquote"]:
            starts = [index for index, child in enumerate(quote)
                      if index and child.tag == "p" and _alert(child.text)]
            for start in reversed(starts):
                rest = etree.Element("blockquote")
                rest.text, rest.tail, quote.tail = "\n", quote.tail, "\n"
                rest.extend(quote[start:])
                del quote[start:]
                parent.insert(list(parent).index(quote) + 1, rest)


class GitHubAlerts(Treeprocessor):
    """Each block quote whose first paragraph starts with an alert marker becomes
    ``<div class="admonition KIND"><p class="admonition-title">Kind</p>...</div>``, the
    markup of Python-Markdown's admonitions. Runs before inline Markdown, on the text as
    written (so ``[!NOTE]`` is never read as a link).

    Python-Markdown makes one block quote of quotes that only a blank line parts, where
    GitHub makes one of each: a paragraph of a block quote that starts with a marker (but
    the first) starts a block quote of its own first, so that each alert is one box."""

    def run(self, root: etree.Element) -> None:
        _split_at_alerts(root)
        for quote in list(root.iter("blockquote")):
            first = quote[0] if len(quote) else None
            if first is None or first.tag != "p" or not (alert := _alert(first.text)):
                continue
            # The lines after the marker are blocks of their own (a list, a heading...), as
            # on GitHub: they are parsed again, in place of the paragraph.
            parsed = etree.Element("div")  # (a lazy line indented four spaces is the
            # paragraph's, no code: crawl4ai's "    **Avoid Misusing Hooks**")
            self.md.parser.parseChunk(parsed, textwrap.dedent(
                (first.text or "").lstrip().partition("\n")[2]))
            quote.remove(first)
            for index, block in enumerate(parsed):
                quote.insert(index, block)
            _as_box(quote, alert)


def _as_box(quote: etree.Element, alert: Alert) -> None:
    """Make ``quote`` the box of ``alert``: an admonition, or, for a sign, details."""
    if alert.sign:
        quote.tag, title = "details", etree.Element("summary")
        quote.set("class", alert.kind)
        if alert.sign == "+":
            quote.set("open", "open")
    else:
        quote.tag, title = "div", etree.Element("p", {"class": "admonition-title"})
        quote.set("class", f"admonition {alert.kind}")
    title.text, title.tail = alert.title, "\n"
    if alert.title:  # (premonition's "" shows none)
        quote.insert(0, title)


class GitHubAlertsExtension(Extension):
    """Registers :class:`GitHubAlerts` before inline Markdown (priority 20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(GitHubAlerts(md), "github_alerts", 21)
