"""Benchmark: time to first sight of the command line (prints JSON).

Runs `python -m bot stats`, `python -m bot parse SAMPLE` and `printf 'tuần này phát gì\\n' | python -m bot
chat` in child processes, each RUNS times after one warm-up run (bytecode compiled, the demo database
created), and reports the median and the spread of:

- first_output_s: from starting the process to its first byte on stdout or stderr;
- done_s: to the end of the process;
- for chat, first_reply_s: to the bot's first answer ("🤖") on stdout.

Target (issue 17): first output under 1 s for stats and parse on the project machine.
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "003_f355f8ad106b5bf4.txt"


def timed(args: list[str], env: dict[str, str], stdin: bytes = b"") -> dict[str, float]:
    """One run: seconds to the first output byte, to the first bot reply (chat), to the end."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdin.write(stdin)
    proc.stdin.close()
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ, "out")
    selector.register(proc.stderr, selectors.EVENT_READ, "err")
    first: float | None = None
    reply: float | None = None
    out = b""
    open_streams = 2
    while open_streams:
        for key, _ in selector.select():
            chunk = os.read(key.fileobj.fileno(), 65536)  # type: ignore[union-attr]
            now = time.perf_counter() - start
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            first = first if first is not None else now
            if key.data == "out":
                out += chunk
                if reply is None and "🤖".encode() in out:
                    reply = now
    status = proc.wait()
    done = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"python -m bot {' '.join(args)} exited with {status}")
    result = {"first_output_s": first if first is not None else done, "done_s": done}
    if reply is not None:
        result["first_reply_s"] = reply
    return result


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    keys = runs[0].keys()
    return {
        key: {
            "median": round(statistics.median(r[key] for r in runs), 3),
            "min": round(min(r[key] for r in runs), 3),
            "max": round(max(r[key] for r in runs), 3),
        }
        for key in keys
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loaxa-startup-") as tmp:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "DATABASE_URL": f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}",
            "CHAT_DIR": str(Path(tmp) / "chat"),
        }
        # a database with the five samples published, as after a first try of the product
        timed(["db", "upgrade"], {**env, "LOAD_SAMPLES": "true"})
        cases = {
            "stats": (["stats"], b""),
            "parse": (["parse", str(SAMPLE)], b""),
            "chat": (["chat"], "tuần này phát gì\n".encode()),
        }
        results: dict[str, Any] = {}
        for name, (argv, stdin) in cases.items():
            timed(argv, env, stdin)  # warm-up: bytecode, the demo database
            results[name] = summary([timed(argv, env, stdin) for _ in range(args.runs)])
    results["runs"] = args.runs
    results["cpus"] = os.cpu_count()
    results["python"] = sys.version.split()[0]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
