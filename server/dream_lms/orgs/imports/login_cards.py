"""Login cards: a printable PDF, eight cards per A4 page, so young students can sign in on shared tablets.

Each card has the student's name, the username (or email) to type, the password when the teacher asked for new
ones (otherwise a line telling the child to ask), the school's name and the app's address as a QR code.
"""

import asyncio
import io
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User
from dream_lms.auth.tokens import Principal
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import InvalidInput, NotFound
from dream_lms.orgs.imports.schemas import LoginCardsRequest
from dream_lms.orgs.models import ClassStudent, School, SchoolClass, Student
from dream_lms.orgs.students import school_of, visible_students
from dream_lms.users.friendly_passwords import friendly_password, hash_initial_passwords

COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
ASK_YOUR_TEACHER = "Ask your teacher for your password."
_MARGIN = 24.0
_PADDING = 14.0
_QR_SIZE = 88.0
# For names outside Latin-1 (Cyrillic, Greek, ...): a Unicode font when the system has one.
_UNICODE_FONTS = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


@dataclass(frozen=True)
class Card:
    full_name: str
    login: str
    password: str | None


@lru_cache
def _unicode_fonts() -> tuple[str, str] | None:
    if not all(Path(path).is_file() for _, path in _UNICODE_FONTS):
        return None
    for name, path in _UNICODE_FONTS:
        pdfmetrics.registerFont(TTFont(name, path))
    return _UNICODE_FONTS[0][0], _UNICODE_FONTS[1][0]


def _font(text: str, bold: bool = False) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        fonts = _unicode_fonts()
        if fonts is not None:
            return fonts[1] if bold else fonts[0]
    return "Helvetica-Bold" if bold else "Helvetica"


def _draw_text(
    canvas: Canvas, x: float, y: float, text: str, size: float, max_width: float, bold: bool = False
) -> None:
    font = _font(text, bold)
    while size > 6 and pdfmetrics.stringWidth(text, font, size) > max_width:
        size -= 0.5
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)


def _qr_form(canvas: Canvas, url: str) -> None:
    """The QR code of `url` drawn once as a reusable form."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = _QR_SIZE / len(matrix)
    canvas.beginForm("app-qr")
    canvas.setFillColorRGB(0, 0, 0)
    for y, line in enumerate(matrix):
        for x, dark in enumerate(line):
            if dark:
                canvas.rect(x * module, _QR_SIZE - (y + 1) * module, module, module, stroke=0, fill=1)
    canvas.endForm()


def render_cards(cards: list[Card], school_name: str, app_url: str) -> bytes:
    buffer = io.BytesIO()
    width, height = A4
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle("Login cards")
    canvas.setAuthor(school_name)
    _qr_form(canvas, app_url)
    card_width = (width - 2 * _MARGIN) / COLUMNS
    card_height = (height - 2 * _MARGIN) / ROWS
    text_width = card_width - 3 * _PADDING - _QR_SIZE
    for index, card in enumerate(cards):
        slot = index % CARDS_PER_PAGE
        if index and slot == 0:
            canvas.showPage()
        left = _MARGIN + (slot % COLUMNS) * card_width
        bottom = height - _MARGIN - (slot // COLUMNS + 1) * card_height
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        canvas.setDash(4, 3)
        canvas.roundRect(left + 4, bottom + 4, card_width - 8, card_height - 8, 10, stroke=1, fill=0)
        canvas.setDash()
        x, top = left + _PADDING, bottom + card_height - _PADDING
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        _draw_text(canvas, x, top - 10, school_name, 9, card_width - 2 * _PADDING)
        canvas.setFillColorRGB(0, 0, 0)
        _draw_text(canvas, x, top - 34, card.full_name, 15, card_width - 2 * _PADDING, bold=True)
        label_y = top - 62
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        _draw_text(canvas, x, label_y, "Username:" if "@" not in card.login else "Email:", 8, text_width)
        canvas.setFillColorRGB(0, 0, 0)
        _draw_text(canvas, x, label_y - 16, card.login, 13, text_width, bold=True)
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        _draw_text(canvas, x, label_y - 36, "Password:", 8, text_width)
        canvas.setFillColorRGB(0, 0, 0)
        if card.password:
            _draw_text(canvas, x, label_y - 52, card.password, 13, text_width, bold=True)
        else:
            _draw_text(canvas, x, label_y - 50, ASK_YOUR_TEACHER, 8, text_width)
        qr_left = left + card_width - _PADDING - _QR_SIZE
        qr_bottom = bottom + _PADDING + 14
        canvas.saveState()
        canvas.translate(qr_left, qr_bottom)
        canvas.doForm("app-qr")
        canvas.restoreState()
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        _draw_text(canvas, x, bottom + _PADDING + 2, app_url, 8, card_width - 2 * _PADDING)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


async def login_cards(session: AsyncSession, teacher: Principal, body: LoginCardsRequest, app_url: str) -> bytes:
    wanted = set(body.student_ids)
    if body.class_id is not None:
        school_class = await session.get(SchoolClass, body.class_id)
        if school_class is None or school_class.teacher_id != teacher.profile_id:
            raise NotFound("Class not found.")
        members = await session.scalars(
            select(col(ClassStudent.student_id)).where(col(ClassStudent.class_id) == school_class.id)
        )
        wanted |= set(members)
    if not wanted:
        raise InvalidInput(
            "Choose the students to print cards for.",
            [ErrorDetail(field="student_ids", message="Give student ids or a class.")],
        )
    rows = (
        await session.execute(
            visible_students(teacher)
            .where(col(Student.id).in_(wanted))
            .order_by(func.lower(col(User.full_name)), col(Student.id))
        )
    ).all()
    found: set[uuid.UUID] = {student.id for student, _ in rows}
    if missing := wanted - found:
        details = [ErrorDetail(field="student_ids", message=f"No student {student_id}.") for student_id in missing]
        raise NotFound("Some students were not found.", details)
    passwords: list[str | None] = [None] * len(rows)
    if body.reset_passwords:
        new_passwords = [friendly_password() for _ in rows]
        for (_, user), hashed in zip(rows, await hash_initial_passwords(new_passwords), strict=True):
            user.password_hash = hashed
        await session.flush()
        passwords = list(new_passwords)
    cards = [
        Card(full_name=user.full_name, login=user.username or user.email or "", password=password)
        for (_, user), password in zip(rows, passwords, strict=True)
    ]
    school = await session.get(School, school_of(teacher))
    school_name = school.name if school else ""
    return await asyncio.to_thread(render_cards, cards, school_name, app_url)
