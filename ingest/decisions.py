"""Positions and decisions: one DecisionClause per numbered clause, typed by the
bg:DecisionType ruler, with what the clause concerns, recommends, prolongs and assigns.

Clause rules are rows of `data/decision_patterns.tsv`; the order of strength
of decision types is `data/decision_types.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from beslutsgraf.ingest.agreements import (
    agreement_facts,
    find_agreements,
    list_agreements,
    relate_list,
    with_own_period,
)
from beslutsgraf.ingest.amounts import find_amounts
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import find_dates, month_number
from beslutsgraf.ingest.labels import clause_extent, decision_paragraphs, is_heading
from beslutsgraf.ingest.lines import Line, split_lines, strip_markup, trimmed_span
from beslutsgraf.ingest.model import (
    AgreementMention,
    Assignment,
    DateValue,
    DecisionClause,
    PlannedMeeting,
    Span,
)
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.patterns import Rule, compiled, decision_rules
from beslutsgraf.ingest.periods import is_yearless_period, period_end
from beslutsgraf.ontology import BG

__all__ = [
    "action_points",
    "clauses_in",
    "date_due_meetings",
    "date_yearless_periods",
    "decision_sentences",
    "due_meeting_in",
    "link_report_backs",
    "proposals_in_prose",
    "responsible_names",
    "with_responsible",
]

_DIGIT = re.compile(r"\d")
_NUMBERED = re.compile(r"^[ \t]*(?:(?P<number>\d{1,2})[.)]|[•\-–*])[ \t]+")
# Unnumbered att-clauses, one a line ("Kommunstyrelsen beslutar" / "att godkänna …," /
# "att uppdra åt …"): each but the last closes as a list entry does.
_ATT_LINE = re.compile(r"^[ \t]*[Aa]tt[ \t]+\S")
_ENTRY_CLOSE = re.compile(r"(?:[,;.]|\s(?:samt|och))[ \t]*$")
# A sentence ends at its punctuation or at a blank line; single line breaks are wraps. A
# point before a number on the same line abbreviates ("senast v. 42", "kl. 13.00").
_IN_SENTENCE = r"(?:[^.!?\n]|\.(?=[ \t]+\d))"
_SENTENCE = re.compile(
    rf"{_IN_SENTENCE}+(?:\n(?![ \t]*\n){_IN_SENTENCE}*)*(?:[.!?]+|(?=\n[ \t]*\n)|$)"
)
_SPLIT_ASSIGNEES = re.compile(r"\s*,\s*|(?<!-)\s+och\s+|\s+samt\s+")
# A point's number at a line start or inside running text after "att", ",", ";" or ":"
# ("beslutar att 1. anta …, 2. ge …"), a word after it: "31 §", "2024-03-12" and
# "punkt 2" have no such place.
_POINT = re.compile(
    r"(?:^[ \t]*|(?:(?<=\batt)|(?<=[,;:]))\s+)(?P<number>\d{1,2})[.)][ \t]+(?=[^\W\d_])",
    re.MULTILINE,
)


@cache
def _type_rank() -> dict[str, int]:
    return {str(BG[row[0]]): rank for rank, row in enumerate(read_table("decision_types.tsv"))}


def _types(text: str, spans: Sequence[Span]) -> list[str]:
    found: list[str] = []
    for span in spans:
        for match in concepts_in(text, "DecisionType", span.start, span.end):
            if match.concept not in found:
                found.append(match.concept)
    rank = _type_rank()
    return sorted(found, key=lambda concept: rank.get(concept, len(rank)))


def clauses_in(
    text: str,
    value: Span,
    *,
    default_year: int | None,
    per_capsulam: bool = False,
    date: DateValue | None = None,
    lead: Span | None = None,
    label: Span | None = None,
) -> list[DecisionClause]:
    """The clauses of a decision's text: one per numbered or bulleted line, else one.

    A list of agreements ("- Överenskommelse - …") is what the decision concerns,
    not a list of clauses. `lead` is an opening shared with other entries (a summary's
    "… SRO ställer sig bakom..." that each entry continues); `label` is the field label
    ("Beslut"), part of some decision phrases ("Beslut: enligt förslag").
    """
    listed = list_agreements(text, value.start, value.end)
    inline = _inline_points(text, value)
    if inline and not listed:
        return _point_clauses(text, value, inline, default_year, per_capsulam, date)
    lines = [line for line in split_lines(text, value.start, value.end) if not line.blank]
    list_lines = [line for line in lines if _NUMBERED.match(line.text)] or _att_lines(lines)
    if not list_lines or listed:
        # Paragraphs that each decide ("Kommunstyrelsen föreslår kommunfullmäktige …" /
        # "Kommunstyrelsen beslutar för egen del …") are clauses 1, 2 … as points are.
        paragraphs = decision_paragraphs(text, value) if lead is None and not listed else []
        if len(paragraphs) > 1:
            # The label ("Beslut") opens the first paragraph only.
            labels = [label, *[None] * (len(paragraphs) - 1)]
            return [
                _clause(text, part, part, number, default_year, per_capsulam, date, [], opens)
                for number, (part, opens) in enumerate(zip(paragraphs, labels, strict=True), 1)
            ]
        return [
            _clause(
                text, value, lead or value, None, default_year, per_capsulam, date, listed, label
            )
        ]
    lead = trimmed_span(text, value.start, list_lines[0].start)
    clauses = []
    for index, (body, marker) in enumerate(_points(text, list_lines, value.end), start=1):
        number = int(marker.group("number")) if marker and marker.group("number") else index
        clauses.append(_clause(text, body, lead, number, default_year, per_capsulam, date, []))
    return clauses


def _points(
    text: str, list_lines: Sequence[Line], end: int
) -> list[tuple[Span, re.Match[str] | None]]:
    """Each listed point's text, up to the next point's line (the last up to `end`),
    without its marker ("1.", "•"), and the marker: None for an att-clause, which keeps
    its "att"."""
    points = []
    for index, line in enumerate(list_lines):
        stop = list_lines[index + 1].start if index + 1 < len(list_lines) else end
        marker = _NUMBERED.match(line.text)
        points.append(
            (trimmed_span(text, line.start + (marker.end() if marker else 0), stop), marker)
        )
    return points


def _att_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines opening att-clauses of a list: two or more, each but the last closing
    as a list entry does (",", "samt" …); otherwise [] (one "att" line is a wrapped
    sentence)."""
    found = [line for line in lines if _ATT_LINE.match(line.text)]
    if len(found) < 2:
        return []
    for following in found[1:]:
        last = lines[lines.index(following) - 1]  # the line closing the clause before
        if not _ENTRY_CLOSE.search(last.text):
            return []
    return found


