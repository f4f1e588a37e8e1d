"""The canonical load on Apache Spark: the reader (:mod:`.canonical`) and the validator (:mod:`.validate`),
with the same rows, rejects and records as the in-process :mod:`graph.ingest.validate`."""
