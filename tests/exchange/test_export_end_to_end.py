"""Every export declaration through the journal, signed, to the customs simulator and back:
folder mode, HTTP with a DxpMsg envelope, faults; the inventories released with an invtNo, then
cancelled or summarised (CEB701 -> CEB702 -> CEB792 with the declaration's numbers)."""

from __future__ import annotations

import pytest

from cebdesk.exchange.folders import Outbox
from cebdesk.exchange.http import HttpChannel
from cebdesk.exchange.receipts import ingest
from cebdesk.exchange.simulator import Customs, Faults, run_folder, serve_http
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.pipeline.workspace import StatusQuery, Workspace
from cebdesk.spec import document_type
from cebdesk.spec.receipts import FINAL_STATUSES, RECEIPT_FOR
from cebdesk.store import Journal
from tests.exchange.exportdocs import EXPORT_NAMES, document, head_and_lines, write_message

#: Declared first: everything but what names a released inventory.
FIRST = tuple(n for n in EXPORT_NAMES if n not in ("export-cancel", "summary", "export-refund"))


def _refund_lines() -> list[dict[str, str]]:
    """One goods line to return: line 1 of an inventory, no more than its quantity (1)."""
    _head, lines = head_and_lines(document_type("export-refund"), 0, 1)
    lines[0]["qty"] = "1"
    return lines


def _final(name: str) -> frozenset[str]:
    return FINAL_STATUSES[RECEIPT_FOR[document_type(name).message.code]]


def _declare_first(tmp_path, journal, profile):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    paths = [write_message(folder, [document(name, n, lines=2) for n in range(2)]) for name in FIRST]
    report = import_files(paths, journal, profile=profile)
    assert report.new == 2 * len(FIRST), [f.render("en") for f in report.findings]


def _inventory_numbers(journal) -> dict[int, str]:
    ids = [d.id for d in journal.documents(message_type="CEB603Message")]
    return {i: n["invtNo"] for i, n in journal.customs_numbers(ids).items()}


def _declare_second(tmp_path, journal, profile, invt_nos):
    """A cancellation of the first inventory, a summary of the second and a return request of
    its first line."""
    folder = tmp_path / "in2"
    folder.mkdir(exist_ok=True)
    first, second = invt_nos
    paths = [
        write_message(folder, [document("export-cancel", 0, invtNo=first)]),
        write_message(folder, [document("summary", 0, list_lines=[{"invtNo": second}])]),
        write_message(folder, [document("export-refund", 0, invtNo=second, list_lines=_refund_lines())]),
    ]
    assert import_files(paths, journal, profile=profile).new == 3


def _by_type(journal):
    out: dict[str, list[str | None]] = {}
    for d in journal.documents():
        out.setdefault(d.message_type, []).append(d.customs_status)
    return out


def _check_final(journal):
    for name in EXPORT_NAMES:
        code = document_type(name).message.code
        statuses = _by_type(journal)[code]
        assert statuses and all(s in _final(name) for s in statuses), (name, statuses)


