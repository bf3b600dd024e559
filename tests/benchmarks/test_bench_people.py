"""The recurring-members benchmark measures what it says: every member of the new batch
joins its stored person, and the identity decisions are the archive's second spellings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def bench(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("bench_people")


def test_the_archive_members_recur_and_the_batch_joins_them(bench: ModuleType) -> None:
    stored = bench.archive(30)
    assert len(stored) == bench.MEMBERS
    assert {len(group.records) for group in stored} == {30}
    assert len({group.canonical for group in stored}) == bench.MEMBERS
    run = bench.measure(30)
    assert run["stored_records"] == 30 * bench.MEMBERS
    assert run["batch_records"] == bench.BATCH * bench.MEMBERS
    # The eight members written two ways: one merge decision each.
    assert run["identity_decisions"] == 8


def test_the_benchmark_writes_its_json_and_table(bench: ModuleType, tmp_path: Path) -> None:
    assert bench.main(["--sizes", "20,40", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "people.json").read_text(encoding="utf-8"))
    assert [run["archive_minutes"] for run in report["runs"]] == [20, 40]
    assert report["growth"]["from_minutes"] == 20
    table = (tmp_path / "people.md").read_text(encoding="utf-8")
    assert "| 40 | 1,600 |" in table
