"""Change feed compaction with committed rows (the horizon only passes ended transactions): superseded entries go,
the latest per audience and entity stays, open transactions are left alone, and a device continuing its cursor
across a compaction ends exactly like one that pulled the whole feed before it."""

import asyncio
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from sqlalchemy import select, text
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.core.feed import ChangeFeedEntry, publish_to_publisher, publish_to_users
from dream_lms.core.resources import Resources, open_resources
from dream_lms.settings import Settings
from dream_lms.sync.compaction import compact_change_feed, compact_feed
from dream_lms.sync.feed import read_feed
from dream_lms.worker import build_worker
from tests.factories import make_account, make_publisher
from tests.processes import environment_for
from tests.sync.feed_horizon import until_the_horizon_passes_the_feed

Key = tuple[str, uuid.UUID]


@dataclass
class People:
    publisher_id: uuid.UUID
    students: list[uuid.UUID]  # user ids, in the publisher's school


@pytest.fixture
async def resources(committed_settings: Settings) -> AsyncIterator[Resources]:
    resources = open_resources(committed_settings)
    yield resources
    await resources.close()


async def _people(resources: Resources, students: int = 2) -> People:
    async with resources.sessionmaker() as session, session.begin():
        publisher, school = await make_publisher(session)
        accounts = [await make_account(session, UserRole.STUDENT, school=school) for _ in range(students)]
    assert publisher.profile_id is not None
    return People(publisher.profile_id, [account.user.id for account in accounts])


async def _to_users(
    resources: Resources,
    users: list[uuid.UUID],
    entity: Key,
    op: Literal["upsert", "delete"] = "upsert",
    version: int = 0,
) -> None:
    """Publish in a transaction of its own (its own tx_id), like a request would."""
    async with resources.sessionmaker() as session, session.begin():
        await publish_to_users(session, users, entity[0], entity[1], op, {"id": str(entity[1]), "v": version})


async def _to_publisher(resources: Resources, publisher_id: uuid.UUID, entity: Key, version: int) -> None:
    async with resources.sessionmaker() as session, session.begin():
        await publish_to_publisher(session, publisher_id, entity[0], entity[1], "upsert", {"v": version})


async def _rows(resources: Resources, **audience: uuid.UUID) -> list[tuple[str, uuid.UUID, str, Any]]:
    """The audience's entries in pull order: (entity_type, entity_id, op, payload)."""
    (column, value), *_ = audience.items()
    async with resources.sessionmaker() as session:
        rows = await session.scalars(
            select(ChangeFeedEntry)
            .where(getattr(ChangeFeedEntry, column) == value)
            .order_by(col(ChangeFeedEntry.tx_id), col(ChangeFeedEntry.seq))
        )
        return [(row.entity_type, row.entity_id, row.op.value, row.payload) for row in rows]


async def _pull(
    resources: Resources, user_id: uuid.UUID, cursor: str | None, pages: int | None = None
) -> tuple[list[ChangeFeedEntry], str]:
    """Pull small pages (each in its own transaction, like the endpoint) until done or `pages` were read."""
    entries: list[ChangeFeedEntry] = []
    read = 0
    while pages is None or read < pages:
        async with resources.sessionmaker() as session:
            page, cursor, has_more = await read_feed(session, user_id, cursor, limit=3)
        entries += page
        read += 1
        if not has_more:
            break
    assert cursor is not None
    return entries, cursor


def _apply(local: dict[Key, Any], entries: list[ChangeFeedEntry]) -> dict[Key, Any]:
    """What a device does with pulled entries: an upsert replaces its copy, a tombstone removes it."""
    for entry in entries:
        key = (entry.entity_type, entry.entity_id)
        if entry.op.value == "delete":
            local.pop(key, None)
        else:
            local[key] = entry.payload
    return local


def _entity(entity_type: str) -> Key:
    return entity_type, uuid.uuid4()


async def test_compaction_keeps_the_latest_entry_per_entity_and_audience_and_is_idempotent(
    resources: Resources,
) -> None:
    people = await _people(resources)
    first, second = people.students
    attempt, notification, gone, shared = (
        _entity("attempt"),
        _entity("notification"),
        _entity("assignment"),
        _entity("assignment"),
    )
    for version in range(3):
        await _to_users(resources, [first], attempt, version=version)
    await _to_users(resources, [first], notification, version=0)
    await _to_users(resources, [first, second], gone, version=0)
    await _to_users(resources, [first], gone, version=1)
    await _to_users(resources, [first, second], gone, "delete")
    await _to_users(resources, [second], shared, version=0)
    await _to_users(resources, [first], shared, version=1)  # later, but for another audience

    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    summary = await compact_feed(resources.sessionmaker)

    assert summary.deleted >= 2 + 2 + 1
    assert await _rows(resources, user_id=first) == [
        (*attempt, "upsert", {"id": str(attempt[1]), "v": 2}),
        (*notification, "upsert", {"id": str(notification[1]), "v": 0}),
        (*gone, "delete", None),  # the tombstone is kept
        (*shared, "upsert", {"id": str(shared[1]), "v": 1}),
    ]
    assert await _rows(resources, user_id=second) == [
        (*gone, "delete", None),
        (*shared, "upsert", {"id": str(shared[1]), "v": 0}),
    ]
    # Again, as the worker's cron job does: nothing left to delete.
    assert await compact_change_feed({"resources": resources}) == 0
    assert len(await _rows(resources, user_id=first)) == 4


