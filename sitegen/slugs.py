"""Readable, stable URL slugs for titles, tags and file names, Unicode included."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s_/\\-]+", re.UNICODE)
_NOT_WORD = re.compile(r"[^\w\s-]")  # (for ASCII text, which has no combining marks)
_SYMBOL_AFTER_WORD = re.compile(r"(?<=\w)(\+\+|\+|#)")
_SYMBOL_WORDS = {"++": "plus plus", "+": "plus", "#": "sharp"}


@lru_cache(maxsize=16384)  # the same tags come back on every page and reload
def slugify(text: str) -> str:
    """Turn ``text`` into a lowercase URL segment: ``Web Development`` -> ``web-development``.

    Accents are kept (``café`` stays ``café``) and CJK text is kept as is, so that
    two spellings that differ only in case, spaces or punctuation give one slug;
    ``+`` and ``#`` become words (``C++`` -> ``c-plus-plus``, ``C#`` -> ``c-sharp``).
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    # Keep C++, C# and C apart: these symbols carry meaning in names.
    text = _SYMBOL_AFTER_WORD.sub(lambda match: " " + _SYMBOL_WORDS[match.group(0)] + " ", text)
    text = _SEPARATORS.sub("-", text)
    text = word_characters(text)
    return _SEPARATORS.sub("-", text).strip("-")


# What Hugo's URLs keep besides letters, digits and marks (its UnicodeSanitize), but "/" and
# "\\", which would make a folder of a title, and "#", written "sharp" as slugify writes it.
_HUGO_KEPT = frozenset("._+~@-")
SLUG_STYLES = ("default", "hugo", "material", "pelican", "jekyll")  # ([build] slugs)


def hugo_slug(text: str, lower: bool = True) -> str:
    """``text`` as Hugo makes a title or a term into a URL segment (``urlize``): lowercase,
    letters, digits, marks and ``._+~@-`` kept, each run of white space one ``-``, any
    other character left out (``CoreDNS-1.1.3 Release`` -> ``coredns-1.1.3-release``,
    ``Help! I'm here`` -> ``help-im-here``); ``#`` after a word is ``-sharp``, as in
    :func:`slugify`. Not ``lower``, the case is kept, as Hugo's ``disablePathToLower``
    keeps a file's (``Advanced and Cool`` -> ``Advanced-and-Cool``)."""
    text = unicodedata.normalize("NFC", text).strip()
    text = text.lower() if lower else text
    text = text.replace("#", " sharp ") if "#" in text else text
    out: list[str] = []
    space = False
    for char in text:
        if char.isalnum() or char in _HUGO_KEPT or unicodedata.category(char).startswith("M"):
            if space and out and out[-1] != "-" and char != "-":
                out.append("-")
            out.append(char)
            space = False
        elif char.isspace():
            space = True
    made = "".join(out)  # (a name's own hyphens kept at its ends, as Hugo keeps them:
    return made if made.strip("-") else ""  # haseebmajid's folders 2023-03-08--til-x-)


def slug_of(text: str, style: str) -> str:
    """``text`` (a title, a tag, a category) made a URL segment in the site's ``style``
    (``[build] slugs``): :func:`hugo_slug` for ``"hugo"``, :func:`pelican_slug` for
    ``"pelican"``, :func:`jekyll_slug` for ``"jekyll"``, :func:`material_slug` for
    ``"material"``, else :func:`slugify`."""
    if style == "hugo":
        return hugo_slug(text)
    if style == "pelican":
        return pelican_slug(text)
    if style == "jekyll":
        return jekyll_slug(text)
    return material_slug(text) if style == "material" else slugify(text)


def jekyll_slug(text: str) -> str:
    """``text`` as Jekyll makes a title, a tag or a category into a URL segment (its
    ``Utils.slugify``, default mode, which jekyll-archives' pages take): each run of
    characters other than letters, marks and digits one ``-``, none at either end, in lower
    case (``11.0`` is ``11-0``, ``OpenOffice.org`` is ``openoffice-org``, ``R&D`` is
    ``r-d``: openSUSE's tag pages)."""
    pieces: list[str] = []
    for char in unicodedata.normalize("NFC", text).lower():
        kept = unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"
        if kept:
            pieces.append(char)
        elif pieces and pieces[-1] != "-":
            pieces.append("-")
    return "".join(pieces).strip("-")


# Pelican's slugify (its default SLUG_REGEX_SUBSTITUTIONS): what is no word character, space
# or hyphen is left out, and runs of spaces and hyphens are one hyphen.
_PELICAN_LEFT_OUT = re.compile(r"[^\w\s-]")
_PELICAN_JOINED = re.compile(r"[-\s]+")


