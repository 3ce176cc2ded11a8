"""Who sees which books, and the book/activity/manifest views with pre-signed URLs."""

import uuid
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from minio import Minio
from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import ColumnElement, Select, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.books import storage as book_storage
from dream_lms.books.models import Activity, Book, BookAccess, BookAsset, BookStatus
from dream_lms.books.parsing import BookStructure
from dream_lms.books.paths import is_asset_key
from dream_lms.books.schemas import (
    ActivityDetail,
    ActivitySummary,
    AssetInfo,
    BookManifest,
    BookOut,
    BookPageOut,
    BookPages,
    ManifestEntry,
    PageAudioOut,
    PageMarkerOut,
)
from dream_lms.core.errors import NotFound

ACTIVITY_CACHE_SECONDS = 45 * 60  # shorter than the URLs' hour, so a cached URL is valid for 15 min or more
Signed = TypeVar("Signed", bound=BaseModel)


def _visible(principal: Principal) -> ColumnElement[bool]:
    """Admins see every book; everyone else the live books of their publisher (a teacher's or student's is
    their school's), published by it or granted to it in `book_access`."""
    if principal.role == UserRole.ADMIN:
        return true()
    if principal.publisher_id is None:
        return false()
    granted = exists().where(
        col(BookAccess.book_id) == col(Book.id), col(BookAccess.publisher_id) == principal.publisher_id
    )
    return (col(Book.status) == BookStatus.ACTIVE) & or_(col(Book.publisher_id) == principal.publisher_id, granted)


def readable_books(principal: Principal) -> Select[Book]:
    """The books the principal may read (see `_visible`)."""
    return select(Book).where(_visible(principal))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_books(
    session: AsyncSession,
    principal: Principal,
    *,
    search: str | None,
    language: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Book], int]:
    query = readable_books(principal)
    if search:
        pattern = f"%{_escape_like(search.strip())}%"
        query = query.where(
            or_(
                col(Book.title).ilike(pattern, escape="\\"),
                col(Book.dream_storage_id).ilike(pattern, escape="\\"),
                col(Book.publisher_name).ilike(pattern, escape="\\"),
            )
        )
    if language:
        query = query.where(func.lower(col(Book.language)) == language.strip().lower())
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    books = await session.scalars(query.order_by(col(Book.title), col(Book.id)).offset(offset).limit(limit))
    return list(books), total


async def get_book(session: AsyncSession, principal: Principal, book_id: uuid.UUID) -> Book:
    # A book the caller may not see is "not found", so ids do not reveal which books exist.
    book = await session.scalar(readable_books(principal).where(col(Book.id) == book_id))
    if book is None:
        raise NotFound("This book does not exist or is not available to you.")
    return book


async def list_activities(session: AsyncSession, principal: Principal, book_id: uuid.UUID) -> list[Activity]:
    book = await get_book(session, principal, book_id)
    activities = await session.scalars(
        select(Activity)
        .where(col(Activity.book_id) == book.id, col(Activity.is_archived).is_(False))
        .order_by(col(Activity.order_index))
    )
    return list(activities)


async def get_activity(session: AsyncSession, principal: Principal, activity_id: uuid.UUID) -> tuple[Activity, Book]:
    # Archived activities stay readable: assignments made before the publisher removed them still use them.
    row = (
        await session.execute(
            select(Activity, Book)
            .join(Book, col(Book.id) == col(Activity.book_id))
            .where(col(Activity.id) == activity_id, _visible(principal))
        )
    ).first()
    if row is None:
        raise NotFound("This activity does not exist or is not available to you.")
    return row[0], row[1]


def book_out(book: Book, storage: Minio, bucket: str) -> BookOut:
    cover_url = (
        book_storage.presigned_url(storage, bucket, book.dream_storage_id, book.cover_path) if book.cover_path else None
    )
    return BookOut(
        id=book.id,
        dream_storage_id=book.dream_storage_id,
        title=book.title,
        publisher_id=book.publisher_id,
        publisher_name=book.publisher_name,
        language=book.language,
        status=book.status,
        cover_url=cover_url,
        synced_at=book.synced_at,
    )


