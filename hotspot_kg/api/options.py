"""The Python API's keyword arguments are the CLI's options: ``--tech-unit`` is ``tech_unit=``, the
repeatable ``--period`` and ``--city`` take one value or a list. They are mapped onto the switches of
:mod:`analytics.switches` here, then checked by the code the CLI runs (:func:`analytics.exports.switches_for`,
:func:`analytics.analyze.switches` and :class:`analytics.switches.Switches`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from analytics import analyze, exports
from analytics.switches import Switches, parse_periods
from hotspot_kg.core.errors import IndicatorError

# keyword (the CLI option without its dashes) -> switch, e.g. tech_unit -> tech_unit, period -> periods
KEYWORDS = {option.lstrip("-").replace("-", "_"): switch for switch, option in exports.OPTION.items()}
NUMBERS = {
    "pool_years": int, "steps": int, "threshold": float, "cluster_radius_km": float, "cluster_min_weight": float,
}  # fmt: skip  # what click's types check on the CLI


def _switches_of(given: Mapping[str, Any], allowed: Iterable[str], what: str) -> dict[str, Any]:
    allowed = set(allowed)
    out: dict[str, Any] = {}
    for keyword, value in given.items():
        switch = KEYWORDS.get(keyword)
        if switch is None or switch not in allowed:
            takes = ", ".join(k for k, s in KEYWORDS.items() if s in allowed)
            raise IndicatorError(f"{what} does not take {keyword}=; it takes: {takes}")
        if value is None:
            continue
        kind = NUMBERS.get(switch)
        if kind is not None and (isinstance(value, bool) or not isinstance(value, int | kind)):
            raise IndicatorError(
                f"{keyword} must be {'a whole number' if kind is int else 'a number'}; got {value!r}"
            )
        if switch == "periods":
            value = parse_periods(value)
        elif switch == "cities":
            value = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
        out[switch] = value
    return out


def indicator_switches(name: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """The switches of export ``name`` from keyword arguments; checked (unused ones refused) as the CLI does."""
    exports.lookup(name)
    switches = _switches_of(given, exports.OPTION, f"indicator {name}")
    exports.switches_for(name, switches)  # the CLI's checks: refuses a switch the indicator does not use
    return switches


def analyze_switches(given: Mapping[str, Any]) -> Switches:
    """The switches of an analysis from keyword arguments (the options of ``hotspot-kg analyze``)."""
    return analyze.switches(**_switches_of(given, analyze.OPTIONS, "analyze"))
