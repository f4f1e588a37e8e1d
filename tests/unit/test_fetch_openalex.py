"""The OpenAlex fetch against a loopback API served in the test: cursor paging over several pages, a 429
with Retry-After, the chunked institution filter with works deduplicated, the resumed run, placement of
institutions in cities; and the snapshot reader. Real record shapes come from ../shared/data/openalex."""

from __future__ import annotations

import copy
import csv
import gzip
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import testkit

from graph.ingest.fetch.http import Backoff, client
from graph.ingest.science import openalex, openalex_snapshot
from graph.ingest.science.load import prepare
from hotspot_kg.core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
SHARED = next(
    (
        p
        for p in (ROOT.parent / "shared" / "data" / "openalex", Path("/work/shared/data/openalex"))
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "data" / "openalex",
)
N_INSTITUTIONS = 150  # two chunks of the institution filter: 100 and 50


def _api_server() -> ModuleType:
    return testkit.sibling(__file__, "api_server", "hotspot_api_server")


def shared(name: str) -> dict[str, Any]:
    path = SHARED / name
    testkit.need(
        path.is_file(), f"needs the real OpenAlex records of ../shared/data/openalex ({path} is absent)"
    )
    return json.loads(path.read_text(encoding="utf-8"))


def institutions() -> list[dict[str, Any]]:
    """Shenzhen institutions in the real record's shape: placed by GeoNames id, by coordinates, or not."""
    real = shared("institution.json")
    out = []
    for n in range(N_INSTITUTIONS):
        record = {k: copy.deepcopy(real[k]) for k in ("ror", "type", "geo")}
        record.update(
            id=f"https://openalex.org/I{1000 + n}", display_name=f"Institute {n}", country_code="CN"
        )
        record["geo"].update(
            country_code="CN", city="Shenzhen", geonames_city_id="1795565", latitude=22.54, longitude=114.06
        )
        if n == 1:  # no GeoNames id: the nearest city to its coordinates
            record["geo"].update(geonames_city_id=None, latitude=22.5455, longitude=114.0683)
        if n == 2:  # in the sea, far from any city: unplaced
            record["geo"].update(geonames_city_id=None, latitude=10.0, longitude=120.0)
        out.append(record)
    return out


def work(n: int, institution_ids: list[str]) -> dict[str, Any]:
    real = shared("work.json")
    record = {k: copy.deepcopy(real[k]) for k in ("type", "primary_topic")}
    authorship = copy.deepcopy(real["authorships"][0])
    authorships = []
    for iid in institution_ids:
        a = copy.deepcopy(authorship)
        a["institutions"] = [
            {"id": f"https://openalex.org/{iid}", "country_code": "US" if iid == "I136199984" else "CN"}
        ]
        authorships.append(a)
    record.update(id=f"https://openalex.org/W{n}", publication_year=2019, authorships=authorships)
    return record


class World:
    """The loopback API's data and behaviour: paging of 100, a 429 once on the first works call."""

    def __init__(self) -> None:
        self.institutions = institutions()
        ids = [r["id"].rsplit("/", 1)[1] for r in self.institutions]
        # works of the first and the last institution; W1 names both (it is in both chunks), W2 a partner
        self.works = [work(1, [ids[0], ids[-1]]), work(2, [ids[0], "I136199984"]), work(3, [ids[-1]])]
        self.harvard = shared("institution.json")
        self.throttled = False

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        assert int(params["per_page"]) <= 100 and "select" in params and params.get("api_key") == "k"
        if path == "/works" and not self.throttled:
            self.throttled = True
            return 429, {"Retry-After": "3"}, {"error": "slow down"}
        flt = params["filter"]
        if path == "/institutions" and flt == "country_code:CN":
            pool = self.institutions
        elif path == "/institutions" and flt.startswith("openalex:"):
            pool = [self.harvard] if "I136199984" in flt else []
        elif path == "/works":
            ids = set(flt.split(",")[0].split(":", 1)[1].split("|"))
            assert len(ids) <= 100
            pool = [
                w
                for w in self.works
                if {a["institutions"][0]["id"].rsplit("/", 1)[1] for a in w["authorships"]} & ids
            ]
        else:
            return 404, {}, {"error": "unknown"}
        start = 0 if params["cursor"] == "*" else int(params["cursor"])
        page = pool[start : start + int(params["per_page"])]
        following = start + len(page)
        meta = {"count": len(pool), "per_page": int(params["per_page"]),
                "next_cursor": str(following) if following < len(pool) else None}  # fmt: skip
        return 200, {}, {"meta": meta, "results": page}


def run_fetch(api: Any, out: Path, waits: list[float]) -> dict[str, int]:
    backoff = Backoff(attempts=3, sleep=waits.append)
    with client() as session:
        fetcher = openalex.Fetcher(session, out, base=api.base, api_key="k", backoff=backoff)
        return openalex.fetch(fetcher, openalex.Query("CN", 2000, 2020, ("Shenzhen",)))


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_fetch_pages_backs_off_chunks_dedupes_and_resumes(tmp_path: Path) -> None:
    world = World()
    waits: list[float] = []
    with _api_server().serve(world.answer) as api:
        rows = run_fetch(api, tmp_path, waits)
        institution_pages = [
            p for path, p in api.requests if path == "/institutions" and p["filter"] == "country_code:CN"
        ]
        assert [p["cursor"] for p in institution_pages] == ["*", "100"]  # cursor paging over two pages
        works_calls = [p for path, p in api.requests if path == "/works"]
        chunks = sorted(len(p["filter"].split(",")[0].split("|")) for p in works_calls if p["cursor"] == "*")
        # 100 + 49 ids (the unplaced one is not in Shenzhen); the first call was refused once with a 429
        assert chunks == [49, 100, 100]
        assert waits == [3.0]  # the server's Retry-After
        assert any(
            p["filter"] == "openalex:I136199984" for path, p in api.requests if path == "/institutions"
        )
        before = len(api.requests)
        assert run_fetch(api, tmp_path, waits) == rows  # resumed: the manifest lists every step
        assert len(api.requests) == before
    assert rows["works"] == 3 and rows["work_institutions"] == 5  # W1 fetched twice, kept once
    institutions = {r["institution_id"]: r for r in read(tmp_path / "institutions.csv")}
    assert institutions["I1000"]["city_id"] == "gn:1795565"  # by GeoNames id
    assert institutions["I1001"]["city_id"] == "gn:1795565"  # nearest city to its coordinates
    assert institutions["I1002"]["city_id"] == ""  # far from any city: unplaced
    assert institutions["I136199984"]["city_id"] == "gn:4931972"  # Harvard, Cambridge (US), the partner
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["source"] == "openalex" and all("api_key" not in f["url"] for f in manifest["files"])
    outcome = prepare(tmp_path, tmp_path / "rejects.csv")
    try:
        assert outcome.rejected == 0 and outcome.by_table["works"] == 3
    finally:
        outcome.staging.remove()


def test_an_unknown_city_is_said(tmp_path: Path) -> None:
    world = World()
    with _api_server().serve(world.answer) as api, client() as session:
        fetcher = openalex.Fetcher(session, tmp_path, base=api.base, api_key="k")
        with pytest.raises(InputError, match="no institution of CN in Atlantis"):
            openalex.fetch(fetcher, openalex.Query("CN", 2000, 2020, ("Atlantis",)))


def write_gz(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)


def test_snapshot_files_are_read_like_the_api(tmp_path: Path) -> None:
    world = World()
    root = tmp_path / "snapshot" / "data"
    write_gz(
        root / "institutions" / "updated_date=2026-03-01" / "part_000.gz",
        [*world.institutions[:3], world.harvard],
    )
    old = work(9, ["I1000"]) | {"publication_year": 1990}
    write_gz(root / "works" / "updated_date=2026-03-01" / "part_000.gz", [*world.works, old])
    write_gz(root / "works" / "updated_date=2026-03-02" / "part_000.gz", [world.works[0]])  # updated again
    rows = openalex_snapshot.convert(
        tmp_path / "snapshot", tmp_path / "out", openalex.Query("CN", 2000, 2020)
    )
    assert rows["works"] == 2  # W1 and W2 (W3 names no institution of the part), 1990 left out, W1 once
    works = {r["work_id"]: r for r in read(tmp_path / "out" / "works.csv")}
    assert works["W1"]["field"] == "fields/18" and works["W1"]["year"] == "2019"
    (root / "works" / "updated_date=2026-03-02" / "part_000.gz").write_bytes(b"not gzip")
    with pytest.raises(InputError, match=r"part_000\.gz: after line 0, not a readable gzip"):
        openalex_snapshot.convert(tmp_path / "snapshot", tmp_path / "out2", openalex.Query("CN", 2000, 2020))
