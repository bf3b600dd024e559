"""What resolution already knows: entities in the store plus the rest of the batch.

`resolve` decides who is who one document at a time, but the decisions must
agree across documents: the same person spelled three ways in three documents is
one node, a yearly summary's "mars 2025" is the meeting another document dates
2025-03-06, and a position reported twice is one decision. `Known` carries what
the store and the other documents of the batch say, so each document can be
resolved (in any order, in any worker) against the same picture.

Entities already in the store keep their IRI and canonical name: an IRI never
changes once written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from rdflib import URIRef

from beslutsgraf.ingest.body_owner import names_a_body, owner_of, unit_parent
from beslutsgraf.ingest.concepts import concept_in_name, concepts_of
from beslutsgraf.ingest.curation import Curation, slugs_of
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.model import (
    AgendaItem,
    AgreementMention,
    DecisionClause,
    MeetingStatus,
    Mentions,
    PersonMention,
)
from beslutsgraf.ingest.names import (
    NameCluster,
    first_cluster_with,
    fold,
    is_full_name,
    same_organisation,
)
from beslutsgraf.ingest.people import is_organisation_like
from beslutsgraf.ingest.person_match import PersonContext
from beslutsgraf.ingest.person_match_cluster import (
    PersonGroup,
    PersonRecord,
    RecordKey,
    cluster_people,
)
from beslutsgraf.ingest.stems import StemIndex
from beslutsgraf.ontology import BG

__all__ = [
    "Known",
    "KnownDecision",
    "KnownMeeting",
    "PersonKeys",
    "StoredView",
    "abbreviations_in",
    "body_name",
    "body_named",
    "cluster_organisations",
    "conveners",
    "extend_known",
    "find_cluster",
    "listed_person_names",
    "literal_value",
    "names_a_post",
    "organisation_names",
    "person_mentions",
    "person_record_key",
    "post_role",
]


@dataclass(frozen=True)
class KnownMeeting:
    iri: URIRef
    body: URIRef
    date: dt.date


@dataclass(frozen=True)
class KnownDecision:
    iri: URIRef
    meeting: URIRef
    text: str


class StoredView(Protocol):
    """What the store holds, as `extend_known` asks for it: only what the batch can
    meet, so the cost of a batch does not grow with the store (see known_store.py)."""

    def people_near(self, spellings: Iterable[str], slugs: Iterable[str]) -> set[str]:
        """The person nodes with one of `spellings` or a merge key of one (see
        `merge_keys`), or one of `slugs`: all a record of those spellings can join."""
        ...

    def person(self, node: str) -> PersonGroup | None: ...

    def graphs_named(self, file_names: Iterable[str]) -> set[str]:
        """The document graphs of files with these names."""
        ...

    def meetings_in(self, months: Iterable[tuple[URIRef | None, int, int]]) -> list[KnownMeeting]:
        """The meetings of a body (None: any body) in a month, ordered by IRI."""
        ...

    def decisions_at(self, meetings: Iterable[URIRef]) -> list[KnownDecision]:
        """The decisions taken at these meetings, ordered by IRI."""
        ...


@dataclass(frozen=True)
class Known:
    # People (store and batch) and where each person record went (index into people).
    # With `stored`, the store's people are not listed: only those the batch met are.
    people: tuple[PersonGroup, ...] = ()
    person_of: Mapping[RecordKey, int] = field(default_factory=dict)
    documents: frozenset[str] = frozenset()  # sha256 of the batch documents included
    file_names: Mapping[str, str] = field(default_factory=dict)  # stored graph → file name
    curation: Curation = field(default_factory=Curation)
    organisations: tuple[NameCluster, ...] = ()
    abbreviations: Mapping[str, str] = field(default_factory=dict)  # "VGR" → long name
    organisation_types: Mapping[str, str] = field(default_factory=dict)  # org IRI → OrgType
    # The registers' collaboration bodies → their conveners (IRIs): SRO → VGR, VästKom.
    conveners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # With `stored`: only those a yearly summary of the batch can be placed at.
    meetings: tuple[KnownMeeting, ...] = ()
    decisions: tuple[KnownDecision, ...] = ()
    # Short forms of the reference registers' organisations ("Fyrbodalsregionen"):
    # a name no other rule places joins the seed with this IRI (see stems.py).
    reference_stems: StemIndex = field(default_factory=StemIndex)
    # The store's people, meetings and decisions, asked for by `extend_known`, which
    # keeps only what the batch can meet (and drops the view: it stays in this process).
    stored: StoredView | None = field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------- names in a document


def listed_person_names(mentions: Mentions) -> frozenset[str]:
    """The names a document lists as people (not only in running text), spaces folded:
    an assignee so named ("ger Sofia Berglund i uppdrag") is a person, not a body."""
    return frozenset(" ".join(p.name.split()) for p in person_mentions(mentions, free_text=False))


def person_mentions(mentions: Mentions, *, free_text: bool = True) -> Iterator[PersonMention]:
    """Every person mention of a document, wherever the extractor put it.

    `free_text=False` leaves out names found only in running text: those may be
    misreadings ("Life Science"), so they never create a person on their own."""
    if free_text:
        yield from mentions.people
    attendance = mentions.attendance
    yield from attendance.called
    yield from attendance.invited
    yield from attendance.others_present
    yield from attendance.absent
    yield from attendance.not_present
    yield from attendance.secretaries
    yield from attendance.adjusters
    for substitution in attendance.substitutions:
        yield substitution.substitute
        yield substitution.substituted
    for standing in attendance.standing_substitutes:
        yield standing.substitute
        yield standing.substituted
    if attendance.chair is not None:
        yield attendance.chair
    if attendance.minutes_taker is not None:
        yield attendance.minutes_taker
    for change in attendance.chair_changes:
        yield change.person
    for event in mentions.role_events:
        yield event.person
        if event.predecessor is not None:
            yield event.predecessor
    for item in mentions.items:
        yield from item.presenters
        if item.chaired_by is not None:
            yield item.chaired_by
        if free_text:
            # The names a vote lists ("Ja-röster: …", an omröstningslista's rows).
            yield from _voters(item)
        else:
            # "Ulla Hedin (M) reserverar sig", "… lämnar en protokollsanteckning": a name with
            # its party, as a member list writes it, is a person even where no member list
            # is printed (a protocol extract).
            yield from (person for person in _named_in_procedure(item) if person.party)
            # A vote list names the members who voted, each a full name in a list of votes,
            # party or not: a person of the meeting even on no attendance list.
            yield from _voters(item)


def _named_in_procedure(item: AgendaItem) -> Iterator[PersonMention]:
    """Who puts a motion, reserves against the decision or writes a protocol note."""
    for motion in item.motions:
        yield from motion.persons
    for filed in item.filed_motions:
        yield from filed.persons
    for reservation in item.reservations:
        yield from reservation.persons
    for note in item.notes:
        yield from note.persons


def _voters(item: AgendaItem) -> Iterator[PersonMention]:
    for vote in item.votes:
        yield from (ballot.voter for ballot in vote.ballots)


_ABBREVIATION = re.compile(r"\(([A-ZÅÄÖ]{2,6})\)")
_NAME_WORD = re.compile(r"[\wÅÄÖåäöé-]+\.?")


def abbreviations_in(text: str) -> dict[str, str]:
    """Abbreviations a text defines: "Västra Götalandsregionen (VGR)" → {"VGR": …}.

    The long form is the longest run of up to six words before the parenthesis
    that starts with the abbreviation's letter and contains its letters in order,
    so a party after a name ("Madeleine Jonsson (MP)") is not taken for one."""
    found: dict[str, str] = {}
    for match in _ABBREVIATION.finditer(text):
        abbreviation = match.group(1)
        before = re.split(r"[,;:()\n\t]", text[: match.start()])[-1]
        words = _NAME_WORD.findall(before)
        best = None
        for size in range(1, min(6, len(words)) + 1):
            candidate = " ".join(words[-size:])
            folded = fold(candidate).replace(" ", "")
            if folded[:1] == fold(abbreviation)[:1] and _is_subsequence(fold(abbreviation), folded):
                best = candidate
        if best is not None and fold(best) != fold(abbreviation):
            found.setdefault(abbreviation, best)
    return found


def _is_subsequence(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def body_name(mentions: Mentions) -> str | None:
    """The name of the body whose meeting the document reports."""
    body = mentions.meeting.body
    return body.strip() if body and body.strip() else None


_CONVENED = re.compile(r"\bmellan\s+(.+?)\s+och\s+(.+?)\s*$", re.MULTILINE)


def conveners(mentions: Mentions) -> tuple[str, ...]:
    """The organisations the header says convene the body: "… samrådsorgan mellan
    VästKom och Västra Götalandsregionen" → ("VästKom", "Västra Götalandsregionen")."""
    # The line naming the conveners sits under the title, before or in the header.
    text = mentions.document.text[: mentions.meeting.span.end]
    for line in text.splitlines():
        match = _CONVENED.search(line)
        if match:
            return tuple(name.strip(" .*") for name in match.groups())
    return ()


