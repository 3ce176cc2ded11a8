"""Errors raised by the scorer: every one carries a stable `code` shared with the TypeScript scorer."""


class ScoringError(ValueError):
    """Base of the scorer's errors. `field` is a JSON pointer into the answers (or the config)."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class AnswersInvalid(ScoringError):
    """The answers do not fit the answers format or point outside the activity: rejected, never scored."""


class ActivityConfigInvalid(ScoringError):
    """The activity (from the book's config.json) cannot be scored: unknown type, missing or mistyped keys."""


class WordsNotPlaced(ActivityConfigInvalid):
    """Some word-search words fit nowhere in the grid; they are reported instead of silently dropped."""

    def __init__(self, words: list[str]) -> None:
        super().__init__("words_not_placeable", f"words that fit nowhere in the grid: {words}", "/words")
        self.words = words


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) to the given path."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)
