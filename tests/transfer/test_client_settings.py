"""The exchange layout setting, the transfer client's settings file, the readiness check and
the application layer's "waiting too long"."""

from __future__ import annotations

import io
import json
import os
import time
from datetime import datetime, timedelta

import pytest

from cebdesk.cli import main
from cebdesk.exchange.folders import ClientFolders
from cebdesk.exchange.simulator import Customs, TransferClient
from cebdesk.exchange.transfer import propose, read_client_settings
from cebdesk.findings import InputError
from cebdesk.pipeline.workspace import Workspace, WorkspaceError
from cebdesk.settings import dump_profile, load_profile
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import filled_template

# Written here after the structure public integration code reads (FormSettings/FormSetting/
# SubFormSetting with FormId and the four boxes); not a copy of any real file.
SETTINGS = """<?xml version="1.0"?>
<Settings xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <FormSettings>
    <FormSetting Key="OTHERS" SystemId="None">
      <SubFormSetting FormId="OTHERS" OutBox="C:\\ImpPath\\Others\\OutBox" InBox="C:\\ImpPath\\Others\\InBox"
        SentBox="C:\\ImpPath\\Others\\SentBox" FailBox="C:\\ImpPath\\Others\\FailBox" />
    </FormSetting>
    <FormSetting Key="CEB" SystemId="X">
      <SubFormSetting FormId="{imp}" OutBox="{root}\\IMPCEB\\OutBox" InBox="{root}\\IMPCEB\\InBox"
        SentBox="{root}\\IMPCEB\\SentBox" FailBox="{root}\\IMPCEB\\FailBox" MaxDegreeOfParallelism="1" />
      <SubFormSetting FormId="EXPCEB" OutBox="{root}\\EXPCEB\\OutBox" InBox="{root}\\EXPCEB\\InBox"
        SentBox="{root}\\EXPCEB\\SentBox" FailBox="{root}\\EXPCEB\\FailBox" />
    </FormSetting>
  </FormSettings>
  <UserPin>not-read</UserPin>
  <TimeInterval>15</TimeInterval>
</Settings>
"""


def _settings_file(folder, root="D:\\Exchange", imp="IMPCEB", text=None):
    path = folder / "SIC" / "UserSetting" / "DFWJobSettings.xml"
    path.parent.mkdir(parents=True)
    path.write_text(text or SETTINGS.format(root=root, imp=imp), encoding="utf-8")
    return path


def test_settings_file_proposes_the_root(tmp_path):
    _settings_file(tmp_path)
    proposal = propose({"LOCALAPPDATA": str(tmp_path)})
    assert proposal is not None and not proposal.notes
    assert proposal.settings() == {"layout": "client", "client_root": str(proposal.modules["import"].outbox.parent.parent)}
    assert proposal.modules["import"].outbox.parts[-2:] == ("IMPCEB", "OutBox")
    assert proposal.modules["export"].failbox.parts[-2:] == ("EXPCEB", "FailBox")
    assert proposal.folders() is not None


def test_settings_file_with_modules_apart(tmp_path):
    text = SETTINGS.format(root="D:\\A", imp="IMPCEB").replace("D:\\A\\EXPCEB", "E:\\B\\Export")
    proposal = read_client_settings(_settings_file(tmp_path, text=text))
    settings = proposal.settings()
    assert set(settings) == {"layout", "client_import", "client_export"}
    assert settings["client_export"].endswith("Export")


def test_settings_file_without_the_export_module(tmp_path):
    proposal = read_client_settings(_settings_file(tmp_path, text=SETTINGS.format(root="D:\\A", imp="IMPCEB").replace('"EXPCEB"', '"MFT"')))
    assert proposal.folders() is None
    assert any("EXPCEB" in note for note in proposal.notes)


@pytest.mark.parametrize(
    "text",
    [
        "",  # empty
        "<Settings><FormSettings>",  # broken off
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Settings/>',  # entities refused
        "not xml at all",
    ],
)
def test_unreadable_settings_file_proposes_nothing(tmp_path, text):
    path = tmp_path / "SIC" / "UserSetting" / "DFWJobSettings.xml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert propose({"LOCALAPPDATA": str(tmp_path)}) is None
    with pytest.raises(InputError):
        read_client_settings(path)


def test_no_settings_file(tmp_path):
    assert propose({"LOCALAPPDATA": str(tmp_path)}) is None
    assert propose({}) is None  # not Windows


