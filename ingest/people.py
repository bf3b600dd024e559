"""People as written: "Name (P), Organisation, role" cells, "A, B och C" lists and
the speakers of running text ("Jenny förtydligar").

A name is a run of two to four capitalised words at the start of a cell or
list entry; a run that looks like an organisation (by the endings and words
in `data/organisation_words.tsv`, or by the document itself naming it as an
organisation) is not a name. Roles come from the concept ruler's bg:Role matches
(`nlp.py`). A speaker may be a given name alone: the subject of a verb in
`data/speech_verbs.tsv`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from beslutsgraf.ingest.concepts import concepts_of
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.item_scopes import attendance_note_start, item_scope
from beslutsgraf.ingest.lines import trimmed_span
from beslutsgraf.ingest.model import PersonMention, Span
from beslutsgraf.ingest.names import fold
from beslutsgraf.ingest.nlp import ConceptMatch, concepts_in
from beslutsgraf.ontology import BG

__all__ = [
    "NAME",
    "PARTY",
    "is_organisation_like",
    "is_unit",
    "items_in_cell",
    "mention_at",
    "name_run_starts",
    "parse_person",
    "parse_person_list",
    "parties_named",
    "party_abbreviation",
    "party_named_alone",
    "speakers_in",
    "starts_with_name",
]

_CAP = r"[A-ZÅÄÖÉÜØÆ][a-zåäöéüøæèáíóúA-ZÅÄÖÉ'’]*(?:-[A-ZÅÄÖÉa-zåäöé][a-zåäöéüøæA-ZÅÄÖ]*)*"
NAME = rf"{_CAP}(?:[ \u00a0]+(?:[A-ZÅÄÖ]\.?[ \u00a0]+)?{_CAP}){{1,3}}"
PARTY = r"\((?P<party>[A-ZÅÄÖ]{1,3}|[a-zåäö]{1,3}|[A-Z][a-z]{1,2})\)"
_NAME_AT_START = re.compile(rf"(?P<name>{NAME})")
# "(förhinder)", or the last part of the entry: "Per Ek (SD), frånvarande".
_ABSENT_WORDS = r"(?:anmält\s+)?(?:förhinder|förhindrad|frånvarande|ej\s+närvarande)"
_ABSENT_MARK = re.compile(rf"\({_ABSENT_WORDS}\)|,\s*{_ABSENT_WORDS}\s*\.?\s*$", re.I)
# A line break parts entries too ("Frånvarande:" over one name a line); a line that opens
# with no name (a wrapped organisation or role) joins the entry above (`parse_person_list`).
_LIST_SEPARATOR = re.compile(
    r",\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+|\.\s+(?=[A-ZÅÄÖ])|;\s*|[ \t]*\n\s*"
)
_PARENTHESES = re.compile(r"\([^)]*\)")
_REMARK = re.compile(r"\s*\((?=[a-zåäö])[^)]*\)")
# A bracketed abbreviation after a name ("Hälso- och sjukvårdsstyrelsen (HSS)").
_BRACKETED_ABBREVIATION = re.compile(r"\s*\((?P<letters>[A-ZÅÄÖ]{2,6})\)\s*$")
_CLOSING_BRACKET = re.compile(r"\((?P<inside>[^()]+)\)\s*$")
_PREPOSITION = re.compile(r"^(?:från|på|vid|i|för)\s+(?=[A-ZÅÄÖ])")
_DEPUTY_ROLES = frozenset({"ersattare", "tjanstgorandeErsattare"})
_SITS_FOR = re.compile(rf"\s+för\s+{NAME}")
_PREDICATE = re.compile(r"\s+(?:har|är|hade|var|och|tar|ersätter|ersätts)\s+")
# One capitalised word of a name: "Jenny", "Ann-Sofie", "Looström" (no "VGR", no "F").
_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüøæèáíóú]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüøæèáíóú]+)?"
_ONE_NAME_WORD = re.compile(_NAME_WORD)
# The lower-case words of a role the vocabulary lacks, before the capitalised name of
# where it is held ("förvaltningschef Vård och omsorg", "chef för Kultur och fritid").
_LOWER_ROLE = re.compile(r"(?:[a-zåäö][\w-]*\s+){1,2}(?:(?:för|på|vid|i|inom)\s+)?(?=[A-ZÅÄÖ])")
_PREPOSITION_AFTER = re.compile(r"\s+(?:för|på|vid|i|inom)\s*$")
# Lower-case words opening a list entry before a name: the role of the name before
# ("Roland Åkesson, ordf Lisbeth Lennartsson …").
_LOWER_HEAD = re.compile(r"(?:[a-zåäö][\w.]*[ \t\u00a0]+){1,2}(?=[A-ZÅÄÖÉ])")
_MIN_NAME_RUN = 4
# The agenda items a member attended, after the name: "§§ 45–48", "(§ 12)", "§§ 3-5, 9".
_ITEM_NUMBERS = r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
_ITEMS_ATTENDED = re.compile(
    rf"[,\s]*\(?§§?\s*(?P<items>{_ITEM_NUMBERS}(?:\s*(?:,|och)\s*{_ITEM_NUMBERS})*)\)?[\s,.]*$"
)
# A table row's cells after the name, parted by a tab or (a table set in spaces) a run of
# them: a party's abbreviation alone in its cell ("Anna Berg\tS", "Anna Berg      S") is
# the party; item numbers alone in the last cell ("\t12–14"), the items.
_CELL_GAP = r"(?:[ ]*\t[ ]*|[ ]{2,})"
_PARTY_CELL = re.compile(rf"{_CELL_GAP}(?P<party>[A-ZÅÄÖa-zåäö]{{1,3}})[ ]*(?=\t|[ ]{{2}}|$)")
_ROLE_CELL = re.compile(r"[ ]*,[ ]*[\da-zåäö][\w.:-]*(?:[ ]+[\da-zåäö][\w.:-]*)*")
_ITEMS_CELL = re.compile(
    rf"{_CELL_GAP}(?P<items>{_ITEM_NUMBERS}(?:\s*(?:,|och)\s*{_ITEM_NUMBERS})*)[ ]*$"
)
# The items before the name they are for, in a deputy's cell: "§§ 14-16 Ola Åberg (C)".
_ITEMS_BEFORE = re.compile(
    rf"\(?§§?\s*(?P<items>{_ITEM_NUMBERS}(?:\s*(?:,|och)\s*{_ITEM_NUMBERS})*)\)?[ ,:]*"
)
_ITEM_RANGE = re.compile(r"(?P<first>\d+)(?:\s*[-–]\s*(?P<last>\d+))?")
_LONGEST_ITEM_RANGE = 200  # a wider "range" is a misread number, not items attended


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
    # A genitive names the party too ("Sverigedemokraternas ledamöter").
    return (
        re.compile(rf"(?<![\w-])({names})s?(?![\w-])", re.IGNORECASE),
        {row[0].lower(): row[1] for row in rows},
    )


@cache
def _party_abbreviations() -> frozenset[str]:
    """The party register's abbreviations ("S", "M", "SD") that `parties.tsv` maps to."""
    return frozenset(row[1].upper() for row in read_table("parties.tsv"))


