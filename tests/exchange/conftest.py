from __future__ import annotations

import pytest

from cebdesk.exchange.folders import Outbox
from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.spec import document_type
from cebdesk.store import Journal
from tests.factory import filled_template


@pytest.fixture
def sent(tmp_path, profile, signer):
    """Two orders and two inventories journaled, signed and handed to the simulator."""
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    files = [
        filled_template(document_type("order"), tmp_path / "orders.xlsx", documents=2),
        filled_template(document_type("inventory"), tmp_path / "inventories.xlsx", documents=2),
    ]
    report = import_files(files, journal, profile=profile)
    assert report.new == 4, [f.render() for f in report.findings]
    send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    customs = Customs(tmp_path / "customs")
    assert run_folder(outbox, customs) == 2
    yield journal, outbox, customs
    journal.close()
    customs.close()
