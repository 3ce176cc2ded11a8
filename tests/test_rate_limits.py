"""Rate limits hold across several API processes (they share Redis), and a lockout is per (IP, account)."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.core.resources import Resources, create_engine
from dream_lms.settings import Settings
from tests.conftest import app_with_settings
from tests.factories import PASSWORD, Account, bearer, login, make_account
from tests.processes import api_process, environment_for

ANOTHER_NETWORK = {"X-Forwarded-For": "198.51.100.7"}


def _credentials(account: Account, password: str = PASSWORD) -> dict[str, str]:
    return {"login": account.login, "password": password}


@pytest.fixture
async def student(committed_settings: Settings) -> AsyncIterator[Account]:
    engine = create_engine(committed_settings)
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        account = await make_account(session, UserRole.STUDENT)
    yield account
    await engine.dispose()
    redis = Redis.from_url(committed_settings.redis_url)
    await redis.flushdb()
    await redis.aclose()


async def test_sign_in_lockout_is_shared_by_two_processes_but_not_across_networks(
    committed_settings: Settings, student: Account
) -> None:
    environment = environment_for(committed_settings)
    with api_process(environment) as first, api_process(environment) as second:
        async with httpx.AsyncClient() as http:
            wrong = _credentials(student, "not-my-password")
            for url in (first, second, first, second, first):
                assert (await http.post(f"{url}/api/v1/auth/login", json=wrong)).status_code == 401
            # The sixth attempt, on either process, is refused, even with the right password.
            for url in (second, first):
                locked = await http.post(f"{url}/api/v1/auth/login", json=_credentials(student))
                assert locked.status_code == 429
                assert locked.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
                assert int(locked.headers["retry-after"]) > 60
            # The attacker's lockout does not keep the student out from the classroom's network.
            elsewhere = await http.post(
                f"{second}/api/v1/auth/login",
                json=_credentials(student),
                headers=ANOTHER_NETWORK,
            )
            assert elsewhere.status_code == 200


async def test_read_limit_is_counted_across_processes(committed_settings: Settings, student: Account) -> None:
    environment = environment_for(committed_settings, RATE_LIMIT_READ="4")
    with api_process(environment) as first, api_process(environment) as second:
        async with httpx.AsyncClient() as http:
            signed_in = await http.post(f"{first}/api/v1/auth/login", json=_credentials(student))
            headers = bearer(signed_in.json()["data"])
            remaining = []
            for url in (first, second, first, second):
                response = await http.get(f"{url}/api/v1/auth/me", headers=headers)
                assert response.status_code == 200
                assert response.headers["x-ratelimit-limit"] == "4"
                remaining.append(int(response.headers["x-ratelimit-remaining"]))
            assert remaining == [3, 2, 1, 0]
            refused = await http.get(f"{second}/api/v1/auth/me", headers=headers)
            assert refused.status_code == 429
            assert refused.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"


async def test_background_sync_has_its_own_budget(resources: Resources, session: AsyncSession) -> None:
    app = app_with_settings(resources, rate_limit_sync=3, rate_limit_write=2)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        student = await make_account(session, UserRole.STUDENT)
        headers = bearer(await login(http, student.login))
        device = {"device_id": str(uuid.uuid4())}
        for _ in range(3):
            response = await http.post("/api/v1/sync/devices", json=device, headers=headers)
            assert response.status_code == 200 and response.headers["x-ratelimit-limit"] == "3"
        refused = await http.post("/api/v1/sync/devices", json=device, headers=headers)
        assert refused.status_code == 429
        # Deliberate writes keep their own quota after the device used up its sync budget.
        change = {"current_password": "wrong", "new_password": "whatever-long-enough"}
        write = await http.post("/api/v1/auth/change-password", json=change, headers=headers)
        assert write.status_code == 400 and write.headers["x-ratelimit-limit"] == "2"
