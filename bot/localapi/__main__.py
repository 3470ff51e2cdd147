"""Run the local Bot API as its own process: python -m bot.localapi [--port N] [--rate R] [--enforce]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.localapi.server import Limits, LocalBotAPI


async def _serve(args: argparse.Namespace) -> None:
    api = LocalBotAPI(
        token=args.token,
        limits=Limits(
            enforce=args.enforce, rate=args.rate, chat_rate=args.chat_rate, chat_burst=args.chat_burst
        ),
    )
    url = await api.start(args.host, args.port)
    print(url, flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await api.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.localapi")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:LOCAL-LOAXA")
    parser.add_argument("--enforce", action="store_true", help="enforce flood limits (429 + retry_after)")
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--chat-rate", type=float, default=1.0)
    parser.add_argument("--chat-burst", type=int, default=3)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
