"""What Telegram enforces on outgoing messages: HTML that parses, 4096 characters, 64-byte buttons."""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["MAX_CALLBACK_BYTES", "MAX_CAPTION", "MAX_TEXT", "ApiError", "check_markup", "parse_html_length"]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_BYTES = 64

_ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
    "blockquote", "tg-emoji",
}  # fmt: skip
_TOKEN = re.compile(r"<(/?)([^\s>/]*)([^>]*)>|&([^;\s&<>]{1,10});|<|&")


class ApiError(Exception):
    """An error the Bot API answers with: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html_length(text: str) -> int:
    """Length (UTF-16 units) of the visible text of an HTML message, or ApiError if it does not parse."""
    visible: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        visible.append(text[pos : m.start()])
        pos = m.end()
        offset = len(text[: m.start()].encode("utf-8"))
        token = m.group(0)
        if token == "<":
            raise ApiError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset {offset}'
            )
        if token == "&":
            visible.append("&")
            continue
        if m.group(4) is not None:
            entity = m.group(4)
            if entity.startswith("#"):
                try:
                    visible.append(
                        chr(int(entity[2:], 16) if entity[1:2].lower() == "x" else int(entity[1:]))
                    )
                except (ValueError, OverflowError) as exc:
                    raise ApiError(
                        400,
                        f"Bad Request: can't parse entities: Can't parse HTML entity at byte offset {offset}",
                    ) from exc
            elif entity in ("lt", "gt", "amp", "quot"):
                visible.append(html.unescape(f"&{entity};"))
            else:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unsupported HTML entity "&{entity};" at byte offset {offset}',
                )
            continue
        closing, name = m.group(1), m.group(2).lower()
        if name not in _ALLOWED_TAGS:
            kind = "end" if closing else "start"
            raise ApiError(
                400,
                f'Bad Request: can\'t parse entities: Unsupported {kind} tag "{name}" at byte offset {offset}',
            )
        if closing:
            if not stack or stack[-1] != name:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unmatched end tag at byte offset {offset}, expected "</{stack[-1] if stack else ""}>", found "</{name}>"',
                )
            stack.pop()
        else:
            if name == "a" and "href=" not in m.group(3):
                raise ApiError(
                    400,
                    f"Bad Request: can't parse entities: Can't find href in a tag at byte offset {offset}",
                )
            stack.append(name)
    if stack:
        raise ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\"",
        )
    visible.append(text[pos:])
    return _utf16_len("".join(visible))


def check_text(
    text: str | None, parse_mode: str | None, *, limit: int = MAX_TEXT, caption: bool = False
) -> None:
    if text is None or text == "":
        if caption:
            return
        raise ApiError(400, "Bad Request: message text is empty")
    length = parse_html_length(text) if (parse_mode or "").upper() == "HTML" else _utf16_len(text)
    if length > limit:
        raise ApiError(
            400, "Bad Request: message caption is too long" if caption else "Bad Request: message is too long"
        )
    if length == 0 and not caption:
        raise ApiError(400, "Bad Request: message text is empty")


def check_markup(raw: str | dict[str, Any] | None) -> dict[str, Any] | None:
    """Validate reply_markup (a JSON string from aiogram's form data): callback_data 1–64 bytes."""
    if raw is None or raw == "":
        return None
    markup = json.loads(raw) if isinstance(raw, str) else raw
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


__all__ += ["check_text"]
