"""Building users of each role for tests, and signing them in through the real API."""

import uuid
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password
from dream_lms.orgs.models import Publisher, School, Student, Teacher

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = hash_password(PASSWORD)


@dataclass
class Account:
    user: User
    login: str
    profile_id: uuid.UUID | None = None
    school_id: uuid.UUID | None = None


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def make_user(session: AsyncSession, role: UserRole, *, username: bool = False, is_active: bool = True) -> User:
    name = _unique(role.value)
    user = User(
        role=role,
        full_name=f"Test {role.value.title()}",
        email=None if username else f"{name}@example.org",
        username=name if username else None,
        password_hash=_PASSWORD_HASH,
        is_active=is_active,
    )
    session.add(user)
    await session.flush()
    return user


async def make_publisher(session: AsyncSession) -> tuple[Account, School]:
    user = await make_user(session, UserRole.PUBLISHER)
    publisher = Publisher(user_id=user.id, name=_unique("Publisher"))
    session.add(publisher)
    await session.flush()
    school = School(publisher_id=publisher.id, name=_unique("School"))
    session.add(school)
    await session.flush()
    return Account(user, user.email or "", publisher.id), school


async def make_account(
    session: AsyncSession, role: UserRole, *, school: School | None = None, username: bool = False
) -> Account:
    if role == UserRole.PUBLISHER:
        account, _ = await make_publisher(session)
        return account
    user = await make_user(session, role, username=username)
    login = user.email or user.username or ""
    if role == UserRole.ADMIN:
        return Account(user, login)
    if school is None:
        _, school = await make_publisher(session)
    profile: Teacher | Student = (
        Teacher(user_id=user.id, school_id=school.id)
        if role == UserRole.TEACHER
        else Student(user_id=user.id, school_id=school.id)
    )
    session.add(profile)
    await session.flush()
    return Account(user, login, profile.id, school.id)


async def login(client: httpx.AsyncClient, login_name: str, password: str = PASSWORD) -> dict[str, object]:
    response = await client.post("/api/v1/auth/login", json={"login": login_name, "password": password})
    assert response.status_code == 200, response.text
    data: dict[str, object] = response.json()["data"]
    return data


def bearer(tokens: dict[str, object]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}
