"""The Alembic migrations on a real PostgreSQL: upgrade, the models match, the constraints bite, and
downgrade base removes everything so that upgrade works again.

This module creates its own scratch databases on the test server, so its `engine` and `session` fixtures deliberately
replace the shared ones.
"""

import asyncio
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import URL, delete, func, make_url, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlmodel import SQLModel, col

from dream_lms import migrate
from dream_lms.assignments.models import Assignment, AssignmentStudent, AssignmentTarget
from dream_lms.auth.models import User, UserRole
from dream_lms.books.models import Book
from dream_lms.communication.models import Message
from dream_lms.materials.models import Material, MaterialKind
from dream_lms.models import metadata
from dream_lms.orgs.models import Publisher, School, SchoolClass, Student, Teacher
from tests.conftest import Servers

ScratchDatabaseFactory = Callable[[], Awaitable[URL]]
CHECK_VIOLATION = "23514"


def rendered(database_url: URL) -> str:
    return database_url.render_as_string(hide_password=False)


async def run_alembic(migration: Callable[[str, str], None], database_url: URL, revision: str) -> None:
    # env.py runs its own event loop, so Alembic must run outside this one.
    await asyncio.to_thread(migration, rendered(database_url), revision)


@pytest.fixture(scope="module")
async def scratch_database(servers: Servers) -> AsyncIterator[ScratchDatabaseFactory]:
    """Creates empty databases on the test server on demand; drops them at the end of the module."""
    admin_url = make_url(servers.database_url)
    admin_engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    async def create() -> URL:
        name = f"dream_migrations_{uuid.uuid4().hex[:12]}"
        async with admin_engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return admin_url.set(database=name)

    try:
        yield create
    finally:
        async with admin_engine.connect() as connection:
            for name in created:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin_engine.dispose()


@pytest.fixture(scope="module")
async def migrated_url(scratch_database: ScratchDatabaseFactory) -> URL:
    database_url = await scratch_database()
    await run_alembic(migrate.upgrade, database_url, "head")
    return database_url


@pytest.fixture(scope="module")
async def engine(migrated_url: URL) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(migrated_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session


@dataclass(frozen=True)
class SchoolRows:
    """Committed rows the constraint tests build on."""

    teacher_user: User
    student_user: User
    teacher: Teacher
    student: Student
    school_class: SchoolClass
    book_id: uuid.UUID


def new_user(role: UserRole, **fields: Any) -> User:
    return User(full_name=f"A {role}", role=role, password_hash="argon2-hash", **fields)


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@dream.test"


@pytest.fixture(scope="module")
async def school(engine: AsyncEngine) -> SchoolRows:
    publisher_user = new_user(UserRole.PUBLISHER, email=unique_email("publisher"))
    teacher_user = new_user(UserRole.TEACHER, email=unique_email("teacher"))
    student_user = new_user(UserRole.STUDENT, username=f"kid-{uuid.uuid4().hex[:6]}")
    publisher = Publisher(user_id=publisher_user.id, name=f"Publisher {uuid.uuid4().hex[:6]}")
    school = School(publisher_id=publisher.id, name="Primary School 1")
    teacher = Teacher(user_id=teacher_user.id, school_id=school.id)
    student = Student(user_id=student_user.id, school_id=school.id, created_by_teacher_id=teacher.id)
    school_class = SchoolClass(teacher_id=teacher.id, school_id=school.id, name="3B")
    book = Book(dream_storage_id=f"BOOK-{uuid.uuid4().hex[:8]}", title="Book")
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        for row in (publisher_user, teacher_user, student_user, publisher, school, teacher, student, book):
            session.add(row)
            await session.flush()
        session.add(school_class)
    return SchoolRows(teacher_user, student_user, teacher, student, school_class, book.id)


async def add_assignment(session: AsyncSession, school: SchoolRows, **fields: Any) -> Assignment:
    assignment = Assignment(teacher_id=school.teacher.id, book_id=school.book_id, name="Unit 1", **fields)
    session.add(assignment)
    await session.flush()
    return assignment


async def count_targets(session: AsyncSession, assignment_id: uuid.UUID) -> int | None:
    return await session.scalar(
        select(func.count()).select_from(AssignmentTarget).where(col(AssignmentTarget.assignment_id) == assignment_id)
    )


async def assert_flush_violates(session: AsyncSession, row: SQLModel, constraint: str) -> None:
    session.add(row)
    with pytest.raises(IntegrityError, match=constraint):
        await session.flush()
    await session.rollback()


async def test_models_match_the_migrated_schema(migrated_url: URL) -> None:
    # `alembic check` raises when autogenerate finds any difference between models and database.
    await asyncio.to_thread(command.check, migrate.alembic_config(rendered(migrated_url)))


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"email": "not-an-email"}, "ck_users_email_format"),
        ({"email": "Mixed.Case@dream.test"}, "ck_users_email_lowercase"),
        ({"username": "has space"}, "ck_users_username_format"),
        ({}, "ck_users_email_or_username"),
    ],
)
async def test_user_identity_checks(
    session: AsyncSession, school: SchoolRows, fields: dict[str, Any], constraint: str
) -> None:
    await assert_flush_violates(session, new_user(UserRole.STUDENT, **fields), constraint)


