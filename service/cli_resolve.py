"""CLI command `resolve`: review and refresh person resolution in a store."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from beslutsgraf.service.errors import CliError
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import open_store
from beslutsgraf.store.errors import StoreError

if TYPE_CHECKING:
    from beslutsgraf.ingest.person_match_review import IdentityDecision
    from beslutsgraf.ingest.resolution_report import ResolutionReport

__all__ = ["curation_dir", "register"]

FORMATS = ("table", "json")


def curation_dir(option: Path | None, settings: Settings) -> Path:
    """`--curation`, else `curation/` beside the embedded store (data/store →
    data/curation), else `./curation` for a remote endpoint."""
    if option is not None:
        if not option.is_dir():
            raise CliError(f"{option}: no such curation folder")
        return option
    if settings.endpoint:
        return Path.cwd() / "curation"
    return settings.store_dir.resolve().parent / "curation"


def _names(decision: IdentityDecision) -> str:
    return f"{decision.match.first} ~ {decision.match.second}"


def _evidence(decision: IdentityDecision) -> str:
    return "; ".join(str(item) for item in decision.match.evidence)


def _why(decision: IdentityDecision) -> str:
    if decision.match.curated and decision.match.blocked:
        return "curated not-same"
    if decision.match.blocked:
        return "same member list"
    return "below merge score"


def _tables(report: ResolutionReport) -> list[Table]:
    people = Table(title="Persons merged from several spellings", title_justify="left")
    for column in ("person", "spellings", "documents", "score", "evidence"):
        people.add_column(column, justify="right" if column in ("documents", "score") else "left")
    for cluster in report.merged:
        scores = ", ".join(f"{d.match.score:.3f}" for d in cluster.decisions) or "1.000"
        evidence = " | ".join(_evidence(d) for d in cluster.decisions)
        people.add_row(
            f"{cluster.canonical}\n{cluster.iri}",
            "\n".join(cluster.spellings),
            str(cluster.documents),
            scores,
            evidence,
        )
    people.caption = (
        f"{len(report.clusters)} distinct person(s), {len(report.merged)} merged from variants"
    )
    misses = Table(title="Near misses (not merged)", title_justify="left")
    for column in ("names", "persons", "score", "why not", "evidence"):
        misses.add_column(column, justify="right" if column == "score" else "left")
    shown = {decision.persons for decision in report.near_misses}
    kept_apart = [d for d in report.kept_apart if d.persons not in shown]
    for decision in (*report.near_misses, *kept_apart):
        misses.add_row(
            _names(decision),
            "\n".join(decision.persons),
            f"{decision.match.score:.3f}",
            _why(decision),
            _evidence(decision),
        )
    unknown = Table(title="Organisations not in the reference registers", title_justify="left")
    unknown.add_column("organisation")
    unknown.add_column("IRI")
    unknown.add_column("documents")
    for organisation in report.unknown_organisations:
        unknown.add_row(organisation.name, organisation.iri, ", ".join(organisation.documents))
    unknown.caption = f"{len(report.unknown_organisations)} unknown organisation(s)"
    return [people, misses, unknown]


def _decision_json(decision: IdentityDecision) -> dict[str, Any]:
    return {
        "persons": list(decision.persons),
        "names": [decision.match.first, decision.match.second],
        "score": decision.match.score,
        "merged": decision.merged,
        "blocked": decision.match.blocked,
        "curation_source": decision.match.curation_source,
        "evidence": [str(item) for item in decision.match.evidence],
        "documents": list(decision.sources),
    }


def _json(report: ResolutionReport) -> str:
    return json.dumps(
        {
            "persons": [
                {
                    "iri": cluster.iri,
                    "name": cluster.canonical,
                    "spellings": list(cluster.spellings),
                    "documents": cluster.documents,
                    "decisions": [_decision_json(d) for d in cluster.decisions],
                }
                for cluster in report.clusters
            ],
            "near_misses": [_decision_json(d) for d in report.near_misses],
            "kept_apart": [_decision_json(d) for d in report.kept_apart],
            "unknown_organisations": [
                {"iri": o.iri, "name": o.name, "documents": list(o.documents)}
                for o in report.unknown_organisations
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _contradicted(report: ResolutionReport) -> list[IdentityDecision]:
    """Curator decisions the stored document graphs do not follow yet."""
    merged_against = [
        d
        for cluster in report.clusters
        for d in cluster.decisions
        if d.match.curated and d.match.blocked
    ]
    apart_against = [
        d
        for d in (*report.near_misses, *report.kept_apart)
        if d.match.curated and not d.match.blocked
    ]
    return merged_against + apart_against


def resolve(
    report: Annotated[
        bool, typer.Option("--report", help="Print clusters, near misses, unknown organisations.")
    ] = False,
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
    curation: Annotated[
        Path | None,
        typer.Option(
            help="Curation folder of *.csv and *.ttl files (default: curation/ beside the store)."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table|json (with --report).")
    ] = "table",
) -> None:
    """Review person resolution, or rebuild id:graph/resolution.

    With --report: the persons merged from several spellings with their scores and
    evidence, the near misses that were not merged, and the organisations that are not
    in the reference registers. Without it: rebuild id:graph/resolution from the stored
    documents and the curation files; exit 1 naming the curator decisions that the
    stored documents do not follow yet (ingest those documents again to apply them)."""
    from beslutsgraf.ingest.curation import load_curation
    from beslutsgraf.ingest.errors import IngestError
    from beslutsgraf.ingest.resolution_graph import write_resolution_graph
    from beslutsgraf.ingest.resolution_report import resolution_report

    if output_format not in FORMATS:
        raise CliError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    settings = Settings.from_env(store_dir=store)
    if not settings.store_dir.is_dir():
        raise CliError(f"no store at {settings.store_dir}: ingest documents first, or pass --store")
    try:
        decisions = load_curation(curation_dir(curation, settings))
    except IngestError as error:
        raise CliError(str(error)) from error
    try:
        with closing(open_store(settings.store_dir, None)) as opened:
            if report:
                result = resolution_report(opened, decisions)
                if output_format == "json":
                    print(_json(result))
                else:
                    console = Console(width=160)
                    for table in _tables(result):
                        console.print(table)
                return
            triples = write_resolution_graph(opened, curation=decisions)
            result = resolution_report(opened, decisions)
    except StoreError as error:
        raise CliError(str(error)) from error
    print(f"id:graph/resolution rebuilt: {triples} triples")
    pending = _contradicted(result)
    for decision in pending:
        print(
            f"error: {decision.match.curation_source}: {_names(decision)} is not followed by "
            f"the stored documents ({', '.join(decision.sources)})",
            file=sys.stderr,
        )
    if pending:
        raise CliError(
            f"{len(pending)} curator decision(s) not applied: ingest the documents again "
            "with the same --curation folder"
        )


def register(app: typer.Typer) -> None:
    app.command()(resolve)
