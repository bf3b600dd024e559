"""Agenda items read in full: kind, times, presenters, decisions, comments, references."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from beslutsgraf.ingest import member_motions, procedure, votes
from beslutsgraf.ingest.action_table import action_table_rows, table_actions
from beslutsgraf.ingest.agreement_dates import prolonged_end
from beslutsgraf.ingest.agreement_references import referred_agreement
from beslutsgraf.ingest.agreements import agreement_facts, with_replacements
from beslutsgraf.ingest.amounts import find_amounts_outside
from beslutsgraf.ingest.body_owner import names_a_body
from beslutsgraf.ingest.dates import (
    DAY_ORDINAL,
    find_clock_range,
    find_dates,
    find_duration_minutes,
    month_pattern,
)
from beslutsgraf.ingest.decisions import (
    action_points,
    clauses_in,
    decision_sentences,
    link_report_backs,
    proposals_in_prose,
    with_responsible,
)
from beslutsgraf.ingest.dispatch import with_recipients
from beslutsgraf.ingest.labels import find_fields
from beslutsgraf.ingest.lines import split_lines, strip_markup, trimmed_span
from beslutsgraf.ingest.model import (
    AgendaItem,
    AgendaItemSegment,
    ChairChange,
    ClockTime,
    DecisionClause,
    HeaderField,
    PersonMention,
    Reference,
    Span,
)
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.patterns import decision_rules
from beslutsgraf.ingest.people import (
    parse_person_list,
    speakers_in,
)
from beslutsgraf.ingest.report_items import lists_others_decisions, noted_report
from beslutsgraf.ontology import BG

__all__ = ["read_item"]

_KIND_LINE_WORDS = 6
_HEAD_LINES = 4
_MINUTES_WORDS = re.compile(r"mötesanteckning|protokoll|minnesanteckning", re.IGNORECASE)
# A time slot line: "(20 minuter, kl. 13.35 – 13.55)", "Kl. 10.00–10.30", "Tid: …".
_TIME_LINE = re.compile(r"^\s*(?:\(|kl\b|tid\b)", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_COMMENT_LINE = re.compile(r"^[ \t]*[•\-–*][ \t]+")


@cache
def _inline_minutes() -> re.Pattern[str]:
    return re.compile(
        # Every match opens with one of these: checked first, the character rules out most
        # positions before both alternatives are tried there (a third of the time).
        r"(?=[12AaMmPp])"
        r"(?P<label>(?:19|20)\d{2}-[01]\d-[0-3]\d\s+(?:Mötesanteckning|Protokoll)[^\n]*)"
        # In prose: "Minnesanteckningarna från 2024-09-05 godkändes", "protokollet från
        # sammanträdet den 5 september 2024", "… från den 5:e september" (the year is the
        # meeting's, or the one before: extract._previous_meeting).
        r"|(?P<prose>(?:[Mm]ötes|[Mm]innes)?(?:[Aa]nteckningar(?:na)?|[Pp]rotokoll(?:et)?)\s+från\s+"
        r"(?:(?:förra\s+)?(?:mötet|sammanträdet)\s+)?(?:den\s+)?"
        rf"(?:(?:19|20)\d{{2}}-[01]\d-[0-3]\d|\d{{1,2}}{DAY_ORDINAL}\s+{month_pattern()}\b"
        r"(?:\s+(?:19|20)\d{2})?))"
    )


def read_item(
    text: str,
    segment: AgendaItemSegment,
    *,
    links: Sequence[Span],
    chair_changes: Sequence[ChairChange],
    default_year: int | None,
    known: frozenset[str],
    chair: PersonMention | None = None,
    body_name: str | None = None,
) -> AgendaItem:
    """Everything `segment` says, as an AgendaItem; `body_name` is the meeting's body."""
    body = segment.body
    fields = find_fields(text, body.start, body.end, "body")
    kinds, kind_text = _kinds(text, body)
    clock = _clock(text, body)
    decisions = _decisions(text, body, fields, default_year, body_name, segment.title.text)
    decisions = _with_item_facts(text, segment.title, body, fields, decisions, body_name)
    decisions = with_recipients(fields, decisions)
    # The item's chair puts "Ordföranden yrkar …": a later "enligt Karin Sjöholms yrkande"
    # names that motion by the chair's name.
    item_chair = _chair_for(segment.number, chair_changes) or chair
    motions = tuple(procedure.motions(text, fields, known, chair=item_chair))
    whole = Span(segment.marker.start, body.end, text[segment.marker.start : body.end])
    return AgendaItem(
        number=segment.number,
        title=" ".join(segment.title.text.split()),
        span=whole,
        title_span=segment.title,
        kinds=kinds,
        kind_text=kind_text,
        presenters=tuple(_presenters(text, body, fields, known)),
        start=clock[0],
        end=clock[1],
        duration_minutes=clock[2],
        decisions=tuple(decisions),
        comments=tuple(_comments(text, fields)),
        references=tuple(_references(text, body, links, default_year)),
        agreements=tuple(a for d in decisions for a in d.concerns),
        # The sums a decision stating none is about: the item's own unlabelled text, not a
        # sibling decision's or a labelled field's (the background an Ärendebeskrivning gives).
        amounts=tuple(
            find_amounts_outside(body, [*(f.value for f in fields), *(d.span for d in decisions)])
        ),
        sub_items=segment.sub_items,
        case_number=segment.case_number.text if segment.case_number else None,
        chaired_by=_chair_for(segment.number, chair_changes),
        votes=tuple(votes.votes(text, fields, appendices=segment.vote_lists, body=body)),
        motions=motions,
        adopted_motion=procedure.adopted_motion(text, fields, motions),
        filed_motions=tuple(
            member_motions.filed_motions(text, whole, segment.title, decisions, known)
        ),
        reservations=tuple(procedure.reservations(text, body, motions, known)),
        notes=tuple(procedure.notes(text, fields, known)),
        disqualifications=tuple(procedure.disqualifications(text, body, known)),
        abstentions=tuple(procedure.abstentions(text, body, known)),
        tabled=_tabled(decisions),
    )


