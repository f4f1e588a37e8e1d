// The novelty written back on patents (by novelty_write_patents), so that a new run writes only
// what changed: one row of parallel lists (patent_id, novel, novelty_type, new_classes,
// new_pairs, settings); a property someone removed reads as null-like ('' or -1).
// :columns
MATCH (p:Patent)
WHERE p.novelty_type IS NOT NULL
RETURN collect(p.id) AS patent_id, collect(coalesce(p.novel, '')) AS novel,
       collect(p.novelty_type) AS novelty_type, collect(coalesce(p.new_classes, -1)) AS new_classes,
       collect(coalesce(p.new_pairs, -1)) AS new_pairs, collect(coalesce(p.novelty_settings, '')) AS settings
