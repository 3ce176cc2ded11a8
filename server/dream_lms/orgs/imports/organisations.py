"""Admins import publishers and schools: rows match existing ones by name (a school within its publisher)."""

import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.orgs.imports.rows import (
    Importer,
    Row,
    _as_uuid,
    _before_after,
    _bulk_insert,
    _bulk_update,
    _changes,
    _email,
    _lower_in,
    _text,
    _users_by_login,
)
from dream_lms.orgs.imports.schemas import CreatedCredential
from dream_lms.orgs.models import Publisher, School
from dream_lms.users.friendly_passwords import UNUSABLE_PASSWORD_HASH


class PublisherImporter(Importer):
    kind = "publishers"
    entity_type = "publisher"

    def check(self, row: Row) -> None:
        name = _text(row, "name", 200, required=True)
        row.parsed.update(
            name=name,
            name_key=name.lower() if name else None,
            contact_email=_email(row, "contact_email"),
            login_email=_email(row, "login_email", required=True),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("name", "name_key"), ("login_email", "login_email")]

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        names = {row.parsed["name"] for row in rows}
        found = await session.execute(
            select(Publisher, User)
            .join(User, col(User.id) == col(Publisher.user_id))
            .where(_lower_in(col(Publisher.name), names))
        )
        publishers = {publisher.name.lower(): (publisher, user) for publisher, user in found.all()}
        by_email, _ = await _users_by_login(session, {row.parsed["login_email"] for row in rows}, set())
        for row in rows:
            parsed = row.parsed
            existing = publishers.get(parsed["name_key"])
            if existing is None:
                if parsed["login_email"] in by_email:
                    row.problem("login_email", "This email is already used by another account.")
                    continue
                row.status = "new"
                continue
            publisher, user = existing
            if (user.email or "") != parsed["login_email"]:
                row.problem("login_email", "This publisher already exists and signs in with another email.")
                continue
            current = {"contact_email": publisher.contact_email}
            changes = _changes(current, {"contact_email": parsed["contact_email"]})
            before, after = _before_after(current, changes)
            row.target = {"entity_id": publisher.id, "changes": changes, "before": before, "after": after}
            row.status = "update" if changes else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        users, publishers = [], []
        for row in rows:
            if row.status != "new":
                continue
            user_id, publisher_id = uuid.uuid4(), uuid.uuid4()
            parsed = row.parsed
            users.append(
                {
                    "id": user_id,
                    "role": UserRole.PUBLISHER,
                    "full_name": parsed["name"],
                    "email": parsed["login_email"],
                    "password_hash": UNUSABLE_PASSWORD_HASH,
                }
            )
            publishers.append(
                {
                    "id": publisher_id,
                    "user_id": user_id,
                    "name": parsed["name"],
                    "contact_email": parsed["contact_email"],
                }
            )
            row.target = {
                "entity_id": publisher_id,
                "after": {
                    "name": parsed["name"],
                    "contact_email": parsed["contact_email"],
                    "email": parsed["login_email"],
                },
            }
        await _bulk_insert(session, User, users)
        await _bulk_insert(session, Publisher, publishers)
        await _bulk_update(
            session,
            Publisher,
            [{"id": row.target["entity_id"], **row.target["changes"]} for row in rows if row.status == "update"],
        )
        return []


class SchoolImporter(Importer):
    kind = "schools"
    entity_type = "school"

    def check(self, row: Row) -> None:
        publisher = _text(row, "publisher", 200, required=True)
        name = _text(row, "name", 200, required=True)
        row.parsed.update(
            publisher=publisher,
            name=name,
            key=(publisher.lower(), name.lower()) if publisher and name else None,
            address=_text(row, "address", 1000),
            contact_email=_email(row, "contact_email"),
        )

    def duplicate_keys(self) -> list[tuple[str, str]]:
        return [("name", "key")]

    async def plan(self, session: AsyncSession, rows: list[Row]) -> None:
        names = {row.parsed["publisher"] for row in rows}
        ids = {publisher_id for name in names if (publisher_id := _as_uuid(name))}
        condition = _lower_in(col(Publisher.name), names)
        if ids:
            condition = or_(condition, col(Publisher.id).in_(ids))
        publishers = list(await session.scalars(select(Publisher).where(condition)))
        by_key = {publisher.name.lower(): publisher for publisher in publishers} | {
            str(publisher.id): publisher for publisher in publishers
        }
        schools: dict[tuple[uuid.UUID, str], School] = {}
        if publishers:
            found = await session.scalars(
                select(School).where(col(School.publisher_id).in_([publisher.id for publisher in publishers]))
            )
            schools = {(school.publisher_id, school.name.lower()): school for school in found}
        for row in rows:
            parsed = row.parsed
            publisher = by_key.get(parsed["publisher"].lower())
            if publisher is None:
                row.problem("publisher", f"No publisher named {parsed['publisher']!r}.")
                continue
            school = schools.get((publisher.id, parsed["name"].lower()))
            if school is None:
                row.status = "new"
                row.target = {"publisher_id": publisher.id}
                continue
            current = {"address": school.address, "contact_email": school.contact_email}
            changes = _changes(current, {"address": parsed["address"], "contact_email": parsed["contact_email"]})
            before, after = _before_after(current, changes)
            row.target = {"entity_id": school.id, "changes": changes, "before": before, "after": after}
            row.status = "update" if changes else "unchanged"

    async def apply(self, session: AsyncSession, rows: list[Row]) -> list[CreatedCredential]:
        schools = []
        for row in rows:
            if row.status != "new":
                continue
            parsed, school_id = row.parsed, uuid.uuid4()
            values = {
                "publisher_id": row.target["publisher_id"],
                "name": parsed["name"],
                "address": parsed["address"],
                "contact_email": parsed["contact_email"],
            }
            schools.append({"id": school_id, **values})
            row.target = {
                "entity_id": school_id,
                "after": {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()},
            }
        await _bulk_insert(session, School, schools)
        await _bulk_update(
            session,
            School,
            [{"id": row.target["entity_id"], **row.target["changes"]} for row in rows if row.status == "update"],
        )
        return []