def _inline_points(text: str, value: Span) -> list[re.Match[str]]:
    """The markers of points numbered 1, 2, 3 … in a row when one of them stands inside a
    line ("Regionstyrelsen beslutar att 1. anta …, 2. ge …, 3. paragrafen justeras"); a
    list with each point on a line of its own is `clauses_in`'s line split."""
    run: list[re.Match[str]] = []
    for marker in _POINT.finditer(text, value.start, value.end):
        number = int(marker.group("number"))
        if number == len(run) + 1:
            run.append(marker)
        elif number == 1 and len(run) < 2:
            run = [marker]
    inside_a_line = any(
        text[text.rfind("\n", 0, m.start("number")) + 1 : m.start("number")].strip() for m in run
    )
    return run if len(run) > 1 and inside_a_line else []


def _point_clauses(
    text: str,
    value: Span,
    points: Sequence[re.Match[str]],
    default_year: int | None,
    per_capsulam: bool,
    date: DateValue | None,
) -> list[DecisionClause]:
    """One clause per numbered point, each with the lead-in the points share."""
    lead = trimmed_span(text, value.start, points[0].start("number"))
    clauses = []
    for index, point in enumerate(points):
        end = points[index + 1].start("number") if index + 1 < len(points) else value.end
        body = trimmed_span(text, point.end(), end)
        number = int(point.group("number"))
        clauses.append(_clause(text, body, lead, number, default_year, per_capsulam, date, []))
    return clauses


