"""What a § protocol records of an item's handling besides its decisions and votes
(`votes.py`): the motions (yrkanden) and the one the decision follows, reservations,
protocol notes, disqualifications (jäv) and members taking no part in the decision.
The phrasings are rules in `data/decision_patterns.tsv` and `data/sentence_patterns.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.lines import SENTENCE_END, trimmed_span
from beslutsgraf.ingest.model import (
    Abstention,
    Disqualification,
    HeaderField,
    Motion,
    PersonMention,
    ProtocolNote,
    Reservation,
    Span,
)
from beslutsgraf.ingest.names import is_full_name
from beslutsgraf.ingest.patterns import decision_rules, sentence_rules
from beslutsgraf.ingest.people import (
    parse_person,
    parse_person_list,
    parties_in,
)

__all__ = [
    "abstentions",
    "adopted_motion",
    "disqualifications",
    "motions",
    "notes",
    "reservations",
]

# Where an item's text says what was decided: the decision, the proposition, the vote.
_DECIDING_FIELDS = ("decision", "procedure", "vote")
# Where motions are put: the Yrkanden block, or the Beslutsgång that tells them in turn.
_MOTION_FIELDS = ("motions", "procedure")
# The genitive of a name or party: "Dennis Lundins", "Moderaternas", "S:s".
_GENITIVE = re.compile(r"(?::s|s|'|’)$")


def motions(
    text: str,
    fields: Sequence[HeaderField],
    known: frozenset[str],
    chair: PersonMention | None = None,
) -> list[Motion]:
    """One motion per "X (P) yrkar …" sentence of the Yrkanden or Beslutsgång block, with
    those who second it there or join it later ("Ola Berg (KD) instämmer i Lars Holms
    yrkande"). The chair's own ("Ordföranden yrkar …") names `chair` as its proposer."""
    blocks = [field.value for field in fields if field.key in _MOTION_FIELDS]
    motions = sorted(
        (
            _motion(text, match, known, chair)
            for block in blocks
            for rule in decision_rules("motion")
            for match in rule.finditer(text, block.start, block.end)
        ),
        key=lambda motion: motion.span.start,
    )
    for block in blocks:
        for rule in decision_rules("motion_joined"):
            for match in rule.finditer(text, block.start, block.end):
                joined = _motion_named(motions, match.group("whose"))
                if joined is not None:
                    who = trimmed_span(text, match.start("who"), match.end("who"))
                    at = motions.index(joined)
                    motions[at] = _with_proposers(text, joined, who, known)
    return motions


def _with_proposers(text: str, motion: Motion, who: Span, known: frozenset[str]) -> Motion:
    """`motion` with the persons `who` names among its proposers."""
    found = parse_person_list(text, who.start, who.end, known_organisations=known)
    names = {person.name for person in motion.persons}
    added = tuple(person for person in found if person.name not in names)
    return replace(motion, persons=(*motion.persons, *added)) if added else motion


def _motion(
    text: str, match: re.Match[str], known: frozenset[str], chair: PersonMention | None
) -> Motion:
    who = trimmed_span(text, match.start("who"), match.end("who"))
    sentence = trimmed_span(text, who.start, match.end())
    if _names_chair(who.text):
        # "Ordföranden yrkar …": a role, not a name; the graph gives it the item's chair.
        chairs = (chair,) if chair is not None else ()
        return Motion(sentence, " ".join(sentence.text.split()), chairs, by_chair=True)
    persons = tuple(parse_person_list(text, who.start, who.end, known_organisations=known))
    # A party proposes only when no person is named: "Anna Vikström (C)" is her motion.
    parties = () if persons else tuple(parties_in(who.text))
    motion = Motion(sentence, " ".join(sentence.text.split()), persons, parties)
    for rule in decision_rules("motion_seconded"):  # "…, med instämmande av Ola Berg (KD), …"
        for seconded in rule.finditer(text, who.end, sentence.end):
            seconds = trimmed_span(text, seconded.start("who"), seconded.end("who"))
            motion = _with_proposers(text, motion, seconds, known)
    return motion


def _names_chair(words: str) -> bool:
    """True when `words` name the chair by role: "Ordföranden", "ordförandens"."""
    return any(rule.search(" ".join(words.split())) for rule in decision_rules("chair_role"))


def adopted_motion(
    text: str, fields: Sequence[HeaderField], motions: Sequence[Motion]
) -> Motion | None:
    """The motion the decision follows ("finner att kommunstyrelsen beslutar enligt
    Dennis Lundins yrkande"). The last statement counts: a vote settles what the
    proposition found."""
    named = [
        (match.start(), _motion_named(motions, match.group("who")))
        for match in _deciding_matches(text, fields, "adopts_motion")
    ]
    asked = [
        (match.start(), _motion_asking(motions, _asked(match)))
        for match in _deciding_matches(text, fields, "adopts_asked")
    ]
    statements = sorted(named + asked, key=lambda statement: statement[0])
    return statements[-1][1] if statements else None


def _deciding_matches(text: str, fields: Sequence[HeaderField], kind: str) -> list[re.Match[str]]:
    return [
        match
        for field in fields
        if field.key in _DECIDING_FIELDS
        for rule in decision_rules(kind)
        for match in rule.finditer(text, field.value.start, field.value.end)
    ]


def _asked(match: re.Match[str]) -> tuple[str, bool]:
    """What a motion asks or a decision grants ("motionen"; "" when a motion names nothing:
    "yrkar avslag."), and whether it is a rejection of it ("yrkar avslag på motionen",
    "avslår motionen")."""
    what = " ".join((match.groupdict().get("what") or "").split()).casefold()
    return what, match.groupdict().get("rejects") is not None


def _asks(motion: Motion) -> set[tuple[str, bool]]:
    return {
        _asked(match)
        for rule in decision_rules("motion_asks")
        for match in rule.finditer(motion.text)
    }


def _motion_asking(motions: Sequence[Motion], asked: tuple[str, bool]) -> Motion | None:
    """The one motion asking for the same as `asked`: to grant it ("yrkar bifall till
    förslaget") or to reject it ("yrkar avslag på förslaget"); failing that, the one
    motion asking so of what the item is about without naming it ("yrkar avslag.")."""
    asking = [(motion, _asks(motion)) for motion in motions]
    found = [motion for motion, asks in asking if asked in asks]
    if not found:
        found = [motion for motion, asks in asking if ("", asked[1]) in asks]
    return found[0] if len(found) == 1 else None


def _motion_named(motions: Sequence[Motion], whose: str) -> Motion | None:
    """The one motion of the person or party a genitive names ("Dennis Lundins"), or of
    the chair ("ordförandens")."""
    owner = " ".join(whose.split())
    if _names_chair(owner):
        chairs = [motion for motion in motions if motion.by_chair]
        return chairs[0] if len(chairs) == 1 else None
    names = {owner, _GENITIVE.sub("", owner)}
    parties = {party for name in names for party in parties_in(name)}
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
    for rule in decision_rules("reservation"):
        for match in rule.finditer(text, body.start, body.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = parse_person_list(text, who.start, who.end, known_organisations=known)
            span = Span(match.start(), match.end(), match.group(0))
            reservation = Reservation(span, tuple(parties_in(who.text)), tuple(persons))
            reservations.append(_with_motion_favoured(text, reservation, body.end, motions))
    return reservations


def _with_motion_favoured(
    text: str, reservation: Reservation, end: int, motions: Sequence[Motion]
) -> Reservation:
    """The motion the reservers supported ("… reserverar sig mot beslutet till förmån
    för eget yrkande"), the phrase joining the reservation's evidence."""
    sentence_end = SENTENCE_END.search(text, reservation.span.end, end)
    stop = sentence_end.start() if sentence_end else end
    for rule in decision_rules("in_favour_of"):
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


def notes(text: str, fields: Sequence[HeaderField], known: frozenset[str]) -> list[ProtocolNote]:
    return [
        _note(text, field.value, known)
        for field in fields
        if field.key == "note" and field.value.text
    ]


def _note(text: str, block: Span, known: frozenset[str]) -> ProtocolNote:
    """A note by whom its block says wrote it ("Johan Sträng (SD) lämnar en
    protokollsanteckning"): the persons named, with their parties; else the parties its
    first sentence names ("Liberalerna anser …")."""
    written = " ".join(block.text.split())
    for rule in decision_rules("note_author"):
        match = rule.search(text, block.start, block.end)
        if match is not None:
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = tuple(
                person
                for person in parse_person_list(text, who.start, who.end, known_organisations=known)
                if is_full_name(person.name)
            )
            return ProtocolNote(block, written, tuple(parties_in(who.text)), persons)
    return ProtocolNote(block, written, tuple(parties_in(block.text.split(".")[0])))


def disqualifications(text: str, body: Span, known: frozenset[str]) -> list[Disqualification]:
    found = []
    for regex in sentence_rules("disqualification"):
        for match in regex.finditer(text, body.start, body.end):
            person = parse_person(
                text, match.start("person"), match.end("person"), known_organisations=known
            )
            if person is not None:
                found.append(
                    Disqualification(person, Span(match.start(), match.end(), match.group(0)))
                )
    return found


def abstentions(text: str, body: Span, known: frozenset[str]) -> list[Abstention]:
    """Members present who take no part in the decision ("Ylva Nord (V) deltar inte i
    beslutet"; "Sverigedemokraternas ledamöter …"): the persons named, else the parties."""
    found = []
    for rule in decision_rules("abstains"):
        for match in rule.finditer(text, body.start, body.end):
            who = trimmed_span(text, match.start("who"), match.end("who"))
            persons = tuple(
                person
                for person in parse_person_list(text, who.start, who.end, known_organisations=known)
                if is_full_name(person.name)
            )
            parties = () if persons else tuple(parties_in(who.text))
            if persons or parties:
                span = Span(match.start(), match.end(), match.group(0))
                found.append(Abstention(span, persons, parties))
    return sorted(found, key=lambda abstention: abstention.span.start)
