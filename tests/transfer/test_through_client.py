"""Messages followed through the transfer client's folders, end to end with the simulator's
transfer-client mode: handed over into OutBox (routed by direction), taken into SentBox,
answered into InBox, refused into FailBox with a note, and a client that is not running."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from cebdesk.exchange.receipts import ingest
from cebdesk.exchange.simulator import TransferClient
from cebdesk.exchange.transfer import REFUSED, TAKEN, follow
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.spec import document_type
from tests.factory import filled_template

FINAL = {"CEB311Message": "120", "CEB303Message": "399"}


def _snapshot(folders) -> dict[str, str]:
    """Every file in the client's folders with its content's hash."""
    found = {}
    for module in folders.modules:
        for box in module.boxes:
            for path in sorted(box.iterdir()) if box.is_dir() else ():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _send(tmp_path, journal, outbox, profile, signer, types=("order", "export-order"), documents=2):
    files = [filled_template(document_type(t), tmp_path / f"{t}.xlsx", documents=documents) for t in types]
    report = import_files(files, journal, profile=profile)
    assert report.new == documents * len(types), [f.render() for f in report.findings]
    return send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))


def _events(journal, kind):
    return [r["message_id"] for r in journal.db.execute("SELECT message_id FROM events WHERE kind=?", (kind,))]


def test_handed_over_into_the_module_of_its_direction(tmp_path, journal, outbox, folders, customs, profile, signer):
    TransferClient(folders, customs, running=False)  # installed, not started
    report = _send(tmp_path, journal, outbox, profile, signer)
    assert len(report.messages) == 2
    assert [p.name.split("_")[0] for p in folders.imports.outbox.iterdir()] == ["CEB311Message"]
    assert [p.name.split("_")[0] for p in folders.exports.outbox.iterdir()] == ["CEB303Message"]
    assert not list(outbox.send.iterdir())  # cebdesk's own send/ unused
    assert len(list(outbox.sent.glob("*/*.xml"))) == 2  # cebdesk's copy kept as always
    for message in journal.messages():
        assert os.path.dirname(message.delivered) in (str(folders.imports.outbox), str(folders.exports.outbox))


def test_taken_and_answered(tmp_path, journal, outbox, folders, customs, profile, signer):
    client = TransferClient(folders, customs)
    _send(tmp_path, journal, outbox, profile, signer)
    before = ingest(journal, outbox)
    assert len(before.client_waiting) == 2 and not before.client_taken
    assert client.run() == 2
    untouched = _snapshot(folders)
    report = ingest(journal, outbox)
    assert sorted(report.client_taken) == sorted(p.name for m in folders.modules for p in m.sentbox.iterdir())
    assert len(report.ingested) == len(list(folders.imports.inbox.iterdir())) + len(list(folders.exports.inbox.iterdir()))
    assert not report.rejected
    assert {(d.message_type, d.customs_status) for d in journal.documents()} == set(FINAL.items())
    assert sorted(_events(journal, TAKEN)) == [m.id for m in journal.messages()]
    # nothing of the client's was moved, renamed or deleted
    assert _snapshot(folders) == untouched
    # read once: the next reading finds nothing new and reports nothing again
    again = ingest(journal, outbox)
    assert not again.ingested and not again.duplicates and not again.client_taken
    assert _snapshot(folders) == untouched


def test_refused_with_the_clients_note(tmp_path, journal, outbox, folders, customs, profile, signer):
    note = "报文校验失败：签名证书未备案"
    refuse = lambda name, data: note if name.startswith("CEB311") else None  # noqa: E731
    client = TransferClient(folders, customs, refuse=refuse)
    _send(tmp_path, journal, outbox, profile, signer)
    client.run()
    failed = next(folders.imports.failbox.glob("*.xml"))
    raw = failed.read_bytes()
    untouched = _snapshot(folders)
    report = ingest(journal, outbox)
    assert [name for name, _ in report.client_refused] == [failed.name]
    orders = [d for d in journal.documents() if d.message_type == "CEB311Message"]
    assert len(orders) == 2
    for order in orders:
        assert order.customs_status == "4"
        assert note in order.customs_info and "FailBox" in order.customs_info
    exports = [d for d in journal.documents() if d.message_type == "CEB303Message"]
    assert {d.customs_status for d in exports} == {"399"}  # the other module went through
    kept = journal.db.execute("SELECT raw FROM receipt_files WHERE message_type='FailBox'").fetchall()
    assert [bytes(r["raw"]) for r in kept] == [raw]  # the raw file kept
    assert _events(journal, REFUSED) == [journal.documents(message_type="CEB311Message")[0].message_id]
    assert _snapshot(folders) == untouched  # FailBox and the note left where they are
    assert not ingest(journal, outbox).client_refused  # said once


def test_refused_without_a_note(tmp_path, journal, outbox, folders, customs, profile, signer):
    client = TransferClient(folders, customs, refuse=lambda name, data: "")
    _send(tmp_path, journal, outbox, profile, signer, types=("order",))
    client.run()
    assert not list(folders.imports.failbox.glob("*.txt"))
    report = ingest(journal, outbox)
    assert len(report.client_refused) == 1
    for doc in journal.documents():
        assert doc.customs_status == "4" and "no note" in doc.customs_info


def test_a_client_that_is_not_running(tmp_path, journal, outbox, folders, customs, profile, signer):
    TransferClient(folders, customs, running=False).run()
    _send(tmp_path, journal, outbox, profile, signer)
    report = ingest(journal, outbox)
    assert len(report.client_waiting) == 2 and not report.client_taken and not report.ingested
    assert not _events(journal, TAKEN)
    waiting = outbox.waiting(time.time() + 3600)
    assert len(waiting) == 2 and all(age >= 3600 for _, age in waiting)
    # started later: everything goes on
    TransferClient(folders, customs).run()
    assert len(ingest(journal, outbox).client_taken) == 2
    assert not outbox.waiting()


def test_gone_from_outbox_without_sentbox_is_taken(tmp_path, journal, outbox, folders, customs, profile, signer):
    """The client keeps SentBox only so many days: a message gone from all its folders was taken."""
    TransferClient(folders, customs).run()
    _send(tmp_path, journal, outbox, profile, signer, types=("order",))
    message = journal.messages()[0]
    os.unlink(message.delivered)
    assert follow(journal, outbox).taken == [os.path.basename(message.delivered)]


def test_a_bad_receipt_in_inbox_is_copied_to_error_and_left(tmp_path, journal, outbox, folders, customs, profile, signer):
    TransferClient(folders, customs)
    bad = folders.imports.inbox / "CEB312_broken.xml"
    bad.write_bytes(b"<CEB312Message><a></b></CEB312Message>\n<!-- more -->\n")
    os.utime(bad, (time.time() - 3600, time.time() - 3600))
    report = ingest(journal, outbox)
    assert [name for name, _ in report.rejected] == [bad.name]
    assert bad.exists()  # the client's file stays
    assert (outbox.error / bad.name).read_bytes() == bad.read_bytes()
    assert (outbox.error / (bad.name + ".reason.txt")).exists()
    assert not ingest(journal, outbox).rejected  # reported once


def test_the_clients_folders_missing(tmp_path, journal, outbox, profile, signer):
    """Not installed: nothing is handed over, the message stays staged and goes on the next run."""
    with pytest.raises(FileNotFoundError, match="OutBox"):
        _send(tmp_path, journal, outbox, profile, signer, types=("order",))
    assert [m.state for m in journal.messages()] == ["staged"]
    assert list(outbox.staging.iterdir())
