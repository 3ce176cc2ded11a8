"""Application settings, read from the environment (and an optional `.env`)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = "development"
    # postgresql+asyncpg://user:pass@host:port/db  (a unix socket works as ?host=/path/to/dir)
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/dream_lms"
    database_pool_size: int = 10
    redis_url: str = "redis://127.0.0.1:6379/0"

    s3_endpoint: str = "127.0.0.1:8333"
    s3_access_key: str = "dream-dev"
    s3_secret_key: SecretStr = SecretStr("dream-dev-secret-key")
    s3_bucket: str = "dream-central-storage"
    s3_secure: bool = False
    s3_region: str = "us-east-1"

    jwt_secret: SecretStr = SecretStr("dev-only-secret-change-me-in-production-0123456789")
    access_token_minutes: int = 60
    refresh_token_days: int = 7
    webhook_secret: SecretStr = SecretStr("dev-webhook-secret")

    # Rate limits per window of `rate_limit_window_seconds`.
    rate_limit_enabled: bool = True
    rate_limit_window_seconds: int = 60
    rate_limit_auth: int = 5
    rate_limit_read: int = 100
    rate_limit_write: int = 30
    rate_limit_upload: int = 10
    rate_limit_analytics: int = 20
    rate_limit_sync: int = 120

    sync_max_batch_ops: int = 500
    # Days a pushed op's result stays in the op log (`sync_ops`), which answers a device that pushes it again; older
    # records are deleted every hour by the worker (dream_lms.sync.op_log; `dream-lms prune-op-log` by hand), and an
    # op pushed again after that is judged anew (PROTOCOL.md 7.2). 0 or less keeps the log forever.
    sync_op_retention_days: int = 90
    # Forgiveness of a time limit for network and tap latency (PROTOCOL.md section 8).
    time_limit_grace_ms: int = 30_000
    public_url: str = "http://127.0.0.1:8000"
    pwa_dist_dir: Path = Field(default=Path("pwa/dist"))
    cors_origins: list[str] = Field(default_factory=list)


@lru_cache
def get_settings() -> Settings:
    return Settings()