def _plausible(name: str) -> bool:
    # A word cut at a line break ("strategiska Hälso-") or a stray parenthesis is a
    # misreading of the line, not an organisation.
    return not name.rstrip().endswith("-") and name.count("(") == name.count(")")


@cache
def _assemblies() -> frozenset[str]:
    rows = read_table("organisation_words.tsv")
    return frozenset(row[1].casefold() for row in rows if row[0] == "assembly")


def body_named(written: str) -> str:
    """The name of a body a decision names as its addressee. An assembly named generically
    ("rekommenderar regionfullmäktige att") is the Regionfullmäktige of the organisation
    whose board meets: a name, with the capital prose gives it, so that it resolves to
    that body in the registers or to a node so labelled. Groups ("kommunerna") stay."""
    return written[:1].upper() + written[1:] if written.casefold() in _assemblies() else written


def organisation_names(mentions: Mentions) -> Iterator[str]:
    """Every organisation name a document uses, as it resolves: a board every kommun has
    named with its owner ("Socialnämnden i Älvdals kommun", body_owner.py), the owner
    itself, and the rest as written."""
    yield from dict(written_organisation_names(mentions)).values()


def written_organisation_names(mentions: Mentions) -> Iterator[tuple[str, str]]:
    """Each organisation name as written in a document (people's organisations, boards,
    the body itself, assignees, bodies recommended to decide) with the name it resolves
    by; the letterhead's owner of the document's boards is one of them."""
    owner = owner_of(mentions)
    if owner.name is not None:
        yield owner.name, owner.name
    for name in _all_organisation_names(mentions):
        if _plausible(name):
            yield name, owner.qualify(name)
            parent = unit_parent(name)
            if parent is not None:  # its node, for org:subOrganizationOf
                yield parent, owner.qualify(parent)


