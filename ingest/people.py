"""People as written: "Name (P), Organisation, role" cells and "A, B och C" lists.

A name is a run of two to four capitalised words at the start of a cell or
list entry; a run that looks like an organisation (by the endings and words
in `data/organisation_words.tsv`, or by the document itself naming it as an
organisation) is not a name. Roles come from the bg:Role SpanRuler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.lines import trimmed_span
from beslutsgraf.ingest.model import PersonMention, Span
from beslutsgraf.ingest.nlp import concepts_in

__all__ = [
    "NAME",
    "PARTY",
    "is_organisation_like",
    "parse_person",
    "parse_person_list",
    "parties_named",
    "party_abbreviation",
    "starts_with_name",
]

_CAP = r"[A-ZÅÄÖÉÜØÆ][a-zåäöéüøæèáíóúA-ZÅÄÖÉ'’]*(?:-[A-ZÅÄÖÉa-zåäöé][a-zåäöéüøæA-ZÅÄÖ]*)*"
NAME = rf"{_CAP}(?:[ \u00a0]+(?:[A-ZÅÄÖ]\.?[ \u00a0]+)?{_CAP}){{1,3}}"
PARTY = r"\((?P<party>[A-ZÅÄÖ]{1,3}|[a-zåäö]{1,3}|[A-Z][a-z]{1,2})\)"
_NAME_AT_START = re.compile(rf"(?P<name>{NAME})")
_ABSENT_MARK = re.compile(r"\((?:förhinder|förhindrad|frånvarande|ej närvarande)\)", re.I)
_LIST_SEPARATOR = re.compile(r",\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+|\.\s+(?=[A-ZÅÄÖ])|;\s*")
_PARENTHESES = re.compile(r"\([^)]*\)")
_REMARK = re.compile(r"\s*\((?=[a-zåäö])[^)]*\)")
_PREPOSITION = re.compile(r"^(?:från|på|vid|i|för)\s+(?=[A-ZÅÄÖ])")
_DEPUTY_ROLES = frozenset({"ersattare", "tjanstgorandeErsattare"})
_SITS_FOR = re.compile(rf"\s+för\s+{NAME}")
_PREDICATE = re.compile(r"\s+(?:har|är|hade|var|och|tar|ersätter|ersätts)\s+")


@cache
def _party_forms() -> dict[str, str]:
    return {row[0].upper(): row[1] for row in read_table("party_abbreviations.tsv")}


def party_abbreviation(written: str) -> str:
    """The party register's abbreviation of a party as written: "fp" → "L", "D" → "DEM"."""
    upper = written.strip().upper()
    return _party_forms().get(upper, upper)


@cache
def _party_names() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = sorted(read_table("parties.tsv"), key=lambda row: len(row[0]), reverse=True)
    names = "|".join(re.escape(row[0]) for row in rows)
    return (
        re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.IGNORECASE),
        {row[0].lower(): row[1] for row in rows},
    )


def parties_named(text: str) -> list[str]:
    """Register abbreviations of the parties `text` names in full ("Vänsterpartiet" → "V")."""
    regex, abbreviations = _party_names()
    return [abbreviations[match.group(0).lower()] for match in regex.finditer(text)]


@cache
def _organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = read_table("organisation_words.tsv")
    suffixes = frozenset(row[1].lower() for row in rows if row[0] == "suffix")
    words = frozenset(row[1] for row in rows if row[0] == "word")
    return suffixes, words


def is_organisation_like(words: str, known: Iterable[str] = ()) -> bool:
    """True when a capitalised word run names an organisation, not a person."""
    suffixes, org_words = _organisation_words()
    known_words = set(known)
    for word in words.split():
        bare = word.strip(",.:;()")
        lowered = bare.lower()
        if bare in org_words or bare in known_words or (bare.isupper() and len(bare) > 1):
            return True
        if any(lowered.endswith(suffix) and len(lowered) > len(suffix) + 2 for suffix in suffixes):
            return True
        if lowered in suffixes:
            return True
    return False


@dataclass(frozen=True)
class _NameHit:
    name: Span
    party: str | None
    end: int  # after the party, where the description starts


_WORD = re.compile(r"\S+")
_PARTY_AT = re.compile(rf"\s*{PARTY}")


def _name_at(text: str, start: int, end: int, known: Iterable[str]) -> _NameHit | None:
    """The name starting at `start`: capitalised words, without trailing organisation words."""
    match = _NAME_AT_START.match(text, start, end)
    if match is None:
        return None
    words = [(word.start(), word.end()) for word in _WORD.finditer(text, start, match.end("name"))]
    # "Magnus Haggren Boråsregionen": the organisation is not part of the name.
    while len(words) > 2 and is_organisation_like(text[words[-1][0] : words[-1][1]], known):
        words.pop()
    name_end = words[-1][1]
    name = text[start:name_end]
    if len(words) < 2 or is_organisation_like(name, known):
        return None
    party = _PARTY_AT.match(text, name_end, end)
    return _NameHit(
        Span(start, name_end, name),
        party.group("party") if party else None,
        party.end() if party else name_end,
    )


def starts_with_name(text: str, start: int, end: int, known: Iterable[str] = ()) -> bool:
    """True when `text[start:end]` opens with a person's name."""
    span = trimmed_span(text, start, end, " \t\n\u00a0,.*•-")
    return _name_at(text, span.start, span.end, known) is not None


