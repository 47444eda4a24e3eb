"""Which client a document belongs to, and what its empty cells take: the cell beats the
client, the client beats [defaults]; an explicit client and a document naming another ebcCode
refuse the file, nothing journaled; an unknown client name says which there are."""

from __future__ import annotations

import pytest

from cebdesk.clients import UnknownClient
from cebdesk.excel.reader import WorkbookReader
from cebdesk.pipeline.workspace import Workspace
from cebdesk.settings import load_profile
from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

from .profile import A, A_EBC, B, B_EBC, B_EBP, write_profile

ORDER = document_type("order")
PAYMENT = document_type("payment")
OTHER_EBC = "1105910999"


@pytest.fixture
def profile(tmp_path):
    return load_profile(write_profile(tmp_path / "data"))


def order_rows(n: int, **cells):
    rows = document_rows(ORDER, n, 2)
    rows[0].update(cells)
    for row in rows:  # the goods' country left to the defaults unless a case sets it
        row["country"] = cells.get("country")
    return rows


def read(tmp_path, profile, doc_type, rows, named=None):
    path = write_workbook(doc_type, rows, tmp_path / "in.xlsx")
    reader = WorkbookReader(
        path,
        doc_type,
        defaults=profile.defaults,
        clients=profile.clients,
        client=None if named is None else next(c for c in profile.clients if c.name == named),
    )
    return [(doc, found) for doc, found in reader.documents()]


# (case, cells of the order's head, client named, expected head values, expected goods country)
CASES = [
    ("by ebcCode A", {"ebcCode": A_EBC, "ebcName": None, "ebpName": None}, None,
     {"ebcName": "华东电商有限公司", "ebpName": "华东平台"}, "116"),
    ("by ebcCode B", {"ebcCode": B_EBC, "ebcName": None, "ebpName": None}, None,
     {"ebcName": "华南电商有限公司", "ebpName": "华南平台"}, "502"),
    ("ebcCode of no client: [defaults] only", {"ebcCode": OTHER_EBC, "ebpName": None}, None,
     {"ebpName": "默认平台"}, "502"),
    ("the cell beats the client", {"ebcCode": A_EBC, "ebpName": "单元格平台", "country": "304"}, None,
     {"ebpName": "单元格平台"}, "304"),
    ("explicit client fills an empty ebcCode", {"ebcCode": None, "ebcName": None}, B,
     {"ebcCode": B_EBC, "ebcName": "华南电商有限公司"}, "502"),
    ("explicit client, same ebcCode", {"ebcCode": A_EBC, "ebpName": None}, A,
     {"ebcCode": A_EBC, "ebpName": "华东平台"}, "116"),
    ("client's import value beats [defaults.import]", {"ebcCode": A_EBC, "payName": None}, None,
     {"payName": "华东支付"}, "116"),
    ("client's value for both directions beats [defaults.import]", {"ebcCode": B_EBC, "payName": None}, None,
     {"payName": "华南支付"}, "502"),
    ("no client: [defaults.import]", {"ebcCode": OTHER_EBC, "payName": None}, None,
     {"payName": "默认支付（进口）"}, "502"),
    ("explicit client beats the ebcCode [defaults] gives", {"ebcCode": None, "ebcName": None}, B,
     {"ebcCode": B_EBC, "ebcName": "华南电商有限公司"}, "502"),
    ("an empty ebcCode: the one [defaults] gives chooses", {"ebcCode": None, "ebcName": None}, None,
     {"ebcCode": A_EBC, "ebcName": "华东电商有限公司"}, "116"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "cells", "named", "head", "country"), CASES, ids=[c[0] for c in CASES])
def test_a_documents_empty_cells_take_its_clients_values(tmp_path, profile, case, cells, named, head, country):
    [(doc, found)] = read(tmp_path, profile, ORDER, order_rows(0, **cells), named)
    assert not [f for f in found if f.is_error], [f.render() for f in found]
    for name, value in head.items():
        assert doc.head[name] == value, (case, name)
    assert [line["country"] for line in doc.lines] == [country, country]


