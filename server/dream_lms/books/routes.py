import hashlib
import hmac
import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Query, Request
from pydantic import ValidationError

from dream_lms.auth.deps import AdminUser, CurrentUser, PublicRoute
from dream_lms.books import jobs, service
from dream_lms.books.schemas import (
    ActivityDetail,
    ActivitySummary,
    BookManifest,
    BookOut,
    BookPages,
    SyncRequest,
    SyncStarted,
    WebhookEvent,
)
from dream_lms.books.sync import SyncSummary, archive_book, sync_book
from dream_lms.core.deps import PageDep, RedisDep, SessionDep, SettingsDep, StorageDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination
from dream_lms.core.errors import InvalidInput, NotFound, Unauthorized
from dream_lms.core.ratelimit import RateCategory, rate_category

books_router = APIRouter(prefix="/books", tags=["books"])
activities_router = APIRouter(prefix="/activities", tags=["activities"])
admin_router = APIRouter(prefix="/admin/books", tags=["admin"])
webhook_router = APIRouter(prefix="/webhooks", tags=["webhooks"])
_SIGNATURE_PREFIX = "sha256="


@books_router.get("", response_model=PageEnvelope[BookOut])
async def list_books(
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    page: PageDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=50)] = None,
) -> PageEnvelope[BookOut]:
    books, total = await service.list_books(
        session, principal, search=search, language=language, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(
        data=[service.book_out(book, storage, settings.s3_bucket) for book in books],
        pagination=Pagination.of(page.page, page.per_page, total),
    )


@books_router.get("/{book_id}", response_model=Envelope[BookOut])
async def get_book(
    book_id: uuid.UUID, principal: CurrentUser, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> Envelope[BookOut]:
    book = await service.get_book(session, principal, book_id)
    return Envelope(data=service.book_out(book, storage, settings.s3_bucket))


@books_router.get("/{book_id}/activities", response_model=Envelope[list[ActivitySummary]])
async def list_activities(
    book_id: uuid.UUID, principal: CurrentUser, session: SessionDep
) -> Envelope[list[ActivitySummary]]:
    activities = await service.list_activities(session, principal, book_id)
    return Envelope(data=[ActivitySummary.model_validate(activity) for activity in activities])


@books_router.get("/{book_id}/pages", response_model=Envelope[BookPages])
async def get_pages(
    book_id: uuid.UUID,
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    redis: RedisDep,
) -> Envelope[BookPages]:
    """The book's pages for the viewer: page images, page audio and activity markers (coords in image pixels)."""
    book = await service.get_book(session, principal, book_id)
    return Envelope(data=await service.book_pages(book, storage, settings.s3_bucket, redis))


@books_router.get("/{book_id}/manifest", response_model=Envelope[BookManifest])
async def get_manifest(
    book_id: uuid.UUID, principal: CurrentUser, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> Envelope[BookManifest]:
    book = await service.get_book(session, principal, book_id)
    return Envelope(data=await service.manifest(session, book, storage, settings.s3_bucket))


@activities_router.get("/{activity_id}", response_model=Envelope[ActivityDetail])
async def get_activity(
    activity_id: uuid.UUID,
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    redis: RedisDep,
) -> Envelope[ActivityDetail]:
    activity, book = await service.get_activity(session, principal, activity_id)
    return Envelope(data=await service.activity_detail(activity, book, storage, settings.s3_bucket, redis))


@admin_router.post("/sync", response_model=Envelope[SyncStarted], status_code=202)
async def start_sync(
    _: AdminUser, redis: RedisDep, body: Annotated[SyncRequest | None, Body()] = None
) -> Envelope[SyncStarted]:
    status = await jobs.enqueue_sync(redis, body.storage_ids if body else None)
    return Envelope(data=SyncStarted(job_id=status.job_id, state=status.state.value))


@admin_router.get("/sync/{job_id}", response_model=Envelope[jobs.SyncStatus])
async def get_sync(
    job_id: Annotated[str, Path(max_length=64)], _: AdminUser, redis: RedisDep
) -> Envelope[jobs.SyncStatus]:
    status = await jobs.load_status(redis, job_id)
    if status is None:
        raise NotFound("No sync with this id (statuses are kept for a week).")
    return Envelope(data=status)


@webhook_router.post(
    "/dcs",
    response_model=Envelope[SyncSummary],
    dependencies=[PublicRoute],
    openapi_extra=rate_category(RateCategory.EXEMPT),
)
async def dcs_webhook(
    request: Request,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    signature: Annotated[str | None, Header(alias="X-Webhook-Signature")] = None,
) -> Envelope[SyncSummary]:
    """A book changed in Dream Central Storage: re-sync just that book. Signed with HMAC-SHA256 of the raw body."""
    body = await request.body()
    expected = hmac.new(settings.webhook_secret.get_secret_value().encode(), body, hashlib.sha256).hexdigest()
    if signature is None or not hmac.compare_digest(signature.strip(), _SIGNATURE_PREFIX + expected):
        raise Unauthorized("The webhook signature is missing or wrong.")
    try:
        event = WebhookEvent.model_validate_json(body)
    except ValidationError as exc:
        raise InvalidInput("The webhook body is not a book event.") from exc
    if event.event == "book.deleted":
        summary = SyncSummary()
        await archive_book(session, event.book_id, summary)
    else:
        summary = await sync_book(session, storage, settings.s3_bucket, event.book_id)
    return Envelope(data=summary)