async def test_usernames_are_unique_whatever_the_case(session: AsyncSession, school: SchoolRows) -> None:
    assert school.student_user.username is not None
    twin = new_user(UserRole.STUDENT, username=school.student_user.username.upper())
    await assert_flush_violates(session, twin, "uq_users_lower_username")


async def test_score_above_100_is_refused(session: AsyncSession, school: SchoolRows) -> None:
    assignment = await add_assignment(session, school)
    row = AssignmentStudent(assignment_id=assignment.id, student_id=school.student.id, score=101)
    await assert_flush_violates(session, row, "ck_assignment_students_score_range")


async def test_time_limit_must_be_positive(session: AsyncSession, school: SchoolRows) -> None:
    assignment = Assignment(teacher_id=school.teacher.id, book_id=school.book_id, name="Quiz", time_limit_minutes=0)
    await assert_flush_violates(session, assignment, "ck_assignments_time_limit_positive")


@pytest.mark.parametrize(
    "file_and_link",
    [{"storage_key": "materials/a.pdf", "url": "https://example.org/a"}, {}],
    ids=["both", "neither"],
)
async def test_material_is_a_file_or_a_link(
    session: AsyncSession, school: SchoolRows, file_and_link: dict[str, Any]
) -> None:
    material = Material(teacher_id=school.teacher.id, title="Song", kind=MaterialKind.PDF, **file_and_link)
    await assert_flush_violates(session, material, "ck_materials_file_or_link")


async def test_nobody_messages_themselves(session: AsyncSession, school: SchoolRows) -> None:
    user_id = school.teacher_user.id
    message = Message(sender_user_id=user_id, recipient_user_id=user_id, body="Note to self")
    await assert_flush_violates(session, message, "ck_messages_no_self_message")


NO_TARGET_ERROR = "has no target"


async def test_assignment_without_target_fails_at_commit(session: AsyncSession, school: SchoolRows) -> None:
    await add_assignment(session, school)  # the flush succeeds: the check is deferred
    with pytest.raises(IntegrityError, match=NO_TARGET_ERROR) as raised:
        await session.commit()
    assert getattr(raised.value.orig, "sqlstate", None) == CHECK_VIOLATION


async def test_assignment_with_target_commits(session: AsyncSession, school: SchoolRows) -> None:
    assignment = await add_assignment(session, school)
    session.add(AssignmentTarget(assignment_id=assignment.id, student_id=school.student.id))
    await session.commit()
    assert await count_targets(session, assignment.id) == 1


