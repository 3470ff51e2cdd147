"""Rendering the office's answers: statistics, a directive's progress, who has not reported, officers,
evidence, reminders and the export. Directives are named by number and short subject, never by internal
id; dates are dd/mm/yyyy in the local time zone; every text fits one message (`fit`)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import EvidenceCb, ExportCb, ProgressCb, StaffCb
from bot.db.models import Officer
from bot.db.repo.admin import DirectiveRow
from bot.db.repo.evidence import EvidenceRow
from bot.services.admin import RemindResult
from bot.services.evidence import EvidencePage
from bot.services.export import ExportData
from bot.services.labels import day_label, evidence_label, kind_label, role_label, time_label
from bot.services.progress import Missing, Overview, Progress
from bot.services.scope import Ambiguous, DirectiveNotFound, OutOfScope, Scope
from bot.services.staff import StaffResult, StaffStatus
from bot.views import fit, names_list, number_text

__all__ = [
    "ambiguous_text",
    "directive_label",
    "evidence_caption",
    "evidence_nav",
    "export_caption",
    "export_keyboard",
    "missing_text",
    "officers_text",
    "out_of_scope_text",
    "overview_text",
    "progress_message",
    "refusal",
    "remind_text",
    "scope_line",
    "staff_message",
]

MAX_DIRECTIVES = 25
_LIMIT = 3900  # of a message, leaving room for the entities Telegram counts


def _fill(head: str, blocks: Sequence[str], tail: Sequence[str] = ()) -> str:
    """The head, as many blocks as fit one message with the tail, "… và N công văn khác" when some did
    not, then the tail."""
    room = _LIMIT - len(head) - sum(len(t) + 2 for t in tail) - 120
    shown: list[str] = []
    for block in blocks[:MAX_DIRECTIVES]:
        if len(block) + 2 > room:
            break
        shown.append(block)
        room -= len(block) + 2
    more = [texts.ADMIN_STATS_MORE.format(n=len(blocks) - len(shown))] if len(shown) < len(blocks) else []
    return fit("\n\n".join([head, *shown, *more, *tail]))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def directive_label(d: DirectiveRow, limit: int = 90) -> str:
    """<b>number</b> — short subject (escaped)."""
    return texts.DIRECTIVE_LABEL.format(
        number=number_text(d.number), subject=escape(_short(d.subject or "", limit))
    )


def scope_line(scope: Scope) -> str:
    return "" if scope.province else texts.SCOPE_LINE.format(scope=escape(scope.unit_name or ""))


def _rate(done: int, total: int) -> str:
    return f"{done / total:.0%}" if total else "0%"


def out_of_scope_text(exc: OutOfScope) -> str:
    template = texts.OUT_OF_SCOPE.get(exc.what, texts.OUT_OF_SCOPE["unit"])
    return template.format(scope=escape(exc.scope_name or texts.SCOPE_PROVINCE))


def refusal(exc: Exception) -> str:
    """The answer when the admin service refused: not in the scope, no such directive, or several."""
    if isinstance(exc, OutOfScope):
        return out_of_scope_text(exc)
    if isinstance(exc, Ambiguous):
        return ambiguous_text(exc)
    query = exc.query if isinstance(exc, DirectiveNotFound) else ""
    return texts.DIRECTIVE_NOT_FOUND.format(query=escape(query[:60]))


def ambiguous_text(exc: Ambiguous) -> str:
    items = "\n".join(f"• {directive_label(d, 70)}" for d in exc.choices[:10])
    return fit(
        texts.DIRECTIVE_AMBIGUOUS.format(n=len(exc.choices), query=escape(_short(exc.query, 60)), items=items)
    )


def overview_text(ov: Overview) -> str:
    """/thongke and "tiến độ tuần này": each directive by number and short subject, with its counts."""
    if not ov.directives:
        if ov.period is not None:
            return texts.PROGRESS_PERIOD_NONE.format(period=ov.period.label())
        return texts.ADMIN_STATS_NONE
    if ov.period is not None:
        head = texts.PROGRESS_PERIOD_HEAD.format(
            period=ov.period.label(), scope=scope_line(ov.scope)
        ).rstrip()
    else:
        head = (texts.ADMIN_STATS_HEADER + "\n" + scope_line(ov.scope)).rstrip()
    blocks = []
    for d, st in sorted(ov.directives, key=lambda ds: -ds[0].id):
        due = texts.ADMIN_STATS_DUE.format(due=day_label(st.report_due)) if st.report_due else ""
        blocks.append(
            texts.ADMIN_STATS_ITEM.format(
                number=number_text(d.number),
                subject=escape(_short(d.subject or "", 90)),
                done=st.done,
                total=st.total,
                pending=st.pending,
                due=due,
            )
        )
    tail = [texts.ADMIN_STATS_OFFICERS.format(with_officers=ov.staffed, units=ov.units)]
    if ov.blocked:
        names = [f"{o.name} ({o.unit.name if o.unit else '?'})" for o in ov.blocked]
        tail.append(texts.ADMIN_BLOCKED.format(n=len(ov.blocked), names=names_list(names)))
    tail.append(texts.ADMIN_STATS_HINT)
    return _fill(head, blocks, tail)


def progress_message(p: Progress) -> tuple[str, InlineKeyboardMarkup]:
    """/thongke 2345: the directive's figures, communes by status, and buttons for evidence, missing, Excel."""
    d = p.directive
    due = texts.PROGRESS_DUE.format(due=day_label(d.report_due)) if d.report_due else ""
    lines = [
        texts.PROGRESS_HEAD.format(
            number=number_text(d.number),
            subject=escape(_short(d.subject or "", 160)),
            scope=scope_line(p.scope),
            done=len(p.done),
            total=p.total,
            rate=_rate(len(p.done), p.total),
            due=due,
        )
    ]
    if p.broadcasts:
        lines.append(texts.PROGRESS_BROADCASTS.format(n=p.broadcasts))
    if p.not_done:
        items = [f"{name} ({_short(reason, 60)})" for name, reason in p.not_done]
        lines.append(texts.PROGRESS_NOT_DONE.format(n=len(items), units=names_list(items, 8)))
    if p.pending:
        lines.append(texts.PROGRESS_PENDING.format(n=len(p.pending), units=names_list(p.pending, 15)))
    if p.unstaffed:
        lines.append(texts.PROGRESS_NO_OFFICER.format(n=len(p.unstaffed), units=names_list(p.unstaffed, 10)))
    if p.done:
        lines.append(texts.PROGRESS_DONE_UNITS.format(n=len(p.done), units=names_list(p.done, 15)))
    if p.evidence:
        lines.append(texts.PROGRESS_EVIDENCE.format(n=p.evidence, units=p.evidence_units))
    row = []
    if p.evidence:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_EVIDENCE.format(n=p.evidence),
                callback_data=EvidenceCb(directive_id=d.id, page=0).pack(),
            )
        )
    if p.pending:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_PROGRESS_MISSING,
                callback_data=ProgressCb(directive_id=d.id, act="m").pack(),
            )
        )
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_PROGRESS_REMIND.format(n=len(p.pending)),
                callback_data=ProgressCb(directive_id=d.id, act="r").pack(),
            )
        )
    export = InlineKeyboardButton(
        text=texts.BUTTON_PROGRESS_EXPORT,
        callback_data=ExportCb(period="a", fmt="x", directive_id=d.id).pack(),
    )
    return fit("\n\n".join(lines)), InlineKeyboardMarkup(inline_keyboard=[r for r in (row, [export]) if r])


