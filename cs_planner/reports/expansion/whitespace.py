"""The account plan's "Whitespace" sheet: the divisions × products and divisions ×
geographies grids in the app's colours, with COUNTIF totals a manager can follow."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.enums import WhitespaceState
from cs_planner.domain.expansion.queries import load_whitespace
from cs_planner.domain.expansion.rows import WhitespaceGrid
from cs_planner.domain.expansion.rules import CYCLE, STATE_MEANINGS
from cs_planner.domain.plan_context import PlanContext
from cs_planner.palette import WHITESPACE
from cs_planner.reports.excel import Formula, Kind, write_cell
from cs_planner.reports.layout import fit_row_heights, widen, write_heading


@dataclass(frozen=True)
class WhitespaceData:
    account_name: str
    grids: tuple[WhitespaceGrid, WhitespaceGrid]


def read_whitespace(session: Session, context: PlanContext) -> WhitespaceData:
    return WhitespaceData(context.account_name, load_whitespace(session, context.account_id))


def write_whitespace(ws: Worksheet, data: WhitespaceData, context: PlanContext) -> None:
    write_cell(ws, 1, 1, f"Whitespace: {data.account_name}", bold=True, size=16)
    row = _write_legend(ws, 3)
    products, geographies = data.grids
    row = _write_grid(ws, row + 1, "Divisions × products", products, context.currency)
    _write_grid(ws, row + 1, "Divisions × geographies", geographies, context.currency)
    # Division names, legend entries and total labels share column A (the title spills).
    widen(ws, 1, [cell for (cell,) in ws.iter_rows(min_row=3, max_col=1)])


def _write_legend(ws: Worksheet, top: int) -> int:
    write_heading(ws, top, 1, "Legend")
    for offset, state in enumerate(CYCLE, start=1):
        write_cell(ws, top + offset, 1, state.label, fill=WHITESPACE[state].lstrip("#"))
        meaning = STATE_MEANINGS[state]
        write_cell(ws, top + offset, 2, meaning[:1].upper() + meaning[1:])
    blank = top + len(CYCLE) + 1
    write_cell(ws, blank, 1, "(blank)")
    write_cell(ws, blank, 2, "Not assessed yet")
    return blank + 1


def cell_text(grid: WhitespaceGrid, key: tuple[int, int], currency: str) -> str:
    state = grid.states.get(key)
    uplift = grid.uplift.get(key, 0.0)
    text = state.label if state else ""
    # Like the app: the uplift shows where there is room to expand, so a live or not
    # relevant cell keeps its plain label (and the COUNTIF totals keep matching it).
    if uplift and state in (None, WhitespaceState.OPPORTUNITY):
        text = f"{text or 'Open'} · {uplift:,.0f} {currency}"
    return text


def _write_grid(ws: Worksheet, top: int, title: str, grid: WhitespaceGrid, currency: str) -> int:
    write_heading(ws, top, 1, title)
    if not grid.rows or not grid.columns:
        write_cell(ws, top + 1, 1, "Nothing to show: the account needs divisions and the "
                   "catalogue products (or the account geographies).", italic=True)  # fmt: skip
        return top + 2
    header = top + 1
    first, last = header + 1, header + len(grid.rows)
    first_col, last_col = 2, 1 + len(grid.columns)
    end_col = get_column_letter(last_col)
    write_cell(ws, header, 1, "Division", bold=True, fill="DDEBF7")
    headers = []
    for c, column in enumerate(grid.columns, start=first_col):
        cell = write_cell(ws, header, c, column.label, bold=True, fill="DDEBF7", wrap=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = max(
            ws.column_dimensions[get_column_letter(c)].width or 0, 16
        )
        headers.append(cell)
    fit_row_heights(ws, headers)
    totals = ("Live", "Relevant", "Open ACV uplift")
    for offset, text in enumerate(totals):
        write_cell(ws, header, last_col + 1 + offset, text, bold=True, fill="DDEBF7")
    for r, division in enumerate(grid.rows, start=first):
        write_cell(ws, r, 1, division.label, bold=True)
        for c, column in enumerate(grid.columns, start=first_col):
            key = (division.id, column.id)
            state = grid.states.get(key)
            fill = WHITESPACE[state].lstrip("#") if state else None
            cell = write_cell(ws, r, c, cell_text(grid, key, currency), fill=fill)
            cell.alignment = Alignment(horizontal="center")
        cells = f"B{r}:{end_col}{r}"
        _write_totals(ws, r, last_col + 1, cells, grid.row_total(division.id).uplift, currency)
    for offset, text in enumerate(totals):
        write_cell(ws, last + 1 + offset, 1, f"{text} (column)", bold=True)
    for c, column in enumerate(grid.columns, start=first_col):
        letter = get_column_letter(c)
        cells = f"{letter}{first}:{letter}{last}"
        write_cell(ws, last + 1, c, Formula(f'COUNTIF({cells},"Live")'), kind=Kind.INT)
        write_cell(ws, last + 2, c, _relevant(cells), kind=Kind.INT)
        write_cell(ws, last + 3, c, grid.column_total(column.id).uplift, kind=Kind.MONEY,
                   currency=currency)  # fmt: skip
    return last + 4


def _relevant(cells: str) -> Formula:
    return Formula(f'COUNTA({cells})-COUNTIF({cells},"Not relevant")')


def _write_totals(
    ws: Worksheet, row: int, col: int, cells: str, uplift: float, currency: str
) -> None:
    write_cell(ws, row, col, Formula(f'COUNTIF({cells},"Live")'), kind=Kind.INT)
    write_cell(ws, row, col + 1, _relevant(cells), kind=Kind.INT)
    write_cell(ws, row, col + 2, uplift, kind=Kind.MONEY, currency=currency)
