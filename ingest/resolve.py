"""The `resolve` stage: names as written → persons and organisations, dates → meetings.

What a document says is resolved against `Known` (the store plus the rest of the
batch, see `known.py`), so that every document of a batch, resolved in any order,
agrees on who is who:

* spellings of one person ("Helen Nordling", "Helene Nordling") → one IRI, named
  by the most frequent spelling (scored in `person_match`, grouped in `Known`); a
  first name alone ("Jenny") → the one participant of the meeting with that given
  name, or nobody;
* organisation spellings and abbreviations ("VGR", "Västkom"/"VästKom") → one IRI;
* a yearly summary's month ("mars 2025") → the body's one known meeting in that
  month, and a position it repeats → the decision node of that meeting's minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from rapidfuzz import fuzz
from rdflib import URIRef

from beslutsgraf.ingest.body_owner import owner_of, unit_parent
from beslutsgraf.ingest.concepts import concept_in_name, concepts_of, label_of
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.errors import UnplacedMeeting
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.known import (
    Known,
    KnownDecision,
    PersonKeys,
    body_name,
    conveners,
    extend_known,
    find_cluster,
    person_mentions,
    post_role,
    written_organisation_names,
)
from beslutsgraf.ingest.model import Mentions, PersonMention, PlannedMeeting, YearSummaryEntry
from beslutsgraf.ingest.names import (
    NameCluster,
    fold,
    is_full_name,
    same_organisation,
    split_name,
)
from beslutsgraf.ingest.people import is_unit
from beslutsgraf.ingest.person_match import given_name_key
from beslutsgraf.ontology import BG

__all__ = [
    "Resolved",
    "ResolvedOrganisation",
    "ResolvedPerson",
    "ResolvedPost",
    "SummaryDecision",
    "resolve",
]

# How alike a summary's wording and the minutes' wording of one position must be
# (rapidfuzz ratio on folded text); summaries re-type, so exact match is too strict.
_SAME_DECISION_SCORE = 85.0
# Organisation types whose shape requires bg:convenedBy.
_CONVENED_TYPES = frozenset({BG.samradsorgan, BG.styrgrupp})


@dataclass(frozen=True)
class ResolvedPerson:
    iri: URIRef
    name: str  # canonical spelling (foaf:name)
    spellings: tuple[str, ...]  # the spellings this document uses


@dataclass(frozen=True)
class ResolvedOrganisation:
    iri: URIRef
    name: str  # canonical name (skos:prefLabel)
    spellings: tuple[str, ...]  # the spellings this document uses
    org_type: URIRef | None  # bg:OrgType concept; None: not classified (left untyped)
    convened_by: tuple[URIRef, ...] = ()
    part_of: URIRef | None = None  # the owner of a board ("Socialnämnden i Älvdals kommun")


@dataclass(frozen=True)
class ResolvedPost:
    """A position named instead of a person ("VGR:s hälso- och sjukvårdsutvecklingsdirektör"):
    an org:Post in the organisation the name contains."""

    iri: URIRef
    name: str  # "Direktör, Västkom": the same whichever way a document spells the title
    spelling: str  # as written
    role: URIRef
    post_in: URIRef


@dataclass(frozen=True)
class SummaryDecision:
    """A position listed in a yearly summary, placed at a meeting when one is known."""

    entry: YearSummaryEntry
    iri: URIRef
    meeting: URIRef | None
    date: dt.date | None  # the meeting's date when resolved
    owned: bool  # False: the minutes of its meeting describe the node; this document reports it


@dataclass(frozen=True)
class Resolved:
    """A document's mentions with every name and date resolved to IRIs."""

    mentions: Mentions
    source: URIRef
    body: ResolvedOrganisation | None
    meeting: URIRef | None
    meeting_date: dt.date | None
    previous_meeting: URIRef | None
    previous_meeting_date: dt.date | None
    persons: Mapping[str, ResolvedPerson]  # spelling as written → person
    organisations: Mapping[str, ResolvedOrganisation]  # spelling as written → organisation
    posts: Mapping[str, ResolvedPost]  # name as written → post
    summary_decisions: tuple[SummaryDecision, ...]
    minter: IriMinter = DEFAULT_MINTER
    # (position, spelling) → person, for a spelling that names two people here
    positions: Mapping[tuple[int, str], ResolvedPerson] = field(default_factory=dict)

    def person(self, mention: PersonMention | None) -> ResolvedPerson | None:
        if mention is None:
            return None
        spelling = " ".join(mention.name.split())
        at = self.positions.get((mention.span.start, spelling))
        return at if at is not None else self.persons.get(spelling)

    def organisation(self, name: str | None) -> ResolvedOrganisation | None:
        if not name:
            return None
        return self.organisations.get(" ".join(name.split()))

    def planned_body(self, planned: PlannedMeeting) -> ResolvedOrganisation | None:
        """The body of an announced meeting: the document's own body when none is named,
        or when the name is a shortening of it ("nästa möte i gemensam styrgrupp" in the
        minutes of "Gemensam styrgrupp nytt hälso- och sjukvårdsavtal")."""
        if not planned.body:
            return self.body
        if self.body is not None:
            short = fold(planned.body)
            names = (fold(name) for name in (self.body.name, *self.body.spellings))
            if any(name == short or name.startswith(short + " ") for name in names):
                return self.body
        return self.organisation(planned.body)


