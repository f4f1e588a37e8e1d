"""The load on Apache Spark: canonical input read and validated as DataFrame jobs, written as a lake, and
carried into Neo4j by ``neo4j-admin database import`` (bulk) or Neo4j's Connector for Apache Spark (online)."""
