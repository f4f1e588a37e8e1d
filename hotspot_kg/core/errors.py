"""One root exception for the project; every message says how to fix the problem.

The CLI prints ``Error: <message>`` for any :class:`HotspotError` and exits with status 1,
so library code raises these instead of printing.
"""

from __future__ import annotations


class HotspotError(Exception):
    """Root of every error that hotspot-kg raises on purpose."""


class ConfigError(HotspotError):
    """A setting is missing or invalid (environment, CLI option, settings file)."""


class ServerError(HotspotError):
    """The local Neo4j server could not be built, started, stopped or reached."""


class ConnectionFailed(HotspotError):
    """The database at NEO4J_URI did not answer, or refused the credentials."""


class QueryError(HotspotError):
    """A named query is missing, malformed, or was called with wrong parameters."""


class ServerOutOfMemory(QueryError):
    """The server ran out of the memory one transaction may use (a query too large for its heap)."""


class InputError(HotspotError):
    """An input file cannot be read at all (wrong columns, bad encoding, truncated archive)."""


class IndicatorError(HotspotError):
    """An indicator was asked for with settings it does not take, or on data it cannot use."""


class ContainerError(HotspotError):
    """A container image could not be built, or the container engine or a container failed."""


class LakeError(HotspotError):
    """A lake of validated tables that is missing, damaged or does not match the database."""


class FetchError(HotspotError):
    """A download failed: the server refused or kept failing, or what arrived is incomplete or damaged."""


class SparkError(HotspotError):
    """Apache Spark is missing (the ``spark`` extra), could not start, or a Spark job failed."""