def _all_organisation_names(mentions: Mentions) -> Iterator[str]:
    body = body_name(mentions)
    if body is not None:
        yield body
    yield from conveners(mentions)
    for person in person_mentions(mentions):
        if person.organisation:
            yield person.organisation
        if person.role_organisation:
            yield person.role_organisation
    for event in mentions.role_events:
        if event.organisation:
            yield event.organisation
    clauses = [clause for item in mentions.items for clause in item.decisions]
    clauses += [entry.decision for entry in mentions.year_summary]
    people = listed_person_names(mentions)
    for clause in clauses:
        yield from (name for name in _addressees(clause, people) if not names_a_post(name))
    for planned in mentions.planned_meetings:
        if planned.body:
            yield planned.body
    for agreement in _agreements(mentions.items, clauses):
        yield from agreement.parties


def _addressees(clause: DecisionClause, people: frozenset[str]) -> Iterator[str]:
    """The organisations a decision may address: assignees, the body to report to, bodies
    recommended to decide, recipients."""
    for assignment in clause.assignments:
        yield from (a for a in assignment.assignees if " ".join(a.split()) not in people)
        if assignment.report_to:
            yield body_named(assignment.report_to)
    yield from map(body_named, clause.recommends_to)
    # A recipient is an organisation only when it reads as one ("Ekonomienheten",
    # not "Akten" or "Sökanden"); a listed person stays that person.
    yield from (
        body_named(name)
        for name in clause.sent_to
        if " ".join(name.split()) not in people and is_organisation_like(name)
    )