def resolve(mentions: Mentions, known: Known, minter: IriMinter = DEFAULT_MINTER) -> Resolved:
    """Resolve one document against what the store and the batch know."""
    # Idempotent when the document is already part of `known` (a batch); adds it when
    # `resolve` is called on its own.
    known = extend_known(known, [mentions], minter)
    document = mentions.document
    persons, positions = _persons(mentions, known, minter)
    organisations = _organisations(mentions, known, minter)
    posts = _posts(mentions, organisations, known, minter)
    for name in posts:
        organisations.pop(name, None)
    body = organisations.get(" ".join((body_name(mentions) or "").split()))
    meeting_date = mentions.meeting.date.as_date() if mentions.meeting.date else None
    meeting = minter.meeting(body.iri, meeting_date) if body and meeting_date else None
    if meeting is None and mentions.items:
        raise _unplaced(mentions, has_body=body is not None, has_date=meeting_date is not None)
    previous, previous_date = None, None
    reference = mentions.previous_meeting
    if body and reference is not None and reference.date is not None:
        previous_date = reference.date.as_date()
        if previous_date is not None:
            previous = minter.meeting(body.iri, previous_date)
    return Resolved(
        mentions=mentions,
        source=minter.source(document.sha256),
        body=body,
        meeting=meeting,
        meeting_date=meeting_date,
        previous_meeting=previous,
        previous_meeting_date=previous_date,
        persons=persons,
        organisations=organisations,
        posts=posts,
        summary_decisions=_summary_decisions(mentions, body, known, minter),
        minter=minter,
        positions=positions,
    )


def _unplaced(mentions: Mentions, *, has_body: bool, has_date: bool) -> UnplacedMeeting:
    items = mentions.items
    decisions = sum(len(item.decisions) for item in items)
    numbers = sorted({item.number for item in items})
    span = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    found = f"{len(items)} agenda item(s) (numbered {span})"
    if decisions:
        found += f" with {decisions} decision(s)"
    lacking = [] if has_date else ["no date with a year"]
    if not has_body:
        lacking.append("no body (the board or committee that met)")
    return UnplacedMeeting(mentions.document.path, found, " and ".join(lacking))


# --------------------------------------------------------------------------- persons


def _participants(mentions: Mentions) -> Iterator[PersonMention]:
    """Everyone the document lists for its meeting: called, invited, present, absent,
    substitutes, chair, secretaries, minutes taker, adjusters."""
    attendance = mentions.attendance
    yield from attendance.called
    yield from attendance.invited
    yield from attendance.others_present
    yield from attendance.absent
    yield from attendance.secretaries
    yield from attendance.adjusters
    for substitution in attendance.substitutions:
        yield substitution.substitute
        yield substitution.substituted
    for standing in attendance.standing_substitutes:
        yield standing.substitute
        yield standing.substituted
    for person in (attendance.chair, attendance.minutes_taker):
        if person is not None:
            yield person


