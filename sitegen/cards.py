"""Social card images (1200x630 JPEG) drawn with Pillow: title, site name and date.

Drawn cards are kept in the cache (namespace ``cards``) by their text; the cache is emptied
when the engine changes, this drawing code and the fonts included.
"""
from __future__ import annotations

import io
import textwrap
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from sitegen.cache import Cache
from sitegen.config import SiteConfig
from sitegen.fingerprint import CARD_FONTS, digest
from sitegen.models import Entry

WIDTH, HEIGHT = 1200, 630
READS = ("title", "date")  # all a card shows of its post


@lru_cache(maxsize=16)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when the system has it, else Pillow's own bundled font."""
    for name in CARD_FONTS[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _one_line(text: str) -> str:
    """``text`` with every line break Python knows of (U+2029, U+0085...) made a space: a
    card's lines are made by wrapping, and Pillow cannot draw a break inside one."""
    return " ".join(text.splitlines())


def _draw(title: str, site_name: str, date_text: str) -> bytes:
    title, site_name = _one_line(title), _one_line(site_name)
    image = Image.new("RGB", (WIDTH, HEIGHT), "#0f172a")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill="#38bdf8")
    title_font = _font(64, True)
    wrapped = textwrap.wrap(title, width=30)
    lines = wrapped[:4]
    if len(wrapped) > 4:
        lines[-1] = lines[-1].rstrip(".") + "…"
    y = 110
    for line in lines:
        draw.text((90, y), line, font=title_font, fill="#f8fafc")
        y += 82
    draw.text((90, HEIGHT - 120), site_name, font=_font(36, True), fill="#38bdf8")
    draw.text((90, HEIGHT - 70), date_text, font=_font(28, False), fill="#cbd5e1")
    buffer = io.BytesIO()
    # JPEG: a fraction of PNG's encoding time, and at 3x zoom the text shows no difference.
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def social_card(entry: Entry, config: SiteConfig, cache: Cache) -> bytes:
    """The JPEG card of a post, drawn once and then taken from ``cache``."""
    date_text = entry.date.strftime("%d %B %Y") if entry.date else ""
    key = digest((entry.title, config.title, date_text))
    cached = cache.get("cards", key)
    if isinstance(cached, bytes):
        return cached
    data = _draw(entry.title, config.title, date_text)
    cache.put("cards", {key: data})
    return data
