// Load IPC nodes: code, level, the ancestors' codes by level (section, class, subclass, main_group, group),
// the WIPO field number and the title. A null value removes the property.
// :param rows => []
UNWIND $rows AS row
MERGE (i:IPC {code: row.code})
SET i += row
