"""Receipts as they really arrive: dated in the future, still being written, read by two
processes at once, naming a document by a number another enterprise uses too, repeated.

Real SQLite journals, real outbox folders, real writer and reader processes."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cebdesk.cli import main
from cebdesk.exchange.folders import Outbox
from cebdesk.exchange import receipts as receipts_module
from cebdesk.exchange.receipts import ingest
from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.records import Document, XmlOrigin, new_guid
from cebdesk.spec import document_type, message_type
from cebdesk.store import Journal
from cebdesk.store.migrations import MIGRATIONS
from tests.factory import document_rows, write_workbook

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_A, PLATFORM_B = "4401962010", "33169667BG"
INCOMPLETE_GRACE = getattr(receipts_module, "INCOMPLETE_GRACE", 300)


# -- helpers --------------------------------------------------------------------------------------
def at(**delta) -> str:
    """A returnTime (YYYYMMDDhhmmssSSS) this far from now."""
    moment = datetime.now() + timedelta(**delta)
    return moment.strftime("%Y%m%d%H%M%S") + f"{moment.microsecond // 1000:03d}"


def receipt(code: str, *returns: dict[str, str]) -> bytes:
    """A receipt file as customs writes it (default namespace, indented)."""
    mt = message_type(code)
    docs = [Document(mt, {"guid": new_guid(), **r}, [], XmlOrigin("customs", "/")) for r in returns]
    root = build_message(mt, docs)
    indent(root)
    return serialize(root)


def order_return(
    order_no: str, ebp: str, status: str = "2", time_: str | None = None, info: str = "订单新增申报成功"
):
    return {
        "ebpCode": ebp,
        "ebcCode": "EBC0000001",
        "orderNo": order_no,
        "returnStatus": status,
        "returnTime": time_ or at(),
        "returnInfo": info,
    }


def workbook(tmp_path: Path, type_name: str, heads: list[dict[str, str]], name: str) -> Path:
    """A filled template: one document per head (values override the factory's)."""
    dt = document_type(type_name)
    rows = []
    for n, head in enumerate(heads):
        doc_rows = document_rows(dt, n)
        doc_rows[0].update(head)
        rows.extend(doc_rows)
    return write_workbook(dt, rows, tmp_path / name)


def declare(tmp_path, journal, profile, type_name, heads: list[dict[str, str]]) -> list[int]:
    """Import each head from its own workbook (a workbook groups rows by number); the ids."""
    ids = []
    for head in heads:
        path = workbook(tmp_path, type_name, [head], f"{type_name}-{len(list(tmp_path.glob('*.xlsx')))}.xlsx")
        report = import_files([path], journal, profile=profile)
        assert report.new == 1, [f.render() for f in report.findings]
        ids.append(max(d.id for d in journal.documents()))
    return ids


def drop(outbox: Outbox, name: str, data: bytes, *, age: float = 0.0) -> Path:
    path = outbox.receive / name
    path.write_bytes(data)
    if age:
        old = time.time() - age
        os.utime(path, (old, old))
    return path


def history(journal: Journal, document_id: int) -> list[sqlite3.Row]:
    return journal.receipts_for(document_id)


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "data" / "journal.sqlite3") as j:
        yield j


@pytest.fixture
def outbox(tmp_path):
    return Outbox(tmp_path / "exchange")


# == 13: the key customs uses, everywhere ===========================================================
IDENTITY = [
    ("order", "orderNo", "ebpCode"),
    ("payment", "payTransactionId", "payCode"),
    ("logistics", "logisticsNo", "logisticsCode"),
    ("logistics-status", "logisticsNo", "logisticsCode"),
    ("inventory", "orderNo", "ebpCode"),
    ("delivery", "billNo", "operatorCode"),
]


