"""Alembic environment: runs migrations through the async engine (asyncpg).

The URL is `sqlalchemy.url` when the caller set it (the tests do), otherwise the application's
`DATABASE_URL` setting.
"""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from dream_lms.models import metadata
from dream_lms.settings import get_settings

config = context.config

# Any fixed 64-bit number, the same in every process that migrates this database.
MIGRATION_LOCK_KEY = 7_310_442_019

if config.config_file_name is not None:
    # Keep the loggers of the program that runs the migrations (the app, pytest) working.
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=metadata,
        compare_type=True,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        # Several API replicas run migrations on start: the first one migrates, the others wait here and then
        # find nothing left to do. The lock is released when the migration transaction ends.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_async_engine(database_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations_on)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
