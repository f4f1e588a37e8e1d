"""A random PATSTAT folder (the tls* tables as the EPO's CSV exports, in parts, some zipped) with damage:
persons given twice, rows about unknown applications and persons, bad field counts and sequence numbers,
PATSTAT's "unknown" defaults, addresses the gazetteer cannot place. Used by the parity tests of the Spark
reader with the in-process one."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patstat"


def header(name: str) -> list[str]:
    with open(next(FIXTURES.glob(f"{name}*.csv")), encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def lines(name: str, rows: list[dict[str, str]]) -> str:
    """The lines of ``rows`` of table ``name`` (fixture header; columns not given are empty), no header."""
    out = io.StringIO()
    names = header(name)
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c, "") for c in names])
    return out.getvalue()


def write(folder: Path, name: str, text: str, zipped: bool = False) -> None:
    if zipped:
        with zipfile.ZipFile(folder / f"{name}.zip", "w") as z:
            z.writestr(f"{name}.csv", text)
    else:
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")


PLACES = ["Huawei Building, Bantian, Shenzhen, Guangdong 518129", "Haidian District, Beijing 100084",
          "Hansastraße 27c, 80686 München", "Qwzx Road 5, Nowhere", "", "NULL", "12 Rue X, Paris",
          "Beijing, Nowhere", " , , "]  # fmt: skip
COUNTRIES = ["CN", "DE", "FR", "US", "", "XX", "cn"]
SECTORS = ["COMPANY", "UNIVERSITY", "INDIVIDUAL", "GOV NON-PROFIT", "HOSPITAL", "UNKNOWN", ""]
NAMES = ["HUAWEI TECHNOLOGIES CO., LTD.", "Tsinghua University", "Fraunhofer-Gesellschaft", "ZHANG, Wei",
         "Müller, Hans", "Acme Corp", "NULL", "Institute of Physics"]  # fmt: skip


def universe(where: Path, seed: int, n: int = 40) -> Path:
    """A random PATSTAT folder of ``n`` applications, its tables in parts (some zipped), with damage:
    persons given twice, rows about unknown applications and persons, bad field counts and seq numbers."""
    rng = random.Random(seed)
    folder = where / f"universe{seed}"
    folder.mkdir()
    applns = [str(1000 + k) for k in range(n)]
    tables: dict[str, list[str]] = {}

    def put(name: str, rows: list[dict[str, str]]) -> None:
        tables.setdefault(name, []).extend(lines(name, rows).splitlines(keepends=True))

    for a in applns:
        date = rng.choice(["2010-05-0" + str(rng.randint(1, 9)), "9999-12-31", "20110101", ""])
        put("tls201_appln", [{"appln_id": a, "appln_auth": rng.choice(["EP", "CN", "US"]), "appln_kind": "A",
                              "appln_filing_date": date, "appln_filing_year": rng.choice(["2010", "9999", ""]),
                              "earliest_filing_year": rng.choice(["2009", "9999"]),
                              "docdb_family_id": str(rng.randint(1, 9))}])  # fmt: skip
    put("tls201_appln", [{"appln_id": applns[0], "appln_auth": "XX", "appln_filing_year": "2010"}])
    for code, label in (("DE212", "München, Kreisfreie Stadt"), ("CN01", "Beijing"), ("FR1", "Paris, Ville")):
        put("tls904_nuts", [{"nuts": code, "nuts_label": label}])
    persons = [str(2000 + k) for k in range(n)]
    for p in persons + rng.sample(persons, n // 4):  # some persons given twice: the last row counts
        put("tls206_person", [{"person_id": p, "person_name": rng.choice(NAMES), "person_address": rng.choice(PLACES),
                               "person_ctry_code": rng.choice(COUNTRIES), "psn_id": rng.choice(["0", "", p[1:]]),
                               "psn_name": rng.choice(NAMES), "psn_sector": rng.choice(SECTORS),
                               "nuts": rng.choice(["DE212", "CN01", "FR1", "", "ZZ9"])}])  # fmt: skip
    for _ in range(n * 3):
        put("tls207_pers_appln", [{"person_id": rng.choice([*persons, "2999", ""]),
                                   "appln_id": rng.choice([*applns, "77"]),
                                   "applt_seq_nr": rng.choice(["0", "1", "2", "x", "01"]),
                                   "invt_seq_nr": rng.choice(["0", "1", "3", ""])}])  # fmt: skip
    for _ in range(n * 2):
        put("tls209_appln_ipc", [{"appln_id": rng.choice([*applns, "77"]),
                                  "ipc_class_symbol": rng.choice(["H04L  29/06", "G06F  17/30", "H01M  10/052",
                                                                  "", "Q99"])}])  # fmt: skip
    publications = [str(5000 + k) for k in range(n + 5)]
    for p in publications:
        put("tls211_pat_publn", [{"pat_publn_id": p, "appln_id": rng.choice([*applns, "77", "0"])}])
    for _ in range(n * 3):
        put("tls212_citation", [{"pat_publn_id": rng.choice([*publications, "1"]),
                                 "cited_pat_publn_id": rng.choice([*publications, "0", "999999"]),
                                 "cited_appln_id": rng.choice([*applns, "0", "0", "555"]),
                                 "citn_origin": rng.choice(["APP", "SEA", "ISR", "OPP", "exa", ""])}])  # fmt: skip
    for name, rows in tables.items():
        for k in rng.sample(range(len(rows)), 2):
            rows[k] = "1,2\n"  # a wrong number of fields
        cut = rng.randint(1, len(rows) - 1)
        first = ",".join(header(name)) + "\n"
        for part, chunk in enumerate((rows[:cut], rows[cut:]), start=1):
            write(folder, f"{name[:6]}_part{part:02d}", first + "".join(chunk), zipped=rng.random() < 0.3)
    return folder
