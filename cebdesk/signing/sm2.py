"""SM2 with SM3 (GB/T 32918, GM/T 0009): the CEB profile's Chinese algorithm.

Signatures are raw r||s (64 bytes) over SM3(Z || message) with the default user ID
1234567812345678, which is what E-Port keys produce and what OpenSSL verifies with
``-pkeyopt distid:1234567812345678``. The arithmetic is gmssl's; the random k comes from
``secrets`` (gmssl's own default draws it from ``random``), and r, s are range-checked.
"""

from __future__ import annotations

import secrets

from asn1crypto import core, keys, pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from gmssl import sm2 as _gm

N = int(_gm.default_ecc_table["n"], 16)
SIGNATURE_LENGTH = 64


class SM2Error(ValueError):
    pass


def _point_hex(point: bytes) -> str:
    """gmssl wants x||y in hex; keys carry 04||x||y (uncompressed)."""
    if len(point) != 65 or point[0] != 4:
        raise SM2Error("only uncompressed SM2 public keys (04||x||y) are supported")
    return point[1:].hex()


def certificate_point(certificate: x509.Certificate) -> bytes:
    """The public key point of a certificate (cryptography cannot load SM2 keys)."""
    cert = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return cert["tbs_certificate"]["subject_public_key_info"]["public_key"].native


def certificate_curve(certificate: x509.Certificate) -> str | None:
    cert = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    algorithm = cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]
    if algorithm["algorithm"].dotted != "1.2.840.10045.2.1":  # id-ecPublicKey
        return None
    params = algorithm["parameters"]
    try:
        return params.chosen.dotted
    except (AttributeError, ValueError):
        return None


def spki_point(der: bytes) -> bytes:
    return keys.PublicKeyInfo.load(der)["public_key"].native


def _private_scalar(data: bytes, password: bytes | None) -> int:
    if password:
        raise SM2Error("encrypted SM2 key files are not supported; export the key without a password")
    if not pem.detect(data):
        raise SM2Error("an SM2 key file must be PEM")
    kind, _, der = pem.unarmor(data)
    if kind == "PRIVATE KEY":
        info = keys.PrivateKeyInfo.load(der)
        ec = keys.ECPrivateKey.load(info["private_key"].contents)
    elif kind == "EC PRIVATE KEY":
        ec = keys.ECPrivateKey.load(der)
    else:
        raise SM2Error(f"no SM2 private key in the file (found {kind})")
    return int(ec["private_key"].native)


class SM2Key:
    """An SM2 private key (for signing) with its public point."""

    def __init__(self, scalar: int, point: bytes) -> None:
        if not 1 <= scalar < N - 1:
            raise SM2Error("SM2 private key out of range")
        self._crypt = _gm.CryptSM2(private_key=format(scalar, "064x"), public_key=_point_hex(point))
        self.point = point

    @classmethod
    def from_pem(cls, data: bytes, point: bytes, password: bytes | None = None) -> SM2Key:
        key = cls(_private_scalar(data, password), point)
        # the key must belong to the certificate: sign and verify once
        probe = b"cebdesk key check"
        if not verify(point, probe, key.sign(probe)):
            raise SM2Error("the certificate does not belong to this SM2 key")
        return key

    def sign(self, data: bytes) -> bytes:
        while True:
            k = format(secrets.randbelow(N - 1) + 1, "064x")
            value = self._crypt.sign_with_sm3(data, k)
            if value:  # gmssl returns None for the rare k that gives r = 0 or s = 0
                return bytes.fromhex(value)


def verify(point: bytes, data: bytes, signature: bytes) -> bool:
    """Check a raw r||s SM2-SM3 signature (default user ID) over ``data``."""
    if len(signature) != SIGNATURE_LENGTH:
        return False
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    if not (1 <= r < N and 1 <= s < N):
        return False
    crypt = _gm.CryptSM2(private_key=None, public_key=_point_hex(point))
    return bool(crypt.verify_with_sm3(signature.hex(), data))


class _DerSignature(core.Sequence):
    _fields = [("r", core.Integer), ("s", core.Integer)]


def raw_to_der(signature: bytes) -> bytes:
    """r||s -> DER SEQUENCE { r INTEGER, s INTEGER } (what OpenSSL verifies)."""
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    return _DerSignature({"r": r, "s": s}).dump()


def der_to_raw(signature: bytes) -> bytes:
    """DER SEQUENCE { r, s } -> r||s; tokens differ in which they return."""
    if len(signature) == SIGNATURE_LENGTH:
        return signature
    seq = _DerSignature.load(signature)
    return seq["r"].native.to_bytes(32, "big") + seq["s"].native.to_bytes(32, "big")
