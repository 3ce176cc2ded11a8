"""Pruning of the op log by age (dream_lms.sync.op_log): old records go in bounded batches, recent ones stay, a
retention of 0 keeps everything, and an op pushed again after its record went is judged anew: a state the server
already holds is a `duplicate` that changes nothing, and a rejected op can now be accepted (PROTOCOL.md 7.2)."""

import asyncio
import dataclasses
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentStudent
from dream_lms.attempts.models import Attempt
from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity
from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.core.resources import Resources, open_resources
from dream_lms.settings import Settings
from dream_lms.sync.models import Device, SyncOp
from dream_lms.sync.op_log import prune_op_log, prune_sync_op_log
from dream_lms.worker import build_worker
from tests.attempts.helpers import DEVICE_A, Setup, answer, make_setup, new_state, now_ms, op, push, submit
from tests.factories import make_user
from tests.processes import environment_for


def _days_ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


async def _received(session: AsyncSession, op_ids: list[str], days_ago: float) -> None:
    """Pretend these ops were pushed `days_ago` days ago."""
    await session.execute(
        update(SyncOp)
        .where(col(SyncOp.op_id).in_([uuid.UUID(op_id) for op_id in op_ids]))
        .values(received_at=_days_ago(days_ago))
    )
    await session.flush()


async def _logged(session: AsyncSession, op_ids: list[str]) -> dict[str, Any]:
    """The op log's record (the result) of each of these ops still in it."""
    rows = await session.execute(
        select(col(SyncOp.op_id), col(SyncOp.result)).where(
            col(SyncOp.op_id).in_([uuid.UUID(op_id) for op_id in op_ids])
        )
    )
    return {str(row[0]): row[1] for row in rows}


def _with_retention(resources: Resources, days: int) -> dict[str, Any]:
    """An arq job context whose settings have this retention."""
    settings = resources.settings.model_copy(update={"sync_op_retention_days": days})
    return {"resources": dataclasses.replace(resources, settings=settings)}


def _ops_of_one_attempt(setup: Setup) -> list[dict[str, Any]]:
    wall = now_ms() - 60_000
    state = new_state(setup, DEVICE_A, wall=wall)
    ops = [op("start_attempt", state)]
    for index, value in enumerate([{"blanks": {"0": "cat"}}, {"blanks": {"0": "cat", "1": "dog"}}]):
        state = answer(state, DEVICE_A, setup.activity_ids[index], value, wall + 1 + index)
        ops.append(op("save_progress", state))
    ops.append(op("submit_attempt", submit(state, DEVICE_A, wall + 10)))
    return ops


def _ids(ops: list[dict[str, Any]]) -> list[str]:
    return [str(item["op_id"]) for item in ops]


