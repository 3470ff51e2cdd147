"""What handlers and services need from the delivery worker: to be woken when they queue rows."""

from __future__ import annotations

from typing import Protocol

__all__ = ["NoWorker", "Waker"]


class Waker(Protocol):
    def wake(self) -> None:
        """Rows were just queued in this process: look now instead of at the next poll."""


class NoWorker:
    """When this process sends nothing itself (another process is the delivery leader)."""

    def wake(self) -> None:
        return None