# A party abbreviation as a word ("S", "KD", "SD").
PARTY_WORD = re.compile(r"\b[A-ZÅÄÖ]{1,3}\b")


def parties_in(words: str) -> list[str]:
    """Parties a phrase names: "S och V" → S, V; "Folkpartiet" → L (register abbreviations)."""
    found = [party_abbreviation(word) for word in PARTY_WORD.findall(words)]
    return list(dict.fromkeys([*found, *parties_named(words)]))


def parties_named(text: str) -> list[str]:
    """Register abbreviations of the parties `text` names in full ("Vänsterpartiet" → "V")."""
    regex, abbreviations = _party_names()
    return [abbreviations[match.group(1).lower()] for match in regex.finditer(text)]


def party_named_alone(text: str) -> str | None:
    """The register abbreviation of the party `text` is the full name of, and nothing
    more ("Socialdemokraterna" → "S": a närvarolista's row over that party's members)."""
    regex, abbreviations = _party_names()
    match = regex.fullmatch(" ".join(text.split()))
    return abbreviations[match.group(1).lower()] if match else None


@cache
def _organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    """Endings and words of organisations, their units' included: no person's name."""
    rows = read_table("organisation_words.tsv")
    suffixes = frozenset(row[1].lower() for row in rows if row[0] in ("suffix", "unit"))
    words = frozenset(row[1] for row in rows if row[0] in ("word", "unit_word"))
    return suffixes, words