def _tabled(decisions: Sequence[DecisionClause]) -> bool:
    rules = decision_rules("tabled")
    return any(rule.search(decision.text) for rule in rules for decision in decisions)


def _kinds(text: str, body: Span) -> tuple[tuple[str, ...], str | None]:
    """A short line at the top ("Information och ställningstagande") names the item's kinds."""
    lines = [line for line in split_lines(text, body.start, body.end) if not line.blank]
    for line in lines[:_HEAD_LINES]:
        content = strip_markup(text, line.start, line.end)
        if ":" in content.text or len(content.text.split()) > _KIND_LINE_WORDS:
            continue
        kinds = concepts_in(text, "AgendaItemKind", content.start, content.end)
        if kinds:
            return tuple(dict.fromkeys(kind.concept for kind in kinds)), content.text
    return (), None


def _clock(text: str, body: Span) -> tuple[ClockTime | None, ClockTime | None, int | None]:
    lines = [line for line in split_lines(text, body.start, body.end) if not line.blank]
    for line in lines[:_HEAD_LINES]:
        if not _TIME_LINE.match(line.text):
            continue
        found = find_clock_range(line.text, line.start)
        if found is not None:
            return found.start, found.end, find_duration_minutes(line.text)
    return None, None, None


def _presenters(
    text: str, body: Span, fields: Sequence[HeaderField], known: frozenset[str]
) -> list[PersonMention]:
    """The "Föredragande" of the item, then whoever the body has present or speak
    ("Ann-Sofie informerar om …"), each name once."""
    people: list[PersonMention] = []
    for field in fields:
        if field.key == "presenters":
            people += parse_person_list(
                text,
                field.value.start,
                field.value.end,
                section="presenters",
                known_organisations=known,
            )
    named = {person.name for person in people}
    for speaker in speakers_in(text, body.start, body.end, known):
        if speaker.name not in named:
            named.add(speaker.name)
            people.append(speaker)
    return people


