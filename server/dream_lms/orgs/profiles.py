"""Which organisation rows a user is: the profile lookup of sign-in (auth's `ProfileLookup`, wired by the app)."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.auth.service import ProfileIds
from dream_lms.orgs.models import Publisher, School, Student, Teacher


async def profile_ids(session: AsyncSession, user_id: uuid.UUID, role: UserRole) -> ProfileIds:
    """The ids of a user's publisher/teacher/student row, its school and its publisher (None where the role has none):
    auth's `ProfileLookup`."""
    profile_id = school_id = publisher_id = None
    if role == UserRole.PUBLISHER:
        profile_id = await session.scalar(select(col(Publisher.id)).where(col(Publisher.user_id) == user_id))
        publisher_id = profile_id
    elif role in (UserRole.TEACHER, UserRole.STUDENT):
        profile = Teacher if role == UserRole.TEACHER else Student
        row = (
            await session.execute(
                select(col(profile.id), col(profile.school_id), col(School.publisher_id))
                .join(School, col(School.id) == col(profile.school_id), isouter=True)
                .where(col(profile.user_id) == user_id)
            )
        ).first()
        if row is not None:
            profile_id, school_id, publisher_id = row
    return profile_id, school_id, publisher_id