@cache
def _unit_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """Endings of a unit's first word ("-förvaltningen") and words that open a unit's
    name ("Sektor"), from `data/organisation_words.tsv`."""
    rows = read_table("organisation_words.tsv")
    endings = tuple(row[1].lower() for row in rows if row[0] == "unit")
    return endings, frozenset(row[1] for row in rows if row[0] == "unit_word")


def is_unit(written: str) -> bool:
    """True when a part of a cell names a unit of an organisation: "Koncernkontoret",
    "Socialförvaltningen Centrum", "Sektor vård och omsorg"."""
    first = written.split(maxsplit=1)[0].strip(",.:;()") if written.strip() else ""
    endings, words = _unit_words()
    return first[:1].isupper() and (first in words or first.lower().endswith(endings))


def is_organisation_like(words: str, known: Iterable[str] = ()) -> bool:
    """True when a capitalised word run names an organisation, not a person."""
    known_words = known if isinstance(known, (set, frozenset)) else set(known)
    for word in words.split():
        bare = word.strip(",.:;()")
        if bare in known_words or _is_organisation_word(bare):
            return True
    return False


@lru_cache(maxsize=16384)
def _is_organisation_word(bare: str) -> bool:
    """The document-independent half of `is_organisation_like`, for one word: asked
    for the same few hundred words thousands of times per document."""
    suffixes, org_words = _organisation_words()
    lowered = bare.lower()
    return (
        bare in org_words
        or (bare.isupper() and len(bare) > 1)
        or any(lowered.endswith(suffix) and len(lowered) > len(suffix) + 2 for suffix in suffixes)
        or lowered in suffixes
    )


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
    # A run of spaces parts the cells of a table set in spaces ("Anna Berg      S"): the
    # name ends at the first, when two words stand before it.
    gap = next((i for i in range(2, len(words)) if words[i][0] - words[i - 1][1] > 1), None)
    words = words[:gap] if gap is not None else words
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
    lead = _ITEMS_BEFORE.match(text, span.start, span.end)
    return _name_at(text, lead.end() if lead else span.start, span.end, known) is not None


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
    lead = _ITEMS_BEFORE.match(text, entry.start, entry.end)
    hit = _name_at(text, lead.end() if lead else entry.start, entry.end, known_organisations)
    line_start = text.rfind("\n", entry.start, entry.end) + 1
    if hit is None and line_start > entry.start:
        # A rule's name run may start at the heading above ("Jäv\nGöran Falk (KD)
        # anmäler jäv"): the name is on the last line.
        return parse_person(
            text,
            line_start,
            end,
            section=section,
            group=group,
            known_organisations=known_organisations,
        )
    if hit is None:
        return None
    name_span, party, rest_start = hit.name, hit.party, hit.end
    cell = _PARTY_CELL.match(text, rest_start, entry.end) if party is None else None
    if cell is not None and party_abbreviation(cell.group("party")) in _party_abbreviations():
        party, rest_start = cell.group("party"), cell.end()
    # A role in the name's cell puts the party cell after it ("Eva Berg, ordförande\tS").
    party_after = _party_cell_after_role(text, rest_start, entry.end) if party is None else None
    if party_after is not None:
        party = party_after.group("party")
    absence = _ABSENT_MARK.search(text, rest_start, entry.end)
    attended = _ITEMS_ATTENDED.search(text, rest_start, entry.end) or _ITEMS_CELL.search(
        text, rest_start, entry.end
    )
    items = _item_numbers(attended.group("items")) if attended else ()
    scope = item_scope(text[rest_start : attended.start()]) if attended and items else None
    if lead and not items:
        items = _item_numbers(lead.group("items"))
    # The items, the absence and a note on attendance are not an organisation or a role:
    # describe only what comes before them.
    described_end = min(
        attended.start() if attended else entry.end,
        absence.start() if absence else entry.end,
        party_after.start() if party_after else entry.end,
    )
    note = attendance_note_start(text, rest_start, described_end, items_follow=bool(items))
    if note is not None:
        # "ordförande (anländer kl. 14.10 …)": the bracket the note opens is no part.
        described_end = len(text[rest_start:note].rstrip(" \t(,;")) + rest_start
    described = _describe(text, rest_start, described_end)
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
        absent=absence is not None,
        entry=entry,
        items=items,
        item_scope=scope,
    )


