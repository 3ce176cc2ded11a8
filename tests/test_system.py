"""The system as `make run` starts it: demo data, a worker whose heartbeat the health endpoint reads, all servers up."""

import asyncio
import sys
import time

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import User
from dream_lms.core.resources import create_engine
from dream_lms.demo import DEMO_PASSWORD, demo_logins, seed_demo
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
