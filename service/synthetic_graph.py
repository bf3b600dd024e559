"""A deterministic synthetic decision graph, shaped like ours, as N-Quads.

`write_nquads(path, target_triples, seed)` writes about `target_triples` quads (it stops
after the document that reaches the target): the ontology and SKOS schemes in their own
graph, the reference registers in `id:graph/reference`, then one named graph
`id:source/{hex16}` per synthetic minutes document, each holding its bg:SourceDocument,
one bg:Meeting with attendance, agenda items, decisions, memberships attested by the
member list, now and then agreements with parts and validity periods, assignments, and
an oa:Annotation with position and quote selectors for every node the profile says needs
evidence. Same seed, same bytes.

Document 0 is an anchor: SRO's meeting of 2025-03-06 with item 6, the agreement
"SRO 2025-09-01" with four parts, and the prolonged in- and discharge agreement, so the
competency queries in `docs/queries/` run unchanged and return rows (`ANCHORS`).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from beslutsgraf.service.synthetic_terms import (
    BG,
    DCT,
    FOAF,
    OA,
    ORG,
    PROV,
    RDF_TYPE,
    SKOS,
    XSD,
    iri,
    literal,
    typed,
)
from beslutsgraf.service.synthetic_world import (
    FEDERATIONS,
    MUNICIPALITY_COUNT,
    Body,
    Person,
    World,
    build_world,
    slug,
)

__all__ = ["ANCHORS", "DEFAULT_SEED", "Anchors", "Summary", "generate", "write_nquads"]

DEFAULT_SEED: Final = 5
BODY_COUNT: Final = 40
INSTANCE_BASE: Final = "https://w3id.org/beslutsgraf/id/"
ONTOLOGY_GRAPH: Final = "https://w3id.org/beslutsgraf/def"
LAST_MEETING: Final = date(2026, 6, 30)
MEETING_INTERVAL_DAYS: Final = 70  # per body; > the 30-day body offset, so no clashes


@dataclass(frozen=True)
class Anchors:
    """Values the competency queries bind; document 0 guarantees each exists."""

    body_label: str = "SRO"
    meeting_date: str = "2025-03-06"
    item_number: int = 6
    decision: str = f"{INSTANCE_BASE}meeting/sro/2025-03-06/item/6/decision/1"
    chair_name: str = "Helén Eliasson"
    representative_name: str = "Marina Johansson"
    agreement_version_label: str = "SRO 2025-09-01"
    prolonged_title_part: str = "samverkan vid in- och utskrivning"


ANCHORS: Final = Anchors()


@dataclass
class Summary:
    """What was written: counts for the benchmark report."""

    seed: int
    quads: int = 0
    documents: int = 0
    meetings: int = 0
    decisions: int = 0
    agreements: int = 0
    people: int = 0
    graphs: int = 0
    anchors: Anchors = field(default_factory=Anchors)


_DECISION_TYPES: Final = (  # (concept, weight, sentence pattern)
    ("noteringAvInformation", 40, "{body} noterar informationen om {topic}."),
    ("stallerSigBakom", 25, "{body} ställer sig bakom förslaget om {topic}."),
    ("rekommendation", 10, "{body} rekommenderar parterna att anta förslaget om {topic}."),
    ("uppdrag", 15, "{body} ger {assignee} i uppdrag att ta fram en plan för {topic}."),
    ("ovrigt", 5, "{body} beslutar att återkomma i frågan om {topic}."),
    ("formelltBeslut", 5, "{body} fastställer förslaget om {topic}."),
)
_TOPICS: Final = (
    "medel för psykisk hälsa", "god och nära vård", "läns gemensam uppföljning",
    "samverkan kring barn och unga", "digitala vårdtjänster", "ekonomisk reglering",
    "tvistehantering", "avvikelser i samverkan", "vårdsamverkan i delregionerna",
    "hjälpmedelsförsörjning", "läkemedelsgenomgångar", "suicidprevention",
    "ungdomsmottagningar", "hemsjukvård", "personcentrerad vård", "kompetensförsörjning",
    "samordnad individuell plan", "mobila team", "palliativ vård", "munhälsa",
)  # fmt: skip
_AGREEMENT_TYPES: Final = (  # the anchor alone is a hälso- och sjukvårdsavtal
    ("overenskommelse", "Överenskommelse"),
    ("samverkansavtal", "Samverkansavtal"),
    ("handlingsplan", "Handlingsplan"),
    ("riktlinje", "Riktlinje"),
)
_MEETING_FORMS: Final = ("digitaltMote", "fysisktMote", "hybridMote")
_ITEM_KIND: Final = {
    "noteringAvInformation": "information",
    "uppdrag": "stallningstagande",
    "stallerSigBakom": "stallningstagande",
    "rekommendation": "stallningstagande",
}


def _bg(local: str) -> str:
    return f"<{BG}{local}>"


class _Graph:
    """Quads of one named graph, plus the text cursor that places evidence quotes."""

    def __init__(self, graph_iri: str, blank_prefix: str) -> None:
        self.term = iri(graph_iri)
        self.source = graph_iri
        self.lines: list[str] = []
        self.cursor = 0
        self._blank_prefix = blank_prefix
        self._blanks = 0

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} {self.term} .\n")

    def blank(self) -> str:
        self._blanks += 1
        return f"_:{self._blank_prefix}b{self._blanks}"

    def evidence(self, node: str, quote: str, motivation: str = "describing") -> None:
        """An oa:Annotation whose quote sits at the next free span of the document text
        (code points), so oa:exact always matches its span and the document's length."""
        start = self.cursor + 2
        end = start + len(quote)
        self.cursor = end
        annotation = iri(f"{self.source}/evidence/{start}-{end}")
        target, position, text_quote = self.blank(), self.blank(), self.blank()
        self.add(annotation, RDF_TYPE, iri(OA + "Annotation"))
        self.add(annotation, iri(OA + "motivatedBy"), iri(OA + motivation))
        self.add(annotation, iri(OA + "hasBody"), node)
        self.add(annotation, iri(OA + "hasTarget"), target)
        self.add(target, iri(OA + "hasSource"), self.term)
        self.add(target, iri(OA + "hasSelector"), position)
        self.add(target, iri(OA + "hasSelector"), text_quote)
        self.add(position, RDF_TYPE, iri(OA + "TextPositionSelector"))
        self.add(position, iri(OA + "start"), typed(start, XSD + "nonNegativeInteger"))
        self.add(position, iri(OA + "end"), typed(end, XSD + "nonNegativeInteger"))
        self.add(text_quote, RDF_TYPE, iri(OA + "TextQuoteSelector"))
        self.add(text_quote, iri(OA + "exact"), literal(quote))


