"""The science side: publications (OpenAlex works), their institutions and cities, and the economic context.

``tables`` reads a science folder (``works.csv``, ``work_institutions.csv``, ``institutions.csv``,
``cities.csv``, ``city_context.csv``), ``validate`` checks it like the patent tables (rejects with file,
line and reason), ``load`` writes it to Neo4j with MERGE on keys; ``openalex`` turns API records and
snapshot files into those tables, ``worldbank`` fills the country rows of the context.
"""
