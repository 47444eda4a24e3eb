"""The buyer's limits: RMB 5,000 a transaction, RMB 26,000 a calendar year per buyer ID, from
the journal's released and pending inventories (real SQLite), other currencies by [rates]."""

from __future__ import annotations

import pytest

from cebdesk.checks.limits import BuyerLedger
from cebdesk.findings import InputError
from cebdesk.records import Document, XmlOrigin
from cebdesk.spec import message_type
from cebdesk.summary.classify import Rates
from tests.cross.conftest import make_workspace
from tests.cross.docs import rows, workbook


def _inventory(n: int, price: str, *, year: str = "2024", currency: str = "142", freight: str = "10", insured="0"):
    """An inventory worth ``price`` + freight + insured fee, one line."""
    return rows(
        "inventory",
        n=n,
        goods=(("SKU-A", "婴儿奶粉", "1", price),),
        head={"freight": freight, "insuredFee": insured, "declTime": f"{year}0301", "appTime": f"{year}0301120000",
              "currency": currency},
        lines={0: {"currency": currency}},
    )  # fmt: skip


def _rules(report):
    return [f.rule for f in report.findings if f.is_error]


@pytest.mark.parametrize(
    "price,freight,insured,refused",
    [
        ("4990", "10", "0", False),  # 5,000.00: within the limit
        ("4990.01", "10", "0", True),  # 5,000.01: over it
        ("4980", "10", "10", False),  # freight and insurance are part of the value
        ("4980", "10", "10.01", True),
    ],
)
def test_single_transaction(ws, tmp_path, price, freight, insured, refused):
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, price, freight=freight, insured=insured))])
    assert _rules(report) == (["limit.single"] if refused else [])
    if refused:
        text = report.findings[-1].render()
        assert "-621005" in text and "5,000.00" in text and "110101********1237" in text


def _journal(ws, tmp_path, *docs, name="prior.xlsx"):
    ws.journal_checks = False  # the earlier inventories as they were declared
    report = ws.import_files([workbook("inventory", tmp_path / name, *docs)])
    ws.journal_checks = True
    assert report.new == len(docs)


@pytest.mark.parametrize("last,refused", [("990", False), ("990.01", True)])
def test_annual_limit_at_26000(ws, tmp_path, last, refused):
    _journal(ws, tmp_path, *(_inventory(n, "4990") for n in range(1, 6)))  # 5 x 5,000 = 25,000
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, last))])
    assert _rules(report) == (["limit.annual"] if refused else [])
    if refused:
        finding = report.findings[-1]
        assert finding.params["before"] == "25,000.00" and finding.params["count"] == 5
        assert "-621018" in finding.render() and "26,000.00" in finding.render("en")


def test_another_year_does_not_count(ws, tmp_path):
    _journal(ws, tmp_path, *(_inventory(n, "4990", year="2023") for n in range(1, 6)))
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, "4990", year="2024"))])
    assert _rules(report) == []
    report = ws.check_files([workbook("inventory", tmp_path / "j.xlsx", _inventory(0, "4990", year="2023"))])
    assert _rules(report) == ["limit.annual"]


def test_refused_and_cancelled_inventories_do_not_count(ws, tmp_path):
    _journal(ws, tmp_path, *(_inventory(n, "4990") for n in range(1, 6)))
    with ws.journal() as journal, journal.transaction():
        first = journal.documents(message_type="CEB621Message")[0]
        journal.db.execute("UPDATE documents SET customs_status='-621001' WHERE id=?", (first.id,))
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, "4990"))])
    assert _rules(report) == []  # 20,000 + 5,000


def test_inventories_of_one_file_add_up(ws, tmp_path):
    docs = [_inventory(n, "4990") for n in range(6)]  # the sixth makes 30,000
    report = ws.import_files([workbook("inventory", tmp_path / "i.xlsx", *docs)])
    assert report.new == 5 and report.rejected == 1
    assert _rules(report) == ["limit.annual"]


def test_the_same_inventory_again_is_counted_once(ws, tmp_path):
    _journal(ws, tmp_path, *(_inventory(n, "4990") for n in range(5)))
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, "4990"))])
    assert _rules(report) == []  # a re-import (or modification) replaces itself


@pytest.mark.parametrize(
    "rates,price,expected",
    [
        ({"USD": "7"}, "700", []),  # 4,900 + 70 freight = 4,970
        ({"USD": "7.2"}, "700", ["limit.single"]),  # 5,040 + 72
        ({"502": "7"}, "3000", ["limit.single"]),  # by the customs code too
        ({}, "700", ["limit.no_rate"]),  # never 1:1
    ],
)
def test_other_currencies_by_the_profiles_rates(rates, price, expected):
    """The standard allows RMB (142) only on an import inventory, so the field rules refuse
    another currency first; the ledger still converts (one rate table: summary.classify.Rates)."""
    ledger = BuyerLedger(lambda _id: [], Rates(rates).to_rmb)
    head = {"buyerIdNumber": "110101199001011237", "buyerName": "张三", "freight": "10", "insuredFee": "0",
            "currency": "502", "orderNo": "O1", "ebpCode": "E1", "declTime": "20240301"}
    lines = [{"gnum": "1", "totalPrice": price, "currency": "502"}]
    doc = Document(message_type("CEB621Message"), head, lines, XmlOrigin("i.xml", "/"))
    assert [f.rule for f in ledger.check(doc)] == expected


def test_the_annual_total_of_a_year_before_the_journal_knows_it():
    seen = []
    prior = [("O0/E1", {"declTime": "20241231", "freight": "0"}, [{"totalPrice": "25000"}]),
             ("O9/E1", {"declTime": "20250101", "freight": "0"}, [{"totalPrice": "25000"}])]  # fmt: skip
    ledger = BuyerLedger(lambda id_: seen.append(id_) or prior, Rates().to_rmb)
    head = {"buyerIdNumber": "X1", "orderNo": "O1", "ebpCode": "E1", "freight": "0", "declTime": "20241230"}
    doc = Document(message_type("CEB621Message"), head, [{"totalPrice": "1000"}], XmlOrigin("i.xml", "/"))
    assert [f.rule for f in ledger.check(doc)] == []  # 25,000 + 1,000 in 2024
    ledger.add(doc)
    second = Document(message_type("CEB621Message"), {**head, "orderNo": "O2"}, [{"totalPrice": "0.01"}], doc.origin)
    assert [f.rule for f in ledger.check(second)] == ["limit.annual"]  # 26,000.01
    assert seen == ["X1"]  # the journal asked once per buyer


def test_limits_are_settings(tmp_path):
    ws = make_workspace(tmp_path / "ws", '[limits]\nsingle = "100"\nannual = "200"\n')
    report = ws.check_files([workbook("inventory", tmp_path / "i.xlsx", _inventory(0, "95"))])
    assert _rules(report) == ["limit.single"]
    bad = make_workspace(tmp_path / "bad", '[limits]\nsingle = "many"\n')
    with pytest.raises(InputError) as caught:
        bad.check_files([workbook("inventory", tmp_path / "j.xlsx", _inventory(0, "95"))])
    assert caught.value.findings[0].rule == "limit.setting"
