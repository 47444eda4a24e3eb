"""The application layer: where things are, how messages travel, and typed answers."""

from __future__ import annotations

from datetime import date

import pytest

from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.pipeline.workspace import DocumentState, StatusQuery, Workspace, WorkspaceError
from cebdesk.spec import document_type
from cebdesk.spec.receipts import Family
from tests.factory import filled_template

PROFILE = '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n'


def _write(path, extra: str = ""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROFILE + extra, encoding="utf-8")
    return path


def test_a_data_dir_is_a_workspace_of_its_own(tmp_path, monkeypatch):
    import cebdesk.settings

    monkeypatch.setattr(cebdesk.settings, "default_profile_path", lambda: tmp_path / "user" / "profile.toml")
    _write(tmp_path / "ws" / "profile.toml")
    ws = Workspace(tmp_path / "ws")
    assert ws.profile is not None and ws.profile_path == tmp_path / "ws" / "profile.toml"
    assert ws.exchange_dir == tmp_path / "ws" / "exchange"
    empty = Workspace(tmp_path / "empty")
    assert empty.profile is None
    assert empty.profile_path == tmp_path / "empty" / "profile.toml"  # saved there, not to the user's
    _write(tmp_path / "user" / "profile.toml")
    inherited = Workspace(tmp_path / "other")
    assert inherited.profile is not None  # read from the user's profile …
    assert inherited.profile_path == tmp_path / "other" / "profile.toml"  # … saved to its own


@pytest.mark.parametrize(
    "explicit, configured, expected",
    [("cli", "profile", "cli"), (None, "profile", "profile"), (None, None, "data/exchange")],
)
def test_the_outbox_is_resolved_in_one_place(tmp_path, explicit, configured, expected):
    extra = f'\n[exchange]\nfolder = "{tmp_path / "profile"}"\n' if configured else ""
    _write(tmp_path / "data" / "profile.toml", extra)
    ws = Workspace(tmp_path / "data", exchange_dir=tmp_path / explicit if explicit else None)
    assert ws.exchange_dir == tmp_path / expected


def test_the_runs_choices_go_over_the_profiles_exchange(tmp_path):
    _write(tmp_path / "d" / "profile.toml", '\n[exchange]\nmode = "http"\nurl = "https://x/cebmsg"\ndxp = true\n')
    ws = Workspace(tmp_path / "d")
    assert ws.exchange().mode == "http" and ws.exchange().dxp
    assert ws.exchange(dxp=False).dxp is False
    assert ws.exchange(http="http://127.0.0.1:1/c").url == "http://127.0.0.1:1/c"
    assert ws.exchange(insecure=True).verify_tls is False
    with pytest.raises(WorkspaceError):
        ws.exchange(per_message=101)


def test_sending_without_profile_or_signer_says_why(tmp_path, signer):
    ws = Workspace(tmp_path / "none", profile_path=None)
    ws.profile = None
    with pytest.raises(WorkspaceError, match="profile"):
        ws.send(signer)
    _write(tmp_path / "p" / "profile.toml")
    with pytest.raises(WorkspaceError, match="signer"):
        Workspace(tmp_path / "p").send(None)


def test_status_answers_with_typed_records_and_until_is_inclusive(tmp_path, signer):
    _write(tmp_path / "w" / "profile.toml")
    ws = Workspace(tmp_path / "w")
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=3)
    assert ws.import_files([source]).new == 3
    waiting = ws.status(StatusQuery(status="ready"))
    assert [d.state for d in waiting] == [DocumentState.READY] * 3
    ws.send(signer)
    customs = Customs(tmp_path / "customs")
    run_folder(ws.outbox(), customs)
    customs.close()
    assert ws.receive().documents
    today = date.today().isoformat()
    found = ws.status(StatusQuery(message_type="CEB311Message", until=today), history=True)
    assert len(found) == 3 and all(d.state is DocumentState.SENT for d in found)
    assert all(d.return_status == "120" and d.history for d in found)
    assert ws.status(StatusQuery(since=today, until=today)) and not ws.status(StatusQuery(until="2000-01-01"))
    assert found[0].to_json()["state"] == "sent" and found[0].to_json()["receipts"]


def test_a_released_document_is_named_before_it_is_modified(tmp_path, signer):
    _write(tmp_path / "w" / "profile.toml")
    ws = Workspace(tmp_path / "w")
    ws.import_files([filled_template(document_type("inventory"), tmp_path / "i.xlsx", documents=2)])
    ws.send(signer)
    customs = Customs(tmp_path / "customs")
    run_folder(ws.outbox(), customs)
    customs.close()
    ws.receive()
    ids = [d.id for d in ws.status()]
    final = ws.final_statuses(ids)
    assert [d.family for d in final] == [Family.RELEASED] * 2
    assert ws.resend_as_modification(ids) == 2
    assert {d.app_type for d in ws.status()} == {"2"}


def test_the_hot_folder_sets_aside_and_goes_on(tmp_path, signer):
    _write(tmp_path / "w" / "profile.toml")
    ws = Workspace(tmp_path / "w")
    hot = ws.hot_folder(tmp_path / "hot")
    (tmp_path / "hot" / "a.xlsx").write_bytes(b"not a workbook at all")
    filled_template(document_type("payment"), tmp_path / "hot" / "b.xlsx", documents=2)
    assert hot.step(signer) == []  # first look: sizes noted, nothing taken yet
    results = hot.step(signer, lang="en")
    assert [(r.name, r.ok) for r in results] == [("a.xlsx", False), ("b.xlsx", True)]
    assert (tmp_path / "hot" / "failed" / "a.xlsx.result.txt").exists()
    assert "sent" in (tmp_path / "hot" / "done" / "b.xlsx.result.txt").read_text(encoding="utf-8")