def parse_person(
    text: str,
    start: int,
    end: int,
    *,
    section: str | None = None,
    group: str | None = None,
    known_organisations: Iterable[str] = (),
) -> PersonMention | None:
    """The person a cell or list entry names, with party, organisation and roles."""
    entry = trimmed_span(text, start, end, " \t\n\u00a0,.*•-")
    hit = _name_at(text, entry.start, entry.end, known_organisations)
    if hit is None:
        return None
    name_span, party, rest_start = hit.name, hit.party, hit.end
    absent = bool(_ABSENT_MARK.search(text, rest_start, entry.end))
    described = _describe(text, rest_start, entry.end)
    return PersonMention(
        name=name_span.text,
        span=name_span,
        party=party_abbreviation(party) if party else None,
        organisation=described.organisation,
        role_text=described.role_text,
        role=described.role,
        role_organisation=described.role_organisation,
        meeting_role=described.meeting_role,
        section=section,
        group=group,
        absent=absent,
        entry=entry,
    )


@dataclass
class _Description:
    """What the words after a name say: filled in part by part."""

    organisation: str | None = None
    role_text: str | None = None
    role: str | None = None  # bg:Role IRI
    role_organisation: str | None = None
    meeting_role: str | None = None


def _describe(text: str, start: int, end: int) -> _Description:
    """Organisation and roles from the comma-separated parts after a name."""
    found = _Description()
    for part in _comma_parts(text, start, end):
        roles = concepts_in(text, "Role", part.start, part.end)
        # "(tjänstgörande)" after a name reads like ", tjänstgörande".
        leading = roles[0] if roles and not text[part.start : roles[0].start].strip(" (") else None
        if leading is None and roles and _only_words_before(text, part.start, roles[0].start):
            leading = roles[0]  # "teamchef på förbundet" reads as an unknown role
        if leading is None:
            lower = part.text[:1].islower() and not _PREPOSITION.match(part.text)
            if lower and found.role_text is None:
                found.role_text = _clean(part.text)  # a role the vocabulary lacks ("strateg")
            elif found.organisation is None:
                found.organisation = _clean(part.text)
            continue
        remainder = _clean(text[leading.end : part.end].removeprefix(")"))
        deputy = _local(leading.concept) in _DEPUTY_ROLES
        if deputy and _SITS_FOR.match(text, leading.end, part.end):
            remainder = None  # "tjänstgörande ersättare för Y (C)": Y is a member, not a body
        if found.role is None:
            found.role_text = _clean(text[part.start : part.end])
            found.role, found.role_organisation = leading.concept, remainder
        if not remainder and _local(leading.concept) in _body_roles():
            found.meeting_role = leading.concept  # "…, ordförande": the role in this body
        if remainder and found.organisation is None:
            found.organisation = remainder
    return found


@cache
def _body_roles() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("body_roles.tsv"))


def _local(concept: str) -> str:
    return concept.rsplit("#", 1)[-1]


def _only_words_before(text: str, start: int, role_start: int) -> bool:
    before = text[start:role_start].strip()
    return bool(before) and before.islower() and len(before.split()) <= 2


def _clean(value: str) -> str | None:
    # Remarks in parentheses ("(förhinder)", "(ersätter … vid behov)") are not names.
    cleaned = _REMARK.sub("", value)
    cleaned = _PREPOSITION.sub("", cleaned.strip())
    cleaned = _PREDICATE.split(cleaned, maxsplit=1)[0]
    cleaned = cleaned.strip(" \t\n,.*:;")
    return cleaned or None


def _comma_parts(text: str, start: int, end: int) -> list[Span]:
    parts: list[Span] = []
    depth, part_start = 0, start
    for position in range(start, end):
        char = text[position]
        depth = max(0, depth + (char == "(") - (char == ")"))  # a stray ")" opens nothing
        if char == "," and depth == 0:
            parts.append(trimmed_span(text, part_start, position))
            part_start = position + 1
    parts.append(trimmed_span(text, part_start, end))
    # "Adam Johansson (M) Skaraborg": the first part may follow the name without a comma.
    return [part for part in parts if part.text.strip(" .,*")]


def parse_person_list(
    text: str,
    start: int,
    end: int,
    *,
    section: str | None = None,
    known_organisations: Iterable[str] = (),
) -> list[PersonMention]:
    """People in a running list: "A (S) Org, B, roll Org och C från Org har meddelat förhinder"."""
    people: list[PersonMention] = []
    entries = _list_entries(text, start, end)
    groups: list[tuple[int, int]] = []
    for entry in entries:
        if _name_at(text, entry.start, entry.end, known_organisations) or not groups:
            groups.append((entry.start, entry.end))
        else:
            groups[-1] = (groups[-1][0], entry.end)  # an organisation or role of the last name
    for group_start, group_end in groups:
        person = parse_person(
            text, group_start, group_end, section=section, known_organisations=known_organisations
        )
        if person is not None:
            people.append(person)
    return people


def _list_entries(text: str, start: int, end: int) -> list[Span]:
    entries: list[Span] = []
    position = start
    depth_free = _PARENTHESES.sub(lambda m: "\x00" * len(m.group(0)), text[start:end])
    for separator in _LIST_SEPARATOR.finditer(depth_free):
        entries.append(trimmed_span(text, position, start + separator.start()))
        position = start + separator.end()
    entries.append(trimmed_span(text, position, end))
    return [entry for entry in entries if entry.text.strip(" .,*")]