# -- shared graphs ----------------------------------------------------------------------


def _ontology_lines() -> list[str]:
    """The shipped ontology and SKOS schemes (CQ3 and CQ6 read concept labels), with
    blank nodes renamed in order so the output stays byte-for-byte reproducible."""
    from pyoxigraph import BlankNode, RdfFormat, parse

    from beslutsgraf.ontology import vocabulary_files

    graph = iri(ONTOLOGY_GRAPH)
    names: dict[str, str] = {}

    def term(value: object) -> str:
        if isinstance(value, BlankNode):
            return names.setdefault(value.value, f"_:ont{len(names)}")
        return str(value)

    lines = []
    for path in vocabulary_files():
        for quad in parse(path=str(path), format=RdfFormat.TURTLE):
            lines.append(
                f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)} {graph} .\n"
            )
    return lines


def _organisation(graph: _Graph, node: str, label: str, org_type: str) -> None:
    graph.add(node, RDF_TYPE, iri(ORG + "Organization"))
    graph.add(node, iri(SKOS + "prefLabel"), literal(label, "sv"))
    graph.add(node, iri(ORG + "classification"), _bg(org_type))


def _reference_graph(world: World) -> _Graph:
    graph = _Graph(f"{INSTANCE_BASE}graph/reference", "ref")
    vgr, vastkom = iri(world.vgr_iri), iri(world.vastkom_iri)
    _organisation(graph, vgr, "Västra Götalandsregionen", "region")
    graph.add(vgr, iri(SKOS + "altLabel"), literal("VGR", "sv"))
    graph.add(vgr, iri(SKOS + "notation"), typed("232100-0131", BG + "organisationsnummer"))
    _organisation(graph, vastkom, "VästKom", "samorganisation")
    federations = [iri(f"{INSTANCE_BASE}org/{fed_slug}") for fed_slug, _ in FEDERATIONS]
    for node, (_, name) in zip(federations, FEDERATIONS, strict=True):
        _organisation(graph, node, name, "kommunalforbund")
    for number in range(MUNICIPALITY_COUNT):
        code = f"{1401 + number * 2:04d}"
        node = iri(f"{INSTANCE_BASE}kommun/{code}")
        _organisation(graph, node, f"Kommun {code}", "kommun")
        graph.add(node, iri(SKOS + "notation"), typed(code, BG + "kommunkod"))
        graph.add(node, _bg("memberOfFederation"), federations[number % len(federations)])
    for body in world.bodies:
        node = iri(body.iri)
        _organisation(graph, node, body.label, body.org_type)
        graph.add(node, iri(SKOS + "altLabel"), literal(body.short_label, "sv"))
        if body.collaboration:
            graph.add(node, _bg("convenedBy"), vgr)
            graph.add(node, _bg("convenedBy"), vastkom)
        else:
            graph.add(node, iri(ORG + "subOrganizationOf"), vgr)
    return graph


