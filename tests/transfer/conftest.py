from __future__ import annotations

import pytest

from cebdesk.exchange.folders import ClientFolders, Outbox
from cebdesk.exchange.simulator import Customs
from cebdesk.store import Journal


@pytest.fixture
def client_root(tmp_path):
    return tmp_path / "ImpPath"


@pytest.fixture
def folders(client_root):
    return ClientFolders.configured(client_root)


@pytest.fixture
def outbox(tmp_path, folders):
    return Outbox(tmp_path / "exchange", client=folders)


@pytest.fixture
def journal(tmp_path):
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    yield journal
    journal.close()


@pytest.fixture
def customs(tmp_path):
    customs = Customs(tmp_path / "customs")
    yield customs
    customs.close()
