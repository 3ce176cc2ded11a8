"""Parsing config.json and checking paths: pure functions, no storage."""

import io
import json
from typing import Any

import pytest
from PIL import Image

from dream_lms.books.models import ActivityType
from dream_lms.books.parsing import BookRejected, normalize_language, parse_book_config
from dream_lms.books.paths import UnsafePath, book_relative_key, is_valid_storage_id
from dream_lms.books.samples import BookFiles

BOOK = "B1"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("./books/B1/images/M1/1.png", "images/M1/1.png"),
        ("books/B1/audio/a.mp3", "audio/a.mp3"),
        ("images/cover.png", "images/cover.png"),
    ],
)
def test_book_paths_become_keys_inside_the_book(path: str, key: str) -> None:
    assert book_relative_key(BOOK, path) == key


@pytest.mark.parametrize(
    "path",
    [
        "./books/B1/../B2/config.json",
        "./books/B2/images/a.png",
        "../secret",
        "/etc/passwd",
        "./books/B1/images/../../../x",
        "images//a.png",
        "C:/windows/a.png",
        "images\\..\\a.png",
        "",
        None,
        42,
    ],
)
def test_paths_that_escape_the_book_are_refused(path: object) -> None:
    with pytest.raises(UnsafePath):
        book_relative_key(BOOK, path)


@pytest.mark.parametrize("name", ["..", "a/b", "", ".hidden", "x" * 201, "a..b"])
def test_unsafe_storage_ids_are_refused(name: str) -> None:
    assert not is_valid_storage_id(name)


def test_languages_are_normalized_to_codes_when_known() -> None:
    assert [normalize_language(v) for v in ("English", "Deutsch", "de", " Klingon ", "", None)] == [
        "en",
        "de",
        "de",
        "Klingon",
        None,
        None,
    ]


def _config(*sections: dict[str, Any]) -> bytes:
    page = {"page_number": 3, "image_path": "./books/B1/images/M1/3.png", "sections": list(sections)}
    return json.dumps({"books": [{"modules": [{"name": "Module 1", "pages": [page]}]}]}).encode()


FILES = {"images/M1/3.png", "images/M1/p3s1.png"}
GOOD = {
    "type": "fillpicture",
    "section_path": "./books/B1/images/M1/p3s1.png",
    "answer": [{"coords": {"x": 1, "y": 2, "w": 3, "h": 4}, "text": "cat"}],
}


def test_broken_activities_are_skipped_with_their_location_and_the_rest_imported() -> None:
    raw = _config(
        {"activity": GOOD, "audio_path": "./books/B1/images/M1/3.png"},
        {"activity": GOOD | {"type": "crossword"}},
        {"activity": GOOD | {"section_path": "./books/B1/../B2/x.png"}},
        {"activity": GOOD | {"section_path": "./books/B1/images/M1/missing.png"}},
        {"activity": GOOD | {"answer": "not a list"}},
        {"type": "audio", "audio_path": "./books/B1/audio/x.mp3"},
    )
    parsed = parse_book_config(BOOK, raw, FILES)
    assert [a.location_key for a in parsed.activities] == ["0/3/0"]
    activity = parsed.activities[0]
    assert activity.activity_type == ActivityType.FILL_PICTURE
    # Paths are stored as keys inside the book; the section's audio belongs to the activity.
    assert activity.config["section_path"] == "images/M1/p3s1.png"
    assert activity.config["audio_path"] == "images/M1/3.png"
    reasons = {(s.module, s.page, s.section): s.reason for s in parsed.skipped}
    assert set(reasons) == {
        ("Module 1", 3, 1),
        ("Module 1", 3, 2),
        ("Module 1", 3, 3),
        ("Module 1", 3, 4),
        ("Module 1", 3, 5),
    }
    assert "unknown activity type 'crossword'" in reasons[("Module 1", 3, 1)]
    assert "escapes" in reasons[("Module 1", 3, 2)]
    assert "missing.png" in reasons[("Module 1", 3, 3)] and "missing" in reasons[("Module 1", 3, 3)]
    assert "invalid fillpicture activity" in reasons[("Module 1", 3, 4)]
    assert reasons[("Module 1", 3, 5)] == "the page audio: file 'audio/x.mp3' is missing"
    assert parsed.skipped_location_keys == {"0/3/1", "0/3/2", "0/3/3", "0/3/4"}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b'{"books": []}', "books[0]"),
        (b'{"book_title": "x"}', "books[0]"),
    ],
)
def test_unreadable_configs_reject_the_whole_book(raw: bytes, reason: str) -> None:
    with pytest.raises(BookRejected, match=reason.replace("[", r"\[").replace("]", r"\]")):
        parse_book_config(BOOK, raw, FILES)