def test_every_export_type_in_folder_mode(tmp_path, profile, signer):
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    options = SendOptions(outbox, signer, profile.base_transfer())
    _declare_first(tmp_path, journal, profile)
    assert send_pending(journal, options).documents == 2 * len(FIRST)
    run_folder(outbox, customs)
    assert not ingest(journal, outbox).rejected
    numbers = _inventory_numbers(journal)
    assert len(numbers) == 2 and all(n[8] == "E" and len(n) == 18 for n in numbers.values())
    _declare_second(tmp_path, journal, profile, sorted(numbers.values()))
    send_pending(journal, options)
    run_folder(outbox, customs)
    report = ingest(journal, outbox)
    assert not report.rejected, report.rejected
    _check_final(journal)

    # the summary result: its numbers on the summary and on the inventory it covers
    [summary] = journal.documents(message_type="CEB701Message")
    summarised = next(i for i, n in sorted(numbers.items()) if n == sorted(numbers.values())[1])
    found = journal.customs_numbers([summary.id, summarised])
    assert found[summary.id]["sumNo"] == found[summarised]["sumNo"]
    assert found[summary.id]["entryId"] == found[summarised]["entryId"]
    assert len(found[summary.id]["declSeqNo"]) == 18 and found[summary.id]["decState"]
    journal.close()

    # status and query show export documents, their states and numbers
    workspace = Workspace(data_dir=tmp_path / "data", exchange_dir=tmp_path / "exchange")
    rows = workspace.status(StatusQuery(message_type="CEB701Message"), history=True, lang="en")
    [row] = rows
    assert row.return_status == "399" and row.meaning == "Cleared by customs"
    assert row.numbers["entryId"] == found[summary.id]["entryId"]
    result = [r for r in row.history if r.lines]
    assert result and result[0].lines[0]["invtNo"] == sorted(numbers.values())[1]
    assert row.to_json()["numbers"]["sumNo"] == found[summary.id]["sumNo"]
    by_entry = workspace.status(StatusQuery(key=found[summary.id]["entryId"]))
    assert {r.message_type for r in by_entry} == {"CEB701Message", "CEB603Message"}
    inventories = workspace.status(StatusQuery(message_type="CEB603Message"), lang="en")
    assert {r.meaning for r in inventories} == {"Released"}
    assert {r.numbers["invtNo"] for r in inventories} == set(numbers.values())


def test_every_export_type_over_http_in_dxp_envelopes_through_faults(tmp_path, profile, signer):
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    # a server error, a reset before taking, an answer lost after taking: nothing lost, nothing twice
    server = serve_http("127.0.0.1", 0, customs, Faults(["500", "reset", "drop"]))
    try:
        channel = HttpChannel(f"{server.url}/cebmsg", f"{server.url}/receipts", backoff=0.01)
        options = SendOptions(outbox, signer, profile.base_transfer(), channel, dxp=True)
        _declare_first(tmp_path, journal, profile)
        report = send_pending(journal, options)
        if report.stopped:  # the channel gave up on one fault: the next run finishes it
            report = send_pending(journal, options)
        assert not report.stopped
        channel.download_receipts(outbox.receive)
        assert not ingest(journal, outbox).rejected
        _declare_second(tmp_path, journal, profile, sorted(_inventory_numbers(journal).values()))
        send_pending(journal, options)
        channel.download_receipts(outbox.receive)
        assert not ingest(journal, outbox).rejected
    finally:
        server.shutdown()
    _check_final(journal)
    assert {d.state for d in journal.documents()} == {"sent"}
    # each declaration judged once: one 2 in each history
    for d in journal.documents():
        twos = [r for r in journal.receipts_for(d.id) if r["return_status"] == "2"]
        assert len(twos) == 1, (d.message_type, d.business_key)
    journal.close()


@pytest.mark.parametrize("name", EXPORT_NAMES)
def test_the_same_declaration_twice_is_refused_by_customs(tmp_path, profile, signer, name):
    """A second journal declares the same document again: customs refuses it with the business
    code of its type, and the journal shows the refusal in the language asked."""
    from cebdesk.spec.receipts import explain_status

    customs = Customs(tmp_path / "customs")
    runs = []
    for attempt in range(2):
        journal = Journal(tmp_path / f"j{attempt}" / "journal.sqlite3")
        outbox = Outbox(tmp_path / f"x{attempt}")
        folder = tmp_path / f"in{attempt}"
        folder.mkdir()
        if name in ("export-cancel", "summary", "export-refund"):
            invt = document("export-inventory", 7)
            import_files([write_message(folder, [invt])], journal, profile=profile)
            send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
            run_folder(outbox, customs)
            ingest(journal, outbox)
            [number] = _inventory_numbers(journal).values()
            doc = (
                document(name, 0, invtNo=number)
                if name == "export-cancel"
                else document(name, 0, invtNo=number, list_lines=_refund_lines())
                if name == "export-refund"
                else document(name, 0, list_lines=[{"invtNo": number}])
            )
        else:
            doc = document(name, 0)
        import_files([write_message(folder, [doc], signer)], journal, profile=profile)
        send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
        run_folder(outbox, customs)
        assert not ingest(journal, outbox).rejected
        [row] = journal.documents(message_type=doc.message.code)
        runs.append(row.customs_status)
        journal.close()
    assert runs[0] in _final(name)
    assert runs[1].startswith("-")
    meaning, _ = explain_status(runs[1], "zh", doc.message.code)
    assert meaning and "已存在相同编号的订单" not in meaning  # an export code, not the import table's


