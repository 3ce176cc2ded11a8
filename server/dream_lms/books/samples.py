"""Two sample books (English and German) in the DCS layout, drawn on the fly with Pillow, and their upload.

They behave like real books: page images with the activity buttons where `coords` says, exercise crops whose
answer zones sit on what they label, short audio (WAV tones), and all eight activity types at least twice,
including the awkward cases (circle without a count, markwithx with markCount, multi-select -1, a group
activity, a word expected by two zones but in the pool once). Deterministic: same bytes every run.
"""

import asyncio
import functools
import io
import json
import math
import struct
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from minio import Minio
from PIL import Image, ImageDraw, ImageFont

from dream_lms.books.paths import object_key

PUBLISHER_NAME = "Dream Publishing"  # the demo publisher, so `make run` links the samples to it
PAGE_SIZE = (800, 1000)
CROP_SIZE = (640, 360)
SECTION_TOP = 120
SECTION_HEIGHT = 270
_SAMPLE_RATE = 8000

Box = dict[str, int]
BookFiles = dict[str, bytes]  # key relative to the book's folder -> bytes


def _box(x: int, y: int, w: int, h: int) -> Box:
    return {"x": x, "y": y, "w": w, "h": h}


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's built-in font has no umlauts; DejaVu (on most Linux systems) has them.
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _tone(frequency: float, seconds: float = 0.4) -> bytes:
    """A short sine tone as 8 kHz mono 16-bit WAV (browsers play WAV; no MP3 encoder is needed)."""
    frames = b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * frequency * n / _SAMPLE_RATE)))
        for n in range(int(_SAMPLE_RATE * seconds))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(_SAMPLE_RATE)
        out.writeframes(frames)
    return buffer.getvalue()


