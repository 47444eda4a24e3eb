"""The spreadsheets people already have: other systems' column names, column mappings saved per
header, prices given one way only.

Each case is a real .xlsx written by openpyxl, read by the streaming reader or converted by the
real command line; what comes out is compared with what our own template gives for the same
values, element by element of the XML.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from cebdesk.cli import main
from cebdesk.excel.columns import template_columns
from cebdesk.excel.mapping import (
    ColumnMapping,
    Mappings,
    fingerprint,
    header_text,
    load_mapping,
    mappings_folder,
    use_mappings,
)
from cebdesk.excel.reader import WorkbookReader
from cebdesk.findings import InputError, Severity
from cebdesk.spec import DOCUMENT_TYPES, document_type
from tests.factory import document_rows, write_workbook

INVENTORY = document_type("inventory")
ORDER = document_type("order")
PAYMENT = document_type("payment")
NOW = datetime(2024, 5, 6, 7, 8, 9)

#: The names of a provincial e-port system's inventory template (issue: "the spreadsheets in
#: use"), and the order/payment ones where the standard has those elements.
ISSUE_SYNONYMS = [
    ("inventory", "portCode", "口岸海关代码"),
    ("inventory", "country", "起运国"),
    ("inventory", "InventoryList.country", "原产国"),
    ("inventory", "gmodel", "商品规格型号"),
    ("inventory", "qty1", "第一法定数量"),
    ("inventory", "unit1", "第一法定计量单位"),
    ("inventory", "qty2", "第二法定数量"),
    ("inventory", "unit2", "第二法定计量单位"),
    ("inventory", "assureCode", "担保企业编号"),
    ("inventory", "freight", "运杂费"),
    ("inventory", "price", "商品价格"),
    ("order", "payTransactionId", "支付交易编码"),
    ("order", "freight", "运杂费"),
    ("payment", "payTransactionId", "支付交易编码"),
]
#: Already the labels clerks read (no synonym needed): 进口日期 ieDate, 运输工具编号 trafNo,
#: 支付金额 amountPaid.
ISSUE_LABELS = [("inventory", "ieDate", "进口日期"), ("inventory", "trafNo", "运输工具编号"), ("payment", "amountPaid", "支付金额")]


def _spec_synonyms():
    for dt in DOCUMENT_TYPES:
        for col in template_columns(dt):
            for name in col.field.synonyms:
                yield dt, col, name


def one_row(doc_type, path: Path, headers: dict[str, str] | None = None, *, drop=(), documents=1, lines=2, change=None):
    """A workbook as another system writes it: one header row of labels (``headers``: element
    header -> the text written instead), data from row 2."""
    headers = headers or {}
    columns = [c for c in template_columns(doc_type) if c.header not in drop]
    rows = [r for n in range(documents) for r in document_rows(doc_type, n, lines)]
    if change:
        change(rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "导出数据"
    ws.append([headers.get(c.header, c.label) for c in columns])
    for row in rows:
        ws.append([row.get(c.header) for c in columns])
    wb.save(path)
    return path, rows


def template_of(doc_type, rows, path: Path) -> Path:
    return write_workbook(doc_type, rows, path)


def read(path: Path, doc_type=None):
    reader = WorkbookReader(path, doc_type, now=NOW)
    items = list(reader.documents())
    findings = [f for _, found in items for f in found] + reader.findings
    return reader, items, findings


def values(items):
    """Every value of every document but the generated guid."""
    return [
        ({k: v for k, v in doc.head.items() if k != "guid"}, doc.lines) for doc, _ in items
    ]


def run(args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def xml_values(out_dir: Path) -> list[tuple[str, str]]:
    """(path, text) of every leaf of every message written, guid and appTime left out."""
    result = []
    for f in sorted(out_dir.glob("*.xml")):
        tree = etree.parse(str(f))
        for el in tree.iter():
            if len(el) or not isinstance(el.tag, str):
                continue
            name = etree.QName(el).localname
            if name in ("guid", "appTime") or "Signature" in tree.getpath(el):
                continue
            result.append((tree.getpath(el), el.text or ""))
    return result


# -- synonyms kept in spec/ ---------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "header", "synonym"), ISSUE_SYNONYMS, ids=lambda v: str(v))
def test_the_issues_names_are_in_spec_beside_the_fields(name, header, synonym):
    [col] = [c for c in template_columns(document_type(name)) if c.header == header]
    assert synonym in col.field.synonyms and synonym in col.aliases


@pytest.mark.parametrize(("name", "header", "label"), ISSUE_LABELS, ids=lambda v: str(v))
def test_names_that_are_already_labels(name, header, label):
    [col] = [c for c in template_columns(document_type(name)) if c.header == header]
    assert col.label == label


def test_no_synonym_names_two_columns_of_a_type():
    for dt in DOCUMENT_TYPES:
        seen: dict[str, str] = {}
        for col in template_columns(dt):
            for text in {header_text(t) for t in (col.label, *col.field.synonyms)}:
                assert seen.setdefault(text, col.header) == col.header, (dt.name, text)


@pytest.mark.parametrize(
    ("doc_type", "col", "synonym"),
    list(_spec_synonyms()),
    ids=lambda v: getattr(v, "name", None) if not isinstance(v, str) else v,
)
def test_each_synonym_reads_exactly_as_the_template(tmp_path, doc_type, col, synonym):
    src, rows = one_row(doc_type, tmp_path / "other.xlsx", {col.header: synonym})
    reference = template_of(doc_type, rows, tmp_path / "template.xlsx")
    _, items, findings = read(src)
    _, expected, _ = read(reference)
    assert not [f for f in findings if f.severity is not Severity.NOTE], [f.render() for f in findings]
    assert values(items) == values(expected)


@pytest.mark.parametrize(
    "written",
    ["* 商品 规格型号", "商品规格型号 ", "＊商品规格型号", "商品\u3000规格型号", "原产国(地区)", "原产国（地区）", "原产国 ( 地区 )"],
)
def test_headers_match_ignoring_spaces_brackets_and_the_required_mark(tmp_path, written):
    header = "InventoryList.country" if "原产国" in written else "gmodel"
    src, rows = one_row(INVENTORY, tmp_path / "x.xlsx", {header: written})
    _, items, findings = read(src, INVENTORY)
    assert not [f for f in findings if f.is_error or f.rule.startswith("sheet.")]
    _, expected, _ = read(template_of(INVENTORY, rows, tmp_path / "t.xlsx"))
    assert values(items) == values(expected)


def test_a_workbook_of_all_the_synonyms_converts_exactly(tmp_path, profile_file):
    """Every synonym at once, one header row of labels: the XML equals the template's."""
    names = {h: s for n, h, s in ISSUE_SYNONYMS if n == "inventory"}
    src, rows = one_row(INVENTORY, tmp_path / "省平台清单.xlsx", names, documents=3)
    reference = template_of(INVENTORY, rows, tmp_path / "模板.xlsx")
    code, out = run(["convert", src, "-o", tmp_path / "a", "--profile", profile_file, "--json"])
    assert code == 0, out
    assert json.loads(out)["converted"] == 3
    code, out = run(["convert", reference, "-o", tmp_path / "b", "--profile", profile_file])
    assert code == 0, out
    assert xml_values(tmp_path / "a") == xml_values(tmp_path / "b") != []


