"""Reading the pull change feed (PROTOCOL.md section 9): the pages a device pulls, and the short delete
transactions of compaction and pruning. Features write the feed with `dream_lms.core.feed`."""

import base64
import uuid
from collections.abc import Awaitable
from typing import Protocol

from sqlalchemy import literal, or_, select, text, tuple_, union
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.orgs.models import Publisher, School, Student, Teacher

# ---------------------------------------------------------------------------------------------------------------
# Reading the feed (PROTOCOL.md 9.3)

CURSOR_VERSION = "v1"

# Every transaction with a smaller id has ended: no row below it can still appear behind a reader.
FEED_HORIZON = text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")


class BatchDelete(Protocol):
    def __call__(self, session: AsyncSession, *, limit: int) -> Awaitable[int]: ...


async def delete_in_short_transactions(
    sessionmaker: async_sessionmaker[AsyncSession], delete_batch: BatchDelete, batch: int
) -> int:
    """Run `delete_batch` (which deletes at most `limit` rows and says how many) in one transaction after another
    until it deletes fewer than `batch`; returns how many rows went in all.

    A DELETE transaction holds a transaction id while it runs, and `FEED_HORIZON` cannot pass a running transaction:
    one long delete would hide every new change from every pull until it ended. A run cut short loses nothing."""
    deleted = 0
    while True:
        async with sessionmaker() as session, session.begin():
            count = await delete_batch(session, limit=batch)
        deleted += count
        if count < batch:
            return deleted


class CursorInvalid(ValueError):
    """The cursor is malformed or not one this server made."""


def encode_cursor(tx_id: int, seq: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_VERSION}.{tx_id}.{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[int, int]:
    if cursor is None:
        return 0, 0
    try:
        text_value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, tx_id, seq = text_value.split(".")
        position = int(tx_id), int(seq)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CursorInvalid("malformed cursor") from exc
    if version != CURSOR_VERSION or position[0] < 0 or position[1] < 0:
        raise CursorInvalid("unknown cursor version")
    return position


async def publishers_of_user(session: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """The publishers whose school-wide entries reach the user (their school's publisher, or their own)."""
    via_student = (
        select(col(School.publisher_id))
        .join(Student, col(Student.school_id) == col(School.id))
        .where(col(Student.user_id) == user_id)
    )
    via_teacher = (
        select(col(School.publisher_id))
        .join(Teacher, col(Teacher.school_id) == col(School.id))
        .where(col(Teacher.user_id) == user_id)
    )
    own = select(col(Publisher.id)).where(col(Publisher.user_id) == user_id)
    return sorted(set(await session.scalars(union(via_student, via_teacher, own))))


async def read_feed(
    session: AsyncSession, user_id: uuid.UUID, cursor: str | None, limit: int
) -> tuple[list[ChangeFeedEntry], str, bool]:
    """One page of the user's feed after `cursor`: (entries, next cursor, has_more)."""
    tx_id, seq = decode_cursor(cursor)
    publishers = await publishers_of_user(session, user_id)
    audience = col(ChangeFeedEntry.user_id) == user_id
    if publishers:
        audience = or_(audience, col(ChangeFeedEntry.publisher_id).in_(publishers))
    rows = list(
        await session.scalars(
            select(ChangeFeedEntry)
            .where(
                audience,
                col(ChangeFeedEntry.tx_id) < FEED_HORIZON,
                tuple_(col(ChangeFeedEntry.tx_id), col(ChangeFeedEntry.seq)) > tuple_(literal(tx_id), literal(seq)),
            )
            .order_by(col(ChangeFeedEntry.tx_id), col(ChangeFeedEntry.seq))
            .limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        last = rows[-1]
        assert last.tx_id is not None and last.seq is not None
        next_cursor = encode_cursor(last.tx_id, last.seq)
    else:
        next_cursor = cursor if cursor is not None else encode_cursor(0, 0)
    return rows, next_cursor, has_more