@pytest.mark.parametrize("type_name, number, enterprise", IDENTITY)
def test_the_same_number_from_another_enterprise_is_another_document(
    tmp_path, journal, profile, type_name, number, enterprise
):
    first, second = (
        workbook(tmp_path, type_name, [{number: "SAME-0001", enterprise: code}], f"{code}.xlsx")
        for code in (PLATFORM_A, PLATFORM_B)
    )
    assert import_files([first], journal, profile=profile).new == 1
    report = import_files([second], journal, profile=profile)
    assert (report.new, report.changed) == (1, 0), [f.render() for f in report.findings]
    documents = journal.documents()
    assert sorted(d.head[enterprise] for d in documents) == sorted([PLATFORM_A, PLATFORM_B])
    again = import_files([first], journal, profile=profile)  # the same rows again: nothing new
    assert (again.new, again.same, again.changed) == (0, 1, 0)
    # the clerk still finds both by the number alone
    assert len(journal.search(key="SAME-0001")) == 2


MATCHING = [
    ("order", "CEB312Message", "orderNo", "ebpCode", {"ebcCode": "EBC0000001"}),
    ("payment", "CEB412Message", "payTransactionId", "payCode", {}),
    ("logistics", "CEB512Message", "logisticsNo", "logisticsCode", {}),
    ("logistics-status", "CEB514Message", "logisticsNo", "logisticsCode", {"logisticsStatus": "S"}),
]


@pytest.mark.parametrize("type_name, code, number, enterprise, extra", MATCHING)
def test_a_receipt_attaches_to_the_document_of_its_own_enterprise(
    tmp_path, journal, outbox, profile, type_name, code, number, enterprise, extra
):
    a, b = declare(
        tmp_path,
        journal,
        profile,
        type_name,
        [{number: "SAME-0001", enterprise: PLATFORM_A}, {number: "SAME-0001", enterprise: PLATFORM_B}],
    )

    def answer(ent: str, status: str) -> bytes:
        values = {number: "SAME-0001", enterprise: ent, **extra}
        return receipt(code, {**values, "returnStatus": status, "returnTime": at(), "returnInfo": "x"})

    drop(outbox, "1-b.xml", answer(PLATFORM_B, "100"))
    drop(outbox, "2-foreign.xml", answer("9999999999", "120"))
    report = ingest(journal, outbox)
    assert journal.document(b).customs_status == "100"
    assert journal.document(a).customs_status is None and not history(journal, a)
    assert [name for name, _ in report.rejected] == ["2-foreign.xml"]
    assert "no document" in (outbox.error / "2-foreign.xml.reason.txt").read_text(encoding="utf-8")


def _inventory(order_no: str, ebp: str, ebc: str, **more) -> dict[str, str]:
    return {"orderNo": order_no, "ebpCode": ebp, "ebcCode": ebc, **more}


def _inventory_return(**values) -> dict[str, str]:
    return {
        "preNo": "B20240101000000001",
        "returnStatus": "2",
        "returnTime": at(),
        "returnInfo": "清单新增申报成功",
        **values,
    }


def test_two_inventories_with_one_order_number_each_get_their_own_receipts(
    tmp_path, journal, outbox, profile
):
    a, b = declare(
        tmp_path,
        journal,
        profile,
        "inventory",
        [
            _inventory("SAME-0001", PLATFORM_A, "EBCA000001", copNo=None),  # left empty by the clerk
            _inventory("SAME-0001", PLATFORM_B, "EBCB000001", copNo=None),
        ],
    )
    cop_a, cop_b = journal.document(a).head["copNo"], journal.document(b).head["copNo"]
    assert cop_a != cop_b  # each got the journal's own number
    drop(outbox, "a.xml", receipt("CEB622Message", _inventory_return(copNo=cop_a, returnStatus="120")))
    drop(
        outbox,
        "b.xml",
        receipt(
            "CEB622Message", _inventory_return(copNo=cop_b, preNo="B20240101000000002", returnStatus="100")
        ),
    )
    assert not ingest(journal, outbox).rejected
    assert (journal.document(a).customs_status, journal.document(b).customs_status) == ("120", "100")