def test_each_document_of_one_file_takes_its_own_client(tmp_path, profile):
    rows = order_rows(0, ebcCode=A_EBC, ebcName=None) + order_rows(1, ebcCode=B_EBC, ebcName=None)
    docs = read(tmp_path, profile, ORDER, rows)
    assert [d.head["ebcName"] for d, _ in docs] == ["华东电商有限公司", "华南电商有限公司"]
    assert [d.lines[0]["country"] for d, _ in docs] == ["116", "502"]


@pytest.mark.parametrize(
    ("ebp", "expected"),
    [(B_EBP, "华南支付"), ("1105910888", "默认支付（进口）")],
    ids=["the one client with that ebpCode", "no client with that ebpCode"],
)
def test_a_payment_has_no_ebccode_and_is_chosen_by_its_ebpcode(tmp_path, profile, ebp, expected):
    [row] = document_rows(PAYMENT, 0)
    row.update(ebpCode=ebp, payName=None)
    [(doc, found)] = read(tmp_path, profile, PAYMENT, [row])
    assert doc.head["payName"] == expected


def test_a_column_the_file_lacks_is_filled_by_the_client_named(tmp_path, profile):
    rows = [{k: v for k, v in row.items() if k not in ("ebcCode", "ebcName")} for row in order_rows(0)]
    [(doc, found)] = read(tmp_path, profile, ORDER, rows, B)
    assert (doc.head["ebcCode"], doc.head["ebcName"]) == (B_EBC, "华南电商有限公司")


def test_a_column_every_client_fills_may_be_missing_when_chosen_by_ebccode(tmp_path, profile):
    rows = [{k: v for k, v in row.items() if k != "ebcName"} for row in order_rows(0, ebcCode=B_EBC)]
    [(doc, found)] = read(tmp_path, profile, ORDER, rows)
    assert doc.head["ebcName"] == "华南电商有限公司"


def test_explicit_client_and_another_ebccode_is_an_error_at_the_cell_naming_both(tmp_path, profile):
    rows = order_rows(0, ebcCode=A_EBC) + order_rows(1, ebcCode=B_EBC)
    docs = read(tmp_path, profile, ORDER, rows, A)
    assert not docs[0][1] or not any(f.rule == "client.mismatch" for f in docs[0][1])
    [finding] = [f for f in docs[1][1] if f.rule == "client.mismatch"]
    assert (finding.location.row, finding.element) == (5, "ebcCode")  # rows 3-4: the first order
    assert finding.location.column is not None
    for lang in ("zh", "en"):
        text = finding.render(lang)
        assert A_EBC in text and B_EBC in text and A in text and "!" in text


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_mismatch_refuses_the_whole_file_nothing_journaled(tmp_path, profile, where):
    good, bad = order_rows(0, ebcCode=A_EBC), order_rows(1, ebcCode=B_EBC)
    rows = bad + good if where == "first" else good + bad
    path = write_workbook(ORDER, rows, tmp_path / "in.xlsx")
    workspace = Workspace(tmp_path / "data", profile=profile)
    report = workspace.import_files([path], client=A)
    assert report.refused_files == 1 and report.exit_code == 1
    assert any(f.rule == "client.mismatch" for f in report.findings)
    assert workspace.status() == []


def test_a_mismatch_in_an_xml_message_refuses_it_too(tmp_path, profile, signer):
    from cebdesk.pipeline import ConvertOptions, convert

    path = write_workbook(ORDER, order_rows(0, ebcCode=B_EBC), tmp_path / "in.xlsx")
    written = convert([path], ConvertOptions(tmp_path / "out", profile=profile)).messages
    [message] = [m.path for m in written]
    workspace = Workspace(tmp_path / "data", profile=profile)
    report = workspace.import_files([message], client=A)
    assert any(f.rule == "client.mismatch" and f.location.path for f in report.findings)
    assert workspace.status() == []
    assert workspace.import_files([message], client=B).exit_code == 0
    assert len(workspace.status()) == 1


def test_an_unknown_client_is_refused_before_anything_is_read(tmp_path, profile):
    path = write_workbook(ORDER, order_rows(0, ebcCode=A_EBC), tmp_path / "in.xlsx")
    workspace = Workspace(tmp_path / "data", profile=profile)
    with pytest.raises(UnknownClient) as caught:
        workspace.import_files([path], client="华北电商")
    assert A in caught.value.text("zh") and B in caught.value.text("en")
    assert not (tmp_path / "data" / "journal.sqlite3").exists() or workspace.status() == []
