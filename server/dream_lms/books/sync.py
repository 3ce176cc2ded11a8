"""Catalogue sync: storage -> `books` and `activities`.

Each book is read, parsed (`parsing.py`) and written inside its own SAVEPOINT, so one broken book never stops
the rest. Activity ids are keyed by location (`<module>/<page>/<section>`), so they stay stable when content
changes; an activity that disappeared is archived when assignments use it and deleted otherwise. Every file of a
book gets a `book_assets` row with its sha256 (for verified offline downloads), hashed again only when its ETag or
size changed. Syncs are
serialised by a PostgreSQL advisory lock, so a webhook and a full sync never race on the same rows.
"""

import asyncio
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from minio import Minio
from pydantic import BaseModel, Field
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.usage import assigned_activity_ids
from dream_lms.books import storage as book_storage
from dream_lms.books.models import Activity, Book, BookAsset, BookStatus
from dream_lms.books.parsing import (
    BookRejected,
    BookStructure,
    ParsedActivity,
    ParsedBook,
    SkippedItem,
    parse_book_config,
)
from dream_lms.books.paths import CONFIG_FILE, is_valid_storage_id
from dream_lms.books.storage import HashedObject, StoredObject
from dream_lms.orgs.models import Publisher

log = logging.getLogger(__name__)

MAX_CONFIG_BYTES = 10 * 1024 * 1024
# Any constant shared by all syncs: pg_advisory_xact_lock serialises them until the transaction ends.
_SYNC_LOCK_KEY = 0x0B00C5
# Files hashed at once per book: enough to hide the storage's latency without flooding it.
_HASH_CONCURRENCY = 4

ProgressCallback = Callable[[int, int], Awaitable[None]]


class ChangeCounts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    deleted: int = 0


class SyncSummary(BaseModel):
    books: ChangeCounts = Field(default_factory=ChangeCounts)
    activities: ChangeCounts = Field(default_factory=ChangeCounts)
    skipped: list[SkippedItem] = Field(default_factory=list)


async def sync_catalogue(
    session: AsyncSession,
    storage: Minio,
    bucket: str,
    *,
    only: Collection[str] | None = None,
    progress: ProgressCallback | None = None,
    max_config_bytes: int = MAX_CONFIG_BYTES,
) -> SyncSummary:
    """Sync every book under `books/` (or the `only` ones); books whose folder is gone are archived. Raises
    StorageUnavailable when the bucket cannot be listed (nothing is changed then)."""
    storage_ids, refused = await book_storage.list_storage_ids(storage, bucket)
    if only is not None:
        storage_ids = [storage_id for storage_id in storage_ids if storage_id in only]
    await _lock(session)
    summary = SyncSummary(skipped=[SkippedItem(book=name, reason="unsafe book folder name") for name in refused])
    present = []
    for done, storage_id in enumerate(storage_ids):
        if await _sync_book_isolated(session, storage, bucket, storage_id, summary, max_config_bytes):
            present.append(storage_id)
        if progress is not None:
            await progress(done + 1, len(storage_ids))
    await _archive_books_not_in(session, present, summary, among=only)
    return summary


async def sync_book(
    session: AsyncSession, storage: Minio, bucket: str, storage_id: str, *, max_config_bytes: int = MAX_CONFIG_BYTES
) -> SyncSummary:
    """Sync one book (webhook); a book whose folder is gone is archived."""
    await _lock(session)
    summary = SyncSummary()
    if not is_valid_storage_id(storage_id):
        summary.skipped.append(SkippedItem(book=storage_id, reason="unsafe book folder name"))
        return summary
    if not await _sync_book_isolated(session, storage, bucket, storage_id, summary, max_config_bytes):
        await archive_book(session, storage_id, summary)
    return summary


async def archive_book(session: AsyncSession, storage_id: str, summary: SyncSummary) -> None:
    book = await session.scalar(select(Book).where(col(Book.dream_storage_id) == storage_id))
    if book is not None and book.status != BookStatus.ARCHIVED:
        book.status = BookStatus.ARCHIVED
        summary.books.archived += 1
        await session.flush()


async def _lock(session: AsyncSession) -> None:
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SYNC_LOCK_KEY})