def test_an_enterprise_number_used_by_two_agents_is_told_apart_by_the_agent(
    tmp_path, journal, outbox, profile
):
    a, b = declare(
        tmp_path,
        journal,
        profile,
        "inventory",
        [
            _inventory("ORDER-A", PLATFORM_A, "EBCA000001", copNo="COP-1", agentCode="AGENTA0001"),
            _inventory("ORDER-B", PLATFORM_B, "EBCB000001", copNo="COP-1", agentCode="AGENTB0001"),
        ],
    )
    drop(
        outbox, "1-b.xml", receipt("CEB622Message", _inventory_return(copNo="COP-1", agentCode="AGENTB0001"))
    )
    either = _inventory_return(copNo="COP-1", preNo="B20240101000000009", returnStatus="800")
    drop(outbox, "2-either.xml", receipt("CEB622Message", either))
    report = ingest(journal, outbox)
    assert journal.document(b).customs_status == "2"
    assert journal.document(a).customs_status is None
    assert [name for name, _ in report.rejected] == ["2-either.xml"]  # never guessed
    assert "several" in dict(report.rejected)["2-either.xml"]


def test_an_inventory_receipt_found_by_the_order_number_in_its_text_respects_the_enterprise(
    tmp_path, journal, outbox, profile
):
    a, b = declare(
        tmp_path,
        journal,
        profile,
        "inventory",
        [
            _inventory("SAME-0001", PLATFORM_A, "EBCA000001"),
            _inventory("SAME-0001", PLATFORM_B, "EBCB000001"),
        ],
    )
    info = f"清单新增申报成功[{new_guid()}][电商企业编码：EBCB000001订单编号：SAME-0001]"
    drop(outbox, "b.xml", receipt("CEB622Message", _inventory_return(copNo="NOT-OURS", returnInfo=info)))
    assert not ingest(journal, outbox).rejected
    assert journal.document(b).customs_status == "2"
    assert journal.document(a).customs_status is None


def test_status_finds_documents_by_the_order_number_alone(tmp_path, profile):
    data = tmp_path / "data"
    with Journal.in_dir(data) as journal:
        declare(
            tmp_path,
            journal,
            profile,
            "order",
            [
                {"orderNo": "SAME-0001", "ebpCode": PLATFORM_A},
                {"orderNo": "SAME-0001", "ebpCode": PLATFORM_B},
            ],
        )
    code, out = run("--data-dir", data, "status", "--key", "SAME-0001", "--json")
    assert code == 0
    keys = sorted(item["key"] for item in json.loads(out))
    assert keys == sorted([f"SAME-0001/{PLATFORM_A}", f"SAME-0001/{PLATFORM_B}"])
    code, out = run("--data-dir", data, "status", "--key", f"SAME-0001/{PLATFORM_B}", "--json")
    assert [item["key"] for item in json.loads(out)] == [f"SAME-0001/{PLATFORM_B}"]


def test_a_modification_is_named_by_its_number_alone(tmp_path, profile):
    from cebdesk.pipeline.workspace import Workspace

    data = tmp_path / "data"
    with Journal.in_dir(data) as journal:
        declare(tmp_path, journal, profile, "order", [{"orderNo": "SAME-0001", "ebpCode": PLATFORM_A}])
        changed = workbook(
            tmp_path,
            "order",
            [{"orderNo": "SAME-0001", "ebpCode": PLATFORM_A, "buyerName": "李四"}],
            "c.xlsx",
        )
        assert import_files([changed], journal, profile=profile).changed == 1
    assert Workspace(data, profile=profile).queue_modifications(["SAME-0001"]) == 1  # send --modify SAME-0001
    with Journal.in_dir(data) as journal:
        (document,) = journal.documents()
        assert document.head["buyerName"] == "李四" and document.app_type == "2"


def test_the_simulator_judges_by_the_same_key(tmp_path, journal, outbox, profile, signer):
    declare(
        tmp_path,
        journal,
        profile,
        "order",
        [{"orderNo": "SAME-0001", "ebpCode": PLATFORM_A}, {"orderNo": "SAME-0001", "ebpCode": PLATFORM_B}],
    )
    send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    customs = Customs(tmp_path / "customs")
    try:
        run_folder(outbox, customs)
    finally:
        customs.close()
    assert not ingest(journal, outbox).rejected
    assert sorted(d.customs_status for d in journal.documents()) == ["120", "120"]  # no -301010