def _clause(
    text: str,
    body: Span,
    lead: Span,
    number: int | None,
    default_year: int | None,
    per_capsulam: bool,
    date: DateValue | None,
    listed: list[AgreementMention],
    label: Span | None = None,
) -> DecisionClause:
    scope = _scope(text, lead, body)
    typed = [_scope(text, label, scope[0])[0], *scope[1:]] if label else scope
    types = _types(text, typed) or [str(BG.ovrigt)]
    whole = " ".join(span.text for span in scope)
    subject = _decided_by(text, scope[0])
    applies_from = _first_date(decision_rules("applies_from"), text, scope, default_year)
    agreements = relate_list(listed, applies_from) if listed else []
    if not agreements:
        agreements = [
            replace(a, applies_from=applies_from) if applies_from else a
            for a in find_agreements(text, body.start, body.end)
        ]
    # "att godkänna Samverkansavtal om hjälpmedel 2025–2028": the period is its validity.
    agreements = [with_own_period(text, agreement, body.end) for agreement in agreements]
    if len(agreements) == 1:
        agreements = [agreement_facts(text, agreements[0], body.start, body.end)]
    prolonging = _matches(decision_rules("prolongs"), whole)
    prolongs = agreements[0] if agreements and prolonging else None
    # Kept without an agreement too: the item may name the one "förlänga avtalet" refers to.
    new_end = _new_end(text, body, default_year) if prolonging else None
    if prolongs is not None and new_end is not None:
        prolongs = replace(prolongs, valid_until=new_end)
        agreements[0] = prolongs
    assignment = _assignment(text, body, scope, types, default_year)
    remittances = _remittances(text, body, default_year)
    if assignment is None and len(remittances) == 1:
        assignment, remittances = remittances[0], ()
    deadline = _first_date(decision_rules("deadline"), text, scope, default_year)
    recommends_to = tuple(
        addressee
        for value in _captured(decision_rules("recommends_to"), whole, "to")
        for addressee in _addressees(value)
    )
    types = _as_recommendation(types) if recommends_to else types
    return DecisionClause(
        text=body.text,
        span=body,
        decision_type=types[0],
        matched_types=tuple(types),
        number=number,
        decided_by=subject,
        concerns=tuple(agreements),
        recommends_to=recommends_to,
        prolongs=replace(prolongs, valid_until=new_end or prolongs.valid_until)
        if prolongs
        else None,
        new_end_date=new_end,
        assignment=assignment,
        remittances=remittances,
        deadline=deadline,
        amounts=tuple(a for span in scope for a in find_amounts(span.text, span.start)),
        per_capsulam=per_capsulam or _matches(decision_rules("per_capsulam"), whole),
        date=date,
    )


def _scope(text: str, lead: Span, body: Span) -> list[Span]:
    """The clause with its lead; one span when they touch ("Beslut: enligt förslag")."""
    if lead == body:
        return [body]
    if lead.end <= body.start and not text[lead.end : body.start].strip(" \t\n:"):
        return [Span(lead.start, body.end, text[lead.start : body.end])]
    return [lead, body]


def _as_recommendation(types: list[str]) -> list[str]:
    """A clause that proposes another body decide ("… föreslår kommunstyrelsen att anta
    …") is a recommendation to it, whatever its verb also matches ("antar")."""
    found = [t for t in types if t != str(BG.ovrigt)]
    if str(BG.rekommendation) not in found:
        found.append(str(BG.rekommendation))
    rank = _type_rank()
    return sorted(found, key=lambda concept: rank.get(concept, len(rank)))


def _decided_by(text: str, lead: Span) -> str | None:
    """The words before the first decision phrase: "Det politiska samrådsorganet SRO"."""
    matches = concepts_in(text, "DecisionType", lead.start, lead.end)
    if not matches:
        return None
    subject = text[lead.start : matches[0].start].strip(" ,\n\t")
    return " ".join(subject.split()) or None


def _matches(rules: Sequence[Rule], text: str) -> bool:
    return any(rule.search(text) for rule in rules)


# Addressees listed together: "kommunerna och regionen", "VGR, GR och Fyrbodal"; an "och"
# after a hyphen is a name's own ("hälso- och sjukvårdsnämnderna").
_ADDRESSEE_SEPARATOR = re.compile(r"(?<!-),\s+|(?<!-)\s+(?:och|samt)\s+")


def _addressees(value: str) -> list[str]:
    """The bodies a recommendation names, each alone."""
    return [part for part in _ADDRESSEE_SEPARATOR.split(value) if part]


