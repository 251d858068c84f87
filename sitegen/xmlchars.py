"""The characters XML 1.0 can carry: feeds and sitemaps are XML, so no text that reaches
them (titles, summaries, settings) may hold any other."""
from __future__ import annotations


def is_xml_character(char: str) -> bool:
    """Whether XML 1.0 allows ``char``: tab, newline, carriage return and everything from
    U+0020 up, except lone surrogates, U+FFFE and U+FFFF."""
    code = ord(char)
    return (code >= 0x20 or char in "\t\n\r") and not 0xD800 <= code <= 0xDFFF \
        and code not in (0xFFFE, 0xFFFF)


def first_forbidden(text: str) -> str | None:
    """The first character of ``text`` that XML cannot carry, if any."""
    return next((char for char in text if not is_xml_character(char)), None)