def _v2_journal(path: Path) -> tuple[int, int]:
    """A journal as the previous version wrote it: keyed by the number alone."""
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + ";PRAGMA user_version=2;")

    def document(code, key, head, pending=None, state="sent"):
        cur = db.execute(
            "INSERT INTO documents (message_type, business_key, guid, content_hash, record, pending_record, state,"
            " created, updated) VALUES (?, ?, ?, 'h', ?, ?, ?, 't', 't')",
            (
                code,
                key,
                new_guid(),
                json.dumps({"head": head, "lines": [{"gnum": "1"}]}),
                json.dumps({"head": pending, "lines": [{"gnum": "1"}]}) if pending else None,
                state,
            ),
        )
        return cur.lastrowid

    order = document("CEB311Message", "SAME-1", {"orderNo": "SAME-1", "ebpCode": PLATFORM_A, "guid": "G1"})
    inventory = document(
        "CEB621Message",
        "INV-1",
        {"orderNo": "INV-1", "ebpCode": PLATFORM_A, "copNo": "CEBD0000000000000002"},
        pending={"orderNo": "INV-1", "ebpCode": PLATFORM_B, "guid": "G3", "appType": "1"},
    )
    file_id = db.execute(
        "INSERT INTO receipt_files (file_name, message_type, raw, sha256, received) VALUES"
        " ('r.xml', 'CEB312Message', x'00', 'S', 't')"
    ).lastrowid

    def attach(position, ebp, status, when):
        keys = order_return("SAME-1", ebp, status, when)
        db.execute(
            "INSERT INTO receipts (file_id, position, document_id, return_status, return_info, return_time, keys)"
            " VALUES (?, ?, ?, ?, 'x', ?, ?)",
            (file_id, position, order, status, when, json.dumps({"guid": new_guid(), **keys})),
        )

    attach(0, PLATFORM_A, "2", at(minutes=-30))
    accepted = at(minutes=-20)
    for n in range(10):  # ten identical returns, as the old version kept them
        attach(1 + n, PLATFORM_A, "120", accepted)
    attach(11, PLATFORM_B, "-301010", at(minutes=-1))  # another platform's order, wrongly attached
    attach(12, PLATFORM_A, "800", "20990101000000000")  # a clock in the future
    db.execute(
        "UPDATE documents SET customs_status='800', customs_time='20990101000000000' WHERE id=?", (order,)
    )
    db.commit()
    db.close()
    return order, inventory


def test_existing_journals_are_migrated_to_the_new_keys(tmp_path):
    path = tmp_path / "journal.sqlite3"
    order, inventory = _v2_journal(path)
    with Journal(path) as journal:
        assert journal.version == len(MIGRATIONS) >= 3
        assert journal.document(order).business_key == f"SAME-1/{PLATFORM_A}"
        assert journal.document(inventory).business_key == f"INV-1/{PLATFORM_A}"
        # the second inventory, once merged as a "change", is a document of its own, waiting to be sent
        split = journal.find_document("CEB621Message", f"INV-1/{PLATFORM_B}")
        assert split is not None and journal.document(split).state == "ready"
        assert journal.document(split).head["copNo"]
        row = journal.db.execute("SELECT pending_record FROM documents WHERE id=?", (inventory,)).fetchone()
        assert row["pending_record"] is None
        rows = history(journal, order)
        assert [r["return_status"] for r in rows] == ["2", "120", "800"]  # one 120, the other platform's gone
        assert [r["flag"] is not None for r in rows] == [False, False, True]
        assert journal.document(order).customs_status == "120"  # decided by plausible receipts
        moved = journal.db.execute(
            "SELECT document_id FROM receipts WHERE return_status='-301010'"
        ).fetchone()
        assert moved["document_id"] is None
        kinds = {r["kind"] for r in journal.db.execute("SELECT kind FROM events")}
        assert {"split", "receipt-moved"} <= kinds
        assert len(journal.search(key="SAME-1")) == 1
    assert (tmp_path / "journal.v2.bak").is_file()