async def test_deleting_the_only_target_class_keeps_the_assignment(session: AsyncSession, school: SchoolRows) -> None:
    school_class = SchoolClass(teacher_id=school.teacher.id, school_id=school.teacher.school_id, name="Tmp")
    session.add(school_class)
    assignment = await add_assignment(session, school)
    session.add(AssignmentTarget(assignment_id=assignment.id, class_id=school_class.id))
    await session.commit()

    await session.execute(delete(SchoolClass).where(col(SchoolClass.id) == school_class.id))
    await session.commit()  # the target went with its class: allowed, the students keep their work
    assert await count_targets(session, assignment.id) == 0
    assert await session.scalar(select(col(Assignment.name)).where(col(Assignment.id) == assignment.id)) == "Unit 1"


async def test_assignment_keeps_at_least_one_target(session: AsyncSession, school: SchoolRows) -> None:
    assignment = await add_assignment(session, school)
    session.add(AssignmentTarget(assignment_id=assignment.id, class_id=school.school_class.id))
    await session.commit()

    await session.execute(delete(AssignmentTarget).where(col(AssignmentTarget.assignment_id) == assignment.id))
    with pytest.raises(IntegrityError, match=NO_TARGET_ERROR):
        await session.commit()


async def test_updated_at_changes_on_update(session: AsyncSession, school: SchoolRows) -> None:
    user = new_user(UserRole.TEACHER, email=unique_email("rename"))
    session.add(user)
    await session.commit()
    created_updated_at = user.updated_at

    user.full_name = "Renamed Teacher"
    await session.commit()  # a later transaction, so now() moved on

    stored = await session.scalar(text("SELECT updated_at FROM users WHERE id = :id"), {"id": user.id})
    assert stored is not None and stored > created_updated_at
    # The ORM read the trigger's value back (eager defaults), no lazy load needed.
    assert user.updated_at == stored
    assert stored.tzinfo is not None and stored <= datetime.now(UTC)


async def test_update_that_changes_nothing_keeps_updated_at(session: AsyncSession, school: SchoolRows) -> None:
    before = await session.scalar(text("SELECT updated_at FROM classes WHERE id = :id"), {"id": school.school_class.id})
    await session.execute(
        update(SchoolClass).where(col(SchoolClass.id) == school.school_class.id).values(name=school.school_class.name)
    )
    after = await session.scalar(text("SELECT updated_at FROM classes WHERE id = :id"), {"id": school.school_class.id})
    await session.rollback()
    assert after == before


async def test_every_table_with_updated_at_has_the_trigger(session: AsyncSession) -> None:
    rows = await session.execute(text("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'set_updated_at'"))
    tables_with_trigger = set(rows.scalars())
    tables_with_column = {table.name for table in metadata.tables.values() if "updated_at" in table.c}
    assert tables_with_trigger == tables_with_column


PUBLIC_OBJECTS_QUERY = """
SELECT 'relation ' || relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE nspname = 'public' AND relname NOT LIKE 'alembic_version%'
UNION ALL
SELECT 'type ' || typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE nspname = 'public' AND typname NOT LIKE '%alembic_version'
UNION ALL
SELECT 'function ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE nspname = 'public'
"""


async def public_objects(database_url: URL) -> list[str]:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(text(PUBLIC_OBJECTS_QUERY))).scalars())
    finally:
        await engine.dispose()


async def test_downgrade_base_removes_everything_and_upgrade_works_again(
    scratch_database: ScratchDatabaseFactory,
) -> None:
    database_url = await scratch_database()
    await run_alembic(migrate.upgrade, database_url, "head")
    objects_after_upgrade = await public_objects(database_url)
    assert {f"relation {name}" for name in metadata.tables} <= set(objects_after_upgrade)
    assert {"function set_updated_at", "relation change_feed_seq", "type user_role"} <= set(objects_after_upgrade)

    await run_alembic(migrate.downgrade, database_url, "base")
    assert await public_objects(database_url) == []

    await run_alembic(migrate.upgrade, database_url, "head")
    assert sorted(await public_objects(database_url)) == sorted(objects_after_upgrade)