def missing_text(m: Missing) -> str:
    """/chuabaocao: per directive, the communes that have not reported and those nobody can report for."""
    items = [i for i in m.items if i.pending or i.unstaffed or i.not_done]
    if not items:
        if m.directive is not None:
            return texts.ADMIN_MISSING_NONE_FOR.format(number=number_text(m.directive.number))
        return texts.ADMIN_MISSING_NONE
    head = (texts.ADMIN_MISSING_HEADER + "\n" + scope_line(m.scope)).rstrip()
    blocks = []
    for item in sorted(items, key=lambda i: -i.directive.id):
        block = [
            texts.ADMIN_MISSING_DIRECTIVE.format(
                number=number_text(item.directive.number),
                subject=escape(_short(item.directive.subject or "", 80)),
            )
        ]
        if item.pending:
            block.append(
                texts.ADMIN_MISSING_UNITS.format(n=len(item.pending), units=names_list(item.pending))
            )
        if item.unstaffed:
            block.append(
                texts.ADMIN_MISSING_NO_OFFICER.format(
                    n=len(item.unstaffed), units=names_list(item.unstaffed, 6)
                )
            )
        if item.not_done:
            said = [f"{name} ({_short(reason, 50)})" for name, reason in item.not_done]
            block.append(texts.ADMIN_MISSING_NOT_DONE.format(n=len(said), units=names_list(said, 6)))
        blocks.append("\n".join(block))
    return _fill(head, blocks)


