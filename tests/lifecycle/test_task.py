"""The window's job for a document action: refused before the key is opened, else journaled and
sent with the PIN once; a refusal crosses the worker process whole."""

from __future__ import annotations

import pickle

from cebdesk.exchange.simulator import run_folder
from cebdesk.pipeline.lifecycle import LifecycleError
from cebdesk.pipeline.tasks import lifecycle_and_send
from cebdesk.signing.select import SignerOptions


def _run(desk, action, arguments, options, pin):
    ws = desk.workspace
    return lifecycle_and_send(
        ws.data_dir, ws.exchange_dir, ws.profile, action, arguments, options, pin,
        progress=lambda done, total: None, cancelled=lambda: False,
    )  # fmt: skip


def test_a_refusal_comes_back_before_the_key_is_opened(desk):
    options = SignerOptions(key_file=desk.workspace.data_dir / "no-such-key.p12")  # never opened
    done, sent = _run(desk, "cancel", {"target": "NOPE", "reason": "r"}, options, None)
    assert isinstance(done, LifecycleError) and sent is None and done.reason == "key_not_found"
    again = pickle.loads(pickle.dumps(done))
    assert (again.zh, again.en, again.reason) == (done.zh, done.en, done.reason)


def test_refused_findings_survive_pickling(desk):
    head, lines = desk.entered("order")
    head["buyerIdNumber"] = "1"
    done, _ = _run(desk, "declare_entered", {"type_name": "order", "head": head, "lines": lines}, None, None)
    again = pickle.loads(pickle.dumps(done))
    assert again.reason == "findings" and [f.element for f in again.findings] == [
        f.element for f in done.findings
    ]


def test_a_cancel_is_journaled_and_sent_with_the_pin(desk, test_keys):
    inventory = desk.released()
    options = SignerOptions(key_file=test_keys["p12"])
    done, sent = _run(desk, "cancel", {"target": inventory, "reason": "取消"}, options, test_keys["password"])
    assert isinstance(done, int) and sent.documents == 1
    run_folder(desk.workspace.outbox(), desk.customs)
    desk.workspace.receive()
    assert desk.status(done).return_status == "399"
