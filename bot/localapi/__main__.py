"""Run the local Bot API as its own process:
python -m bot.localapi [--port N] [--rate R] [--enforce] [--latency S] [--jitter S] [--error-rate P]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.localapi.faults import Limits, Network
from bot.localapi.server import LocalBotAPI


async def _serve(args: argparse.Namespace) -> None:
    api = LocalBotAPI(
        token=args.token,
        limits=Limits(
            enforce=args.enforce, rate=args.rate, chat_rate=args.chat_rate, chat_burst=args.chat_burst
        ),
        network=Network(latency=args.latency, jitter=args.jitter, error_rate=args.error_rate),
        timeout_delay=args.timeout_delay,
    )
    url = await api.start(args.host, args.port)
    print(url, flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await api.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.localapi", description="Máy chủ Bot API cục bộ")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe")
    parser.add_argument("--port", type=int, default=8081, help="cổng lắng nghe")
    parser.add_argument("--token", default="123456:LOCAL-LOAXA", help="token bot được chấp nhận")
    parser.add_argument("--enforce", action="store_true", help="áp giới hạn tốc độ như Telegram (429)")
    parser.add_argument("--rate", type=float, default=30.0, help="số tin/giây toàn bot khi --enforce")
    parser.add_argument("--chat-rate", type=float, default=1.0, help="số tin/giây tới một chat")
    parser.add_argument("--chat-burst", type=int, default=3, help="số tin liền nhau cho phép tới một chat")
    parser.add_argument("--latency", type=float, default=0.0, help="thời gian khứ hồi mỗi lệnh (giây)")
    parser.add_argument("--jitter", type=float, default=0.0, help="độ dao động của thời gian khứ hồi (giây)")
    parser.add_argument("--error-rate", type=float, default=0.0, help="tỉ lệ lệnh gửi tin trả lỗi 502")
    parser.add_argument("--timeout-delay", type=float, default=30.0, help="số giây treo khi giả lập timeout")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