def officers_text(scope: Scope, officers: Sequence[Officer]) -> str:
    if not officers:
        return texts.ADMIN_OFFICERS_NONE
    head = (
        texts.ADMIN_OFFICERS_HEADER.format(n=len(officers))
        if scope.province
        else texts.ADMIN_OFFICERS_SCOPE.format(scope=escape(scope.unit_name or ""), n=len(officers))
    )
    lines = [head]
    for o in officers[:120]:
        lines.append(
            texts.ADMIN_OFFICER_ITEM.format(
                name=escape(o.name or str(o.telegram_id)),
                unit=escape(o.unit.name if o.unit else texts.SCOPE_PROVINCE),
                state=texts.ADMIN_OFFICER_ROLE.format(role=role_label(o.role))
                + ("" if o.active else texts.ADMIN_OFFICER_INACTIVE),
            )
        )
    return fit("\n".join(lines))


def _who(o: Officer) -> tuple[str, str]:
    return escape(o.name or str(o.telegram_id)), escape(o.unit.name if o.unit else texts.SCOPE_PROVINCE)


def staff_message(result: StaffResult, active: bool, query: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """What /ngung and /kichhoat answer."""
    if result.status == StaffStatus.NOT_FOUND:
        return texts.OFFICER_NOT_FOUND.format(query=escape(_short(query, 60))), None
    if result.status == StaffStatus.CHOOSE:
        action = texts.OFFICER_ACTION_ACTIVATE if active else texts.OFFICER_ACTION_DEACTIVATE
        rows = [
            [
                InlineKeyboardButton(
                    text=_short(
                        texts.OFFICER_BUTTON.format(
                            name=o.name or o.telegram_id, unit=o.unit.name if o.unit else texts.SCOPE_PROVINCE
                        ),
                        60,
                    ),
                    callback_data=StaffCb(officer_id=o.id, active=active).pack(),
                )
            ]
            for o in result.choices[:10]
        ]
        text = texts.OFFICER_CHOOSE.format(
            n=len(result.choices), query=escape(_short(query, 60)), action=action
        )
        return text, InlineKeyboardMarkup(inline_keyboard=rows)
    if result.status == StaffStatus.SELF:
        return texts.OFFICER_NOT_SELF, None
    if result.status == StaffStatus.PROTECTED:
        return texts.OFFICER_PROTECTED, None
    assert result.officer is not None
    name, unit = _who(result.officer)
    if result.status == StaffStatus.ALREADY:
        template = texts.OFFICER_ALREADY_ACTIVE if active else texts.OFFICER_ALREADY_INACTIVE
    else:
        template = texts.OFFICER_ACTIVATED if active else texts.OFFICER_DEACTIVATED
    return template.format(name=name, unit=unit), None


def evidence_caption(item: EvidenceRow, number: str | None, tz: ZoneInfo) -> str:
    """Under each photo, voice note, video or document sent back: commune, officer, time (≤ 1024)."""
    text = texts.EVIDENCE_CAPTION.format(
        number=number_text(number),
        unit=escape(item.unit_name),
        officer=escape(item.officer_name or texts.UNKNOWN),
        time=time_label(item.created_at, tz),
        kind=kind_label(item.kind),
    )
    note = item.caption or item.file_name
    if note:
        text += texts.EVIDENCE_CAPTION_NOTE.format(caption=escape(_short(note, 300)))
    return text


def evidence_nav(page: EvidencePage) -> tuple[str, InlineKeyboardMarkup | None]:
    """After a page of evidence: where we are, and ◀ ▶."""
    d = page.directive
    if not page.items:
        return texts.EVIDENCE_NONE.format(number=number_text(d.number)), None
    counts: dict[str, int] = {}
    for item in page.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    text = texts.EVIDENCE_NAV.format(
        number=number_text(d.number),
        unit=escape(page.unit_name),
        shown=evidence_label(counts),
        page=page.page + 1,
        pages=page.pages,
    )
    row = []
    if page.page > 0:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_PREV, callback_data=EvidenceCb(directive_id=d.id, page=page.page - 1).pack()
            )
        )
    if page.page + 1 < page.pages:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_NEXT, callback_data=EvidenceCb(directive_id=d.id, page=page.page + 1).pack()
            )
        )
    return text, InlineKeyboardMarkup(inline_keyboard=[row]) if row else None


