"""Sending never says "sent" unless the message was delivered; one workbook is declared whole or
not at all; a broken file never stops the hot folder; faults of the machine (disk full, another
file system, no permission, a closed pipe, a second sender) end in one clear line."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.cli import main
from cebdesk.exchange.folders import Outbox
from cebdesk.exchange.http import HttpChannel
from cebdesk.exchange.simulator import Customs, serve_http
from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
from cebdesk.spec import document_type
from cebdesk.store import Journal
from tests.factory import document_rows, filled_template, write_workbook

NS = "{http://www.chinaport.gov.cn/ceb}"


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def _delivered(send_dir: Path) -> dict[str, int]:
    """guid -> number of documents, for every message file in a send/ folder."""
    found = {}
    for path in send_dir.glob("*.xml"):
        root = etree.parse(str(path)).getroot()
        found[root.get("guid")] = len(root.findall(f"{NS}Order"))
    return found


def _journaled(journal: Journal) -> dict[str, str]:
    return {m.guid: m.state for m in journal.messages()}


@pytest.fixture
def staged_batch(tmp_path, profile, signer, monkeypatch):
    """250 orders, three messages; the third could not be handed over (send/ refused it)."""
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    outbox = Outbox(tmp_path / "a")
    import_files(
        [filled_template(document_type("order"), tmp_path / "o.xlsx", documents=250)], journal, profile=profile
    )
    real_replace = os.replace
    handed = []

    def refuse_third(src, dst):
        if Path(dst).parent == outbox.send:
            handed.append(dst)
            if len(handed) == 3:
                raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_third)
    with pytest.raises(PermissionError):
        send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    monkeypatch.setattr(os, "replace", real_replace)
    states = sorted(_journaled(journal).values())
    assert states == ["sent", "sent", "staged"]
    yield journal, outbox
    journal.close()


def test_a_staged_message_goes_out_from_another_outbox(staged_batch, tmp_path, profile, signer):
    journal, first = staged_batch
    second = Outbox(tmp_path / "b")
    report = send_pending(journal, SendOptions(second, signer, profile.base_transfer()))
    [(guid, state)] = [(g, s) for g, s in _journaled(journal).items() if g in _delivered(second.send)]
    assert state == "sent" and report.documents == 50
    everywhere = {**_delivered(first.send), **_delivered(second.send)}
    assert sum(everywhere.values()) == 250 and len(everywhere) == 3
    assert not list(first.staging.glob("*.xml")), "taken over, not left to go out twice"
    message = journal.message_by_guid(guid)
    assert message.delivered == str(second.send / message.file_name)


def test_a_staged_message_whose_file_is_gone_is_rebuilt_with_its_guid(staged_batch, profile, signer):
    journal, outbox = staged_batch
    [staged] = journal.messages(state="staged")
    (outbox.staging / staged.file_name).unlink()
    report = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    assert report.rebuilt == 1 and report.documents == 50
    delivered = _delivered(outbox.send)
    assert delivered[staged.guid] == 50 and sum(delivered.values()) == 250


def test_a_message_staged_for_http_is_delivered_not_assumed(staged_batch, tmp_path, profile, signer):
    journal, outbox = staged_batch
    [staged] = journal.messages(state="staged")
    (outbox.staging / staged.file_name).unlink()
    customs = Customs(tmp_path / "customs")
    server = serve_http("127.0.0.1", 0, customs)
    try:
        channel = HttpChannel(f"{server.url}/cebmsg", None, backoff=0.01)
        report = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer(), channel))
    finally:
        server.shutdown()
    seen = [row[0] for row in customs.db.execute("SELECT cop_msg_id FROM seen")]
    customs.close()
    assert seen == [staged.guid] and report.documents == 50
    assert journal.message_by_guid(staged.guid).delivered.endswith("/cebmsg")


def test_the_cli_sends_every_document_after_the_outbox_changed(tmp_path, profile_file, test_keys, monkeypatch):
    """The case found: a read-only send/ left one 100-document message staged; the next send with
    another --exchange-dir reported all sent while 100 arrived nowhere."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    data = ["--data-dir", tmp_path / "data"]
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=250)
    real_replace = os.replace

    def read_only_send(src, dst):
        if Path(dst).parent == tmp_path / "a" / "send":
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", read_only_send)
    code, out = run(*data, "--exchange-dir", tmp_path / "a", "convert", source, "--send", *signer)
    assert code == 2
    monkeypatch.setattr(os, "replace", real_replace)
    code, out = run(*data, "--exchange-dir", tmp_path / "b", "send", *signer, "--json")
    assert code == 0, out
    assert json.loads(out)["documents"] == 250
    assert sum(_delivered(tmp_path / "b" / "send").values()) == 250
    assert not list((tmp_path / "a" / ".staging").glob("*.xml"))


