"""summary --send from a real journal: export lists declared with convert --send, released by
the simulator, then the month's summary applications (CEB701) journaled, signed and sent, answered
with CEB702 and the result CEB792 carrying the declaration's number."""

from __future__ import annotations

import functools
import io
import json

import pytest
from lxml import etree

from cebdesk.exchange.http import HttpChannel
from tests.factory import write_workbook
from tests.summary.lists import EXPORT, THIS_MONTH, release, run
from tests.summary.lists import inventory as base_inventory

NS = "{http://www.chinaport.gov.cn/ceb}"


def inventory(n: int, **changes):
    """A list as the preview tests make it, with the declaring and e-commerce enterprises named."""
    names = {"agentCode": "1105910159", "agentName": "测试申报企业", "ebcName": "测试电商企业", "loctNo": "5141W"}
    return base_inventory(n, **{**names, **changes})


@pytest.fixture
def released(tmp_path, profile_file, test_keys, monkeypatch):
    """Four lists released this month: three B (two to the US, one to Japan), one A within RMB 5,000."""
    rows = [
        inventory(0),
        inventory(1, gcode="8517120000"),
        inventory(2, country="116"),
        inventory(3, statisticsFlag="A", totalPrice="4999", price="2499.5"),
    ]
    return (*release(tmp_path, profile_file, test_keys, monkeypatch, rows), rows)


def _sent_summaries(exchange):
    """(head, invtNos) of every CEB701 handed to customs (the simulator keeps what it took)."""
    out = []
    for path in sorted((exchange / ".customs" / "taken").glob("CEB701*")):
        root = etree.parse(str(path)).getroot()
        for apply in root.iter(f"{NS}SummaryApply"):
            head = {e.tag.removeprefix(NS): e.text for e in apply.find(f"{NS}SummaryApplyHead")}
            out.append((head, [e.findtext(f"{NS}invtNo") for e in apply.iter(f"{NS}SummaryApplyList")]))
    return out


def test_summary_send_through_the_simulator_to_the_declaration_number(released, tmp_path):
    dirs, key, invt, rows = released
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--json", *key)
    assert code == 0, out
    report = json.loads(out)
    [app] = report["applications"]
    assert app["copNo"] == f"SUM{THIS_MONTH.replace('-', '')}0001"
    assert app["invtNos"] == invt[:3]  # the A list is summary statistics: not declared
    assert report["send"]["documents"] == 1
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    [(head, numbers)] = _sent_summaries(tmp_path / "x")
    assert sorted(numbers) == sorted(invt[:3])
    assert head["summaryFlag"] == "1" and head["itemNameFlag"] == "1"
    assert head["ebcCode"] == "1105910160" and head["agentCode"] == rows[0]["agentCode"]
    assert head["customsCode"] == rows[0]["customsCode"] and head["declAgentCode"] == head["agentCode"]
    assert "startTime" not in head  # a time range would make customs ignore the list body
    assert head["msgCount"] == "1" and head["msgSeqNo"] == "1"
    code, out = run(*dirs, "status", "--json", "--type", "summary", "--history")
    [summary] = json.loads(out)
    assert summary["key"].startswith(app["copNo"])
    assert len(summary["numbers"]["entryId"]) == 18  # the declaration number from the CEB792
    assert "CEB792Message" in json.dumps(summary["receipts"])
    code, text = run(*dirs, "status", "--type", "summary", "--lang", "en")
    assert summary["numbers"]["entryId"] in text


def test_a_second_send_sends_nothing(released, tmp_path):
    dirs, key, invt, _rows = released
    assert run(*dirs, "summary", "--month", THIS_MONTH, "--send", *key)[0] == 0
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--json", *key)
    assert code == 0, out
    assert json.loads(out)["applications"] == [] and "send" not in json.loads(out)
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--lang", "en", *key)
    assert "nothing sent" in out
    code, out = run(*dirs, "status", "--json", "--type", "summary")
    assert len(json.loads(out)) == 1


def test_long_lists_go_in_parts_and_the_profile_sets_flags_and_names(released, tmp_path, profile_file):
    dirs, key, invt, _rows = released
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8")
        + '\n[summary]\nsummaryFlag = "2"\ndeclAgentCode = "1105910161"\ndeclAgentName = "测试报关行"\n',
        encoding="utf-8",
    )
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--json", "--part-lines", "1", *key)
    assert code == 0, out
    assert len(json.loads(out)["send"]["messages"]) == 3  # 3 lists, 1 a part
    assert run(*dirs, "simulate", "--once")[0] == 0
    sent = _sent_summaries(tmp_path / "x")
    assert sorted((h["msgSeqNo"], h["msgCount"]) for h, _ in sent) == [("1", "3"), ("2", "3"), ("3", "3")]
    assert {h["summaryFlag"] for h, _ in sent} == {"2"} and {h["declAgentCode"] for h, _ in sent} == {
        "1105910161"
    }
    assert sorted(n for _, numbers in sent for n in numbers) == sorted(invt[:3])
    # customs merges the application as a whole, not part by part: as the preview did
    assert run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--result", "--json")
    [summary] = json.loads(out)["summaries"]
    assert code == 0 and summary["differences"] == [], summary
    assert sorted(sorted(d["invtNos"]) for d in summary["declarations"]) == [sorted(invt[:2]), [invt[2]]]


@pytest.mark.parametrize("missing", ["customsCode", "agentName", "ebcName"])
def test_a_missing_value_names_the_profile_key_and_journals_nothing(
    tmp_path, profile_file, test_keys, monkeypatch, missing
):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    # the list itself cannot lack these (they are required), so the journal's copy is emptied
    assert (
        run(*dirs, "convert", write_workbook(EXPORT, [inventory(0)], tmp_path / "i.xlsx"), "--send", *key)[0]
        == 0
    )
    assert run(*dirs, "simulate", "--once")[0] == 0 and run(*dirs, "receipts")[0] == 0
    import sqlite3

    db = sqlite3.connect(tmp_path / "data" / "journal.sqlite3")
    with db:
        db.execute(
            "UPDATE documents SET record=json_set(record, '$.head."
            + missing
            + "', '') WHERE message_type='CEB603Message'"
        )
    db.close()
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--lang", "en", *key)
    assert code == 2
    assert f"[summary] {missing}" in err.getvalue()
    code, out = run(*dirs, "status", "--json", "--type", "summary")
    assert json.loads(out) == []


def test_a_summary_journaled_but_not_delivered_is_sent_by_the_next_run(released, tmp_path, monkeypatch):
    dirs, key, invt, _rows = released
    monkeypatch.setattr(
        "cebdesk.pipeline.workspace.HttpChannel", functools.partial(HttpChannel, attempts=1)
    )  # one try is enough to fail
    # nobody listens on this port: the application is journaled, its delivery stops
    code, out = run(
        *dirs, "summary", "--month", THIS_MONTH, "--send", "--json", "--http", "http://127.0.0.1:9", *key
    )
    report = json.loads(out)
    assert len(report["applications"]) == 1 and report["send"]["stopped"], out
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", "--json", *key)
    report = json.loads(out)
    assert code == 0 and report["applications"] == [] and report["waiting"] == 1
    assert report["send"]["documents"] == 1
    assert run(*dirs, "simulate", "--once")[0] == 0
    [(_head, numbers)] = _sent_summaries(tmp_path / "x")
    assert sorted(numbers) == sorted(invt[:3])
