"""Benchmark: hostile document intake (prints JSON).

Builds a .docx whose document.xml inflates to 1 GiB (a 1 MB zip bomb) and runs
`python -m bot parse BOMB GOOD --json` in a child process, measuring wall time and the child's
peak memory (ru_maxrss through os.wait4). Also times the refusal in-process, for the bomb and
for the same bomb with a header that lies about its size (so only the streaming cap stops it).
Target (issue 10): under 2 s and 200 MB, a clear error, the good file beside it parsed.

The builders live in tests/helpers/hostile.py, which tests/test_intake.py uses too.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.hostile import GIB, MIB, bomb_docx, good_docx, lying_bomb_docx, run_cli


def main() -> dict[str, object]:
    from bot.directives import DocumentError, read_bytes

    results: dict[str, object] = {"bench": "intake"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        bomb = bomb_docx()
        build = time.perf_counter() - t
        (folder / "bomb.docx").write_bytes(bomb)
        (folder / "good.docx").write_bytes(good_docx())
        results["bomb_file_mb"] = round(len(bomb) / MIB, 2)
        results["bomb_inflated_mb"] = GIB // MIB
        results["bomb_build_seconds"] = round(build, 2)
        cli = run_cli([folder / "bomb.docx", folder / "good.docx"], folder / "out.json")
        output = cli.pop("output")
        assert isinstance(output, list)
        results["cli"] = {
            **cli,
            "bomb_error": output[0].get("error"),
            "good_parsed": output[1].get("number"),
        }
        baseline = run_cli([folder / "good.docx"], folder / "out.json")
        results["cli_good_only"] = {"seconds": baseline["seconds"], "peak_mb": baseline["peak_mb"]}
        for label, data in (("bomb", bomb), ("lying_bomb", lying_bomb_docx())):
            t = time.perf_counter()
            try:
                read_bytes(data, "bomb.docx")
                error = None
            except DocumentError as exc:
                error = str(exc)
            results[f"in_process_{label}_seconds"] = round(time.perf_counter() - t, 4)
            results[f"in_process_{label}_error"] = error
    return results


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
