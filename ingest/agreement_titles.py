"""How an agreement's name is read: its head noun (a bg:AgreementType surface form, or a
compound ending in one: "vårdöverenskommelsen", "ramavtal"), the indefinite form a title
takes ("överenskommelsen om X" is "Överenskommelse om X"), and where a title's words end
that the plain stop words cannot tell ("personer med …", "mellan … och kommunerna i länet",
"…, SRO 2016-11-25")."""

from __future__ import annotations

import re
from functools import cache

from beslutsgraf.ingest.agreement_dates import is_term
from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.nlp import ConceptMatch, concepts_in

__all__ = [
    "agreement_heads",
    "continues_after_med",
    "continues_after_och",
    "indefinite_title",
    "party_run_end",
    "title_words",
    "version_end",
]

_BG = "https://w3id.org/beslutsgraf/def#"
# Definite and plural endings a compound's head takes (vårdöverenskommelse-n, ramavtal-et).
_ENDINGS = "(?:en|et|n|na|r|rna|er|erna|ar|arna)?"
_DATE = r"(?:19|20)\d{2}-[01]\d-[0-3]\d"
# ", SRO 2016-11-25" after a title: the version it names, which ends the title.
_VERSION_AFTER = re.compile(rf"\s*,\s*[A-ZÅÄÖ]{{2,8}},?\s+{_DATE}")
_WORD = re.compile(r"[^\s,.;:()]+")
_MAX_PARTY_WORDS = 16
# How far after "och" a verb may come and still start a new clause ("och kommunerna i
# länet beslutar …"); a topic's parts are short ("barn och unga med psykisk ohälsa").
_MAX_SUBJECT_WORDS = 4
_CLAUSE_BREAK = re.compile(r"[,.;:()]")
# A lower-case word hyphenated at a line end ("hem-\nsjukvård"; a PDF's soft wrap leaves a
# space): its halves are one word. The word after the break is `next`.
_BROKEN_WORD = re.compile(r"(?<=[a-zåäöéü])-(?:[ \t]*\r?\n[ \t]*| )(?=(?P<next>[a-zåäöéü]+))")


@cache
def _rows(kind: str) -> tuple[tuple[str, ...], ...]:
    return tuple(row[1:] for row in read_table("agreement_words.tsv") if row[0] == kind)


@cache
def _compound() -> re.Pattern[str]:
    heads = "|".join(re.escape(row[0]) for row in _rows("compound_head"))
    return re.compile(rf"(?<![\w-])[\w-]*?\w-?(?P<head>{heads}){_ENDINGS}(?![\w-])", re.I)


def agreement_heads(text: str, start: int, end: int) -> list[ConceptMatch]:
    """The head nouns of agreements in `text[start:end]`: surface forms of bg:AgreementType
    and, where none is, compounds whose last part is a type noun ("vårdöverenskommelsen"
    is an överenskommelse, "ramavtal" an avtal)."""
    found = concepts_in(text, "AgreementType", start, end)
    concept = {row[0]: _BG + row[1] for row in _rows("compound_head")}
    for match in _compound().finditer(text, start, end):
        if any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        found.append(
            ConceptMatch(
                concept[match.group("head").lower()], match.start(), match.end(), match.group(0)
            )
        )
    return sorted(found, key=lambda match: (match.start, -match.end))


def title_words(written: str) -> str:
    """A title as written over lines, on one line: runs of spaces as one, and a word
    hyphenated at a line break whole again ("hem-\nsjukvård" is "hemsjukvård"). A
    suspended compound goes on with a conjunction ("hälso- och sjukvård", "in- och
    utskrivning") and keeps its hyphen."""
    links = {row[0] for row in _rows("hyphen_link")}
    joined = _BROKEN_WORD.sub(lambda m: m.group(0) if m.group("next") in links else "", written)
    return " ".join(joined.split())


def indefinite_title(title: str, head: str) -> str:
    """`title`, starting with the head noun `head`, in the indefinite form that names the
    agreement: "överenskommelsen om gemensam hemsjukvård" → "Överenskommelse om gemensam
    hemsjukvård", so that both spellings are one agreement. Other titles are kept."""
    lowered = head.lower()
    for definite, indefinite in _rows("definite"):
        if lowered.endswith(definite) and title.lower().startswith(lowered):
            named = title[: len(head) - len(definite)] + indefinite + title[len(head) :]
            return named[:1].upper() + named[1:]
    return title


def version_end(text: str, position: int, limit: int) -> int | None:
    """Where a version ("…, SRO 2016-11-25") that follows a title at `position` ends."""
    match = _VERSION_AFTER.match(text, position, limit)
    return match.end() if match is not None else None


def party_run_end(text: str, position: int, limit: int) -> int:
    """Where the parties named from `position` ("Region Halland och kommunerna i Hallands
    län om …", after "mellan") end: at a word that begins what the agreement is about,
    at punctuation, or after a bounded run of words."""
    ends = {row[0] for row in _rows("party_end")}
    end = position
    for count, word in enumerate(_WORD.finditer(text, position, limit)):
        between = text[end : word.start()]
        if count >= _MAX_PARTY_WORDS or (count and re.search(r"[,.;:()]", between)):
            break
        if word.group(0).lower() in ends:
            break
        end = word.end()
    return end


def continues_after_med(text: str, position: int, *, named: bool) -> bool:
    """Whether "med" at `position` continues a title: inside what the agreement is about
    ("samverkan kring personer med psykisk funktionsnedsättning"), not a party ("med
    Region Halland"), a date, a term ("med två år"), or what comes with it ("med
    tillhörande överenskommelser")."""
    following = _WORD.search(text, position)
    if not named or following is None:
        return False
    word = following.group(0)
    if word[:1].isupper() or word[:1].isdigit() or is_term(text, position):
        return False  # a party, a date, or a term ("med ytterligare ett år")
    return word.lower() not in {row[0] for row in _rows("med_end")}


def continues_after_och(text: str, position: int, limit: int) -> bool:
    """Whether "och" ending at `position` joins the parts of a title ("god och nära vård",
    "barn och unga"), not what follows it: a new clause ("och kommunerna beslutar …",
    "och ska …"), a second agreement ("och Överenskommelse om …", "och de fyra
    överenskommelserna"), or a word that ends a title anyway ("och att …")."""
    following = _WORD.search(text, position, limit)
    if following is None or _CLAUSE_BREAK.search(text, position, following.start()):
        return False
    stops = {row[0] for row in _rows("stop")}
    verbs = {row[0] for row in _rows("clause_verb")}
    window = min(limit, position + 120)
    decisions = {match.start for match in concepts_in(text, "DecisionType", position, window)}
    heads = {head.start for head in agreement_heads(text, position, window)}
    end = position
    for count, word in enumerate(_WORD.finditer(text, position, limit)):
        if count >= _MAX_SUBJECT_WORDS or _CLAUSE_BREAK.search(text, end, word.start()):
            break
        lowered = word.group(0).lower()
        if lowered in verbs or word.start() in decisions | heads:
            return False  # "och ska …", "och de fyra lagstadgade överenskommelserna"
        if lowered in stops:
            return count > 0  # "och att …" ends the title; "och unga som …" ends later
        end = word.end()
    return True
