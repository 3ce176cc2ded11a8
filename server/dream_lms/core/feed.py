"""The pull change feed (PROTOCOL.md section 9): what devices learn at their next pull, and how features write it.

Features call `publish_to_users` in the same transaction as the change itself, so a change and its feed
entries commit (or roll back) together; the entries get the writing transaction's id (`tx_id`), which is what
makes the pull cursor safe (see `ChangeFeedEntry`). `dream_lms.sync` reads the feed (pull) and compacts it.
"""

import enum
import uuid
from collections.abc import Iterable
from typing import Any, Literal

from sqlalchemy import BigInteger, CheckConstraint, Index, Sequence, String, insert, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from dream_lms.core.model_base import CreatedAt, pg_enum


class ChangeOp(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"  # a tombstone: the device removes its copy of the entity


CHANGE_FEED_SEQUENCE = Sequence("change_feed_seq", metadata=SQLModel.metadata)


class ChangeFeedEntry(CreatedAt, table=True):
    """One change a device must pull, addressed to one user or to everyone of one publisher's schools.

    `seq` comes from a sequence, so it grows whatever the clocks say. But sequence values are taken
    before commit, so a transaction can commit a lower `seq` after a reader has passed it; a cursor
    on `seq` alone would skip that row. `tx_id` is the writing transaction's id, so the pull reads in
    `(tx_id, seq)` order, only rows with `tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`
    (every such transaction has ended, so no row can still appear before them), and its cursor is the
    last `(tx_id, seq)` it returned: every row that commits later sorts after that cursor.
    """

    __tablename__ = "change_feed"
    __table_args__ = (
        CheckConstraint("num_nonnulls(user_id, publisher_id) = 1", name="exactly_one_audience"),
        Index("ix_change_feed_user_id_tx_id_seq", "user_id", "tx_id", "seq"),
        Index("ix_change_feed_publisher_id_tx_id_seq", "publisher_id", "tx_id", "seq"),
    )

    seq: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=BigInteger,
        sa_column_kwargs={"server_default": CHANGE_FEED_SEQUENCE.next_value(), "autoincrement": False},
    )
    tx_id: int | None = Field(
        default=None,
        sa_type=BigInteger,
        nullable=False,
        sa_column_kwargs={"server_default": text("(pg_current_xact_id())::text::bigint")},
    )
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    publisher_id: uuid.UUID | None = Field(default=None, foreign_key="publishers.id", ondelete="CASCADE")
    entity_type: str = Field(sa_type=String(50))
    entity_id: uuid.UUID
    op: ChangeOp = Field(sa_type=pg_enum(ChangeOp, "change_op"))
    payload: dict[str, Any] | None = Field(default=None, sa_type=JSONB)


async def publish_to_users(
    session: AsyncSession,
    user_ids: Iterable[uuid.UUID],
    entity_type: str,
    entity_id: uuid.UUID,
    op: Literal["upsert", "delete"],
    payload: dict[str, Any] | None = None,
) -> None:
    """Append one change entry per user (duplicates ignored); a `delete` is a tombstone and carries no payload."""
    recipients = sorted(set(user_ids))
    if not recipients:
        return
    change_op = ChangeOp(op)
    body = None if change_op is ChangeOp.DELETE else payload
    await session.execute(
        insert(ChangeFeedEntry),
        [
            {"user_id": user_id, "entity_type": entity_type, "entity_id": entity_id, "op": change_op, "payload": body}
            for user_id in recipients
        ],
    )


async def publish_to_publisher(
    session: AsyncSession,
    publisher_id: uuid.UUID,
    entity_type: str,
    entity_id: uuid.UUID,
    op: Literal["upsert", "delete"],
    payload: dict[str, Any] | None = None,
) -> None:
    """Append one change entry addressed to everyone of the publisher's schools (e.g. a book)."""
    change_op = ChangeOp(op)
    await session.execute(
        insert(ChangeFeedEntry).values(
            publisher_id=publisher_id,
            entity_type=entity_type,
            entity_id=entity_id,
            op=change_op,
            payload=None if change_op is ChangeOp.DELETE else payload,
        )
    )
