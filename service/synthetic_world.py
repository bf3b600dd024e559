"""The fixed cast of the synthetic decision graph: bodies, people, reference registers.

Everything here is a pure function of the seed, so two runs with the same seed write the
same bytes. Names are invented (Swedish-looking, folded into slugs the way the profile's
IRI rules say); a few anchors are fixed so the competency queries in `docs/queries/`
find their parameters: the body "SRO", "Helén Eliasson" (its chair), "Marina Johansson"
(vice chair, representing the kommunalförbund Göteborgsregionen).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "ANCHOR_CHAIR",
    "ANCHOR_VICE_CHAIR",
    "FEDERATIONS",
    "Body",
    "Person",
    "World",
    "build_world",
    "slug",
]

ANCHOR_CHAIR = "Helén Eliasson"
ANCHOR_VICE_CHAIR = "Marina Johansson"

GIVEN_NAMES = (
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Kristina", "Per",
    "Lena", "Mikael", "Sara", "Magnus", "Helene", "Jonas", "Ingrid", "Björn", "Åsa", "Göran",
    "Linnéa", "Olof", "Märta", "Nils", "Cecilia", "Stefan", "Ulrika", "Håkan", "Jenny", "Tomas",
    "Elin", "Fredrik", "Malin", "Peter", "Annika", "Patrik", "Sofia", "Henrik", "Emma", "Ola",
)  # fmt: skip
FAMILY_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lundqvist", "Mattsson",
    "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin",
    "Engström", "Eklund", "Danielsson", "Håkansson", "Lund", "Gunnarsson", "Björk", "Bergman",
)  # fmt: skip
BODY_KINDS = (  # (name pattern, organisation type)
    ("Hälso- och sjukvårdsnämnden {}", "namnd"),
    ("Styrgruppen för {}", "styrgrupp"),
    ("Beredningsgruppen för {}", "styrgrupp"),
    ("Samrådsorganet för {}", "samradsorgan"),
)
BODY_TOPICS = (
    "Göteborg", "Södra", "Norra", "Östra", "Västra", "Skaraborg", "Fyrbodal", "Sjuhärad",
    "psykisk hälsa", "god och nära vård", "digitalisering", "barn och unga", "äldres hälsa",
    "läkemedel", "ambulanssjukvård", "rehabilitering", "primärvård", "folkhälsa",
    "missbruksvård", "tandvård",
)  # fmt: skip
# The four kommunalförbund of the reference register (slug, name).
FEDERATIONS = (
    ("goteborgsregionen", "Göteborgsregionen"),
    ("borasregionen-sjuharads-kommunalforbund", "Boråsregionen Sjuhärads kommunalförbund"),
    ("fyrbodals-kommunalforbund", "Fyrbodals kommunalförbund"),
    ("skaraborgs-kommunalforbund", "Skaraborgs kommunalförbund"),
)
MUNICIPALITY_COUNT = 49
_FOLDS = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuAAOEEU")


def slug(text: str) -> str:
    """Lower case, Swedish letters folded, runs of other characters to `-` (profile rule)."""
    folded = unicodedata.normalize("NFC", text).translate(_FOLDS).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass(frozen=True)
class Person:
    name: str
    iri: str
    alt_label: str | None  # a second spelling, as ingestion keeps on skos:altLabel


@dataclass(frozen=True)
class Body:
    label: str  # skos:prefLabel
    short_label: str  # skos:altLabel, what minutes call it
    iri: str
    slug: str
    org_type: str  # local name of a bg:OrgType concept
    collaboration: bool  # members represent an organisation (bg:represents)
    roster: tuple[Person, ...]  # [0] chair, [1] vice chair, then members and deputies


@dataclass(frozen=True)
class World:
    instance_base: str
    bodies: tuple[Body, ...]  # bodies[0] is SRO
    people: tuple[Person, ...]
    represented: tuple[str, ...]  # IRIs members of collaboration bodies represent
    vgr_iri: str
    vastkom_iri: str


def _people(rng: random.Random, base: str, count: int) -> list[Person]:
    names = [f"{given} {family}" for given in GIVEN_NAMES for family in FAMILY_NAMES]
    rng.shuffle(names)
    chosen = [ANCHOR_CHAIR, ANCHOR_VICE_CHAIR]
    chosen += [n for n in names if n not in chosen][: max(count - 2, 0)]
    people = []
    for index, name in enumerate(chosen):
        alt = name.replace("é", "e") if "é" in name else (name + "s" if index % 7 == 0 else None)
        people.append(Person(name, f"{base}person/{slug(name)}", alt))
    return people


def build_world(seed: int, body_count: int, instance_base: str) -> World:
    """Bodies with rosters drawn from a shared pool of people (politicians sit on several
    bodies, so attendance and role queries join across documents)."""
    rng = random.Random(f"world:{seed}")
    people = _people(rng, instance_base, max(body_count * 9, 40))
    org = f"{instance_base}org/"
    vgr, vastkom = f"{org}vastra-gotalandsregionen", f"{org}vastkom"
    anchors, pool = people[:2], people[2:]
    sro = Body(
        "SRO – Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen",
        "SRO",
        f"{org}sro",
        "sro",
        "samradsorgan",
        True,
        (*anchors, *rng.sample(pool, 14)),
    )
    bodies = [sro]
    names_seen = {sro.label}
    while len(bodies) < body_count:
        pattern, org_type = BODY_KINDS[len(bodies) % len(BODY_KINDS)]
        label = pattern.format(rng.choice(BODY_TOPICS))
        if label in names_seen:
            label = f"{label} {len(bodies)}"
        names_seen.add(label)
        body_slug = slug(label)
        short = "".join(word[0] for word in label.split() if word[0].isalpha()).upper()
        roster = tuple(rng.sample(pool, rng.randint(10, 16)))
        collaboration = org_type in ("samradsorgan", "styrgrupp")
        body = Body(label, short, f"{org}{body_slug}", body_slug, org_type, collaboration, roster)
        bodies.append(body)
    represented = (vgr, *(f"{org}{fed_slug}" for fed_slug, _ in FEDERATIONS))
    return World(instance_base, tuple(bodies), tuple(people), represented, vgr, vastkom)
