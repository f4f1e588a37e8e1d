// The novelty written back on patents (by novelty_write_patents): one list of rows [patent_id,
// novel, novelty_type, new_classes, new_pairs, novelty_settings], so that a new run writes only
// what changed.
// :columns patent_id, novel, novelty_type, new_classes, new_pairs, settings
MATCH (p:Patent)
WHERE p.novelty_type IS NOT NULL
RETURN collect([p.id, p.novel, p.novelty_type, p.new_classes, p.new_pairs, p.novelty_settings]) AS rows
