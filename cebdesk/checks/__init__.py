"""Checks: pure functions from records to findings."""

from .document import (
    check_document,
    check_documents,
    check_envelope,
    xsd_accepts_document,
    xsd_accepts_envelope,
)
from .fields import check_field

__all__ = [
    "check_document",
    "check_documents",
    "check_envelope",
    "check_field",
    "xsd_accepts_document",
    "xsd_accepts_envelope",
]
