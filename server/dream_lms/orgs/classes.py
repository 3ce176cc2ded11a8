"""Classes, each owned by one teacher; another teacher's class answers 404. Deleting a class keeps its students."""

import uuid
from typing import Any, Literal

from sqlalchemy import Select, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.membership import class_members_changed
from dream_lms.auth.models import User
from dream_lms.auth.tokens import Principal
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.models import ClassStudent, SchoolClass, Student
from dream_lms.orgs.schemas import ClassCreate, ClassDetail, ClassOut, ClassStudentsAdd, ClassUpdate
from dream_lms.orgs.students import school_of, student_out, teacher_id_of, visible_students

ClassSort = Literal["name", "-name", "created_at", "-created_at"]
_SORT_COLUMNS = {"name": func.lower(col(SchoolClass.name)), "created_at": col(SchoolClass.created_at)}


def _student_count() -> Any:
    return (
        select(func.count())
        .where(col(ClassStudent.class_id) == col(SchoolClass.id))
        .correlate(SchoolClass)
        .scalar_subquery()
        .label("student_count")
    )


def _class_out(school_class: SchoolClass, student_count: int) -> ClassOut:
    return ClassOut(
        id=school_class.id,
        teacher_id=school_class.teacher_id,
        school_id=school_class.school_id,
        name=school_class.name,
        grade=school_class.grade,
        subject=school_class.subject,
        academic_year=school_class.academic_year,
        is_archived=school_class.is_archived,
        student_count=student_count,
        created_at=school_class.created_at,
    )


def readable_classes(teacher: Principal) -> Select[SchoolClass]:
    """The classes the teacher may read: its own."""
    return select(SchoolClass).where(col(SchoolClass.teacher_id) == teacher.profile_id)


async def _own_class(session: AsyncSession, teacher: Principal, class_id: uuid.UUID) -> SchoolClass:
    school_class = await session.scalar(readable_classes(teacher).where(col(SchoolClass.id) == class_id))
    if school_class is None:
        raise NotFound("Class not found.")
    return school_class


async def list_classes(
    session: AsyncSession,
    teacher: Principal,
    *,
    include_archived: bool,
    search: str | None,
    sort: ClassSort,
    offset: int,
    limit: int,
) -> tuple[list[ClassOut], int]:
    query = readable_classes(teacher).add_columns(_student_count())
    if not include_archived:
        query = query.where(col(SchoolClass.is_archived).is_(False))
    search_filter = matches_search(search, col(SchoolClass.name), col(SchoolClass.subject))
    if search_filter is not None:
        query = query.where(search_filter)
    order = sort_order(sort, _SORT_COLUMNS, col(SchoolClass.id))
    rows, total = await fetch_page(session, query, order, offset, limit)
    return [_class_out(school_class, count) for school_class, count in rows], total


async def get_class(session: AsyncSession, teacher: Principal, class_id: uuid.UUID) -> ClassDetail:
    school_class = await _own_class(session, teacher, class_id)
    rows = await session.execute(
        select(Student, User)
        .join(User, col(User.id) == col(Student.user_id))
        .join(ClassStudent, col(ClassStudent.student_id) == col(Student.id))
        .where(col(ClassStudent.class_id) == school_class.id)
        .order_by(func.lower(col(User.full_name)), col(Student.id))
    )
    students = [student_out(student, user) for student, user in rows.all()]
    return ClassDetail(**_class_out(school_class, len(students)).model_dump(), students=students)


async def create_class(session: AsyncSession, teacher: Principal, body: ClassCreate) -> ClassOut:
    school_class = SchoolClass(teacher_id=teacher_id_of(teacher), school_id=school_of(teacher), **body.model_dump())
    session.add(school_class)
    await session.flush()
    return _class_out(school_class, 0)


async def update_class(session: AsyncSession, teacher: Principal, class_id: uuid.UUID, body: ClassUpdate) -> ClassOut:
    school_class = await _own_class(session, teacher, class_id)
    for field, value in body.changes().items():
        setattr(school_class, field, value)
    await session.flush()
    count = await session.scalar(select(func.count()).where(col(ClassStudent.class_id) == school_class.id))
    return _class_out(school_class, int(count or 0))


async def delete_class(session: AsyncSession, teacher: Principal, class_id: uuid.UUID) -> None:
    school_class = await _own_class(session, teacher, class_id)
    # Memberships go with the class (ON DELETE CASCADE); the students and their results stay.
    await session.delete(school_class)
    await session.flush()


async def add_students(
    session: AsyncSession, teacher: Principal, class_id: uuid.UUID, body: ClassStudentsAdd
) -> ClassDetail:
    school_class = await _own_class(session, teacher, class_id)
    wanted = set(body.student_ids)
    visible = await session.scalars(visible_students(teacher).where(col(Student.id).in_(wanted)))
    found = {student.id for student in visible}
    if missing := wanted - found:
        details = [ErrorDetail(field="student_ids", message=f"No student {student_id}.") for student_id in missing]
        raise NotFound("Some students were not found.", details)
    joined = await session.scalars(
        insert(ClassStudent)
        .values([{"class_id": school_class.id, "student_id": student_id} for student_id in sorted(wanted)])
        .on_conflict_do_nothing()
        .returning(col(ClassStudent.student_id))
    )
    # Late joiners get the class's assignments pushed to their devices now, not only when they next look.
    await class_members_changed(session, school_class.id, added=list(joined))
    return await get_class(session, teacher, class_id)


async def remove_student(session: AsyncSession, teacher: Principal, class_id: uuid.UUID, student_id: uuid.UUID) -> None:
    school_class = await _own_class(session, teacher, class_id)
    result = await session.execute(
        delete(ClassStudent).where(
            col(ClassStudent.class_id) == school_class.id, col(ClassStudent.student_id) == student_id
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFound("This student is not in this class.")
    await class_members_changed(session, school_class.id, removed=[student_id])
