"""The science side of the SIMULATION: who publishes how much, in which fields, with whom, and the
economic context; anchored curves like the patent scenario (:mod:`graph.ingest.synthetic.scenario`).

The study's story (Yin, Raffo and Tang 2022): Shenzhen is strong in ICT technology on a weak local
science base (few works for its patents, no specialisation in computer science), and its collaboration
turns local in technology but not in science, where its partners stay abroad (Hong Kong above all).
The context curves are shaped after public statistics (World Bank WDI for countries; the Shenzhen and
Beijing statistical yearbooks for the cities) and are rounded, illustrative values, not data.
"""

from __future__ import annotations

import numpy as np

from graph.ingest.science.fields import fields
from graph.ingest.synthetic.curves import YEARS, curve

FIELD_IDS = np.array([f.id for f in fields()])
COLUMN = {int(f): i for i, f in enumerate(FIELD_IDS)}
# The world's share of works by field (OpenAlex-like: medicine first), as weights in FIELD_IDS order.
WORLD_FIELDS = {
    11: 6, 12: 3, 13: 8, 14: 2, 15: 2, 16: 6, 17: 7, 18: 1, 19: 3, 20: 2, 21: 2, 22: 8, 23: 4,
    24: 2, 25: 5, 26: 3, 27: 18, 28: 2, 29: 1, 30: 2, 31: 7, 32: 2, 33: 4, 34: 1, 35: 1, 36: 1,
}  # fmt: skip
# Field multipliers by country (China: engineering and materials), and for the Shenzhen-like city.
COUNTRY_FIELDS = {
    "CN": {15: 1.6, 16: 1.6, 22: 1.6, 25: 2.0, 17: 1.4, 21: 1.3, 27: 0.6, 33: 0.5, 12: 0.3},
    "US": {27: 1.2, 28: 1.3, 32: 1.4, 33: 1.3, 13: 1.2},
}
SHENZHEN_FIELDS = {17: 0.75, 22: 1.0, 25: 1.6, 27: 1.2, 13: 1.2, 16: 1.3}  # weak in computer science
# Works per year in the world, relative (log-linear), and each country's weight over time.
WORLD_VOLUME = curve({1985: 1.0, 2000: 2.0, 2010: 3.5, 2020: 6.0}, log=True)
COUNTRY_WEIGHT = {
    "US": curve({1985: 1.0, 2020: 0.8}),
    "CN": curve({1985: 0.03, 2000: 0.15, 2010: 0.45, 2020: 0.9}, log=True),
    "HK": curve({1985: 0.6, 2020: 0.8}),
}
DEFAULT_COUNTRY_WEIGHT = 0.45
CITY_WEIGHT = {"Beijing": 4.0, "Shanghai": 2.5, "Boston": 4.0, "Hong Kong": 2.0, "Wuhan": 1.5, "Tokyo": 2.0}
SHENZHEN_WEIGHT = curve({1985: 0.05, 2005: 0.15, 2020: 0.5})  # a weak science base that grows late
# Institutions per work (1..4) and where a partner institution sits: same city, same country, abroad.
INSTITUTIONS_PER_WORK = np.array([0.35, 0.35, 0.2, 0.1])
PARTNERS = curve({1985: 0.40, 2020: 0.30}), curve({1985: 0.35, 2020: 0.35}), curve({1985: 0.25, 2020: 0.35})
# Shenzhen's science partners: the local share falls and Hong Kong and abroad rise (science does not
# turn local, unlike its technology); share of its foreign partners that are in Hong Kong.
SHENZHEN_PARTNERS = (
    curve({1985: 0.45, 2005: 0.35, 2020: 0.25}),
    curve({1985: 0.35, 2020: 0.30}),
    curve({1985: 0.20, 2005: 0.30, 2020: 0.45}),
)
SHENZHEN_HK = 0.45
INSTITUTION_TYPES = ("education", "facility", "healthcare", "company", "government")
INSTITUTION_TYPE_SHARES = np.array([0.55, 0.2, 0.12, 0.08, 0.05])
WORK_TYPES = ("article", "article", "article", "book-chapter", "review")


