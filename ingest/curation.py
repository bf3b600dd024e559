"""Curator decisions on who is who: `curation/*.csv` and `curation/*.ttl`.

A curator overrides person resolution with pairs:

* CSV, one pair a line under the header `left,right,relation`; `relation` is `same`
  or `not-same`; each side is a name as written ("Kristofer Svensson") or a person
  IRI (`https://w3id.org/beslutsgraf/id/person/kristofer-svensson`);
* Turtle, `owl:sameAs` / `owl:differentFrom` between person IRIs.

A side stands for every spelling whose slug it is (the IRI's last segment, or the
name's slug): "Helen Eliasson" and `…/person/helen-eliasson` both mean "Helén
Eliasson" as well. An IRI with a numeric suffix (`…/anna-svensson-2`) stands for the
stored person with that IRI. Ingestion honours every pair: "not same" keeps two
spellings apart even when their score would merge them, "same" merges them even when
it would not. The folder's checksum tells ingestion when the decisions changed.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, Graph, URIRef

from beslutsgraf.ingest.errors import BadCurationFile
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter, slug

__all__ = [
    "BadCurationFile",
    "Curation",
    "CurationDecision",
    "load_curation",
    "slugs_of",
]

_RELATIONS = {"same": True, "not-same": False}
_COLUMNS = ("left", "right", "relation")


@dataclass(frozen=True)
class CurationDecision:
    left: str  # slug: "kristofer-svensson"
    right: str
    same: bool
    source: str  # "people.csv:3": where the curator said it

    def joins(self, first: frozenset[str], second: frozenset[str]) -> bool:
        """True when the pair relates a slug of `first` to a slug of `second`."""
        return (self.left in first and self.right in second) or (
            self.right in first and self.left in second
        )


@dataclass(frozen=True)
class Curation:
    decisions: tuple[CurationDecision, ...] = ()
    checksum: str = ""  # of the files' names and bytes; "" when there are none

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(s for d in self.decisions for s in (d.left, d.right))

    def verdict(self, first: frozenset[str], second: frozenset[str]) -> CurationDecision | None:
        """The curator's word on two people (each given by its slugs): "not same" wins
        over "same" when a curator said both."""
        found = [d for d in self.decisions if d.joins(first, second)]
        return min(found, key=lambda d: (d.same, d.source)) if found else None


def _side(value: str, path: Path, line: int | None, minter: IriMinter) -> str:
    value = " ".join(value.split())
    if not value:
        raise BadCurationFile(path, line, "a side of the pair is empty")
    if "://" in value:
        person_base = str(minter.person("x"))[: -len("x")]
        if not value.startswith(person_base):
            raise BadCurationFile(
                path, line, f"{value} is not a person IRI (expected {person_base}…)"
            )
        return value[len(person_base) :]
    try:
        return slug(value)
    except ValueError as error:
        raise BadCurationFile(path, line, f"{value!r} is not a name") from error


def _csv_decisions(path: Path, minter: IriMinter) -> list[CurationDecision]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadCurationFile(path, None, f"cannot read the file ({error})") from error
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != _COLUMNS:
        raise BadCurationFile(path, 1, "the header must be exactly: left,right,relation")
    decisions = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(_COLUMNS):
            raise BadCurationFile(path, number, f"expected 3 columns, found {len(row)}")
        left, right, relation = (cell.strip() for cell in row)
        if relation.lower() not in _RELATIONS:
            raise BadCurationFile(
                path, number, f"relation {relation!r} is neither 'same' nor 'not-same'"
            )
        decisions.append(
            CurationDecision(
                _side(left, path, number, minter),
                _side(right, path, number, minter),
                _RELATIONS[relation.lower()],
                f"{path.name}:{number}",
            )
        )
    return decisions


def _turtle_decisions(path: Path, minter: IriMinter) -> list[CurationDecision]:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several types; its message has the line
        raise BadCurationFile(path, None, f"not valid Turtle: {error}") from error
    decisions = []
    for predicate, same in ((OWL.sameAs, True), (OWL.differentFrom, False)):
        for subject, obj in sorted(graph.subject_objects(predicate)):
            if not isinstance(subject, URIRef) or not isinstance(obj, URIRef):
                raise BadCurationFile(
                    path, None, f"{predicate.n3()} must join two person IRIs, not {obj.n3()}"
                )
            term = "owl:sameAs" if same else "owl:differentFrom"
            source = f"{path.name}:{subject.n3()} {term} {obj.n3()}"
            decisions.append(
                CurationDecision(
                    _side(str(subject), path, None, minter),
                    _side(str(obj), path, None, minter),
                    same,
                    source,
                )
            )
    if not decisions:
        raise BadCurationFile(path, None, "no owl:sameAs or owl:differentFrom statement")
    return decisions


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".csv", ".ttl") and not p.name.startswith(".")
    )


def load_curation(folder: Path | None, minter: IriMinter = DEFAULT_MINTER) -> Curation:
    """The decisions in `folder` (no folder, or one that does not exist: none)."""
    if folder is None or not folder.is_dir():
        return Curation()
    decisions: list[CurationDecision] = []
    digest = hashlib.sha256()
    files = _files(folder)
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        if path.suffix.lower() == ".csv":
            decisions += _csv_decisions(path, minter)
        else:
            decisions += _turtle_decisions(path, minter)
    return Curation(tuple(decisions), digest.hexdigest() if files else "")


def slugs_of(
    spellings: Iterable[str], iris: Iterable[str] = (), minter: IriMinter = DEFAULT_MINTER
) -> frozenset[str]:
    """The slugs a curation side may use for a person with these spellings and IRIs."""
    found = set()
    for spelling in spellings:
        try:
            found.add(slug(spelling))
        except ValueError:
            continue
    person_base = str(minter.person("x"))[: -len("x")]
    found.update(iri[len(person_base) :] for iri in iris if iri.startswith(person_base))
    return frozenset(found)
