"""The benchmark's synthetic minutes: deterministic, all distinct, and ingestible."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from beslutsgraf.ingest.run import Status, run
from beslutsgraf.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def synthetic(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("synthetic_minutes")


def test_the_same_seed_gives_the_same_documents(synthetic: ModuleType, corpus_dir: Path) -> None:
    first = list(synthetic.generate(12, seed=7, corpus=corpus_dir))
    again = list(synthetic.generate(12, seed=7, corpus=corpus_dir))
    other = list(synthetic.generate(12, seed=8, corpus=corpus_dir))
    assert first == again
    assert first != other


def test_every_document_is_distinct(synthetic: ModuleType, corpus_dir: Path) -> None:
    texts = list(synthetic.generate(300, corpus=corpus_dir))
    digests = {hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts}
    assert len(texts) == 300
    assert len(digests) == len(texts)


def test_documents_recombine_and_rename(synthetic: ModuleType, corpus_dir: Path) -> None:
    templates = synthetic.load_templates(corpus_dir)
    numbered = [t for t in templates if t.numbered]
    assert numbered, "no numbered minutes in the corpus to recombine"
    texts = list(synthetic.generate(len(templates), corpus=corpus_dir))
    names = synthetic.person_names(corpus_dir)
    assert names
    for template, text in zip(templates, texts, strict=True):
        assert text != template.text
        if template.numbered:  # the opening items, then at least one drawn item, renumbered
            numbers = [int(m["number"]) for m in synthetic._item_starts(text)]
            assert numbers == list(range(1, len(numbers) + 1))
            assert len(numbers) > 3
    # Names are replaced: the corpus' people do not appear in a renamed document.
    renamed = texts[0]
    assert sum(name in renamed for name in names) < len(names) / 10


def test_written_documents_go_through_the_pipeline(
    synthetic: ModuleType, corpus_dir: Path, tmp_path: Path
) -> None:
    """One document per corpus template: each is loaded, none quarantined or failed."""
    count = len(synthetic.load_templates(corpus_dir))
    paths = synthetic.write_minutes(tmp_path / "docs", count, corpus=corpus_dir)
    assert len(paths) == count
    store = EmbeddedStore(tmp_path / "store")
    try:
        summary = run(paths, store, quarantine_dir=tmp_path / "quarantine")
    finally:
        store.close()
    problems = [o.message for o in summary.outcomes if not o.ok]
    assert problems == []
    assert len(summary.with_status(Status.LOADED)) == count
    assert summary.triples > 500 * count