async def test_records_older_than_the_cutoff_go_in_batches_and_recent_ones_stay(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    setup = await make_setup(session, client, students=1)
    ops = _ops_of_one_attempt(setup)
    await push(client, setup.headers[0], DEVICE_A, ops)
    old, recent = _ids(ops[:3]), _ids(ops[3:])
    await _received(session, old, days_ago=91)
    await _received(session, recent, days_ago=89)

    # Batches of 2: the three old records go in two transactions.
    assert await prune_op_log(resources.sessionmaker, _days_ago(90), batch=2) == 3

    assert sorted(await _logged(session, _ids(ops))) == sorted(recent)
    assert await prune_op_log(resources.sessionmaker, _days_ago(90), batch=2) == 0


async def test_the_job_prunes_by_the_retention_setting_and_zero_keeps_everything(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    setup = await make_setup(session, client, students=1)
    ops = _ops_of_one_attempt(setup)
    await push(client, setup.headers[0], DEVICE_A, ops)
    await _received(session, _ids(ops[:1]), days_ago=400)
    await _received(session, _ids(ops[1:2]), days_ago=91)

    for keep_forever in (0, -1):
        assert await prune_sync_op_log(_with_retention(resources, keep_forever)) == 0
        assert len(await _logged(session, _ids(ops))) == len(ops)

    assert resources.settings.sync_op_retention_days == 90  # the default
    assert await prune_sync_op_log({"resources": resources}) == 2
    assert sorted(await _logged(session, _ids(ops))) == sorted(_ids(ops[2:]))


async def _snapshot(session: AsyncSession, setup: Setup, attempt_id: str) -> tuple[Any, ...]:
    attempt = await session.get(Attempt, uuid.UUID(attempt_id), populate_existing=True)
    assert attempt is not None
    student_row = await session.scalar(
        select(AssignmentStudent)
        .where(col(AssignmentStudent.id) == attempt.assignment_student_id)
        .execution_options(populate_existing=True)
    )
    assert student_row is not None
    feed = await session.scalars(
        select(ChangeFeedEntry)
        .where(col(ChangeFeedEntry.user_id) == setup.students[0].user.id)
        .order_by(col(ChangeFeedEntry.tx_id), col(ChangeFeedEntry.seq))
    )
    entries = [(entry.seq, entry.entity_type, entry.entity_id, entry.op, entry.payload) for entry in feed]
    return attempt.model_dump(), student_row.model_dump(), entries


async def test_an_op_pushed_again_after_its_record_was_pruned_is_a_duplicate_that_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    setup = await make_setup(session, client, students=1)
    ops = _ops_of_one_attempt(setup)
    first = await push(client, setup.headers[0], DEVICE_A, ops)
    assert [result["outcome"] for result in first["results"]] == ["applied"] * len(ops)
    attempt_id = first["attempts"][0]["attempt_id"]
    before = await _snapshot(session, setup, attempt_id)
    assert any(entity_type == "attempt" for _, entity_type, *_ in before[2])

    await _received(session, _ids(ops), days_ago=91)
    assert await prune_sync_op_log({"resources": resources}) == len(ops)

    again = await push(client, setup.headers[0], DEVICE_A, ops)

    # Not replayed from the log but merged again: every state is one the server holds, so each is a duplicate
    # (finished for the client, like the original `applied`), and the response carries the same attempt.
    assert again["results"] == [
        {"op_id": op_id, "outcome": "duplicate", "attempt_id": attempt_id} for op_id in _ids(ops)
    ]
    assert again["attempts"] == first["attempts"]
    # Nothing changed: the attempt (answers, events, timing, score flags), the student's row, and the feed (a
    # duplicate writes no change entry).
    assert await _snapshot(session, setup, attempt_id) == before
    # The new answers are logged: the next replay is answered from the log again.
    assert {result["outcome"] for result in (await _logged(session, _ids(ops))).values()} == {"duplicate"}
    replay = await push(client, setup.headers[0], DEVICE_A, ops)
    assert replay["results"] == [result | {"replayed": True} for result in again["results"]]


async def test_a_pruned_op_pushed_again_after_its_activity_changed_still_finishes(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    setup = await make_setup(session, client, students=1)
    ops = _ops_of_one_attempt(setup)
    first = await push(client, setup.headers[0], DEVICE_A, ops)
    # The catalogue sync gave the second activity one blank only: the saved answers to blank 1 no longer fit it.
    activity = await session.get(Activity, uuid.UUID(setup.activity_ids[1]))
    assert activity is not None
    activity.config = {**activity.config, "answer": activity.config["answer"][:1]}
    await session.flush()
    await _received(session, _ids(ops), days_ago=91)
    assert await prune_sync_op_log({"resources": resources}) == len(ops)

    again = await push(client, setup.headers[0], DEVICE_A, ops)

    # The server holds every one of these states: duplicates, finished, never judged again against the new rules.
    assert [result["outcome"] for result in again["results"]] == ["duplicate"] * len(ops)
    assert again["attempts"] == first["attempts"]


async def test_a_rejected_op_pushed_again_after_its_record_was_pruned_is_judged_anew(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    setup = await make_setup(session, client, students=1, max_attempts=2)
    wall = now_ms() - 60_000
    first_attempt = new_state(setup, DEVICE_A, wall=wall)
    start_second = op("start_attempt", new_state(setup, DEVICE_A, wall=wall + 5, number=2))
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", first_attempt)])
    refused = await push(client, setup.headers[0], DEVICE_A, [start_second])
    assert refused["results"][0]["error"]["code"] == "attempts_exhausted"  # attempt 1 is not submitted yet
    await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", submit(first_attempt, DEVICE_A, wall + 6))])
    # While its record is kept, the op gets its rejection again although its cause is gone.
    replayed = await push(client, setup.headers[0], DEVICE_A, [start_second])
    assert replayed["results"] == [refused["results"][0] | {"replayed": True}]

    await _received(session, _ids([start_second]), days_ago=91)
    assert await prune_sync_op_log({"resources": resources}) == 1
    judged = await push(client, setup.headers[0], DEVICE_A, [start_second])

    assert judged["results"][0]["outcome"] == "applied"
    second_id = start_second["attempt"]["attempt_id"]
    assert await session.get(Attempt, uuid.UUID(second_id), populate_existing=True) is not None


async def test_the_prune_op_log_command_prunes_and_respects_a_zero_retention(committed_settings: Settings) -> None:
    resources = open_resources(committed_settings)
    try:
        async with resources.sessionmaker() as session, session.begin():
            user = await make_user(session, UserRole.STUDENT)
            device = uuid.uuid4()
            session.add(Device(user_id=user.id, id=device))
            await session.flush()
            old, recent = uuid.uuid4(), uuid.uuid4()
            for op_id, days in ((old, 91), (recent, 1)):
                session.add(
                    SyncOp(
                        user_id=user.id,
                        device_id=device,
                        op_id=op_id,
                        kind="save_progress",
                        result={"op_id": str(op_id), "outcome": "applied"},
                        received_at=_days_ago(days),
                    )
                )

        async def command(**environment: str) -> tuple[bytes, list[uuid.UUID]]:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "dream_lms.cli",
                "prune-op-log",
                env=environment_for(committed_settings, **environment),
                stdout=asyncio.subprocess.PIPE,
            )
            output, _ = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode == 0
            async with resources.sessionmaker() as session:
                kept = await session.scalars(select(col(SyncOp.op_id)).where(col(SyncOp.user_id) == user.id))
                return output, sorted(kept)

        output, kept = await command(SYNC_OP_RETENTION_DAYS="0")
        assert b"kept forever" in output
        assert kept == sorted([old, recent])

        output, kept = await command(SYNC_OP_RETENTION_DAYS="90")
        assert b"1 op log records received before" in output
        assert kept == [recent]
    finally:
        await resources.close()


async def test_the_worker_prunes_the_op_log_every_hour(committed_settings: Settings) -> None:
    worker = build_worker(committed_settings)
    try:
        (job,) = [job for job in worker.cron_jobs if job.name == "cron:prune_sync_op_log"]
    finally:
        await worker.close()
    assert job.hour is None and isinstance(job.minute, set) and len(job.minute) == 1
