"""Bulk import: read the file, validate every row, match rows to existing records, then import all, none, or
only the valid rows.

Every row is checked before anything is written: required columns, formats, duplicates within the file, and
clashes with accounts the importer may not touch. Rows match existing records (by email/username, or by name for
publishers and schools), so importing the same file again updates or leaves rows unchanged instead of creating
duplicates. Lookups and writes are batched, so thousands of rows take a handful of queries.
"""

import asyncio
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.audit import actor_snapshot
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import AuditLogEntry
from dream_lms.core.errors import NotFound
from dream_lms.orgs.imports.columns import COLUMNS, ImportMode, canonical
from dream_lms.orgs.imports.organisations import PublisherImporter, SchoolImporter
from dream_lms.orgs.imports.reader import Sheet, read_sheet
from dream_lms.orgs.imports.rows import Importer, Row, _bulk_insert, _flag_duplicates
from dream_lms.orgs.imports.schemas import CreatedCredential, ImportProblem, ImportReport, PreviewRow
from dream_lms.orgs.imports.students import StudentImporter
from dream_lms.orgs.imports.teachers import TeacherImporter
from dream_lms.orgs.imports.templates import error_sheet

PREVIEW_ROWS = 200
ERROR_SHEET_SECONDS = 3600
_ERROR_SHEET_KEY = "imports:error-sheet:{token}"
ERROR_SHEET_PATH = "/api/v1/imports/error-sheets/{token}"


def importer_for(kind: str, actor: Principal) -> Importer:
    if kind == "students":
        return StudentImporter(actor)
    if kind == "teachers":
        return TeacherImporter(actor)
    if kind == "publishers":
        return PublisherImporter()
    return SchoolImporter()


# --- the whole import ---


def _rows_of(kind: str, sheet: Sheet) -> tuple[list[Row], list[str]]:
    """The rows as {column: text} for the kind's columns, and the required columns the header lacks."""
    columns = [column.name for column in COLUMNS[kind]]
    positions: dict[str, int] = {}
    for index, header in enumerate(sheet.headers):
        positions.setdefault(canonical(kind, header), index)
    missing = [column.name for column in COLUMNS[kind] if column.required and column.name not in positions]
    rows = []
    for number, cells in sheet.rows:
        row = Row(number=number, values={})
        for name in columns:
            position = positions.get(name)
            if position is None:
                continue
            cell = cells[position] if position < len(cells) else None
            row.values[name] = cell.text if cell else ""
            if cell and cell.formula:
                row.problem(name, "Formulas are not allowed; type the value itself.")
        rows.append(row)
    return rows, missing


async def _store_error_sheet(redis: Redis, owner: uuid.UUID, content: bytes) -> str:
    token = secrets.token_urlsafe(24)
    key = _ERROR_SHEET_KEY.format(token=token)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(key, mapping={"owner": str(owner), "data": content})
        pipe.expire(key, ERROR_SHEET_SECONDS)
        await pipe.execute()
    return token


async def load_error_sheet(redis: Redis, owner: uuid.UUID, token: str) -> bytes:
    stored = await redis.hgetall(_ERROR_SHEET_KEY.format(token=token))  # type: ignore[misc]
    if not stored or stored.get(b"owner", b"").decode() != str(owner):
        raise NotFound("This error sheet does not exist or has expired.")
    data: bytes = stored[b"data"]
    return data


