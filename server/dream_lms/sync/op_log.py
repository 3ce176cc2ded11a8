"""The op log (`sync_ops`, PROTOCOL.md 7.2): each device's answered ops, which the attempt service reads and writes
through `DeviceOpLog` (its `OpLog`), and their pruning by age.

Pruning: ops received more than `sync_op_retention_days` ago
are deleted, so the log stays bounded by what devices pushed recently instead of growing with every op ever pushed.

The log only answers replays, and a device replays an op when it never got the answer, normally within minutes of
the push; an op pushed again after its record is gone is judged anew (PROTOCOL.md 7.2).

Small transactions (`delete_in_short_transactions`, which says why): each deletes at most `PRUNE_BATCH` rows,
found through the index on `received_at`; a run cut short (the job's timeout, a first run on a big table) loses
nothing, the next run goes on. A short transaction also holds few row locks, which a push recording the same op
would wait for.
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from dream_lms.core.resources import Resources
from dream_lms.settings import Settings
from dream_lms.sync.devices import register_device
from dream_lms.sync.feed import delete_in_short_transactions
from dream_lms.sync.models import SyncOp

log = logging.getLogger(__name__)

PRUNE_BATCH = 5_000


@dataclass(frozen=True)
class DeviceOpLog:
    """The op log of one (user, device): `dream_lms.attempts.service.OpLog`."""

    user_id: uuid.UUID
    device_id: uuid.UUID

    async def recorded(self, session: AsyncSession, op_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        rows = await session.execute(
            select(col(SyncOp.op_id), col(SyncOp.result)).where(
                col(SyncOp.user_id) == self.user_id,
                col(SyncOp.device_id) == self.device_id,
                col(SyncOp.op_id).in_(op_ids),
            )
        )
        return {row[0]: row[1] for row in rows}

    async def record(self, session: AsyncSession, answered: Sequence[tuple[uuid.UUID, str, dict[str, Any]]]) -> None:
        """Written in the transaction of the change, so a replay after a crash is answered alike."""
        if not answered:
            return
        await session.execute(
            insert(SyncOp).on_conflict_do_nothing(index_elements=["user_id", "device_id", "op_id"]),
            [
                {"user_id": self.user_id, "device_id": self.device_id, "op_id": op_id, "kind": kind, "result": result}
                for op_id, kind, result in answered
            ],
        )


async def open_device_op_log(session: AsyncSession, user_id: uuid.UUID, device_id: uuid.UUID, name: str) -> DeviceOpLog:
    """Register the device (its ops' records refer to it) and give its op log: how the online endpoints, which have
    no device of their own, log their ops (`dream_lms.attempts.online.OpenOpLog`, wired by the app)."""
    await register_device(session, user_id, device_id, skew_ms=0, name=name)
    return DeviceOpLog(user_id, device_id)


def op_log_cutoff(settings: Settings) -> datetime | None:
    """Ops received before this moment are pruned; None when the log is kept forever (a retention of 0 or less)."""
    if settings.sync_op_retention_days <= 0:
        return None
    return datetime.now(UTC) - timedelta(days=settings.sync_op_retention_days)


async def delete_received_before(session: AsyncSession, *, cutoff: datetime, limit: int) -> int:
    """Delete up to `limit` ops received before `cutoff`; returns how many."""
    key = (col(SyncOp.user_id), col(SyncOp.device_id), col(SyncOp.op_id))
    old = select(*key).where(col(SyncOp.received_at) < cutoff).limit(limit)
    result = await session.execute(delete(SyncOp).where(tuple_(*key).in_(old)))
    deleted: int = result.rowcount  # type: ignore[attr-defined]
    return deleted


async def prune_op_log(
    sessionmaker: async_sessionmaker[AsyncSession], cutoff: datetime, *, batch: int = PRUNE_BATCH
) -> int:
    """Delete every op received before `cutoff`, `batch` rows per transaction; returns how many. Safe to run
    concurrently with pushes and another pruning."""
    return await delete_in_short_transactions(sessionmaker, partial(delete_received_before, cutoff=cutoff), batch)


# ---------------------------------------------------------------------------------------------------------------
# arq job (registered in dream_lms.worker, as a cron job)


async def prune_sync_op_log(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    cutoff = op_log_cutoff(resources.settings)
    if cutoff is None:
        return 0
    deleted = await prune_op_log(resources.sessionmaker, cutoff)
    log.info("op log pruned: %s ops received before %s deleted", deleted, cutoff.isoformat())
    return deleted
