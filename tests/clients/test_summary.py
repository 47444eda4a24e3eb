"""summary --client NAME: the monthly summary of that client (its ebcCode, as --ebc), from
export lists of two clients released by the simulator."""

from __future__ import annotations

import json

import pytest

from tests.summary.lists import THIS_MONTH, inventory, release

from .profile import A, A_EBC, B, B_EBC, write_profile
from .test_status import run

pytestmark = pytest.mark.slow


@pytest.fixture
def released(tmp_path, test_keys, monkeypatch):
    profile = write_profile(tmp_path / "profile", '\n[summary]\nsummaryFlag = "1"\n')
    rows = [inventory(0, ebcCode=A_EBC), inventory(1, ebcCode=B_EBC), inventory(2, ebcCode=A_EBC)]
    dirs, key, invt_nos = release(tmp_path, profile, test_keys, monkeypatch, rows)
    return dirs, key, invt_nos


def test_summary_preview_per_client(released):
    dirs, key, invt_nos = released
    code, by_client = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", "--client", A, *key[:2])
    assert code == 0, by_client
    _, by_ebc = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", "--ebc", A_EBC, *key[:2])
    preview = json.loads(by_client)
    assert preview == json.loads(by_ebc)
    assert preview["ebcCode"] == A_EBC
    listed = {n for d in preview["declarations"] for n in d["invtNos"]}
    assert listed == {invt_nos[0], invt_nos[2]}
    assert preview["released"] == 2
    code, b = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--json", "--client", B, *key[:2])
    assert json.loads(b)["released"] == 1


def test_summary_client_and_another_ebc_is_refused(released, capsys):
    dirs, key, _ = released
    code, _ = run(*dirs, "summary", "--month", THIS_MONTH, "--preview", "--client", A, "--ebc", B_EBC, *key[:2])
    assert code == 2
    assert A_EBC in capsys.readouterr().err
