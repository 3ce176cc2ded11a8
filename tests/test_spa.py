"""The built PWA served by FastAPI: cache headers, the SPA fallback, and `/api` left to the API."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from dream_lms.core.errors import install_error_handlers
from dream_lms.spa import IMMUTABLE, REVALIDATE, mount_spa

INDEX = "<!doctype html><title>Dream LMS</title>"


@pytest.fixture
def dist_dir(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "icons").mkdir()
    (dist / "index.html").write_text(INDEX)
    (dist / "sw.js").write_text("self.addEventListener('install', () => {});")
    (dist / "registerSW.js").write_text("navigator.serviceWorker.register('/sw.js');")
    (dist / "workbox-9c191d2f.js").write_text("/* workbox */")
    (dist / "manifest.webmanifest").write_text('{"name": "Dream LMS"}')
    (dist / "assets" / "index-Dh1SKYlI.js").write_text("console.log('app');")
    (dist / "assets" / "index-DoWcH7nj.css").write_text("body{}")
    (dist / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.txt").write_text("outside the dist folder")
    return dist


@pytest.fixture
async def client(dist_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/auth/login")
    async def login() -> dict[str, str]:
        return {"status": "ok"}

    mount_spa(app, dist_dir)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://pwa.test") as http:
        yield http


async def test_hashed_assets_are_immutable(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/index-Dh1SKYlI.js")

    assert response.status_code == 200
    assert response.text == "console.log('app');"
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/index.html", "text/html"),
        ("/sw.js", "text/javascript"),
        ("/registerSW.js", "text/javascript"),
        ("/workbox-9c191d2f.js", "text/javascript"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ],
)
async def test_files_that_name_a_version_are_revalidated(
    client: httpx.AsyncClient, path: str, content_type: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    assert response.headers["cache-control"] == REVALIDATE
    assert response.headers["content-type"].startswith(content_type)


@pytest.mark.parametrize("path", ["/", "/login", "/student", "/teacher/classes/42"])
async def test_client_routes_get_index_html(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == REVALIDATE


async def test_head_requests_are_answered(client: httpx.AsyncClient) -> None:
    response = await client.head("/student")

    assert response.status_code == 200
    assert response.headers["cache-control"] == REVALIDATE


@pytest.mark.parametrize("path", ["/assets/index-gone.js", "/icons/missing.png", "/assets/chunk"])
async def test_missing_files_are_404_not_index_html(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code == 404
    assert INDEX not in response.text


async def test_paths_cannot_leave_the_dist_folder(client: httpx.AsyncClient) -> None:
    response = await client.get("/..%2Fsecret.txt")

    assert response.status_code == 404
    assert "outside the dist folder" not in response.text


async def test_api_routes_still_work(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/health")).json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/api", "/api/v1/unknown", "/api/v1/auth/nothing-here"])
async def test_unknown_api_paths_keep_the_json_404_envelope(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code == 404
    body = response.json()
    assert body["success"] is False
    assert body["error"]["code"] == "NOT_FOUND"


async def test_wrong_method_on_an_api_path_is_still_405(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/auth/login")

    assert response.status_code == 405


async def test_non_get_requests_outside_the_api_are_not_served(client: httpx.AsyncClient) -> None:
    response = await client.post("/student")

    assert response.status_code == 404
    assert INDEX not in response.text


def test_mounting_without_a_build_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"index\.html"):
        mount_spa(FastAPI(), tmp_path)
