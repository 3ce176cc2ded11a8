"""A student with an assignment of three activities (two fill-picture, one circle), and builders of sync ops."""

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.assignments.models import Assignment, AssignmentActivity, AssignmentTarget
from dream_lms.attempts.merge import attempt_id_for
from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity, ActivityType, Book
from tests.factories import Account, bearer, login, make_account, make_publisher

BLANKS = {"type": "fillpicture", "answer": [{"text": "cat"}, {"text": "dog"}]}
CIRCLE = {"type": "circle", "answer": [{"isCorrect": True}, {"isCorrect": False}, {"isCorrect": False}]}
DEVICE_A = "11111111-1111-4111-8111-111111111111"
DEVICE_B = "22222222-2222-4222-8222-222222222222"


@dataclass
class Setup:
    assignment_id: str
    activity_ids: list[str]  # fillpicture, fillpicture, circle
    students: list[Account]
    headers: list[dict[str, str]]
    teacher: Account

    @property
    def student_id(self) -> str:
        return str(self.students[0].profile_id)


async def make_setup(
    session: AsyncSession,
    client: httpx.AsyncClient,
    *,
    students: int = 2,
    max_attempts: int = 1,
    due_at: datetime | None = None,
    time_limit_minutes: int | None = None,
    sign_in: bool = True,
) -> Setup:
    publisher, school = await make_publisher(session)
    teacher = await make_account(session, UserRole.TEACHER, school=school)
    book = Book(dream_storage_id=f"book-{uuid.uuid4().hex[:10]}", title="Sync Book", publisher_id=publisher.profile_id)
    session.add(book)
    await session.flush()
    activities = []
    for index, (kind, config) in enumerate(
        [(ActivityType.FILL_PICTURE, BLANKS), (ActivityType.FILL_PICTURE, BLANKS), (ActivityType.CIRCLE, CIRCLE)]
    ):
        activity = Activity(
            book_id=book.id,
            location_key=f"0/{index}/0",
            module_name="Module 1",
            page_number=index,
            section_index=0,
            order_index=index,
            activity_type=kind,
            title=f"Activity {index}",
            config=config,
            content_hash=uuid.uuid4().hex,
        )
        session.add(activity)
        activities.append(activity)
    await session.flush()
    assert teacher.profile_id is not None
    assignment = Assignment(
        teacher_id=teacher.profile_id,
        book_id=book.id,
        name="Sync homework",
        due_at=due_at,
        time_limit_minutes=time_limit_minutes,
        max_attempts=max_attempts,
    )
    session.add(assignment)
    await session.flush()
    for position, activity in enumerate(activities):
        session.add(AssignmentActivity(assignment_id=assignment.id, activity_id=activity.id, position=position))
    accounts, headers = [], []
    for _ in range(students):
        account = await make_account(session, UserRole.STUDENT, school=school)
        session.add(AssignmentTarget(assignment_id=assignment.id, student_id=account.profile_id))
        accounts.append(account)
    await session.flush()
    for account in accounts if sign_in else []:
        headers.append(bearer(await login(client, account.login)))
    return Setup(str(assignment.id), [str(a.id) for a in activities], accounts, headers, teacher)


def now_ms() -> int:
    return int(time.time() * 1000)


def stamp(wall: int, device: str, counter: int = 0) -> dict[str, Any]:
    return {"wall": wall, "counter": counter, "device": device}


def new_state(
    setup: Setup, device: str, *, wall: int | None = None, number: int = 1, student: int = 0
) -> dict[str, Any]:
    wall = wall or now_ms()
    student_id = str(setup.students[student].profile_id)
    return {
        "attempt_id": attempt_id_for(setup.assignment_id, student_id, number),
        "assignment_id": setup.assignment_id,
        "attempt_number": number,
        "status": "in_progress",
        "version_vector": {device: 1},
        "answers": {},
        "answers_not_submitted": {},
        "time_spent": {},
        "started": {"hlc": stamp(wall, device), "device_time": wall},
        "submitted": None,
    }


def answer(state: dict[str, Any], device: str, activity_id: str, value: dict[str, Any], wall: int) -> dict[str, Any]:
    """A local change: the activity's answers with a new stamp, and the device's vector entry bumped."""
    changed = {**state, "answers": {**state["answers"]}, "version_vector": {**state["version_vector"]}}
    counter = state["version_vector"].get(device, 0) + 1
    changed["version_vector"][device] = counter
    changed["answers"][activity_id] = {"value": value, "hlc": stamp(wall, device, counter)}
    return changed


def submit(state: dict[str, Any], device: str, wall: int) -> dict[str, Any]:
    changed = {**state, "version_vector": {**state["version_vector"]}}
    counter = state["version_vector"].get(device, 0) + 1
    changed["version_vector"][device] = counter
    changed["status"] = "submitted"
    changed["submitted"] = {"hlc": stamp(wall, device, counter), "device_time": wall}
    return changed


def op(kind: str, state: dict[str, Any], op_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"op_id": op_id or str(uuid.uuid4()), "kind": kind, "attempt": state, **extra}


async def push(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    device: str,
    ops: list[dict[str, Any]],
    client_time: int | None = None,
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/sync/push",
        headers=headers,
        json={"device_id": device, "client_time": client_time if client_time is not None else now_ms(), "ops": ops},
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data
