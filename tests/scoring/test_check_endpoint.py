"""POST /activities/{id}/check through the real app: the scorer's result for every activity type, who may
check which activity, and answers outside the activity refused with the scorer's field."""

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.app import create_app
from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity, ActivityType, Book, BookStatus
from dream_lms.core.resources import Resources
from dream_lms.orgs.models import School
from tests.factories import bearer, login, make_account, make_publisher

VECTORS = Path(__file__).resolve().parents[2] / "sync-protocol" / "vectors" / "scoring"


def _vector_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every scored (not rejected) case of every type's vector file."""
    cases = []
    for activity_type in ActivityType:
        data = json.loads((VECTORS / f"{activity_type.value}.json").read_text(encoding="utf-8"))
        cases.extend((activity_type.value, case) for case in data["cases"] if "expected" in case)
    return cases


async def _book(session: AsyncSession, publisher_id: uuid.UUID | None, status: BookStatus = BookStatus.ACTIVE) -> Book:
    book = Book(
        dream_storage_id=f"CHECK-{uuid.uuid4().hex[:10]}", title="Check book", publisher_id=publisher_id, status=status
    )
    session.add(book)
    await session.flush()
    return book


async def _activity(session: AsyncSession, book: Book, activity_type: str, config: dict[str, Any]) -> Activity:
    activity = Activity(
        book_id=book.id,
        location_key=f"0/1/{uuid.uuid4().hex}",  # unique within the book
        module_name="Module 1",
        page_number=1,
        section_index=0,
        order_index=0,
        activity_type=ActivityType(activity_type),
        config=config,
        content_hash=hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest(),
    )
    session.add(activity)
    await session.flush()
    return activity


async def _headers(
    client: httpx.AsyncClient, session: AsyncSession, role: UserRole, school: School | None = None
) -> dict[str, str]:
    account = await make_account(session, role, school=school)
    return bearer(await login(client, account.login))


DRAG_DROP = {
    "type": "dragdroppicture",
    "headerText": "Look and write.",
    "words": ["cat", "dog", "bird"],
    "answer": [
        {"no": 1, "coords": {"x": 0, "y": 0, "w": 10, "h": 10}, "text": "cat"},
        {"no": 2, "coords": {"x": 20, "y": 0, "w": 10, "h": 10}, "text": "dog"},
        {"no": 3, "coords": {"x": 40, "y": 0, "w": 10, "h": 10}, "text": "bird"},
    ],
}


def _check_url(activity: Activity) -> str:
    return f"/api/v1/activities/{activity.id}/check"


