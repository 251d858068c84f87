"""Social cards: titles measured in pixels and wrapped inside the card, in a font that has
their glyphs (CJK included), right-to-left titles shaped and right-aligned, and never an
error for a system without the fonts.

The tests need DejaVu Sans (Debian's fonts-dejavu-core), the CJK ones a CJK font
(fonts-noto-cjk) and the right-to-left ones Raqm (Pillow's, with Debian's libfribidi0):
without them they skip, but in CI, which installs them all (.ci/run), they fail.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageFont, features

from conftest import build_ok, write_site
from sitegen import cardfonts, cards
from sitegen.fingerprint import CARD_FONTS, card_font_files, engine_fingerprint

BACKGROUND = (15, 23, 42)  # the card's #0f172a
TITLE_AREA = (30, 90, 1200, 450)  # left, top, right, bottom: the four title lines
EDGE = 1200 - 60  # no title ink at or right of this column
DEJAVU_BOLD = CARD_FONTS[True][0]
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"
LONG_URL = "https://example.org/a/very/long/path/that/keeps/going/and/going/without/spaces"
JAPANESE = ("静的サイトジェネレーターで日本語のタイトルを"
            "正しく折り返す方法について、詳しく解説します。")
ARABIC = "مرحبا بالعالم"


def need(what: str, present: bool, install: str) -> None:
    """Skip a test without ``what`` on this machine; fail it in CI, which installs it."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it ({install})", pytrace=False)
    pytest.skip(f"{what} is not installed ({install}); test skipped", allow_module_level=True)


# The tests measure text in DejaVu Sans, the font cards are drawn in but for CJK.
need("DejaVu Sans", os.path.exists(DEJAVU_BOLD), "apt-get install -y fonts-dejavu-core")


def need_cjk_font() -> tuple[str, int]:
    chosen = cardfonts.font_file("漢字ひらがなカタカナ한글", True)
    need("A CJK font", chosen is not None and chosen[0] != DEJAVU_BOLD,
         "apt-get install -y fonts-noto-cjk")
    assert chosen is not None
    return chosen


def need_raqm() -> None:
    need("Raqm (FriBiDi)", features.check_feature("raqm"), "apt-get install -y libfribidi0")


@pytest.fixture
def fonts_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test change CARD_FONTS (put back after it)."""
    for bold in (True, False):
        monkeypatch.setitem(CARD_FONTS, bold, list(CARD_FONTS[bold]))
    yield


def ink(image: Image.Image, area: tuple[int, int, int, int] = TITLE_AREA) -> list[int]:
    """The columns (in card coordinates) where ``area`` has text: pixels far from the
    background, JPEG's noise left out."""
    left, top, right, bottom = area
    crop = image.convert("RGB").crop(area)
    pixels = crop.load()
    assert pixels is not None
    columns = []
    for x in range(crop.width):
        for y in range(crop.height):
            pixel = pixels[x, y]
            assert isinstance(pixel, tuple)
            if sum(abs(a - b) for a, b in zip(pixel, BACKGROUND, strict=True)) > 150:
                columns.append(left + x)
                break
    return columns


def runs(columns: list[int]) -> int:
    """How many separate stretches ``columns`` make (glyphs not joined to the next)."""
    return sum(1 for n, x in enumerate(columns) if n == 0 or columns[n - 1] != x - 1)


def card(title: str) -> Image.Image:
    return cards.draw_card(title, "Test Site", "01 January 2026")


def fits(line: str, size: int = 64) -> bool:
    font = cardfonts.text_font(line, size, True)
    return font.getlength(line, direction=cards._direction(font, line)) <= cards.BOX


# --- Wrapping by width ------------------------------------------------------------------------

@pytest.mark.parametrize("title", [LONG_WORD, LONG_URL, "W" * 60, "Why " + "MMMM " * 30,
                                   f"See {LONG_URL} and {LONG_WORD} for more"])
