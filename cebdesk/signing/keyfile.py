"""Key files: PKCS#12 (.p12/.pfx) or PEM RSA keys, for tests, servers and demo keys."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from .base import Algorithm, SigningError


class KeyFileSigner:
    """Signs with an RSA key held in a file. The password is used once, to open it."""

    def __init__(
        self,
        key_file: str | os.PathLike[str],
        *,
        password: str | None = None,
        cert_file: str | os.PathLike[str] | None = None,
        algorithm: Algorithm = Algorithm.RSA_SHA1,
    ) -> None:
        path = Path(key_file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SigningError(f"cannot read key file {path}: {exc.strerror}") from None
        secret = password.encode("utf-8") if password else None
        cert: x509.Certificate | None = None
        try:
            if path.suffix.lower() in (".p12", ".pfx"):
                key, cert, _ = pkcs12.load_key_and_certificates(data, secret)
            else:
                key = serialization.load_pem_private_key(data, secret)
                if cert_file is None:
                    try:
                        cert = x509.load_pem_x509_certificate(data)
                    except ValueError:
                        cert = None
        except (ValueError, TypeError) as exc:
            # cryptography says "Invalid password or PKCS12 data" and the like; never echo the secret
            raise SigningError(f"cannot open key file {path}: {exc}") from None
        if cert_file is not None:
            try:
                cert = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
            except (OSError, ValueError) as exc:
                raise SigningError(f"cannot read certificate {cert_file}: {exc}") from None
        if cert is None:
            raise SigningError(f"{path} holds no certificate; give one with --cert")
        if not isinstance(key, rsa.RSAPrivateKey):
            raise SigningError(f"{path}: only RSA keys are supported in key files for {algorithm.short}")
        if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
            raise SigningError(f"{path}: the certificate does not belong to this key")
        if algorithm is Algorithm.SM2_SM3:
            raise SigningError("an RSA key cannot make sm2-sm3 signatures")
        self._key = key
        self._cert = cert
        self._algorithm = algorithm
        self._hash = hashes.SHA1() if algorithm is Algorithm.RSA_SHA1 else hashes.SHA256()  # noqa: S303

    @property
    def algorithm(self) -> Algorithm:
        return self._algorithm

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data, padding.PKCS1v15(), self._hash)
