"""Attendance and role changes: member lists, absence lists, substitutions, chairs.

Sentence rules ("X ersätter Y", "öppnas av", "vid ärende fyra tar … över",
"är ny ordförande") are rows of `data/sentence_patterns.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from beslutsgraf.ingest.adjusting import adjusting_date
from beslutsgraf.ingest.attendance_table import marked_items
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.deputy_entries import deputies_sitting_for
from beslutsgraf.ingest.item_changes import (
    item_number_at,
    items_sat_out,
    serving_after_departures,
)
from beslutsgraf.ingest.item_scopes import scoped_items
from beslutsgraf.ingest.labels import find_fields, labels
from beslutsgraf.ingest.lines import split_on_gaps
from beslutsgraf.ingest.model import (
    AgendaItemSegment,
    Attendance,
    ChairChange,
    DateValue,
    Departure,
    PersonMention,
    RoleEvent,
    RoleEventKind,
    Segments,
    Span,
    StandingSubstitute,
    Substitution,
)
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.patterns import NAME_IN_PROSE, keyed, number_word, sentence_rules
from beslutsgraf.ingest.people import (
    is_organisation_like,
    items_in_cell,
    mention_at,
    parse_person,
    parse_person_list,
    party_named_alone,
)
from beslutsgraf.ontology import BG

__all__ = ["AttendanceReading", "extract_attendance"]

# Roster sections whose people were not called as members; "not_present": a deputy's
# row left unmarked in an attendance table (roster.py), neither called nor present.
_NOT_CALLED = frozenset({"others", "administration", "communication", "deputies", "not_present"})
# Present without being called: a protocol lists the deputies who came but did not
# serve ("Ersättare", "Ej tjänstgörande ersättare") beside the others present.
_OTHERS = frozenset({"others", "administration", "communication", "deputies"})
_SERVING = str(BG.tjanstgorandeErsattare)
# Absence lists by the list their label says they are of: "Frånvarande ledamöter" lists
# members; a bare "Frånvarande" may name a guest who sent word, and says of no seat.
_ABSENCE_LISTS = {"absent": None, "absent_members": "members"}
# "Frånvarande ersättare: …": deputies of the body who did not come, neither called nor
# absent members (absence is of a called member's seat).
_ABSENT_DEPUTIES = "absent_deputies"
# The list of the member a deputy listed in these sections sits for: the member list.
# In "Beslutande" ("X (V) ersätter Y (V)") it is that list itself.
_SEAT_SAT_FOR = {"serving_deputies": "members", "deputies": "members"}
# The lists of deputies' seats: a deputy listed elsewhere with whom they sit for is seated so.
_DEPUTIES = "deputies"
_DEPUTY_SECTIONS = frozenset(_SEAT_SAT_FOR)
_MARK_LENGTH = 3  # a presence mark in a table cell: "X", "Ja"
_STANDING = re.compile(r"\bvid\s+behov\b")
_REPLACES_IN_CELL = re.compile(rf"\(\s*ersätter\s+(?P<name>{NAME_IN_PROSE})\s+vid\s+behov\s*\)")
_PRONOUNS = frozenset({"hon", "han", "hen"})
_NAME_IN_PROSE = re.compile(NAME_IN_PROSE)
# A line to sign on: dots, an ellipsis or underscores only.
_SIGNATURE_RULE = re.compile(r"[.…_\s]{3,}")
# The next line with something on it, up to a run of spaces (a second column) or its end.
_NEXT_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)*(?P<line>\S+(?: \S+)*)")
# The end of a label cut off by the page edge, opening a field's value: "ande:" of
# "Beslutande:" in a flattened label column.
_LABEL_FRAGMENT = re.compile(r"(?P<fragment>[a-zåäö]{3,}):")
# What may follow the meeting's date before the next value: "kl", "kl. 13.00–15.00".
_CLOCK_TAIL = re.compile(
    r"[ \t,]*(?:kl\.?(?:[ \t]*\d{1,2}(?:[.:]\d{2})?(?:[ \t]*[-–][ \t]*\d{1,2}(?:[.:]\d{2})?)?)?)?"
)
# The attendance roles a signature table gives its columns, by their labels' keys.
_SIGNING_ROLES = ("chair", "adjusters", "secretary")
# A column of a table line: words one space apart, up to a tab or a run of spaces.
_COLUMN = re.compile(r"\S+(?: \S+)*")
_EVENT_KINDS = {
    "succeeded": RoleEventKind.SUCCEEDED,
    "appointed": RoleEventKind.APPOINTED,
    "ended": RoleEventKind.ENDED,
    "acting": RoleEventKind.ACTING,
}


@dataclass(frozen=True)
class AttendanceReading:
    """What `extract_attendance` found: the attendance and the role changes."""

    attendance: Attendance
    role_events: tuple[RoleEvent, ...]
    people: tuple[PersonMention, ...]


def extract_attendance(
    segments: Segments, meeting_date: DateValue | None, known: frozenset[str]
) -> AttendanceReading:
    """Who was called, absent, substituted and in the chair, and whose role changed."""
    text = segments.document.text
    roster = [*_roster_people(segments, known), *_deferred_members(segments, known)]
    roster, sitting_for = deputies_sitting_for(text, roster)
    fields = _fields(segments)
    invited = _listed(text, fields, "invited", known)
    prose = _prose_people(text, known)
    substitutions, standing = _substitutions(segments, roster, prose, known)
    substitutions += [_seat_of_the_sat_for(roster, s) for s in sitting_for]
    roster = _deputies_seated(roster, substitutions)
    # A deputy marked as serving ("(tjänstgörande)", "tjg ers") was called in a member's place.
    called = [p for p in roster if p.section not in _NOT_CALLED or p.meeting_role == _SERVING]
    others = [p for p in roster if p.section in _OTHERS and p.meeting_role != _SERVING]
    absent = _dedupe(
        [
            *_absence_lists(text, fields, known),
            *(p for p in roster if p.absent),
            *_sat_for_in_roster(roster, substitutions),
        ]
    )
    absent = _seated(absent, substitutions)
    absent_deputies = [
        replace(person, section="not_present", listed_as="deputies")
        for person in _listed(text, fields, _ABSENT_DEPUTIES, known)
    ]
    chair_changes = _chair_changes(segments, known)
    departures = _departures(segments, known, "leaves")
    arrivals = _departures(segments, known, "arrives")
    sat_out = items_sat_out(segments, known)
    substitutions += serving_after_departures(segments, departures, known)
    opened = chair_changes and chair_changes[0].from_item == 1
    chair = chair_changes[0].person if opened else _chair_from_roster(roster, absent)
    signed = _signature_table(text, known)
    if chair is None:
        chair = next(iter(_listed(text, fields, "chair", known)), None)  # "Ordförande X (S)"
    if chair is None:
        chair = next(iter(signed["chair"]), None)
    if chair_changes and not opened and chair is not None:
        # "Ordförande: X" / "Ordförande från punkt 5: Y": X chairs up to the change.
        chair_changes.insert(0, ChairChange(chair, 1, chair.entry or chair.span))
    elif chair_changes and not opened:
        chair = chair_changes[0].person
    secretaries = [p for p in roster if p.role and p.role.endswith("sekreterare")]
    secretaries += [*_listed(text, fields, "secretary", known), *signed["secretary"]]
    minutes_taker = next(iter(_listed(text, fields, "minutes_taker", known)), None)
    adjusted = adjusting_date(text, meeting_date)
    attendance = Attendance(
        called=tuple(called),
        invited=tuple(invited),
        others_present=tuple(others),
        absent=tuple(absent),
        not_present=tuple(
            _dedupe([*(p for p in roster if p.section == "not_present"), *absent_deputies])
        ),
        substitutions=tuple(substitutions),
        standing_substitutes=tuple(standing),
        chair=chair,
        chair_changes=tuple(chair_changes) if len(chair_changes) > 1 else (),
        departures=tuple(departures),
        arrivals=tuple(arrivals),
        sat_out=tuple(sat_out),
        secretaries=tuple(_dedupe(secretaries)),
        minutes_taker=minutes_taker,
        adjusters=tuple(
            _dedupe(
                [
                    *_listed(text, fields, "adjusters", known),
                    *_adjusters(text, known),
                    *signed["adjusters"],
                ]
            )
        ),
        adjusted_on=adjusted[0] if adjusted else None,
        adjusted_in=adjusted[1] if adjusted else None,
    )
    events = _role_events(text, meeting_date, known)
    # Structured mentions only: running-text word runs are antecedents, not people.
    people = [
        *roster,
        *invited,
        *absent,
        *absent_deputies,
        *attendance.secretaries,
        *attendance.adjusters,
        *([minutes_taker] if minutes_taker else []),
        *(p for s in substitutions for p in (s.substitute, s.substituted)),
        *(p for s in standing for p in (s.substitute, s.substituted)),
        *(change.person for change in chair_changes),
        *(departure.person for departure in (*departures, *arrivals)),
        *(absence.person for absence in sat_out),
        *(e.person for e in events),
        *(e.predecessor for e in events if e.predecessor),
    ]
    return AttendanceReading(attendance, tuple(events), tuple(people))


def _adjusters(text: str, known: frozenset[str]) -> list[PersonMention]:
    """Justerare named in a sentence: "Utsågs Ulric Andersson att jämte ordföranden justera"."""
    people = []
    for regex in sentence_rules("adjuster"):
        for match in regex.finditer(text):
            for group in ("person", "second"):
                if match.group(group):
                    people.append(mention_at(text, match.start(group), match.end(group), known))
    return people


@cache
def _roles_line() -> re.Pattern[str]:
    """A line of role words only, two or more columns ("ordförande      justerare"): the
    labels of the attendance roles a signature is for ("Ordförande", "Justerare")."""
    words = "|".join(re.escape(label.text) for label in labels() if label.key in _SIGNING_ROLES)
    return re.compile(
        rf"^[ \t]*(?:{words})(?:(?:\t|[ \t]{{2,}})(?:{words}))+[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    )


def _signature_table(text: str, known: frozenset[str]) -> dict[str, list[PersonMention]]:
    """The people of a signature table, by role: names on one line and, column for column,
    their roles on the next ("Anders Nyqvist     Karin Forsberg" over "ordförande
    justerare"). Only a roles line that gives every column its role counts."""
    keys = {label.text.lower(): label.key for label in labels() if label.key in _SIGNING_ROLES}
    signed: dict[str, list[PersonMention]] = {key: [] for key in _SIGNING_ROLES}
    for roles in _roles_line().finditer(text):
        names_start = text.rfind("\n", 0, max(roles.start() - 1, 0)) + 1
        names = list(_COLUMN.finditer(text, names_start, max(roles.start() - 1, names_start)))
        columns = list(_COLUMN.finditer(text, roles.start(), roles.end()))
        if len(names) != len(columns) or not all(
            _overlap(name, names_start, role, roles.start())
            for name, role in zip(names, columns, strict=True)
        ):
            continue
        for name, role in zip(names, columns, strict=True):
            key = keys[role.group(0).lower()]
            person = parse_person(
                text, name.start(), name.end(), section=key, known_organisations=known
            )
            if person is not None:
                signed[key].append(person)
    return signed


def _overlap(name: re.Match[str], names_start: int, role: re.Match[str], roles_start: int) -> bool:
    """True when a name and a role share columns of their lines (one stands over the other)."""
    left = name.start() - names_start, name.end() - names_start
    right = role.start() - roles_start, role.end() - roles_start
    return left[0] < right[1] and right[0] < left[1]


def _sat_for_in_roster(
    roster: Sequence[PersonMention], substitutions: Sequence[Substitution]
) -> list[PersonMention]:
    """Members a deputy sits for in the member list itself ("X (C) tjänstgörande ersättare
    för Y (C)"): Y was called but did not attend."""
    return [
        substitution.substituted
        for substitution in substitutions
        if substitution.from_item is None and _entry_at(roster, substitution.span.start)
    ]


def _deputies_seated(
    roster: Sequence[PersonMention], substitutions: Sequence[Substitution]
) -> list[PersonMention]:
    """The roster, a deputy listed among the members with the member they sit for ("Lena
    Berg (V) ersätter Omar Ali (V)" under "Beslutande") in a deputy's seat: called to
    the meeting in the member's place, a deputy (ersättare) of the body all the same."""
    substitutes = {
        substitution.substitute.span.start
        for substitution in substitutions
        if _entry_at(roster, substitution.span.start) is not None
    }
    return [
        replace(person, listed_as=_DEPUTIES)
        if person.span.start in substitutes
        and person.listed_as is None
        and person.section not in _DEPUTY_SECTIONS
        else person
        for person in roster
    ]


def _entry_at(roster: Sequence[PersonMention], offset: int) -> PersonMention | None:
    """The person of the member-list entry that holds `offset`."""
    return next(
        (p for p in roster if p.entry is not None and p.entry.start <= offset < p.entry.end),
        None,
    )


def _seat_of_the_sat_for(
    roster: Sequence[PersonMention], substitution: Substitution
) -> Substitution:
    """`substitution`, the member it sits for in a member-list entry ("Anna Berg (S)
    ersätter Per Ek (SD)" under "Beslutande" or "Tjänstgörande ersättare") listed in that
    list: the seat the deputy fills is theirs. A sentence outside the lists says whom a
    person stands in for, not where they sit."""
    entry = _entry_at(roster, substitution.span.start)
    if entry is None or entry.section is None or substitution.substituted.listed_as:
        return substitution
    listed = entry.listed_as or entry.section
    substituted = replace(
        substitution.substituted, listed_as=_SEAT_SAT_FOR.get(listed, listed), group=entry.group
    )
    return replace(substitution, substituted=substituted)


def _fields(segments: Segments) -> list[tuple[str, Span]]:
    text = segments.document.text
    found = [
        (field.key, _signed_name(text, field.value))
        for field in (*segments.header, *segments.footer)
    ]
    for item in segments.items[:1]:
        # Absence lists sit under the first item ("Mötets öppnande") in minutes.
        found += [
            (field.key, field.value)
            for field in find_fields(text, item.body.start, item.body.end, "body")
            if field.key in _ABSENCE_LISTS or field.key == _ABSENT_DEPUTIES
        ]
    return found


def _signed_name(text: str, value: Span) -> Span:
    """A signature line ("Sekreterare ……………… / Lena Sjö"): the name is printed under
    the rule, at the start of the next line that holds anything."""
    if not value.text or not _SIGNATURE_RULE.fullmatch(value.text):
        return value
    line_end = text.find("\n", value.end)
    if line_end < 0:
        return value
    following = _NEXT_LINE.match(text, line_end)
    if following is None:
        return value
    name = following.group("line")
    start = following.start("line")
    return Span(start, start + len(name), name)


def _absence_lists(
    text: str, fields: Sequence[tuple[str, Span]], known: frozenset[str]
) -> list[PersonMention]:
    """The people of the absence lists, each with the list the label says they are of."""
    return [
        replace(person, section="absent", listed_as=listed)
        for key, listed in _ABSENCE_LISTS.items()
        for person in _listed(text, fields, key, known)
    ]


def _seated(
    absentees: Sequence[PersonMention], substitutions: Sequence[Substitution]
) -> list[PersonMention]:
    """`absentees`, those of a list that does not say whom it lists ("Frånvarande") in the
    seat a deputy of the member list fills for them ("Kjell Lund (S), ersättare för Pia
    Grahn (S)"): members, whose entries ("Pia Grahn (S), Norrhammar") say, as a present
    member's do, whom they represent."""
    seats = {
        s.substituted.name: s.substituted.listed_as
        for s in substitutions
        if s.substituted.listed_as is not None
    }
    return [
        replace(person, listed_as=seats[person.name])
        if person.listed_as is None and person.name in seats
        else person
        for person in absentees
    ]


def _listed(
    text: str, fields: Sequence[tuple[str, Span]], key: str, known: frozenset[str]
) -> list[PersonMention]:
    people: list[PersonMention] = []
    for field_key, value in fields:
        if field_key == key and value.text:
            people += parse_person_list(
                text, value.start, value.end, section=key, known_organisations=known
            )
    return _dedupe(people)


def _dedupe(people: Iterable[PersonMention]) -> list[PersonMention]:
    seen: set[str] = set()
    unique = []
    for person in people:
        if person.name not in seen:
            seen.add(person.name)
            unique.append(person)
    return unique


def _roster_people(segments: Segments, known: frozenset[str]) -> list[PersonMention]:
    text = segments.document.text
    numbers = [item.number for item in segments.items]
    people = []
    for section in segments.roster:
        for cell in section.cells:
            group = section.group.text if section.group else None
            # A party's name over the rows is their party, not an organisation they are of.
            group_party = party_named_alone(group) if group else None
            person = parse_person(
                text,
                cell.start,
                cell.end,
                section=section.key,
                group=None if group_party else group,
                known_organisations=known,
            )
            if person is not None:
                # Under "Frånvarande" the list is of members who did not come.
                person = replace(
                    person,
                    party=person.party or group_party,
                    absent=person.absent or section.key == "absent",
                    listed_as=section.listed_as,
                )
                person = _row_items(text, person)
                # "deltar från och med § 47": the items of this meeting from § 47 on.
                items = scoped_items(person.items, person.item_scope, numbers)
                people.append(replace(person, items=items))
    return people


def _row_items(text: str, person: PersonMention) -> PersonMention:
    """A table row's last cell of item numbers ("Karin Dahl\tS\tX\t\t12–13", or parted
    by runs of spaces) gives the items its person attended, when only short marks ("X")
    stand between them; so do its marks in columns per item."""
    if person.items or person.entry is None:
        return person
    marked = marked_items(text, person.entry.start)
    if marked is not None:  # a table with a column per item ("§ 12\t§ 13")
        return replace(person, items=marked)
    line_end = text.find("\n", person.entry.end)
    rest = text[person.entry.end : line_end if line_end >= 0 else len(text)]
    if "\t" in rest:
        cells = [cell.strip() for cell in rest.split("\t")[1:] if cell.strip()]
    else:  # spaced: the entry ends its cell; the filled cells after it stand apart
        cells = [cell.text for cell in split_on_gaps(rest, 0, len(rest))]
    if not cells or any(len(cell) > _MARK_LENGTH for cell in cells[:-1]):
        return person
    return replace(person, items=items_in_cell(cells[-1]))


def _deferred_members(segments: Segments, known: frozenset[str]) -> list[PersonMention]:
    """Members of a flattened label column: "Organ: Plats och tid: ande: <body> <place>
    Torsdagen den 11 september 2008 kl Roland Åkesson, ordf Lisbeth Lennartsson …".

    The values follow the labels in their order, and "ande:" is what is left of
    "Beslutande:": the member list is the last value, after the meeting's date and time."""
    text = segments.document.text
    for field in segments.header:
        fragment = _LABEL_FRAGMENT.match(text, field.value.start, field.value.end)
        if fragment is None or not _ends_a_members_label(fragment.group("fragment")):
            continue
        ends = [d.span.end for d in find_dates(field.value.text, field.value.start) if d.span]
        if not ends:
            continue
        after = _CLOCK_TAIL.match(text, ends[-1], field.value.end)
        start = after.end() if after else ends[-1]
        return parse_person_list(
            text, start, field.value.end, section="members", known_organisations=known
        )
    return []


def _ends_a_members_label(fragment: str) -> bool:
    """True when `fragment` ("ande") is the cut-off end of a member-list label."""
    return any(
        label.key == "members"
        and label.text.lower().endswith(fragment)
        and label.text.lower() != fragment
        for label in labels()
    )


def _prose_people(text: str, known: frozenset[str]) -> list[PersonMention]:
    """Every name-like word run in running text (antecedents for "hon", given names)."""
    people = []
    for match in _NAME_IN_PROSE.finditer(text):
        name = " ".join(match.group(0).split())
        if not is_organisation_like(name, known):
            people.append(PersonMention(name, Span(match.start(), match.end(), match.group(0))))
    return people


def _resolve_reference(
    mention: PersonMention, before: int, prose: Sequence[PersonMention]
) -> PersonMention:
    """A pronoun ("hon") is the last person named before; a given name, the last full name."""
    words = mention.name.split()
    if len(words) != 1:
        return mention
    earlier = [p for p in prose if p.span.end <= before]
    if mention.name.lower() in _PRONOUNS:
        candidates = earlier
    else:
        candidates = [p for p in earlier if p.name.split()[0] == mention.name]
    if not candidates:
        return mention
    return replace(candidates[-1], span=mention.span, entry=None)


def _without_next_name(text: str, person: PersonMention) -> PersonMention:
    """In a flattened roster "… för Göran Nilsson Björn Kihl (M)" the last two words and the
    party belong to the next person."""
    words = person.name.split()
    if len(words) < 4 or not re.match(r"\s*\(", text[person.span.end : person.span.end + 3]):
        return person
    kept = text.find(words[1], person.span.start) + len(words[1])
    span = Span(person.span.start, kept, text[person.span.start : kept])
    return PersonMention(" ".join(words[:2]), span)


def _substitutions(
    segments: Segments,
    roster: Sequence[PersonMention],
    prose: Sequence[PersonMention],
    known: frozenset[str],
) -> tuple[list[Substitution], list[StandingSubstitute]]:
    text = segments.document.text
    substitutions: list[Substitution] = []
    standing: list[StandingSubstitute] = []
    for regex in sentence_rules("substitution"):
        for match in regex.finditer(text):
            substitute = mention_at(text, match.start("substitute"), match.end("substitute"), known)
            substituted = mention_at(
                text, match.start("substituted"), match.end("substituted"), known
            )
            substituted = _resolve_reference(substituted, match.start(), prose)
            substituted = _without_next_name(text, substituted)
            span = Span(match.start(), match.end(), match.group(0))
            sentence_end = text.find(".", match.end())
            rest = text[match.end() : sentence_end if sentence_end >= 0 else len(text)]
            in_parentheses = text.rfind("(", 0, match.start()) > text.rfind(")", 0, match.start())
            if _STANDING.search(match.group(0) + rest.split("\n")[0]) or in_parentheses:
                standing.append(StandingSubstitute(substitute, substituted, span))
                continue
            item = item_number_at(segments.items, match.start())
            from_item = item if item is not None and item > 1 else None
            from_item = _first_item_of_entry(roster, match.start()) or from_item
            substitutions.append(Substitution(substitute, substituted, span, from_item))
    standing += _standing_in_cells(text, roster, known)
    substitutions += _row_substitutions(segments, roster)
    seated = [_seat_of_the_sat_for(roster, s) for s in _unique_by_span(substitutions)]
    return seated, standing


def _row_substitutions(segments: Segments, roster: Sequence[PersonMention]) -> list[Substitution]:
    """A närvarolista's rows ("Per Lind\tM\t\tSara Holm\t12–14"): the deputy in a
    member's row ("Ersättare" column) sits for the member, marked absent, or from the
    first of the items the deputy attended, when that is not the meeting's first."""
    text = segments.document.text
    first_item = segments.items[0].number if segments.items else None
    found = []
    for deputy in roster:
        if deputy.section != "serving_deputies" or deputy.entry is None:
            continue
        for member in roster:
            if member.section == "serving_deputies" or member.entry is None:
                continue
            between = text[member.entry.end : deputy.entry.start]
            # One line, a cell apart: a tab, or a run of spaces in a spaced table.
            apart = "\t" in between or "  " in between
            if member.entry.end > deputy.entry.start or not apart or "\n" in between:
                continue
            from_item = deputy.items[0] if deputy.items else None
            if first_item is not None and from_item is not None and from_item <= first_item:
                from_item = None
            if member.absent or from_item is not None:
                span = Span(
                    member.entry.start,
                    deputy.entry.end,
                    text[member.entry.start : deputy.entry.end],
                )
                found.append(Substitution(deputy, member, span, from_item))
    return found


def _first_item_of_entry(roster: Sequence[PersonMention], offset: int) -> int | None:
    """ "Ulrika Frick (V) ersätter Lars Eriksson (S), §§ 49–52": the substitution holds
    from the first item of the range its member-list entry gives."""
    for person in roster:
        if person.items and person.entry and person.entry.start <= offset < person.entry.end:
            return person.items[0]
    return None


def _standing_in_cells(
    text: str, roster: Sequence[PersonMention], known: frozenset[str]
) -> list[StandingSubstitute]:
    """Standing deputies in cells: "Sebastian Nydén, … (ersätter Monika Holmgren vid behov)"."""
    found = []
    for person in roster:
        if person.entry is None:
            continue
        match = _REPLACES_IN_CELL.search(text, person.entry.start, person.entry.end)
        if match is None:
            continue
        substituted = mention_at(text, match.start("name"), match.end("name"), known)
        found.append(
            StandingSubstitute(person, substituted, Span(match.start(), match.end(), match[0]))
        )
    return found


def _unique_by_span(substitutions: list[Substitution]) -> list[Substitution]:
    kept: list[Substitution] = []
    for candidate in sorted(substitutions, key=lambda s: (s.span.start, -s.span.end)):
        if not any(k.span.start <= candidate.span.start < k.span.end for k in kept):
            kept.append(candidate)
    return kept


def _chair_changes(segments: Segments, known: frozenset[str]) -> list[ChairChange]:
    text = segments.document.text
    changes: list[ChairChange] = []
    for kind, regex in keyed("sentence_patterns.tsv"):
        if kind not in ("opened", "chair_from", "chair_here", "chair_during"):
            continue
        for match in regex.finditer(text):
            person = mention_at(text, match.start("person"), match.end("person"), known)
            span = Span(match.start(), match.end(), match.group(0))
            item = _chair_item(kind, match, segments.items)
            if item is not None:
                changes.append(ChairChange(person, item, span, _last_chaired_item(kind, match)))
    unique: dict[tuple[str, int], ChairChange] = {}
    for change in sorted(changes, key=lambda change: (change.from_item, change.span.start)):
        unique.setdefault((change.person.name, change.from_item), change)
    return list(unique.values())


def _last_chaired_item(kind: str, match: re.Match[str]) -> int | None:
    """The last item a "chair_during" rule names ("under §§ 25–26": 26, "under § 25": 25);
    any other change holds on until the next."""
    if kind != "chair_during":
        return None
    return int(match.group("last") or match.group("item"))


def _chair_item(kind: str, match: re.Match[str], items: Sequence[AgendaItemSegment]) -> int | None:
    """The item a chair change holds from: 1 for the opener, the item a "chair_from" rule
    names, the item a "chair_here" sentence stands in."""
    if kind == "opened":
        return 1
    if kind == "chair_here":
        return item_number_at(items, match.start())
    return number_word(match.group("item"))


def _departures(segments: Segments, known: frozenset[str], kind: str) -> list[Departure]:
    """Who leaves ("leaves": "Ulf Karlsson lämnar mötet") or comes ("arrives": "Anna Berg
    anländer") during the meeting, and from which item on that holds."""
    text = segments.document.text
    found = []
    for regex in sentence_rules(kind):
        for match in regex.finditer(text):
            item = _bound_item(segments.items, match)
            if item is not None:
                person = mention_at(text, match.start("person"), match.end("person"), known)
                found.append(Departure(person, item, Span(match.start(), match.end(), match[0])))
    return found


def _bound_item(items: Sequence[AgendaItemSegment], match: re.Match[str]) -> int | None:
    """The item an arrival or departure holds from: the one it names ("efter § 50") or is
    told in, or (group `next`: "efter", "under") the item after that; None after the last."""
    named = match["item"]
    item = int(named) if named else item_number_at(items, match.start())
    if item is None or not match["next"]:
        return item
    return next((i.number for i in items if i.number > item), None)


def _chair_from_roster(
    roster: Sequence[PersonMention], absent: Sequence[PersonMention]
) -> PersonMention | None:
    absent_names = {person.name for person in absent}
    for person in roster:
        if person.meeting_role == str(BG.ordforande) and person.name not in absent_names:
            return person
    return None


def _role_events(
    text: str, meeting_date: DateValue | None, known: frozenset[str]
) -> list[RoleEvent]:
    events = []
    for kind, regex in keyed("sentence_patterns.tsv"):
        if kind not in _EVENT_KINDS:
            continue
        for match in regex.finditer(text):
            groups = match.groupdict()
            # The party after the name belongs to the person ("Nils Ek (SD)").
            party = _PARTY_AFTER.match(text, match.end("person"))
            person_end = party.end() if party else match.end("person")
            person = mention_at(text, match.start("person"), person_end, known)
            role_text = " ".join((groups.get("role") or "").split()) or None
            roles = concepts_in(text, "Role", match.start("role"), match.end("role"))
            predecessor = None
            if groups.get("predecessor"):
                predecessor = mention_at(
                    text, match.start("predecessor"), match.end("predecessor"), known
                )
            events.append(
                RoleEvent(
                    kind=_EVENT_KINDS[kind],
                    person=person,
                    role_text=role_text,
                    role=roles[0].concept if roles else None,
                    organisation=_organisation_of(role_text),
                    span=Span(match.start(), match.end(), match.group(0)),
                    predecessor=predecessor,
                    valid_from=_valid_from(groups.get("from"), match, meeting_date),
                    valid_until=_stated_date(match, "to"),
                    until_text=" ".join((groups.get("until") or "").split()) or None,
                )
            )
    return events


# The organisation a role names after "i"/"för": capitalised, or a body named in prose
# ("ledamot i socialnämnden").
_ROLE_ORGANISATION = re.compile(
    r"\b(?:i|för|på|vid)\s+(?P<org>[A-ZÅÄÖ][^.]*|[a-zåäö-]*(?:nämnd|nämnden|styrelse|"
    r"styrelsen|fullmäktige|utskott|utskottet|rådet|förbundet|beredningen)\b[^.]*)$"
)
_PARTY_AFTER = re.compile(r"\s*\([A-ZÅÄÖ]{1,3}\)")


def _organisation_of(role_text: str | None) -> str | None:
    """The organisation a role is held in: "förbundsdirektör för Fyrbodals kommunalförbund"."""
    if not role_text:
        return None
    match = _ROLE_ORGANISATION.search(role_text)
    return match.group("org").strip() if match else None


def _stated_date(match: re.Match[str], group: str) -> DateValue | None:
    """The date a rule's `group` holds, if it matched."""
    written = match.groupdict().get(group)
    dates = find_dates(written, match.start(group)) if written else []
    return dates[0] if dates else None


def _valid_from(
    written: str | None, match: re.Match[str], meeting_date: DateValue | None
) -> DateValue | None:
    if not written:
        return None
    if "dagens" in written:
        # "från och med dagens möte": the meeting's date, evidenced by the phrase.
        if meeting_date is None:
            return None
        span = Span(match.start("from"), match.end("from"), match.group("from"))
        return replace(meeting_date, span=span)
    return _stated_date(match, "from")
