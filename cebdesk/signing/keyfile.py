"""Key files: RSA in PKCS#12 (.p12/.pfx) or PEM, and SM2 PEM keys with their certificate.

For tests, servers and demo keys. The password is used once, to open the file, and not kept.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from . import sm2
from .base import Algorithm, CertificateError, SigningError, certificate_algorithm, check_certificate

_PEM_CERT = b"-----BEGIN CERTIFICATE-----"


def _load_cert(data: bytes, where: str) -> x509.Certificate:
    try:
        return (
            x509.load_pem_x509_certificate(data)
            if _PEM_CERT in data
            else x509.load_der_x509_certificate(data)
        )
    except ValueError as exc:
        raise SigningError(f"cannot read the certificate in {where}: {exc}") from None


class KeyFileSigner:
    """Signs with a key held in a file (RSA: SHA1/SHA256 PKCS#1 v1.5; SM2: SM3, r||s)."""

    def __init__(
        self,
        key_file: str | os.PathLike[str],
        *,
        password: str | None = None,
        cert_file: str | os.PathLike[str] | None = None,
        algorithm: Algorithm | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        path = Path(key_file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SigningError(f"cannot read key file {path}: {exc.strerror}") from None
        secret = password.encode("utf-8") if password else None
        cert: x509.Certificate | None = None
        if cert_file is not None:
            try:
                cert = _load_cert(Path(cert_file).read_bytes(), str(cert_file))
            except OSError as exc:
                raise SigningError(f"cannot read certificate {cert_file}: {exc.strerror}") from None
        elif _PEM_CERT in data:
            cert = _load_cert(data, str(path))

        self._rsa: rsa.RSAPrivateKey | None = None
        self._sm2: sm2.SM2Key | None = None
        if cert is not None and certificate_algorithm(cert).is_sm2:
            try:
                self._sm2 = sm2.SM2Key.from_pem(data, sm2.certificate_point(cert), secret)
            except (sm2.SM2Error, ValueError) as exc:
                raise SigningError(f"cannot use SM2 key file {path}: {exc}") from None
            default = Algorithm.SM2_SM3
        else:
            try:
                if path.suffix.lower() in (".p12", ".pfx"):
                    key, p12_cert, _ = pkcs12.load_key_and_certificates(data, secret)
                    cert = cert or p12_cert
                else:
                    key = serialization.load_pem_private_key(data, secret)
            except (ValueError, TypeError) as exc:
                # e.g. "Invalid password or PKCS12 data"; the password itself is never echoed
                raise SigningError(f"cannot open key file {path}: {exc}") from None
            if cert is None:
                raise SigningError(f"{path} holds no certificate; give one with --cert")
            if not isinstance(key, rsa.RSAPrivateKey):
                raise SigningError(f"{path}: not an RSA or SM2 key")
            if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
                raise CertificateError(f"{path}: the certificate does not belong to this key")
            self._rsa = key
            default = Algorithm.RSA_SHA1
        algorithm = algorithm or default
        if algorithm.is_sm2 != (self._sm2 is not None):
            raise SigningError(
                f"{path}: a {'SM2' if self._sm2 else 'RSA'} key cannot make {algorithm.short} signatures"
            )
        self.warnings = check_certificate(cert, now)
        self._cert = cert
        self._algorithm = algorithm
        self._hash = hashes.SHA256() if algorithm is Algorithm.RSA_SHA256 else hashes.SHA1()  # noqa: S303

    @property
    def algorithm(self) -> Algorithm:
        return self._algorithm

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    def sign(self, data: bytes) -> bytes:
        if self._sm2 is not None:
            return self._sm2.sign(data)
        assert self._rsa is not None
        return self._rsa.sign(data, padding.PKCS1v15(), self._hash)

    def close(self) -> None:
        self._rsa = None
        self._sm2 = None
