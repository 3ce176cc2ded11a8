"""How long the catalogue sync takes for a large catalogue (target: 200 books x 50 activities in under 60 s).

Generates the books into a real S3 bucket (the embedded SeaweedFS, on its own ports unless `DATABASE_URL` /
`REDIS_URL` / `S3_ENDPOINT` name servers to use), then times a first sync (everything created) and a second one
(everything unchanged), each in one transaction as the arq job runs it. Prints figures only.

    .venv/bin/python bench/sync_catalogue.py [--books 200] [--activities 50] [--port-base 23950]
"""

import argparse
import asyncio
import io
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from minio import Minio
from minio.deleteobjects import DeleteObject
from PIL import Image
from servers import settings_for  # the bench folder is on sys.path

from dream_lms import migrate
from dream_lms.books.paths import BOOKS_PREFIX, object_key
from dream_lms.books.samples import choices, drag_drop, fill_picture, fill_sentences, find_words, match_words
from dream_lms.books.sync import SyncSummary, sync_catalogue
from dream_lms.core.resources import open_resources
from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ACTIVITIES_PER_PAGE = 5
CROP_KEY = "images/crop.png"
AUDIO_KEY = "audio/page.mp3"
UPLOAD_THREADS = 16

# One builder per activity type of the format, each giving a valid activity object (the crop image is shared).
ACTIVITY_BUILDERS: list[Callable[[int], dict[str, Any]]] = [
    lambda n: drag_drop(f"A{n}", ["cat", "dog"], ["cat", "dog"], ["dog", "cat"])[0],
    lambda n: choices("circle", "circleCount", None, f"A{n}", [[("a", True), ("b", False)]])[0],
    lambda n: choices("markwithx", "markCount", 3, f"A{n}", [[("a", False), ("b", True), ("c", False)]])[0],
    lambda n: match_words(f"A{n}", [("red", "An apple is ___."), ("blue", "The sky is ___.")])[0],
    lambda n: find_words(f"A{n}", ["CAT", "DOG", f"WORD{chr(65 + n % 26)}"])[0],
    lambda n: fill_sentences(f"A{n}", [("I have a", "cat", "."), ("It is", "big", "")])[0],
    lambda n: fill_picture(f"A{n}", ["bed", "lamp"], ["bed", "lamp"])[0],
    lambda n: {"type": "dragdroppicturegroup", "words": ["cat", "apple"], "answer": _group_answers()},
]


def _group_answers() -> list[dict[str, Any]]:
    return [
        {"coords": {"x": 20, "y": 100, "w": 200, "h": 50}, "group": ["cat"]},
        {"coords": {"x": 300, "y": 100, "w": 200, "h": 50}, "group": ["apple"]},
    ]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def book_files(storage_id: str, activities: int, image: bytes) -> dict[str, bytes]:
    prefix = f"./books/{storage_id}/"
    files = {"images/book_cover.png": image, CROP_KEY: image, AUDIO_KEY: b"ID3 not really audio"}
    pages = []
    for page_index in range(-(-activities // ACTIVITIES_PER_PAGE)):
        page_number = page_index + 1
        files[f"images/M1/{page_number}.png"] = image
        sections: list[dict[str, Any]] = [{"type": "audio", "audio_path": f"{prefix}{AUDIO_KEY}"}]
        first = page_index * ACTIVITIES_PER_PAGE
        for number in range(first, min(first + ACTIVITIES_PER_PAGE, activities)):
            activity = ACTIVITY_BUILDERS[number % len(ACTIVITY_BUILDERS)](number)
            box = {"x": 40, "y": 100 + 150 * (number - first), "w": 700, "h": 120}
            activity |= {"headerText": f"Exercise {number + 1}", "section_path": f"{prefix}{CROP_KEY}", "coords": box}
            sections.append({"title": f"Exercise {number + 1}", "coords": box, "activity": activity})
        pages.append(
            {"page_number": page_number, "image_path": f"{prefix}images/M1/{page_number}.png", "sections": sections}
        )
    config = {
        "book_title": f"Bench book {storage_id}",
        "book_cover": f"{prefix}images/book_cover.png",
        "publisher_name": "Bench Publishing",
        "language": "English",
        "books": [{"name": storage_id, "modules": [{"name": "Module 1", "pages": pages}]}],
    }
    files["config.json"] = json.dumps(config).encode()
    return files


def upload_catalogue(storage: Minio, bucket: str, books: int, activities: int) -> int:
    """Replace `books/` with the generated catalogue; returns the number of objects written."""
    old = [DeleteObject(item.object_name) for item in storage.list_objects(bucket, BOOKS_PREFIX, recursive=True)]
    errors = list(storage.remove_objects(bucket, (item for item in old if item.name)))
    if errors:
        raise RuntimeError(f"could not empty {BOOKS_PREFIX}: {errors[:3]}")
    image = _png()

    def objects() -> Iterator[tuple[str, bytes]]:
        for index in range(books):
            storage_id = f"BENCH-{index:04d}"
            for key, data in book_files(storage_id, activities, image).items():
                yield object_key(storage_id, key), data

    def put(item: tuple[str, bytes]) -> None:
        storage.put_object(bucket, item[0], io.BytesIO(item[1]), len(item[1]))

    with ThreadPoolExecutor(UPLOAD_THREADS) as pool:
        return sum(1 for _ in pool.map(put, objects()))


async def timed_sync(settings: Settings) -> tuple[float, SyncSummary]:
    resources = open_resources(settings)
    try:
        started = time.perf_counter()
        async with resources.sessionmaker() as session, session.begin():
            summary = await sync_catalogue(session, resources.storage, settings.s3_bucket)
        return time.perf_counter() - started, summary
    finally:
        await resources.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--books", type=int, default=200)
    parser.add_argument("--activities", type=int, default=50, help="activities per book")
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / ".dream-data" / "bench" / "sync_catalogue")
    parser.add_argument("--port-base", type=int, default=23950, help="nine ports for the embedded servers")
    parser.add_argument("--keep-running", action="store_true", help="leave the embedded servers running")
    arguments = parser.parse_args()

    settings, stack = settings_for(arguments)
    try:
        migrate.upgrade(settings.database_url)
        storage = open_resources(settings).storage
        started = time.perf_counter()
        written = upload_catalogue(storage, settings.s3_bucket, arguments.books, arguments.activities)
        print(f"upload: {written} objects for {arguments.books} books in {time.perf_counter() - started:.1f} s")
        for run in ("first sync", "re-sync"):
            seconds, summary = asyncio.run(timed_sync(settings))
            print(
                f"{run}: {seconds:.1f} s (target < 60 s); books {summary.books.model_dump()}; "
                f"activities {summary.activities.model_dump()}; skipped {len(summary.skipped)}"
            )
    finally:
        if stack is not None and not arguments.keep_running:
            stack.stop()


if __name__ == "__main__":
    main()
