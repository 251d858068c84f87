"""Readable, stable URL slugs for titles, tags and file names, Unicode included."""
from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s-]", re.UNICODE)
_SEPARATORS = re.compile(r"[\s_/\\-]+", re.UNICODE)


def slugify(text: str) -> str:
    """Turn ``text`` into a lowercase URL segment: ``Web Development`` -> ``web-development``.

    Accents are kept (``café`` stays ``café``) and CJK text is kept as is, so that
    two spellings that differ only in case, spaces or punctuation give one slug.
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = _SEPARATORS.sub("-", text)
    text = _NOT_WORD.sub("", text)
    return _SEPARATORS.sub("-", text).strip("-")
