"""Keys and tokens: what PKCS#11 tokens, keys and certificates are present."""

from __future__ import annotations

import argparse
from typing import TextIO

from .common import EXIT_OK, emit_json, pin_provider, t, warner


def cmd_tokens(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    """Every token present; with --login, one login to the token named (or the only one)."""
    from ..signing.pkcs11 import list_tokens

    module, tokens = list_tokens(
        args.pkcs11_module,
        pin_provider(lang) if args.login else None,
        token_label=args.token_label,
        final_try=args.final_pin_try,
        warn=warner(lang),
    )
    if args.json:
        payload = {
            "module": module,
            "tokens": [
                {
                    "slot": t.slot,
                    "label": t.label,
                    "manufacturer": t.manufacturer,
                    "model": t.model,
                    "serial": t.serial,
                    "flags": t.flags,
                    "certificates": [
                        {
                            "label": c.label,
                            "id": c.id,
                            "subject": c.subject,
                            "serial": c.serial,
                            "not_before": c.not_before.isoformat() if c.not_before else None,
                            "not_after": c.not_after.isoformat() if c.not_after else None,
                            "algorithm": c.algorithm,
                        }
                        for c in t.certificates
                    ],
                    "private_keys": [{"label": label, "id": key_id} for label, key_id in t.private_keys],
                }
                for t in tokens
            ],
        }
        emit_json(payload, out)
        return EXIT_OK
    print(f"PKCS#11: {module}", file=out)
    for token in tokens:
        print(
            f"slot {token.slot}: {token.label} ({token.manufacturer} {token.model}, serial {token.serial}) [{', '.join(token.flags)}]",
            file=out,
        )
        for c in token.certificates:
            until = f"{c.not_after:%Y-%m-%d}" if c.not_after else "?"
            print(
                f"  cert  label={c.label} id={c.id} serial={c.serial} {c.algorithm} until {until}  {c.subject}",
                file=out,
            )
        for label, key_id in token.private_keys:
            print(f"  key   label={label} id={key_id}", file=out)
    if not tokens:
        print(t(lang, "no_tokens"), file=out)
    return EXIT_OK
