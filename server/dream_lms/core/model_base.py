"""Shared pieces of every table model: UUID keys, UTC timestamps, constraint names, PostgreSQL enums.

Importing this module sets the naming convention on `SQLModel.metadata`, so it must be imported
before any table model is defined (every model module imports it first).
"""

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, FetchedValue, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

# Stable constraint names, so autogenerate diffs and later migrations can refer to them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

TIMESTAMPTZ = DateTime(timezone=True)
# The CHECK of every stored score (a student's counted score, an attempt's server and client scores).
SCORE_RANGE = "BETWEEN 0 AND 100"


def utc_now() -> datetime:
    return datetime.now(UTC)


def pg_enum(enum_class: type[enum.StrEnum], type_name: str) -> Enum:
    """A native PostgreSQL enum that stores the members' values (not their Python names)."""
    return Enum(
        enum_class,
        name=type_name,
        values_callable=lambda members: [member.value for member in members],
    )


def jsonb_object_field() -> Any:
    """A JSONB column holding an object, `{}` by default (in Python and in the database)."""
    return Field(default_factory=dict, sa_type=JSONB, sa_column_kwargs={"server_default": text("'{}'::jsonb")})


class UUIDPrimaryKey(SQLModel):
    # Generated in Python so a new row's id is known before flushing; the server default covers raw SQL.
    id: uuid.UUID = Field(
        default_factory=uuid.uuid4,
        primary_key=True,
        sa_column_kwargs={"server_default": text("gen_random_uuid()")},
    )


class CreatedAt(SQLModel):
    created_at: datetime = Field(
        default_factory=utc_now, sa_type=TIMESTAMPTZ, sa_column_kwargs={"server_default": func.now()}
    )


class Timestamps(CreatedAt):
    """`created_at` and `updated_at`; the database trigger `set_updated_at()` keeps `updated_at` current.

    `eager_defaults` makes the ORM read the trigger-written value back with RETURNING on UPDATE,
    so an async session never needs a lazy refresh (which would fail outside a greenlet).
    """

    __mapper_args__: Any = {"eager_defaults": True}

    updated_at: datetime = Field(
        default_factory=utc_now,
        sa_type=TIMESTAMPTZ,
        sa_column_kwargs={"server_default": func.now(), "server_onupdate": FetchedValue()},
    )
