"""Every error code of the API arrives in the error envelope, with no internals leaked."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dream_lms.app import create_app
from dream_lms.auth.deps import PublicRoute
from dream_lms.auth.models import UserRole
from dream_lms.core.resources import Resources, create_engine
from tests.factories import PASSWORD, bearer, login, make_account


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    assert body["meta"]["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text and "SELECT" not in response.text
    error: dict[str, object] = body["error"]
    return error


async def test_invalid_input_has_one_detail_per_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/login", json={"login": "", "password": 12, "extra": 1})
    error = assert_error(response, 400, "INVALID_INPUT")
    fields = {detail["field"] for detail in error["details"]}  # type: ignore[attr-defined]
    assert fields == {"login", "password", "extra"}


async def test_unauthorized_forbidden_not_found(client: httpx.AsyncClient, session: AsyncSession) -> None:
    assert_error(await client.get("/api/v1/auth/me"), 401, "UNAUTHORIZED")
    student = bearer(await login(client, (await make_account(session, UserRole.STUDENT)).login))
    assert_error(await client.get("/api/v1/admin/users", headers=student), 403, "FORBIDDEN")
    admin = bearer(await login(client, (await make_account(session, UserRole.ADMIN)).login))
    assert_error(await client.post(f"/api/v1/admin/users/{uuid.uuid4()}/activate", headers=admin), 404, "NOT_FOUND")
    assert_error(await client.get("/api/v1/no-such-route"), 404, "NOT_FOUND")
    assert_error(await client.delete("/api/v1/auth/me", headers=admin), 405, "INVALID_INPUT")


async def test_conflict_and_unprocessable(client: httpx.AsyncClient, session: AsyncSession) -> None:
    admin = await make_account(session, UserRole.ADMIN)
    headers = bearer(await login(client, admin.login))
    duplicate = {"email": admin.login, "full_name": "Second Admin", "password": "long enough passphrase"}
    assert_error(await client.post("/api/v1/admin/admins", json=duplicate, headers=headers), 409, "CONFLICT")
    assert_error(
        await client.post(f"/api/v1/admin/users/{admin.user.id}/deactivate", headers=headers),
        422,
        "UNPROCESSABLE_ENTITY",
    )


async def test_rate_limit_exceeded(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT)
    for _ in range(5):
        response = await client.post("/api/v1/auth/login", json={"login": student.login, "password": "wrong-one!"})
        assert response.status_code == 401
    locked = await client.post("/api/v1/auth/login", json={"login": student.login, "password": PASSWORD})
    assert_error(locked, 429, "RATE_LIMIT_EXCEEDED")
    assert int(locked.headers["retry-after"]) > 0
    assert locked.headers["x-ratelimit-remaining"] == "0"


async def test_internal_error_hides_the_exception(resources: Resources) -> None:
    app = create_app(resources=resources)

    async def explode() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    app.add_api_route("/api/v1/explode", explode, dependencies=[PublicRoute], tags=["test"])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get("/api/v1/explode")
    assert_error(response, 500, "INTERNAL_ERROR")
    assert "hunter2" not in response.text and "RuntimeError" not in response.text


@pytest.fixture
async def client_without_database(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    unreachable = resources.settings.model_copy(
        update={"database_url": "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"}
    )
    engine = create_engine(unreachable)
    broken = Resources(unreachable, engine, async_sessionmaker(engine), resources.redis, resources.storage)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(resources=broken)), base_url="http://testserver"
    ) as client:
        yield client
    await engine.dispose()


async def test_service_unavailable_when_the_database_is_down(client_without_database: httpx.AsyncClient) -> None:
    response = await client_without_database.post("/api/v1/auth/login", json={"login": "a@b.org", "password": "x"})
    assert_error(response, 503, "SERVICE_UNAVAILABLE")
    health = await client_without_database.get("/api/v1/health")
    assert health.status_code == 200
    assert health.json()["data"]["database"] == "down"
    assert health.json()["data"]["status"] == "degraded"
