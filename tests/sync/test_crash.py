"""The API process dies between the commit of a push and its response (PROTOCOL.md: op ids make replays harmless).

A real API process serves the test app of tests/sync/crash_app.py (the push commits, then the process calls
`os._exit(1)` instead of replying), so the device sees its connection drop after the server kept its batch. The device
pushes the same batch to a normal API process: every op is answered with its stored result, marked replayed, and
the database holds every answer, the submission and the change-feed entries exactly once.
"""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import col

from dream_lms.assignments.models import AssignmentStudent
from dream_lms.attempts.models import Attempt
from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.core.resources import open_resources
from dream_lms.settings import Settings
from dream_lms.sync.models import SyncOp
from tests.attempts.helpers import DEVICE_A, answer, make_setup, new_state, now_ms, op, submit
from tests.factories import bearer, login
from tests.processes import api_process, environment_for

CRASHING_APP = "tests.sync.crash_app:create_crashing_app"


async def test_a_batch_committed_before_a_crash_is_replayed_not_applied_twice(committed_settings: Settings) -> None:
    resources = open_resources(committed_settings)
    try:
        async with resources.sessionmaker() as session, session.begin():
            async with httpx.AsyncClient(base_url="http://unused") as unused:
                setup = await make_setup(session, unused, students=1, sign_in=False)
        wall = now_ms() - 60_000
        state = new_state(setup, DEVICE_A, wall=wall)
        ops = [op("start_attempt", state)]
        values: list[dict[str, Any]] = [
            {"blanks": {"0": "cat", "1": "dog"}},
            {"blanks": {"0": "cow"}},
            {"selected": [0]},
        ]
        for index, (activity, value) in enumerate(zip(setup.activity_ids, values, strict=True)):
            state = answer(state, DEVICE_A, activity, value, wall + 1 + index)
            ops.append(op("save_progress", state))
        state = submit(state, DEVICE_A, wall + 10)
        ops.append(op("submit_attempt", state, client_score=90))
        body = {"device_id": DEVICE_A, "client_time": now_ms(), "ops": ops}

        with api_process(environment_for(committed_settings), app_factory=CRASHING_APP) as url:
            async with httpx.AsyncClient(base_url=url, timeout=30) as client:
                headers = bearer(await login(client, setup.students[0].login))
                with pytest.raises(httpx.TransportError):  # the connection drops: no response at all
                    await client.post("/api/v1/sync/push", headers=headers, json=body)
                with pytest.raises(httpx.TransportError):  # and the process is gone
                    await client.get("/api/v1/health")

        attempt_id = uuid.UUID(state["attempt_id"])

        async def counts() -> tuple[int, int, int]:
            async with resources.sessionmaker() as session:
                op_rows = await session.scalar(
                    select(func.count()).where(
                        col(SyncOp.device_id) == uuid.UUID(DEVICE_A),
                        col(SyncOp.op_id).in_([uuid.UUID(o["op_id"]) for o in ops]),
                    )
                )
                attempts = await session.scalar(
                    select(func.count())
                    .select_from(Attempt)
                    .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
                    .where(col(AssignmentStudent.student_id) == setup.students[0].profile_id)
                )
                feed = await session.scalar(
                    select(func.count()).where(
                        col(ChangeFeedEntry.entity_type) == "attempt", col(ChangeFeedEntry.entity_id) == attempt_id
                    )
                )
                return op_rows or 0, attempts or 0, feed or 0

        # The crash came after the commit: the whole batch is in the database, one feed entry for the attempt.
        assert await counts() == (len(ops), 1, 1)

        with api_process(environment_for(committed_settings)) as url:
            async with httpx.AsyncClient(base_url=url, timeout=30) as client:
                response = await client.post("/api/v1/sync/push", headers=headers, json=body)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert [(r["op_id"], r["outcome"], r["replayed"]) for r in data["results"]] == [
            (o["op_id"], "applied", True) for o in ops
        ]
        assert [a["version_vector"] for a in data["attempts"]] == [state["version_vector"]]

        # Nothing was applied a second time.
        assert await counts() == (len(ops), 1, 1)
        async with resources.sessionmaker() as session:
            stored = await session.get(Attempt, attempt_id)
            row = (
                await session.execute(
                    select(AssignmentStudent).where(col(AssignmentStudent.student_id) == setup.students[0].profile_id)
                )
            ).scalar_one()
        assert stored is not None
        assert {activity: entry["value"] for activity, entry in stored.answers.items()} == dict(
            zip(setup.activity_ids, values, strict=True)
        )
        assert stored.version_vector == state["version_vector"] and stored.submitted_event == state["submitted"]
        assert stored.client_score == 90 and stored.needs_rescore is True
        assert row.status == "submitted" and row.attempts_used == 1
    finally:
        await resources.close()
