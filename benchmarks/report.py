"""Ratios, targets and the Markdown table of the service benchmark, from its JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["geomean", "markdown", "ratio", "target", "write_results"]


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return round(numerator / denominator, 3)


def geomean(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None and value > 0]
    if not present:
        return None
    return round(math.exp(sum(math.log(value) for value in present) / len(present)), 3)


def target(name: str, rule: str, value: float | None, passed: bool | None) -> dict[str, Any]:
    return {"name": name, "target": rule, "value": value, "pass": passed}


SLICE_NOTE = ' (a slice; the column "ours p50 on rdflib\'s data" is ours on that slice)'


def _ms(value: Any) -> str:
    return "–" if value is None else f"{value:.2f}"


def _times(value: Any) -> str:
    return "–" if value is None else f"{value:.2f}×"


def markdown(result: Mapping[str, Any]) -> str:
    """The table the benchmark prints: p50 (p95) per query and contender, the ratios,
    then each target with its verdict."""
    dataset = result["dataset"]
    rdflib = result["rdflib"]
    lines = [
        f"### Service benchmark: {dataset['quads']:,} quads, {dataset['documents']:,} "
        f"documents (seed {dataset['seed']}), {result['settings']['repeat']} repeats",
        "",
        f"rdflib-endpoint ran on {rdflib['quads']:,} quads"
        + (SLICE_NOTE if rdflib["slice"] else ""),
        "",
        "| query | kind | ours p50 (p95) ms | oxigraph p50 (p95) ms | ours/oxigraph "
        "| rdflib p50 ms | ours p50 on rdflib's data ms | rdflib/ours | rows |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in result["queries"].items():
        timings = entry["timings"]
        ours, oxi = timings.get("ours", {}), timings.get("oxigraph", {})
        rdf, ours_rdf = timings.get("rdflib", {}), timings.get("ours_rdflib_data", {})
        rows = "/".join(
            str(timings[key].get("rows"))
            for key in ("ours", "oxigraph", "rdflib")
            if key in timings
        )
        lines.append(
            f"| {name} | {entry['kind']} | {_ms(ours.get('p50_ms'))} ({_ms(ours.get('p95_ms'))}) "
            f"| {_ms(oxi.get('p50_ms'))} ({_ms(oxi.get('p95_ms'))}) "
            f"| {_times(entry.get('ours_vs_oxigraph'))} | {_ms(rdf.get('p50_ms'))} "
            f"| {_ms(ours_rdf.get('p50_ms'))} | {_times(entry.get('rdflib_vs_ours'))} | {rows} |"
        )
    load = result["load"]
    lines += [
        "",
        f"Bulk load: ours {load['ours_s']:.2f} s, pyoxigraph {load['pyoxigraph_s']:.2f} s.",
        "",
        "| target | rule | measured | verdict |",
        "|---|---|---|---|",
    ]
    for entry in result["targets"]:
        verdict = {True: "pass", False: "FAIL", None: "n/a"}[entry["pass"]]
        lines.append(f"| {entry['name']} | {entry['target']} | {entry['value']} | {verdict} |")
    return "\n".join(lines) + "\n"


def write_results(out: Path, name: str, report: Mapping[str, Any], table: str) -> None:
    """OUT/NAME.json and OUT/NAME.md, and the table printed: what every benchmark leaves."""
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    (out / f"{name}.json").write_text(text, encoding="utf-8")
    (out / f"{name}.md").write_text(table + "\n", encoding="utf-8")
    print(table)
