"""Kill -9 at random points, resume each time: every document ends up in exactly one sent
message; journal and folders agree."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.spec import document_type
from cebdesk.store import Journal
from tests.factory import filled_template

pytestmark = pytest.mark.slow


def _cebdesk(args, env):
    return subprocess.Popen(
        [sys.executable, "-m", "cebdesk", *map(str, args)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_batch_killed_ten_times_finishes_exactly_once(tmp_path, profile_file, test_keys):
    rng = random.Random(20261122)
    source = filled_template(document_type("order"), tmp_path / "orders.xlsx", documents=2000)
    data, exchange = tmp_path / "data", tmp_path / "exchange"
    env = {**os.environ, "CEBDESK_PIN": test_keys["password"]}
    common = ["--data-dir", data, "--exchange-dir", exchange]
    command = [
        *common,
        "convert",
        source,
        "--send",
        "--profile",
        profile_file,
        "--key-file",
        test_keys["p12"],
        "--per-message",
        "5",
    ]
    journal_file = data / "journal.sqlite3"

    def sent_messages() -> int:
        try:
            db = sqlite3.connect(f"file:{journal_file}?mode=ro", uri=True, timeout=1)
            try:
                return db.execute("SELECT COUNT(*) FROM messages WHERE state='sent'").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            return 0

    # three kills at random moments of the import, seven at random points of the sending
    # (reached by progress, not by the clock, so a slower machine kills in the same places),
    # each a few random milliseconds into the next message's life
    plan = [("time", rng.uniform(0.1, 1.0)) for _ in range(3)]
    plan += [("sent", n) for n in sorted(rng.sample(range(5, 395), 7))]
    kills = 0
    for kind, point in plan:
        process = _cebdesk(command, env)
        if kind == "time":
            time.sleep(point)
        else:
            while process.poll() is None and sent_messages() < point:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.02))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 8, "the batch finished too early to be interrupted"
    final = _cebdesk(command, env)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()

    sent = sorted(Path(exchange, "send").glob("*.xml"))
    where: dict[str, list[str]] = {}
    for path in sent:
        root = etree.parse(str(path)).getroot()
        for guid in root.iterfind(
            ".//{http://www.chinaport.gov.cn/ceb}OrderHead/{http://www.chinaport.gov.cn/ceb}orderNo"
        ):
            where.setdefault(guid.text, []).append(path.name)
    with Journal(data / "journal.sqlite3") as journal:
        documents = journal.documents()
        messages = journal.messages()
        assert len(documents) == 2000
        assert all(d.state == "sent" for d in documents)
        assert all(m.state == "sent" for m in messages)
        assert sorted(m.file_name for m in messages) == [p.name for p in sent]
        for d in documents:
            number = d.head["orderNo"]
            assert len(where.get(number, [])) == 1, (number, where.get(number))
            message = next(m for m in messages if m.id == d.message_id)
            assert where[number] == [message.file_name]
    assert len(where) == 2000
    assert not list(Path(exchange, ".staging").iterdir())
    assert not [p for p in Path(exchange, "send").iterdir() if p.name.startswith(".")]
