"""The catalogue sync against the real S3 bucket and database, with the sample books and with broken ones."""

import io
import json
from typing import Any

import pytest
from minio import Minio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import Assignment, AssignmentActivity
from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity, Book, BookStatus
from dream_lms.books.paths import object_key
from dream_lms.books.samples import PUBLISHER_NAME, BookFiles, upload_book
from dream_lms.books.storage import ObjectMissing, read_object
from dream_lms.books.sync import sync_book, sync_catalogue
from dream_lms.orgs.models import Publisher
from dream_lms.settings import Settings
from tests.factories import make_account, make_user

EN, DE = "DREAM-EN-1", "DREAM-DE-1"


async def _activities(session: AsyncSession, storage_id: str) -> dict[str, Activity]:
    rows = await session.scalars(
        select(Activity)
        .join(Book, col(Book.id) == col(Activity.book_id))
        .where(col(Book.dream_storage_id) == storage_id)
    )
    return {row.location_key: row for row in rows}


def _put(storage: Minio, settings: Settings, storage_id: str, key: str, data: bytes) -> None:
    storage.put_object(settings.s3_bucket, object_key(storage_id, key), io.BytesIO(data), len(data))


def _edited_config(files: BookFiles, edit: Any) -> bytes:
    config = json.loads(files["config.json"])
    edit(config["books"][0]["modules"])
    return json.dumps(config).encode()


