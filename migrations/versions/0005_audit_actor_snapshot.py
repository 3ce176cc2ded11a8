"""Audit actor snapshot: each audit entry keeps its actor's name and email, so it still says who acted once the
user is deleted (which sets `actor_user_id` to NULL). Existing entries are filled in from the users they name.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 04:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor_name", sa.String(length=200), nullable=True))
    op.add_column("audit_log", sa.Column("actor_email", sa.String(length=320), nullable=True))
    # Entries whose actor was deleted before this revision have nobody left to copy from and stay NULL.
    op.execute(
        "UPDATE audit_log SET actor_name = users.full_name, actor_email = users.email "
        "FROM users WHERE users.id = audit_log.actor_user_id"
    )


def downgrade() -> None:
    op.drop_column("audit_log", "actor_email")
    op.drop_column("audit_log", "actor_name")
