"""`dream-lms`: serve, worker, migrate, seed-demo, load-sample-books, seed-demo-assignment, create-admin, compact-feed,
prune-op-log, openapi, up."""

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dream_lms.settings import get_settings

T = TypeVar("T")


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    from dream_lms import migrate

    settings = get_settings()
    if not args.no_migrate:
        migrate.upgrade(settings.database_url)
    uvicorn.run(
        "dream_lms.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level="info",
    )


def _worker(_: argparse.Namespace) -> None:
    from dream_lms.worker import run_worker

    run_worker()


def _migrate(args: argparse.Namespace) -> None:
    from dream_lms import migrate

    if args.downgrade:
        migrate.downgrade(get_settings().database_url, args.downgrade)
    else:
        migrate.upgrade(get_settings().database_url)


async def _in_transaction(work: Callable[[AsyncSession], Awaitable[None]]) -> None:
    from dream_lms.core.resources import create_engine

    engine = create_engine(get_settings())
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            await work(session)
    finally:
        await engine.dispose()


def _seed_demo(_: argparse.Namespace) -> None:
    from dream_lms.demo import seed_demo

    asyncio.run(_in_transaction(seed_demo))
    print("Demo data is loaded.")


def _load_sample_books(_: argparse.Namespace) -> None:
    from dream_lms.books.samples import upload_sample_books
    from dream_lms.books.sync import sync_catalogue
    from dream_lms.core.resources import create_storage_client

    settings = get_settings()
    storage = create_storage_client(settings)

    async def work(session: AsyncSession) -> None:
        await upload_sample_books(storage, settings.s3_bucket)
        summary = await sync_catalogue(session, storage, settings.s3_bucket)
        print(summary.model_dump_json(indent=2))

    asyncio.run(_in_transaction(work))


def _seed_demo_assignment(_: argparse.Namespace) -> None:
    from dream_lms.demo_assignment import seed_demo_assignment

    async def work(session: AsyncSession) -> None:
        print(await seed_demo_assignment(session))

    asyncio.run(_in_transaction(work))


def _create_admin(args: argparse.Namespace) -> None:
    from dream_lms.users.accounts import create_admin

    password = os.environ.get("DREAM_ADMIN_PASSWORD") or getpass.getpass("Password for the new admin: ")

    async def work(session: AsyncSession) -> None:
        await create_admin(session, email=args.email, full_name=args.name, password=password)

    asyncio.run(_in_transaction(work))
    print(f"Admin {args.email} created.")


async def _with_sessionmaker(work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]) -> T:
    """For work that commits step by step in transactions of its own, not in one."""
    from dream_lms.core.resources import create_engine

    engine = create_engine(get_settings())
    try:
        return await work(async_sessionmaker(engine, expire_on_commit=False))
    finally:
        await engine.dispose()


def _compact_feed(_: argparse.Namespace) -> None:
    from dream_lms.sync.compaction import compact_feed

    # Compaction commits chunk by chunk (see dream_lms.sync.compaction).
    summary = asyncio.run(_with_sessionmaker(compact_feed))
    print(f"{summary.deleted} superseded change feed entries deleted ({summary.audiences} audiences).")


def _prune_op_log(_: argparse.Namespace) -> None:
    from dream_lms.sync.op_log import op_log_cutoff, prune_op_log

    cutoff = op_log_cutoff(get_settings())
    if cutoff is None:
        print("SYNC_OP_RETENTION_DAYS is 0 or less: the op log is kept forever, nothing deleted.")
        return
    # Pruning commits batch by batch (see dream_lms.sync.op_log).
    deleted = asyncio.run(_with_sessionmaker(lambda sessionmaker: prune_op_log(sessionmaker, cutoff)))
    print(f"{deleted} op log records received before {cutoff.isoformat()} deleted.")


def _openapi(_: argparse.Namespace) -> None:
    from dream_lms.app import create_app

    json.dump(create_app().openapi(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def _up(args: argparse.Namespace) -> None:
    from dream_lms.embedded import EmbeddedStackError
    from dream_lms.launcher import run_system

    try:
        run_system(profile=args.profile, port=args.port)
    except EmbeddedStackError as error:  # e.g. the `embedded` extra is not installed: say what to do
        sys.exit(f"error: {error}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dream-lms", description="Dream LMS server tools")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run migrations, then the API server")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-migrate", action="store_true", help="skip migrations (someone else ran them)")
    serve.add_argument("--forwarded-allow-ips", default=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
    serve.set_defaults(run=_serve)

    commands.add_parser("worker", help="run the background worker").set_defaults(run=_worker)

    migrate = commands.add_parser("migrate", help="upgrade the database to the latest schema")
    migrate.add_argument("--downgrade", metavar="REVISION", help="downgrade to REVISION instead (e.g. base)")
    migrate.set_defaults(run=_migrate)

    commands.add_parser("seed-demo", help="load the demo accounts, school and class").set_defaults(run=_seed_demo)

    commands.add_parser(
        "load-sample-books", help="upload the two sample books into the bucket and sync the catalogue"
    ).set_defaults(run=_load_sample_books)

    commands.add_parser(
        "seed-demo-assignment",
        help="give the demo class its first assignment, already submitted by student5 (after load-sample-books)",
    ).set_defaults(run=_seed_demo_assignment)

    admin = commands.add_parser("create-admin", help="create an admin (password from DREAM_ADMIN_PASSWORD or a prompt)")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", required=True)
    admin.set_defaults(run=_create_admin)

    commands.add_parser(
        "compact-feed", help="delete superseded change feed entries now (the worker does it every 10 minutes)"
    ).set_defaults(run=_compact_feed)

    commands.add_parser(
        "prune-op-log",
        help="delete op log records older than SYNC_OP_RETENTION_DAYS now (the worker does it every hour)",
    ).set_defaults(run=_prune_op_log)

    commands.add_parser("openapi", help="print the OpenAPI document").set_defaults(run=_openapi)

    up = commands.add_parser("up", help="start the whole system (embedded servers unless configured)")
    up.add_argument("--profile", choices=["run", "e2e"], default="run")
    up.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    up.set_defaults(run=_up)
    return parser


def main(argv: list[str] | None = None) -> None:
    from dream_lms.core.errors import DreamError

    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except DreamError as error:
        details = "".join(f"\n  {d.field or '-'}: {d.message}" for d in error.details)
        sys.exit(f"error: {error.message}{details}")


if __name__ == "__main__":
    main()
