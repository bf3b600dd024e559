"""`run`: the whole pipeline over a set of files, one outcome per document.

The files are ingested in batches of `batch_size`, so that what the run holds
for its documents is bounded by the batch, not by the archive: a batch's
mentions, graphs and `Known` are gone before the next batch is read, and across
batches only the outcomes are kept, for the summary. Per batch:

0. files whose bytes are already in the store (same sha256) are reported as
   unchanged and not read at all: re-ingesting is a no-op;
1. per document, in parallel when `jobs` > 1: read → segment → extract;
2. the cross-document pass: what the store holds (every earlier batch of the run
   included) and what all documents of the batch say (`Known`), so that
   spellings, months and repeated positions resolve the same way whatever the
   order of the files within a batch;
3. per document: resolve → to_rdf → validate (parallel), then, one at a time,
   load into the store or write to quarantine.

Cross-document inference runs from the store to the batch, never back: a
document already loaded is not resolved again. So a batch boundary can change
- a yearly summary's month ("januari 2025"): it is placed at the body's one
  meeting that month only when the document dating it ("den 30 januari 2025") is
  in the same or an earlier batch; in a later batch the summary's decisions stay
  unplaced ("2025-01"), and a position the summary repeats is not joined to the
  minutes' decision node;
- which spelling names a person or an organisation (its IRI and canonical name):
  the first batch that mentions them fixes it, where one batch takes the most
  frequent spelling;
- an abbreviation defined in an earlier batch's text ("Västra Götalandsregionen
  (VGR)"): a later batch knows it only as a label stored on the organisation;
- a name found only in running text joins a person it matches and never creates
  one: a listing of that person in a later batch does not go back to it.

Resolution sees the shipped reference registers (`id:graph/reference`:
municipalities, kommunalförbund, region, parties) first, so document mentions
resolve to their nodes; the graph itself is written (or refreshed when the
shipped data changed) before the first document is loaded.

A document that fails at any stage gets one error line and leaves the store as
it was; the rest of the run goes on. After the last batch, the identity links
between documents are rewritten into `id:graph/resolution`.

What the store's document graphs say of people, organisations, meetings and
decisions is read once per run, and kept for the next run where the store can
hand out a file that no other write leaves stale (known_cache.py): a run that
adds a document to a large store then reads only what changed.

Curator decisions (`curation`, see curation.py) are always honoured: when they
changed since the store was last resolved, files already loaded are read again
instead of being skipped as unchanged, and each graph is rewritten in one update
(a graph that now fails the shapes is quarantined and the stored one stays).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from beslutsgraf.ingest.batch_gc import BatchCollector
from beslutsgraf.ingest.curation import Curation
from beslutsgraf.ingest.errors import (
    MAX_DOCUMENT_BYTES,
    SUPPORTED_SUFFIXES,
    IngestError,
    NoRecognisableContent,
    StoreWriteFailed,
    UnreadableFile,
    ValidationFailed,
)
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.known import Known, extend_known
from beslutsgraf.ingest.known_cache import CACHE_NAME
from beslutsgraf.ingest.known_store import (
    StoredKnownReader,
    WrittenGraph,
    known_from_store,
    written_graph,
)
from beslutsgraf.ingest.load import LoadResult, LoadStatus, already_loaded, load
from beslutsgraf.ingest.meeting import unplaced_content
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.quarantine import quarantine
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.reference import ensure_reference_graph, reference_graph
from beslutsgraf.ingest.reference_known import with_reference
from beslutsgraf.ingest.resolution_graph import stored_curation_checksum, write_resolution_graph
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ingest.shipped_graphs import ensure_graph, vocabulary_graph
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.ingest.validate import ValidationOutcome, validate
from beslutsgraf.ontology import ONTOLOGY_GRAPH
from beslutsgraf.store.base import Store

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DocumentOutcome",
    "IngestSummary",
    "Progress",
    "ProgressUpdate",
    "Status",
    "expand_paths",
    "run",
]

# Documents per batch. A batch's mentions and resolved graphs live in memory together
# with what the store knows (`Known`); each batch reads what was written since the last
# and clusters its people against those they can meet (known_store.py), a cost per batch
# plus one per document, so a batch should be large enough to pay for it once per 200
# documents and small enough to bound the memory.
DEFAULT_BATCH_SIZE = 200


_T = TypeVar("_T")
_R = TypeVar("_R")


class Status(StrEnum):
    LOADED = "loaded"
    # A new version of a file already in the store, or the same bytes resolved anew
    # under a changed curation.
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the same bytes were already loaded: nothing written
    QUARANTINED = "quarantined"  # the graph violates the shapes: not loaded
    FAILED = "failed"  # could not be read or processed: not loaded


@dataclass(frozen=True)
class DocumentOutcome:
    path: Path
    status: Status
    graph: str | None = None  # the document's named graph (its source IRI)
    triples: int = 0
    warnings: int = 0
    message: str | None = None  # the one error line of a failed or quarantined document
    quarantine: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status not in (Status.QUARANTINED, Status.FAILED)


@dataclass(frozen=True)
class IngestSummary:
    outcomes: tuple[DocumentOutcome, ...]
    resolution_triples: int = 0

    @property
    def ok(self) -> bool:
        return all(outcome.ok for outcome in self.outcomes)

    def with_status(self, *statuses: Status) -> tuple[DocumentOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status in statuses)

    @property
    def triples(self) -> int:
        return sum(o.triples for o in self.outcomes)

    @property
    def warnings(self) -> int:
        return sum(o.warnings for o in self.outcomes)


@dataclass(frozen=True)
class ProgressUpdate:
    """Sent once with `outcome=None` when the total is known, then after each document."""

    done: int
    total: int
    outcome: DocumentOutcome | None = None


Progress = Callable[[ProgressUpdate], None]


@dataclass(frozen=True)
class _Batches:
    """What every batch of one run shares (only what is read from the store grows with it)."""

    store: Store
    minter: IriMinter
    curation: Curation
    # When the curation changed, loaded bytes are read and rewritten, not skipped.
    curation_changed: bool
    reference: Graph  # the shipped registers, resolved against before the store
    generated_at: dt.datetime
    quarantine_dir: Path
    before_load: Callable[[], None]  # called before each load (the shipped graphs)
    # What the store knows, read graph by graph and kept across batches; every graph the
    # run writes is forgotten there, so the next batch reads it as written.
    known: StoredKnownReader
    executor: Executor | None = None


@dataclass(frozen=True)
class _Front:
    path: Path
    mentions: Mentions | None = None
    error: str | None = None


@dataclass(frozen=True)
class _Back:
    path: Path
    graph: Graph | None = None
    outcome: ValidationOutcome | None = None
    error: str | None = None
    mentions: Mentions | None = field(default=None, repr=False)
    written: WrittenGraph | None = field(default=None, repr=False)  # when it conforms


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders → their .txt .md .pdf .docx files, recursively, sorted
    (hidden files and READMEs skipped; a file named explicitly is always taken)."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not p.name.startswith(".")
                    # A folder's README describes the folder; it is never minutes.
                    and not p.stem.upper().startswith("README")
                )
            )
        else:
            expanded.append(path)
    return list(dict.fromkeys(expanded))


@dataclass(frozen=True)
class _BackTask:
    mentions: Mentions
    known: Known
    generated_at: dt.datetime
    minter: IriMinter


def _error_line(path: Path, stage: str, error: Exception) -> str:
    if isinstance(error, IngestError):
        return str(error)
    detail = " ".join(str(error).split()) or type(error).__name__
    return (
        f"[E000] {path}: internal error in the {stage} stage ({type(error).__name__}: {detail}); "
        "the document was not loaded; please report it with the file attached"
    )


def _unchanged_graph(path: Path, store: Store, minter: IriMinter) -> str | None:
    """The graph name when the store already holds a graph made from these exact bytes."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_DOCUMENT_BYTES:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None  # the read stage reports it, with its own error line
    sha256 = digest.hexdigest()
    source = minter.source(sha256)
    return str(source) if already_loaded(store, source, sha256) else None