# -- unknown columns are named ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "rule", "closest"),
    [
        ("商品规格", "sheet.unknown_column_near", "规格型号（gmodel）"),
        ("第一法定单位", "sheet.unknown_column_near", "法定计量单位（unit1）"),
        ("gmodle", "sheet.unknown_column_near", "规格型号（gmodel）"),
        ("内部流水", "sheet.unknown_column", None),
    ],
)
def test_an_unknown_column_is_named_with_the_closest_known_label(tmp_path, written, rule, closest):
    src, _ = one_row(INVENTORY, tmp_path / "x.xlsx", {"note": written})
    _, items, findings = read(src, INVENTORY)
    assert items
    [found] = [f for f in findings if f.rule.startswith("sheet.unknown")]
    assert found.rule == rule and found.severity is Severity.WARNING
    assert found.params["header"] == written
    assert found.params.get("closest") == closest
    note_col = [c.header for c in template_columns(INVENTORY)].index("note")
    assert str(found.location).endswith(f"导出数据!{openpyxl.utils.get_column_letter(note_col + 1)}1")
    assert written in found.render("en") and written in found.render("zh")


# -- two columns for one element --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "second", "rule"),
    [
        ("qty1", "第一法定数量", "sheet.same_element"),  # the label and a synonym
        ("gmodel", "商品规格型号", "sheet.same_element"),
        ("InventoryList.country", "原产国", "sheet.same_element"),
        ("portCode", "出口口岸代码", "sheet.same_element"),  # the standard's label and ours
        ("portCode", "口岸海关代码", "sheet.same_element"),
        ("price", "单价", "sheet.duplicate_column"),  # the same text twice
    ],
)
def test_two_columns_naming_one_element_refuse_the_file(tmp_path, header, second, rule):
    src, _ = one_row(INVENTORY, tmp_path / "x.xlsx", {"note": second})
    with pytest.raises(InputError) as exc:
        read(src, INVENTORY)
    [found] = exc.value.findings
    assert found.rule == rule
    assert second in found.render("zh")
    if rule == "sheet.same_element":
        assert found.params["element"] == header
        text = found.render("en")
        assert "both name" in text and found.params["first_column"] in text


