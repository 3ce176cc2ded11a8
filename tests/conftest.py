"""Test harness: real PostgreSQL, Redis and S3 (embedded ones unless TEST_* URLs name servers), a database
migrated by Alembic once per run (once per worker under xdist), and one rolled-back transaction per test.

`pytest -n auto` (pytest-xdist, as `make test` runs it) shares the servers between the workers: the first worker to
ask starts the embedded ones (EmbeddedStack.start takes a file lock and reuses live servers), and the controller stops
them once every worker is done. Each worker has databases of its own (like polar's tests/fixtures/database.py: one
per worker, migrated once), a Redis database of its own (tests flush theirs) and an S3 bucket of its own (tests empty
folders of theirs). `--dist loadfile` keeps each test module on one worker, so its module-scoped database is migrated
once and the files whose tests run in order (tests/test_embedded.py) keep their order.
"""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from xdist import is_xdist_worker

from dream_lms import migrate
from dream_lms.app import create_app
from dream_lms.core.resources import Resources, create_engine, create_storage_client
from dream_lms.embedded import TEST_PORTS, EmbeddedStack, StackPorts
from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_DATABASE = "dream_lms_test"
# Moves the embedded test servers from their fixed ports (embedded.TEST_PORTS) to nine ports from this one.
PORT_BASE_VARIABLE = "DREAM_TEST_PORT_BASE"
# What xdist's `worker_id` is when the tests are not distributed.
NOT_DISTRIBUTED = "master"


@dataclass(frozen=True)
class Servers:
    database_url: str  # the server's maintenance database; tests create their own databases beside it
    redis_url: str
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str


def configured_servers() -> Servers | None:
    """The servers named by TEST_DATABASE_URL, TEST_REDIS_URL and TEST_S3_ENDPOINT, if all three are set."""
    configured = [os.environ.get(name) for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "TEST_S3_ENDPOINT")]
    if not all(configured):
        return None
    return Servers(
        database_url=configured[0] or "",
        redis_url=configured[1] or "",
        s3_endpoint=configured[2] or "",
        s3_access_key=os.environ.get("TEST_S3_ACCESS_KEY", "dream-dev"),
        s3_secret_key=os.environ.get("TEST_S3_SECRET_KEY", "dream-dev-secret-key"),
        s3_bucket=os.environ.get("TEST_S3_BUCKET", "dream-central-storage"),
    )


def embedded_test_stack() -> EmbeddedStack:
    port_base = os.environ.get(PORT_BASE_VARIABLE)
    if port_base:
        # A data folder per port block: the pid files of a stack on other ports must not be taken for this one's.
        return EmbeddedStack(PROJECT_ROOT / ".dream-data" / f"test-{port_base}", StackPorts.from_base(int(port_base)))
    return EmbeddedStack(PROJECT_ROOT / ".dream-data" / "test", TEST_PORTS)


def for_worker(servers: Servers, worker_id: str) -> Servers:
    """The worker's own Redis database and bucket on the shared servers (unchanged when not distributed)."""
    if worker_id == NOT_DISTRIBUTED:
        return servers
    redis_url = urlsplit(servers.redis_url)
    # Redis has 16 databases (0-15) unless configured otherwise: enough for 15 workers.
    redis_database = int(redis_url.path.strip("/") or 0) + 1 + int(worker_id.removeprefix("gw"))
    worker_servers = replace(
        servers,
        redis_url=redis_url._replace(path=f"/{redis_database}").geturl(),
        s3_bucket=f"{servers.s3_bucket}-{worker_id}",
    )
    storage = create_storage_client(settings_for(worker_servers, worker_servers.database_url))
    if not storage.bucket_exists(worker_servers.s3_bucket):
        storage.make_bucket(worker_servers.s3_bucket)
    return worker_servers


@pytest.fixture(scope="session")
def servers(request: pytest.FixtureRequest, worker_id: str) -> Iterator[Servers]:
    shared = configured_servers()
    if shared is not None:
        yield for_worker(shared, worker_id)
        return
    stack = embedded_test_stack()
    urls = stack.start()
    try:
        yield for_worker(
            Servers(
                database_url=urls.database_url,
                redis_url=urls.redis_url,
                s3_endpoint=urls.s3_endpoint,
                s3_access_key=urls.s3_access_key,
                s3_secret_key=urls.s3_secret_key,
                s3_bucket=urls.s3_bucket,
            ),
            worker_id,
        )
    finally:
        if not is_xdist_worker(request):  # the other workers may still use them: the controller stops them
            stack.stop()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In the xdist controller, after every worker has finished: stop the embedded servers the workers shared."""
    if session.config.pluginmanager.has_plugin("dsession") and configured_servers() is None:
        embedded_test_stack().stop()


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
async def migrated_database_url(servers: Servers, worker_id: str) -> str:
    """The database of this worker's rolled-back tests, migrated once."""
    database_url = await recreate_database(servers, f"{TEST_DATABASE}_{worker_id}")
    await asyncio.to_thread(migrate.upgrade, database_url)
    return database_url


@pytest.fixture(scope="module")
async def committed_settings(servers: Servers, worker_id: str, request: pytest.FixtureRequest) -> Settings:
    """A migrated database of the test module's own (on this worker), for tests whose rows must really commit
    (other processes such as API servers and workers only see committed rows)."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    url = await recreate_database(servers, f"dream_lms_{module}_{worker_id}")
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
