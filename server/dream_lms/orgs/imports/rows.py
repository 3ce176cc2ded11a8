"""What every importer of a bulk import shares: a row of the file, the checks of its fields, and the batched lookups
and writes (lookups and writes are batched, so thousands of rows take a handful of queries)."""

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import ARRAY, ColumnElement, Text, cast, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import USERNAME_PATTERN, User
from dream_lms.orgs.imports.schemas import CreatedCredential, RowStatus

_USERNAME = re.compile(USERNAME_PATTERN)
_BATCH = 1000


@dataclass
class Row:
    number: int
    values: dict[str, str]
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    status: RowStatus = "new"
    parsed: dict[str, Any] = field(default_factory=dict)
    # What applying the row does: the existing record's ids and the changed fields.
    target: dict[str, Any] = field(default_factory=dict)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append((column, message))

    @property
    def valid(self) -> bool:
        return not self.problems


# --- field checks ---


def _email(row: Row, column: str, *, required: bool = False) -> str | None:
    value = row.values.get(column, "")
    if not value:
        if required:
            row.problem(column, "Required.")
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        row.problem(column, f"Not a valid email address: {exc}")
        return None


def _text(row: Row, column: str, max_length: int, *, required: bool = False) -> str | None:
    value = row.values.get(column, "")
    if not value:
        if required:
            row.problem(column, "Required.")
        return None
    if len(value) > max_length:
        row.problem(column, f"Use at most {max_length} characters.")
        return None
    return value


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _flag_duplicates(rows: Sequence[Row], column: str, key: str) -> None:
    """Mark later rows whose `key` (a parsed value) repeats an earlier row's."""
    first_seen: dict[Any, int] = {}
    for row in rows:
        value = row.parsed.get(key)
        if value is None or value == () or row.parsed.get("_duplicate"):
            continue
        earlier = first_seen.setdefault(value, row.number)
        if earlier != row.number:
            row.problem(column, f"Duplicate of row {earlier}.")
            row.parsed["_duplicate"] = True


def _chunks(items: Sequence[Any], size: int = _BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lower_in(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    """lower(column) IN the values lowered by PostgreSQL too: Python's and the database's lower() differ for some
    letters (the Turkish dotted I, or any non-ASCII letter under the C collation), and the unique indexes use the
    database's."""
    lowered = select(func.lower(func.unnest(cast(sorted(values), ARRAY(Text)))))
    return func.lower(column).in_(lowered.scalar_subquery())


async def _users_by_login(
    session: AsyncSession, emails: set[str], usernames: set[str]
) -> tuple[dict[str, User], dict[str, User]]:
    by_email: dict[str, User] = {}
    by_username: dict[str, User] = {}
    if not emails and not usernames:
        return by_email, by_username
    conditions = []
    if emails:
        conditions.append(_lower_in(col(User.email), emails))
    if usernames:
        conditions.append(_lower_in(col(User.username), usernames))
    for user in await session.scalars(select(User).where(or_(*conditions))):
        if user.email:
            by_email[user.email.lower()] = user
        if user.username:
            by_username[user.username.lower()] = user
    return by_email, by_username


async def _bulk_insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        await session.execute(insert(model), list(chunk))


async def _bulk_update(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    """UPDATE by primary key; rows that change different fields go in separate batches."""
    by_fields: dict[frozenset[str], list[dict[str, Any]]] = {}
    for values in rows:
        by_fields.setdefault(frozenset(values), []).append(values)
    for group in by_fields.values():
        for chunk in _chunks(group):
            await session.execute(update(model), list(chunk))


def _changes(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The wanted values that differ from the current ones; a missing (None) wanted value changes nothing."""
    return {name: value for name, value in wanted.items() if value is not None and current.get(name) != value}


def _before_after(current: dict[str, Any], changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def plain(value: Any) -> Any:
        return str(value) if isinstance(value, uuid.UUID) else value

    return (
        {name: plain(current.get(name)) for name in changes},
        {name: plain(value) for name, value in changes.items()},
    )


# --- the kinds ---


class Importer:
    kind: str
    entity_type: str
    audited = True

    def check(self, row: Row) -> None:
        raise NotImplementedError

    def duplicate_keys(self) -> list[tuple[str, str]]:
        """(column, parsed key) pairs that must be unique within the file."""
        raise NotImplementedError

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        """Match valid rows to existing records: status new/update/unchanged, or a problem."""
        raise NotImplementedError

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        raise NotImplementedError