# == 10: a returnTime far in the future =============================================================
# each time taken when its test runs, not when the module is collected: a long suite would eat
# the five minutes of "a day and five minutes ahead"
FUTURE = [
    ("two days ahead", lambda: at(days=2), True),
    ("a day and five minutes ahead", lambda: at(days=1, minutes=5), True),
    ("the year 2099", lambda: "20990101000000000", True),
    ("twenty hours ahead (another time zone)", lambda: at(hours=20), False),
    ("an hour ago", lambda: at(hours=-1), False),
]


@pytest.mark.parametrize("case, moment, implausible", FUTURE, ids=[c[0] for c in FUTURE])
def test_a_receipt_dated_far_ahead_does_not_decide_the_status(
    tmp_path, journal, outbox, profile, case, moment, implausible
):
    when = moment()
    (order,) = declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    drop(outbox, "a.xml", receipt("CEB312Message", order_return("O-1", PLATFORM_A, "800", when, "放行")))
    first = ingest(journal, outbox)
    drop(
        outbox, "b.xml", receipt("CEB312Message", order_return("O-1", PLATFORM_A, "-301010", at(), "已存在"))
    )
    second = ingest(journal, outbox)
    assert not first.rejected and not second.rejected
    rows = history(journal, order)
    assert sorted(r["return_status"] for r in rows) == ["-301010", "800"]  # both kept
    flagged = {r["return_status"]: r["flag"] for r in rows}
    events = journal.db.execute("SELECT * FROM events WHERE kind='receipt-implausible'").fetchall()
    if implausible:
        assert journal.document(order).customs_status == "-301010"
        assert flagged["800"] and not flagged["-301010"]
        assert [name for name, _ in first.warnings] == ["a.xml"] and when[:8] in first.warnings[0][1]
        assert [e["document_id"] for e in events] == [order]
    else:
        expected = "800" if when > at() else "-301010"
        assert journal.document(order).customs_status == expected
        assert not any(flagged.values()) and not first.warnings and not events


def test_an_implausible_receipt_is_shown_marked_by_the_cli(tmp_path, profile):
    data, exchange = tmp_path / "data", tmp_path / "exchange"
    with Journal.in_dir(data) as journal:
        declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    outbox = Outbox(exchange)
    drop(
        outbox, "a.xml", receipt("CEB312Message", order_return("O-1", PLATFORM_A, "800", "20990101000000000"))
    )
    code, out = run("--data-dir", data, "--exchange-dir", exchange, "receipts")
    assert code == 0 and "20990101000000000" in out and "a.xml" in out
    code, out = run("--data-dir", data, "status", "--history", "--json")
    (item,) = json.loads(out)
    assert item["returnStatus"] is None
    assert [r["flag"] for r in item["receipts"]] == ["future"]


# == 11: a receipt still being written ==============================================================
WRITER = """
import sys, time
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "ab", buffering=0) as fh:
    step = max(1, len(data) // 8)
    for i in range(0, len(data), step):
        fh.write(data[i : i + step])
        if i == 0:
            print("started", flush=True)
        time.sleep(0.15)
"""


def _whole_receipt(order_no="O-1") -> bytes:
    returns = [order_return(order_no, PLATFORM_A, "120", at(), "逻辑校验通过" * 20) for _ in range(1)]
    return receipt("CEB312Message", *returns)


