"""Import -> check -> build -> sign -> send, for the CLI and the GUI.

``files``: Excel/XML in, message files out (convert, validate, sign, verify).
``journaled``: the same flow through the journal, to the outbox or over HTTP, resumable.
"""

from .files import (
    ConvertOptions,
    ConvertReport,
    SignReport,
    ValidateResult,
    VerifyResult,
    WrittenMessage,
    convert,
    sign_files,
    validate,
    verify_files,
)

__all__ = [
    "ConvertOptions",
    "ConvertReport",
    "SignReport",
    "ValidateResult",
    "VerifyResult",
    "WrittenMessage",
    "convert",
    "sign_files",
    "validate",
    "verify_files",
]