def _has_content(mentions: Mentions) -> bool:
    return bool(
        mentions.items
        or mentions.year_summary
        or mentions.planned_meetings
        or mentions.meeting.date is not None
        or mentions.attendance.called
    )


def _front(path: Path) -> _Front:
    """read → segment → extract for one file; errors become one line."""
    if not path.exists():
        return _Front(path, error=str(UnreadableFile(path, "no such file")))
    stage = "read"
    try:
        document = read(path)
        stage = "segment"
        segments = segment(document)
        stage = "extract"
        mentions = extract(segments)
        if not _has_content(mentions):
            raise NoRecognisableContent(path, *unplaced_content(mentions))
        return _Front(path, mentions=mentions)
    except Exception as error:  # one bad document never stops the batch
        return _Front(path, error=_error_line(path, stage, error))


def _back(task: _BackTask) -> _Back:
    """resolve → to_rdf → validate for one document."""
    path = task.mentions.document.path
    stage = "resolve"
    try:
        resolved = resolve(task.mentions, task.known, task.minter)
        stage = "to_rdf"
        graph = to_rdf(resolved, task.generated_at)
        stage = "validate"
        outcome = validate(graph, task.mentions.document)
        stage = "known"
        written = None
        if outcome.conforms:  # what the next batches will know of it, once it is loaded
            written = written_graph(str(task.minter.source(task.mentions.document.sha256)), graph)
        return _Back(path, graph=graph, outcome=outcome, mentions=task.mentions, written=written)
    except Exception as error:
        return _Back(path, error=_error_line(path, stage, error))


