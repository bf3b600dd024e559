"""Fixtures of the ingestion tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An empty embedded store on disk, closed after the test (a module that needs
    another store defines its own `store`)."""
    opened = EmbeddedStore(tmp_path / "store")
    try:
        yield opened
    finally:
        opened.close()
