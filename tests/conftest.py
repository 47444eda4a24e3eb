from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

# Qt aborts the whole process when it has no display and no platform; tests run offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user's own profile, data and window settings are never read or written by the tests.
_HOME = tempfile.mkdtemp(prefix="cebdesk-tests-home-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")

ROOT = Path(__file__).resolve().parents[1]
ANCHORS = Path(os.environ.get("CEBDESK_ANCHORS", ROOT.parent / "shared" / "anchors"))
IMPORT_XSD = ANCHORS / "ceb-xsd" / "202205" / "海关跨境进口业务节点报文定义202205.xsd"
EXPORT_XSD = ANCHORS / "ceb-xsd" / "202205" / "海关跨境出口业务节点报文定义202205.xsd"
EXPORT_XSD_2018 = ANCHORS / "ceb-xsd" / "2018-113" / "出口业务节点报文.xsd"


@pytest.fixture(scope="session")
def anchors() -> Path:
    if not IMPORT_XSD.is_file():
        pytest.skip(
            f"official XSDs and samples not found at {ANCHORS} (../shared/anchors); conformance not judged"
        )
    return ANCHORS


@pytest.fixture(scope="session")
def import_schema(anchors):
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(IMPORT_XSD)))


@pytest.fixture(scope="session")
def export_schema(anchors):
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(EXPORT_XSD)))


@pytest.fixture(scope="session")
def schema_for(import_schema, export_schema):
    """The official 202205 schema for a message type, document type or family ("import"/"export")."""

    def pick(what):
        family = what if isinstance(what, str) else getattr(what, "family", None) or what.message.family
        return export_schema if family == "export" else import_schema

    return pick


@pytest.fixture(scope="session")
def test_keys(tmp_path_factory):
    """A throw-away CA, an operator certificate signed by it, and the key as .p12 and PEM."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    from tests.certs import issue, make_ca

    d = tmp_path_factory.mktemp("keys")
    ca_key, ca = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # serial 0x1691F7F has an odd number of hex digits: KeyName must be zero-padded
    cert = issue(ca_key, ca, key.public_key(), serial=0x1691F7F, cn="测试报关员 TEST")
    pem = serialization.Encoding.PEM
    (d / "ca.pem").write_bytes(ca.public_bytes(pem))
    (d / "ca-key.pem").write_bytes(
        ca_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (d / "cert.pem").write_bytes(cert.public_bytes(pem))
    (d / "key.pem").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    password = "test-pass-1234"
    (d / "op.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"op", key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    return {
        "dir": d,
        "p12": d / "op.p12",
        "password": password,
        "pem": d / "key.pem",
        "cert": d / "cert.pem",
        "ca": d / "ca.pem",
        "ca_key": d / "ca-key.pem",
    }


@pytest.fixture(scope="session")
def signer(test_keys):
    from cebdesk.signing.keyfile import KeyFileSigner

    return KeyFileSigner(test_keys["p12"], password=test_keys["password"])


@pytest.fixture
def profile_file(tmp_path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(
        '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def profile(profile_file):
    from cebdesk.settings import load_profile

    return load_profile(profile_file)


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory, test_keys):
    """A SoftHSM2 token made by the test suite (see tests/softhsm.py)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from tests.softhsm import make_token, softhsm_module

    if softhsm_module() is None:
        pytest.skip("softhsm2 not installed (make test installs it as root: apt-get install softhsm2)")
    ca_key = serialization.load_pem_private_key(test_keys["ca_key"].read_bytes(), None)
    ca = x509.load_pem_x509_certificate(test_keys["ca"].read_bytes())
    return make_token(tmp_path_factory.mktemp("softhsm"), ca_key, ca)


@pytest.fixture
def tiny_fs(tmp_path):
    """A 4 MiB file system of its own (tmpfs; needs root), to fill up or cross."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (not root?): {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL cluster made by the test suite (see tests/postgres.py), stopped
    at the end."""
    from tests.postgres import postgres_bin, start_cluster

    if postgres_bin() is None:
        pytest.skip("postgresql not installed (make test installs it as root: apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="psycopg not installed (make test installs it)")
    # not under pytest's own temporary folder: the server's user must be able to reach it
    folder = Path(tempfile.mkdtemp(prefix="cebdesk-pg-"))
    folder.chmod(0o711)
    cluster = start_cluster(folder / "cluster")
    yield cluster
    cluster.stop()
    if not os.environ.get("CEBDESK_KEEP_PG"):  # kept to read its server.log
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_target(request, tmp_path):
    """Where a test's journal is: a SQLite file, then a new database on the test cluster."""
    if request.param == "sqlite":
        return tmp_path / "journal.sqlite3"
    cluster = request.getfixturevalue("postgres")
    return cluster.new_database(f"journal_{next(_DATABASES)}")
