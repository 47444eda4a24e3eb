"""Export documents from template to message: parts numbering, signature before ExtendMessage,
100 heads a message, round trips, and validate / sign / verify on export messages. Judged by the
official 202205 export XSD (read from ../shared/anchors by the tests only)."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from cebdesk.excel.columns import template_columns
from cebdesk.messages.parse import read_message_file
from cebdesk.messages.parts import part_count, split_parts
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.pipeline.files import sign_files, validate, verify_files
from cebdesk.records import Document, SheetOrigin
from cebdesk.spec import EXPORT_TYPES, NS_CEB, NS_DS, document_type
from tests.factory import document_rows, filled_template, write_workbook

PARTS = [d for d in EXPORT_TYPES if d.message.parts]
CEB = f"{{{NS_CEB}}}"


def _convert(tmp_path, doc_type, profile, signer=None, *, source=None, **options):
    out = tmp_path / "out"
    report = convert([source], ConvertOptions(out_dir=out, profile=profile, signer=signer, **options))
    assert report.rejected == 0, [f.render() for f in report.findings if f.is_error]
    assert report.messages
    return report


def _nodes(path, doc_type):
    root = etree.parse(str(path)).getroot()
    return root.findall(f"{CEB}{doc_type.message.wrapper or doc_type.head.name}")


def _head(node, doc_type):
    head = node.find(f"{CEB}{doc_type.head.name}") if doc_type.message.wrapper else node
    return {etree.QName(c).localname: c.text or "" for c in head}


# -- parts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "limit", "parts"), [(0, 5, 1), (1, 5, 1), (5, 5, 1), (6, 5, 2), (23, 5, 5), (10, 1, 10)]
)
def test_part_count(lines, limit, parts):
    assert part_count(lines, limit) == parts


def _document(doc_type, lines):
    head = {"guid": "A" * 36, "copNo": "COP1", "msgCount": "1", "msgSeqNo": "1"}
    body = [{"gnum": str(i), "logisticsNo": f"L{i}"} for i in range(1, lines + 1)]
    origin = SheetOrigin("f.xlsx", "s", 3, {}, list(range(3, 3 + lines)), None, {})
    return Document(doc_type.message, head, body, origin)


@pytest.mark.parametrize("lines", [1, 5, 6, 23])
def test_split_parts_numbers_continuously_and_keeps_every_line_in_order(lines):
    doc = _document(document_type("arrival"), lines)
    parts = split_parts(doc, 5)
    n = part_count(lines, 5)
    assert len(parts) == n
    assert [p.head["msgSeqNo"] for p in parts] == [str(i) for i in range(1, n + 1)]
    assert {p.head["msgCount"] for p in parts} == {str(n)}
    assert {p.head["copNo"] for p in parts} == {"COP1"}
    assert len({p.head["guid"] for p in parts}) == n  # each node its own record
    assert parts[0].head["guid"] == "A" * 36
    # the same part is the same record when it is built again (a lost staged file)
    assert [p.head["guid"] for p in split_parts(doc, 5)] == [p.head["guid"] for p in parts]
    assert [line["logisticsNo"] for p in parts for line in p.lines] == [f"L{i}" for i in range(1, lines + 1)]
    for p in parts:
        assert [line["gnum"] for line in p.lines] == [str(i) for i in range(1, len(p.lines) + 1)]
        assert len(p.lines) <= 5
    # each part points at its own rows of the workbook
    assert [r for p in parts for r in p.origin.line_rows] == list(range(3, 3 + lines))
    assert doc.lines[0]["gnum"] == "1" and doc.head["msgSeqNo"] == "1"  # the document is not changed


def test_types_without_parts_are_not_split():
    doc_type = document_type("export-inventory")
    doc = Document(doc_type.message, {"copNo": "X"}, [{"gnum": "1"}] * 7, SheetOrigin("f", "s", 3, {}))
    assert split_parts(doc, 2) == [doc]


@pytest.mark.parametrize("doc_type", PARTS, ids=lambda d: d.name)
@pytest.mark.parametrize(("lines", "expected"), [(1, 1), (4, 1), (5, 2), (17, 5)])
def test_a_long_document_is_sent_in_numbered_parts(
    doc_type, lines, expected, tmp_path, profile, signer, export_schema
):
    """msgCount is "拆分后的报文总数" and msgSeqNo "当前报文序号": each part of a split document
    is a message of its own holding that part alone; unsplit documents share a message."""
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=2, lines=lines)
    report = _convert(tmp_path, doc_type, profile, signer, source=source, part_lines=4)
    assert (report.documents, report.converted) == (2, 2)
    nodes = [n for m in report.messages for n in _nodes(m.path, doc_type)]
    for message in report.messages:
        assert export_schema.validate(etree.parse(str(message.path))), export_schema.error_log
    heads = [_head(n, doc_type) for n in nodes]
    assert len(heads) == 2 * expected
    if expected == 1:
        assert [len(_nodes(m.path, doc_type)) for m in report.messages] == [2]
        assert [(m.part, m.parts) for m in report.messages] == [(None, None)]
    else:
        assert [len(_nodes(m.path, doc_type)) for m in report.messages] == [1] * 2 * expected
        assert [(m.part, m.parts, m.documents) for m in report.messages] == [
            (seq, expected, 1) for seq in range(1, expected + 1)
        ] * 2
        assert len({m.path.name for m in report.messages}) == len(report.messages)
    for number in {h["copNo"] for h in heads}:
        mine = [h for h in heads if h["copNo"] == number]
        assert [h["msgSeqNo"] for h in mine] == [str(i) for i in range(1, expected + 1)]
        assert {h["msgCount"] for h in mine} == {str(expected)}
    assert len({h["guid"] for h in heads}) == len(heads)
    # every line arrives once, gnum from 1 in each part
    list_name = doc_type.list.name
    per_node = [n.findall(f"{CEB}{list_name}") for n in nodes]
    assert sum(len(lines_) for lines_ in per_node) == 2 * lines
    if "gnum" in doc_type.list:
        for lines_ in per_node:
            assert [x.findtext(f"{CEB}gnum") for x in lines_] == [str(i) for i in range(1, len(lines_) + 1)]
    results = list(validate([m.path for m in report.messages]))
    for result in results:
        assert result.ok, [f.render() for f in result.findings if f.is_error]
        assert result.schema_ok
    if expected > 1:  # each file: one document's part, said as such
        assert [(r.documents, r.part) for r in results] == [
            (1, (seq, expected)) for seq in range(1, expected + 1)
        ] * 2
        assert results[0].to_json()["part"] == {"msgSeqNo": 1, "msgCount": expected}


def test_split_documents_go_alone_and_unsplit_ones_are_batched(tmp_path, profile, export_schema):
    """Three short departures share one message; a long one is three messages of one part each."""
    doc_type = document_type("departure")
    short = filled_template(doc_type, tmp_path / "short.xlsx", documents=3, lines=2)
    long = filled_template(doc_type, tmp_path / "long.xlsx", documents=1, lines=5)
    out = tmp_path / "out"
    report = convert([short, long], ConvertOptions(out_dir=out, profile=profile, part_lines=2))
    assert (report.documents, report.converted, report.rejected) == (4, 4, 0)
    assert [(m.documents, m.part, m.parts) for m in report.messages] == [
        (3, None, None), (1, 1, 3), (1, 2, 3), (1, 3, 3),
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == sorted(m.path.name for m in report.messages)
    for message in report.messages:
        assert export_schema.validate(etree.parse(str(message.path)))


def test_a_2500_line_arrival_is_one_document_in_three_messages(tmp_path, profile, profile_file, capsys):
    """The convert report and validate count documents, not parts: "1 document, 3 messages"."""
    from cebdesk.cli import main

    doc_type = document_type("arrival")
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=1, lines=2500)
    out = tmp_path / "out"
    report = convert([source], ConvertOptions(out_dir=out, profile=profile))
    assert (report.documents, report.converted, len(report.messages)) == (1, 1, 3)
    assert report.to_json()["documents"] == 1
    results = list(validate(sorted(out.iterdir())))
    assert [r.documents for r in results] == [1, 1, 1]
    assert sorted(r.part for r in results) == [(1, 3), (2, 3), (3, 3)]
    capsys.readouterr()
    args = [
        "convert",
        str(source),
        "-o",
        str(tmp_path / "cli"),
        "--profile",
        str(profile_file),
        "--lang",
        "en",
    ]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "1 document(s): 1 converted" in text and "3 message(s) written" in text


def test_an_unsplit_document_is_part_one_of_one(tmp_path, profile):
    doc_type = document_type("waybill")
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=1, lines=3)
    report = _convert(tmp_path, doc_type, profile, source=source)
    head = _head(_nodes(report.messages[0].path, doc_type)[0], doc_type)
    assert (head["msgCount"], head["msgSeqNo"]) == ("1", "1")


def test_part_fields_are_not_template_columns():
    for doc_type in PARTS:
        headers = {c.header for c in template_columns(doc_type)}
        assert not headers & {"msgCount", "msgSeqNo"}, doc_type.name


@pytest.mark.parametrize("name", ["arrival", "summary"])
def test_lists_the_standard_lets_be_empty(name, tmp_path, profile, export_schema):
    doc_type = document_type(name)
    rows = document_rows(doc_type, 0, 1)
    for row in rows:
        for col in template_columns(doc_type):
            if col.in_list:
                row.pop(col.header, None)
    report = _convert(
        tmp_path, doc_type, profile, source=write_workbook(doc_type, rows, tmp_path / "in.xlsx")
    )
    path = report.messages[0].path
    assert export_schema.validate(etree.parse(str(path))), export_schema.error_log
    assert not _nodes(path, doc_type)[0].findall(f"{CEB}{doc_type.list.name}")


# -- 100 heads, longest text, 5 decimals ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("doc_type", EXPORT_TYPES, ids=lambda d: d.name)
def test_100_heads_in_one_signed_message(doc_type, tmp_path, profile, signer, export_schema):
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=100, lines=2)
    report = _convert(tmp_path, doc_type, profile, signer, source=source)
    assert report.converted == 100
    assert len(report.messages) == 1
    path = report.messages[0].path
    assert export_schema.validate(etree.parse(str(path))), export_schema.error_log
    assert len(_nodes(path, doc_type)) == 100
    assert next(verify_files([path])).valid


@pytest.mark.slow
def test_100_inventories_of_100_lines(tmp_path, profile, signer, export_schema):
    doc_type = document_type("export-inventory")
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=100, lines=100)
    report = _convert(tmp_path, doc_type, profile, signer, source=source)
    assert len(report.messages) == 1
    path = report.messages[0].path
    assert export_schema.validate(etree.parse(str(path))), export_schema.error_log
    assert all(len(n) == 101 for n in _nodes(path, doc_type))  # head + 100 lines


@pytest.mark.parametrize("doc_type", EXPORT_TYPES, ids=lambda d: d.name)
def test_longest_chinese_text_and_five_decimals_survive(doc_type, tmp_path, profile, signer, export_schema):
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=2, lines=2, longest=True)
    report = _convert(tmp_path, doc_type, profile, signer, source=source)
    path = report.messages[0].path
    assert export_schema.validate(etree.parse(str(path))), export_schema.error_log
    parsed = read_message_file(path)
    rows = document_rows(doc_type, 0, 2, longest=True)
    for col in template_columns(doc_type):
        if col.in_list or col.header not in rows[0]:
            continue
        value = str(rows[0][col.header])
        if value.startswith("测") or value == "12345678901234.12345":
            assert parsed.documents[0].head[col.name] == value, col.header


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_type", EXPORT_TYPES, ids=lambda d: d.name)
def test_template_filled_converted_and_read_back_gives_the_same_values(doc_type, tmp_path, profile):
    rows = document_rows(doc_type, 7, 3)
    source = write_workbook(doc_type, rows, tmp_path / "in.xlsx")
    report = _convert(tmp_path, doc_type, profile, source=source)
    parsed = read_message_file(report.messages[0].path)
    assert parsed.ok
    (doc,) = parsed.documents
    columns = template_columns(doc_type)
    for col in columns:
        if not col.in_list and rows[0].get(col.header) is not None:
            assert doc.head[col.name] == str(rows[0][col.header]), col.header
    if doc_type.list is not None:
        assert len(doc.lines) == 3
        for row, line in zip(rows, doc.lines, strict=True):
            for col in columns:
                if col.in_list and row.get(col.header) is not None:
                    assert line[col.name] == str(row[col.header]), col.header


# -- signature before ExtendMessage; validate, sign, verify ----------------------------------------


def _with_extend_message(path, tmp_path):
    tree = etree.parse(str(path))
    root = tree.getroot()
    extend = etree.SubElement(root, f"{CEB}ExtendMessage")
    etree.SubElement(extend, f"{CEB}name").text = "ext"
    etree.SubElement(extend, f"{CEB}version").text = "1.0"
    message = etree.SubElement(extend, f"{CEB}Message")
    etree.SubElement(message, f"{CEB}anything").text = "x"
    out = tmp_path / "extended" / path.name
    out.parent.mkdir(exist_ok=True)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return out


def _children(path):
    return [etree.QName(c).localname for c in etree.parse(str(path)).getroot()]


@pytest.mark.parametrize("name", ["export-inventory", "summary", "tally"])
def test_signature_sits_before_extend_message(name, tmp_path, profile, signer, test_keys, export_schema):
    doc_type = document_type(name)
    unsigned = _convert(tmp_path, doc_type, profile, source=filled_template(doc_type, tmp_path / "in.xlsx"))
    extended = _with_extend_message(unsigned.messages[0].path, tmp_path)
    assert export_schema.validate(etree.parse(str(extended)))
    # convert (re-emit) an export message, signed
    again = convert([extended], ConvertOptions(out_dir=tmp_path / "again", profile=profile, signer=signer))
    assert again.exit_code == 0, [f.render() for f in again.findings]
    # sign the user's own file
    report = sign_files([extended], tmp_path / "signed", signer)
    assert report.exit_code == 0, [f.render() for f in report.findings]
    for path in (again.messages[0].path, report.signed[0].path):
        names = _children(path)
        assert names[-2:] == ["Signature", "ExtendMessage"], names
        assert export_schema.validate(etree.parse(str(path))), export_schema.error_log
        (verdict,) = verify_files([path])
        assert verdict.valid, [f.render() for f in verdict.findings]
        (result,) = validate([path])
        assert result.ok and result.schema_ok, [f.render() for f in result.findings]


def test_a_signature_after_extend_message_is_out_of_order_in_export(tmp_path, profile, signer):
    doc_type = document_type("export-order")
    signed = (
        _convert(tmp_path, doc_type, profile, signer, source=filled_template(doc_type, tmp_path / "in.xlsx"))
        .messages[0]
        .path
    )
    tree = etree.parse(str(signed))
    root = tree.getroot()
    sig = root.find(f"{{{NS_DS}}}Signature")
    root.remove(sig)
    extend = etree.SubElement(root, f"{CEB}ExtendMessage")
    for tag, text in (("name", "n"), ("version", "1")):
        etree.SubElement(extend, f"{CEB}{tag}").text = text
    etree.SubElement(etree.SubElement(extend, f"{CEB}Message"), f"{CEB}x")
    root.append(copy.deepcopy(sig))
    bad = tmp_path / "bad.xml"
    tree.write(str(bad), xml_declaration=True, encoding="UTF-8")
    (result,) = validate([bad])
    assert not result.schema_ok
    assert any(f.rule == "message.order" and "Signature" in f.render() for f in result.findings), [
        f.render() for f in result.findings
    ]