def _persons(
    mentions: Mentions, known: Known, minter: IriMinter
) -> tuple[dict[str, ResolvedPerson], dict[tuple[int, str], ResolvedPerson]]:
    """Persons by spelling, and by (position, spelling) for a spelling that names two
    people in this document (it is twice on the member list)."""
    keys = PersonKeys(mentions, minter)
    used: dict[int, set[str]] = {}
    placed: dict[tuple[int, str], int] = {}
    for mention in person_mentions(mentions):
        key = keys.of(mention)
        index = known.person_of.get(key) if key is not None else None
        if index is None:
            continue
        spelling = " ".join(mention.name.split())
        used.setdefault(index, set()).add(spelling)
        placed[(mention.span.start, spelling)] = index
    resolved = {
        index: ResolvedPerson(
            URIRef(known.people[index].iri), known.people[index].canonical, tuple(sorted(names))
        )
        for index, names in used.items()
    }
    by_spelling: dict[str, set[int]] = {}
    for (_, spelling), index in placed.items():
        by_spelling.setdefault(spelling, set()).add(index)
    persons = {
        spelling: resolved[next(iter(indexes))]
        for spelling, indexes in by_spelling.items()
        if len(indexes) == 1
    }
    positions = {
        place: resolved[index] for place, index in placed.items() if len(by_spelling[place[1]]) > 1
    }
    # A first name alone ("Jenny förtydligar") is the meeting's one participant with
    # that given name; with two (or none) it stays unresolved.
    participants: dict[str, set[int]] = {}
    for mention in _participants(mentions):
        spelling = " ".join(mention.name.split())
        index = placed.get((mention.span.start, spelling))
        if index is not None and is_full_name(spelling):
            participants.setdefault(given_name_key(split_name(spelling)[0]), set()).add(index)
    for mention in person_mentions(mentions):
        spelling = " ".join(mention.name.split())
        if is_full_name(spelling) or not spelling:
            continue
        candidates = participants.get(given_name_key(spelling), set())
        if len(candidates) == 1:
            persons[spelling] = resolved[next(iter(candidates))]
    return persons, positions


# --------------------------------------------------------------------------- organisations


def _org_type(cluster: NameCluster, iri: URIRef, mentions: Mentions, known: Known) -> URIRef | None:
    stored = known.organisation_types.get(str(iri))
    if stored:
        return URIRef(stored)
    names = (cluster.canonical, *cluster.spellings)
    # "Lerums kommun, Sektor vård och omsorg": a unit named after its organisation
    # (people.py) is an administration's, not of its organisation's type.
    if any("," in name and is_unit(name.rsplit(",", 1)[1]) for name in names):
        return BG.forvaltning
    for name in names:
        concept = concept_in_name(BG.OrgType, name)
        if concept is not None:
            return concept
    # A politician listed under "För … kommunalförbund" represents a kommunalförbund:
    # the roster group names the type of the organisations listed in it.
    for person in person_mentions(mentions):
        listed = person.organisation in cluster.spellings and person.section == "politicians"
        if listed and person.group:
            concept = concept_in_name(BG.OrgType, person.group)
            if concept is not None:
                return concept
    return None


def _body_type(mentions: Mentions) -> URIRef | None:
    """The body's type from the header lines ("Politiskt samrådsorgan mellan …")."""
    header = mentions.document.text[: mentions.meeting.span.end]
    for line in header.splitlines():
        concept = concept_in_name(BG.OrgType, line)
        if concept is not None:
            return concept
    return None


def _organisations(
    mentions: Mentions, known: Known, minter: IriMinter
) -> dict[str, ResolvedOrganisation]:
    # Written name → the name it resolves by (a board every kommun has, with its owner).
    resolves_by = {
        " ".join(written.split()): name
        for written, name in written_organisation_names(mentions)
        if written.strip()
    }
    owner = owner_of(mentions)
    grouped: dict[str, tuple[NameCluster, list[str]]] = {}
    for name in sorted(set(resolves_by.values())):
        cluster = find_cluster(known.organisations, name)
        if cluster is not None:
            grouped.setdefault(cluster.canonical, (cluster, []))[1].append(name)
    by_name: dict[str, ResolvedOrganisation] = {}
    for cluster, used in grouped.values():
        iri = (
            URIRef(cluster.fixed_iri)
            if cluster.fixed_iri
            else minter.organisation(cluster.canonical)
        )
        organisation = ResolvedOrganisation(
            iri, cluster.canonical, tuple(used), _org_type(cluster, iri, mentions, known)
        )
        for name in used:
            by_name[name] = organisation
    owner_node = by_name.get(owner.name) if owner.name else None
    for written, name in resolves_by.items():
        if name != written and name in by_name and owner_node is not None:
            # "Socialnämnden i Älvdals kommun": typed as the board it is, part of its owner.
            organisation = by_name[name]
            by_name[name] = replace(
                organisation,
                org_type=concept_in_name(BG.OrgType, written) or organisation.org_type,
                part_of=owner_node.iri,
            )
    for name, organisation in by_name.items():
        parent = by_name.get(unit_parent(name) or "")
        if parent is not None and parent.iri != organisation.iri:
            by_name[name] = replace(organisation, part_of=parent.iri)
    result = {
        key: by_name[name]
        for written, name in resolves_by.items()
        if name in by_name
        for key in (written, name)
    }
    # The profile requires the conveners of a collaboration body; when the text does
    # not name them the organisation stays unclassified rather than asserting a guess.
    for name, organisation in list(result.items()):
        if organisation.org_type in _CONVENED_TYPES:
            result[name] = replace(organisation, org_type=None)
    body = body_name(mentions)
    if body is not None and " ".join(body.split()) in result:
        body_org = result[" ".join(body.split())]
        convened_by = tuple(
            result[" ".join(n.split())].iri
            for n in conveners(mentions)
            if " ".join(n.split()) in result
        )
        body_type = body_org.org_type or _body_type(mentions)
        if body_type in _CONVENED_TYPES and not convened_by:
            body_type = None
        updated = replace(body_org, org_type=body_type, convened_by=convened_by)
        for name, organisation in list(result.items()):
            if organisation.iri == body_org.iri:
                result[name] = updated
    _add_roster_groups(mentions, known, result)
    return result


_GROUP_PARTS = re.compile(r"^\s*(?:för\s+)?(?P<name>[^(]+?)\s*(?:\((?P<short>[^)]+)\))?\s*$", re.I)


def _add_roster_groups(
    mentions: Mentions, known: Known, result: dict[str, ResolvedOrganisation]
) -> None:
    """Map a roster group ("För Västra Götalandsregionen (VGR)") to the organisation it
    names, when the document names that organisation elsewhere too: the group is what
    the members listed under it represent."""
    by_iri = {organisation.iri: organisation for organisation in result.values()}
    for group in sorted({p.group for p in mentions.attendance.called if p.group}):
        match = _GROUP_PARTS.match(group)
        if match is None:
            continue
        for candidate in (match.group("short"), match.group("name")):
            if not candidate:
                continue
            cluster = find_cluster(
                known.organisations, known.abbreviations.get(candidate, candidate)
            )
            if cluster is None:
                cluster = find_cluster(known.organisations, candidate)
            if cluster is None:
                continue
            organisation = next((o for o in by_iri.values() if o.name == cluster.canonical), None)
            if organisation is not None:
                result[" ".join(group.split())] = organisation
                break


# --------------------------------------------------------------------------- posts


def _post_organisation(
    name: str, organisations: Mapping[str, ResolvedOrganisation], known: Known
) -> ResolvedOrganisation | None:
    """The organisation a post's name starts with: "VGR:s …", "VästKoms direktör"."""
    first = name.split()[0]
    bare = re.sub(r":?s$", "", first)
    for candidate in (first, bare, known.abbreviations.get(bare, bare)):
        for spelling, organisation in organisations.items():
            if spelling == candidate or same_organisation(spelling, candidate):
                return organisation
    return None


def _deciding_body(
    decided_by: str | None,
    role: URIRef,
    mentions: Mentions,
    organisations: Mapping[str, ResolvedOrganisation],
    known: Known,
) -> ResolvedOrganisation | None:
    """Without a letterhead, "kommundirektören" is the post of the body whose decision
    names it ("Kommundirektör, Kommunstyrelsen"): the body stands for the kommun the
    minutes do not name, and the assignment keeps its assignee, task and deadline. In a
    collaboration body's minutes, it is the post of the one convener of the kind the
    post belongs to (`_convener_for`), or none: the regiondirektör SRO asks is no post of
    SRO."""
    for name in (decided_by, mentions.meeting.body):
        organisation = organisations.get(" ".join(name.split())) if name else None
        if organisation is not None:
            # Typed by this document or, for a register's body, by the registers.
            kind = organisation.org_type or known.organisation_types.get(str(organisation.iri))
            if kind is not None and URIRef(kind) in _CONVENED_TYPES:
                return _convener_for(role, organisation, known)
            return organisation
    return None


@cache
def _post_kinds() -> dict[URIRef, str]:
    """Role concept → the OrgType IRI of the organisations that have that post."""
    return {BG[role]: str(BG[kind]) for role, kind in read_table("post_organisation_types.tsv")}


