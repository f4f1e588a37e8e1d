"""The load pipeline: read -> validate (to a staging spool and a rejects file) -> load (online or bulk).

Nothing touches the database until the whole input has been read and validated, so a malformed file
(an :class:`InputError` from a reader) changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn

from graph.ingest.load_online import RateColumn
from graph.ingest.readers import READERS, canonical
from graph.ingest.readers.common import NoticeLog
from graph.ingest.staging import Staging
from graph.ingest.validate import LoadOutcome, Outcome, Tally, validate
from hotspot_kg.core.errors import ConfigError, InputError

T = TypeVar("T", bound=Tally)

DEFAULT_OUT = Path("out")


class TooManyRejects(InputError):
    """More rows were rejected than ``--max-reject-rate`` allows (the good rows are loaded)."""


def default_rejects_file(path: Path, out: Path = DEFAULT_OUT) -> Path:
    """``out/rejects/<input name>-<UTC time>.csv``: where a load writes its rejects unless told otherwise."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return out / "rejects" / f"{Path(path).name or 'input'}-{stamp}.csv"


def prepare(
    fmt: str,
    path: Path,
    rejects_file: Path,
    staging_parent: Path | None = None,
    console: Console | None = None,
) -> Outcome:
    """Read and validate the input; the valid records wait in the returned outcome's staging.

    With a ``console``, a progress line shows the rows read and the rate.
    """
    if fmt not in READERS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(READERS))}")
    Path(rejects_file).parent.mkdir(parents=True, exist_ok=True)
    staging = Staging(staging_parent)
    # the canonical folder is read table by table into frames; the other readers yield rows and
    # note what the user should know about rows they still read (an unplaced city, an old IPC code)
    notices = NoticeLog(notices_file(Path(rejects_file)))
    try:
        rows = canonical.frames(Path(path)) if fmt == "canonical" else READERS[fmt](Path(path), notices)
        if console is None:
            return noted(validate(rows, Path(rejects_file), staging), notices)
        with Progress(
            TextColumn("{task.description:<18}"),
            TextColumn("{task.completed:>12,.0f} rows"),
            RateColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as bars:
            task = bars.add_task("read + validate", total=None)
            outcome = validate(rows, Path(rejects_file), staging, lambda n: bars.advance(task, n))
            bars.update(task, completed=outcome.rows)
        return noted(outcome, notices)
    except BaseException:
        notices.discard()
        staging.remove()
        raise


def notices_file(rejects_file: Path) -> Path:
    """Where the notices of a load go: beside its rejects file (``...-notices.csv``)."""
    return rejects_file.with_name(rejects_file.stem + "-notices.csv")


def noted(outcome: T, notices: NoticeLog) -> T:
    """The outcome with the readers' notices, whose file (beside the rejects file, if there are any) is
    finished now that the read went well."""
    outcome.notices = len(notices)
    outcome.notices_file = notices.close()
    return outcome


def check_reject_rate(outcome: LoadOutcome, max_rate: float) -> None:
    """Raise :class:`TooManyRejects` when the share of rejected rows passes ``max_rate``."""
    if outcome.reject_rate > max_rate:
        raise TooManyRejects(
            f"{outcome.rejected} of {outcome.rows} rows ({outcome.reject_rate:.2%}) were rejected, more than "
            f"--max-reject-rate {max_rate:.2%}; the good rows were loaded. See {outcome.rejects_file} "
            "for file, line and reason of each"
        )