async def run_import(
    session: AsyncSession,
    redis: Redis,
    actor: Principal,
    *,
    kind: str,
    mode: ImportMode,
    filename: str | None,
    content: bytes,
    ip: str | None,
) -> ImportReport:
    importer = importer_for(kind, actor)
    sheet = await asyncio.to_thread(read_sheet, filename, content)
    rows, missing = _rows_of(kind, sheet)
    problems: list[ImportProblem] = [
        ImportProblem(row=1, column=name, message=f"The column {name!r} is missing.") for name in missing
    ]
    if (
        kind == "students"
        and not missing
        and not ({"username", "email"} & set(map(lambda h: canonical(kind, h), sheet.headers)))
    ):
        problems.append(ImportProblem(row=1, column="username", message="Add a 'username' or an 'email' column."))

    created = updated = unchanged = 0
    credentials: list[CreatedCredential] = []
    error_sheet_url = None
    if problems:  # the header is wrong: no row can be read
        for row in rows:
            row.status = "invalid"
        valid_rows: list[Row] = []
    else:
        for row in rows:
            importer.check(row)
        for column, key in importer.duplicate_keys():
            _flag_duplicates(rows, column, key)
        await importer.plan(session, [row for row in rows if row.valid])
        for row in rows:
            if not row.valid:
                row.status = "invalid"
        valid_rows = [row for row in rows if row.valid]
        invalid_rows = [row for row in rows if not row.valid]
        write = valid_rows and (mode == "valid_only" or (mode == "all_or_nothing" and not invalid_rows))
        if mode == "validate" or write:
            created = len([row for row in valid_rows if row.status == "new"])
            updated = len([row for row in valid_rows if row.status == "update"])
            unchanged = len([row for row in valid_rows if row.status == "unchanged"])
        if write:
            credentials = await importer.apply(session, valid_rows)
            await _audit(session, importer, actor, ip, valid_rows, kind, mode, filename, (created, updated, unchanged))
        if invalid_rows and mode != "all_or_nothing":
            columns = [column.name for column in COLUMNS[kind]]
            sheet_rows = [
                (row.number, row.values, "; ".join(f"{c}: {m}" if c else m for c, m in row.problems))
                for row in invalid_rows
            ]
            content_bytes = await asyncio.to_thread(error_sheet, columns, sheet_rows)
            token = await _store_error_sheet(redis, actor.user_id, content_bytes)
            error_sheet_url = ERROR_SHEET_PATH.format(token=token)
        problems.extend(ImportProblem(row=row.number, column=c, message=m) for row in rows for c, m in row.problems)

    return ImportReport(
        kind=kind,
        mode=mode,
        rows_total=len(rows),
        rows_valid=len(valid_rows),
        rows_invalid=len(rows) - len(valid_rows),
        created=created,
        updated=updated,
        unchanged=unchanged,
        problems=problems,
        preview=[PreviewRow(row=row.number, values=row.values, status=row.status) for row in rows[:PREVIEW_ROWS]],
        error_sheet_url=error_sheet_url,
        created_credentials=credentials,
    )


async def _audit(
    session: AsyncSession,
    importer: Importer,
    actor: Principal,
    ip: str | None,
    rows: list[Row],
    kind: str,
    mode: str,
    filename: str | None,
    counts: tuple[int, int, int],
) -> None:
    if not importer.audited:
        return
    actor_name, actor_email = await actor_snapshot(session, actor)
    who = {"actor_user_id": actor.user_id, "actor_name": actor_name, "actor_email": actor_email}
    entries = _audit_rows(who, ip, importer.entity_type, [r for r in rows if r.status == "new"], created=True)
    entries += _audit_rows(who, ip, importer.entity_type, [r for r in rows if r.status == "update"], created=False)
    created, updated, unchanged = counts
    entries.append(
        {
            "id": uuid.uuid4(),
            **who,
            "action": "bulk_import",
            "entity_type": kind,
            "entity_id": None,
            "before": None,
            "after": {
                "file": filename,
                "mode": mode,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
            },
            "ip": ip,
        }
    )
    await _bulk_insert(session, AuditLogEntry, entries)


def _audit_rows(
    actor: dict[str, Any], ip: str | None, entity_type: str, rows: Sequence[Row], *, created: bool
) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            **actor,
            "action": f"{entity_type}.{'create' if created else 'update'}",
            "entity_type": entity_type,
            "entity_id": row.target["entity_id"],
            "before": None if created else row.target["before"],
            "after": row.target["after"],
            "ip": ip,
        }
        for row in rows
    ]
