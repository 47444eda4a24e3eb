"""From the user's signer options to one open signer (key file, PKCS#11 token or E-Port card)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .base import Algorithm, PinProvider, Signer, SigningError


@dataclass
class SignerOptions:
    key_file: Path | None = None
    cert: Path | None = None
    pkcs11_module: str | None = None
    token_label: str | None = None
    key_label: str | None = None
    key_id: str | None = None
    sm2_mechanism: int | None = None
    eport_control: str | None = None
    eport_rate: float = 250.0
    algorithm: str | None = None  # None: what the certificate's key signs with
    #: use a PKCS#11 PIN's last try (``--final-pin-try``, the window's confirmation); for one
    #: run only: never read from or written to the profile
    final_pin_try: bool = False

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> SignerOptions:
        """From a profile's [signer] table."""

        def path(name: str) -> Path | None:
            return Path(values[name]) if values.get(name) else None

        mechanism = values.get("sm2_mechanism")
        return cls(
            key_file=path("key_file"),
            cert=path("cert"),
            pkcs11_module=values.get("pkcs11_module") or None,
            token_label=values.get("token_label") or None,
            key_label=values.get("key_label") or None,
            key_id=values.get("key_id") or None,
            sm2_mechanism=int(mechanism, 0) if mechanism else None,
            eport_control=values.get("eport_control") or None,
        )

    @property
    def wanted(self) -> bool:
        return bool(self.key_file or self.token_label or self.pkcs11_module or self.eport_control)


def _key_file_needs_password(path: Path) -> bool:
    if path.suffix.lower() in (".p12", ".pfx"):
        return True
    try:
        return b"ENCRYPTED" in path.read_bytes()[:4096]
    except OSError:
        return False  # reported when the file is opened


def pin_needed(options: SignerOptions) -> str | None:
    """What a PIN or password will be asked for (None: nothing will be asked)."""
    if options.key_file:
        return str(options.key_file) if _key_file_needs_password(options.key_file) else None
    if options.eport_control:
        return "E-Port card (中国电子口岸卡)"
    if options.token_label:
        return options.token_label
    return None


class KeyDescription(NamedTuple):
    certificate: str  # subject · serial · expiry, or ""
    warnings: list[str]
    final_try: bool = False  # one PIN try left: to be confirmed before a PIN is taken


def describe_key(options: SignerOptions) -> KeyDescription:
    """What the PIN dialog can show before the login: the certificate (subject, serial, expiry),
    warnings (few tries left, certificate expiring) and whether this is the PIN's final try.
    Raises PinError for a locked token."""
    from cryptography import x509

    from .base import check_certificate, key_name

    if options.token_label:
        from .pkcs11 import list_tokens, load_module, pin_state

        lib, _ = load_module(options.pkcs11_module)
        warnings = []
        final_try = False
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if token.label == options.token_label:
                state = pin_state(token)
                warnings += state.warnings
                final_try = final_try or state.final_try
        _, tokens = list_tokens(options.pkcs11_module)
        certs = [c for t in tokens if t.label == options.token_label for c in t.certificates]
        if options.key_label:
            certs = [c for c in certs if c.label == options.key_label] or certs
        if certs:
            c = certs[0]
            return KeyDescription(f"{c.subject} · {c.serial} · {c.not_after:%Y-%m-%d}", warnings, final_try)
        return KeyDescription("", warnings, final_try)
    if options.key_file and options.cert:
        try:
            cert = x509.load_pem_x509_certificate(Path(options.cert).read_bytes())
        except (OSError, ValueError):
            return KeyDescription("", [])
        try:
            warnings = check_certificate(cert)
        except SigningError as exc:
            warnings = [str(exc)]
        return KeyDescription(
            f"{cert.subject.rfc4514_string()} · {key_name(cert)} · {cert.not_valid_after_utc:%Y-%m-%d}",
            warnings,
        )
    return KeyDescription("", [])


def open_signer(
    options: SignerOptions, pin: PinProvider, *, warn: Callable[[str], None] | None = None
) -> Signer | None:
    """The signer the options name (None when they name none). The PIN is asked for at most
    once; ``warn`` hears about few PIN tries left before it is asked (PKCS#11)."""
    if not options.wanted:
        if options.cert is not None:
            raise SigningError("--cert goes with --key-file")
        return None
    chosen = [
        bool(options.key_file),
        bool(options.token_label or options.pkcs11_module),
        bool(options.eport_control),
    ]
    if sum(chosen) > 1:
        raise SigningError("choose one signer: --key-file, --token-label (PKCS#11) or --eport-control")
    algorithm = Algorithm.from_short(options.algorithm) if options.algorithm else None
    if options.key_file:
        from .keyfile import KeyFileSigner

        password = pin(str(options.key_file)) if _key_file_needs_password(options.key_file) else None
        return KeyFileSigner(options.key_file, password=password, cert_file=options.cert, algorithm=algorithm)
    if options.eport_control:
        from .eport import EPortSigner

        return EPortSigner(options.eport_control, pin, rate_per_minute=options.eport_rate)
    if not options.token_label:
        raise SigningError("--pkcs11-module needs --token-label (see cebdesk tokens)")
    from .pkcs11 import Pkcs11Signer

    return Pkcs11Signer(
        options.token_label,
        pin,
        module=options.pkcs11_module,
        key_label=options.key_label,
        key_id=options.key_id,
        algorithm=algorithm,
        sm2_mechanism=options.sm2_mechanism,
        final_try=options.final_pin_try,
        warn=warn,
    )
