# syntax=docker/dockerfile:1
# Production image of Dream LMS: one image runs the API (`dream-lms serve`, the default),
# the worker (`dream-lms worker`) and the one-shot migration (`dream-lms migrate`).

# --- PWA: static files served by the API ------------------------------------------------
FROM node:20-slim AS pwa
WORKDIR /build/pwa
# Dependencies first, so a source change does not reinstall node_modules.
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY pwa/ ./
RUN npm run build

# --- Python environment, built with the same uv version that wrote uv.lock ------------
FROM python:3.11-slim AS python-deps
COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
# Production dependencies only: no dev group, and not the `embedded` extra (the development servers of `make run`).
RUN uv sync --frozen --no-dev --no-install-project
COPY server/ server/
# The project is installed editable, so the package stays at /app/server beside migrations/
# and pwa/dist, the same layout as a checkout (settings resolve those paths from /app).
RUN uv sync --frozen --no-dev

# --- Runtime ------------------------------------------------------------------------------
FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 dream \
    && useradd --system --uid 10001 --gid dream --home-dir /app --shell /usr/sbin/nologin dream
WORKDIR /app
COPY --from=python-deps /app /app
COPY migrations/ migrations/
COPY alembic.ini ./
COPY sync-protocol/ sync-protocol/
COPY --from=pwa /build/pwa/dist pwa/dist
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ENVIRONMENT=production \
    PWA_DIST_DIR=/app/pwa/dist
USER 10001:10001
EXPOSE 8000
CMD ["dream-lms", "serve", "--host", "0.0.0.0", "--port", "8000"]
