"""The books API through the real app: access per role, pre-signed assets, the manifest, the webhook, the sync
job (also through a real arq worker) and the 503 answers when the storage is down."""

import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from arq.connections import RedisSettings
from arq.worker import Worker
from minio import Minio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.app import create_app
from dream_lms.auth.models import UserRole
from dream_lms.books.jobs import run_sync, sync_book_catalogue
from dream_lms.books.models import Book, BookAccess, BookStatus
from dream_lms.books.samples import BookFiles, upload_book
from dream_lms.books.sync import sync_catalogue
from dream_lms.core.resources import Resources, create_storage_client
from dream_lms.orgs.models import School
from dream_lms.settings import Settings
from tests.factories import bearer, login, make_account, make_publisher

EN, DE = "DREAM-EN-1", "DREAM-DE-1"


async def _synced_samples(
    session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> dict[str, Book]:
    for storage_id, files in samples.items():
        upload_book(storage, settings.s3_bucket, storage_id, files)
    await sync_catalogue(session, storage, settings.s3_bucket)
    return {book.dream_storage_id: book for book in await session.scalars(select(Book))}


async def _download(presigned_url: str) -> bytes:
    async with httpx.AsyncClient() as http:
        response = await http.get(presigned_url)
    assert response.status_code == 200, response.text
    return response.content


async def _headers(
    client: httpx.AsyncClient, session: AsyncSession, role: UserRole, school: School | None = None
) -> dict[str, str]:
    account = await make_account(session, role, school=school)
    return bearer(await login(client, account.login))


async def test_each_role_sees_only_its_books(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    owner, school = await make_publisher(session)
    other, other_school = await make_publisher(session)
    assert owner.profile_id is not None and other.profile_id is not None
    books[EN].publisher_id = owner.profile_id  # published by `owner`
    session.add(BookAccess(book_id=books[DE].id, publisher_id=other.profile_id))  # granted to `other`
    await session.flush()

    def who(login_name: str) -> Any:
        return login(client, login_name)

    visible = {
        "admin": await _headers(client, session, UserRole.ADMIN),
        "owner": bearer(await who(owner.login)),
        "other": bearer(await who(other.login)),
        "teacher": await _headers(client, session, UserRole.TEACHER, school),
        "student": await _headers(client, session, UserRole.STUDENT, other_school),
        "stranger": await _headers(client, session, UserRole.TEACHER),
    }
    expected = {
        "admin": {EN, DE},
        "owner": {EN},
        "other": {DE},
        "teacher": {EN},
        "student": {DE},
        "stranger": set(),
    }
    for name, headers in visible.items():
        listed = (await client.get("/api/v1/books", headers=headers)).json()["data"]
        assert {book["dream_storage_id"] for book in listed} == expected[name], name
        for storage_id, book in books.items():
            status = (await client.get(f"/api/v1/books/{book.id}", headers=headers)).status_code
            assert status == (200 if storage_id in expected[name] else 404), (name, storage_id)
            status = (await client.get(f"/api/v1/books/{book.id}/activities", headers=headers)).status_code
            assert status == (200 if storage_id in expected[name] else 404), (name, storage_id)

    # An archived book disappears for everyone but admins.
    books[EN].status = BookStatus.ARCHIVED
    await session.flush()
    assert (await client.get("/api/v1/books", headers=visible["owner"])).json()["data"] == []
    assert len((await client.get("/api/v1/books", headers=visible["admin"])).json()["data"]) == 2


async def test_books_can_be_searched_filtered_by_language_and_paged(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)

    async def titles(query: str) -> list[str]:
        return [b["title"] for b in (await client.get(f"/api/v1/books?{query}", headers=headers)).json()["data"]]

    assert await titles("search=traum") == ["Traumdeutsch 1"]
    assert await titles("search=%25") == []  # LIKE wildcards are searched literally
    assert await titles("language=EN") == ["Dream English 1"]
    page = (await client.get("/api/v1/books?per_page=1&page=2", headers=headers)).json()
    assert [b["title"] for b in page["data"]] == ["Traumdeutsch 1"]
    assert page["pagination"]["total"] == 2 and page["pagination"]["prev_page"] == 1
    cover = page["data"][0]["cover_url"]
    assert await _download(cover) == samples[DE]["images/book_cover.png"]


async def test_an_activity_comes_with_presigned_urls_and_is_cached(
    client: httpx.AsyncClient,
    session: AsyncSession,
    storage: Minio,
    settings: Settings,
    samples: dict[str, BookFiles],
    resources: Resources,
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)
    activities = (await client.get(f"/api/v1/books/{books[EN].id}/activities", headers=headers)).json()["data"]
    assert [a["order_index"] for a in activities] == list(range(10))
    circle = next(a for a in activities if a["location_key"] == "0/4/2")

    detail = (await client.get(f"/api/v1/activities/{circle['id']}", headers=headers)).json()["data"]

    assert detail["activity_type"] == "circle" and "circleCount" not in detail["config"]
    assert set(detail["assets"]) == {"images/M1/p4s3.png", "audio/circle.wav"}
    assert detail["config"]["section_path"] == detail["assets"]["images/M1/p4s3.png"]
    assert [a.get("isCorrect", False) for a in detail["config"]["answer"]] == [True, False, False, True]
    assert await _download(detail["config"]["audio_path"]) == samples[EN]["audio/circle.wav"]
    cached = await resources.redis.get(f"books:activity:{circle['id']}:{detail['content_hash']}")
    assert cached is not None and json.loads(cached)["assets"] == detail["assets"]
    again = (await client.get(f"/api/v1/activities/{circle['id']}", headers=headers)).json()["data"]
    assert again["assets"] == detail["assets"]  # the same URLs: served from the cache


async def test_the_pages_show_images_page_audio_and_markers_of_the_activities(
    client: httpx.AsyncClient,
    session: AsyncSession,
    storage: Minio,
    settings: Settings,
    samples: dict[str, BookFiles],
    resources: Resources,
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)
    activities = (await client.get(f"/api/v1/books/{books[EN].id}/activities", headers=headers)).json()["data"]

    response = await client.get(f"/api/v1/books/{books[EN].id}/pages", headers=headers)

    assert response.status_code == 200, response.text
    pages = response.json()["data"]["pages"]
    assert [(p["module_index"], p["page_number"]) for p in pages] == [(0, 4), (0, 5), (1, 6), (1, 7)]
    assert pages[2]["module_name"] == "Module 2: At Home"
    assert await _download(pages[0]["image_url"]) == samples[EN]["images/M1/4.png"]
    # Page 4 opens with a listening section (its own play button), then two activities.
    [audio] = pages[0]["audio"]
    assert (audio["section_index"], audio["title"]) == (0, "Listen to the animals.")
    assert audio["coords"] == {"x": 40.0, "y": 120.0, "w": 720.0, "h": 240.0}
    assert await _download(audio["url"]) == samples[EN]["audio/animals.wav"]
    # Every activity has exactly one marker, on its page, with its id and type.
    markers = {m["activity_id"]: (p["page_number"], m) for p in pages for m in p["markers"]}
    assert set(markers) == {a["id"] for a in activities}
    for activity in activities:
        page_number, marker = markers[activity["id"]]
        assert page_number == activity["page_number"]
        assert (marker["section_index"], marker["activity_type"]) == (
            activity["section_index"],
            activity["activity_type"],
        )
    circle = next(a for a in activities if a["location_key"] == "0/4/2")
    assert markers[circle["id"]][1]["coords"] == {"x": 40.0, "y": 660.0, "w": 720.0, "h": 240.0}
    assert markers[circle["id"]][1]["title"] == "Circle the right word."
    synced_at = books[EN].synced_at
    assert synced_at is not None
    assert await resources.redis.exists(f"books:pages:{books[EN].id}:{synced_at.isoformat()}")

    stranger = await _headers(client, session, UserRole.TEACHER)
    assert (await client.get(f"/api/v1/books/{books[EN].id}/pages", headers=stranger)).status_code == 404


async def test_a_resync_keeps_the_marker_ids_and_refreshes_the_pages(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)
    before = (await client.get(f"/api/v1/books/{books[DE].id}/pages", headers=headers)).json()["data"]["pages"]
    config = json.loads(samples[DE]["config.json"])
    first_page = config["books"][0]["modules"][0]["pages"][0]
    removed = next(i for i, section in enumerate(first_page["sections"]) if "activity" in section)
    first_page["sections"][removed] = {k: v for k, v in first_page["sections"][removed].items() if k != "activity"}
    upload_book(storage, settings.s3_bucket, DE, {"config.json": json.dumps(config).encode()})

    summary = await sync_catalogue(session, storage, settings.s3_bucket)

    assert summary.books.updated == 1 and summary.books.unchanged == 1
    after = (await client.get(f"/api/v1/books/{books[DE].id}/pages", headers=headers)).json()["data"]["pages"]
    ids_before = [[m["activity_id"] for m in page["markers"]] for page in before]
    ids_after = [[m["activity_id"] for m in page["markers"]] for page in after]
    assert ids_after[0] == [i for n, i in enumerate(ids_before[0]) if n != removed_marker_index(before[0], removed)]
    assert ids_after[1:] == ids_before[1:]


def removed_marker_index(page: dict[str, Any], section_index: int) -> int:
    return [m["section_index"] for m in page["markers"]].index(section_index)


async def test_the_manifest_lists_every_file_of_the_book(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)
    manifest = (await client.get(f"/api/v1/books/{books[DE].id}/manifest", headers=headers)).json()["data"]
    entries = {entry["key"]: entry for entry in manifest["assets"]}
    assert set(entries) == set(samples[DE])
    wav = next(key for key in entries if key.endswith(".wav"))
    assert entries[wav]["content_type"] in ("audio/x-wav", "audio/wav")
    assert entries["config.json"]["size"] == len(samples[DE]["config.json"])
    assert entries["images/book_cover.png"]["etag"] == hashlib.md5(samples[DE]["images/book_cover.png"]).hexdigest()  # noqa: S324
    assert await _download(entries[wav]["url"]) == samples[DE][wav]


def _signed(body: bytes, secret: str) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Webhook-Signature": f"sha256={digest}", "Content-Type": "application/json"}


async def test_the_webhook_needs_a_valid_signature_and_syncs_one_book(
    client: httpx.AsyncClient, session: AsyncSession, storage: Minio, settings: Settings, samples: dict[str, BookFiles]
) -> None:
    for storage_id, files in samples.items():
        upload_book(storage, settings.s3_bucket, storage_id, files)
    secret = settings.webhook_secret.get_secret_value()
    body = json.dumps({"event": "book.created", "book_id": EN}).encode()

    for headers in (
        {},
        _signed(body, "wrong-secret"),
        {"X-Webhook-Signature": "sha256=zz"},
        _signed(body + b" ", secret),
    ):
        response = await client.post("/api/v1/webhooks/dcs", content=body, headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "UNAUTHORIZED"
    assert (await session.scalars(select(Book))).all() == []

    created = await client.post("/api/v1/webhooks/dcs", content=body, headers=_signed(body, secret))
    assert created.status_code == 200, created.text
    assert created.json()["data"]["activities"]["created"] == 10
    assert [b.dream_storage_id for b in await session.scalars(select(Book))] == [EN]  # only that book

    deleted = json.dumps({"event": "book.deleted", "book_id": EN}).encode()
    response = await client.post("/api/v1/webhooks/dcs", content=deleted, headers=_signed(deleted, secret))
    assert response.json()["data"]["books"]["archived"] == 1
    status = await session.scalar(select(col(Book.status)).where(col(Book.dream_storage_id) == EN))
    assert status == BookStatus.ARCHIVED

    not_an_event = b'{"event": "book.exploded", "book_id": "x"}'
    response = await client.post("/api/v1/webhooks/dcs", content=not_an_event, headers=_signed(not_an_event, secret))
    assert response.status_code == 400


async def test_the_admin_sync_runs_as_an_arq_job_and_reports_progress(
    client: httpx.AsyncClient,
    session: AsyncSession,
    storage: Minio,
    settings: Settings,
    samples: dict[str, BookFiles],
    resources: Resources,
) -> None:
    for storage_id, files in samples.items():
        upload_book(storage, settings.s3_bucket, storage_id, files)
    headers = await _headers(client, session, UserRole.ADMIN)
    started = await client.post("/api/v1/admin/books/sync", headers=headers)
    assert started.status_code == 202
    job_id = started.json()["data"]["job_id"]
    queued = (await client.get(f"/api/v1/admin/books/sync/{job_id}", headers=headers)).json()["data"]
    assert queued["state"] == "queued"

    worker = Worker(
        functions=[sync_book_catalogue],
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        ctx={"resources": resources},
        burst=True,
        handle_signals=False,
        poll_delay=0.05,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)

    done = (await client.get(f"/api/v1/admin/books/sync/{job_id}", headers=headers)).json()["data"]
    assert done["state"] == "done" and done["books_done"] == done["books_total"] >= 2
    assert done["summary"]["activities"]["created"] == 18 and done["summary"]["skipped"] == []
    assert len((await session.scalars(select(Book))).all()) == 2
    missing = await client.get("/api/v1/admin/books/sync/unknown", headers=headers)
    assert missing.status_code == 404


@pytest.fixture
async def storage_down_client(resources: Resources) -> Any:
    """The app with a storage client pointed at a port nothing listens on (the shared S3 keeps running)."""
    settings = resources.settings.model_copy(update={"s3_endpoint": "127.0.0.1:9"})
    down = Resources(
        settings, resources.engine, resources.sessionmaker, resources.redis, create_storage_client(settings)
    )
    app = create_app(resources=down)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client, down


async def test_storage_down_fails_the_sync_but_cached_activities_and_the_manifest_keep_working(
    client: httpx.AsyncClient,
    storage_down_client: Any,
    session: AsyncSession,
    storage: Minio,
    settings: Settings,
    samples: dict[str, BookFiles],
) -> None:
    books = await _synced_samples(session, storage, settings, samples)
    headers = await _headers(client, session, UserRole.ADMIN)
    activity_id = (await client.get(f"/api/v1/books/{books[EN].id}/activities", headers=headers)).json()["data"][0][
        "id"
    ]
    warm = (await client.get(f"/api/v1/activities/{activity_id}", headers=headers)).json()["data"]
    down_client, down = storage_down_client

    # The manifest comes from `book_assets` and its URLs are signed locally: offline downloads can be planned.
    manifest = await down_client.get(f"/api/v1/books/{books[EN].id}/manifest", headers=headers)
    assert manifest.status_code == 200 and all(entry["sha256"] for entry in manifest.json()["data"]["assets"])
    cached = await down_client.get(f"/api/v1/activities/{activity_id}", headers=headers)
    assert cached.status_code == 200 and cached.json()["data"]["assets"] == warm["assets"]
    assert (await down_client.get(f"/api/v1/books/{books[EN].id}", headers=headers)).status_code == 200

    # A sync while the storage is down fails cleanly and changes nothing.
    status = await run_sync(down, "down-1")
    assert status.state == "failed" and "storage" in (status.error or "")
    assert {b.status for b in await session.scalars(select(Book))} == {BookStatus.ACTIVE}
