"""Two seats (each its own data folder and profile) on one shared journal, through the CLI: the
same workbook imported at both is one set of documents, each seat sees the other's, the journal
named by --journal or by the profile's [journal] url; a URL with a password is refused."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from cebdesk.cli import main
from cebdesk.store import Journal
from tests.cross.conftest import make_workspace
from tests.cross.docs import rows, workbook


@pytest.fixture
def url(postgres, request):
    return postgres.new_database("cli_" + request.node.name.lower()[:40])


def _status(data, url, capsys, *extra):
    capsys.readouterr()
    assert main(["--data-dir", str(data), *extra, "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_two_seats_import_the_same_file_into_one_journal(tmp_path, url, capsys):
    seat_a = make_workspace(tmp_path / "a").data_dir
    seat_b = make_workspace(tmp_path / "b", f'\n[journal]\nurl = "{url}"\n').data_dir  # by its profile
    orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 4)))
    assert main(["--data-dir", str(seat_a), "--journal", url, "import", str(orders)]) == 0
    assert main(["--data-dir", str(seat_b), "import", str(orders)]) == 0
    seen_by_a = _status(seat_a, url, capsys, "--journal", url)
    seen_by_b = _status(seat_b, url, capsys)
    assert len(seen_by_a) == 3 and seen_by_a == seen_by_b
    assert _status(seat_a, url, capsys) == []  # without --journal: seat A's own file, empty


def test_status_history_says_who_imported_and_who_sent(tmp_path, url, capsys, test_keys, monkeypatch):
    seat = make_workspace(tmp_path / "a").data_dir
    orders = workbook("order", tmp_path / "orders.xlsx", rows("order", n=1))
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    args = ["--data-dir", str(seat), "--journal", url]
    assert main([*args, "convert", str(orders), "--send", "--key-file", str(test_keys["p12"])]) == 0
    capsys.readouterr()
    assert main([*args, "status", "--history"]) == 0
    text = capsys.readouterr().out
    host = socket.gethostname()
    assert f"@{host}" in text.split("v1", 1)[1].splitlines()[0]  # imported by: a seat, on which computer
    assert "发送：" in text and text.split("发送：", 1)[1].split()[0].endswith(f"@{host}")


def test_a_journal_url_with_a_password_is_refused(tmp_path, capsys):
    data = make_workspace(tmp_path / "a").data_dir
    code = main(["--data-dir", str(data), "--journal", "postgresql://clerk:s3cret@localhost/cebdesk", "status"])
    err = capsys.readouterr().err
    assert code == 2 and "PGPASSWORD" in err and "s3cret" not in err
    assert main(["--data-dir", str(data), "--journal", "/tmp/journal.sqlite3", "status"]) == 2


def test_the_window_is_on_the_journal_its_profile_names(qtbot, tmp_path, url, profile):
    """What one seat imported through the CLI, another seat's window shows on its query page:
    the window opens the profile's shared journal, as the CLI and the window's jobs do."""
    from dataclasses import replace

    from cebdesk.gui.context import AppContext
    from tests.gui.test_gui_flows import _page, _window

    seat_a = make_workspace(tmp_path / "a").data_dir
    orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 3)))
    assert main(["--data-dir", str(seat_a), "--journal", url, "import", str(orders)]) == 0
    shared = replace(profile, journal={"url": url})
    window = _window(qtbot, AppContext(tmp_path / "b", tmp_path / "b" / "exchange", shared))
    _page(qtbot, window, "查询")
    keys = sorted(r["key"] for r in window.query.model.rows)
    assert keys == ["ORD2024001-1/3301960001", "ORD2024001-2/3301960001"]


def test_doctor_says_when_the_shared_journal_cannot_be_reached(tmp_path, capsys):
    data = make_workspace(tmp_path / "a").data_dir
    gone = f"postgresql:///cebdesk?host={tmp_path / 'no-server'}&user=clerk"
    code = main(["--data-dir", str(data), "--journal", gone, "doctor", "--json"])
    checks = {c["check"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert code == 1 and checks["journal"]["level"] == "error"
    assert "共享日志" in checks["journal"]["text"] and "pgpass" in checks["journal"]["fix"]


def test_the_window_follows_other_seats_and_says_who_sent(qtbot, tmp_path, url, profile, test_keys, monkeypatch):
    """The window on a shared journal says so in its status bar; what another seat imports and
    sends appears on its own (no click), and the document's history names the seat that sent it."""
    from dataclasses import replace

    from cebdesk.gui.context import AppContext
    from tests.gui.test_gui_flows import _click_row, _page, _window

    shared = replace(profile, journal={"url": url})
    window = _window(qtbot, AppContext(tmp_path / "b", tmp_path / "b" / "exchange", shared))
    assert window.journal_label.text().startswith("共享日志：") and url.split("?")[0].rsplit("/", 1)[1] in (
        window.journal_label.text()
    )
    assert window.journal.model.rows == []
    seat_a = make_workspace(tmp_path / "a").data_dir
    orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 3)))
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    args = ["--data-dir", str(seat_a), "--journal", url]
    assert main([*args, "convert", str(orders), "--send", "--key-file", str(test_keys["p12"])]) == 0
    qtbot.waitUntil(lambda: len(window.journal.model.rows) == 2, timeout=15_000)
    _page(qtbot, window, "查询")
    window.query.search()
    _click_row(qtbot, window.query_view.table, 0)
    versions = window.query_view.versions
    cells = [[versions.item(r, c).text() for c in range(versions.columnCount())] for r in range(versions.rowCount())]
    sent = [row for row in cells if row[1] == "已发送"]
    assert len(sent) == 1 and sent[0][2].endswith("@" + socket.gethostname())
    imported = [row for row in cells if row[0] == "1"]
    assert imported and "@" in imported[0][2]  # a shared journal's versions name the computer too


