"""Person resolution on an archive whose members recur: a body's members are named in
every one of its minutes, so a stored person's group holds a record per document.

For each archive length N (minutes already stored), 40 members (some with a second
spelling) are stored people with N records each; the benchmark times, in CPU seconds,
what a run does with them: clustering a batch of 200 more minutes against them
(`cluster_people`, once per batch) and the identity decisions of the resolution graph
(`identity_decisions`, once per run). Linear means the time per stored record stays
flat as N grows; the synthetic minutes of `bench_ingest.py` name a person in at most a
few dozen documents, so they do not show this.

    python benchmarks/bench_people.py [--sizes 500,2000,5000] [--quick] [--out DIR]

Writes OUT/people.json and OUT/people.md and prints the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.report import write_results
from beslutsgraf.ingest.person_match import PersonContext
from beslutsgraf.ingest.person_match_cluster import PersonGroup, PersonRecord, cluster_people
from beslutsgraf.ingest.person_match_review import identity_decisions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (500, 2000, 5000)
QUICK_SIZES = (100, 400)
MEMBERS = 40
BATCH = 200
# Linear: seconds per 1,000 stored records at the largest size at most this many times
# the smallest size's.
LINEAR_RATIO = 1.5
_GIVEN = ("Anna", "Karin", "Helén", "Axel", "Magnus", "Lars", "Eva", "Maria")
_FAMILY = ("Eliasson", "Josefsson", "Nordling", "Haggren", "Engström", "Sundelin")
_SOURCE = "https://w3id.org/beslutsgraf/id/source/"
_PERSON = "https://w3id.org/beslutsgraf/id/person/"
_START = dt.date(2010, 1, 7)


def _names() -> list[str]:
    return [f"{_GIVEN[i % 8]} {_FAMILY[(i * 5) % 6]}{'-Berg' * (i // 8)}" for i in range(MEMBERS)]


def _variant(name: str) -> str:
    """A second spelling the name rules merge ("Helén" → "Helen")."""
    return name.replace("é", "e") if "é" in name else name + "s"


def _record(spelling: str, minutes: int) -> PersonRecord:
    source = f"{_SOURCE}{minutes:016x}"
    context = PersonContext(
        parties=frozenset({"https://w3id.org/beslutsgraf/id/org/party/s"}),
        organisations=frozenset({"https://w3id.org/beslutsgraf/id/org/sro"}),
        roles=frozenset({"https://w3id.org/beslutsgraf/def#ledamot"}),
        sources=frozenset({source}),
        listed_in=frozenset({source}),
        dates=frozenset({_START + dt.timedelta(weeks=minutes)}),
    )
    return PersonRecord((source, spelling, 0), context, listed=True)


def archive(minutes: int) -> list[PersonGroup]:
    """The members as stored after `minutes` minutes; every tenth minutes writes the
    first eight members' names the other way."""
    groups = []
    for index, name in enumerate(_names()):
        records = tuple(
            _record(_variant(name) if index < 8 and n % 10 == 0 else name, n)
            for n in range(minutes)
        )
        groups.append(PersonGroup(f"{_PERSON}{index}", name, records))
    return groups


def batch(after: int) -> list[PersonRecord]:
    """The next `BATCH` minutes, each naming every member."""
    return [_record(name, after + n) for n in range(BATCH) for name in _names()]


def _cpu_s(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def measure(minutes: int) -> dict[str, Any]:
    stored = archive(minutes)
    records = batch(minutes)
    outcome: list[list[PersonGroup]] = []
    cluster_s = _cpu_s(lambda: outcome.append(cluster_people(records, stored)[0]))
    people = outcome[0]
    decisions: list[object] = []
    decide_s = _cpu_s(lambda: decisions.extend(identity_decisions(people)))
    stored_records = minutes * MEMBERS
    assert len(people) == MEMBERS, "a member of the batch was not joined to its stored person"
    return {
        "archive_minutes": minutes,
        "stored_records": stored_records,
        "batch_records": len(records),
        "cluster_batch_s": round(cluster_s, 3),
        "identity_decisions_s": round(decide_s, 3),
        "identity_decisions": len(decisions),
        "cluster_s_per_1000_records": round(1000 * cluster_s / stored_records, 4),
        "decisions_s_per_1000_records": round(1000 * decide_s / stored_records, 4),
    }


def _growth(runs: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    if len(runs) < 2:
        return None
    first, last = runs[0], runs[-1]
    ratios = {
        key: round(last[key] / first[key], 2) if first[key] > 0 else None
        for key in ("cluster_s_per_1000_records", "decisions_s_per_1000_records")
    }
    return {
        "from_minutes": first["archive_minutes"],
        "to_minutes": last["archive_minutes"],
        "per_record_ratio": ratios,
        "linear": all(value is not None and value <= LINEAR_RATIO for value in ratios.values()),
    }


def _table(runs: Sequence[dict[str, Any]], growth: dict[str, Any] | None) -> str:
    lines = [
        f"### Person resolution, {MEMBERS} members named in every minutes (CPU s)",
        "",
        "| archive minutes | stored records | cluster a batch of "
        f"{BATCH} | identity decisions | cluster s / 1,000 records | decisions s / 1,000 records |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['archive_minutes']:,} | {run['stored_records']:,} | "
            f"{run['cluster_batch_s']:.2f} | {run['identity_decisions_s']:.2f} | "
            f"{run['cluster_s_per_1000_records']:.4f} | {run['decisions_s_per_1000_records']:.4f} |"
        )
    if growth is not None:
        lines += [
            "",
            f"Growth {growth['from_minutes']:,} → {growth['to_minutes']:,} minutes: time per "
            f"stored record ×{growth['per_record_ratio']} "
            f"({'linear' if growth['linear'] else 'NOT linear'}, rule ≤ {LINEAR_RATIO})",
        ]
    return "\n".join(lines)


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=None, help="archive lengths, minutes")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = []
    for minutes in sizes:
        print(f"{minutes} archive minutes …", file=sys.stderr, flush=True)
        runs.append(measure(minutes))
    growth = _growth(runs)
    report = {"members": MEMBERS, "batch_minutes": BATCH, "runs": runs, "growth": growth}
    table = _table(runs, growth)
    write_results(args.out, "people", report, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
