"""Benchmark: intent accuracy per intent, report_done precision (typed and NFD forms), throughput.

Prints JSON. Targets (issue 3): report_done precision 1.0, accuracy >= 0.97 for both forms,
>= 10,000 messages/s on one core. Also the share of "done"s that carry `confirm` (issue 11).
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.understanding.intents import INTENTS, classify

DATA = ROOT / "tests" / "data" / "intents.tsv"


def load() -> list[tuple[str, str, int | None]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[1:]:
        text, intent, count, _variant = line.split("\t")
        rows.append((text, intent, int(count) if count else None))
    return rows


def evaluate(rows: list[tuple[str, str, int | None]]) -> dict[str, object]:
    per: dict[str, Counter[str]] = {i: Counter() for i in INTENTS}
    predicted_done = true_done = confirmed = 0
    count_ok = count_total = 0
    errors = []
    for text, intent, count in rows:
        got = classify(text)
        per[intent]["total"] += 1
        if got.intent == intent:
            per[intent]["ok"] += 1
        else:
            errors.append({"text": text, "want": intent, "got": got.intent})
        if got.intent == "report_done":
            predicted_done += 1
            true_done += intent == "report_done"
            confirmed += got.confirm
        if intent == "report_done":
            count_total += 1
            count_ok += got.count == count
            if got.count != count:
                errors.append({"text": text, "want_count": count, "got_count": got.count})
    total = sum(c["total"] for c in per.values())
    ok = sum(c["ok"] for c in per.values())
    return {
        "messages": total,
        "accuracy": round(ok / total, 4),
        "report_done_precision": round(true_done / predicted_done, 4) if predicted_done else None,
        "count_accuracy_on_done": round(count_ok / count_total, 4) if count_total else None,
        # share of "done"s the bot would confirm with one tap before recording (issue 11)
        "confirm_rate_on_done": round(confirmed / predicted_done, 4) if predicted_done else None,
        "per_intent": {i: round(c["ok"] / c["total"], 4) for i, c in per.items() if c["total"]},
        "errors": errors,
    }


def throughput(rows: list[tuple[str, str, int | None]], seconds: float = 2.0) -> float:
    texts = [r[0] for r in rows]
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            classify(t)
        done += len(texts)
    return done / (time.perf_counter() - start)


def main() -> dict[str, object]:
    rows = load()
    nfd = [(unicodedata.normalize("NFD", t), i, c) for t, i, c in rows]
    typed = evaluate(rows)
    decomposed = evaluate(nfd)
    return {
        "bench": "intents",
        "typed": typed,
        "nfd": decomposed,
        "messages_per_second": round(throughput(rows)),
    }


if __name__ == "__main__":
    result = main()
    verbose = "-v" in sys.argv
    if not verbose:
        for key in ("typed", "nfd"):
            errs = result[key]["errors"]  # type: ignore[index]
            result[key]["errors"] = len(errs)  # type: ignore[index]
    print(json.dumps(result, ensure_ascii=False, indent=1 if verbose else None))