def test_the_app_says_when_the_shared_journal_cannot_be_reached(qtbot, tmp_path, profile):
    """No window on a server that does not answer: the clerk is told why, may try again (asked
    again while it still does not answer) or quit."""
    from dataclasses import replace

    from cebdesk.gui.app import reach_journal
    from cebdesk.gui.context import AppContext
    from tests.gui.test_gui_flows import _press

    gone = f"postgresql:///cebdesk?host={tmp_path / 'no-server'}&user=clerk"
    context = AppContext(tmp_path / "b", tmp_path / "b" / "exchange", replace(profile, journal={"url": gone}))
    again, leave = _press("重试"), None

    def then_quit():
        nonlocal leave
        leave = _press("退出")

    QTimer.singleShot(300, then_quit)
    assert reach_journal(context) is False
    assert again.seen and leave is not None and leave.seen
    assert "共享日志" in again.texts[0] and "pgpass" in again.texts[0]
    assert "no-server" in again.seen[0].detailedText()


def test_the_watcher_says_when_the_server_stops_answering(qtbot, tmp_path, url):
    from cebdesk.gui.journal_watch import JournalWatcher

    watcher = JournalWatcher(interval_ms=100)
    with qtbot.waitSignal(watcher.reached, timeout=10_000) as reached:
        watcher.follow(url)
    assert reached.args == [True, ""]
    watcher.stop()
    gone = f"postgresql:///cebdesk?host={tmp_path / 'no-server'}&user=clerk"
    with qtbot.waitSignal(watcher.reached, timeout=10_000) as reached:
        watcher.follow(gone)
    assert reached.args[0] is False and "no-server" in reached.args[1]
    watcher.stop()


def test_a_server_out_of_reach_is_said_in_one_line(tmp_path, capsys):
    data = make_workspace(tmp_path / "a").data_dir
    gone = f"postgresql:///cebdesk?host={tmp_path / 'no-server'}&user=clerk"
    for command in (["status"], ["import", str(workbook("order", tmp_path / "o.xlsx"))], ["receipts"]):
        assert main(["--data-dir", str(data), "--journal", gone, *command]) == 2
        err = capsys.readouterr().err
        assert err.startswith("cebdesk: 日志数据库出错") and "no-server" in err and len(err.splitlines()) == 1


