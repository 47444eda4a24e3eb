"""The reader takes what clerks really type and the layouts ERP exports really have."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cebdesk.checks import check_document
from cebdesk.excel.columns import template_columns
from cebdesk.excel.reader import WorkbookReader, detect_type
from cebdesk.spec import DOCUMENT_TYPES, document_type
from tests.factory import document_rows, write_workbook

INVENTORY = document_type("inventory")
ORDER = document_type("order")


def read(path, doc_type=None, **kwargs):
    reader = WorkbookReader(path, doc_type, **kwargs)
    items = list(reader.documents())
    return reader, items


def one_inventory(tmp_path, **changes):
    rows = document_rows(INVENTORY, 0, 1)
    rows[0].update(changes)
    return write_workbook(INVENTORY, rows, tmp_path / "inv.xlsx")


def test_codes_typed_as_numbers_keep_their_zeros(tmp_path):
    path = one_inventory(
        tmp_path, customsCode=102, portCode=3700, unit=7, unit1=35.0, gcode=101210010, currency=142
    )
    _, [(doc, found)] = read(path)
    assert doc.head["customsCode"] == "0102"
    assert doc.head["portCode"] == "3700"
    assert doc.lines[0]["unit"] == "007"
    assert doc.lines[0]["unit1"] == "035"
    assert doc.lines[0]["gcode"] == "0101210010"
    assert doc.head["currency"] == "142"
    assert not found and not [f for f in check_document(doc) if f.is_error]


def test_excel_dates_become_the_fields_format(tmp_path):
    path = one_inventory(
        tmp_path,
        appTime=dt.datetime(2024, 3, 5, 9, 8, 7),
        declTime=dt.datetime(2024, 3, 5, 0, 0),
        ieDate=dt.date(2024, 3, 6),
    )
    _, [(doc, _)] = read(path)
    assert doc.head["appTime"] == "20240305090807"
    assert doc.head["declTime"] == "20240305"
    assert doc.head["ieDate"] == "20240306"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2024-03-05 09:08:07", "20240305090807"),
        ("2024/3/5", "20240305000000"),
        ("20240305090807", "20240305090807"),
    ],
)
def test_date_text_is_accepted(tmp_path, typed, expected):
    _, [(doc, _)] = read(one_inventory(tmp_path, appTime=typed))
    assert doc.head["appTime"] == expected


def test_full_width_and_trailing_spaces_and_text_numbers(tmp_path):
    path = one_inventory(
        tmp_path,
        orderNo="  SO-0001\u3000",
        buyerName="\u3000张三 ",
        customsCode="３７００",
        packNo="1.0",
        freight="１２.５",
        insuredFee="1,234.50",
        country="502.0",
    )
    _, [(doc, _)] = read(path)
    assert doc.head["orderNo"] == "SO-0001"
    assert doc.head["buyerName"] == "张三"
    assert doc.head["customsCode"] == "3700"
    assert doc.head["packNo"] == "1"
    assert doc.head["freight"] == "12.5"
    assert doc.head["insuredFee"] == "1234.50"
    assert doc.head["country"] == "502"


def test_code_names_and_code_with_name(tmp_path):
    path = one_inventory(tmp_path, unit="千克", unit1="035-千克", tradeMode="9610 直购进口", country="美国")
    _, [(doc, _)] = read(path)
    assert doc.lines[0]["unit"] == "035"
    assert doc.lines[0]["unit1"] == "035"
    assert doc.head["tradeMode"] == "9610"
    assert doc.head["country"] == "502"


def test_floats_are_written_as_typed(tmp_path):
    path = one_inventory(tmp_path, price=19.99, qty=0.00001, totalPrice=0.1 + 0.2)
    _, [(doc, _)] = read(path)
    line = doc.lines[0]
    assert line["price"] == "19.99"
    assert line["qty"] == "0.00001"
    assert line["totalPrice"] == "0.3"
    assert not [f for f in check_document(doc) if f.is_error]


def test_defaults_fill_empty_cells_in_order_of_precedence(tmp_path):
    rows = document_rows(INVENTORY, 0, 1)
    for name in ("appType", "appStatus", "currency", "ebpName", "InventoryList.currency", "ieFlag"):
        rows[0].pop(name, None)
    rows[0]["ebpName"] = None
    path = write_workbook(INVENTORY, rows, tmp_path / "inv.xlsx")
    now = dt.datetime(2024, 1, 2, 3, 4, 5)
    _, [(doc, _)] = read(path, defaults={"ebpName": "默认平台", "appStatus": "1"}, now=now)
    assert doc.head["ebpName"] == "默认平台"  # profile
    assert doc.head["appStatus"] == "1"  # profile beats the template's 2
    assert doc.head["appType"] == "1"  # the standard's default
    assert doc.head["currency"] == "142"
    assert doc.head["ieFlag"] == "I"
    assert doc.lines[0]["currency"] == "142"
    assert len(doc.head["guid"]) == 36 and doc.head["guid"] == doc.head["guid"].upper()


def test_app_time_defaults_to_the_conversion_time(tmp_path):
    rows = document_rows(INVENTORY, 0, 1)
    rows[0]["appTime"] = None
    now = dt.datetime(2024, 1, 2, 3, 4, 5)
    _, [(doc, _)] = read(write_workbook(INVENTORY, rows, tmp_path / "i.xlsx"), now=now)
    assert doc.head["appTime"] == "20240102030405"


def test_rows_group_by_key_and_head_cells_may_be_left_blank(tmp_path):
    rows = document_rows(ORDER, 0, 3) + document_rows(ORDER, 1, 2)
    rows[1]["orderNo"] = None  # continuation rows with an empty key belong to the order above
    path = write_workbook(ORDER, rows, tmp_path / "o.xlsx")
    reader, items = read(path)
    assert [len(doc.lines) for doc, _ in items] == [3, 2]
    assert [line["gnum"] for line in items[0][0].lines] == ["1", "2", "3"]
    assert items[0][0].origin.line_rows == [3, 4, 5]
    assert reader.rows == 5
    assert all(not found for _, found in items)


def test_blank_rows_are_skipped(tmp_path):
    rows = document_rows(ORDER, 0, 1) + [{}] + document_rows(ORDER, 1, 1)
    _, items = read(write_workbook(ORDER, rows, tmp_path / "o.xlsx"))
    assert len(items) == 2


def _export(tmp_path, header_row):
    """An ERP export: one header row (labels or element names), data from row 2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "export"
    columns = [c for c in template_columns(ORDER) if c.name != "gnum"]
    ws.append([header_row(c) for c in columns])
    for row in document_rows(ORDER, 0, 2):
        ws.append([row.get(c.header) for c in columns])
    path = tmp_path / "erp.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "header",
    [
        lambda c: c.name,
        lambda c: c.label.removesuffix("（表体）"),
        lambda c: "*" + c.label,
        lambda c: c.header.upper(),
    ],
    ids=["element-names", "plain-labels", "starred-labels", "upper-case-names"],
)
def test_single_header_row_exports(tmp_path, header):
    path = _export(tmp_path, header)
    assert detect_type(path) is ORDER
    _, [(doc, found)] = read(path)
    assert len(doc.lines) == 2
    assert doc.lines[0]["currency"] == "142" and doc.head["currency"] == "142"
    assert not found and not [f for f in check_document(doc) if f.is_error]


