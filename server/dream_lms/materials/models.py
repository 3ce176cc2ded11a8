"""Teaching materials (an uploaded file or a link) and the classes or students they are shared with."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, String, Text, UniqueConstraint, func
from sqlmodel import Field

from dream_lms.core.model_base import TIMESTAMPTZ, Timestamps, UUIDPrimaryKey, pg_enum, utc_now


class MaterialKind(enum.StrEnum):
    PDF = "pdf"
    VIDEO = "video"
    AUDIO = "audio"
    IMAGE = "image"
    DOCUMENT = "document"
    LINK = "link"
    OTHER = "other"


class Material(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "materials"
    __table_args__ = (
        CheckConstraint("num_nonnulls(storage_key, url) = 1", name="file_or_link"),
        CheckConstraint("url ~* '^https?://'", name="url_http"),
        CheckConstraint("file_size_bytes >= 0", name="file_size_non_negative"),
    )

    teacher_id: uuid.UUID = Field(foreign_key="teachers.id", ondelete="RESTRICT", index=True)
    title: str = Field(sa_type=String(200))
    description: str | None = Field(default=None, sa_type=Text)
    kind: MaterialKind = Field(sa_type=pg_enum(MaterialKind, "material_kind"))
    storage_key: str | None = Field(default=None, sa_type=Text)
    file_size_bytes: int | None = Field(default=None, sa_type=BigInteger)
    content_type: str | None = Field(default=None, sa_type=String(200))
    url: str | None = Field(default=None, sa_type=Text)


class MaterialAssignment(UUIDPrimaryKey, table=True):
    """A material shared with a class or with one student."""

    __tablename__ = "material_assignments"
    __table_args__ = (
        CheckConstraint("num_nonnulls(class_id, student_id) = 1", name="exactly_one_target"),
        UniqueConstraint("material_id", "class_id"),
        UniqueConstraint("material_id", "student_id"),
    )

    material_id: uuid.UUID = Field(foreign_key="materials.id", ondelete="CASCADE")
    class_id: uuid.UUID | None = Field(default=None, foreign_key="classes.id", ondelete="CASCADE", index=True)
    student_id: uuid.UUID | None = Field(default=None, foreign_key="students.id", ondelete="CASCADE", index=True)
    shared_at: datetime = Field(
        default_factory=utc_now, sa_type=TIMESTAMPTZ, sa_column_kwargs={"server_default": func.now()}
    )