# -- one minutes document ---------------------------------------------------------------


@dataclass
class _State:
    """What earlier documents created, which later ones refer to."""

    rng: random.Random
    world: World
    introduced: set[str] = field(default_factory=set)  # people already declared
    agreements: list[str] = field(default_factory=list)  # main agreements, for prolonging
    summary: Summary = field(default_factory=lambda: Summary(seed=0))


def _person(graph: _Graph, state: _State, person: Person) -> str:
    """The person's IRI; declared in the graph of the document that first names them."""
    node = iri(person.iri)
    if person.iri not in state.introduced:
        state.introduced.add(person.iri)
        state.summary.people += 1
        graph.add(node, RDF_TYPE, iri(FOAF + "Person"))
        graph.add(node, iri(FOAF + "name"), literal(person.name))
        if person.alt_label:
            graph.add(node, iri(SKOS + "altLabel"), literal(person.alt_label))
    return node


def _membership(
    graph: _Graph, state: _State, body: Body, person: Person, role: str, day: str
) -> None:
    role_slug = slug(role.replace("Ordforande", "-ordforande"))
    node = iri(f"{INSTANCE_BASE}membership/{slug(person.name)}/{body.slug}/{role_slug}/{day}")
    graph.add(node, RDF_TYPE, iri(ORG + "Membership"))
    graph.add(node, iri(ORG + "member"), iri(person.iri))
    graph.add(node, iri(ORG + "organization"), iri(body.iri))
    graph.add(node, iri(ORG + "role"), _bg(role))
    graph.add(node, _bg("attestedOn"), typed(day, XSD + "date"))
    graph.add(node, iri(PROV + "wasDerivedFrom"), graph.term)
    if body.collaboration:
        represented = state.world.represented
        index = body.roster.index(person) if person in body.roster else 0
        graph.add(node, _bg("represents"), iri(represented[index % len(represented)]))
    graph.evidence(node, f"{person.name}, {role}", "identifying")


