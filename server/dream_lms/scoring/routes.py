"""Checking answers to an activity on the server: the score that counts, from the same rules as the PWA's."""

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from dream_lms.auth.deps import CurrentUser
from dream_lms.books import service as books_service
from dream_lms.core.deps import SessionDep
from dream_lms.core.envelope import Envelope, ErrorDetail
from dream_lms.core.errors import InvalidInput, Unprocessable
from dream_lms.core.ratelimit import RateCategory, rate_category
from dream_lms.core.schemas import InputModel
from dream_lms.scoring.errors import ActivityConfigInvalid, AnswersInvalid
from dream_lms.scoring.score import score_activity

router = APIRouter(prefix="/activities", tags=["activities"])


class CheckRequest(InputModel):
    # The answers format of sync-protocol/vectors/scoring/README.md; the scorer checks the shape.
    answers: dict[str, Any] = Field(max_length=10)


class CheckedItem(BaseModel):
    index: int  # zone, sentence, question, option or word index, depending on the activity type
    correct: bool


class CheckResult(BaseModel):
    score: int  # 0..100
    correct: int
    total: int
    items: list[CheckedItem]


@router.post(
    "/{activity_id}/check",
    response_model=Envelope[CheckResult],
    # Nothing is saved: counted like a read.
    openapi_extra=rate_category(RateCategory.READ),
)
async def check_activity(
    activity_id: uuid.UUID, body: CheckRequest, principal: CurrentUser, session: SessionDep
) -> Envelope[CheckResult]:
    """Score answers to an activity the caller can see, without saving anything (teacher preview, self-check)."""
    activity, _ = await books_service.get_activity(session, principal, activity_id)
    try:
        result = score_activity(activity.activity_type.value, activity.config, body.answers)
    except AnswersInvalid as exc:
        raise InvalidInput(
            "The answers do not fit this activity.", [ErrorDetail(field=exc.field or None, message=exc.message)]
        ) from exc
    except ActivityConfigInvalid as exc:
        raise Unprocessable(
            "This activity cannot be scored.", [ErrorDetail(field=exc.field or None, message=exc.message)]
        ) from exc
    return Envelope(
        data=CheckResult(
            score=result.score,
            correct=result.correct,
            total=result.total,
            items=[CheckedItem(index=item.index, correct=item.correct) for item in result.items],
        )
    )