def pelican_slug(text: str) -> str:
    """``text`` as Pelican makes a title, a tag or a category into a URL segment: accents
    taken off (as its unidecode does; other scripts are kept), ``/``, ``+``, ``.`` and other
    punctuation left out, ``_`` kept, lower case (``Netfilter/nftables`` ->
    ``netfilternftables``, ``C++ tips`` -> ``c-tips``, ``Pokémon Go`` -> ``pokemon-go``)."""
    text = ascii_path(unicodedata.normalize("NFKC", text)).translate(_UNIDECODED_LETTERS)
    return _PELICAN_JOINED.sub("-", _PELICAN_LEFT_OUT.sub("", text).strip()).lower()


# Latin letters with no accent to take off, as unidecode writes them (Pelican's slugs:
# /tag/strasse.html of Straße), and two signs it writes as words.
_UNIDECODED_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ı": "i", "×": "x", "°": "deg"})


def material_slug(text: str) -> str:
    """``text`` as Material for MkDocs' blog makes a post's title, a category or a tag into a
    URL segment (``post_slugify``, ``categories_slugify``: pymdown-extensions' slugify, in
    lower case): each space a ``-``, other punctuation and emoji left out, runs of ``-``
    and one at an end kept (``Hello World 👋`` -> ``hello-world-``, ``Worktree + UV`` ->
    ``worktree--uv``)."""
    return _material_slugify()(text, "-")


@lru_cache(maxsize=1)
def _material_slugify() -> Callable[[str, str], str]:
    """pymdown-extensions' slugify in lower case, made once (imported only for this style)."""
    from pymdownx.slugs import slugify as pymdownx_slugify

    made: Callable[[str, str], str] = pymdownx_slugify(case="lower")
    return made


def word_characters(text: str) -> str:
    """``text`` with only its letters and digits, with the combining marks on them, ``_``,
    ``-`` and spaces. The vowel signs of Devanagari, Tamil or Thai are marks: ``योगदान``
    without them would be ``यगदन`` (GitHub's and Hugo's anchors and URLs keep them too). A
    mark on something else goes with it (the variation selector of an emoji, ``⚙️``)."""
    if text.isascii():  # (most headings: a regular expression, twice as quick as the loop)
        return _NOT_WORD.sub("", text)
    kept = []
    on_letter = False  # (whether the character before is a letter or digit, or a mark on one)
    for char in text:
        if unicodedata.category(char).startswith("M"):
            if on_letter:
                kept.append(char)
            continue
        on_letter = char.isalnum()
        if on_letter or char in "_-" or char.isspace():
            kept.append(char)
    return "".join(kept)


def heading_id(text: str, separator: str) -> str:
    """The id of a heading of ``text``: Python-Markdown's ``slugify_unicode`` (lowercase,
    hyphens for spaces, Unicode kept), keeping the combining marks it drops."""
    return re.sub(rf"[{separator}\s]+", separator, word_characters(text).strip().lower())


def file_slug(name: str) -> str:
    """The slug of a file or folder name: :func:`slugify`, keeping the dots and underscores
    between words that Jekyll, Hugo and MkDocs keep in URLs (``lumberjack.v2``,
    ``code_of_conduct``, ``3.5yrs-of-go``)."""
    pieces = [[slugify(word) for word in piece.split("_")] for piece in name.split(".")]
    if all(all(words) for words in pieces):
        return ".".join("_".join(words) for words in pieces)
    return slugify(name)


# What Jekyll's "pretty" slugs keep besides letters, digits and marks (Utils.slugify).
_JEKYLL_PRETTY = frozenset("._~!$&'()+,;=@")


def jekyll_title(name: str) -> str:
    """Jekyll's ``:title`` of a file name or ``slug`` (``Utils.slugify(name, mode:
    "pretty", cased: true)``): each run of characters other than letters, digits, marks
    and ``._~!$&'()+,;=@`` made one ``-``, none at either end, the case kept
    (``Help!-I'm-becoming-Post-Junior``, ``on-making-it-personal-in-iOS`` of
    ``on-making-it-personal--in-iOS``)."""
    out: list[str] = []
    for char in name:
        if char.isalpha() or char.isdecimal() or char in _JEKYLL_PRETTY \
                or unicodedata.category(char).startswith("M"):
            out.append(char)
        elif out[-1:] != ["-"]:  # (a "-" of the name is one of the others too)
            out.append("-")
    return "".join(out).strip("-")  # (Rails' 2019-03-22-Rails-5-1-7-rc1-has-been-released-)


def mkdocs_title(name: str) -> str:
    """MkDocs' title of a file or folder name that gives none (``dirname_to_title``): its
    hyphens and underscores as spaces, the first letter capitalised if the name is all in
    lower case (``user-guide``: ``User guide``; ``REST_API``: ``REST API``)."""
    title = name.replace("-", " ").replace("_", " ").strip()
    return (title.capitalize() if title == title.lower() else title) or name


def ascii_path(path: str) -> str:
    """``path`` with accents taken off letters (``/cake-salé/`` -> ``/cake-sale/``), as
    Pelican's and Hugo's ASCII slugs are; other characters are kept."""
    decomposed = unicodedata.normalize("NFKD", path)
    return unicodedata.normalize("NFC", "".join(
        char for char in decomposed if not unicodedata.combining(char)))
