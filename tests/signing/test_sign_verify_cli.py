"""`cebdesk sign` and `cebdesk verify`: what users run, and the causes verify names."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree

from cebdesk.cli import main
from cebdesk.signing.base import CertificateError, TokenGone
from cebdesk.signing.keyfile import KeyFileSigner
from tests.certs import issue, make_ca


def run(args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def signed(tmp_path, anchors, test_keys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    src = (
        anchors / "ceb-samples" / "202205" / "import" / "CEB621Message.xml"
    )  # carries a placeholder signature
    code, out = run(["sign", src, "-o", tmp_path / "signed", "--key-file", test_keys["p12"]])
    assert code == 0, out
    return tmp_path / "signed" / "CEB621Message.xml"


def test_sign_replaces_the_placeholder_and_verify_accepts(signed, import_schema):
    data = signed.read_bytes()
    assert data.count(b"<ds:Signature ") + data.count(b"<ds:Signature>") == 1
    assert import_schema.validate(etree.parse(str(signed)))
    code, out = run(["verify", signed, "--json"])
    assert code == 0
    [result] = json.loads(out)
    assert result["valid"] and result["algorithm"] == "rsa-sha1" and result["key_name"] == "01691f7f"


def test_the_official_placeholder_signature_is_explained(anchors):
    code, out = run(["verify", anchors / "ceb-samples" / "202205" / "import" / "CEB621Message.xml"])
    assert code == 1
    assert "签名无效" in out
    assert "摘要不符" in out or "算法不一致" in out


def _variant(signed, tmp_path, name, change):
    path = tmp_path / name
    path.write_bytes(change(signed.read_bytes()))
    code, out = run(["--lang", "en", "verify", path, "--json"])
    assert code == 1
    [result] = json.loads(out)
    assert not result["valid"]
    return {f["rule"] for f in result["findings"]}, out


def test_tampered_body(signed, tmp_path):
    rules, _ = _variant(
        signed, tmp_path, "t.xml", lambda d: d.replace("李小宝".encode(), "李大宝".encode(), 1)
    )
    assert "sig.digest_changed" in rules


def test_whitespace_inserted_after_signing(signed, tmp_path):
    rules, out = _variant(
        signed, tmp_path, "w.xml", lambda d: d.replace(b"<ds:Signature xmlns", b"\n<ds:Signature xmlns")
    )
    assert rules == {"sig.digest_whitespace"}
    assert "whitespace was added around ds:Signature" in out


def test_re_indented_after_signing(signed, tmp_path):
    def reindent(data: bytes) -> bytes:
        root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    rules, _ = _variant(signed, tmp_path, "r.xml", reindent)
    assert "sig.digest_reformatted" in rules


def test_swapped_certificate(signed, tmp_path, test_keys):
    ca_key, ca = make_ca("another CA")
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = issue(ca_key, ca, other.public_key(), serial=0x1691F7F, cn="someone else")
    import base64

    der = base64.b64encode(cert.public_bytes(serialization.Encoding.DER))

    def swap(data: bytes) -> bytes:
        start = data.index(b"<ds:X509Certificate>") + len(b"<ds:X509Certificate>")
        end = data.index(b"</ds:X509Certificate>")
        return data[:start] + der + data[end:]

    rules, out = _variant(signed, tmp_path, "s.xml", swap)
    assert rules == {"sig.value_mismatch"}
    assert "not the certificate that signed" in out


def test_key_name_not_the_serial(signed, tmp_path):
    rules, _ = _variant(
        signed, tmp_path, "k.xml", lambda d: d.replace(b"<ds:KeyName>01691f7f<", b"<ds:KeyName>0001<")
    )
    assert rules == {"sig.keyname_mismatch"}


def test_unknown_algorithm_uri(signed, tmp_path):
    rules, _ = _variant(
        signed, tmp_path, "u.xml", lambda d: d.replace(b"xmldsig#rsa-sha1", b"xmldsig#rsa-md5")
    )
    assert rules == {"sig.unknown_uri"}


def test_no_signature_and_signature_on_a_receipt(tmp_path, anchors, test_keys, monkeypatch):
    code, out = run(["verify", anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml"])
    assert code == 1 and "没有签名" in out
    receipt = anchors / "ceb-samples" / "202205" / "import" / "CEB622Message.xml"
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(["sign", receipt, "-o", tmp_path / "o", "--key-file", test_keys["p12"]])
    assert code == 1 and "海关回执，不应带签名" in out
    assert not (tmp_path / "o" / "CEB622Message.xml").exists()


def test_export_messages_take_the_signature_before_extend_message(tmp_path, anchors, signer):
    from cebdesk.pipeline import sign_files

    src = anchors / "ceb-samples" / "2018-113" / "export" / "CEB303Message.xml"
    data = src.read_bytes()
    extended = data.replace(
        b"</ceb:CEB303Message>",
        b"<ceb:ExtendMessage><ceb:name>x</ceb:name><ceb:version>1</ceb:version><ceb:Message><a/></ceb:Message></ceb:ExtendMessage></ceb:CEB303Message>",
    )
    path = tmp_path / "CEB303Message.xml"
    path.write_bytes(extended)
    report = sign_files([path], tmp_path / "out", signer)
    assert not report.findings
    root = etree.parse(str(tmp_path / "out" / "CEB303Message.xml")).getroot()
    names = [etree.QName(c).localname for c in root if isinstance(c.tag, str)]
    assert names[-2:] == ["Signature", "ExtendMessage"]
    xsd = anchors / "ceb-xsd" / "2018-113" / "出口业务节点报文.xsd"
    assert etree.XMLSchema(etree.parse(str(xsd))).validate(root.getroottree())


def test_expired_certificate_is_refused_and_expiring_one_warned(tmp_path):
    ca_key, ca = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "k.pem").write_bytes(pem)
    expired = issue(ca_key, ca, key.public_key(), serial=7, cn="old", days=-1, start_days_ago=400)
    (tmp_path / "old.pem").write_bytes(expired.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(CertificateError, match="expired"):
        KeyFileSigner(tmp_path / "k.pem", cert_file=tmp_path / "old.pem")
    soon = issue(ca_key, ca, key.public_key(), serial=8, cn="soon", days=10)
    (tmp_path / "soon.pem").write_bytes(soon.public_bytes(serialization.Encoding.PEM))
    signer = KeyFileSigner(tmp_path / "k.pem", cert_file=tmp_path / "soon.pem")
    assert any("expires in" in w for w in signer.warnings)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=20)
    with pytest.raises(CertificateError):
        KeyFileSigner(tmp_path / "k.pem", cert_file=tmp_path / "soon.pem", now=later)


@pytest.mark.parametrize(("lang", "words", "foreign"), [("zh", "天后", "expires in"), ("en", "expires in", "天后")])
def test_an_expiring_certificate_is_warned_in_the_users_language(tmp_path, anchors, lang, words, foreign, capsys):
    ca_key, ca = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    soon = issue(ca_key, ca, key.public_key(), serial=8, cn="soon", days=10)
    (tmp_path / "k.pem").write_bytes(pem)
    (tmp_path / "soon.pem").write_bytes(soon.public_bytes(serialization.Encoding.PEM))
    source = anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml"
    code, _ = run(
        ["--lang", lang, "sign", source, "-o", tmp_path / "o", "--key-file", tmp_path / "k.pem", "--cert", tmp_path / "soon.pem"]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert words in err and foreign not in err


class _LosesTheKey:
    """The real test key, pulled out after a number of signatures (a USB key removed mid-batch)."""

    def __init__(self, signer, after: int) -> None:
        self._signer, self._left = signer, after

    algorithm = property(lambda self: self._signer.algorithm)
    certificate = property(lambda self: self._signer.certificate)

    def sign(self, data: bytes) -> bytes:
        if self._left == 0:
            raise TokenGone("token cebdesk-test was removed or stopped answering")
        self._left -= 1
        return self._signer.sign(data)


def test_key_removed_mid_batch_keeps_what_was_signed(tmp_path, profile, signer, import_schema):
    from cebdesk.pipeline import ConvertOptions, convert
    from cebdesk.spec import document_type
    from tests.factory import filled_template

    src = filled_template(document_type("inventory"), tmp_path / "i.xlsx", documents=25)
    options = ConvertOptions(
        out_dir=tmp_path / "out", profile=profile, signer=_LosesTheKey(signer, 2), per_message=10
    )
    report = convert([src], options)
    assert report.stopped and "removed" in report.stopped
    assert report.exit_code == 2
    assert [m.documents for m in report.messages] == [10, 10]
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 2 and all(not f.name.startswith(".") for f in files)
    for f in files:
        assert import_schema.validate(etree.parse(str(f)))
