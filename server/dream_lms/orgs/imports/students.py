"""Teachers import their students (with their classes): rows match existing students by email or username."""

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.membership import class_members_changed
from dream_lms.auth.models import User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.orgs.imports.rows import (
    _USERNAME,
    Importer,
    Row,
    _bulk_insert,
    _bulk_update,
    _changes,
    _chunks,
    _email,
    _text,
    _users_by_login,
)
from dream_lms.orgs.imports.schemas import CreatedCredential
from dream_lms.orgs.models import ClassStudent, SchoolClass, Student
from dream_lms.orgs.students import school_of, teacher_id_of
from dream_lms.users.friendly_passwords import UNUSABLE_PASSWORD_HASH, friendly_password, hash_initial_passwords


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
