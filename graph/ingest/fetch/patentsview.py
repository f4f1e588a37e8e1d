"""``hotspot-kg fetch patentsview``: the PatentsView granted-patent tables into a folder, with a manifest.

Where the files are is data (``sources.toml``): the S3 bucket (default), the USPTO Open Data Portal
(``odp``: the product metadata gives each file's size and release date; a key goes in ``x-api-key``),
or any base URL under which the files sit by their own names (``--source https://mirror/dir/``).
Every file is downloaded with :func:`graph.ingest.fetch.folder.fetch_to_folder` (resumed after an
interruption, retried on 429/5xx, size and zip checked) and recorded in ``manifest.json``; a file the
manifest shows complete is not fetched again. The folder is what ``hotspot-kg load patentsview``
reads.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import requests
from rich.progress import Progress

from graph.ingest.fetch.download import zip_check
from graph.ingest.fetch.folder import Fetched, fetch_to_folder
from graph.ingest.fetch.http import Backoff, Wait, client, get_json
from graph.ingest.fetch.manifest import Manifest
from hotspot_kg.core.errors import ConfigError, FetchError

SOURCE = "patentsview"
# the ODP file fields read, first found wins, for the release date of a file
RELEASE_FIELDS = ("fileReleaseDate", "fileDataToDate", "fileLastModifiedDateTime")


@cache
def config() -> dict[str, Any]:
    """The ``[patentsview]`` section of ``sources.toml``."""
    text = resources.files("graph.ingest.fetch").joinpath("sources.toml").read_text(encoding="utf-8")
    section: dict[str, Any] = tomllib.loads(text)[SOURCE]
    return section


@dataclass(frozen=True)
class Planned:
    """One file to fetch: its table, file name, URL, and what the source says of it."""

    table: str
    name: str
    url: str
    bytes: int | None = None
    release: str | None = None


@dataclass
class Plan:
    origin: str  # s3, odp, or the base URL given
    files: list[Planned]
    headers: dict[str, str] = field(default_factory=dict)
    release: str | None = None


def tables_for(names: Sequence[str] | None) -> list[str]:
    """The tables to fetch: the default ones, ``all`` (with the optional ones), or those named."""
    cfg = config()
    known = [*cfg["tables"], *cfg["optional"]]
    if not names:
        return list(cfg["tables"])
    if [n.lower() for n in names] == ["all"]:
        return known
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(
            f"unknown PatentsView table(s) {', '.join(unknown)}; choose from {', '.join(known)}"
        )
    return list(dict.fromkeys(names))


def file_name(table: str) -> str:
    return str(config()["file"]).format(table=table)


def plan(
    session: requests.Session,
    source: str,
    tables: Sequence[str],
    *,
    api_key: str | None = None,
    api_key_env: str = "USPTO_API_KEY",
    backoff: Backoff | None = None,
    on_wait: Wait | None = None,
) -> Plan:
    """Where each table's file is, for ``source`` (``s3``, ``odp`` or a base URL)."""
    sources: dict[str, dict[str, str]] = config()["sources"]
    if source in sources and "metadata" in sources[source]:
        odp = sources[source]
        return plan_listed(
            session, odp["metadata"], odp["url"], tables, source, odp.get("key_header", "x-api-key"),
            api_key, api_key_env, backoff=backoff, on_wait=on_wait,
        )  # fmt: skip
    if source in sources:
        template = sources[source]["url"]
    elif source.startswith(("http://", "https://")):
        template = source.rstrip("/") + "/{file}"
    else:
        raise ConfigError(f"--source {source!r}: give {', '.join(sources)} or a base URL (https://...)")
    files = [Planned(t, file_name(t), template.format(file=file_name(t))) for t in tables]
    return Plan(source, files)


def plan_listed(
    session: requests.Session,
    metadata_url: str,
    url_template: str,
    tables: Sequence[str],
    origin: str,
    key_header: str,
    api_key: str | None,
    api_key_env: str,
    *,
    backoff: Backoff | None = None,
    on_wait: Wait | None = None,
) -> Plan:
    """The files of a portal that lists its product's files (USPTO ODP: ``bulkDataProductBag``)."""
    headers = {key_header: api_key} if api_key else {}
    try:
        product = get_json(session, metadata_url, headers=headers, backoff=backoff, on_wait=on_wait)
    except FetchError as e:
        if not api_key and any(f"HTTP {code}" in str(e) for code in (401, 403)):
            raise FetchError(
                f"{e}. The portal wants an API key: put yours in the variable {api_key_env} "
                f"(or name another with --api-key-env), or use --source s3"
            ) from None
        raise
    listed = {f.get("fileName"): f for f in _files_of(product, metadata_url)}
    missing = [file_name(t) for t in tables if file_name(t) not in listed]
    if missing:
        raise FetchError(
            f"{metadata_url}: the product does not list {', '.join(missing)} "
            f"(it lists {', '.join(sorted(str(n) for n in listed)[:12])}); the files may have been "
            "renamed: fix the file pattern in graph/ingest/fetch/sources.toml, or use --source s3"
        )
    files = []
    for table in tables:
        meta = listed[file_name(table)]
        url = meta.get("fileDownloadURI") or url_template.format(file=file_name(table))
        size = meta.get("fileSize")
        release = next((str(meta[k])[:10] for k in RELEASE_FIELDS if meta.get(k)), None)
        files.append(Planned(table, file_name(table), url, int(size) if size else None, release))
    releases = [f.release for f in files if f.release]
    return Plan(origin, files, headers, max(releases) if releases else None)


def _files_of(product: Any, url: str) -> list[dict[str, Any]]:
    try:
        bag = product["bulkDataProductBag"][0]["productFileBag"]["fileDataBag"]
        return [f for f in bag if isinstance(f, dict)]
    except (KeyError, IndexError, TypeError):
        raise FetchError(
            f"{url}: the answer has no bulkDataProductBag[0].productFileBag.fileDataBag; the portal's "
            "format may have changed: use --source s3, or a base URL"
        ) from None


@dataclass
class Report:
    folder: Path
    manifest: Manifest
    fetched: list[Fetched]


def fetch(
    out: Path,
    the_plan: Plan,
    *,
    session: requests.Session | None = None,
    progress: Progress | None = None,
    backoff: Backoff | None = None,
    force: bool = False,
) -> Report:
    """Download the planned files into ``out`` and record them in ``out/manifest.json``."""
    session = session or client()
    manifest = Manifest.read(out)
    if manifest is None or manifest.source != SOURCE:
        manifest = Manifest(SOURCE)
    manifest.origin, manifest.release = the_plan.origin, the_plan.release or manifest.release
    fetched = []
    for f in the_plan.files:
        got = fetch_to_folder(
            session, f.url, out, f.name, manifest,
            check=zip_check, expected_bytes=f.bytes, release=f.release, table=f.table,
            headers=the_plan.headers, progress=progress, backoff=backoff, force=force,
        )  # fmt: skip
        fetched.append(got)
    manifest.write(out)
    return Report(out, manifest, fetched)
