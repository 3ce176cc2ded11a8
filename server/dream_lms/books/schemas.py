import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from dream_lms.books.models import ActivityType, BookStatus
from dream_lms.books.parsing import Coords
from dream_lms.core.schemas import InputModel


class BookOut(BaseModel):
    id: uuid.UUID
    dream_storage_id: str
    title: str
    publisher_id: uuid.UUID | None
    publisher_name: str | None
    language: str | None
    status: BookStatus
    cover_url: str | None  # pre-signed, valid for an hour
    synced_at: datetime | None


class ActivitySummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    book_id: uuid.UUID
    location_key: str
    module_name: str
    page_number: int
    section_index: int
    order_index: int
    activity_type: ActivityType
    title: str | None
    header_text: str | None
    is_archived: bool


class ActivityDetail(ActivitySummary):
    # The activity object of config.json, every file path replaced by a pre-signed URL (valid for an hour).
    config: dict[str, Any]
    # The same URLs by the files' stable keys (as in the manifest), so an offline copy can be matched up.
    assets: dict[str, str]
    content_hash: str


class PageAudioOut(BaseModel):
    section_index: int
    title: str | None
    coords: Coords | None  # page-image pixels: scale to the displayed size
    url: str  # pre-signed, valid for an hour


class PageMarkerOut(BaseModel):
    activity_id: uuid.UUID
    section_index: int
    activity_type: ActivityType
    title: str | None
    coords: Coords | None  # page-image pixels: scale to the displayed size


class BookPageOut(BaseModel):
    module_index: int
    module_name: str
    page_number: int
    image_url: str | None  # pre-signed, valid for an hour
    audio: list[PageAudioOut]
    markers: list[PageMarkerOut]


class BookPages(BaseModel):
    """The book's pages in reading order (modules, then pages), for the book viewer."""

    book_id: uuid.UUID
    pages: list[BookPageOut]


class AssetInfo(BaseModel):
    key: str  # relative to the book's folder; stable across syncs
    size: int
    content_type: str
    sha256: str  # of the file's bytes: a download that does not match is corrupt


class ManifestEntry(AssetInfo):
    etag: str
    url: str  # pre-signed, valid for an hour


class BookManifest(BaseModel):
    book_id: uuid.UUID
    dream_storage_id: str
    assets: list[ManifestEntry]


class SyncRequest(InputModel):
    # Sync only these books (storage ids); absent or null: the whole catalogue.
    storage_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] | None = Field(
        default=None, max_length=1000
    )


class SyncStarted(BaseModel):
    job_id: str
    state: str


class WebhookEvent(BaseModel):
    """What Dream Central Storage posts when a book changes (extra keys are ignored)."""

    event: Literal["book.created", "book.updated", "book.deleted"]
    book_id: str
