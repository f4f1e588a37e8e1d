"""Applicants to stakeholder types: firm, university, research_institute, individual, government, other.

What decides, in this order (the deciding rule is returned with the type and stored on the node):

1. a type given by the source or the user (``given``);
2. a source code: PATSTAT's ``psn_sector`` (``psn_sector:COMPANY``) or the USPTO assignee
   type/role code that PatentsView also uses (``uspto_role:03``), where 2/3 = US/foreign company,
   4/5 = US/foreign individual, 6/7 = US/foreign government, 8/9 = US county/state government,
   1 = unassigned (decides nothing); a leading 1 on two digits marks a part interest (``13``).
   Some codes are coarse: a USPTO "company" is any organisation (universities are filed as 02),
   PATSTAT's ``GOV NON-PROFIT`` holds public research bodies too. For those the name rules may
   refine the type within a short list (``uspto_role:02+name:university``);
3. the name rules of ``data/stakeholder_rules.csv`` (``name:大学``), by priority then file order;
4. a name the source marks as a person's (``person_name``);
5. ``other`` (``default``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TYPES: tuple[str, ...] = ("firm", "university", "research_institute", "individual", "government", "other")

# psn_sector word -> type; a combined sector ("COMPANY GOV NON-PROFIT") lists several.
_SECTORS: dict[str, str] = {
    "COMPANY": "firm",
    "UNIVERSITY": "university",
    "GOV NON-PROFIT": "government",
    "INDIVIDUAL": "individual",
    "HOSPITAL": "other",
}
# Types a coarse source code may be refined into by the name rules.
_REFINE: dict[str, tuple[str, ...]] = {
    "firm": ("university", "research_institute", "government"),
    "government": ("research_institute", "university"),
}
_ROLES: dict[int, str] = {2: "firm", 3: "firm", 4: "individual", 5: "individual", 6: "government",
                          7: "government", 8: "government", 9: "government"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NameRule:
    priority: int
    type: str
    kind: str
    pattern: str
    regex: re.Pattern[str]


def _compile(kind: str, pattern: str) -> re.Pattern[str]:
    if kind == "substring":
        return re.compile(re.escape(pattern.casefold()))
    if kind == "word":
        return re.compile(r"(?<!\w)" + re.escape(pattern.casefold()) + r"(?!\w)")
    if kind == "regex":
        return re.compile(pattern, re.IGNORECASE)
    raise ValueError(f"stakeholder rule kind {kind!r} is not word, substring or regex")


def parse_rules(text: str, source: str = "stakeholder_rules.csv") -> list[NameRule]:
    """Name rules from CSV text (priority, type, kind, pattern, note), ordered as they are tried."""
    rules = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row["type"] not in TYPES:
            raise ValueError(f"{source} line {line}: type {row['type']!r} is not one of {', '.join(TYPES)}")
        try:
            priority = int(row["priority"])
            regex = _compile(row["kind"], row["pattern"])
        except (ValueError, re.error) as e:
            raise ValueError(f"{source} line {line}: {e}") from None
        rules.append(NameRule(priority, row["type"], row["kind"], row["pattern"], regex))
    return sorted(rules, key=lambda r: r.priority)  # stable: file order within a priority


@lru_cache(maxsize=1)
def rules() -> list[NameRule]:
    text = resources.files("graph.ingest").joinpath("data/stakeholder_rules.csv").read_text(encoding="utf-8")
    return parse_rules(text)


def by_name(name: str | None, among: tuple[str, ...] = TYPES) -> tuple[str, str] | None:
    """(type, ``name:<pattern>``) of the first name rule that matches, within ``among``."""
    if not name:
        return None
    folded = " ".join(name.casefold().split())
    for rule in rules():
        if rule.type in among and rule.regex.search(folded):
            return rule.type, f"name:{rule.pattern}"
    return None


def _from_code(kind: str, code: str, candidates: list[str], name: str | None) -> tuple[str, str] | None:
    if not candidates:
        return None
    rule = f"{kind}:{code}"
    if len(candidates) > 1:
        named = by_name(name, tuple(candidates))
        return (named[0], f"{rule}+{named[1]}") if named else (candidates[0], rule)
    named = by_name(name)  # refined only when the name's own first rule says so ("Research In Motion Ltd")
    if named and named[0] in _REFINE.get(candidates[0], ()):
        return named[0], f"{rule}+{named[1]}"
    return candidates[0], rule


def sector_types(psn_sector: str) -> list[str]:
    """Types named by a PATSTAT psn_sector value, in the order written (``COMPANY UNIVERSITY``)."""
    found: list[str] = []
    rest = psn_sector.upper()
    while rest.strip():
        rest = rest.strip()
        word = next((w for w in _SECTORS if rest.startswith(w)), None)
        if word is None:
            return found  # UNKNOWN or an unexpected word: the rest decides nothing
        found.append(_SECTORS[word])
        rest = rest[len(word) :]
    return found


def role_type(role: str) -> str | None:
    """Type of a USPTO/PatentsView assignee type code ('02', '3', '13'), None for 1 or unknown."""
    digits = role.strip()
    if not digits.isdigit():
        return None
    if len(digits) == 2 and digits[0] == "1":
        digits = digits[1]
    return _ROLES.get(int(digits))


def classify(
    name: str | None,
    *,
    given: str | None = None,
    psn_sector: str | None = None,
    uspto_role: str | None = None,
    person: bool = False,
) -> tuple[str, str]:
    """(type, rule) of an applicant; ``rule`` names what decided (see the module docstring)."""
    if given and (norm := given.strip().casefold().replace(" ", "_").replace("-", "_")) in TYPES:
        return norm, "given"
    if psn_sector and psn_sector.strip():
        decided = _from_code("psn_sector", psn_sector.strip(), sector_types(psn_sector), name)
        if decided:
            return decided
    if uspto_role and uspto_role.strip():
        role = role_type(uspto_role)
        decided = _from_code("uspto_role", uspto_role.strip(), [role] if role else [], name)
        if decided:
            return decided
    named = by_name(name)
    if named:
        return named
    if person:
        return "individual", "person_name"
    return "other", "default"
