// Every dated patent's family and office as (node, family_id, office), one row of parallel lists: the
// input of the family units (unit = family) and of the international scope (members in two or more
// offices, or a PCT member, office 'WO'). `node` is the patent's internal node id, id() (see
// patent_nodes). A patent without a family_id or an office gives '' (collect() would drop a null and
// misalign the lists). Year: filing, or priority falling back to filing.
// :columns
// :param year_basis => 'filing'
MATCH (p:Patent)
WITH p, CASE $year_basis WHEN 'priority' THEN coalesce(p.priority_year, p.year) ELSE p.year END AS year
WHERE year IS NOT NULL
RETURN collect(id(p)) AS node, collect(coalesce(toString(p.family_id), '')) AS family_id,
       collect(coalesce(toString(p.office), '')) AS office
