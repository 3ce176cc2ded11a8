"""`book_assets`: the catalogue sync hashes every file of a book (re-hashing only changed ones), the manifest
answers from it with sha256, and the assignment feed lists the files its activities need."""

import hashlib
import io

import httpx
from minio import Minio
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity, Book, BookAsset
from dream_lms.books.paths import config_asset_keys, object_key
from dream_lms.books.samples import BookFiles, upload_book
from dream_lms.books.sync import sync_book, sync_catalogue
from dream_lms.core.feed import ChangeFeedEntry
from dream_lms.settings import Settings
from tests.assignments.helpers import assignment_body, join_class, make_world
from tests.factories import bearer, login, make_account

EN = "DREAM-EN-1"


async def _assets(session: AsyncSession, storage_id: str) -> dict[str, BookAsset]:
    rows = await session.scalars(
        select(BookAsset)
        .join(Book, col(Book.id) == col(BookAsset.book_id))
        .where(col(Book.dream_storage_id) == storage_id)
        .execution_options(populate_existing=True)
    )
    return {row.key: row for row in rows}


def _put(storage: Minio, settings: Settings, key: str, data: bytes) -> None:
    storage.put_object(settings.s3_bucket, object_key(EN, key), io.BytesIO(data), len(data))


async def test_the_sync_stores_every_files_sha256_and_size(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    upload_book(storage, settings.s3_bucket, EN, samples[EN])

    await sync_catalogue(session, storage, settings.s3_bucket)

    assets = await _assets(session, EN)
    assert set(assets) == set(samples[EN])
    for key, data in samples[EN].items():
        assert (assets[key].sha256, assets[key].size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert assets["images/book_cover.png"].content_type == "image/png"
    assert assets["images/book_cover.png"].etag == hashlib.md5(samples[EN]["images/book_cover.png"]).hexdigest()  # noqa: S324


async def test_a_resync_hashes_only_changed_files_and_drops_deleted_ones(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    files = samples[EN]
    upload_book(storage, settings.s3_bucket, EN, files)
    await sync_book(session, storage, settings.s3_bucket, EN)
    before = {key: (row.etag, row.hashed_at) for key, row in (await _assets(session, EN)).items()}
    book_id = (await _assets(session, EN))["config.json"].book_id
    # A hash only a re-read of the file could correct: unchanged files must keep it (they are not read again).
    planted = "f" * 64
    await session.execute(update(BookAsset).where(col(BookAsset.book_id) == book_id).values(sha256=planted))
    replaced = "images/book_cover.png"
    new_cover = files[replaced] + b"-edited"
    _put(storage, settings, replaced, new_cover)
    deleted = next(key for key in files if key.endswith(".wav"))
    storage.remove_object(settings.s3_bucket, object_key(EN, deleted))

    await sync_book(session, storage, settings.s3_bucket, EN)

    after = await _assets(session, EN)
    assert set(after) == set(files) - {deleted}
    assert after[replaced].sha256 == hashlib.sha256(new_cover).hexdigest()
    assert after[replaced].size == len(new_cover) and after[replaced].etag != before[replaced][0]
    assert after[replaced].hashed_at > before[replaced][1]
    untouched = set(after) - {replaced}
    assert {after[key].sha256 for key in untouched} == {planted}
    assert all(after[key].hashed_at == before[key][1] for key in untouched)


async def test_the_manifest_answers_from_the_table_with_sha256(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    upload_book(storage, settings.s3_bucket, EN, samples[EN])
    await sync_book(session, storage, settings.s3_bucket, EN)
    book = await session.scalar(select(Book).where(col(Book.dream_storage_id) == EN))
    assert book is not None
    admin = await make_account(session, UserRole.ADMIN)
    headers = bearer(await login(client, admin.login))

    manifest = (await client.get(f"/api/v1/books/{book.id}/manifest", headers=headers)).json()["data"]

    entries = {entry["key"]: entry for entry in manifest["assets"]}
    assert list(entries) == sorted(samples[EN])
    for key, data in samples[EN].items():
        assert entries[key]["sha256"] == hashlib.sha256(data).hexdigest()
    async with httpx.AsyncClient() as http:
        cover = await http.get(entries["images/book_cover.png"]["url"])
    assert hashlib.sha256(cover.content).hexdigest() == entries["images/book_cover.png"]["sha256"]


async def test_the_assignment_feed_lists_the_files_its_activities_need(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    upload_book(storage, settings.s3_bucket, EN, samples[EN])
    await sync_book(session, storage, settings.s3_bucket, EN)
    book = await session.scalar(select(Book).where(col(Book.dream_storage_id) == EN))
    assert book is not None
    book.publisher_id = world.school.publisher_id
    await session.flush()
    activities = await session.scalars(
        select(Activity).where(col(Activity.book_id) == book.id).order_by(col(Activity.order_index))
    )
    chosen = [a for a in activities if config_asset_keys(a.config)][:2]
    wanted = set().union(*(config_asset_keys(a.config) for a in chosen))
    body = assignment_body(world, book_id=str(book.id), activity_ids=[str(a.id) for a in chosen])
    created = await client.post("/api/v1/assignments", json=body, headers=world.teacher_headers)
    assert created.status_code == 201, created.text

    # Read from the feed itself: a pull only sees committed transactions, and each test's is rolled back.
    entry = await session.scalar(
        select(ChangeFeedEntry).where(
            col(ChangeFeedEntry.user_id) == world.students[0].user.id,
            col(ChangeFeedEntry.entity_type) == "assignment",
        )
    )
    assert entry is not None and entry.payload is not None
    assets = entry.payload["assets"]
    assert {asset["key"] for asset in assets} == wanted
    for asset in assets:
        data = samples[EN][asset["key"]]
        assert asset == {
            "key": asset["key"],
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "content_type": asset["content_type"],
        }
        assert asset["content_type"].split("/")[0] in ("image", "audio")
