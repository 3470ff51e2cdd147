"""The five real directives (tests/data/seeds, the same documents as data/samples) parse to gold.json,
field by field; and the tests need nothing outside the repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.directives import parse_file
from bot.lang.fold import fold_plain
from tests.helpers.settings import ROOT, SAMPLES, SEEDS, SHARED

GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
FIELDS = ("number", "issuer", "issued_on", "subject", "broadcast_from", "broadcast_to", "report_due")


def _opening(title: str) -> list[str]:
    words = fold_plain(title).split()
    while words and re.fullmatch(r"\d+|[ivxl]+|[a-z]", words[0]):
        words.pop(0)
    return words


def test_gold_is_in_the_repository() -> None:
    assert SEEDS.is_relative_to(ROOT)
    assert len(GOLD) == 5 and all((SEEDS / name).is_file() for name in GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_matches_gold(name: str) -> None:
    gold = GOLD[name]
    parsed = parse_file(SEEDS / name).to_contract(name)
    for field in FIELDS:
        assert parsed[field] == gold[field], f"{name}: {field}"
    titles = [t["title"] for t in parsed["topics"]]
    assert len(titles) == len(gold["topics"]), f"{name}: {titles}"
    for ours, expected in zip(titles, gold["topics"], strict=True):
        want = _opening(expected)
        assert _opening(ours)[: len(want)] == want, f"{name}: {ours!r} does not open with {expected!r}"
    assert [t["ordinal"] for t in parsed["topics"]] == list(range(1, len(titles) + 1))
    assert all(t["body"].strip() for t in parsed["topics"])


def test_samples_are_the_seeds() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(GOLD)
    for name in GOLD:
        assert (SAMPLES / name).read_bytes() == (SEEDS / name).read_bytes()


def test_our_copy_is_the_shared_one() -> None:
    """Where the project's shared folder sits beside the clone, our copy of the seeds is still its copy."""
    shared = SHARED / "seeds"
    if not (shared / "gold.json").is_file():
        pytest.skip(f"{shared} is not beside the clone (nothing to compare; the tests don't need it)")
    assert json.loads((shared / "gold.json").read_text(encoding="utf-8")) == GOLD
    for name in GOLD:
        assert (shared / name).read_bytes() == (SEEDS / name).read_bytes(), name


def _checkout(target: Path) -> None:
    """What a clone of this working tree holds once committed: the files git tracks or would track."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_a_plain_clone_passes_the_tests_that_need_data(tmp_path: Path) -> None:
    """The tests that read documents and expected parses, run in a checkout alone in an empty folder:
    nothing beside it (no ../shared), and the code imported from the checkout, not from this tree."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "loaxa"
    clone.mkdir()
    _checkout(clone)
    assert not (clone.parent / "shared").exists()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(clone),
        "HOME": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    where = subprocess.run(
        [sys.executable, "-c", "import bot, tests; print(bot.__file__); print(tests.__file__)"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(clone) for p in where), where
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_seeds.py",
            "tests/test_corpus.py",
            "-k",
            "not plain_clone",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout
