"""What a § protocol records of how a decision was taken, for `/api/decisions/{id}`: the
motion it follows, the votes with their ballots, the reservations against it, and who
took no part. Each read by one query of `queries/`."""

from __future__ import annotations

from fastapi import Request

from beslutsgraf.service.api_links import ref_from_row
from beslutsgraf.service.api_models import Ballot, Motion, Ref, Reservation, Vote
from beslutsgraf.service.api_sparql import select
from beslutsgraf.service.ld_terms import iri_term, row_int, row_iri, row_text

__all__ = ["abstained", "adopted_motion", "reservations", "votes"]


def _bound(request: Request, name: str, decision: str) -> list[dict[str, str]]:
    return select(request, name, {"decision": iri_term(decision)})


def adopted_motion(request: Request, decision: str, base: str) -> Motion | None:
    rows = _bound(request, "decision-motion", decision)
    if not rows:
        return None
    proposers = [ref_from_row(row, "proposer", "proposerName", base) for row in rows]
    return Motion(
        iri=row_iri(rows[0], "motion") or "",
        text=row_text(rows[0], "text"),
        proposed_by=_unique(proposers),
    )


def votes(request: Request, decision: str, base: str) -> list[Vote]:
    ballots: dict[str, list[Ballot]] = {}
    for row in _bound(request, "decision-ballots", decision):
        voter = ref_from_row(row, "voter", "voterName", base)
        choice = ref_from_row(row, "choice", "choiceLabel", base)
        if voter is not None and choice is not None:
            ballot = Ballot(
                voter=voter, choice=choice, party=ref_from_row(row, "party", "partyLabel", base)
            )
            ballots.setdefault(row_iri(row, "vote") or "", []).append(ballot)
    return [
        Vote(
            iri=(iri := row_iri(row, "vote") or ""),
            yes=row_int(row, "yes"),
            no=row_int(row, "no"),
            abstain=row_int(row, "abstain"),
            question=row_text(row, "question"),
            outcome=row_text(row, "outcome"),
            ballots=ballots.get(iri, []),
        )
        for row in _bound(request, "decision-votes", decision)
    ]


def reservations(request: Request, decision: str, base: str) -> list[Reservation]:
    found: dict[str, Reservation] = {}
    for row in _bound(request, "decision-reservations", decision):
        iri = row_iri(row, "reservation") or ""
        reservation = found.setdefault(
            iri, Reservation(iri=iri, persons=[], parties=[], in_favour_of=None)
        )
        person = ref_from_row(row, "person", "personName", base)
        party = ref_from_row(row, "party", "partyLabel", base)
        if person is not None:
            reservation.persons.append(person)
        if party is not None:
            reservation.parties.append(party)
        favoured = row_iri(row, "favoured")
        if favoured is not None and reservation.in_favour_of is None:
            reservation.in_favour_of = Motion(
                iri=favoured, text=row_text(row, "favouredText"), proposed_by=[]
            )
    return list(found.values())


def abstained(request: Request, decision: str, base: str) -> list[Ref]:
    rows = _bound(request, "decision-abstentions", decision)
    return _unique([ref_from_row(row, "person", "name", base) for row in rows])


def _unique(refs: list[Ref | None]) -> list[Ref]:
    """The refs in order, each IRI once (a proposer may have a name and a label)."""
    seen: set[str] = set()
    unique = []
    for ref in refs:
        if ref is not None and ref.iri not in seen:
            seen.add(ref.iri)
            unique.append(ref)
    return unique
