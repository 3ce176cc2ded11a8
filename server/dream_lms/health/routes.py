import asyncio
import time
from collections.abc import Coroutine
from enum import StrEnum
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from dream_lms.auth.deps import PublicRoute
from dream_lms.core.deps import ResourcesDep
from dream_lms.core.envelope import Envelope
from dream_lms.core.ratelimit import RateCategory, rate_category
from dream_lms.core.resources import Resources
from dream_lms.worker_heartbeat import HEARTBEAT_KEY, HEARTBEAT_STALE_SECONDS

router = APIRouter(prefix="/health", tags=["health"])

CHECK_TIMEOUT_SECONDS = 3


class ComponentStatus(StrEnum):
    OK = "ok"
    DOWN = "down"


class Health(BaseModel):
    status: str
    database: ComponentStatus
    redis: ComponentStatus
    storage: ComponentStatus
    worker: ComponentStatus


async def _database_ok(resources: Resources) -> bool:
    async with resources.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
    return True


async def _redis_ok(resources: Resources) -> bool:
    return bool(await resources.redis.ping())


async def _storage_ok(resources: Resources) -> bool:
    return await asyncio.to_thread(resources.storage.bucket_exists, resources.settings.s3_bucket)


async def _worker_ok(resources: Resources) -> bool:
    beat = await resources.redis.get(HEARTBEAT_KEY)
    return beat is not None and time.time() - float(beat) < HEARTBEAT_STALE_SECONDS


async def _status(check: Coroutine[Any, Any, bool]) -> ComponentStatus:
    try:
        ok = await asyncio.wait_for(check, CHECK_TIMEOUT_SECONDS)
    except Exception:  # any failure of a dependency means it is down; health must never raise
        return ComponentStatus.DOWN
    return ComponentStatus.OK if ok else ComponentStatus.DOWN


@router.get(
    "",
    response_model=Envelope[Health],
    dependencies=[PublicRoute],
    openapi_extra=rate_category(RateCategory.EXEMPT),
)
async def get(resources: ResourcesDep) -> Envelope[Health]:
    database, redis, storage, worker = await asyncio.gather(
        _status(_database_ok(resources)),
        _status(_redis_ok(resources)),
        _status(_storage_ok(resources)),
        _status(_worker_ok(resources)),
    )
    overall = "ok" if all(s == ComponentStatus.OK for s in (database, redis, storage, worker)) else "degraded"
    return Envelope(data=Health(status=overall, database=database, redis=redis, storage=storage, worker=worker))
