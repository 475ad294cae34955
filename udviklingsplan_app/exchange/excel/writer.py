"""The cell writer shared by the plan workbook and the manager's combined workbook.

:class:`Sheet` writes every text through :func:`.names.cell_text` (formula-like text kept as
text), with the few named :class:`Styles`, header rows of :class:`Column` widths, rows made tall
enough for their wrapped texts, and the A4-landscape print setup with header and footer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from ...domain import Plan, Severity
from ...formatting import long_date, years_label
from .layout import row_points, wrapped_lines
from .names import XML_ILLEGAL, cell_text

_HEADER_FILL = "D9E1F2"
_BORDER_COLOUR = "BFBFBF"
_COVERED_FILL = "E2EFDA"
_UNCOVERED_FILL = "FCE4D6"
_FOCUS_FILL = "DDEBF7"  # a year's chosen focus that has no goal yet
_EMPTY_FILL = "F2F2F2"
_COMMENT_FILL = "FFF9E5"
_SEVERITY_FILLS = {Severity.FEJL: "F8CBAD", Severity.ADVARSEL: "FFE699", Severity.TIP: "DDEBF7"}

_SIDE_MARGIN = 0.3  # inches; Excel's "narrow" is 0.25
# A4 landscape inside the margins below, in points, and a column-width unit in points.
PAGE_WIDTH = (11.69 - 2 * _SIDE_MARGIN) * 72
PAGE_HEIGHT = (8.27 - 2 * 0.75) * 72
UNIT_POINTS = 5.25

# A text starting like this would be taken for a formula when the cell is edited in Excel.
_FORMULA_START = ("=", "+", "-", "@")


def header_footer_text(text: str, limit: int = 70) -> str:
    """Free text inside a page header: one line, ``&`` doubled (it starts a code there)."""
    one_line = " ".join(XML_ILLEGAL.sub("", text).split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return one_line.replace("&", "&&")


def text_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines the text takes when wrapped in a column this wide (an estimate)."""
    return wrapped_lines(text, width, bold=bold)


def row_height(lines: int) -> float:
    return row_points(lines)


def print_scale(widths: Iterable[float]) -> float:
    """The scale a one-page-wide print of columns this wide comes out at (1.0: full size)."""
    points = sum(width * 7 + 5 for width in widths) * 0.75  # Excel: 7 pixels a unit, 5 padding
    return min(1.0, PAGE_WIDTH / points)


@dataclass(frozen=True)
class Column:
    header: str
    width: float


