"""The system as `make run` starts it: demo data, a worker whose heartbeat the health endpoint reads, all servers up."""

import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import User
from dream_lms.core.resources import create_engine
from dream_lms.demo import DEMO_PASSWORD, demo_logins, seed_demo
from dream_lms.demo_assignment import DEMO_ASSIGNMENT
from dream_lms.orgs.models import ClassStudent
from dream_lms.settings import Settings
from tests.processes import api_process, environment_for, worker_process


async def _seed(settings: Settings) -> tuple[int, int]:
    engine = create_engine(settings)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            await seed_demo(session)
        async with AsyncSession(engine) as session:
            users = await session.scalar(select(func.count()).select_from(User))
            enrolments = await session.scalar(select(func.count()).select_from(ClassStudent))
            return int(users or 0), int(enrolments or 0)
    finally:
        await engine.dispose()


async def test_demo_data_is_idempotent_and_every_demo_login_works(committed_settings: Settings) -> None:
    first = await _seed(committed_settings)
    assert await _seed(committed_settings) == first == (8, 5)
    with api_process(environment_for(committed_settings, RATE_LIMIT_AUTH="100")) as url:
        async with httpx.AsyncClient() as http:
            for role, login in demo_logins():
                response = await http.post(f"{url}/api/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
                assert response.status_code == 200, (login, response.text)
                assert response.json()["data"]["user"]["role"] == role


async def _run_cli(environment: dict[str, str], command: str) -> str:
    """Run a `dream-lms` command as `dream-lms up` does; returns its output (it must succeed)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "dream_lms.cli", command, env=environment, stdout=asyncio.subprocess.PIPE
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, (command, output)
    return output.decode()


async def _sign_in(http: httpx.AsyncClient, url: str, login: str) -> dict[str, str]:
    response = await http.post(f"{url}/api/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
    assert response.status_code == 200, (login, response.text)
    return {"Authorization": f"Bearer {response.json()['data']['access_token']}"}


async def test_demo_assignment_is_given_once_after_the_sample_books(committed_settings: Settings) -> None:
    environment = environment_for(committed_settings, RATE_LIMIT_AUTH="100")
    await _seed(committed_settings)
    # Without the books (say the catalogue sync failed) the step is skipped, and start-up goes on.
    assert "skipped" in await _run_cli(environment, "seed-demo-assignment")
    await _run_cli(environment, "load-sample-books")
    assert "student5 has submitted it" in await _run_cli(environment, "seed-demo-assignment")
    assert "already there" in await _run_cli(environment, "seed-demo-assignment")  # a restart of `make run`

    with api_process(environment) as url:
        async with httpx.AsyncClient() as http:
            student = await _sign_in(http, url, "student1@dream.test")
            todo = (await http.get(f"{url}/api/v1/students/me/assignments?status=todo", headers=student)).json()
            assert [item["name"] for item in todo["data"]] == [DEMO_ASSIGNMENT]
            [mine] = todo["data"]
            assert mine["book_title"] == "Dream English 1" and mine["activity_count"] == 6
            due_in = datetime.fromisoformat(mine["due_at"]) - datetime.now(UTC)
            assert timedelta(days=6, hours=23) < due_in <= timedelta(days=7)

            teacher = await _sign_in(http, url, "teacher@dream.test")
            listed = (await http.get(f"{url}/api/v1/assignments", headers=teacher)).json()
            assert [item["name"] for item in listed["data"]] == [DEMO_ASSIGNMENT]
            types = [activity["activity_type"] for activity in listed["data"][0]["activities"]]
            assert len(types) == len(set(types)) == 6
            results = (await http.get(f"{url}/api/v1/assignments/{mine['id']}/results", headers=teacher)).json()
            statuses = {row["full_name"]: row["status"] for row in results["data"]["students"]}
            assert statuses == {
                "Sam Student": "not_started",
                "Mia Student": "not_started",
                "Leo Student": "not_started",
                "Ava Student": "not_started",
                "Noah Student": "submitted",  # student5, through the attempt service; the worker scores it
            }


async def test_health_reports_every_component_with_a_running_worker(committed_settings: Settings) -> None:
    environment = environment_for(committed_settings)
    with api_process(environment) as url:
        async with httpx.AsyncClient() as http:
            before = (await http.get(f"{url}/api/v1/health")).json()["data"]
            assert before["database"] == before["redis"] == before["storage"] == "ok"
            with worker_process(environment) as worker:
                deadline = time.monotonic() + 30
                health = before
                while health["worker"] != "ok" and time.monotonic() < deadline:
                    await asyncio.sleep(0.3)
                    health = (await http.get(f"{url}/api/v1/health")).json()["data"]
                assert health == {
                    "status": "ok",
                    "database": "ok",
                    "redis": "ok",
                    "storage": "ok",
                    "worker": "ok",
                }
            assert worker.returncode == 0


async def test_create_admin_command_makes_an_admin_who_can_sign_in(committed_settings: Settings) -> None:
    environment = environment_for(committed_settings, DREAM_ADMIN_PASSWORD="a long admin passphrase")
    command = [
        sys.executable,
        "-m",
        "dream_lms.cli",
        "create-admin",
        "--email",
        "Head@School.example",
        "--name",
        "Head",
    ]
    created = await asyncio.create_subprocess_exec(*command, env=environment)
    assert await created.wait() == 0
    again = await asyncio.create_subprocess_exec(*command, env=environment, stderr=asyncio.subprocess.PIPE)
    _, error = await again.communicate()
    assert again.returncode != 0 and b"already exists" in error
    with api_process(environment) as url:
        async with httpx.AsyncClient() as http:
            response = await http.post(
                f"{url}/api/v1/auth/login", json={"login": "head@school.example", "password": "a long admin passphrase"}
            )
    assert response.status_code == 200
    assert response.json()["data"]["user"]["role"] == "admin"
