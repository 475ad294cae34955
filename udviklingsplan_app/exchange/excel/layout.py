"""How much room a text takes in a worksheet cell: wrapped lines, row heights, column widths.

Neither Excel nor LibreOffice sizes a row to its wrapped text when a file is written by a
program (openpyxl cannot measure text), so the export estimates it: each character's width in
Calibri 11 (the same metrics as Carlito, LibreOffice's stand-in), wrapped at spaces the way a
spreadsheet wraps, in a column so many "0"-widths wide. The estimate errs on the generous side,
so a row is never cut; a word wider than its column is what makes a spreadsheet split it
mid-word, so :func:`word_width` says how wide a column must be to keep its words whole.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

#: Advance widths of Calibri/Carlito 11 pt, in widths of a "0" (the unit of a column width).
_ADVANCES: tuple[tuple[float, str], ...] = (
    (0.45, "'ijl "),
    (0.5, ",.I‘’·"),
    (0.55, ":;`"),
    (0.6, "()-[]f{}"),
    (0.65, "!Jt°"),
    (0.7, "r"),
    (0.75, "/\\s"),
    (0.8, '"z'),
    (0.85, "Lcx“”"),
    (0.9, "?FSZkvy|"),
    (0.95, "ETYagåÉä"),
    (1.0, "#$*+0123456789<=>PX^_e~éè–•»«§€"),
    (1.05, "BCKRbdhnopquøüö"),
    (1.1, "V"),
    (1.15, "AÅÄ"),
    (1.2, "D"),
    (1.25, "GHNUÜ"),
    (1.3, "OØÖ½"),
    (1.35, "&Q…"),
    (1.4, "%w"),
    (1.5, "Æ"),
    (1.55, "æ"),
    (1.6, "m"),
    (1.7, "M"),
    (1.75, "@W"),
    (1.8, "—"),
)
_WIDTH = {char: width for width, chars in _ADVANCES for char in chars}
_BOLD = 1.04  # Calibri bold runs about 4 % wider
#: Room a column of width w leaves for text: Excel's 5-pixel padding (0.75 "0"), and a margin
#: for the printer driver's and LibreOffice's rounding.
_PADDING = 0.8
_SAFETY = 0.97

LINE_POINTS = 14.5  # one wrapped line of 11-point Calibri, in points
MAX_ROW_POINTS = 409.0  # Excel's highest row


def _char_width(char: str) -> float:
    width = _WIDTH.get(char)
    if width is not None:
        return width
    if unicodedata.east_asian_width(char) in "WF" or ord(char) >= 0x1F000:
        return 2.0  # wide characters and emoji
    return 1.05 if char.isupper() else 1.0


@lru_cache(maxsize=16_384)
def text_width(text: str) -> float:
    """The width of a word or a short text on one line (regular 11 pt), in widths of a "0"."""
    get = _WIDTH.get
    total = 0.0
    for char in text:
        width = get(char)
        total += width if width is not None else _char_width(char)
    return total


def _room(column_width: float, bold: bool) -> float:
    room = max(1.0, (column_width - _PADDING) * _SAFETY)
    return room / _BOLD if bold else room


@lru_cache(maxsize=65_536)  # a goal's title is measured on every row of its status history
def wrapped_lines(text: str, column_width: float, *, bold: bool = False) -> int:
    """How many lines the text takes wrapped in a column this wide (at least 1)."""
    room = _room(column_width, bold)
    total = 0
    for paragraph in text.split("\n"):
        if len(paragraph) * 2.0 <= room:  # no character is wider than 2
            total += 1
        else:
            total += _paragraph_lines(paragraph, room)
    return max(1, total)


@lru_cache(maxsize=65_536)  # a text is measured again for its row and on other sheets
def _paragraph_lines(paragraph: str, room: float) -> int:
    space = _WIDTH[" "]
    lines, used = 1, -1.0  # -1: nothing on the line yet
    for word in paragraph.split(" "):
        width = text_width(word)
        if used >= 0 and used + space + width <= room:
            used += space + width
            continue
        if used >= 0:
            lines += 1
        if width > room:  # a word wider than the column is broken where it must be
            lines += int(width // room)
            width = width % room
        used = width
    return lines


def word_width(text: str, *, bold: bool = False) -> float:
    """The column width that keeps the text's widest word on one line."""
    widest = max((text_width(word) for word in text.split()), default=0.0)
    if bold:
        widest *= _BOLD
    return widest / _SAFETY + _PADDING


def fitting_width(
    texts: Iterable[str], width: float, widest: float, *, bold: bool = False
) -> float:
    """The column width that keeps whole every word that can be kept whole in ``widest``.

    At least ``width``; a word too wide even for ``widest`` is split anyway, so it does not
    widen the column for nothing.
    """
    words = {word for text in texts for word in text.split()}
    for word in words:
        if len(word) * 2.0 / _SAFETY + _PADDING <= width:  # no character is wider than 2
            continue
        needed = word_width(word, bold=bold)
        if width < needed <= widest:
            width = needed
    return width


#: The most wrapped lines a row can show: Excel's highest row holds no more.
MAX_LINES = int((MAX_ROW_POINTS - 4) // LINE_POINTS)


def width_for_lines(texts: Iterable[str], width: float, widest: float) -> float:
    """The column width (from ``width`` up to ``widest``) at which no text needs more than
    :data:`MAX_LINES` lines, so no row is cut at Excel's highest row."""
    tall = [text for text in texts if wrapped_lines(text, width) > MAX_LINES]
    while tall and width < widest:
        width = min(widest, width + 1)
        tall = [text for text in tall if wrapped_lines(text, width) > MAX_LINES]
    return width


def row_points(lines: int) -> float:
    """The row height, in points, that shows this many wrapped lines."""
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 4)
