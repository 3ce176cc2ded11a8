"""The catalogue sync as an arq job, with its status and progress kept in Redis for the admin's polling."""

import enum
import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis
from pydantic import BaseModel
from redis.asyncio import Redis

from dream_lms.books.sync import SyncSummary, sync_catalogue
from dream_lms.core.errors import DreamError
from dream_lms.core.resources import Resources

log = logging.getLogger(__name__)

_STATUS_TTL_SECONDS = 7 * 24 * 3600


class SyncState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class SyncStatus(BaseModel):
    job_id: str
    state: SyncState
    books_done: int = 0
    books_total: int | None = None
    summary: SyncSummary | None = None
    error: str | None = None
    updated_at: datetime


def _status_key(job_id: str) -> str:
    return f"books:sync:{job_id}"


async def save_status(redis: Redis, status: SyncStatus) -> None:
    status.updated_at = datetime.now(UTC)
    await redis.set(_status_key(status.job_id), status.model_dump_json(), ex=_STATUS_TTL_SECONDS)


async def load_status(redis: Redis, job_id: str) -> SyncStatus | None:
    raw = await redis.get(_status_key(job_id))
    return SyncStatus.model_validate_json(raw) if raw else None


async def enqueue_sync(redis: Redis, storage_ids: list[str] | None = None) -> SyncStatus:
    job_id = uuid.uuid4().hex
    status = SyncStatus(job_id=job_id, state=SyncState.QUEUED, updated_at=datetime.now(UTC))
    await save_status(redis, status)
    # ArqRedis is a Redis subclass: sharing the pool avoids a second set of connections.
    await ArqRedis(redis.connection_pool).enqueue_job(SYNC_JOB, job_id, storage_ids, _job_id=job_id)
    return status


async def run_sync(resources: Resources, job_id: str, storage_ids: list[str] | None = None) -> SyncStatus:
    """Run the catalogue sync (all books, or `storage_ids`) in one transaction, recording progress under `job_id`."""
    status = SyncStatus(job_id=job_id, state=SyncState.RUNNING, updated_at=datetime.now(UTC))
    await save_status(resources.redis, status)

    async def progress(done: int, total: int) -> None:
        status.books_done, status.books_total = done, total
        await save_status(resources.redis, status)

    try:
        async with resources.sessionmaker() as session, session.begin():
            status.summary = await sync_catalogue(
                session, resources.storage, resources.settings.s3_bucket, only=storage_ids, progress=progress
            )
        status.state = SyncState.DONE
    except DreamError as exc:
        status.state, status.error = SyncState.FAILED, exc.message
    except Exception:
        # No driver or SQL message reaches a client; the log has the details.
        log.exception("catalogue sync %s failed", job_id)
        status.state, status.error = SyncState.FAILED, "The sync failed unexpectedly; see the server log."
    await save_status(resources.redis, status)
    return status


async def sync_book_catalogue(ctx: dict[str, Any], job_id: str, storage_ids: list[str] | None = None) -> str:
    """The arq job (see worker.job_functions)."""
    status = await run_sync(ctx["resources"], job_id, storage_ids)
    return status.state.value


# arq registers a job under its function's name.
SYNC_JOB = sync_book_catalogue.__name__
