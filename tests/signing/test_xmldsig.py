"""The enveloped signature: the published digest vector, our own verifier, and xmlsec1."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from cebdesk.messages.build import serialize
from cebdesk.signing.base import Algorithm, SigningError, key_name
from cebdesk.signing.keyfile import KeyFileSigner
from cebdesk.signing.xmldsig import (
    document_digest,
    find_signature,
    remove_signature,
    sign_message,
    verify_message,
)
from cebdesk.spec import NS_DS


def test_published_digest_vector(anchors):
    """ceb-spec §6.2: SHA-1 over the C14N of the real-world CEB621 before signing."""
    tree = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml"))
    assert document_digest(tree.getroot(), Algorithm.RSA_SHA1) == "b2FtM/jHvW4fnJpMMPWk/177RwA="


def _unsigned(anchors):
    return etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()


def test_signing_the_unsigned_sample_reproduces_its_digest(anchors, signer):
    root = _unsigned(anchors)
    sig = sign_message(root, signer)
    assert (
        sig.findtext(f"{{{NS_DS}}}SignedInfo/{{{NS_DS}}}Reference/{{{NS_DS}}}DigestValue")
        == "b2FtM/jHvW4fnJpMMPWk/177RwA="
    )
    assert root[-1] is sig and sig.tail is None
    assert verify_message(root).valid


def test_signature_layout_and_key_name(anchors, signer):
    root = _unsigned(anchors)
    sig = sign_message(root, signer)
    ds = f"{{{NS_DS}}}"
    assert sig.findtext(f"{ds}KeyInfo/{ds}KeyName") == "01691f7f"  # serial 0x1691F7F, zero-padded
    assert key_name(signer.certificate) == "01691f7f"
    signed_info = sig.find(f"{ds}SignedInfo")
    c14n = etree.tostring(signed_info, method="c14n")
    assert c14n.startswith(
        b'<ds:SignedInfo xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        b'<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></ds:CanonicalizationMethod>'
        b'<ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"></ds:SignatureMethod>'
    )
    for node in sig.iter():
        assert not (node.text or "").isspace() and not (node.tail or "").isspace(), (
            "no whitespace inside the signature"
        )


def test_tampering_and_whitespace_after_signing_are_caught(anchors, signer):
    root = _unsigned(anchors)
    sign_message(root, signer)
    data = serialize(root)
    tampered = etree.fromstring(data.replace(b"<ceb:buyerName>", b"<ceb:buyerName>X"))
    assert "digest mismatch" in verify_message(tampered).reason
    spaced = etree.fromstring(data.replace(b"<ds:Signature", b"\n  <ds:Signature"))
    assert not verify_message(spaced).valid


def test_resigning_replaces_the_old_signature(anchors, signer):
    root = _unsigned(anchors)
    sign_message(root, signer)
    sign_message(root, signer)
    assert len(root.findall(f"{{{NS_DS}}}Signature")) == 1
    assert verify_message(root).valid
    assert remove_signature(root) and find_signature(root) is None
    assert document_digest(root, Algorithm.RSA_SHA1) == "b2FtM/jHvW4fnJpMMPWk/177RwA="


@pytest.mark.parametrize("algorithm", [Algorithm.RSA_SHA1, Algorithm.RSA_SHA256])
def test_xmlsec1_verifies_what_we_sign(anchors, test_keys, tmp_path, algorithm):
    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 not installed (make test installs it as root: apt-get install xmlsec1)")
    signer = KeyFileSigner(test_keys["pem"], cert_file=test_keys["cert"], algorithm=algorithm)
    root = _unsigned(anchors)
    sign_message(root, signer)
    path = tmp_path / "signed.xml"
    path.write_bytes(serialize(root))
    ok = subprocess.run(
        ["xmlsec1", "--verify", "--trusted-pem", str(test_keys["ca"]), str(path)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "tampered.xml"
    data = path.read_bytes()
    assert b"<ceb:appType>1<" in data
    bad.write_bytes(data.replace(b"<ceb:appType>1<", b"<ceb:appType>2<"))
    assert (
        subprocess.run(
            ["xmlsec1", "--verify", "--trusted-pem", str(test_keys["ca"]), str(bad)], capture_output=True
        ).returncode
        != 0
    )


def test_wrong_password_is_a_clear_error_without_the_password(test_keys):
    with pytest.raises(SigningError) as info:
        KeyFileSigner(test_keys["p12"], password="wrong-secret-9")
    assert "wrong-secret-9" not in str(info.value)
    assert str(test_keys["p12"]) in str(info.value)


def test_certificate_of_another_key_is_refused(test_keys, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = tmp_path / "other.pem"
    pem.write_bytes(
        other.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with pytest.raises(SigningError, match="does not belong"):
        KeyFileSigner(pem, cert_file=test_keys["cert"])