def items_in_cell(written: str) -> tuple[int, ...]:
    """The items a table cell of item numbers only names ("12–14", "§§ 3-5, 9"); () for
    any other cell."""
    cell = re.fullmatch(
        rf"\s*(?:§§?\s*)?(?P<items>{_ITEM_NUMBERS}(?:\s*(?:,|och)\s*{_ITEM_NUMBERS})*)\s*", written
    )
    return _item_numbers(cell.group("items")) if cell else ()


def _item_numbers(written: str) -> tuple[int, ...]:
    """ "45–48, 51" → (45, 46, 47, 48, 51); () when a range runs backwards or too far."""
    numbers: list[int] = []
    for match in _ITEM_RANGE.finditer(written):
        first = int(match.group("first"))
        last = int(match.group("last") or first)
        if not first <= last <= first + _LONGEST_ITEM_RANGE:
            return ()
        numbers.extend(range(first, last + 1))
    return tuple(sorted(set(numbers)))


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
    unit_may_follow = False  # right after the organisation's part: a unit's part may come
    if text[end : end + 1] == ".":
        end += 1  # an entry ends before its full stop, an abbreviated role on it ("ordf.")
    for part in _comma_parts(text, start, end):
        roles = concepts_in(text, "Role", part.start, part.end)
        # "(tjänstgörande)" after a name reads like ", tjänstgörande".
        leading = roles[0] if roles and not text[part.start : roles[0].start].strip(" (") else None
        if leading is None and roles and _only_words_before(text, part.start, roles[0].start):
            leading = roles[0]  # "teamchef på förbundet" reads as an unknown role
        bracketed = _bracketed_role(text, part, roles) if leading is None else None
        if bracketed is not None:  # "Lerums kommun (ordförande)"
            if found.organisation is None:
                organisation = text[part.start : bracketed.start].rstrip(" (")
                found.organisation = _clean(organisation, organisation=True)
            if found.role is None:
                found.role, found.role_text = bracketed.concept, bracketed.text
            # "Birgitta Alm, socialchef, Strandviks kommun (ordförande)": the post at home
            # is her role, the bracketed chair still her role in this body.
            if found.meeting_role is None and _local(bracketed.concept) in _body_roles():
                found.meeting_role = bracketed.concept
            continue
        if leading is None:
            lower = part.text[:1].islower() and not _PREPOSITION.match(part.text)
            if lower and found.role_text is None:
                # A role the vocabulary lacks ("strateg"), maybe with where it is held.
                role_text, held_in = _role_and_where_held(part.text)
                found.role_text = role_text
                if held_in is not None and found.organisation is None:
                    found.organisation = held_in
            elif found.organisation is None:
                found.organisation = _clean(part.text, organisation=True)
                unit_may_follow = found.organisation is not None
                continue
            elif unit_may_follow and is_unit(part.text):
                # "Västra Götalandsregionen, Koncernkontoret": a unit of the organisation
                # before it, the organisation its person comes from. Its "och" joins
                # words of one name ("Sektor vård och omsorg"), not two subjects.
                unit = _REMARK.sub("", part.text).strip(" \t\n,.*:;")
                found.organisation = f"{found.organisation}, {unit}"
                continue
            unit_may_follow = False
            continue
        unit_may_follow = False
        after_role = text[leading.end : part.end].removeprefix(")")
        remainder = _clean(after_role, organisation=_opens_capitalised(after_role))
        deputy = _local(leading.concept) in _DEPUTY_ROLES
        if deputy and _SITS_FOR.match(text, leading.end, part.end):
            remainder = None  # "tjänstgörande ersättare för Y (C)": Y is a member, not a body
        if found.role is None:
            found.role_text = _clean(
                text[part.start : part.end], organisation=_opens_capitalised(after_role)
            )
            found.role, found.role_organisation = leading.concept, remainder
        if not remainder and _local(leading.concept) in _body_roles():
            found.meeting_role = leading.concept  # "…, ordförande": the role in this body
        if remainder and found.organisation is None:
            found.organisation = remainder
    return found


