"""A kommunstyrelse § protocol of 2024-09-10 for tests to write in variants: its header,
its member list and the items a test gives, closed by a plain § 13."""

from __future__ import annotations

from pathlib import Path

HEADER = """PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2024-09-10

Plats och tid: Kommunhuset, kl. 09.00–12.00
"""
MEMBERS = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)

Justerare: Lars Holm (M)
"""
BUDGET_ITEM = """§ 12 Dnr KS 2024/100
Budget 2025
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.

"""
LAST_ITEM = """§ 13 Dnr KS 2024/101
Delegationsbeslut
Kommunstyrelsens beslut
Redovisningen läggs till handlingarna.
"""


def ks_protocol(items: str, *, members: str = MEMBERS, header: str = HEADER) -> str:
    """The protocol's text: `header`, `members`, then `items` (each item ending in a line
    break, the last one ours unless `items` holds its own)."""
    return f"{header}\n{members}\n{items}"


def write_protocol(folder: Path, text: str) -> Path:
    path = folder / "ks_protokoll_2024-09-10.txt"
    path.write_text(text, encoding="utf-8")
    return path