def _captured(rules: Sequence[Rule], text: str, group: str) -> list[str]:
    found = []
    for rule in rules:
        for match in rule.finditer(text):
            value = " ".join(match.group(group).split())
            if value and value not in found:
                found.append(value)
    return found


def _first_date(
    rules: Sequence[Rule], text: str, spans: Sequence[Span], default_year: int | None
) -> DateValue | None:
    for span in spans:
        for rule in rules:
            for match in rule.finditer(text, span.start, span.end):
                found = _date_of(match, default_year)
                if found is not None and _is_due_date(text, match, found[1]):
                    return found[0]
    return None


def _is_due_date(text: str, match: re.Match[str], group: str) -> bool:
    """False when the date a due phrase reaches comes back every year or is the period a
    report covers ("återrapportera Delårsrapport per augusti 2025"): neither is when
    anything is due."""
    start, end = match.span(group)
    return not _recurs(text, match.start(), end) and not _covered_period(text, start)


def _covered_period(text: str, date_start: int) -> bool:
    """True when the words right before a date make it what a report covers: "per
    augusti 2025", "Tertialrapport 1 2025" (`covered_period` in decision_patterns.tsv)."""
    line_start = text.rfind("\n", 0, date_start) + 1
    rules = decision_rules("covered_period")
    return any(rule.regex.search(text, line_start, date_start) for rule in rules)


def _date_of(match: re.Match[str], default_year: int | None) -> tuple[DateValue, str] | None:
    """The date a rule's match gives, and its group: a day ("date") or the last day of a
    period ("period": "v. 42", "Q1 2026", "årsskiftet")."""
    groups = match.groupdict()
    if groups.get("date"):
        dates = find_dates(groups["date"], match.start("date"), default_year)
        return (dates[0], "date") if dates else None
    if groups.get("period"):
        end = period_end(groups["period"], default_year, match.start("period"))
        return (end, "period") if end else None
    return None


def _recurs(text: str, start: int, date_end: int) -> bool:
    """True when the date of a phrase comes back ("senast den 31 mars varje år", "årligen
    senast den 31 mars"): a yearly or quarterly date is no single date."""
    after = any(rule.regex.match(text, date_end) for rule in decision_rules("recurs_after"))
    before = max(0, text.rfind("\n\n", 0, start))
    recurs_before = decision_rules("recurs_before")
    return after or any(rule.regex.search(text, before, start) for rule in recurs_before)


def _new_end(text: str, body: Span, default_year: int | None) -> DateValue | None:
    """The last "till och med" date; a bare year means its last day ("längst till och med 2024").
    A date the clause gives as the end the agreement has ("avtalet, som löper ut 2024-12-31,
    med två år") is none: the term runs from it (`agreement_dates.prolonged_end`)."""
    current = {
        match.start("date")
        for rule in decision_rules("current_end")
        for match in rule.finditer(text, body.start, body.end)
    }
    found: list[tuple[int, DateValue]] = []
    for rule in decision_rules("new_end"):
        for match in rule.finditer(text, body.start, body.end):
            groups = match.groupdict()
            if groups.get("date") and match.start("date") in current:
                continue
            if groups.get("date"):
                dates = find_dates(groups["date"], match.start("date"), default_year)
                if dates:
                    found.append((match.start(), dates[0]))
            elif groups.get("year"):
                span = Span(match.start("year"), match.end("year"), groups["year"])
                found.append((match.start(), DateValue(int(groups["year"]), 12, 31, span=span)))
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _assignment(
    text: str,
    body: Span,
    scope: Sequence[Span],
    types: Sequence[str],
    default_year: int | None,
) -> Assignment | None:
    if str(BG.uppdrag) not in types:
        return None
    whole = " ".join(span.text for span in scope)
    assignees: list[str] = []
    for who in _captured(decision_rules("assignees"), whole, "who"):
        assignees += [part for part in _SPLIT_ASSIGNEES.split(who) if part]
    tasks = _captured(decision_rules("task"), whole, "task")
    report_to = _captured(decision_rules("report_to"), whole, "to")
    return Assignment(
        assignees=tuple(assignees),
        # A point of a list keeps its comma; the task it sets does not ("…, 3. …").
        task=tasks[0].rstrip(" ,;") if tasks else body.text,
        span=body,
        deadline=_task_deadline(text, scope, default_year),
        report_to=report_to[0] if report_to else None,
        due_meeting=due_meeting_in(text, scope),
    )


