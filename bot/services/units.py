"""Administrative units from the official list (vietnam-provinces): loading, scope and name matching."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession
from vietnam_provinces import Province, Ward

from bot.db import repo
from bot.db.models import Unit
from bot.lang.fold import fold_plain

__all__ = [
    "UnitNotFound",
    "commune_units",
    "is_province_query",
    "match_units",
    "province_rows",
    "province_units",
    "resolve_provinces",
    "sync_units",
]

_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ", "tinh ", "thanh pho ")


class UnitNotFound(LookupError):
    """No unit matches a name; `suggestions` holds the closest names."""

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = list(suggestions)


def resolve_provinces(province: str) -> list[Province]:
    """PROVINCE setting → provinces: a codename (lang_son), a code (20), a name (Lạng Sơn) or 'all'."""
    provinces = list(Province.iter_all())
    key = province.strip().lower()
    if key in ("all", "*", "toan quoc"):
        return provinces
    folded = fold_plain(province).replace(" ", "_")
    for p in provinces:
        if key == p.codename or key == str(int(p.code)) or folded == p.codename:
            return [p]
        if fold_plain(p.name).replace(" ", "_").replace("thanh_pho_", "") == folded.replace("thanh_pho_", ""):
            return [p]
    raise ValueError(f"Không có tỉnh/thành phố '{province}' trong danh mục hành chính.")


def province_rows(province: str) -> list[dict[str, Any]]:
    """Unit rows (provinces, then their communes and wards) for the PROVINCE setting."""
    rows: list[dict[str, Any]] = []
    for p in resolve_provinces(province):
        pcode = f"{int(p.code):02d}"
        rows.append(
            {
                "code": pcode,
                "name": p.name,
                "kind": p.division_type.value,
                "level": 1,
                "parent_code": None,
                "folded_name": fold_plain(p.name),
            }
        )
        for w in Ward.iter_by_province(p.code):
            rows.append(
                {
                    "code": f"{int(w.code):05d}",
                    "name": w.name,
                    "kind": w.division_type.value,
                    "level": 2,
                    "parent_code": pcode,
                    "folded_name": fold_plain(w.name),
                }
            )
    return rows


async def sync_units(session: AsyncSession, province: str) -> int:
    """Store the units of PROVINCE that are missing; returns how many were added."""
    rows = province_rows(province)
    existing = await repo.unit_codes(session)
    missing = [r for r in rows if r["code"] not in existing]
    if missing:
        await repo.add_units(session, missing)
    return len(missing)


async def commune_units(session: AsyncSession, province: str) -> list[Unit]:
    """Communes and wards within the PROVINCE scope."""
    codes = [f"{int(p.code):02d}" for p in resolve_provinces(province)]
    return [u for u in await repo.list_units(session, parent_codes=codes) if u.level == 2]


async def province_units(session: AsyncSession, province: str) -> list[Unit]:
    """The province-level units of the PROVINCE scope (one, or all 34 for 'all')."""
    codes = {f"{int(p.code):02d}" for p in resolve_provinces(province)}
    return [u for u in await repo.list_units(session, level=1) if u.code in codes]


def is_province_query(query: str) -> bool:
    """Whether the admin means the province itself (tỉnh, toàn tỉnh, cấp tỉnh, sở) rather than a commune."""
    return fold_plain(query) in {"tinh", "toan tinh", "cap tinh", "so", "thanh pho", "toan thanh pho"}


def _bare(folded: str) -> str:
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def match_units(units: Sequence[Unit], query: str) -> list[Unit]:
    """Units whose name matches `query` ignoring case, diacritics and the 'Xã'/'Phường' prefix.

    Exact matches win; otherwise raise UnitNotFound with the closest names as suggestions.
    """
    q = fold_plain(query)
    if not q:
        raise UnitNotFound(query)
    exact = [u for u in units if u.folded_name == q or u.code == query.strip()]
    if exact:
        return exact
    bare = [u for u in units if _bare(u.folded_name) == _bare(q)]
    if bare:
        return bare
    choices = {u.id: _bare(u.folded_name) for u in units}
    near = process.extract(_bare(q), choices, scorer=fuzz.ratio, limit=3, score_cutoff=75)
    by_id = {u.id: u for u in units}
    raise UnitNotFound(query, [by_id[key].name for _, _, key in near])