def names_a_post(name: str) -> bool:
    """An official named by the post ("regiondirektören", "Socialchefen", "VGR:s
    hälso- och sjukvårdsdirektör") is a post of an organisation (resolve.py), never an
    organisation of its own: a role of bg:Role ends a word of the name."""
    return post_role(name) is not None


def post_role(name: str) -> URIRef | None:
    """The role of bg:Role a name names a post by, if any. A board's preparing body whose
    last word is also a role's ("Kommunstyrelsens beredning": the role "beredning" is the
    official who prepares) names a body, not that official's post."""
    role = concept_in_name(BG.Role, name)
    words = name.split()
    if role is None or len(words) < 2 or not names_a_body(name):
        return role
    return None if (fold(words[-1]), role) in concepts_of(BG.Role) else role


def _agreements(
    items: Sequence[AgendaItem], clauses: Sequence[DecisionClause]
) -> Iterator[AgreementMention]:
    """Every agreement the items and decisions name, and the agreements they are part of
    or replace."""
    named = [agreement for item in items for agreement in item.agreements]
    for clause in clauses:
        named += clause.concerns
        if clause.prolongs is not None:
            named.append(clause.prolongs)
    while named:
        agreement = named.pop()
        yield agreement
        if agreement.part_of is not None:
            named.append(agreement.part_of)
        named += agreement.replaces


# --------------------------------------------------------------------------- organisations


def _expand(name: str, abbreviations: Mapping[str, str]) -> str:
    return abbreviations.get(name.strip(), name.strip())


def _matching_group(
    name: str,
    groups: list[list[str]],
    abbreviations: Mapping[str, str],
    seeds: Sequence[NameCluster],
    stems: StemIndex,
) -> list[str] | None:
    expanded = _expand(name, abbreviations)

    def same(group: list[str]) -> bool:
        return name in group or any(
            same_organisation(expanded, _expand(other, abbreviations)) for other in group
        )

    seeded, found = groups[: len(seeds)], groups[len(seeds) :]
    group = next((g for g in seeded if same(g)), None)
    if group is None:
        # A register organisation's short form wins over a group the batch started.
        iri = stems.match(expanded)
        if iri is not None:
            pairs = zip(seeded, seeds, strict=True)
            group = next((g for g, seed in pairs if seed.fixed_iri == iri), None)
    return group if group is not None else next((g for g in found if same(g)), None)


def cluster_organisations(
    names: Iterable[str],
    abbreviations: Mapping[str, str],
    seeds: Sequence[NameCluster] = (),
    stems: StemIndex | None = None,
) -> list[NameCluster]:
    """Group organisation spellings; an abbreviation joins its long form's group,
    a register organisation's short form (`stems`) that organisation's seed.

    Canonical: the long form an abbreviation stands for, else the most frequent
    spelling, ties to the alphabetically first (order-independent)."""
    counts: dict[str, int] = {}
    for name in names:
        name = " ".join(name.split())
        if name:
            counts[name] = counts.get(name, 0) + 1
    groups: list[list[str]] = [list(seed.spellings) for seed in seeds]
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        group = _matching_group(name, groups, abbreviations, seeds, stems or StemIndex())
        if group is None:
            groups.append([name])
        elif name not in group:
            group.append(name)
    long_forms = set(abbreviations.values())
    clusters = []
    for index, group in enumerate(groups):
        if index < len(seeds):
            seed = seeds[index]
            clusters.append(NameCluster(seed.canonical, tuple(sorted(group)), seed.fixed_iri))
            continue
        members = set(group) | {_expand(n, abbreviations) for n in group}
        preferred = [n for n in members if n in long_forms] or [
            n for n in members if n not in abbreviations
        ]
        canonical = min(preferred or members, key=lambda n: (-counts.get(n, 0), n))
        clusters.append(NameCluster(canonical, tuple(sorted(members))))
    return clusters


def find_cluster(clusters: Iterable[NameCluster], spelling: str) -> NameCluster | None:
    return first_cluster_with(clusters, " ".join(spelling.split()))


# --------------------------------------------------------------------------- the batch