def _attendance(
    graph: _Graph, state: _State, body: Body, meeting: str, day: str
) -> tuple[Person, list[Person]]:
    """Call the roster, mark a few absent, let a deputy substitute; memberships attested
    by the member list. Returns the chair and who attended."""
    rng = state.rng
    chair, vice, *rest = body.roster
    called_rest = rng.sample(rest, max(len(rest) - rng.randint(2, 4), 1))
    deputies = [p for p in rest if p not in called_rest]
    called = [chair, vice, *called_rest]
    absent = rng.sample(called_rest, min(rng.randint(0, 2), len(called_rest)))
    attendees = [p for p in called if p not in absent]
    substitution: tuple[Person, Person] | None = None
    if absent and deputies and rng.random() < 0.6:
        substitution = (deputies[0], absent[0])
        attendees.append(deputies[0])
    roles = {chair.iri: "ordforande", vice.iri: "viceOrdforande"}
    for person in called:
        _person(graph, state, person)
        graph.add(meeting, _bg("called"), iri(person.iri))
        _membership(graph, state, body, person, roles.get(person.iri, "ledamot"), day)
    for person in absent:
        graph.add(meeting, _bg("absentee"), iri(person.iri))
    for person in attendees:
        graph.add(meeting, _bg("attendee"), iri(person.iri))
    if substitution is not None:
        deputy, replaced = substitution
        _person(graph, state, deputy)
        _membership(graph, state, body, deputy, "ersattare", day)
        node = iri(f"{meeting[1:-1]}/substitution/{slug(deputy.name)}--{slug(replaced.name)}")
        graph.add(meeting, _bg("hasSubstitution"), node)
        graph.add(node, RDF_TYPE, _bg("Substitution"))
        graph.add(node, _bg("substitute"), iri(deputy.iri))
        graph.add(node, _bg("substituted"), iri(replaced.iri))
        graph.add(node, _bg("meeting"), meeting)
        graph.evidence(node, f"{deputy.name} ersätter {replaced.name} under dagens möte.")
    graph.add(meeting, _bg("chair"), iri(chair.iri))
    return chair, attendees


def _agreement(
    graph: _Graph,
    node_iri: str,
    title: str,
    agreement_type: str,
    version: str | None,
    applies_from: str | None,
) -> str:
    node = iri(node_iri)
    graph.add(node, RDF_TYPE, _bg("Agreement"))
    graph.add(node, iri(DCT + "title"), literal(title, "sv"))
    graph.add(node, _bg("agreementType"), _bg(agreement_type))
    if version:
        graph.add(node, _bg("versionLabel"), literal(version))
    if applies_from:
        graph.add(node, _bg("appliesFrom"), typed(applies_from, XSD + "date"))
    graph.evidence(node, title, "identifying")
    return node


def _validity(
    graph: _Graph, agreement: str, decision: str, start: str | None, end: str | None
) -> None:
    node = iri(f"{agreement[1:-1]}/validity/{start or ''}--{end or ''}")
    graph.add(agreement, _bg("hasValidityPeriod"), node)
    graph.add(node, RDF_TYPE, _bg("ValidityPeriod"))
    if start:
        graph.add(node, _bg("start"), typed(start, XSD + "date"))
    if end:
        graph.add(node, _bg("end"), typed(end, XSD + "date"))
    graph.add(node, iri(PROV + "wasGeneratedBy"), decision)


