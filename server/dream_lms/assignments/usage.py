"""Which book activities assignments use: how the catalogue sync (dream_lms.books.sync) learns that an activity gone
from its book must be archived rather than deleted (the one way books reaches into assignments)."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentActivity


async def assigned_activity_ids(session: AsyncSession, activity_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Those of these activities that some assignment uses."""
    return set(
        await session.scalars(
            select(col(AssignmentActivity.activity_id))
            .where(col(AssignmentActivity.activity_id).in_(activity_ids))
            .distinct()
        )
    )