def test_two_synonyms_of_one_element_refuse_the_file(tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "x.xlsx", {"qty1": "第一法定数量", "note": "法定数量"})
    with pytest.raises(InputError) as exc:
        read(src, INVENTORY)
    assert [f.rule for f in exc.value.findings] == ["sheet.same_element"]


def test_the_template_still_reads_as_before(tmp_path):
    rows = document_rows(INVENTORY, 0, 2)
    reader, items, findings = read(template_of(INVENTORY, rows, tmp_path / "t.xlsx"))
    assert not findings and len(items) == 1
    assert items[0][0].origin.line_rows == [3, 4]  # the two-row form: data from row 3


# -- prices given one way only ----------------------------------------------------------------------
def _prices(qty, price, total):
    def change(rows):
        for r in rows:
            r["qty"], r["price"], r["totalPrice"] = qty, price, total

    return change


@pytest.mark.parametrize(
    ("drop", "qty", "price", "total", "element", "expected", "rule"),
    [
        (("totalPrice",), "3", "10.5", None, "totalPrice", "31.5", "line.price_derived"),
        (("price",), "3", None, "10", "price", "3.33333", "line.unit_price_derived"),
        (("price",), "3", None, "20", "price", "6.66667", "line.unit_price_derived"),  # half up
        (("price",), "0.00007", None, "1", "price", "14285.71429", "line.unit_price_derived"),
        ((), "2", "10.123456", None, "totalPrice", "20.24691", "line.price_derived"),  # an empty cell
        ((), "2", None, "7", "price", "3.5", "line.unit_price_derived"),
    ],
)
def test_one_price_gives_the_other_with_a_note(tmp_path, drop, qty, price, total, element, expected, rule):
    src, _ = one_row(INVENTORY, tmp_path / "x.xlsx", drop=drop, change=_prices(qty, price, total))
    _, items, findings = read(src, INVENTORY)
    [(doc, found)] = items
    assert [line[element] for line in doc.lines] == [expected, expected]
    notes = [f for f in found if f.rule == rule]
    assert len(notes) == 2 and all(f.severity is Severity.NOTE for f in notes)
    assert expected in notes[0].render("en") and notes[0].element == element


def test_both_prices_missing_is_still_a_missing_column(tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "x.xlsx", drop=("price", "totalPrice"))
    with pytest.raises(InputError) as exc:
        read(src, INVENTORY)
    assert exc.value.findings[0].rule == "sheet.missing_columns"
    assert "price" in exc.value.findings[0].render()


