"""send / receipts / status / watch / simulate, as scripts call them."""

from __future__ import annotations

import io
import json
import shutil

from lxml import etree

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import document_rows, filled_template, write_workbook


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def test_convert_send_simulate_receipts_status(tmp_path, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    src = filled_template(document_type("inventory"), tmp_path / "i.xlsx", documents=3)
    code, out = run(
        *dirs, "convert", src, "--send", "--profile", profile_file, "--key-file", test_keys["p12"]
    )
    assert code == 0, out
    assert "新增 3" in out and "发送 1 个报文，3 个单证" in out
    assert run(*dirs, "simulate", "--once")[0] == 0
    code, out = run(*dirs, "receipts", "--json")
    assert code == 0 and json.loads(out)["documents"] == 3
    code, out = run(*dirs, "status", "--json", "--type", "inventory")
    rows = json.loads(out)
    assert [r["returnStatus"] for r in rows] == ["800"] * 3
    assert rows[0]["family"] == "放行" and rows[0]["meaning"] == "放行"
    code, out = run(*dirs, "status", "--status", "800")
    assert "共 3 个单证" in out
    # the same file again: nothing new to declare
    code, out = run(
        *dirs, "convert", src, "--send", "--profile", profile_file, "--key-file", test_keys["p12"]
    )
    assert "新增 0，未变 3" in out and "发送 0 个报文" in out


def test_a_change_is_sent_as_modification_only_when_asked(tmp_path, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    order = document_type("order")
    rows = document_rows(order, 0, 1)
    first = write_workbook(order, rows, tmp_path / "o.xlsx")
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    assert run(*dirs, "convert", first, "--send", *signer)[0] == 0
    rows[0]["buyerTelephone"] = "13900000000"
    changed = write_workbook(order, rows, tmp_path / "o2.xlsx")
    code, out = run(*dirs, "convert", changed, "--send", *signer)
    assert "有改动 1" in out and "发送 0 个报文" in out
    code, out = run(*dirs, "send", "--modify", *signer, "--json")
    [message] = json.loads(out)["messages"]
    root = etree.parse(str(tmp_path / "x" / "send" / message["file"])).getroot()
    ns = "{http://www.chinaport.gov.cn/ceb}"
    assert root.findtext(f"{ns}Order/{ns}OrderHead/{ns}appType") == "2"
    assert root.findtext(f"{ns}Order/{ns}OrderHead/{ns}buyerTelephone") == "13900000000"


def test_hot_folder(tmp_path, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    hot = tmp_path / "hot"
    hot.mkdir()
    filled_template(document_type("payment"), hot / "pay.xlsx", documents=2)
    rows = document_rows(document_type("order"), 0, 1)
    rows[0]["buyerName"] = None
    write_workbook(document_type("order"), rows, hot / "bad-order.xlsx")
    code, out = run(*dirs, "watch", hot, "--once", "--profile", profile_file, "--key-file", test_keys["p12"])
    assert code == 1  # a file was refused: it went to failed/
    assert (hot / "done" / "pay.xlsx").exists() and "发送" in (
        hot / "done" / "pay.xlsx.result.txt"
    ).read_text(encoding="utf-8")
    assert (hot / "failed" / "bad-order.xlsx").exists()
    assert "buyerName" in (hot / "failed" / "bad-order.xlsx.result.txt").read_text(encoding="utf-8")
    assert len(list((tmp_path / "x" / "send").glob("CEB411*.xml"))) == 1


def test_demo_runs_end_to_end(tmp_path):
    from cebdesk.demo import main as demo

    assert demo([str(tmp_path / "demo")]) == 0
    assert list((tmp_path / "demo" / "exchange" / "receive" / "done").glob("*/*.xml"))
    shutil.rmtree(tmp_path / "demo")


def test_status_history_and_tax_receipts(tmp_path, profile_file, test_keys, monkeypatch):
    from cebdesk.store import Journal

    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    src = filled_template(document_type("inventory"), tmp_path / "i.xlsx", documents=1)
    run(*dirs, "convert", src, "--send", "--profile", profile_file, "--key-file", test_keys["p12"])
    run(*dirs, "simulate", "--once")
    run(*dirs, "receipts")
    with Journal(tmp_path / "data" / "journal.sqlite3") as journal:
        [doc] = journal.documents()
        invt_no = json.loads(journal.receipts_for(doc.id)[-1]["keys"])["invtNo"]
    tax = (
        '<?xml version="1.0" encoding="UTF-8"?><CEB816Message xmlns="http://www.chinaport.gov.cn/ceb" guid="'
        + "A" * 36
        + '" version="1.0"><Tax><TaxHeadRd><guid>'
        + "B" * 36
        + f"</guid><returnTime>29990101000000000</returnTime><invtNo>{invt_no}</invtNo><taxNo>T1</taxNo>"
        "<customsTax>0</customsTax><valueAddedTax>9.1</valueAddedTax><consumptionTax>0</consumptionTax><status>1</status>"
        "<orderNo>tolerated extra</orderNo></TaxHeadRd><TaxListRd><gnum>1</gnum><gcode>8541401000</gcode><taxPrice>70</taxPrice>"
        "<customsTax>0</customsTax><valueAddedTax>9.1</valueAddedTax><consumptionTax>0</consumptionTax></TaxListRd></Tax></CEB816Message>"
    )
    (tmp_path / "x" / "receive" / "CEB816_tax.xml").write_text(tax, encoding="utf-8")
    code, out = run(*dirs, "receipts", "--json")
    assert code == 0 and json.loads(out)["ingested"] == ["CEB816_tax.xml"]
    code, out = run(*dirs, "status", "--history", "--json")
    [item] = json.loads(out)
    assert item["returnStatus"] == "800"  # a tax bill is not a clearance status
    assert [r["returnStatus"] for r in item["receipts"]] == ["2", "120", "399", "800", None]
    code, out = run(*dirs, "status", "--history")
    assert "放行 [Code:2600;Desc:放行]" in out


def test_a_workspace_keeps_its_own_profile(tmp_path, profile_file, test_keys, monkeypatch):
    """--data-dir DIR with DIR/profile.toml: no --profile needed."""
    import shutil as sh

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "nowhere"))
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    workspace = tmp_path / "ws"
    workspace.mkdir()
    sh.copy(profile_file, workspace / "profile.toml")
    src = filled_template(document_type("payment"), tmp_path / "p.xlsx", documents=1)
    code, out = run("--data-dir", workspace, "convert", src, "--send", "--key-file", test_keys["p12"])
    assert code == 0, out
    assert (workspace / "exchange" / "send").is_dir() and len(
        list((workspace / "exchange" / "send").glob("*.xml"))
    ) == 1


def test_export_through_the_commands_to_the_summary_result(tmp_path, profile_file, test_keys, monkeypatch):
    """convert --send, simulate, receipts, status for export: the inventory released with its
    invtNo, then a summary of it answered with the declaration's numbers."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    src = filled_template(document_type("export-inventory"), tmp_path / "i.xlsx", documents=2)
    code, out = run(*dirs, "convert", src, "--send", *key)
    assert code == 0, out
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts", "--json")[0] == 0
    code, out = run(*dirs, "status", "--json", "--type", "export-inventory", "--lang", "en")
    rows = json.loads(out)
    assert [r["meaning"] for r in rows] == ["Released"] * 2
    invt = sorted(r["numbers"]["invtNo"] for r in rows)
    summary = document_rows(document_type("summary"), 0, 1)
    summary[0].update(invtNo=invt[0], sumNo=None, preNo=None, startTime=None, endTime=None)
    book = write_workbook(document_type("summary"), summary, tmp_path / "s.xlsx")
    code, out = run(*dirs, "convert", book, "--send", *key)
    assert code == 0, out
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts", "--json")[0] == 0
    code, out = run(*dirs, "status", "--json", "--type", "summary", "--history")
    [row] = json.loads(out)
    assert row["returnStatus"] == "399" and row["meaning"] == "海关审结"
    assert len(row["numbers"]["entryId"]) == 18 and row["numbers"]["sumNo"]
    [result] = [r for r in row["receipts"] if r["receipt"] == "CEB792Message"]
    assert [line["invtNo"] for line in result["lines"]] == [invt[0]]
    code, out = run(*dirs, "status", "--json", "--key", row["numbers"]["entryId"])
    assert {r["type"] for r in json.loads(out)} == {"CEB701Message", "CEB603Message"}
    # the text form says the same: customs' numbers under each document, the result's list
    code, out = run(*dirs, "status", "--type", "summary", "--history")
    assert f"报关单编号 {row['numbers']['entryId']}" in out and f"汇总申请编号 {row['numbers']['sumNo']}" in out
    assert f"invtNo={invt[0]}" in out
    assert "summary result" not in out  # in the user's language only
    code, out = run(*dirs, "status", "--type", "summary", "--history", "--lang", "en")
    assert "summary result" in out and "汇总结果单" not in out
    code, out = run(*dirs, "status", "--type", "export-inventory", "--lang", "en")
    assert all(f"inventory no. {n}" in out for n in invt)


def test_status_by_direction_and_parts_of_the_chosen_size(tmp_path, profile_file, test_keys, monkeypatch):
    """`status --direction` keeps one direction's documents; `--part-lines` sets where a long
    arrival is cut into numbered parts, for convert -o and convert --send alike."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    imported = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)
    arrival = filled_template(document_type("arrival"), tmp_path / "a.xlsx", documents=1, lines=25)
    code, out = run("convert", arrival, "-o", tmp_path / "out", "--profile", profile_file, "--part-lines", "10")
    assert code == 0, out
    assert "1 个单证" in out and "3 个报文" in out
    written = sorted((tmp_path / "out").glob("*.xml"))
    heads = [
        etree.parse(str(w)).getroot().findall(".//{http://www.chinaport.gov.cn/ceb}ArrivalHead")
        for w in written
    ]
    assert sorted([(h.findtext("{*}msgSeqNo"), h.findtext("{*}msgCount")) for h in hs] for hs in heads) == [
        [("1", "3")],
        [("2", "3")],
        [("3", "3")],
    ]  # each part a message of its own
    assert run("convert", arrival, "-o", tmp_path / "bad", "--profile", profile_file, "--part-lines", "0")[0] == 2
    for book in (imported, arrival):
        code, out = run(*dirs, "convert", book, "--send", *key, "--part-lines", "10")
        assert code == 0, out
    sent = [p for p in (tmp_path / "x" / "send").glob("*.xml") if b"ArrivalHead" in p.read_bytes()]
    assert [p.read_bytes().count(b"<ceb:ArrivalHead>") for p in sent] == [1, 1, 1]
    code, out = run(*dirs, "status", "--json", "--direction", "export")
    assert {r["type"] for r in json.loads(out)} == {"CEB507Message"}
    code, out = run(*dirs, "status", "--json", "--direction", "import")
    assert [r["type"] for r in json.loads(out)] == ["CEB311Message"] * 2
    # each part says which it is: validate on a part file, the receipts of each part in the history
    [second] = [w for w, hs in zip(written, heads, strict=True) if hs[0].findtext("{*}msgSeqNo") == "2"]
    code, out = run("validate", second)
    assert code == 0 and "（第 2/3 部分）" in out, out
    code, out = run("--lang", "en", "validate", second)
    assert "(part 2 of 3)" in out, out
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "status", "--type", "arrival", "--history")
    assert all(f"（第 {n} 部分）" in out for n in (1, 2, 3)), out


