// The technology of every IPC code node as (ipc, tech), one row of parallel lists; `ipc` is the
// node's internal id, id() (see patent_nodes and patent_tech_nodes). Technology: the WIPO field
// (1..35, an integer whichever load wrote it: an online load stores 16.0, a bulk load 16) when
// $tech_unit is 'field35', else the code at $ipc_level (the code itself or its
// ancestor); codes without one are left out.
// :columns
// :param tech_unit => 'field35'
// :param ipc_level => 'subclass'
MATCH (i:IPC)
WITH i, CASE $tech_unit WHEN 'field35' THEN toInteger(i.field) ELSE i[$ipc_level] END AS tech
WHERE tech IS NOT NULL
RETURN collect(id(i)) AS ipc, collect(tech) AS tech
