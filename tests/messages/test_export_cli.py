"""What users run on export files: template, convert (direction detected), validate, sign, verify."""

from __future__ import annotations

import io
import json

import pytest
from lxml import etree

from cebdesk.cli import main
from cebdesk.spec import EXPORT_TYPES, document_type
from tests.factory import filled_template


def run(args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize("doc_type", EXPORT_TYPES, ids=lambda d: d.name)
def test_template_convert_validate_sign_verify(
    doc_type, tmp_path, profile_file, test_keys, monkeypatch, export_schema
):
    blank = tmp_path / "blank.xlsx"
    assert run(["template", doc_type.name, "-o", blank])[0] == 0
    source = filled_template(doc_type, tmp_path / "in.xlsx", documents=2, lines=2)
    code, out = run(["convert", source, "-o", tmp_path / "out", "--profile", profile_file, "--json"])
    assert code == 0, out
    (message,) = json.loads(out)["messages"]
    assert message["type"] == doc_type.message.code  # the export type, found from the template
    assert not message["signed"]
    path = message["file"]
    code, out = run(["validate", path, "--json"])
    assert code == 0, out
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(["sign", path, "-o", tmp_path / "signed", "--key-file", test_keys["p12"], "--json"])
    assert code == 0, out
    signed = tmp_path / "signed" / (message["file"].rsplit("/", 1)[-1])
    root = etree.parse(str(signed)).getroot()
    names = [etree.QName(c).localname for c in root]
    assert names[-1] == "Signature" and names[-2] == "BaseTransfer"
    assert export_schema.validate(etree.parse(str(signed))), export_schema.error_log
    code, out = run(["verify", signed, "--json"])
    assert code == 0, out
    code, out = run(["validate", signed, "--json"])
    assert code == 0, out


def test_convert_type_names_an_export_type(tmp_path, profile_file):
    source = filled_template(document_type("export-inventory"), tmp_path / "in.xlsx")
    code, out = run(
        [
            "convert",
            source,
            "--type",
            "export-inventory",
            "-o",
            tmp_path / "out",
            "--profile",
            profile_file,
            "--json",
        ]
    )
    assert code == 0, out
    assert json.loads(out)["messages"][0]["type"] == "CEB603Message"


def test_convert_type_of_the_other_direction_is_refused_at_its_columns(tmp_path, profile_file):
    source = filled_template(document_type("export-inventory"), tmp_path / "in.xlsx")
    code, out = run(
        ["convert", source, "--type", "inventory", "-o", tmp_path / "out", "--profile", profile_file]
    )
    assert code == 1, out
    assert not list((tmp_path / "out").iterdir())
