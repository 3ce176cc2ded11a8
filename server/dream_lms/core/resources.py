"""The process-wide clients (database engine, Redis, object storage), created by the app's lifespan or the worker.

Nothing here runs at import time: `open_resources` builds them from settings and `close` releases them.
"""

from dataclasses import dataclass

from minio import Minio
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from urllib3 import PoolManager, Retry, Timeout

from dream_lms.settings import Settings


@dataclass
class Resources:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    redis: Redis
    storage: Minio

    async def close(self) -> None:
        await self.redis.aclose()
        await self.engine.dispose()


def create_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        pool_pre_ping=True,
        pool_timeout=10,
    )


def create_storage_client(settings: Settings) -> Minio:
    # Short timeouts and few retries: when storage is down the API answers 503 quickly instead of hanging.
    http = PoolManager(
        timeout=Timeout(connect=3, read=20),
        retries=Retry(total=2, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
        maxsize=20,
    )
    return Minio(
        settings.s3_endpoint,
        access_key=settings.s3_access_key,
        secret_key=settings.s3_secret_key.get_secret_value(),
        secure=settings.s3_secure,
        region=settings.s3_region,
        http_client=http,
    )


def open_resources(settings: Settings) -> Resources:
    engine = create_engine(settings)
    return Resources(
        settings=settings,
        engine=engine,
        sessionmaker=async_sessionmaker(engine, expire_on_commit=False),
        redis=Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=3),
        storage=create_storage_client(settings),
    )
