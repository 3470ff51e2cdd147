"""reports with outcomes and reasons, evidence, directive versions

Reports now say what happened (done, more broadcasts, not done and why) and which message they came
from (one undo for a multi-report); evidence has its own table (several items per assignment, sent
later); directives carry a version (corrections), the OCR flag, a publishing time, recall time, and
the unit and admin that own them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 18:06:22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import EnumText, EvidenceKind, ReportOutcome, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=300), nullable=False),
        sa.Column("kind", EnumText(EvidenceKind), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("undone_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_evidence_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_evidence_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_evidence_report_id_reports"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_assignment_id"), ["assignment_id"], unique=False)

    with op.batch_alter_table("directives", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("ocr", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("scheduled_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("recalled_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("owner_unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_directives_owner_unit_id_units"), "units", ["owner_unit_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_directives_created_by_officers"), "officers", ["created_by"], ["id"]
        )

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "outcome", EnumText(ReportOutcome), nullable=False, server_default=ReportOutcome.DONE.value
            )
        )
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("batch", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_reports_batch"), ["batch"], unique=False)
    # evidence sent with reports before this version becomes evidence rows
    op.execute(
        "INSERT INTO evidence (assignment_id, report_id, officer_id, file_id, kind, created_at, undone_at) "
        "SELECT assignment_id, id, officer_id, evidence_file_id, evidence_kind, created_at, undone_at "
        "FROM reports WHERE evidence_file_id IS NOT NULL AND evidence_kind IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_batch"))
        batch_op.drop_column("batch")
        batch_op.drop_column("reason")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("directives", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_directives_created_by_officers"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_directives_owner_unit_id_units"), type_="foreignkey")
        batch_op.drop_column("created_by")
        batch_op.drop_column("owner_unit_id")
        batch_op.drop_column("recalled_at")
        batch_op.drop_column("scheduled_at")
        batch_op.drop_column("ocr")
        batch_op.drop_column("version")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_assignment_id"))
    op.drop_table("evidence")
