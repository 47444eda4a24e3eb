"""Templates are written from spec/, and the shipped ones stay equal to what spec/ gives."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from cebdesk.cli import main
from cebdesk.excel.columns import LIST_SUFFIX, template_columns
from cebdesk.excel.reader import WorkbookReader, detect_type
from cebdesk.excel.template import CODES_SHEET, HELP_SHEET, build_template
from cebdesk.spec import DOCUMENT_TYPES, Kind, document_type
from tests.factory import document_rows

SHIPPED = Path(__file__).resolve().parents[2] / "templates"


def _template(tmp_path, name: str) -> Path:
    path = tmp_path / f"{name}.xlsx"
    assert main(["template", name, "-o", str(path)]) == 0
    return path


def _content(path: Path) -> dict:
    """Everything a clerk sees or Excel enforces, without the zip's timestamps."""
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        out[ws.title] = {
            "cells": [[c.value for c in row] for row in ws.iter_rows()],
            "validations": sorted(
                (str(dv.sqref), dv.formula1, dv.errorStyle, dv.type)
                for dv in ws.data_validations.dataValidation
            ),
            "formats": {k: d.number_format for k, d in ws.column_dimensions.items()},
            "comments": [(c.coordinate, c.comment.text) for row in ws.iter_rows() for c in row if c.comment],
            "freeze": ws.freeze_panes,
        }
    return out


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_shipped_template_equals_generated(doc_type, tmp_path):
    shipped = SHIPPED / f"{doc_type.name}.xlsx"
    assert shipped.is_file(), f"templates/{doc_type.name}.xlsx missing: run make templates"
    assert _content(shipped) == _content(_template(tmp_path, doc_type.name)), "run make templates"


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_template_layout(doc_type, tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path, doc_type.name))
    assert wb.sheetnames == [doc_type.label, HELP_SHEET, CODES_SHEET]
    ws = wb.worksheets[0]
    columns = template_columns(doc_type)
    labels = [c.value for c in ws[1]]
    names = [c.value for c in ws[2]]
    assert names == [c.header for c in columns]
    assert "guid" not in names  # generated, never typed
    assert [label.startswith("*") for label in labels] == [c.must_fill for c in columns]
    for key in doc_type.key:
        assert labels[names.index(key)] == "*" + doc_type.head[key].label
    # every text column is formatted as text (leading zeros survive), numbers are not
    for i, col in enumerate(columns, start=1):
        letter = openpyxl.utils.get_column_letter(i)
        expected = "@" if col.field.type.kind is Kind.TEXT else "General"
        assert ws.column_dimensions[letter].number_format == expected, col.header
    # code columns have drop-downs reading the 代码表 sheet
    validated = {
        str(dv.sqref).split(":")[0].rstrip("0123456789") for dv in ws.data_validations.dataValidation
    }
    coded = {openpyxl.utils.get_column_letter(i) for i, c in enumerate(columns, start=1) if c.field.codes}
    assert validated == coded
    # the help sheet explains every column, in order
    help_ws = wb[HELP_SHEET]
    explained = [row[2] for row in help_ws.iter_rows(values_only=True) if row[2] in set(names)]
    assert explained == names


def test_list_fields_that_share_a_head_name_are_qualified():
    headers = [c.header for c in template_columns(document_type("inventory"))]
    assert "country" in headers and "InventoryList.country" in headers
    assert "currency" in headers and "InventoryList.currency" in headers
    assert "InventoryList.note" in headers
    labels = [c.label for c in template_columns(document_type("inventory"))]
    assert len(labels) == len(set(labels)), "row 1 labels are unique"


def test_strict_code_lists_stop_other_values_and_excerpts_only_warn(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path, "inventory"))
    ws = wb.worksheets[0]
    names = [c.value for c in ws[2]]
    styles = {}
    for dv in ws.data_validations.dataValidation:
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        styles[names[openpyxl.utils.cell.column_index_from_string(col) - 1]] = dv.errorStyle
    assert styles["appType"] == "stop"
    assert styles["currency"] == "stop"
    assert styles["unit"] == "warning"  # JGS-20 excerpt: other codes may be valid


# -- labels that read right for the direction, the standard's wording kept beside them ----------

INVENTORY = document_type("inventory")


def _help_rows(wb) -> dict[str, tuple]:
    """Help sheet rows by element name (row 2 header)."""
    return {row[2]: row for row in wb[HELP_SHEET].iter_rows(values_only=True) if row[2]}


def test_import_inventory_labels_read_as_import_and_keep_the_standards_wording(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path, "inventory"))
    ws = wb.worksheets[0]
    cells = {c.value: ws.cell(1, c.column) for c in ws[2]}
    expected = {
        "portCode": ("*进境口岸代码", "出口口岸代码"),
        "ieDate": ("进口日期", "出口日期"),
        "country": ("*起运国（地区）", "运抵国（地区）"),
        "InventoryList.country": ("*原产国（地区）", "运抵国（地区）"),
    }
    help_rows = _help_rows(wb)
    for header, (label, standard) in expected.items():
        cell = cells[header]
        assert cell.value == label
        assert f"标准名称：{standard}" in cell.comment.text  # the tooltip in Excel
        assert help_rows[header][1] == label.lstrip("*")
        assert f"标准名称：{standard}" in help_rows[header][8]
    labels = [c.value for c in ws[1]]
    assert not [v for v in labels if "出口" in v.replace("进出口", "") or "运抵" in v]