def test_derived_prices_convert_exactly(tmp_path, profile_file):
    src, rows = one_row(ORDER, tmp_path / "o.xlsx", drop=("totalPrice",), change=_prices("2", "10.5", None))
    for r in rows:
        r["totalPrice"] = "21"
    reference = template_of(ORDER, rows, tmp_path / "t.xlsx")
    assert run(["convert", src, "-o", tmp_path / "a", "--profile", profile_file])[0] == 0
    assert run(["convert", reference, "-o", tmp_path / "b", "--profile", profile_file])[0] == 0
    assert xml_values(tmp_path / "a") == xml_values(tmp_path / "b")


# -- column mappings ------------------------------------------------------------------------------------
OTHER_NAMES = {"gmodel": "货品规格", "InventoryList.country": "原产地", "orderNo": "平台订单号", "qty1": "法定量"}


def mapping_file(path: Path, columns: dict[str, str], *, form: str = "toml") -> Path:
    if form == "json":
        path.write_text(json.dumps({"type": "inventory", "columns": columns}, ensure_ascii=False), encoding="utf-8")
    else:
        body = "\n".join(f"{json.dumps(h, ensure_ascii=False)} = {json.dumps(e)}" for h, e in columns.items())
        path.write_text(f'type = "inventory"\n[columns]\n{body}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["toml", "json"])
def test_a_mapping_converts_exactly_and_is_remembered(tmp_path, profile_file, form):
    src, rows = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES, documents=2)
    mapping = mapping_file(tmp_path / f"m.{form}", {v: k for k, v in OTHER_NAMES.items()}, form=form)
    data = tmp_path / "data"
    reference = template_of(INVENTORY, rows, tmp_path / "t.xlsx")
    code, out = run(["--data-dir", data, "convert", src, "-o", tmp_path / "a", "--profile", profile_file, "--mapping", mapping])
    assert code == 0, out
    assert "列对应" in out  # the note: read by the mapping
    run(["convert", reference, "-o", tmp_path / "b", "--profile", profile_file])
    assert xml_values(tmp_path / "a") == xml_values(tmp_path / "b") != []
    # remembered under the header's fingerprint, and used again without --mapping
    header = next(openpyxl.load_workbook(src).active.iter_rows(max_row=1, values_only=True))
    saved = mappings_folder(data) / f"{fingerprint(header)}.toml"
    assert load_mapping(saved).keys == load_mapping(mapping).keys
    src2, _ = one_row(INVENTORY, tmp_path / "erp2.xlsx", OTHER_NAMES, documents=2)
    code, out = run(["--data-dir", data, "convert", src2, "-o", tmp_path / "c", "--profile", profile_file])
    assert code == 0, out
    assert xml_values(tmp_path / "c") == xml_values(tmp_path / "b")


def test_a_remembered_mapping_is_not_used_for_another_header(tmp_path, profile_file):
    data = tmp_path / "data"
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    mapping = mapping_file(tmp_path / "m.toml", {v: k for k, v in OTHER_NAMES.items()})
    assert run(["--data-dir", data, "convert", src, "-o", tmp_path / "a", "--profile", profile_file, "--mapping", mapping])[0] == 0
    other, _ = one_row(INVENTORY, tmp_path / "other.xlsx", {**OTHER_NAMES, "note": "说明"})
    code, out = run(["--data-dir", data, "convert", other, "-o", tmp_path / "b", "--profile", profile_file])
    assert code == 1 and "货品规格" in out  # a header not seen before: its unknown columns are named


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("this is = = not toml", "TOML"),
        ('[columns]\n"货品规格" = 5\n', "货品规格"),
        ('type = "inventory"\n', "[columns]"),
        ("[columns]\n", "empty"),
        ('{"columns": {"货品规格": "gmodel",}}', "JSON"),
        (b"\xff\xfe\x00[\x00c", "UTF-8"),
        (None, "no such file"),
    ],
    ids=["not-toml", "not-text", "no-columns", "empty", "bad-json", "not-utf8", "missing"],
)
@pytest.mark.parametrize("command", ["convert", "check", "import"])
def test_a_mapping_file_that_cannot_be_used_stops_the_command(tmp_path, profile_file, content, detail, command):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    mapping = tmp_path / "m.toml"
    if isinstance(content, bytes):
        mapping.write_bytes(content)
    elif content is not None:
        mapping.write_text(content, encoding="utf-8")
    extra = ["-o", tmp_path / "out"] if command == "convert" else []
    out = io.StringIO()
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(
            [str(a) for a in ["--lang", "en", "--data-dir", tmp_path / "d", command, src, *extra, "--profile", profile_file, "--mapping", mapping]],
            out=out,
        )
    assert code == 2
    text = err.getvalue()
    assert str(mapping) in text and "column mapping file cannot be used" in text and detail in text
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert not (tmp_path / "d" / "journal.sqlite3").exists()


