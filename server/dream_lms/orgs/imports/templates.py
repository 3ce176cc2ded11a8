"""Downloadable templates (.xlsx with an instructions sheet, or .csv) and the error sheet of invalid rows."""

import csv
import io
from collections.abc import Sequence
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell import Cell as XlsxCell
from openpyxl.styles import Font, PatternFill

from dream_lms.orgs.imports.columns import COLUMNS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
TemplateFormat = Literal["xlsx", "csv"]

_HEADER_FONT = Font(bold=True)
_ERROR_FILL = PatternFill("solid", fgColor="FFF2CC")


def _as_text(cell: XlsxCell) -> None:
    # openpyxl turns any string starting with "=" into a formula; what people typed stays text.
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template(kind: str, file_format: TemplateFormat) -> bytes:
    columns = COLUMNS[kind]
    names = [column.name for column in columns]
    if file_format == "csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerow(names)
        return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    for index in range(len(names)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 20
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet("instructions")
    help_sheet.append(["column", "required", "notes"])
    for cell in help_sheet[1]:
        cell.font = _HEADER_FONT
    for column in columns:
        help_sheet.append([column.name, "yes" if column.required else "no", column.help])
    help_sheet.append([])
    help_sheet.append(["Fill in the first sheet only, one row per record; keep the first row as it is."])
    help_sheet.column_dimensions["C"].width = 80
    return _xlsx_bytes(workbook)


def error_sheet(columns: Sequence[str], rows: Sequence[tuple[int, dict[str, str], str]]) -> bytes:
    """The invalid rows (row number, values, what is wrong) as an .xlsx file to fix and upload again."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "errors"
    sheet.append([*columns, "errors", "source_row"])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    for row_number, values, errors in rows:
        sheet.append([*(values.get(column, "") for column in columns), errors, row_number])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _as_text(cell)
        row[len(columns)].fill = _ERROR_FILL
    sheet.column_dimensions[chr(ord("A") + len(columns))].width = 60
    return _xlsx_bytes(workbook)
