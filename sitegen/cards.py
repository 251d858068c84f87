"""Social card images (1200x630 JPEG) drawn with Pillow: title, site name and date."""
from __future__ import annotations

import hashlib
import io
import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sitegen.config import SiteConfig
from sitegen.models import Entry

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "4"
_FONT_FILES = {
    True: ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
    False: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
}


@lru_cache(maxsize=1)
def font_identity() -> list[tuple[str, int, int]]:
    """The font files cards are drawn with, by name, size and modification time (looked up
    once per process)."""
    found = []
    for name in (*_FONT_FILES[True], *_FONT_FILES[False]):
        if Path(name).exists():
            stat = Path(name).stat()
            found.append((name, stat.st_size, stat.st_mtime_ns))
    return found


@lru_cache(maxsize=16)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when the system has it, else Pillow's own bundled font."""
    for name in _FONT_FILES[bold]:
        if Path(name).exists():
            return ImageFont.truetype(name, size)
    return ImageFont.load_default(size=size)


def _draw(title: str, site_name: str, date_text: str) -> bytes:
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
    # JPEG takes 1 ms where PNG takes 7; at 3x zoom the text shows no difference.
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def social_card(entry: Entry, config: SiteConfig, cache_dir: Path | None = None) -> bytes:
    """The JPEG card of a post; cached in ``cache_dir`` by its text, since drawing is slow."""
    date_text = entry.date.strftime("%d %B %Y") if entry.date else ""
    key = hashlib.sha256("\0".join((CARD_VERSION, repr(font_identity()), entry.title, config.title,
                                    date_text)).encode()).hexdigest()
    cached = cache_dir / "cards" / f"{key}.jpg" if cache_dir else None
    if cached and cached.exists():
        return cached.read_bytes()
    data = _draw(entry.title, config.title, date_text)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(cached)
    return data