def field_weights(countries: np.ndarray, shenzhen: int) -> np.ndarray:
    """(cities, fields) probabilities of a work's field by its lead city."""
    base = np.array([WORLD_FIELDS[f] for f in FIELD_IDS], dtype=float)
    out = np.tile(base, (len(countries), 1))
    for cc, boost in COUNTRY_FIELDS.items():
        for field_id, factor in boost.items():
            out[countries == cc, COLUMN[field_id]] *= factor
    for field_id, factor in SHENZHEN_FIELDS.items():
        out[shenzhen, COLUMN[field_id]] = base[COLUMN[field_id]] * factor
    return out / out.sum(axis=1, keepdims=True)


def city_volume(
    names: np.ndarray, countries: np.ndarray, population: np.ndarray, shenzhen: int
) -> np.ndarray:
    """(years, cities) relative works per year."""
    weight = np.column_stack([
        COUNTRY_WEIGHT[cc] if cc in COUNTRY_WEIGHT else np.full(len(YEARS), DEFAULT_COUNTRY_WEIGHT)
        for cc in countries
    ])  # fmt: skip
    size = (population / population.max()) ** 0.6 * np.array([CITY_WEIGHT.get(n, 1.0) for n in names])
    volume = weight * size[None, :]
    volume[:, shenzhen] = SHENZHEN_WEIGHT * size[shenzhen]
    return volume * WORLD_VOLUME[:, None]


# The context (illustrative values shaped after WDI and the statistical yearbooks; see the module doc).
# area -> column -> anchors. R&D columns start in 1995: before that the values are unknown (empty).
CONTEXT: dict[str, dict[str, dict[int, float]]] = {
    "CN": {"gdp_per_capita": {1985: 520, 2000: 1770, 2010: 5430, 2020: 10400},
           "population": {1985: 1.05e9, 2000: 1.26e9, 2010: 1.34e9, 2020: 1.41e9},
           "rd_intensity": {1995: 0.56, 2000: 0.89, 2010: 1.71, 2020: 2.40},
           "rd_share_basic": {1995: 0.05, 2020: 0.06}, "rd_share_applied": {1995: 0.26, 2020: 0.11},
           "rd_share_business": {2000: 0.60, 2020: 0.76}, "rd_share_government": {2000: 0.29, 2020: 0.16},
           "rd_share_higher_education": {2000: 0.09, 2020: 0.08}},
    "US": {"gdp_per_capita": {1985: 35000, 2000: 48700, 2010: 52400, 2020: 58500},
           "population": {1985: 2.38e8, 2000: 2.82e8, 2010: 3.09e8, 2020: 3.31e8},
           "rd_intensity": {1995: 2.40, 2000: 2.62, 2010: 2.74, 2020: 3.45},
           "rd_share_basic": {1995: 0.15, 2020: 0.15}, "rd_share_applied": {1995: 0.23, 2020: 0.19},
           "rd_share_business": {2000: 0.75, 2020: 0.75}, "rd_share_government": {2000: 0.11, 2020: 0.10},
           "rd_share_higher_education": {2000: 0.11, 2020: 0.11}},
    "Shenzhen": {"gdp_per_capita": {1985: 1900, 2000: 7400, 2010: 16000, 2020: 24500},
                 "population": {1985: 0.88e6, 2000: 7.0e6, 2010: 10.4e6, 2020: 17.6e6},
                 "rd_intensity": {1995: 0.9, 2000: 1.8, 2010: 3.5, 2020: 5.5},
                 "rd_share_basic": {1995: 0.005, 2010: 0.01, 2020: 0.06},
                 "rd_share_applied": {1995: 0.04, 2020: 0.05},
                 "rd_share_business": {2000: 0.90, 2020: 0.94}, "rd_share_government": {2000: 0.06, 2020: 0.03},
                 "rd_share_higher_education": {2000: 0.02, 2020: 0.02}},
    "Beijing": {"gdp_per_capita": {1985: 1400, 2000: 4700, 2010: 11800, 2020: 24000},
                "population": {1985: 9.8e6, 2000: 13.6e6, 2010: 19.6e6, 2020: 21.9e6},
                "rd_intensity": {1995: 4.0, 2000: 4.9, 2010: 5.8, 2020: 6.4},
                "rd_share_basic": {1995: 0.10, 2020: 0.16}, "rd_share_applied": {1995: 0.30, 2020: 0.23},
                "rd_share_business": {2000: 0.30, 2020: 0.38}, "rd_share_government": {2000: 0.55, 2020: 0.40},
                "rd_share_higher_education": {2000: 0.14, 2020: 0.20}},
}  # fmt: skip
CONTEXT_FIRST_RD_YEAR = 1995