async def test_0005_copies_each_audit_actor_onto_its_entries(scratch_database: ScratchDatabaseFactory) -> None:
    database_url = await scratch_database()
    await run_alembic(migrate.upgrade, database_url, "0004")
    actor_id, acted, by_system = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, full_name, role) "
                    "VALUES (:id, 'ada@dream.test', 'argon2-hash', 'Ada Admin', 'admin')"
                ),
                {"id": actor_id},
            )
            await connection.execute(
                text(
                    "INSERT INTO audit_log (id, actor_user_id, action, entity_type) "
                    "VALUES (:acted, :actor, 'school.create', 'school'), (:by_system, NULL, 'system.task', 'school')"
                ),
                {"acted": acted, "actor": actor_id, "by_system": by_system},
            )
        await run_alembic(migrate.upgrade, database_url, "0005")
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT id, actor_name, actor_email FROM audit_log"))
            snapshots = {row.id: (row.actor_name, row.actor_email) for row in rows}
    finally:
        await engine.dispose()
    assert snapshots == {acted: ("Ada Admin", "ada@dream.test"), by_system: (None, None)}


async def test_0006_removes_duplicate_assignment_notifications_and_their_feed_entries(
    scratch_database: ScratchDatabaseFactory,
) -> None:
    database_url = await scratch_database()
    await run_alembic(migrate.upgrade, database_url, "0005")
    student, assignment, other_assignment = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    earliest, duplicate, other, completed = (uuid.uuid4() for _ in range(4))
    # In the order they were made, a second apart.
    notifications = [
        (earliest, "assignment_created", assignment),
        (duplicate, "assignment_created", assignment),  # a race made it: it goes
        (other, "assignment_created", other_assignment),
        (completed, "student_completed", assignment),  # another type: not a duplicate
    ]
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, full_name, role) "
                    "VALUES (:id, 'kid-0006', 'argon2-hash', 'A Student', 'student')"
                ),
                {"id": student},
            )
            for index, (notification_id, kind, assignment_id) in enumerate(notifications):
                await connection.execute(
                    text(
                        "INSERT INTO notifications (id, user_id, type, title, data, created_at) "
                        "VALUES (:id, :user_id, :type, 'Note', CAST(:data AS jsonb), :created_at)"
                    ),
                    {
                        "id": notification_id,
                        "user_id": student,
                        "type": kind,
                        "data": json.dumps({"assignment_id": str(assignment_id)}),
                        "created_at": datetime(2026, 11, 1, 8, tzinfo=UTC) + timedelta(seconds=index),
                    },
                )
                await connection.execute(
                    text(
                        "INSERT INTO change_feed (user_id, entity_type, entity_id, op, payload) "
                        "VALUES (:user_id, 'notification', :id, 'upsert', '{}')"
                    ),
                    {"id": notification_id, "user_id": student},
                )
        await run_alembic(migrate.upgrade, database_url, "0006")
        async with engine.connect() as connection:
            kept = set((await connection.execute(text("SELECT id FROM notifications"))).scalars())
            published = set((await connection.execute(text("SELECT entity_id FROM change_feed"))).scalars())
            with pytest.raises(IntegrityError, match="uq_notifications_user_id_assignment_created"):
                await connection.execute(
                    text(
                        "INSERT INTO notifications (user_id, type, title, data) VALUES "
                        "(:user_id, 'assignment_created', 'Again', CAST(:data AS jsonb))"
                    ),
                    {"user_id": student, "data": json.dumps({"assignment_id": str(assignment)})},
                )
    finally:
        await engine.dispose()
    assert kept == published == {earliest, other, completed}


async def test_concurrent_upgrades_wait_for_each_other(scratch_database: ScratchDatabaseFactory) -> None:
    """API replicas migrate on start at the same time; the advisory lock lets exactly one do the work."""
    database_url = await scratch_database()
    environment = os.environ | {"DATABASE_URL": rendered(database_url)}
    replicas = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-m", "dream_lms.cli", "migrate", env=environment, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(3)
    ]
    outcomes = [await asyncio.wait_for(replica.communicate(), 60) for replica in replicas]
    assert [replica.returncode for replica in replicas] == [0, 0, 0], outcomes
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            versions = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    finally:
        await engine.dispose()
    head = ScriptDirectory.from_config(migrate.alembic_config(rendered(database_url))).get_current_head()
    assert versions == [head]