# -- one workbook: all or nothing ---------------------------------------------------------------


def _scattered(tmp_path: Path) -> Path:
    order = document_type("order")
    rows = document_rows(order, 0, 2) + document_rows(order, 1, 1) + document_rows(order, 2, 1)
    back = dict(rows[1])  # a line of document 0 again after documents 1 and 2
    rows.append(back)
    return write_workbook(order, rows, tmp_path / "scattered.xlsx")


def _duplicate_key(tmp_path: Path) -> Path:
    pay = document_type("payment")
    rows = document_rows(pay, 0) + document_rows(pay, 1) + document_rows(pay, 0)
    return write_workbook(pay, rows, tmp_path / "dup.xlsx")


def _truncated(tmp_path: Path) -> Path:
    """1,200 documents whose sheet breaks off after about two thirds."""
    good = filled_template(document_type("order"), tmp_path / "whole.xlsx", documents=1200)
    broken = tmp_path / "truncated.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) * 2 // 3]
            dst.writestr(item, data)
    return broken


@pytest.mark.parametrize("make", [_scattered, _duplicate_key, _truncated], ids=["scattered", "duplicate", "truncated"])
def test_convert_send_refuses_what_convert_o_refuses(tmp_path, make, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    source = make(tmp_path)
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    code, _ = run("convert", source, "-o", tmp_path / "out", *signer)
    assert code == 1 and not list((tmp_path / "out").iterdir())
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    code, out = run(*dirs, "convert", source, "--send", *signer)
    assert code == 1, out
    with Journal(tmp_path / "data" / "journal.sqlite3") as journal:
        assert journal.documents() == [] and journal.messages() == []
    assert not list((tmp_path / "x" / "send").iterdir())
    assert "Traceback" not in out


def test_a_refused_workbook_leaves_the_others_of_the_same_command(tmp_path, profile, signer):
    good = filled_template(document_type("order"), tmp_path / "good.xlsx", documents=3)
    with Journal(tmp_path / "journal.sqlite3") as journal:
        report = import_files([_scattered(tmp_path), good], journal, profile=profile)
        assert report.new == 3 and report.refused_files == 1
        assert len(journal.documents()) == 3


def test_import_is_one_transaction_even_when_the_process_dies(tmp_path, profile):
    """Killed while storing: the journal holds none of the workbook's documents."""
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1200)
    script = (
        "import os, sys\n"
        "from cebdesk.store import journal as j\n"
        "from cebdesk.pipeline.journaled import import_files\n"
        "from cebdesk.settings import load_profile\n"
        "real = j.Journal.import_document\n"
        "count = [0]\n"
        "def dying(self, *a, **k):\n"
        "    count[0] += 1\n"
        "    if count[0] == 1100: os._exit(9)\n"
        "    return real(self, *a, **k)\n"
        "j.Journal.import_document = dying\n"
        f"import_files([{str(source)!r}], j.Journal({str(tmp_path / 'journal.sqlite3')!r}),"
        f" profile=load_profile({str(tmp_path / 'profile.toml')!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    db = sqlite3.connect(tmp_path / "journal.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    db.close()


# -- the hot folder goes on past a broken file --------------------------------------------------


@pytest.mark.parametrize("broken", ["truncated", "not-a-zip", "crash"])
def test_the_hot_folder_sets_a_broken_file_aside_and_goes_on(tmp_path, broken, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    hot = tmp_path / "hot"
    hot.mkdir()
    if broken == "truncated":
        _truncated(tmp_path).rename(hot / "a-broken.xlsx")
    elif broken == "not-a-zip":
        (hot / "a-broken.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    else:
        filled_template(document_type("order"), hot / "a-broken.xlsx", documents=1)
        from cebdesk.pipeline.workspace import Workspace

        real = Workspace.import_files

        def crash(self, paths, *a, **k):
            if any(Path(p).name == "a-broken.xlsx" for p in paths):
                raise RuntimeError("something nobody foresaw")
            return real(self, paths, *a, **k)

        monkeypatch.setattr(Workspace, "import_files", crash)
    filled_template(document_type("payment"), hot / "b-good.xlsx", documents=2)
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    code, out = run(*dirs, "watch", hot, "--once", "--profile", profile_file, "--key-file", test_keys["p12"])
    assert (hot / "failed" / "a-broken.xlsx").exists()
    reason = (hot / "failed" / "a-broken.xlsx.result.txt").read_text(encoding="utf-8")
    assert reason.strip()
    assert (hot / "done" / "b-good.xlsx").exists()
    assert len(list((tmp_path / "x" / "send").glob("CEB411*.xml"))) == 1
    with Journal(tmp_path / "data" / "journal.sqlite3") as journal:
        assert {d.message_type for d in journal.documents()} == {"CEB411Message"}
    assert code == 1


# -- faults of the machine: one clear line, exit 2 -----------------------------------------------


def _stderr_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def _fill(folder: Path) -> None:
    with (folder / "ballast").open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass


def test_convert_onto_a_full_disk(tmp_path, tiny_fs, profile_file, test_keys, monkeypatch, capsys):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=200)
    _fill(tiny_fs)
    code, _ = run("convert", source, "-o", tiny_fs / "out", "--profile", profile_file, "--key-file", test_keys["p12"])
    assert code == 2
    line = _stderr_line(capsys)
    assert "磁盘已满" in line or "disk" in line.lower()
    assert [p.name for p in tiny_fs.rglob("*") if p.is_file()] == ["ballast"]


def test_send_into_a_full_outbox(tmp_path, tiny_fs, profile_file, test_keys, monkeypatch, capsys):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=200)
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tiny_fs / "x"]
    Outbox(tiny_fs / "x")
    _fill(tiny_fs)
    code, _ = run(*dirs, "convert", source, "--send", "--profile", profile_file, "--key-file", test_keys["p12"])
    assert code == 2
    assert "磁盘已满" in _stderr_line(capsys)
    with Journal(tmp_path / "data" / "journal.sqlite3") as journal:
        assert all(m.state != "sent" for m in journal.messages())
        assert len(journal.documents()) == 200  # journaled, waiting: the next send goes on
    (tiny_fs / "ballast").unlink()
    code, out = run(*dirs, "send", "--profile", profile_file, "--key-file", test_keys["p12"], "--json")
    assert code == 0 and json.loads(out)["documents"] == 200


