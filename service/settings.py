"""Settings: one frozen object, built once at start from arguments and environment.

Nothing reads the environment mid-request; code receives a `Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["DEFAULT_INSTANCE_BASE", "Settings"]

DEFAULT_INSTANCE_BASE = "https://w3id.org/beslutsgraf/id/"


@dataclass(frozen=True)
class Settings:
    store_dir: Path = Path("data/store")
    endpoint: str | None = None  # remote SPARQL endpoint; None = embedded store
    update_endpoint: str | None = None
    graph_store_endpoint: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    instance_base: str = DEFAULT_INSTANCE_BASE
    write_token: str | None = None
    query_timeout_s: float = 30.0
    max_result_rows: int = 100_000
    # Each slot is a query worker process (about 50 MB) booted when the service starts,
    # so the default follows the machine rather than a fixed 8.
    max_concurrent_queries: int = field(default_factory=lambda: 2 * (os.cpu_count() or 1))
    # SPARQL endpoints a public query may reach through SERVICE. Each SERVICE call makes
    # this server connect where the client says, so none is allowed unless listed.
    federated_endpoints: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then `BESLUTSGRAF_*` variables, then explicit overrides (CLI options)
        whose value is not None."""
        env = os.environ if environ is None else environ
        settings = cls()
        from_env: dict[str, object] = {}
        if "BESLUTSGRAF_STORE" in env:
            from_env["store_dir"] = Path(env["BESLUTSGRAF_STORE"])
        if "BESLUTSGRAF_ENDPOINT" in env:
            from_env["endpoint"] = env["BESLUTSGRAF_ENDPOINT"]
        if "BESLUTSGRAF_INSTANCE_BASE" in env:
            from_env["instance_base"] = env["BESLUTSGRAF_INSTANCE_BASE"]
        if "BESLUTSGRAF_WRITE_TOKEN" in env:
            from_env["write_token"] = env["BESLUTSGRAF_WRITE_TOKEN"]
        if "BESLUTSGRAF_QUERY_TIMEOUT_S" in env:
            from_env["query_timeout_s"] = float(env["BESLUTSGRAF_QUERY_TIMEOUT_S"])
        if "BESLUTSGRAF_MAX_RESULT_ROWS" in env:
            from_env["max_result_rows"] = int(env["BESLUTSGRAF_MAX_RESULT_ROWS"])
        if "BESLUTSGRAF_MAX_CONCURRENT_QUERIES" in env:
            from_env["max_concurrent_queries"] = int(env["BESLUTSGRAF_MAX_CONCURRENT_QUERIES"])
        if "BESLUTSGRAF_FEDERATED_ENDPOINTS" in env:
            listed = env["BESLUTSGRAF_FEDERATED_ENDPOINTS"].replace(",", " ").split()
            from_env["federated_endpoints"] = tuple(listed)
        explicit = {name: value for name, value in overrides.items() if value is not None}
        return replace(settings, **{**from_env, **explicit})  # type: ignore[arg-type]
