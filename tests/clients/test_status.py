"""status --client and the summary per client: a broker's documents found by the client's codes
(ebcCode; a payment by the platform's ebpCode; a waybill by the logisticsNo the client's
inventory names), through the CLI as a clerk runs it."""

from __future__ import annotations

import io
import json

import pytest

from cebdesk.cli import main
from cebdesk.pipeline.workspace import StatusQuery, Workspace
from cebdesk.settings import load_profile
from cebdesk.spec import document_type
from tests.factory import document_rows

from .profile import A, A_EBC, B, B_EBC, B_EBP, write_profile


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def _journal(workspace: Workspace, documents) -> list[tuple[str, str]]:
    """Journal the documents; their (message type, business key) in order."""
    keys = []
    with workspace.journal() as journal, journal.transaction():
        for name, changes in documents:
            dt = document_type(name)
            rows = document_rows(dt, len(changes.get("orderNo", "x")), 1)
            head = {k: str(v) for k, v in rows[0].items() if k in dt.head.names and v is not None}
            head.update(changes)
            lines = [{k: str(v) for k, v in r.items() if dt.list is not None and k in dt.list.names and v} for r in rows]
            journal.import_document(dt.message.code, dt.business_key(head), head, lines if dt.list else [])
            keys.append((dt.message.code, dt.business_key(head)))
    return keys


#: (document type, its values, the client(s) whose filter shows it)
DOCUMENTS = [
    ("order", {"orderNo": "A-1", "ebcCode": A_EBC, "ebpCode": B_EBP}, {A}),
    ("order", {"orderNo": "B-1", "ebcCode": B_EBC, "ebpCode": B_EBP}, {B}),
    ("inventory", {"orderNo": "A-1", "ebcCode": A_EBC, "ebpCode": B_EBP, "logisticsNo": "WA1"}, {A}),
    ("inventory", {"orderNo": "B-1", "ebcCode": B_EBC, "ebpCode": B_EBP, "logisticsNo": "WB1"}, {B}),
    # a payment carries the platform's ebpCode only: the client whose ebpCode it is
    ("payment", {"orderNo": "B-1", "payTransactionId": "P-B1", "ebpCode": B_EBP}, {B}),
    ("payment", {"orderNo": "X-1", "payTransactionId": "P-X1", "ebpCode": "1105910888"}, set()),
    # a waybill carries no enterprise code of the client: the inventory naming it decides
    ("logistics", {"logisticsNo": "WA1", "orderNo": "A-1"}, {A}),
    ("logistics", {"logisticsNo": "WB1", "orderNo": "B-1"}, {B}),
    ("logistics", {"logisticsNo": "WX1", "orderNo": "X-1"}, set()),
    ("export-order", {"orderNo": "EA-1", "ebcCode": A_EBC}, {A}),
]


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "data"
    ws = Workspace(folder, profile=load_profile(write_profile(folder)))
    ws.keys = _journal(ws, [(name, values) for name, values, _ in DOCUMENTS])
    return ws


@pytest.mark.parametrize("client", [A, B])
def test_status_query_finds_the_clients_documents_per_type(workspace, client):
    found = workspace.status(StatusQuery(client=client))
    expected = sorted(key for key, (_, _, clients) in zip(workspace.keys, DOCUMENTS, strict=True) if client in clients)
    assert sorted((d.message_type, d.key) for d in found) == expected
    assert len(workspace.status()) == len(DOCUMENTS)


def test_status_client_with_the_other_filters(workspace):
    found = workspace.status(StatusQuery(client=A, message_type="CEB621Message"))
    assert [d.key.split("/")[0] for d in found] == ["A-1"]
    assert workspace.status(StatusQuery(client=B, key="A-1")) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_status_client(workspace, lang):
    code, out = run("--data-dir", workspace.data_dir, "--lang", lang, "status", "--client", B, "--json")
    assert code == 0
    keys = sorted(item["key"].split("/")[0] for item in json.loads(out))
    assert keys == ["B-1", "B-1", "P-B1", "WB1"]


@pytest.mark.parametrize("command", [["status"], ["summary", "--month", "2026-01", "--preview"]])
def test_cli_unknown_client_exit_2_listing_the_names(workspace, command, capsys):
    code, out = run("--data-dir", workspace.data_dir, command[0], "--client", "华北电商", *command[1:])
    err = capsys.readouterr().err
    assert code == 2
    assert "华北电商" in err and A in err and B in err and "Traceback" not in err


def test_cli_unknown_client_on_convert_and_validate(tmp_path, capsys):
    folder = tmp_path / "data"
    write_profile(folder)
    dummy = tmp_path / "x.xml"
    dummy.write_text("<a/>", encoding="utf-8")
    for command in (["convert", dummy, "-o", tmp_path / "out"], ["convert", dummy, "--send"], ["validate", dummy]):
        code, _ = run("--data-dir", folder, "--lang", "en", *command, "--client", "nobody")
        err = capsys.readouterr().err
        assert code == 2, command
        assert "'nobody'" in err and A in err
    assert not (tmp_path / "out").exists()
    assert not (folder / "journal.sqlite3").exists() or Workspace(folder).status() == []
