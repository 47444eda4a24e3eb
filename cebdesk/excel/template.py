"""Blank Excel templates, written from spec/.

Sheet 1 (named after the document): row 1 Chinese labels (``*`` = must be filled), row 2 element
names, data from row 3, one row per goods line with the head columns repeated. Sheet ``说明``
explains every column; sheet ``代码表`` holds the code lists the drop-downs use.
"""

from __future__ import annotations

import io
import os
import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..files import atomic_write
from ..spec import CodeTable, DocumentType, Kind
from .columns import Column, template_columns

HELP_SHEET = "说明"
CODES_SHEET = "代码表"
DATA_FIRST_ROW = 3
LAST_ROW = 100_000  # drop-downs and text format reach this far
#: Written into the file's properties so that templates are the same byte-for-byte in content.
FIXED_TIME = datetime(2022, 5, 1)

_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_LIST_FILL = PatternFill("solid", fgColor="E2EFDA")
_MUST_FONT = Font(bold=True, color="C00000")
_LABEL_FONT = Font(bold=True)
_NAME_FONT = Font(color="595959", size=9)


def _kind_text(column: Column) -> str:
    ftype = column.field.type
    if column.field.format is not None:
        return f"{ftype.describe()}（{column.field.format.value}）"
    return ftype.describe()


def _codes_text(table: CodeTable | None, limit: int = 12) -> str:
    if table is None:
        return ""
    shown = "；".join(f"{c.value}-{c.name}" for c in table.codes[:limit])
    if len(table.codes) > limit:
        shown += f"；…（共 {len(table.codes)} 项，见“{CODES_SHEET}”）"
    if not table.strict:
        shown += "（常用代码摘录，可填其他代码）"
    return shown


def _default_text(doc_type: DocumentType, column: Column) -> str:
    name = column.field.name
    if name in doc_type.generated:
        return "程序生成"
    if name == "appTime":
        return "留空则为转换时间"
    if name == "gnum":
        return "留空则按行自动编号 1、2、3…"
    value = doc_type.defaults.get(name) if not column.in_list else None
    value = value or column.field.default
    if not value:
        return ""
    table = column.field.codes
    meaning = next((c.name for c in table.codes if c.value == value), None) if table else None
    return f"留空则为 {value}-{meaning}" if meaning else f"留空则为 {value}"


#: The standard's "默认为1" in a field's documentation: the template's 默认 column says instead
#: what an empty cell becomes (appStatus: 2 in a template, which is for declaring).
_STANDARD_DEFAULT = re.compile(r"[,，;；。]?\s*默认(?:为|值为)?\s*[^,，;；。]*")


def _note(doc_type: DocumentType, column: Column) -> str:
    """The column's explanation: the standard's documentation, without a default of its own
    where the 默认 column states one, and the standard's label where the column's differs."""
    doc = column.field.doc
    if _default_text(doc_type, column):
        doc = _STANDARD_DEFAULT.sub("", doc)
    if column.field.standard_label:
        doc += f"（标准名称：{column.field.standard_label}）"
    return doc


def _write_codes_sheet(wb: Workbook, columns: tuple[Column, ...]) -> dict[str, str]:
    """One pair of columns per code table; returns table name -> range for validations."""
    ws = wb.create_sheet(CODES_SHEET)
    ranges: dict[str, str] = {}
    col = 1
    for column in columns:
        table = column.field.codes
        if table is None or table.name in ranges:
            continue
        code_col, name_col = get_column_letter(col), get_column_letter(col + 1)
        ws.cell(1, col, f"{table.label}代码").font = _LABEL_FONT
        ws.cell(1, col + 1, table.label).font = _LABEL_FONT
        for i, code in enumerate(table.codes, start=2):
            ws.cell(i, col, code.value).number_format = "@"
            ws.cell(i, col + 1, code.name)
        ws.column_dimensions[code_col].width = 10
        ws.column_dimensions[name_col].width = 16
        last = len(table.codes) + 1
        ranges[table.name] = f"{quote_sheetname(CODES_SHEET)}!${code_col}$2:${code_col}${last}"
        col += 3
    return ranges


