"""The real JVM and its class-data-sharing archive: a bad archive is dropped, a new one made, then used."""

from __future__ import annotations

from neo4j import Driver

from hotspot_kg.core import db
from hotspot_kg.core import settings as settings_module
from hotspot_kg.server import cds, conf, process


def _answers(driver: Driver, database: str) -> bool:
    return bool(db.run(driver, "RETURN 1 AS one", database=database).loc[0, "one"] == 1)


def test_a_rejected_archive_is_dropped_then_one_is_made_and_used(
    local_settings: settings_module.Settings, local_driver: Driver
) -> None:
    config, local, database = local_settings, local_settings.local, local_settings.database
    target = cds.archive(local, conf.JVM_FLAGS, conf.classpath(local))
    quiet = lambda _: None  # noqa: E731

    process.stop(config, echo=quiet)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.write_bytes(b"not a CDS archive" * 1000)
    process.start(config, echo=quiet)  # the JVM ignores the archive, the server starts
    assert _answers(local_driver, database)
    assert not target.exists()

    process.stop(config, echo=quiet)
    process.start(config, echo=quiet)  # no archive: this JVM writes one at exit
    assert cds.ticket(local).exists()
    process.stop(config, echo=quiet)
    assert target.is_file() and target.stat().st_size > 1_000_000
    assert not list(target.parent.glob("*.part"))

    process.start(config, echo=quiet)
    pid = process.running_pid(local)
    assert pid is not None and cds.mapped(pid, target)
    assert _answers(local_driver, database)
