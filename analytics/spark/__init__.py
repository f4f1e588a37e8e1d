"""The indicators on Apache Spark, from the lake of validated canonical tables (:mod:`graph.ingest.lake`).

:mod:`analytics.spark.lake` opens a lake that matches the database; :mod:`analytics.spark.links` builds
the patents' years, technologies and cities from its tables, as the graph's links are; the counts and
flows are joins and aggregations in Spark SQL (:mod:`analytics.spark.counting`,
:mod:`analytics.spark.sourcing`), and the small tables they end in are handed to the same pandas/numpy
code as the in-graph path (RSI, KCI/TCI, shares), so the two engines cannot diverge in convention.
"""
