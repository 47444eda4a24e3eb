"""Keys, PIN and privacy: everything holding personal data private to the user whatever the umask."""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import filled_template

POSIX = os.name == "posix"


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def window(qtbot, tmp_path, profile, softhsm):
    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow
    from cebdesk.signing.select import SignerOptions

    context = AppContext(
        tmp_path / "data",
        tmp_path / "exchange",
        profile,
        SignerOptions(pkcs11_module=softhsm["module"], token_label=softhsm["token"], key_label="signkey"),
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


# ------------------------------------------------------------------------------------------------
# 16. Personal data private to the user: files 0600, folders 0700, whatever the umask
# ------------------------------------------------------------------------------------------------
posix_only = pytest.mark.skipif(not POSIX, reason="POSIX permissions")
UMASKS = [pytest.param(0o022, id="umask022"), pytest.param(0o002, id="umask002")]


@pytest.fixture(params=UMASKS)
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _lock(path: Path) -> bool:
    """A lock file: empty, it only carries an flock(); the 0700 folder around it is what counts."""
    return path.name.endswith((".lock", "-lock")) and path.stat().st_size == 0


def _loose(root: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Everything under ``root`` that is not private: folders other than 0700, files other than
    0600 (empty lock files aside)."""
    bad = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in dirs:
            p = Path(folder, name)
            if _mode(p) != 0o700:
                bad.append(f"{p.relative_to(root)}/ {_mode(p):o}")
        for name in files:
            p = Path(folder, name)
            if _mode(p) != 0o600 and not _lock(p):
                bad.append(f"{p.relative_to(root)} {_mode(p):o}")
    return bad


@posix_only
def test_atomic_write_is_private(tmp_path, umask):
    from cebdesk.files import atomic_write

    target = atomic_write(tmp_path / "m.xml", b"<x/>")
    assert _mode(target) == 0o600
    target.chmod(0o644)
    atomic_write(target, b"<y/>")  # a file written again is private again
    assert _mode(target) == 0o600


@posix_only
def test_private_dir_makes_missing_levels_private_and_leaves_existing_ones(tmp_path, umask):
    from cebdesk.files import private_dir

    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)  # the user's own folder: left as it is
    private_dir(mine / "a" / "b")
    assert _mode(mine) == 0o755
    assert _mode(mine / "a") == 0o700 and _mode(mine / "a" / "b") == 0o700


@posix_only
def test_journal_and_its_wal_and_shm_are_private(tmp_path, umask):
    from cebdesk.store import Journal

    journal = Journal.in_dir(tmp_path / "data")
    try:
        with journal.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS probe(x)")
            db.execute("INSERT INTO probe VALUES (1)")
        names = {p.name for p in (tmp_path / "data").iterdir()}
        assert {"journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm"} <= names
        assert _loose(tmp_path / "data") == []
        assert _mode(tmp_path / "data") == 0o700
    finally:
        journal.close()


@posix_only
def test_an_existing_journal_left_readable_is_made_private(tmp_path):
    from cebdesk.store import Journal

    Journal.in_dir(tmp_path).close()
    path = tmp_path / "journal.sqlite3"
    path.chmod(0o644)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.chmod(0o644)
    Journal.in_dir(tmp_path).close()
    assert _mode(path) == 0o600
    assert all(_mode(p) == 0o600 for p in tmp_path.glob("journal.sqlite3*"))


@posix_only
def test_outbox_folders_are_private(tmp_path, umask):
    from cebdesk.exchange.folders import Outbox

    outbox = Outbox(tmp_path / "exchange")
    with outbox.send_lock():
        pass
    outbox.archive("CEB311Message_x.xml", b"<x/>")
    assert {p.name for p in outbox.root.iterdir()} >= {"send", "sent", "receive", "error", ".staging"}
    assert _mode(outbox.root) == 0o700
    assert _loose(outbox.root) == []


@posix_only
def test_profile_is_written_private(tmp_path, umask, profile):
    from cebdesk.settings import save_profile

    target = save_profile(profile, tmp_path / "config" / "cebdesk" / "profile.toml")
    assert _mode(target) == 0o600
    assert _mode(tmp_path / "config") == 0o700 and _mode(tmp_path / "config" / "cebdesk") == 0o700


@posix_only
@pytest.mark.slow
def test_a_whole_round_leaves_nothing_readable_by_others(
    tmp_path, umask, profile_file, test_keys, monkeypatch
):
    """convert --send, customs answers, receipts, status, convert -o, sign -o: then every folder
    under the data dir is 0700 and every file 0600."""
    from cebdesk.exchange.folders import Outbox
    from cebdesk.exchange.simulator import Customs, run_folder

    data = tmp_path / "data"
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    src = filled_template(document_type("order"), tmp_path / "orders.xlsx", documents=3)
    signer = ["--key-file", test_keys["p12"]]
    code, out = run("--data-dir", data, "convert", src, "--send", "--profile", profile_file, *signer)
    assert code == 0, out
    run_folder(Outbox(data / "exchange"), Customs(tmp_path / "customs"))
    code, out = run("--data-dir", data, "receipts")
    assert code == 0, out
    assert run("--data-dir", data, "status")[0] == 0
    code, out = run(
        "--data-dir", data, "convert", src, "-o", data / "out" / "orders", "--profile", profile_file, *signer
    )
    assert code == 0, out
    code, out = run(
        "--data-dir",
        data,
        "sign",
        *sorted((data / "out" / "orders").glob("*.xml")),
        "-o",
        data / "signed",
        *signer,
    )
    assert code == 0, out
    assert list((data / "exchange" / "sent").rglob("*.xml")) and list(
        (data / "exchange" / "receive").rglob("*.xml")
    )
    assert _loose(data, skip=(".customs",)) == []  # .customs: the simulator's own state (customs' side)
    assert _mode(data) == 0o700


@posix_only
def test_hot_folder_results_are_private(tmp_path, umask, profile_file, test_keys, monkeypatch):
    hot = tmp_path / "hot"
    hot.mkdir()
    filled_template(document_type("order"), hot / "good.xlsx", documents=1)
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(
        "--data-dir",
        tmp_path / "data",
        "watch",
        hot,
        "--once",
        "--profile",
        profile_file,
        "--key-file",
        test_keys["p12"],
    )
    assert code == 0, out
    [result] = list(hot.rglob("*.result.txt"))
    assert _mode(result) == 0o600
    assert _mode(hot / "done") == 0o700 and _mode(hot / "failed") == 0o700


@posix_only
def test_exported_excel_is_private(qtbot, window, tmp_path, umask, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "export.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(window.query_view.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and _mode(target) == 0o600


@posix_only
@pytest.mark.parametrize(("mode", "warned"), [(0o755, True), (0o750, False), (0o700, False)])
def test_data_left_readable_by_others_is_warned_about(test_keys, capsys, mode, warned):
    # under the system's temp folder (reachable by everyone), not pytest's private one
    data = Path(tempfile.mkdtemp(prefix="cebdesk-exposed-"))
    try:
        data.chmod(mode)
        assert run("--lang", "en", "--data-dir", data, "status")[0] == 0
        err = capsys.readouterr().err
        assert ("other users" in err) is warned, err
        if warned:
            assert str(data) in err and "chmod" in err
        assert _mode(data) == mode  # the user's folder is not changed behind their back
    finally:
        shutil.rmtree(data)