def _body_iri(
    mentions: Mentions, organisations: Sequence[NameCluster], minter: IriMinter
) -> URIRef | None:
    name = body_name(mentions)
    if name is None:
        return None
    name = owner_of(mentions).qualify(name)
    cluster = find_cluster(organisations, name)
    if cluster is not None and cluster.fixed_iri:
        return URIRef(cluster.fixed_iri)
    return minter.organisation(cluster.canonical if cluster else name)


def _organisation_iris(clusters: Sequence[NameCluster], minter: IriMinter) -> dict[str, str]:
    iris: dict[str, str] = {}
    for cluster in clusters:
        iri = cluster.fixed_iri or str(minter.organisation(cluster.canonical))
        for spelling in cluster.spellings:
            iris.setdefault(spelling, iri)
    return iris


class PersonKeys:
    """Which person record each full-name mention of a document belongs to.

    A spelling is one record per document, except when one section of the member list
    holds it at several entries: those are different people (records numbered by
    position), and a mention of that spelling elsewhere cannot tell which one it means
    (no record). A name in two sections is one person: a protocol lists a serving
    deputy among "Beslutande" and again under "Tjänstgörande ersättare"."""

    def __init__(self, mentions: Mentions, minter: IriMinter = DEFAULT_MINTER) -> None:
        self.source = str(minter.source(mentions.document.sha256))
        entries: dict[str, set[int]] = {}
        per_section: Counter[tuple[str, str | None]] = Counter()
        for person in mentions.attendance.called:
            entries.setdefault(_spelling(person.name), set()).add(person.span.start)
            per_section[(_spelling(person.name), person.section)] += 1
        self.listed = {start for starts in entries.values() for start in starts}
        self.ordinals: dict[tuple[str, int], int] = {}
        self.duplicated: set[str] = set()
        repeated = {spelling for (spelling, _), count in per_section.items() if count > 1}
        for spelling, starts in entries.items():
            if spelling in repeated:
                self.duplicated.add(spelling)
                for ordinal, start in enumerate(sorted(starts)):
                    self.ordinals[(spelling, start)] = ordinal

    def of(self, mention: PersonMention) -> RecordKey | None:
        spelling = _spelling(mention.name)
        if not is_full_name(spelling):
            return None
        if spelling not in self.duplicated:
            return (self.source, spelling, 0)
        ordinal = self.ordinals.get((spelling, mention.span.start))
        return None if ordinal is None else (self.source, spelling, ordinal)


def person_record_key(mentions: Mentions, mention: PersonMention) -> RecordKey | None:
    """The record of one mention (see `PersonKeys`; build that once per document)."""
    return PersonKeys(mentions).of(mention)


def _spelling(name: str) -> str:
    return " ".join(name.split())


def _person_records(
    mentions: Mentions, organisation_iris: Mapping[str, str], minter: IriMinter
) -> list[PersonRecord]:
    """One record per person the document names, with what it says around the names."""
    keys = PersonKeys(mentions, minter)
    qualify = owner_of(mentions).qualify
    header_date = mentions.meeting.date.as_date() if mentions.meeting.date else None
    # Names found only in running text may be misreadings: they join, never create.
    firm = {(p.span.start, p.name) for p in person_mentions(mentions, free_text=False)}
    places: dict[RecordKey, set[int]] = {}
    firm_keys: set[RecordKey] = set()
    listed: set[RecordKey] = set()
    contexts: dict[RecordKey, PersonContext] = {}
    for person in person_mentions(mentions):
        key = keys.of(person)
        if key is None:
            continue
        is_firm = (person.span.start, person.name) in firm
        if is_firm:
            firm_keys.add(key)
            # One occurrence per place: the chair repeated on every item is one vote.
            places.setdefault(key, set()).add(person.span.start)
        on_list = person.span.start in keys.listed
        if on_list:
            listed.add(key)
        organisations = {
            organisation_iris[qualify(name)]
            for name in (person.organisation, person.role_organisation)
            if name and qualify(name) in organisation_iris
        }
        context = PersonContext(
            parties=frozenset({str(minter.party(person.party))} if person.party else ()),
            organisations=frozenset(organisations),
            roles=frozenset(r for r in (person.role, person.meeting_role) if r),
            sources=frozenset({keys.source}),
            listed_in=frozenset({keys.source}) if on_list else frozenset(),
            dates=frozenset({header_date}) if header_date else frozenset(),
        )
        contexts[key] = contexts[key].union(context) if key in contexts else context
    return [
        PersonRecord(
            key,
            context,
            occurrences=len(places.get(key, ())),
            listed=key in listed,
            attach_only=key not in firm_keys,
        )
        for key, context in sorted(contexts.items())
    ]