def _write_help_sheet(wb: Workbook, doc_type: DocumentType, columns: tuple[Column, ...]) -> None:
    ws = wb.create_sheet(HELP_SHEET)
    key = "、".join(doc_type.head[k].label for k in doc_type.key)
    notes = [
        f"{doc_type.label}模板（{doc_type.message.code}，海关跨境电商统一版 202205）",
        "第1行为中文名称（带 * 的必须填写），第2行为报文元素名（请勿修改），从第3行起填写数据。",
        (
            f"每个商品一行；同一单证的多行表头内容相同，按“{key}”归为一单（表头列可只在第一行填写）。"
            if doc_type.list is not None
            else f"每行一单，按“{key}”区分。"
        ),
        "传输企业信息（BaseTransfer：copCode、copName、dxpId）来自企业档案，不在模板中填写。",
        "代码列可从下拉列表选择；编号、代码类列为文本格式，以保留前导零。",
    ]
    if doc_type.message.family == "export" and doc_type.list is not None:
        notes[2] = (
            f"每个表体项（{doc_type.list.label}）一行；同一单证的多行表头内容相同，按“{key}”归为一单"
            "（表头列可只在第一行填写）。"
        )
    if doc_type.list is not None and doc_type.message.min_lines == 0:
        notes.append("表体可以不填：只填表头列的一行即为一单（表体列留空）。")
    if doc_type.message.parts:
        notes.append(
            "报文总数（msgCount）、报文序号（msgSeqNo）由程序填写：表体行多时一单拆成几份报文，按 1、2、3… "
            "连续编号，未拆分的为 1/1。"
        )
    if doc_type.message.family == "export":
        notes.append("出口单证：很多列与进口单证同名（orderNo 等），导入时靠工作表名称区分进出口，请勿修改工作表名称。")
    for i, note in enumerate(notes, start=1):
        ws.cell(i, 1, note).font = _LABEL_FONT if i == 1 else Font()
    top = len(notes) + 2
    headers = ("列", "中文名称", "元素名", "所属", "必填", "格式", "代码 / 取值", "默认", "说明")
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(top, c, text)
        cell.font = _LABEL_FONT
    for i, column in enumerate(columns):
        row = top + 1 + i
        values = (
            get_column_letter(i + 1),
            column.label,
            column.header,
            "表体" if column.in_list else "表头",
            "是" if column.must_fill else ("否" if not column.field.required else "自动"),
            _kind_text(column),
            _codes_text(column.field.codes),
            _default_text(doc_type, column),
            _note(doc_type, column),
        )
        for c, value in enumerate(values, start=1):
            ws.cell(row, c, value).alignment = Alignment(wrap_text=c in (7, 9), vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 22, 24, 6, 6, 18, 40, 22, 60), strict=False):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(top + 1, 1)


def build_template(doc_type: DocumentType) -> Workbook:
    columns = template_columns(doc_type)
    wb = Workbook()
    ws = wb.active
    ws.title = doc_type.label
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        fill = _LIST_FILL if column.in_list else _HEAD_FILL
        label = ws.cell(1, i, column.title)
        label.font = _MUST_FONT if column.must_fill else _LABEL_FONT
        label.fill = fill
        note = _note(doc_type, column)
        label.comment = Comment(note, "cebdesk") if note else None
        name = ws.cell(2, i, column.header)
        name.font = _NAME_FONT
        name.fill = fill
        width = max(10, min(40, len(column.label) * 2 + 4, (column.field.type.max_length or 20) + 2))
        ws.column_dimensions[letter].width = width
        if column.field.type.kind is Kind.TEXT:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = ws.cell(DATA_FIRST_ROW, 1)

    ranges = _write_codes_sheet(wb, columns)
    for i, column in enumerate(columns, start=1):
        table = column.field.codes
        if table is None:
            continue
        dv = DataValidation(
            type="list",
            formula1=ranges[table.name],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if table.strict else "warning",
            errorTitle=table.label,
            error=f"请从下拉列表选择{table.label}代码",
        )
        letter = get_column_letter(i)
        dv.add(f"{letter}{DATA_FIRST_ROW}:{letter}{LAST_ROW}")
        ws.add_data_validation(dv)
    _write_help_sheet(wb, doc_type, columns)
    wb.move_sheet(HELP_SHEET, offset=-1)  # order: data, 说明, 代码表
    wb.properties.creator = "cebdesk"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def fill_template(
    doc_type: DocumentType, rows: list[dict[str, object]], path: str | os.PathLike[str]
) -> Path:
    """The template with ``rows`` (row-2 header -> value) filled in from row 3: sample and test
    data. Written atomically."""
    wb = build_template(doc_type)
    ws = wb.worksheets[0]
    index = {c.header: i for i, c in enumerate(template_columns(doc_type), start=1)}
    for r, row in enumerate(rows, start=DATA_FIRST_ROW):
        for header, value in row.items():
            if value is not None:
                ws.cell(r, index[header], value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return atomic_write(path, buffer.getvalue())


def write_template(doc_type: DocumentType, path: str | os.PathLike[str]) -> Path:
    """Write the template atomically (temporary name in the same folder, then rename)."""
    buffer = io.BytesIO()
    build_template(doc_type).save(buffer)
    return atomic_write(path, buffer.getvalue())
