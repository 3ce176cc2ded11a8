"""Compaction of the pull change feed (PROTOCOL.md 9.4): delete every entry superseded by a later entry for the same
audience and entity, so a pull from a null cursor replays about one entry per entity instead of every change ever
made, and the table stays bounded by (entities x audiences).

An entry E is superseded when an entry L of the same audience (the same `user_id`, or the same `publisher_id`),
`entity_type` and `entity_id` comes later in pull order, `(L.tx_id, L.seq) > (E.tx_id, E.seq)`, and both are below
the horizon `FEED_HORIZON` (their transactions have ended, exactly the rows a pull may read).

Why deleting E is safe for every cursor:
- A cursor at or past E: that device already read E; removing E changes nothing after its cursor.
- A cursor before E: L sorts after E, hence after the cursor, and L is never deleted unless a still later entry of
  the same audience and entity remains (the latest one per audience and entity is never deleted), so the device
  still pulls an entry that supersedes E. Every upsert carries the whole entity (an `attempt` carries the
  server's merged state, which includes every earlier state since the merge is a join) and a delete is a
  tombstone, so applying the later entry alone leaves the same local state as applying E and then it.
- L is committed and below this transaction's horizon, so every pull that starts after this deletion commits sees
  L (a later snapshot's horizon is never lower); a pull running concurrently still sees E in its snapshot.
- Deleting never reorders what remains nor moves a cursor: a device continuing its cursor across a compaction
  ends with the same entities and payloads as one that pulled everything before it (tests/sync/test_feed_compaction).
Entries of transactions above the horizon are not considered at all, neither as superseded nor as superseding: a
device could not pull them yet.

Tombstones are kept while they are the latest entry of their entity (no retention by age): a device offline since
before the delete must still learn it, and a tombstone is a small row without payload. See PROTOCOL.md 9.4.

Small transactions (`delete_in_short_transactions`, which says why): each handles at most `AUDIENCE_BATCH`
audiences and deletes at most `DELETE_BATCH` rows; rows of the feed are only ever inserted, so the row locks it
takes block no one.
"""

import logging
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.core.resources import Resources
from dream_lms.sync.feed import FEED_HORIZON, delete_in_short_transactions

log = logging.getLogger(__name__)

AUDIENCE_BATCH = 200
DELETE_BATCH = 5_000

AudienceColumn = Literal["user_id", "publisher_id"]
AUDIENCE_COLUMNS: tuple[AudienceColumn, ...] = ("user_id", "publisher_id")


@dataclass
class CompactionSummary:
    audiences: int = 0  # audiences visited
    deleted: int = 0  # superseded entries deleted


def _audience(column: AudienceColumn) -> Any:
    return col(ChangeFeedEntry.user_id) if column == "user_id" else col(ChangeFeedEntry.publisher_id)


async def next_audiences(
    session: AsyncSession, column: AudienceColumn, after: uuid.UUID | None, limit: int
) -> list[uuid.UUID]:
    """The next audiences with feed entries after `after`, in id order (read through the audience's index)."""
    audience = _audience(column)
    query = select(audience).where(audience.is_not(None)).distinct().order_by(audience).limit(limit)
    if after is not None:
        query = query.where(audience > after)
    return list(await session.scalars(query))


async def delete_superseded(
    session: AsyncSession, *, column: AudienceColumn, audiences: list[uuid.UUID], limit: int
) -> int:
    """Delete up to `limit` superseded entries of these audiences (below the horizon); returns how many."""
    audience = _audience(column)
    newer = (
        func.row_number()
        .over(
            partition_by=(audience, col(ChangeFeedEntry.entity_type), col(ChangeFeedEntry.entity_id)),
            order_by=(col(ChangeFeedEntry.tx_id).desc(), col(ChangeFeedEntry.seq).desc()),
        )
        .label("newer")
    )
    # The audience's index (audience, tx_id, seq) finds its rows; rank 1 is the latest per entity, kept.
    ranked = (
        select(col(ChangeFeedEntry.seq), newer)
        .where(audience.in_(audiences), col(ChangeFeedEntry.tx_id) < FEED_HORIZON)
        .subquery()
    )
    superseded = select(ranked.c.seq).where(ranked.c.newer > 1).limit(limit)
    result = await session.execute(delete(ChangeFeedEntry).where(col(ChangeFeedEntry.seq).in_(superseded)))
    deleted: int = result.rowcount  # type: ignore[attr-defined]
    return deleted


async def compact_feed(sessionmaker: async_sessionmaker[AsyncSession]) -> CompactionSummary:
    """One pass over every audience, each chunk in its own short transaction; running it again is a no-op until
    new entries arrive. Safe to run concurrently with pulls, pushes and another compaction."""
    summary = CompactionSummary()
    for column in AUDIENCE_COLUMNS:
        after: uuid.UUID | None = None
        while True:
            async with sessionmaker() as session:
                batch = await next_audiences(session, column, after, AUDIENCE_BATCH)
            if not batch:
                break
            delete_batch = partial(delete_superseded, column=column, audiences=batch)
            summary.deleted += await delete_in_short_transactions(sessionmaker, delete_batch, DELETE_BATCH)
            summary.audiences += len(batch)
            after = batch[-1]
    return summary


# ---------------------------------------------------------------------------------------------------------------
# arq job (registered in dream_lms.worker, as a cron job)


async def compact_change_feed(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    summary = await compact_feed(resources.sessionmaker)
    log.info("change feed compacted: %s audiences, %s superseded entries deleted", summary.audiences, summary.deleted)
    return summary.deleted
