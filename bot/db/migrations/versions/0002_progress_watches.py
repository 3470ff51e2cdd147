"""progress watches: an admin's live progress message survives a restart

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:45:48.004480
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("directive_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=200), nullable=False),
        sa.Column("last_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["directive_id"],
            ["directives.id"],
            name=op.f("fk_progress_watches_directive_id_directives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_watches")),
    )
    with op.batch_alter_table("progress_watches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_watches_directive_id"), ["directive_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_progress_watches_finished_at"), ["finished_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_watches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_watches_finished_at"))
        batch_op.drop_index(batch_op.f("ix_progress_watches_directive_id"))
    op.drop_table("progress_watches")
