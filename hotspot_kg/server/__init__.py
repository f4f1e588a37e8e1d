"""The project's own Neo4j server: built from Maven Central jars, started and stopped as a local process."""

from hotspot_kg.server.build import ensure_built
from hotspot_kg.server.pins import Pins, pins
from hotspot_kg.server.process import ServerStatus, start, status, stop

__all__ = ["Pins", "ServerStatus", "ensure_built", "pins", "start", "status", "stop"]
