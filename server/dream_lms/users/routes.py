import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from dream_lms.auth import audit
from dream_lms.auth.deps import AdminUser
from dream_lms.auth.models import UserRole
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.ratelimit import client_ip
from dream_lms.users import service
from dream_lms.users.accounts import create_admin as create_admin_account
from dream_lms.users.schemas import AdminCreate, PasswordReset, PasswordResetOut, UserOut

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/users", response_model=PageEnvelope[UserOut])
async def list_users(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    role: UserRole | None = None,
    search: Annotated[str | None, Query(max_length=200)] = None,
) -> PageEnvelope[UserOut]:
    users, total = await service.list_users(session, role=role, search=search, offset=page.offset, limit=page.per_page)
    return PageEnvelope(
        data=[UserOut.model_validate(user) for user in users],
        pagination=Pagination.of(page.page, page.per_page, total),
    )


@router.post("/admins", response_model=Envelope[UserOut], status_code=201)
async def create_admin(body: AdminCreate, actor: AdminUser, session: SessionDep, request: Request) -> Envelope[UserOut]:
    user = await create_admin_account(session, email=body.email, full_name=body.full_name, password=body.password)
    await audit.record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        after={"email": user.email, "role": "admin"},
        ip=client_ip(request),
    )
    return Envelope(data=UserOut.model_validate(user))


@router.post("/users/{user_id}/activate", response_model=Envelope[UserOut])
async def activate_user(
    user_id: uuid.UUID, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[UserOut]:
    user = await service.set_active(session, actor, user_id, True, client_ip(request))
    return Envelope(data=UserOut.model_validate(user))


@router.post("/users/{user_id}/deactivate", response_model=Envelope[UserOut])
async def deactivate_user(
    user_id: uuid.UUID, actor: AdminUser, session: SessionDep, request: Request
) -> Envelope[UserOut]:
    user = await service.set_active(session, actor, user_id, False, client_ip(request))
    return Envelope(data=UserOut.model_validate(user))


@router.post("/users/{user_id}/reset-password", response_model=Envelope[PasswordResetOut])
async def reset_user_password(
    user_id: uuid.UUID, actor: AdminUser, session: SessionDep, request: Request, body: PasswordReset | None = None
) -> Envelope[PasswordResetOut]:
    """Set a new password for any other account (generated unless chosen) and end its sessions."""
    chosen = body.password if body else None
    return Envelope(data=await service.admin_reset_password(session, actor, user_id, chosen, client_ip(request)))