@pytest.mark.parametrize(
    ("element", "suggested"), [("gmodle", "gmodel"), ("InventoryList.cuontry", "InventoryList.country"), ("nothing", None)]
)
def test_a_mapping_naming_an_unknown_element_is_refused_at_its_column(tmp_path, element, suggested):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    mapping = ColumnMapping({"货品规格": element, "原产地": "InventoryList.country"}, "m.toml")
    with use_mappings(Mappings(mapping)), pytest.raises(InputError) as exc:
        read(src, INVENTORY)
    [found] = exc.value.findings
    assert found.rule == "mapping.unknown_element"
    text = found.render("en")
    assert "货品规格" in text and element in text and "m.toml" in text
    assert (suggested in text) if suggested else "?" not in text


def test_a_mapping_and_a_known_label_for_one_element(tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    mapping = ColumnMapping({**{v: k for k, v in OTHER_NAMES.items()}, "备注": "gmodel"}, "m.toml")
    with use_mappings(Mappings(mapping)), pytest.raises(InputError) as exc:
        read(src, INVENTORY)
    assert [f.rule for f in exc.value.findings] == ["sheet.same_element"]


def test_a_broken_saved_mapping_is_named(tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    folder = tmp_path / "mappings"
    folder.mkdir()
    header = next(openpyxl.load_workbook(src).active.iter_rows(max_row=1, values_only=True))
    (folder / f"{fingerprint(header)}.toml").write_text("[columns\n", encoding="utf-8")
    with use_mappings(Mappings(folder=folder)), pytest.raises(InputError) as exc:
        read(src)
    assert exc.value.findings[0].rule == "mapping.invalid"
    assert fingerprint(header) in str(exc.value.findings[0].location)


def test_a_mapping_detects_the_type_of_a_file_it_alone_explains(tmp_path):
    names = {c.header: f"列{n}" for n, c in enumerate(template_columns(INVENTORY))}
    src, rows = one_row(INVENTORY, tmp_path / "erp.xlsx", names)
    with pytest.raises(InputError):
        read(src)
    mapping = ColumnMapping({v: k for k, v in names.items()}, "m.toml")
    with use_mappings(Mappings(mapping)):
        reader, items, findings = read(src)
    assert reader.doc_type is INVENTORY
    _, expected, _ = read(template_of(INVENTORY, rows, tmp_path / "t.xlsx"))
    assert values(items) == values(expected)
    assert [f.rule for f in findings] == ["mapping.used"]


def test_check_and_import_take_the_mapping(tmp_path, profile_file):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    mapping = mapping_file(tmp_path / "m.toml", {v: k for k, v in OTHER_NAMES.items()})
    data = tmp_path / "d"
    code, out = run(["--data-dir", data, "check", src, "--profile", profile_file, "--mapping", mapping, "--json"])
    report = json.loads(out)
    assert report["documents"] == 1 and report["rejected"] == 0, out
    assert "mapping.used" in [f["rule"] for f in report["findings"]]
    code, out = run(["--data-dir", data, "import", src, "--profile", profile_file, "--mapping", mapping, "--json"])
    assert code == 0, out