def _mapped(
    executor: Executor | None, function: Callable[[_T], _R], items: Sequence[_T]
) -> Iterator[_R]:
    if executor is None:
        return map(function, items)
    return executor.map(function, items)


_STATUS = {
    LoadStatus.LOADED: Status.LOADED,
    LoadStatus.REPLACED: Status.REPLACED,
    LoadStatus.UNCHANGED: Status.UNCHANGED,
}


def _rejected(back: _Back, batches: _Batches) -> DocumentOutcome | None:
    """The outcome of a document that failed or does not conform; None when it loads."""
    if back.error is not None or back.graph is None or back.outcome is None:
        return DocumentOutcome(back.path, Status.FAILED, message=back.error)
    outcome, graph = back.outcome, back.graph
    if outcome.conforms:
        return None
    assert back.mentions is not None
    # The store is not touched: a graph stored before (other curation) stays.
    folder = quarantine(back.mentions.document, graph, outcome, batches.quarantine_dir)
    first = next(iter(outcome.lines()), "no detail")
    error = ValidationFailed(back.path, outcome.violation_count, first, report=folder)
    return DocumentOutcome(
        back.path, Status.QUARANTINED, None, len(graph), outcome.warning_count, str(error), folder
    )


@dataclass(frozen=True)
class _Loading:
    """A conforming document handed to the load stage (its graph is not kept)."""

    path: Path
    warnings: int
    written: WrittenGraph | None


def _write_failed(path: Path, store: Store, reason: str) -> DocumentOutcome:
    line = str(StoreWriteFailed(path, type(store).__name__, reason))
    return DocumentOutcome(path, Status.FAILED, message=line)


def _loaded(loading: _Loading, result: LoadResult, store: Store) -> DocumentOutcome:
    if result.status == LoadStatus.FAILED:
        return _write_failed(loading.path, store, str(result.error))
    status = _STATUS[result.status]
    return DocumentOutcome(
        loading.path, status, str(result.graph), result.triples, loading.warnings
    )


def _load_all(backs: Iterable[_Back], batches: _Batches) -> Iterator[DocumentOutcome]:
    """Quarantine or load each document; yields each outcome once it is decided (a
    loaded one once its graph is written: the load stage writes new graphs together)."""
    decided: list[DocumentOutcome] = []
    loading: deque[_Loading] = deque()

    def graphs() -> Iterator[Graph]:
        for back in backs:
            rejected = _rejected(back, batches)
            if rejected is not None:
                decided.append(rejected)
                continue
            assert back.graph is not None and back.outcome is not None
            try:
                batches.before_load()
            except Exception as error:  # the store is unreachable or refuses writes
                decided.append(_write_failed(back.path, batches.store, str(error)))
                continue
            loading.append(_Loading(back.path, back.outcome.warning_count, back.written))
            yield back.graph

    # Under a changed curation the stored graph of these bytes is replaced by the one
    # resolved anew, in the same update: never dropped first.
    for result in load(graphs(), batches.store, rewrite=batches.curation_changed):
        yield from decided
        decided.clear()
        handed = loading.popleft()
        if result.status in (LoadStatus.LOADED, LoadStatus.REPLACED):
            if handed.written is not None and handed.written.name == str(result.graph):
                batches.known.learn(handed.written)
            else:
                batches.known.forget(str(result.graph))  # read it back next batch
        yield _loaded(handed, result, batches.store)
    yield from decided