def _remittances(text: str, body: Span, default_year: int | None) -> tuple[Assignment, ...]:
    """Each sentence sending a motion to a body to prepare or to state its opinion on
    ("… remitteras till kommunstyrelsen för yttrande senast 2025-06-30"): that body's
    task, the sentence as written, due by the date the sentence gives."""
    found = []
    for match in _SENTENCE.finditer(text, body.start, body.end):
        sentence = trimmed_span(text, match.start(), match.end())
        bodies = _captured(decision_rules("remits_to"), sentence.text, "who")
        if bodies:
            deadline = _first_date(decision_rules("deadline"), text, [sentence], default_year)
            task = " ".join(sentence.text.split())
            found.append(Assignment(tuple(bodies), task, sentence, deadline=deadline))
    return tuple(found)


def _task_deadline(text: str, scope: Sequence[Span], default_year: int | None) -> DateValue | None:
    """An assignment's deadline: a decision's, else the end of the period its task is done
    in ("under första kvartalet 2026")."""
    return _first_date(decision_rules("deadline"), text, scope, default_year) or _first_date(
        decision_rules("task_deadline"), text, scope, default_year
    )


def due_meeting_in(text: str, spans: Sequence[Span]) -> Span | None:
    for span in spans:
        for rule in decision_rules("due_meeting"):
            for match in rule.finditer(text, span.start, span.end):
                month = match.group("month")
                if month is None or month_number(month) is not None:
                    return Span(match.start("meeting"), match.end("meeting"), match["meeting"])
    return None


def action_points(
    text: str, value: Span, default_year: int | None, responsible: str | None = None
) -> list[DecisionClause]:
    """The assignments of an action point of minutes ("Åtgärd: Jeanette Sjöstrand återkommer
    med en delrapport till mötet i juni."): one uppdrag per line or bullet, given to whoever
    the point names first, else to the item's "Ansvarig:"; the rest of the point is the task."""
    lines = [line for line in split_lines(text, value.start, value.end) if not line.blank]
    listed = [line for line in lines if _NUMBERED.match(line.text)]
    points = [body for body, _ in _points(text, listed, value.end)] if listed else [value]
    return [
        clause
        for point in points
        if (clause := _action(text, point, default_year, responsible)) is not None
    ]


def _action(
    text: str, point: Span, default_year: int | None, responsible: str | None
) -> DecisionClause | None:
    written = " ".join(point.text.split()).rstrip(" .;")
    if len(written.split()) < 2:
        return None  # "Åtgärd: ingen", "Åtgärder: –": nothing is assigned
    rules = decision_rules("action_assignee")
    opening = next((m for rule in rules if (m := rule.regex.match(written))), None)
    assignees = [part for part in _SPLIT_ASSIGNEES.split(opening["who"]) if part] if opening else []
    if not assignees and responsible:
        assignees = responsible_names(responsible)
    deadline = _task_deadline(text, [point], default_year)
    assignment = Assignment(
        assignees=tuple(assignees),
        task=opening["task"] if opening else written,
        span=point,
        deadline=deadline,
        due_meeting=due_meeting_in(text, [point]),
    )
    return assignment_clause(point.text, point, assignment)


def assignment_clause(text: str, span: Span, assignment: Assignment) -> DecisionClause:
    """A decision that is only an assignment (an action point, a row of an action table):
    of type uppdrag, reading as `text`, with `span` as its evidence."""
    uppdrag = str(BG.uppdrag)
    return DecisionClause(
        text=text,
        span=span,
        decision_type=uppdrag,
        matched_types=(uppdrag,),
        assignment=assignment,
        deadline=assignment.deadline,
    )


def responsible_names(responsible: str) -> list[str]:
    """The people an "Ansvarig:" line names, without the deadline it may add ("Sara Åkesson,
    klart senast 2025-10-15"): a name is capitalised and holds no digit."""
    parts = _SPLIT_ASSIGNEES.split(responsible.strip(" ."))
    return [part for part in parts if part[:1].isupper() and not _DIGIT.search(part)]


