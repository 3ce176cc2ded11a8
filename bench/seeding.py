"""Seeding for bench scripts: a fresh publisher, school and teacher (plus students) written straight to the database."""

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password
from dream_lms.orgs.models import Publisher, School, Student, Teacher


@dataclass
class BenchSchool:
    session: AsyncSession
    tag: str  # makes every name of this run unique, so runs can share a database
    password_hash: str
    publisher: Publisher
    school: School
    teacher: Teacher
    teacher_user: User

    def user(self, role: UserRole, name: str) -> User:
        account = User(
            role=role, full_name=name, username=f"{name}-{self.tag}", password_hash=self.password_hash, is_active=True
        )
        self.session.add(account)
        return account

    async def students(self, count: int, prefix: str) -> tuple[list[User], list[Student]]:
        users = [self.user(UserRole.STUDENT, f"{prefix}{i:04d}") for i in range(count)]
        await self.session.flush()
        profiles = [
            Student(user_id=u.id, school_id=self.school.id, created_by_teacher_id=self.teacher.id) for u in users
        ]
        self.session.add_all(profiles)
        await self.session.flush()
        return users, profiles


async def seed_school(session: AsyncSession, password: str) -> BenchSchool:
    """A publisher with one school and one teacher, every account signing in with `password`."""
    tag = uuid.uuid4().hex[:8]
    password_hash = hash_password(password)

    def user(role: UserRole, name: str) -> User:
        account = User(role=role, full_name=name, username=f"{name}-{tag}", password_hash=password_hash)
        session.add(account)
        return account

    publisher_user, teacher_user = user(UserRole.PUBLISHER, "bench-publisher"), user(UserRole.TEACHER, "bench-teacher")
    await session.flush()
    publisher = Publisher(user_id=publisher_user.id, name=f"Bench Publisher {tag}")
    session.add(publisher)
    await session.flush()
    school = School(publisher_id=publisher.id, name=f"Bench School {tag}")
    session.add(school)
    await session.flush()
    teacher = Teacher(user_id=teacher_user.id, school_id=school.id)
    session.add(teacher)
    await session.flush()
    return BenchSchool(session, tag, password_hash, publisher, school, teacher, teacher_user)
