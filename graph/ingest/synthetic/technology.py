"""Technology clusters: which IPC codes the patents of each WIPO technology field carry.

Each of the 35 fields of WIPO's IPC-technology concordance (Schmoch 2008) is represented by a few of
its typical IPC subclasses (or main groups, written ``G01N 33/``), with weights. A patent's first code
comes from its field; further codes come from the same subclass, the same field, a related field of the
same sector, or (with a city-specific exploration rate) anywhere in the IPC, which is what makes
first-time classes and combinations. The unit test checks every prefix against the concordance.
"""

from __future__ import annotations

import numpy as np

from graph.ingest.synthetic.ipc import CodeBook

# field number -> (name, sector, [(prefix, weight), ...])
FIELDS: dict[int, tuple[str, str, list[tuple[str, float]]]] = {
    1: (
        "Electrical machinery, apparatus, energy",
        "Electrical engineering",
        [
            ("H01M", 3),
            ("H02J", 3),
            ("H02K", 2),
            ("H02M", 2),
            ("H01R", 2),
            ("H01H", 1.5),
            ("H05B", 2),
            ("F21V", 1),
        ],
    ),
    2: (
        "Audio-visual technology",
        "Electrical engineering",
        [("H04N 5/", 3), ("H04R", 2), ("G09G", 2), ("H05K", 2), ("G11B", 1.5), ("H04S", 0.5)],
    ),
    3: (
        "Telecommunications",
        "Electrical engineering",
        [("H04B", 4), ("H04M", 3), ("H01Q", 2), ("H04J", 1), ("H04Q", 1), ("H01P", 0.5)],
    ),
    4: ("Digital communication", "Electrical engineering", [("H04L", 5), ("H04W", 5)]),
    5: (
        "Basic communication processes",
        "Electrical engineering",
        [("H03K", 2), ("H03M", 2), ("H03F", 1), ("H03H", 1), ("H03L", 1)],
    ),
    6: (
        "Computer technology",
        "Electrical engineering",
        [("G06F", 6), ("G06K", 2), ("G06T", 2), ("G06N", 1), ("G10L", 1), ("G11C", 1)],
    ),
    7: ("IT methods for management", "Electrical engineering", [("G06Q", 1)]),
    8: ("Semiconductors", "Electrical engineering", [("H01L", 1)]),
    9: ("Optics", "Instruments", [("G02B", 3), ("G02F", 2), ("G03F", 1), ("G03B", 1), ("H01S", 1)]),
    10: (
        "Measurement",
        "Instruments",
        [("G01R", 3), ("G01S", 2), ("G01B", 2), ("G01M", 1), ("G01K", 1), ("G01D", 1)],
    ),
    11: ("Analysis of biological materials", "Instruments", [("G01N 33/", 1)]),
    12: ("Control", "Instruments", [("G05B", 3), ("G08B", 2), ("G05D", 1.5), ("G08G", 1.5), ("G09B", 1)]),
    13: (
        "Medical technology",
        "Instruments",
        [("A61B", 4), ("A61M", 2), ("A61F", 2), ("A61N", 1), ("A61H", 1), ("A61C", 1)],
    ),
    14: ("Organic fine chemistry", "Chemistry", [("C07D", 3), ("C07C", 2), ("C07F", 1), ("A61Q", 1)]),
    15: ("Biotechnology", "Chemistry", [("C12N", 3), ("C12Q", 2), ("C07K", 2), ("C12P", 1)]),
    16: ("Pharmaceuticals", "Chemistry", [("A61P", 3), ("A61K 31/", 3), ("A61K 9/", 1.5), ("A61K 36/", 1.5)]),
    17: (
        "Macromolecular chemistry, polymers",
        "Chemistry",
        [("C08L", 2), ("C08K", 2), ("C08G", 1.5), ("C08F", 1)],
    ),
    18: ("Food chemistry", "Chemistry", [("A23L", 3), ("A23G", 1), ("A21D", 1), ("C12G", 1)]),
    19: (
        "Basic materials chemistry",
        "Chemistry",
        [("C09K", 2), ("C09D", 2), ("C09J", 1), ("C10M", 1), ("C11D", 1)],
    ),
    20: (
        "Materials, metallurgy",
        "Chemistry",
        [("C22C", 2), ("C04B", 2), ("C01B", 1.5), ("B22F", 1), ("C21D", 1)],
    ),
    21: ("Surface technology, coating", "Chemistry", [("B32B", 2), ("C23C", 2), ("B05D", 1), ("C25D", 1)]),
    22: ("Micro-structural and nano-technology", "Chemistry", [("B82Y", 1), ("B81B", 1)]),
    23: ("Chemical engineering", "Chemistry", [("B01D", 3), ("B01J", 2), ("B01F", 1), ("B04B", 0.5)]),
    24: ("Environmental technology", "Chemistry", [("C02F", 3), ("F01N", 1), ("B09B", 1), ("F23G", 0.5)]),
    25: (
        "Handling",
        "Mechanical engineering",
        [("B65G", 3), ("B65D", 3), ("B66C", 1), ("B25J", 1.5), ("B65H", 1)],
    ),
    26: (
        "Machine tools",
        "Mechanical engineering",
        [("B23K", 2), ("B23P", 1.5), ("B21D", 1), ("B24B", 1), ("B26D", 1)],
    ),
    27: (
        "Engines, pumps, turbines",
        "Mechanical engineering",
        [("F04B", 2), ("F02M", 1.5), ("F03D", 1), ("F01D", 1)],
    ),
    28: (
        "Textile and paper machines",
        "Mechanical engineering",
        [("B41J", 2), ("D01F", 1), ("D04H", 1), ("D21H", 1)],
    ),
    29: (
        "Other special machines",
        "Mechanical engineering",
        [("A01B", 1), ("B29C", 3), ("A01G", 1), ("B28B", 1)],
    ),
    30: (
        "Thermal processes and apparatus",
        "Mechanical engineering",
        [("F24F", 3), ("F25B", 2), ("F28D", 1.5), ("F24H", 1)],
    ),
    31: (
        "Mechanical elements",
        "Mechanical engineering",
        [("F16H", 3), ("F16K", 2), ("F16L", 2), ("F16B", 1.5)],
    ),
    32: (
        "Transport",
        "Mechanical engineering",
        [("B60L", 2), ("B60R", 2), ("B62D", 2), ("B60W", 1.5), ("B64C", 1)],
    ),
    33: (
        "Furniture, games",
        "Other fields",
        [("A47J", 3), ("A47L", 1), ("A63F", 2), ("A63B", 1.5), ("A47C", 1)],
    ),
    34: (
        "Other consumer goods",
        "Other fields",
        [("G10K", 1), ("A45C", 1), ("A24F", 1), ("D06F", 1.5), ("B43K", 1)],
    ),
    35: (
        "Civil engineering",
        "Other fields",
        [("E04B", 2), ("E04F", 1.5), ("E02D", 1), ("E21B", 1.5), ("E03D", 1)],
    ),
}
N_FIELDS = len(FIELDS)
ICT_FIELDS = (4, 6)


