"""The signer options of the CLI: a SoftHSM token, the E-Port replay, the PIN from the environment."""

from __future__ import annotations

import io
import json

from lxml import etree

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import filled_template
from tests.signing.eport_replay import CardControl


def run(args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def test_convert_signs_with_the_token(tmp_path, softhsm, profile_file, monkeypatch, import_schema):
    monkeypatch.setenv("CEBDESK_PIN", softhsm["pin"])
    src = filled_template(document_type("inventory-cancel"), tmp_path / "c.xlsx", documents=3)
    args = ["convert", src, "-o", tmp_path / "out", "--profile", profile_file, "--json"]
    args += [
        "--pkcs11-module",
        softhsm["module"],
        "--token-label",
        softhsm["token"],
        "--key-label",
        "signkey",
    ]
    code, out = run(args)
    assert code == 0, out
    [message] = json.loads(out)["messages"]
    assert message["signed"]
    assert import_schema.validate(etree.parse(message["file"]))
    code, out = run(["verify", message["file"], "--json"])
    assert code == 0 and json.loads(out)[0]["key_name"] == "03000000000cde70"


def test_wrong_pin_from_the_environment_exits_2_without_output(
    tmp_path, softhsm, profile_file, monkeypatch, capsys
):
    monkeypatch.setenv("CEBDESK_PIN", "654321")
    src = filled_template(document_type("order"), tmp_path / "o.xlsx")
    args = ["convert", src, "-o", tmp_path / "out", "--profile", profile_file]
    args += [
        "--pkcs11-module",
        softhsm["module"],
        "--token-label",
        softhsm["token"],
        "--key-label",
        "signkey",
    ]
    code, _ = run(args)
    assert code == 2
    err = capsys.readouterr().err
    assert "wrong PIN" in err and "654321" not in err
    assert not (tmp_path / "out").exists()


def test_tokens_command(softhsm, monkeypatch):
    code, out = run(["tokens", "--pkcs11-module", softhsm["module"]])
    assert code == 0
    assert "cebdesk-test" in out and "serial=03000000000cde70" in out and "label=signkey" in out
    monkeypatch.setenv("CEBDESK_PIN", softhsm["pin"])
    code, out = run(["tokens", "--pkcs11-module", softhsm["module"], "--login", "--json"])
    token = next(t for t in json.loads(out)["tokens"] if t["label"] == softhsm["token"])
    assert {k["label"] for k in token["private_keys"]} == {"signkey", "otherkey"}


def test_sign_through_the_card_control(tmp_path, anchors, signer, monkeypatch):
    card = CardControl(signer)
    try:
        monkeypatch.setenv("CEBDESK_PIN", card.pin)
        src = anchors / "ceb-samples" / "202205" / "import" / "CEB625Message.xml"
        code, out = run(["sign", src, "-o", tmp_path / "out", "--eport-control", card.url])
    finally:
        card.close()
    assert code == 0, out
    assert run(["verify", tmp_path / "out" / "CEB625Message.xml"])[0] == 0


def test_one_signer_at_a_time(tmp_path, test_keys, softhsm, capsys):
    code, _ = run(["sign", "x.xml", "-o", tmp_path, "--key-file", test_keys["pem"], "--token-label", "t"])
    assert code == 2
    assert "choose one signer" in capsys.readouterr().err