def extend_known(
    known: Known, batch: Sequence[Mentions], minter: IriMinter = DEFAULT_MINTER
) -> Known:
    """`known` plus what the documents of `batch` say; what `known` held is kept as is
    (a document already included is not added twice)."""
    batch = [m for m in batch if m.document.sha256 not in known.documents]
    if not batch:
        return known
    # A party's letters after a name ("Kalle Dahl (KD)") are not an organisation's
    # abbreviation: the extractor has read them as parties.
    parties = {
        person.party for mentions in batch for person in person_mentions(mentions) if person.party
    }
    abbreviations = dict(known.abbreviations)
    for mentions in batch:
        for short, long in abbreviations_in(mentions.document.text).items():
            if short not in parties:
                abbreviations.setdefault(short, long)
    organisations = cluster_organisations(
        (name for mentions in batch for name in organisation_names(mentions)),
        abbreviations,
        known.organisations,
        known.reference_stems,
    )
    organisation_iris = _organisation_iris(organisations, minter)
    records = [
        record
        for mentions in batch
        for record in _person_records(mentions, organisation_iris, minter)
    ]
    # The documents of the batch replace their earlier versions: what those said about
    # people is left out, so a curator's new decision applies to them again.
    replaced = {str(minter.source(m.document.sha256)) for m in batch}
    names = {m.document.path.name for m in batch}
    replaced |= {graph for graph, name in known.file_names.items() if name in names}
    if known.stored is not None:
        replaced |= known.stored.graphs_named(names)
    people, person_of = _clustered(known, records, frozenset(replaced), minter)
    meetings, decisions = _meetings_and_decisions(known, batch, organisations, minter)
    return Known(
        people=tuple(people),
        person_of=person_of,
        documents=known.documents | {m.document.sha256 for m in batch},
        file_names=known.file_names,
        curation=known.curation,
        organisations=tuple(organisations),
        abbreviations=abbreviations,
        organisation_types=dict(known.organisation_types),
        conveners=known.conveners,
        meetings=meetings,
        decisions=decisions,
        reference_stems=known.reference_stems,
    )


def _clustered(
    known: Known, records: list[PersonRecord], replaced: frozenset[str], minter: IriMinter
) -> tuple[list[PersonGroup], dict[RecordKey, int]]:
    """The people of `known` and of `records` (see `cluster_people`)."""
    own = [kept for g in known.people if (kept := g.without_sources(replaced)) is not None]
    stored = known.stored
    if stored is None:
        return cluster_people(records, own, known.curation, minter)
    # Only the stored people a record can join are seeds: `cluster_people` scores no
    # other (it looks up spellings, merge keys and a curator's "same"), and the seeds
    # keep their order (by IRI), so ties go where they would with every person.
    spellings = {record.spelling for record in records}
    nodes = stored.people_near(spellings, _curated_partners(spellings, known.curation, minter))
    while True:
        seeds = [
            kept
            for node in sorted(nodes)
            if (group := stored.person(node)) is not None
            and (kept := group.without_sources(replaced)) is not None
        ]
        people, person_of = cluster_people(records, [*own, *seeds], known.curation, minter)
        # A new person's IRI must not be a stored person's: one it would take joins the
        # seeds (it is no candidate, so nothing else moves) and the naming is done again.
        taken = {
            group.iri
            for group in people[len(own) + len(seeds) :]
            if group.iri not in nodes
            and (other := stored.person(group.iri)) is not None
            and other.without_sources(replaced) is not None
        }
        if not taken:
            return people, person_of
        nodes |= taken


