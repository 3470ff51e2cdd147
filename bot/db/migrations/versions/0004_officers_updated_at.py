"""officers.updated_at: every process notices an officer's change (deactivation, a move) at once

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("updated_at", UTCDateTime(), nullable=False, server_default=sa.func.current_timestamp())
        )
        batch_op.create_index(batch_op.f("ix_officers_updated_at"), ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officers_updated_at"))
        batch_op.drop_column("updated_at")
