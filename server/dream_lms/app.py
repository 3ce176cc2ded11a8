"""The FastAPI application factory."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute

from dream_lms.assignments.routes import router as assignments_router
from dream_lms.assignments.routes import student_router as student_assignments_router
from dream_lms.attempts.routes import router as attempts_router
from dream_lms.auth.deps import check_access_rules
from dream_lms.auth.routes import router as auth_router
from dream_lms.auth.tokens import token_user_id
from dream_lms.books.routes import activities_router, books_router, webhook_router
from dream_lms.books.routes import admin_router as books_admin_router
from dream_lms.communication.routes import router as notifications_router
from dream_lms.core.envelope import ErrorEnvelope
from dream_lms.core.errors import ERROR_TYPES, install_error_handlers
from dream_lms.core.middleware import RequestIdMiddleware
from dream_lms.core.ratelimit import rate_limiter
from dream_lms.core.resources import Resources, open_resources
from dream_lms.health.routes import router as health_router
from dream_lms.orgs.imports.routes import admin_router as imports_admin_router
from dream_lms.orgs.imports.routes import imports_router
from dream_lms.orgs.imports.routes import publisher_router as imports_publisher_router
from dream_lms.orgs.imports.routes import teacher_router as imports_teacher_router
from dream_lms.orgs.profiles import profile_ids
from dream_lms.orgs.routes_admin import router as orgs_admin_router
from dream_lms.orgs.routes_publisher import router as orgs_publisher_router
from dream_lms.orgs.routes_teacher import classes_router, students_router
from dream_lms.scoring.routes import router as scoring_router
from dream_lms.settings import Settings, get_settings
from dream_lms.sync.op_log import open_device_op_log
from dream_lms.sync.routes import router as sync_router
from dream_lms.users.routes import router as users_router

GC_THRESHOLD_GEN0 = 50_000
API_PREFIX = "/api/v1"


def operation_id(route: APIRoute) -> str:
    # Stable ids (`auth_login`) so the generated TypeScript client keeps its names across releases.
    return f"{route.tags[0]}_{route.name}" if route.tags else route.name


def api_router() -> APIRouter:
    router = APIRouter(
        prefix=API_PREFIX,
        dependencies=[Depends(rate_limiter(token_user_id))],
        responses={e.status_code: {"model": ErrorEnvelope, "description": e.code} for e in ERROR_TYPES},
    )
    for feature_router in (
        health_router,
        auth_router,
        users_router,
        orgs_admin_router,
        orgs_publisher_router,
        students_router,
        classes_router,
        imports_router,
        imports_teacher_router,
        imports_publisher_router,
        imports_admin_router,
        books_router,
        activities_router,
        scoring_router,
        assignments_router,
        student_assignments_router,
        attempts_router,
        sync_router,
        notifications_router,
        books_admin_router,
        webhook_router,
    ):
        router.include_router(feature_router)
    return router


def tune_garbage_collector() -> None:
    """Fewer, cheaper runs of the cyclic garbage collector in a serving process.

    Requests allocate many short-lived objects (a sync push parses thousands of dicts), so with the default
    thresholds the collector runs every 700 allocations, and under load its older generations hold every request in
    flight, which each pass walks again. Reference counting frees almost all of it anyway; bench/sync_load.py
    applies about 30% more ops per second with these thresholds. What exists after startup (modules, compiled
    statements) is frozen out of the collector's sight.
    """
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD_GEN0, 20, 20)


def create_app(settings: Settings | None = None, resources: Resources | None = None) -> FastAPI:
    """Build the app. Clients are created in the lifespan from `settings`, unless the caller passes its own."""
    settings = settings or (resources.settings if resources else get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = resources is None
        app.state.resources = resources or open_resources(settings)
        tune_garbage_collector()
        try:
            yield
        finally:
            if owned:
                await app.state.resources.close()

    app = FastAPI(
        title="Dream LMS API",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=f"{API_PREFIX}/redoc",
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
    )
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    app.include_router(api_router())
    # The online endpoints log their ops in the transport's op log (attempts do not import sync).
    app.state.open_op_log = open_device_op_log
    # Sign-in reads which organisation rows a user is from orgs (auth does not import orgs).
    app.state.profile_lookup = profile_ids
    check_access_rules(app)
    if resources is not None:
        # Callers that bring their own clients (tests, embedding) may not run the lifespan.
        app.state.resources = resources
    _mount_pwa(app, settings.pwa_dist_dir)
    return app


def _mount_pwa(app: FastAPI, dist_dir: Path) -> None:
    if (dist_dir / "index.html").is_file():
        from dream_lms.spa import mount_spa

        mount_spa(app, dist_dir)
