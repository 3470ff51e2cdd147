"""The push as it goes on the wire (`bot.delivery.methods`): one JSON body the Bot API reads back intact."""

from __future__ import annotations

import json

from bot.delivery.methods import push_message
from bot.delivery.sending import retry_delay


def test_a_push_is_one_json_body_with_its_keyboard_as_an_object() -> None:
    markup = '{"inline_keyboard":[[{"text":"✅ Đã thực hiện","callback_data":"r:7"}]]}'
    text = 'Xã <b>Thất Khê</b> "nhận"\n\u2028 lỗi \ud800'  # a lone surrogate must not break the encoding
    body = json.loads(push_message(42, text, markup).body())
    assert body == {
        "chat_id": 42,
        "text": text,
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "reply_markup": json.loads(markup),
    }
    assert "reply_markup" not in json.loads(push_message(42, "tin", None).body())


def test_retries_start_fast_and_back_off() -> None:
    first = [retry_delay(1) for _ in range(200)]
    assert min(first) >= 0.04 and max(first) <= 0.06
    assert 0.2 <= retry_delay(2) <= 0.3 and 1.0 <= retry_delay(3) <= 1.5
    assert retry_delay(20) <= 60 * 1.2
