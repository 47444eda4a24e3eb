"""Templates are written from spec/, and the shipped ones stay equal to what spec/ gives."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cebdesk.cli import main
from cebdesk.excel.columns import template_columns
from cebdesk.excel.template import CODES_SHEET, HELP_SHEET
from cebdesk.spec import DOCUMENT_TYPES, Kind, document_type

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
