// Record where the loaded data came from: one Dataset node per dataset (its id is the source, release and
// checksums of a fetched folder, else the format and path), MERGEd so a re-load updates it: source,
// origin, release, fetched_at, files, bytes, sha256, format, path, simulated, rows read and rejected,
// and loaded_at (now).
// :param dataset => {id: 'canonical:/data/sample', source: 'canonical', format: 'canonical', path: '/data/sample', simulated: false}
MERGE (d:Dataset {id: $dataset.id})
SET d += $dataset, d.loaded_at = datetime()