def _convener_for(
    role: URIRef, body: ResolvedOrganisation, known: Known
) -> ResolvedOrganisation | None:
    """The one convener of `body` (the document's, else the registers') that is the kind
    of organisation the post belongs to: "regiondirektören" in SRO's minutes is the post
    of the region among VGR and VästKom."""
    kind = _post_kinds().get(role)
    conveners = [str(c) for c in body.convened_by] or list(known.conveners.get(str(body.iri), ()))
    matching = [c for c in conveners if kind and known.organisation_types.get(c) == kind]
    if len(matching) != 1:
        return None
    name = next((c.canonical for c in known.organisations if c.fixed_iri == matching[0]), None)
    if name is None:
        return None
    return ResolvedOrganisation(URIRef(matching[0]), name, (), URIRef(kind) if kind else None)


def _names_the_role_alone(name: str, role: URIRef) -> bool:
    """The whole name is a label of the role, so it names no organisation of its own."""
    return (fold(name), role) in concepts_of(BG.Role)


def _posts(
    mentions: Mentions,
    organisations: Mapping[str, ResolvedOrganisation],
    known: Known,
    minter: IriMinter,
) -> dict[str, ResolvedPost]:
    clauses = [clause for item in mentions.items for clause in item.decisions]
    clauses += [entry.decision for entry in mentions.year_summary]
    posts: dict[str, ResolvedPost] = {}
    for clause in clauses:
        assignees = [name for a in clause.assignments for name in a.assignees]
        for name in (*assignees, *clause.sent_to):
            name = " ".join(name.split())
            role = post_role(name)
            if role is None:
                continue
            # "kommundirektören" or "hälso- och sjukvårdsdirektören" alone is the post in
            # the kommun or region the letterhead names.
            organisation = (
                _post_organisation(name, organisations, known)
                if len(name.split()) > 1 and not _names_the_role_alone(name, role)
                else organisations.get(owner_of(mentions).name or "")
                or _deciding_body(clause.decided_by, role, mentions, organisations, known)
            )
            if organisation is not None and organisation.name != name:
                iri = minter.post(organisation.iri, role)
                label = f"{label_of(role)}, {organisation.name}"
                posts[name] = ResolvedPost(iri, label, name, role, organisation.iri)
    return posts


# --------------------------------------------------------------------------- summaries


def _meeting_in_month(
    known: Known, body: URIRef, year: int, month: int
) -> tuple[URIRef, dt.date] | None:
    candidates = {
        (meeting.iri, meeting.date)
        for meeting in known.meetings
        if meeting.body == body and (meeting.date.year, meeting.date.month) == (year, month)
    }
    return next(iter(candidates)) if len(candidates) == 1 else None


def _best_match(text: str, candidates: list[KnownDecision], taken: set[URIRef]) -> URIRef | None:
    folded = fold(text).lstrip(". ")
    best: tuple[float, URIRef] | None = None
    for candidate in candidates:
        if candidate.iri in taken:
            continue
        score = fuzz.partial_ratio(folded, fold(candidate.text))
        if score >= _SAME_DECISION_SCORE and (best is None or score > best[0]):
            best = (score, candidate.iri)
    return best[1] if best else None


def _summary_decisions(
    mentions: Mentions, body: ResolvedOrganisation | None, known: Known, minter: IriMinter
) -> tuple[SummaryDecision, ...]:
    if body is None:
        return ()
    result = []
    taken: set[URIRef] = set()
    per_topic: dict[tuple[int, int, str], int] = {}
    for entry in mentions.year_summary:
        key = (entry.year, entry.month, fold(entry.topic))
        per_topic[key] = per_topic.get(key, 0) + 1
        # A decision per capsulam was taken without a meeting: never place it at one.
        placed = (
            None
            if entry.per_capsulam
            else _meeting_in_month(known, body.iri, entry.year, entry.month)
        )
        if placed is not None:
            meeting, date = placed
            reported = [d for d in known.decisions if d.meeting == meeting]
            match = _best_match(entry.decision.text, reported, taken)
            if match is not None:
                taken.add(match)
                result.append(SummaryDecision(entry, match, meeting, date, owned=False))
                continue
            period = date.isoformat()
        else:
            meeting, date, period = None, None, f"{entry.year:04d}-{entry.month:02d}"
        iri = minter.unplaced_decision(body.iri, period, entry.topic, per_topic[key])
        result.append(SummaryDecision(entry, iri, meeting, date, owned=True))
    return tuple(result)
