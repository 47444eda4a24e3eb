"""End to end: the same inventory refused by the customs simulator without the checks (the
standard's codes) and stopped before signing with them."""

from __future__ import annotations

import pytest

from cebdesk.exchange.simulator import Customs, run_folder
from tests.cross.conftest import make_workspace
from tests.cross.docs import rows, workbook


def _declared_partners(ws, tmp_path, signer, customs):
    files = [workbook(k, tmp_path / f"{k}.xlsx") for k in ("order", "payment", "logistics")]
    assert ws.import_files(files).new == 3
    assert ws.send(signer).documents == 3
    run_folder(ws.outbox(), customs)
    ws.receive()


def _status(ws, code="CEB621Message"):
    with ws.journal() as journal:
        return [(d.state, d.customs_status, d.customs_info) for d in journal.documents(message_type=code)]


CASES = [
    ("buyer name", {"buyerName": "李四"}, {}, "-621001", "三单对碰"),
    ("logistics company", {"logisticsCode": "3301980099"}, {}, "-621001", "logisticsCode"),
    ("quantity", {}, {0: {"qty": "3"}}, "-621001", "qty"),
    ("single limit", {"freight": "5000"}, {}, "-621005", "单笔限额"),
]


@pytest.mark.parametrize("what,head,lines,code,words", CASES, ids=[c[0] for c in CASES])
def test_refused_by_customs_without_the_checks_stopped_before_signing_with_them(
    tmp_path, signer, what, head, lines, code, words
):
    spoiled = rows("inventory", head=head, lines=lines)
    if what == "single limit":  # the order says the same freight: only the limit is broken
        partners = {"order": rows("order", head={"freight": "5000", "acturalPaid": "5250"}),
                    "payment": rows("payment", head={"amountPaid": "5250"}),
                    "logistics": rows("logistics", head={"freight": "5000"})}  # fmt: skip
    else:
        partners = {}
    for name, checks in (("without", False), ("with", True)):
        ws = make_workspace(tmp_path / name)
        folder = tmp_path / f"{name}-files"
        folder.mkdir()
        customs = Customs(tmp_path / f"{name}-customs")
        for kind, doc in partners.items():
            workbook(kind, folder / f"{kind}.xlsx", doc)
        files = [folder / f"{k}.xlsx" if k in partners else workbook(k, folder / f"{k}.xlsx") for k in ("order", "payment", "logistics")]
        assert ws.import_files(files).new == 3
        ws.send(signer)
        run_folder(ws.outbox(), customs)
        ws.receive()
        ws.journal_checks = checks
        imported = ws.import_files([workbook("inventory", folder / "inventory.xlsx", spoiled)])
        sent = ws.send(signer)
        run_folder(ws.outbox(), customs)
        ws.receive()
        if not checks:
            assert imported.new == 1 and sent.documents == 1
            ((state, status, info),) = _status(ws)
            assert state == "sent" and status == code and words in info, info
        else:
            assert imported.rejected == 1 and sent.documents == 0  # nothing signed, nothing sent
            assert _status(ws) == []
            assert any(code in f.render() or f.rule.startswith("cross.") for f in imported.findings)


def test_documents_that_agree_are_released(tmp_path, signer):
    ws = make_workspace(tmp_path / "ws")
    customs = Customs(tmp_path / "customs")
    _declared_partners(ws, tmp_path, signer, customs)
    imported = ws.import_files([workbook("inventory", tmp_path / "inventory.xlsx")])
    assert imported.new == 1 and not [f for f in imported.findings if f.is_error]
    ws.send(signer)
    run_folder(ws.outbox(), customs)
    ws.receive()
    assert _status(ws)[0][1] == "800"


def test_the_simulator_keeps_the_annual_total(tmp_path, signer):
    """Six inventories of one buyer worth 5,000 each, declared without the checks: the sixth
    is refused with -621018."""
    ws = make_workspace(tmp_path / "ws")
    ws.journal_checks = False
    customs = Customs(tmp_path / "customs")
    goods = (("SKU-A", "婴儿奶粉", "1", "4990"),)
    docs = [rows("inventory", n=n, goods=goods) for n in range(6)]
    ws.import_files([workbook("inventory", tmp_path / "i.xlsx", *docs)])
    ws.send(signer)
    run_folder(ws.outbox(), customs)
    ws.receive()
    statuses = sorted(s for _, s, _ in _status(ws))
    assert statuses == ["-621018", "800", "800", "800", "800", "800"]