def test_export_messages_in_dxp_envelopes_go_to_the_export_receiver(tmp_path, profile, signer):
    """Customs' export node (DXPEDCCEB0000003) receives export messages; import ones go to the
    import node."""
    from cebdesk.exchange.dxp import EXPORT_RECEIVER, IMPORT_RECEIVER
    from cebdesk.messages.safexml import parse_bytes

    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [write_message(folder, [document("export-order", 0)])]
    assert import_files(paths, journal, profile=profile).new == 1
    send_pending(journal, SendOptions(outbox, signer, profile.base_transfer(), dxp=True))
    [sent] = list(outbox.send.iterdir())
    root = parse_bytes(sent.read_bytes(), sent.name).getroot()
    receivers = [n.text for n in root.iter() if isinstance(n.tag, str) and n.tag.endswith("ReceiverId")]
    assert receivers == [EXPORT_RECEIVER] != [IMPORT_RECEIVER]
    journal.close()


def test_a_long_document_is_sent_in_numbered_parts_and_answered_part_by_part(tmp_path, profile, signer):
    """An arrival of 2,500 parcels goes as parts of at most 1,000 lines (msgCount 3, msgSeqNo
    1..3, gnum from 1 in each), each part a message of its own ("拆分后的报文总数"), while the
    other documents share a message; customs answers each part, the document is cleared when all
    are, and its history names the part each receipt answers."""
    from cebdesk.messages.parse import read_message_bytes
    from cebdesk.messages.parts import DEFAULT_PART_LINES

    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    folder = tmp_path / "in"
    folder.mkdir()
    line = document("arrival", 0).lines[0]
    long = document("arrival", 0, list_lines=[{**line, "gnum": str(i + 1)} for i in range(2500)])
    others = [document("arrival", n) for n in range(1, 99)]
    assert import_files([write_message(folder, [long, *others])], journal, profile=profile).new == 99
    report = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    assert (report.documents, len(report.messages)) == (99, 4)
    messages = []
    for path in sorted(outbox.send.iterdir()):
        messages.append(read_message_bytes(path.read_bytes(), path.name).documents)
    assert sorted(len(m) for m in messages) == [1, 1, 1, 98]  # 3 parts alone, the others together
    parts = sorted(
        (m[0] for m in messages if m[0].head["copNo"] == long.head["copNo"]), key=lambda d: d.head["msgSeqNo"]
    )
    assert [(d.head["msgSeqNo"], d.head["msgCount"], len(d.lines)) for d in parts] == [
        ("1", "3", DEFAULT_PART_LINES), ("2", "3", DEFAULT_PART_LINES), ("3", "3", 500),
    ]  # fmt: skip
    assert all(d.lines[0]["gnum"] == "1" for d in parts)
    [row] = [d for d in journal.documents() if d.head["copNo"] == long.head["copNo"]]
    assert row.state == "sent"
    run_folder(outbox, Customs(tmp_path / "customs"))
    assert not ingest(journal, outbox).rejected
    assert {d.customs_status for d in journal.documents()} == {"399"}
    history = Workspace._history(journal, row.id)
    assert {r.part for r in history} == {"1", "2", "3"}
    assert all(r.to_json()["part"] for r in history)
    journal.close()


