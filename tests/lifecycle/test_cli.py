"""cebdesk cancel / refund / status --history as scripts call them: exit codes, --json, the
journal and the outbox, the simulator's answers."""

from __future__ import annotations

import io
import json

import pytest

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import filled_template


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def released(tmp_path, profile_file, test_keys, monkeypatch):
    """Two import inventories (two lines each) sent through the CLI and released by the simulator."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    src = filled_template(document_type("inventory"), tmp_path / "i.xlsx", documents=2, lines=2)
    assert run(*dirs, "convert", src, "--send", *signer)[0] == 0
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    rows = json.loads(run(*dirs, "status", "--json", "--type", "inventory")[1])
    assert [r["returnStatus"] for r in rows] == ["800", "800"]
    return dirs, signer, rows


def test_cancel_then_the_inventory_shows_it(released):
    dirs, signer, rows = released
    invt_no = rows[0]["numbers"]["invtNo"]
    code, out = run(*dirs, "cancel", "--key", invt_no, "--reason", "消费者取消订单", *signer, "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["document"]["type"] == "CEB623Message" and report["document"]["invtNo"] == invt_no
    assert report["send"]["documents"] == 1
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "status", "--key", invt_no, "--history")
    assert "已撤销 (CEB623 #" in out and "撤销申请单" in out
    code, out = run(*dirs, "--lang", "en", "status", "--json", "--history", "--type", "inventory-cancel")
    [cancel] = json.loads(out)
    assert cancel["returnStatus"] == "399" and [v["kind"] for v in cancel["versions"]] == ["declared"]
    # again: refused, exit 1, a clear message, nothing journaled
    code, out = run(*dirs, "--lang", "en", "cancel", "--key", invt_no, "--reason", "again", *signer, "--json")
    assert code == 1 and json.loads(out)["refused"] == "cancelled"
    assert "cancellation exists" in json.loads(out)["message"]


def test_refund_one_line_with_a_quantity(released):
    dirs, signer, rows = released
    key = rows[1]["key"]
    code, out = run(*dirs, "refund", "--key", key, "--reason", "七天无理由退货", "--line", "2:1", *signer)
    assert code == 0, out
    assert "退货申请单" in out and "发送 1 个报文" in out
    run(*dirs, "simulate", "--once")
    run(*dirs, "receipts")
    [refund] = json.loads(run(*dirs, "status", "--json", "--type", "inventory-refund")[1])
    assert refund["returnStatus"] == "399"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--line", "9"], "清单没有第 9 项商品"),
        (["--line", "1:99"], "大于清单数量"),
        (["--line", "1:0"], "不是大于 0 的数"),
        (["--reason", "  "], "需要填写原因"),
    ],
)
def test_refund_refusals_exit_1_with_the_reason(released, capsys, args, words):
    dirs, signer, rows = released
    base = ["refund", "--key", rows[0]["numbers"]["invtNo"], "--reason", "退货"]
    code, _out = run(*dirs, *base, *args, *signer)
    assert code == 1
    assert words in capsys.readouterr().err
    assert json.loads(run(*dirs, "status", "--json", "--type", "inventory-refund")[1]) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--line", "x"],
        ["--line", "1:"],
        ["--line", "0"],
        ["--line", "1", "--line", "1:2"],
        ["--set", "novalue"],
    ],
)
def test_refund_usage_errors_exit_2(released, capsys, args):
    dirs, signer, rows = released
    code, _out = run(*dirs, "refund", "--key", rows[0]["key"], "--reason", "r", *args, *signer)
    assert code == 2 and "--" in capsys.readouterr().err


def test_cancel_unknown_key_and_missing_options(released, capsys):
    dirs, signer, _rows = released
    assert run(*dirs, "cancel", "--key", "NOPE", "--reason", "r", *signer)[0] == 1
    assert "NOPE" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse: --reason is required
        run(*dirs, "cancel", "--key", "NOPE", *signer)
    assert usage.value.code == 2
    code, _ = run(*dirs, "cancel", "--key", "NOPE", "--reason", "r", "--profile", signer[1])  # no signer
    assert code == 2


def test_a_draft_shows_in_status(tmp_path, profile):
    from cebdesk.pipeline.workspace import Workspace
    from tests.exchange.exportdocs import head_and_lines

    workspace = Workspace(tmp_path / "data", profile=profile)
    head, lines = head_and_lines(document_type("order"), 0, 1)
    workspace.save_draft("order", head, lines)
    code, out = run("--data-dir", tmp_path / "data", "status", "--history")
    assert code == 0 and "暂存" in out and "v1" in out and "draft" in out
