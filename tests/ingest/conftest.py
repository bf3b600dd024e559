"""Fixtures of the ingestion tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.run import DocumentOutcome, Status, run
from beslutsgraf.store.embedded import EmbeddedStore

INSTANCE = "https://w3id.org/beslutsgraf/id/"


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


@contextmanager
def loaded_store(folder: Path, *paths: Path) -> Iterator[EmbeddedStore]:
    """An embedded store in `folder` with the files `paths` ingested (see `load`), closed
    on exit."""
    opened = EmbeddedStore(folder / "store")
    try:
        load(opened, *paths)
        yield opened
    finally:
        opened.close()


def variant(source: Path, folder: Path, written: str, instead: str) -> Path:
    """A copy of `source` in `folder` with one phrase written differently (the probe file
    stays as it is)."""
    text = source.read_text(encoding="utf-8")
    assert written in text
    path = folder / source.name
    path.write_text(text.replace(written, instead), encoding="utf-8")
    return path


def select_values(
    store: EmbeddedStore,
    prefixes: str,
    where: str,
    *,
    strip: tuple[str, ...] = (INSTANCE,),
    squeeze: bool = False,
) -> list[str]:
    """The sorted distinct values of ?v in `where`, as a test compares them: an IRI
    without the namespaces `strip` names (in that order), a literal's text (with runs of
    whitespace made one space when `squeeze`: text that wraps in the source)."""
    rows = store.select(prefixes + f"SELECT DISTINCT ?v WHERE {{ {where} }}")
    values = []
    for value in (row["v"] for row in rows):
        if value.startswith("<"):
            iri = value.strip("<>")
            for namespace in strip:
                iri = iri.removeprefix(namespace)
            values.append(iri)
        else:
            text = literal_value(value)
            values.append(" ".join(text.split()) if squeeze else text)
    return sorted(values)
