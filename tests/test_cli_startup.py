"""`python -m bot run` when something an operator controls is wrong: one line in Vietnamese with the English
cause after it, a non-zero exit status, no traceback (unless -v), and never the token."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.localapi.process import ApiProcess

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

# well shaped (digits, colon, 35 characters) but unknown to any server
TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9"
SECRET = TOKEN.split(":", 1)[1]


def _run_bot(
    tmp_path: Path, *args: str, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**base, **env},
        cwd=tmp_path,  # no .env of the developer's
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _one_line(proc: subprocess.CompletedProcess[str], *, token: str = TOKEN) -> str:
    """The failure's single line, after checking everything the operator must (not) see."""
    assert proc.returncode != 0
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert len(lines) == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    if token:
        assert token not in proc.stdout + proc.stderr
        assert token.split(":", 1)[-1] not in proc.stdout + proc.stderr
    return lines[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def html_server() -> Iterator[str]:
    """A web server that is not a Bot API: every path is a 404 HTML page."""

    class NotFound(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            body = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_no_token(tmp_path: Path) -> None:
    line = _one_line(_run_bot(tmp_path, "run"))
    assert line.startswith("Chưa có BOT_TOKEN: lấy token từ @BotFather")
    assert "python -m bot chat" in line and line.endswith("(BOT_TOKEN is not set)")


@pytest.mark.parametrize(
    ("token", "cause"),
    [
        ("abc", "no ':' between the bot id and the secret"),
        ("123:abc", "got 3 characters after ':'"),
        (f"bot{TOKEN}", "the part before ':' is not the bot's numeric id"),
        (f"{TOKEN} x", "it contains spaces"),
    ],
)
def test_malformed_token(tmp_path: Path, token: str, cause: str) -> None:
    proc = _run_bot(tmp_path, "run", BOT_TOKEN=token)
    line = _one_line(proc, token=token)
    assert line.startswith("BOT_TOKEN sai dạng: token @BotFather cấp có dạng 123456789:AAH…")
    assert "(malformed token: " in line and line.endswith(f"{cause})")
    assert proc.returncode == 2


def test_token_refused(tmp_path: Path) -> None:
    with ApiProcess() as api:  # knows only its own token: any other gets 401 Unauthorized
        proc = _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=api.base_url)
    line = _one_line(proc)
    assert line == (
        "Telegram từ chối BOT_TOKEN: token sai hoặc đã bị thu hồi — lấy token mới từ @BotFather rồi đặt lại "
        "BOT_TOKEN (token rejected: 401 Unauthorized)"
    )


def test_no_route_to_the_bot_api(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens there: connection refused
    proc = _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=f"http://127.0.0.1:{port}")
    line = _one_line(proc)
    assert line.startswith(f"Không kết nối được tới máy chủ Bot API 127.0.0.1:{port}: kiểm tra mạng, DNS")
    assert "(no route to the Bot API: ClientConnectorError: Cannot connect to host" in line


def test_wrong_api_base(tmp_path: Path, html_server: str) -> None:
    proc = _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=html_server)
    line = _one_line(proc)
    assert line.startswith(f"TELEGRAM_API_BASE={html_server} không phải máy chủ Bot API: sửa lại địa chỉ")
    assert line.endswith("(not a Bot API: HTTP 404 Not Found, HTML)")


def test_database_is_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    proc = _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite+aiosqlite:///{folder}")
    line = _one_line(proc)
    assert line == (
        f"Không mở được cơ sở dữ liệu sqlite+aiosqlite:///{folder}: {folder} là một thư mục, không phải tệp "
        "cơ sở dữ liệu (database cannot be opened: OperationalError: unable to open database file)"
    )


def test_database_folder_cannot_exist(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    url = f"sqlite+aiosqlite:///{blocker / 'loaxa.db'}"
    line = _one_line(_run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, DATABASE_URL=url))
    assert line.startswith(f"Không mở được cơ sở dữ liệu {url}: {blocker} là một tệp, không phải thư mục")
    assert "(database cannot be opened: " in line


def test_postgresql_that_does_not_answer(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://loaxa:hunter22@127.0.0.1:{_free_port()}/loaxa"
    proc = _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, DATABASE_URL=url)
    line = _one_line(proc)
    assert "hunter22" not in line
    assert line.startswith(
        f"Không mở được cơ sở dữ liệu postgresql+asyncpg://loaxa:***@{url.split('@')[1]}: kiểm tra máy chủ PostgreSQL"
    )