def _ingest_batch(paths: Sequence[Path], batches: _Batches) -> Iterator[DocumentOutcome]:
    """Ingest one batch of files; yields each document's outcome as it is decided."""
    store, minter = batches.store, batches.minter
    # Bytes already in the store need no reading at all: that is the no-op re-ingest.
    to_read = []
    for path in paths:
        unchanged = None if batches.curation_changed else _unchanged_graph(path, store, minter)
        if unchanged is not None:
            yield DocumentOutcome(path, Status.UNCHANGED, unchanged)
        else:
            to_read.append(path)
    pending: list[Mentions] = []
    for front in _mapped(batches.executor, _front, to_read):
        if front.mentions is None:
            yield DocumentOutcome(front.path, Status.FAILED, message=front.error)
            continue
        pending.append(front.mentions)
    if not pending:
        return
    # Resolution sees the shipped registers first, whatever version the store holds.
    stored = replace(known_from_store(batches.known), curation=batches.curation)
    known = extend_known(with_reference(stored, batches.reference), pending, minter)
    tasks = [_BackTask(mentions, known, batches.generated_at, minter) for mentions in pending]
    gc.freeze()  # the batch's mentions and Known too (see batch_gc.py)
    yield from _load_all(_mapped(batches.executor, _back, tasks), batches)


def run(
    paths: Sequence[Path],
    store: Store,
    progress: Progress | None = None,
    jobs: int = 1,
    *,
    quarantine_dir: Path = Path("data/quarantine"),
    generated_at: dt.datetime | None = None,
    minter: IriMinter = DEFAULT_MINTER,
    curation: Curation | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> IngestSummary:
    """Ingest `paths` (files or folders) into `store`, `batch_size` files at a time;
    never raises for a bad document."""
    if batch_size < 1:
        raise ValueError(f"batch_size is at least 1, not {batch_size}")
    curation = curation or Curation()
    resolved_with = stored_curation_checksum(store, minter)
    curation_changed = curation.checksum != resolved_with
    files = expand_paths(paths)
    total = len(files)
    done = 0
    outcomes: dict[Path, DocumentOutcome] = {}

    def report(outcome: DocumentOutcome) -> None:
        nonlocal done
        outcomes[outcome.path] = outcome
        done += 1
        if progress is not None:
            progress(ProgressUpdate(done, total, outcome))

    if progress is not None:
        progress(ProgressUpdate(0, total))
    ingest_time = generated_at or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    reference = reference_graph(minter)
    reference_checked = False

    def ensure_reference() -> None:
        # Once per run, and only when a document is (or already was) in the store:
        # the graphs written point at its nodes (and its concepts), while a batch that
        # loads nothing leaves the store untouched. A no-op when the same data is there.
        nonlocal reference_checked
        if not reference_checked:
            ensure_reference_graph(store, minter, reference)
            ensure_graph(store, ONTOLOGY_GRAPH, vocabulary_graph())
            reference_checked = True

    executor = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 and total > 1 else None
    batches = _Batches(
        store=store,
        minter=minter,
        curation=curation,
        curation_changed=curation_changed,
        reference=reference,
        generated_at=ingest_time,
        quarantine_dir=quarantine_dir,
        before_load=ensure_reference,
        known=StoredKnownReader(store, minter, cache=store.derived_file(CACHE_NAME)),
        executor=executor,
    )
    collector = BatchCollector()  # see batch_gc.py
    try:
        for start in range(0, total, batch_size):
            collector.start_batch()
            try:
                for outcome in _ingest_batch(files[start : start + batch_size], batches):
                    report(outcome)
            finally:
                if start + batch_size < total:  # after the last, `end_run` collects all
                    collector.end_batch()
    finally:
        collector.end_run()
        if executor is not None:
            executor.shutdown()
    if any(o.status == Status.UNCHANGED for o in outcomes.values()):
        ensure_reference()  # a store from before the registers were shipped gets them too
    changed = any(o.status in (Status.LOADED, Status.REPLACED) for o in outcomes.values())
    if curation_changed and any(o.ok for o in outcomes.values()):
        changed = True
    applied = curation
    if curation_changed and any(
        not o.ok and _unchanged_graph(o.path, store, minter) is not None for o in outcomes.values()
    ):
        # A loaded document whose new graph was quarantined (or not written) keeps its
        # graph of the old curation: keep the old checksum, so the next run reads every
        # document again rather than take that graph for up to date.
        applied = replace(curation, checksum=resolved_with)
    resolution_triples = 0
    if changed:
        people = batches.known.stored_people()
        nodes = batches.known.shared_nodes()
        resolution_triples = write_resolution_graph(store, minter, applied, people, nodes)
    batches.known.save()  # after the last write, which deleted the last run's
    return IngestSummary(
        tuple(outcomes[path] for path in files if path in outcomes), resolution_triples
    )
