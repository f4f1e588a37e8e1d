"""Apache Spark for inputs and indicators too large for one process: the pinned runtime, its jars, sessions
and a standalone cluster on this machine.

pyspark is the optional ``spark`` extra (``pip install 'hotspot-kg[spark]'``; ``make install`` includes
it); Neo4j's Connector for Apache Spark and its dependencies are resolved from Maven Central into
``.spark/jars`` (:mod:`hotspot_kg.spark.jars`) and given to every session through ``spark.jars``.
"""

from hotspot_kg.spark.config import SparkSettings, spark_settings
from hotspot_kg.spark.session import require_pyspark, session

__all__ = ["SparkSettings", "require_pyspark", "session", "spark_settings"]
