"""Every route of the OpenAPI document against the declared access table, and bad input against every write route.

A new route without a row in ACCESS fails here, so nobody ships an endpoint without deciding who may call it.
"""

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.core.resources import Resources
from tests.conftest import app_with_settings
from tests.factories import bearer, login, make_account

PUBLIC = "public"
# No user session; the caller proves itself with an HMAC signature of the body (webhooks), so unsigned calls get 401.
SIGNED = "signed"
ANY_ROLE = frozenset(UserRole)
ADMIN = frozenset({UserRole.ADMIN})
PUBLISHER = frozenset({UserRole.PUBLISHER})
TEACHER = frozenset({UserRole.TEACHER})
STUDENT = frozenset({UserRole.STUDENT})

# operation id -> who may call it
ACCESS: dict[str, str | frozenset[UserRole]] = {
    "health_get": PUBLIC,
    "auth_login": PUBLIC,
    "auth_refresh": PUBLIC,
    "auth_logout": PUBLIC,
    "auth_change_password": ANY_ROLE,
    "auth_me": ANY_ROLE,
    "admin_list_users": ADMIN,
    "admin_create_admin": ADMIN,
    "admin_activate_user": ADMIN,
    "admin_deactivate_user": ADMIN,
    "admin_reset_user_password": ADMIN,
    "admin_list_publishers": ADMIN,
    "admin_create_publisher": ADMIN,
    "admin_get_publisher": ADMIN,
    "admin_update_publisher": ADMIN,
    "admin_delete_publisher": ADMIN,
    "admin_list_schools": ADMIN,
    "admin_create_school": ADMIN,
    "admin_update_school": ADMIN,
    "admin_delete_school": ADMIN,
    "admin_list_audit_log": ADMIN,
    "publishers_list_my_schools": PUBLISHER,
    "publishers_list_my_teachers": PUBLISHER,
    "publishers_create_my_teacher": PUBLISHER,
    "publishers_update_my_teacher": PUBLISHER,
    "publishers_reset_my_teacher_password": PUBLISHER,
    "teachers_list_my_students": TEACHER,
    "teachers_create_my_student": TEACHER,
    "teachers_update_my_student": TEACHER,
    "teachers_delete_my_student": TEACHER,
    "teachers_reset_my_student_password": TEACHER,
    "classes_list_classes": TEACHER,
    "classes_create_class": TEACHER,
    "classes_get_class": TEACHER,
    "classes_update_class": TEACHER,
    "classes_delete_class": TEACHER,
    "classes_add_class_students": TEACHER,
    "classes_remove_class_student": TEACHER,
    "imports_get_template": frozenset({UserRole.ADMIN, UserRole.PUBLISHER, UserRole.TEACHER}),
    "imports_get_error_sheet": frozenset({UserRole.ADMIN, UserRole.PUBLISHER, UserRole.TEACHER}),
    "teachers_import_my_students": TEACHER,
    "teachers_print_login_cards": TEACHER,
    "publishers_import_my_teachers": PUBLISHER,
    "admin_bulk_import": ADMIN,
    "books_list_books": ANY_ROLE,
    "books_get_book": ANY_ROLE,
    "books_list_activities": ANY_ROLE,
    "books_get_manifest": ANY_ROLE,
    "books_get_pages": ANY_ROLE,
    "activities_get_activity": ANY_ROLE,
    "activities_check_activity": ANY_ROLE,
    "admin_start_sync": ADMIN,
    "admin_get_sync": ADMIN,
    "webhooks_dcs_webhook": SIGNED,
    "assignments_list_assignments": TEACHER,
    "assignments_create_assignment": TEACHER,
    "assignments_get_assignment": TEACHER,
    "assignments_update_assignment": TEACHER,
    "assignments_delete_assignment": TEACHER,
    "assignments_set_extension": TEACHER,
    "assignments_get_results": TEACHER,
    "assignments_get_analytics": TEACHER,
    "students_list_my_assignments": STUDENT,
    "students_get_my_assignment": STUDENT,
    "assignments_start": STUDENT,
    "assignments_save_progress": STUDENT,
    "assignments_submit": STUDENT,
    "sync_register": ANY_ROLE,
    "sync_push": STUDENT,
    "sync_pull": ANY_ROLE,
    "notifications_list_notifications": ANY_ROLE,
    "notifications_mark_read": ANY_ROLE,
    "notifications_mark_all_read": ANY_ROLE,
}


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


@pytest.fixture
async def unlimited_client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app with rate limits off: this test calls every route many times."""
    app = app_with_settings(resources, rate_limit_enabled=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


async def _tokens_by_role(client: httpx.AsyncClient, session: AsyncSession) -> dict[UserRole, dict[str, str]]:
    headers = {}
    for role in UserRole:
        account = await make_account(session, role)
        headers[role] = bearer(await login(client, account.login))
    return headers


async def test_every_route_has_an_access_rule_and_honours_it(
    unlimited_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    openapi = (await unlimited_client.get("/api/v1/openapi.json")).json()
    operations = _operations(openapi)
    ids = {operation["operationId"] for _, _, operation in operations}
    assert ids == set(ACCESS), f"routes without a declared rule: {ids - set(ACCESS)}; stale rules: {set(ACCESS) - ids}"
    role_headers = await _tokens_by_role(unlimited_client, session)

    for method, path, operation in operations:
        rule = ACCESS[operation["operationId"]]
        url = _concrete(path)
        anonymous = await unlimited_client.request(method, url, json={})
        if rule == PUBLIC:
            assert anonymous.status_code not in (401, 403), (method, path, anonymous.text)
            continue
        if rule == SIGNED:
            assert anonymous.status_code == 401, (method, path, anonymous.status_code)
            continue
        assert anonymous.status_code == 401, (method, path, anonymous.status_code)
        assert anonymous.json()["error"]["code"] == "UNAUTHORIZED"
        for role, headers in role_headers.items():
            response = await unlimited_client.request(method, url, json={}, headers=headers)
            if role in rule:
                assert response.status_code not in (401, 403), (method, path, role, response.text)
            else:
                assert response.status_code == 403, (method, path, role, response.status_code)
                assert response.json()["error"]["code"] == "FORBIDDEN"


BAD_BODIES: list[tuple[str, bytes]] = [
    ("malformed json", b'{"login": '),
    ("not an object", b"[1, 2, 3]"),
    ("wrong types", b'{"login": 5, "password": [], "refresh_token": {}, "email": 1, "full_name": false}'),
    ("huge strings", b'{"login": "' + b"x" * 200_000 + b'", "password": "' + b"y" * 200_000 + b'"}'),
    ("unknown fields", b'{"surprise": true, "__proto__": {"admin": true}}'),
    ("null bytes", b'{"login": "a\\u0000b", "password": "\\u0000"}'),
]


async def test_bad_input_to_every_write_route_gets_a_4xx_envelope(
    unlimited_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    openapi = (await unlimited_client.get("/api/v1/openapi.json")).json()
    role_headers = await _tokens_by_role(unlimited_client, session)
    for method, path, operation in _operations(openapi):
        if method == "GET":
            continue
        rule = ACCESS[operation["operationId"]]
        headers = {} if isinstance(rule, str) else role_headers[min(rule)]
        for name, body in BAD_BODIES:
            response = await unlimited_client.request(
                method, _concrete(path), content=body, headers=headers | {"Content-Type": "application/json"}
            )
            assert 400 <= response.status_code < 500, (method, path, name, response.status_code, response.text[:300])
            envelope = response.json()
            assert envelope["success"] is False and envelope["error"]["code"], (method, path, name)
            assert "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()
