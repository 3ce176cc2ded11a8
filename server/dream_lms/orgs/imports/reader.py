"""Reading an uploaded spreadsheet (.xlsx or .csv) into text cells, refusing anything that is not one.

Formulas are detected and reported, never evaluated (openpyxl with `data_only=False` gives the formula text).
"""

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

import openpyxl

from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import InvalidInput

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 50
MAX_CELL_CHARS = 1_000
# An .xlsx is a zip: refuse one that would inflate to far more than any real sheet of MAX_ROWS rows (a zip bomb).
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
_CSV_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Cell:
    text: str
    formula: bool = False


@dataclass(frozen=True)
class Sheet:
    """The header row (normalised names) and the non-empty data rows with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]


def normalize_header(name: str) -> str:
    """ "First name", "first-name" and "FIRST_NAME" all become "first_name"."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def _rejected(message: str) -> InvalidInput:
    return InvalidInput(message, [ErrorDetail(field="file", message=message)])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()[:MAX_CELL_CHARS]


def _too_many_rows() -> InvalidInput:
    return _rejected(f"The file has more than {MAX_ROWS:,} rows; split it into smaller files.")


def _build(raw_rows: list[tuple[int, list[Cell]]]) -> Sheet:
    if not raw_rows:
        raise _rejected("The file is empty: the first row must name the columns.")
    (_, header_cells), data_rows = raw_rows[0], raw_rows[1:]
    return Sheet(headers=[normalize_header(cell.text) for cell in header_cells], rows=data_rows)


def _read_xlsx(content: bytes) -> Sheet:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) for damaged files
        log.info("unreadable .xlsx upload: %r", exc)
        raise _rejected("This is not a readable .xlsx file.") from exc
    try:
        if not workbook.worksheets:
            raise _rejected("The workbook has no sheet.")
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[Cell]]] = []
        try:
            # Read only as many columns as the header has: a sheet may claim thousands of (empty) columns.
            width = 0
            for header in sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True):
                width = max((i + 1 for i, value in enumerate(header) if _cell_text(value)), default=0)
            for number, row in enumerate(sheet.iter_rows(max_col=max(width, 1)), start=1):
                cells = [
                    Cell(
                        text=_cell_text(cell.value),
                        formula=getattr(cell, "data_type", None) == "f"
                        or (isinstance(cell.value, str) and cell.value.startswith("=")),
                    )
                    for cell in row
                ]
                if all(not cell.text for cell in cells):
                    continue
                if len(rows) > MAX_ROWS:
                    raise _too_many_rows()
                rows.append((number, cells))
        except InvalidInput:
            raise
        except Exception as exc:
            log.info("damaged .xlsx upload: %r", exc)
            raise _rejected("This .xlsx file is damaged and cannot be read.") from exc
        return _build(rows)
    finally:
        workbook.close()


def _read_csv(content: bytes) -> Sheet:
    if b"\x00" in content[:65536]:
        raise _rejected("This is not a spreadsheet: save it as .xlsx or as UTF-8 .csv.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _rejected("The .csv file is not UTF-8 text; save it as 'CSV UTF-8'.") from exc
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=_CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            cells = [Cell(text=_cell_text(value), formula=value.strip().startswith("=")) for value in values]
            cells = cells[:MAX_COLUMNS]
            if all(not cell.text for cell in cells):
                continue
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, cells))
    except csv.Error as exc:
        raise _rejected(f"The .csv file cannot be read: {exc}.") from exc
    return _build(rows)


def _unzipped_size(content: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _rejected("This is not a readable .xlsx file.") from exc


def read_sheet(filename: str | None, content: bytes) -> Sheet:
    """The first sheet of an .xlsx file or the rows of a .csv file; InvalidInput for anything else."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise _rejected("The file is larger than 5 MB.")
    suffix = PurePath(filename or "").suffix.lower()
    is_zip = content[:4] == b"PK\x03\x04"
    if suffix == ".xlsx" or (not suffix and is_zip):
        if not is_zip or not zipfile.is_zipfile(io.BytesIO(content)):
            raise _rejected("This is not a readable .xlsx file.")
        if _unzipped_size(content) > MAX_UNZIPPED_BYTES:
            raise _rejected("This .xlsx file unpacks to far more data than a sheet of students; it is refused.")
        return _read_xlsx(content)
    if suffix in (".csv", ".txt", ""):
        if is_zip:
            raise _rejected("This looks like an .xlsx file; give it the .xlsx extension.")
        return _read_csv(content)
    raise _rejected("Upload an .xlsx or a .csv file.")
