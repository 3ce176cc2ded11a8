"""Books synced from Dream Central Storage, which publishers may use them, and their activities."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, String, Text, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from dream_lms.core.model_base import TIMESTAMPTZ, Timestamps, UUIDPrimaryKey, pg_enum, utc_now


class BookStatus(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class ActivityType(enum.StrEnum):
    """The `activity.type` values of the book format, spelled exactly as in config.json."""

    DRAG_DROP_PICTURE = "dragdroppicture"
    DRAG_DROP_PICTURE_GROUP = "dragdroppicturegroup"
    MATCH_THE_WORDS = "matchTheWords"
    CIRCLE = "circle"
    MARK_WITH_X = "markwithx"
    PUZZLE_FIND_WORDS = "puzzleFindWords"
    FILL_SENTENCES_WITH_DOTS = "fillSentencesWithDots"
    FILL_PICTURE = "fillpicture"


class Book(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "books"

    dream_storage_id: str = Field(sa_type=String(200), unique=True)
    title: str = Field(sa_type=String(300))
    # Set when `publisher_name` matches a publisher; the name is kept for books of unknown publishers.
    publisher_id: uuid.UUID | None = Field(default=None, foreign_key="publishers.id", ondelete="SET NULL", index=True)
    publisher_name: str | None = Field(default=None, sa_type=String(200))
    language: str | None = Field(default=None, sa_type=String(50))
    cover_path: str | None = Field(default=None, sa_type=Text)
    # The storage's ETag of config.json and our sha256 of it: a re-sync skips unchanged books.
    config_etag: str | None = Field(default=None, sa_type=String(200))
    config_hash: str | None = Field(default=None, sa_type=String(64))
    status: BookStatus = Field(
        default=BookStatus.ACTIVE,
        sa_type=pg_enum(BookStatus, "book_status"),
        sa_column_kwargs={"server_default": BookStatus.ACTIVE.value},
    )
    synced_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    # Modules -> pages (image, audio sections, activity markers) for the viewer; see `parsing.book_structure`.
    structure: dict[str, Any] | None = Field(default=None, sa_type=JSONB)


class BookAccess(SQLModel, table=True):
    """A book granted to a publisher besides the one that published it."""

    __tablename__ = "book_access"

    book_id: uuid.UUID = Field(foreign_key="books.id", ondelete="CASCADE", primary_key=True)
    publisher_id: uuid.UUID = Field(foreign_key="publishers.id", ondelete="CASCADE", primary_key=True, index=True)
    granted_at: datetime = Field(
        default_factory=utc_now, sa_type=TIMESTAMPTZ, sa_column_kwargs={"server_default": func.now()}
    )


class Activity(UUIDPrimaryKey, Timestamps, table=True):
    """One activity of a book, i.e. a page section with an `activity` object.

    `location_key` ("<module index>/<page number>/<section index>") identifies the activity across
    re-syncs, so its id (which assignments reference) stays stable when the content changes. An
    activity that disappeared from the book but has assignments is archived, never deleted.
    """

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("book_id", "location_key"),
        CheckConstraint("page_number >= 0 AND section_index >= 0 AND order_index >= 0", name="positions"),
        Index(
            "ix_activities_book_id_order_index_live",
            "book_id",
            "order_index",
            postgresql_where=text("NOT is_archived"),
        ),
    )

    book_id: uuid.UUID = Field(foreign_key="books.id", ondelete="CASCADE")
    location_key: str = Field(sa_type=String(100))
    module_name: str = Field(sa_type=String(200))
    page_number: int
    section_index: int
    # Position in the whole book (modules, then pages, then sections).
    order_index: int
    activity_type: ActivityType = Field(sa_type=pg_enum(ActivityType, "activity_type"))
    title: str | None = Field(default=None, sa_type=String(300))
    header_text: str | None = Field(default=None, sa_type=Text)
    config: dict[str, Any] = Field(sa_type=JSONB)
    content_hash: str = Field(sa_type=String(64))
    is_archived: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})


class BookAsset(SQLModel, table=True):
    """One file of a book's storage folder with its sha256, so offline downloads can be verified.

    The catalogue sync fills it; a file whose ETag and size are unchanged keeps its hash (hashing means reading
    the whole file from the storage).
    """

    __tablename__ = "book_assets"

    book_id: uuid.UUID = Field(foreign_key="books.id", ondelete="CASCADE", primary_key=True)
    key: str = Field(sa_type=Text, primary_key=True)  # relative to the book's folder, as in the configs
    size: int = Field(sa_type=BigInteger)
    content_type: str = Field(sa_type=String(200))
    etag: str = Field(sa_type=String(200))
    sha256: str = Field(sa_type=String(64))
    hashed_at: datetime = Field(default_factory=utc_now, sa_type=TIMESTAMPTZ)
