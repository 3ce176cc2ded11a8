"""Book page structure for the viewer: `books.structure` (modules, pages, page audio, activity markers).

The sync fills it from config.json; books synced before this revision have none until the next sync
(which re-reads every config.json and so updates them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("books", sa.Column("structure", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column("books", "structure")
