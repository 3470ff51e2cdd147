"""Benchmark: directives parsed per second for the five seeds (prints JSON)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.directives import parse_text, read_document

SEEDS = ROOT.parent / "shared" / "seeds"


def main(seconds: float = 3.0) -> dict[str, object]:
    folder = SEEDS if SEEDS.exists() else ROOT / "data" / "samples"
    files = sorted(folder.glob("*.txt"))
    texts = [read_document(f) for f in files]
    start = time.perf_counter()
    read_count = 0
    while time.perf_counter() - start < seconds / 3:
        for f in files:
            read_document(f)
            read_count += 1
    read_elapsed = time.perf_counter() - start
    start = time.perf_counter()
    count = 0
    while time.perf_counter() - start < seconds:
        for text in texts:
            parse_text(text)
            count += 1
    elapsed = time.perf_counter() - start
    sizes = [len(t) for t in texts]
    return {
        "bench": "parse",
        "documents": len(files),
        "avg_chars": round(sum(sizes) / len(sizes)),
        "parsed": count,
        "docs_per_second": round(count / elapsed, 1),
        "ms_per_doc": round(1000 * elapsed / count, 3),
        "read_and_parse_docs_per_second": round(1 / (read_elapsed / read_count + elapsed / count), 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)))
