"""The load pipeline: read -> validate (to a staging spool and a rejects file) -> load (online or bulk).

Nothing touches the database until the whole input has been read and validated, so a malformed file
(an :class:`InputError` from a reader) changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.ingest.readers import READERS
from graph.ingest.staging import Staging
from graph.ingest.validate import Outcome, validate
from hotspot_kg.errors import ConfigError, InputError

# Readers that yield their tables in LOAD_ORDER already, so validation needs no spool of raw rows.
IN_LOAD_ORDER = frozenset({"canonical"})
DEFAULT_OUT = Path("out")


class TooManyRejects(InputError):
    """More rows were rejected than ``--max-reject-rate`` allows (the good rows are loaded)."""


def default_rejects_file(path: Path, out: Path = DEFAULT_OUT) -> Path:
    """``out/rejects/<input name>-<UTC time>.csv``: where a load writes its rejects unless told otherwise."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return out / "rejects" / f"{Path(path).name or 'input'}-{stamp}.csv"


def prepare(fmt: str, path: Path, rejects_file: Path, staging_parent: Path | None = None) -> Outcome:
    """Read and validate the input; the valid records wait in the returned outcome's staging."""
    if fmt not in READERS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(READERS))}")
    staging = Staging(staging_parent)
    try:
        return validate(READERS[fmt](Path(path)), Path(rejects_file), staging, in_order=fmt in IN_LOAD_ORDER)
    except BaseException:
        staging.remove()
        raise


def check_reject_rate(outcome: Outcome, max_rate: float) -> None:
    """Raise :class:`TooManyRejects` when the share of rejected rows passes ``max_rate``."""
    if outcome.reject_rate > max_rate:
        raise TooManyRejects(
            f"{outcome.rejected} of {outcome.rows} rows ({outcome.reject_rate:.2%}) were rejected, more than "
            f"--max-reject-rate {max_rate:.2%}; the good rows were loaded. See {outcome.rejects_file} "
            "for file, line and reason of each"
        )
