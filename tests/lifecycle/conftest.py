"""A workspace with a profile, a key file signer and the customs simulator on its outbox."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.exchange.simulator import Customs, customs_dir, run_folder
from cebdesk.messages.safexml import parse_file
from cebdesk.pipeline.workspace import Workspace
from cebdesk.spec import NS_CEB, document_type
from tests.exchange.exportdocs import head_and_lines


@dataclass
class Desk:
    """The clerk's workspace and customs beside it."""

    workspace: Workspace
    customs: Customs
    signer: object

    def send(self) -> list[str]:
        """Sign and send what waits, let customs answer, read the receipts; the files sent."""
        report = self.workspace.send(self.signer)
        assert report.stopped is None
        run_folder(self.workspace.outbox(), self.customs)
        self.workspace.receive()
        return [name for name, _code, _count in report.messages]

    def sent_file(self, name: str) -> Path:
        return customs_dir(self.workspace.outbox()) / name

    def status(self, document_id: int):
        [found] = [d for d in self.workspace.status(history=True) if d.id == document_id]
        return found

    def entered(self, name: str, n: int = 0, lines: int = 1, **changes) -> tuple[dict, list[dict]]:
        """A valid head and lines for ``name`` as a form would hand them (no guid, no appTime)."""
        head, rows = head_and_lines(document_type(name), n, lines, **changes)
        head.pop("guid", None)
        head.pop("appTime", None)
        return head, rows

    def released(self, name: str = "inventory", n: int = 0, lines: int = 2, **changes) -> int:
        """An inventory declared, sent and released (800) by customs."""
        head, rows = self.entered(name, n, lines, **changes)
        document_id = self.workspace.declare_entered(name, head, rows)
        self.send()
        assert self.status(document_id).return_status == "800"
        return document_id


@pytest.fixture
def desk(tmp_path, profile, signer):
    workspace = Workspace(tmp_path / "data", profile=profile)
    customs = Customs(tmp_path / "customs")
    yield Desk(workspace, customs, signer)
    customs.close()


def business_nodes(path: Path, entity: str) -> list[dict[str, str]]:
    """The values of every ``entity`` element (InvtCancel, InvtRefundHead …) of a message file."""
    root = parse_file(path).getroot()
    found = []
    for node in root.iter(f"{{{NS_CEB}}}{entity}"):
        found.append({etree.QName(child).localname: child.text or "" for child in node})
    return found
