"""Dependency aliases shared by every feature (`SessionDep`, `RedisDep`, ...)."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from minio import Minio
from redis.asyncio import Redis
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.core.errors import ServiceUnavailable
from dream_lms.core.jobs import enqueue_committed
from dream_lms.core.resources import Resources
from dream_lms.settings import Settings

# The getters are `async def` although they do no I/O: FastAPI runs a plain `def` dependency in its thread pool,
# a thread hop per dependency per request.


async def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


async def get_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    # One transaction per request: committed when the route returns, rolled back when it raises.
    # Services never commit. scope="function" makes the commit happen before the response is sent,
    # so a client never sees success for a write that failed to commit. The jobs the request scheduled
    # (core.jobs.schedule_job) are enqueued after the commit, also before the response.
    async with resources.sessionmaker() as session:
        async with session.begin():
            try:
                await session.connection()
            except (OSError, SQLAlchemyTimeoutError) as exc:
                # Unreachable or exhausted database: say so plainly instead of failing somewhere inside a route.
                raise ServiceUnavailable("The database is unavailable; try again shortly.") from exc
            yield session
        await enqueue_committed(session, resources.redis)


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_redis(resources: ResourcesDep) -> Redis:
    return resources.redis


async def get_storage(resources: ResourcesDep) -> Minio:
    return resources.storage


async def get_settings_dep(resources: ResourcesDep) -> Settings:
    return resources.settings


RedisDep = Annotated[Redis, Depends(get_redis)]
StorageDep = Annotated[Minio, Depends(get_storage)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


class PageParams:
    def __init__(
        self,
        page: Annotated[int, Query(ge=1, le=100_000, description="1-based page number")] = 1,
        per_page: Annotated[int, Query(ge=1, le=100, description="items per page")] = 20,
    ) -> None:
        self.page = page
        self.per_page = per_page

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


PageDep = Annotated[PageParams, Depends()]
