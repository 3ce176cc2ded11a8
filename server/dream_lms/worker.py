"""The arq worker: background jobs (catalogue sync, re-scoring, change feed compaction, op log
pruning) and its heartbeat.

Started with `dream-lms worker`; shares the API's settings and builds its clients on start-up.
"""

import logging
import time
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker

from dream_lms.attempts.jobs import rescore_attempt, sweep_rescores
from dream_lms.books.jobs import sync_book_catalogue
from dream_lms.core.resources import open_resources
from dream_lms.settings import Settings, get_settings
from dream_lms.sync.compaction import compact_change_feed
from dream_lms.sync.op_log import prune_sync_op_log
from dream_lms.worker_heartbeat import HEARTBEAT_INTERVAL_SECONDS, HEARTBEAT_KEY, HEARTBEAT_STALE_SECONDS

log = logging.getLogger(__name__)

JobContext = dict[str, Any]


async def heartbeat(ctx: JobContext) -> None:
    await ctx["resources"].redis.set(HEARTBEAT_KEY, str(time.time()), ex=HEARTBEAT_STALE_SECONDS)


async def _startup(ctx: JobContext) -> None:
    ctx["resources"] = open_resources(ctx["settings"])
    await heartbeat(ctx)


async def _shutdown(ctx: JobContext) -> None:
    await ctx["resources"].close()


def job_functions() -> list[Any]:
    """Every job the worker runs; features add theirs here."""
    return [sync_book_catalogue, rescore_attempt]


def build_worker(settings: Settings) -> Worker:
    return Worker(
        functions=job_functions(),
        cron_jobs=[
            cron(heartbeat, second=set(range(0, 60, HEARTBEAT_INTERVAL_SECONDS)), run_at_startup=True),
            cron(sweep_rescores, second={30}, run_at_startup=True),
            # A fixed job id: a pass still running (a large first compaction) is not started twice.
            cron(compact_change_feed, minute=set(range(0, 60, 10)), second={45}, job_id="compact-change-feed"),
            # Hourly, so each run deletes about an hour's worth of expired ops.
            cron(prune_sync_op_log, minute={25}, second={15}, job_id="prune-sync-op-log"),
        ],
        on_startup=_startup,
        on_shutdown=_shutdown,
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        ctx={"settings": settings},
        max_jobs=20,
        job_timeout=600,
        handle_signals=True,
    )


def run_worker(settings: Settings | None = None) -> None:
    build_worker(settings or get_settings()).run()
