from __future__ import annotations

import pytest


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
