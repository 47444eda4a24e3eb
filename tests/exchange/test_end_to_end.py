"""Orders, payments, waybills and inventories: Excel -> journal -> SoftHSM signature -> folder
or HTTP -> customs simulator -> receipts -> final status."""

from __future__ import annotations

import pytest

from cebdesk.exchange.folders import Outbox
from cebdesk.exchange.http import HttpChannel
from cebdesk.exchange.receipts import ingest
from cebdesk.exchange.simulator import Customs, Faults, run_folder, serve_http
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.signing.pkcs11 import Pkcs11Signer
from cebdesk.spec import document_type
from cebdesk.store import Journal
from tests.factory import document_rows, filled_template, write_workbook

FINAL = {"CEB311Message": "120", "CEB411Message": "120", "CEB511Message": "120", "CEB621Message": "800"}


def _inputs(tmp_path):
    return [
        filled_template(document_type(name), tmp_path / f"{name}.xlsx", documents=3, lines=2)
        for name in ("order", "payment", "logistics", "inventory")
    ]


@pytest.fixture
def token_signer(softhsm):
    signer = Pkcs11Signer(
        softhsm["token"], lambda _: softhsm["pin"], module=softhsm["module"], key_label="signkey"
    )
    yield signer
    signer.close()


def _statuses(journal):
    return {(d.message_type, d.business_key): d.customs_status for d in journal.documents()}


def test_folder_mode(tmp_path, profile, token_signer):
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    assert import_files(_inputs(tmp_path), journal, profile=profile).new == 12
    report = send_pending(journal, SendOptions(outbox, token_signer, profile.base_transfer()))
    assert report.documents == 12 and len(report.messages) == 4
    customs = Customs(tmp_path / "customs")
    run_folder(outbox, customs)
    assert not ingest(journal, outbox).rejected
    statuses = _statuses(journal)
    assert len(statuses) == 12
    assert all(status == FINAL[code] for (code, _), status in statuses.items())
    assert not list(outbox.send.iterdir())  # all taken by the "transfer client"
    assert len(list(outbox.sent.glob("*/*.xml"))) == 4


def test_http_mode_with_dxp_envelope(tmp_path, profile, token_signer):
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    server = serve_http("127.0.0.1", 0, customs)
    try:
        channel = HttpChannel(f"{server.url}/cebmsg", f"{server.url}/receipts", backoff=0.01)
        import_files(_inputs(tmp_path), journal, profile=profile)
        report = send_pending(
            journal, SendOptions(outbox, token_signer, profile.base_transfer(), channel, dxp=True)
        )
        assert report.documents == 12
        assert not list(outbox.send.iterdir()) and not list(outbox.staging.iterdir())
        channel.download_receipts(outbox.receive)
        assert not ingest(journal, outbox).rejected
        assert channel.download_receipts(outbox.receive) == []  # the cursor remembers
    finally:
        server.shutdown()
    assert all(status == FINAL[code] for (code, _), status in _statuses(journal).items())


def test_the_right_errors(tmp_path, profile, token_signer, signer):
    """A duplicate order gets -301010; an inventory signed by a key that is not its certificate's
    gets -621029; a document customs rejects keeps its receipt history."""
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    order = document_type("order")
    import_files([filled_template(order, tmp_path / "o.xlsx", documents=1)], journal, profile=profile)
    send_pending(journal, SendOptions(outbox, token_signer, profile.base_transfer()))
    run_folder(outbox, customs)
    # the same order number declared again from another journal (another workstation)
    other = Journal(tmp_path / "other.sqlite3")
    import_files(
        [write_workbook(order, document_rows(order, 0, 1), tmp_path / "again.xlsx")], other, profile=profile
    )
    other_outbox = Outbox(tmp_path / "exchange2")
    send_pending(other, SendOptions(other_outbox, token_signer, profile.base_transfer()))
    run_folder(other_outbox, customs)
    ingest(other, other_outbox)
    assert [d.customs_status for d in other.documents()] == ["-301010"]

    class WrongKey:
        """The token's certificate with another key's signatures."""

        algorithm = token_signer.algorithm
        certificate = token_signer.certificate
        sign = staticmethod(signer.sign)

    from cebdesk.signing.base import SigningError

    inventory = document_type("inventory")
    import_files([filled_template(inventory, tmp_path / "i.xlsx", documents=1)], journal, profile=profile)
    with pytest.raises(SigningError):  # cebdesk itself refuses to send what does not verify
        send_pending(journal, SendOptions(outbox, WrongKey(), profile.base_transfer()))
    assert not list(outbox.send.glob("CEB621*"))


def test_network_faults_lose_and_duplicate_nothing(tmp_path, profile, signer):
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    customs = Customs(tmp_path / "customs")
    plan = ["500", "reset", "stall:5", "drop", "500", "500", "reset", "drop", "stall:5", "500"]
    server = serve_http("127.0.0.1", 0, customs, Faults(plan))
    try:
        channel = HttpChannel(
            f"{server.url}/cebmsg", f"{server.url}/receipts", backoff=0.01, timeout=(2.0, 2.0), attempts=20
        )
        docs = filled_template(document_type("payment"), tmp_path / "p.xlsx", documents=60)
        import_files([docs], journal, profile=profile)
        report = send_pending(
            journal, SendOptions(outbox, signer, profile.base_transfer(), channel, per_message=5)
        )
        assert report.stopped is None and report.documents == 60
        assert server.faults.played == plan  # every fault happened
        declared = customs.db.execute("SELECT COUNT(*) FROM declared").fetchone()[0]
        assert declared == 60
        taken = customs.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0]
        assert taken == 12  # each message taken once, however often it was posted
        channel.download_receipts(outbox.receive)
        assert not ingest(journal, outbox).rejected
    finally:
        server.shutdown()
    statuses = {d.customs_status for d in journal.documents()}
    assert statuses == {"120"}  # no -401007: no payment was declared twice
