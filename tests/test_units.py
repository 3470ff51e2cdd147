"""Units come from the official list (vietnam-provinces), never typed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import repo
from bot.services.setup import open_database
from bot.services.units import UnitNotFound, commune_units, match_units, province_rows, resolve_provinces
from tests.helpers.settings import make_settings


def test_province_setting_forms() -> None:
    for value in ("lang_son", "20", "Lạng Sơn", "lang son"):
        assert [p.name for p in resolve_provinces(value)] == ["Lạng Sơn"]
    assert len(resolve_provinces("all")) == 34
    with pytest.raises(ValueError, match="Không có tỉnh"):
        resolve_provinces("Atlantis")


def test_rows_form_a_tree() -> None:
    rows = province_rows("lang_son")
    assert rows[0] == {**rows[0], "level": 1, "name": "Lạng Sơn", "parent_code": None}
    communes = [r for r in rows if r["level"] == 2]
    assert len(communes) == 65 and {r["parent_code"] for r in communes} == {rows[0]["code"]}


@pytest.mark.slow
async def test_whole_country(tmp_path: Path) -> None:
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'vn.db'}", province="all")
    db = await open_database(settings)
    try:
        async with db.read() as session:
            assert len(await repo.list_units(session, level=1)) == 34
            assert len(await commune_units(session, "all")) == 3321
    finally:
        await db.close()


async def test_name_matching_ignores_diacritics_and_prefix(db) -> None:  # type: ignore[no-untyped-def]
    async with db.read() as session:
        communes = await commune_units(session, "lang_son")
    assert [u.name for u in match_units(communes, "xa that khe")] == ["Xã Thất Khê"]
    assert [u.name for u in match_units(communes, "THẤT KHÊ")] == ["Xã Thất Khê"]
    with pytest.raises(UnitNotFound) as exc:
        match_units(communes, "That Khe Moi")
    assert "Xã Thất Khê" in exc.value.suggestions
