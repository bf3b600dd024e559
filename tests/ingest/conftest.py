"""Fixtures of the ingestion tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.run import DocumentOutcome, Status, run
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


def load(
    store: EmbeddedStore, *paths: Path, quarantine_dir: Path | None = None
) -> tuple[DocumentOutcome, ...]:
    """Ingest the files `paths` into `store` and assert that each gave one outcome and
    every outcome is LOADED (failing with its message); the outcomes. Without
    `quarantine_dir`, `run`'s own default is used."""
    if quarantine_dir is None:
        outcomes = run(list(paths), store).outcomes
    else:
        outcomes = run(list(paths), store, quarantine_dir=quarantine_dir).outcomes
    assert len(outcomes) == len(paths), [outcome.path for outcome in outcomes]
    for outcome in outcomes:
        assert outcome.status == Status.LOADED, outcome.message
    return outcomes