def with_responsible(
    text: str, clauses: Sequence[DecisionClause], responsible: Span, default_year: int | None
) -> list[DecisionClause]:
    """Assignments lacking an assignee or a deadline take them from the item's "Ansvarig:"
    line ("Ansvarig: Sara Åkesson, klart senast 2025-10-15"), which minutes put under the
    decision instead of inside it."""
    deadline = _first_date(decision_rules("deadline"), text, [responsible], default_year)
    names = tuple(responsible_names(responsible.text))
    completed = []
    for clause in clauses:
        assignment = clause.assignment
        if assignment is None:
            completed.append(clause)
            continue
        assignment = replace(
            assignment,
            assignees=assignment.assignees or names,
            deadline=assignment.deadline or deadline,
        )
        completed.append(
            replace(clause, assignment=assignment, deadline=clause.deadline or deadline)
        )
    return completed


def date_due_meetings(
    clauses: Sequence[DecisionClause],
    meeting_date: DateValue | None,
    planned: Sequence[PlannedMeeting],
) -> list[DecisionClause]:
    """Assignments due "till nästa möte" take the date of the next meeting the document
    announces of its own body; "till mötet i juni" that of an announced meeting in June,
    else June itself (of the meeting's year, or the next when June has passed)."""
    dated = []
    for clause in clauses:
        assignment = clause.assignment
        if assignment is None or assignment.deadline or assignment.due_meeting is None:
            dated.append(clause)
            continue
        phrase = assignment.due_meeting
        due = _meeting_due(phrase, meeting_date, planned)
        if due is None:
            dated.append(clause)
            continue
        date, announced = due
        read_from = (phrase, announced) if announced is not None else (phrase,)
        dated_assignment = replace(assignment, deadline=date, deadline_read_from=read_from)
        dated.append(replace(clause, assignment=dated_assignment))
    return dated


def date_yearless_periods(
    clauses: Sequence[DecisionClause], meeting_date: DateValue | None
) -> list[DecisionClause]:
    """Deadlines of a period written without its year ("klart senast v. 42") are read in the
    meeting's year; a period that has ended by the meeting is next year's."""
    dated = []
    for clause in clauses:
        assignment = clause.assignment
        if assignment is not None:
            assignment = replace(
                assignment, deadline=_after_meeting(assignment.deadline, meeting_date)
            )
        deadline = _after_meeting(clause.deadline, meeting_date)
        dated.append(replace(clause, assignment=assignment, deadline=deadline))
    return dated


def _after_meeting(deadline: DateValue | None, meeting_date: DateValue | None) -> DateValue | None:
    if deadline is None or deadline.span is None or meeting_date is None:
        return deadline
    if deadline.iso() >= meeting_date.iso() or not is_yearless_period(deadline.span.text):
        return deadline
    span = deadline.span
    return period_end(span.text, deadline.year + 1, span.start) or deadline


def _meeting_due(
    phrase: Span, meeting_date: DateValue | None, planned: Sequence[PlannedMeeting]
) -> tuple[DateValue, Span | None] | None:
    """The date of the meeting `phrase` names, and the announcement that dates it (None
    for a month no announced meeting falls in: the month itself is the date)."""
    held = meeting_date.iso() if meeting_date is not None else ""
    later = sorted(
        (p for p in planned if p.body is None and p.date.iso() > held),
        key=lambda meeting: meeting.date.iso(),
    )
    words = phrase.text.split()
    month = month_number(words[-1]) if len(words) > 2 else None
    if month is None:
        return (replace(later[0].date, span=phrase), later[0].span) if later else None
    in_month = [meeting for meeting in later if meeting.date.month == month]
    if in_month:
        return replace(in_month[0].date, span=phrase), in_month[0].span
    if meeting_date is None or meeting_date.month is None:
        return None
    year = meeting_date.year + (1 if month < meeting_date.month else 0)
    return DateValue(year, month, span=phrase), None


def link_report_backs(clauses: list[DecisionClause]) -> list[DecisionClause]:
    """A report-back clause ("… att uppdraget ska återrapporteras till SRO 2025-11-13")
    dates the assignment
    given in the clause before it."""
    linked = list(clauses)
    for index in range(1, len(linked)):
        clause, previous = linked[index], linked[index - 1]
        assignment = previous.assignment
        if assignment is None or clause.assignment is not None or clause.deadline is None:
            continue
        if not re.search(r"\buppdraget\b", clause.text):
            continue
        report_to = _captured(decision_rules("report_to"), clause.text, "to")
        linked[index - 1] = replace(
            previous,
            assignment=replace(
                assignment,
                deadline=assignment.deadline or clause.deadline,
                report_to=assignment.report_to or (report_to[0] if report_to else None),
            ),
        )
    return linked


