"""Signing in as a freshly made account of a role, for the organisation tests."""

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.orgs.models import School
from tests.factories import Account, bearer, login, make_account


async def signed_in(
    client: httpx.AsyncClient, session: AsyncSession, role: UserRole, *, school: School | None = None
) -> tuple[Account, dict[str, str]]:
    account = await make_account(session, role, school=school)
    return account, bearer(await login(client, account.login))


def data(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()["data"]


def error_code(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    code: str = response.json()["error"]["code"]
    return code
