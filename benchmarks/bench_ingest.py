"""Ingestion throughput: synthetic minutes through the whole pipeline into a fresh store.

For each size N, a fresh process (so peak RSS belongs to that size alone)
warms up on the corpus, opens an empty EmbeddedStore in a temporary folder and
runs `beslutsgraf.ingest.run.run` on N synthetic minutes, `--batch-size`
documents at a time (run's default unless given: memory is bounded by the
batch, so 10,000 documents fit a machine whose memory 10,000 documents in one
batch would not). Each stage function
`run` calls is wrapped with a timer, so the numbers are those of the product's
own path (cross-document pass and resolution graph included), not of a copy.
After the run, one more document is ingested into the filled store as the next run
finds it (with what the last run read kept beside it), and another with that file
deleted: the wait of a user adding the next minutes to a store of that size.

Target (issue #4): >= 20 corpus-sized documents per second per core, end to
end including validation and load (50 ms per document), and flat cost per
document up to 10,000 documents.

    python benchmarks/bench_ingest.py [--sizes 100,1000,10000] [--jobs 1] [--batch-size 200]
                                      [--out DIR] [--quick]

Writes OUT/ingest.json and OUT/ingest.md and prints the table. A size whose
projected time would overrun `--budget-s` is skipped and reported as such, and
so is one whose projected peak RSS (fitted like the time) would not fit in the
machine's available memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import multiprocessing
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

if __package__:
    from .report import write_results
    from .synthetic_minutes import SERIES, default_corpus, write_minutes
else:  # run as a script, or imported with benchmarks/ on sys.path
    from report import write_results  # type: ignore[no-redef]
    from synthetic_minutes import SERIES, default_corpus, write_minutes  # type: ignore[no-redef]

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_DOCS_PER_S_PER_CORE = 20.0
# Per-document stages in pipeline order, then the batch-wide passes.
DOCUMENT_STAGES = ("read", "segment", "extract", "resolve", "to_rdf", "validate", "load")
BATCH_STAGES = ("unchanged_check", "known", "resolution_graph")
# The names `run` looks up in its module, and the stage each one is timed as.
_WRAPPED = {
    "read": "read",
    "segment": "segment",
    "extract": "extract",
    "resolve": "resolve",
    "to_rdf": "to_rdf",
    "validate": "validate",
    "load": "load",
    "_unchanged_graph": "unchanged_check",
    "known_from_store": "known",
    "extend_known": "known",
    "written_graph": "known",
    "write_resolution_graph": "resolution_graph",
}
# Stages that are generators over their inputs (see `_StageTimer.wrap_stream`).
_STREAMED = frozenset({"load"})
DEFAULT_SIZES = (100, 1000, 10000)
QUICK_SIZES = (20, 60)
# Flat: docs/s at the largest size is at least 0.8 of that at the smallest. Judged on
# CPU time per document, since wall time on a shared machine moves with the others' load.
LINEAR_RATIO = 0.8
_WARMUP_DOCUMENTS = 2
_ADD_ONE_SEED = 1_000_003  # the documents added after a run: drawn apart from the run's

_F = TypeVar("_F", bound=Callable[..., Any])


# ---------------------------------------------------------------- stage timers


class _StageTimer:
    """Sums wall time per stage; worker processes append to a file per process.

    `run` forks its workers (ProcessPoolExecutor), so a worker inherits the
    wrapped functions but its sums would die with it: it writes one line per
    call instead (microseconds against tens of milliseconds per call).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.main_pid = os.getpid()
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu_seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def record(self, stage: str, seconds: float, cpu_seconds: float) -> None:
        if os.getpid() == self.main_pid:
            self.seconds[stage] += seconds
            self.cpu_seconds[stage] += cpu_seconds
            self.calls[stage] += 1
            return
        with (self.folder / f"worker-{os.getpid()}.tsv").open("a", encoding="utf-8") as file:
            file.write(f"{stage}\t{seconds!r}\t{cpu_seconds!r}\n")

    def wrap(self, stage: str, function: _F) -> _F:
        # CPU time of the calling thread: on a shared machine wall time measures the
        # neighbours' load too, and the process's CPU time would charge the store's own
        # threads (bulk load, background compaction) to whichever stage runs meanwhile.
        # Their share is the process column minus the main thread's.
        def timed(*args: Any, **kwargs: Any) -> Any:
            start, cpu_start = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.record(stage, time.perf_counter() - start, time.thread_time() - cpu_start)

        return timed  # type: ignore[return-value]

    def wrap_stream(self, stage: str, function: _F) -> _F:
        """Time a generator stage that pulls its inputs from its first argument (`load`
        pulls graphs whose making runs the earlier stages): only its own code counts,
        recorded once per result it yields."""

        def timed(inputs: Any, *args: Any, **kwargs: Any) -> Any:
            pulled = [0.0, 0.0]  # wall and CPU seconds spent making inputs

            def source() -> Any:
                for_inputs = iter(inputs)
                while True:
                    start, cpu_start = time.perf_counter(), time.thread_time()
                    try:
                        item = next(for_inputs)
                    except StopIteration:
                        return
                    finally:
                        pulled[0] += time.perf_counter() - start
                        pulled[1] += time.thread_time() - cpu_start
                    yield item

            results = function(source(), *args, **kwargs)
            while True:
                start, cpu_start = time.perf_counter(), time.thread_time()
                before = list(pulled)
                try:
                    result = next(results)
                except StopIteration:
                    return
                finally:
                    wall = time.perf_counter() - start - (pulled[0] - before[0])
                    cpu = time.thread_time() - cpu_start - (pulled[1] - before[1])
                    self.record(stage, wall, cpu)
                yield result

        return timed  # type: ignore[return-value]

    def totals(self) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
        seconds, cpu, calls = dict(self.seconds), dict(self.cpu_seconds), dict(self.calls)
        for path in self.folder.glob("worker-*.tsv"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stage, value, cpu_value = line.split("\t")
                seconds[stage] = seconds.get(stage, 0.0) + float(value)
                cpu[stage] = cpu.get(stage, 0.0) + float(cpu_value)
                calls[stage] = calls.get(stage, 0) + 1
        return seconds, cpu, calls


def _install(timer: _StageTimer) -> None:
    # The package re-exports each stage function under its module's name, so
    # `import beslutsgraf.ingest.run as m` would give the function `run`.
    run_module = importlib.import_module("beslutsgraf.ingest.run")

    for name, stage in _WRAPPED.items():
        wrap = timer.wrap_stream if name in _STREAMED else timer.wrap
        setattr(run_module, name, wrap(stage, getattr(run_module, name)))


# ---------------------------------------------------------------- one size, in its own process


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _proc_mb(path: str, key: str) -> float | None:
    """A "key: N kB" line of a /proc file, in MB (None off Linux)."""
    try:
        for line in Path(path).read_text(encoding="ascii").splitlines():
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _current_rss_mb() -> float:
    current = _proc_mb("/proc/self/status", "VmRSS:")
    return current if current is not None else _peak_rss_mb(resource.RUSAGE_SELF)


def _available_mb() -> float | None:
    return _proc_mb("/proc/meminfo", "MemAvailable:")


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _add_one(store: Any, work: Path, corpus: Path) -> dict[str, Any]:
    """One more document into the store just filled, as a user adds the next minutes:
    first as the next run finds the store (with what the last run read kept beside it,
    known_cache.py), then another with that file deleted (every graph read back)."""
    from beslutsgraf.ingest.run import run
    from beslutsgraf.store.embedded import DERIVED_FOLDER

    # Other names than the run's (synthetic_*): new documents, not new versions. The
    # templates of corpus 002 and 003 name many people, so another seed changes them.
    drawn = write_minutes(work / "drawn", 4, seed=_ADD_ONE_SEED, corpus=corpus)
    result: dict[str, Any] = {}
    for label, source in (("cached", drawn[2]), ("cold", drawn[3])):
        if label == "cold":
            shutil.rmtree(store.path / DERIVED_FOLDER, ignore_errors=True)
        path = work / "added" / label / f"added_{label}.txt"
        path.parent.mkdir(parents=True)
        shutil.copyfile(source, path)
        cpu_before, started = _cpu_seconds(), time.perf_counter()
        summary = run([path], store, quarantine_dir=work / "quarantine")
        result[label] = {
            "wall_s": round(time.perf_counter() - started, 2),
            "cpu_s": round(_cpu_seconds() - cpu_before, 2),
            "status": summary.outcomes[0].status.value,
        }
    return result


def _measure(paths: list[Path], jobs: int, corpus: Path, batch_size: int | None) -> dict[str, Any]:
    """Ingest `paths` into a fresh store; everything but startup is timed."""
    from beslutsgraf.ingest.run import DEFAULT_BATCH_SIZE, Status, run
    from beslutsgraf.store.embedded import EmbeddedStore

    # Workers must inherit the timers; fork is Linux's default on 3.11-3.13,
    # made explicit so a newer default (forkserver) cannot drop worker timings.
    if "fork" in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method("fork", force=True)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        # Warm-up: imports, spaCy pipeline, parsed shapes and vocabulary.
        warm = sorted(corpus.glob("[0-9]*.txt"))[:_WARMUP_DOCUMENTS]
        warm_store = EmbeddedStore(work / "warm-store")
        run(warm, warm_store, quarantine_dir=work / "warm-quarantine")
        warm_store.close()
        startup_s = time.perf_counter() - started
        # After warm-up: what the language pipeline and shapes take, before any batch.
        baseline_rss_mb = _current_rss_mb()

        timer = _StageTimer(work)
        _install(timer)
        store = EmbeddedStore(work / "store")
        cpu_before, main_before = _cpu_seconds(), time.thread_time()
        started = time.perf_counter()
        batch = batch_size or DEFAULT_BATCH_SIZE
        summary = run(paths, store, jobs=jobs, quarantine_dir=work / "quarantine", batch_size=batch)
        wall_s = time.perf_counter() - started
        cpu_s = _cpu_seconds() - cpu_before
        main_thread_s = time.thread_time() - main_before
        seconds, stage_cpu, calls = timer.totals()
        adding = _add_one(store, work, corpus)
        store.close()

    documents = len(paths)
    statuses = {status.value: len(summary.with_status(status)) for status in Status}
    problems = [o.message for o in summary.outcomes if o.message][:5]
    return {
        "documents": documents,
        "jobs": jobs,
        "batch_size": batch,
        "wall_s": round(wall_s, 3),
        "cpu_s": round(cpu_s, 3),
        "docs_per_s": round(documents / wall_s, 3),
        "docs_per_s_per_core": round(documents / wall_s / jobs, 3),
        "docs_per_cpu_s": round(documents / cpu_s, 3) if cpu_s else None,
        "ms_per_doc": round(1000 * wall_s / documents, 2),
        # CPU time is steadier than wall time on a shared machine.
        "cpu_ms_per_doc": round(1000 * cpu_s / documents, 2),
        # The pipeline's own thread: CPU ms/doc above also holds the store's background
        # threads (RocksDB compaction), whose work grows with the store and lands in
        # whichever stage is running (with --jobs > 1 the stages run in the workers).
        "main_thread_cpu_ms_per_doc": round(1000 * main_thread_s / documents, 2),
        "stage_ms_per_doc": {
            stage: round(1000 * seconds.get(stage, 0.0) / documents, 2) for stage in DOCUMENT_STAGES
        },
        "stage_cpu_ms_per_doc": {
            stage: round(1000 * stage_cpu.get(stage, 0.0) / documents, 2)
            for stage in DOCUMENT_STAGES
        },
        "stage_calls": {stage: calls.get(stage, 0) for stage in DOCUMENT_STAGES},
        "batch_stage_s": {stage: round(seconds.get(stage, 0.0), 3) for stage in BATCH_STAGES},
        "batch_stage_calls": {stage: calls.get(stage, 0) for stage in BATCH_STAGES},
        "startup_s": round(startup_s, 3),
        "peak_rss_mb": round(_peak_rss_mb(resource.RUSAGE_SELF), 1),
        "baseline_rss_mb": round(baseline_rss_mb, 1),
        "workers_peak_rss_mb": round(_peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
        "statuses": statuses,
        "add_one": adding,
        "triples": summary.triples,
        "problems": problems,
    }


def _child(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one-size", type=int, required=True)
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args(argv)
    paths = sorted(args.docs.glob("*.txt"))[: args.one_size]
    if len(paths) < args.one_size:
        raise SystemExit(f"error: {args.docs} holds {len(paths)} documents, not {args.one_size}")
    result = _measure(paths, args.jobs, args.corpus, args.batch_size)
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---------------------------------------------------------------- the driver


def _run_size(
    size: int, jobs: int, batch_size: int | None, docs: Path, corpus: Path, timeout_s: float
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--one-size",
        str(size),
        "--docs",
        str(docs),
        "--jobs",
        str(jobs),
        "--corpus",
        str(corpus),
        "--result",
        str(result_path),
        *(["--batch-size", str(batch_size)] if batch_size else []),
    ]
    try:
        completed = subprocess.run(command, timeout=timeout_s, check=False)
        if completed.returncode != 0:
            return {"documents": size, "jobs": jobs, "error": f"exit {completed.returncode}"}
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
        return result
    except subprocess.TimeoutExpired:
        return {"documents": size, "jobs": jobs, "error": f"timed out after {timeout_s:.0f} s"}
    finally:
        result_path.unlink(missing_ok=True)


def _projected_s(measured: list[tuple[int, float]], size: int) -> float | None:
    """Seconds `size` documents will take, from the sizes measured so far.

    Cost per document is fitted as size**k through the last two sizes (k = 0
    when it is flat), so a quadratic stage is projected as one, plus startup.
    """
    if not measured:
        return None
    last_size, last_cost = measured[-1]
    exponent = 0.0
    if len(measured) > 1:
        first_size, first_cost = measured[-2]
        if last_size > first_size and last_cost > first_cost > 0:
            exponent = math.log(last_cost / first_cost) / math.log(last_size / first_size)
    return float(30 + size * last_cost * (size / last_size) ** exponent)


def _projected_rss_mb(runs: list[dict[str, Any]], size: int) -> float | None:
    """Peak RSS (main process and workers) `size` documents will need, extrapolated
    linearly through the last two sizes measured; from one size, everything above
    the warmed-up baseline is taken to grow with the documents (an upper bound)."""
    measured = [r for r in runs if "peak_rss_mb" in r]
    if not measured:
        return None

    def peak(r: dict[str, Any]) -> float:
        return float(r["peak_rss_mb"] + r["workers_peak_rss_mb"])

    last = measured[-1]
    if len(measured) > 1 and last["documents"] > measured[-2]["documents"]:
        previous = measured[-2]
        slope = (peak(last) - peak(previous)) / (last["documents"] - previous["documents"])
    else:
        slope = (last["peak_rss_mb"] - last["baseline_rss_mb"]) / last["documents"]
    return peak(last) + max(slope, 0.0) * (size - last["documents"])


def _growth(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    measured = [r for r in runs if "docs_per_s" in r]
    if len(measured) < 2:
        return None
    small, large = measured[0], measured[-1]
    ratio = large["docs_per_s"] / small["docs_per_s"]
    cpu_ratio = large["cpu_ms_per_doc"] / small["cpu_ms_per_doc"]
    stage_ratio = {
        stage: round(large["stage_cpu_ms_per_doc"][stage] / small["stage_cpu_ms_per_doc"][stage], 2)
        for stage in DOCUMENT_STAGES
        if small["stage_cpu_ms_per_doc"][stage] > 0
    }
    return {
        "from_documents": small["documents"],
        "to_documents": large["documents"],
        "docs_per_s_ratio": round(ratio, 3),
        "cpu_ms_per_doc_ratio": round(cpu_ratio, 3),
        "main_thread_cpu_ms_per_doc_ratio": round(
            large["main_thread_cpu_ms_per_doc"] / small["main_thread_cpu_ms_per_doc"], 3
        ),
        "linear": 1 / cpu_ratio >= LINEAR_RATIO,
        "stage_cpu_ms_ratio": stage_ratio,
        # Main process; flat (near 0) when memory is bounded by the batch.
        "peak_rss_mb_per_1000_docs": round(
            1000
            * (large["peak_rss_mb"] - small["peak_rss_mb"])
            / (large["documents"] - small["documents"]),
            1,
        ),
    }


def _table(runs: list[dict[str, Any]]) -> str:
    stages = " | ".join(f"{stage} thread CPU" for stage in DOCUMENT_STAGES)
    lines = [
        f"| docs | jobs | docs/s | docs/s/core | ms/doc | CPU ms/doc | main thread CPU ms/doc "
        f"| {stages} | known s | add 1 doc s (cached/cold) "
        "| peak RSS MB (main/workers) | batch | loaded/quarantined/failed |",
        "|" + "---:|" * (12 + len(DOCUMENT_STAGES)) + ":---|",
    ]
    for r in runs:
        if "error" in r or "skipped" in r:
            reason = r.get("error") or r.get("skipped")
            blanks = " | ".join("" for _ in range(10 + len(DOCUMENT_STAGES)))
            lines.append(f"| {r['documents']} | {r['jobs']} | {blanks} | {reason} |")
            continue
        stage_cells = " | ".join(f"{r['stage_cpu_ms_per_doc'][s]:.1f}" for s in DOCUMENT_STAGES)
        statuses = r["statuses"]
        lines.append(
            f"| {r['documents']} | {r['jobs']} | {r['docs_per_s']:.2f} "
            f"| {r['docs_per_s_per_core']:.2f} | {r['ms_per_doc']:.0f} "
            f"| {r['cpu_ms_per_doc']:.0f} | {r['main_thread_cpu_ms_per_doc']:.0f} | {stage_cells} "
            f"| {r['batch_stage_s']['known']:.1f} | {_added(r)} "
            f"| {r['peak_rss_mb']:.0f}/{r['workers_peak_rss_mb']:.0f} | {r['batch_size']} "
            f"| {statuses['loaded'] + statuses['replaced']}/{statuses['quarantined']}"
            f"/{statuses['failed']} |"
        )
    return "\n".join(lines)


def _added(run: dict[str, Any]) -> str:
    adding = run.get("add_one") or {}
    if not {"cached", "cold"} <= adding.keys():
        return ""
    return f"{adding['cached']['wall_s']:.1f}/{adding['cold']['wall_s']:.1f}"


def _parse_sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split(",") if part.strip())
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes are positive integers, comma-separated")
    return tuple(sorted(sizes))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--one-size" in argv:
        return _child(argv)
    parser = argparse.ArgumentParser(description="Ingestion throughput on synthetic minutes.")
    parser.add_argument("--sizes", type=_parse_sizes, default=None, help="e.g. 100,1000,10000")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for `run`")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    parser.add_argument("--budget-s", type=float, default=1200.0, help="whole run, seconds")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--series", type=int, default=SERIES, help="documents per body's series")
    parser.add_argument(
        "--batch-size", type=int, default=None, help="documents per batch (run's default)"
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    corpus: Path = args.corpus or default_corpus()
    started = time.perf_counter()
    load_before = os.getloadavg()
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-docs-") as docs_dir:
        docs = Path(docs_dir)
        write_minutes(docs, max(sizes), seed=args.seed, corpus=corpus, series=args.series)
        generate_s = time.perf_counter() - started
        measured: list[tuple[int, float]] = []  # (size, wall seconds per document)
        for size in sizes:
            remaining = args.budget_s - (time.perf_counter() - started)
            projected = _projected_s(measured, size)
            rss, available = _projected_rss_mb(runs, size), _available_mb()
            note = None
            if remaining <= 0 or (projected is not None and projected > remaining):
                note = f"skipped: projected {projected or 0:.0f} s > {max(remaining, 0):.0f} s left"
            elif rss is not None and available is not None and rss > 0.9 * available:
                note = f"skipped: projected peak RSS {rss:.0f} MB > 90% of {available:.0f} MB"
            if note is not None:
                runs.append({"documents": size, "jobs": args.jobs, "skipped": note})
                print(f"{size} documents: {note}", file=sys.stderr)
                continue
            print(f"{size} documents, {args.jobs} job(s) …", file=sys.stderr, flush=True)
            result = _run_size(size, args.jobs, args.batch_size, docs, corpus, timeout_s=remaining)
            runs.append(result)
            if "wall_s" in result:
                measured.append((size, result["wall_s"] / size))
    growth = _growth(runs)
    report: dict[str, Any] = {
        "benchmark": "ingest",
        "created": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {
            "sizes": list(sizes),
            "jobs": args.jobs,
            "batch_size": args.batch_size,
            "seed": args.seed,
            "series": args.series,
        },
        "target": {"docs_per_s_per_core": TARGET_DOCS_PER_S_PER_CORE, "linear_ratio": LINEAR_RATIO},
        "generate_s": round(generate_s, 3),
        "runs": runs,
        "growth": growth,
        "meets_target": bool(runs)
        and all(r.get("docs_per_s_per_core", 0) >= TARGET_DOCS_PER_S_PER_CORE for r in runs),
    }
    table = _table(runs)
    if growth:
        table += (
            f"\n\nGrowth {growth['from_documents']} → {growth['to_documents']} documents: "
            f"docs/s ratio {growth['docs_per_s_ratio']}, "
            f"CPU ms/doc ratio {growth['cpu_ms_per_doc_ratio']} "
            f"(main thread {growth['main_thread_cpu_ms_per_doc_ratio']}; "
            f"{'flat' if growth['linear'] else 'NOT flat'}; stage CPU ms ratios "
            f"{growth['stage_cpu_ms_ratio']}); peak RSS "
            f"{growth['peak_rss_mb_per_1000_docs']} MB per 1000 documents"
        )
    write_results(args.out, "ingest", report, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
