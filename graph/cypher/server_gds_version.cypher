// The Graph Data Science library version (fails where GDS is not installed).
RETURN gds.version() AS version
