"""A synthetic universe written as PatentsView g_* tables (the 2024-2026 columns), with random damage of the
kinds the real files have and worse: quoted fields over several lines, NULL, short rows, bad quoting,
withdrawn patents, missing filing dates, unknown locations, placeholder coordinates, ids with prefixes and
leading zeros, non-ASCII digits, rows about patents not in g_patent, repeated rows, tables in parts and
zips. Used by the parity test of the Spark reader with the in-process one."""

from __future__ import annotations

import csv
import random
import zipfile
from pathlib import Path

from graph.ingest.readers.patentsview import CURRENT


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(pid: str) -> str:
    return pid.rsplit("P", 1)[-1]


class _Damage:
    def __init__(self, rng: random.Random, rate: float) -> None:
        self.rng, self.rate = rng, rate

    def hit(self, scale: float = 1.0) -> bool:
        return self.rng.random() < self.rate * scale

    def line(self, values: list[str]) -> str:
        """One row as PatentsView writes it, now and then damaged."""
        values = [v.replace("\t", " ") for v in values]
        if self.hit(0.3):
            values[self.rng.randrange(len(values))] = "NULL"
        if self.hit(0.2):
            k = self.rng.randrange(len(values))
            values[k] = '"' + values[k] + '\nsecond line with ""quotes"""'
        if self.hit(0.1):
            values = values[:-1]  # a short row
        if self.hit(0.1):
            values[self.rng.randrange(len(values))] = '"bad"quote'
        return "\t".join(values)


def write(canonical: Path, out: Path, seed: int = 1, rate: float = 0.0, parts: bool = False) -> Path:
    """The universe of the canonical folder ``canonical`` as PatentsView tables in ``out``."""
    rng = random.Random(seed)
    d = _Damage(rng, rate)
    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[str]] = {name: [] for name in CURRENT}
    patents = _rows(canonical, "patents")
    for p in patents:
        number = _number(p["patent_id"])
        shown = number
        if d.hit(0.2):
            shown = rng.choice([f"US0{number}", f"0{number}", f"X{number}", "١٢٣"])
        withdrawn = "1" if d.hit(0.2) else rng.choice(["0", "0", "false"])
        title = p["title"] or ""
        tables["g_patent"].append(
            d.line([shown, "utility", p["filing_date"] or "", title, "B2", "12", withdrawn, "ipg.xml"])
        )
        if not d.hit(0.3):
            date = p["filing_date"] or f"{p['year']}-01-01"
            if d.hit(0.2):
                date = rng.choice(["2010-00-00", "20101301", "", "2010-02-30", "١٩٩٩-01-01"])
            tables["g_application"].append(d.line([f"A{number}", number, "utility", date, "10", "0"]))
            if d.hit(0.2):  # a second application row of the same patent: the last one wins
                tables["g_application"].append(
                    d.line([f"B{number}", number, "utility", "2001-02-03", "10", "0"])
                )
    cities = _rows(canonical, "cities")
    locations: dict[str, str] = {}
    for k, c in enumerate(cities):
        lid = f"loc-{k}"
        locations[c["city_id"]] = lid
        name, lat, lon = c["name"], c["lat"], c["lon"]
        if d.hit(0.2):
            name = f"Nowhere {k}"  # not in the gazetteer: kept with its coordinates, or unlocated
        if d.hit(0.1):
            lat, lon = "0.1", "0.1"
        if d.hit(0.1):
            lat, lon = "", ""
        row = [lid, name, c["province"] or "", c["country"], lat, lon, "", "", ""]
        tables["g_location_disambiguated"].append(d.line(row))
        if d.hit(0.1):  # the same location again: the last row wins
            tables["g_location_disambiguated"].append(
                d.line([lid, c["name"], "", c["country"], lat, lon, "", "", ""])
            )
    applicants = {a["applicant_id"]: a for a in _rows(canonical, "applicants")}
    for link in _rows(canonical, "patent_applicants"):
        a = applicants[link["applicant_id"]]
        person = a["type"] == "individual"
        first, last = (a["name"][:1], a["name"][1:]) if person else ("", "")
        org = "" if person else a["name"]
        aid = a["applicant_id"] if not d.hit(0.1) else ""
        location = locations.get(a["city_id"], "") if not d.hit(0.1) else rng.choice(["", "loc-unknown"])
        seq = str(int(link["seq"] or 1) - 1)
        row = [
            _number(link["patent_id"]),
            seq,
            aid,
            first,
            last,
            org,
            rng.choice(["2", "3", "4", "9", ""]),
            location,
        ]
        tables["g_assignee_disambiguated"].append(d.line(row))
        if d.hit(0.1):
            tables["g_assignee_disambiguated"].append(
                d.line(["99999999", "0", aid, "", "", org or "X", "2", location])
            )
    inventors = {i["inventor_id"]: i for i in _rows(canonical, "inventors")}
    for link in _rows(canonical, "patent_inventors"):
        i = inventors[link["inventor_id"]]
        iid = i["inventor_id"] if not d.hit(0.1) else ""
        location = locations.get(i["city_id"], "") if not d.hit(0.1) else "loc-unknown"
        seq = str(int(link["seq"] or 1) - 1)
        row = [_number(link["patent_id"]), seq, iid, i["name"][:1], i["name"][1:], "M", location]
        tables["g_inventor_disambiguated"].append(d.line(row))
    for link in _rows(canonical, "patent_ipc"):
        code = link["ipc_code"]
        section, klass, subclass = code[0], code[1:3], code[3]
        main, sub = code[5:].split("/") if "/" in code else ("", "")
        if d.hit(0.2):
            klass = klass.lstrip("0")
        if d.hit(0.1):
            section = ""
        if d.hit(0.1):
            main, sub = "", ""
        seq = str(int(link["seq"] or 1) - 1)
        row = [
            _number(link["patent_id"]),
            seq,
            "A",
            section,
            klass,
            subclass,
            main,
            sub,
            "I",
            "B",
            "H",
            "2010-01-01",
            "20060101",
        ]
        tables["g_ipc_at_issue"].append(d.line(row))
    categories = [
        "cited by examiner",
        "cited by applicant",
        "cited by other",
        "",
        "Cited By Examiner",
        "cited by third party",
    ]
    for k, cite in enumerate(_rows(canonical, "citations")):
        cited = _number(cite["cited_id"])
        if d.hit(0.2):
            cited = rng.choice(["", "abc", f"D0{cited}", f"US{cited}", "١٢", "RE038123"])
        row = [_number(cite["citing_id"]), str(k), cited, "2000-01-01", "rec", "B1", rng.choice(categories)]
        tables["g_us_patent_citation"].append(d.line(row))
        if d.hit(0.1):
            tables["g_us_patent_citation"].append(d.line(row))
    if rate:
        tables["g_us_patent_citation"].append('7\t0\t"open at the end\tof the file')
    for name, lines in tables.items():
        header = "\t".join(CURRENT[name])
        chunks = [lines[: len(lines) // 2], lines[len(lines) // 2 :]] if parts and len(lines) > 4 else [lines]
        for k, chunk in enumerate(chunks):
            stem = f"{name}_part{k + 1}" if len(chunks) > 1 else name
            text = header + "\n" + "".join(line + "\n" for line in chunk)
            if name == "g_us_patent_citation" and k == len(chunks) - 1:
                text = text.rstrip("\n")
            if parts and k == 0:
                with zipfile.ZipFile(out / f"{stem}.tsv.zip", "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr(f"{stem}.tsv", text)
            else:
                (out / f"{stem}.tsv").write_text(text, encoding="utf-8")
    return out