def _agreement_family(
    graph: _Graph, state: _State, body: Body, decision: str, day: date, parts: int
) -> None:
    """A main agreement with `parts` sub-agreements (dct:isPartOf), set by `decision`."""
    rng = state.rng
    type_id, type_label = rng.choice(_AGREEMENT_TYPES)
    version = f"{body.short_label} {day.isoformat()}"
    topic = rng.choice(_TOPICS)
    main_iri = f"{INSTANCE_BASE}agreement/{slug(f'{type_label} {topic} {version}')}"
    applies = (day + timedelta(days=rng.randint(90, 400))).isoformat()
    main = _agreement(
        graph, main_iri, f"{type_label} om {topic}, {version}", type_id, version, applies
    )
    until = (date.fromisoformat(applies) + timedelta(days=365 * rng.randint(2, 4))).isoformat()
    _validity(graph, main, decision, applies, until)
    graph.add(decision, _bg("concerns"), main)
    state.agreements.append(main)
    state.summary.agreements += 1 + parts
    for part in range(1, parts + 1):
        part_topic = rng.choice(_TOPICS)
        part_iri = f"{main_iri}/del-{part}"
        title = f"Överenskommelse - {part_topic}, del {part} av {version}"
        own_date = applies if part % 2 else None  # the others inherit the main date
        sub = _agreement(graph, part_iri, title, "overenskommelse", version, own_date)
        graph.add(sub, iri(DCT + "isPartOf"), main)


def _prolong(graph: _Graph, state: _State, decision: str, day: date) -> None:
    """A decision that prolongs an earlier agreement and sets its next period."""
    agreement = state.rng.choice(state.agreements)
    start, end = day + timedelta(days=30), day + timedelta(days=30 + 730)
    graph.add(decision, _bg("prolongs"), agreement)
    graph.add(decision, _bg("newEndDate"), typed(end.isoformat(), XSD + "date"))
    _validity(graph, agreement, decision, start.isoformat(), end.isoformat())


def _assignment(graph: _Graph, state: _State, body: Body, decision: str, day: date) -> str:
    rng = state.rng
    node = iri(f"{decision[1:-1]}/assignment")
    assignees = (state.world.vgr_iri, state.world.vastkom_iri)
    assignee = assignees[rng.randrange(2)]
    graph.add(decision, _bg("assignment"), node)
    graph.add(node, RDF_TYPE, _bg("Assignment"))
    graph.add(node, _bg("assignee"), iri(assignee))
    graph.add(node, _bg("task"), literal(f"ta fram en plan för {rng.choice(_TOPICS)}", "sv"))
    deadline = day + timedelta(days=rng.randint(60, 540))
    graph.add(node, _bg("deadline"), typed(deadline.isoformat(), XSD + "date"))
    graph.add(node, _bg("reportTo"), iri(body.iri))
    return "Västra Götalandsregionen" if assignee == assignees[0] else "VästKom"


def _decision_type(rng: random.Random, item_number: int) -> tuple[str, str]:
    if item_number == 1:
        return "godkannandeAvDagordning", "{body} godkänner dagordningen."
    if item_number == 2:
        return "godkannandeAvProtokoll", "{body} lägger föregående protokoll till handlingarna."
    weights = [weight for _, weight, _ in _DECISION_TYPES]
    concept, _, pattern = rng.choices(_DECISION_TYPES, weights)[0]
    return concept, pattern


def _decision(
    graph: _Graph,
    state: _State,
    body: Body,
    meeting: str,
    item: str,
    item_number: int,
    clause: int,
    day: date,
) -> None:
    rng = state.rng
    node = iri(f"{item[1:-1]}/decision/{clause}")
    concept, pattern = _decision_type(rng, item_number)
    graph.add(item, _bg("hasDecision"), node)
    graph.add(node, RDF_TYPE, _bg("Decision"))
    graph.add(node, _bg("decisionType"), _bg(concept))
    graph.add(node, _bg("decidedBy"), iri(body.iri))
    graph.add(node, _bg("decidedAt"), meeting)
    graph.add(node, iri(DCT + "date"), typed(day.isoformat(), XSD + "date"))
    graph.add(node, _bg("agendaItem"), item)
    graph.add(node, _bg("clauseNumber"), typed(clause, XSD + "integer"))
    graph.add(node, _bg("reportedIn"), graph.term)
    assignee = "regionen"
    if concept == "uppdrag":
        assignee = _assignment(graph, state, body, node, day)
    elif concept == "stallerSigBakom":
        if rng.random() < 0.12:
            _agreement_family(graph, state, body, node, day, rng.randint(1, 3))
        elif state.agreements and rng.random() < 0.08:
            _prolong(graph, state, node, day)
    text = pattern.format(body=body.short_label, topic=rng.choice(_TOPICS), assignee=assignee)
    text = f"{text[:-1]} ({day.year}, punkt {item_number}.{clause})."
    graph.add(node, _bg("decisionText"), literal(text, "sv"))
    graph.evidence(node, text)
    state.summary.decisions += 1


