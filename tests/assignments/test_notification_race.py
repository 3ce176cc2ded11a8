"""Two requests notifying the same student of the same assignment at the same moment, with committed data in two
real transactions: the unique index makes one notification and one feed entry of them, and neither fails."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import Assignment, AssignmentTarget
from dream_lms.assignments.notifications import notify_assignment_created
from dream_lms.auth.models import UserRole
from dream_lms.communication.models import Notification
from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.core.resources import create_engine
from dream_lms.settings import Settings
from tests.assignments.helpers import make_book
from tests.factories import make_account, make_publisher


@pytest.fixture
async def engine(committed_settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(committed_settings)
    yield engine
    await engine.dispose()


async def _assigned_student(engine: AsyncEngine) -> tuple[Assignment, uuid.UUID, uuid.UUID]:
    """A committed assignment given to one student: (assignment, student id, the student's user id)."""
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        publisher, school = await make_publisher(session)
        assert publisher.profile_id is not None
        teacher = await make_account(session, UserRole.TEACHER, school=school)
        student = await make_account(session, UserRole.STUDENT, school=school)
        assert teacher.profile_id is not None and student.profile_id is not None
        book, _ = await make_book(session, publisher.profile_id)
        assignment = Assignment(teacher_id=teacher.profile_id, book_id=book.id, name="Unit 1")
        session.add(assignment)
        await session.flush()
        session.add(AssignmentTarget(assignment_id=assignment.id, student_id=student.profile_id))
    return assignment, student.profile_id, student.user.id


async def _wait_until_blocked(engine: AsyncEngine, backend_pid: int) -> None:
    """Until the backend waits on a lock (here: the other transaction's uncommitted row in the unique index)."""
    async with engine.connect() as watcher:
        for _ in range(200):
            waiting = await watcher.scalar(
                text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": backend_pid}
            )
            await watcher.rollback()  # a fresh snapshot of pg_stat_activity at each look
            if waiting == "Lock":
                return
            await asyncio.sleep(0.05)
    pytest.fail("the second transaction never waited for the first one's notification")


async def test_two_transactions_notifying_one_student_at_once_make_one_notification(engine: AsyncEngine) -> None:
    assignment, student_id, user_id = await _assigned_student(engine)
    async with AsyncSession(engine, expire_on_commit=False) as first, AsyncSession(engine) as second:
        second_pid = await second.scalar(text("SELECT pg_backend_pid()"))
        assert second_pid is not None
        await notify_assignment_created(first, assignment, [student_id])  # inserted, not committed yet

        async def notify_and_commit() -> None:
            await notify_assignment_created(second, assignment, [student_id])
            await second.commit()

        # The second cannot see the first's uncommitted row, so nothing short of the index stops it.
        racing = asyncio.create_task(notify_and_commit())
        await _wait_until_blocked(engine, second_pid)
        await first.commit()
        await asyncio.wait_for(racing, 10)  # skipped silently: no IntegrityError

    async with AsyncSession(engine) as session:
        notifications = list(
            await session.scalars(
                select(col(Notification.id)).where(
                    col(Notification.user_id) == user_id,
                    col(Notification.data)["assignment_id"].astext == str(assignment.id),
                )
            )
        )
        entries = list(
            await session.scalars(
                select(col(ChangeFeedEntry.entity_id)).where(
                    col(ChangeFeedEntry.user_id) == user_id, col(ChangeFeedEntry.entity_type) == "notification"
                )
            )
        )
    assert len(notifications) == 1
    assert entries == notifications


async def test_notifying_again_later_publishes_nothing(engine: AsyncEngine) -> None:
    assignment, student_id, user_id = await _assigned_student(engine)
    for _ in range(2):  # e.g. a retried request, after the first committed
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            await notify_assignment_created(session, assignment, [student_id])
    async with AsyncSession(engine) as session:
        entries = await session.scalar(
            select(func.count())
            .select_from(ChangeFeedEntry)
            .where(col(ChangeFeedEntry.user_id) == user_id, col(ChangeFeedEntry.entity_type) == "notification")
        )
    assert entries == 1