async def test_the_samples_sync_and_link_to_their_publisher(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    user = await make_user(session, UserRole.PUBLISHER)
    publisher = Publisher(user_id=user.id, name=PUBLISHER_NAME.upper())
    session.add(publisher)
    await session.flush()
    for storage_id, files in samples.items():
        upload_book(storage, settings.s3_bucket, storage_id, files)

    summary = await sync_catalogue(session, storage, settings.s3_bucket)

    assert summary.skipped == []
    assert (summary.books.created, summary.activities.created) == (2, 18)
    books = {b.dream_storage_id: b for b in await session.scalars(select(Book))}
    assert {b.publisher_id for b in books.values()} == {publisher.id}
    assert (books[EN].language, books[DE].language) == ("en", "de")
    assert books[EN].cover_path == "images/book_cover.png" and books[EN].config_hash
    activities = await _activities(session, EN)
    assert sorted(a.order_index for a in activities.values()) == list(range(10))
    first = activities["0/4/1"]
    assert (first.activity_type, first.module_name, first.header_text) == (
        "dragdroppicture",
        "Module 1: Animals",
        "Drag the words to the pictures.",
    )
    assert first.config["section_path"] == "images/M1/p4s2.png"


async def test_ids_stay_stable_across_resyncs_and_vanished_activities_are_archived_or_deleted(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    files = samples[EN]
    upload_book(storage, settings.s3_bucket, EN, files)
    await sync_catalogue(session, storage, settings.s3_bucket)
    before = {key: row.id for key, row in (await _activities(session, EN)).items()}

    again = await sync_catalogue(session, storage, settings.s3_bucket)
    assert (again.books.unchanged, again.activities.unchanged, again.activities.created) == (1, 10, 0)

    # An assignment uses the activity at 1/7/1; the publisher fixes a typo at 0/4/1 and removes page 7.
    teacher = await make_account(session, UserRole.TEACHER)
    book = (await session.scalars(select(Book))).one()
    assert teacher.profile_id is not None
    assignment = Assignment(teacher_id=teacher.profile_id, book_id=book.id, name="Homework")
    session.add(assignment)
    await session.flush()
    session.add(AssignmentActivity(assignment_id=assignment.id, activity_id=before["1/7/1"], position=0))
    await session.flush()

    def fix_typo_and_drop_page_7(modules: list[dict[str, Any]]) -> None:
        modules[0]["pages"][0]["sections"][1]["activity"]["headerText"] = "Drag the words onto the pictures."
        del modules[1]["pages"][1]

    _put(storage, settings, EN, "config.json", _edited_config(files, fix_typo_and_drop_page_7))
    changed = await sync_catalogue(session, storage, settings.s3_bucket)

    assert changed.books.updated == 1
    assert (changed.activities.updated, changed.activities.archived, changed.activities.deleted) == (1, 1, 1)
    after = await _activities(session, EN)
    assert after["0/4/1"].id == before["0/4/1"] and after["0/4/1"].header_text == "Drag the words onto the pictures."
    assert after["1/7/1"].id == before["1/7/1"] and after["1/7/1"].is_archived
    assert "1/7/0" not in after
    assert {key: row.id for key, row in after.items() if key != "1/7/0"} == {
        key: value for key, value in before.items() if key != "1/7/0"
    }


async def test_broken_books_are_reported_and_never_stop_the_rest(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    good = samples[EN]
    upload_book(storage, settings.s3_bucket, EN, good)
    _put(storage, settings, "BAD-JSON", "config.json", b'{"books": [')
    _put(storage, settings, "HUGE", "config.json", b" " * (50 * 1024 * 1024))
    without_image = {key: data for key, data in samples[DE].items() if key != "images/M1/p8s2.png"}
    upload_book(storage, settings.s3_bucket, DE, without_image)

    def unknown_type_and_traversal(modules: list[dict[str, Any]]) -> None:
        sections = modules[0]["pages"][0]["sections"]
        sections[1]["activity"]["type"] = "crossword"
        sections[2]["activity"]["section_path"] = "./books/MIXED/../DREAM-EN-1/images/M1/p4s2.png"
        modules[0]["pages"][1]["image_path"] = "../../../etc/passwd"

    own_paths = good["config.json"].replace(b"./books/DREAM-EN-1/", b"./books/MIXED/")
    mixed = dict(good) | {"config.json": _edited_config({"config.json": own_paths}, unknown_type_and_traversal)}
    upload_book(storage, settings.s3_bucket, "MIXED", mixed)
    # "ZZ-GONE" is listed, then its config.json is deleted while the books before it sync.
    _put(storage, settings, "ZZ-GONE", "config.json", good["config.json"])
    _put(storage, settings, "ZZ-GONE", "images/book_cover.png", good["images/book_cover.png"])

    async def delete_gone_book_after_the_first(done: int, total: int) -> None:
        if done == 1:
            storage.remove_object(settings.s3_bucket, object_key("ZZ-GONE", "config.json"))

    summary = await sync_catalogue(session, storage, settings.s3_bucket, progress=delete_gone_book_after_the_first)

    skipped = {(s.book, s.module, s.page, s.section): s.reason for s in summary.skipped}
    assert "not valid JSON" in skipped[("BAD-JSON", None, None, None)]
    assert "52428800 bytes" in skipped[("HUGE", None, None, None)]
    assert "config.json is missing" in skipped[("ZZ-GONE", None, None, None)]
    assert "images/M1/p8s2.png" in skipped[(DE, "Modul 1: Tiere", 8, 1)]
    assert "unknown activity type 'crossword'" in skipped[("MIXED", "Module 1: Animals", 4, 1)]
    assert "escapes" in skipped[("MIXED", "Module 1: Animals", 4, 2)]
    assert "passwd" in skipped[("MIXED", "Module 1: Animals", 5, None)]
    assert len(summary.skipped) == 7
    # Everything valid was imported: the good book, 7 of 8 German activities, 8 of 10 of the mixed book.
    assert summary.books.created == 3
    assert summary.activities.created == 10 + 7 + 8
    stored = {b.dream_storage_id for b in await session.scalars(select(Book))}
    assert stored == {EN, DE, "MIXED"}


async def test_books_gone_from_storage_are_archived_and_come_back_on_upload(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    upload_book(storage, settings.s3_bucket, EN, samples[EN])
    await sync_catalogue(session, storage, settings.s3_bucket)
    storage.remove_object(settings.s3_bucket, object_key(EN, "config.json"))
    # The folder still has images but no config: the book is reported, not archived (it may be mid-upload).
    partial = await sync_catalogue(session, storage, settings.s3_bucket)
    assert partial.books.archived == 0 and partial.skipped[0].book == EN

    # Once the folder is empty the book is gone: archived, and the empty folder is not reported.
    for key in samples[EN]:
        storage.remove_object(settings.s3_bucket, object_key(EN, key))
    gone = await sync_book(session, storage, settings.s3_bucket, EN)
    assert (gone.books.archived, gone.skipped) == (1, [])
    book = (await session.scalars(select(Book))).one()
    assert book.status == BookStatus.ARCHIVED

    upload_book(storage, settings.s3_bucket, EN, samples[EN])
    back = await sync_catalogue(session, storage, settings.s3_bucket)
    assert (back.books.updated, back.activities.unchanged) == (1, 10)
    assert await session.scalar(select(col(Book.status))) == BookStatus.ACTIVE


async def test_a_single_book_sync_refuses_unsafe_names(
    session: AsyncSession, storage: Minio, settings: Settings
) -> None:
    summary = await sync_book(session, storage, settings.s3_bucket, "../etc")
    assert [s.reason for s in summary.skipped] == ["unsafe book folder name"]
    assert (await session.scalars(select(Book))).all() == []


async def test_reading_an_object_deleted_after_the_listing_says_it_is_missing(
    storage: Minio, settings: Settings
) -> None:
    with pytest.raises(ObjectMissing):
        await read_object(storage, settings.s3_bucket, "NO-SUCH-BOOK", "config.json", 1000)


async def test_a_sync_of_some_books_leaves_the_others_alone(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    upload_book(storage, settings.s3_bucket, EN, samples[EN])
    await sync_catalogue(session, storage, settings.s3_bucket)
    upload_book(storage, settings.s3_bucket, DE, samples[DE])
    summary = await sync_catalogue(session, storage, settings.s3_bucket, only=[DE, "NOT-THERE"])
    assert (summary.books.created, summary.books.unchanged, summary.books.archived) == (1, 0, 0)
    assert {b.status for b in await session.scalars(select(Book))} == {BookStatus.ACTIVE}
