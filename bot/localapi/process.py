"""The local Bot API in a process of its own (benchmarks, crash tests), driven over its /_sim HTTP API."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

__all__ = ["ApiProcess"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ApiProcess:
    """`with ApiProcess(enforce=True, rate=1000, latency=0.2) as api:` — api.base_url, api.stats(), api.fault(...)."""

    def __init__(
        self,
        *,
        enforce: bool = False,
        rate: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        token: str = "123456:LOCAL-LOAXA",
        latency: float = 0.0,
        jitter: float = 0.0,
        error_rate: float = 0.0,
        timeout_delay: float = 30.0,
    ) -> None:
        self.port = _free_port()
        self.token = token
        self.base_url = f"http://127.0.0.1:{self.port}"
        args = [
            sys.executable,
            "-m",
            "bot.localapi",
            "--port",
            str(self.port),
            "--token",
            token,
            "--rate",
            str(rate),
            "--chat-rate",
            str(chat_rate),
            "--chat-burst",
            str(chat_burst),
            "--latency",
            str(latency),
            "--jitter",
            str(jitter),
            "--error-rate",
            str(error_rate),
            "--timeout-delay",
            str(timeout_delay),
        ]
        if enforce:
            args.append("--enforce")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.stats()
                return
            except OSError:
                time.sleep(0.05)
        self.close()
        raise RuntimeError("the local Bot API did not start")

    def _call(self, action: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.base_url}/_sim/{action}",
            data=data,
            method="POST" if body is not None else "GET",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def stats(self, prefix: str | None = None) -> dict[str, Any]:
        return dict(self._call("stats", {"prefix": prefix} if prefix is not None else None))

    def delivered(self, prefix: str | None = None) -> dict[int, int]:
        """Messages delivered per chat (only those whose text starts with `prefix`, when given)."""
        return {int(k): int(v) for k, v in self.stats(prefix)["delivered"].items()}

    def fault(self, **fault: Any) -> None:
        self._call("fault", fault)

    def network(self, *, latency: float = 0.0, jitter: float = 0.0, error_rate: float = 0.0) -> None:
        self._call("network", {"latency": latency, "jitter": jitter, "error_rate": error_rate})

    def clear_faults(self) -> None:
        self._call("clear_faults", {})

    def burst(self, messages: list[tuple[int, str]]) -> dict[str, Any]:
        """Users write at the same moment; returns the server's clock then and its event mark."""
        return dict(self._call("burst", {"messages": messages}))

    def first_replies(self, mark: int) -> dict[str, Any]:
        return dict(self._call("first_replies", {"mark": mark}))

    def block(self, chat_id: int) -> None:
        self._call("block", {"chat_id": chat_id})

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> ApiProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
