"""Bulk import: read the file, validate every row, match rows to existing records, then import all, none, or
only the valid rows.

Every row is checked before anything is written: required columns, formats, duplicates within the file, and
clashes with accounts the importer may not touch. Rows match existing records (by email/username, or by name for
publishers and schools), so importing the same file again updates or leaves rows unchanged instead of creating
duplicates. Lookups and writes are batched, so thousands of rows take a handful of queries.
"""

import asyncio
import re
import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from email_validator import EmailNotValidError, validate_email
from redis.asyncio import Redis
from sqlalchemy import ARRAY, ColumnElement, Text, cast, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.membership import class_members_changed
from dream_lms.auth.audit import actor_snapshot
from dream_lms.auth.models import USERNAME_PATTERN, User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import AuditLogEntry
from dream_lms.core.errors import NotFound
from dream_lms.orgs.imports.columns import COLUMNS, ImportMode, canonical
from dream_lms.orgs.imports.reader import Sheet, read_sheet
from dream_lms.orgs.imports.schemas import CreatedCredential, ImportProblem, ImportReport, PreviewRow, RowStatus
from dream_lms.orgs.imports.templates import error_sheet
from dream_lms.orgs.models import ClassStudent, Publisher, School, SchoolClass, Student, Teacher
from dream_lms.orgs.students import school_of, teacher_id_of
from dream_lms.users.friendly_passwords import UNUSABLE_PASSWORD_HASH, friendly_password, hash_initial_passwords

PREVIEW_ROWS = 200
ERROR_SHEET_SECONDS = 3600
_USERNAME = re.compile(USERNAME_PATTERN)
_BATCH = 1000
_ERROR_SHEET_KEY = "imports:error-sheet:{token}"
ERROR_SHEET_PATH = "/api/v1/imports/error-sheets/{token}"


@dataclass
class Row:
    number: int
    values: dict[str, str]
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    status: RowStatus = "new"
    parsed: dict[str, Any] = field(default_factory=dict)
    # What applying the row does: the existing record's ids and the changed fields.
    target: dict[str, Any] = field(default_factory=dict)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append((column, message))

    @property
    def valid(self) -> bool:
        return not self.problems


# --- field checks ---


def _email(row: Row, column: str, *, required: bool = False) -> str | None:
    value = row.values.get(column, "")
    if not value:
        if required:
            row.problem(column, "Required.")
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        row.problem(column, f"Not a valid email address: {exc}")
        return None


def _text(row: Row, column: str, max_length: int, *, required: bool = False) -> str | None:
    value = row.values.get(column, "")
    if not value:
        if required:
            row.problem(column, "Required.")
        return None
    if len(value) > max_length:
        row.problem(column, f"Use at most {max_length} characters.")
        return None
    return value


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _flag_duplicates(rows: Sequence[Row], column: str, key: str) -> None:
    """Mark later rows whose `key` (a parsed value) repeats an earlier row's."""
    first_seen: dict[Any, int] = {}
    for row in rows:
        value = row.parsed.get(key)
        if value is None or value == () or row.parsed.get("_duplicate"):
            continue
        earlier = first_seen.setdefault(value, row.number)
        if earlier != row.number:
            row.problem(column, f"Duplicate of row {earlier}.")
            row.parsed["_duplicate"] = True


