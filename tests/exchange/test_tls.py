"""HTTPS: the server's certificate is verified by default; an unverifiable one stops at once."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cebdesk.exchange.http import DeliveryError, HttpChannel
from cebdesk.exchange.simulator import Customs, serve_http
from tests.certs import make_ca, name


@pytest.fixture
def https(tmp_path):
    ca_key, ca = make_ca("cebdesk test TLS CA")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(99)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    (tmp_path / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    customs = Customs(tmp_path / "customs")
    server = serve_http(
        "127.0.0.1", 0, customs, tls=(str(tmp_path / "server.pem"), str(tmp_path / "server.key"))
    )
    yield server, tmp_path / "ca.pem", customs
    server.shutdown()
    customs.close()


def test_unverifiable_server_is_refused_without_retries(https):
    server, _, customs = https
    sleeps = []
    channel = HttpChannel(f"{server.url}/cebmsg", sleep=sleeps.append)
    with pytest.raises(DeliveryError, match="TLS certificate"):
        channel.deliver("m.xml", b"<x/>", "M1", "CEB311Message")
    assert sleeps == []
    assert customs.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 0


def test_trusted_ca_is_accepted(https):
    server, ca, customs = https
    channel = HttpChannel(f"{server.url}/cebmsg", verify=str(ca))
    channel.deliver("m.xml", b"<not a message", "M1", "CEB311Message")
    assert customs.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 1
