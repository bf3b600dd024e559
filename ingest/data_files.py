"""Reading the tab-separated rule tables shipped in `ingest/data/`."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["read_table"]


@cache
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of `ingest/data/{name}`, tab-split, without blank lines and `#` comments."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)
