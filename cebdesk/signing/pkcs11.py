"""USB keys and HSMs through PKCS#11 (python-pkcs11).

One login serves a whole batch, to the one token named. The PIN is asked for once through a
callback, used for the login and dropped; a refused PIN is reported and never tried again (USB
keys lock after a few wrong tries). Before the PIN is asked the token's flags are read: a locked
PIN is refused with what to do; on a final try nothing is asked unless the caller was told to
use it (``--final-pin-try``, the window's confirmation); a low count or a final try is warned
about through ``warn`` before the PIN is asked, never after the login.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pkcs11
from cryptography import x509
from pkcs11 import Attribute, Mechanism, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11

from . import sm2
from .base import (
    Algorithm,
    CertificateError,
    PinError,
    PinProvider,
    SigningError,
    TokenGone,
    certificate_algorithm,
    check_certificate,
    key_name,
)
import contextlib

#: Where PKCS#11 modules are usually installed: SoftHSM, OpenSC, and the libraries of USB keys
#: sold for China E-Port and other Chinese CA certificates (names as their vendors ship them).
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/lib/libgm3000*.so*",  # Longmai mToken GM3000
    "/opt/*/lib/libgm3000*.so*",
    "/usr/lib/libes_3000gm*.so*",  # Feitian ePass3000GM
    "/usr/lib/libshuttle_p11v220*.so*",  # Feitian
    "/usr/lib/libcastle*.so*",  # Feitian ePass2003
    "/usr/lib/libhtpkcs11*.so*",  # Haitai
    "/usr/lib/libwdpkcs*.so*",  # Watchdata
    "/usr/lib/libWDPKCS*.so*",
    "/opt/*/lib*/libskf*.so*",
)

_GONE = (p11.TokenNotPresent, p11.DeviceRemoved, p11.SessionHandleInvalid, p11.SessionClosed, p11.DeviceError)


def find_modules() -> list[str]:
    """PKCS#11 modules present on this machine, most common first."""
    found: list[str] = []
    for pattern in MODULE_CANDIDATES:
        for path in sorted(glob.glob(pattern)):
            real = os.path.realpath(path)
            if os.path.isfile(real) and real not in (os.path.realpath(p) for p in found):
                found.append(path)
    return found


def load_module(module: str | None):
    paths = [module] if module else find_modules()
    if not paths:
        raise SigningError("no PKCS#11 module found; give its path with --pkcs11-module")
    errors = []
    for path in paths:
        try:
            return pkcs11.lib(path), path
        except (OSError, RuntimeError, p11.PKCS11Error) as exc:
            errors.append(f"{path}: {exc}")
    raise SigningError("cannot load the PKCS#11 module: " + "; ".join(errors))


def _flags(token) -> TokenFlag:
    return TokenFlag(int(token.flags))


class FinalTryRefused(PinError):
    """One PIN try is left and the caller was not told to use it: nothing was asked or tried."""


@dataclass
class PinState:
    warnings: list[str]
    final_try: bool


def pin_state(token) -> PinState:
    """What the token's flags say before a login. Raises PinError for a locked PIN."""
    flags = _flags(token)
    label = token.label
    if flags & TokenFlag.USER_PIN_LOCKED:
        raise PinError(
            f"the PIN of {label} is locked after too many wrong tries. It cannot be used until it is "
            "unlocked with the SO PIN or by the certificate issuer (数据分中心/制卡中心); cebdesk will not try it"
        )
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return PinState(
            [f"{label}: ONE try left: a wrong PIN now locks the key (最后一次机会，输错将锁死)"], True
        )
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return PinState(
            [f"{label}: a wrong PIN was entered before; few tries are left (口令剩余次数不多)"], False
        )
    return PinState([], False)


def pin_warnings(token) -> list[str]:
    """Refuse a locked PIN; warn when few tries are left."""
    return pin_state(token).warnings


def before_login(token, *, final_try: bool = False, warn: Callable[[str], None] | None = None) -> list[str]:
    """Read the flags before the PIN is asked: a locked PIN is refused, a final try refused
    unless ``final_try``; each warning goes to ``warn`` now. Returns the warnings nobody was
    told yet (all of them when there is no ``warn``)."""
    state = pin_state(token)
    if state.final_try and not final_try:
        raise FinalTryRefused(
            f"{state.warnings[0]}. cebdesk did not ask for the PIN and tried nothing. Make sure of the "
            "PIN, then run again with --final-pin-try (in the window: confirm in the PIN dialog) "
            "(确认口令无误后加 --final-pin-try 再运行)"
        )
    if warn is None:
        return list(state.warnings)
    for text in state.warnings:
        warn(text)
    return []


