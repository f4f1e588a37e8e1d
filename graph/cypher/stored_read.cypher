// One stored result table (written by `hotspot-kg analyze`): all its properties, columns included.
// :param name => 'rsi'
// :param switches => '{}'
MATCH (t:ResultTable {name: $name, switches: $switches})
RETURN properties(t) AS table