async def _cached(redis: Redis, cache_key: str, model: type[Signed], build: Callable[[], Signed]) -> Signed:
    """A view with pre-signed URLs, cached for less than the URLs live, and built without the cache when Redis is
    down (signing is local, so this works while the storage is down, too)."""
    try:
        cached = await redis.get(cache_key)
    except RedisError:
        cached = None
    if cached:
        return model.model_validate_json(cached)
    view = build()
    try:
        await redis.set(cache_key, view.model_dump_json(), ex=ACTIVITY_CACHE_SECONDS)
    except RedisError:
        pass  # the cache only saves signing work
    return view


async def activity_detail(activity: Activity, book: Book, storage: Minio, bucket: str, redis: Redis) -> ActivityDetail:
    """The activity with pre-signed URLs; cached per content version."""

    def build() -> ActivityDetail:
        assets: dict[str, str] = {}

        def sign(key: str) -> str:
            return assets.setdefault(key, book_storage.presigned_url(storage, bucket, book.dream_storage_id, key))

        return ActivityDetail(
            **ActivitySummary.model_validate(activity).model_dump(),
            config=_with_urls(activity.config, sign),
            assets=assets,
            content_hash=activity.content_hash,
        )

    return await _cached(redis, f"books:activity:{activity.id}:{activity.content_hash}", ActivityDetail, build)


async def book_pages(book: Book, storage: Minio, bucket: str, redis: Redis) -> BookPages:
    """The viewer's pages with pre-signed image and audio URLs; cached per synced version of the book."""

    def sign(key: str) -> str:
        return book_storage.presigned_url(storage, bucket, book.dream_storage_id, key)

    def build() -> BookPages:
        structure = BookStructure.model_validate(book.structure or {"modules": []})
        return BookPages(
            book_id=book.id,
            pages=[
                BookPageOut(
                    module_index=module_index,
                    module_name=module.name,
                    page_number=page.page_number,
                    image_url=sign(page.image_key) if page.image_key else None,
                    audio=[
                        PageAudioOut(
                            section_index=audio.section_index,
                            title=audio.title,
                            coords=audio.coords,
                            url=sign(audio.audio_key),
                        )
                        for audio in page.audio
                    ],
                    markers=[
                        PageMarkerOut.model_validate(marker.model_dump())
                        for marker in page.markers
                        if marker.activity_id is not None
                    ],
                )
                for module_index, module in enumerate(structure.modules)
                for page in module.pages
            ],
        )

    # `synced_at` changes with every sync, so a re-synced book is never served from an older structure.
    version = book.synced_at.isoformat() if book.synced_at else "never"
    return await _cached(redis, f"books:pages:{book.id}:{version}", BookPages, build)


def _with_urls(value: Any, sign: Callable[[str], str]) -> Any:
    """A copy of the config with every file key replaced by `sign(key)`."""
    if isinstance(value, list):
        return [_with_urls(item, sign) for item in value]
    if isinstance(value, dict):
        return {
            key: sign(item) if isinstance(item, str) and is_asset_key(key) else _with_urls(item, sign)
            for key, item in value.items()
        }
    return value


async def manifest(session: AsyncSession, book: Book, storage: Minio, bucket: str) -> BookManifest:
    """Every file of the book as of the last sync, with its sha256 and a fresh pre-signed URL (signing is local, so
    this answers while the storage is down)."""
    rows = await session.scalars(
        select(BookAsset).where(col(BookAsset.book_id) == book.id).order_by(col(BookAsset.key))
    )
    return BookManifest(
        book_id=book.id,
        dream_storage_id=book.dream_storage_id,
        assets=[
            ManifestEntry(
                key=row.key,
                size=row.size,
                content_type=row.content_type,
                sha256=row.sha256,
                etag=row.etag,
                url=book_storage.presigned_url(storage, bucket, book.dream_storage_id, row.key),
            )
            for row in rows
        ],
    )


async def asset_infos(session: AsyncSession, book_id: uuid.UUID, keys: Collection[str]) -> list[AssetInfo]:
    """The book's files among `keys`, by key (a key the last sync did not find is left out)."""
    if not keys:
        return []
    rows = await session.scalars(
        select(BookAsset)
        .where(col(BookAsset.book_id) == book_id, col(BookAsset.key).in_(keys))
        .order_by(col(BookAsset.key))
    )
    return [AssetInfo(key=row.key, size=row.size, content_type=row.content_type, sha256=row.sha256) for row in rows]
