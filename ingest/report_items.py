"""Items that report a list of others' decisions ("Anmälan av delegationsbeslut",
"Meddelanden", "Delgivningar"): the body's own decision on them is to note the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.model import DecisionClause
from beslutsgraf.ingest.patterns import compiled
from beslutsgraf.ontology import BG

__all__ = ["lists_others_decisions", "noted_report"]

_NOTING = str(BG.noteringAvInformation)


def lists_others_decisions(title: str) -> bool:
    """True when an item's title names a list of delegates' or other bodies' decisions."""
    rules = compiled("report_item_titles.tsv", re.IGNORECASE)
    return any(rule.search(title) for rule in rules)


def noted_report(clauses: Sequence[DecisionClause], *, labelled: bool) -> list[DecisionClause]:
    """The body's decisions on a list of others': a clause that notes the list is of the
    noting type even where a verb outranks it ("Nämnden beslutar att lägga meddelandena
    till handlingarna"). An unlabelled sentence that notes nothing is a line of the list
    ("Länsstyrelsen beslutar att bevilja …", "Beslut att bevilja …, delegat: …"), no
    decision of the body; under a "Beslut" heading every clause is the body's."""
    noted = [
        replace(clause, decision_type=_NOTING) if _NOTING in clause.matched_types else clause
        for clause in clauses
    ]
    if labelled:
        return noted
    return [clause for clause in noted if clause.decision_type == _NOTING]