def _opens_capitalised(words: str) -> bool:
    """True when `words` (after a role) open with a capitalised name, an organisation's
    ("direktör Vård och omsorg", "ordförande i Kultur- och fritidsnämnden")."""
    return _PREPOSITION.sub("", words.strip())[:1].isupper()


def _role_and_where_held(written: str) -> tuple[str | None, str | None]:
    """A role the vocabulary lacks and the organisation it is held in, the capitalised
    words after its one or two lower-case words, their own "och" kept ("förvaltningschef
    Vård och omsorg" → "förvaltningschef", "Vård och omsorg"); the whole as the role
    when no organisation follows or a person's name does."""
    role = _LOWER_ROLE.match(written)
    if role is None or starts_with_name(written, role.end(), len(written)):
        return _clean(written), None
    held_in = _clean(written[role.end() :], organisation=True)
    return _clean(_PREPOSITION_AFTER.sub("", role.group())), held_in


def _bracketed_role(text: str, part: Span, roles: Sequence[ConceptMatch]) -> ConceptMatch | None:
    """A role that is all a part's closing parentheses hold ("Lerums kommun (ordförande)")."""
    bracket = _CLOSING_BRACKET.search(text, part.start, part.end)
    if bracket is None:
        return None
    inside = trimmed_span(text, bracket.start("inside"), bracket.end("inside"))
    return next((r for r in roles if (r.start, r.end) == (inside.start, inside.end)), None)


@cache
def _body_roles() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("body_roles.tsv"))


def _local(concept: str) -> str:
    return concept.rsplit("#", 1)[-1]


def _only_words_before(text: str, start: int, role_start: int) -> bool:
    before = text[start:role_start].strip()
    return bool(before) and before.islower() and len(before.split()) <= 2


def _clean(value: str, *, organisation: bool = False) -> str | None:
    """`value` up to its predicate ("… och Per Ek har …"); an `organisation`'s "och"
    between the words of its name ("Vård och omsorg") is no predicate."""
    # Remarks in parentheses ("(förhinder)", "(ersätter … vid behov)") are not names.
    cleaned = _REMARK.sub("", value)
    cleaned = _PREPOSITION.sub("", cleaned.strip())
    predicate = next(
        (
            match
            for match in _PREDICATE.finditer(cleaned)
            if not (organisation and _joins_a_name(cleaned, match))
        ),
        None,
    )
    cleaned = cleaned[: predicate.start()] if predicate else cleaned
    if organisation:
        cleaned = _without_defined_abbreviation(cleaned)
    cleaned = cleaned.strip(" \t\n,.*:;")
    return cleaned or None


def _without_defined_abbreviation(name: str) -> str:
    """`name` without the abbreviation it defines after it ("Hälso- och
    sjukvårdsstyrelsen (HSS)"): its letters are the name's first and others in order. A
    party's ("Vakant (SD)") is no abbreviation of the name and stays."""
    bracket = _BRACKETED_ABBREVIATION.search(name)
    if bracket is None:
        return name
    letters, written = fold(bracket["letters"]), fold(name[: bracket.start()])
    position = 0
    for letter in letters:
        position = written.find(letter, position) + 1
        if position == 0:
            return name
    return name[: bracket.start()] if written[:1] == letters[:1] else name


def _joins_a_name(text: str, predicate: re.Match[str]) -> bool:
    """Whether an "och" joins words of one organisation's name: after a hyphen ("Hälso-
    och sjukvårdsförvaltningen"), or before a lower-case word ("Kultur och fritid") or an
    organisation's word, but never before a person's name ("… och Anna Berg")."""
    if predicate.group().strip() != "och":
        return False
    before = text[: predicate.start()].split()
    after = text[predicate.end() :].split()
    if not before or not after or starts_with_name(text, predicate.end(), len(text)):
        return False
    word = after[0].strip(",.:;()")
    return before[-1].endswith("-") or word[:1].islower() or _is_organisation_word(word)