def _decisions(
    text: str,
    body: Span,
    fields: Sequence[HeaderField],
    default_year: int | None,
    body_name: str | None,
    title: str,
) -> list[DecisionClause]:
    clauses: list[DecisionClause] = []
    for field in fields:
        if field.key == "decision" and field.value.text:
            # The label takes part in typing: "Beslut: enligt förslag" is a surface form.
            clauses += clauses_in(text, field.value, default_year=default_year, label=field.label)
    actions = [field.value for field in fields if field.key == "action" and field.value.text]
    # An action list kept as a table is no prose: its rows are assignments (below).
    not_prose = [*actions, *action_table_rows(text, body)]
    if not clauses:
        # A preparing body writes its decision as its proposal to the body it prepares for.
        clauses = _own_proposals(text, fields, default_year, body_name)
    labelled = bool(clauses)
    if not labelled:
        clauses = [
            clause
            for clause in decision_sentences(text, body, default_year)
            if not any(a.start <= clause.span.start < a.end for a in not_prose)
        ]
    if lists_others_decisions(title):
        clauses = noted_report(clauses, labelled=labelled)
    clauses = _as_proposed(text, body, fields, clauses, default_year, body_name)
    # Action points of minutes ("Åtgärd: …") are the group's assignments, beside its decisions.
    responsible = next((f.value for f in fields if f.key == "responsible"), None)
    for action in actions:
        responsible_text = responsible.text if responsible is not None else None
        clauses += action_points(text, action, default_year, responsible_text)
    clauses += table_actions(text, body, default_year)
    if responsible is not None:
        clauses = with_responsible(text, clauses, responsible, default_year)
    if len(clauses) > 1 and not _numbered_apart(clauses):
        clauses = [replace(clause, number=index + 1) for index, clause in enumerate(clauses)]
    return link_report_backs(clauses)


def _as_proposed(
    text: str,
    item: Span,
    fields: Sequence[HeaderField],
    clauses: list[DecisionClause],
    default_year: int | None,
    body: str | None,
) -> list[DecisionClause]:
    """A decision that adopts a proposal and says nothing more ("Kommunstyrelsen beslutar
    enligt förslaget", "Kommunfullmäktige bifaller kommunstyrelsens förslag", "Förslaget
    bifalls") decides what the item's proposal proposes: its clauses, one decision each,
    each with the deciding sentence as where the body decided. The proposal is the one it
    names under a label ("Förslag till beslut"), else the one written as prose before it
    ("Regionstyrelsen föreslår att regionfullmäktige …"), the last when it names none.
    Without such a proposal, the sentence as printed stays the one decision."""
    adopting = [(clause, found) for clause in clauses if (found := _adopts(clause)) is not None]
    if len(adopting) != 1:
        return clauses
    deciding, adopted = adopting[0]
    # "Beslut: Enligt förslag": the value alone says nothing; the line as printed decides.
    deciding = _as_formal(_with_own_label(text, fields, deciding))
    clauses = [deciding if c is adopting[0][0] else c for c in clauses]
    whose = adopted.groupdict().get("whose")
    labelled = _proposal_named(fields, whose)
    if labelled is not None and labelled.start <= deciding.span.start < labelled.end:
        # An unlabelled deciding sentence after the proposal ends the proposal's block.
        labelled = trimmed_span(text, labelled.start, deciding.span.start)
    proposals = (
        [labelled]
        if labelled is not None
        else _prose_proposal(text, item, fields, deciding.span.start, whose, body)
    )
    # Where no label marks the decision, a proposal's own sentences read as decisions
    # ("Kommunstyrelsen föreslår kommunfullmäktige …"): they are its clauses again below.
    if not proposals or any(
        c is not deciding and not any(p.start <= c.span.start < p.end for p in proposals)
        for c in clauses
    ):
        return clauses
    proposed = [
        clause
        for proposal in proposals
        for clause in clauses_in(text, proposal, default_year=default_year)
    ]
    # Who decides: the sentence's subject ("Kommunfullmäktige bifaller …") or the meeting's.
    deciders = tuple(name for name in (deciding.decided_by, body) if name)
    return [
        replace(_as_decided_by(clause, deciders), decided_in=deciding.span) for clause in proposed
    ] or clauses


def _prose_proposal(
    text: str,
    item: Span,
    fields: Sequence[HeaderField],
    before: int,
    whose: str | None,
    body: str | None,
) -> list[Span]:
    """The proposal written as prose before the deciding sentence: the paragraphs in which
    the proposer `whose` names ("arbetsutskottets" names "Arbetsutskottet") proposes, or
    else the last proposer before the decision ("Regionstyrelsen föreslår att
    regionfullmäktige …", "Regionstyrelsen föreslår också att regionfullmäktige:" over its
    points). Only the item's own text and its background count: a motion, a vote or a
    reservation proposes nothing the body adopts."""
    elsewhere = [f.value for f in fields if f.key != "background"]
    found = [
        (who, extent)
        for who, extent in proposals_in_prose(text, item.start, before, body)
        if not any(value.start <= extent.start < value.end for value in elsewhere)
    ]
    if whose is not None:
        owner = _body_stem(whose)
        found = [(who, extent) for who, extent in found if _body_stem(who).endswith(owner)]
    return _last_proposers(found)


