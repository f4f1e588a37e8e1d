"""A hand-made canonical dataset for the explorer's tests: five cities, eight applicants, eighteen patents.

Shenzhen's patents (applicant addresses, fractional counting), worked by hand:
P10 2000 Huawei (1), P11 2003 Huawei+ZTE (1), P12 2007 Huawei+SZU (1), P13 2008 Huawei+Tsinghua (1/2),
P14 2009 ZTE+SZU (1), P15 2010 Huawei+Cisco (1/2): 5 patents in all.
Shenzhen's local co-applicant network: stage2 (1992-2005) Huawei-ZTE (P11): 2 applicants, 1 link;
stage3 (2006-2010) Huawei-SZU (P12) and ZTE-SZU (P14): 3 applicants, 2 links.
"""

from __future__ import annotations

import csv
from pathlib import Path

SHENZHEN, BEIJING, SHANGHAI, SAN_JOSE, TOKYO = "GN1795565", "GN1816670", "GN1796236", "GN5392171", "GN1850147"

CITIES = [
    (SHENZHEN, "Shenzhen", "CN", 22.54554, 114.0683),
    (BEIJING, "Beijing", "CN", 39.9075, 116.39723),
    (SHANGHAI, "Shanghai", "CN", 31.22222, 121.45806),
    (SAN_JOSE, "San Jose", "US", 37.33939, -121.89496),
    (TOKYO, "Tokyo", "JP", 35.6895, 139.69171),
]
APPLICANTS = [  # id, name, type, city, ownership
    ("A1", "Huawei Technologies Co Ltd", "firm", SHENZHEN, "POE"),
    ("A2", "ZTE Corp", "firm", SHENZHEN, "SOE"),
    ("A3", "Shenzhen University", "university", SHENZHEN, ""),
    ("A4", "Tsinghua University", "university", BEIJING, ""),
    ("A5", "Lenovo Group", "firm", BEIJING, "POE"),
    ("A6", "Cisco Technology Inc", "firm", SAN_JOSE, "FOE"),
    ("A7", "Baoshan Iron and Steel", "firm", SHANGHAI, "SOE"),
    ("A8", "Sony Corp", "firm", TOKYO, "FOE"),
]
PATENTS = [  # id, year, applicants, ipc codes
    ("P01", 1985, ["A6"], ["H04L 29/06", "G06F 15/16"]),
    ("P02", 1986, ["A8"], ["H04L 12/28", "H01L 21/02"]),
    ("P03", 1987, ["A5"], ["G06F 3/01"]),
    ("P04", 1988, ["A7"], ["C21D 8/02"]),
    ("P05", 1989, ["A6"], ["H04L 29/06"]),
    ("P06", 1990, ["A4"], ["A61K 31/415", "C07D 233/64"]),
    ("P07", 1995, ["A8"], ["H04N 5/44"]),
    ("P08", 1997, ["A5"], ["G06F 3/01", "H04N 5/44"]),
    ("P09", 1999, ["A7"], ["C21D 8/02", "B21B 1/22"]),
    ("P10", 2000, ["A1"], ["H04L 29/06", "H04W 4/00"]),
    ("P11", 2003, ["A1", "A2"], ["H04W 4/00", "H04B 7/26"]),
    ("P12", 2007, ["A1", "A3"], ["H04L 29/06", "G06N 3/08"]),
    ("P13", 2008, ["A1", "A4"], ["G06N 3/08", "A61K 31/415"]),
    ("P14", 2009, ["A2", "A3"], ["H04W 4/00"]),
    ("P15", 2010, ["A1", "A6"], ["H04L 29/06", "G06F 15/16"]),
    ("P16", 2006, ["A4"], ["A61K 31/415"]),
    ("P17", 2006, ["A6"], ["G06F 15/16"]),
    ("P18", 2008, ["A7", "A5"], ["C21D 8/02"]),
]
CITATIONS = [("P15", "P01"), ("P12", "P10"), ("P13", "P06"), ("P14", "P11"), ("P10", "P02")]
SHENZHEN_PATENTS = 5.0


def _write(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write(folder: Path, simulation: bool = False) -> Path:
    """Write the canonical CSV folder; ``simulation`` prefixes the patent ids as the generator does."""
    folder.mkdir(parents=True, exist_ok=True)
    pid = (lambda p: f"SIM-{p}") if simulation else (lambda p: p)
    city_of = {a[0]: a[3] for a in APPLICANTS}
    _write(folder / "cities.csv", ["city_id", "name", "country", "lat", "lon"], list(CITIES))
    _write(
        folder / "applicants.csv", ["applicant_id", "name", "type", "city_id"], [a[:4] for a in APPLICANTS]
    )
    _write(
        folder / "ownership.csv", ["applicant_id", "ownership"], [(a[0], a[4]) for a in APPLICANTS if a[4]]
    )
    _write(
        folder / "inventors.csv",
        ["inventor_id", "name", "city_id"],
        [(f"I{a[0]}", f"Inventor of {a[1]}", a[3]) for a in APPLICANTS],
    )
    _write(
        folder / "patents.csv",
        ["patent_id", "filing_date", "office", "kind", "title"],
        [(pid(p), f"{y}-06-01", "CN", "A", f"Invention {p}") for p, y, _, _ in PATENTS],
    )
    links = [(pid(p), a, i + 1) for p, _, apps, _ in PATENTS for i, a in enumerate(apps)]
    _write(folder / "patent_applicants.csv", ["patent_id", "applicant_id", "seq"], links)
    _write(
        folder / "patent_inventors.csv",
        ["patent_id", "inventor_id", "seq"],
        [(p, f"I{a}", s) for p, a, s in links],
    )
    codes = [(pid(p), c, i + 1) for p, _, _, cs in PATENTS for i, c in enumerate(cs)]
    _write(folder / "patent_ipc.csv", ["patent_id", "ipc_code", "seq"], codes)
    _write(
        folder / "citations.csv",
        ["citing_id", "cited_id", "origin"],
        [(pid(a), pid(b), "applicant") for a, b in CITATIONS],
    )
    assert all(city_of[a] for _, _, apps, _ in PATENTS for a in apps)
    return folder
