"""Workbooks: made with the app's properties, pictures placed on a sheet, and saved
atomically so a failed save never leaves a half-written file in place of a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports import ReportError, tempfiles
from cs_planner.reports.excel import CREATOR, clean_text, cut_texts

# --- workbooks --------------------------------------------------------------------------


def add_picture(ws: Worksheet, png: bytes, anchor: str, *, width: int | None = None) -> None:
    """Place a PNG on the sheet with its top-left corner at ``anchor`` (e.g. "H2"),
    scaled to ``width`` pixels if given."""
    import io

    from openpyxl.drawing.image import Image

    image = Image(io.BytesIO(png))
    if width is not None and image.width:
        image.height = round(image.height * width / image.width)
        image.width = width
    ws.add_image(image, anchor)


def new_workbook(title: str, *, write_only: bool = False) -> Workbook:
    """An empty workbook (no sheets yet: add them with ``add_sheet``) with its properties.
    ``write_only``: openpyxl's streaming workbook, whose sheets are written once, in order
    (``reports.rollup.sheet``)."""
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)  # openpyxl's default "Sheet"; ours are added by name
    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = CREATOR
    workbook.properties.title = clean_text(title)
    return workbook


def add_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new sheet at the end, set up to print landscape and one page wide."""
    ws = workbook.create_sheet(title)
    print_one_page_wide(ws)
    return ws


def print_one_page_wide(ws: Worksheet | WriteOnlyWorksheet) -> None:
    """Landscape, one page wide: how every sheet of ours prints."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _check_destination(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise ReportError(f"The folder {folder} does not exist. Choose an existing folder.")
    if not folder.is_dir():
        raise ReportError(f"{folder} is not a folder. Choose a folder to save the workbook in.")
    if path.is_dir():
        raise ReportError(f"{path} is a folder. Choose a file name for the workbook.")


def save_atomically(
    workbook: Workbook, path: str | os.PathLike[str], notes: list[str] | None = None
) -> Path:
    """Save ``workbook`` at ``path`` all at once: a crash or an error mid-way leaves the
    previous file (if any) untouched and no temporary file behind (what a killed export
    left is removed by the next one: ``reports.tempfiles``).

    ``notes`` (if given) receives a line for each text cut to fit a cell (``cut_texts``).
    Raises ReportError with a message for the user when the file cannot be written."""
    path = Path(path).expanduser()
    _check_destination(path)
    if not workbook.worksheets:
        raise ValueError("A workbook needs at least one sheet before it can be saved.")
    tempfiles.clean_export_leftovers(path.parent)
    temp: Path | None = None
    try:
        with (
            tempfiles.openpyxl_temp_files_in_our_folder(),
            tempfile.NamedTemporaryFile(
                delete=False,
                dir=path.parent,
                prefix=tempfiles.EXPORT_PREFIX,
                suffix=tempfiles.EXPORT_SUFFIX,
            ) as handle,
        ):
            temp = Path(handle.name)
            tempfiles.lock(handle.fileno())  # a concurrent export's clean-up leaves it alone
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temp)
        os.replace(temp, path)
    except BaseException as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ReportError(
                f"Cannot save {path.name} in {path.parent}: {exc.strerror or exc}. "
                "If the file is open in Excel, close it there and try again."
            ) from exc
        raise
    _sync_folder(path.parent)
    if notes is not None:
        notes.extend(cut_texts(workbook))
    return path


def _keep_mode(path: Path, temp: Path) -> None:
    """Replacing a file keeps its permissions; a new one stays private (0600 from
    tempfile), like the portfolio it comes from."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temp, path.stat().st_mode & 0o7777)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
