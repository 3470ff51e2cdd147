"""Reading and parsing documents off the event loop.

Parsing a 10 MB file or OCR-ing a scan takes seconds of CPU. In the bot it runs in a worker process
(spawned once, memory-capped), so everybody else's updates and the deliveries keep going; if the worker
dies (a document that exhausts its memory), the file gets a clear error and a fresh worker is started.
The CLI parses in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import resource
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.directives import Directive, DocumentError, ReadResult, parse_text, read_bytes_ex, read_document_ex

__all__ = ["DocumentParser", "Parsed", "parse_bytes_sync", "parse_path_sync"]

log = logging.getLogger(__name__)

WORKER_MEMORY = 1536 * 1024 * 1024  # address space of the parsing process: a bomb ends there, not in the bot


@dataclass(frozen=True, slots=True)
class Parsed:
    directive: Directive
    ocr: bool


def parse_bytes_sync(data: bytes, name: str) -> Parsed:
    read = read_bytes_ex(data, name)
    return Parsed(parse_text(read.text), read.ocr)


def read_bytes_sync(data: bytes, name: str) -> ReadResult:
    return read_bytes_ex(data, name)


def parse_path_sync(path: str) -> Parsed:
    read = read_document_ex(path)
    return Parsed(parse_text(read.text), read.ocr)


def _limit_memory() -> None:
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))


class DocumentParser:
    """Parses in a separate process (`processes=True`, the bot) or a thread (the CLI, tests)."""

    def __init__(self, *, processes: bool = True) -> None:
        self.processes = processes
        self._pool: Executor | None = None

    def _executor(self) -> Executor | None:
        if not self.processes:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_limit_memory
            )
        return self._pool

    async def parse_bytes(self, data: bytes, name: str) -> Parsed:
        """Read and parse an uploaded document; DocumentError/ParseError carry a Vietnamese message."""
        return await self._run(parse_bytes_sync, data, name)

    async def parse_path(self, path: str | Path) -> Parsed:
        return await self._run(parse_path_sync, str(path))

    async def read_bytes(self, data: bytes, name: str) -> ReadResult:
        """Only the text of a document (a written report), read off the event loop."""
        return await self._run(read_bytes_sync, data, name)

    async def _run(self, fn: Any, *args: object) -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor(), fn, *args)
        except (BrokenProcessPool, MemoryError) as exc:
            log.warning("document parser worker died (%s); starting a new one", type(exc).__name__)
            self.close()
            raise DocumentError("Tệp quá lớn hoặc quá phức tạp để đọc. Vui lòng gửi bản gọn hơn.") from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
