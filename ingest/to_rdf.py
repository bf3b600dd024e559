"""The `to_rdf` stage: a resolved document → the triples of its named graph.

Everything the document states goes into one graph named by the document's own
IRI (`id:source/{sha16}`), with an evidence annotation for every meeting, agenda
item, decision, substitution, absence, membership and agreement (and, for
protocols, every motion, vote, reservation, protocol note and jäv). Nodes that
another document owns (a decision the yearly summary repeats) are referenced,
never re-described, so the union of graphs keeps one description per node.

No blank nodes: every node has a content-derived IRI, so the same input always
gives the same graph (except prov:generatedAtTime, the ingest time, passed in).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespace

from beslutsgraf import ontology
from beslutsgraf.ingest.amounts import background_sums
from beslutsgraf.ingest.body_owner import owner_of
from beslutsgraf.ingest.evidence import DESCRIBING, IDENTIFYING, Triple, evidence_triples
from beslutsgraf.ingest.graph_store import graph_of
from beslutsgraf.ingest.known import body_named, listed_person_names, person_mentions
from beslutsgraf.ingest.model import (
    AgendaItem,
    AgreementMention,
    Amount,
    Assignment,
    ClockTime,
    DateValue,
    DecisionClause,
    FiledMotion,
    MeetingStatus,
    Motion,
    PersonMention,
    RoleEvent,
    RoleEventKind,
    Span,
    Vote,
)
from beslutsgraf.ingest.motion_assembly import motion_assembly
from beslutsgraf.ingest.names import split_name
from beslutsgraf.ingest.report_items import lists_others_decisions
from beslutsgraf.ingest.resolve import Resolved, ResolvedOrganisation, ResolvedPerson
from beslutsgraf.ontology import bind_prefixes

__all__ = ["STOCKHOLM", "to_rdf"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_CASE_PREFIX = re.compile(r"^\s*(?:dnr|diarienummer)[.:]?\s*", re.IGNORECASE)
_ROSTER_MEMBER_SECTIONS = frozenset({"politicians", "members"})
_ROSTER_DEPUTY_SECTIONS = frozenset({"deputies", "serving_deputies"})


class _Terms:
    """A namespace whose terms are built once each: an rdflib namespace builds a new
    URIRef on every attribute access, and a document's graph takes thousands."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # no term starts so: a probe (copy, pickle, mock)
            raise AttributeError(name)
        term: URIRef = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


BG, ORG, PERSON, SCHEMA, TIME = (
    _Terms(n) for n in (ontology.BG, ontology.ORG, ontology.PERSON, ontology.SCHEMA, ontology.TIME)
)
# A role at the meeting that is no role in the body (the profile's org:Membership roles):
# the seat it is held in.
_SEAT_OF_MEETING_ROLE = {str(BG.tjanstgorandeErsattare): str(BG.ersattare)}
DCTERMS, FOAF, PROV, RDF, SKOS, XSD = (
    _Terms(getattr(rdflib_namespace, name))
    for name in ("DCTERMS", "FOAF", "PROV", "RDF", "SKOS", "XSD")
)


def to_rdf(resolved: Resolved, generated_at: dt.datetime | None = None) -> Graph:
    """The document's graph. `generated_at` is the ingest time (prov:generatedAtTime);
    pass a fixed value for reproducible output, the default is now."""
    builder = _Builder(resolved)
    builder.source_document(generated_at or dt.datetime.now(tz=dt.UTC).replace(microsecond=0))
    builder.organisations()
    builder.persons()
    builder.meeting()
    builder.memberships()
    builder.planned_meetings()
    builder.summary_decisions()
    builder.forget_unlinked_organisations()
    return bind_prefixes(graph_of(builder.triples))


def _date_literal(value: DateValue) -> Literal | None:
    """xsd:date, xsd:gYearMonth or xsd:dateTime (with the Stockholm offset), as precise
    as the text; a bare year is not a deadline or a date the profile accepts."""
    day = value.as_date()
    moment = value.as_datetime()
    if moment is not None:
        return Literal(moment.replace(tzinfo=STOCKHOLM).isoformat(), datatype=XSD.dateTime)
    if day is not None:
        return Literal(day.isoformat(), datatype=XSD.date)
    if value.month is not None:
        return Literal(value.iso(), datatype=XSD.gYearMonth)
    return None


def _role_of_the_body(mention: PersonMention) -> bool:
    """A chair's role written after the organisation in the body's member list
    ("Axel Josefsson (M), Göteborgsregionen, vice ordförande"): the role is held in the
    body (the meeting role), the organisation is whom the member represents. Only a role
    that names its own board ("ordf. Regionstyrelsen") is held there."""
    return (
        mention.meeting_role is not None
        and mention.role_organisation is None
        and (mention.role is None or mention.role == mention.meeting_role)
    )


def _day_literal(value: DateValue | None) -> Literal | None:
    day = value.as_date() if value is not None else None
    return _xsd_date(day) if day else None


def _day_after(ended: DateValue | None, end: Literal) -> Literal | None:
    """The start of a prolongation to `end` of an agreement that ends (ended) on `ended`
    ("gäller till och med 2025-12-31", then prolonged to 2027-12-31: from 2026-01-01)."""
    day = ended.as_date() if ended is not None else None
    if day is None or day.isoformat() >= str(end):
        return None
    return _xsd_date(day + dt.timedelta(days=1))


def _on(day: dt.date) -> DateValue:
    return DateValue(day.year, day.month, day.day)


@lru_cache(maxsize=1024)
def _xsd_date(day: dt.date) -> Literal:
    """A day as xsd:date; one document states its meeting day on hundreds of nodes."""
    return Literal(day.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=4096)
def _name(text: str) -> Literal:
    """A person's name or part of one; the same people are named in document after document."""
    return Literal(text)


def _moment(day: dt.date, clock: ClockTime) -> Literal:
    local = dt.datetime(day.year, day.month, day.day, clock.hour, clock.minute, tzinfo=STOCKHOLM)
    return Literal(local.isoformat(), datatype=XSD.dateTime)