def test_a_split_document_is_sent_only_when_every_part_is(tmp_path, profile, signer, monkeypatch):
    """A run stopped after the first part leaves the document unsent; the next run sends the
    rest, rebuilding a lost part with the part size it was planned with, so every line goes once."""
    from cebdesk.exchange.http import DeliveryError
    from cebdesk.messages.parse import read_message_bytes
    from cebdesk.pipeline import journaled

    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    folder = tmp_path / "in"
    folder.mkdir()
    line = document("arrival", 0).lines[0]
    long = document("arrival", 0, list_lines=[{**line, "gnum": str(i + 1)} for i in range(25)])
    assert import_files([write_message(folder, [long])], journal, profile=profile).new == 1
    hand_over, calls = journaled._hand_over, []

    def stop_at_the_second(journal_, options, message):
        calls.append(message.file_name)
        if len(calls) == 2:
            raise DeliveryError("the line went down")
        hand_over(journal_, options, message)

    monkeypatch.setattr(journaled, "_hand_over", stop_at_the_second)
    report = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer(), part_lines=10))
    assert report.stopped
    [row] = journal.documents()
    assert row.state == "planned"
    assert sorted(m.state for m in journal.messages()) == ["planned", "sent", "staged"]
    assert all([d.id for d in journal.message_documents(m.id)] == [row.id] for m in journal.messages())
    monkeypatch.setattr(journaled, "_hand_over", hand_over)
    for staged in (outbox.root / ".staging").iterdir():
        staged.unlink()  # lost: rebuilt from the journal
    again = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer(), part_lines=7))
    assert not again.stopped and again.rebuilt == 1
    assert journal.documents()[0].state == "sent"
    nodes = [d for p in outbox.send.iterdir() for d in read_message_bytes(p.read_bytes(), p.name).documents]
    assert sorted((d.head["msgSeqNo"], d.head["msgCount"], len(d.lines)) for d in nodes) == [
        ("1", "3", 10), ("2", "3", 10), ("3", "3", 5),
    ]  # fmt: skip
    assert len({d.head["guid"] for d in nodes}) == 3
    journal.close()


def test_every_export_type_from_its_excel_template_through_the_simulator(tmp_path, profile, signer):
    """The clerk's path: each export template filled, imported, signed, sent, answered; then a
    cancellation and a summary naming the invtNo customs gave, filled in their templates."""
    from tests.factory import document_rows, filled_template, write_workbook

    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    options = SendOptions(outbox, signer, profile.base_transfer())
    books = [filled_template(document_type(n), tmp_path / f"{n}.xlsx", documents=2, lines=2) for n in FIRST]
    report = import_files(books, journal, profile=profile)
    assert report.new == 2 * len(FIRST), [f.render("en") for f in report.findings if f.is_error]
    send_pending(journal, options)
    run_folder(outbox, customs)
    assert not ingest(journal, outbox).rejected
    first, second = sorted(_inventory_numbers(journal).values())
    cancel = document_rows(document_type("export-cancel"), 0)
    cancel[0]["invtNo"] = second
    summary = document_rows(document_type("summary"), 0, 1)  # of the e-commerce enterprise of the first
    summary[0].update(invtNo=first, sumNo=None, preNo=None, startTime=None, endTime=None)
    refund = document_rows(document_type("export-refund"), 0, 1)  # of a released list's line 1
    refund[0].update(invtNo=first, qty="1")
    books = [
        write_workbook(document_type("export-cancel"), cancel, tmp_path / "cancel.xlsx"),
        write_workbook(document_type("summary"), summary, tmp_path / "summary.xlsx"),
        write_workbook(document_type("export-refund"), refund, tmp_path / "refund.xlsx"),
    ]
    report = import_files(books, journal, profile=profile)
    assert report.new == 3, [f.render("en") for f in report.findings if f.is_error]
    send_pending(journal, options)
    run_folder(outbox, customs)
    assert not ingest(journal, outbox).rejected
    _check_final(journal)
    [summary_row] = journal.documents(message_type="CEB701Message")
    numbers = journal.customs_numbers([summary_row.id])[summary_row.id]
    assert numbers["sumNo"] and numbers["entryId"] and numbers["declSeqNo"]
    journal.close()
