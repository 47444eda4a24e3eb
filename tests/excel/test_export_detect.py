"""Import or export: the reader tells them apart from the header (and the sheet's name), and says
so when it cannot; export templates follow the import conventions."""

from __future__ import annotations

import openpyxl
import pytest

from cebdesk.cli import main
from cebdesk.excel.columns import template_columns
from cebdesk.excel.reader import WorkbookReader, detect_type
from cebdesk.excel.template import HELP_SHEET
from cebdesk.findings import InputError
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.spec import DOCUMENT_TYPES, EXPORT_TYPES, IMPORT_TYPES, document_type
from tests.factory import document_rows, filled_template

#: Import and export types whose heads carry the same XML name.
SAME_NAMES = [(i, e) for i in IMPORT_TYPES for e in EXPORT_TYPES if i.head.name == e.head.name]


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_every_template_is_detected_as_its_own_type(doc_type, tmp_path):
    path = filled_template(doc_type, tmp_path / "in.xlsx", documents=2, lines=2)
    assert detect_type(path) is doc_type


def test_the_names_both_directions_share_are_many():
    pairs = {(i.name, e.name) for i, e in SAME_NAMES}
    assert {
        ("order", "export-order"),
        ("inventory", "export-inventory"),
        ("inventory-cancel", "export-cancel"),
        ("inventory-refund", "export-refund"),
    } <= pairs


@pytest.mark.parametrize(("imp", "exp"), SAME_NAMES, ids=lambda d: d.name)
def test_a_renamed_sheet_does_not_change_the_direction_of_a_full_template(imp, exp, tmp_path):
    for doc_type in (imp, exp):
        path = filled_template(doc_type, tmp_path / f"{doc_type.name}.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.worksheets[0].title = "Sheet1"
        wb.save(path)
        assert detect_type(path) is doc_type


def _one_row_header(tmp_path, headers, title="Sheet1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    ws.append(["x"] * len(headers))
    path = tmp_path / "erp.xlsx"
    wb.save(path)
    return path


#: Element names InventoryHead has in both directions, the keys of both among them (orderNo for
#: the import inventory, copNo for the export one).
COMMON = ["orderNo", "copNo", "ebpCode", "ebpName", "logisticsNo", "agentCode", "ebcCode", "note"]


def test_a_header_both_directions_read_alike_is_refused_with_both_names(tmp_path, profile):
    path = _one_row_header(tmp_path, COMMON)
    with pytest.raises(InputError) as caught:
        detect_type(path)
    (finding,) = caught.value.findings
    assert finding.rule == "file.direction_unclear"
    zh, en = finding.render(), finding.render("en")
    assert "--type inventory" in zh and "--type export-inventory" in zh
    assert "import from export" in en
    # convert says the same, writes nothing, exit code 1
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile))
    assert report.exit_code == 1
    assert [f.rule for f in report.findings] == ["file.direction_unclear"]
    assert not list((tmp_path / "out").iterdir())


def test_the_sheet_name_decides_between_equals(tmp_path):
    assert detect_type(_one_row_header(tmp_path, COMMON, "申报清单（出口）")) is document_type(
        "export-inventory"
    )
    assert detect_type(_one_row_header(tmp_path, COMMON, "进口清单")) is document_type("inventory")


def test_a_header_only_one_direction_has_decides(tmp_path):
    # statisticsFlag exists only on the export inventory, buyerIdNumber only on the import one
    assert detect_type(_one_row_header(tmp_path, COMMON + ["statisticsFlag"])) is document_type(
        "export-inventory"
    )
    assert detect_type(_one_row_header(tmp_path, COMMON + ["buyerIdNumber"])) is document_type("inventory")


def test_an_erp_file_of_export_order_columns_is_an_export_order(tmp_path):
    # every column is also an import order column, but the import order's must-fill ones are missing
    doc_type = document_type("export-order")
    headers = [c.header for c in template_columns(doc_type) if c.must_fill]
    assert detect_type(_one_row_header(tmp_path, headers)) is doc_type


def test_the_type_given_wins_over_detection(tmp_path):
    path = _one_row_header(tmp_path, COMMON)
    reader = WorkbookReader(path, document_type("export-inventory"))
    assert reader.doc_type is document_type("export-inventory")


@pytest.mark.parametrize("doc_type", EXPORT_TYPES, ids=lambda d: d.name)
def test_export_templates_follow_the_import_conventions(doc_type, tmp_path):
    path = tmp_path / f"{doc_type.name}.xlsx"
    assert main(["template", doc_type.name, "-o", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == doc_type.label
    names = [c.value for c in ws[2]]
    labels = [c.value for c in ws[1]]
    assert names == [c.header for c in template_columns(doc_type)]
    assert "guid" not in names and "msgCount" not in names and "msgSeqNo" not in names
    for key in doc_type.key:
        assert labels[names.index(key)] == "*" + doc_type.head[key].label
    if doc_type.list is not None:
        # a list field named like a head field is qualified (List.element), its label marked
        for name in doc_type.list.names:
            if name in doc_type.head.names and name != "gnum":
                assert f"{doc_type.list.name}.{name}" in names
    help_text = "\n".join(str(r[0]) for r in wb[HELP_SHEET].iter_rows(values_only=True) if r[0])
    assert doc_type.message.code in help_text
    assert "出口" in help_text
    if doc_type.message.parts:
        assert "msgSeqNo" in help_text


def test_qualified_list_columns_of_the_export_inventory(tmp_path):
    headers = [c.header for c in template_columns(document_type("export-inventory"))]
    assert "InventoryList.country" in headers and "country" in headers
    assert "InventoryList.note" in headers


def test_rows_of_an_export_template_group_by_its_key(tmp_path):
    doc_type = document_type("export-inventory")
    rows = document_rows(doc_type, 0, 3) + document_rows(doc_type, 1, 2)
    from tests.factory import write_workbook

    path = write_workbook(doc_type, rows, tmp_path / "in.xlsx")
    docs = [doc for doc, _found in WorkbookReader(path).documents()]
    assert [len(d.lines) for d in docs] == [3, 2]
    assert docs[0].message.family == "export"
