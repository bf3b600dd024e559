"""Agreements named in a text: type from the bg:AgreementType ruler, title, version label,
and the relations a list or a sentence states (part of, applies from, validity, replaces)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from beslutsgraf.ingest.agreement_dates import day_before, own_period
from beslutsgraf.ingest.agreement_titles import (
    agreement_heads,
    continues_after_med,
    continues_after_och,
    indefinite_title,
    party_run_end,
    title_words,
    version_end,
)
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.iris import slug
from beslutsgraf.ingest.lines import Line, split_lines, strip_markup, trimmed_span
from beslutsgraf.ingest.model import AgreementMention, DateValue, Span
from beslutsgraf.ingest.nlp import ConceptMatch
from beslutsgraf.ingest.patterns import Rule, compiled, fill, number_word

__all__ = [
    "agreement_facts",
    "find_agreements",
    "list_agreements",
    "relate_list",
    "with_own_period",
    "with_replacements",
]

_MAX_TITLE_WORDS = 22
_LIST_LINE = re.compile(r"^[ \t]*(?:[•\-–*]|\d{1,2}[.)])[ \t]+")
_VERSION = re.compile(
    r"[,\s]+(?P<version>(?P<issuer>[A-ZÅÄÖ]{2,8}),?\s+(?P<date>(?:19|20)\d{2}-[01]\d-[0-3]\d))\s*$"
)
_WORD = re.compile(r"[^\s,.;:()]+")
_TITLE_END = re.compile(r"[,.;:()]|\n[ \t]*[•\-–*]")
_FULL_DATE = re.compile(r"(?:19|20)\d{2}-[01]\d-[0-3]\d")
_DRAFT_REACH = 60  # characters before a title a drafting verb is looked for in


@cache
def _words(kind: str) -> tuple[str, ...]:
    return tuple(row[1] for row in read_table("agreement_words.tsv") if row[0] == kind)


@cache
def _part_types() -> tuple[tuple[str, str], ...]:
    return tuple((row[1], row[2]) for row in read_table("agreement_words.tsv") if row[0] == "part")


def _local(concept: str | None) -> str:
    return (concept or "").rsplit("#", 1)[-1]


def _with_version(
    text: str, title: Span, concept: str | None, head: str | None = None
) -> AgreementMention:
    match = _VERSION.search(title.text)
    version = None
    if match is not None:
        version = f"{match.group('issuer')} {match.group('date')}"
        cut = title.start + match.start()
        title = Span(title.start, cut, text[title.start : cut])
    name = title_words(title.text)
    if head is not None:
        name = indefinite_title(name, " ".join(head.split()))
    return AgreementMention(name, title, concept, version_label=version)


def list_agreements(text: str, start: int, end: int) -> list[AgreementMention]:
    """Agreements listed one per line ("- Överenskommelse - …, SRO 2025-09-01")."""
    found = []
    lines = split_lines(text, start, end)
    for index, line in enumerate(lines):
        marker = _LIST_LINE.match(line.text)
        if marker is None:
            continue
        content = strip_markup(text, line.start + marker.end(), _item_end(lines, index))
        matches = agreement_heads(text, content.start, content.end)
        if matches and matches[0].start == content.start:
            found.append(_with_version(text, content, matches[0].concept, matches[0].text))
    return found


def _item_end(lines: Sequence[Line], index: int) -> int:
    """Where the list item on `lines[index]` ends: a title wrapped onto the next lines
    ("- Överenskommelse om gemensam\n  hemsjukvård, SRO 2025-09-01") goes on over lines
    that are indented or start in lower case, up to a blank line or the next item."""
    end = lines[index].end
    for line in lines[index + 1 :]:
        if line.blank or _LIST_LINE.match(line.text):
            break
        if not (line.text[:1].isspace() or line.text.lstrip()[:1].islower()):
            break
        end = line.end
    return end


def find_agreements(
    text: str, start: int, end: int, *, bare_heads: bool = False
) -> list[AgreementMention]:
    """Agreements named in running text.

    "ett nytt samverkansavtal" and "ta fram ett förslag till …" (not yet existing) are
    skipped, and so is a bare definite or plural head ("strategin", "överenskommelser"),
    a general type ("avtal") or a description in lower case ("gemensam handlingsplan")
    unless `bare_heads`; a general type is named only by what it is about ("avtal om …",
    not "avtal under tiden").
    """
    listed = list_agreements(text, start, end)
    covered = [(a.span.start, a.span.end) for a in listed]
    found = list(listed)
    for match in agreement_heads(text, start, end):
        if any(a <= match.start < b for a, b in covered) or _indefinite(text, match.start):
            continue
        title = _title_around(text, match, end)
        if _to_be_drafted(text, title.start):
            continue
        mention = _with_version(text, title, match.concept, match.text)
        if _names_none(text, match, title, mention.span, bare_heads=bare_heads):
            continue
        found.append(replace(mention, parties=_parties(text, title, end)))
        covered.append((title.start, title.end))
    return sorted(found, key=lambda mention: mention.span.start)


_BETWEEN = re.compile(r"\s+(?:mellan|med)\s+")
_PARTY_SEPARATOR = re.compile(r",\s*|\s+(?:och|samt)\s+")
# A sentence ends the parties, not a line break: extracted PDF text breaks lines, even
# paragraphs, mid-sentence. _MAX_BETWEEN_WORDS bounds a run that finds no end.
_CLAUSE_END = re.compile(r"[.;:()]")
_MAX_BETWEEN_WORDS = 16
_MAX_PARTY_WORDS = 6


def _parties(text: str, title: Span, limit: int) -> tuple[str, ...]:
    """The parties an agreement is between, named in its title or right after it
    ("samverkansavtal mellan Region Halland och Falkenbergs kommun om …", "avtalet med
    Räddningstjänstförbundet om …"): each a capitalised name; a collective ("kommunerna
    i länet", "Västra Götalands kommuner") names no one organisation."""
    between = next(
        (
            match
            for match in _BETWEEN.finditer(text, title.start, limit)
            # "med" of the title's subject ("personer med …") names no party
            if match.group(0).strip() == "mellan" or _capitalised_after(text, match.end())
        ),
        None,
    )
    if between is None or (
        between.start() > title.end and text[title.end : between.start()].strip()
    ):
        return ()
    clause_end = _CLAUSE_END.search(text, between.end(), limit)
    words = text[between.end() : clause_end.start() if clause_end else limit].split()
    words = words[:_MAX_BETWEEN_WORDS]
    ends = set(_words("party_end"))
    cut = next((i for i, word in enumerate(words) if word in ends), len(words))
    names = (name.strip() for name in _PARTY_SEPARATOR.split(" ".join(words[:cut])))
    collectives = set(_words("collective"))
    return tuple(
        name
        for name in names
        if name[:1].isupper()
        and not any(character.isdigit() for character in name)  # a version or a date
        and len(name.split()) <= _MAX_PARTY_WORDS
        and name.split()[-1].lower() not in collectives
    )


def _general(head: ConceptMatch) -> bool:
    """A type so general ("avtal", "ramavtal") that the word alone names nothing."""
    return _local(head.concept) in _words("general_type")


def _unnamed(text: str, head: ConceptMatch, title: Span) -> bool:
    """A title of a general type that says nothing of what the agreement is about
    ("avtal under tiden", "vårdavtal med Västra Götalandsregionen"): no name."""
    words = {word.lower() for word in _WORD.findall(text[head.end : title.end])}
    return not words & set(_words("topic"))


def _generic(head: str) -> bool:
    return head.lower().endswith(_words("generic_ending"))


def _indefinite(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].split()[-2:]
    return any(word.lower() in _words("indefinite") for word in before)


def _names_none(
    text: str, head: ConceptMatch, title: Span, named: Span, *, bare_heads: bool
) -> bool:
    """Whether the title around `head` (`named`, its version cut off) names no agreement."""
    if named.text == head.text:  # a version dates a name, it makes none
        return not bare_heads and (_generic(head.text) or _general(head))
    if _general(head) and _unnamed(text, head, title):
        return True
    return not bare_heads and _described(head, named)


def _described(head: ConceptMatch, title: Span) -> bool:
    """A title in lower case of qualifiers and the type noun only ("gemensam handlingsplan"):
    it says whose the document is, not which one; a name says what it is about or its
    period, or is written as a name."""
    return title.end == head.end and title.text[:1].islower()


def _to_be_drafted(text: str, title_start: int) -> bool:
    """Whether a drafting verb precedes the title ("ta fram ett förslag till gemensam
    handlingsplan", "utarbeta riktlinje för …"): a document yet to be written, no agreement."""
    before = text[max(0, title_start - _DRAFT_REACH) : title_start]
    return _drafting().search(before) is not None


@cache
def _drafting() -> re.Pattern[str]:
    """A drafting verb, an article and a proposal ("förslag till") at the end of a text."""

    def either(kind: str) -> str:
        return "|".join(re.escape(words).replace(r"\ ", r"\s+") for words in _words(kind))

    return re.compile(
        rf"(?<!\w)(?:{either('draft')})\s+(?:(?:{either('indefinite')})\s+)?"
        rf"(?:(?:{either('proposal')})\s+)?$",
        re.IGNORECASE,
    )


def _title_around(text: str, match: ConceptMatch, limit: int) -> Span:
    start = match.start
    # Qualifiers before the head noun belong to the title ("läns gemensam handlingsplan").
    while True:
        previous = re.search(r"(\S+)\s+$", text[max(0, start - 30) : start])
        if previous is None or previous.group(1).lower() not in _words("qualifier"):
            break
        start -= len(previous.group(0))
    end = match.end
    named = False  # whether the title has said what the agreement is about ("om …")
    words = 0
    for word in _WORD.finditer(text, match.end, limit):
        if word.start() < end:
            continue  # inside a run of parties taken whole
        between = text[end : word.start()]
        if _TITLE_END.search(between) or words >= _MAX_TITLE_WORDS:
            end = version_end(text, end, limit) or end
            break
        words += 1
        lowered = word.group(0).lower()
        following = text[word.start() : word.start() + 20].lower()
        if _FULL_DATE.fullmatch(word.group(0)):
            break
        if any(_starts_with_words(following, stop) for stop in _words("stop")):
            break
        joined = text[end - 1] == "-"  # "Hälso- och sjukvårdsavtal"
        if lowered == "och" and not joined and not continues_after_och(text, word.end(), limit):
            break
        if lowered == "mellan" or (lowered == "med" and end == match.end):
            # The parties: "mellan Region Halland och kommunerna i Hallands län", or the
            # one a head alone is made with ("vårdöverenskommelsen med Södra Älvsborgs
            # Sjukhus"); a name in either case.
            if lowered == "med" and not _capitalised_after(text, word.end()):
                break
            end = party_run_end(text, word.end(), limit)
            continue
        if lowered == "med" and not continues_after_med(text, word.end(), named=named):
            break
        named = named or lowered in _words("topic")
        end = word.end()
    return Span(start, end, text[start:end])


def _starts_with_words(following: str, words: str) -> bool:
    """Whether `following` opens with the whole words `words` ("enligt förslaget." opens
    with "enligt förslaget", "attesterat" not with "att")."""
    return following.startswith(words) and not following[len(words) : len(words) + 1].isalnum()


def _capitalised_after(text: str, position: int) -> bool:
    rest = text[position:].lstrip()
    return rest[:1].isupper()


def relate_list(
    agreements: list[AgreementMention], applies_from: DateValue | None
) -> list[AgreementMention]:
    """Sub-agreements listed with their main agreement are part of it; all apply from a date."""
    related = []
    for agreement in agreements:
        whole = next(
            (
                other
                for part_type, whole_type in _part_types()
                if _local(agreement.agreement_type) == part_type
                for other in agreements
                if _local(other.agreement_type) == whole_type
            ),
            None,
        )
        related.append(
            replace(
                agreement,
                part_of=whole if whole is not agreement else None,
                applies_from=applies_from or agreement.applies_from,
            )
        )
    return related


def agreement_facts(
    text: str, agreement: AgreementMention, start: int, end: int
) -> AgreementMention:
    """Validity, end and parent of `agreement` stated in `text[start:end]` (an item body).

    The first statement of each fact wins; facts the mention already has are kept.
    """
    dated: dict[str, DateValue] = {}
    term, whole = agreement.extension_term, agreement.part_of
    for regex in compiled("agreement_facts.tsv"):
        for match in regex.finditer(text, start, end):
            groups = match.groupdict()
            for key in ("from", "until", "ended"):
                dates = find_dates(groups[key], match.start(key)) if groups.get(key) else []
                if dates:
                    dated.setdefault(key, dates[0])
            if groups.get("applies"):
                dates = find_dates(groups["applies"], match.start("applies"))
                if dates:
                    dated.setdefault("applies", dates[0])
            if groups.get("years") and "from" in dated and "until" not in dated:
                until = _term_end(dated["from"], groups["years"])
                if until is not None:
                    dated["until"] = until
            if groups.get("from_year") and groups.get("until_year"):
                dated.setdefault("from", _year_bound(match, "from_year", first=True))
                dated.setdefault("until", _year_bound(match, "until_year", first=False))
            if groups.get("term") and term is None:
                term = " ".join(groups["term"].split())
            if groups.get("whole") and whole is None:
                wholes = find_agreements(
                    text, match.start("whole"), match.end("whole"), bare_heads=True
                )
                whole = wholes[0] if wholes else None
    return replace(
        agreement,
        applies_from=agreement.applies_from or dated.get("applies"),
        valid_from=agreement.valid_from or dated.get("from"),
        valid_until=agreement.valid_until or dated.get("until"),
        ended_on=agreement.ended_on or dated.get("ended"),
        extension_term=term,
        part_of=whole,
    )


def with_own_period(text: str, agreement: AgreementMention, limit: int) -> AgreementMention:
    """`agreement` titled without the period in years its title ends with or that follows
    it ("att godkänna Samverkansavtal om hjälpmedel 2025–2028"), valid for that period,
    when its type names no period (`period_is_validity`); otherwise as it is."""
    if agreement.version_label or _local(agreement.agreement_type) not in _words(
        "period_is_validity"
    ):
        return agreement
    found = own_period(text, agreement.span, limit)
    if found is None:
        return agreement
    named = _with_version(text, found.title, agreement.agreement_type, _head_at(text, found.title))
    return replace(
        agreement,
        title=named.title,
        span=named.span,
        valid_from=agreement.valid_from or found.start,
        valid_until=agreement.valid_until or found.end,
    )


def _year_bound(match: re.Match[str], group: str, *, first: bool) -> DateValue:
    """A year bound of "perioden 2018–2022": 2018-01-01 or 2022-12-31."""
    year = int(match.group(group))
    span = Span(match.start(group), match.end(group), match.group(group))
    return DateValue(year, 1, 1, span=span) if first else DateValue(year, 12, 31, span=span)


def _term_end(start: DateValue, years: str) -> DateValue | None:
    """The last day of a term of `years` from `start` ("fyra år från 2024-01-01" ends
    2027-12-31); None when the start is no whole date."""
    count = number_word(years)
    if count is None or start.month is None or start.day is None:
        return None
    try:
        first = dt.date(start.year, start.month, start.day)
        end = first.replace(year=first.year + count) - dt.timedelta(days=1)
    except ValueError:  # 29 February in a year that has none
        return None
    return DateValue(end.year, end.month, end.day, span=start.span)


# --------------------------------------------------------------------------- replacements


@cache
def _replacement_rules(kind: str) -> tuple[Rule, ...]:
    rows = read_table("agreement_replacements.tsv")
    return tuple(Rule(re.compile(fill(row[1]))) for row in rows if row[0] == kind)


def with_replacements(
    text: str, agreements: Sequence[AgreementMention], start: int, end: int
) -> list[AgreementMention]:
    """`agreements` (what a decision concerns), each with the earlier agreements that
    sentences of `text[start:end]` (its item) say it replaces: "X ersätter Y", "Y ersätts
    av X", "Y upphör att gälla när X träder i kraft"."""
    replaced: dict[int, list[AgreementMention]] = {}
    into_force: dict[int, DateValue] = {}
    for rule in _replacement_rules("replaces"):
        for match in rule.finditer(text, start, end):
            new = trimmed_span(text, match.start("new"), match.end("new"))
            old = trimmed_span(text, match.start("old"), match.end("old"))
            index = _replacing(text, new, old, agreements)
            if index is None:
                continue
            earlier = _replaced(text, old, agreements[index])
            day = _into_force(match)
            if day is not None:
                into_force.setdefault(index, day)
                if earlier is not None:
                    # "X upphör att gälla när Y träder i kraft 2027-01-01": X ends the day before.
                    earlier = replace(earlier, valid_until=earlier.valid_until or day_before(day))
            known = replaced.setdefault(index, [])
            if earlier is not None and all(_key(e) != _key(earlier) for e in known):
                known.append(earlier)
    return [
        replace(
            agreement,
            replaces=agreement.replaces + tuple(replaced.get(index, ())),
            applies_from=agreement.applies_from or into_force.get(index),
        )
        for index, agreement in enumerate(agreements)
    ]


def _into_force(match: re.Match[str]) -> DateValue | None:
    """The whole day the replacing agreement enters into force, when the sentence gives it."""
    if not match.groupdict().get("into_force"):
        return None
    dates = find_dates(match.group("into_force"), match.start("into_force"))
    return dates[0] if dates and dates[0].as_date() is not None else None


def _key(agreement: AgreementMention) -> str:
    """What the agreement's IRI is minted from: equal keys are one agreement node."""
    return slug(f"{agreement.title} {agreement.version_label or ''}")


def _named(text: str, side: Span) -> AgreementMention | None:
    """The agreement a side of the sentence names by its title, None for a reference."""
    found = find_agreements(text, side.start, side.end, bare_heads=True)
    if not found or _is_reference(text, found[0]):
        return None
    return found[0]


def _is_reference(text: str, mention: AgreementMention) -> bool:
    """A head alone ("överenskommelsen", "det nya hälso- och sjukvårdsavtalet", "nuvarande
    samverkansavtal"): a reference to an agreement, not its name."""
    heads = agreement_heads(text, mention.span.start, mention.span.end)
    return bool(heads) and (heads[0].start, heads[0].end) == (mention.span.start, mention.span.end)


def _refers(text: str, side: Span) -> bool:
    """Whether a side of the sentence is about an agreement at all (named or referred to)."""
    if find_agreements(text, side.start, side.end, bare_heads=True):
        return True
    words = {word.lower() for word in _WORD.findall(side.text)}
    return bool(words & set(_words("reference")))


def _reference_starts(text: str, side: Span) -> list[int]:
    starts = [m.span.start for m in find_agreements(text, side.start, side.end, bare_heads=True)]
    references = set(_words("reference"))
    starts += [
        side.start + word.start()
        for word in _WORD.finditer(side.text)
        if word.group(0).lower() in references
    ]
    return starts


def _replacing(
    text: str, new: Span, old: Span, agreements: Sequence[AgreementMention]
) -> int | None:
    """Which of `agreements` the sentence says replaces: the one it names, else, when it
    only refers to one ("Överenskommelsen ersätter …"), the one agreement decided that
    the sentence does not name as the replaced."""
    if not (_refers(text, new) and _refers(text, old)):
        return None
    named = _named(text, new)
    if named is not None:
        same = [i for i, a in enumerate(agreements) if _key(a) == _key(named)]
        # "den nya överenskommelsen om X" for the "Överenskommelse om X 2024–2027" decided
        same = same or [i for i, a in enumerate(agreements) if _same_title(a, named)]
        return same[0] if same else None
    others = [i for i, a in enumerate(agreements) if not old.start <= a.span.start < old.end]
    if len(others) > 1:  # the decision may name the replaced one too
        replaced = _named(text, old)
        others = [i for i in others if replaced is None or _key(agreements[i]) != _key(replaced)]
    return others[0] if len(others) == 1 else None


def _replaced(text: str, old: Span, new: AgreementMention) -> AgreementMention | None:
    """The agreement `new` replaces, named on the `old` side of the sentence. One it only
    refers to ("nuvarande avtal från 2018") is the earlier version of `new`: its title
    and type, told apart by the year the sentence gives; without one, nothing tells the
    two apart and there is no replacement to state."""
    year = next(
        (m for rule in _replacement_rules("year") for m in rule.finditer(text, old.start, old.end)),
        None,
    )
    version = re.sub(r"\s*([–-])\s*", r"\1", year.group("year")) if year is not None else None
    named = _named(text, old)
    if named is not None and named.span.start == old.start:
        # The sentence ends the name, not the title rules: "ersätter Överenskommelse om
        # samverkan kring personer med psykisk funktionsnedsättning, SRO 2016-11-25."
        whole = trimmed_span(text, old.start, _before_bracket(text, old))
        if len(whole.text.split()) <= _MAX_TITLE_WORDS:
            named = replace(
                _with_version(text, whole, named.agreement_type, _head_at(text, whole)),
                parties=named.parties,
            )
    if named is not None and year is not None and named.span.start < year.start() < named.span.end:
        # "överenskommelsen om läkarmedverkan från 2014": the year dates it, it names nothing.
        title = trimmed_span(text, named.span.start, year.start())
        name = title_words(title.text)
        head = _head_at(text, title)
        named = replace(
            named,
            title=indefinite_title(name, head) if head else name,
            span=title,
            version_label=version,
        )
        named = None if _is_reference(text, named) else named
    if named is not None:
        if _key(named) == _key(new) and named.version_label is None:
            named = replace(named, version_label=version)
        return named if _key(named) != _key(new) else None
    if version is None:
        # "Den tidigare överenskommelsen": its node would be the title's without a version,
        # which other mentions of the title (the new agreement's among them) name too.
        return None
    # The reference from its first word: the side may begin on a heading line before it.
    start = min(_reference_starts(text, old), default=old.start)
    earlier = AgreementMention(
        _without_period(new.title),
        trimmed_span(text, start, year.end() if year is not None else old.end),
        new.agreement_type,
        version_label=version,
    )
    return earlier if _key(earlier) != _key(new) else None


_PERIOD_AT_END = re.compile(
    r"\s+(?:(?:för|under)\s+(?:perioden\s+|åren\s+)?)?"
    r"(?:19|20)\d{2}(?:\s*[–-]\s*(?:19|20)?\d{2})?$"
)


def _without_period(title: str) -> str:
    """The title without the period or year that tells its version ("Vårdöverenskommelse
    för 2024–2026" → "Vårdöverenskommelse"): what its earlier versions are titled too."""
    return _PERIOD_AT_END.sub("", title) or title


def _same_title(decided: AgreementMention, named: AgreementMention) -> bool:
    """Whether `named` is `decided` without the period its title ends with."""
    return named.version_label is None and slug(_without_period(decided.title)) == slug(
        _without_period(named.title)
    )


def _head_at(text: str, span: Span) -> str | None:
    """The head noun `span` starts with, as written."""
    heads = agreement_heads(text, span.start, span.end)
    return " ".join(heads[0].text.split()) if heads and heads[0].start == span.start else None


def _before_bracket(text: str, side: Span) -> int:
    bracket = text.find("(", side.start, side.end)
    return side.end if bracket < 0 else bracket
