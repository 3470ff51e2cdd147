"""The command line's arguments: `build_parser()` builds the argparse parser of `python -m bot` (help in
Vietnamese, with examples), and the types that read what the office types (roles, dates, counts).

Only the standard library and `bot.texts` are imported here (see `bot.__main__`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot import texts

__all__ = ["build_parser"]

# argparse's own words, in the office's language (argparse looks them up through gettext at run time)
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "%(prog)s: error: ": "%(prog)s: lỗi: ",
}


def _speak_vietnamese() -> None:
    def gettext(message: str) -> str:
        return _ARGPARSE_VI.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        if singular == "expected %s argument":
            return "cần %s giá trị"
        return singular if n == 1 else plural

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)


def _example(*lines: str) -> str:
    return "ví dụ:\n" + "\n".join(f"  {line}" for line in lines)


def _fold(value: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _role(value: str) -> str:
    folded = " ".join(_fold(value).replace("-", " ").replace("_", " ").split())
    if folded in {"officer", "can bo", "canbo"}:
        return "officer"
    if folded in {"admin", "quan tri", "quan tri vien", "quantri"}:
        return "admin"
    raise argparse.ArgumentTypeError(texts.CLI_BAD_ROLE.format(value=value))


def _day(value: str) -> date:
    """A day as the office types it: dd/mm/yyyy (also d/m/yyyy, with - or .), or ISO yyyy-mm-dd."""
    import re

    text = value.strip()
    try:
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        vn = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
        if vn:
            return date(int(vn[3]), int(vn[2]), int(vn[1]))
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(texts.CLI_BAD_DAY.format(value=value))


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(texts.CLI_BAD_LIMIT.format(value=value))
    return number


def build_parser() -> argparse.ArgumentParser:
    _speak_vietnamese()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="ghi nhật ký chi tiết và in đủ lỗi (traceback) khi có sự cố",
    )
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Loa Xã — đưa công văn tuyên truyền tới Đài truyền thanh xã và thu báo cáo thực hiện.",
        epilog=_example(
            "python -m bot chat                      # thử bot ngoại tuyến, không cần token",
            "python -m bot parse data/samples/*.txt",
            "python -m bot LỆNH -h                   # hướng dẫn của từng lệnh",
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="ghi nhật ký chi tiết và in đủ lỗi (traceback) khi có sự cố",
    )
    sub = parser.add_subparsers(dest="command", required=True, title="các lệnh", metavar="LỆNH")

    def command(name: str, help: str, example: str | Sequence[str], description: str | None = None) -> Any:
        lines = [example] if isinstance(example, str) else list(example)
        return sub.add_parser(
            name,
            help=help,
            description=description or help[:1].upper() + help[1:] + ".",
            epilog=_example(*lines),
            formatter_class=_Formatter,
            parents=[common],
        )

    p = command(
        "parse",
        "đọc công văn (.txt, .docx, .pdf, ảnh chụp) và in các trường tìm được",
        ["python -m bot parse data/samples/*.txt", "python -m bot parse cv-113.docx --json > cv-113.json"],
    )
    p.add_argument("files", nargs="+", metavar="TỆP", help="tệp công văn; có thể dùng mẫu như thu-muc/*.docx")
    p.add_argument(
        "--json", action="store_true", help="in JSON: mỗi tệp một đối tượng, ngày dạng ISO (YYYY-MM-DD)"
    )

    p = command(
        "radio",
        "viết bản tin đọc trên loa cho từng công văn",
        'python -m bot radio data/samples/003_f355f8ad106b5bf4.txt --unit "Thất Khê"',
    )
    p.add_argument("files", nargs="+", metavar="TỆP", help="tệp công văn (.txt, .docx, .pdf)")
    p.add_argument("--unit", required=True, metavar="TÊN", help="xã/phường đọc bản tin (không dấu cũng được)")
    p.add_argument("--json", action="store_true", help="in JSON: [{file, title, text, seconds}]")
    p.add_argument("--full", action="store_true", help="in bản đầy đủ kể cả khi đọc lâu hơn 5 phút")

    p = command(
        "import",
        "nhập công văn vào cơ sở dữ liệu (bỏ qua tệp đã nhập), có thể phát hành ngay",
        [
            "python -m bot import data/samples/*.txt",
            'python -m bot import --publish --to "Bình Gia" --to "Thất Khê" cv-113.docx',
            'python -m bot import cv-113.docx --publish --to "Bình Gia, Thất Khê"',
        ],
    )
    p.add_argument("files", nargs="*", metavar="TỆP", help="tệp công văn (.txt, .docx, .pdf)")
    p.add_argument(
        "--publish",
        action="store_true",
        help="phát hành ngay: giao cho các xã và xếp tin nhắn chờ gửi tới cán bộ (bot đang chạy sẽ gửi)",
    )
    p.add_argument(
        "--to",
        action="extend",
        nargs="+",
        metavar="XÃ",
        help="với --publish: all (mặc định, mọi xã/phường trong PROVINCE) hoặc tên/mã xã; lặp lại --to "
        "hoặc cách nhau bởi dấu phẩy; tên tệp đặt ngay sau vẫn được hiểu là tệp",
    )

    p = command("db", "cơ sở dữ liệu", "python -m bot db upgrade")
    p.add_argument(
        "action",
        choices=["upgrade"],
        metavar="upgrade",
        help="upgrade: tạo hoặc nâng cấp cấu trúc cơ sở dữ liệu và nạp danh sách xã/phường của PROVINCE",
    )

    p = command(
        "units",
        "danh sách xã/phường trong phạm vi PROVINCE (theo danh mục chính thức)",
        ["python -m bot units", "PROVINCE=all python -m bot units --json"],
    )
    p.add_argument("--json", action="store_true", help="in JSON: [{code, name, kind}]")

    p = command(
        "search",
        "tìm công văn theo từ khóa (không dấu, gõ sai vẫn tìm được)",
        ['python -m bot search "phong chay rung"', "python -m bot search đại hội --json --limit 3"],
    )
    p.add_argument("query", nargs="+", metavar="TỪ_KHÓA", help="từ khóa tìm kiếm")
    p.add_argument(
        "--json",
        action="store_true",
        help="in JSON: [{directive_id, number, subject, source, topic, score}], tốt nhất trước",
    )
    p.add_argument("--limit", type=_positive, default=5, metavar="N", help="số kết quả tối đa (mặc định 5)")

    command(
        "classify",
        "phân loại ý định từng dòng đọc từ đầu vào chuẩn, in mỗi dòng một JSON",
        "printf 'da thuc hien\\ntuan nay phat gi\\n' | python -m bot classify",
        description="Đọc từng dòng từ đầu vào chuẩn, in mỗi dòng một đối tượng JSON "
        '{"text", "intent", "score", "count", "confirm"}.',
    )

    command(
        "run",
        "chạy bot với Telegram (long polling; webhook khi đặt WEBHOOK_URL)",
        ["BOT_TOKEN=123456789:AAH… python -m bot run", "python -m bot -v run        # nhật ký chi tiết"],
        description="Chạy bot với Telegram: long polling, hoặc webhook khi đặt WEBHOOK_URL. Cấu hình đọc từ "
        "biến môi trường và tệp .env (xem .env.example). Trước khi chạy, bot kiểm tra BOT_TOKEN, cổng, "
        "cơ sở dữ liệu và máy chủ Bot API; lỗi nào cũng được báo bằng một dòng.",
    )

    p = command(
        "chat",
        "trò chuyện ngoại tuyến với bot trên máy này (không cần token, không cần mạng)",
        [
            "python -m bot chat",
            "python -m bot chat --admin",
            "printf 'tuần này phát gì\\nđã thực hiện\\n1\\n' | python -m bot chat",
            "python -m bot chat --reset                # bắt đầu lại với các công văn mẫu",
        ],
        description="Trò chuyện ngoại tuyến với bot thật, trên máy chủ Bot API cục bộ và cơ sở dữ liệu thử "
        "nghiệm riêng (CHAT_DATABASE_URL, mặc định data/chat.db) có sẵn các công văn mẫu. Tệp bot gửi "
        "được lưu trong data/chat-files/, nhật ký ghi vào data/chat.log.",
    )
    p.add_argument("--admin", action="store_true", help="trò chuyện với tư cách quản trị viên")
    p.add_argument(
        "--reset",
        action="store_true",
        help="xóa cơ sở dữ liệu thử nghiệm rồi bắt đầu lại với các công văn mẫu (hỏi lại trước khi xóa)",
    )

    p = command(
        "invite",
        "tạo mã mời đăng ký cho cán bộ hoặc quản trị viên",
        [
            'python -m bot invite --unit "Thất Khê"',
            "python -m bot invite --unit doan ket --role 'quản trị viên' --json",
            "python -m bot invite --unit all -o moi.xlsx",
        ],
    )
    p.add_argument(
        "--unit",
        required=True,
        nargs="+",
        metavar="TÊN",
        help="tên xã/phường (không dấu cũng được), hoặc all cho mọi xã/phường trong PROVINCE (cần -o)",
    )
    p.add_argument(
        "--role",
        type=_role,
        default="officer",
        metavar="VAI_TRÒ",
        help="officer hoặc “cán bộ” (mặc định); admin hoặc “quản trị viên”",
    )
    p.add_argument(
        "--json", action="store_true", help='in JSON: {"code", "link", "unit", "role", "expires_at"}'
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="TỆP.xlsx",
        help="với --unit all: bảng tính mã mời và mã QR của mọi xã/phường",
    )

    p = command(
        "stats",
        "thống kê báo cáo theo từng công văn đã phát hành",
        ["python -m bot stats", "python -m bot stats --json"],
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="in JSON: [{directive_id, number, subject, total, done, pending, report_due}]",
    )

    p = command(
        "export",
        "xuất báo cáo kết quả tuyên truyền (báo cáo lên cấp trên)",
        [
            "python -m bot export -o bao-cao.xlsx",
            "python -m bot export --from 01/10/2025 --to 31/10/2025 -o bao-cao-thang-10.xlsx",
            "python -m bot export --format docx --directive 113 -o bao-cao-kh113.docx",
            "python -m bot export --format csv -o chi-tiet.csv",
        ],
    )
    p.add_argument(
        "--format",
        choices=["xlsx", "csv", "docx"],
        default="xlsx",
        help="xlsx: sổ Excel, trang Tổng hợp và Chi tiết (mặc định); docx: báo cáo Word; "
        "csv: chi tiết từng xã × công văn",
    )
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp kết quả")
    p.add_argument(
        "--from",
        dest="start",
        type=_day,
        metavar="NGÀY",
        help="từ ngày (dd/mm/yyyy): công văn phát hành từ ngày này",
    )
    p.add_argument(
        "--to", dest="end", type=_day, metavar="NGÀY", help="đến ngày (dd/mm/yyyy), tính cả ngày này"
    )
    p.add_argument("--directive", metavar="SỐ", help="chỉ một công văn: số công văn (ví dụ 113) hoặc mã #")

    p = command(
        "outbox",
        "hàng đợi gửi tin: số tin chờ, đã gửi, lỗi; xếp lại tin lỗi",
        ["python -m bot outbox", "python -m bot outbox --retry-failed"],
    )
    p.add_argument("--retry-failed", action="store_true", help="xếp lại các tin gửi lỗi để bot gửi lại")
    p.add_argument("--json", action="store_true", help="in JSON: {queued, sent, failed, dead, retried}")

    p = command(
        "backup",
        "sao lưu cơ sở dữ liệu khi bot đang chạy (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump)",
        "python -m bot backup -o loaxa-2026-01-31.db",
    )
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sao lưu")

    p = command(
        "restore",
        "khôi phục cơ sở dữ liệu từ bản sao lưu (vào cơ sở dữ liệu trống, trừ khi có --force)",
        "python -m bot restore loaxa-2026-01-31.db",
    )
    p.add_argument("file", metavar="TỆP", help="tệp sao lưu")
    p.add_argument(
        "--force", action="store_true", help="ghi đè cơ sở dữ liệu đang có dữ liệu (sao lưu nó trước)"
    )

    p = command(
        "officer",
        "ngừng hoặc kích hoạt lại tài khoản một cán bộ (có hiệu lực ngay ở mọi tiến trình của bot)",
        ['python -m bot officer deactivate "Nguyễn Văn An"', "python -m bot officer activate 5123456789"],
    )
    p.add_argument(
        "action", choices=["deactivate", "activate"], help="deactivate: ngừng; activate: kích hoạt lại"
    )
    p.add_argument(
        "who",
        nargs="+",
        metavar="TÊN|MÃ",
        help="tên đã đăng ký (không dấu cũng được), mã Telegram hoặc #mã cán bộ",
    )
    return parser
