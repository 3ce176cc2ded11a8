"""A teacher's students and classes."""

import uuid

from fastapi import APIRouter, Response

from dream_lms.auth.deps import TeacherUser
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.listing import SearchQuery
from dream_lms.orgs import classes, students
from dream_lms.orgs.schemas import (
    ClassCreate,
    ClassDetail,
    ClassOut,
    ClassStudentsAdd,
    ClassUpdate,
    StudentCreate,
    StudentCreated,
    StudentOut,
    StudentPassword,
    StudentUpdate,
)

students_router = APIRouter(prefix="/teachers/me/students", tags=["teachers"])
classes_router = APIRouter(prefix="/classes", tags=["classes"])


@students_router.get("", response_model=PageEnvelope[StudentOut])
async def list_my_students(
    teacher: TeacherUser,
    session: SessionDep,
    page: PageDep,
    class_id: uuid.UUID | None = None,
    search: SearchQuery = None,
    sort: students.StudentSort = "name",
) -> PageEnvelope[StudentOut]:
    items, total = await students.list_students(
        session, teacher, class_id=class_id, search=search, sort=sort, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@students_router.post("", response_model=Envelope[StudentCreated], status_code=201)
async def create_my_student(body: StudentCreate, teacher: TeacherUser, session: SessionDep) -> Envelope[StudentCreated]:
    return Envelope(data=await students.create_student(session, teacher, body))


@students_router.put("/{student_id}", response_model=Envelope[StudentOut])
async def update_my_student(
    student_id: uuid.UUID, body: StudentUpdate, teacher: TeacherUser, session: SessionDep
) -> Envelope[StudentOut]:
    return Envelope(data=await students.update_student(session, teacher, student_id, body))


@students_router.delete("/{student_id}", status_code=204, response_class=Response)
async def delete_my_student(student_id: uuid.UUID, teacher: TeacherUser, session: SessionDep) -> None:
    await students.delete_student(session, teacher, student_id)


@students_router.post("/{student_id}/reset-password", response_model=Envelope[StudentPassword])
async def reset_my_student_password(
    student_id: uuid.UUID, teacher: TeacherUser, session: SessionDep
) -> Envelope[StudentPassword]:
    return Envelope(data=await students.reset_password(session, teacher, student_id))


@classes_router.get("", response_model=PageEnvelope[ClassOut])
async def list_classes(
    teacher: TeacherUser,
    session: SessionDep,
    page: PageDep,
    include_archived: bool = False,
    search: SearchQuery = None,
    sort: classes.ClassSort = "name",
) -> PageEnvelope[ClassOut]:
    items, total = await classes.list_classes(
        session,
        teacher,
        include_archived=include_archived,
        search=search,
        sort=sort,
        offset=page.offset,
        limit=page.per_page,
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@classes_router.post("", response_model=Envelope[ClassOut], status_code=201)
async def create_class(body: ClassCreate, teacher: TeacherUser, session: SessionDep) -> Envelope[ClassOut]:
    return Envelope(data=await classes.create_class(session, teacher, body))


@classes_router.get("/{class_id}", response_model=Envelope[ClassDetail])
async def get_class(class_id: uuid.UUID, teacher: TeacherUser, session: SessionDep) -> Envelope[ClassDetail]:
    return Envelope(data=await classes.get_class(session, teacher, class_id))


@classes_router.put("/{class_id}", response_model=Envelope[ClassOut])
async def update_class(
    class_id: uuid.UUID, body: ClassUpdate, teacher: TeacherUser, session: SessionDep
) -> Envelope[ClassOut]:
    return Envelope(data=await classes.update_class(session, teacher, class_id, body))


@classes_router.delete("/{class_id}", status_code=204, response_class=Response)
async def delete_class(class_id: uuid.UUID, teacher: TeacherUser, session: SessionDep) -> None:
    await classes.delete_class(session, teacher, class_id)


@classes_router.post("/{class_id}/students", response_model=Envelope[ClassDetail])
async def add_class_students(
    class_id: uuid.UUID, body: ClassStudentsAdd, teacher: TeacherUser, session: SessionDep
) -> Envelope[ClassDetail]:
    return Envelope(data=await classes.add_students(session, teacher, class_id, body))


@classes_router.delete("/{class_id}/students/{student_id}", status_code=204, response_class=Response)
async def remove_class_student(
    class_id: uuid.UUID, student_id: uuid.UUID, teacher: TeacherUser, session: SessionDep
) -> None:
    await classes.remove_student(session, teacher, class_id, student_id)