def test_head_sheet_and_list_sheet(tmp_path):
    wb = openpyxl.Workbook()
    head_ws = wb.active
    head_ws.title = "清单表头"
    list_ws = wb.create_sheet("清单表体")
    cols = template_columns(INVENTORY)
    head_cols = [c for c in cols if not c.in_list]
    list_cols = [c for c in cols if c.in_list]
    head_ws.append([c.label for c in head_cols])
    head_ws.append([c.header for c in head_cols])
    list_ws.append(["orderNo"] + [c.header for c in list_cols])
    docs = [document_rows(INVENTORY, n, 2) for n in range(3)]
    for rows in docs:
        head_ws.append([rows[0].get(c.header) for c in head_cols])
    for rows in reversed(docs):  # the list sheet need not follow the head sheet's order
        for row in rows:
            list_ws.append([rows[0]["orderNo"]] + [row.get(c.header) for c in list_cols])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    reader, items = read(path, INVENTORY)
    assert [doc.head["orderNo"] for doc, _ in items] == [d[0]["orderNo"] for d in docs]
    assert all(len(doc.lines) == 2 for doc, _ in items)
    doc = items[0][0]
    assert doc.origin.head("orderNo").sheet == "清单表头"
    assert doc.origin.line(0, "gcode").sheet == "清单表体"
    assert not reader.findings


