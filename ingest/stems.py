"""Short forms of register names: "Fyrbodalsregionen" is Fyrbodals kommunalförbund.

Documents write a kommunalförbund or a kommun by its distinctive stem plus a
generic word that the register does not use for it ("Fyrbodalsregionen",
"Bollebygd kommun"). The rule, not a list of spellings: strip the generic
word (whole, or ending a compound) and a genitive -s from both the mention and
every name of a register organisation; the mention is that organisation when
the stems agree for exactly one of them. Which generic words count depends on
the kind of organisation: the words its kind's register names end in
("regionen" and "kommunalförbund" for kommunalförbund, "kommun" and "stad" for
kommun), so "Skaraborgs sjukhus" never becomes Skaraborgs kommunalförbund.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from beslutsgraf.ingest.names import fold

__all__ = ["StemIndex", "name_stems"]

# A compound's first element must keep a few letters ("Borås" + "regionen"), so a
# short word that merely ends like a generic one is left whole.
_MIN_STEM = 3


def _without_genitive(words: list[str]) -> str:
    last = words[-1]
    if len(last) > _MIN_STEM and last.endswith("s"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _generic_end(word: str, generic: Iterable[str]) -> str | None:
    """The generic word `word` is or ends in, the longest one winning."""
    for suffix in sorted(generic, key=lambda s: (-len(s), s)):
        if word == suffix or (word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM):
            return suffix
    return None


def name_stems(name: str, generic: Iterable[str]) -> frozenset[str]:
    """The name without a genitive -s, and also without a generic last word or
    compound ending: "Fyrbodals kommunalförbund" → {"fyrbodals kommunalforbund",
    "fyrbodal"}; "Fyrbodalsregionen" → {"fyrbodalsregionen", "fyrbodal"}."""
    words = fold(name).split()
    if not words:
        return frozenset()
    stems = {_without_genitive(words)}
    suffix = _generic_end(words[-1], generic)
    if suffix is not None:
        if words[-1] == suffix and len(words) > 1:
            stems.add(_without_genitive(words[:-1]))
        elif words[-1] != suffix:
            stems.add(_without_genitive([*words[:-1], words[-1][: -len(suffix)]]))
    return frozenset(stems)


@dataclass(frozen=True)
class _KindIndex:
    generic: frozenset[str]  # the generic words this kind's names end in
    owners: Mapping[str, frozenset[str]]  # stem → IRIs of the organisations having it


@dataclass(frozen=True)
class StemIndex:
    """Stems of the register organisations' names, per kind of organisation."""

    kinds: tuple[_KindIndex, ...] = field(default=())

    @classmethod
    def build(
        cls, organisations: Iterable[tuple[str, str, Iterable[str]]], generic: Iterable[str]
    ) -> StemIndex:
        """`organisations`: (IRI, kind, names); `generic`: folded generic words."""
        words = frozenset(fold(word) for word in generic)
        names_by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for iri, kind, names in organisations:
            names_by_kind[kind].extend((iri, name) for name in names)
        kinds = []
        for kind in sorted(names_by_kind):
            pairs = names_by_kind[kind]
            used = frozenset(
                suffix
                for _, name in pairs
                if (last := fold(name).split()[-1:])
                and (suffix := _generic_end(last[0], words)) is not None
            )
            owners: dict[str, set[str]] = defaultdict(set)
            for iri, name in pairs:
                for stem in name_stems(name, used):
                    owners[stem].add(iri)
            kinds.append(_KindIndex(used, {stem: frozenset(iris) for stem, iris in owners.items()}))
        return cls(tuple(kinds))

    def match(self, name: str) -> str | None:
        """The one register organisation whose stem `name` shares, else None."""
        found: set[str] = set()
        for kind in self.kinds:
            for stem in name_stems(name, kind.generic):
                found |= kind.owners.get(stem, frozenset())
        return next(iter(found)) if len(found) == 1 else None