class TechSampler:
    """Vectorised draws of IPC code indices (into ``CodeBook.codes``) for fields and subclasses."""

    def __init__(self, book: CodeBook, scenario_rng: np.random.Generator) -> None:
        self.book = book
        starts, counts, unit_field, weights = [], [], [], []
        for number, (_, _, prefixes) in FIELDS.items():
            for prefix, weight in prefixes:
                lo, n = book.unit(prefix)
                starts.append(lo)
                counts.append(n)
                unit_field.append(number - 1)
                weights.append(weight)
        self.unit_start = np.array(starts, dtype=np.int64)
        self.unit_count = np.array(counts, dtype=np.int64)
        unit_field_arr = np.array(unit_field)
        w = np.array(weights, dtype=float)
        # per field: cumulative weights over its units (rows padded with 1.0 at the end)
        self.field_units = [np.flatnonzero(unit_field_arr == f) for f in range(N_FIELDS)]
        width = max(len(u) for u in self.field_units)
        self.field_cum = np.ones((N_FIELDS, width))
        self.field_unit_idx = np.zeros((N_FIELDS, width), dtype=np.int64)
        for f, units in enumerate(self.field_units):
            c = np.cumsum(w[units]) / w[units].sum()
            self.field_cum[f, : len(units)] = c
            self.field_unit_idx[f, : len(units)] = units
            self.field_unit_idx[f, len(units) :] = units[-1]
        # A fixed shuffle that decides which codes of a run are the popular ones.
        self.perm = scenario_rng.permutation(len(book.codes))

    def unit_of_field(self, fields: np.ndarray, u: np.ndarray) -> np.ndarray:
        """A unit index for each field, drawn with the field's weights."""
        cum = self.field_cum[fields]
        pos = (cum < u[:, None]).sum(axis=1)
        return self.field_unit_idx[fields, np.minimum(pos, cum.shape[1] - 1)]

    def code_in_unit(self, units: np.ndarray, u: np.ndarray, skew: float = 2.5) -> np.ndarray:
        """A code index inside each unit; low offsets (after a fixed shuffle) are the popular groups."""
        offset = np.floor(self.unit_count[units] * u**skew).astype(np.int64)
        return self._shuffled(self.unit_start[units], self.unit_count[units], offset)

    def code_anywhere(self, u_sub: np.ndarray, u_code: np.ndarray) -> np.ndarray:
        """A code from a uniformly drawn subclass of the whole IPC (exploration)."""
        sub = np.floor(u_sub * len(self.book.subclasses)).astype(np.int64)
        start, count = self.book.sub_start[sub], self.book.sub_count[sub]
        return self._shuffled(start, count, np.floor(count * u_code**2.5).astype(np.int64))

    def _shuffled(self, start: np.ndarray, count: np.ndarray, offset: np.ndarray) -> np.ndarray:
        # a cheap fixed bijection inside the run: rotate by a run-specific amount
        rot = self.perm[start] % np.maximum(count, 1)
        return start + (offset + rot) % np.maximum(count, 1)