def test_long_titles_stay_inside_the_card(title: str) -> None:
    """Whatever the title, no line is wider than the text box: the title's ink ends before
    the card's right edge (here, 60 pixels before it)."""
    columns = ink(card(title))
    assert columns and max(columns) < EDGE
    assert all(fits(line) for line in cards.title_lines(title))


def test_titles_wrap_by_their_width_not_their_length() -> None:
    """Narrow letters fill a line with more characters than wide ones: 36 characters of
    'il ' take one line, 24 of 'WW ' two."""
    assert cards.title_lines("il " * 12) == ["il " * 11 + "il"]
    assert len(cards.title_lines("WW " * 8)) == 2


def test_a_long_word_is_broken_where_it_reaches_the_edge() -> None:
    """A word wider than the card is cut into lines that each fit, losing no letter; a URL
    is cut after a slash."""
    lines = cards.title_lines(LONG_WORD)
    assert len(lines) > 1 and "".join(lines) == LONG_WORD
    assert all(fits(line) for line in lines)
    assert not fits(lines[0] + lines[1][0])  # filled to the edge
    url = cards.title_lines(LONG_URL)
    assert len(url) > 1 and "".join(url) == LONG_URL
    assert all(line.endswith("/") for line in url[:-1])


def test_at_most_four_lines_the_last_ellipsised() -> None:
    """A title too long for four lines shows four, the last ending in an ellipsis within
    the box; a title that fits has none."""
    title = " ".join(f"word{n}" for n in range(60))
    lines = cards.title_lines(title)
    assert len(lines) == 4
    assert lines[-1].endswith("…") and fits(lines[-1])
    assert " ".join(lines)[:-1] in title  # the start of the title, in order
    assert not any("…" in line for line in cards.title_lines("A short title"))
    long_word_lines = cards.title_lines("x" * 500)
    assert len(long_word_lines) == 4 and long_word_lines[-1].endswith("…")


def test_wrapping_agrees_with_measuring_every_line_whole() -> None:
    """The fast path (a line's width guessed from its words', measured alone) breaks lines
    where measuring each candidate line whole does."""
    titles = ["Why we moved our documentation to a static site generator and never looked back",
              "Release 2.0: 10 things you need to know about CSS Grid and Flexbox in 2026",
              "Café, naïve façade — résumé of a long weekend in Zürich " * 3,
              LONG_URL, LONG_WORD, f"A {LONG_WORD} in a title", "a\u0301" * 300,
              JAPANESE, JAPANESE * 3, "静态网站生成器中的中文标题换行与字体回退",
              "정적 사이트 생성기에서 한국어 제목을 올바르게 표시하는 방법",
              "مرحبا بالعالم: كيف نبني موقعا ثابتا باستخدام بايثون " * 2,
              "שלום עולם: אתר סטטי עם פייתון", "Python で学ぶ静的サイト: Flask と Jinja の入門"]
    for title in titles:
        assert cards.title_lines(title) == slow_lines(title), title


