"""The command line: `python -m bot …` (also installed as `loaxa`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot import commands
from bot.config import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loaxa", description="Loa Xã — công văn tuyên truyền tới loa xã")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi log chi tiết")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="đọc công văn (.txt/.docx/.pdf) và in cấu trúc")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("radio", help="viết bản tin đọc trên loa cho từng công văn")
    p.add_argument("files", nargs="+")
    p.add_argument("--unit", required=True, help="xã/phường đọc bản tin (không dấu cũng được)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--full", action="store_true", help="bản đầy đủ kể cả khi dài quá 5 phút")

    p = sub.add_parser("import", help="nhập công văn vào cơ sở dữ liệu")
    p.add_argument("files", nargs="+")
    p.add_argument("--publish", action="store_true", help="phát hành ngay tới các xã")
    p.add_argument("--to", nargs="+", default=["all"], metavar="UNIT", help="all hoặc tên/mã xã")

    p = sub.add_parser("db", help="cơ sở dữ liệu")
    p.add_argument("action", choices=["upgrade"])

    p = sub.add_parser("units", help="danh sách xã/phường trong phạm vi PROVINCE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", help="tìm công văn")
    p.add_argument("query", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=5)

    p = sub.add_parser("classify", help="phân loại ý định từng dòng đọc từ stdin (JSON lines)")

    p = sub.add_parser("run", help="chạy bot (long polling; webhook khi đặt WEBHOOK_URL)")

    p = sub.add_parser("chat", help="trò chuyện ngoại tuyến với bot (không cần token)")
    p.add_argument("--admin", action="store_true", help="trò chuyện với tư cách quản trị viên")

    p = sub.add_parser("invite", help="tạo mã mời đăng ký")
    p.add_argument("--unit", required=True, help="tên xã/phường (không dấu cũng được) hoặc all")
    p.add_argument("--role", choices=["officer", "admin"], default="officer")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", help="với --unit all: tệp .xlsx ghi mã mời của mọi xã")

    p = sub.add_parser("stats", help="thống kê báo cáo theo công văn")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="xuất báo cáo")
    p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    p.add_argument("-o", "--output", required=True)

    p = sub.add_parser("outbox", help="hàng đợi gửi tin: số liệu, gửi lại tin lỗi")
    p.add_argument("--retry-failed", action="store_true")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    for stream in (sys.stdout, sys.stdin):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if args.command == "parse":
        return commands.cmd_parse(args.files, args.json)
    if args.command == "classify":
        return commands.cmd_classify(sys.stdin, sys.stdout)
    settings = Settings()
    if args.command == "radio":
        return commands.cmd_radio(settings.province, args.files, args.unit, args.json, args.full)
    if args.command == "import":
        return asyncio.run(commands.cmd_import(settings, args.files, args.publish, args.to))
    if args.command == "db":
        return asyncio.run(commands.cmd_db_upgrade(settings))
    if args.command == "units":
        return asyncio.run(commands.cmd_units(settings, args.json))
    if args.command == "search":
        return asyncio.run(commands.cmd_search(settings, " ".join(args.query), args.json, args.limit))
    if args.command == "run":
        return asyncio.run(commands.cmd_run(settings))
    if args.command == "chat":
        return asyncio.run(commands.cmd_chat(settings, args.admin))
    if args.command == "invite":
        return asyncio.run(commands.cmd_invite(settings, args.unit, args.role, args.json, args.output))
    if args.command == "stats":
        return asyncio.run(commands.cmd_stats(settings, args.json))
    if args.command == "export":
        return asyncio.run(commands.cmd_export(settings, args.format, args.output))
    if args.command == "outbox":
        return asyncio.run(commands.cmd_outbox(settings, args.retry_failed, args.json))
    raise SystemExit(2)


if __name__ == "__main__":
    raise SystemExit(main())