def _login(token, pin_provider: PinProvider):
    """One login with the PIN asked for once; a refused PIN is explained, never retried."""
    label = token.label
    pin = pin_provider(label)
    try:
        return token.open(user_pin=pin)
    except p11.PinIncorrect:
        raise PinError(
            f"wrong PIN for {label}; cebdesk does not try again (the key locks after a few wrong tries)"
        ) from None
    except p11.PinLocked:
        raise PinError(
            f"the PIN of {label} is locked; it must be unlocked by the SO or the certificate issuer"
        ) from None
    except (p11.PinInvalid, p11.PinLenRange):
        raise PinError(f"the PIN for {label} has characters or a length the token does not accept") from None
    except _GONE:
        raise TokenGone(f"token {label} is not present") from None
    finally:
        del pin


@dataclass
class CertificateInfo:
    label: str
    id: str
    subject: str
    serial: str
    not_before: dt.datetime | None
    not_after: dt.datetime | None
    algorithm: str


@dataclass
class TokenInfo:
    slot: int
    label: str
    manufacturer: str
    model: str
    serial: str
    flags: list[str]
    certificates: list[CertificateInfo] = field(default_factory=list)
    private_keys: list[tuple[str, str]] = field(default_factory=list)  # (label, id) after login


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def _certificate_infos(session) -> list[CertificateInfo]:
    infos = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(obj[Attribute.VALUE])
        except ValueError:
            continue
        infos.append(
            CertificateInfo(
                label=_text(obj[Attribute.LABEL]),
                id=bytes(obj[Attribute.ID]).hex(),
                subject=cert.subject.rfc4514_string(),
                serial=key_name(cert),
                not_before=cert.not_valid_before_utc,
                not_after=cert.not_valid_after_utc,
                algorithm=certificate_algorithm(cert).short,
            )
        )
    return infos


def _login_target(present: list, token_label: str | None) -> int:
    """Which of the tokens present a login goes to (its index): the one labelled
    ``token_label``, or the only initialized one. Never a guess: a PIN given to the wrong key
    uses up one of its tries."""
    usable = [n for n, (_, token) in enumerate(present) if TokenFlag.TOKEN_INITIALIZED in _flags(token)]
    labels = ", ".join(present[n][1].label for n in usable) or "none"
    if token_label is not None:
        named = [n for n in usable if present[n][1].label == token_label]
        if not named:
            raise SigningError(
                f"no token labelled {token_label!r} (tokens present: {labels}); nothing was logged in to"
            )
        if len(named) > 1:
            raise SigningError(f"several tokens are labelled {token_label!r}; remove the others")
        return named[0]
    if not usable:
        raise SigningError("no initialized token to log in to")
    if len(usable) > 1:
        raise SigningError(
            f"several tokens are present ({labels}): name the one to log in to with --token-label; "
            "cebdesk logs in only to the token named (a PIN given to another key uses up one of its tries)"
        )
    return usable[0]


def list_tokens(
    module: str | None = None,
    pin_provider: PinProvider | None = None,
    *,
    token_label: str | None = None,
    final_try: bool = False,
    warn: Callable[[str], None] | None = None,
) -> tuple[str, list[TokenInfo]]:
    """Slots, tokens and their certificates (public objects). With a ``pin_provider``, one
    login to one token (``token_label``, or the only one present) lists its private keys too;
    the others are never logged in to. ``final_try`` and ``warn`` as for :func:`before_login`."""
    lib, path = load_module(module)
    present = [(slot, slot.get_token()) for slot in lib.get_slots(token_present=True)]
    target = _login_target(present, token_label) if pin_provider is not None else None
    if target is not None:
        before_login(present[target][1], final_try=final_try, warn=warn)  # refused before anything is read
    tokens = []
    for n, (slot, token) in enumerate(present):
        flags = [f.name for f in TokenFlag if f.value and f in _flags(token)]
        info = TokenInfo(
            slot.slot_id,
            token.label,
            _text(token.manufacturer_id),
            _text(token.model),
            _text(token.serial),
            flags,
        )
        if TokenFlag.TOKEN_INITIALIZED not in _flags(token):
            tokens.append(info)
            continue
        with token.open() as session:
            info.certificates = _certificate_infos(session)
        if n == target:
            with _login(token, pin_provider) as session:
                for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
                    info.private_keys.append((_text(key[Attribute.LABEL]), bytes(key[Attribute.ID]).hex()))
        tokens.append(info)
    return path, tokens


