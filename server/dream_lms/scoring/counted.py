"""Which score counts: an attempt's score from its activities, the attempt that counts for a student's assignment,
and the time limit's deadline for answers (docs/scoring.md).

Every place that shows or aggregates a score calls these; pwa/src/shared/scoring/counted.ts is the TypeScript twin,
and both run sync-protocol/vectors/results/.
"""

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

SUBMITTED = "submitted"


class CountableAttempt(Protocol):
    """What choosing the counted attempt reads of an attempt (an `Attempt` row has it)."""

    @property
    def attempt_number(self) -> int: ...

    @property
    def status(self) -> str: ...

    @property
    def score(self) -> int | None: ...


AttemptT = TypeVar("AttemptT", bound=CountableAttempt)


def round_half_up(numerator: int, denominator: int) -> int:
    """floor(numerator / denominator + 1/2) for a positive denominator, in integers so every language agrees."""
    return (2 * numerator + denominator) // (2 * denominator)


def attempt_score(activity_scores: Sequence[int | None]) -> int:
    """An attempt's score: the mean of its activities' scores, every activity weighing the same whatever its number
    of items, round half up. None is an activity that earns 0 (not answered, answered after the time limit, or not
    scorable). An attempt of no activities scores 0."""
    if not activity_scores:
        return 0
    return round_half_up(sum(score or 0 for score in activity_scores), len(activity_scores))


def counted_attempt(attempts: Iterable[AttemptT]) -> AttemptT | None:
    """The attempt whose score is the student's assignment score: the highest server score among the submitted
    attempts (Moodle's "highest grade"); of equal scores the earliest attempt. A submitted attempt the server has
    not scored yet, and an attempt in progress, do not count; None when no attempt counts."""
    best: AttemptT | None = None
    for attempt in attempts:
        if attempt.status != SUBMITTED or attempt.score is None:
            continue
        if best is None or (attempt.score, -attempt.attempt_number) > (best.score or 0, -best.attempt_number):
            best = attempt
    return best


def counted_score(attempts: Iterable[CountableAttempt]) -> int | None:
    """The student's assignment score: the counted attempt's score, None when no attempt counts."""
    attempt = counted_attempt(attempts)
    return attempt.score if attempt is not None else None


def answers_deadline_ms(started_at_ms: int, time_limit_minutes: int | None, grace_ms: int) -> int | None:
    """When a time-limited attempt's answers stop counting (server clock): start + limit + grace; None without a
    limit. An answer last changed at the deadline itself still counts, one changed a millisecond later scores 0."""
    if time_limit_minutes is None:
        return None
    return started_at_ms + time_limit_minutes * 60_000 + grace_ms


def answer_counts(answered_at_ms: int, deadline_ms: int | None) -> bool:
    """Whether an answer last changed at `answered_at_ms` counts under the attempt's deadline."""
    return deadline_ms is None or answered_at_ms <= deadline_ms
