"""Footnotes that no reference of the body names are left out, as kramdown leaves them out
(Python-Markdown lists every definition, with a link back to a reference that is not
there: grab's posts' unused ``[^note]:``). A Python-Markdown tree processor, which runs
after the inline processor has made the references."""
from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class UnusedFootnotes(Treeprocessor):
    """Take each footnote no reference names out of the footnotes' list (the list too, when
    none is left), and number the others anew: a reference shows its note's place in the
    list, as does the title of the note's link back."""

    def run(self, root: etree.Element) -> None:
        notes = root[-1] if len(root) and root[-1].get("class") == "footnote" else None
        listed = notes.find("ol") if notes is not None else None
        if notes is None or listed is None:
            return  # (most bodies: no footnote)
        references = [link for link in root.iter("a") if link.get("class") == "footnote-ref"]
        named = {link.get("href", "")[1:] for link in references}
        unused = [item for item in listed if item.get("id") not in named]
        if not unused:
            return
        for note in unused:
            listed.remove(note)
        if not len(listed):
            root.remove(notes)
        _number_anew(listed, references)


def _number_anew(listed: etree.Element, references: list[etree.Element]) -> None:
    """Give each reference the place of its note in the footnotes' list ``listed``, and each
    note's link back (``Back to reference 2``) that number."""
    numbers = {item.get("id"): str(place) for place, item in enumerate(listed, start=1)}
    for link in references:
        link.text = numbers.get(link.get("href", "")[1:], link.text)
    for item in listed:
        for back in item.iter("a"):
            title = back.get("title", "")
            if back.get("class") == "footnote-backref" and title[-1:].isdigit():
                back.set("title", title.rstrip("0123456789") + numbers[item.get("id")])


class UnusedFootnotesExtension(Extension):
    """Registers :class:`UnusedFootnotes` after the inline processor (20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(UnusedFootnotes(md), "unused_footnotes", 19)
