"""Containers for hotspot-kg: the project's Neo4j image, Podman as an engine, and Testcontainers.

- :mod:`~hotspot_kg.container.podman`: Podman's packages, settings and Docker-API socket
- :mod:`~hotspot_kg.container.rootfs`: the Debian + Java 17 base image (debootstrap, no registry)
- :mod:`~hotspot_kg.container.image`: the Neo4j image ``localhost/hotspot-kg-neo4j:<version>``
- :mod:`~hotspot_kg.container.engine`: which engine Testcontainers uses (Docker if it answers, else Podman)
- :mod:`~hotspot_kg.container.testcontainer`: ``neo4j_container()``, a Neo4j + GDS container for tests
"""
