"""Social card images (1200x630 JPEG) drawn with Pillow: title, site name and date.

Text is measured with the font it is drawn in. The title wraps by pixel width inside the text
box (``MARGIN`` from either edge) onto at most four lines, the last one ending in an ellipsis
when the title is longer; a word wider than the box (a URL, a German compound) is broken
between characters, after a ``/`` or ``-`` when it has one. Chinese and Japanese may break
between any two characters, never before closing punctuation (、。」) nor after an opening
bracket (「), a simple kinsoku; Korean breaks at spaces, like Latin text. Where lines end is
guessed from the widths of words measured alone (once each, in the quicker basic layout) and
checked by measuring the line whole where the guess comes near the edge, and the line taken
is measured whole unless it is well inside: no line drawn is wider than the box.

Each text (title, site name, date) is drawn in the first font of ``CARD_FONTS`` that has a
glyph for every character it shows, read from the font's cmap table: DejaVu Sans for Latin,
Greek, Cyrillic, Arabic and Hebrew, then Noto Sans CJK (which has Latin too) for Chinese,
Japanese and Korean, in its Japanese, Korean or Chinese face by the kana or Hangul it holds.
A font the system lacks is passed over, and with none left Pillow's bundled font draws:
never an error. Right-to-left text (its first letter Hebrew or Arabic) is shaped and ordered
by Raqm and right-aligned; where Pillow has no Raqm (FriBiDi missing) the basic layout draws
it unjoined, in logical order.

Drawn cards are kept in the cache (namespace ``cards``) by their text; the cache is emptied
when the engine changes, this drawing code and the fonts included.
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from sitegen.cache import Cache
from sitegen.cardfonts import LAYOUT, Font, font_file, load_font
from sitegen.config import SiteConfig
from sitegen.fingerprint import digest
from sitegen.models import Entry

WIDTH, HEIGHT = 1200, 630
MARGIN = 90  # the text box: this far from the left and the right edge
BOX = WIDTH - 2 * MARGIN
# How far past the box's edge a line's width guessed from its words' may be while the line
# still fits (the basic layout leaves kerning out): a guess further out is taken as too wide.
SLACK = 32
# No line holds more characters than this (nor a card more than TITLE_LINES times as many):
# longer text is cut before it is measured.
LONGEST_LINE = 400
READS = ("title", "date")  # all a card shows of its post
TITLE_LINES = 4
ELLIPSIS = "…"

# Simple kinsoku: no line starts with the first set, none ends with the second.
_NO_BREAK_BEFORE = frozenset("、。，．・：；？！゛゜ヽヾゝゞ々ー）］｝」』】〕〉》〙〗〟’”…‥"
                             "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ,.:;?!)]}%")
_NO_BREAK_AFTER = frozenset("（［｛「『【〔〈《〘〖〝‘“([{")
_URL_BREAKS = "/-_.?&=#"  # a word too long for a line breaks after the last of these it can


# --- Lines ----------------------------------------------------------------------------------

def _one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks Python knows of, U+2029, U+0085...,
    included) made one space: a card's lines are made by wrapping."""
    return " ".join(text.split())