def _last_proposers(found: Sequence[tuple[str, Span]]) -> list[Span]:
    """The paragraphs of the last proposer in `found`, the run of them that ends it: a §
    protocol tells the proposals in the order they were made ("Förvaltningen föreslår …",
    then "Arbetsutskottet föreslår …"), so the last is the one the body decides on."""
    run: list[Span] = []
    for who, extent in reversed(found):
        if who.casefold() != found[-1][0].casefold():
            break
        run.insert(0, extent)
    return run


def _body_stem(name: str) -> str:
    """A body's name without its genitive and definite endings, so that a decision's
    "arbetsutskottets" finds "Arbetsutskottet" and "Kommunstyrelsens arbetsutskott", and
    "förvaltningens" finds "Socialförvaltningen"."""
    word = name.casefold().removesuffix("s")
    return word[:-2] if word.endswith(("et", "en")) else word


def _with_own_label(
    text: str, fields: Sequence[HeaderField], clause: DecisionClause
) -> DecisionClause:
    """The clause as the whole line its decision label opens ("Beslut: Enligt förslag"),
    when the label stands on the clause's line; else as it is."""
    for field in fields:
        if field.key != "decision" or not field.value.start <= clause.span.start:
            continue
        if clause.span.end > field.value.end or "\n" in text[field.label.start : clause.span.start]:
            continue
        line = Span(field.label.start, clause.span.end, text[field.label.start : clause.span.end])
        return replace(clause, text=" ".join(line.text.split()), span=line)
    return clause


def _as_formal(clause: DecisionClause) -> DecisionClause:
    """A decision adopting a proposal is a formal decision, also where the item states no
    proposal it could take its points from ("Beslut" over "Enligt förslaget."): then it
    is the decision as printed, never one of no kind."""
    if clause.decision_type != str(BG.ovrigt):
        return clause
    formal = str(BG.formelltBeslut)
    return replace(clause, decision_type=formal, matched_types=(formal,))


def _adopts(clause: DecisionClause) -> re.Match[str] | None:
    """The match of an `as_proposed` rule on the whole of a clause that adopts a proposal."""
    for rule in decision_rules("as_proposed"):
        found = rule.search(clause.text)
        if found is not None:
            return found
    return None


def _proposal_named(fields: Sequence[HeaderField], whose: str | None) -> Span | None:
    """The proposal a decision adopts: the one `whose` owns ("arbetsutskottets" owns
    "Arbetsutskottets förslag"), else the item's one proposal without an owner ("Förslag
    till beslut"); when the decision names no owner, the item's one proposal."""
    proposals = [field for field in fields if field.key == "proposal" and field.value.text]
    if whose is None:
        return proposals[0].value if len(proposals) == 1 else None
    owned = [field for field in proposals if _owner(field) == whose.casefold()]
    unowned = [field for field in proposals if _owner(field) is None]
    chosen = owned or unowned
    return chosen[0].value if len(chosen) == 1 else None


def _owner(field: HeaderField) -> str | None:
    """Whose proposal a label names: "arbetsutskottets" in "Arbetsutskottets förslag"."""
    words = field.label.text.casefold().split()
    return words[0] if len(words) > 1 and words[1] == "förslag" else None


def _as_decided_by(clause: DecisionClause, deciders: Sequence[str]) -> DecisionClause:
    """A proposed clause as the body that adopts it decided it. A board's proposal
    that its assembly decide ("Kommunstyrelsen föreslår kommunfullmäktige att anta …")
    is, adopted by that assembly, the assembly's own decision, not a recommendation."""
    if str(BG.rekommendation) not in clause.matched_types:
        return clause
    folded = [decider.casefold() for decider in deciders]
    if not any(name.startswith(to.casefold()) for name in folded for to in clause.recommends_to):
        return clause
    types = tuple(t for t in clause.matched_types if t != str(BG.rekommendation))
    types = types or (str(BG.formelltBeslut),)
    return replace(clause, decision_type=types[0], matched_types=types, recommends_to=())


