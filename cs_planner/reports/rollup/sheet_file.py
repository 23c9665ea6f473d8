"""The file of a streamed sheet (``sheet.Sheet``): openpyxl's write-only worksheet and its
writer, every element around the cells openpyxl's own, the cells the rows a ``Rows`` gives,
straight into the file (openpyxl's writer would make an element per cell)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO, Protocol

from openpyxl import Workbook
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import tostring


class Rows(Protocol):
    """What the writer asks a streamed sheet for."""

    def dimension(self) -> str | None:
        """The cells' range ("A1:Y5010"), None without cells."""

    def sheet_data(self) -> Iterator[str]:
        """Each ``<row>`` element's XML, in order."""

    def comments(self) -> list[CommentRecord]:
        """The comments on its cells."""


class StreamedWorksheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """openpyxl's write-only sheet, whose writer (made when the workbook is saved, so its
    temporary file goes where ``save_atomically`` says) writes the sheet's's rows."""

    _writer: Any = None

    def __init__(self, sheet: Rows, workbook: Workbook, title: str) -> None:
        super().__init__(workbook, title)
        self._cs_planner_sheet = sheet

    def _get_writer(self) -> None:
        if self._writer is None:
            writer = _Writer(self, self._cs_planner_sheet)
            writer.write_top()
            self._writer = writer

    def append(self, row: Any) -> None:
        raise TypeError("Write a streamed sheet's cells through its Sheet.")


class _Writer(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer (every element around the cells is its own), writing the
    sheet's's rows for the cells, straight into the file."""

    def __init__(self, ws: StreamedWorksheet, sheet: Rows) -> None:
        self._sheet = sheet
        super().__init__(ws)

    def get_stream(self) -> Iterator[Any]:
        """As openpyxl's: each element sent is written in turn; ``True`` asks for the file
        itself (for the rows). Elements are serialised by openpyxl's ``tostring``."""
        with open(self.out, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
            out.write(f'<worksheet xmlns="{SHEET_MAIN_NS}">'.encode())
            try:
                while True:
                    element = yield
                    if element is True:
                        yield out
                    elif element is not None:
                        out.write(tostring(element))
            except GeneratorExit:
                pass
            out.write(b"</worksheet>")

    def write_dimensions(self) -> None:
        ref = self._sheet.dimension()
        if ref:
            self.xf.send(SheetDimension(ref).to_tree())

    def write_rows(self) -> None:
        out: BinaryIO = self.xf.send(True)
        out.write(b"<sheetData>")
        chunk: list[str] = []
        for row in self._sheet.sheet_data():
            chunk.append(row)
            if len(chunk) >= 500:
                out.write("".join(chunk).encode())
                chunk.clear()
        out.write("".join(chunk).encode())
        out.write(b"</sheetData>")
        self.ws._comments.extend(self._sheet.comments())
        self.xf.send(None)