class _Builder:
    def __init__(self, resolved: Resolved) -> None:
        self.resolved = resolved
        self.mentions = resolved.mentions
        self.document = resolved.mentions.document
        self.source = resolved.source
        self.minter = resolved.minter
        # The triples in the order first stated: a document states many of them again
        # (a person per mention, the same evidence span), and a dict drops a repeat
        # far more cheaply than the graph's store does.
        self.triples: dict[Triple, None] = {}
        self._evidenced: set[tuple[URIRef, int, int, URIRef]] = set()
        self.agreement_titles: dict[URIRef, str] = {}

    # -- helpers --------------------------------------------------------------------------

    def add(self, subject: URIRef, predicate: URIRef, value: URIRef | Literal | None) -> None:
        if value is not None:
            self.triples[subject, predicate, value] = None

    def evidence(self, body: URIRef, span: Span | None, motivation: URIRef) -> None:
        if span is None or span.end <= span.start:
            return
        key = (body, span.start, span.end, motivation)
        if key in self._evidenced:
            return  # the same annotation, already stated
        self._evidenced.add(key)
        _, triples = evidence_triples(
            self.document, self.source, body, span, motivation, self.minter
        )
        self.triples.update(dict.fromkeys(triples))

    def person(self, mention: PersonMention | None) -> ResolvedPerson | None:
        return self.resolved.person(mention)

    def organisation(self, name: str | None) -> ResolvedOrganisation | None:
        return self.resolved.organisation(name)

    def assigned_person(self, name: str) -> ResolvedPerson | None:
        """An assignee the document lists as a person ("ger Sofia Berglund i uppdrag")."""
        spelling = " ".join(name.split())
        return self.resolved.persons.get(spelling) if spelling in self.listed_names else None

    @cached_property
    def listed_names(self) -> frozenset[str]:
        return listed_person_names(self.mentions)

    # -- the source document --------------------------------------------------------------

    def source_document(self, generated_at: dt.datetime) -> None:
        source, document = self.source, self.document
        self.add(source, RDF.type, BG.SourceDocument)
        self.add(source, BG.fileName, Literal(document.path.name))
        self.add(source, BG.sha256, Literal(document.sha256))
        self.add(source, DCTERMS.format, Literal(document.media_type))
        self.add(source, BG.documentKind, URIRef(self.mentions.document_kind))
        self.add(
            source, PROV.generatedAtTime, Literal(generated_at.isoformat(), datatype=XSD.dateTime)
        )
        self.add(source, BG.charCount, Literal(len(document.source_text), datatype=XSD.integer))
        self.add(source, DCTERMS.language, Literal("sv"))
        if self.mentions.meeting.title:
            self.add(source, DCTERMS.title, Literal(self.mentions.meeting.title))
        if document.extracted:
            self.add(source, BG.extractedText, Literal(document.source_text))

    # -- entities -------------------------------------------------------------------------

    def organisations(self) -> None:
        seen: set[URIRef] = set()
        for organisation in self.resolved.organisations.values():
            if organisation.iri in seen:
                continue
            seen.add(organisation.iri)
            iri = organisation.iri
            self.add(iri, SKOS.prefLabel, Literal(organisation.name, lang="sv"))
            for spelling in organisation.spellings:
                if spelling != organisation.name:
                    self.add(iri, SKOS.altLabel, Literal(spelling, lang="sv"))
            # Unclassified organisations stay untyped references: the shapes require a
            # classification of every org:Organization, and a guess is worse than none.
            if organisation.org_type is not None:
                self.add(iri, RDF.type, ORG.Organization)
                self.add(iri, ORG.classification, organisation.org_type)
            for convener in organisation.convened_by:
                self.add(iri, BG.convenedBy, convener)
            if organisation.part_of is not None:
                self.add(iri, ORG.subOrganizationOf, organisation.part_of)
        body = self.resolved.body
        if body is not None:
            self.evidence(body.iri, self.mentions.meeting.body_span, IDENTIFYING)

    def forget_unlinked_organisations(self) -> None:
        """Leave out an organisation nothing in the graph points at: a name the reader took
        for one ("Västkom.Bakgrund", a cut-off "Johanna Zi") that no membership, decision
        or meeting uses says nothing of the document and would be listed as a body."""
        linked = {value for _, _, value in self.triples}
        body = self.resolved.body
        unlinked = {
            organisation.iri
            for organisation in self.resolved.organisations.values()
            if organisation.iri not in linked and (body is None or organisation.iri != body.iri)
        }
        if unlinked:
            self.triples = {t: None for t in self.triples if t[0] not in unlinked}

    def persons(self) -> None:
        described: set[URIRef] = set()
        for mention in person_mentions(self.mentions):
            person = self.person(mention)
            if person is None:
                continue
            if person.iri not in described:
                described.add(person.iri)
                self.add(person.iri, RDF.type, FOAF.Person)
                self.add(person.iri, RDF.type, PERSON.Person)
                self.add(person.iri, FOAF.name, _name(person.name))
                given, family = split_name(person.name)
                self.add(person.iri, FOAF.givenName, _name(given))
                if family:
                    self.add(person.iri, FOAF.familyName, _name(family))
                for spelling in person.spellings:
                    if spelling != person.name:
                        self.add(person.iri, SKOS.altLabel, _name(spelling))
            self.evidence(person.iri, mention.span, IDENTIFYING)

    # -- the meeting ----------------------------------------------------------------------

    def meeting(self) -> None:
        meeting, day = self.resolved.meeting, self.resolved.meeting_date
        header = self.mentions.meeting
        body = self.resolved.body
        if meeting is None or day is None or body is None:
            return
        held = header.status == MeetingStatus.HELD
        self.add(meeting, RDF.type, BG.Meeting)
        self.add(meeting, BG.heldBy, body.iri)
        self.add(meeting, DCTERMS.date, _xsd_date(day))
        self.add(meeting, BG.meetingStatus, BG.held if held else BG.planned)
        self.add(meeting, BG.reportedIn, self.source)
        if header.start is not None:
            self.add(meeting, SCHEMA.startDate, _moment(day, header.start))
        if header.end is not None:
            self.add(meeting, SCHEMA.endDate, _moment(day, header.end))
        if header.form is not None:
            self.add(meeting, BG.meetingForm, URIRef(header.form))
        if header.location:
            self.add(meeting, SCHEMA.location, Literal(header.location))
        self.evidence(meeting, header.span, IDENTIFYING)
        for topic in header.topics:
            self.add(meeting, BG.plannedTopic, Literal(topic, lang="sv"))
        previous = self.resolved.previous_meeting
        previous_date = self.resolved.previous_meeting_date
        if previous is not None and previous_date is not None and previous != meeting:
            self.add(meeting, BG.previousMeeting, previous)
            # An untyped reference that still tells resolution which body met when.
            self.add(previous, BG.heldBy, body.iri)
            self.add(previous, DCTERMS.date, _xsd_date(previous_date))
        self.attendance(meeting)
        for item in self.mentions.items:
            self.agenda_item(meeting, day, item)

    def attendance(self, meeting: URIRef) -> None:
        attendance = self.mentions.attendance
        absent: dict[URIRef, PersonMention] = {}
        for mention in (*attendance.absent, *(p for p in attendance.called if p.absent)):
            person = self.person(mention)
            if person is not None:
                absent.setdefault(person.iri, mention)
        called = {
            person.iri
            for person in (self.person(m) for m in attendance.called)
            if person is not None
        }
        present = {
            person.iri
            for person in (self.person(m) for m in attendance.others_present)
            if person is not None
        }
        substitutes: set[URIRef] = set()
        for substitution in attendance.substitutions:
            substitute = self.person(substitution.substitute)
            substituted = self.person(substitution.substituted)
            if substitute is None or substituted is None:
                continue
            node = self.minter.substitution(meeting, substitute.iri, substituted.iri)
            self.add(node, RDF.type, BG.Substitution)
            self.add(node, BG.substitute, substitute.iri)
            self.add(node, BG.substituted, substituted.iri)
            self.add(node, BG.meeting, meeting)
            if substitution.from_item is not None:
                item = self.minter.agenda_item(meeting, substitution.from_item)
                self.add(node, BG.fromItem, item)
            else:
                substitutes.add(substitute.iri)
            self.add(meeting, BG.hasSubstitution, node)
            self.evidence(node, substitution.span, DESCRIBING)
        for iri in sorted(called):
            self.add(meeting, BG.called, iri)
        for mention in attendance.invited:
            person = self.person(mention)
            if person is not None:
                self.add(meeting, BG.invited, person.iri)
        # Attendance rule of the profile: called − absent + substitutes.
        attendees = (called | present | substitutes) - set(absent)
        for iri in sorted(attendees):
            self.add(meeting, BG.attendee, iri)
        self.item_attendance(meeting, attendees)
        for iri, mention in sorted(absent.items()):
            self.add(meeting, BG.absentee, iri)
            # Evidence for a statement about two nodes: a reified bg:absentee triple.
            statement = URIRef(f"{meeting}/absence/{self.minter.slug_of(iri)}")
            self.add(statement, RDF.type, RDF.Statement)
            self.add(statement, RDF.subject, meeting)
            self.add(statement, RDF.predicate, BG.absentee)
            self.add(statement, RDF.object, iri)
            self.evidence(statement, mention.entry or mention.span, DESCRIBING)
        chair = self.person(attendance.chair)
        if chair is not None:
            self.add(meeting, BG.chair, chair.iri)
        minutes_taker = self.person(attendance.minutes_taker)
        if minutes_taker is not None:
            self.add(meeting, BG.minutesTaker, minutes_taker.iri)
        for mention in attendance.secretaries:
            secretary = self.person(mention)
            if secretary is not None:
                self.add(meeting, BG.secretary, secretary.iri)
        self.adjusting(meeting)

    def adjusting(self, meeting: URIRef) -> None:
        """Who checked the minutes (bg:adjuster; an attendee only if the roster says so:
        a "Justerare" line names who checks, not who sat) and when, with the words that
        date it as evidence."""
        attendance = self.mentions.attendance
        for mention in attendance.adjusters:
            adjuster = self.person(mention)
            if adjuster is not None:
                self.add(meeting, BG.adjuster, adjuster.iri)
        adjusted_on = _day_literal(attendance.adjusted_on)
        if adjusted_on is not None:
            self.add(meeting, BG.adjustedOn, adjusted_on)
            self.evidence(meeting, attendance.adjusted_in, DESCRIBING)

    def item_attendance(self, meeting: URIRef, attendees: set[URIRef]) -> None:
        """bg:attendeeOfItem on every item when attendance differs per item: someone
        listed for some items only ("Lars Eriksson (S), §§ 45–48"), a substitution
        from an item on, someone who leaves ("lämnar mötet") from the item it is told in on,
        someone who comes late ("anländer") before it, someone who sits out items named
        ("deltar inte under §§ 48–49"), or jäv: a person who declared jäv on an item does
        not attend it."""
        attendance = self.mentions.attendance
        numbers = [item.number for item in self.mentions.items]
        only: dict[URIRef, set[int]] = {}  # a person → the only items they attended
        for mention in (*attendance.called, *attendance.others_present):
            person = self.person(mention)
            if person is not None and mention.items:
                only.setdefault(person.iri, set()).update(mention.items)
        for substitution in attendance.substitutions:
            substitute, substituted = map(
                self.person, (substitution.substitute, substitution.substituted)
            )
            if substitution.from_item is None or substitute is None or substituted is None:
                continue
            from_then_on = {n for n in numbers if n >= substitution.from_item}
            # "X ersätter Y, §§ 45–46": Y is away for the items X sat, not all after them.
            sat = only.setdefault(substitute.iri, set(numbers))
            sat.intersection_update(from_then_on)
            only.setdefault(substituted.iri, set(numbers)).difference_update(sat)
            attendees = attendees | {substitute.iri}
        away = [  # who missed which items: after leaving, before arriving, sat out
            *((d.person, {n for n in numbers if n >= d.from_item}) for d in attendance.departures),
            *((a.person, {n for n in numbers if n < a.from_item}) for a in attendance.arrivals),
            *((absence.person, set(absence.items)) for absence in attendance.sat_out),
        ]
        for mention, missed in away:
            person = self.person(mention)
            if person is not None:
                only.setdefault(person.iri, set(numbers)).difference_update(missed)
        if not only and not any(item.disqualifications for item in self.mentions.items):
            return
        for item in self.mentions.items:
            disqualified = {
                p.iri for p in map(self.person, (d.person for d in item.disqualifications)) if p
            }
            iri = self.minter.agenda_item(meeting, item.number)
            for attendee in sorted(attendees - disqualified):
                if attendee not in only or item.number in only[attendee]:
                    self.add(iri, BG.attendeeOfItem, attendee)

    def _item_chair(self, number: int) -> ResolvedPerson | None:
        changes = sorted(self.mentions.attendance.chair_changes, key=lambda c: c.from_item)
        chair = None
        for change in changes:
            if change.from_item <= number:
                chair = self.person(change.person)
        return chair

    def agenda_item(self, meeting: URIRef, day: dt.date, item: AgendaItem) -> None:
        iri = self.minter.agenda_item(meeting, item.number)
        self.add(meeting, BG.hasAgendaItem, iri)
        self.add(iri, RDF.type, BG.AgendaItem)
        self.add(iri, BG.itemNumber, Literal(item.number, datatype=XSD.integer))
        self.add(iri, DCTERMS.title, Literal(item.title))
        for kind in item.kinds:
            self.add(iri, BG.itemKind, URIRef(kind))
        for presenter in item.presenters:
            person = self.person(presenter)
            if person is not None:
                self.add(iri, BG.presenter, person.iri)
        chair = self.person(item.chaired_by) if item.chaired_by else self._item_chair(item.number)
        if chair is not None:
            self.add(iri, BG.chairedBy, chair.iri)
        if item.start is not None:
            self.add(iri, SCHEMA.startDate, _moment(day, item.start))
        if item.end is not None:
            self.add(iri, SCHEMA.endDate, _moment(day, item.end))
        for comment in item.comments:
            self.add(iri, BG.comment, Literal(comment.text.strip(), lang="sv"))
        if item.case_number:
            # The diarienummer itself: "Dnr KS-2025-00305" → "KS-2025-00305".
            case = _CASE_PREFIX.sub("", item.case_number).strip()
            self.add(iri, BG.caseNumber, Literal(case or item.case_number))
        self.evidence(iri, item.title_span, IDENTIFYING)
        for agreement in item.agreements:
            self.agreement(agreement)
        for index, clause in enumerate(item.decisions, start=1):
            decision = self.minter.decision(iri, clause.number or index)
            self.add(iri, BG.hasDecision, decision)
            self.decision(decision, clause, meeting, _xsd_date(day))
            self.add(decision, BG.agendaItem, iri)
            others = [other.amounts for other in item.decisions if other is not clause]
            # Noting a list of others' decisions decides no sum: the sums it lists are
            # theirs ("Beslut att bevilja försörjningsstöd med 8 450 kronor, delegat: …"
            # above "… noteras"). Noted information keeps the sums it reports ("Det saknas
            # 11 miljoner …"), the only place the profile gives an item's sums.
            noting = clause.decision_type == str(BG.noteringAvInformation)
            background = () if noting and lists_others_decisions(item.title) else item.amounts
            self.amounts(decision, background_sums(clause.amounts, clause.text, background, others))
        self.protocol_records(iri, item)

    def protocol_records(self, iri: URIRef, item: AgendaItem) -> None:
        """Motions, votes, reservations, protocol notes and disqualifications (jäv) of an item.

        Votes, reservations and the motion adopted concern the item's decision (its first
        clause); an item without a decision has nothing to vote on or reserve against."""
        motions = self.motions(iri, item)
        self.filed_motions(iri, item)
        decision = (
            self.minter.decision(iri, item.decisions[0].number or 1) if item.decisions else None
        )
        if decision is not None:
            if item.adopted_motion is not None:
                self.add(decision, BG.adoptsMotion, motions.get(item.adopted_motion))
            for index, vote in enumerate(item.votes, start=1):
                node = URIRef(f"{iri}/vote/{index}")
                self.add(node, RDF.type, BG.Vote)
                self.add(node, BG.onDecision, decision)
                for predicate, count in (
                    (BG.yesCount, vote.yes),
                    (BG.noCount, vote.no),
                    (BG.abstainCount, vote.abstain),
                ):
                    if count is not None:
                        self.add(node, predicate, Literal(count, datatype=XSD.integer))
                for predicate, words in ((BG.question, vote.question), (BG.outcome, vote.outcome)):
                    if words:
                        self.add(node, predicate, Literal(words, lang="sv"))
                self.evidence(node, vote.span, DESCRIBING)
                self.evidence(node, vote.counted_in, DESCRIBING)  # counts stated elsewhere
                self.ballots(node, vote)
            for index, reservation in enumerate(item.reservations, start=1):
                parties = [self.minter.party(party) for party in reservation.parties]
                persons = [r for r in map(self.person, reservation.persons) if r is not None]
                if not parties and not persons:
                    continue
                node = URIRef(f"{iri}/reservation/{index}")
                self.add(node, RDF.type, BG.Reservation)
                self.add(node, BG.against, decision)
                for party in parties:
                    self.add(node, BG.reservingParty, party)
                for reserving in persons:
                    self.add(node, BG.reservingPerson, reserving.iri)
                if reservation.in_favour_of is not None:
                    self.add(node, BG.inFavourOf, motions.get(reservation.in_favour_of))
                self.evidence(node, reservation.span, DESCRIBING)
        self.notes(iri, item)
        self.abstentions(iri, item)
        for disqualification in item.disqualifications:
            disqualified = self.person(disqualification.person)
            if disqualified is None:
                continue
            node = URIRef(f"{iri}/disqualification/{self.minter.slug_of(disqualified.iri)}")
            self.add(node, RDF.type, BG.Disqualification)
            self.add(node, BG.person, disqualified.iri)
            self.add(node, BG.onItem, iri)
            self.evidence(node, disqualification.span, DESCRIBING)

    def notes(self, iri: URIRef, item: AgendaItem) -> None:
        """The item's protocol notes, each by the persons who wrote it and the parties
        named; a note with no author the graph knows is left out."""
        for index, note in enumerate(item.notes, start=1):
            writers = [p.iri for p in map(self.person, note.persons) if p is not None]
            authors = [*writers, *(self.minter.party(party) for party in note.parties)]
            if not authors:
                continue
            node = URIRef(f"{iri}/note/{index}")
            self.add(node, RDF.type, BG.ProtocolNote)
            self.add(node, BG.onItem, iri)
            self.add(node, BG.text, Literal(note.text.strip(), lang="sv"))
            for author in authors:
                self.add(node, BG.author, author)
            self.evidence(node, note.span, DESCRIBING)

    def abstentions(self, iri: URIRef, item: AgendaItem) -> None:
        """bg:abstainedFromDecision from each member taking no part to every decision of
        the item, with the sentence as evidence of the (reified) statement. A party's
        members are those of that party serving at the meeting."""
        decisions = [
            self.minter.decision(iri, clause.number or index)
            for index, clause in enumerate(item.decisions, start=1)
        ]
        for abstention in item.abstentions if decisions else ():
            persons = [p for p in map(self.person, abstention.persons) if p is not None]
            members = {p.iri for p in persons} | self._serving_members_of(abstention.parties)
            for member in sorted(members):
                for decision in decisions:
                    self.add(member, BG.abstainedFromDecision, decision)
                    slug = self.minter.slug_of(member)
                    statement = URIRef(f"{decision}/abstention/{slug}")
                    self.add(statement, RDF.type, RDF.Statement)
                    self.add(statement, RDF.subject, member)
                    self.add(statement, RDF.predicate, BG.abstainedFromDecision)
                    self.add(statement, RDF.object, decision)
                    self.evidence(statement, abstention.span, DESCRIBING)

    def _serving_members_of(self, parties: Sequence[str]) -> set[URIRef]:
        """The members of `parties` serving at the meeting: called and not absent or
        replaced for the whole meeting, or serving as a substitute."""
        attendance = self.mentions.attendance
        replaced = (s.substituted for s in attendance.substitutions if s.from_item is None)
        away = {p.iri for p in map(self.person, (*attendance.absent, *replaced)) if p is not None}
        serving = (*attendance.called, *(s.substitute for s in attendance.substitutions))
        found = set()
        for mention in serving:
            person = self.person(mention) if mention.party in parties else None
            if person is not None and person.iri not in away:
                found.add(person.iri)
        return found

    def ballots(self, node: URIRef, vote: Vote) -> None:
        """The vote's ballots, each voter's choice (and party). All or none: a roll call
        with a voter the graph cannot name, or one that disagrees with the stated counts,
        is left out, the counts stand for it."""
        voters = [self.person(ballot.voter) for ballot in vote.ballots]
        resolved = [voter for voter in voters if voter is not None]
        if not resolved or len(resolved) < len(voters):
            return
        for count, choice in ((vote.yes, BG.ja), (vote.no, BG.nej), (vote.abstain, BG.avstar)):
            if count is not None and count != sum(b.choice == str(choice) for b in vote.ballots):
                return
        for index, (ballot, voter) in enumerate(zip(vote.ballots, resolved, strict=True), 1):
            iri = URIRef(f"{node}/ballot/{index}")
            self.add(node, BG.ballot, iri)
            self.add(iri, RDF.type, BG.Ballot)
            self.add(iri, BG.voter, voter.iri)
            self.add(iri, BG.choice, URIRef(ballot.choice))
            if ballot.voter.party:
                self.add(iri, BG.forParty, self.minter.party(ballot.voter.party))
            self.evidence(iri, ballot.span, DESCRIBING)

    def motions(self, iri: URIRef, item: AgendaItem) -> dict[Motion, URIRef]:
        """The item's motions (yrkanden) whose proposer the graph can name, by node."""
        nodes: dict[Motion, URIRef] = {}
        for index, motion in enumerate(item.motions, start=1):
            proposers = self._proposers(motion, item)
            if not proposers:
                continue
            node = URIRef(f"{iri}/motion/{index}")
            self.add(iri, BG.hasMotion, node)
            self.add(node, RDF.type, BG.Motion)
            self.add(node, BG.text, Literal(motion.text, lang="sv"))
            for proposer in proposers:
                self.add(node, BG.proposedBy, proposer)
            self.evidence(node, motion.span, DESCRIBING)
            nodes[motion] = node
        return nodes

    def filed_motions(self, iri: URIRef, item: AgendaItem) -> None:
        """Written motions the item's decisions answer or remit: each decision concerns its
        motion, and one that grants it ("Motionen bifalls") adopts it."""
        for filed in item.filed_motions:
            authors = [person.iri for person in map(self.person, filed.persons) if person]
            authors = authors or [self.minter.party(party) for party in filed.parties]
            if not authors:
                continue
            node = self.minter.filed_motion(self._motion_assembly(iri), filed.title)
            # Named again in another item (remitted, then answered): one text, the first.
            if (node, RDF.type, BG.Motion) not in self.triples:
                self.add(node, RDF.type, BG.Motion)
                self.add(node, BG.text, Literal(filed.text, lang="sv"))
                self.add(node, DCTERMS.title, Literal(filed.title, lang="sv"))
            for author in authors:
                self.add(node, BG.proposedBy, author)
            self.evidence(node, filed.span, IDENTIFYING)
            for index in filed.decisions:
                clause = item.decisions[index]
                decision = self.minter.decision(iri, clause.number or index + 1)
                self.add(decision, BG.concerns, node)
                if index in filed.adopted_by:
                    self.add(decision, BG.adoptsMotion, node)
                for assignment in self._sending(decision, clause, filed):
                    self.add(assignment, BG.concerns, node)

    def _motion_assembly(self, item: URIRef) -> URIRef:
        """The fullmäktige a motion is filed with: the board preparing its answer and the
        assembly remitting and answering it key it alike (motion_assembly.py)."""
        body = self.resolved.body
        if body is None:
            return item
        assembly = motion_assembly(body.name, owner_of(self.mentions).name)
        return body.iri if assembly is None else self.minter.organisation(assembly)

    def _sending(
        self, decision: URIRef, clause: DecisionClause, filed: FiledMotion
    ) -> list[URIRef]:
        """The assignments of `clause` that send `filed` to a body: the one whose sentence
        names it, else those naming no motion (the item's own: "Motionen remitteras …")."""
        given = [(self.minter.assignment(decision), clause.assignment)] if clause.assignment else []
        given += [
            (self.minter.remittance(decision, index), remittance)
            for index, remittance in enumerate(clause.remittances, start=1)
        ]
        made = [
            (node, a.span) for node, a in given if (node, RDF.type, BG.Assignment) in self.triples
        ]
        naming = [node for node, span in made if span.start <= filed.span.start < span.end]
        if naming or clause.span.start <= filed.span.start < clause.span.end:
            return naming
        return [node for node, _ in made]

    def _proposers(self, motion: Motion, item: AgendaItem) -> list[URIRef]:
        """The persons who put a motion; their parties when no person resolves. A motion
        the chair put by role ("Ordföranden yrkar …") is the item's chair's, when known."""
        if motion.by_chair:
            chair = self._motion_chair(item)
            return [chair.iri] if chair is not None else []
        persons = [person.iri for person in map(self.person, motion.persons) if person]
        return persons or [self.minter.party(party) for party in motion.proposing_parties]

    def _motion_chair(self, item: AgendaItem) -> ResolvedPerson | None:
        """Who chaired the item: its own chair when the chair changed, else the meeting's."""
        if item.chaired_by is not None:
            return self.person(item.chaired_by)
        return self._item_chair(item.number) or self.person(self.mentions.attendance.chair)

    # -- decisions ------------------------------------------------------------------------

    def decision(
        self, iri: URIRef, clause: DecisionClause, meeting: URIRef | None, date: Literal | None
    ) -> None:
        body = self.resolved.body
        self.add(iri, RDF.type, BG.Decision)
        self.add(iri, BG.decisionText, Literal(clause.text.strip(), lang="sv"))
        self.add(iri, BG.decisionType, URIRef(clause.decision_type))
        if body is not None:
            self.add(iri, BG.decidedBy, body.iri)
        self.add(iri, BG.decidedAt, meeting)
        self.add(iri, DCTERMS.date, date)
        if clause.number is not None:
            self.add(iri, BG.clauseNumber, Literal(clause.number, datatype=XSD.integer))
        self.add(iri, BG.reportedIn, self.source)
        if clause.per_capsulam:
            self.add(iri, BG.perCapsulam, Literal(True))
        for concerned in clause.concerns:
            self.add(iri, BG.concerns, self.agreement(concerned))
        for name in clause.recommends_to:
            organisation = self.organisation(body_named(name))
            if organisation is not None:
                self.add(iri, BG.recommendsTo, organisation.iri)
        if clause.prolongs is not None:
            prolonged = self.agreement(clause.prolongs)
            self.add(iri, BG.prolongs, prolonged)
            end = _day_literal(clause.new_end_date)
            self.add(iri, BG.newEndDate, end)
            if end is not None:
                self.validity_period(prolonged, clause.prolongs, end, iri)
        if clause.deadline is not None:
            self.add(iri, BG.deadline, _date_literal(clause.deadline))
        if clause.assignment is not None:
            self.assignment(iri, clause)
        for index, remittance in enumerate(clause.remittances, start=1):
            self.assignment_node(self.minter.remittance(iri, index), remittance, iri)
        self.recipients(iri, clause)
        self.evidence(iri, clause.span, IDENTIFYING)
        if clause.decided_in is not None:
            # Where the body decided ("Kommunstyrelsen beslutar enligt förslaget"), when the
            # decision's text is the proposal's: a statement about the decision, so describing.
            self.evidence(iri, clause.decided_in, DESCRIBING)
        # The proposal whose term a decision "enligt förslaget" prolongs by: describing too.
        self.evidence(iri, clause.by_proposal, DESCRIBING)

    def amounts(self, decision: URIRef, amounts: tuple[Amount, ...]) -> None:
        for index, amount in enumerate(amounts, start=1):
            node = self.minter.amount(decision, index)
            self.add(decision, SCHEMA.amount, node)
            self.add(node, RDF.type, SCHEMA.MonetaryAmount)
            self.add(node, SCHEMA.value, Literal(amount.value, datatype=XSD.decimal))
            self.add(node, SCHEMA.currency, Literal(amount.currency))
            if amount.approximate and amount.qualifier:
                self.add(node, SCHEMA.description, Literal(amount.qualifier, lang="sv"))

    def assignment(self, decision: URIRef, clause: DecisionClause) -> None:
        assert clause.assignment is not None
        node = self.minter.assignment(decision)
        if self.assignment_node(node, clause.assignment, decision):
            self.add(decision, BG.assignment, node)

    def assignment_node(self, node: URIRef, assignment: Assignment, decision: URIRef) -> bool:
        """The assignment as `node`, which `decision` concerns; False when it names no
        assignee the graph can name (the decision's text still holds it)."""
        assignees = [
            iri for iri in (self.addressee(name, name) for name in assignment.assignees) if iri
        ]
        if not assignees:
            return False
        self.add(node, RDF.type, BG.Assignment)
        for assignee in assignees:
            self.add(node, BG.assignee, assignee)
        self.add(node, BG.task, Literal(assignment.task, lang="sv"))
        if assignment.deadline is not None:
            self.add(node, BG.deadline, _date_literal(assignment.deadline))
            # A deadline of the meeting it is due at ("till nästa möte") is dated outside the
            # decision's quote: the phrase and the announcement that dates it are its evidence.
            for span in assignment.deadline_read_from:
                self.evidence(node, span, DESCRIBING)
        report_to = self.organisation(body_named(assignment.report_to or ""))
        if report_to is not None:
            self.add(node, BG.reportTo, report_to.iri)
        self.add(decision, BG.concerns, node)
        return True

    def addressee(self, name: str, as_organisation: str) -> URIRef | None:
        """Whom a decision names as its assignee or recipient: a post ("kommundirektören"),
        a person the document lists, or the organisation named `as_organisation`."""
        post = self.resolved.posts.get(" ".join(name.split()))
        if post is not None:
            self.add(post.iri, RDF.type, ORG.Post)
            self.add(post.iri, SKOS.prefLabel, Literal(post.name, lang="sv"))
            self.add(post.iri, SKOS.altLabel, Literal(post.spelling, lang="sv"))
            self.add(post.iri, ORG.role, post.role)
            self.add(post.iri, ORG.postIn, post.post_in)
            return post.iri
        if (person := self.assigned_person(name)) is not None:
            return person.iri
        organisation = self.organisation(as_organisation)
        return organisation.iri if organisation is not None else None

    def recipients(self, decision: URIRef, clause: DecisionClause) -> None:
        """bg:sentTo each recipient the § lists ("Beslutet skickas till"); the list itself
        is the statement's evidence."""
        sent_to = [self.addressee(name, body_named(name)) for name in clause.sent_to]
        for recipient in sent_to:
            self.add(decision, BG.sentTo, recipient)
        if any(sent_to):
            self.evidence(decision, clause.sent_to_in, DESCRIBING)

    # -- agreements -----------------------------------------------------------------------

    def agreement(self, mention: AgreementMention) -> URIRef:
        iri = self.minter.agreement(mention.title, mention.version_label)
        # Spellings that fold to one slug are one agreement: the first title the
        # document uses is its dct:title, the others are kept as alternative labels.
        title = self.agreement_titles.setdefault(iri, mention.title)
        self.add(iri, DCTERMS.title, Literal(title, lang="sv"))
        if mention.title != title:
            self.add(iri, SKOS.altLabel, Literal(mention.title, lang="sv"))
        if mention.agreement_type is not None:
            self.add(iri, RDF.type, BG.Agreement)
            self.add(iri, BG.agreementType, URIRef(mention.agreement_type))
        if mention.version_label:
            self.add(iri, BG.versionLabel, Literal(mention.version_label))
        if mention.part_of is not None:
            self.add(iri, DCTERMS.isPartOf, self.agreement(mention.part_of))
        self.add(iri, BG.appliesFrom, _day_literal(mention.applies_from))
        self.add(iri, BG.validFrom, _day_literal(mention.valid_from))
        self.add(iri, BG.validUntil, _day_literal(mention.valid_until or mention.ended_on))
        if mention.extension_term:
            self.add(iri, BG.extensionTerm, Literal(mention.extension_term, lang="sv"))
        for name in mention.parties:
            party = self.organisation(name)
            if party is not None:
                self.add(iri, BG.party, party.iri)
        for earlier in mention.replaces:
            replaced = self.agreement(earlier)
            if replaced != iri:  # spellings that fold to one node replace nothing
                self.add(iri, DCTERMS.replaces, replaced)
        self.evidence(iri, mention.span, IDENTIFYING)
        return iri

    def validity_period(
        self, agreement: URIRef, mention: AgreementMention, end: Literal, decision: URIRef
    ) -> None:
        start = _day_literal(mention.valid_from) or _day_after(mention.ended_on, end)
        node = self.minter.validity_period(agreement, str(start or "open"), str(end))
        self.add(agreement, BG.hasValidityPeriod, node)
        self.add(node, RDF.type, BG.ValidityPeriod)
        self.add(node, BG.start, start)
        self.add(node, BG.end, end)
        self.add(node, PROV.wasGeneratedBy, decision)

    # -- memberships ----------------------------------------------------------------------

    def memberships(self) -> None:
        day = self.resolved.meeting_date
        body = self.resolved.body
        if day is None:
            return
        for mention in person_mentions(self.mentions):
            person = self.person(mention)
            if person is None or not (mention.entry or mention.span):
                continue
            if (mention.role_text or mention.role) and not _role_of_the_body(mention):
                organisation = self.organisation(mention.role_organisation or mention.organisation)
                if organisation is not None:
                    self.membership(
                        person, organisation.iri, mention.role, mention.role_text, day, mention
                    )
            # A member who did not come keeps the seat of the list they are on.
            listed = mention.listed_as or mention.section
            in_roster = listed in _ROSTER_MEMBER_SECTIONS
            deputy = listed in _ROSTER_DEPUTY_SECTIONS
            if body is not None and (mention.meeting_role or in_roster or deputy):
                # Serving in a member's place is a role at this meeting: the seat is a deputy's.
                meeting_role = _SEAT_OF_MEETING_ROLE.get(mention.meeting_role or "")
                role = meeting_role or mention.meeting_role
                role = role or str(BG.ersattare if deputy else BG.ledamot)
                represents = self._represents(mention)
                self.membership(
                    person,
                    body.iri,
                    role,
                    None,
                    day,
                    mention,
                    represents.iri if represents else None,
                )
            if mention.party:
                party = self.minter.party(mention.party)
                self.membership(person, party, str(BG.partimedlem), None, day, mention)
        for event in self.mentions.role_events:
            self.role_event(event, day, body)

    def role_event(self, event: RoleEvent, day: dt.date, body: ResolvedOrganisation | None) -> None:
        """The membership a role change states, with the period the text gives
        (org:memberDuring): "X ersätts från och med dagens möte av Y" starts Y's role and
        ends X's then; "väljer Y till ledamot i … till och med 2026-12-31" bounds Y's; "X
        har avslutat sin tjänst som …" ends X's role by this meeting."""
        organisation = self.organisation(event.organisation) or body
        if organisation is None or not (event.role or event.role_text):
            return
        ended = event.kind == RoleEventKind.ENDED
        held: list[tuple[PersonMention, DateValue | None, DateValue | None]] = [
            (
                event.person,
                None if ended else event.valid_from,
                event.valid_until or (_on(day) if ended else None),
            )
        ]
        if event.predecessor is not None and event.valid_from is not None:
            held.append((event.predecessor, None, event.valid_from))
        for mention, start, end in held:
            person = self.person(mention)
            if person is None:
                continue
            node = self.membership(
                person,
                organisation.iri,
                event.role,
                event.role_text,
                day,
                mention,
                span=event.span,
            )
            if node is not None:
                self.member_during(node, start, end)

    def member_during(
        self, membership: URIRef, start: DateValue | None, end: DateValue | None
    ) -> None:
        """org:memberDuring: a time:Interval with the days it begins and ends, as known."""
        bounds = [
            (predicate, name, literal)
            for predicate, name, value in (
                (TIME.hasBeginning, "start", start),
                (TIME.hasEnd, "end", end),
            )
            if (literal := _day_literal(value)) is not None
        ]
        if not bounds:
            return
        interval = URIRef(f"{membership}/period")
        self.add(membership, ORG.memberDuring, interval)
        self.add(interval, RDF.type, TIME.Interval)
        for predicate, name, literal in bounds:
            instant = URIRef(f"{interval}/{name}")
            self.add(interval, predicate, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDDate, literal)

    def _represents(self, mention: PersonMention) -> ResolvedOrganisation | None:
        """The organisation a member of the body represents: the one written beside the
        name ("Marina Johansson (S), Göteborgsregionen"), unless that is only the board
        of a role ("ordförande Regionstyrelsen"); then the roster group they are listed
        under ("För Västra Götalandsregionen (VGR)")."""
        if mention.organisation and mention.organisation != mention.role_organisation:
            return self.organisation(mention.organisation)
        return self.organisation(mention.group)

    def membership(
        self,
        person: ResolvedPerson,
        organisation: URIRef,
        role: str | None,
        role_text: str | None,
        day: dt.date,
        mention: PersonMention,
        represents: URIRef | None = None,
        *,
        span: Span | None = None,
    ) -> URIRef | None:
        """The membership node, or None when the role is neither known nor written."""
        if role is not None:
            role_iri = URIRef(role)
        elif role_text:
            # Unknown role text becomes a concept of the local scheme, never dropped.
            role_iri = self.minter.local_role(role_text)
            self.add(role_iri, RDF.type, SKOS.Concept)
            self.add(role_iri, SKOS.inScheme, BG.LocalRole)
            self.add(role_iri, SKOS.prefLabel, Literal(role_text.strip(), lang="sv"))
        else:
            return None
        node = self.minter.membership(person.iri, organisation, role_iri, day)
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.member, person.iri)
        self.add(node, ORG.organization, organisation)
        self.add(node, ORG.role, role_iri)
        self.add(node, BG.attestedOn, _xsd_date(day))
        self.add(node, PROV.wasDerivedFrom, self.source)
        self.add(node, BG.represents, represents)
        self.evidence(node, span or mention.entry or mention.span, DESCRIBING)
        return node

    # -- what the document announces or summarises ----------------------------------------

    def planned_meetings(self) -> None:
        for planned in self.mentions.planned_meetings:
            day = planned.date.as_date()
            organisation = self.resolved.planned_body(planned)
            if day is None or organisation is None:
                continue
            meeting = self.minter.meeting(organisation.iri, day)
            for topic in planned.topics:
                self.add(meeting, BG.plannedTopic, Literal(topic, lang="sv"))
            if meeting == self.resolved.meeting:
                continue  # the document's own meeting is described as held
            self.add(meeting, RDF.type, BG.Meeting)
            self.add(meeting, BG.heldBy, organisation.iri)
            self.add(meeting, DCTERMS.date, _xsd_date(day))
            self.add(meeting, BG.meetingStatus, BG.planned)
            self.add(meeting, BG.reportedIn, self.source)
            if planned.start is not None:
                self.add(meeting, SCHEMA.startDate, _moment(day, planned.start))
            if planned.end is not None:
                self.add(meeting, SCHEMA.endDate, _moment(day, planned.end))
            if planned.form is not None:
                self.add(meeting, BG.meetingForm, URIRef(planned.form))
            self.evidence(meeting, planned.span, IDENTIFYING)

    def summary_decisions(self) -> None:
        for placed in self.resolved.summary_decisions:
            clause = placed.entry.decision
            if not placed.owned:
                # Reported again: one node, one more bg:reportedIn and one more quote.
                self.add(placed.iri, BG.reportedIn, self.source)
                self.evidence(placed.iri, clause.span, IDENTIFYING)
                continue
            if placed.date is not None:
                date = _xsd_date(placed.date)
            else:
                month = f"{placed.entry.year:04d}-{placed.entry.month:02d}"
                date = Literal(month, datatype=XSD.gYearMonth)
            self.decision(placed.iri, clause, placed.meeting, date)
            if placed.entry.per_capsulam and not clause.per_capsulam:
                self.add(placed.iri, BG.perCapsulam, Literal(True))
            self.add(placed.iri, DCTERMS.subject, Literal(placed.entry.topic, lang="sv"))
            self.amounts(placed.iri, clause.amounts)