class Pkcs11Signer:
    """A private key on a PKCS#11 token, logged in once for the batch."""

    def __init__(
        self,
        token_label: str,
        pin_provider: PinProvider,
        *,
        module: str | None = None,
        key_label: str | None = None,
        key_id: str | None = None,
        algorithm: Algorithm | None = None,
        sm2_mechanism: int | None = None,
        now: dt.datetime | None = None,
        lib=None,
        final_try: bool = False,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        """``final_try``: the user said to use a PIN's last try (else it is refused before the
        PIN is asked); ``warn``: told about few tries left before the PIN is asked (without it,
        such warnings are in ``warnings`` with the certificate's)."""
        if lib is None:
            lib, module = load_module(module)
        self.module = module
        try:
            token = lib.get_token(token_label=token_label)
        except p11.NoSuchToken:
            labels = ", ".join(s.get_token().label for s in lib.get_slots(token_present=True)) or "none"
            raise SigningError(
                f"no token labelled {token_label!r} (tokens present: {labels}); see cebdesk tokens"
            ) from None
        except p11.MultipleTokensReturned:
            raise SigningError(f"several tokens are labelled {token_label!r}; remove the others") from None
        self.warnings = before_login(token, final_try=final_try, warn=warn)
        session = _login(token, pin_provider)
        self._session = session
        try:
            self._key, cert = self._find_key(session, key_label, key_id)
        except BaseException:
            session.close()
            raise
        self._cert = cert
        self._algorithm = algorithm or certificate_algorithm(cert)
        if self._algorithm.is_sm2 != certificate_algorithm(cert).is_sm2:
            session.close()
            raise SigningError(f"the key's certificate does not fit {self._algorithm.short}")
        if self._algorithm.is_sm2:
            if sm2_mechanism is None:
                session.close()
                raise SigningError(
                    "this is an SM2 key: give the token's SM2-with-SM3 mechanism with --sm2-mechanism 0x… "
                    "(vendor tokens use vendor-defined numbers; see the token's documentation)"
                )
            self._mechanism: int = sm2_mechanism
        elif self._algorithm is Algorithm.RSA_SHA256:
            self._mechanism = Mechanism.SHA256_RSA_PKCS
        else:
            self._mechanism = Mechanism.SHA1_RSA_PKCS
        try:
            self.warnings += check_certificate(cert, now)
        except CertificateError:
            session.close()
            raise
        self.token_label = token_label

    @staticmethod
    def _find_key(session, key_label: str | None, key_id: str | None):
        template: dict = {Attribute.CLASS: ObjectClass.PRIVATE_KEY}
        if key_label:
            template[Attribute.LABEL] = key_label
        if key_id:
            template[Attribute.ID] = bytes.fromhex(key_id)
        keys = list(session.get_objects(template))  # read to the end: no search left open
        if not keys:
            raise SigningError("no matching private key on the token; see cebdesk tokens --login")
        if len(keys) > 1:
            raise SigningError("several private keys on the token: choose one with --key-label or --key-id")
        key = keys[0]
        certs = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: key.id}))
        if not certs and key.label:
            certs = list(
                session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: key.label})
            )
        if not certs:
            raise SigningError(f"the token has no certificate for key {key.label or key.id.hex()}")
        return key, x509.load_der_x509_certificate(certs[0][Attribute.VALUE])

    @property
    def algorithm(self) -> Algorithm:
        return self._algorithm

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    def sign(self, data: bytes) -> bytes:
        try:
            value = self._key.sign(data, mechanism=self._mechanism)
        except _GONE:
            raise TokenGone(f"token {self.token_label} was removed or stopped answering") from None
        except p11.PKCS11Error as exc:
            raise SigningError(f"token {self.token_label} could not sign: {type(exc).__name__}") from None
        return sm2.der_to_raw(bytes(value)) if self._algorithm.is_sm2 else bytes(value)

    def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(p11.PKCS11Error):
                session.close()