@dataclass
class _Crop:
    """An exercise image: labelled pictures and the answer zones drawn at the answers' coords."""

    title: str
    labels: list[tuple[Box, str]] = field(default_factory=list)  # pictures/option texts
    zones: list[Box] = field(default_factory=list)  # answer zones (dashed boxes)

    def render(self) -> bytes:
        image = Image.new("RGB", CROP_SIZE, "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, CROP_SIZE[0] - 1, CROP_SIZE[1] - 1), outline="#3b5bdb", width=3)
        draw.text((16, 12), self.title, fill="#1c1c1c", font=_font(22))
        for box, text in self.labels:
            draw.rounded_rectangle(_corners(box), radius=10, fill="#e7f5ff", outline="#74c0fc", width=2)
            draw.text(
                (box["x"] + box["w"] // 2, box["y"] + box["h"] // 2), text, fill="#1864ab", font=_font(18), anchor="mm"
            )
        for box in self.zones:
            draw.rectangle(_corners(box), outline="#e8590c", width=3)
        return _png(image)


def _corners(box: Box) -> tuple[int, int, int, int]:
    return (box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"])


def _row(count: int, y: int, h: int, margin: int = 20) -> Iterator[Box]:
    width = (CROP_SIZE[0] - margin) // count
    for index in range(count):
        yield _box(margin + index * width, y, width - margin, h)


# -- the eight activity types --------------------------------------------------------------------------


def _picture_zones(title: str, pictures: list[str]) -> tuple[_Crop, list[Box]]:
    """One picture per column and the answer zone right under it."""
    crop = _Crop(title)
    zones = list(_row(len(pictures), 250, 60))
    for picture, zone in zip(pictures, zones, strict=True):
        crop.labels.append((_box(zone["x"], 70, zone["w"], 160), f"[{picture}]"))
        crop.zones.append(zone)
    return crop, zones


def drag_drop(title: str, pictures: list[str], words: list[str], pool: list[str]) -> tuple[dict[str, Any], _Crop]:
    crop, zones = _picture_zones(title, pictures)
    answers = [{"coords": zone, "text": word} for zone, word in zip(zones, words, strict=True)]
    return {"type": "dragdroppicture", "words": pool, "answer": answers}, crop


def _shuffle_key(word: str) -> tuple[int, str]:
    # "Word pools are stored shuffled": a fixed, order-hiding permutation keeps the files deterministic.
    return (sum(map(ord, word)) * 7919 % 101, word)


def match_words(title: str, pairs: list[tuple[str, str]]) -> tuple[dict[str, Any], _Crop]:
    crop = _Crop(title)
    for index, (_, sentence) in enumerate(pairs):
        crop.labels.append((_box(20, 60 + index * 70, 600, 55), sentence.replace("___", "....")))
    pool = sorted({word for word, _ in pairs}, key=_shuffle_key)
    return {
        "type": "matchTheWords",
        "match_words": [{"word": word} for word in pool],
        "sentences": [{"sentence": sentence, "word": word} for word, sentence in pairs],
    }, crop


def choices(
    kind: str, count_key: str, count: int | None, title: str, questions: list[list[tuple[str, bool]]]
) -> tuple[dict[str, Any], _Crop]:
    """circle / markwithx: one row per question, one zone per option (the zone frames the option's text)."""
    crop = _Crop(title)
    answers: list[dict[str, Any]] = []
    for row, options in enumerate(questions):
        for option_box, (text, correct) in zip(_row(len(options), 70 + row * 90, 60), options, strict=True):
            crop.labels.append((option_box, text))
            crop.zones.append(option_box)
            answers.append({"coords": option_box} | ({"isCorrect": True} if correct else {}))
    activity: dict[str, Any] = {"type": kind, "answer": answers}
    if count is not None:
        activity[count_key] = count
    return activity, crop


def find_words(title: str, words: list[str]) -> tuple[dict[str, Any], _Crop]:
    crop = _Crop(title, labels=[(_box(20, 80 + i * 60, 300, 45), word) for i, word in enumerate(words)])
    return {"type": "puzzleFindWords", "words": words}, crop


def fill_sentences(title: str, rows: list[tuple[str, str, str]]) -> tuple[dict[str, Any], _Crop]:
    crop = _Crop(title)
    sentences = []
    for index, (before, word, after) in enumerate(rows):
        crop.labels.append((_box(20, 60 + index * 70, 600, 55), f"{before} ........ {after}"))
        sentences.append({"sentence": before, "word": word} | ({"sentence_after": after} if after else {}))
    return {"type": "fillSentencesWithDots", "sentences": sentences}, crop


def fill_picture(title: str, pictures: list[str], texts: list[str]) -> tuple[dict[str, Any], _Crop]:
    crop, zones = _picture_zones(title, pictures)
    return {
        "type": "fillpicture",
        "answer": [{"coords": z, "text": t} for z, t in zip(zones, texts, strict=True)],
    }, crop


# -- the books ------------------------------------------------------------------------------------------

Section = tuple[str, tuple[dict[str, Any], _Crop] | None, str | None]  # header, activity+crop, audio file
Page = tuple[int, list[Section]]


@dataclass(frozen=True)
class SampleBook:
    storage_id: str
    title: str
    language: str
    modules: list[tuple[str, list[Page]]]


def _english() -> SampleBook:
    return SampleBook(
        "DREAM-EN-1",
        "Dream English 1",
        "English",
        [
            (
                "Module 1: Animals",
                [
                    (
                        4,
                        [
                            ("Listen to the animals.", None, "animals.wav"),
                            (
                                "Drag the words to the pictures.",
                                drag_drop(
                                    "Animals", ["cat", "dog", "bird"], ["cat", "dog", "bird"], ["dog", "bird", "cat"]
                                ),
                                None,
                            ),
                            (
                                "Circle the right word.",
                                choices(
                                    "circle",
                                    "circleCount",
                                    None,
                                    "Circle the right word",
                                    [[("cat", True), ("cap", False)], [("dig", False), ("dog", True)]],
                                ),
                                "circle.wav",
                            ),
                        ],
                    ),
                    (
                        5,
                        [
                            (
                                "Put the words into the right group.",
                                _grouped("Animals or food?", {"Animals": ["cat", "dog"], "Food": ["apple", "bread"]}),
                                None,
                            ),
                            (
                                "Match the words to the sentences.",
                                match_words(
                                    "Colours",
                                    [
                                        ("red", "An apple is ___."),
                                        ("blue", "The sky is ___."),
                                        ("green", "Grass is ___."),
                                    ],
                                ),
                                None,
                            ),
                            (
                                "Mark the odd one out with an X.",
                                choices(
                                    "markwithx",
                                    "markCount",
                                    3,
                                    "Odd one out",
                                    [
                                        [("cat", False), ("dog", False), ("apple", True)],
                                        [("red", False), ("bread", True), ("blue", False)],
                                    ],
                                ),
                                None,
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Module 2: At Home",
                [
                    (
                        6,
                        [
                            ("Find the words.", find_words("Find the words", ["CAT", "DOG", "BIRD", "FISH"]), None),
                            (
                                "Complete the sentences.",
                                fill_sentences(
                                    "Complete",
                                    [("I have a", "cat", "."), ("My dog is", "big", "."), ("I like", "fish", "")],
                                ),
                                "sentences.wav",
                            ),
                            (
                                "Circle all the animals.",
                                choices(
                                    "circle",
                                    "circleCount",
                                    -1,
                                    "All the animals",
                                    [
                                        [("cat", True), ("sofa", False), ("dog", True)],
                                        [("lamp", False), ("bird", True)],
                                    ],
                                ),
                                None,
                            ),
                        ],
                    ),
                    (
                        7,
                        [
                            (
                                "Write the words.",
                                fill_picture("At home", ["bed", "chair", "lamp"], ["bed", "chair", "lamp"]),
                                None,
                            ),
                            (
                                "Drag the words. One word fits two pictures.",
                                drag_drop("Pets", ["cat", "cat", "fish"], ["cat", "cat", "fish"], ["fish", "cat"]),
                                None,
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )


def _grouped(title: str, groups: dict[str, list[str]]) -> tuple[dict[str, Any], _Crop]:
    crop = _Crop(title)
    answers = []
    for (name, words), header in zip(groups.items(), _row(len(groups), 60, 40), strict=True):
        crop.labels.append((header, name))
        for index in range(len(words)):
            zone = _box(header["x"], 120 + index * 70, header["w"], 55)
            crop.zones.append(zone)
            answers.append({"coords": zone, "group": words})
    pool = sorted((word for words in groups.values() for word in words), key=_shuffle_key)
    return {"type": "dragdroppicturegroup", "words": pool, "answer": answers}, crop


def _german() -> SampleBook:
    return SampleBook(
        "DREAM-DE-1",
        "Traumdeutsch 1",
        "Deutsch",
        [
            (
                "Modul 1: Tiere",
                [
                    (
                        8,
                        [
                            ("Hör zu.", None, "tiere.wav"),
                            (
                                "Zieh die Wörter zu den Bildern.",
                                drag_drop(
                                    "Tiere",
                                    ["Katze", "Hund", "Vogel"],
                                    ["Katze", "Hund", "Vogel"],
                                    ["Vogel", "Katze", "Hund"],
                                ),
                                None,
                            ),
                            (
                                "Kreise das richtige Wort ein.",
                                choices(
                                    "circle",
                                    "circleCount",
                                    0,
                                    "Richtig?",
                                    [[("Hund", True), ("Hand", False)], [("Maus", True), ("Haus", False)]],
                                ),
                                None,
                            ),
                        ],
                    ),
                    (
                        9,
                        [
                            (
                                "Ordne die Wörter.",
                                _grouped("Tier oder Essen?", {"Tiere": ["Katze", "Hund"], "Essen": ["Brot", "Apfel"]}),
                                None,
                            ),
                            (
                                "Verbinde.",
                                match_words("Farben", [("rot", "Die Tomate ist ___."), ("gelb", "Die Sonne ist ___.")]),
                                None,
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Modul 2: Zu Hause",
                [
                    (
                        10,
                        [
                            (
                                "Kreuze an.",
                                choices(
                                    "markwithx",
                                    "markCount",
                                    2,
                                    "Was passt?",
                                    [
                                        [("der Tisch", True), ("die Tisch", False)],
                                        [("das Bett", True), ("der Bett", False)],
                                    ],
                                ),
                                "kreuze.wav",
                            ),
                            (
                                "Finde die Wörter.",
                                find_words("Finde die Wörter", ["TISCH", "STUHL", "BETT", "LAMPE"]),
                                None,
                            ),
                        ],
                    ),
                    (
                        11,
                        [
                            (
                                "Ergänze.",
                                fill_sentences(
                                    "Ergänze", [("Ich habe einen", "Hund", "."), ("Das ist meine", "Katze", ".")]
                                ),
                                None,
                            ),
                            (
                                "Schreib die Wörter.",
                                fill_picture("Zu Hause", ["Tisch", "Stuhl"], ["Tisch", "Stuhl"]),
                                None,
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )


def sample_books() -> list[SampleBook]:
    return [_english(), _german()]


def book_files(book: SampleBook) -> BookFiles:
    """Every file of the book (config.json, images, audio), keyed relative to the book's folder."""
    prefix = f"./books/{book.storage_id}/"
    files: BookFiles = {"images/book_cover.png": _cover(book)}
    modules = []
    for module_number, (module_name, pages) in enumerate(book.modules, start=1):
        folder = f"M{module_number}"
        page_entries = []
        for page_number, sections in pages:
            page_key = f"images/{folder}/{page_number}.png"
            section_entries = []
            for section_number, (header, activity, audio) in enumerate(sections, start=1):
                coords = _box(40, SECTION_TOP + (section_number - 1) * SECTION_HEIGHT, 720, SECTION_HEIGHT - 30)
                entry: dict[str, Any] = {"title": header, "coords": coords}
                if audio is not None:
                    files[f"audio/{audio}"] = _tone(330 + 110 * (len(files) % 5))
                    entry["audio_path"] = f"{prefix}audio/{audio}"
                if activity is None:
                    entry["type"] = "audio"
                else:
                    config, crop = activity
                    crop_key = f"images/{folder}/p{page_number}s{section_number}.png"
                    files[crop_key] = crop.render()
                    entry["activity"] = config | {
                        "headerText": header,
                        "section_path": f"{prefix}{crop_key}",
                        "coords": coords,
                        "image_coords": coords,
                    }
                section_entries.append(entry)
            files[page_key] = _page(book.title, module_name, page_number, section_entries)
            page_entries.append(
                {"page_number": page_number, "image_path": f"{prefix}{page_key}", "sections": section_entries}
            )
        modules.append({"name": module_name, "pages": page_entries})
    config = {
        "book_title": book.title,
        "book_cover": f"{prefix}images/book_cover.png",
        "publisher_name": PUBLISHER_NAME,
        "language": book.language,
        "fullscreen": False,
        "books": [{"name": book.title, "type": "student", "modules": modules}],
    }
    files["config.json"] = json.dumps(config, ensure_ascii=False, indent=2).encode()
    return files


def _cover(book: SampleBook) -> bytes:
    image = Image.new("RGB", (600, 800), "#1864ab")
    draw = ImageDraw.Draw(image)
    draw.text((300, 330), book.title, fill="white", font=_font(48), anchor="mm")
    draw.text((300, 420), PUBLISHER_NAME, fill="#d0ebff", font=_font(28), anchor="mm")
    return _png(image)


def _page(book_title: str, module_name: str, page_number: int, sections: list[dict[str, Any]]) -> bytes:
    image = Image.new("RGB", PAGE_SIZE, "#fffdf5")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), f"{book_title} · {module_name}", fill="#343a40", font=_font(26))
    draw.text((PAGE_SIZE[0] - 40, PAGE_SIZE[1] - 40), str(page_number), fill="#343a40", font=_font(26), anchor="rs")
    for number, section in enumerate(sections, start=1):
        box = section["coords"]
        draw.rectangle(_corners(box), outline="#adb5bd", width=2)
        draw.ellipse((box["x"] + 10, box["y"] + 10, box["x"] + 50, box["y"] + 50), fill="#fab005")
        draw.text((box["x"] + 30, box["y"] + 30), str(number), fill="black", font=_font(22), anchor="mm")
        draw.text((box["x"] + 70, box["y"] + 18), section["title"], fill="#212529", font=_font(24))
    return _png(image)


def upload_book(storage: Minio, bucket: str, storage_id: str, files: BookFiles) -> None:
    for key, data in files.items():
        storage.put_object(bucket, object_key(storage_id, key), io.BytesIO(data), len(data))


async def upload_sample_books(storage: Minio, bucket: str) -> list[str]:
    """Upload both sample books into the bucket; returns their storage ids."""
    books = sample_books()
    for book in books:
        await asyncio.to_thread(upload_book, storage, bucket, book.storage_id, book_files(book))
    return [book.storage_id for book in books]
