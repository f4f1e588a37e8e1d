"""``hotspot-kg fetch patentsview`` against a loopback server holding zips built from the fixtures.

Two source layouts are served: a plain base URL with the files under their own names (the S3
bucket's layout, and ``--source URL``), and the Open Data Portal's (product metadata listing each
file with size and dates, an API key in ``x-api-key``, files answered with a redirect).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph.ingest.fetch import patentsview
from graph.ingest.fetch.http import client
from graph.ingest.fetch.manifest import Manifest
from graph.ingest.readers.patentsview import read
from hotspot_kg.cli import main
from hotspot_kg.core.errors import ConfigError, FetchError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "patentsview"
TABLES = patentsview.config()["tables"]


def zipped(table: str) -> bytes:
    """The fixture table as PatentsView ships it: one member ``TABLE.tsv`` in ``TABLE.tsv.zip``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # a fixed member time: the same bytes on every call (writestr's default is the current time, so two
        # calls a second apart gave different zips and checksums)
        member = zipfile.ZipInfo(f"{table}.tsv", date_time=(2025, 9, 30, 14, 2, 50))
        archive.writestr(member, (FIXTURES / f"{table}.tsv").read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def serve_bucket(loopback: Any) -> str:
    for table in TABLES:
        loopback.files[f"/download/{table}.tsv.zip"] = zipped(table)
        loopback.headers[f"/download/{table}.tsv.zip"] = {"Last-Modified": "Tue, 30 Sep 2025 14:02:51 GMT"}
    return loopback.url("/download/")


def serve_portal(loopback: Any, key: str = "k-123") -> str:
    """The ODP layout: metadata at /products/pvgpatdis, files at /files/PVGPATDIS/NAME -> /cdn/NAME."""
    bag = []
    for table in TABLES:
        name = f"{table}.tsv.zip"
        body = zipped(table)
        loopback.files[f"/cdn/{name}"] = body
        loopback.redirects[f"/files/PVGPATDIS/{name}"] = f"/cdn/{name}"
        bag.append({"fileName": name, "fileSize": len(body), "fileDataFromDate": "1976-01-06",
                    "fileDataToDate": "2025-06-30", "fileReleaseDate": "2025-09-30",
                    "fileDownloadURI": loopback.url(f"/files/PVGPATDIS/{name}")})  # fmt: skip
    product = {"count": 1, "bulkDataProductBag": [{"productIdentifier": "PVGPATDIS",
               "productFileBag": {"count": len(bag), "fileDataBag": bag}}]}  # fmt: skip
    loopback.files["/products/pvgpatdis"] = json.dumps(product).encode()
    loopback.keys["/products/"] = loopback.keys["/files/"] = ("x-api-key", key)
    return loopback.url("/products/pvgpatdis")


def test_a_base_url_fetch_gives_a_folder_the_reader_reads(loopback: Any, tmp_path: Path) -> None:
    base = serve_bucket(loopback)
    the_plan = patentsview.plan(client(), base, patentsview.tables_for(None))
    assert [f.url for f in the_plan.files] == [loopback.url(f"/download/{t}.tsv.zip") for t in TABLES]
    report = patentsview.fetch(tmp_path, the_plan)
    manifest = Manifest.read(tmp_path)
    assert manifest is not None and manifest.source == "patentsview" and manifest.origin == base
    for table in TABLES:
        entry = manifest.files[f"{table}.tsv.zip"]
        body = zipped(table)
        assert (entry.table, entry.bytes, entry.sha256) == (
            table,
            len(body),
            hashlib.sha256(body).hexdigest(),
        )
        assert entry.last_modified == "Tue, 30 Sep 2025 14:02:51 GMT" and entry.release is None
    assert not report.fetched[0].skipped
    # the fetched zips read exactly as the plain fixture tables do
    assert [(r.table, r.values) for r in read(tmp_path)] == [(r.table, r.values) for r in read(FIXTURES)]
    # a second run finds every file complete and downloads nothing
    asked = len(loopback.requests)
    again = patentsview.fetch(tmp_path, patentsview.plan(client(), base, patentsview.tables_for(None)))
    assert all(f.skipped for f in again.fetched) and len(loopback.requests) == asked


def test_the_portal_layout_with_its_key_sizes_and_release(loopback: Any, tmp_path: Path) -> None:
    metadata = serve_portal(loopback)
    url = loopback.url("/files/PVGPATDIS/{file}")
    tables = ["g_patent", "g_application"]
    the_plan = patentsview.plan_listed(client(), metadata, url, tables, "odp", "x-api-key", "k-123", "KEY")
    assert the_plan.release == "2025-09-30" and the_plan.headers == {"x-api-key": "k-123"}
    assert [f.bytes for f in the_plan.files] == [len(zipped(t)) for t in tables]
    patentsview.fetch(tmp_path, the_plan)
    manifest = Manifest.read(tmp_path)
    assert manifest is not None and manifest.release == "2025-09-30" and manifest.origin == "odp"
    assert (tmp_path / "g_patent.tsv.zip").read_bytes() == zipped("g_patent")
    assert ("/cdn/g_patent.tsv.zip", None) in loopback.requests  # followed the portal's redirect


def test_the_portal_without_a_key_says_which_variable_to_set(loopback: Any) -> None:
    metadata = serve_portal(loopback)
    with pytest.raises(FetchError, match=r"HTTP 403 Forbidden.*put yours in the variable MY_KEY"):
        patentsview.plan_listed(client(), metadata, "", ["g_patent"], "odp", "x-api-key", None, "MY_KEY")


def test_a_file_the_portal_does_not_list_is_named(loopback: Any) -> None:
    metadata = serve_portal(loopback)
    with pytest.raises(FetchError, match=r"does not list g_cpc_current.tsv.zip"):
        patentsview.plan_listed(client(), metadata, "", ["g_cpc_current"], "odp", "x-api-key", "k-123", "KEY")


def test_a_size_other_than_the_portal_lists_is_refused(loopback: Any, tmp_path: Path) -> None:
    metadata = serve_portal(loopback)
    loopback.files["/cdn/g_patent.tsv.zip"] += b"extra"
    the_plan = patentsview.plan_listed(client(), metadata, "", ["g_patent"], "odp", "x-api-key", "k-123", "K")
    with pytest.raises(FetchError, match="where the source lists"):
        patentsview.fetch(tmp_path, the_plan)
    assert not (tmp_path / "g_patent.tsv.zip").exists()


def test_a_truncated_table_is_refused_and_the_others_stay(loopback: Any, tmp_path: Path) -> None:
    base = serve_bucket(loopback)
    loopback.files["/download/g_application.tsv.zip"] = zipped("g_application")[:-30]
    with pytest.raises(FetchError, match=r"g_application.tsv.zip: not a whole zip archive"):
        patentsview.fetch(tmp_path, patentsview.plan(client(), base, ["g_patent", "g_application"]))
    manifest = Manifest.read(tmp_path)
    assert manifest is not None and list(manifest.files) == ["g_patent.tsv.zip"]
    assert not (tmp_path / "g_application.tsv.zip").exists()


def test_tables_and_sources_are_checked() -> None:
    assert patentsview.tables_for(["all"])[-2:] == ["g_cpc_current", "g_foreign_citation"]
    assert patentsview.tables_for(["g_patent", "g_patent"]) == ["g_patent"]
    with pytest.raises(ConfigError, match="unknown PatentsView table"):
        patentsview.tables_for(["g_nothing"])
    with pytest.raises(ConfigError, match="give s3, odp or a base URL"):
        patentsview.plan(client(), "ftp-mirror", ["g_patent"])
    s3 = patentsview.plan(client(), "s3", ["g_patent"])
    assert s3.files[0].url == "https://s3.amazonaws.com/data.patentsview.org/download/g_patent.tsv.zip"


def test_the_command(loopback: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = serve_bucket(loopback)
    out = tmp_path / "pv"
    assert main(["fetch", "patentsview", "--out", str(out), "--source", base]) == 0
    printed = capsys.readouterr().out
    assert "g_us_patent_citation.tsv.zip" in printed and f"hotspot-kg load patentsview {out}" in printed
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{t}.tsv.zip" for t in TABLES), "manifest.json"]
    )
    assert main(["fetch", "patentsview", "--out", str(out), "--tables", "g_nope"]) == 1
    assert "Error: unknown PatentsView table(s) g_nope" in capsys.readouterr().err


def test_a_server_that_keeps_failing_ends_in_one_error_line(
    loopback: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = serve_bucket(loopback)
    for _ in range(6):
        loopback.fault("/download/g_patent.tsv.zip", "status", 503, {"Retry-After": "0"})
    assert (
        main(["fetch", "patentsview", "--out", str(tmp_path), "--source", base, "--tables", "g_patent"]) == 1
    )
    err = capsys.readouterr().err
    assert "Error: " in err and "HTTP 503 Service Unavailable after 6 tries" in err
