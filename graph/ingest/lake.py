"""The lake: the validated canonical tables of one load as Parquet, tied to the database they were loaded into.

A load writes the tables it staged (the validated canonical tables and those derived from them: the same
datasets :class:`graph.ingest.staging.Staging` holds after :func:`graph.ingest.validate.validate`) as one
Parquet dataset per table, ``ROOT/<table>/part-*.parquet``, with the types of :data:`SCHEMA`, whichever
engine wrote them (pandas here, Spark in ``graph.ingest.spark``). ``ROOT/lake.json`` says what the lake
holds and, once the load is done, the data stamp of the database (:func:`graph.stamp.data_stamp`). The
indicators on Spark read the lake only while the database still has that stamp: another load or a reset
changes it, and :func:`require_matching` refuses with the way to rebuild the lake.

A lake is written to ``ROOT.partial`` and renamed into place when complete, so a killed load never leaves
a lake that looks whole.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from graph.ingest.staging import Staging
from hotspot_kg.core import files
from hotspot_kg.core.errors import LakeError
from hotspot_kg.core.settings import PROJECT_ROOT, Settings

FORMAT = "hotspot-kg-lake"
VERSION = 1
MANIFEST = "lake.json"

_s, _i, _f, _b, _d = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in columns])


# The tables of a lake and their columns: the staged frames of the in-process validator, typed.
SCHEMA: dict[str, pa.Schema] = {
    "cities": _schema(
        ("id", _s), ("name", _s), ("country", _s), ("province", _s), ("lat", _f), ("lon", _f),
        ("location_source", _s),
    ),
    "applicants": _schema(("id", _s), ("name", _s), ("type", _s), ("type_rule", _s), ("city_id", _s), ("label", _s)),
    "inventors": _schema(("id", _s), ("name", _s), ("city_id", _s)),
    "ownership": _schema(("applicant_id", _s), ("code", _s), ("source", _s)),
    "patents": _schema(
        ("id", _s), ("filing_date", _d), ("year", _i), ("priority_year", _i), ("office", _s), ("kind", _s),
        ("family_id", _s), ("title", _s),
    ),
    "patent_applicants": _schema(("patent_id", _s), ("applicant_id", _s), ("seq", _i)),
    "patent_inventors": _schema(("patent_id", _s), ("inventor_id", _s), ("seq", _i)),
    "patent_ipc": _schema(("patent_id", _s), ("code", _s), ("seq", _i), ("main", _b)),
    "citations": _schema(("citing_id", _s), ("cited_id", _s), ("origins", _s)),  # ;-joined, one row a pair
    "tech_fields": _schema(("id", _i), ("name", _s), ("sector", _s)),
    "ownership_types": _schema(("code", _s), ("name", _s)),
    "countries": _schema(("code", _s), ("name", _s)),
    "ipc": _schema(
        ("code", _s), ("level", _s), ("field", _i), ("title", _s), ("section", _s), ("class", _s),
        ("subclass", _s), ("main_group", _s), ("group", _s),
    ),
    "ipc_parents": _schema(("code", _s), ("parent", _s)),
    "ipc_fields": _schema(("code", _s), ("field", _i)),
    "patent_stubs": _schema(("id", _s)),
}  # fmt: skip


@dataclass(frozen=True)
class Manifest:
    """What ``lake.json`` records."""

    engine: str  # which engine wrote the tables: "local" (pandas) or "spark"
    source: dict[
        str, Any
    ]  # the input: format and path (and a fetch manifest's provenance, when there is one)
    rows: dict[str, int]  # rows per table
    created: str
    stamp: str | None = None  # the database's data stamp after the load; None until the load is done
    database: dict[str, str] = field(default_factory=dict)  # uri and name of the database loaded into
    format: str = FORMAT
    version: int = VERSION


def default_root(settings: Settings) -> Path:
    """``data/lake/<host>-<port>-<database>``: one lake per database, beside the project's data."""
    where = re.sub(r"[^A-Za-z0-9.]+", "-", settings.uri.split("://", 1)[-1]).strip("-")
    return PROJECT_ROOT / "data" / "lake" / f"{where}-{settings.database}"


def write_staging(staging: Staging, root: Path, *, source: dict[str, Any]) -> Manifest:
    """Write the staged tables to a new lake at ``root`` (replacing one there), not yet stamped."""
    partial = begin(root)
    rows: dict[str, int] = {}
    for table, schema in SCHEMA.items():
        frame = staging.frame(table).reindex(columns=schema.names)
        arrow = pa.Table.from_pandas(frame, schema=schema, preserve_index=False, safe=True)
        (partial / table).mkdir(parents=True)
        pq.write_table(arrow, partial / table / "part-00000.parquet")
        rows[table] = arrow.num_rows
    manifest = Manifest("local", source, rows, now())
    return finish(partial, root, manifest)


def begin(root: Path) -> Path:
    """A new, empty ``ROOT.partial`` folder to write the tables of the lake at ``root`` into."""
    partial = root.with_name(root.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def finish(partial: Path, root: Path, manifest: Manifest) -> Manifest:
    """Put the manifest into the complete tables at ``partial`` and move them to ``root``."""
    _write_manifest(partial, manifest)
    shutil.rmtree(root, ignore_errors=True)
    partial.rename(root)
    return manifest


def stamp(root: Path, data_stamp: str, settings: Settings) -> Manifest:
    """Record that the lake at ``root`` was loaded into ``settings``' database, which now has ``data_stamp``."""
    manifest = read_manifest(root)
    stamped = Manifest(**{**asdict(manifest), "stamp": data_stamp,
                          "database": {"uri": settings.uri, "name": settings.database}})  # fmt: skip
    _write_manifest(root, stamped)
    return stamped


def _write_manifest(root: Path, manifest: Manifest) -> None:
    with files.replaced(root / MANIFEST) as partial:
        partial.write_text(json.dumps(asdict(manifest), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(root: Path) -> Manifest:
    path = root / MANIFEST
    if not path.is_file():
        raise LakeError(f"no lake at {root} ({MANIFEST} is missing): {_REBUILD}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (ValueError, TypeError) as e:
        raise LakeError(f"{path} is damaged ({e}): {_REBUILD}") from e
    if manifest.format != FORMAT or manifest.version != VERSION:
        raise LakeError(f"{path} is a {manifest.format} v{manifest.version} lake; this version reads "
                        f"{FORMAT} v{VERSION}: {_REBUILD}")  # fmt: skip
    missing = [t for t in SCHEMA if not (root / t).is_dir()]
    if missing:
        raise LakeError(f"the lake at {root} lacks the tables {', '.join(missing)}: {_REBUILD}")
    return manifest


def require_matching(root: Path, data_stamp: str) -> Manifest:
    """The lake's manifest, if the database still holds what was loaded with it; else a LakeError."""
    manifest = read_manifest(root)
    if manifest.stamp is None:
        raise LakeError(f"the lake at {root} was written but its load did not finish: {_REBUILD}")
    if manifest.stamp != data_stamp:
        raise LakeError(
            f"the lake at {root} does not match the database: it was loaded when the database held "
            f"[{manifest.stamp}], and it now holds [{data_stamp}] (another load or a reset since): {_REBUILD}"
        )
    return manifest


def table_path(root: Path, table: str) -> Path:
    if table not in SCHEMA:
        raise LakeError(f"no table {table!r} in a lake; the tables are {', '.join(SCHEMA)}")
    return root / table


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_REBUILD = (
    "rebuild it by loading the data again with a lake into an empty database, e.g. "
    "`hotspot-kg reset` then `hotspot-kg load FORMAT PATH --engine spark --bulk --lake DIR`"
)
