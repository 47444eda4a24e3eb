"""cebdesk doctor: what a workspace lacks before its first declaration, each problem with what to
do. Real parts: key files and certificates made here, the SoftHSM token, a tmpfs for a staging
folder on another file system, real SQLite journals (a corrupt one too)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from cebdesk.cli import main
from tests.certs import issue, make_ca

PROFILE = '[transfer]\ncopCode = "{cop}"\ncopName = "测试供应链有限公司"\ndxpId = "{dxp}"\n'


def doctor(tmp_path, *args, profile: str | None = None, env=None, monkeypatch=None):
    if profile is not None:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "profile.toml").write_text(profile, encoding="utf-8")
    out = io.StringIO()
    code = main(
        ["--data-dir", str(tmp_path / "data"), "--exchange-dir", str(tmp_path / "x"), "doctor", "--json", *map(str, args)],
        out=out,
    )
    report = json.loads(out.getvalue())
    assert report["exit_code"] == code
    return code, {c["check"]: c for c in report["checks"]}


def good_profile(**values):
    return PROFILE.format(**{"cop": "1105910159", "dxp": "DXPENT0000000001", **values})


def key_file(tmp_path, *, days: int = 180, start_days_ago: int = 1, password: str = "pw-1234"):
    ca_key, ca = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = issue(ca_key, ca, key.public_key(), serial=0x1234, cn="测试报关员", days=days, start_days_ago=start_days_ago)
    path = tmp_path / f"op{days}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"op", key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    return path


@pytest.mark.parametrize(
    ("profile", "level", "words"),
    [
        (None, "error", "没有企业档案"),
        (good_profile(), "ok", "1105910159"),
        (good_profile(cop="110591015"), "error", "10 位海关编码或 18 位"),
        (good_profile(cop="91110105MA01234567"), "ok", "91110105MA01234567"),
        (good_profile(dxp="ENT0000000001"), "warning", "DXP 开头"),
        ('[transfer]\ncopCode = "1105910159"\n', "error", "不完整"),
    ],
)
def test_the_profile(tmp_path, profile, level, words):
    code, checks = doctor(tmp_path, profile=profile)
    assert checks["profile"]["level"] == level and words in checks["profile"]["text"]
    if level != "ok":
        assert checks["profile"]["fix"]
    assert code == 1  # no signer set in any of these


@pytest.mark.parametrize(
    ("days", "start", "pin", "level", "words"),
    [
        (180, 1, "pw-1234", "ok", "valid until"),
        (20, 1, "pw-1234", "warning", "expires in 19 day(s)"),
        (30, 1, "pw-1234", "warning", "expires in 29 day(s)"),
        (32, 1, "pw-1234", "ok", "valid until"),
        (-5, 10, "pw-1234", "error", "expired on"),
        (180, 1, "wrong", "error", "wrong password"),
        (180, 1, None, "skipped", "without the password"),
    ],
)
def test_the_key_file_and_its_certificate(tmp_path, monkeypatch, days, start, pin, level, words):
    path = key_file(tmp_path, days=days, start_days_ago=start)
    if pin is None:
        monkeypatch.delenv("CEBDESK_PIN", raising=False)
    else:
        monkeypatch.setenv("CEBDESK_PIN", pin)
    code, checks = doctor(tmp_path, "--key-file", path, "--lang", "en", profile=good_profile())
    assert checks["signer"]["level"] == "ok"
    assert checks["certificate"]["level"] == level and words in checks["certificate"]["text"], checks
    assert code == (1 if level == "error" else 0)


def test_a_missing_key_file_and_no_signer(tmp_path):
    code, checks = doctor(tmp_path, "--key-file", tmp_path / "gone.p12", profile=good_profile())
    assert code == 1 and checks["signer"]["level"] == "error" and "gone.p12" in checks["signer"]["text"]
    code, checks = doctor(tmp_path, profile=good_profile())
    assert checks["signer"]["level"] == "error" and "设置页" in checks["signer"]["fix"]


def test_the_signer_the_profile_names_is_the_one_checked(tmp_path, monkeypatch):
    path = key_file(tmp_path)
    monkeypatch.setenv("CEBDESK_PIN", "pw-1234")
    code, checks = doctor(tmp_path, profile=good_profile() + f'[signer]\nkey_file = "{path}"\n')
    assert code == 0 and checks["certificate"]["level"] == "ok"


def test_the_token(tmp_path, softhsm):
    args = ["--pkcs11-module", softhsm["module"], "--token-label"]
    code, checks = doctor(tmp_path, *args, softhsm["token"], "--lang", "en", profile=good_profile())
    assert code == 0, checks
    assert checks["signer"]["level"] == "ok" and softhsm["token"] in checks["signer"]["text"]
    assert checks["certificate"]["level"] == "ok" and "(RSA)" in checks["certificate"]["text"]
    code, checks = doctor(tmp_path, *args, "no-such-token", "--lang", "en", profile=good_profile())
    assert code == 1 and "no-such-token not found" in checks["signer"]["text"]
    code, checks = doctor(
        tmp_path, "--pkcs11-module", tmp_path / "nothing.so", "--token-label", "x", profile=good_profile()
    )
    assert code == 1 and "PKCS#11" in checks["signer"]["text"]


def test_a_staging_folder_on_another_file_system(tmp_path, tiny_fs, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", "pw-1234")
    path = key_file(tmp_path)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / ".staging").symlink_to(tiny_fs)
    code, checks = doctor(tmp_path, "--key-file", path, profile=good_profile())
    assert code == 1 and checks["folders"]["level"] == "error" and "同一文件系统" in checks["folders"]["text"]


def _journal(tmp_path):
    """A journal with one message sent two days ago and a receipt read then (times set below)."""
    from cebdesk.store.journal import Journal

    journal = Journal.in_dir(tmp_path / "data")
    journal.close()
    return tmp_path / "data" / "journal.sqlite3"


def test_receipts_not_coming_back_and_a_clock_behind_them(tmp_path, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", "pw-1234")
    path = key_file(tmp_path)
    (tmp_path / "data").mkdir()
    db_path = _journal(tmp_path)
    code, checks = doctor(tmp_path, "--key-file", path, profile=good_profile())
    assert code == 0 and checks["receipts"]["level"] == "skipped" and checks["journal"]["level"] == "ok"
    two_days = (dt.datetime.now() - dt.timedelta(days=2)).isoformat(timespec="milliseconds")
    db = sqlite3.connect(db_path)
    with db:
        db.execute(
            "INSERT INTO messages (guid, message_type, file_name, state, created, sent) VALUES"
            " ('G1', 'CEB311Message', 'a.xml', 'sent', ?, ?)",
            (two_days, two_days),
        )
    code, checks = doctor(tmp_path, "--key-file", path, profile=good_profile())
    assert code == 0 and checks["receipts"]["level"] == "warning" and "48" in checks["receipts"]["text"]
    ahead = (dt.datetime.now() + dt.timedelta(hours=3)).strftime("%Y%m%d%H%M%S000")
    with db:
        cur = db.execute(
            "INSERT INTO receipt_files (file_name, message_type, raw, sha256, received) VALUES"
            " ('r.xml', 'CEB312Message', x'00', 'h', ?)",
            (dt.datetime.now().isoformat(timespec="milliseconds"),),
        )
        db.execute(
            "INSERT INTO receipts (file_id, position, return_status, return_time, keys) VALUES (?, 0, '2', ?, '{}')",
            (cur.lastrowid, ahead),
        )
    db.close()
    code, checks = doctor(tmp_path, "--key-file", path, "--lang", "en", profile=good_profile())
    assert checks["receipts"]["level"] == "ok"
    assert checks["clock"]["level"] == "warning" and "ahead of this computer's clock" in checks["clock"]["text"]


def test_a_corrupt_journal(tmp_path, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", "pw-1234")
    path = key_file(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "journal.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    code, checks = doctor(tmp_path, "--key-file", path, profile=good_profile())
    assert code == 1 and checks["journal"]["level"] == "error" and "备份" in checks["journal"]["fix"]


def test_the_text_output_marks_each_check(tmp_path):
    out = io.StringIO()
    code = main(["--data-dir", str(tmp_path / "d"), "--exchange-dir", str(tmp_path / "x"), "doctor", "--lang", "en"], out=out)
    text = out.getvalue()
    assert code == 1 and "✗ no enterprise profile" in text and "→ fill in" in text and "problem(s)" in text