def _agenda(graph: _Graph, state: _State, body: Body, meeting: str, day: date, items: int) -> None:
    rng = state.rng
    for number in range(1, items + 1):
        item = iri(f"{meeting[1:-1]}/item/{number}")
        title = f"{rng.choice(_TOPICS).capitalize()} ({body.short_label} {day.isoformat()})"
        graph.add(meeting, _bg("hasAgendaItem"), item)
        graph.add(item, RDF_TYPE, _bg("AgendaItem"))
        graph.add(item, _bg("itemNumber"), typed(number, XSD + "integer"))
        graph.add(item, iri(DCT + "title"), literal(title, "sv"))
        graph.evidence(item, f"§ {number} {title}", "identifying")
        clauses = 2 if number == ANCHORS.item_number or rng.random() < 0.25 else 1
        for clause in range(1, clauses + 1):
            _decision(graph, state, body, meeting, item, number, clause, day)
        kind = "information" if number > 2 and rng.random() < 0.5 else "stallningstagande"
        graph.add(item, _bg("itemKind"), _bg(kind))


def _document(state: _State, index: int, body: Body, day: date) -> _Graph:
    digest = hashlib.sha256(f"beslutsgraf-synthetic:{state.summary.seed}:{index}".encode())
    sha = digest.hexdigest()
    graph = _Graph(f"{INSTANCE_BASE}source/{sha[:16]}", f"d{index}")
    document = graph.term
    meeting = iri(f"{INSTANCE_BASE}meeting/{body.slug}/{day.isoformat()}")
    graph.add(meeting, RDF_TYPE, _bg("Meeting"))
    graph.add(meeting, _bg("heldBy"), iri(body.iri))
    graph.add(meeting, iri(DCT + "date"), typed(day.isoformat(), XSD + "date"))
    graph.add(meeting, _bg("meetingStatus"), _bg("held"))
    graph.add(meeting, _bg("meetingForm"), _bg(state.rng.choice(_MEETING_FORMS)))
    graph.add(meeting, _bg("reportedIn"), document)
    graph.evidence(meeting, f"Protokoll från {body.label} {day.isoformat()}", "identifying")
    _attendance(graph, state, body, meeting, day.isoformat())
    items = max(state.rng.randint(5, 10), ANCHORS.item_number if index == 0 else 0)
    _agenda(graph, state, body, meeting, day, items)
    if index == 0:
        _anchor_agreements(graph, state, meeting)
    ingested = datetime(2026, 1, 15, 8, 0, 0) + timedelta(seconds=index)
    graph.add(document, RDF_TYPE, _bg("SourceDocument"))
    graph.add(document, _bg("fileName"), literal(f"{index:05d}_{sha[16:32]}.txt"))
    graph.add(document, _bg("sha256"), literal(sha))
    graph.add(document, iri(DCT + "format"), literal("text/plain"))
    graph.add(document, _bg("documentKind"), _bg("minutes"))
    graph.add(
        document, iri(PROV + "generatedAtTime"), typed(ingested.isoformat(), XSD + "dateTime")
    )
    graph.add(document, _bg("charCount"), typed(graph.cursor + 40, XSD + "integer"))
    graph.add(document, iri(DCT + "language"), literal("sv"))
    state.summary.meetings += 1
    return graph


