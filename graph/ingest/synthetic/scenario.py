"""The scenario: how each city's patenting evolves, as anchored curves (the calibration lives here).

Volumes are in thousands of patents a year at *full scale* (the N at which Shenzhen's 2006 domestic
invention filings reach 10,000, see docs/synthetic.md). Named hotspots have their own curves; the other
cities of a country share the country's curve in proportion to population**0.8, with a fixed per-city
twist of their technology profile. Field boosts multiply BASE_FIELDS (WIPO field number -> weight).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Boost = dict[int, float]

# A world-wide technology mix (weights of the 35 WIPO fields).
BASE_FIELDS: dict[int, float] = {
    1: 6,
    2: 4,
    3: 3,
    4: 4,
    5: 1,
    6: 6,
    7: 2,
    8: 3,
    9: 3,
    10: 5,
    11: 1,
    12: 3,
    13: 5,
    14: 4,
    15: 3,
    16: 4,
    17: 3,
    18: 2,
    19: 3,
    20: 3,
    21: 2,
    22: 0.4,
    23: 3,
    24: 2,
    25: 3,
    26: 3,
    27: 3,
    28: 2,
    29: 3,
    30: 2,
    31: 3,
    32: 5,
    33: 2,
    34: 2,
    35: 3,
}
ICT_UP: Boost = {4: 1.5, 6: 1.5, 3: 1.3}
TRADITIONAL: Boost = {
    35: 2.5,
    25: 2,
    26: 2.2,
    29: 2.2,
    18: 2,
    20: 2,
    28: 2,
    33: 1.6,
    34: 1.6,
    31: 2,
    19: 1.6,
    30: 1.8,
    4: 0.3,
    6: 0.4,
    8: 0.2,
    16: 0.6,
    3: 0.4,
    7: 0.3,
    22: 0.2,
    15: 0.5,
}

# stakeholder mixes: (firm, university, research_institute, individual, government)
STAKE_FOREIGN = {1985: (80, 5, 4, 10, 1), 2020: (84, 7, 4, 4, 1)}
STAKE_CN = {
    1985: (28, 27, 22, 21, 2),
    2000: (45, 22, 12, 19, 2),
    2010: (58, 22, 7, 11, 2),
    2020: (66, 20, 5, 8, 1),
}
# ownership of Chinese firms: (SOE, POE, HMT, FJV, FOE, COLLECTIVE)
OWN_CN = {
    1985: (60, 5, 3, 10, 2, 20),
    2000: (40, 30, 6, 10, 6, 8),
    2010: (27, 55, 4, 6, 6, 2),
    2020: (20, 66, 3, 4, 6, 1),
}


RARE_SZ, RARE_BJ = 0.15, 1.5
# Niche patents (engine.NICHE_RATE of all) carry codes of one subclass from the city's niche set: breadth of
# specialisation (diversity in KCI) without new combinations. Sizes of the niche sets:
NICHES_GENERIC, NICHES_NAMED, NICHES_SZ = 25, 60, 100


@dataclass(frozen=True)
class CitySpec:
    volume: dict[int, float]
    fields: dict[int, Boost]  # anchor year -> boosts over BASE_FIELDS
    stake: dict[int, tuple[float, ...]] | None = None
    ownership: dict[int, tuple[float, ...]] | None = None
    explore: dict[int, float] = field(default_factory=lambda: {1985: 0.05})
    rare: float = 1.0  # multiplier of the rate of codes drawn from the whole IPC (engine.ANYWHERE_RATE)
    niches: int = NICHES_NAMED  # how many niche subclasses the city works in besides its fields
    coapp: dict[int, float] = field(default_factory=lambda: {1985: 0.08})
    # co-inventor placement: (same city, other city same country, other country) per anchor year
    collab: dict[int, tuple[float, ...]] = field(default_factory=lambda: {1985: (70, 20, 10)})
    self_cite: dict[int, float] = field(default_factory=lambda: {1985: 0.12})
    quality: dict[int, float] = field(default_factory=lambda: {1985: 1.0})  # attractiveness as a cited source
    partners: dict[str, dict[int, float]] = field(default_factory=dict)  # partner city -> affinity curve
    abroad: dict[int, float] = field(default_factory=lambda: {1985: 0.1})  # share filed at a foreign office


SZ_STAGE1: Boost = {2: 4, 1: 3, 34: 3, 33: 3, 3: 2, 31: 1.5, 25: 1.5, 16: 0.2, 8: 0.3, 14: 0.3, 15: 0.2}
SZ_STAGE2: Boost = {
    2: 4,
    3: 4,
    1: 3,
    6: 2.5,
    4: 2.5,
    34: 2,
    33: 1.5,
    9: 1.5,
    5: 2,
    16: 0.15,
    8: 0.4,
    14: 0.2,
    15: 0.2,
    17: 0.4,
    35: 0.5,
    20: 0.4,
}
SZ_STAGE3: Boost = {
    4: 10,
    6: 6,
    3: 5,
    2: 3,
    7: 3,
    5: 3,
    1: 2.5,
    9: 1.5,
    12: 1.5,
    10: 1.2,
    16: 0.1,
    8: 0.35,
    14: 0.15,
    15: 0.15,
    17: 0.3,
    35: 0.3,
    20: 0.3,
    18: 0.2,
    19: 0.3,
    23: 0.3,
    11: 0.2,
}

CITIES: dict[str, CitySpec] = {
    "Shenzhen": CitySpec(
        volume={
            1985: 0.05,
            1991: 0.25,
            1992: 0.35,
            2000: 3.0,
            2005: 8.5,
            2006: 11.0,
            2010: 22,
            2015: 38,
            2020: 55,
        },
        fields={1991: SZ_STAGE1, 1994: SZ_STAGE2, 2005: SZ_STAGE2, 2009: SZ_STAGE3},
        stake={
            1985: (86, 0, 2, 12, 0),
            2005: (89, 1, 2, 8, 0),
            2012: (95, 1.5, 1.5, 2, 0),
            2020: (96, 1.5, 1.5, 1, 0),
        },
        ownership={
            1985: (8, 4, 43, 20, 25, 0),
            1991: (8, 6, 40, 20, 26, 0),
            2000: (7, 40, 22, 14, 17, 0),
            2006: (4, 68, 11, 7, 10, 0),
            2012: (2.5, 85, 5, 3, 4.5, 0),
            2020: (2, 90, 3, 2, 3, 0),
        },
        explore={1985: 0.02, 2005: 0.02, 2020: 0.02},
        rare=RARE_SZ,
        niches=NICHES_SZ,
        coapp={1985: 0.06, 2020: 0.07},
        collab={
            1985: (40, 15, 45),
            2000: (45, 15, 40),
            2006: (46, 14, 40),
            2013: (58, 22, 20),
            2020: (66, 24, 10),
        },
        self_cite={1985: 0.02, 1995: 0.04, 2005: 0.12, 2010: 0.21, 2020: 0.23},
        quality={1985: 0.2, 2000: 0.4, 2010: 0.8, 2020: 1.0},
        partners={
            "Taipei": {1985: 8, 2000: 12, 2009: 12, 2011: 0.6, 2020: 0.4},
            "Hong Kong": {1985: 4, 2005: 2, 2012: 0.5},
            "Beijing": {1985: 1, 2005: 1.5, 2010: 5, 2020: 7},
            "San Francisco": {1985: 1, 2005: 2, 2010: 40, 2015: 60, 2020: 60},
        },
        abroad={1985: 0.02, 2000: 0.03, 2010: 0.08, 2020: 0.12},
    ),
    "Beijing": CitySpec(
        volume={1985: 0.8, 1992: 1.1, 2000: 2.2, 2005: 5, 2010: 11, 2015: 19, 2020: 25},
        fields={
            1985: {
                6: 2.5,
                4: 2,
                16: 2,
                15: 2.5,
                14: 2,
                10: 1.8,
                11: 2,
                20: 1.8,
                22: 3,
                13: 1.2,
                19: 1.5,
                35: 1.3,
                7: 2,
                8: 1.2,
                24: 1.5,
            }
        },
        stake={1985: (22, 33, 33, 10, 2), 2005: (40, 30, 22, 6, 2), 2020: (52, 27, 16, 3, 2)},
        ownership={1985: (70, 5, 1, 8, 2, 14), 2005: (50, 35, 2, 6, 5, 2), 2020: (40, 52, 1, 3, 4, 0)},
        explore={1985: 0.14, 2020: 0.15},
        rare=RARE_BJ,
        coapp={1985: 0.12},
        collab={1985: (70, 18, 12), 2020: (70, 22, 8)},
        self_cite={1985: 0.2},
        quality={1985: 0.5, 2020: 1.0},
    ),
    "Shanghai": CitySpec(
        volume={1985: 0.6, 1992: 0.8, 2000: 1.6, 2005: 4, 2010: 8, 2015: 13, 2020: 17},
        fields={
            1985: {
                16: 2,
                14: 2,
                17: 2,
                32: 2,
                8: 2.2,
                20: 1.5,
                27: 1.5,
                13: 1.5,
                19: 1.5,
                26: 1.3,
                15: 1.5,
                21: 1.5,
                11: 1.5,
            }
        },
        stake={1985: (35, 25, 25, 13, 2), 2020: (64, 20, 10, 5, 1)},
        ownership={1985: (65, 5, 3, 15, 3, 9), 2005: (40, 32, 5, 12, 9, 2), 2020: (32, 50, 3, 6, 9, 0)},
        explore={1985: 0.16, 2020: 0.17},
        rare=RARE_BJ,
        coapp={1985: 0.1},
        collab={1985: (70, 18, 12), 2020: (70, 20, 10)},
        self_cite={1985: 0.18},
        quality={1985: 0.5, 2020: 0.9},
    ),
    "Guangzhou": CitySpec(
        volume={1985: 0.15, 2005: 1.0, 2020: 7},
        fields={1985: {34: 2, 19: 2, 16: 1.5, 18: 2, 2: 1.5, 32: 1.5, 33: 1.5}},
        explore={1985: 0.05},
        quality={1985: 0.3},
    ),
    "Hangzhou": CitySpec(
        volume={1985: 0.12, 2005: 1.0, 2020: 7.5},
        fields={1985: {28: 2.5, 1: 1.5, 24: 1.5, 18: 1.5}, 2008: {7: 5, 6: 2, 4: 1.5, 28: 1.5}},
        explore={1985: 0.05},
        quality={1985: 0.3},
    ),
    "Wuhan": CitySpec(
        volume={1985: 0.15, 2005: 0.7, 2020: 5},
        fields={1985: {9: 3.5, 32: 2, 20: 2, 3: 1.5, 13: 1.2}},
        explore={1985: 0.05},
        quality={1985: 0.3},
    ),
    "Hong Kong": CitySpec(
        volume={1985: 0.15, 2000: 0.4, 2020: 0.8},
        fields={1985: {34: 2.5, 33: 2, 2: 2, 7: 2, 13: 1.3, 1: 1.3}},
        quality={1985: 0.6},
    ),
    "Taipei": CitySpec(
        volume={1985: 0.25, 2000: 1.5, 2008: 2.5, 2020: 2},
        fields={1985: {8: 3.5, 6: 2.5, 2: 2, 1: 2, 9: 2, 5: 1.5, 3: 1.2}},
        quality={1985: 3.0, 2005: 3.0, 2009: 0.2, 2020: 0.15},
    ),
    "Seoul": CitySpec(
        volume={1985: 0.3, 1995: 2.5, 2005: 6, 2020: 9},
        fields={1985: {8: 3.5, 2: 2.5, 4: 2.5, 3: 2.5, 9: 2, 6: 1.5, 1: 1.5}},
        quality={1985: 2.2},
    ),
    "Tokyo": CitySpec(
        volume={1985: 9, 2000: 11, 2020: 9},
        fields={1985: {2: 2, 9: 2.5, 8: 2, 6: 1.5, 3: 1.3, 17: 1.5, 21: 1.5, 32: 1.3, 10: 1.3}},
        quality={1985: 1.7},
    ),
    "Osaka": CitySpec(
        volume={1985: 3.5, 2000: 4, 2020: 3},
        fields={1985: {1: 2.5, 2: 2, 16: 2, 17: 1.8, 30: 2, 19: 1.5, 34: 1.5}},
        quality={1985: 2.4},
    ),
    "San Jose": CitySpec(
        volume={1985: 1.0, 2000: 3.5, 2020: 4.5},
        fields={1985: {8: 3.5, 6: 3.5, 4: 2.5, 5: 2, 10: 1.5, 22: 2, 7: 1.5}},
        quality={1985: 2.6},
    ),
    "San Francisco": CitySpec(
        volume={1985: 0.8, 2000: 1.5, 2020: 3.5},
        fields={1985: {6: 3, 7: 3.5, 4: 2.5, 15: 2.5, 16: 1.5}},
        quality={1985: 2.3},
    ),
    "San Diego": CitySpec(
        volume={1985: 0.5, 2000: 1.5, 2020: 2.5},
        fields={1985: {3: 4, 4: 4, 15: 2.5, 16: 2, 13: 1.5}},
        quality={1985: 2.8},
    ),
    "New York City": CitySpec(
        volume={1985: 1.5, 2020: 2.5},
        fields={1985: {7: 3, 16: 2, 14: 1.5, 6: 1.5, 34: 1.5}},
        quality={1985: 1.6},
    ),
    "Boston": CitySpec(
        volume={1985: 1.0, 2000: 1.8, 2020: 2.5},
        fields={1985: {15: 3.5, 16: 3, 13: 2.5, 11: 2.5, 6: 1.5, 22: 1.5}},
        quality={1985: 1.6},
    ),
    "Munich": CitySpec(
        volume={1985: 1.2, 2000: 2, 2020: 2.5},
        fields={1985: {32: 3, 1: 2, 10: 2, 13: 1.5, 27: 2, 12: 1.5, 3: 1.3}},
    ),
    "Paris": CitySpec(
        volume={1985: 1.5, 2020: 2.2}, fields={1985: {16: 2, 14: 2, 32: 1.8, 3: 1.5, 34: 2, 27: 1.5}}
    ),
    "London": CitySpec(volume={1985: 1.0, 2020: 1.5}, fields={1985: {16: 2, 7: 2, 4: 1.5, 15: 1.5, 35: 1.3}}),
}


@dataclass(frozen=True)
class CountrySpec:
    volume: dict[int, float]  # total of the country's other cities
    fields: Boost
    explore: float = 0.04
    collab: tuple[float, float, float] = (70, 22, 8)
    self_cite: float = 0.12
    quality: float = 1.0


COUNTRIES: dict[str, CountrySpec] = {
    "CN": CountrySpec(
        {1985: 0.5, 1995: 1.0, 2005: 4, 2010: 12, 2015: 24, 2020: 33},
        TRADITIONAL,
        0.02,
        (72, 25, 3),
        0.12,
        0.35,
    ),
    "US": CountrySpec({1985: 5, 2000: 8, 2020: 9}, {}, 0.05, (62, 30, 8), 0.15, 1.2),
    "JP": CountrySpec(
        {1985: 7, 2000: 8.5, 2020: 6},
        {32: 1.5, 26: 1.5, 1: 1.5, 9: 1.3, 27: 1.3},
        0.04,
        (75, 22, 3),
        0.2,
        1.0,
    ),
    "KR": CountrySpec(
        {1985: 0.1, 2000: 1.5, 2020: 3.5}, {1: 1.3, 2: 1.3, 32: 1.5, 26: 1.3}, 0.04, quality=1.0
    ),
    "TW": CountrySpec(
        {1985: 0.15, 2005: 1.5, 2020: 1.5}, {8: 1.5, 6: 1.5, 1: 1.5, 31: 1.3}, 0.04, quality=0.25
    ),
    "DE": CountrySpec({1985: 3, 2000: 4.5, 2020: 4.5}, {26: 2, 32: 2, 27: 2, 31: 2, 12: 1.5, 10: 1.3}),
    "FR": CountrySpec({1985: 1.2, 2020: 1.6}, {32: 1.5, 16: 1.3, 34: 1.3}),
    "GB": CountrySpec({1985: 1.0, 2020: 1.2}, {16: 1.3, 35: 1.3}),
    "IT": CountrySpec({1985: 0.7, 2020: 0.9}, {26: 1.5, 33: 1.5, 29: 1.5}),
    "NL": CountrySpec({1985: 0.5, 2020: 0.7}, {2: 1.5, 13: 1.5, 9: 1.3}),
    "CH": CountrySpec({1985: 0.5, 2020: 0.7}, {16: 2, 14: 2, 10: 1.5, 13: 1.5}),
    "SE": CountrySpec({1985: 0.4, 2020: 0.7}, {3: 2.5, 4: 2, 32: 1.5}),
    "FI": CountrySpec({1985: 0.2, 2000: 0.5, 2020: 0.4}, {3: 2.5, 4: 2, 28: 1.5}),
    "DK": CountrySpec({1985: 0.15, 2020: 0.3}, {15: 2, 16: 1.5, 27: 1.5}),
    "NO": CountrySpec({1985: 0.1, 2020: 0.15}, {35: 2, 32: 1.3}),
    "BE": CountrySpec({1985: 0.15, 2020: 0.2}, {17: 1.5, 16: 1.5}),
    "AT": CountrySpec({1985: 0.15, 2020: 0.25}, {26: 1.5, 31: 1.5}),
    "ES": CountrySpec({1985: 0.15, 2020: 0.3}, {35: 1.5, 18: 1.5}),
    "IL": CountrySpec({1985: 0.1, 2020: 0.4}, {6: 2, 13: 2, 4: 1.5}),
    "IN": CountrySpec({1985: 0.05, 2005: 0.2, 2020: 0.8}, {16: 2, 14: 1.5, 7: 1.5}),
    "SG": CountrySpec({1985: 0.03, 2020: 0.2}, {8: 1.5, 6: 1.3}),
    "CA": CountrySpec({1985: 0.4, 2020: 0.6}, {}),
    "AU": CountrySpec({1985: 0.3, 2020: 0.4}, {35: 1.3, 13: 1.3}),
    "BR": CountrySpec({1985: 0.05, 2020: 0.2}, {18: 1.5, 29: 1.5}),
    "RU": CountrySpec({1985: 0.1, 2020: 0.3}, {27: 1.5, 20: 1.5}),
    "IE": CountrySpec({1985: 0.03, 2020: 0.1}, {13: 1.5, 16: 1.5}),
    "MY": CountrySpec({1985: 0.01, 2020: 0.05}, {}),
    "TH": CountrySpec({1985: 0.01, 2020: 0.05}, {}),
    "MX": CountrySpec({1985: 0.02, 2020: 0.06}, {}),
    "HK": CountrySpec({1985: 0.0}, {}),
}
