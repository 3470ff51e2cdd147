"""An office with something to report: directive 2345 published to three communes of Lạng Sơn, officers,
reports done, not done and undone, evidence, at known times — for the export, the scopes, evidence and
the office end-to-end tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.config import Settings
from bot.db import repo
from bot.db.models import (
    Assignment,
    Directive,
    Evidence,
    EvidenceKind,
    Officer,
    Report,
    ReportOutcome,
    ReportVia,
    Role,
    Unit,
)
from bot.directives import parse_text
from bot.services import directives as service
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES

THAT_KHE, DOAN_KET, NA_SAM = "Xã Thất Khê", "Xã Đoàn Kết", "Xã Na Sầm"
NUMBER = "2345/SVHTTDL-QLVHGĐ"
DIRECTIVE_2345 = """SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH

Số: 2345/SVHTTDL-QLVHGĐ

Lạng Sơn, ngày 3 tháng 11 năm 2025

V/v tuyên truyền phòng, chống đuối nước cho trẻ em

Kính gửi: UBND các xã, phường.

1. Tuyên truyền kỹ năng phòng, chống đuối nước cho trẻ em.

2. Tuyên truyền lớp học bơi an toàn.

3. Đề nghị UBND các xã, phường

Chỉ đạo Đài Truyền thanh phát từ ngày 05/11/2025 đến hết ngày 20/11/2025, báo cáo kết quả trước ngày 25/11/2025./.

Nơi nhận:
- Như trên;

GIÁM ĐỐC

Hoàng Văn Nam"""


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 11, day, hour, minute, tzinfo=UTC)


@dataclass
class Seeded:
    d2345: Directive
    d113: Directive
    units: dict[str, Unit]
    officers: dict[str, Officer]
    assignments: dict[tuple[str, int], Assignment]


async def seed(db: Database, settings: Settings) -> Seeded:
    """Two directives (2345 with a number and a deadline; the sample on Kế hoạch 113 without a number) to
    three communes: Thất Khê reports both (3 + 2 broadcasts, a photo and a voice note, an undone report),
    Đoàn Kết says it could not (with the reason), Na Sầm has no registered officer."""
    async with db.write() as session:
        communes = {u.name: u for u in await commune_units(session, settings.province)}
        units = {name: communes[name] for name in (THAT_KHE, DOAN_KET, NA_SAM)}
        d2345 = (await service.import_parsed(session, parse_text(DIRECTIVE_2345), "cv2345.txt")).directive
        d113 = (await service.import_file(session, next(SAMPLES.glob("004*")))).directive
        for d in (d2345, d113):
            await service.publish(session, d, list(units.values()))
            d.published_at = at(4, 2)
        officers = {
            "an": Officer(telegram_id=5001, chat_id=5001, name="Nguyễn Văn An", unit_id=units[THAT_KHE].id),
            "binh": Officer(
                telegram_id=5002, chat_id=5002, name="Hoàng Thị Bình", unit_id=units[DOAN_KET].id
            ),
            "admin": Officer(telegram_id=9001, chat_id=9001, name="Sở", role=Role.ADMIN),
        }
        for o in officers.values():
            await repo.save_officer(session, o)
        assignments: dict[tuple[str, int], Assignment] = {}
        for name, unit in units.items():
            for d in (d2345, d113):
                a = await repo.assignment_of(session, d.id, unit.id)
                assert a is not None
                assignments[(name, d.id)] = a
        an, binh = officers["an"], officers["binh"]
        tk = assignments[(THAT_KHE, d2345.id)]
        undone = Report(
            assignment_id=tk.id, officer_id=an.id, created_at=at(5, 1), count=7, via=ReportVia.TEXT
        )
        undone.undone_at = at(5, 2)
        session.add(undone)
        done = Report(
            assignment_id=tk.id, officer_id=an.id, created_at=at(6, 23, 30), count=3, via=ReportVia.BUTTON
        )
        assert await repo.add_report(session, done, at(6, 23, 30))
        session.add(
            Report(
                assignment_id=tk.id,
                officer_id=an.id,
                created_at=at(8, 3),
                count=2,
                outcome=ReportOutcome.MORE,
                via=ReportVia.TEXT,
            )
        )
        session.add(
            Evidence(
                assignment_id=tk.id,
                report_id=done.id,
                officer_id=an.id,
                file_id="PHOTO1",
                kind=EvidenceKind.PHOTO,
                created_at=at(6, 23, 31),
            )
        )
        session.add(
            Evidence(
                assignment_id=tk.id,
                officer_id=an.id,
                file_id="VOICE1",
                kind=EvidenceKind.VOICE,
                created_at=at(8, 3),
            )
        )
        tk113 = assignments[(THAT_KHE, d113.id)]
        assert await repo.add_report(
            session,
            Report(assignment_id=tk113.id, officer_id=an.id, created_at=at(21, 4), via=ReportVia.TEXT),
            at(21, 4),
        )
        session.add(
            Report(
                assignment_id=assignments[(DOAN_KET, d2345.id)].id,
                officer_id=binh.id,
                created_at=at(7, 2),
                outcome=ReportOutcome.NOT_DONE,
                reason="Loa hỏng, đang chờ sửa",
                via=ReportVia.TEXT,
            )
        )
    return Seeded(d2345, d113, units, officers, assignments)
