"""Fixtures for the books tests: the shared test bucket's `books/` folder emptied around each test, and the
sample books' files (generated once per run)."""

from collections.abc import Iterator

import pytest
from minio import Minio
from minio.deleteobjects import DeleteObject

from dream_lms.books.paths import BOOKS_PREFIX
from dream_lms.books.samples import BookFiles, book_files, sample_books
from dream_lms.core.resources import Resources
from dream_lms.settings import Settings


def _empty_books_folder(storage: Minio, bucket: str) -> None:
    names = [item.object_name for item in storage.list_objects(bucket, prefix=BOOKS_PREFIX, recursive=True)]
    errors = list(storage.remove_objects(bucket, [DeleteObject(name) for name in names if name]))
    assert not errors, errors


@pytest.fixture
def storage(resources: Resources, settings: Settings) -> Iterator[Minio]:
    """The real test bucket with an empty `books/` folder (emptied again afterwards)."""
    _empty_books_folder(resources.storage, settings.s3_bucket)
    yield resources.storage
    _empty_books_folder(resources.storage, settings.s3_bucket)


@pytest.fixture(scope="session")
def samples() -> dict[str, BookFiles]:
    return {book.storage_id: book_files(book) for book in sample_books()}
