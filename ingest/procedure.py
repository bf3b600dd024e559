"""What a § protocol records of an item's handling besides its decisions: the motions
(yrkanden) and the one the decision follows, votes, reservations, protocol notes and
disqualifications (jäv). The phrasings are rules in `data/decision_patterns.tsv` and
`data/sentence_patterns.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.lines import trimmed_span
from beslutsgraf.ingest.model import (
    Disqualification,
    HeaderField,
    Motion,
    ProtocolNote,
    Reservation,
    Span,
    Vote,
)
from beslutsgraf.ingest.patterns import Rule, keyed
from beslutsgraf.ingest.people import (
    parse_person,
    parse_person_list,
    parties_named,
    party_abbreviation,
)

__all__ = ["adopted_motion", "disqualifications", "motions", "notes", "reservations", "votes"]

_PARTY_WORD = re.compile(r"\b[A-ZÅÄÖ]{1,3}\b")
# Where an item's text says what was decided: the decision, the proposition, the vote.
_DECIDING_FIELDS = ("decision", "procedure", "vote")
# Where motions are put: the Yrkanden block, or the Beslutsgång that tells them in turn.
_MOTION_FIELDS = ("motions", "procedure")
# A sentence ends at a full stop before a space (not "bl.a"), or at the line's end.
_SENTENCE_END = re.compile(r"\.(?=\s|$)|\n")
# The genitive of a name or party: "Dennis Lundins", "Moderaternas", "S:s".
_GENITIVE = re.compile(r"(?::s|s|'|’)$")


def votes(text: str, fields: Sequence[HeaderField]) -> list[Vote]:
    votes = []
    for field in fields:
        if field.key != "vote":
            continue
        counts: dict[str, int] = {}
        for kind, regex in keyed("decision_patterns.tsv"):
            if kind != "vote":
                continue
            match = regex.search(field.value.text)
            if match:
                key, value = next((k, v) for k, v in match.groupdict().items() if v)
                counts[key] = int(value)
        votes.append(Vote(field.value, counts.get("yes"), counts.get("no"), counts.get("abstain")))
    return votes


def _parties_in(words: str) -> list[str]:
    """Parties a phrase names: "S och V" → S, V; "Folkpartiet" → L (register abbreviations)."""
    found = [party_abbreviation(word) for word in _PARTY_WORD.findall(words)]
    return list(dict.fromkeys([*found, *parties_named(words)]))


def _rules(kind: str) -> list[Rule]:
    return [rule for rule_kind, rule in keyed("decision_patterns.tsv") if rule_kind == kind]


def motions(text: str, fields: Sequence[HeaderField], known: frozenset[str]) -> list[Motion]:
    """One motion per "X (P) yrkar …" sentence of the Yrkanden or Beslutsgång block."""
    motions = [
        _motion(text, match, known)
        for field in fields
        if field.key in _MOTION_FIELDS
        for rule in _rules("motion")
        for match in rule.finditer(text, field.value.start, field.value.end)
    ]
    return sorted(motions, key=lambda motion: motion.span.start)


def _motion(text: str, match: re.Match[str], known: frozenset[str]) -> Motion:
    who = trimmed_span(text, match.start("who"), match.end("who"))
    sentence = trimmed_span(text, who.start, match.end())
    if _names_chair(who.text):
        # "Ordföranden yrkar …": a role, not a name; the graph gives it the item's chair.
        return Motion(sentence, " ".join(sentence.text.split()), by_chair=True)
    persons = tuple(parse_person_list(text, who.start, who.end, known_organisations=known))
    # A party proposes only when no person is named: "Anna Vikström (C)" is her motion.
    parties = () if persons else tuple(_parties_in(who.text))
    return Motion(sentence, " ".join(sentence.text.split()), persons, parties)


def _names_chair(words: str) -> bool:
    """True when `words` name the chair by role: "Ordföranden", "ordförandens"."""
    return any(rule.search(" ".join(words.split())) for rule in _rules("chair_role"))


def adopted_motion(
    text: str, fields: Sequence[HeaderField], motions: Sequence[Motion]
) -> Motion | None:
    """The motion the decision follows ("finner att kommunstyrelsen beslutar enligt
    Dennis Lundins yrkande"). The last statement counts: a vote settles what the
    proposition found."""
    statements = sorted(
        (match.start(), match.group("who"))
        for field in fields
        if field.key in _DECIDING_FIELDS
        for rule in _rules("adopts_motion")
        for match in rule.finditer(text, field.value.start, field.value.end)
    )
    return _motion_named(motions, statements[-1][1]) if statements else None


def _motion_named(motions: Sequence[Motion], whose: str) -> Motion | None:
    """The one motion of the person or party a genitive names ("Dennis Lundins"), or of
    the chair ("ordförandens")."""
    owner = " ".join(whose.split())
    if _names_chair(owner):
        chairs = [motion for motion in motions if motion.by_chair]
        return chairs[0] if len(chairs) == 1 else None
    names = {owner, _GENITIVE.sub("", owner)}
    parties = {party for name in names for party in _parties_in(name)}
    found = [
        motion
        for motion in motions
        if names & {person.name for person in motion.persons}
        or parties & set(motion.proposing_parties)
    ]
    return found[0] if len(found) == 1 else None


def reservations(
    text: str, body: Span, motions: Sequence[Motion], known: frozenset[str]
) -> list[Reservation]:
    reservations = []
    for rule in _rules("reservation"):
        for match in rule.finditer(text, body.start, body.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = parse_person_list(text, who.start, who.end, known_organisations=known)
            span = Span(match.start(), match.end(), match.group(0))
            reservation = Reservation(span, tuple(_parties_in(who.text)), tuple(persons))
            reservations.append(_with_motion_favoured(text, reservation, body.end, motions))
    return reservations


def _with_motion_favoured(
    text: str, reservation: Reservation, end: int, motions: Sequence[Motion]
) -> Reservation:
    """The motion the reservers supported ("… reserverar sig mot beslutet till förmån
    för eget yrkande"), the phrase joining the reservation's evidence."""
    sentence_end = _SENTENCE_END.search(text, reservation.span.end, end)
    stop = sentence_end.start() if sentence_end else end
    for rule in _rules("in_favour_of"):
        match = rule.search(text, reservation.span.end, stop)
        if match is None:
            continue
        # A rule naming no one means the reservers' own motion ("eget yrkande").
        whose = match.groupdict().get("who")
        motion = _motion_named(motions, whose) if whose else _own_motion(motions, reservation)
        if motion is not None:
            start = reservation.span.start
            span = Span(start, match.end(), text[start : match.end()])
            return replace(reservation, span=span, in_favour_of=motion)
    return reservation


def _own_motion(motions: Sequence[Motion], reservation: Reservation) -> Motion | None:
    """The one motion the reserving persons put (or, naming no person, their parties)."""
    names = {person.name for person in reservation.persons}
    if names:
        found = [m for m in motions if names & {person.name for person in m.persons}]
    else:
        parties = set(reservation.parties)
        found = [m for m in motions if parties & set(m.proposing_parties)]
    return found[0] if len(found) == 1 else None


def notes(text: str, fields: Sequence[HeaderField]) -> list[ProtocolNote]:
    notes = []
    for field in fields:
        if field.key == "note" and field.value.text:
            authors = tuple(_parties_in(field.value.text.split(".")[0]))
            notes.append(ProtocolNote(field.value, " ".join(field.value.text.split()), authors))
    return notes


def disqualifications(text: str, body: Span, known: frozenset[str]) -> list[Disqualification]:
    found = []
    for kind, regex in keyed("sentence_patterns.tsv"):
        if kind != "disqualification":
            continue
        for match in regex.finditer(text, body.start, body.end):
            person = parse_person(
                text, match.start("person"), match.end("person"), known_organisations=known
            )
            if person is not None:
                found.append(
                    Disqualification(person, Span(match.start(), match.end(), match.group(0)))
                )
    return found
