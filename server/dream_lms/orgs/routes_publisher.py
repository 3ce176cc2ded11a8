"""A publisher's own schools and their teachers."""

import uuid

from fastapi import APIRouter, Request

from dream_lms.auth.deps import PublisherUser
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.listing import SearchQuery
from dream_lms.core.ratelimit import client_ip
from dream_lms.orgs import schools, teachers
from dream_lms.orgs.schemas import SchoolOut, TeacherCreate, TeacherCreated, TeacherOut, TeacherUpdate
from dream_lms.users import service as users
from dream_lms.users.schemas import PasswordReset, PasswordResetOut

router = APIRouter(prefix="/publishers/me", tags=["publishers"])


@router.get("/schools", response_model=PageEnvelope[SchoolOut])
async def list_my_schools(
    publisher: PublisherUser,
    session: SessionDep,
    page: PageDep,
    search: SearchQuery = None,
    sort: schools.SchoolSort = "name",
) -> PageEnvelope[SchoolOut]:
    items, total = await schools.list_schools(
        session, publisher, publisher_id=None, search=search, sort=sort, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.get("/teachers", response_model=PageEnvelope[TeacherOut])
async def list_my_teachers(
    publisher: PublisherUser,
    session: SessionDep,
    page: PageDep,
    school_id: uuid.UUID | None = None,
    search: SearchQuery = None,
    sort: teachers.TeacherSort = "name",
) -> PageEnvelope[TeacherOut]:
    items, total = await teachers.list_teachers(
        session, publisher, school_id=school_id, search=search, sort=sort, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.post("/teachers", response_model=Envelope[TeacherCreated], status_code=201)
async def create_my_teacher(
    body: TeacherCreate, publisher: PublisherUser, session: SessionDep, request: Request
) -> Envelope[TeacherCreated]:
    return Envelope(data=await teachers.create_teacher(session, publisher, body, client_ip(request)))


@router.put("/teachers/{teacher_id}", response_model=Envelope[TeacherOut])
async def update_my_teacher(
    teacher_id: uuid.UUID, body: TeacherUpdate, publisher: PublisherUser, session: SessionDep, request: Request
) -> Envelope[TeacherOut]:
    return Envelope(data=await teachers.update_teacher(session, publisher, teacher_id, body, client_ip(request)))


@router.post("/teachers/{teacher_id}/reset-password", response_model=Envelope[PasswordResetOut])
async def reset_my_teacher_password(
    teacher_id: uuid.UUID,
    publisher: PublisherUser,
    session: SessionDep,
    request: Request,
    body: PasswordReset | None = None,
) -> Envelope[PasswordResetOut]:
    """Set a new password for a teacher of one of your schools (generated unless chosen) and end its sessions."""
    _, user = await teachers.get_own_teacher(session, publisher, teacher_id)
    chosen = body.password if body else None
    return Envelope(data=await users.reset_password(session, publisher, user, chosen, client_ip(request)))