def _chunks(items: Sequence[Any], size: int = _BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lower_in(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    """lower(column) IN the values lowered by PostgreSQL too: Python's and the database's lower() differ for some
    letters (the Turkish dotted I, or any non-ASCII letter under the C collation), and the unique indexes use the
    database's."""
    lowered = select(func.lower(func.unnest(cast(sorted(values), ARRAY(Text)))))
    return func.lower(column).in_(lowered.scalar_subquery())


async def _users_by_login(
    session: AsyncSession, emails: set[str], usernames: set[str]
) -> tuple[dict[str, User], dict[str, User]]:
    by_email: dict[str, User] = {}
    by_username: dict[str, User] = {}
    if not emails and not usernames:
        return by_email, by_username
    conditions = []
    if emails:
        conditions.append(_lower_in(col(User.email), emails))
    if usernames:
        conditions.append(_lower_in(col(User.username), usernames))
    for user in await session.scalars(select(User).where(or_(*conditions))):
        if user.email:
            by_email[user.email.lower()] = user
        if user.username:
            by_username[user.username.lower()] = user
    return by_email, by_username


async def _bulk_insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        await session.execute(insert(model), list(chunk))


async def _bulk_update(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    """UPDATE by primary key; rows that change different fields go in separate batches."""
    by_fields: dict[frozenset[str], list[dict[str, Any]]] = {}
    for values in rows:
        by_fields.setdefault(frozenset(values), []).append(values)
    for group in by_fields.values():
        for chunk in _chunks(group):
            await session.execute(update(model), list(chunk))


def _audit_rows(
    actor: dict[str, Any], ip: str | None, entity_type: str, rows: Sequence[Row], *, created: bool
) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            **actor,
            "action": f"{entity_type}.{'create' if created else 'update'}",
            "entity_type": entity_type,
            "entity_id": row.target["entity_id"],
            "before": None if created else row.target["before"],
            "after": row.target["after"],
            "ip": ip,
        }
        for row in rows
    ]


def _changes(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The wanted values that differ from the current ones; a missing (None) wanted value changes nothing."""
    return {name: value for name, value in wanted.items() if value is not None and current.get(name) != value}


def _before_after(current: dict[str, Any], changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def plain(value: Any) -> Any:
        return str(value) if isinstance(value, uuid.UUID) else value

    return (
        {name: plain(current.get(name)) for name in changes},
        {name: plain(value) for name, value in changes.items()},
    )


# --- the kinds ---


class Importer:
    kind: str
    entity_type: str
    audited = True

    def check(self, row: Row) -> None:
        raise NotImplementedError

    def duplicate_keys(self) -> list[tuple[str, str]]:
        """(column, parsed key) pairs that must be unique within the file."""
        raise NotImplementedError

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        """Match valid rows to existing records: status new/update/unchanged, or a problem."""
        raise NotImplementedError

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        raise NotImplementedError


class StudentImporter(Importer):
    kind = entity_type = "students"
    audited = False

    def __init__(self, teacher: Principal) -> None:
        self.school_id = school_of(teacher)
        self.teacher_id = teacher_id_of(teacher)
        self.classes: dict[str, SchoolClass] = {}
        self.enrolled: set[tuple[uuid.UUID, uuid.UUID]] = set()

    def check(self, row: Row) -> None:
        first = _text(row, "first_name", 100, required=True)
        last = _text(row, "last_name", 100)
        full_name = f"{first or ''} {last or ''}".strip()
        email = _email(row, "email")
        username = row.values.get("username") or None
        if username is not None and not _USERNAME.match(username):
            row.problem("username", "Use 3-64 characters without spaces or @.")
            username = None
        if not row.values.get("email") and not row.values.get("username"):
            row.problem("username", "Give a username or an email address.")
        row.parsed.update(
            full_name=full_name,
            email=email,
            username=username,
            username_key=username.lower() if username else None,
            grade=_text(row, "grade", 20),
            parent_email=_email(row, "parent_email"),
            class_name=_text(row, "class", 100),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("email", "email"), ("username", "username_key")]

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        emails = {row.parsed["email"] for row in rows if row.parsed["email"]}
        usernames = {row.parsed["username_key"] for row in rows if row.parsed["username_key"]}
        by_email, by_username = await _users_by_login(session, emails, usernames)
        user_ids = {user.id for user in (*by_email.values(), *by_username.values())}
        students: dict[uuid.UUID, Student] = {}
        if user_ids:
            students = {
                s.user_id: s for s in await session.scalars(select(Student).where(col(Student.user_id).in_(user_ids)))
            }
        for school_class in await session.scalars(
            select(SchoolClass)
            .where(col(SchoolClass.teacher_id) == self.teacher_id)
            .order_by(col(SchoolClass.is_archived), col(SchoolClass.created_at))
        ):
            self.classes.setdefault(school_class.name.lower(), school_class)
        class_ids = [school_class.id for school_class in self.classes.values()]
        if class_ids:
            memberships = await session.execute(
                select(col(ClassStudent.class_id), col(ClassStudent.student_id)).where(
                    col(ClassStudent.class_id).in_(class_ids)
                )
            )
            self.enrolled = {(class_id, student_id) for class_id, student_id in memberships.all()}
        taught = {student_id for _, student_id in self.enrolled}

        for row in rows:
            parsed = row.parsed
            by_mail = by_email.get(parsed["email"]) if parsed["email"] else None
            by_name = by_username.get(parsed["username_key"]) if parsed["username_key"] else None
            if by_mail and by_name and by_mail.id != by_name.id:
                row.problem("username", "This username belongs to another account than the email address.")
                continue
            user = by_mail or by_name
            if user is None:
                row.status = "new"
                continue
            student = students.get(user.id)
            visible = (
                student is not None
                and student.school_id == self.school_id
                and (student.created_by_teacher_id == self.teacher_id or student.id in taught)
            )
            if user.role != UserRole.STUDENT or student is None or not visible:
                column = "email" if by_mail else "username"
                row.problem(column, f"This {column} is already used by another account.")
                continue
            current = {
                "full_name": user.full_name,
                "email": user.email,
                "username": user.username,
                "grade": student.grade,
                "parent_email": student.parent_email,
            }
            wanted = {name: parsed[name] for name in current}
            changes = _changes(current, wanted)
            enrol = False
            if parsed["class_name"]:
                known = self.classes.get(parsed["class_name"].lower())
                enrol = known is None or (known.id, student.id) not in self.enrolled
            row.target = {"user_id": user.id, "student_id": student.id, "changes": changes, "enrol": enrol}
            row.status = "update" if changes or enrol else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        await self._create_missing_classes(session, rows)
        new_rows = [row for row in rows if row.status == "new"]
        passwords = {row.number: friendly_password() for row in new_rows if not row.parsed["email"]}
        hashes = dict(zip(passwords, await hash_initial_passwords(list(passwords.values())), strict=True))
        users, students, credentials = [], [], []
        for row in new_rows:
            parsed, user_id, student_id = row.parsed, uuid.uuid4(), uuid.uuid4()
            row.target = {"student_id": student_id, "enrol": bool(parsed["class_name"])}
            users.append(
                {
                    "id": user_id,
                    "role": UserRole.STUDENT,
                    "full_name": parsed["full_name"],
                    "email": parsed["email"],
                    "username": parsed["username"],
                    "password_hash": hashes.get(row.number, UNUSABLE_PASSWORD_HASH),
                }
            )
            students.append(
                {
                    "id": student_id,
                    "user_id": user_id,
                    "school_id": self.school_id,
                    "grade": parsed["grade"],
                    "parent_email": parsed["parent_email"],
                    "created_by_teacher_id": self.teacher_id,
                }
            )
            if row.number in passwords:
                credentials.append(
                    CreatedCredential(
                        student_id=student_id,
                        full_name=parsed["full_name"],
                        username=parsed["username"],
                        password=passwords[row.number],
                    )
                )
        await _bulk_insert(session, User, users)
        await _bulk_insert(session, Student, students)

        user_updates, student_updates = [], []
        for row in rows:
            changes = row.target.get("changes") if row.status == "update" else None
            if not changes:
                continue
            account = {k: v for k, v in changes.items() if k in ("full_name", "email", "username")}
            profile = {k: v for k, v in changes.items() if k in ("grade", "parent_email")}
            if account:
                user_updates.append({"id": row.target["user_id"], **account})
            if profile:
                student_updates.append({"id": row.target["student_id"], **profile})
        await _bulk_update(session, User, user_updates)
        await _bulk_update(session, Student, student_updates)

        memberships = [
            {"class_id": self.classes[row.parsed["class_name"].lower()].id, "student_id": row.target["student_id"]}
            for row in rows
            if row.parsed["class_name"] and row.target.get("enrol")
        ]
        joined: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for chunk in _chunks(memberships):
            inserted = await session.execute(
                pg_insert(ClassStudent)
                .values(list(chunk))
                .on_conflict_do_nothing()
                .returning(col(ClassStudent.class_id), col(ClassStudent.student_id))
            )
            for class_id, student_id in inserted.all():
                joined[class_id].append(student_id)
        for class_id, student_ids in joined.items():
            await class_members_changed(session, class_id, added=student_ids)
        return credentials

    async def _create_missing_classes(self, session: AsyncSession, rows: list[Row]) -> None:
        missing: dict[str, str] = {}
        for row in rows:
            name = row.parsed["class_name"]
            if name and name.lower() not in self.classes:
                missing.setdefault(name.lower(), name)
        for key, name in missing.items():
            school_class = SchoolClass(teacher_id=self.teacher_id, school_id=self.school_id, name=name)
            session.add(school_class)
            self.classes[key] = school_class
        if missing:
            await session.flush()


class TeacherImporter(Importer):
    """Admins import teachers into any school; a publisher only into its own schools."""

    kind = "teachers"
    entity_type = "teacher"

    def __init__(self, actor: Principal) -> None:
        self.actor = actor
        self.publisher_id = actor.publisher_id if actor.role == UserRole.PUBLISHER else None
        if actor.role == UserRole.PUBLISHER and self.publisher_id is None:
            raise NotFound("Your account has no publisher profile.")

    def check(self, row: Row) -> None:
        row.parsed.update(
            full_name=_text(row, "full_name", 200, required=True),
            email=_email(row, "email", required=True),
            school=_text(row, "school", 200, required=True),
            subject=_text(row, "subject", 100),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("email", "email")]

    async def _schools(self, session: AsyncSession, rows: list[Row]) -> list[School]:
        query = select(School)
        if self.publisher_id is not None:
            return list(await session.scalars(query.where(col(School.publisher_id) == self.publisher_id)))
        names = {row.parsed["school"] for row in rows}
        ids = {school_id for name in names if (school_id := _as_uuid(name))}
        condition = _lower_in(col(School.name), names)
        if ids:
            condition = or_(condition, col(School.id).in_(ids))
        return list(await session.scalars(query.where(condition)))

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        schools = await self._schools(session, rows)
        by_id = {school.id: school for school in schools}
        by_name: dict[str, list[School]] = {}
        for school in schools:
            by_name.setdefault(school.name.lower(), []).append(school)
        by_email, _ = await _users_by_login(session, {row.parsed["email"] for row in rows}, set())
        teachers: dict[uuid.UUID, tuple[Teacher, uuid.UUID]] = {}
        if by_email:
            found = await session.execute(
                select(Teacher, col(School.publisher_id))
                .join(School, col(School.id) == col(Teacher.school_id))
                .where(col(Teacher.user_id).in_([user.id for user in by_email.values()]))
            )
            teachers = {teacher.user_id: (teacher, publisher_id) for teacher, publisher_id in found.all()}
        for row in rows:
            parsed = row.parsed
            school_id = _as_uuid(parsed["school"])
            matches = [by_id[school_id]] if school_id in by_id else by_name.get(parsed["school"].lower(), [])
            if not matches:
                row.problem("school", f"No school named {parsed['school']!r}.")
                continue
            if len(matches) > 1:
                row.problem("school", f"Several schools are named {parsed['school']!r}; give the school's id.")
                continue
            school = matches[0]
            user = by_email.get(parsed["email"])
            if user is None:
                row.status = "new"
                row.target = {"school_id": school.id}
                continue
            existing = teachers.get(user.id)
            in_scope = existing is not None and (self.publisher_id is None or existing[1] == self.publisher_id)
            if user.role != UserRole.TEACHER or existing is None or not in_scope:
                row.problem("email", "This email is already used by another account.")
                continue
            teacher = existing[0]
            current = {"full_name": user.full_name, "school_id": teacher.school_id, "subject": teacher.subject}
            changes = _changes(
                current, {"full_name": parsed["full_name"], "school_id": school.id, "subject": parsed["subject"]}
            )
            before, after = _before_after(current, changes)
            row.target = {
                "user_id": user.id,
                "entity_id": teacher.id,
                "changes": changes,
                "before": before,
                "after": after,
            }
            row.status = "update" if changes else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        users, teachers = [], []
        for row in rows:
            if row.status != "new":
                continue
            user_id, teacher_id = uuid.uuid4(), uuid.uuid4()
            parsed = row.parsed
            users.append(
                {
                    "id": user_id,
                    "role": UserRole.TEACHER,
                    "full_name": parsed["full_name"],
                    "email": parsed["email"],
                    "password_hash": UNUSABLE_PASSWORD_HASH,
                }
            )
            teachers.append(
                {
                    "id": teacher_id,
                    "user_id": user_id,
                    "school_id": row.target["school_id"],
                    "subject": parsed["subject"],
                }
            )
            row.target |= {
                "entity_id": teacher_id,
                "after": {
                    "school_id": str(row.target["school_id"]),
                    "email": parsed["email"],
                    "full_name": parsed["full_name"],
                    "subject": parsed["subject"],
                },
            }
        await _bulk_insert(session, User, users)
        await _bulk_insert(session, Teacher, teachers)
        updates = [row for row in rows if row.status == "update"]
        await _bulk_update(
            session,
            User,
            [
                {"id": row.target["user_id"], "full_name": row.target["changes"]["full_name"]}
                for row in updates
                if "full_name" in row.target["changes"]
            ],
        )
        await _bulk_update(
            session,
            Teacher,
            [
                {"id": row.target["entity_id"], **{k: v for k, v in row.target["changes"].items() if k != "full_name"}}
                for row in updates
                if row.target["changes"].keys() - {"full_name"}
            ],
        )
        return []


class PublisherImporter(Importer):
    kind = "publishers"
    entity_type = "publisher"

    def check(self, row: Row) -> None:
        name = _text(row, "name", 200, required=True)
        row.parsed.update(
            name=name,
            name_key=name.lower() if name else None,
            contact_email=_email(row, "contact_email"),
            login_email=_email(row, "login_email", required=True),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("name", "name_key"), ("login_email", "login_email")]

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        names = {row.parsed["name"] for row in rows}
        found = await session.execute(
            select(Publisher, User)
            .join(User, col(User.id) == col(Publisher.user_id))
            .where(_lower_in(col(Publisher.name), names))
        )
        publishers = {publisher.name.lower(): (publisher, user) for publisher, user in found.all()}
        by_email, _ = await _users_by_login(session, {row.parsed["login_email"] for row in rows}, set())
        for row in rows:
            parsed = row.parsed
            existing = publishers.get(parsed["name_key"])
            if existing is None:
                if parsed["login_email"] in by_email:
                    row.problem("login_email", "This email is already used by another account.")
                    continue
                row.status = "new"
                continue
            publisher, user = existing
            if (user.email or "") != parsed["login_email"]:
                row.problem("login_email", "This publisher already exists and signs in with another email.")
                continue
            current = {"contact_email": publisher.contact_email}
            changes = _changes(current, {"contact_email": parsed["contact_email"]})
            before, after = _before_after(current, changes)
            row.target = {"entity_id": publisher.id, "changes": changes, "before": before, "after": after}
            row.status = "update" if changes else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        users, publishers = [], []
        for row in rows:
            if row.status != "new":
                continue
            user_id, publisher_id = uuid.uuid4(), uuid.uuid4()
            parsed = row.parsed
            users.append(
                {
                    "id": user_id,
                    "role": UserRole.PUBLISHER,
                    "full_name": parsed["name"],
                    "email": parsed["login_email"],
                    "password_hash": UNUSABLE_PASSWORD_HASH,
                }
            )
            publishers.append(
                {
                    "id": publisher_id,
                    "user_id": user_id,
                    "name": parsed["name"],
                    "contact_email": parsed["contact_email"],
                }
            )
            row.target = {
                "entity_id": publisher_id,
                "after": {
                    "name": parsed["name"],
                    "contact_email": parsed["contact_email"],
                    "email": parsed["login_email"],
                },
            }
        await _bulk_insert(session, User, users)
        await _bulk_insert(session, Publisher, publishers)
        await _bulk_update(
            session,
            Publisher,
            [{"id": row.target["entity_id"], **row.target["changes"]} for row in rows if row.status == "update"],
        )
        return []


class SchoolImporter(Importer):
    kind = "schools"
    entity_type = "school"

    def check(self, row: Row) -> None:
        publisher = _text(row, "publisher", 200, required=True)
        name = _text(row, "name", 200, required=True)
        row.parsed.update(
            publisher=publisher,
            name=name,
            key=(publisher.lower(), name.lower()) if publisher and name else None,
            address=_text(row, "address", 1000),
            contact_email=_email(row, "contact_email"),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("name", "key")]

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        names = {row.parsed["publisher"] for row in rows}
        ids = {publisher_id for name in names if (publisher_id := _as_uuid(name))}
        condition = _lower_in(col(Publisher.name), names)
        if ids:
            condition = or_(condition, col(Publisher.id).in_(ids))
        publishers = list(await session.scalars(select(Publisher).where(condition)))
        by_key = {publisher.name.lower(): publisher for publisher in publishers} | {
            str(publisher.id): publisher for publisher in publishers
        }
        schools: dict[tuple[uuid.UUID, str], School] = {}
        if publishers:
            found = await session.scalars(
                select(School).where(col(School.publisher_id).in_([publisher.id for publisher in publishers]))
            )
            schools = {(school.publisher_id, school.name.lower()): school for school in found}
        for row in rows:
            parsed = row.parsed
            publisher = by_key.get(parsed["publisher"].lower())
            if publisher is None:
                row.problem("publisher", f"No publisher named {parsed['publisher']!r}.")
                continue
            school = schools.get((publisher.id, parsed["name"].lower()))
            if school is None:
                row.status = "new"
                row.target = {"publisher_id": publisher.id}
                continue
            current = {"address": school.address, "contact_email": school.contact_email}
            changes = _changes(current, {"address": parsed["address"], "contact_email": parsed["contact_email"]})
            before, after = _before_after(current, changes)
            row.target = {"entity_id": school.id, "changes": changes, "before": before, "after": after}
            row.status = "update" if changes else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        schools = []
        for row in rows:
            if row.status != "new":
                continue
            parsed, school_id = row.parsed, uuid.uuid4()
            values = {
                "publisher_id": row.target["publisher_id"],
                "name": parsed["name"],
                "address": parsed["address"],
                "contact_email": parsed["contact_email"],
            }
            schools.append({"id": school_id, **values})
            row.target = {
                "entity_id": school_id,
                "after": {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()},
            }
        await _bulk_insert(session, School, schools)
        await _bulk_update(
            session,
            School,
            [{"id": row.target["entity_id"], **row.target["changes"]} for row in rows if row.status == "update"],
        )
        return []


def importer_for(kind: str, actor: Principal) -> Importer:
    if kind == "students":
        return StudentImporter(actor)
    if kind == "teachers":
        return TeacherImporter(actor)
    if kind == "publishers":
        return PublisherImporter()
    return SchoolImporter()


# --- the whole import ---


def _rows_of(kind: str, sheet: Sheet) -> tuple[list[Row], list[str]]:
    """The rows as {column: text} for the kind's columns, and the required columns the header lacks."""
    columns = [column.name for column in COLUMNS[kind]]
    positions: dict[str, int] = {}
    for index, header in enumerate(sheet.headers):
        positions.setdefault(canonical(kind, header), index)
    missing = [column.name for column in COLUMNS[kind] if column.required and column.name not in positions]
    rows = []
    for number, cells in sheet.rows:
        row = Row(number=number, values={})
        for name in columns:
            position = positions.get(name)
            if position is None:
                continue
            cell = cells[position] if position < len(cells) else None
            row.values[name] = cell.text if cell else ""
            if cell and cell.formula:
                row.problem(name, "Formulas are not allowed; type the value itself.")
        rows.append(row)
    return rows, missing


async def _store_error_sheet(redis: Redis, owner: uuid.UUID, content: bytes) -> str:
    token = secrets.token_urlsafe(24)
    key = _ERROR_SHEET_KEY.format(token=token)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(key, mapping={"owner": str(owner), "data": content})
        pipe.expire(key, ERROR_SHEET_SECONDS)
        await pipe.execute()
    return token


async def load_error_sheet(redis: Redis, owner: uuid.UUID, token: str) -> bytes:
    stored = await redis.hgetall(_ERROR_SHEET_KEY.format(token=token))  # type: ignore[misc]
    if not stored or stored.get(b"owner", b"").decode() != str(owner):
        raise NotFound("This error sheet does not exist or has expired.")
    data: bytes = stored[b"data"]
    return data


async def run_import(
    session: AsyncSession,
    redis: Redis,
    actor: Principal,
    *,
    kind: str,
    mode: ImportMode,
    filename: str | None,
    content: bytes,
    ip: str | None,
) -> ImportReport:
    importer = importer_for(kind, actor)
    sheet = await asyncio.to_thread(read_sheet, filename, content)
    rows, missing = _rows_of(kind, sheet)
    problems: list[ImportProblem] = [
        ImportProblem(row=1, column=name, message=f"The column {name!r} is missing.") for name in missing
    ]
    if (
        kind == "students"
        and not missing
        and not ({"username", "email"} & set(map(lambda h: canonical(kind, h), sheet.headers)))
    ):
        problems.append(ImportProblem(row=1, column="username", message="Add a 'username' or an 'email' column."))

    created = updated = unchanged = 0
    credentials: list[CreatedCredential] = []
    error_sheet_url = None
    if problems:  # the header is wrong: no row can be read
        for row in rows:
            row.status = "invalid"
        valid_rows: list[Row] = []
    else:
        for row in rows:
            importer.check(row)
        for column, key in importer.duplicate_keys():
            _flag_duplicates(rows, column, key)
        await importer.plan(session, [row for row in rows if row.valid])
        for row in rows:
            if not row.valid:
                row.status = "invalid"
        valid_rows = [row for row in rows if row.valid]
        invalid_rows = [row for row in rows if not row.valid]
        write = valid_rows and (mode == "valid_only" or (mode == "all_or_nothing" and not invalid_rows))
        if mode == "validate" or write:
            created = len([row for row in valid_rows if row.status == "new"])
            updated = len([row for row in valid_rows if row.status == "update"])
            unchanged = len([row for row in valid_rows if row.status == "unchanged"])
        if write:
            credentials = await importer.apply(session, valid_rows)
            await _audit(session, importer, actor, ip, valid_rows, kind, mode, filename, (created, updated, unchanged))
        if invalid_rows and mode != "all_or_nothing":
            columns = [column.name for column in COLUMNS[kind]]
            sheet_rows = [
                (row.number, row.values, "; ".join(f"{c}: {m}" if c else m for c, m in row.problems))
                for row in invalid_rows
            ]
            content_bytes = await asyncio.to_thread(error_sheet, columns, sheet_rows)
            token = await _store_error_sheet(redis, actor.user_id, content_bytes)
            error_sheet_url = ERROR_SHEET_PATH.format(token=token)
        problems.extend(ImportProblem(row=row.number, column=c, message=m) for row in rows for c, m in row.problems)

    return ImportReport(
        kind=kind,
        mode=mode,
        rows_total=len(rows),
        rows_valid=len(valid_rows),
        rows_invalid=len(rows) - len(valid_rows),
        created=created,
        updated=updated,
        unchanged=unchanged,
        problems=problems,
        preview=[PreviewRow(row=row.number, values=row.values, status=row.status) for row in rows[:PREVIEW_ROWS]],
        error_sheet_url=error_sheet_url,
        created_credentials=credentials,
    )


async def _audit(
    session: AsyncSession,
    importer: Importer,
    actor: Principal,
    ip: str | None,
    rows: list[Row],
    kind: str,
    mode: str,
    filename: str | None,
    counts: tuple[int, int, int],
) -> None:
    if not importer.audited:
        return
    actor_name, actor_email = await actor_snapshot(session, actor)
    who = {"actor_user_id": actor.user_id, "actor_name": actor_name, "actor_email": actor_email}
    entries = _audit_rows(who, ip, importer.entity_type, [r for r in rows if r.status == "new"], created=True)
    entries += _audit_rows(who, ip, importer.entity_type, [r for r in rows if r.status == "update"], created=False)
    created, updated, unchanged = counts
    entries.append(
        {
            "id": uuid.uuid4(),
            **who,
            "action": "bulk_import",
            "entity_type": kind,
            "entity_id": None,
            "before": None,
            "after": {
                "file": filename,
                "mode": mode,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
            },
            "ip": ip,
        }
    )
    await _bulk_insert(session, AuditLogEntry, entries)
