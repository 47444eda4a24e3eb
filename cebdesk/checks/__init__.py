"""Checks: pure functions from records to findings."""

from .document import check_document
from .fields import check_field

__all__ = ["check_document", "check_field"]