@pytest.mark.parametrize(
    "error, words",
    [
        (errno.ENOSPC, "磁盘已满"),
        (errno.EACCES, "没有权限"),
        (errno.EROFS, "只读"),
        (errno.EIO, "输入/输出错误"),
    ],
    ids=["ENOSPC", "EACCES", "EROFS", "EIO"],
)
@pytest.mark.parametrize("command", ["convert", "send", "sign", "template"])
def test_os_errors_are_one_line(tmp_path, error, words, command, profile_file, test_keys, monkeypatch, capsys):
    """Injected at the moment a file is made durable (fsync), for every command that writes."""
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)
    dirs = ["--data-dir", tmp_path / "data", "--exchange-dir", tmp_path / "x"]
    if command == "send":
        assert run(*dirs, "convert", source, "--send", "--profile", profile_file)[0] == 2  # no signer: not sent
    if command == "sign":
        assert run("convert", source, "-o", tmp_path / "unsigned", "--profile", profile_file)[0] == 0
    real_fsync = os.fsync

    def failing(fd):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "fsync", failing)
    try:
        args = {
            "convert": ["convert", source, "-o", tmp_path / "out", *signer],
            "send": [*dirs, "send", *signer],
            "sign": ["sign", *(tmp_path / "unsigned").glob("*.xml"), "-o", tmp_path / "signed", "--key-file", test_keys["p12"]],
            "template": ["template", "order", "-o", tmp_path / "t.xlsx"],
        }[command]
        capsys.readouterr()
        code, _ = run(*args)
    finally:
        monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 2
    assert words in _stderr_line(capsys)
    left = [p for p in tmp_path.rglob(".tmp-*")]
    assert not left, left