async def _sync_book_isolated(
    session: AsyncSession, storage: Minio, bucket: str, storage_id: str, summary: SyncSummary, max_config_bytes: int
) -> bool:
    """Sync one book in a SAVEPOINT, reporting what is skipped. False when its folder is empty: the book is gone
    (S3 stores with real directories, like SeaweedFS, keep listing a folder after its files are deleted)."""
    try:
        objects = await book_storage.list_book_objects(storage, bucket, storage_id)
        if not objects:
            return False
        parsed, config_etag, config_hash = await _read_book(storage, bucket, storage_id, objects, max_config_bytes)
        # Hashed before the savepoint: the storage reads never hold it open, and a storage failure changes nothing.
        hashed, gone = await _hash_changed_assets(session, storage, bucket, storage_id, objects)
    except (BookRejected, book_storage.StorageUnavailable) as exc:
        summary.skipped.append(SkippedItem(book=storage_id, reason=str(exc)))
        return True
    summary.skipped.extend(parsed.skipped)
    try:
        async with session.begin_nested():
            book = await _write_book(session, parsed, config_etag, config_hash, summary)
            await _write_assets(session, book, objects.keys() - gone, hashed)
    except Exception:
        # The savepoint is rolled back; report the book and go on with the others.
        log.exception("sync of book %s failed", storage_id)
        summary.skipped.append(SkippedItem(book=storage_id, reason="the book could not be saved (see the server log)"))
    return True


async def _read_book(
    storage: Minio, bucket: str, storage_id: str, objects: dict[str, StoredObject], max_config_bytes: int
) -> tuple[ParsedBook, str | None, str]:
    config = objects.get(CONFIG_FILE)
    if config is None:
        raise BookRejected("config.json is missing (the book is being uploaded or deleted?)")
    if config.size > max_config_bytes:
        raise BookRejected(f"config.json is {config.size} bytes; the limit is {max_config_bytes}")
    try:
        raw = await book_storage.read_object(storage, bucket, storage_id, CONFIG_FILE, max_config_bytes)
    except book_storage.ObjectMissing:
        raise BookRejected("config.json disappeared during the sync (the book was deleted?)") from None
    except ValueError as exc:
        raise BookRejected(str(exc)) from None
    parsed = parse_book_config(storage_id, raw, objects.keys())
    return parsed, config.etag or None, hashlib.sha256(raw).hexdigest()


