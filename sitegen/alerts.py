"""GitHub's alerts: ``> [!NOTE]`` (``TIP``, ``IMPORTANT``, ``WARNING``, ``CAUTION``) on a
block quote's first line makes it an admonition, as ``!!! note`` does."""
from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALERTS = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
          "caution": "Caution"}


def _alert_kind(text: str | None) -> str | None:
    """The alert ``text`` starts with (``[!NOTE]`` alone on the first line, any case)."""
    first = (text or "").lstrip().split("\n", 1)[0].strip()
    if first.startswith("[!") and first.endswith("]"):
        kind = first[2:-1].lower()
        return kind if kind in ALERTS else None
    return None


def _split_at_alerts(root: etree.Element) -> None:
    """Part each block quote of ``root`` before each paragraph (but its first) that starts
    with an alert's marker: the quote goes on as a new block quote from there."""
    for parent in list(root.iter()):
        for quote in [child for child in parent if child.tag == "blockquote"]:
            starts = [index for index, child in enumerate(quote)
                      if index and child.tag == "p" and _alert_kind(child.text)]
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
            if first is None or first.tag != "p" or not (kind := _alert_kind(first.text)):
                continue
            # The lines after the marker are blocks of their own (a list, a heading...), as
            # on GitHub: they are parsed again, in place of the paragraph.
            parsed = etree.Element("div")
            self.md.parser.parseChunk(parsed, (first.text or "").lstrip().partition("\n")[2])
            quote.remove(first)
            for index, block in enumerate(parsed):
                quote.insert(index, block)
            quote.tag = "div"
            quote.set("class", f"admonition {kind}")
            title = etree.Element("p", {"class": "admonition-title"})
            title.text, title.tail = ALERTS[kind], "\n"
            quote.insert(0, title)


class GitHubAlertsExtension(Extension):
    """Registers :class:`GitHubAlerts` before inline Markdown (priority 20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(GitHubAlerts(md), "github_alerts", 21)
