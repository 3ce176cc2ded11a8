"""Jobs scheduled by a transaction reach the real arq queue in Redis only once it commits (dream_lms.core.jobs), through
a request's SessionDep and through a session of its own; a debounced job is queued once."""

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from arq.connections import ArqRedis
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dream_lms.core.deps import SessionDep
from dream_lms.core.errors import Conflict, install_error_handlers
from dream_lms.core.jobs import enqueue_committed, schedule_job
from dream_lms.core.resources import Resources
from tests.attempts.helpers import DEVICE_A, answer, make_setup, new_state, now_ms, op, push, submit


async def _queued(redis: Redis) -> list[tuple[str, tuple[object, ...]]]:
    jobs = await ArqRedis(redis.connection_pool).queued_jobs()
    return sorted((job.function, job.args) for job in jobs)


@pytest.fixture
async def jobs_client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    """Routes that schedule a job and then commit, or fail (so the request's transaction rolls back)."""
    app = FastAPI()
    app.state.resources = resources
    install_error_handlers(app)

    @app.post("/commits")
    async def commits(session: SessionDep) -> dict[str, str]:
        await session.execute(text("SELECT 1"))
        schedule_job(session, "some_job", "committed")
        return {"ok": "yes"}

    @app.post("/fails")
    async def fails(session: SessionDep) -> dict[str, str]:
        schedule_job(session, "some_job", "rolled back")
        raise Conflict("This request fails after scheduling its job.")

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_a_committed_request_enqueues_its_job(jobs_client: httpx.AsyncClient, redis: Redis) -> None:
    assert (await jobs_client.post("/commits")).status_code == 200
    assert await _queued(redis) == [("some_job", ("committed",))]


async def test_a_rolled_back_request_enqueues_nothing(jobs_client: httpx.AsyncClient, redis: Redis) -> None:
    assert (await jobs_client.post("/fails")).status_code == 409
    assert await _queued(redis) == []


async def test_a_session_of_its_own_enqueues_after_commit_and_drops_on_rollback(
    sessionmaker: async_sessionmaker[AsyncSession], redis: Redis
) -> None:
    async with sessionmaker() as session:
        with pytest.raises(RuntimeError):
            async with session.begin():
                schedule_job(session, "some_job", "rolled back")
                raise RuntimeError("the transaction fails")
        async with session.begin():
            schedule_job(session, "some_job", "committed")
            assert await enqueue_committed(session, redis) == 0  # not committed yet
        assert await enqueue_committed(session, redis) == 1
    assert await _queued(redis) == [("some_job", ("committed",))]


async def test_a_savepoint_rolled_back_keeps_the_jobs_scheduled_before_it(
    sessionmaker: async_sessionmaker[AsyncSession], redis: Redis
) -> None:
    async with sessionmaker() as session:
        async with session.begin():
            schedule_job(session, "some_job", "before")
            with pytest.raises(RuntimeError):
                async with session.begin_nested():
                    raise RuntimeError("the savepoint fails")
        assert await enqueue_committed(session, redis) == 1
    assert await _queued(redis) == [("some_job", ("before",))]


async def test_a_debounced_job_enqueued_twice_is_queued_once(
    sessionmaker: async_sessionmaker[AsyncSession], redis: Redis
) -> None:
    accepted = []
    for _ in range(2):
        async with sessionmaker() as session:
            async with session.begin():
                schedule_job(session, "debounced_job", "a", job_id="debounced:a", defer_by=timedelta(seconds=60))
            accepted.append(await enqueue_committed(session, redis))
    assert accepted == [1, 0]
    assert await _queued(redis) == [("debounced_job", ("a",))]


async def test_a_pushed_submission_enqueues_its_rescore_and_a_refused_one_nothing(
    client: httpx.AsyncClient, session: AsyncSession, redis: Redis
) -> None:
    setup = await make_setup(session, client)
    wall = now_ms()
    started = new_state(setup, DEVICE_A, wall=wall)
    refused = answer(started, DEVICE_A, str(uuid.uuid4()), {"blanks": {"0": "cat"}}, wall + 1)
    pushed = await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", submit(refused, DEVICE_A, wall + 2))])
    assert pushed["results"][0]["outcome"] == "rejected"
    assert await _queued(redis) == []

    answered = answer(started, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 1)
    pushed = await push(
        client, setup.headers[0], DEVICE_A, [op("submit_attempt", submit(answered, DEVICE_A, wall + 2))]
    )
    assert pushed["results"][0]["outcome"] == "applied"
    assert await _queued(redis) == [("rescore_attempt", (started["attempt_id"],))]
