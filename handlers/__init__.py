"""Routers, one per feature; built fresh on every call (a Router can be attached only once)."""

from __future__ import annotations

from aiogram import Router

from handlers import admin, fallback, officer, report, start

__all__ = ["get_routers"]


def get_routers() -> list[Router]:
    """In order: registration and strangers, admin, report-back, officer questions, fallback last."""
    return [start.router(), admin.router(), report.router(), officer.router(), fallback.router()]