def test_a_default_is_stated_once_and_true(tmp_path):
    """The standard's "默认为1" is not the template's default (2, declare): the notes say only
    what happens to an empty cell."""
    for doc_type in DOCUMENT_TYPES:
        wb = openpyxl.load_workbook(_template(tmp_path, doc_type.name))
        for header, row in _help_rows(wb).items():
            default, note = row[7] or "", row[8] or ""
            if default:
                assert "默认为" not in note, (doc_type.name, header, note)
        app_status = _help_rows(wb)["appStatus"]
        assert app_status[7] == "留空则为 2-申报", doc_type.name
        comment = wb.worksheets[0].cell(1, [c.value for c in wb.worksheets[0][2]].index("appStatus") + 1)
        assert "默认为" not in comment.comment.text


def _inventory_export(tmp_path, header_for) -> Path:
    """An ERP export of one inventory with one header row; the head's country (起运国) and the
    line's (原产国) hold different codes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    columns = [c for c in template_columns(INVENTORY) if c.name != "gnum"]
    ws.append([header_for(c) for c in columns])
    row = document_rows(INVENTORY, 0, 1)[0]
    row["country"], row["InventoryList.country"] = "116", "502"
    ws.append([row.get(c.header) for c in columns])
    path = tmp_path / "erp.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "header_for",
    [
        lambda c: c.label,  # today's labels
        lambda c: c.field.standard_label or c.field.label,  # the standard's words, as ERP exports
        lambda c: "*" + _old_label(c),  # the templates shipped before, row 1 only
    ],
    ids=["clerk-labels", "standard-labels", "old-template-labels"],
)
def test_the_reader_takes_old_and_new_labels(tmp_path, header_for):
    path = _inventory_export(tmp_path, header_for)
    assert detect_type(path) is INVENTORY
    reader = WorkbookReader(path, INVENTORY)
    [(doc, found)] = list(reader.documents())
    assert not [f for f in found if f.is_error], [f.render() for f in found]
    assert doc.head["country"] == "116" and doc.lines[0]["country"] == "502"
    assert doc.head["portCode"] and doc.head["ieDate"]


def _old_label(column) -> str:
    """Row 1 as templates were written from the standard's labels: a list label equal to a head
    label took the （表体） suffix."""
    head = INVENTORY.head
    label = column.field.standard_label or column.field.label
    if column.in_list and label in {f.standard_label or f.label for f in head.fields}:
        label += LIST_SUFFIX
    return label


# -- the 说明 sheet's code lists --------------------------------------------------------------

_CODE_ITEM = re.compile(r"^\s*[0-9A-Z]{1,3}-\S")
_HAS_CODE = re.compile(r"(?:^|[^0-9A-Za-z])[0-9A-Z]{1,3}-\S")


def _starts_mid_list(text: str) -> str | None:
    """The piece of ``text`` before a code list's second item when it names no code of its own
    ("新增;2-变更": the "1-" of the first item is missing)."""
    pieces = re.split(r"[;；,，]", text)
    for before, after in zip(pieces, pieces[1:], strict=False):
        if _CODE_ITEM.match(after) and not _HAS_CODE.search(before):
            return f"{before};{after}"
    return None


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_no_code_list_on_the_help_sheet_starts_mid_list(doc_type):
    """Every description on the 说明 sheet that lists codes names the first one too
    (export-inventory read "新增;2-变更;3-删除" and "简化申报;B-汇总申报")."""
    ws = build_template(doc_type)[HELP_SHEET]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "列")
    where = header.index("说明")
    broken = []
    for row in ws.iter_rows(values_only=True):
        if row and row[0] != "列" and len(row) > where and isinstance(row[where], str):
            bad = _starts_mid_list(row[where])
            if bad:
                broken.append((row[2], bad))
    assert not broken


def test_the_mid_list_detector():
    assert _starts_mid_list("新增;2-变更;3-删除，默认为1")
    assert _starts_mid_list("简化申报;B-汇总申报；若采用A简化申报")
    assert not _starts_mid_list("申报类型:1-新增;2-变更;3-删除")
    assert not _starts_mid_list("业务状态:1-暂存,2-申报")
    assert not _starts_mid_list("申报业务类型：A-简化申报;B-汇总申报")


def test_the_summary_item_name_flag_is_described_as_the_xsd_has_it():
    """itemNameFlag is required by the export XSD (minOccurs 1, length 1) and the standard gives
    only 1: the template does not offer "不填" (an empty cell is refused), and says what 1 means."""
    doc_type = document_type("summary")
    ws = build_template(doc_type)[HELP_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "列")
    row = dict(zip(header, next(r for r in rows if r and r[2] == "itemNameFlag"), strict=False))
    assert row["必填"] == "是"
    assert "不填则" not in row["说明"] and "留空" not in (row["默认"] or "")
    assert "1-" in row["代码 / 取值"] and "原始商品名" in row["代码 / 取值"]
    assert "必填" in row["说明"]
