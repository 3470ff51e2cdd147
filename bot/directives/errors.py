"""The error every document reader raises for a file it cannot read."""

from __future__ import annotations

__all__ = ["DocumentError"]


class DocumentError(ValueError):
    """A document that cannot be read; the message is Vietnamese and safe to show a user."""
