"""Reading a book's config.json into the books and activities we store: pure, no I/O.

Books in the wild are messy, so parsing never fails on one bad activity or page: it imports what is valid
and reports every skipped item with its location and the reason. Only a config that cannot be read at all
(not JSON, no `books[0]`) rejects the whole book.
"""

import copy
import hashlib
import json
import uuid
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel

from dream_lms.books.models import ActivityType
from dream_lms.books.paths import UnsafePath, book_relative_key, is_asset_key
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, score_activity

_SECTION_MEDIA_KEYS = ("audio_path", "video_path")
# ISO 639-1 codes for the language names the authoring tool writes; other values are kept as written.
_LANGUAGE_CODES = {
    "english": "en",
    "en": "en",
    "deutsch": "de",
    "german": "de",
    "de": "de",
    "türkçe": "tr",
    "turkish": "tr",
    "tr": "tr",
    "français": "fr",
    "french": "fr",
    "fr": "fr",
    "español": "es",
    "spanish": "es",
    "es": "es",
}
_TITLE_LENGTH = 300
_NAME_LENGTH = 200
_LANGUAGE_LENGTH = 50


class BookRejected(ValueError):
    """The whole book cannot be imported (the reason goes into the sync summary)."""


class SkippedItem(BaseModel):
    """Something the sync left out: a book (no module/page/section), a page, or one activity."""

    book: str
    module: str | None = None
    page: int | None = None
    section: int | None = None
    reason: str


class ParsedActivity(BaseModel):
    location_key: str
    module_name: str
    page_number: int
    section_index: int
    order_index: int
    activity_type: ActivityType
    title: str | None
    header_text: str | None
    # The activity object with every file path rewritten to its key inside the book's folder.
    config: dict[str, Any]
    content_hash: str


class Coords(BaseModel):
    """A rectangle in page-image pixels."""

    x: float
    y: float
    w: float
    h: float


class PageAudio(BaseModel):
    section_index: int
    title: str | None
    audio_key: str
    coords: Coords | None


class PageMarker(BaseModel):
    """Where an activity's button sits on its page. `activity_id` is filled in once the activity row exists."""

    location_key: str
    activity_id: uuid.UUID | None = None
    section_index: int
    activity_type: ActivityType
    title: str | None
    coords: Coords | None


class BookPage(BaseModel):
    page_number: int
    image_key: str | None
    audio: list[PageAudio]
    markers: list[PageMarker]


class BookModule(BaseModel):
    name: str
    pages: list[BookPage]


class BookStructure(BaseModel):
    """What the book viewer needs: modules, their pages (image, page audio, activity markers). Stored in
    `books.structure` with file keys; the API signs them."""

    modules: list[BookModule]


class ParsedBook(BaseModel):
    storage_id: str
    title: str
    publisher_name: str | None
    language: str | None
    cover_key: str | None
    activities: list[ParsedActivity]
    skipped: list[SkippedItem]
    # Locations of activities that were skipped: their stored rows are kept as they are, not archived.
    skipped_location_keys: set[str]
    structure: BookStructure


def location_key(module_index: int, page_number: int, section_index: int) -> str:
    return f"{module_index}/{page_number}/{section_index}"