def test_unknown_columns_are_reported_and_ignored(tmp_path):
    path = _export(tmp_path, lambda c: c.name)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(1, 100, "内部备注")
    wb.save(path)
    reader, items = read(path, ORDER)
    assert len(items) == 1
    # named, with the known column whose label reads closest
    assert [f.rule for f in reader.findings] == ["sheet.unknown_column_near"]
    assert reader.findings[0].params == {"header": "内部备注", "closest": "备注（note）"}
    assert str(reader.findings[0].location).endswith("export!CV1")


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_type_is_detected_from_our_templates(tmp_path, doc_type):
    path = write_workbook(doc_type, document_rows(doc_type, 0, 1), tmp_path / "t.xlsx")
    assert detect_type(path) is doc_type


@pytest.mark.slow
def test_memory_stays_flat_while_streaming(tmp_path):
    """Documents are handed out as they complete: the reader never holds the whole file."""
    import tracemalloc

    rows = []
    for n in range(3000):
        rows += document_rows(INVENTORY, n, 2)
    path = write_workbook(INVENTORY, rows, tmp_path / "big.xlsx")
    reader = WorkbookReader(path, INVENTORY)
    tracemalloc.start()
    count = 0
    for _doc, _ in reader.documents():
        count += 1
        if count == 100:
            tracemalloc.reset_peak()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000
    assert peak < 30 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while streaming"


def _without(doc_type, path, *names):
    rows = document_rows(doc_type, 0, 1)
    for name in names:
        rows[0].pop(name, None)
    return write_workbook(doc_type, rows, path)


@pytest.mark.parametrize(
    ("defaults", "import_country", "export_country"),
    [
        # one key for both directions fills both
        ({"InventoryList.country": "502"}, "502", "502"),
        # a direction's own default wins there, and only there
        ({"InventoryList.country": "502", "export.InventoryList.country": "344"}, "502", "344"),
        ({"import.InventoryList.country": "116", "export.InventoryList.country": "344"}, "116", "344"),
        # the other direction's default is not used: the column stays missing
        ({"export.InventoryList.country": "344"}, None, "344"),
    ],
)
def test_defaults_scoped_to_a_direction(tmp_path, defaults, import_country, export_country):
    export_inventory = document_type("export-inventory")
    imported = _without(INVENTORY, tmp_path / "i.xlsx", "InventoryList.country")
    exported = _without(export_inventory, tmp_path / "e.xlsx", "InventoryList.country")
    _, items = read(imported, INVENTORY, defaults=defaults)
    assert items[0][0].lines[0].get("country") == import_country
    _, [(doc, _)] = read(exported, export_inventory, defaults=defaults)
    assert doc.lines[0]["country"] == export_country


def test_profile_reads_direction_tables(tmp_path):
    from cebdesk.settings import dump_profile, load_profile

    path = tmp_path / "profile.toml"
    path.write_text(
        '[transfer]\ncopCode = "1105910159"\ncopName = "测试"\ndxpId = "DXPENT0000000001"\n'
        '[defaults]\nebpCode = "1105910159"\n"InventoryList.country" = "502"\n'
        '[defaults.export]\n"InventoryList.country" = "344"\n[defaults.import]\nportCode = "5141"\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.defaults == {
        "ebpCode": "1105910159",
        "InventoryList.country": "502",
        "export.InventoryList.country": "344",
        "import.portCode": "5141",
    }
    again = tmp_path / "again.toml"
    again.write_text(dump_profile(profile), encoding="utf-8")
    assert load_profile(again).defaults == profile.defaults
