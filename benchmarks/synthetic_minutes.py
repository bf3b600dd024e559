"""Deterministic synthetic minutes, recombined from the corpus, for benchmarks.

Each synthetic document starts from one corpus document (the templates take
turns) and varies what a real series of minutes varies:

* agenda items: numbered minutes keep their opening items (attendance, agenda,
  previous minutes) and get a random selection of the substantive items of
  every numbered corpus minutes, renumbered in order;
* dates: every year is shifted by the same offset and the header date
  ("Datum: …") is redrawn in that year, in the template's own format;
* names: every given name and surname of the corpus' people is replaced, the
  same way throughout the document, by a drawn name (accent variants of one
  name, "Helen"/"Helén", stay one name); consecutive documents form series
  (one body's meetings) that share one mapping, so people recur across
  documents as they do in real minutes.

The output is a function of (corpus, count, seed) only, and every document's
bytes differ (checked on sha256), so a benchmark never re-ingests a no-op.

    python benchmarks/synthetic_minutes.py OUT_DIR --count 1000 [--seed 4] [--series 10]
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import random
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "SERIES",
    "Template",
    "default_corpus",
    "generate",
    "load_templates",
    "person_names",
    "write_minutes",
]

ROOT = Path(__file__).resolve().parent.parent
# Opening items every numbered minutes keeps: attendance, agenda, previous minutes.
_OPENING_ITEMS = 3
_MAX_EXTRA_ITEMS = 6
# Documents per series (one body's meetings): they share people and years.
SERIES = 10
_YEAR = re.compile(r"(?<![\d-])(19[89]\d|20[0-4]\d)(?!\d)")
_DATE_LINE = re.compile(r"^(?P<lead>\W*Datum:\s*)(?P<value>[^\n]*?)(?P<trail>\s*)$", re.MULTILINE)
_ITEM_LINE = re.compile(
    r"^(?P<lead>#*\s*)(?P<number>\d{1,2})\.(?P<rest>\s+\S[^\n]*)$", re.MULTILINE
)
_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Replacement names. Surnames are built from common Swedish name parts, so the
# pool (22 x 11) is larger than the corpus' distinct surnames and draws stay
# one-to-one within a document.
_GIVEN_NAMES = [
    "Agnes",
    "Albin",
    "Alexandra",
    "Alva",
    "Anders",
    "Andrea",
    "Annika",
    "Arvid",
    "Astrid",
    "Barbro",
    "Bertil",
    "Birgitta",
    "Cecilia",
    "Charlotta",
    "Daniel",
    "David",
    "Elin",
    "Elsa",
    "Emil",
    "Erik",
    "Ester",
    "Filip",
    "Fredrik",
    "Frida",
    "Gunilla",
    "Gustav",
    "Hampus",
    "Hedvig",
    "Henrik",
    "Hilda",
    "Ida",
    "Ingrid",
    "Isak",
    "Jakob",
    "Joakim",
    "Johan",
    "Josefina",
    "Julia",
    "Kajsa",
    "Karl",
    "Klara",
    "Lars-Erik",
    "Lennart",
    "Liv",
    "Lotta",
    "Ludvig",
    "Lukas",
    "Maja",
    "Margareta",
    "Markus",
    "Mats",
    "Mikael",
    "Moa",
    "Nils",
    "Olle",
    "Oskar",
    "Patrik",
    "Pernilla",
    "Ragnhild",
    "Rasmus",
    "Rut",
    "Sigrid",
    "Simon",
    "Siv",
    "Sofia",
    "Stina",
    "Sven",
    "Tage",
    "Teodor",
    "Tove",
    "Tuva",
    "Ulla",
    "Valter",
    "Vera",
    "Viktor",
    "Vilma",
    "Ylva",
    "Åke",
    "Ebbe",
    "Greta",
]
_SURNAME_STEMS = [
    "Berg",
    "Lind",
    "Sjö",
    "Ek",
    "Holm",
    "Ström",
    "Dahl",
    "Sand",
    "Gran",
    "Ljung",
    "Al",
    "Björk",
    "Hag",
    "Lund",
    "Nord",
    "Sund",
    "Fors",
    "Ny",
    "Ros",
    "Vall",
    "Öster",
    "Back",
]
_SURNAME_ENDINGS = [
    "ström",
    "berg",
    "lund",
    "gren",
    "qvist",
    "dahl",
    "holm",
    "man",
    "blad",
    "by",
    "ling",
]


@dataclass(frozen=True)
class Template:
    """One corpus document, cut into what the generator recombines."""

    name: str
    text: str
    opening: str  # up to the first substantive item (the whole text when not numbered)
    items: tuple[str, ...]  # the substantive items, each starting at its number line

    @property
    def numbered(self) -> bool:
        return bool(self.items)


def default_corpus() -> Path:
    """The corpus the Makefile uses: ../shared/corpus next to the checkout, else examples/."""
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "examples"


def _item_starts(text: str) -> list[re.Match[str]]:
    """Item number lines 1, 2, 3 … in order (other numbered lines are sub-lists or prose)."""
    starts: list[re.Match[str]] = []
    for match in _ITEM_LINE.finditer(text):
        if int(match["number"]) == len(starts) + 1:
            starts.append(match)
    return starts


def _template(path: Path) -> Template:
    text = path.read_text(encoding="utf-8")
    starts = _item_starts(text)
    if len(starts) <= _OPENING_ITEMS + 1 or "Dagordning" not in text:
        # Not plain numbered minutes (a slide deck, a steering group's notes):
        # kept whole, varied in names and dates only.
        return Template(path.name, text, text, ())
    ends = [match.start() for match in starts[1:]] + [len(text)]
    items = tuple(
        text[start.start() : end].rstrip() + "\n\n"
        for start, end in zip(starts[_OPENING_ITEMS:], ends[_OPENING_ITEMS:], strict=True)
    )
    return Template(path.name, text, text[: starts[_OPENING_ITEMS].start()], items)


def load_templates(corpus: Path) -> tuple[Template, ...]:
    paths = sorted(p for p in corpus.glob("*.txt") if not p.name.upper().startswith("README"))
    if not paths:
        raise FileNotFoundError(f"no .txt minutes in {corpus}")
    return tuple(_template(path) for path in paths)


@cache
def person_names(corpus: Path) -> tuple[str, ...]:
    """The people the pipeline finds in the corpus (the names the generator replaces).

    Asking the extract stage keeps the generator in step with what the pipeline
    reads as a person; the generator never needs to know the roster formats.
    """
    from beslutsgraf.ingest import extract, read, segment

    names: set[str] = set()
    for path in sorted(corpus.glob("*.txt")):
        if path.name.upper().startswith("README"):
            continue
        names.update(person.name for person in extract(segment(read(path))).people)
    return tuple(sorted(names))


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class _NameTokens:
    given: tuple[str, ...]  # folded keys
    surnames: tuple[str, ...]
    pattern: re.Pattern[str]  # any original token, as a whole word


def _name_tokens(names: Sequence[str]) -> _NameTokens:
    given: set[str] = set()
    surnames: set[str] = set()
    spellings: set[str] = set()
    for name in names:
        tokens = name.split()
        if len(tokens) < 2:
            continue
        given.add(_fold(tokens[0]))
        surnames.update(_fold(token) for token in tokens[1:])
        spellings.update(tokens)
    surnames -= given  # a token used both ways is replaced as a given name
    alternatives = "|".join(sorted((re.escape(s) for s in spellings), key=len, reverse=True))
    # Case-sensitive and bounded by non-letters, so "per capsulam" is no "Per".
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return _NameTokens(tuple(sorted(given)), tuple(sorted(surnames)), pattern)


def _surname_pool() -> list[str]:
    return [stem + ending for stem in _SURNAME_STEMS for ending in _SURNAME_ENDINGS]


def _rename(text: str, tokens: _NameTokens, rng: random.Random) -> str:
    if not tokens.given:
        return text
    pool = _surname_pool()
    if len(tokens.given) > len(_GIVEN_NAMES) or len(tokens.surnames) > len(pool):
        raise ValueError("the corpus has more distinct names than the replacement pools")
    mapping = dict(zip(tokens.given, rng.sample(_GIVEN_NAMES, len(tokens.given)), strict=True))
    mapping.update(zip(tokens.surnames, rng.sample(pool, len(tokens.surnames)), strict=True))
    return tokens.pattern.sub(lambda match: mapping.get(_fold(match[0]), match[0]), text)


def _shift_years(text: str, offset: int) -> str:
    return _YEAR.sub(lambda match: str(int(match[0]) + offset), text)


def _redate_header(text: str, rng: random.Random) -> str:
    """Redraw the day and month of the first "Datum:" value, in the format it has."""
    match = _DATE_LINE.search(text)
    year_match = _YEAR.search(match["value"]) if match else None
    if match is None or year_match is None:
        return text
    year = int(year_match[0])
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    value = match["value"].strip()
    if _ISO_DATE.match(value):
        new_value = f"{year:04d}-{month:02d}-{day:02d}"
    else:
        new_value = f"{day} {_MONTHS[month - 1]} {year}"
    return f"{text[: match.start('value')]}{new_value}{text[match.end('value') :]}"


def _renumber(item: str, number: int) -> str:
    return _ITEM_LINE.sub(lambda match: f"{match['lead']}{number}.{match['rest']}", item, count=1)


def _compose(template: Template, pool: Sequence[str], rng: random.Random) -> str:
    if not template.numbered:
        return template.text
    count = rng.randint(1, min(_MAX_EXTRA_ITEMS, len(pool)))
    chosen = rng.sample(pool, count)
    body = "".join(_renumber(item, _OPENING_ITEMS + 1 + index) for index, item in enumerate(chosen))
    return template.opening + body


def generate(
    count: int, *, seed: int = 4, corpus: Path | None = None, series: int = SERIES
) -> Iterator[str]:
    """`count` distinct synthetic documents (their text), deterministic in `seed`.

    Every `series` consecutive drafts share one name mapping and one year offset:
    one body's run of meetings, where the same people recur from document to
    document (what cross-document resolution is for). `series=1` makes every
    document's people new.
    """
    corpus = corpus or default_corpus()
    templates = load_templates(corpus)
    tokens = _name_tokens(person_names(corpus))
    pool = [item for template in templates for item in template.items]
    seen: set[str] = set()
    produced = 0
    attempt = 0
    while produced < count:
        if attempt > 10 * count + 100:
            raise RuntimeError("cannot draw enough distinct documents from this corpus")
        # str seeds hash stably across runs and Python versions.
        body = random.Random(f"{seed}:series:{attempt // max(series, 1)}")
        rng = random.Random(f"{seed}:{attempt}")
        template = templates[attempt % len(templates)]
        attempt += 1
        offset = body.randint(-24, 1)
        text = _redate_header(_shift_years(_compose(template, pool, rng), offset), rng)
        text = _rename(text, tokens, body)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            continue  # the same draw twice: draw again rather than write a duplicate
        seen.add(digest)
        produced += 1
        yield text


def write_minutes(
    folder: Path, count: int, *, seed: int = 4, corpus: Path | None = None, series: int = SERIES
) -> list[Path]:
    """Write `count` synthetic minutes into `folder` as synthetic_00000.txt …; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(count - 1)))
    paths = []
    for index, text in enumerate(generate(count, seed=seed, corpus=corpus, series=series)):
        path = folder / f"synthetic_{index:0{width}d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the documents into")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--series", type=int, default=SERIES, help="documents per body's series")
    args = parser.parse_args(argv)
    paths = write_minutes(
        args.out, args.count, seed=args.seed, corpus=args.corpus, series=args.series
    )
    print(f"wrote {len(paths)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