def normalize_language(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip()
    return _LANGUAGE_CODES.get(name.lower(), name[:_LANGUAGE_LENGTH])


def parse_book_config(storage_id: str, raw: bytes, existing_keys: Collection[str]) -> ParsedBook:
    """Parse `books/<storage_id>/config.json`; `existing_keys` are the book-relative keys present in storage."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BookRejected(f"config.json is not valid JSON: {exc}") from exc
    if not isinstance(document, Mapping):
        raise BookRejected("config.json is not a JSON object")
    books = document.get("books")
    if not isinstance(books, list) or not books or not isinstance(books[0], Mapping):
        raise BookRejected("config.json has no `books[0]` object")
    book = books[0]
    parser = _BookParser(storage_id, set(existing_keys))
    cover_key = parser.optional_asset(document.get("book_cover"), "the cover")
    parser.parse_modules(book.get("modules"))
    return ParsedBook(
        storage_id=storage_id,
        title=_text(document.get("book_title")) or _text(book.get("name")) or storage_id,
        publisher_name=_text(document.get("publisher_name"), _NAME_LENGTH),
        language=normalize_language(document.get("language")),
        cover_key=cover_key,
        activities=parser.activities,
        skipped=parser.skipped,
        skipped_location_keys=parser.skipped_location_keys,
        structure=BookStructure(modules=parser.modules),
    )


def _text(value: object, limit: int = _TITLE_LENGTH) -> str | None:
    return (value.strip()[:limit] or None) if isinstance(value, str) else None


def _coords(value: object) -> Coords | None:
    """A `{x, y, w, h}` rectangle of non-negative numbers (w and h positive), or None."""
    if not isinstance(value, Mapping):
        return None
    numbers = [value.get(name) for name in ("x", "y", "w", "h")]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) and n >= 0 for n in numbers):
        return None
    x, y, w, h = (float(n) for n in numbers)  # type: ignore[arg-type]
    return Coords(x=x, y=y, w=w, h=h) if w > 0 and h > 0 else None


class _BookParser:
    def __init__(self, storage_id: str, existing_keys: set[str]) -> None:
        self.storage_id = storage_id
        self.existing_keys = existing_keys
        self.activities: list[ParsedActivity] = []
        self.skipped: list[SkippedItem] = []
        self.skipped_location_keys: set[str] = set()
        self.modules: list[BookModule] = []

    def skip(self, reason: str, module: str | None = None, page: int | None = None, section: int | None = None) -> None:
        self.skipped.append(SkippedItem(book=self.storage_id, module=module, page=page, section=section, reason=reason))

    def optional_asset(
        self,
        path: object,
        what: str,
        module: str | None = None,
        page: int | None = None,
        section: int | None = None,
    ) -> str | None:
        """The file's key, or None (reported) when the path is unsafe or the file is missing."""
        if path is None:
            return None
        try:
            key = book_relative_key(self.storage_id, path)
        except UnsafePath as exc:
            self.skip(f"{what}: {exc}", module, page, section)
            return None
        if key not in self.existing_keys:
            self.skip(f"{what}: file {key!r} is missing", module, page, section)
            return None
        return key

    def parse_modules(self, modules: object) -> None:
        if not isinstance(modules, list):
            self.skip("the book has no `modules` list")
            return
        for module_index, module in enumerate(modules):
            if not isinstance(module, Mapping):
                self.skip(f"module {module_index} is not an object")
                continue
            module_name = _text(module.get("name"), _NAME_LENGTH) or f"Module {module_index + 1}"
            self.modules.append(BookModule(name=module_name, pages=[]))
            self._parse_pages(module_index, module_name, module.get("pages"))

    def _parse_pages(self, module_index: int, module_name: str, pages: object) -> None:
        if not isinstance(pages, list):
            self.skip("the module has no `pages` list", module_name)
            return
        module_pages = self.modules[-1].pages
        seen_pages: set[int] = set()
        for page in pages:
            number = page.get("page_number") if isinstance(page, Mapping) else None
            if not isinstance(page, Mapping) or not isinstance(number, int) or isinstance(number, bool) or number < 0:
                self.skip("a page without a valid `page_number`", module_name)
                continue
            if number in seen_pages:
                self.skip("a second page with this `page_number`", module_name, number)
                continue
            seen_pages.add(number)
            image_key = self.optional_asset(page.get("image_path"), "the page image", module_name, number)
            book_page = BookPage(page_number=number, image_key=image_key, audio=[], markers=[])
            module_pages.append(book_page)
            sections = page.get("sections")
            for section_index, section in enumerate(sections if isinstance(sections, list) else []):
                if not isinstance(section, Mapping):
                    continue
                if isinstance(section.get("activity"), Mapping):
                    marker = self._parse_activity(module_index, module_name, number, section_index, section)
                    if marker is not None:
                        book_page.markers.append(marker)
                elif section.get("audio_path") is not None:
                    self._page_audio(book_page, module_name, section_index, section)

    def _page_audio(self, page: BookPage, module_name: str, section_index: int, section: Mapping[str, Any]) -> None:
        """A section that only plays audio (a listening text): a play button on the page."""
        audio_key = self.optional_asset(
            section.get("audio_path"), "the page audio", module_name, page.page_number, section_index
        )
        if audio_key is not None:
            page.audio.append(
                PageAudio(
                    section_index=section_index,
                    title=_text(section.get("title")),
                    audio_key=audio_key,
                    coords=_coords(section.get("coords")),
                )
            )

    def _parse_activity(
        self, module_index: int, module_name: str, page_number: int, section_index: int, section: Mapping[str, Any]
    ) -> PageMarker | None:
        """Store the activity; its marker on the page, or None when the activity is skipped."""
        key = location_key(module_index, page_number, section_index)
        try:
            activity_type, config = self._activity_config(section)
        except ValueError as exc:
            self.skipped_location_keys.add(key)
            self.skip(str(exc), module_name, page_number, section_index)
            return None
        title = _text(section.get("title"))
        header_text = _text(config.get("headerText"), 10_000)
        stored = {
            "module_name": module_name,
            "page_number": page_number,
            "section_index": section_index,
            "order_index": len(self.activities),
            "activity_type": activity_type.value,
            "title": title,
            "header_text": header_text,
            "config": config,
        }
        content_hash = hashlib.sha256(json.dumps(stored, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        self.activities.append(
            ParsedActivity.model_validate(stored | {"location_key": key, "content_hash": content_hash})
        )
        return PageMarker(
            location_key=key,
            section_index=section_index,
            activity_type=activity_type,
            title=title or _text(config.get("headerText")),
            # The activity's button; older books only place the whole section.
            coords=_coords(config.get("coords")) or _coords(section.get("coords")),
        )

    def _activity_config(self, section: Mapping[str, Any]) -> tuple[ActivityType, dict[str, Any]]:
        """The activity's type and its config with safe, existing file keys; ValueError says why not."""
        config: dict[str, Any] = copy.deepcopy(dict(section["activity"]))
        raw_type = config.get("type")
        try:
            activity_type = ActivityType(str(raw_type))
        except ValueError:
            raise ValueError(f"unknown activity type {raw_type!r}") from None
        # Media of the enclosing section belongs to the activity (the player plays it with the exercise).
        for media_key in _SECTION_MEDIA_KEYS:
            if media_key not in config and isinstance(section.get(media_key), str):
                config[media_key] = section[media_key]
        self._rewrite_asset_paths(config)
        try:
            score_activity(activity_type.value, config, {})
        except ActivityConfigInvalid as exc:
            raise ValueError(f"invalid {activity_type.value} activity: {exc.message}") from None
        except AnswersInvalid:
            pass  # the config was read completely before the (empty) answers were refused: the config is valid
        return activity_type, config

    def _rewrite_asset_paths(self, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                self._rewrite_asset_paths(item)
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            if isinstance(item, str) and is_asset_key(key):
                try:
                    asset_key = book_relative_key(self.storage_id, item)
                except UnsafePath as exc:
                    raise ValueError(f"{key}: {exc}") from None
                if asset_key not in self.existing_keys:
                    raise ValueError(f"{key}: file {asset_key!r} is missing")
                value[key] = asset_key
            else:
                self._rewrite_asset_paths(item)
