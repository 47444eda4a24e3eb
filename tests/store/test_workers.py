"""Seats and signing stations on one shared journal (a real PostgreSQL server), as separate
processes through the CLI: three seats import overlapping workbooks while three workers
(``cebdesk send --follow``, two sharing one station's outbox, one another's) send; then
workers killed with SIGKILL at random and started again. Every document ends in exactly one
sent message, none lost, and the journal agrees with the files handed over."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.spec import document_type
from cebdesk.store import Journal
from tests.factory import document_rows, write_workbook

pytestmark = pytest.mark.slow

CEB = "{http://www.chinaport.gov.cn/ceb}"


def _orders(path: Path, numbers: range) -> Path:
    doc_type = document_type("order")
    rows = [row for n in numbers for row in document_rows(doc_type, n)]
    return write_workbook(doc_type, rows, path)


def _cebdesk(args, env, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cebdesk", *map(str, args)], env=env, stdout=subprocess.DEVNULL, **kw
    )


class Office:
    """Seats and workers of one office: each its own data folder (and profile), one journal."""

    def __init__(self, root: Path, url: str, profile_file: Path, keys: dict) -> None:
        self.root, self.url, self.keys = root, url, keys
        self.profile_file = profile_file
        self.env = {**os.environ, "CEBDESK_PIN": keys["password"]}
        self.stations = [root / "station-1", root / "station-2"]  # two outboxes: two computers' folders
        self.errors: list[Path] = []

    def data_dir(self, name: str) -> Path:
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.profile_file, folder / "profile.toml")
        return folder

    def seat(self, name: str, workbook: Path) -> subprocess.Popen:
        return _cebdesk(["--data-dir", self.data_dir(name), "--journal", self.url, "import", workbook], self.env)

    def worker(self, name: str, station: Path) -> subprocess.Popen:
        err = self.root / f"{name}.err"
        self.errors.append(err)
        args = ["--data-dir", self.data_dir(name), "--exchange-dir", station, "--journal", self.url, "send"]
        args += ["--follow", "--interval", "0.1", "--per-message", "7", "--key-file", self.keys["p12"]]
        with err.open("ab") as fh:
            return _cebdesk(args, self.env, stderr=fh)

    def last_pass(self) -> None:
        """A plain ``cebdesk send`` at each station once the workers are gone: nothing left to
        send, and what a killed worker left in staging is tidied away."""
        for n, station in enumerate(self.stations):
            args = ["--data-dir", self.data_dir(f"last-{n}"), "--exchange-dir", station, "--journal", self.url]
            done = subprocess.run(
                [sys.executable, "-m", "cebdesk", *map(str, args), "send", "--json", "--key-file", self.keys["p12"]],
                env=self.env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 0 and json.loads(done.stdout)["messages"] == [], done.stdout + done.stderr

    def sent(self) -> int:
        with Journal(self.url) as journal:
            return journal.db.execute("SELECT count(*) FROM documents WHERE state='sent'").fetchone()[0]

    def wait_sent(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.sent() < count:
            assert time.monotonic() < deadline, f"{self.sent()} of {count} sent; workers said: {self.said()}"
            time.sleep(0.2)

    def said(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.errors if p.exists())

    def check_every_document_once(self, count: int) -> None:
        """Each order number in exactly one message file handed over, the journal's message."""
        files = [p for station in self.stations for p in sorted((station / "send").glob("*.xml"))]
        where: dict[str, list[str]] = {}
        for path in files:
            for number in etree.parse(str(path)).getroot().iterfind(f".//{CEB}OrderHead/{CEB}orderNo"):
                where.setdefault(number.text, []).append(path.name)
        with Journal(self.url) as journal:
            documents, messages = journal.documents(), journal.messages()
        by_id = {m.id: m for m in messages}
        assert len(documents) == count and len(where) == count
        assert all(d.state == "sent" for d in documents)
        assert all(m.state == "sent" and m.sent_by for m in messages)
        assert sorted(m.file_name for m in messages) == sorted(p.name for p in files)
        for d in documents:
            assert where[d.head["orderNo"]] == [by_id[d.message_id].file_name], d.head["orderNo"]
        for station in self.stations:
            assert not [p for p in (station / ".staging").iterdir()], "a staged message left behind"
            assert not [p for p in (station / "send").iterdir() if p.name.startswith(".")]