def decision_sentences(text: str, body: Span, default_year: int | None) -> list[DecisionClause]:
    """Unlabelled decisions: sentences that open with a deciding subject or a decision phrase
    ("Dagens agenda godkänns.", "Styrgruppen ställer sig bakom den nya tidsplanen.")."""
    subjects = compiled("decision_subjects.tsv")
    clauses: list[DecisionClause] = []
    position = body.start
    while (match := _SENTENCE.search(text, position, body.end)) is not None:
        position = max(match.end(), match.start() + 1)
        sentence = strip_markup(text, match.start(), match.end())
        if not sentence.text:
            continue
        phrases = concepts_in(text, "DecisionType", sentence.start, sentence.end)
        if not phrases:
            continue
        opening = len(text[sentence.start : phrases[0].start].split()) <= 1
        if not (opening or any(subject.match(sentence.text) for subject in subjects)):
            continue
        listed = _numbered_points(text, sentence.start, body.end)
        if listed is not None:
            clauses += clauses_in(text, listed, default_year=default_year)
            position = listed.end
        else:
            clauses.append(_clause(text, sentence, sentence, None, default_year, False, None, []))
    return clauses


def _numbered_points(text: str, start: int, end: int) -> Span | None:
    """A lead-in from `start` with the points it lists ("Regionstyrelsen beslutar att" over
    "1. …", "2. …"; "Nämnden beslutar" over "att godkänna …," / "att överlämna …"), which
    the sentence split would cut at each "1." or keep as one decision."""
    extent = clause_extent(text, start, end)
    lines = split_lines(text, extent.start, extent.end)[1:]
    markers = [marker for line in lines if (marker := _NUMBERED.match(line.text))]
    # Numbered points, or two bullets or more: one bullet may be a note under a sentence.
    if any(marker.group("number") for marker in markers) or len(markers) > 1:
        return extent
    if _att_lines([line for line in lines if not line.blank]):
        return extent
    return extent if _inline_points(text, extent) else None


def proposals_in_prose(
    text: str, start: int, end: int, own_body: str | None
) -> list[tuple[str, Span]]:
    """Proposals written as prose in `text[start:end]`, each as its proposer and its extent:
    a sentence that opens with the deciding body's own name or a preparer's
    (`proposer` rules: "Förvaltningen", "Arbetsutskottet" …) and "föreslår" ("Regionstyrelsen
    föreslår att regionfullmäktige godkänner …"), with its wrapped lines, or with the points
    its lead-in lists ("Regionstyrelsen föreslår också att regionfullmäktige:" over bullets).
    A proposal told of ("har i en motion föreslagit", "föreslog") is background, not one."""
    rules = [rule.regex for rule in decision_rules("proposer")]
    if own_body and own_body.strip():
        own = r"\s+".join(re.escape(word) for word in own_body.split())
        rules.append(re.compile(rf"(?P<who>{own})\s+föreslår\b", re.IGNORECASE))
    found: list[tuple[str, Span]] = []
    position = start
    while (match := _SENTENCE.search(text, position, end)) is not None:
        position = max(match.end(), match.start() + 1)
        sentence = strip_markup(text, match.start(), match.end())
        opened = _proposal_opening(text, sentence, rules)
        if opened is None:
            continue
        who, opens_at = opened
        extent = clause_extent(text, opens_at, end)
        found.append((who, extent))
        position = max(position, extent.end)
    return found


def _proposal_opening(
    text: str, sentence: Span, rules: Sequence[re.Pattern[str]]
) -> tuple[str, int] | None:
    """The proposer and where its proposal opens: at the sentence's start, or under the
    heading lines that open it ("Sammanfattning" over "Förvaltningen föreslår att …"),
    which no full stop parts from the sentence below."""
    for line in split_lines(text, sentence.start, sentence.end):
        written = text[line.start : sentence.end]
        opening = next((m for rule in rules if (m := rule.match(written))), None)
        if opening is not None:
            return " ".join(opening.group("who").split()), line.start
        if not is_heading(line.text.strip()):
            return None
    return None
