"""A SoftHSM2 token in a folder of our own: RSA-2048 keys generated inside the token, their
certificates issued by a test CA and stored beside them. Used by the tests and the benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TOKEN = "cebdesk-test"
PIN = "123456"
SO_PIN = "12345678"


def softhsm_module() -> str | None:
    if shutil.which("softhsm2-util") is None:
        return None
    from cebdesk.signing.pkcs11 import find_modules

    modules = [m for m in find_modules() if "softhsm" in m]
    return modules[0] if modules else None


def make_token(folder: Path, ca_key, ca, labels=("signkey", "otherkey")) -> dict:
    """Initialise a token in ``folder`` and point SoftHSM at it (SOFTHSM2_CONF)."""
    module = softhsm_module()
    if module is None:
        raise RuntimeError("softhsm2 is not installed")
    (folder / "tokens").mkdir(parents=True, exist_ok=True)
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
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.rsa import encode_rsa_public_key

    from tests.certs import issue

    lib = pkcs11.lib(module)
    lib.reinitialize()  # the module may have been loaded before with another token folder
    token = lib.get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        for n, label in enumerate(labels, start=1):
            key_id = bytes([n])
            public, _private = session.generate_keypair(KeyType.RSA, 2048, id=key_id, label=label, store=True)
            spki = serialization.load_der_public_key(encode_rsa_public_key(public))
            cert = issue(
                ca_key, ca, spki, serial=0x3000000000CDE6F + n, cn=f"SoftHSM 操作员 {label} TEST", days=200
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
    return {"module": module, "token": TOKEN, "pin": PIN, "conf": conf}
