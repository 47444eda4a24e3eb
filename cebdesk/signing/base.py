"""The small protocol every key backend implements, and the algorithms of the CEB profile."""

from __future__ import annotations

import enum
import hashlib
from typing import Protocol, runtime_checkable

from cryptography import x509


class Algorithm(enum.Enum):
    """Signature algorithms with their XML-DSig URIs (SignatureMethod, DigestMethod)."""

    RSA_SHA1 = (
        "rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#sha1",
        "sha1",
    )
    RSA_SHA256 = (
        "rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "sha256",
    )
    SM2_SM3 = (
        "sm2-sm3",
        "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3",
        "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3",
        "sm3",
    )

    def __init__(self, short: str, signature_uri: str, digest_uri: str, hash_name: str) -> None:
        self.short = short
        self.signature_uri = signature_uri
        self.digest_uri = digest_uri
        self.hash_name = hash_name

    def digest(self, data: bytes) -> bytes:
        return hashlib.new(self.hash_name, data).digest()

    @classmethod
    def from_short(cls, name: str) -> Algorithm:
        for alg in cls:
            if alg.short == name.lower():
                return alg
        raise ValueError(f"unknown signature algorithm {name!r}; one of: {', '.join(a.short for a in cls)}")


class SigningError(Exception):
    """A key could not sign (wrong password, unusable key, token gone…)."""


@runtime_checkable
class Signer(Protocol):
    """A key able to sign bytes, with its certificate. One signer serves a whole batch."""

    @property
    def algorithm(self) -> Algorithm: ...

    @property
    def certificate(self) -> x509.Certificate: ...

    def sign(self, data: bytes) -> bytes:
        """The raw signature value over ``data`` (PKCS#1 v1.5 for RSA, r||s for SM2)."""
        ...


def key_name(certificate: x509.Certificate) -> str:
    """KeyName: the certificate serial in lower-case hex, zero-padded to an even length."""
    text = format(certificate.serial_number, "x")
    return text if len(text) % 2 == 0 else "0" + text
