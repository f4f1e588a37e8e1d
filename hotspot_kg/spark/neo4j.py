"""The options that point Neo4j's Connector for Apache Spark at the database of the settings."""

from __future__ import annotations

from hotspot_kg.core.settings import Settings

FORMAT = "org.neo4j.spark.DataSource"


def connector_options(settings: Settings) -> dict[str, str]:
    return {
        "url": settings.uri,
        "authentication.type": "basic",
        "authentication.basic.username": settings.user,
        "authentication.basic.password": settings.password,
        "database": settings.database,
    }