def _anchor_agreements(graph: _Graph, state: _State, meeting: str) -> None:
    """CQ1's agreement "SRO 2025-09-01" with four parts (two inherit its date), CQ2's
    in- and discharge agreement with two periods, the second set by item 5, and CQ10's
    replacement of that agreement by the part on payment for discharge."""
    decision = iri(f"{meeting[1:-1]}/item/5/decision/1")
    base = f"{INSTANCE_BASE}agreement/"
    label = ANCHORS.agreement_version_label
    main = _agreement(
        graph,
        f"{base}halso-och-sjukvardsavtal-sro-2025-09-01",
        f"Hälso- och sjukvårdsavtal, {label}",
        "halsoOchSjukvardsavtal",
        label,
        "2027-01-01",
    )
    parts = []
    for part, topic in enumerate(
        ("Kommunernas betalningsansvar", "Regionens läkaransvar", "Psykisk funktionsnedsättning",
         "Munhälsa"),
        start=1,
    ):  # fmt: skip
        title = f"Överenskommelse - {topic}, {label}"
        applies = "2027-01-01" if part <= 2 else None
        node = _agreement(graph, f"{base}{slug(title)}", title, "overenskommelse", label, applies)
        graph.add(node, iri(DCT + "isPartOf"), main)
        parts.append(node)
    title = "Överenskommelse om samverkan vid in- och utskrivning från sluten hälso- och sjukvård"
    prolonged = _agreement(graph, f"{base}{slug(title)}", title, "overenskommelse", None, None)
    graph.add(parts[0], iri(DCT + "replaces"), prolonged)
    _validity(graph, prolonged, decision, None, "2020-11-30")
    _validity(graph, prolonged, decision, "2020-12-01", "2024-12-31")
    graph.add(decision, _bg("prolongs"), prolonged)
    graph.add(decision, _bg("newEndDate"), typed("2024-12-31", XSD + "date"))
    state.agreements.append(main)
    state.summary.agreements += 6


def _schedule(world: World) -> Iterator[tuple[Body, date]]:
    """Meetings in document order: the anchor first, then round-robin over the bodies,
    each body's meetings every `MEETING_INTERVAL_DAYS` back from `LAST_MEETING`."""
    anchor_day = date.fromisoformat(ANCHORS.meeting_date)
    yield world.bodies[0], anchor_day
    round_number = 0
    while True:
        for position, body in enumerate(world.bodies):
            offset = (position * 7) % 30
            day = LAST_MEETING - timedelta(days=MEETING_INTERVAL_DAYS * round_number + offset)
            if body is world.bodies[0] and day == anchor_day:
                day -= timedelta(days=1)
            yield body, day
        round_number += 1


def _graphs(target_triples: int, seed: int, summary: Summary) -> Iterator[list[str]]:
    """The quads, one list per graph: shared graphs first, then documents until the
    target is reached (document 0, the anchor, always)."""
    world = build_world(seed, BODY_COUNT, INSTANCE_BASE)
    state = _State(random.Random(f"documents:{seed}"), world, summary=summary)
    for shared in (_ontology_lines(), _reference_graph(world).lines):
        summary.graphs += 1
        summary.quads += len(shared)
        yield shared
    for index, (body, day) in enumerate(_schedule(world)):
        if index > 0 and summary.quads >= target_triples:
            return
        lines = _document(state, index, body, day).lines
        summary.documents += 1
        summary.graphs += 1
        summary.quads += len(lines)
        yield lines


def generate(target_triples: int, seed: int = DEFAULT_SEED) -> Iterator[str]:
    """N-Quads lines (each ending in a newline), about `target_triples` of them."""
    for lines in _graphs(target_triples, seed, Summary(seed=seed)):
        yield from lines


def write_nquads(path: Path, target_triples: int, seed: int = DEFAULT_SEED) -> Summary:
    """Write the synthetic graph to `path` (N-Quads, UTF-8) and say what it holds."""
    summary = Summary(seed=seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for lines in _graphs(target_triples, seed, summary):
            out.writelines(lines)
    return summary