# Only these characters cut a description into parts; the rest is skipped over at C speed.
# A tab is a comma: the cells of a table row that names one person ("Organisation\tRoll");
# so is a line break in an entry whose organisation wraps ("Göteborgs Stad\nSocialförv…").
_COMMA_OR_PARENTHESIS = re.compile(r"[,()\t\n]")


def _comma_parts(text: str, start: int, end: int) -> list[Span]:
    parts: list[Span] = []
    depth, part_start = 0, start
    for mark in _COMMA_OR_PARENTHESIS.finditer(text, start, end):
        char, position = mark.group(), mark.start()
        depth = max(0, depth + (char == "(") - (char == ")"))  # a stray ")" opens nothing
        if char in ",\t\n" and depth == 0:
            parts.append(trimmed_span(text, part_start, position))
            part_start = position + 1
    parts.append(trimmed_span(text, part_start, end))
    # "Adam Johansson (M) Skaraborg": the first part may follow the name without a comma.
    return [part for part in parts if part.text.strip(" .,*")]


def mention_at(text: str, start: int, end: int, known: Iterable[str]) -> PersonMention:
    """The person a rule's group names (`parse_person`), else its words as written: a
    sentence names someone even where the name reader finds no name."""
    person = parse_person(text, start, end, known_organisations=known)
    if person is not None:
        return person
    return PersonMention(" ".join(text[start:end].split()), Span(start, end, text[start:end]))


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
    entries = _list_entries(text, start, end, known_organisations)
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


def _list_entries(text: str, start: int, end: int, known: Iterable[str]) -> list[Span]:
    entries: list[Span] = []
    position = start
    depth_free = _PARENTHESES.sub(lambda m: "\x00" * len(m.group(0)), text[start:end])
    for separator in _LIST_SEPARATOR.finditer(depth_free):
        entries += _run_on_entries(
            text, trimmed_span(text, position, start + separator.start()), known
        )
        position = start + separator.end()
    entries += _run_on_entries(text, trimmed_span(text, position, end), known)
    return [entry for entry in entries if entry.text.strip(" .,*")]


def _run_on_entries(text: str, entry: Span, known: Iterable[str]) -> list[Span]:
    """An entry that a flattened layout ran together with its neighbours: a role of the
    name before ("ordf Lisbeth Lennartsson") and names without separators between them
    ("Lisbeth Lennartsson Ann-Marie Fagerström")."""
    pieces = [entry]
    head = _LOWER_HEAD.match(text, entry.start, entry.end)
    if head is not None and _name_at(text, head.end(), entry.end, known) is not None:
        pieces = [
            trimmed_span(text, entry.start, head.end()),
            trimmed_span(text, head.end(), entry.end),
        ]
    entries = []
    for piece in pieces:
        bounds = [*name_run_starts(text, piece.start, piece.end, known), piece.end]
        entries += [trimmed_span(text, a, b) for a, b in itertools.pairwise(bounds)]
    return entries


def name_run_starts(text: str, start: int, end: int, known: Iterable[str] = ()) -> list[int]:
    """Where each name of `text[start:end]` starts, when a flattened layout ran names
    together without separators ("Cecilia Nilsson Eva-Marie Hansson Monika Kling …"): an
    even run of four or more capitalised name words, none an organisation's, is two-word
    names. Anything else (a middle initial, a party, an odd run) stays one entry: `[start]`."""
    words = list(_WORD.finditer(text, start, end))
    if len(words) < _MIN_NAME_RUN or len(words) % 2:
        return [start]
    for word in words:
        if not _ONE_NAME_WORD.fullmatch(word.group(0)) or is_organisation_like(
            word.group(0), known
        ):
            return [start]
    return [word.start() for word in words[::2]]


# --------------------------------------------------------------------------- speakers

_SPEAKER_RUN = rf"{_NAME_WORD}(?:[ \t\u00a0]+(?:[A-ZÅÄÖ]\.?[ \t\u00a0]+)?{_NAME_WORD}){{0,2}}"
_BULLET = r"[•\-–*\uf0b7]"


