"""`cebdesk sign` over many files: written in batches, reported only once whole and durable,
nothing half-written whatever stops the batch (the key pulled, the disk full)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cebdesk.files import atomic_write_many
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.records import Document, XmlOrigin, new_guid
from cebdesk.pipeline import sign_files
from cebdesk.signing.xmldsig import verify_message
from cebdesk.messages.safexml import parse_file
from cebdesk.spec import document_type
from tests.factory import value_for
from tests.signing.test_sign_verify_cli import _LosesTheKey

TRANSFER = {"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"}


def _unsigned(folder: Path, count: int, prefix: str = "m") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    doc_type = document_type("order")
    paths = []
    for n in range(count):
        head = {f.name: value_for(f, n) for f in doc_type.head.fields}
        head.update(guid=new_guid(), orderNo=f"SO{n:08d}")
        body = [{f.name: value_for(f, 1) for f in doc_type.list.fields} | {"gnum": "1"}]
        docs = [Document(doc_type.message, head, body, XmlOrigin("test", "/"))]
        root = build_message(doc_type.message, docs, base_transfer=TRANSFER)
        indent(root)
        path = folder / f"{prefix}{n:04d}.xml"
        path.write_bytes(serialize(root))
        paths.append(path)
    return paths


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_every_file_of_a_large_batch_is_signed_whole_and_in_order(tmp_path, signer):
    paths = _unsigned(tmp_path / "in", 150)
    report = sign_files(paths, tmp_path / "out", signer)
    assert report.exit_code == 0 and report.files == 150
    assert [m.path.name for m in report.signed] == [p.name for p in paths]
    for message in report.signed:
        assert verify_message(parse_file(message.path).getroot()).valid
    assert _leftovers(tmp_path / "out") == []


def test_key_pulled_mid_batch_reports_exactly_the_files_on_disk(tmp_path, signer):
    paths = _unsigned(tmp_path / "in", 90)
    report = sign_files(paths, tmp_path / "out", _LosesTheKey(signer, 37))
    assert report.stopped and report.exit_code == 2
    on_disk = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert on_disk == sorted(m.path.name for m in report.signed) == [p.name for p in paths[:37]]


def test_the_same_name_from_two_folders_is_reported_twice_and_the_later_one_kept(tmp_path, signer):
    first = _unsigned(tmp_path / "a", 3)
    second = _unsigned(tmp_path / "b", 3)
    report = sign_files([*first, *second], tmp_path / "out", signer)
    assert [m.source for m in report.signed] == [str(p) for p in [*first, *second]]
    kept = parse_file(tmp_path / "out" / "m0000.xml").getroot()
    source = parse_file(second[0]).getroot()
    assert kept.get("guid") == source.get("guid")


def test_a_batch_write_that_fails_leaves_no_temporary_file_and_reports_what_is_whole(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    blocked = folder / "taken"
    blocked.mkdir()
    (blocked / "x").write_text("a folder cannot be replaced by a file")
    done: list[int] = []
    items = [
        (folder / "a.xml", b"<a/>"),
        (folder / "b.xml", b"<b/>"),
        (blocked, b"<c/>"),
        (folder / "d.xml", b"<d/>"),
    ]
    with pytest.raises(OSError):
        atomic_write_many(items, done.append)
    assert done == [0, 1]
    assert sorted(p.name for p in folder.iterdir()) == ["a.xml", "b.xml", "taken"]
    assert (folder / "a.xml").read_bytes() == b"<a/>"


def test_a_batch_onto_a_full_disk_leaves_only_whole_files(tiny_fs):
    done: list[int] = []
    items = [(tiny_fs / f"f{n}.xml", bytes([65 + n % 26]) * 700_000) for n in range(8)]
    with pytest.raises(OSError):
        atomic_write_many(items, done.append)
    assert done == []  # nothing was renamed before the disk filled: nothing reported
    assert list(tiny_fs.iterdir()) == []
