"""Admins and publishers import teachers: rows match existing teachers by email, schools by name or id."""

import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.errors import NotFound
from dream_lms.orgs.imports.rows import (
    Importer,
    Row,
    _as_uuid,
    _before_after,
    _bulk_insert,
    _bulk_update,
    _changes,
    _email,
    _lower_in,
    _text,
    _users_by_login,
)
from dream_lms.orgs.imports.schemas import CreatedCredential
from dream_lms.orgs.models import School, Teacher
from dream_lms.users.friendly_passwords import UNUSABLE_PASSWORD_HASH


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
