"""Export lists released this month in a real journal: declared with convert --send, released by
the simulator, read back as receipts (what the summary tests start from)."""

from __future__ import annotations

import datetime as dt
import io
import json

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

EXPORT = document_type("export-inventory")
THIS_MONTH = f"{dt.date.today():%Y-%m}"


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def inventory(n: int, **changes):
    [row] = document_rows(EXPORT, n, 1)
    row.update(
        invtNo=None, preNo=None, licenseNo=None, ebcCode="1105910160", ownerCode="1105910159",
        trafMode="5", country="502", portCode="5141", statisticsFlag="B", currency="142",
        qty="2", price="10", totalPrice="20", grossWeight="1.5", netWeight="1",
        agentCode="1105910159", agentName="测试申报企业", ebcName="测试电商企业", loctNo="5141W",
    )  # fmt: skip
    row.update(changes)
    return row


def release(tmp_path, profile_file, test_keys, monkeypatch, rows):
    """``rows`` declared, released and read back: (dirs, key options, their invtNos in order)."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    code, out = run(*dirs, "convert", write_workbook(EXPORT, rows, tmp_path / "i.xlsx"), "--send", *key)
    assert code == 0, out
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "status", "--json", "--type", "export-inventory")
    numbers = {r["key"].split("/")[0]: r["numbers"]["invtNo"] for r in json.loads(out)}
    assert len(numbers) == len(rows)
    return dirs, key, [numbers[r["copNo"]] for r in rows]
