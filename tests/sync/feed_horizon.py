"""Waiting for the change feed's horizon (dream_lms.sync.feed.FEED_HORIZON) in tests whose rows commit.

The horizon is the oldest transaction still running on the whole PostgreSQL server, not in one database: a test
of another xdist worker, in a transaction of its own database, holds it back for as long as it runs. A pull or a
compaction sees only entries below it, so a test that expects every committed entry to be seen waits first.
"""

import asyncio
import time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.sync.feed import FEED_HORIZON

# Another worker's test ends its transaction within seconds; this only bounds a transaction left open by mistake.
HORIZON_TIMEOUT_SECONDS = 120.0


async def until_the_horizon_passes_the_feed(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Return once every transaction that wrote this database's feed, and every older one on the server, has ended."""
    async with sessionmaker() as session:
        newest = await session.scalar(select(func.max(col(ChangeFeedEntry.tx_id))))
    if newest is None:
        return
    deadline = time.monotonic() + HORIZON_TIMEOUT_SECONDS
    while True:
        async with sessionmaker() as session:
            horizon = await session.scalar(select(FEED_HORIZON))
        if horizon is not None and horizon > newest:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the feed horizon stayed at {horizon}, not above {newest}: a transaction left open?")
        await asyncio.sleep(0.05)