async def _write_book(
    session: AsyncSession, parsed: ParsedBook, config_etag: str | None, config_hash: str, summary: SyncSummary
) -> Book:
    book = await session.scalar(select(Book).where(col(Book.dream_storage_id) == parsed.storage_id))
    values: dict[str, Any] = {
        "title": parsed.title,
        "publisher_name": parsed.publisher_name,
        "publisher_id": await _publisher_id(session, parsed.publisher_name),
        "language": parsed.language,
        "cover_path": parsed.cover_key,
        "config_etag": config_etag,
        "config_hash": config_hash,
        "status": BookStatus.ACTIVE,
    }
    created = book is None
    if book is None:
        book = Book(dream_storage_id=parsed.storage_id, **values)
        session.add(book)
    changed = any(getattr(book, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(book, name, value)
    book.synced_at = datetime.now(UTC)
    await session.flush()
    activity_ids = await _write_activities(session, book, parsed, summary)
    # The markers need the activities' ids, which exist only now.
    structure = _with_activity_ids(parsed.structure, activity_ids).model_dump(mode="json")
    changed = changed or book.structure != structure
    book.structure = structure
    if created:
        summary.books.created += 1
    elif changed:
        summary.books.updated += 1
    else:
        summary.books.unchanged += 1
    await session.flush()
    return book


async def _hash_changed_assets(
    session: AsyncSession, storage: Minio, bucket: str, storage_id: str, objects: Mapping[str, StoredObject]
) -> tuple[list[HashedObject], set[str]]:
    """The sha256 of every object that is new or whose ETag or size changed since its stored row (the others keep
    their hash: hashing reads the whole file), and the keys of objects deleted since the listing."""
    known = {
        row.key: (row.etag, row.size)
        for row in await session.scalars(
            select(BookAsset)
            .join(Book, col(Book.id) == col(BookAsset.book_id))
            .where(col(Book.dream_storage_id) == storage_id)
        )
    }
    changed = [item for item in objects.values() if known.get(item.key) != (item.etag, item.size)]
    limit = asyncio.Semaphore(_HASH_CONCURRENCY)
    gone: set[str] = set()

    async def hash_one(item: StoredObject) -> HashedObject | None:
        async with limit:
            try:
                return await book_storage.hash_object(storage, bucket, storage_id, item.key)
            except book_storage.ObjectMissing:
                gone.add(item.key)
                return None

    results = await asyncio.gather(*(hash_one(item) for item in changed))
    return [result for result in results if result is not None], gone


async def _write_assets(
    session: AsyncSession, book: Book, present: Collection[str], hashed: Sequence[HashedObject]
) -> None:
    stored = {row.key: row for row in await session.scalars(select(BookAsset).where(col(BookAsset.book_id) == book.id))}
    for item in hashed:
        values: dict[str, Any] = {
            "size": item.size,
            "content_type": item.content_type,
            "etag": item.etag,
            "sha256": item.sha256,
            "hashed_at": datetime.now(UTC),
        }
        row = stored.get(item.key)
        if row is None:
            session.add(BookAsset(book_id=book.id, key=item.key, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
    gone = [key for key in stored if key not in present]
    if gone:
        await session.execute(delete(BookAsset).where(col(BookAsset.book_id) == book.id, col(BookAsset.key).in_(gone)))
    await session.flush()


def _with_activity_ids(structure: BookStructure, activity_ids: Mapping[str, uuid.UUID]) -> BookStructure:
    filled = structure.model_copy(deep=True)
    for module in filled.modules:
        for page in module.pages:
            for marker in page.markers:
                marker.activity_id = activity_ids[marker.location_key]
    return filled


async def _publisher_id(session: AsyncSession, publisher_name: str | None) -> uuid.UUID | None:
    if publisher_name is None:
        return None
    return await session.scalar(
        select(col(Publisher.id)).where(func.lower(col(Publisher.name)) == publisher_name.lower())
    )


async def _write_activities(
    session: AsyncSession, book: Book, parsed: ParsedBook, summary: SyncSummary
) -> dict[str, uuid.UUID]:
    """Create, update and retire the book's activities; the ids of the parsed ones by location."""
    stored = {
        a.location_key: a for a in await session.scalars(select(Activity).where(col(Activity.book_id) == book.id))
    }
    activity_ids = {}
    for activity in parsed.activities:
        row = stored.pop(activity.location_key, None)
        if row is None:
            row = Activity(book_id=book.id, **_activity_values(activity))
            session.add(row)
            summary.activities.created += 1
        elif row.content_hash != activity.content_hash or row.is_archived:
            for name, value in _activity_values(activity).items():
                setattr(row, name, value)
            row.is_archived = False
            summary.activities.updated += 1
        else:
            summary.activities.unchanged += 1
        activity_ids[activity.location_key] = row.id
    # A broken activity keeps its last good version instead of vanishing from assignments.
    vanished = [row for key, row in stored.items() if key not in parsed.skipped_location_keys and not row.is_archived]
    await _retire(session, vanished, summary)
    await session.flush()
    return activity_ids


def _activity_values(activity: ParsedActivity) -> dict[str, Any]:
    return activity.model_dump()


async def _retire(session: AsyncSession, vanished: Sequence[Activity], summary: SyncSummary) -> None:
    if not vanished:
        return
    ids = [row.id for row in vanished]
    in_use = await assigned_activity_ids(session, ids)
    for row in vanished:
        if row.id in in_use:
            row.is_archived = True
            summary.activities.archived += 1
    unused = [activity_id for activity_id in ids if activity_id not in in_use]
    if unused:
        await session.execute(delete(Activity).where(col(Activity.id).in_(unused)))
        summary.activities.deleted += len(unused)


async def _archive_books_not_in(
    session: AsyncSession, storage_ids: Sequence[str], summary: SyncSummary, among: Collection[str] | None
) -> None:
    query = select(Book).where(col(Book.status) == BookStatus.ACTIVE, col(Book.dream_storage_id).not_in(storage_ids))
    if among is not None:
        query = query.where(col(Book.dream_storage_id).in_(among))
    gone = await session.scalars(query)
    for book in gone:
        book.status = BookStatus.ARCHIVED
        summary.books.archived += 1
    await session.flush()
