"""Writing the canonical CSV folder, one year at a time (memory flat in N).

Rows are formatted with one ``str.format`` per row over plain Python lists, which is several times
faster than ``DataFrame.to_csv`` here; text columns that may hold a comma or a quote are quoted the
way the csv module does (RFC 4180).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from graph.ingest.synthetic.engine import YearOutput
from graph.ingest.synthetic.families import Members
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
ID_OFFSET = 10**9  # patent number n is written SIM-P<n + 10**9>, so ids have a fixed width


def quote(values: Iterable[str]) -> list[str]:
    """CSV-quote the values that need it (comma, quote, newline), as csv.QUOTE_MINIMAL does."""
    return [
        f'"{v.replace(chr(34), chr(34) * 2)}"' if ("," in v or '"' in v or "\n" in v) else v for v in values
    ]


def _ints(a: np.ndarray, offset: int = 0) -> list[int]:
    return (np.asarray(a, dtype=np.int64) + offset).tolist()


class FolderWriter:
    def __init__(self, out: Path, world: World) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out, self.world = out, world
        self.city_ids: list[str] = world.ids.tolist()
        self.files: dict[str, IO[str]] = {}
        for name, cols in HEADERS.items():
            fh = (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            fh.write(",".join(cols) + "\n")
            self.files[name] = fh
        self._write(
            "cities",
            "{},{},{},{:.5f},{:.5f},",
            world.ids.tolist(),
            quote(world.names.tolist()),
            world.countries.tolist(),
            world.lat.tolist(),
            world.lon.tolist(),
        )

    def _write(self, name: str, fmt: str, *cols: Sequence[object]) -> None:
        if len(cols[0]):
            self.files[name].write("\n".join(map(fmt.format, *cols)) + "\n")

    def write_year(self, y: YearOutput) -> None:
        p = y.patents
        number = _ints(p["number"], ID_OFFSET)
        self._write(
            "patents",
            "SIM-P{},{},{},{},{},{},SIM-F{},{}",
            number,
            p["filing_date"].tolist(),
            p["year"].tolist(),
            p["priority_year"].tolist(),
            p["office"].tolist(),
            p["kind"].tolist(),
            number,
            quote(p["title"].tolist()),
        )
        a = y.applicants
        cities = [self.city_ids[c] for c in a["city"].tolist()]
        ownership: list[str] = a["ownership"].tolist()
        aid = _ints(a["id"])
        self._write(
            "applicants",
            "SIM-A{},{},{},{}",
            aid,
            quote(a["name"]),
            a["type"].tolist(),
            cities,
        )
        firms = [(i, o) for i, o in zip(aid, ownership, strict=True) if o]
        self._write("ownership", "SIM-A{},{}", [i for i, _ in firms], [o for _, o in firms])
        i = y.inventors
        self._write(
            "inventors",
            "SIM-I{},{},{}",
            _ints(i["id"]),
            quote(i["name"]),
            [self.city_ids[c] for c in i["city"].tolist()],
        )
        for name, links, prefix in (
            ("patent_applicants", y.patent_applicants, "SIM-A"),
            ("patent_inventors", y.patent_inventors, "SIM-I"),
        ):
            self._write(
                name,
                "SIM-P{}," + prefix + "{},{}",
                _ints(links["patent"], ID_OFFSET),
                _ints(links["id"]),
                links["seq"].tolist(),
            )
        self._write(
            "patent_ipc",
            "SIM-P{},{},{}",
            _ints(y.patent_ipc["patent"], ID_OFFSET),
            y.patent_ipc["code"].tolist(),
            y.patent_ipc["seq"].tolist(),
        )
        c = y.citations
        self._write(
            "citations",
            "SIM-P{},SIM-P{},{}",
            _ints(c["citing"], ID_OFFSET),
            _ints(c["cited"], ID_OFFSET),
            c["origin"].tolist(),
        )

    def write_members(self, m: Members) -> None:
        """The further filings of families (:mod:`graph.ingest.synthetic.families`), ids ``SIM-P<n>-<office>``."""
        if len(m) == 0:
            return
        p = m.patents
        number = _ints(p["number"], ID_OFFSET)
        ids = [f"SIM-P{n}-{o}" for n, o in zip(number, p["office"].tolist(), strict=True)]
        self._write("patents", "{},{},{},{},{},{},SIM-F{},{}", ids, p["filing_date"].tolist(), p["year"].tolist(),
                    p["priority_year"].tolist(), p["office"].tolist(), p["kind"].tolist(), number,
                    quote(p["title"].tolist()))  # fmt: skip
        for name, links, prefix in (("patent_applicants", m.patent_applicants, "SIM-A"),
                                    ("patent_inventors", m.patent_inventors, "SIM-I")):  # fmt: skip
            member = [ids[i] for i in links["member"].tolist()]
            self._write(name, "{}," + prefix + "{},{}", member, _ints(links["id"]), links["seq"].tolist())
        ipc = m.patent_ipc
        member = [ids[i] for i in ipc["member"].tolist()]
        self._write("patent_ipc", "{},{},{}", member, ipc["code"].tolist(), ipc["seq"].tolist())

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