def test_webhook_port_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _run_bot(
            tmp_path,
            "run",
            BOT_TOKEN=TOKEN,
            WEBHOOK_URL="https://loaxa.example.vn/webhook",
            WEBHOOK_HOST="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET="s3cr3t-for-the-test",
        )
    line = _one_line(proc)
    assert line == (
        f"Cổng {port} (WEBHOOK_PORT) đang có chương trình khác dùng: dừng chương trình đó hoặc đặt WEBHOOK_PORT "
        f"sang cổng khác (address already in use: 127.0.0.1:{port})"
    )
    assert not (tmp_path / "run.db").exists()  # checked before anything else is touched


def test_invalid_setting(tmp_path: Path) -> None:
    line = _one_line(
        _run_bot(tmp_path, "run", BOT_TOKEN=TOKEN, TIMEZONE="Mars/Olympus", DELIVERY_RATE="fast")
    )
    assert line.startswith(
        "Cấu hình không hợp lệ: TIMEZONE, DELIVERY_RATE — sửa trong .env hoặc biến môi trường"
    )
    assert "(invalid setting TIMEZONE: Value error, unknown time zone 'Mars/Olympus'; DELIVERY_RATE:" in line


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    proc = _run_bot(tmp_path, "-v", "run", BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite+aiosqlite:///{folder}")
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "OperationalError" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("Không mở được cơ sở dữ liệu")
    assert SECRET not in proc.stderr + proc.stdout


def test_other_commands_say_it_in_one_line_too(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    proc = _run_bot(tmp_path, "stats", DATABASE_URL=f"sqlite+aiosqlite:///{folder}")
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert lines[-1].startswith("Không mở được cơ sở dữ liệu") and len(proc.stderr.strip().splitlines()) == 1


def test_failures_met_after_the_checks_are_one_line_too(tmp_path: Path) -> None:
    """What `run` may still meet once the checks passed (a race, a server changing its mind) is told the
    same way: the exceptions aiogram, aiohttp, asyncio and SQLAlchemy raise, mapped to one line."""
    import errno

    from aiogram.exceptions import (
        ClientDecodeError,
        TelegramBadRequest,
        TelegramNetworkError,
        TelegramUnauthorizedError,
    )
    from aiogram.methods import GetMe, SetWebhook
    from sqlalchemy.exc import OperationalError

    from bot.commands import describe_failure
    from tests.helpers.settings import make_settings

    settings = make_settings(
        bot_token=TOKEN,
        webhook_url="http://loaxa.example.vn/webhook",
        webhook_port=8443,
        database_url=f"sqlite+aiosqlite:///{tmp_path}",
    )
    cases = {
        TelegramUnauthorizedError(GetMe(), "Unauthorized"): "Telegram từ chối BOT_TOKEN",
        TelegramNetworkError(GetMe(), f"ClientConnectorError: https://api.telegram.org/bot{TOKEN}/getMe"): (
            "Không kết nối được tới máy chủ Bot API api.telegram.org"
        ),
        ClientDecodeError("Failed to decode object", ValueError("x"), "<html>"): (
            "TELEGRAM_API_BASE=https://api.telegram.org không phải máy chủ Bot API"
        ),
        TelegramBadRequest(
            SetWebhook(url="http://x"), "Bad Request: bad webhook: HTTPS url must be provided"
        ): ("Telegram không nhận WEBHOOK_URL=http://loaxa.example.vn/webhook"),
        OSError(
            errno.EADDRINUSE, "error while attempting to bind on address ('0.0.0.0', 8443): address in use"
        ): ("Cổng 8443 (WEBHOOK_PORT) đang có chương trình khác dùng"),
        OperationalError("PRAGMA", {}, Exception("unable to open database file")): (
            f"Không mở được cơ sở dữ liệu sqlite+aiosqlite:///{tmp_path}: {tmp_path} là một thư mục"
        ),
        ConnectionRefusedError(
            errno.ECONNREFUSED, "Connect call failed"
        ): "Không kết nối được tới máy chủ Bot API",
        RuntimeError(
            f"something nobody foresaw with {TOKEN}"
        ): "Lỗi không lường trước (RuntimeError: something",
    }
    for exc, start in cases.items():
        line = describe_failure(exc, settings)
        assert line.startswith(start), (exc, line)
        assert "\n" not in line and SECRET not in line, line
