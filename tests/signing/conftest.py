"""A SoftHSM2 token made by the test suite: RSA-2048 key generated in the token, its
certificate issued by the suite's test CA and stored beside it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

TOKEN = "cebdesk-test"
PIN = "123456"
SO_PIN = "12345678"


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory, test_keys):
    if shutil.which("softhsm2-util") is None:
        pytest.skip("softhsm2 not installed (make test installs it as root: apt-get install softhsm2)")
    from cebdesk.signing.pkcs11 import find_modules

    modules = [m for m in find_modules() if "softhsm" in m]
    if not modules:
        pytest.skip("libsofthsm2.so not found")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
        "slots.removable = false\nslots.mechanisms = ALL\nlibrary.reset_on_fork = false\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read when the module initializes
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--so-pin", SO_PIN, "--pin", PIN],
        check=True,
        capture_output=True,
    )

    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.rsa import encode_rsa_public_key

    from tests.certs import issue

    lib = pkcs11.lib(modules[0])
    lib.reinitialize()  # another test may have loaded the module with another token folder
    token = lib.get_token(token_label=TOKEN)
    ca_key = serialization.load_pem_private_key(test_keys["ca_key"].read_bytes(), None)
    ca = x509.load_pem_x509_certificate(test_keys["ca"].read_bytes())
    with token.open(rw=True, user_pin=PIN) as session:
        for key_id, label in ((b"\x01", "signkey"), (b"\x02", "otherkey")):
            public, _private = session.generate_keypair(KeyType.RSA, 2048, id=key_id, label=label, store=True)
            spki = serialization.load_der_public_key(encode_rsa_public_key(public))
            cert = issue(
                ca_key,
                ca,
                spki,
                serial=0x3000000000CDE6F + key_id[0],
                cn=f"SoftHSM 操作员 {label} TEST",
                days=200,
            )
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.ID: key_id,
                    Attribute.LABEL: label,
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                }
            )
    return {"module": modules[0], "token": TOKEN, "pin": PIN, "conf": conf}