@cache
def _speaker_regex() -> re.Pattern[str]:
    """A name run opening a sentence or line, then a speech verb ("Malin beskriver")."""
    verbs = sorted((row[0] for row in read_table("speech_verbs.tsv")), key=len, reverse=True)
    verb = "|".join(r"[ \t\u00a0]+".join(map(re.escape, phrase.split())) for phrase in verbs)
    return re.compile(
        rf"(?:^[ \t\u00a0]*(?:{_BULLET}[ \t\u00a0]+)?|(?<=[.!?])[ \t\u00a0]+)"
        rf"(?P<name>{_SPEAKER_RUN})(?P<after>[ \t\u00a0]*{PARTY})?[ \t\u00a0]+(?:{verb})(?![\w-])",
        re.MULTILINE,
    )


@cache
def _non_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words and endings of `data/non_name_subjects.tsv`, and the one-word field labels
    ("Beslut", "Bakgrund"): a sentence may open with those, a name never."""
    rows = read_table("non_name_subjects.tsv")
    labels = (row[0] for row in read_table("labels.tsv") if len(row[0].split()) == 1)
    words = frozenset([*(row[1] for row in rows if row[0] == "word"), *labels])
    suffixes = tuple(row[1] for row in rows if row[0] == "suffix")
    return words, suffixes


# Swedish definite and plural endings a role word takes as a sentence's subject:
# "Ordföranden", "Sekreteraren", "Direktören", "Ledamöterna".
_DEFINITE_ENDINGS = ("", "n", "en", "na", "t", "et")


@cache
def _role_words() -> frozenset[str]:
    """One-word labels of bg:Role in every definite form, folded."""
    single = [label for label, _ in concepts_of(BG.Role) if " " not in label]
    return frozenset(label + ending for label in single for ending in _DEFINITE_ENDINGS)


def _is_adverbial(word: str) -> bool:
    """A pronoun, adverb or definite noun that opens a sentence ("Hon", "Därefter",
    "Processledningen"), by the words and endings of `data/non_name_subjects.tsv`."""
    words, suffixes = _non_names()
    lowered = word.lower()
    return word in words or any(
        lowered.endswith(suffix) and len(lowered) >= len(suffix) + 3 for suffix in suffixes
    )


def _names_nobody(word: str, known: Iterable[str]) -> bool:
    """True for a capitalised word that opens a sentence but is no given name: a pronoun
    or adverb, a definite noun, a role ("Ordföranden") or an organisation ("Region")."""
    return _is_adverbial(word) or fold(word) in _role_words() or is_organisation_like(word, known)


def speakers_in(text: str, start: int, end: int, known: Iterable[str] = ()) -> list[PersonMention]:
    """The people `text[start:end]` has speak or present, by name or by given name alone:
    "Jenny förtydligar att …", "Elin Nirjens går igenom …", "Ann-Sofie informerar om …".

    A given name alone stays as written ("Jenny"); resolution decides whom it means."""
    known = frozenset(known)
    found: list[PersonMention] = []
    for match in _speaker_regex().finditer(text, start, end):
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, *match.span("name"))]
        # "Även Jenny informerar": a sentence adverb before the name is no part of it.
        while words and _is_adverbial(text[words[0][0] : words[0][1]]):
            words.pop(0)
        if not words:
            continue
        if len(words) == 1:
            span = Span(words[0][0], words[0][1], text[words[0][0] : words[0][1]])
            if not _names_nobody(span.text, known):
                found.append(PersonMention(span.text, span, section="presenters"))
            continue
        end = match.end("after") if match.group("after") else words[-1][1]
        person = parse_person(
            text, words[0][0], end, section="presenters", known_organisations=known
        )
        if person is not None:
            found.append(person)
    return found


def _party_cell_after_role(text: str, start: int, end: int) -> re.Match[str] | None:
    """The party cell after a role written in the name's cell (", ordförande"), when
    it names a party: the cell after the role, nothing else, lies between."""
    role = _ROLE_CELL.match(text, start, end)
    if role is None:
        return None
    cell = _PARTY_CELL.match(text, role.end(), end)
    if cell is None or party_abbreviation(cell.group("party")) not in _party_abbreviations():
        return None
    return cell
