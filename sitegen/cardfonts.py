"""The fonts social cards are drawn in: for each text, the first font of ``CARD_FONTS`` on
this system with a glyph for every character it shows, read from the font's cmap table
(DejaVu Sans for Latin, Greek, Cyrillic, Arabic and Hebrew, then Noto Sans CJK for Chinese,
Japanese and Korean, in its Japanese, Korean or Chinese face by the kana or Hangul the text
holds). A font the system lacks is passed over, and with none left Pillow's bundled font
draws: never an error. See :mod:`sitegen.cards` for the drawing."""
from __future__ import annotations

import struct
import unicodedata
from functools import cache, lru_cache
from typing import BinaryIO, TypeAlias

from PIL import ImageFont, features

from sitegen.fingerprint import CARD_FONTS

Font: TypeAlias = ImageFont.FreeTypeFont | ImageFont.ImageFont
# Raqm shapes (joins Arabic letters) and orders right-to-left text; Pillow's wheels carry it but
# load FriBiDi from the system, and without it only the basic layout is there.
LAYOUT = ImageFont.Layout.RAQM if features.check_feature("raqm") else ImageFont.Layout.BASIC


def _sfnt_tables(file: BinaryIO, index: int) -> dict[bytes, tuple[int, int]]:
    """Where each table of face ``index`` of an OpenType file (or collection) lies."""
    start = 0
    if file.read(4) == b"ttcf":
        count, = struct.unpack(">I", file.read(8)[4:])
        if index >= count:
            raise ValueError(f"no face {index}")
        file.seek(12 + 4 * index)
        start, = struct.unpack(">I", file.read(4))
    file.seek(start + 4)
    tables, = struct.unpack(">H", file.read(2))
    file.seek(start + 12)
    records = file.read(16 * tables)
    return {records[at:at + 4]: struct.unpack_from(">II", records, at + 8)
            for at in range(0, len(records), 16)}


def _format4(data: bytes, at: int) -> set[int]:
    """The characters a format 4 cmap subtable (the Basic Multilingual Plane) maps to a glyph."""
    count = struct.unpack_from(">H", data, at + 6)[0] // 2
    # Four arrays of ``count`` numbers: ends, (a reserved word,) starts, deltas, offsets.
    ends = struct.unpack_from(f">{count}H", data, at + 14)
    starts, deltas, offsets = (struct.unpack_from(f">{count}H", data, at + 16 + 2 * count * n)
                               for n in (1, 2, 3))
    offsets_at = at + 16 + 6 * count
    codes: set[int] = set()
    ranges = zip(starts, ends, deltas, offsets, strict=True)
    for n, (first, last, delta, offset) in enumerate(ranges):
        if first == 0xFFFF:
            continue
        if offset == 0:
            codes.update(c for c in range(first, last + 1) if (c + delta) & 0xFFFF)
            continue
        glyphs = struct.unpack_from(f">{last - first + 1}H", data, offsets_at + 2 * n + offset)
        codes.update(c for c, glyph in zip(range(first, last + 1), glyphs, strict=True) if glyph)
    return codes


def _format12(data: bytes, at: int) -> set[int]:
    """The characters a format 12 cmap subtable (all of Unicode) maps to a glyph."""
    codes: set[int] = set()
    for group in range(struct.unpack_from(">I", data, at + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * group)
        codes.update(range(first + (glyph == 0), last + 1))
    return codes


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    """The characters face ``index`` of the font file at ``path`` has a glyph for, from its
    Unicode cmap subtable; empty when the file is missing or not a font this can read."""
    try:
        with open(path, "rb") as file:
            offset, length = _sfnt_tables(file, index)[b"cmap"]
            file.seek(offset)
            data = file.read(length)
        subtables: dict[int, int] = {}
        for n in range(struct.unpack_from(">H", data, 2)[0]):
            platform, encoding, at = struct.unpack_from(">HHI", data, 4 + 8 * n)
            if platform == 0 or (platform, encoding) in ((3, 1), (3, 10)):
                subtables.setdefault(struct.unpack_from(">H", data, at)[0], at)
        if 12 in subtables:
            return frozenset(_format12(data, subtables[12]))
        return frozenset(_format4(data, subtables[4]) if 4 in subtables else ())
    except (OSError, KeyError, ValueError, struct.error):
        return frozenset()


def _region(text: str) -> str:
    """The face of a CJK font ``text`` wants: Japanese with kana, Korean with Hangul, else
    Simplified Chinese (a Han character's form differs between them)."""
    for char in text:
        code = ord(char)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
            return "JP"
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return "KR"
    return "SC"


@cache
def _face(path: str, region: str) -> int:
    """The face of a font collection whose family ends with ``region`` ("Noto Sans CJK JP"),
    else the first."""
    if not path.endswith(".ttc"):
        return 0
    for index in range(32):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" " + region):
            return index
    return 0


def font_file(text: str, bold: bool) -> tuple[str, int] | None:
    """The font file (and its face) ``text`` is drawn in: the first of ``CARD_FONTS`` on this
    system with a glyph for each of its characters, else the one with the most; None when
    there is none (Pillow's bundled font draws then)."""
    needed = {ord(char) for char in text if not unicodedata.category(char).startswith("C")}
    best, most, region = None, -1, _region(text)
    for path in CARD_FONTS[bold]:
        index = _face(path, region)
        covered = _cmap(path, index)
        if covered and len(needed & covered) > most:
            best, most = (path, index), len(needed & covered)
            if most == len(needed):
                break
    return best


@lru_cache(maxsize=32)
def load_font(path: str | None, index: int, size: int, layout: ImageFont.Layout) -> Font:
    """The font at ``path`` (face ``index``) in ``size`` pixels, else Pillow's bundled one."""
    if path is not None:
        try:
            return ImageFont.truetype(path, size, index=index, layout_engine=layout)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def text_font(text: str, size: int, bold: bool) -> Font:
    """The font ``text`` is drawn in at ``size`` pixels (see :func:`font_file`)."""
    path, index = font_file(text, bold) or (None, 0)
    return load_font(path, index, size, LAYOUT)
