"""The headless contract: commands, exit codes, JSON, languages, the password from the environment."""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import document_rows, filled_template, write_workbook


def run(args, **kwargs):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out, **kwargs)
    return code, out.getvalue()


def test_convert_signed_inventory_with_password_from_environment(
    tmp_path, profile_file, test_keys, monkeypatch, import_schema
):
    src = filled_template(document_type("inventory"), tmp_path / "清单.xlsx", documents=3, lines=2)
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(
        [
            "convert",
            src,
            "-o",
            tmp_path / "out",
            "--profile",
            profile_file,
            "--key-file",
            test_keys["p12"],
            "--json",
        ]
    )
    assert code == 0, out
    report = json.loads(out)
    assert report["documents"] == 3 and report["converted"] == 3 and report["rejected"] == 0
    [message] = report["messages"]
    assert message["signed"] and message["type"] == "CEB621Message" and message["documents"] == 3
    assert import_schema.validate(etree.parse(message["file"]))
    assert test_keys["password"] not in out


def test_per_message_splits(tmp_path, profile_file):
    src = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=5, lines=1)
    code, out = run(
        ["convert", src, "-o", tmp_path / "out", "--profile", profile_file, "--per-message", "2", "--json"]
    )
    assert code == 0
    assert [m["documents"] for m in json.loads(out)["messages"]] == [2, 2, 1]


def test_rejected_rows_exit_1_and_the_rest_is_converted(tmp_path, profile_file):
    doc_type = document_type("order")
    rows = document_rows(doc_type, 0, 1) + document_rows(doc_type, 1, 1)
    rows[1]["buyerName"] = None
    src = write_workbook(doc_type, rows, tmp_path / "o.xlsx")
    code, out = run(["convert", src, "-o", tmp_path / "out", "--profile", profile_file])
    assert code == 1
    assert f"{src}:电子订单!" in out and "订购人姓名 (buyerName): 必填项为空" in out
    assert "已转换 1，拒绝 1" in out
    assert len(list((tmp_path / "out").glob("*.xml"))) == 1


def test_english_messages(tmp_path, profile_file):
    doc_type = document_type("order")
    rows = document_rows(doc_type, 0, 1)
    rows[0]["currency"] = "502"
    src = write_workbook(doc_type, rows, tmp_path / "o.xlsx")
    code, out = run(["--lang", "en", "convert", src, "-o", tmp_path / "out", "--profile", profile_file])
    assert code == 1
    assert "币制 (currency): code '502' is not in its code table" in out and "币制 table" not in out
    assert "1 rejected" in out


def test_template_command_and_round_trip(tmp_path, profile_file):
    path = tmp_path / "t.xlsx"
    code, out = run(["template", "payment", "-o", path])
    assert code == 0 and path.is_file()
    code, out = run(["convert", path, "-o", tmp_path / "out", "--profile", profile_file])
    assert code == 1 and "文件中没有数据行" in out


#: The official samples' buyer ID number is made up (born 1362-50-02) and they repeat one
#: orderNo in several documents: validate and customs refuse both. The tests that need a sample
#: that passes give it a well-formed ID number and one orderNo per document.
SAMPLE_ID, WELL_FORMED_ID = b"130681136250023332", b"110101199001011237"


def _sample(anchors, name: str, tmp_path) -> Path:
    path = tmp_path / name
    data = (anchors / "ceb-samples" / "202205" / "import" / name).read_bytes()
    numbers = itertools.count(1)
    data = re.sub(
        rb"<ceb:orderNo>([^<]*)</ceb:orderNo>",
        lambda m: b"<ceb:orderNo>%s-%d</ceb:orderNo>" % (m.group(1), next(numbers)),
        data,
    )
    path.write_bytes(data.replace(SAMPLE_ID, WELL_FORMED_ID))
    return path


def test_validate_reports_per_file(tmp_path, anchors):
    good = _sample(anchors, "CEB311Message.xml", tmp_path)
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        good.read_bytes().replace(b"<ceb:currency>142</ceb:currency>", b"<ceb:currency>14</ceb:currency>", 1)
    )
    code, out = run(["validate", good, "--json"])
    assert code == 0 and json.loads(out)[0]["valid"]
    code, out = run(["validate", good, bad])
    assert code == 1
    assert "代码“14”不在币制中" in out
    assert "/CEB311Message/Order[1]/OrderHead/currency" in out


def test_convert_re_emits_xml_with_the_same_guid(tmp_path, anchors, test_keys, monkeypatch, import_schema):
    sample = _sample(anchors, "CEB621Message.xml", tmp_path)
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(["convert", sample, "-o", tmp_path / "out", "--key-file", test_keys["p12"], "--json"])
    assert code == 0, out
    [message] = json.loads(out)["messages"]
    assert message["guid"] == "4CDE1CFD-EDED-46B1-946C-B8022E42FC94"
    assert import_schema.validate(etree.parse(message["file"]))


def test_missing_profile_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    src = filled_template(document_type("order"), tmp_path / "o.xlsx")
    code, out = run(["convert", src, "-o", tmp_path / "out"])
    assert code == 1
    assert "--profile" in out and "copCode" in out


def test_no_password_and_no_terminal_is_a_usage_error(tmp_path, profile_file, test_keys, monkeypatch):
    monkeypatch.delenv("CEBDESK_PIN", raising=False)
    src = filled_template(document_type("order"), tmp_path / "o.xlsx")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cebdesk",
            "convert",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "--profile",
            str(profile_file),
            "--key-file",
            str(test_keys["p12"]),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "CEBDESK_PIN" in proc.stderr


def test_wrong_password_exit_2_once(tmp_path, profile_file, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", "not-the-password")
    src = filled_template(document_type("order"), tmp_path / "o.xlsx")
    code, _ = run(
        ["convert", src, "-o", tmp_path / "out", "--profile", profile_file, "--key-file", test_keys["p12"]]
    )
    assert code == 2
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_console_script_runs():
    proc = subprocess.run([sys.executable, "-m", "cebdesk", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "convert" in proc.stdout


@pytest.mark.parametrize("argv", [["convert"], ["template", "nonsense", "-o", "x.xlsx"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


@pytest.mark.parametrize(
    ("platform", "needs"), [("linux", True), ("freebsd14", True), ("win32", False), ("darwin", False)]
)
def test_only_x11_and_wayland_systems_need_a_display_variable(platform, needs):
    from cebdesk.cli import needs_display

    assert needs_display(platform) is needs


def test_without_a_display_the_window_is_refused_with_a_message(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([]) == 2
    assert "make demo" in capsys.readouterr().err
