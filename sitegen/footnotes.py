"""Footnotes that no reference of the body names keep their text, without the link back to
a reference that is not there (grab's unused ``[^note]:``: a broken anchor that stopped the
build). Python-Markdown, as MkDocs and Pelican use it, lists every definition, and so does
this engine: a note's text is never lost (kramdown leaves such a note out, but an empty
definition takes the next line in Python-Markdown). A Python-Markdown tree processor,
which runs after the inline processor has made the references."""
from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import Treeprocessor


class UnusedFootnotes(Treeprocessor):
    """Take the link back out of each footnote that no reference names."""

    def run(self, root: etree.Element) -> None:
        notes = root[-1] if len(root) and root[-1].get("class") == "footnote" else None
        listed = notes.find("ol") if notes is not None else None
        if notes is None or listed is None:
            return  # (most bodies: no footnote)
        named = {link.get("href", "")[1:] for link in root.iter("a")
                 if link.get("class") == "footnote-ref"}
        for note in listed:
            if note.get("id") not in named:
                _without_links_back(note)


def _without_links_back(note: etree.Element) -> None:
    """``note`` (a footnote's list item) without its links back to a reference."""
    for parent in list(note.iter()):
        for child in list(parent):
            if child.tag == "a" and child.get("class") == "footnote-backref":
                parent.remove(child)  # (the text before it keeps its no-break space)


class FootnotesInReadingOrder(Treeprocessor):
    """With ``USE_DEFINITION_ORDER = false``, footnotes numbered in the order their first
    references are read, as goldmark and kramdown number them: Python-Markdown numbers them
    in the order its inline processor meets them, a quote's and a list's after the
    paragraphs around them (its issue 1561; Bryce Wray's 58 pages read 1, 2, 3, 6, 4, 5).
    Each reference is numbered again, and the extension's ``footnote_order`` set, which its
    reordering of the notes (19) then follows."""

    def run(self, root: etree.Element) -> None:
        footnotes = next((extension for extension in self.md.registeredExtensions
                          if isinstance(extension, FootnoteExtension)), None)
        if footnotes is None or len(footnotes.footnote_order) < 2 \
                or footnotes.getConfig("USE_DEFINITION_ORDER"):
            return  # (most bodies: one footnote or none)
        names = {footnotes.makeFootnoteId(name): name for name in footnotes.footnote_order}
        references = [(link, names[link.get("href", "")[1:]]) for link in root.iter("a")
                      if link.get("class") == "footnote-ref"
                      and link.get("href", "")[1:] in names]
        reading = list(dict.fromkeys(name for _, name in references))
        if reading == footnotes.footnote_order:
            return
        footnotes.footnote_order[:] = reading
        for link, name in references:
            link.text = footnotes.getConfig("SUPERSCRIPT_TEXT").format(reading.index(name) + 1)


class UnusedFootnotesExtension(Extension):
    """Registers :class:`FootnotesInReadingOrder` and :class:`UnusedFootnotes` after the
    inline processor (20), before the footnotes' reordering (19)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(FootnotesInReadingOrder(md), "footnotes_in_reading_order",
                                   19.5)
        md.treeprocessors.register(UnusedFootnotes(md), "unused_footnotes", 19)
