"""Parsing Vietnamese official documents (công văn) into `Directive` objects. Pure: no I/O but reading the file."""

from __future__ import annotations

from pathlib import Path

from bot.directives.model import Directive, TopicItem
from bot.directives.parser import ParseError, parse_text
from bot.directives.reader import (
    IMAGE_SUFFIXES,
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    DocumentError,
    ReadResult,
    read_bytes,
    read_bytes_ex,
    read_document,
    read_document_ex,
)

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Directive",
    "DocumentError",
    "ParseError",
    "ReadResult",
    "TopicItem",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "read_bytes",
    "read_bytes_ex",
    "read_document",
    "read_document_ex",
]


def parse_file(path: str | Path) -> Directive:
    """Read and parse a document file. Raises DocumentError or ParseError (both ValueError)."""
    return parse_text(read_document(path))


def parse_bytes(data: bytes, name: str) -> Directive:
    """Parse an uploaded document given as bytes with its file name."""
    return parse_text(read_bytes(data, name))
