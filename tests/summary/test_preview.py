"""The month's summary preview from a real journal: export lists declared with convert --send,
released by the simulator, read back as receipts."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from openpyxl import load_workbook

from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook
from tests.summary.lists import THIS_MONTH, inventory, release, run

@pytest.fixture
def released(tmp_path, profile_file, test_keys, monkeypatch):
    """Six lists released this month: three B to the US (two of them in US dollars), one B to
    Japan, one A within RMB 5,000, one A over it (in dollars)."""
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8") + '\n[rates]\nUSD = "7.1"\n', encoding="utf-8"
    )
    rows = [
        inventory(0),
        inventory(1, currency="502", totalPrice="3", price="1.5"),
        inventory(2, currency="502", gcode="8517120000"),
        inventory(3, country="116"),
        inventory(4, statisticsFlag="A", totalPrice="4999", price="2499.5"),
        inventory(5, statisticsFlag="A", currency="502", totalPrice="705", price="352.5"),
    ]
    return release(tmp_path, profile_file, test_keys, monkeypatch, rows)


def test_the_preview_merges_classifies_and_exports(released, tmp_path):
    dirs, key, invt = released
    code, out = run(
        *dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2], "-o", tmp_path / "p.xlsx"
    )
    assert code == 1, out  # one list flagged A breaks its conditions
    preview = json.loads(out)
    assert preview["released"] == 6 and preview["summaryFlag"] == "1"
    us, jp = preview["declarations"]
    assert (us["country"], jp["country"]) == ("502", "116")
    assert us["invtNos"] == invt[:3] and jp["invtNos"] == [invt[3]]
    assert [(i["gcode"], i["currency"], i["qty"], i["totalPrice"]) for i in us["items"]] == [
        ("8541401000", "142", "2", "20"), ("8541401000", "502", "2", "3"), ("8517120000", "502", "2", "20"),
    ]  # fmt: skip
    assert us["grossWeight"] == "4.5" and us["ownerCode"] == ""
    assert [s["invtNo"] for s in preview["statistics"]] == [invt[4]] and preview["statistics"][0][
        "valueRmb"
    ] == "4999"
    [refused] = preview["refused"]
    assert refused["invtNo"] == invt[5] and "5005.5" in refused["reasons"][0]
    book = load_workbook(tmp_path / "p.xlsx", read_only=True)
    assert [r[0] for r in book["清单"].iter_rows(min_row=2, values_only=True)] == [1, 1, 1, 2]
    assert [r[0] for r in book["不能汇总"].iter_rows(min_row=2, values_only=True)] == [invt[5]]
    # the text form says the same; one enterprise only
    code, text = run(
        *dirs, "summary", "--month", THIS_MONTH, "--preview", "--ebc", "1105910160", "--lang", "en", *key[:2]
    )
    assert "declaration 2:" in text and f"refused {invt[5]}" in text and invt[4] in text
    code, out = run(
        *dirs, "summary", "--month", THIS_MONTH, "--preview", "--ebc", "OTHER", "--json", *key[:2]
    )
    assert code == 0 and json.loads(out)["released"] == 0 and json.loads(out)["notes"]


def test_a_summarised_or_cancelled_list_is_not_offered_again(released, tmp_path):
    dirs, key, invt = released
    summary = document_rows(document_type("summary"), 0, 1)
    summary[0].update(
        invtNo=invt[0], sumNo=None, preNo=None, startTime=None, endTime=None, ebcCode="1105910160"
    )
    book = write_workbook(document_type("summary"), summary, tmp_path / "s.xlsx")
    code, out = run(*dirs, "convert", book, "--send", *key)
    assert code == 0, out
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    assert json.loads(out)["excluded"] == {"pending": 1}  # sent, not answered yet
    assert run(*dirs, "simulate", "--once")[0] == 0 and run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    preview = json.loads(out)
    assert preview["excluded"] == {"summarised": 1}
    assert invt[0] not in [n for d in preview["declarations"] for n in d["invtNos"]]


def test_an_empty_month_a_late_list_and_a_missing_rate_are_said(released, tmp_path, profile_file):
    dirs, key, invt = released
    code, out = run(*dirs, "summary", "--month", "2020-03", "--preview", "--lang", "en", *key[:2])
    assert code == 0 and "no export list was released in 2020-03" in out
    # a list released last month and never summarised is counted as overdue in this month's preview
    last = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    db = sqlite3.connect(tmp_path / "data" / "journal.sqlite3")
    with db:
        db.execute(
            "UPDATE receipts SET return_time=? WHERE return_status='800' AND json_extract(keys, '$.invtNo')=?",
            (f"{last:%Y%m%d}120000000", invt[3]),
        )
    db.close()
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", "--lang", "en", *key[:2])
    preview = json.loads(out)
    assert preview["overdue"] == {f"{last:%Y-%m}": 1} and preview["released"] == 5
    assert any(f"--month {last:%Y-%m}" in note for note in preview["notes"])
    code, out = run(*dirs, "summary", "--month", f"{last:%Y-%m}", "--preview", "--json", *key[:2])
    assert [d["invtNos"] for d in json.loads(out)["declarations"]] == [[invt[3]]]
    # no rate for the dollar: an error naming the currency, never 1:1
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8").replace('USD = "7.1"', ""), encoding="utf-8"
    )
    code, _ = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--lang", "en", *key[:2])
    assert code == 2


def test_duty_and_refund_goods_from_the_profile_keep_an_a_list_from_statistics(
    released, profile_file, capsys
):
    """The A list within RMB 5,000 is summary statistics until the profile says its goods pay
    export duty or get a tax refund; a setting that is no HS code stops the command (exit 2)."""
    dirs, key, invt = released
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    assert [c["invtNo"] for c in json.loads(out)["statistics"]] == [invt[4]]
    gcode = inventory(4)["gcode"]
    for setting, words in ((f'dutyHs = "{gcode[:4]}"', "export duty"), ('refundHs = "*"', "tax refund")):
        profile_file.write_text(
            profile_file.read_text(encoding="utf-8").split("[summary]")[0] + f"\n[summary]\n{setting}\n",
            encoding="utf-8",
        )
        code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", "--lang", "en", *key[:2])
        preview = json.loads(out)
        assert code == 1 and preview["statistics"] == []
        refused = {c["invtNo"]: c["reasons"] for c in preview["refused"]}
        assert any(words in reason for reason in refused[invt[4]])
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8").split("[summary]")[0] + '\n[summary]\ndutyHs = "26x"\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    code, _ = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--lang", "en", *key[:2])
    assert code == 2 and "[summary] dutyHs: '26x'" in capsys.readouterr().err


def test_lists_of_other_declaring_enterprises_make_other_declarations(
    tmp_path, profile_file, test_keys, monkeypatch
):
    """One summary application goes from one declaring enterprise (agentCode) to one customs
    office for one site: lists alike in the eight elements but declared by two agents make two
    declarations, each in its own application, unless the profile's [summary] names one agent."""
    rows = [inventory(0), inventory(1, agentCode="1105910158"), inventory(2)]
    dirs, key, invt = release(tmp_path, profile_file, test_keys, monkeypatch, rows)
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    declarations = json.loads(out)["declarations"]
    assert [d["invtNos"] for d in declarations] == [[invt[0], invt[2]], [invt[1]]]
    assert [d["application"]["agentCode"] for d in declarations] == ["1105910159", "1105910158"]
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8") + '\n[summary]\nagentCode = "1105910157"\n', encoding="utf-8"
    )
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    [declaration] = json.loads(out)["declarations"]
    assert declaration["invtNos"] == invt and declaration["application"]["agentCode"] == "1105910157"
