"""Writing the canonical CSV folder, one year at a time (memory flat in N)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from graph.ingest.synthetic.engine import YearOutput
from graph.ingest.synthetic.world import World

HEADERS = {
    "cities": ["city_id", "name", "country", "lat", "lon", "province"],
    "applicants": ["applicant_id", "name", "type", "city_id"],
    "inventors": ["inventor_id", "name", "city_id"],
    "ownership": ["applicant_id", "ownership"],
    "patents": ["patent_id", "filing_date", "year", "priority_year", "office", "kind", "family_id", "title"],
    "patent_applicants": ["patent_id", "applicant_id", "seq"],
    "patent_inventors": ["patent_id", "inventor_id", "seq"],
    "patent_ipc": ["patent_id", "ipc_code", "seq"],
    "citations": ["citing_id", "cited_id", "origin"],
}


def patent_ids(numbers: np.ndarray) -> np.ndarray:
    return np.char.add("SIM-P", (numbers + 10**9).astype(str))


def actor_ids(prefix: str, ids: np.ndarray) -> np.ndarray:
    return np.char.add(prefix, np.asarray(ids, dtype=np.int64).astype(str))


class FolderWriter:
    def __init__(self, out: Path, world: World) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out, self.world = out, world
        self.files: dict[str, IO[str]] = {}
        for name, cols in HEADERS.items():
            fh = (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            fh.write(",".join(cols) + "\n")
            self.files[name] = fh
        self._write("cities", {"city_id": world.ids, "name": world.names, "country": world.countries,
                               "lat": np.round(world.lat, 5), "lon": np.round(world.lon, 5),
                               "province": np.full(len(world.ids), "")})

    def _write(self, name: str, cols: dict[str, object]) -> None:
        frame = pd.DataFrame(cols, columns=list(cols))
        frame.to_csv(self.files[name], header=False, index=False, lineterminator="\n")

    def write_year(self, y: YearOutput) -> None:
        w = self.world
        p = y.patents
        pid = patent_ids(p["number"])
        self._write("patents", {"patent_id": pid, "filing_date": p["filing_date"], "year": p["year"],
                                "priority_year": p["priority_year"], "office": p["office"], "kind": p["kind"],
                                "family_id": np.char.add("SIM-F", (p["number"] + 10**9).astype(str)),
                                "title": p["title"]})
        a = y.applicants
        aid = actor_ids("SIM-A", a["id"])  # type: ignore[arg-type]
        self._write("applicants", {"applicant_id": aid, "name": a["name"], "type": a["type"],
                                   "city_id": w.ids[a["city"]]})  # type: ignore[index]
        firms = np.asarray(a["ownership"]) != ""
        self._write("ownership", {"applicant_id": aid[firms], "ownership": np.asarray(a["ownership"])[firms]})
        i = y.inventors
        self._write("inventors", {"inventor_id": actor_ids("SIM-I", i["id"]), "name": i["name"],  # type: ignore[arg-type]
                                  "city_id": w.ids[i["city"]]})  # type: ignore[index]
        for name, links, prefix, col in (("patent_applicants", y.patent_applicants, "SIM-A", "applicant_id"),
                                         ("patent_inventors", y.patent_inventors, "SIM-I", "inventor_id")):
            self._write(name, {"patent_id": patent_ids(links["patent"]), col: actor_ids(prefix, links["id"]),
                               "seq": links["seq"]})
        self._write("patent_ipc", {"patent_id": patent_ids(y.patent_ipc["patent"]), "ipc_code": y.patent_ipc["code"],
                                   "seq": y.patent_ipc["seq"]})
        c = y.citations
        self._write("citations", {"citing_id": patent_ids(c["citing"]), "cited_id": patent_ids(c["cited"]),
                                  "origin": c["origin"]})

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
