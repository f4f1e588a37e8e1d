"""Patent families as the counted unit (``unit = family``) and the international scope (``scope``).

A family is the patents that share ``family_id``; a patent without one is a family of its own. For a
family F (``shared/spec/indicators.md``, "Units: families and clusters"):

- year(F) is the smallest year of its members (under the ``year`` switch, as the patents were pulled);
- its codes, applicants, inventors and cities are the unions of its members';
- F cites G when any member of F cites any member of G, F != G, each (F, G) pair once.

``scope = international`` keeps the families with members in two or more offices or a PCT member
(office ``WO``); with ``unit = patent`` it keeps the patents of such families. Only dated patents (those
the indicators read) are members. A citation to a patent outside the scope counts as unresolved, like a
citation to a patent that is not loaded.

:func:`units_of` maps each patent (a row of :class:`analytics.links.Links`' ``patents``) to its unit;
:func:`apply` turns a whole :class:`~analytics.links.Links` into units, so that every indicator built on
it runs on families exactly as on patents; :func:`map_rows` does the same for tables keyed by patent id.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.links import Links
from hotspot_kg.core.errors import IndicatorError

PCT_OFFICE = "WO"


@dataclass(frozen=True)
class Units:
    """``code``: for each patent row, the row of its unit in ``table`` (-1: out of scope). ``table``:
    unit_id (the family_id, or the patent id of a patent counted alone) and year. ``family``: each
    patent row's unit code before the scope (its family's, or its own row with ``unit = patent``), which
    deduplicates citations."""

    code: np.ndarray
    table: pd.DataFrame
    family: np.ndarray


def family_keys(patent_ids: np.ndarray, family_ids: np.ndarray) -> np.ndarray:
    """One integer per family: patents sharing a non-empty family_id share it; any other patent has its own."""
    fam = pd.Series(family_ids, dtype=object).fillna("").astype(str).to_numpy()
    alone = fam == ""
    keys = np.empty(len(fam), dtype=np.int64)
    shared, n_shared = pd.factorize(fam[~alone])
    keys[~alone] = shared
    keys[alone] = len(n_shared) + pd.factorize(pd.Series(patent_ids, dtype=object)[alone].astype(str))[0]
    return pd.factorize(keys)[0]


def international(family: np.ndarray, offices: np.ndarray) -> np.ndarray:
    """Per family code: True when its members are in two or more offices or one is a PCT filing (WO)."""
    frame = pd.DataFrame({"f": family, "office": pd.Series(offices, dtype=object).fillna("").astype(str)})
    known = frame[frame["office"] != ""]
    n = int(family.max()) + 1 if len(family) else 0
    offices_per = known.groupby("f")["office"].nunique().reindex(range(n), fill_value=0).to_numpy()
    pct = np.zeros(n, dtype=bool)
    pct[known.loc[known["office"].str.upper() == PCT_OFFICE, "f"].to_numpy()] = True
    return (offices_per >= 2) | pct


def units_of(
    patents: pd.DataFrame, families: pd.DataFrame, unit: str = "family", scope: str = "all"
) -> Units:
    """The unit of every patent row. ``patents``: patent_id, year; ``families``: family_id, office (aligned)."""
    if len(families) != len(patents):
        raise IndicatorError("families were not pulled with the patents (links.pull(..., families=True))")
    ids = patents["patent_id"].to_numpy() if "patent_id" in patents else np.arange(len(patents)).astype(str)
    family = family_keys(ids, families["family_id"].to_numpy())
    keep = np.ones(len(patents), dtype=bool)
    if scope == "international":
        keep = international(family, families["office"].to_numpy())[family] if len(family) else keep
    years = patents["year"].to_numpy(dtype=np.int64)
    if unit == "patent":
        code = np.where(keep, np.cumsum(keep) - 1, -1)
        table = pd.DataFrame({"unit_id": ids[keep], "year": years[keep]})
        return Units(
            code, table.reset_index(drop=True), np.arange(len(patents))
        )  # a citation per cited patent
    _, code = np.unique(family[keep], return_inverse=True)
    full = np.full(len(patents), -1, dtype=np.int64)
    full[keep] = code
    first_year = pd.Series(years[keep]).groupby(code).min().to_numpy()
    fam = families["family_id"].to_numpy(dtype=object)
    first_row = pd.Series(np.flatnonzero(keep)).groupby(code).first().to_numpy().astype(np.int64)
    labels = np.where(fam[first_row] == "", ids[first_row], fam[first_row]).astype(object)
    clash = pd.Series(labels).duplicated(keep=False).to_numpy() & (fam[first_row] == "")
    labels[clash] = "patent:" + ids[first_row][clash].astype(str)  # a lone patent whose id is a family's id
    table = pd.DataFrame({"unit_id": labels, "year": first_year})
    return Units(full, table.astype({"year": np.int64}), family)


def _relink(frame: pd.DataFrame, code: np.ndarray) -> pd.DataFrame:
    """``frame`` (column ``patent``: a patent row) with each patent replaced by its unit, repeats dropped."""
    unit = code[frame["patent"].to_numpy()] if len(frame) else np.array([], dtype=np.int64)
    out = frame.assign(patent=unit)[unit >= 0]
    return out.drop_duplicates().reset_index(drop=True)


def apply(links: Links, units: Units) -> Links:
    """``links`` with patents replaced by units: unions of codes and cities, citations between units
    deduplicated (a unit citing itself is dropped; a citation to a patent out of scope is unresolved)."""
    patents = units.table.rename(columns={"unit_id": "patent_id"})
    patents.insert(0, "node", np.arange(len(patents), dtype=np.int64))
    if "patent_id" not in links.patents:
        patents = patents.drop(columns="patent_id")
    c = links.citations
    citing = units.code[c["patent"].to_numpy()] if len(c) else np.array([], dtype=np.int64)
    cited_row = c["cited"].to_numpy()
    resolved = cited_row >= 0
    cited = np.where(resolved, units.code[np.where(resolved, cited_row, 0)], -1)
    # the cited side's identity: its family (all families, before the scope), or its node when not loaded
    target = np.where(
        resolved, units.family[np.where(resolved, cited_row, 0)], -1 - c["cited_node"].to_numpy()
    )
    table = pd.DataFrame({"patent": citing, "cited": cited, "target": target})
    table = table[(table["patent"] >= 0) & ~((table["cited"] >= 0) & (table["cited"] == table["patent"]))]
    table = table.drop_duplicates(["patent", "target"])
    citations = pd.DataFrame({
        "patent": table["patent"].to_numpy(), "cited": table["cited"].to_numpy(),
        "cited_node": c["cited_node"].to_numpy()[table.index.to_numpy()] if len(table) else [],
    })  # fmt: skip
    return Links(patents, _relink(links.techs, units.code), _relink(links.cities, units.code), citations,
                 links.families.iloc[0:0])  # fmt: skip


def map_rows(
    rows: pd.DataFrame, patent_ids: np.ndarray, units: Units, year: str | None = "year"
) -> pd.DataFrame:
    """A table keyed by ``patent_id`` with each patent id replaced by its unit's id (and ``year`` by the
    unit's year); rows of patents not among ``patent_ids`` or out of scope are dropped."""
    row = pd.Index(patent_ids).get_indexer(rows["patent_id"])
    code = np.where(row >= 0, units.code[np.where(row >= 0, row, 0)], -1)
    kept = rows[code >= 0].copy()
    kept["patent_id"] = units.table["unit_id"].to_numpy()[code[code >= 0]]
    if year is not None:
        kept[year] = units.table["year"].to_numpy()[code[code >= 0]]
    return kept.reset_index(drop=True)