def _own_proposals(
    text: str,
    fields: Sequence[HeaderField],
    default_year: int | None,
    body: str | None,
) -> list[DecisionClause]:
    """The clauses of the proposals the meeting's own body makes under a heading
    ("Arbetsutskottets förslag till kommunstyrelsen" in the utskott's protocol, "Förslag
    till kommunfullmäktige" in the board's), each a recommendation to the body the heading
    names. Another body's proposal ("Arbetsutskottets förslag …" in the board's protocol)
    is background to the board's own decision, not one."""
    clauses: list[DecisionClause] = []
    for field in fields:
        heading = _proposal_heading(field) if field.value.text else None
        if heading is None or not _proposed_by(heading, body):
            continue
        to = heading.group("to")
        for clause in clauses_in(text, field.value, default_year=default_year):
            clauses.append(_recommended(clause, None if to == "beslut" else to, body))
    return clauses


def _proposal_heading(field: HeaderField) -> re.Match[str] | None:
    """Whose proposal a proposal's label names, and to whom ("beslut": to no body)."""
    if field.key != "proposal":
        return None
    rules = decision_rules("proposal_heading")
    return next((found for rule in rules if (found := rule.search(field.label.text))), None)


def _proposed_by(heading: re.Match[str], body: str | None) -> bool:
    """Whether the meeting's body makes the proposal: its owner is the body's head word
    ("Presidiets" of "Socialnämndens presidium"), or, unowned, it goes to another body."""
    whose = heading.group("whose")
    if whose is None:
        return heading.group("to") != "beslut"
    return _names_body(whose, body)


def _names_body(name: str, body: str | None) -> bool:
    """Whether a one-word name ("Arbetsutskottets", "Presidiet") names `body` by its head
    word ("Kommunstyrelsens arbetsutskott", "Socialnämndens presidium")."""
    head = next((word for word in reversed((body or "").split()) if names_a_body(word)), None)
    if head is None or len(name.split()) != 1:
        return False
    named, own = _body_stem(name), _body_stem(head)
    # "presidiets" and "presidium" differ in their endings only.
    return own.endswith(named) or (own.startswith(named) and len(own) - len(named) <= 2)


def _recommended(clause: DecisionClause, to: str | None, body: str | None) -> DecisionClause:
    """A proposal's clause as the proposing body's recommendation to `to`, else to the body
    the clause itself addresses or has decide ("Kommunstyrelsen beslutar att …"); as it is
    when it names none but its proposer."""
    subject = clause.decided_by
    addressees = (to,) if to else clause.recommends_to
    if not addressees and subject and not _names_body(subject, body):
        addressees = (subject,)
    if not addressees:
        return clause
    addressees = tuple(_parent_named(name, body) for name in addressees)
    recommendation = str(BG.rekommendation)
    types = (recommendation, *(t for t in clause.matched_types if t != recommendation))
    return replace(
        clause,
        decision_type=recommendation,
        matched_types=types,
        recommends_to=addressees,
        decided_by=body,
    )


def _parent_named(name: str, body: str | None) -> str:
    """A body named by its kind alone ("nämnden", "styrelsen") in a preparing body's
    protocol is the one the preparing body's name has in the genitive ("Barn- och
    utbildningsnämndens presidium" proposes to "Barn- och utbildningsnämnden")."""
    genitive = (body or "").rpartition(" ")[0]
    parent = genitive.removesuffix("s")
    if genitive.endswith("s") and parent.casefold().endswith(name.casefold()):
        return parent
    return name


def _numbered_apart(clauses: Sequence[DecisionClause]) -> bool:
    """True when every clause has a number of its own. A decision is named by its number,
    so unnumbered ones, or lists that each start at 1 ("Nämnden noterar informationen."
    before "Nämnden beslutar att 1. … 2. …"), are numbered in order instead."""
    numbers = [clause.number for clause in clauses]
    return None not in numbers and len(set(numbers)) == len(numbers)


