"""The checks of an import look their partners and buyers up a chunk of documents at a time
(pipeline.files.prefetched, JournalChecks.prefetch): the findings are those of one look-up per
inventory, whatever the chunk's bounds, and no inventory asks the journal on its own."""

from __future__ import annotations

import pytest

from cebdesk.checks.identity import check_digit
from cebdesk.pipeline import checking, files
from cebdesk.store.journal import Journal
from tests.cross.conftest import make_workspace
from tests.cross.docs import LOGISTICS_NO, rows, workbook

OTHER_ID = "11010119850505123" + check_digit("11010119850505123")


def _findings(report):
    return sorted(
        (f.location.row or 0, f.rule, f.element or "", f.params.get("partner_doc", ""), str(f.params.get("total", "")))
        for f in report.findings
    )


def _journal(tmp_path):
    """Orders, payments, waybills for documents 1-9; document 4's waybill found only by its
    number (it names another order); document 7 has no partner at all; the buyer of 1-9 has
    inventories of 25,000 in the journal, so the fourth of the run (RMB 260 each) goes over
    the year's 26,000."""
    ws = make_workspace(tmp_path / "ws")
    for kind in ("order", "payment", "logistics"):
        docs = []
        for n in range(1, 10):
            if n == 7:
                continue
            head = {"orderNo": "ORD-ELSEWHERE", "logisticsNo": f"{LOGISTICS_NO}-4"} if kind == "logistics" and n == 4 else None
            docs.append(rows(kind, n=n, head=head))
        assert ws.import_files([workbook(kind, tmp_path / f"{kind}.xlsx", *docs)], reference=True).new == 8
    big = [rows("inventory", n=n, goods=(("SKU-A", "婴儿奶粉", "1", "4990"),)) for n in range(91, 96)]
    ws.journal_checks = False
    assert ws.import_files([workbook("inventory", tmp_path / "earlier.xlsx", *big)]).new == 5
    ws.journal_checks = True
    return ws


def _inventories(tmp_path):
    docs = [rows("inventory", n=n) for n in range(1, 10)]
    docs[2] = rows("inventory", n=3, head={"buyerName": "李四"})  # disagrees with order and payment
    docs[5] = rows("inventory", n=6, head={"buyerIdNumber": OTHER_ID})  # another buyer
    return workbook("inventory", tmp_path / "inventories.xlsx", *docs)


@pytest.mark.parametrize("chunk", [1, 2, 4, 256])
def test_chunked_lookups_find_what_single_ones_find(tmp_path, monkeypatch, chunk):
    ws = _journal(tmp_path)
    path = _inventories(tmp_path)
    monkeypatch.setattr(checking.JournalChecks, "prefetch", None)  # one look-up per inventory
    single = ws.check_files([path])
    monkeypatch.undo()
    monkeypatch.setattr(files, "PREFETCH_CHUNK", chunk)
    chunked = ws.check_files([path])
    assert _findings(chunked) == _findings(single)
    rules = {f.rule for f in single.findings}
    # the cases are really there: a mismatch, a missing partner, the annual limit
    assert {"cross.differs", "cross.partner_missing", "limit.annual"} <= rules, rules


def test_an_import_asks_the_journal_per_chunk_not_per_inventory(tmp_path, monkeypatch):
    ws = _journal(tmp_path)
    path = _inventories(tmp_path)
    asked = []
    for name in ("partners_by_order", "documents_by_number", "buyer_inventories"):
        method = getattr(Journal, name)
        monkeypatch.setattr(Journal, name, lambda self, *a, _m=method, _n=name: asked.append(_n) or _m(self, *a))
    report = ws.import_files([path])
    assert report.documents == 9 and asked == []
    monkeypatch.setattr(checking.JournalChecks, "prefetch", None)
    ws.check_files([path])
    assert asked.count("partners_by_order") == 9


def test_batch_lookups_match_single_ones_past_one_statement(tmp_path):
    """More numbers than one SQL IN (...) takes at a time."""
    ws = make_workspace(tmp_path / "ws")
    docs = [rows("order", n=n, head={"buyerIdNumber": OTHER_ID}) for n in range(1, 1201)]
    assert ws.import_files([workbook("order", tmp_path / "orders.xlsx", *docs)], reference=True).new == 1200
    numbers = [f"ORD2024001-{n}" for n in range(1, 1201)] + ["ORD-NONE"]
    with ws.journal() as journal:
        many = journal.partners_by_orders(numbers, ["CEB311Message"])
        assert len(many) == 1200 and "ORD-NONE" not in many
        for number in ("ORD2024001-1", "ORD2024001-700", "ORD2024001-1200"):
            assert [d.id for d in many[number]] == [d.id for d in journal.partners_by_order(number, ["CEB311Message"])]