def test_a_signing_station_waits_for_its_server(tmp_path, test_keys):
    """``send --follow`` started before the server answers (or while it restarts) says so and
    tries again; it stops cleanly when told to."""
    import os
    import signal
    import subprocess
    import sys
    import time

    data = make_workspace(tmp_path / "a").data_dir
    gone = f"postgresql:///cebdesk?host={tmp_path / 'no-server'}&user=clerk"
    station = subprocess.Popen(
        [sys.executable, "-m", "cebdesk", "--data-dir", str(data), "--journal", gone, "send", "--follow",
         "--interval", "0.2", "--key-file", str(test_keys["p12"])],
        env={**os.environ, "CEBDESK_PIN": test_keys["password"]}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    time.sleep(3)
    assert station.poll() is None  # still waiting for its server
    station.send_signal(signal.SIGTERM)
    _, err = station.communicate(timeout=30)
    text = err.decode()
    assert station.returncode == 0 and "Traceback" not in text
    assert text.count("日志数据库暂时无法使用") == 1  # said once, not every round
    assert text.startswith("正在发送日志 postgresql:///cebdesk") and text.rstrip().endswith("已停止（手上的报文已发完）")


def test_the_window_says_when_its_server_stops_and_goes_on_when_it_is_back(qtbot, tmp_path, profile, monkeypatch):
    """The office's server stops while a clerk works: a click that needs the journal says so in
    the status bar (no traceback, nothing half-done), the bar marks the journal out of reach;
    when the server is back the window says so and works again, with no restart."""
    import tempfile
    from dataclasses import replace

    from cebdesk.gui.context import AppContext
    from tests.gui.test_gui_flows import _click, _open, _page, _window
    from tests.postgres import start_cluster

    folder = Path(tempfile.mkdtemp(prefix="cebdesk-pg-own-"))
    folder.chmod(0o711)
    cluster = start_cluster(folder / "cluster")  # a server of this test's own, to stop
    try:
        url = cluster.new_database("office")
        window = _window(qtbot, AppContext(tmp_path / "b", tmp_path / "b" / "exchange", replace(profile, journal={"url": url})))
        seat_a = make_workspace(tmp_path / "a").data_dir
        orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 3)))
        assert main(["--data-dir", str(seat_a), "--journal", url, "import", str(orders)]) == 0
        qtbot.waitUntil(lambda: len(window.journal.model.rows) == 2, timeout=15_000)
        _open(qtbot, window, monkeypatch, [orders])  # a file on the import page, ready to send
        assert window.imports.model.rows and window.import_view.journal_button.isEnabled()
        cluster.stop()
        _page(qtbot, window, "查询")
        _click(qtbot, window.query_view.search_button)
        assert "日志数据库暂时无法使用" in window.status_label.text()
        assert window.journal_label.text() == "共享日志无法连接" and "office" in window.journal_label.toolTip()
        # a file opened now cannot be checked against the journal: the page keeps nothing of
        # the last file that one click could import or send by mistake
        other = workbook("payment", tmp_path / "payments.xlsx", rows("payment", n=1))
        _open(qtbot, window, monkeypatch, [other])
        assert window.imports.model.rows == [] and "未能读取 payments.xlsx" in window.import_view.summary.text()
        assert not window.import_view.journal_button.isEnabled() and not window.import_view.send_button.isEnabled()
        assert "日志数据库暂时无法使用" in window.import_view.error.text()
        cluster.start()
        qtbot.waitUntil(lambda: window.journal_label.text().startswith("共享日志："), timeout=15_000)
        assert "已恢复" in window.status_label.text()
        _page(qtbot, window, "查询")
        _click(qtbot, window.query_view.search_button)
        assert len(window.query.model.rows) == 2
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_signing_station_rides_out_a_server_restart(tmp_path, test_keys):
    """The office's server stops under a running station and starts again: the station says so
    once each way and sends what seats imported meanwhile, no restart needed."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    from tests.postgres import start_cluster

    folder = Path(tempfile.mkdtemp(prefix="cebdesk-pg-own-"))
    folder.chmod(0o711)
    cluster = start_cluster(folder / "cluster")
    log = tmp_path / "station.err"
    try:
        url = cluster.new_database("office")
        data = make_workspace(tmp_path / "station").data_dir
        with log.open("wb") as err:
            station = subprocess.Popen(
                [sys.executable, "-m", "cebdesk", "--data-dir", str(data), "--exchange-dir", str(tmp_path / "x"),
                 "--journal", url, "send", "--follow", "--interval", "0.2", "--key-file", str(test_keys["p12"])],
                env={**os.environ, "CEBDESK_PIN": test_keys["password"]}, stdout=subprocess.DEVNULL, stderr=err,
            )  # fmt: skip

        def said(text: str, timeout: float = 30) -> None:
            deadline = time.monotonic() + timeout
            while text not in log.read_text(encoding="utf-8"):
                assert station.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)

        said("正在发送日志")
        time.sleep(0.5)
        cluster.stop()
        said("日志数据库暂时无法使用")
        cluster.start()
        said("日志数据库已恢复")
        seat = make_workspace(tmp_path / "seat").data_dir
        orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 4)))
        assert main(["--data-dir", str(seat), "--journal", url, "import", str(orders)]) == 0
        deadline = time.monotonic() + 30
        while len(list((tmp_path / "x" / "send").glob("*.xml"))) < 1:
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        station.send_signal(signal.SIGTERM)
        assert station.wait(timeout=30) == 0
        text = log.read_text(encoding="utf-8")
        assert text.count("暂时无法使用") == 1 and text.count("已恢复") == 1 and "Traceback" not in text
    finally:
        if station.poll() is None:
            station.kill()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_seat_without_a_key_imports_for_the_signing_station(qtbot, tmp_path, url, profile, monkeypatch):
    """A clerk's window on a shared journal, no signer set: 只导入 journals the file (no PIN
    asked), the page says the station sends it; the readiness check does not hold the missing
    key against the seat."""
    from dataclasses import replace

    from cebdesk.gui.context import AppContext
    from cebdesk.pipeline.workspace import Workspace
    from tests.gui.test_gui_flows import _click, _open, _window

    shared = replace(profile, journal={"url": url})
    window = _window(qtbot, AppContext(tmp_path / "b", tmp_path / "b" / "exchange", shared))
    orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 4)))
    _open(qtbot, window, monkeypatch, [orders])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        _click(qtbot, window.import_view.journal_button)
    assert "新增 3" in window.import_view.summary.text() and "签名工作站" in window.import_view.summary.text()
    _click(qtbot, window.import_view.send_button)  # no key here: says what to do instead
    assert "只导入" in window.import_view.error.text() and "签名工作站" in window.import_view.error.text()
    waiting = Workspace(tmp_path / "c", journal_url=url).status()
    assert [d.state.value for d in waiting] == ["ready"] * 3
    checks = {c.key: c for c in Workspace(tmp_path / "b", profile=shared).readiness(window.context.signer).checks}
    assert checks["signer"].level == "skipped" and "签名工作站" in checks["signer"].text("zh")


def test_a_seat_with_the_rights_the_guide_grants_imports_and_sends(tmp_path, postgres, test_keys, monkeypatch):
    """The user guide's server set-up, as written there: the journal made by its owner, the
    guide's GRANTs run, then a seat's own user imports and sends (no right to change tables)."""
    import re

    import psycopg

    guide = (Path(__file__).resolve().parents[2] / "docs" / "user-guide.md").read_text(encoding="utf-8")
    english = guide[guide.index("### Several seats, one journal") :]
    grants = re.search(r"```sql\n(.*?)```", english, re.S).group(1)
    suffix = tmp_path.name[-12:].lower().replace("-", "_")
    admin, clerk, database = f"admin_{suffix}", f"clerk_{suffix}", f"office_{suffix}"
    with psycopg.connect(postgres.url, autocommit=True) as conn:  # the guide's createuser, createdb
        conn.execute(f'CREATE ROLE "{admin}" LOGIN')
        conn.execute(f'CREATE ROLE "seat_{suffix}" NOLOGIN')
        conn.execute(f'CREATE ROLE "{clerk}" LOGIN')
        conn.execute(f'GRANT "seat_{suffix}" TO "{clerk}"')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{admin}"')
    base = postgres.url.split("?")[0].rsplit("/", 1)[0]
    host = postgres.url.split("host=")[1].split("&")[0]
    as_admin = f"{base}/{database}?host={host}&user={admin}"
    as_clerk = f"{base}/{database}?host={host}&user={clerk}"
    with Journal(as_admin):
        pass  # the owner's first connection makes the tables
    with psycopg.connect(as_admin, autocommit=True) as conn:  # the guide's SQL, run by the owner
        conn.execute(grants.replace("cebdesk_seat", f'"seat_{suffix}"'))
    seat = make_workspace(tmp_path / "a").data_dir
    orders = workbook("order", tmp_path / "orders.xlsx", *(rows("order", n=n) for n in range(1, 3)))
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    args = ["--data-dir", str(seat), "--journal", as_clerk]
    assert main([*args, "convert", str(orders), "--send", "--key-file", str(test_keys["p12"])]) == 0
    with Journal(as_clerk) as journal:
        assert [d.state for d in journal.documents()] == ["sent", "sent"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            journal.db.execute("ALTER TABLE documents ADD COLUMN x TEXT")


def test_a_station_signs_with_the_key_its_profile_names(tmp_path, url, test_keys, monkeypatch, capsys):
    """``send`` (and every command that sends) takes the profile's [signer] when the command line
    names none, as the window and doctor do; with neither, it says so in the clerk's language."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    station = make_workspace(tmp_path / "station", f'\n[signer]\nkey_file = "{test_keys["p12"]}"\n').data_dir
    seat = make_workspace(tmp_path / "seat").data_dir
    orders = workbook("order", tmp_path / "orders.xlsx", rows("order", n=1))
    assert main(["--data-dir", str(seat), "--journal", url, "import", str(orders)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(station), "--journal", url, "send", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 1
    assert main(["--data-dir", str(seat), "--journal", url, "send"]) == 2
    assert "发送需要签名：请在企业档案的 [signer] 中设置" in capsys.readouterr().err
