"""SM2-SM3: key files interoperate with OpenSSL; the published production vectors verify."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from lxml import etree

from cebdesk.messages.build import serialize
from cebdesk.signing import sm2
from cebdesk.signing.base import Algorithm
from cebdesk.signing.keyfile import KeyFileSigner
from cebdesk.signing.xmldsig import sign_message, verify_message

# ceb-spec §6.4 and §6.2: published signatures of real operator keys (public keys only).
SM2_SIGNED_INFO = (
    '<ds:SignedInfo xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ds:CanonicalizationMethod '
    'Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></ds:CanonicalizationMethod><ds:SignatureMethod '
    'Algorithm="http://www.w3.org/2000/09/xmldsig#sm2-sm3"></ds:SignatureMethod><ds:Reference URI=""><ds:Transforms>'
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform></ds:Transforms>'
    '<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"></ds:DigestMethod><ds:DigestValue>'
    "/uy5whbEnIhnrSkF7hSAJNm8ISI=</ds:DigestValue></ds:Reference></ds:SignedInfo>"
)
SM2_VALUE = "lziAtii3Ibn4UaHMAZ5MI90PLlQvn8Qm7m06gjRM/TcCI5pCtCbBGsZ+UoMmjbSjk4KP90wugL5DV5PXKVwYlA=="
SM2_PUBLIC = "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE0vOQmplAr9igPZrA8F1msqnFd0U++6G6NhG5rNuIUWft0BwQn7eSJkt5/fvSSoe7pUg2/awHUWPnzkeeQc7oVg=="


def _rsa_signed_info(digest: str) -> str:
    return (
        '<ds:SignedInfo xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ds:CanonicalizationMethod '
        'Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></ds:CanonicalizationMethod><ds:SignatureMethod '
        'Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"></ds:SignatureMethod><ds:Reference URI=""><ds:Transforms>'
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform></ds:Transforms>'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"></ds:DigestMethod><ds:DigestValue>'
        f"{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>"
    )


RSA_PUBLIC = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDLSPFTUFvxf7T+Cr1+iPKldSJL\n"
    "YWOfepufQstZ1nGHatjJCfcexd+VXpICcW1bph0zSUgWzmbNYRk3rimky5d/sTIS\n"
    "0PmEOJH7yVMHGwiHT03sKqwsiQKtVCk0x48YLncFGoW/SL4ksw6NI+DybQqJpm3f\n"
    "OBDu0sTYi8OkaYPUJwIDAQAB\n"
    "-----END PUBLIC KEY-----\n"
)
RSA_VECTORS = [
    (
        "wz3Mne4HAnnHGeKvHv4LxU2ysuc=",
        "JjKKuzwbl8+aHdmNNM4gVQI5R9NRyeDhzTL2huJnU4kD9nN35pYJ7pMzquCFhNUvns89GN/Aim0DSAlXMa63aSSw3ad4wvmKjYBl24U+S1KYbX2mKhwkJIK6Ic8bWLuu5eC6+h0+Gttvo7baQT11w0I0xfDyBH7awuddcZyaLIU=",
    ),
    (
        "5nkQYKEtVilTfyWeWDr8Q+WuFNM=",
        "mclW30swezmNfgpftA0j6cJz0qoqEaHyu9Q/TD1605k76mYsEzre2i3XdTiyWfXw8RLmVlvS/LTThc64iUIr8Dd5AZqaOBOeD8wHZ2AJ9B6emX9c3P7KfWXz4VF1k47TQg8MjGGpOS/zE+s2pIJWGa8y6ku7s3Rwro92mZ1INag=",
    ),
]


def _flip(data: bytes, bit: int = 0) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def test_production_sm2_vector():
    point = sm2.spki_point(base64.b64decode(SM2_PUBLIC))
    value = base64.b64decode(SM2_VALUE)
    data = SM2_SIGNED_INFO.encode()
    assert sm2.verify(point, data, value)
    assert not sm2.verify(point, _flip(data, 8 * 100), value)
    assert not sm2.verify(point, data, _flip(value, 3))


@pytest.mark.parametrize(("digest", "value"), RSA_VECTORS)
def test_production_rsa_vectors(digest, value):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_public_key(RSA_PUBLIC.encode())
    data = _rsa_signed_info(digest).encode()
    raw = base64.b64decode(value)
    key.verify(raw, data, padding.PKCS1v15(), hashes.SHA1())  # noqa: S303
    with pytest.raises(InvalidSignature):
        key.verify(_flip(raw, 77), data, padding.PKCS1v15(), hashes.SHA1())  # noqa: S303
    with pytest.raises(InvalidSignature):
        key.verify(raw, _flip(data, 8 * 200 + 1), padding.PKCS1v15(), hashes.SHA1())  # noqa: S303


@pytest.fixture(scope="module")
def sm2_files(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not installed")
    d = tmp_path_factory.mktemp("sm2")
    subprocess.run(
        "openssl genpkey -algorithm SM2 -out sm2.key && openssl req -new -x509 -key sm2.key -sm3 "
        "-sigopt distid:1234567812345678 -subj '/CN=SM2 operator TEST' -days 60 -out sm2.pem "
        "&& openssl x509 -in sm2.pem -pubkey -noout > pub.pem",
        shell=True,
        check=True,
        cwd=d,
        capture_output=True,
    )
    return d


def test_sm2_key_file_signature_verifies_with_openssl(sm2_files, tmp_path):
    signer = KeyFileSigner(sm2_files / "sm2.key", cert_file=sm2_files / "sm2.pem")
    assert signer.algorithm is Algorithm.SM2_SM3
    message = "<ds:SignedInfo>测试 SM2</ds:SignedInfo>".encode()
    value = signer.sign(message)
    assert len(value) == 64
    (tmp_path / "msg").write_bytes(message)
    (tmp_path / "sig").write_bytes(sm2.raw_to_der(value))
    cmd = [
        "openssl",
        "pkeyutl",
        "-verify",
        "-rawin",
        "-digest",
        "sm3",
        "-pubin",
        "-inkey",
        str(sm2_files / "pub.pem"),
    ]
    cmd += [
        "-in",
        str(tmp_path / "msg"),
        "-sigfile",
        str(tmp_path / "sig"),
        "-pkeyopt",
        "distid:1234567812345678",
    ]
    ok = subprocess.run(cmd, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (tmp_path / "sig").write_bytes(sm2.raw_to_der(_flip(value, 9)))
    assert subprocess.run(cmd, capture_output=True).returncode != 0


def test_openssl_sm2_signature_verifies_with_cebdesk(sm2_files, tmp_path):
    from cryptography import x509

    message = b"signed by openssl"
    (tmp_path / "msg").write_bytes(message)
    subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-sign",
            "-rawin",
            "-digest",
            "sm3",
            "-inkey",
            str(sm2_files / "sm2.key"),
            "-in",
            str(tmp_path / "msg"),
            "-out",
            str(tmp_path / "sig"),
            "-pkeyopt",
            "distid:1234567812345678",
        ],
        check=True,
        capture_output=True,
    )
    cert = x509.load_pem_x509_certificate((sm2_files / "sm2.pem").read_bytes())
    value = sm2.der_to_raw((tmp_path / "sig").read_bytes())
    assert sm2.verify(sm2.certificate_point(cert), message, value)


def test_sm2_signed_message_uses_the_202205_uris_and_sm3_digest(sm2_files, anchors):
    signer = KeyFileSigner(sm2_files / "sm2.key", cert_file=sm2_files / "sm2.pem")
    root = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()
    sign_message(root, signer)
    data = serialize(root)
    assert b'Algorithm="http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3"' in data
    assert b'Algorithm="http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"' in data
    verdict = verify_message(etree.fromstring(data))
    assert verdict.valid and verdict.algorithm is Algorithm.SM2_SM3


def test_w3_sm2_variant_with_sha1_digest_verifies_with_a_warning(sm2_files, anchors):
    """Other tools write xmldsig#sm2-sm3 with a SHA-1 digest; accepted, and said."""
    signer = KeyFileSigner(sm2_files / "sm2.key", cert_file=sm2_files / "sm2.pem")
    root = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()
    sig = sign_message(root, signer)
    ds = "{http://www.w3.org/2000/09/xmldsig#}"
    signed_info = sig.find(f"{ds}SignedInfo")
    signed_info.find(f"{ds}SignatureMethod").set("Algorithm", "http://www.w3.org/2000/09/xmldsig#sm2-sm3")
    signed_info.find(f"{ds}Reference/{ds}DigestMethod").set(
        "Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1"
    )
    signed_info.find(f"{ds}Reference/{ds}DigestValue").text = "b2FtM/jHvW4fnJpMMPWk/177RwA="
    from cebdesk.signing.xmldsig import c14n

    sig.find(f"{ds}SignatureValue").text = base64.b64encode(signer.sign(c14n(signed_info))).decode()
    verdict = verify_message(etree.fromstring(serialize(root)))
    assert verdict.valid
    assert {f.rule for f in verdict.findings} == {"sig.nonstandard_uri"}