@pytest.mark.parametrize("writer", ["thread", "process"])
def test_a_receipt_being_written_is_read_once_it_is_whole(tmp_path, journal, outbox, profile, writer):
    (order,) = declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    data = _whole_receipt()
    target = outbox.receive / "CEB312_arriving.xml"
    if writer == "thread":
        started = threading.Event()

        def write():
            with open(target, "ab", buffering=0) as fh:
                step = max(1, len(data) // 8)
                for i in range(0, len(data), step):
                    fh.write(data[i : i + step])
                    started.set()
                    time.sleep(0.15)

        worker = threading.Thread(target=write)
        worker.start()
        started.wait()
        alive = worker.is_alive
    else:
        source = tmp_path / "whole.xml"
        source.write_bytes(data)
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(source), str(target)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "started"
        alive = lambda: proc.poll() is None  # noqa: E731
    rounds, ingested = 0, []
    while alive():
        report = ingest(journal, outbox)
        rounds += 1
        ingested += report.ingested
        assert not report.rejected, report.rejected
        assert not list(outbox.error.iterdir())
    if writer == "process":
        assert proc.wait() == 0
    report = ingest(journal, outbox)
    ingested += report.ingested
    assert ingested == ["CEB312_arriving.xml"], (report.waiting, report.rejected)
    assert rounds >= 1
    assert journal.document(order).customs_status == "120"


def test_a_truncated_receipt_waits_and_is_read_when_its_rest_arrives(tmp_path, journal, outbox, profile):
    (order,) = declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    data = _whole_receipt()
    path = drop(outbox, "r.xml", data[: len(data) // 2])
    report = ingest(journal, outbox)
    assert [name for name, _ in report.waiting] == ["r.xml"] and not report.rejected
    assert path.exists() and not list(outbox.error.iterdir())
    with open(path, "ab") as fh:
        fh.write(data[len(data) // 2 :])
    report = ingest(journal, outbox)
    assert report.ingested == ["r.xml"]
    assert journal.document(order).customs_status == "120"


def _cut_in_a_character() -> bytes:
    whole = _whole_receipt().replace(b'encoding="UTF-8"', b'encoding="GBK"').decode("utf-8").encode("gbk")
    middle = whole.index("逻辑".encode("gbk")) + 1  # between the two bytes of 逻
    return whole[:middle]


INCOMPLETE = [
    ("half a receipt", lambda: _whole_receipt()[: len(_whole_receipt()) // 2]),
    ("an empty file", lambda: b""),
    ("the declaration only", lambda: b'<?xml version="1.0" encoding="UTF-8"?>\n'),
    ("cut inside a GBK character", _cut_in_a_character),
]


@pytest.mark.parametrize("case, content", INCOMPLETE, ids=[c[0] for c in INCOMPLETE])
@pytest.mark.parametrize("age", ["fresh", "past the grace period"])
def test_an_incomplete_receipt_waits_then_goes_to_error_with_a_reason(
    tmp_path, journal, outbox, profile, case, content, age
):
    declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    old = age != "fresh"
    path = drop(outbox, "r.xml", content(), age=INCOMPLETE_GRACE + 60 if old else 0)
    report = ingest(journal, outbox)
    if old:
        assert [name for name, _ in report.rejected] == ["r.xml"]
        reason = (outbox.error / "r.xml.reason.txt").read_text(encoding="utf-8")
        assert "incomplete" in reason and str(int(INCOMPLETE_GRACE)) in reason
    else:
        assert [name for name, _ in report.waiting] == ["r.xml"] and not report.rejected
        assert path.exists() and not list(outbox.error.iterdir())


def test_a_receipt_broken_in_its_middle_goes_to_error_at_once(tmp_path, journal, outbox, profile):
    declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    broken = _whole_receipt().replace(b"</ceb:orderNo>", b"</ceb:orderNumber>", 1)
    drop(outbox, "r.xml", broken)
    report = ingest(journal, outbox)
    assert [name for name, _ in report.rejected] == ["r.xml"] and not report.waiting


# == 12: two readers at once =======================================================================
def _many_receipts(tmp_path, journal, profile, count: int) -> dict[str, bytes]:
    path = workbook(
        tmp_path,
        "order",
        [{"orderNo": f"M-{n:04d}", "ebpCode": PLATFORM_A} for n in range(count)],
        "many.xlsx",
    )
    assert import_files([path], journal, profile=profile).new == count
    return {
        f"CEB312_{n:04d}.xml": receipt(
            "CEB312Message",
            order_return(f"M-{n:04d}", PLATFORM_A, "2", at(minutes=-2)),
            order_return(f"M-{n:04d}", PLATFORM_A, "120", at(minutes=-1)),
        )
        for n in range(count)
    }


def _reader(data: Path, exchange: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cebdesk",
            "--data-dir",
            str(data),
            "--exchange-dir",
            str(exchange),
            "receipts",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("outboxes", ["one outbox", "two outboxes, one journal"])
def test_two_reader_processes_at_once(tmp_path, profile, outboxes):
    data = tmp_path / "data"
    with Journal.in_dir(data) as journal:
        files = _many_receipts(tmp_path, journal, profile, 60)
    folders = [tmp_path / "x1", tmp_path / "x1" if outboxes == "one outbox" else tmp_path / "x2"]
    for folder in set(folders):
        for name, content in files.items():
            drop(Outbox(folder), name, content)
    readers = [_reader(data, folder) for folder in folders]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in readers]
    for code, out, err in results:
        assert code == 0, (out.decode(), err.decode())
        assert b"Traceback" not in err and b"IntegrityError" not in out + err
    for folder in set(folders):
        assert not list(Outbox(folder).error.iterdir())
        assert not list(Outbox(folder).incoming())
    with Journal.in_dir(data) as journal:
        assert journal.db.execute("SELECT count(*) FROM receipt_files").fetchone()[0] == 60
        assert journal.db.execute("SELECT count(*) FROM receipts").fetchone()[0] == 120
        assert {d.customs_status for d in journal.documents()} == {"120"}


def test_a_second_reader_waits_for_the_first_then_gives_up_without_touching_anything(
    tmp_path, journal, outbox, profile
):
    declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    drop(outbox, "r.xml", _whole_receipt())
    with outbox.receive_lock():
        report = ingest(journal, outbox, lock_wait=0.2)
    assert report.busy and not report.ingested and not report.rejected
    assert (outbox.receive / "r.xml").exists()
    assert ingest(journal, outbox).ingested == ["r.xml"]  # the lock is free again


# == 22c: the same return twice is one history row ==================================================
def _same(n=10, **change):
    base = order_return("O-1", PLATFORM_A, "120", "20240101120000000", "逻辑校验通过")
    guid = new_guid()
    return [{**base, "guid": guid, **{k: v(i) for k, v in change.items()}} for i in range(n)]


REPEATS = [
    ("ten identical returns in one file", [_same()], 1),
    ("ten returns that differ only in their guid", [_same(guid=lambda i: new_guid())], 1),
    ("the same return in two files", [_same(1), _same(1)], 1),
    ("returns at two times", [_same(2, returnTime=lambda i: f"2024010112000000{i}")], 2),
    ("returns with two texts", [_same(2, returnInfo=lambda i: f"text {i}")], 2),
]


@pytest.mark.parametrize("case, files, rows", REPEATS, ids=[c[0] for c in REPEATS])
def test_the_same_return_makes_one_history_row(tmp_path, journal, outbox, profile, case, files, rows):
    (order,) = declare(tmp_path, journal, profile, "order", [{"orderNo": "O-1", "ebpCode": PLATFORM_A}])
    for n, returns in enumerate(files):
        mt = message_type("CEB312Message")
        docs = [Document(mt, r, [], XmlOrigin("customs", "/")) for r in returns]
        drop(outbox, f"r{n}.xml", serialize(build_message(mt, docs)))
    report = ingest(journal, outbox)
    assert not report.rejected
    assert len(history(journal, order)) == rows
    if len(files) == 2:
        assert report.ingested == ["r0.xml"] and report.duplicates == ["r1.xml"]


def test_a_format_receipt_for_a_message_is_one_row_per_document_however_often_it_comes(
    tmp_path, journal, outbox, profile
):
    ids = declare(
        tmp_path,
        journal,
        profile,
        "order",
        [{"orderNo": "O-1", "ebpCode": PLATFORM_A}, {"orderNo": "O-2", "ebpCode": PLATFORM_A}],
    )
    guid = new_guid()
    journal.plan_message("CEB311Message", guid, f"CEB311Message_{guid}.xml", ids)
    values = {
        "returnStatus": "-1",
        "returnInfo": "[0002] 数据包不能通过 schema 验证",
        "returnTime": at(),
        "oriCopMsgId": guid,
        "oriMessageType": "CEB311Message",
        "oriBizMessage": "",
    }
    drop(outbox, "a.xml", receipt("CEB900Message", values))
    drop(outbox, "b.xml", receipt("CEB900Message", values))  # the same answer, another envelope
    assert not ingest(journal, outbox).rejected
    assert [len(history(journal, i)) for i in ids] == [1, 1]
    assert all(journal.document(i).customs_status == "-1" for i in ids)
