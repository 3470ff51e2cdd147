"""Importing and publishing directives, on SQLite and PostgreSQL through the same code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.db import repo
from bot.db.models import Assignment, Delivery, Officer, SearchDoc, Topic
from bot.services import directives as service
from bot.services.search import SearchService
from bot.services.setup import Database, load_samples
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES, make_settings

SEED = SAMPLES / "003_f355f8ad106b5bf4.txt"


async def test_import_is_idempotent_and_keeps_the_text(
    any_db: tuple[Settings, Database], tmp_path: Path
) -> None:
    _, db = any_db
    copy = tmp_path / "same-content-other-name.txt"
    shutil.copy(SEED, copy)
    async with db.write() as session:
        first = await service.import_file(session, SEED)
    async with db.write() as session:
        again = await service.import_file(session, SEED)
        renamed = await service.import_file(session, copy)
    assert first.created and not again.created and not renamed.created
    assert first.directive.id == again.directive.id == renamed.directive.id
    async with db.read() as session:
        stored = await repo.get_directive(session, first.directive.id)
        assert stored is not None
        assert "Tiểu ban Tuyên truyền Đại hội" in stored.body
        assert stored.source_name == SEED.name
        assert [t.title for t in stored.topics] == [
            "Trước Đại hội",
            "Trong thời gian diễn ra Đại hội",
            "Sau khi kết thúc Đại hội",
        ]
        assert await session.scalar(select(func.count(Topic.id))) == 3
        assert await session.scalar(select(func.count(SearchDoc.id))) == 4  # the directive and its 3 topics
        results = await SearchService().search(session, "dai hoi dang bo tinh")
        assert results and results[0].directive_id == first.directive.id


async def test_publish_creates_assignments_and_outbox_rows_once(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        assert len(communes) == 65
        that_khe = next(u for u in communes if u.name == "Xã Thất Khê")
        session.add_all(
            [
                Officer(telegram_id=1, chat_id=1, name="A", unit_id=that_khe.id, role="officer"),
                Officer(telegram_id=2, chat_id=2, name="B", unit_id=that_khe.id, role="officer"),
                Officer(
                    telegram_id=3, chat_id=3, name="C", unit_id=that_khe.id, role="officer", active=False
                ),
            ]
        )
        imported = await service.import_file(session, SEED)
        units, unknown = await service.resolve_targets(
            session, settings.province, ["that khe", "Xa Khong Co"]
        )
        assert [u.id for u in units] == [that_khe.id] and unknown == ["Xa Khong Co"]
        result = await service.publish(session, imported.directive, units)
        assert (result.units, result.new_assignments, result.queued) == (1, 1, 2)
    async with db.write() as session:
        directive = await repo.get_directive(session, imported.directive.id)
        assert directive is not None and directive.status == "published"
        again = await service.publish(session, directive, communes)
        assert (again.units, again.new_assignments, again.queued) == (65, 64, 0)
    async with db.read() as session:
        assert await session.scalar(select(func.count(Assignment.id))) == 65
        rows = (await session.scalars(select(Delivery).order_by(Delivery.chat_id))).all()
        assert [(r.chat_id, r.kind, r.ref, r.status) for r in rows] == [
            (1, "directive", str(imported.directive.id), "queued"),
            (2, "directive", str(imported.directive.id), "queued"),
        ]
        stats = await repo.directive_stats(session)
        assert [(s.total, s.done, s.pending) for s in stats] == [(65, 0, 65)]


async def test_samples_load_into_an_empty_database_only(db: Database) -> None:
    settings = make_settings()
    assert await load_samples(db, settings) == 5
    assert await load_samples(db, settings) == 0
    async with db.read() as session:
        assert await repo.count_directives(session) == 5


@pytest.mark.slow
def test_cli_import_publish_and_units(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "LOAD_SAMPLES": "false",
        "PATH": "/usr/bin:/bin",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    first = run("import", str(SEED), "--publish", "--to", "Thất Khê", "xa doan ket")
    assert first.returncode == 0, first.stderr
    assert "[mới]" in first.stdout and "tới 2 xã/phường" in first.stdout
    second = run("import", str(SEED))
    assert "[đã có]" in second.stdout and "0 công văn mới, 1 đã có" in second.stdout
    bad = run("import", str(tmp_path / "missing.docx"))
    assert bad.returncode == 1 and "Không tìm thấy tệp" in bad.stdout
    units = run("units")
    assert units.stdout.startswith("Lạng Sơn: 65 xã/phường/đặc khu")
    unknown = run("import", str(SEED), "--publish", "--to", "Hà Nội Xyz")
    assert unknown.returncode == 1 and "Không tìm thấy đơn vị" in unknown.stdout
