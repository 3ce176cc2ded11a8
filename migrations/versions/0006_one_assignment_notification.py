"""One `assignment_created` notification per student and assignment: a partial unique index on notifications
(user_id, data->>'assignment_id') WHERE type = 'assignment_created', which the insert targets with ON CONFLICT DO
NOTHING. Two requests notifying the same student at the same moment could both pass the old NOT EXISTS check.

Duplicates made that way are removed first: the earliest per user and assignment stays, the later ones go with
their change-feed entries (entity `notification`, addressed to the recipient). Deleting feed entries is safe for
cursors for the same reason as compaction (PROTOCOL.md 9.4): a cursor is a position, not a row. A device that has
not pulled the duplicate yet never sees it; one that already has it keeps that copy (notifications are never
deleted on the device), and marking it read gets 404, which drops the queued mark.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_notifications_user_id_assignment_created"


def upgrade() -> None:
    # Running API replicas keep writing during the migration: block their inserts until the index exists, or a
    # duplicate made between the clean-up and CREATE INDEX would fail it. Reads go on.
    op.execute("LOCK TABLE notifications IN SHARE ROW EXCLUSIVE MODE")
    op.execute(
        """
        WITH ranked AS (
            SELECT id, row_number() OVER (
                PARTITION BY user_id, data ->> 'assignment_id' ORDER BY created_at, id
            ) AS rank
            FROM notifications
            WHERE type = 'assignment_created' AND data ->> 'assignment_id' IS NOT NULL
        ), removed AS (
            DELETE FROM notifications USING ranked
            WHERE notifications.id = ranked.id AND ranked.rank > 1
            RETURNING notifications.id, notifications.user_id
        )
        DELETE FROM change_feed USING removed
        WHERE change_feed.user_id = removed.user_id
            AND change_feed.entity_type = 'notification'
            AND change_feed.entity_id = removed.id
        """
    )
    op.create_index(
        INDEX,
        "notifications",
        ["user_id", sa.literal_column("(data ->> 'assignment_id')")],
        unique=True,
        postgresql_where=sa.text("type = 'assignment_created'"),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="notifications", postgresql_where=sa.text("type = 'assignment_created'"))
