// The datasets loaded into the graph (their provenance, recorded by `hotspot-kg load`), newest load first.
MATCH (d:Dataset)
RETURN d.source AS source, d.origin AS origin, d.release AS release, d.fetched_at AS fetched_at,
       d.last_modified AS last_modified, toString(d.loaded_at) AS loaded_at, d.format AS format,
       d.path AS path, d.files AS files, d.bytes AS bytes, d.simulated AS simulated,
       d.rows AS rows, d.rejected AS rejected
ORDER BY d.loaded_at DESC
