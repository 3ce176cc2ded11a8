"""Attempt fields of the sync protocol: answers not submitted, the start/submission events, on-time and time-limit
judgement, and the re-score work flag (with a partial index for the sweep).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "attempts",
        sa.Column(
            "answers_not_submitted",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column("attempts", sa.Column("started_event", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("attempts", sa.Column("submitted_event", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("attempts", sa.Column("on_time", sa.Boolean(), nullable=True))
    op.add_column("attempts", sa.Column("within_time_limit", sa.Boolean(), nullable=True))
    op.add_column("attempts", sa.Column("needs_rescore", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.create_index(
        "ix_attempts_needs_rescore", "attempts", ["id"], unique=False, postgresql_where=sa.text("needs_rescore")
    )


def downgrade() -> None:
    op.drop_index("ix_attempts_needs_rescore", table_name="attempts", postgresql_where=sa.text("needs_rescore"))
    op.drop_column("attempts", "needs_rescore")
    op.drop_column("attempts", "within_time_limit")
    op.drop_column("attempts", "on_time")
    op.drop_column("attempts", "submitted_event")
    op.drop_column("attempts", "started_event")
    op.drop_column("attempts", "answers_not_submitted")