def test_layout_in_the_profile(tmp_path, profile_file):
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8")
        + f'\n[exchange]\nlayout = "client"\nclient_root = "{tmp_path / "ImpPath"}"\n',
        encoding="utf-8",
    )
    profile = load_profile(profile_file)
    assert profile.exchange.layout == "client"
    again = tmp_path / "again.toml"
    again.write_text(dump_profile(profile), encoding="utf-8")
    assert load_profile(again).exchange == profile.exchange
    outbox = Workspace(tmp_path / "data", profile=profile).outbox()
    assert outbox.client == ClientFolders.configured(tmp_path / "ImpPath")
    assert outbox.send_path("CEB603Message_X.xml").parent == tmp_path / "ImpPath" / "EXPCEB" / "OutBox"


@pytest.mark.parametrize("layout", ["Client", "impcb", "1"])
def test_unknown_layout_refused(profile_file, layout):
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8") + f'\n[exchange]\nlayout = "{layout}"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_profile(profile_file)
    assert "layout" in exc.value.findings[0].render("en")


@pytest.mark.skipif(os.name == "nt", reason="C:\\ImpPath is the default on Windows")
def test_client_layout_without_root_elsewhere(tmp_path, profile):
    profile.exchange.layout = "client"
    with pytest.raises(WorkspaceError, match="client_root"):
        Workspace(tmp_path, profile=profile).outbox()
    checks = Workspace(tmp_path, profile=profile).readiness(SignerOptions()).checks
    assert [c.level for c in checks if c.key == "transfer"] == ["error"]


def _client_workspace(tmp_path, profile):
    profile.exchange.layout = "client"
    profile.exchange.client_root = str(tmp_path / "ImpPath")
    return Workspace(tmp_path / "data", profile=profile)


def test_doctor_names_missing_client_folders(tmp_path, profile):
    checks = _client_workspace(tmp_path, profile).readiness(SignerOptions()).checks
    transfer = [c for c in checks if c.key == "transfer"]
    assert [c.level for c in transfer] == ["error"]
    assert "OutBox" in transfer[0].en and "安装" in transfer[0].fix_zh


def test_waiting_too_long_through_the_application_layer(tmp_path, profile, signer):
    workspace = _client_workspace(tmp_path, profile)
    with _closing(Customs(tmp_path / "customs")) as customs:
        TransferClient(workspace.client_folders(), customs, running=False)
        src = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
        assert workspace.import_files([src]).new == 1
        workspace.send(signer)
        waiting = workspace.outbox_waiting()
        assert len(waiting.files) == 1 and not waiting.too_long
        later = time.time() + waiting.patience + 60
        assert workspace.outbox_waiting(later).too_long
        assert workspace.outbox_waiting(later).to_json()["waiting"] == 1
        checks = workspace.readiness(SignerOptions(), now=datetime.now() + timedelta(seconds=waiting.patience + 60)).checks
        transfer = [c for c in checks if c.key == "transfer"]
        assert [c.level for c in transfer] == ["warning"] and "not taking" in transfer[0].en
        # the client runs: nothing waits any more
        TransferClient(workspace.client_folders(), customs).run()
        assert not workspace.outbox_waiting(later).files
        checks = workspace.readiness(SignerOptions(), now=datetime.now() + timedelta(hours=1)).checks
        assert [c.level for c in checks if c.key == "transfer"] == ["ok"]


class _closing:
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc):
        self.thing.close()


def test_cli_through_the_client(tmp_path, profile_file, test_keys, monkeypatch):
    """convert --send into OutBox, simulate (the transfer client), receipts, doctor, as a clerk would."""
    root = tmp_path / "ImpPath"
    data = tmp_path / "ws"
    data.mkdir()
    (data / "profile.toml").write_text(
        profile_file.read_text(encoding="utf-8") + f'\n[exchange]\nlayout = "client"\nclient_root = "{root}"\n',
        encoding="utf-8",
    )
    for module in ClientFolders.configured(root).modules:
        for box in module.boxes:
            box.mkdir(parents=True)
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    src = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)

    def run(*args):
        out = io.StringIO()
        return main(["--data-dir", str(data), *map(str, args)], out=out), out.getvalue()

    code, text = run("import", src)
    assert code == 0, text
    code, text = run("send", "--key-file", test_keys["p12"])
    assert code == 0, text
    assert len(list((root / "IMPCEB" / "OutBox").iterdir())) == 1
    code, text = run("simulate", "--once")
    assert code == 0, text
    assert len(list((root / "IMPCEB" / "SentBox").iterdir())) == 1
    code, text = run("receipts", "--json")
    report = json.loads(text)
    assert code == 0 and len(report["client"]["taken"]) == 1 and report["ingested"], text
    code, text = run("doctor", "--json")
    transfer = [c for c in json.loads(text)["checks"] if c["check"] == "transfer"]
    assert [c["level"] for c in transfer] == ["ok"]
