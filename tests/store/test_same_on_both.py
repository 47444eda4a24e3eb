"""One office's day through the CLI and the workspace, once on a journal file and once on a
shared journal (a real PostgreSQL server): the same answers from both. Imports with the
checks against the journal, sending, receipts, the query page's searches and the home page's
numbers, a re-imported change sent as a modification, export lists and the month's summary,
the readiness checks."""

from __future__ import annotations

import json
import re
import socket

import pytest

from cebdesk.pipeline.workspace import StatusQuery, Workspace
from tests.cross.docs import rows, workbook
from tests.summary.lists import EXPORT, THIS_MONTH, inventory, run
from tests.factory import write_workbook

pytestmark = pytest.mark.slow

_VARYING = re.compile(
    r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"  # guids
    r"|\d{4}-\d{2}-\d{2}T[\d:.]+|\d{8,}"  # times, the simulator's numbers
    r"|/tmp/\S+?(?=[\"'\s,)]|$)"  # folders
)


def _same(value):
    """What may differ between two runs (guids, times, folders, ids) taken out."""
    if isinstance(value, dict):
        return {
            k: _same(v.rpartition("@")[0] or v if k == "importedBy" else v)  # a shared journal names the computer
            for k, v in value.items()
            if k not in ("id", "updated", "file", "sent")
        }
    if isinstance(value, list):
        return [_same(v) for v in value]
    if isinstance(value, str):
        return _VARYING.sub("…", value)
    return value


def _day(root, journal: list[str], profile_file, test_keys, monkeypatch) -> dict:
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    root.mkdir()
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8").split("\n[rates]")[0] + '\n[rates]\nUSD = "7.1"\n', encoding="utf-8"
    )
    dirs = ["--data-dir", root / "data", "--exchange-dir", root / "x", *journal]
    key = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    out: dict = {}

    def cli(*args, expect=0):
        code, text = run(*dirs, *args)
        assert expect is None or code == expect, text
        return json.loads(text) if "--json" in args else text

    # the platform's orders for the checks, then the inventories declared and sent
    books = {kind: workbook(kind, root / f"{kind}.xlsx", *(rows(kind, n=n) for n in range(1, 4))) for kind in
             ("order", "payment", "logistics", "inventory")}  # fmt: skip
    for kind in ("order", "payment", "logistics"):
        cli("import", books[kind], "--reference", "--json")
    out["convert"] = cli("convert", books["inventory"], "--send", *key, "--json")
    cli("simulate", "--once")
    out["receipts"] = cli("receipts", "--json")
    out["status"] = cli("status", "--json")
    out["by_key"] = cli("status", "--key", "ORD2024001-2", "--json")
    out["by_status"] = cli("status", "--status", "sent", "--json")
    # a change imported again waits; sent as a modification (appType 2)
    changed = workbook("inventory", root / "changed.xlsx", rows("inventory", n=1, head={"note": "补充说明"}))
    out["changed"] = cli("import", changed, "--json")
    out["modify"] = cli("send", "--modify", *key, "--json")
    # export lists released, and the month's summary of them
    lists = [inventory(0), inventory(1, currency="502", totalPrice="3", price="1.5"), inventory(2, country="116")]
    cli("convert", write_workbook(EXPORT, lists, root / "export.xlsx"), "--send", *key, "--json")
    cli("simulate", "--once")
    cli("receipts", "--json")
    out["summary"] = cli("summary", "--month", THIS_MONTH, "--preview", "--json", *key[:2])
    out["doctor"] = [
        {k: item[k] for k in ("check", "level")} for item in cli("doctor", *key, "--json", expect=None)["checks"]
    ]
    # the window's searches and numbers, through the workspace as its pages ask
    ws = Workspace(root / "data", exchange_dir=root / "x", journal_url=journal[1] if journal else None)
    out["person"] = [d.to_json() for d in ws.status(StatusQuery(person="张"))]
    out["key_part"] = [d.to_json() for d in ws.status(StatusQuery(key="2024001-3"))]
    out["today"] = ws.today().counts
    out["released"] = [d.to_json() for d in ws.status(StatusQuery(outcome="released", limit=-1))]
    return _same(out)


def test_a_day_gives_the_same_answers_on_a_file_and_on_a_server(tmp_path, postgres, profile_file, test_keys, monkeypatch):
    on_file = _day(tmp_path / "file", [], profile_file, test_keys, monkeypatch)
    url = postgres.new_database("same_day")
    on_server = _day(tmp_path / "server", ["--journal", url], profile_file, test_keys, monkeypatch)
    assert len(on_file["status"]) == 9 + 3 and on_file["today"] and on_file["summary"]["released"] == 3
    assert len(on_file["by_key"]) == 4 and on_file["person"] and len(on_file["key_part"]) == 4
    assert on_file["changed"]["changed"] == 1 and on_file["modify"]["documents"] == 1 and on_file["released"]
    assert {"check": "journal", "level": "ok"} in on_file["doctor"]
    for part in on_file:
        assert on_server[part] == on_file[part], part
    sent = [d for d in on_server["status"] if d["state"] == "sent"]
    assert sent and all(d["sentBy"].endswith("@" + socket.gethostname()) for d in sent)
