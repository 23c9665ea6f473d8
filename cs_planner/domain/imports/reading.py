"""Reading an import file safely: CSV in whatever encoding and separator Excel or a CRM
saved it with, XLSX with cached values only and size limits checked before anything is
unpacked. Every failure is one ``ImportProblem`` sentence naming the file (and row)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cs_planner.domain.errors import ValidationError

MAX_ROWS = 200_000
MAX_FILE_BYTES = 100 * 1024 * 1024  # a CSV or the .xlsx itself
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # all members of an .xlsx, uncompressed
MAX_RATIO = 150  # uncompressed / compressed of one member: beyond this it is a zip bomb
SEPARATORS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls


class ImportProblem(ValidationError):
    """A file that cannot be imported, said in one sentence (with the row when there is one)."""

    def __init__(self, message: str, file: str = "", row: int | None = None) -> None:
        where = file + (f", row {row}" if row is not None else "")
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.row = file, row


@dataclass
class Table:
    """A file's header and data rows, every cell as stripped text. ``rows`` hold the row's
    number as a spreadsheet would show it (the header is row 1 when it is the first)."""

    source: str
    headers: tuple[str, ...]
    rows: list[tuple[int, tuple[str, ...]]]
    notes: list[str] = field(default_factory=list)


def read_table(path: Path, *, max_rows: int = MAX_ROWS) -> Table:
    """The first sheet of an .xlsx or the whole of a CSV/TSV/TXT as a ``Table``."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportProblem(
                f"the file is {size // (1024 * 1024)} MB; files up to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB can be imported (split it).",
                name,
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except IsADirectoryError as exc:
        raise ImportProblem("this is a folder, not a file.", name) from exc
    except FileNotFoundError as exc:
        raise ImportProblem("no such file.", name) from exc
    except OSError as exc:
        raise ImportProblem(f"the file could not be read ({exc.strerror}).", name) from exc
    if size == 0:
        raise ImportProblem("the file is empty.", name)
    if head.startswith(OLE_MAGIC):
        raise ImportProblem(
            "this is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import that.",
            name,
        )
    notes: list[str] = []
    if head.startswith(ZIP_MAGIC):
        rows: Iterable[tuple[int, list[str]]] = _xlsx_rows(path, name, notes)
    else:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            notes.append(f"{name} is not a workbook but text; it was read as CSV.")
        rows = _csv_rows(path.read_bytes(), name, notes)
    return _table(name, rows, notes, max_rows)


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """The text and the encoding: a BOM first (UTF-8, UTF-16 as Excel's "Unicode text"),
    then strict UTF-8, then Windows-1252 (what Excel on Windows saves as "CSV")."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportProblem(
                    f"the file says it is {encoding.upper()} but is not; save it again as "
                    "CSV UTF-8.",
                    name,
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ImportProblem("this is not a text file or workbook (it holds binary data).", name)
    return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(first_line: str) -> str:
    """The separator the header line uses most, outside quotes (comma when none)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _csv_rows(data: bytes, name: str, notes: list[str]) -> Iterator[tuple[int, list[str]]]:
    text, encoding = decode(data, name)
    if "\x00" in text:
        raise ImportProblem("this is not a text file or workbook (it holds binary data).", name)
    if encoding == "cp1252":
        notes.append(f"{name} is not UTF-8; it was read as Windows-1252 (Western European).")
    first = text.lstrip("\r\n").split("\n", 1)[0]
    if first.startswith("sep=") and len(first.rstrip("\r")) == 5:  # Excel's separator hint
        separator = first[4]
        text = text.lstrip("\r\n").split("\n", 1)[1] if "\n" in text else ""
    else:
        separator = sniff_separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise ImportProblem(f"the CSV is malformed ({exc}).", name, number + 1) from exc


def _check_zip(path: Path, name: str) -> None:
    """Refuse a damaged archive or a zip bomb before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportProblem(
            "the workbook is damaged or not an .xlsx file (it cannot be unpacked).", name
        ) from exc
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_RATIO and member.file_size > 1024 * 1024:
            raise ImportProblem(
                f"the workbook's part {member.filename} unpacks to {ratio:.0f} times its size; "
                "it looks like a zip bomb and was not opened.",
                name,
            )
    if total > MAX_UNPACKED_BYTES:
        raise ImportProblem(
            f"the workbook unpacks to {total // (1024 * 1024)} MB; workbooks up to "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB unpacked can be imported.",
            name,
        )
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise ImportProblem(
            "this archive is not an Excel workbook (no xl/workbook.xml in it).", name
        )


def _xlsx_rows(path: Path, name: str, notes: list[str]) -> Iterator[tuple[int, list[str]]]:
    _check_zip(path, name)
    from openpyxl import load_workbook  # uses defusedxml, which is installed

    try:
        # data_only: a formula cell gives the value Excel cached; nothing is ever evaluated.
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad workbook
        raise ImportProblem(f"the workbook could not be read ({_first_line(exc)}).", name) from exc
    try:
        sheets = book.worksheets
        if not sheets:
            raise ImportProblem("the workbook has no sheets.", name)
        if len(sheets) > 1:
            notes.append(f"{name}: only the first sheet, {sheets[0].title}, was read.")
        for number, values in enumerate(sheets[0].iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    except ImportProblem:
        raise
    except Exception as exc:
        raise ImportProblem(f"the workbook could not be read ({_first_line(exc)}).", name) from exc
    finally:
        book.close()


def _first_line(exc: Exception) -> str:
    cause = exc.__cause__ or exc.__context__
    if cause is not None and type(cause).__module__.startswith("defusedxml"):
        return "it holds XML entity declarations, which are refused for safety"
    return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _table(
    name: str, rows: Iterable[tuple[int, list[str]]], notes: list[str], max_rows: int
) -> Table:
    headers: tuple[str, ...] | None = None
    data: list[tuple[int, tuple[str, ...]]] = []
    blank = repeated = 0
    for number, raw in rows:
        cells = [cell.strip() for cell in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            blank += headers is not None
            continue
        if headers is None:
            headers = _headers(cells, name, number)
            continue
        if tuple(cells) == headers:  # two exports pasted one under the other
            repeated += 1
            continue
        if len(cells) > len(headers):
            raise ImportProblem(
                f"the row has {len(cells)} cells but the header has {len(headers)} columns "
                "(a separator or quote out of place?).",
                name,
                number,
            )
        if len(data) >= max_rows:
            raise ImportProblem(
                f"the file has more than {max_rows:,} rows; split it into smaller files.", name
            )
        data.append((number, tuple(cells) + ("",) * (len(headers) - len(cells))))
    if headers is None:
        raise ImportProblem("the file has no rows at all (it is blank).", name)
    if not data:
        raise ImportProblem("the file has a header row but no data rows.", name)
    if blank:
        notes.append(f"{name}: {blank} blank row{'s' if blank > 1 else ''} ignored.")
    if repeated:
        notes.append(f"{name}: the header row appeared again {repeated} time(s) and was skipped.")
    return Table(name, headers, data, notes)


def _headers(cells: list[str], name: str, number: int) -> tuple[str, ...]:
    from cs_planner.domain.imports.fields import normalise

    seen: dict[str, str] = {}
    for position, cell in enumerate(cells, start=1):
        if not cell:
            raise ImportProblem(f"column {position} of the header row has no name.", name, number)
        key = normalise(cell)
        if key in seen:
            raise ImportProblem(
                f"the column '{cell}' appears twice in the header row; rename one of them.",
                name,
                number,
            )
        seen[key] = cell
    return tuple(cells)
