"""Worker jobs scheduled by a transaction and enqueued (arq) only once it commits.

A job that reads what a request wrote must not run before the write is visible, and must not run at all when the
write rolls back. So code never enqueues directly: it calls `schedule_job(session, ...)`, which keeps the job on the
session; when the transaction commits the job is marked due, when it rolls back the job is dropped; and the owner of
the transaction calls `enqueue_committed(session, redis)` after the commit (the request's `SessionDep` does; a job
that opens its own transaction does the same). A savepoint that rolls back does not drop what was scheduled inside
it: schedule after the savepoint is released.

A debounced job has a fixed `job_id` and a `defer_by`: arq refuses a second job with the id of one still queued, so
changes within the delay enqueue one job. A failed enqueue (Redis down) only logs: work that must not be lost has a
sweep of its own (e.g. the attempts marked `needs_rescore`).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from arq.connections import ArqRedis
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger(__name__)

_SCHEDULED = "dream_lms.jobs.scheduled"  # session.info keys
_DUE = "dream_lms.jobs.due"


@dataclass(frozen=True)
class ScheduledJob:
    function: str
    args: tuple[Any, ...]
    job_id: str | None
    defer_by: timedelta | None


def schedule_job(
    session: AsyncSession,
    function: str,
    *args: Any,
    job_id: str | None = None,
    defer_by: timedelta | None = None,
) -> None:
    """Enqueue the arq job `function(*args)` once the session's transaction commits; never if it rolls back."""
    sync_session = session.sync_session
    if _SCHEDULED not in sync_session.info:
        sync_session.info[_SCHEDULED] = []
        event.listen(sync_session, "after_commit", _mark_due)
        event.listen(sync_session, "after_transaction_end", _drop_scheduled)
    sync_session.info[_SCHEDULED].append(ScheduledJob(function, args, job_id, defer_by))


def _mark_due(sync_session: Session) -> None:
    # after_commit fires for the outermost transaction only, never for a savepoint.
    sync_session.info.setdefault(_DUE, []).extend(sync_session.info.get(_SCHEDULED, []))
    sync_session.info[_SCHEDULED] = []


def _drop_scheduled(sync_session: Session, transaction: SessionTransaction) -> None:
    # The outermost transaction ended: what a commit did not mark due was rolled back. (after_rollback would also
    # fire for a savepoint rolled back, dropping the jobs of the savepoints before it.)
    if transaction.parent is None:
        sync_session.info[_SCHEDULED] = []


async def enqueue_committed(session: AsyncSession, redis: Redis) -> int:
    """Enqueue the jobs of the session's committed transactions; returns how many arq accepted (a debounced job
    already queued is refused, and not counted)."""
    due: list[ScheduledJob] = session.sync_session.info.pop(_DUE, [])
    if not due:
        return 0
    accepted = 0
    try:
        pool = ArqRedis(redis.connection_pool)  # an ArqRedis on the same connections: no second pool
        for job in due:
            queued = await pool.enqueue_job(job.function, *job.args, _job_id=job.job_id, _defer_by=job.defer_by)
            accepted += queued is not None
    except (RedisError, OSError):
        log.warning("could not enqueue %d job(s) after commit; their sweeps will pick them up", len(due), exc_info=True)
    return accepted
