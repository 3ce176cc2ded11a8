"""The book vectors shared with the PWA (sync-protocol/vectors/books/): the one list of activity types every enum
checks against, and how a config.json path becomes a book-relative key. The PWA runs the same files
(pwa/src/shared/sync-engine/book-vectors.test.ts)."""

import json
from pathlib import Path
from typing import Any

import pytest

from dream_lms.books.models import ActivityType
from dream_lms.books.paths import UnsafePath, book_relative_key
from dream_lms.scoring import ACTIVITY_TYPES

PROTOCOL = Path(__file__).resolve().parents[2] / "sync-protocol"
VECTORS = PROTOCOL / "vectors" / "books"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return data


def test_every_vector_file_is_run() -> None:
    assert {path.name for path in VECTORS.glob("*.json")} == {"activity_types.json", "asset_paths.json"}


def test_every_list_of_activity_types_is_the_shared_one() -> None:
    shared = _load("activity_types.json")["activity_types"]
    assert [member.value for member in ActivityType] == shared
    assert list(ACTIVITY_TYPES) == shared
    answer_formats = json.loads((PROTOCOL / "schemas" / "answers.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert [name for name in answer_formats if name in shared] == shared
    assert {path.stem for path in (PROTOCOL / "vectors" / "scoring").glob("*.json")} == set(shared)


@pytest.mark.parametrize("case", _load("asset_paths.json")["relative"], ids=lambda case: case["name"])
def test_asset_path_to_book_relative_key(case: dict[str, Any]) -> None:
    assert book_relative_key(case["storage_id"], case["path"]) == case["expected"]


@pytest.mark.parametrize("case", _load("asset_paths.json")["unsafe"], ids=lambda case: case["name"])
def test_unsafe_asset_path_is_refused(case: dict[str, Any]) -> None:
    with pytest.raises(UnsafePath):
        book_relative_key(case["storage_id"], case["path"])