def _curated_partners(spellings: Iterable[str], curation: Curation, minter: IriMinter) -> set[str]:
    """The slugs a curator said are the same person as one of `spellings`."""
    curated = curation.slugs
    if not curated:
        return set()
    partners = set()
    for spelling in spellings:
        for value in slugs_of([spelling], (), minter) & curated:
            for decision in curation.decisions:
                if decision.same and value in (decision.left, decision.right):
                    partners.add(decision.right if value == decision.left else decision.left)
    return partners


_Month = tuple[URIRef | None, int, int]  # (body, year, month); None: any body


def _summary_months(
    batch: Sequence[Mentions], organisations: Sequence[NameCluster], minter: IriMinter
) -> set[_Month]:
    """Where `resolve` looks for the meeting of a yearly summary's month: at the
    document's body (`_body_iri`, or whichever organisation a member list group
    spelled as the body's name stands for), in each month the summary names."""
    months: set[_Month] = set()
    for mentions in batch:
        body = _body_iri(mentions, organisations, minter) if mentions.year_summary else None
        if body is None:
            continue
        name = " ".join((body_name(mentions) or "").split())
        groups = {" ".join(p.group.split()) for p in mentions.attendance.called if p.group}
        at = None if name in groups else body
        months.update((at, entry.year, entry.month) for entry in mentions.year_summary)
    return months


def _in_months(meeting: KnownMeeting, months: set[_Month]) -> bool:
    year, month = meeting.date.year, meeting.date.month
    return (meeting.body, year, month) in months or (None, year, month) in months


def _meetings_and_decisions(
    known: Known, batch: Sequence[Mentions], organisations: Sequence[NameCluster], minter: IriMinter
) -> tuple[tuple[KnownMeeting, ...], tuple[KnownDecision, ...]]:
    """Those of `known` and of `batch`; with `known.stored`, only those a yearly
    summary of the batch can be placed at (the only use `resolve` has for them)."""
    meetings = list(known.meetings)
    decisions = list(known.decisions)
    months = _summary_months(batch, organisations, minter) if known.stored else set()
    if known.stored is not None:
        meetings += known.stored.meetings_in(months)
    for mentions in batch:
        body = _body_iri(mentions, organisations, minter)
        if body is None:
            continue
        header_date = mentions.meeting.date.as_date() if mentions.meeting.date else None
        if header_date is not None and mentions.meeting.status == MeetingStatus.HELD:
            meeting = minter.meeting(body, header_date)
            meetings.append(KnownMeeting(meeting, body, header_date))
            for item in mentions.items:
                item_iri = minter.agenda_item(meeting, item.number)
                for index, clause in enumerate(item.decisions, start=1):
                    iri = minter.decision(item_iri, clause.number or index)
                    decisions.append(KnownDecision(iri, meeting, clause.text))
        previous = mentions.previous_meeting
        if previous is not None and previous.date is not None:
            previous_date = previous.date.as_date()
            if previous_date is not None:
                meetings.append(
                    KnownMeeting(minter.meeting(body, previous_date), body, previous_date)
                )
        for planned in mentions.planned_meetings:
            planned_date = planned.date.as_date()
            if planned_date is not None and planned.body is None:
                meetings.append(
                    KnownMeeting(minter.meeting(body, planned_date), body, planned_date)
                )
    if known.stored is None:
        return tuple(dict.fromkeys(meetings)), tuple(dict.fromkeys(decisions))
    placed = tuple(m for m in dict.fromkeys(meetings) if _in_months(m, months))
    at = {meeting.iri for meeting in placed}
    # The stored decisions go first, as the store's meetings do (both by IRI).
    decisions[len(known.decisions) : len(known.decisions)] = known.stored.decisions_at(at)
    return placed, tuple(d for d in dict.fromkeys(decisions) if d.meeting in at)


# --------------------------------------------------------------------------- store terms

_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def literal_value(term: str) -> str:
    """The lexical form of an N-Triples literal term."""
    match = re.match(r'^"(.*)"(?:@[\w-]+|\^\^<[^>]*>)?$', term, re.DOTALL)
    return _ESCAPE.sub(_unescape, match.group(1)) if match else term