@pytest.fixture
def office(tmp_path, postgres, request, profile_file, test_keys):
    url = postgres.new_database("office_" + request.node.name.lower()[:40])
    return Office(tmp_path, url, profile_file, test_keys)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        process.wait(timeout=60)


def test_three_seats_and_three_workers_send_five_thousand_documents_once_each(office, tmp_path):
    books = [
        _orders(tmp_path / "a.xlsx", range(0, 2500)),
        _orders(tmp_path / "b.xlsx", range(1250, 3750)),  # half of a's, half of c's
        _orders(tmp_path / "c.xlsx", range(2500, 5000)),
    ]
    workers = [
        office.worker("worker-1", office.stations[0]),
        office.worker("worker-2", office.stations[0]),  # the same station, the same outbox
        office.worker("worker-3", office.stations[1]),
    ]
    try:
        seats = [office.seat(f"seat-{i}", book) for i, book in enumerate(books, start=1)]
        for seat in seats:
            assert seat.wait(timeout=900) == 0
        office.wait_sent(5000, timeout=900)
    finally:
        _stop(workers)
    assert [w.returncode for w in workers] == [0, 0, 0], office.said()
    office.check_every_document_once(5000)
    with Journal(office.url) as journal:
        senders = journal.db.execute("SELECT count(DISTINCT outbox) FROM messages").fetchone()[0]
    assert senders == 2  # both stations sent: the work was shared


def test_workers_killed_at_random_leave_nothing_lost_or_doubled(office, tmp_path):
    rng = random.Random(20261123)
    count = 1500
    seat = office.seat("seat-1", _orders(tmp_path / "a.xlsx", range(count)))
    assert seat.wait(timeout=600) == 0
    names = ["worker-1", "worker-2", "worker-3"]
    stations = [office.stations[0], office.stations[0], office.stations[1]]
    workers = [office.worker(n, s) for n, s in zip(names, stations, strict=True)]
    kills = 0
    try:
        # a random worker killed a few random milliseconds after each of eight points of the
        # sending (reached by progress, not by the clock) and started again at once
        for point in sorted(rng.sample(range(50, count - 200), 8)):
            while office.sent() < point:
                assert any(w.poll() is None for w in workers), office.said()
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.05))
            victim = rng.randrange(3)
            if workers[victim].poll() is None:
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                kills += 1
            workers[victim] = office.worker(names[victim], stations[victim])
        office.wait_sent(count, timeout=600)
    finally:
        _stop(workers)
    assert kills >= 6, "the sending finished too early to be interrupted"
    office.last_pass()
    office.check_every_document_once(count)


def test_a_sender_alone_tidies_the_staged_copies_of_sent_messages(tmp_path, signer):
    """An upload stopped after the journal said sent (archived now, then gone from staging); a
    copy another sender's message left here (dropped); a message not sent yet (sent now, as
    ever)."""
    from cebdesk.exchange.folders import Outbox
    from cebdesk.pipeline.journaled import SendOptions, _outbox_id, send_pending

    outbox = Outbox(tmp_path / "x")
    with Journal(tmp_path / "journal.sqlite3") as journal:
        with journal.transaction():
            ids = [journal.import_document("CEB311Message", f"K{i}", {"orderNo": f"K{i}"}, [])[0] for i in range(3)]
        names = {}
        for n, (where, sent) in enumerate([(_outbox_id(outbox), True), ("/elsewhere", True), (_outbox_id(outbox), False)]):
            guid = f"0000000{n}-0000-0000-0000-000000000000"
            names[n] = f"CEB311Message_{guid}.xml"
            message_id = journal.plan_message("CEB311Message", guid, names[n], [ids[n]])
            outbox.stage(names[n], b"<signed/>")
            journal.mark_staged(message_id, "0" * 64, "key", where)
            if sent:
                journal.mark_sent(message_id, "http", "http://127.0.0.1:1/cebmsg")
        staged_before = outbox.staged_names()
        assert len(staged_before) == 3
        with outbox.send_lock():  # another sender on the outbox: nothing is touched
            pass
        send_pending(journal, SendOptions(outbox, signer, {"copCode": "1105910159", "copName": "x", "dxpId": "D"}))
    archived = [p.name for p in (tmp_path / "x" / "sent").glob("*/*.xml")]
    assert names[0] in archived and names[1] not in archived
    assert outbox.staged_names() == [] and (tmp_path / "x" / "send" / names[2]).exists()