class Styles:
    """The workbook's few cell styles, made once and shared by every cell (fast to write)."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]

        def font(size: float = 11, **attributes: Any) -> Any:
            # Every style names its font: without one, LibreOffice falls back to a serif.
            return Font(name="Calibri", family=2, size=size, **attributes)

        side = Side(style="thin", color=_BORDER_COLOUR)
        border = Border(left=side, right=side, top=side, bottom=side)
        top = Alignment(horizontal="left", vertical="top", wrap_text=True)

        def named(name: str, **attributes: Any) -> str:
            style = NamedStyle(name=name, **attributes)
            workbook.add_named_style(style)
            return name

        self.header = named(
            "Udviklingsplan overskrift",
            font=font(bold=True),
            fill=PatternFill("solid", fgColor=_HEADER_FILL),
            border=border,
            alignment=Alignment(vertical="center", wrap_text=True),
        )
        self.text = named("Udviklingsplan tekst", font=font(), border=border, alignment=top)
        self.flow = named(
            "Udviklingsplan løbende tekst",
            font=font(),
            border=Border(left=side, right=side),
            alignment=top,
        )
        self.flow_end = Border(left=side, right=side, bottom=side)
        self.comment = named(
            "Udviklingsplan kommentar",
            font=font(),
            fill=PatternFill("solid", fgColor=_COMMENT_FILL),
            border=border,
            alignment=top,
        )
        self.vision = named(
            "Udviklingsplan vision",
            font=font(bold=True),
            fill=PatternFill("solid", fgColor=_EMPTY_FILL),
            border=border,
            alignment=top,
        )
        self.center = named(
            "Udviklingsplan midt",
            font=font(),
            border=border,
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
        )
        self.date = named(
            "Udviklingsplan dato",
            font=font(),
            border=border,
            alignment=Alignment(horizontal="left", vertical="top"),
            number_format="dd-mm-yyyy",
        )
        self.label = named(
            "Udviklingsplan etiket", font=font(bold=True), border=border, alignment=top
        )
        self.plain = named("Udviklingsplan enkel", font=font(), alignment=top)
        self.title = named("Udviklingsplan titel", font=font(18, bold=True))
        self.heading = named("Udviklingsplan afsnit", font=font(13, bold=True))
        self.note = named(
            "Udviklingsplan note", font=font(italic=True, color="595959"), alignment=top
        )
        fill = PatternFill
        self.covered_fill = fill("solid", fgColor=_COVERED_FILL)
        self.uncovered_fill = fill("solid", fgColor=_UNCOVERED_FILL)
        self.focus_fill = fill("solid", fgColor=_FOCUS_FILL)
        self.empty_fill = fill("solid", fgColor=_EMPTY_FILL)
        self.severity_fills = {s: fill("solid", fgColor=c) for s, c in _SEVERITY_FILLS.items()}
        self.arrays: dict[str, Any] = {}  # named style → openpyxl's per-cell style array
        self.bold = font(bold=True)
        self.grey = font(italic=True, color="595959")


class Sheet:
    """One worksheet and the writing of its cells: every text through :func:`cell_text`."""

    def __init__(self, worksheet: Any, styles: Styles) -> None:
        from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]

        self.ws = worksheet
        self.styles = styles
        self._cell = Cell

    def put(self, row: int, column: int, value: object, style: str) -> Any:
        cells = self.ws._cells
        cell = cells.get((row, column))
        # Looking a named style up by name costs more than the rest of the cell; a copy of
        # its index array (what openpyxl stores per cell) gives the same formatting.
        arrays = self.styles.arrays
        if style in arrays:
            if cell is None:  # made directly, as worksheet.cell() does, at half the cost
                # (the cell copies the array it is given)
                cell = self._cell(self.ws, row, column, None, arrays[style])
                cells[row, column] = cell
                if row > self.ws._current_row:
                    self.ws._current_row = row
            else:
                cell._style = copy(arrays[style])
        else:
            cell = self.ws.cell(row=row, column=column)
            cell.style = style
            arrays[style] = copy(cell._style)
        if isinstance(value, str):
            text = cell_text(value)
            if not text:
                return cell
            # What cell.value does for a text, without its checks: cell_text made it safe.
            cell._value = text
            cell.data_type = "s"
            if text.startswith(_FORMULA_START):
                # Stored as text and shown literally, also after the cell is edited in Excel.
                cell.quotePrefix = True
        elif value is not None:
            cell.value = value
        return cell

    def header_row(self, row: int, columns: Sequence[Column], first: int = 1) -> None:
        lines = 1
        for offset, column in enumerate(columns):
            self.put(row, first + offset, column.header, self.styles.header)
            self.ws.column_dimensions[letter(first + offset)].width = column.width
            lines = max(lines, text_lines(column.header, column.width, bold=True))
        self.ws.row_dimensions[row].height = row_height(lines)

    def fit_row(
        self,
        row: int,
        texts: Sequence[tuple[str, float]],
        minimum: int = 1,
        *,
        label: tuple[str, float] | None = None,
        bold: bool = False,
    ) -> None:
        """Make the row tall enough for its wrapped texts (and a bold label's)."""
        lines = max(
            [minimum, *(text_lines(text, width, bold=bold) for text, width in texts if text)]
        )
        if label and label[0]:
            lines = max(lines, text_lines(label[0], label[1], bold=True))
        if lines > 1:
            self.ws.row_dimensions[row].height = row_height(lines)

    def print_setup(
        self, plan: Plan, today: dt.date, *, title_rows: str | None = "1:1", freeze: str = "A2"
    ) -> None:
        """The plan's pages: its years, workplace and sheet in the header, the export date."""
        self.page_setup(
            header=f"Udviklingsplan {years_label(plan.first_year, plan.years)}",
            title=plan.workplace,
            footer=f"Eksporteret {long_date(today)}",
            title_rows=title_rows,
            freeze=freeze,
        )

    def page_setup(
        self,
        *,
        header: str,
        title: str,
        footer: str,
        title_rows: str | None = "1:1",
        freeze: str = "A2",
        side_margin: float = _SIDE_MARGIN,
    ) -> None:
        """A4 landscape, one page wide, the title rows on every page; ``header`` left and
        ``title`` (bold) centred above, the sheet's name right; ``footer`` and "Side x af y"
        below."""
        ws = self.ws
        if freeze:
            ws.freeze_panes = freeze
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        margins = ws.page_margins
        margins.left = margins.right = side_margin
        margins.top = margins.bottom = 0.75
        margins.header = margins.footer = 0.3
        if title_rows:
            ws.print_title_rows = title_rows
        ws.oddHeader.left.text = header
        ws.oddHeader.center.text = f"&B{header_footer_text(title)}&B"
        ws.oddHeader.right.text = "&A"
        ws.oddFooter.left.text = footer
        ws.oddFooter.right.text = "Side &P af &N"
        for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
            part.size = 9


def letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(index))
