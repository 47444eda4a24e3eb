"""The profile's clients as read: codes of 10 or 18 letters and digits, an ebcCode each and no
two alike, the tables' shape; each problem a finding naming the profile key, exit code 1; the
clients written back as they were read."""

from __future__ import annotations

import pytest

from cebdesk.findings import InputError
from cebdesk.settings import dump_profile, load_profile

from .profile import A, B, write_profile
from .test_status import run

BAD = [
    ("ebcCode short", '[clients."甲"]\nebcCode = "330196"\n', "profile.client_code", 'ebcCode'),
    ("ebcCode of 11", '[clients."甲"]\nebcCode = "3301960ABCD"\n', "profile.client_code", "ebcCode"),
    ("ebcCode of 17", f'[clients."甲"]\nebcCode = "{"1" * 17}"\n', "profile.client_code", "ebcCode"),
    ("ebcCode with a space", '[clients."甲"]\nebcCode = "3301960 AB"\n', "profile.client_code", "ebcCode"),
    ("ebcCode in Chinese", '[clients."甲"]\nebcCode = "三三零一九六零ABC"\n', "profile.client_code", "ebcCode"),
    ("logisticsCode short", '[clients."甲"]\nebcCode = "3301960ABD"\nlogisticsCode = "123"\n',
     "profile.client_code", "logisticsCode"),
    ("an import-only assureCode", '[clients."甲"]\nebcCode = "3301960ABD"\n[clients."甲".import]\nassureCode = "1"\n',
     "profile.client_code", "import.assureCode"),
    ("no ebcCode", '[clients."甲"]\nebcName = "甲公司"\n', "profile.client_no_ebc", "ebcCode"),
    ("ebcCode of another client", '[clients."甲"]\nebcCode = "3301960AAA"\n', "profile.client_same_code", "ebcCode"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "extra", "rule", "key"), BAD, ids=[b[0] for b in BAD])
def test_a_wrong_client_is_named_by_its_profile_key(tmp_path, case, extra, rule, key):
    path = write_profile(tmp_path, "\n" + extra)
    with pytest.raises(InputError) as caught:
        load_profile(path)
    [finding] = [f for f in caught.value.findings if f.rule == rule]
    assert finding.location.path.endswith(f"{key}") and "[clients." in finding.location.path
    for lang in ("zh", "en"):
        assert "[clients." in finding.message(lang)


@pytest.mark.parametrize("extra", ['clients = "甲"\n', '[clients]\n"甲" = "3301960ABD"\n'], ids=["text", "not a table"])
def test_clients_that_are_no_tables(tmp_path, extra):
    path = tmp_path / "profile.toml"
    path.write_text(extra, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(path)
    assert caught.value.findings[0].rule == "file.unreadable"


def test_a_command_with_a_wrong_client_exits_1_naming_the_key(tmp_path, capsys):
    write_profile(tmp_path / "data", '\n[clients."甲"]\nebcCode = "330196"\n')
    code, _ = run("--data-dir", tmp_path / "data", "status", "--client", A)
    err = capsys.readouterr().err
    assert code == 1
    assert '[clients."甲"] ebcCode' in err and "Traceback" not in err


def test_clients_are_written_back_as_read(tmp_path):
    profile = load_profile(write_profile(tmp_path))
    again = tmp_path / "again.toml"
    again.write_text(dump_profile(profile), encoding="utf-8")
    assert load_profile(again).clients == profile.clients
    assert [c.name for c in profile.clients] == [A, B]