def test_status_table_keeps_whole_numbers_in_aligned_columns(tmp_path, profile_file, test_keys, monkeypatch):
    """Long export names and long keys: nothing is cut, each column starts at the same screen
    column on every line (a Chinese character is two columns wide)."""
    from cebdesk.cli.exchange import _width

    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    rows = document_rows(document_type("export-inventory"), 0, 1)
    rows[0]["copNo"] = "CEB603EXP2026112000123456789AB"
    book = write_workbook(document_type("export-inventory"), rows, tmp_path / "e.xlsx")
    assert run(*dirs, "convert", book, "--send", *key)[0] == 0
    assert run(*dirs, "convert", filled_template(document_type("order"), tmp_path / "o.xlsx"), "--send", *key)[0] == 0
    for lang in ("zh", "en"):
        code, out = run(*dirs, "status", "--lang", lang)
        header, *lines = out.splitlines()[:3]
        key_title, state_title = header.split()[1:3]
        key_at = _width(header[: header.index(key_title)])
        state_at = _width(header[: header.index(state_title)])
        keys = ["CEB603EXP2026112000123456789AB/", "/"]  # the export one whole; the order's
        for line in lines:
            key = next(w for w in line.split() if "/" in w)
            assert _width(line[: line.index(key)]) == key_at, out
            state = line[line.index(key) + len(key) :].split()[0]
            assert _width(line[: line.index(state, line.index(key) + len(key))]) == state_at, out
        assert keys[0] in out
