"""Slugs and IRIs of the application profile, all derived from content.

An IRI never depends on load order or row counters, so re-ingesting the same
document (on any machine) mints the same IRIs and replaces, rather than
duplicates, what an earlier ingest wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from beslutsgraf.ontology import ID

__all__ = ["DEFAULT_MINTER", "IriMinter", "slug"]

# The profile folds the Swedish letters explicitly; other accented Latin letters
# (ü, è, ø …) are folded through their Unicode decomposition so that a name from
# outside Sweden still gets a readable slug instead of a run of dashes.
_SWEDISH_FOLDS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ø": "o", "æ": "ae"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


# A document mints hundreds of IRIs from a few dozen names (each membership slugs its
# person, organisation and role again): each slug is made once.
@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """Lower case, å/ä → a, ö → o, é → e, runs of other characters → "-"."""
    folded = unicodedata.normalize("NFC", text).lower().translate(_SWEDISH_FOLDS)
    if folded.isascii():  # most names once folded: nothing to decompose
        ascii_only = folded
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    result = _NOT_SLUG.sub("-", ascii_only).strip("-")
    if not result:
        raise ValueError(f"cannot mint a slug from {text!r}: it has no letters or digits")
    return result


# A node annotated on each of its mentions (a person named twenty times) hashes the same.
@lru_cache(maxsize=4096, typed=True)
def _short_hash(*parts: object) -> str:
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class IriMinter:
    """Mints every IRI of the profile under one instance base (`id:` by default)."""

    base: str = str(ID)

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    # -- graphs ---------------------------------------------------------------------------

    def source(self, sha256: str) -> URIRef:
        """The source document, which is also the IRI of its named graph."""
        if len(sha256) < 16 or not re.fullmatch(r"[0-9a-f]+", sha256):
            raise ValueError(f"not a hex sha256: {sha256!r}")
        return self._iri(f"source/{sha256[:16]}")

    def source_prefix(self) -> str:
        """What every source document's IRI (and document graph's name) starts with."""
        return self.base + "source/"

    def resolution_graph(self) -> URIRef:
        return self._iri("graph/resolution")

    def reference_graph(self) -> URIRef:
        return self._iri("graph/reference")

    # -- entities -------------------------------------------------------------------------

    def organisation(self, canonical_name: str) -> URIRef:
        return self._iri(f"org/{slug(canonical_name)}")

    def person(self, canonical_name: str, suffix: int = 1) -> URIRef:
        """`suffix` > 1 when resolution decided two different people share a name."""
        tail = f"-{suffix}" if suffix > 1 else ""
        return self._iri(f"person/{slug(canonical_name)}{tail}")

    def post(self, organisation: URIRef, role: URIRef) -> URIRef:
        """A post: a role in an organisation ("VGR:s hälso- och sjukvårdsutvecklingsdirektör"),
        one IRI however the title is spelled."""
        return self._iri(f"post/{self.slug_of(organisation)}/{slug(self.slug_of(role))}")

    def municipality(self, kommunkod: str) -> URIRef:
        """`id:kommun/{SCB kommunkod}`: the code, not the name, so a renamed kommun keeps it."""
        if not re.fullmatch(r"[0-9]{4}", kommunkod):
            raise ValueError(f"not a four-digit SCB kommunkod: {kommunkod!r}")
        return self._iri(f"kommun/{kommunkod}")

    def county(self, lanskod: str) -> URIRef:
        """`id:lan/{SCB länskod}`: the county a municipality lies in."""
        if not re.fullmatch(r"[0-9]{2}", lanskod):
            raise ValueError(f"not a two-digit SCB länskod: {lanskod!r}")
        return self._iri(f"lan/{lanskod}")

    def party(self, abbreviation: str) -> URIRef:
        return self._iri(f"party/{re.sub(r'[^A-Za-z0-9]+', '', abbreviation).upper()}")

    def meeting(self, body: URIRef, date: dt.date) -> URIRef:
        return self._iri(f"meeting/{self.slug_of(body)}/{date.isoformat()}")

    def agenda_item(self, meeting: URIRef, number: int) -> URIRef:
        return URIRef(f"{meeting}/item/{number}")

    def decision(self, agenda_item: URIRef, clause: int) -> URIRef:
        return URIRef(f"{agenda_item}/decision/{clause}")

    def unplaced_decision(self, body: URIRef, month: str, topic: str, clause: int) -> URIRef:
        """A decision whose meeting is unknown (a yearly summary listing it by month only)."""
        return self._iri(f"decision/{self.slug_of(body)}/{month}/{slug(topic)[:60]}/{clause}")

    def agreement(self, canonical_title: str, version_label: str | None = None) -> URIRef:
        title = f"{canonical_title} {version_label}" if version_label else canonical_title
        return self._iri(f"agreement/{slug(title)[:100].rstrip('-')}")

    def membership(
        self, person: URIRef, organisation: URIRef, role: URIRef, date: dt.date
    ) -> URIRef:
        parts = (slug(self.slug_of(iri)) for iri in (person, organisation, role))
        return self._iri(f"membership/{'/'.join(parts)}/{date.isoformat()}")

    def local_role(self, role_text: str) -> URIRef:
        """A role the vocabulary does not know: a concept minted into the local scheme
        (bg:LocalRole), never dropped."""
        return self._iri(f"role/{slug(role_text)}")

    # -- statement nodes under an owner ---------------------------------------------------

    def substitution(self, meeting: URIRef, substitute: URIRef, substituted: URIRef) -> URIRef:
        pair = f"{self.slug_of(substitute)}--{self.slug_of(substituted)}"
        return URIRef(f"{meeting}/substitution/{pair}")

    def filed_motion(self, assembly: URIRef, title: str) -> URIRef:
        """A written motion by the assembly it is filed with and what it is about: the
        meeting that remits it and the one that answers it name the same node."""
        return self._iri(f"motion/{self.slug_of(assembly)}/{slug(title)[:80].rstrip('-')}")

    def assignment(self, decision: URIRef) -> URIRef:
        return URIRef(f"{decision}/assignment")

    def remittance(self, decision: URIRef, index: int) -> URIRef:
        """One of several motions a decision sends to bodies, each its own assignment."""
        return URIRef(f"{decision}/assignment/{index}")

    def amount(self, decision: URIRef, index: int) -> URIRef:
        return URIRef(f"{decision}/amount/{index}")

    def validity_period(self, agreement: URIRef, start: str, end: str) -> URIRef:
        return URIRef(f"{agreement}/validity/{start}--{end}")

    def annotation(self, source: URIRef, body: URIRef, start: int, end: int) -> URIRef:
        """One evidence annotation: the same body and span always get the same IRI."""
        return URIRef(f"{source}/evidence/{start}-{end}-{_short_hash(body)}")

    @staticmethod
    def slug_of(iri: URIRef) -> str:
        """The last path segment (or fragment) of an IRI minted here."""
        text = str(iri).rstrip("/")
        return text[max(text.rfind("/"), text.rfind("#")) + 1 :]


DEFAULT_MINTER = IriMinter()
