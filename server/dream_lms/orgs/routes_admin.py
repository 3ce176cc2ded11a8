"""Admin endpoints for publishers, schools and the audit log."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from dream_lms.auth import audit
from dream_lms.auth.deps import AdminUser
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.listing import SearchQuery
from dream_lms.core.ratelimit import client_ip
from dream_lms.orgs import publishers, schools
from dream_lms.orgs.schemas import (
    AuditEntryOut,
    PublisherCreate,
    PublisherCreated,
    PublisherOut,
    PublisherUpdate,
    SchoolCreate,
    SchoolOut,
    SchoolUpdate,
)

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/publishers", response_model=PageEnvelope[PublisherOut])
async def list_publishers(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    search: SearchQuery = None,
    sort: publishers.PublisherSort = "name",
) -> PageEnvelope[PublisherOut]:
    items, total = await publishers.list_publishers(
        session, search=search, sort=sort, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.post("/publishers", response_model=Envelope[PublisherCreated], status_code=201)
async def create_publisher(
    body: PublisherCreate, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[PublisherCreated]:
    return Envelope(data=await publishers.create_publisher(session, actor, body, client_ip(request)))


@router.get("/publishers/{publisher_id}", response_model=Envelope[PublisherOut])
async def get_publisher(publisher_id: uuid.UUID, _: AdminUser, session: SessionDep) -> Envelope[PublisherOut]:
    return Envelope(data=await publishers.get_publisher(session, publisher_id))


@router.put("/publishers/{publisher_id}", response_model=Envelope[PublisherOut])
async def update_publisher(
    publisher_id: uuid.UUID, body: PublisherUpdate, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[PublisherOut]:
    return Envelope(data=await publishers.update_publisher(session, actor, publisher_id, body, client_ip(request)))


@router.delete("/publishers/{publisher_id}", status_code=204, response_class=Response)
async def delete_publisher(publisher_id: uuid.UUID, actor: AdminUser, session: SessionDep, request: Request) -> None:
    await publishers.delete_publisher(session, actor, publisher_id, client_ip(request))


@router.get("/schools", response_model=PageEnvelope[SchoolOut])
async def list_schools(
    admin: AdminUser,
    session: SessionDep,
    page: PageDep,
    publisher_id: uuid.UUID | None = None,
    search: SearchQuery = None,
    sort: schools.SchoolSort = "name",
) -> PageEnvelope[SchoolOut]:
    items, total = await schools.list_schools(
        session, admin, publisher_id=publisher_id, search=search, sort=sort, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.post("/schools", response_model=Envelope[SchoolOut], status_code=201)
async def create_school(
    body: SchoolCreate, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[SchoolOut]:
    return Envelope(data=await schools.create_school(session, actor, body, client_ip(request)))


@router.put("/schools/{school_id}", response_model=Envelope[SchoolOut])
async def update_school(
    school_id: uuid.UUID, body: SchoolUpdate, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[SchoolOut]:
    return Envelope(data=await schools.update_school(session, actor, school_id, body, client_ip(request)))


@router.delete("/schools/{school_id}", status_code=204, response_class=Response)
async def delete_school(school_id: uuid.UUID, actor: AdminUser, session: SessionDep, request: Request) -> None:
    await schools.delete_school(session, actor, school_id, client_ip(request))


@router.get("/audit-log", response_model=PageEnvelope[AuditEntryOut])
async def list_audit_log(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    entity_type: Annotated[str | None, Query(max_length=50)] = None,
    entity_id: uuid.UUID | None = None,
    actor_user_id: uuid.UUID | None = None,
) -> PageEnvelope[AuditEntryOut]:
    entries, total = await audit.list_entries(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        actor_user_id=actor_user_id,
        offset=page.offset,
        limit=page.per_page,
    )
    return PageEnvelope(
        data=[
            AuditEntryOut.model_validate({**entry.model_dump(), "actor_name": name, "actor_email": email})
            for entry, name, email in entries
        ],
        pagination=Pagination.of(page.page, page.per_page, total),
    )
