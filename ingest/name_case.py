"""A body's name set in capitals ("KOMMUNSTYRELSEN", "REGIONSTYRELSEN VÄSTRA
GÖTALANDSREGIONEN") as prose writes it.

Page headers and Word templates print the body so, while prose cases it as a sentence
("Kommunstyrelsen"), its proper nouns capitalised. Which words are proper nouns the
capitals do not say: the document says it where it writes the same words in mixed case
mid-sentence ("… av Göteborgs Stad"), and the reference registers where they name an
organisation, municipality, party or county ("Västra Götalandsregionen"). Any other word
is lower case, short capitals are abbreviations and stay ("SRO", "VGR").
"""

from __future__ import annotations

import re
from functools import cache

from beslutsgraf.ingest.lines import ends_with_function_word
from beslutsgraf.ingest.reference_data import read_registers

__all__ = ["in_prose_case"]

_MIN_CAPITALS_NAME = 5  # a shorter name in capitals is an abbreviation ("SRO")
_MAX_ABBREVIATION = 3  # letters of an abbreviation inside a name in capitals ("VGR")
# Where a word stands mid-sentence: after a lower-case word, a number or a comma.
_MID_SENTENCE = r"(?<=[a-zåäöéü0-9,)] )"


def in_prose_case(name: str, text: str = "") -> str:
    """`name`, when set in capitals, as prose writes it: the spelling `text` or the
    registers give a run of its words, else lower case; the first word capitalised.
    A name with any lower case, or of short capitals only, is returned as it is."""
    if any(c.islower() for c in name) or not any(
        sum(c.isalpha() for c in word) >= _MIN_CAPITALS_NAME for word in name.split()
    ):
        return name
    words = name.split(" ")
    cased: list[str] = []
    while len(cased) < len(words):
        start = len(cased)
        cased += _proper_run(words, start, text) or [_word_in_prose_case(words[start])]
    cased[0] = cased[0][:1].upper() + cased[0][1:]
    return " ".join(cased)


def _proper_run(words: list[str], start: int, text: str) -> list[str] | None:
    """The longest run of `words` from `start` that the document writes in mixed case
    or a register names, as written there."""
    for end in range(len(words), start, -1):
        run = words[start:end]
        if not any(word.strip("-") for word in run):
            continue
        spelling = _written_in(text, run, at_start=start == 0) or _registered().get(
            " ".join(run).upper()
        )
        if spelling is not None:
            return spelling.split(" ")
    return None


def _written_in(text: str, run: list[str], *, at_start: bool) -> str | None:
    """How `text` writes `run` where it is not in capitals: mid-sentence, or (the run
    opening the name, whose first letter is capitalised anyway) at any place."""
    if not text:
        return None
    words = r"[ \t\u00a0]+".join(re.escape(word) for word in run)
    where = "" if at_start else _MID_SENTENCE
    pattern = re.compile(rf"{where}(?<![\w-]){words}(?![\w-])", re.IGNORECASE)
    for match in pattern.finditer(text):
        written = match.group(0)
        if any(c.islower() for c in written):
            return " ".join(written.split())
    return None


@cache
def _registered() -> dict[str, str]:
    """Every name the reference registers give, and its genitive ("Göteborgs"), by its
    capitals: "VÄSTRA GÖTALANDSREGIONEN" → "Västra Götalandsregionen"."""
    registers = read_registers()
    names = [
        *(n for m in registers.municipalities for n in (m.name, m.official_name, *m.alt_names)),
        *(n for o in registers.organisations for n in (o.name, *o.alt_names)),
        *(n for p in registers.parties for n in (p.name, *p.alt_names)),
        *(c.name for c in registers.counties),
    ]
    spellings: dict[str, str] = {}
    for name in names:
        written = " ".join(name.split())
        genitive = written if written.endswith(("s", "x", "z")) else f"{written}s"
        for form in (written, genitive):
            spellings.setdefault(form.upper(), form)
    return spellings


def _word_in_prose_case(word: str) -> str:
    if ends_with_function_word(word):
        return word.lower()
    if sum(c.isalpha() for c in word) <= _MAX_ABBREVIATION:
        return word
    return word.lower()
