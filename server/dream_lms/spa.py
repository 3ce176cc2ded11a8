"""Serving the built PWA (`pwa/dist`) from the API process, with cache headers that suit a service worker.

Hashed build assets never change, so browsers keep them for a year. The files that name those assets
(`index.html`, the service worker and its helpers, the manifest) must be revalidated on every load, or a
deployed version would never reach the devices. Any other GET outside `/api` that is not a file is a
client-side route and gets `index.html`; `/api` paths are never answered here, so unknown API paths keep
their JSON 404 (and wrong methods their 405) from the API's own error handlers.
"""

from pathlib import Path, PurePosixPath

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Match, Route
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED_ASSETS_DIR = "assets"
INDEX_HTML = "index.html"

# Types the platform's mimetypes table may not know (or may know differently on another OS).
_MEDIA_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


def _is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class _SpaRoute(Route):
    """A catch-all GET/HEAD route that steps aside for `/api` paths and other methods entirely."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or _is_api_path(scope["path"]):
            return Match.NONE, {}
        return super().matches(scope)


def _cache_control(relative: PurePosixPath) -> str:
    return IMMUTABLE if relative.parts[:1] == (HASHED_ASSETS_DIR,) else REVALIDATE


def _file_response(dist_dir: Path, relative: PurePosixPath) -> FileResponse:
    return FileResponse(
        dist_dir / relative,
        media_type=_MEDIA_TYPES.get(relative.suffix),
        headers={"Cache-Control": _cache_control(relative)},
    )


def _existing_file(dist_dir: Path, requested: str) -> PurePosixPath | None:
    """The requested file relative to `dist_dir`, or None when it is missing or would leave `dist_dir`."""
    relative = PurePosixPath(requested.lstrip("/"))
    if not relative.parts or ".." in relative.parts:
        return None
    candidate = (dist_dir / relative).resolve()
    if not candidate.is_file() or not candidate.is_relative_to(dist_dir):
        return None
    return relative


def mount_spa(app: FastAPI, dist_dir: Path) -> None:
    """Serve the PWA built into `dist_dir` at `/`. Register after the API routes."""
    root = dist_dir.resolve()
    if not (root / INDEX_HTML).is_file():
        raise FileNotFoundError(f"{root / INDEX_HTML} does not exist; build the PWA first")

    async def serve(request: Request) -> Response:
        requested: str = request.path_params["path"]
        relative = _existing_file(root, requested)
        if relative is not None:
            return _file_response(root, relative)
        # A missing file (a name with an extension, or anything under /assets) is a real 404: answering
        # with HTML would be cached by the service worker or run as a script.
        last_segment = PurePosixPath(requested).name
        if "." in last_segment or requested.lstrip("/").startswith(f"{HASHED_ASSETS_DIR}/"):
            raise HTTPException(status_code=404)
        return _file_response(root, PurePosixPath(INDEX_HTML))

    app.router.routes.append(
        _SpaRoute("/{path:path}", endpoint=serve, methods=["GET", "HEAD"], include_in_schema=False)
    )
