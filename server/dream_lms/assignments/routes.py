"""Assignments: the teacher's endpoints (`/assignments`) and the student's (`/students/me/assignments`).

Starting, saving and submitting work are the attempt endpoints (`dream_lms.attempts`).
"""

import uuid

from fastapi import APIRouter, Response

from dream_lms.assignments import analytics, reads, service, student_service
from dream_lms.assignments.schemas import (
    AssignmentAnalytics,
    AssignmentCreate,
    AssignmentOut,
    AssignmentResults,
    AssignmentUpdate,
    ExtensionIn,
    StudentAssignmentDetail,
    StudentAssignmentOut,
    StudentListStatus,
    StudentResult,
)
from dream_lms.auth.deps import StudentUser, TeacherUser
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.listing import SearchQuery
from dream_lms.core.ratelimit import RateCategory, rate_category

router = APIRouter(prefix="/assignments", tags=["assignments"])
student_router = APIRouter(prefix="/students/me/assignments", tags=["students"])


@router.get("", response_model=PageEnvelope[AssignmentOut])
async def list_assignments(
    teacher: TeacherUser,
    session: SessionDep,
    page: PageDep,
    search: SearchQuery = None,
    book_id: uuid.UUID | None = None,
    class_id: uuid.UUID | None = None,
    sort: reads.AssignmentSort = "-created_at",
) -> PageEnvelope[AssignmentOut]:
    items, total = await reads.list_assignments(
        session,
        teacher,
        search=search,
        book_id=book_id,
        class_id=class_id,
        sort=sort,
        offset=page.offset,
        limit=page.per_page,
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.post("", response_model=Envelope[AssignmentOut], status_code=201)
async def create_assignment(
    body: AssignmentCreate, teacher: TeacherUser, session: SessionDep
) -> Envelope[AssignmentOut]:
    return Envelope(data=await service.create_assignment(session, teacher, body))


@router.get("/{assignment_id}", response_model=Envelope[AssignmentOut])
async def get_assignment(
    assignment_id: uuid.UUID, teacher: TeacherUser, session: SessionDep
) -> Envelope[AssignmentOut]:
    return Envelope(data=await reads.get_assignment(session, teacher, assignment_id))


@router.put("/{assignment_id}", response_model=Envelope[AssignmentOut])
async def update_assignment(
    assignment_id: uuid.UUID, body: AssignmentUpdate, teacher: TeacherUser, session: SessionDep
) -> Envelope[AssignmentOut]:
    return Envelope(data=await service.update_assignment(session, teacher, assignment_id, body))


@router.delete("/{assignment_id}", status_code=204, response_class=Response)
async def delete_assignment(assignment_id: uuid.UUID, teacher: TeacherUser, session: SessionDep) -> None:
    await service.delete_assignment(session, teacher, assignment_id)


@router.put("/{assignment_id}/students/{student_id}/extension", response_model=Envelope[StudentResult])
async def set_extension(
    assignment_id: uuid.UUID, student_id: uuid.UUID, body: ExtensionIn, teacher: TeacherUser, session: SessionDep
) -> Envelope[StudentResult]:
    return Envelope(data=await service.set_extension(session, teacher, assignment_id, student_id, body))


@router.get("/{assignment_id}/results", response_model=Envelope[AssignmentResults])
async def get_results(
    assignment_id: uuid.UUID, teacher: TeacherUser, session: SessionDep
) -> Envelope[AssignmentResults]:
    return Envelope(data=await service.get_results(session, teacher, assignment_id))


@router.get(
    "/{assignment_id}/analytics",
    response_model=Envelope[AssignmentAnalytics],
    openapi_extra=rate_category(RateCategory.ANALYTICS),
)
async def get_analytics(
    assignment_id: uuid.UUID, teacher: TeacherUser, session: SessionDep
) -> Envelope[AssignmentAnalytics]:
    return Envelope(data=await analytics.get_analytics(session, teacher, assignment_id))


@student_router.get("", response_model=PageEnvelope[StudentAssignmentOut])
async def list_my_assignments(
    student: StudentUser,
    session: SessionDep,
    page: PageDep,
    status: StudentListStatus | None = None,
    due_soon: bool = False,
    past_due: bool = False,
) -> PageEnvelope[StudentAssignmentOut]:
    items, total = await student_service.list_my_assignments(
        session,
        student,
        status=status,
        due_soon=due_soon,
        past_due=past_due,
        offset=page.offset,
        limit=page.per_page,
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@student_router.get("/{assignment_id}", response_model=Envelope[StudentAssignmentDetail])
async def get_my_assignment(
    assignment_id: uuid.UUID, student: StudentUser, session: SessionDep
) -> Envelope[StudentAssignmentDetail]:
    return Envelope(data=await student_service.get_my_assignment(session, student, assignment_id))