async def test_an_entry_above_the_horizon_is_not_considered(resources: Resources) -> None:
    people = await _people(resources, students=1)
    (student,) = people.students
    attempt = _entity("attempt")
    await _to_users(resources, [student], attempt, version=0)
    async with resources.engine.connect() as still_open:
        # A transaction with an id that is still running holds the horizon below every later transaction.
        await still_open.begin()
        await still_open.execute(text("SELECT pg_current_xact_id()"))
        await _to_users(resources, [student], attempt, version=1)  # committed, but above the horizon
        await compact_feed(resources.sessionmaker)
        assert [payload for *_, payload in await _rows(resources, user_id=student)] == [
            {"id": str(attempt[1]), "v": 0},
            {"id": str(attempt[1]), "v": 1},
        ]
        await still_open.rollback()
    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    summary = await compact_feed(resources.sessionmaker)
    assert summary.deleted == 1
    assert [payload for *_, payload in await _rows(resources, user_id=student)] == [{"id": str(attempt[1]), "v": 1}]


async def test_a_device_continuing_its_cursor_after_compaction_ends_like_one_that_pulled_everything(
    resources: Resources,
) -> None:
    people = await _people(resources, students=1)
    (student,) = people.students
    early = _entity("notification")  # written once, before the half-way cursor
    attempt = _entity("attempt")  # rewritten all along
    book = _entity("book")  # publisher-wide, rewritten all along
    assignment = _entity("assignment")  # created, deleted, created again
    late = _entity("attempt")  # only after the half-way cursor, several times
    removed = _entity("material")  # created early, deleted late
    await _to_users(resources, [student], early)
    await _to_users(resources, [student], removed)
    for version in range(6):
        await _to_users(resources, [student], attempt, version=version)
        await _to_publisher(resources, people.publisher_id, book, version)
        if version == 3:
            await _to_users(resources, [student], assignment, "delete")
        else:
            await _to_users(resources, [student], assignment, version=version)
        if version >= 3:
            await _to_users(resources, [student], late, version=version)
    await _to_users(resources, [student], removed, "delete")

    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    everything, _ = await _pull(resources, student, None)
    before = _apply({}, everything)
    half, cursor = await _pull(resources, student, None, pages=len(everything) // 6)
    assert 0 < len(half) < len(everything)

    summary = await compact_feed(resources.sessionmaker)
    assert summary.deleted > 0

    rest, _ = await _pull(resources, student, cursor)
    assert _apply(_apply({}, half), rest) == before
    fresh, _ = await _pull(resources, student, None)
    assert _apply({}, fresh) == before
    # A fresh install replays one entry per entity: the current state, a tombstone for what was removed.
    assert sorted((e.entity_type, e.entity_id) for e in fresh) == sorted(
        [early, attempt, book, assignment, late, removed]
    )
    assert len(fresh) < len(everything) // 3


async def test_publisher_wide_entries_are_compacted_per_publisher(resources: Resources) -> None:
    ours, theirs = await _people(resources, students=1), await _people(resources, students=0)
    (student,) = ours.students
    book = _entity("book")
    await _to_publisher(resources, ours.publisher_id, book, 0)
    await _to_publisher(resources, theirs.publisher_id, book, 0)
    await _to_users(resources, [student], book, version=0)  # addressed to the user: an audience of its own
    await _to_publisher(resources, ours.publisher_id, book, 1)
    await _to_publisher(resources, ours.publisher_id, book, 2)

    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    await compact_feed(resources.sessionmaker)

    assert [payload for *_, payload in await _rows(resources, publisher_id=ours.publisher_id)] == [{"v": 2}]
    assert [payload for *_, payload in await _rows(resources, publisher_id=theirs.publisher_id)] == [{"v": 0}]
    assert [payload for *_, payload in await _rows(resources, user_id=student)] == [{"id": str(book[1]), "v": 0}]
    assert (await compact_feed(resources.sessionmaker)).deleted == 0


async def test_the_compact_feed_command_compacts(resources: Resources, committed_settings: Settings) -> None:
    people = await _people(resources, students=1)
    (student,) = people.students
    attempt = _entity("attempt")
    for version in range(3):
        await _to_users(resources, [student], attempt, version=version)
    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "dream_lms.cli",
        "compact-feed",
        env=environment_for(committed_settings),
        stdout=asyncio.subprocess.PIPE,
    )
    output, _ = await asyncio.wait_for(command.communicate(), 60)
    assert command.returncode == 0
    assert b"superseded change feed entries deleted" in output
    assert [payload for *_, payload in await _rows(resources, user_id=student)] == [{"id": str(attempt[1]), "v": 2}]


async def test_the_worker_runs_compaction_every_ten_minutes(committed_settings: Settings) -> None:
    worker = build_worker(committed_settings)
    try:
        (job,) = [job for job in worker.cron_jobs if job.name == "cron:compact_change_feed"]
    finally:
        await worker.close()
    assert job.minute == set(range(0, 60, 10))
