"""Bulk-import endpoints (teacher: students; publisher: teachers; admin: teachers, publishers, schools), their
templates and error sheets, and the teacher's login-card PDF."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, Response, UploadFile

from dream_lms.auth.deps import AdminUser, PublisherUser, TeacherUser, require_role
from dream_lms.auth.models import UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.deps import RedisDep, SessionDep, SettingsDep
from dream_lms.core.envelope import Envelope, ErrorDetail
from dream_lms.core.errors import Forbidden, InvalidInput
from dream_lms.core.ratelimit import RateCategory, client_ip, rate_category
from dream_lms.orgs.imports import login_cards, service
from dream_lms.orgs.imports.columns import AdminImportKind, ImportKind, ImportMode
from dream_lms.orgs.imports.reader import MAX_UPLOAD_BYTES
from dream_lms.orgs.imports.schemas import ImportReport, LoginCardsRequest
from dream_lms.orgs.imports.templates import CSV_TYPE, XLSX_TYPE, TemplateFormat, template

ImporterUser = Annotated[Principal, Depends(require_role(UserRole.ADMIN, UserRole.PUBLISHER, UserRole.TEACHER))]

imports_router = APIRouter(prefix="/imports", tags=["imports"])
teacher_router = APIRouter(prefix="/teachers/me/students", tags=["teachers"])
publisher_router = APIRouter(prefix="/publishers/me/teachers", tags=["publishers"])
admin_router = APIRouter(prefix="/admin", tags=["admin"])

UploadedFile = Annotated[UploadFile, File(description=".xlsx or .csv, at most 5 MB")]
Mode = Annotated[
    ImportMode,
    Form(description="validate: a dry run; all_or_nothing: import only if every row is valid; valid_only"),
]
_XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX_TYPE: {}}, "description": "An .xlsx file"}}
_UPLOAD = rate_category(RateCategory.UPLOAD)
# Which roles may fetch which template.
_TEMPLATE_ROLES: dict[str, frozenset[UserRole]] = {
    "students": frozenset({UserRole.TEACHER}),
    "teachers": frozenset({UserRole.ADMIN, UserRole.PUBLISHER}),
    "publishers": frozenset({UserRole.ADMIN}),
    "schools": frozenset({UserRole.ADMIN}),
}


async def _content(file: UploadFile) -> bytes:
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise InvalidInput("The file is larger than 5 MB.", [ErrorDetail(field="file", message="At most 5 MB.")])
    return content


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@imports_router.get(
    "/templates/{kind}",
    response_class=Response,
    responses={200: {"content": {XLSX_TYPE: {}, CSV_TYPE: {}}, "description": "The template file"}},
)
async def get_template(
    kind: ImportKind, user: ImporterUser, format: Annotated[TemplateFormat, Query()] = "xlsx"
) -> Response:
    if user.role not in _TEMPLATE_ROLES[kind]:
        raise Forbidden("Your role cannot import this kind of data.")
    media_type = XLSX_TYPE if format == "xlsx" else CSV_TYPE
    return _attachment(template(kind, format), media_type, f"{kind}-template.{format}")


@imports_router.get("/error-sheets/{token}", response_class=Response, responses=_XLSX_RESPONSE)
async def get_error_sheet(
    token: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{16,64}$")], user: ImporterUser, redis: RedisDep
) -> Response:
    content = await service.load_error_sheet(redis, user.user_id, token)
    return _attachment(content, XLSX_TYPE, "import-errors.xlsx")


@teacher_router.post("/bulk-import", response_model=Envelope[ImportReport], openapi_extra=_UPLOAD)
async def import_my_students(
    file: UploadedFile,
    teacher: TeacherUser,
    session: SessionDep,
    redis: RedisDep,
    request: Request,
    mode: Mode = "all_or_nothing",
) -> Envelope[ImportReport]:
    report = await service.run_import(
        session,
        redis,
        teacher,
        kind="students",
        mode=mode,
        filename=file.filename,
        content=await _content(file),
        ip=client_ip(request),
    )
    return Envelope(data=report)


@publisher_router.post("/bulk-import", response_model=Envelope[ImportReport], openapi_extra=_UPLOAD)
async def import_my_teachers(
    file: UploadedFile,
    publisher: PublisherUser,
    session: SessionDep,
    redis: RedisDep,
    request: Request,
    mode: Mode = "all_or_nothing",
) -> Envelope[ImportReport]:
    report = await service.run_import(
        session,
        redis,
        publisher,
        kind="teachers",
        mode=mode,
        filename=file.filename,
        content=await _content(file),
        ip=client_ip(request),
    )
    return Envelope(data=report)


@admin_router.post("/bulk-import", response_model=Envelope[ImportReport], openapi_extra=_UPLOAD)
async def bulk_import(
    file: UploadedFile,
    kind: Annotated[AdminImportKind, Form()],
    admin: AdminUser,
    session: SessionDep,
    redis: RedisDep,
    request: Request,
    mode: Mode = "all_or_nothing",
) -> Envelope[ImportReport]:
    report = await service.run_import(
        session,
        redis,
        admin,
        kind=kind,
        mode=mode,
        filename=file.filename,
        content=await _content(file),
        ip=client_ip(request),
    )
    return Envelope(data=report)


@teacher_router.post(
    "/login-cards",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The login cards, eight per A4 page"}},
)
async def print_login_cards(
    body: LoginCardsRequest, teacher: TeacherUser, session: SessionDep, settings: SettingsDep
) -> Response:
    pdf = await login_cards.login_cards(session, teacher, body, settings.public_url)
    return _attachment(pdf, "application/pdf", "login-cards.pdf")