def text_direction(text: str) -> str:
    """"rtl" when the first strongly directional character of ``text`` is right-to-left
    (Hebrew, Arabic...), else "ltr": the paragraph direction of Unicode's bidi algorithm."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _direction(font: Font, text: str) -> str | None:
    """The direction to lay ``text`` out in: None (left to right) without Raqm."""
    if isinstance(font, ImageFont.FreeTypeFont) and font.layout_engine == ImageFont.Layout.RAQM:
        return text_direction(text)
    return None


def _shaped(text: str) -> bool:
    """Whether ``text`` has right-to-left letters or combining marks: what Raqm shapes."""
    return any(unicodedata.bidirectional(char) in ("R", "AL", "AN")
               or unicodedata.category(char).startswith("M") for char in text)


def _cluster_inside(before: str, char: str) -> bool:
    """Whether ``char`` continues the character before it (a combining mark, a joiner)."""
    return unicodedata.category(char).startswith("M") or "\u200d" in (before, char)


def _wide(char: str) -> bool:
    """A Chinese or Japanese character (or another wide one, an emoji), which lines may break
    around; Korean words are kept whole, like Latin ones."""
    return (unicodedata.east_asian_width(char) in ("W", "F")
            and not 0xAC00 <= ord(char) <= 0xD7AF and not 0x1100 <= ord(char) <= 0x11FF
            and not 0x3130 <= ord(char) <= 0x318F)


def _may_break(before: str, char: str) -> bool:
    """Whether a line may break between ``before`` and ``char``: after a space, and around
    a wide character, but for kinsoku and inside a cluster."""
    if char.isspace() or char in _NO_BREAK_BEFORE or before in _NO_BREAK_AFTER:
        return False
    if _cluster_inside(before, char):
        return False
    return before.isspace() or _wide(before) or _wide(char)


def _segments(text: str) -> list[str]:
    """``text`` cut where a line may break, spaces kept with the text before them."""
    segments: list[str] = []
    for n, char in enumerate(text):
        if segments and not _may_break(text[n - 1], char):
            segments[-1] += char
        else:
            segments.append(char)
    return segments


def _most(guess: int, top: int, fits: Callable[[int], bool]) -> int:
    """The largest n from 1 to ``top`` with ``fits(n)``, 0 when there is none, looked for
    up or down from ``guess`` (``fits`` holds below any n it holds for)."""
    n = min(max(guess, 1), top)
    if n < 1:
        return 0
    if fits(n):
        while n < top and fits(n + 1):
            n += 1
        return n
    while n > 1:
        n -= 1
        if fits(n):
            return n
    return 0


@lru_cache(maxsize=8192)
def _advance(font: Font, piece: str, direction: str | None) -> float:
    """The width of ``piece`` laid out alone (measured once per process)."""
    return font.getlength(piece, direction=direction)


class _Ruler:
    """Measures text in one font and direction: a line exactly, laid out whole in the font
    it is drawn in (``font``); its pieces (words, characters) each alone, to guess a line's
    width by adding them up, in ``rough``: the same font in the basic layout, quicker, and
    as wide but for kerning, for text that needs no shaping."""

    def __init__(self, font: Font, rough: Font, direction: str | None) -> None:
        self.font, self.rough, self.direction = font, rough, direction
        # Shaped text is measured in pieces with Raqm too, but shaping can join the pieces.
        self.shaped = rough is font
        self.rough_direction = direction if self.shaped else None

    def fits(self, line: str) -> bool:
        """Whether ``line`` fits the text box."""
        return (len(line) <= LONGEST_LINE
                and self.font.getlength(line, direction=self.direction) <= BOX)

    def width(self, piece: str) -> float:
        """The guessed width of ``piece``, measured alone."""
        return _advance(self.rough, piece, self.rough_direction)

    def guess(self, text: str, room: float = BOX) -> int:
        """How many characters of ``text`` fit ``room``, by their widths added up."""
        total = 0.0
        for n, char in enumerate(text[:LONGEST_LINE]):
            total += self.width(char)
            if total > room:
                return n
        return min(len(text), LONGEST_LINE)


def _first_line(segments: list[str], ruler: _Ruler) -> int:
    """How many of ``segments`` the next line holds, none when the first alone is too wide.

    One more segment is taken while the line's width guessed from its segments' stays
    inside the text box; a guess within ``SLACK`` past the edge is checked by measuring the
    line whole. The line taken is measured whole too (unless its guess, from the basic
    layout, is inside the box by a pixel a character, more than rounding gives), and made
    shorter if it is too wide: no line drawn is wider than the box."""

    def fits(count: int) -> bool:
        return ruler.fits("".join(segments[:count]).rstrip())

    count, total, chars, sure = 0, 0.0, 0, True
    for segment in segments:
        if len(segment) > LONGEST_LINE:
            break
        total += ruler.width(segment)
        chars += len(segment)
        guess = total - ruler.width(" ") if segment.endswith(" ") else total
        if guess > BOX + SLACK or (guess > BOX and not fits(count + 1)):
            break
        count += 1
        sure = guess > BOX or (guess + chars <= BOX and not ruler.shaped)
    return count if sure else _most(count, count, fits)


def _longest_fit(word: str, ruler: _Ruler) -> str:
    """The longest start of ``word`` that fits a line (one character at least), not cut
    inside a cluster, and ending at a URL's separator when one lies in its second half."""
    top = min(len(word), LONGEST_LINE)
    n = max(_most(ruler.guess(word), top, lambda n: ruler.fits(word[:n])), 1)
    while n > 1 and _cluster_inside(word[n - 1], word[n]):
        n -= 1
    separator = max(word.rfind(mark, 0, n) for mark in _URL_BREAKS) + 1
    return word[:separator if separator > n // 2 else n]


def _wrap(text: str, ruler: _Ruler, limit: int) -> tuple[list[str], bool]:
    """``text`` in at most ``limit`` lines no wider than the text box, each holding as many
    segments as fit (see :func:`_first_line`), a segment too wide for a line of its own cut
    where it reaches the edge; and whether some of ``text`` is left over."""
    segments = _segments(text)
    lines: list[str] = []
    while segments and len(lines) < limit:
        count = _first_line(segments, ruler)
        if count:
            lines.append("".join(segments[:count]).rstrip())
            del segments[:count]
            continue
        head = _longest_fit(segments[0], ruler)
        lines.append(head)
        rest = segments[0][len(head):].lstrip()
        segments[:1] = [rest] if rest else []
    return lines, bool(segments)


def _ellipsised(line: str, ruler: _Ruler) -> str:
    """``line`` cut short enough to end in an ellipsis within the text box."""
    guess = ruler.guess(line, BOX - ruler.width(ELLIPSIS))
    keep = _most(guess, len(line), lambda n: ruler.fits(line[:n] + ELLIPSIS))
    return line[:keep].rstrip(" .,;:、。，…") + ELLIPSIS


def layout(text: str, size: int, bold: bool,
           limit: int) -> tuple[list[str], Font, str | None]:
    """The lines ``text`` is drawn in at ``size`` pixels (at most ``limit``, the last one
    ellipsised when the text is longer), their font and their direction (None: Raqm is
    missing, left to right)."""
    text = _one_line(text)
    path, index = font_file(text, bold) or (None, 0)
    font = load_font(path, index, size, LAYOUT)
    direction = _direction(font, text)
    rough = font if _shaped(text) else load_font(path, index, size, ImageFont.Layout.BASIC)
    ruler = _Ruler(font, rough, direction)
    lines, cut = _wrap(text[:LONGEST_LINE * limit], ruler, limit)
    if cut or len(text) > LONGEST_LINE * limit:
        lines[-1] = _ellipsised(lines[-1], ruler)
    return lines, font, direction


def title_lines(title: str) -> list[str]:
    """The lines a card shows of ``title``."""
    return layout(title, 64, True, TITLE_LINES)[0]


# --- The card -------------------------------------------------------------------------------

def _write(draw: ImageDraw.ImageDraw, text: str, style: tuple[int, bool, int],
           baseline: int, fill: str) -> None:
    """Draw ``text`` from ``baseline`` down in ``style`` (size, bold, most lines), 82 pixels
    apart: from the left margin, or from the right one for right-to-left text."""
    size, bold, limit = style
    lines, font, direction = layout(text, size, bold, limit)
    right = text_direction(text) == "rtl"
    x, anchor = (WIDTH - MARGIN, "rs") if right else (MARGIN, "ls")
    for line in lines:
        draw.text((x, baseline), line, font=font, fill=fill, anchor=anchor, direction=direction)
        baseline += 82


def draw_card(title: str, site_name: str, date_text: str) -> Image.Image:
    """The card's picture: a title on up to four lines, the site's name and a date."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#0f172a")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill="#38bdf8")
    _write(draw, title, (64, True, TITLE_LINES), 170, "#f8fafc")
    _write(draw, site_name, (36, True, 1), HEIGHT - 86, "#38bdf8")
    _write(draw, date_text, (28, False, 1), HEIGHT - 44, "#cbd5e1")
    return image


def _draw(title: str, site_name: str, date_text: str) -> bytes:
    buffer = io.BytesIO()
    # JPEG: a fraction of PNG's encoding time, and at 3x zoom the text shows no difference.
    draw_card(title, site_name, date_text).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def social_card(entry: Entry, config: SiteConfig, cache: Cache) -> bytes:
    """The JPEG card of a post, drawn once and then taken from ``cache``."""
    date_text = entry.date.strftime("%-d %B %Y") if entry.date else ""
    key = digest((entry.title, config.title, date_text))
    cached = cache.get("cards", key)
    if isinstance(cached, bytes):
        return cached
    data = _draw(entry.title, config.title, date_text)
    cache.put("cards", {key: data})
    return data
