"""Test harness: real PostgreSQL, Redis and S3 (embedded ones unless TEST_* URLs name servers), a database
migrated by Alembic once per run, and one rolled-back transaction per test."""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from dream_lms import migrate
from dream_lms.app import create_app
from dream_lms.core.resources import Resources, create_engine, create_storage_client
from dream_lms.settings import Settings

if TYPE_CHECKING:
    from dream_lms.embedded import EmbeddedStack

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_DATABASE = "dream_lms_test"


@dataclass(frozen=True)
class Servers:
    database_url: str  # the server's maintenance database; tests create their own databases beside it
    redis_url: str
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str
    stack: "EmbeddedStack | None"


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    configured = [os.environ.get(name) for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "TEST_S3_ENDPOINT")]
    if all(configured):
        yield Servers(
            database_url=configured[0] or "",
            redis_url=configured[1] or "",
            s3_endpoint=configured[2] or "",
            s3_access_key=os.environ.get("TEST_S3_ACCESS_KEY", "dream-dev"),
            s3_secret_key=os.environ.get("TEST_S3_SECRET_KEY", "dream-dev-secret-key"),
            s3_bucket=os.environ.get("TEST_S3_BUCKET", "dream-central-storage"),
            stack=None,
        )
        return
    from dream_lms.embedded import TEST_PORTS, EmbeddedStack

    data_dir = PROJECT_ROOT / ".dream-data" / "test"
    data_dir.mkdir(parents=True, exist_ok=True)
    stack = EmbeddedStack(data_dir, TEST_PORTS)
    urls = stack.start()
    try:
        yield Servers(
            database_url=urls.database_url,
            redis_url=urls.redis_url,
            s3_endpoint=urls.s3_endpoint,
            s3_access_key=urls.s3_access_key,
            s3_secret_key=urls.s3_secret_key,
            s3_bucket=urls.s3_bucket,
            stack=stack,
        )
    finally:
        stack.stop()


def database_url_for(servers: Servers, database: str) -> str:
    return make_url(servers.database_url).set(database=database).render_as_string(hide_password=False)


async def recreate_database(servers: Servers, database: str) -> str:
    """Drop and create `database` on the test server; returns its SQLAlchemy URL."""
    url = make_url(servers.database_url)
    connection = await asyncpg.connect(
        user=url.username,
        password=url.password,
        host=url.query.get("host") or url.host,
        port=url.port,
        database=url.database,
    )
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{database}"')
    finally:
        await connection.close()
    return database_url_for(servers, database)


def settings_for(servers: Servers, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "redis_url": servers.redis_url,
        "s3_endpoint": servers.s3_endpoint,
        "s3_access_key": servers.s3_access_key,
        "s3_secret_key": servers.s3_secret_key,
        "s3_bucket": servers.s3_bucket,
        "environment": "test",
        "pwa_dist_dir": PROJECT_ROOT / "no-pwa-in-api-tests",
    }
    return Settings(**(values | overrides))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
async def migrated_database_url(servers: Servers) -> str:
    database_url = await recreate_database(servers, TEST_DATABASE)
    await asyncio.to_thread(migrate.upgrade, database_url)
    return database_url


@pytest.fixture(scope="module")
async def committed_settings(servers: Servers, request: pytest.FixtureRequest) -> Settings:
    """A migrated database of the test module's own, for tests whose rows must really commit (other processes
    such as API servers and workers only see committed rows)."""
    url = await recreate_database(servers, f"dream_lms_{request.module.__name__.rsplit('.', 1)[-1]}")
    await asyncio.to_thread(migrate.upgrade, url)
    return settings_for(servers, url)


@pytest.fixture(scope="session")
def settings(servers: Servers, migrated_database_url: str) -> Settings:
    return settings_for(servers, migrated_database_url)


@pytest.fixture
async def connection(settings: Settings) -> AsyncIterator[AsyncConnection]:
    """One connection per test inside a transaction that is rolled back at the end."""
    engine = create_engine(settings)
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield connection
        finally:
            await transaction.rollback()
    await engine.dispose()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # The app's `session.begin()` becomes a SAVEPOINT inside the test's transaction.
    return async_sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis_url)
    await client.flushdb()
    yield client
    await client.aclose()


@pytest.fixture
async def resources(
    settings: Settings,
    connection: AsyncConnection,
    sessionmaker: async_sessionmaker[AsyncSession],
    redis: Redis,
) -> AsyncIterator[Resources]:
    engine = connection.engine
    yield Resources(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        redis=redis,
        storage=create_storage_client(settings),
    )


def app_with_settings(resources: Resources, **overrides: object) -> FastAPI:
    """The app on the test's servers and transaction, with some settings changed (rate limits, for instance)."""
    settings = resources.settings.model_copy(update=overrides)
    return create_app(
        resources=Resources(settings, resources.engine, resources.sessionmaker, resources.redis, resources.storage)
    )


@pytest.fixture
async def client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(resources=resources)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.10", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