def export_caption(data: ExportData) -> str:
    directive = (
        texts.EXPORT_CAPTION_DIRECTIVE.format(number=number_text(data.directive.number))
        if data.directive
        else ""
    )
    return texts.EXPORT_CAPTION.format(
        period=data.period.label(),
        directive=directive,
        units=len(data.units),
        directives=len(data.directives),
        time=data.generated.strftime("%H:%M %d/%m/%Y"),
    )


def export_keyboard() -> InlineKeyboardMarkup:
    """Other periods, and the Word summary."""

    def button(text: str, period: str, fmt: str = "x") -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=ExportCb(period=period, fmt=fmt).pack())  # type: ignore[arg-type]

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(texts.BUTTON_EXPORT_WEEK, "w"),
                button(texts.BUTTON_EXPORT_MONTH, "m"),
                button(texts.BUTTON_EXPORT_LAST_MONTH, "l"),
            ],
            [button(texts.BUTTON_EXPORT_DOCX, "a", "d")],
        ]
    )


def remind_text(result: RemindResult, tz: ZoneInfo) -> str:
    """What the admin is told after /nhacnho: officers and communes reminded, correctly counted."""
    reached = result.reached
    number = number_text(result.directive.number) if result.directive else None
    if not reached.officers and not reached.unreachable:
        return (
            texts.ADMIN_REMINDED_NONE_DIRECTIVE.format(number=number) if number else texts.ADMIN_REMINDED_NONE
        )
    if number:
        text = texts.ADMIN_REMINDED_DIRECTIVE.format(
            officers=reached.officers, communes=reached.communes, number=number
        )
    else:
        text = texts.ADMIN_REMINDED.format(officers=reached.officers, communes=reached.communes)
    if reached.officers > reached.queued:
        text += texts.ADMIN_REMINDED_ALREADY.format(n=reached.officers - reached.queued)
    if reached.unreachable:
        text += texts.ADMIN_REMINDED_UNREACHABLE.format(n=reached.unreachable)
    if result.at is not None and reached.queued:
        text += texts.ADMIN_REMINDED_QUIET.format(time=result.at.astimezone(tz).strftime("%H:%M %d/%m/%Y"))
    return text
