"""Draw the program's icon: PNG files in several sizes and one multi-size Windows ``.ico``.

Run from the project folder: ``QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py``.
The files it writes are committed; the bundle and the installer use them as they are.

The motif: three rising bars (a plan that moves forward year by year) on a calm blue tile, with
a light check mark over the top bar (a goal reached). Each size is drawn for its own pixel grid,
so the small icons stay sharp instead of being shrunk from the large one.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

FOLDER = Path(__file__).resolve().parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
TOP = QColor("#2f6fa8")
BOTTOM = QColor("#1d4a78")
BARS = QColor("#ffffff")
CHECK = QColor("#f2c14e")


def draw(size: int) -> QImage:
    """The icon drawn at ``size`` × ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = 0.0 if size <= 24 else size / 32
    tile = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0, TOP)
    gradient.setColorAt(1, BOTTOM)
    radius = max(2.0, tile.width() * 0.2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(tile, radius, radius)

    # Three bars on whole pixels: a bar width, a gap and the heights scale with the tile.
    unit = tile.width() / 16
    bar = max(2, round(3 * unit))
    gap = max(1, round(1.5 * unit))
    left = round(tile.left() + (tile.width() - (3 * bar + 2 * gap)) / 2)
    base = round(tile.bottom() - 3 * unit)
    heights = [round(h * unit) for h in (4, 6.5, 9)]
    painter.setBrush(BARS)
    for index, height in enumerate(heights):
        x = left + index * (bar + gap)
        rect = QRectF(x, base - height, bar, height)
        corner = 0.0 if size < 32 else bar * 0.15
        painter.drawRoundedRect(rect, corner, corner)

    # The check mark sits above the two lower bars, up to the top-left corner of the tile.
    if size >= 20:
        pen = QPen(CHECK, max(1.5, 1.6 * unit))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(tile.left() + 3.0 * unit, tile.top() + 4.4 * unit))
        path.lineTo(QPointF(tile.left() + 4.9 * unit, tile.top() + 6.2 * unit))
        path.lineTo(QPointF(tile.left() + 8.6 * unit, tile.top() + 2.6 * unit))
        painter.drawPath(path)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """A Windows icon file whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images, strict=True):
        dimension = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


def main() -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs the application
    for size in PNG_SIZES:
        (FOLDER / f"udviklingsplan-{size}.png").write_bytes(png_bytes(draw(size)))
    images = [png_bytes(draw(size)) for size in ICO_SIZES]
    (FOLDER / "udviklingsplan.ico").write_bytes(ico_bytes(images, ICO_SIZES))
    print(f"Wrote {len(PNG_SIZES)} PNG files and udviklingsplan.ico to {FOLDER}")


if __name__ == "__main__":
    main()