def test_the_structure_holds_pages_their_audio_and_markers_of_valid_activities() -> None:
    files = FILES | {"audio/intro.mp3", "images/M1/4.png"}
    button = {"x": 500, "y": 40, "w": 60, "h": 30}
    section_box = {"x": 10, "y": 20, "w": 300, "h": 100}
    first = {
        "page_number": 3,
        "image_path": "./books/B1/images/M1/3.png",
        "sections": [
            {"type": "audio", "title": "Listen.", "audio_path": "./books/B1/audio/intro.mp3", "coords": section_box},
            {"title": "Write the words.", "coords": section_box, "activity": GOOD | {"coords": button}},
            {"activity": GOOD | {"type": "crossword"}},  # skipped: no marker
            {"coords": section_box, "activity": GOOD | {"headerText": "Write.", "coords": {"x": -1}}},
            {"type": "fill", "coords": section_box},  # neither audio nor activity
        ],
    }
    second = {"page_number": 4, "image_path": "./books/B1/images/M1/4.png", "sections": []}
    modules = [{"name": "Module 1", "pages": [first]}, {"name": "Module 2", "pages": [second, {"page_number": 5}]}]
    parsed = parse_book_config(BOOK, json.dumps({"books": [{"modules": modules}]}).encode(), files)

    structure = parsed.structure.model_dump(mode="json")
    assert [m["name"] for m in structure["modules"]] == ["Module 1", "Module 2"]
    assert [[p["page_number"] for p in m["pages"]] for m in structure["modules"]] == [[3], [4, 5]]
    page = structure["modules"][0]["pages"][0]
    assert page["image_key"] == "images/M1/3.png"
    assert page["audio"] == [
        {"section_index": 0, "title": "Listen.", "audio_key": "audio/intro.mp3", "coords": _floats(section_box)}
    ]
    assert page["markers"] == [
        {
            "location_key": "0/3/1",
            "activity_id": None,
            "section_index": 1,
            "activity_type": "fillpicture",
            "title": "Write the words.",
            "coords": _floats(button),
        },
        # Invalid button coords fall back to the section's; no title falls back to the instruction.
        {
            "location_key": "0/3/3",
            "activity_id": None,
            "section_index": 3,
            "activity_type": "fillpicture",
            "title": "Write.",
            "coords": _floats(section_box),
        },
    ]
    assert structure["modules"][1]["pages"][1]["image_key"] is None


def _floats(box: dict[str, int]) -> dict[str, float]:
    return {name: float(value) for name, value in box.items()}


def test_a_duplicate_page_number_is_skipped_not_merged() -> None:
    page = {"page_number": 3, "sections": [{"activity": GOOD}]}
    raw = json.dumps({"books": [{"modules": [{"name": "M", "pages": [page, page]}]}]}).encode()
    parsed = parse_book_config(BOOK, raw, FILES)
    assert len(parsed.activities) == 1
    assert [(s.page, s.reason) for s in parsed.skipped] == [(3, "a second page with this `page_number`")]


def test_the_content_hash_changes_with_content_and_not_otherwise() -> None:
    first = parse_book_config(BOOK, _config({"activity": GOOD}), FILES).activities[0]
    again = parse_book_config(BOOK, _config({"activity": GOOD}), FILES).activities[0]
    fixed = parse_book_config(BOOK, _config({"activity": GOOD | {"headerText": "Write."}}), FILES).activities[0]
    assert first.content_hash == again.content_hash != fixed.content_hash


def test_the_samples_hold_every_type_twice_and_the_awkward_cases(samples: dict[str, BookFiles]) -> None:
    activities = [
        activity
        for storage_id, files in samples.items()
        for activity in parse_book_config(storage_id, files["config.json"], files.keys()).activities
    ]
    by_type = {t: [a.config for a in activities if a.activity_type == t] for t in ActivityType}
    assert all(len(configs) >= 2 for configs in by_type.values()), {t: len(c) for t, c in by_type.items()}
    assert any("circleCount" not in c for c in by_type[ActivityType.CIRCLE])
    assert any(c.get("circleCount") == -1 for c in by_type[ActivityType.CIRCLE])
    assert any(c.get("markCount") == 3 for c in by_type[ActivityType.MARK_WITH_X])
    # A word expected by two zones appears once in the pool.
    assert any(
        len(c["words"]) < len({a["text"] for a in c["answer"]}) + 1 and len(c["answer"]) > len(c["words"])
        for c in by_type[ActivityType.DRAG_DROP_PICTURE]
    )
    languages = {parse_book_config(s, f["config.json"], f.keys()).language for s, f in samples.items()}
    assert languages == {"en", "de"}


def test_every_sample_answer_zone_is_drawn_where_its_coords_say(samples: dict[str, BookFiles]) -> None:
    zone_colour = (0xE8, 0x59, 0x0C)
    checked = 0
    for storage_id, files in samples.items():
        for activity in parse_book_config(storage_id, files["config.json"], files.keys()).activities:
            if "section_path" not in activity.config or "answer" not in activity.config:
                continue
            image = Image.open(io.BytesIO(files[activity.config["section_path"]])).convert("RGB")
            for answer in activity.config["answer"]:
                box = answer["coords"]
                left_edge_middle = (box["x"] + 1, box["y"] + box["h"] // 2)
                assert image.getpixel(left_edge_middle) == zone_colour, (storage_id, activity.location_key, box)
                checked += 1
    assert checked > 30