def slow_lines(text: str, limit: int = 4) -> list[str]:
    """The slow path: each line as many segments as fit by measuring it whole, a word too
    long cut one character at a time, the ellipsis added one character shorter at a time."""
    text = cards._one_line(text)
    font = cardfonts.text_font(text, 64, True)
    direction = cards._direction(font, text)

    def measured(line: str) -> bool:
        return font.getlength(line, direction=direction) <= cards.BOX

    segments, lines = cards._segments(text), []
    while segments and len(lines) < limit:
        count = 0
        while count < len(segments) and measured("".join(segments[:count + 1]).rstrip()):
            count += 1
        if count:
            lines.append("".join(segments[:count]).rstrip())
            del segments[:count]
            continue
        word, n = segments[0], 1
        while measured(word[:n + 1]):
            n += 1
        while n > 1 and cards._cluster_inside(word[n - 1], word[n]):
            n -= 1
        separator = max(word.rfind(mark, 0, n) for mark in cards._URL_BREAKS) + 1
        lines.append(word[:separator if separator > n // 2 else n])
        rest = word[len(lines[-1]):].lstrip()
        segments[:1] = [rest] if rest else []
    if segments:
        line = lines[-1]
        while line and not measured(line + "…"):
            line = line[:-1]
        lines[-1] = line.rstrip(" .,;:、。，…") + "…"
    return lines


# --- CJK ------------------------------------------------------------------------------------

def test_cjk_titles_break_between_characters_but_not_before_closing_punctuation() -> None:
    """Japanese has no spaces: lines break between any two characters, never leaving 、。」
    at the start of a line nor 「 at its end, and keep every character."""
    for shift in range(12):
        title = "あ" * shift + "これは「かぎかっこ」、句読点。の例です。" * 2
        lines = cards.title_lines(title)
        assert len(lines) > 1 and "".join(lines) == title
        assert all(fits(line) for line in lines)
        assert not any(line[0] in "、。」』）" for line in lines[1:]), lines
        assert not any(line[-1] in "「『（" for line in lines), lines


def test_korean_titles_break_at_spaces() -> None:
    lines = cards.title_lines("정적 사이트 생성기에서 한국어 제목을 올바르게 표시하는 방법")
    assert len(lines) > 1
    assert " ".join(lines) == "정적 사이트 생성기에서 한국어 제목을 올바르게 표시하는 방법"


def test_cjk_titles_are_drawn_in_a_cjk_font_not_as_boxes(fonts_only: None) -> None:
    """A title DejaVu has no glyphs for is drawn in the CJK font (its Japanese face for
    kana): two different titles of as many characters look different, where DejaVu draws
    the same row of boxes for both."""
    path, _ = need_cjk_font()
    chinese = cardfonts.font_file("静态网站", True)
    assert chinese is not None and chinese[0] == path
    assert cardfonts.font_file("静态网站 Python", True) == chinese  # the CJK font has Latin too
    assert cardfonts.font_file("Static site", True) == (DEJAVU_BOLD, 0)
    if "NotoSansCJK" in path:
        assert cardfonts.text_font("ひらがな", 64, True).getname()[0] == "Noto Sans CJK JP"
        assert cardfonts.text_font("한국어", 64, True).getname()[0] == "Noto Sans CJK KR"
    first, second = card("静态网站生成器"), card("器成生站网态静")
    assert first.crop(TITLE_AREA).tobytes() != second.crop(TITLE_AREA).tobytes()
    CARD_FONTS[True][:] = [DEJAVU_BOLD]  # DejaVu only: boxes
    assert card("静态网站生成器").crop(TITLE_AREA).tobytes() == \
        card("器成生站网态静").crop(TITLE_AREA).tobytes()


# --- Right to left --------------------------------------------------------------------------

def test_the_paragraph_direction_is_the_first_letters() -> None:
    assert cards.text_direction(ARABIC) == "rtl"
    assert cards.text_direction("«שלום» world") == "rtl"
    assert cards.text_direction("CSS: مرحبا") == "ltr"
    assert cards.text_direction("2026") == "ltr"


def test_arabic_titles_are_shaped_and_right_aligned() -> None:
    """An Arabic title is laid out by Raqm right to left: its letters join (the word makes
    one stretch of ink where the basic layout leaves each letter apart), and it ends at the
    right margin instead of starting at the left one."""
    need_raqm()
    lines, font, direction = cards.layout(ARABIC, 64, True, 4)
    assert direction == "rtl" and isinstance(font, ImageFont.FreeTypeFont)
    assert font.layout_engine == ImageFont.Layout.RAQM
    assert font.getlength(ARABIC, direction="rtl") != ImageFont.truetype(
        font.path, 64, layout_engine=ImageFont.Layout.BASIC).getlength(ARABIC)
    columns = ink(card(ARABIC))
    assert 0 <= 1200 - cards.MARGIN - max(columns) <= 8 and min(columns) > 500
    joined = ink(card("محمد"))
    assert runs(joined) < runs(ink(basic_card("محمد")))
    assert runs(joined) == 1


def basic_card(title: str) -> Image.Image:
    """The card Pillow's basic layout draws (no Raqm)."""
    layout = cards.LAYOUT
    cards.LAYOUT = ImageFont.Layout.BASIC
    try:
        return card(title)
    finally:
        cards.LAYOUT = layout


def test_hebrew_titles_wrap_and_right_align() -> None:
    need_raqm()
    title = "שלום עולם: אתר סטטי עם פייתון ועוד הרבה מילים ארוכות בכותרת"
    lines = cards.title_lines(title)
    assert len(lines) > 1 and " ".join(lines) == title
    columns = ink(card(title))
    assert 0 <= 1200 - cards.MARGIN - max(columns) <= 8


def test_without_raqm_right_to_left_titles_still_draw() -> None:
    """Without Raqm the basic layout draws the letters unjoined, with no error."""
    image = basic_card(ARABIC + " " + LONG_WORD)
    columns = ink(image)
    assert columns and max(columns) < EDGE


# --- Fonts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Static sites", LONG_WORD, JAPANESE, ARABIC, "🎉 Party"])
def test_missing_fonts_fall_back_without_an_error(fonts_only: None, title: str) -> None:
    """With none of the card fonts on the system, Pillow's bundled font draws; with DejaVu
    but no CJK font, CJK titles draw (as boxes): neither is an error."""
    for bold in (True, False):
        CARD_FONTS[bold][:] = ["/nonexistent/font.ttf", "/nonexistent/cjk.ttc"]
    assert cardfonts.font_file(title, True) is None
    columns = ink(card(title))
    assert columns and max(columns) < EDGE
    CARD_FONTS[True][:] = [DEJAVU_BOLD, "/nonexistent/cjk.ttc"]
    assert cardfonts.font_file(title, True) == (DEJAVU_BOLD, 0)
    assert max(ink(card(title))) < EDGE


def test_the_fonts_cards_are_drawn_in_are_in_the_engine_fingerprint(
        fonts_only: None, tmp_path: Path) -> None:
    """Every font a card can be drawn in counts in the engine's fingerprint, so cached cards
    are drawn again when a font changes."""
    for title in ("Static sites", JAPANESE, ARABIC):
        chosen = cardfonts.font_file(title, True)
        assert chosen is None or chosen[0] in card_font_files()
    font = tmp_path / "font.ttf"
    font.write_bytes(Path(DEJAVU_BOLD).read_bytes())
    CARD_FONTS[True][:] = [str(font)]
    before = engine_fingerprint.__wrapped__()
    font.write_bytes(font.read_bytes() + b"\0")
    assert engine_fingerprint.__wrapped__() != before


# --- In a built site ------------------------------------------------------------------------

def test_a_built_sites_cards_keep_their_titles_inside(tmp_path: Path) -> None:
    """The cards of a built site: a long title inside the card, a right-to-left one at the
    right margin."""
    posts = {"long": LONG_URL + " " + LONG_WORD, "arabic": ARABIC}
    root = write_site(tmp_path / "site", {
        f"content/posts/{slug}.md": f'---\ntitle: "{title}"\ndate: 2026-01-05\n---\nText.\n'
        for slug, title in posts.items()})
    out = build_ok(root)
    images = {}
    for slug in posts:
        with Image.open(out / "posts" / slug / "card.jpg") as image:
            assert image.format == "JPEG" and image.size == (1200, 630)
            images[slug] = image.convert("RGB")
    assert max(ink(images["long"])) < EDGE
    if features.check_feature("raqm"):
        assert 0 <= 1200 - cards.MARGIN - max(ink(images["arabic"])) <= 8
