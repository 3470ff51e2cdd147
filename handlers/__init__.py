"""Routers, one per feature; built fresh on every call (a Router can be attached only once)."""

from __future__ import annotations

from aiogram import Router

from handlers import admin, desk, evidence, fallback, officer, report, start

__all__ = ["get_routers"]


def get_routers() -> list[Router]:
    """In order: admins' evidence links (before /start reads them as invite codes), registration and strangers,
    the publishing desk, admin, report-back, officer questions, fallback last."""
    return [
        evidence.deep_links(),
        start.router(),
        desk.router(),
        admin.router(),
        report.router(),
        officer.router(),
        fallback.router(),
    ]
