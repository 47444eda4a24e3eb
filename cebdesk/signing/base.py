"""The small protocol every key backend implements, the algorithms of the CEB profile, and
the certificate rules every backend applies."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol, runtime_checkable

from cryptography import x509

SM2_CURVE_OID = "1.2.156.10197.1.301"
EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1"
SM3_WITH_SM2_OID = "1.2.156.10197.1.501"
EXPIRY_WARNING_DAYS = 30


class Algorithm(enum.Enum):
    """Signature algorithms with the XML-DSig URIs cebdesk writes (SignatureMethod, DigestMethod)."""

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

    @property
    def is_sm2(self) -> bool:
        return self is Algorithm.SM2_SM3

    def digest(self, data: bytes) -> bytes:
        return hashlib.new(self.hash_name, data).digest()

    @classmethod
    def from_short(cls, name: str) -> Algorithm:
        for alg in cls:
            if alg.short == name.lower():
                return alg
        raise ValueError(f"unknown signature algorithm {name!r}; one of: {', '.join(a.short for a in cls)}")


#: SignatureMethod URIs accepted when verifying: ours, plus the w3.org spelling of sm2-sm3 that
#: other tools emit.
SIGNATURE_METHODS: dict[str, Algorithm] = {a.signature_uri: a for a in Algorithm} | {
    "http://www.w3.org/2000/09/xmldsig#sm2-sm3": Algorithm.SM2_SM3,
}
#: DigestMethod URI -> hashlib name.
DIGEST_METHODS: dict[str, str] = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3": "sm3",
    "http://www.w3.org/2000/09/xmldsig#sm3": "sm3",
}


class SigningError(Exception):
    """A key could not sign (wrong password, unusable key, token gone…). Never carries a PIN."""


class PinError(SigningError):
    """The PIN was refused or the token is locked. Never retried automatically."""


class TokenGone(SigningError):
    """The key disappeared in the middle of a batch (USB key pulled, card control closed)."""


class CertificateError(SigningError):
    """The signing certificate cannot be used (expired, not yet valid, not the key's)."""


#: Asks the user for the PIN of the named key, once. Returns the PIN.
PinProvider = Callable[[str], str]


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


@lru_cache(maxsize=64)
def is_sm2_certificate(certificate: x509.Certificate) -> bool:
    if certificate.public_key_algorithm_oid.dotted_string != EC_PUBLIC_KEY_OID:
        return False
    from .sm2 import certificate_curve

    return certificate_curve(certificate) == SM2_CURVE_OID


def certificate_algorithm(certificate: x509.Certificate) -> Algorithm:
    """The CEB algorithm a certificate's key signs with: SM2-SM3 for SM2 keys, else RSA-SHA1."""
    return Algorithm.SM2_SM3 if is_sm2_certificate(certificate) else Algorithm.RSA_SHA1


class Notice(str):
    """A warning for the user: the English text (what ``str`` gives), with its Chinese beside."""

    zh: str

    def __new__(cls, en: str, zh: str) -> Notice:
        notice = super().__new__(cls, en)
        notice.zh = zh
        return notice


def in_language(text: str, lang: str) -> str:
    """``text`` in the user's language: a Notice's Chinese for "zh", else the text itself."""
    return getattr(text, "zh", text) if lang == "zh" else str(text)


def check_certificate(certificate: x509.Certificate, now: dt.datetime | None = None) -> list[str]:
    """Refuse an expired or not yet valid certificate; return warnings (expiring soon)."""
    now = now or dt.datetime.now(dt.UTC)
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    serial = key_name(certificate)
    if now < start:
        raise CertificateError(f"certificate {serial} is not valid before {start:%Y-%m-%d %H:%M} UTC")
    if now > end:
        raise CertificateError(
            f"certificate {serial} expired on {end:%Y-%m-%d %H:%M} UTC; renew it before signing"
        )
    left = end - now
    if left < dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return [
            Notice(
                f"certificate {serial} expires in {left.days} days ({end:%Y-%m-%d}); renew it soon",
                f"证书 {serial} 将在 {left.days} 天后（{end:%Y-%m-%d}）到期，请尽快更换",
            )
        ]
    return []
