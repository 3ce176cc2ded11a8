"""Where a book's files live in the storage bucket, and turning config.json paths into safe object keys."""

import re
from typing import Any

BOOKS_PREFIX = "books/"
CONFIG_FILE = "config.json"

# Storage ids are folder names chosen by the authoring tool; anything else (slashes, "..", control characters)
# would let a crafted name reach outside `books/`.
_STORAGE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,199}")


class UnsafePath(ValueError):
    """A path in a book that is empty, absolute, or escapes the book's folder."""


def is_asset_key(config_key: str) -> bool:
    """Whether a config.json key holds a file path (`section_path`, `audio_path`, `image_path`, `audio_extra.path`)."""
    return config_key.endswith("_path") or config_key == "path"


def config_asset_keys(value: Any) -> set[str]:
    """Every file key an (already parsed, so book-relative) activity config refers to."""
    if isinstance(value, list):
        return {key for item in value for key in config_asset_keys(item)}
    if isinstance(value, dict):
        keys: set[str] = set()
        for name, item in value.items():
            if isinstance(item, str) and is_asset_key(name):
                keys.add(item)
            else:
                keys |= config_asset_keys(item)
        return keys
    return set()


def is_valid_storage_id(storage_id: str) -> bool:
    return bool(_STORAGE_ID.fullmatch(storage_id)) and ".." not in storage_id


def book_folder(storage_id: str) -> str:
    return f"{BOOKS_PREFIX}{storage_id}/"


def object_key(storage_id: str, book_relative_key: str) -> str:
    return f"{book_folder(storage_id)}{book_relative_key}"


def book_relative_key(storage_id: str, path: object) -> str:
    """The key, relative to the book's folder, of a path written as `./books/<BOOK>/...` (or already relative).

    Raises UnsafePath for anything that is not a plain path inside the book's folder.
    """
    if not isinstance(path, str) or not path.strip():
        raise UnsafePath("the path is empty")
    relative = path.strip()
    if relative.startswith("./"):
        relative = relative[2:]
    if relative.startswith(BOOKS_PREFIX):
        own_folder = book_folder(storage_id)
        if not relative.startswith(own_folder):
            raise UnsafePath(f"{path!r} points into another book's folder")
        relative = relative[len(own_folder) :]
    if relative.startswith("/") or "\\" in relative or "\x00" in relative or ":" in relative.split("/")[0]:
        raise UnsafePath(f"{path!r} is not a relative path")
    segments = relative.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        raise UnsafePath(f"{path!r} escapes the book's folder or is malformed")
    return relative