def test_an_outbox_on_another_file_system(tmp_path, tiny_fs, profile, signer):
    """send/ is a link to another file system: the hand-over still arrives whole."""
    journal = Journal(tmp_path / "journal.sqlite3")
    outbox = Outbox(tmp_path / "x")
    outbox.send.rmdir()
    (tiny_fs / "send").mkdir()
    outbox.send.symlink_to(tiny_fs / "send")
    import_files([filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)], journal, profile=profile)
    report = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
    assert report.documents == 2 and sum(_delivered(tiny_fs / "send").values()) == 2
    assert not [p for p in (tiny_fs / "send").iterdir() if p.name.startswith(".")]
    journal.close()


def test_a_closed_pipe_is_quiet(tmp_path, profile, signer):
    with Journal(tmp_path / "data" / "journal.sqlite3") as journal:
        import_files(
            [filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1500)], journal, profile=profile
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "cebdesk", "--data-dir", str(tmp_path / "data"), "status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.readline()
    proc.stdout.close()  # `cebdesk status | head -2`
    err = proc.stderr.read().decode()
    proc.wait()
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_two_senders_on_one_journal_with_different_outboxes(tmp_path, profile_file, test_keys, monkeypatch, capsys):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    signer = ["--profile", profile_file, "--key-file", test_keys["p12"]]
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=3)
    data = ["--data-dir", tmp_path / "data"]
    assert run(*data, "convert", source, "--send", "--profile", profile_file)[0] == 2
    capsys.readouterr()
    from cebdesk.store.journal import Journal as J

    with J(tmp_path / "data" / "journal.sqlite3") as other, other.send_lock():
        code, _ = run(*data, "--exchange-dir", tmp_path / "b", "send", *signer)
    assert code == 2
    assert "另一个 cebdesk" in _stderr_line(capsys)
    code, out = run(*data, "--exchange-dir", tmp_path / "b", "send", *signer, "--json")
    assert code == 0 and json.loads(out)["documents"] == 3


@pytest.mark.slow
def test_two_senders_at_once_never_trace(tmp_path, profile_file, test_keys):
    source = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=400)
    env = {**os.environ, "CEBDESK_PIN": test_keys["password"]}
    base = [sys.executable, "-m", "cebdesk", "--data-dir", str(tmp_path / "data")]
    signer = ["--profile", str(profile_file), "--key-file", str(test_keys["p12"])]
    subprocess.run([*base, "convert", str(source), "--send", "--profile", str(profile_file)], env=env, capture_output=True)
    procs = [
        subprocess.Popen(
            [*base, "--exchange-dir", str(tmp_path / name), "send", *signer, "--per-message", "5"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    errs = [p.communicate()[1].decode() for p in procs]
    assert all("Traceback" not in e for e in errs), errs
    assert sorted(p.returncode for p in procs) in ([0, 0], [0, 2])
    total = sum(sum(_delivered(tmp_path / name / "send").values()) for name in ("a", "b"))
    assert total == 400