def _with_item_facts(
    text: str,
    title: Span,
    body: Span,
    fields: Sequence[HeaderField],
    decisions: list[DecisionClause],
    body_name: str | None,
) -> list[DecisionClause]:
    """The item's title and sentences name the agreement a
    decision prolongs by a reference ("att förlänga avtalet"), date it (validity, end,
    parent) and say which earlier agreements the ones it concerns replace."""
    updated = []
    for decision in decisions:
        decision = _prolonging_a_reference(text, (title, body), decision)
        concerned = with_replacements(text, decision.concerns, body.start, body.end)
        if decision.prolongs is None:
            updated.append(replace(decision, concerns=tuple(concerned)))
            continue
        span = decision.prolongs.span
        prolonged = next((a for a in concerned if a.span == span), decision.prolongs)
        prolongs = agreement_facts(text, prolonged, body.start, body.end)
        # "förlängs med två år": the new end is reckoned from the end the item gives.
        new_end = decision.new_end_date or prolonged_end(text, decision.span, prolongs.ended_on)
        proposal = _by_proposal(text, body, fields, decision, body_name)
        if new_end is None and proposal is not None:
            # "att förlänga avtalet enligt förslaget": the term is the proposal's.
            new_end = prolonged_end(text, proposal, prolongs.ended_on)
            decision = replace(decision, by_proposal=proposal) if new_end else decision
        if new_end is not None:
            prolongs = replace(prolongs, valid_until=new_end)
        concerns = tuple(prolongs if a.span == span else a for a in concerned)
        updated.append(
            replace(decision, prolongs=prolongs, concerns=concerns, new_end_date=new_end)
        )
    return updated


def _prolonging_a_reference(
    text: str, item: Sequence[Span], decision: DecisionClause
) -> DecisionClause:
    """A clause that prolongs an agreement it names only by its head ("att förlänga
    avtalet", "Förvaltningen föreslår att avtalet förlängs med två år") prolongs the one
    agreement its item names."""
    if decision.prolongs is not None or decision.concerns:
        return decision
    if not any(rule.search(decision.text) for rule in decision_rules("prolongs")):
        return decision
    agreement = referred_agreement(text, decision.span, item)
    if agreement is None:
        return decision
    return replace(decision, prolongs=agreement, concerns=(agreement,))


def _by_proposal(
    text: str,
    body: Span,
    fields: Sequence[HeaderField],
    decision: DecisionClause,
    body_name: str | None,
) -> Span | None:
    """The proposal a clause decides by without adopting it whole ("att förlänga avtalet
    enligt förslaget"): the one it names under a label, else the one prose proposal before
    it; None when the clause names none, or none or several fit."""
    rules = decision_rules("by_proposal")
    found = next((match for rule in rules if (match := rule.search(decision.text))), None)
    if found is None:
        return None
    whose = found.groupdict().get("whose")
    labelled = _proposal_named(fields, whose)
    if labelled is not None:
        return labelled
    prose = _prose_proposal(text, body, fields, decision.span.start, whose, body_name)
    return prose[0] if len(prose) == 1 else None


def _comments(text: str, fields: Sequence[HeaderField]) -> list[Span]:
    comments: list[Span] = []
    for field in fields:
        if field.key != "comments":
            continue
        for line in split_lines(text, field.value.start, field.value.end):
            if line.blank:
                continue
            content = strip_markup(text, line.start, line.end)
            if content.text and (_COMMENT_LINE.match(line.text) or not comments):
                comments.append(content)
    return comments


def _references(
    text: str, body: Span, links: Sequence[Span], default_year: int | None
) -> list[Reference]:
    references = []
    for link in links:
        if body.start <= link.start < body.end:
            references.append(_reference(link, default_year))
    for match in _inline_minutes().finditer(text, body.start, body.end):
        group = "label" if match.group("label") else "prose"
        span = trimmed_span(text, match.start(group), match.end(group))
        if not any(r.span.start <= span.start < r.span.end for r in references):
            references.append(_reference(span, default_year))
    for match in _URL.finditer(text, body.start, body.end):
        span = Span(match.start(), match.end(), match.group(0))
        references.append(Reference(span.text, span, None, False, url=span.text))
    return references


def _reference(span: Span, default_year: int | None) -> Reference:
    """A reference dated by the first day it names; a day without a year ("från den 5:e
    september") is read in `default_year`, the meeting's."""
    found = find_dates(span.text, span.start, default_year)
    dates = [date for date in found if date.day is not None]
    label = " ".join(span.text.split())
    return Reference(
        label, span, dates[0] if dates else None, bool(_MINUTES_WORDS.search(span.text))
    )


def _chair_for(number: int, changes: Sequence[ChairChange]) -> PersonMention | None:
    current = None
    for change in changes:
        if change.from_item <= number and (change.to_item is None or number <= change.to_item):
            current = change.person
    return current
