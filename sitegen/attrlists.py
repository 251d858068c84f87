"""Python-Markdown's attribute lists, read as kramdown and goldmark read theirs where they
differ: kramdown's chained classes, ``{: .floater.framed}``, are the classes ``floater``
and ``framed`` (Marlin's images and tables), where ``attr_list`` gave one class
``floater.framed``, which no style sheet names; attributes may be parted by commas
(``{:width="600px", style="padding:10px"}``); lists one right after another add up; and
braces after an inline element or ending a heading are a list only if they hold
attributes (see :data:`_ATTRIBUTE`), where ``attr_list`` took TeX's ``{T+1}`` for one."""
from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor


def split_chained_classes(attributes: str) -> str:
    """``attributes`` (an attribute list's text) with each word of chained classes, outside
    quotes, written as one class each (``.a.b #id`` is ``.a .b #id``), and commas that part
    attributes outside quotes written as spaces."""
    if attributes.count(".") < 2 and "," not in attributes:
        return attributes
    pieces = _QUOTED.split(attributes)
    for index in range(0, len(pieces), 2):  # (the pieces outside quotes)
        pieces[index] = " ".join(map(_split_word, pieces[index].replace(",", " ").split(" ")))
    return "".join(pieces)


_QUOTED = re.compile(r"""("[^"]*"|'[^']*')""")  # (a quoted value, kept whole by re.split)


def _split_word(word: str) -> str:
    """A word of an attribute list, its chained classes one each (``:.a.b`` is ``:.a .b``)."""
    rest = word.removeprefix(":")
    if not rest.startswith(".") or "=" in rest:
        return word
    return word[:len(word) - len(rest)] + rest.replace(".", " .").lstrip()


# One attribute of a list: a class (.name), an id (#name) or key=value (the value maybe in
# quotes); or a name alone (Material's { data-search-exclude }, { download }), which
# Python-Markdown makes an attribute of that name, and kramdown's { : semver } a reference
# to an attribute list. Python-Markdown's own pattern takes any text in braces, to the
# line's last "}": TeX's $y^*_{T+1}$ after emphasis, or *this*{n_j}, lost its text to
# attributes (robjhyndman.com), where goldmark keeps it as text. Here a list that starts
# right after its "{" (no space, no ":") starts with an attribute of the first kinds.
# (no "," in a name or an unquoted value: a comma only parts attributes, so that a list
# that fails is not tried again split at each comma, which took seconds for 22 of them)
_ATTRIBUTE = (r"""(?:[.#][^\s{}="',]+|[^\s{}="'.#,][^\s{}="',]*="""
              r"""(?:"[^"\n]*"|'[^'\n]*'|[^\s{}"',]+))""")
_NAME = r"[A-Za-z_][\w:-]*"  # (not a number: a heading's set { 4, 5, 6 } is text)
_ITEM = rf"(?:{_ATTRIBUTE}|{_NAME})"
_APART = r"(?:[ ]*,[ ]*|[ ]+)"  # (kramdown's attributes may be parted by commas too)
_ATTRIBUTES = rf"\{{(?::[ ]*|[ ]+|(?={_ATTRIBUTE}))({_ITEM}(?:{_APART}{_ITEM})*[ ]*)\}}"


class ChainedClasses(AttrListTreeprocessor):
    """Python-Markdown's attribute lists, reading chained classes as kramdown does. After an
    inline element or at the end of a heading, only braces that hold attributes
    (:data:`_ATTRIBUTE`) are an attribute list; other braces stay text."""

    # (Python-Markdown reads both through self, for subclasses to set; typeshed's stubs
    # call them Final)
    HEADER_RE = re.compile(rf"[ ]+{_ATTRIBUTES}[ ]*$")  # type: ignore[misc]
    INLINE_RE = re.compile(rf"^{_ATTRIBUTES}")  # type: ignore[misc]

    def run(self, doc: Any) -> None:
        """Python-Markdown's attribute lists, then each further one right after an inline
        element's, as kramdown adds them up (``![x](a.png){: width="380" }{: .center}``)."""
        super().run(doc)
        for element in doc.iter():
            while element.tail and not self.md.is_block_level(element.tag) \
                    and (found := self.INLINE_RE.match(element.tail)):
                remainder = self.assign_attrs(element, found.group(1))
                element.tail = element.tail[found.end():] + remainder

    def assign_attrs(self, elem: Any, attrs_string: str, *, strict: bool = False) -> str:
        """Assign the attributes of ``attrs_string`` to ``elem``, each chained class one
        (Python-Markdown's method, given :func:`split_chained_classes`' text)."""
        return super().assign_attrs(elem, split_chained_classes(attrs_string), strict=strict)


class ChainedClassesExtension(Extension):
    """Registers :class:`ChainedClasses` in the place of ``attr_list`` (8), after it."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        if "attr_list" in md.treeprocessors \
                and isinstance(md.treeprocessors["attr_list"], AttrListTreeprocessor):
            md.treeprocessors.register(ChainedClasses(md), "attr_list", 8)