@pytest.fixture
async def unlimited_client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app with rate limits off: the vectors are a few hundred calls."""
    settings = resources.settings.model_copy(update={"rate_limit_enabled": False})
    app = create_app(
        resources=Resources(settings, resources.engine, resources.sessionmaker, resources.redis, resources.storage)
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


async def test_the_endpoint_returns_the_scorers_result_for_every_vector(
    unlimited_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    client = unlimited_client
    cases = _vector_cases()
    assert {activity_type for activity_type, _ in cases} == {t.value for t in ActivityType}
    headers = await _headers(client, session, UserRole.ADMIN)
    book = await _book(session, None)
    for activity_type, case in cases:
        activity = await _activity(session, book, activity_type, case["config"])
        response = await client.post(_check_url(activity), json={"answers": case["answers"]}, headers=headers)
        assert response.status_code == 200, (activity_type, case["name"], response.text)
        assert response.json()["data"] == case["expected"], (activity_type, case["name"])


async def test_roles_check_only_activities_they_can_see(client: httpx.AsyncClient, session: AsyncSession) -> None:
    owner, school = await make_publisher(session)
    _, other_school = await make_publisher(session)
    book = await _book(session, owner.profile_id)
    activity = await _activity(session, book, "dragdroppicture", DRAG_DROP)
    answers = {"placements": {"0": "cat", "1": "bird"}}
    callers = {
        "admin": (await _headers(client, session, UserRole.ADMIN), 200),
        "owner": (bearer(await login(client, owner.login)), 200),
        "teacher": (await _headers(client, session, UserRole.TEACHER, school), 200),
        "student": (await _headers(client, session, UserRole.STUDENT, school), 200),
        "other teacher": (await _headers(client, session, UserRole.TEACHER, other_school), 404),
        "other student": (await _headers(client, session, UserRole.STUDENT, other_school), 404),
        "other publisher": (await _headers(client, session, UserRole.PUBLISHER), 404),
    }
    for who, (headers, status) in callers.items():
        response = await client.post(_check_url(activity), json={"answers": answers}, headers=headers)
        assert response.status_code == status, (who, response.text)
        if status == 200:
            assert response.json()["data"] == {
                "score": 33,
                "correct": 1,
                "total": 3,
                "items": [
                    {"index": 0, "correct": True},
                    {"index": 1, "correct": False},
                    {"index": 2, "correct": False},
                ],
            }, who
        else:
            assert response.json()["error"]["code"] == "NOT_FOUND", who

    anonymous = await client.post(_check_url(activity), json={"answers": answers})
    assert anonymous.status_code == 401
    missing = await client.post(
        f"/api/v1/activities/{uuid.uuid4()}/check", json={"answers": answers}, headers=callers["admin"][0]
    )
    assert missing.status_code == 404


async def test_an_archived_book_is_checked_only_by_admins(client: httpx.AsyncClient, session: AsyncSession) -> None:
    owner, school = await make_publisher(session)
    book = await _book(session, owner.profile_id, BookStatus.ARCHIVED)
    activity = await _activity(session, book, "dragdroppicture", DRAG_DROP)
    body = {"answers": {"placements": {}}}
    teacher = await _headers(client, session, UserRole.TEACHER, school)
    admin = await _headers(client, session, UserRole.ADMIN)
    assert (await client.post(_check_url(activity), json=body, headers=teacher)).status_code == 404
    assert (await client.post(_check_url(activity), json=body, headers=admin)).json()["data"]["score"] == 0


# answers -> the field the 400 names (a JSON pointer into the answers; none when the whole answers are wrong)
REFUSED_ANSWERS: list[tuple[dict[str, Any], str | None]] = [
    ({"placements": {"3": "cat"}}, "/placements/3"),  # no zone 3
    ({"placements": {"0": "fish"}}, "/placements/0"),  # not a pool word
    ({"placements": {"00": "cat"}}, "/placements/00"),  # index not canonical
    ({"matches": {"0": "cat"}}, None),  # another type's answers
    ({}, None),
]
BAD_BODIES: list[dict[str, Any]] = [{}, {"answers": [1]}, {"answers": {"placements": {}}, "extra": 1}, {"answers": "x"}]


async def test_answers_outside_the_activity_are_refused_with_the_field(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    headers = await _headers(client, session, UserRole.ADMIN)
    activity = await _activity(session, await _book(session, None), "dragdroppicture", DRAG_DROP)
    for answers, field in REFUSED_ANSWERS:
        response = await client.post(_check_url(activity), json={"answers": answers}, headers=headers)
        assert response.status_code == 400, (answers, response.text)
        error = response.json()["error"]
        assert error["code"] == "INVALID_INPUT"
        assert error["details"][0]["field"] == field, (answers, error)
        assert error["details"][0]["message"]
    for body in BAD_BODIES:
        response = await client.post(_check_url(activity), json=body, headers=headers)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["error"]["code"] == "INVALID_INPUT"


async def test_an_activity_that_cannot_be_scored_is_unprocessable(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    headers = await _headers(client, session, UserRole.ADMIN)
    broken = {key: value for key, value in DRAG_DROP.items() if key != "answer"}
    activity = await _activity(session, await _book(session, None), "dragdroppicture", broken)
    response = await client.post(_check_url(activity), json={"answers": {"placements": {}}}, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "/answer"
