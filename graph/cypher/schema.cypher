// The schema: a uniqueness constraint on every node key and the indexes the analytics filter on.
// Every statement is IF NOT EXISTS, so running the file again changes nothing. It runs before any load.
CREATE CONSTRAINT patent_id IF NOT EXISTS FOR (n:Patent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT applicant_id IF NOT EXISTS FOR (n:Applicant) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT inventor_id IF NOT EXISTS FOR (n:Inventor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT ipc_code IF NOT EXISTS FOR (n:IPC) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT tech_field_id IF NOT EXISTS FOR (n:TechField) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ownership_type_code IF NOT EXISTS FOR (n:OwnershipType) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE INDEX patent_year IF NOT EXISTS FOR (n:Patent) ON (n.year);
CREATE INDEX patent_in_db IF NOT EXISTS FOR (n:Patent) ON (n.in_db);
CREATE INDEX patent_family_id IF NOT EXISTS FOR (n:Patent) ON (n.family_id);
CREATE INDEX ipc_level IF NOT EXISTS FOR (n:IPC) ON (n.level);
CREATE INDEX ipc_section IF NOT EXISTS FOR (n:IPC) ON (n.section);
CREATE INDEX ipc_class IF NOT EXISTS FOR (n:IPC) ON (n.class);
CREATE INDEX ipc_subclass IF NOT EXISTS FOR (n:IPC) ON (n.subclass);
CREATE INDEX ipc_main_group IF NOT EXISTS FOR (n:IPC) ON (n.main_group);
CREATE INDEX ipc_field IF NOT EXISTS FOR (n:IPC) ON (n.field);
CREATE INDEX applicant_type IF NOT EXISTS FOR (n:Applicant) ON (n.type);
CREATE INDEX applicant_name IF NOT EXISTS FOR (n:Applicant) ON (n.name);
CREATE INDEX city_country IF NOT EXISTS FOR (n:City) ON (n.country);
CREATE INDEX city_name IF NOT EXISTS FOR (n:City) ON (n.name);
