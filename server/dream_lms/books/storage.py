"""Reading the DCS bucket. The minio client blocks, so every call runs in a worker thread; any failure to reach
the storage becomes `StorageUnavailable` (the API answers 503)."""

import asyncio
import hashlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from minio import Minio
from minio.error import MinioException, S3Error
from urllib3.exceptions import HTTPError

from dream_lms.books.paths import BOOKS_PREFIX, book_folder, is_valid_storage_id, object_key
from dream_lms.core.errors import ServiceUnavailable

T = TypeVar("T")

PRESIGNED_URL_LIFETIME = timedelta(hours=1)
_HASH_CHUNK_BYTES = 256 * 1024
_MISSING_OBJECT_CODES = frozenset({"NoSuchKey", "NoSuchObject"})


class StorageUnavailable(ServiceUnavailable):
    default_message = "The book storage is unavailable; try again shortly."


class ObjectMissing(LookupError):
    """The object is not (or no longer) in the bucket."""


@dataclass(frozen=True)
class StoredObject:
    key: str  # relative to the book's folder
    size: int
    etag: str

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.key)[0] or "application/octet-stream"


@dataclass(frozen=True)
class HashedObject(StoredObject):
    sha256: str


async def _call(work: Callable[[], T]) -> T:
    try:
        return await asyncio.to_thread(work)
    except S3Error as exc:
        if exc.code in _MISSING_OBJECT_CODES:
            raise ObjectMissing(exc.message) from exc
        raise StorageUnavailable() from exc
    except (MinioException, HTTPError, OSError) as exc:
        raise StorageUnavailable() from exc


async def list_storage_ids(storage: Minio, bucket: str) -> tuple[list[str], list[str]]:
    """The valid book folders under `books/`, sorted, and the folder names refused as unsafe."""

    def work() -> list[str]:
        names = []
        for item in storage.list_objects(bucket, prefix=BOOKS_PREFIX, recursive=False):
            if item.is_dir and item.object_name:
                names.append(item.object_name[len(BOOKS_PREFIX) :].rstrip("/"))
        return names

    names = await _call(work)
    valid = sorted(name for name in names if is_valid_storage_id(name))
    return valid, sorted(name for name in names if not is_valid_storage_id(name))


async def list_book_objects(storage: Minio, bucket: str, storage_id: str) -> dict[str, StoredObject]:
    """Every object of a book, by its key relative to the book's folder."""
    prefix = book_folder(storage_id)

    def work() -> dict[str, StoredObject]:
        found = {}
        for item in storage.list_objects(bucket, prefix=prefix, recursive=True):
            if item.object_name and not item.is_dir:
                key = item.object_name[len(prefix) :]
                found[key] = StoredObject(key=key, size=item.size or 0, etag=(item.etag or "").strip('"'))
        return found

    return await _call(work)


async def read_object(storage: Minio, bucket: str, storage_id: str, key: str, max_bytes: int) -> bytes:
    """The object's bytes; ValueError when it is larger than `max_bytes` (checked while reading, too)."""

    def work() -> bytes:
        response = storage.get_object(bucket, object_key(storage_id, key))
        try:
            data: bytes = response.read(max_bytes + 1)
        finally:
            response.close()
            response.release_conn()
        return data

    data = await _call(work)
    if len(data) > max_bytes:
        raise ValueError(f"{key} is larger than {max_bytes} bytes")
    return data


async def hash_object(storage: Minio, bucket: str, storage_id: str, key: str) -> HashedObject:
    """The object's sha256 (streamed, never held in memory whole), with the size and ETag of the bytes that were
    hashed: an object replaced after the listing is then hashed again by the next sync, never mislabelled."""

    def work() -> HashedObject:
        response = storage.get_object(bucket, object_key(storage_id, key))
        try:
            digest = hashlib.sha256()
            size = 0
            for chunk in response.stream(_HASH_CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
            etag = (response.headers.get("ETag") or "").strip('"')
        finally:
            response.close()
            response.release_conn()
        return HashedObject(key=key, size=size, etag=etag, sha256=digest.hexdigest())

    return await _call(work)


def presigned_url(storage: Minio, bucket: str, storage_id: str, key: str) -> str:
    # Signing is local (the client knows its region), so URLs can be made while the storage is down.
    return storage.presigned_get_object(bucket, object_key(storage_id, key), expires=PRESIGNED_URL_LIFETIME)
