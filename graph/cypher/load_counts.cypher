// Counts of every node label and relationship type of the graph model (from the count store, so fast):
// the loaders compare them before and after a load to report what was created.
MATCH (n:Patent) RETURN 'node' AS kind, 'Patent' AS name, count(n) AS count
UNION ALL MATCH (n:Applicant) RETURN 'node' AS kind, 'Applicant' AS name, count(n) AS count
UNION ALL MATCH (n:Firm) RETURN 'node' AS kind, 'Firm' AS name, count(n) AS count
UNION ALL MATCH (n:University) RETURN 'node' AS kind, 'University' AS name, count(n) AS count
UNION ALL MATCH (n:ResearchInstitute) RETURN 'node' AS kind, 'ResearchInstitute' AS name, count(n) AS count
UNION ALL MATCH (n:Individual) RETURN 'node' AS kind, 'Individual' AS name, count(n) AS count
UNION ALL MATCH (n:Government) RETURN 'node' AS kind, 'Government' AS name, count(n) AS count
UNION ALL MATCH (n:Inventor) RETURN 'node' AS kind, 'Inventor' AS name, count(n) AS count
UNION ALL MATCH (n:City) RETURN 'node' AS kind, 'City' AS name, count(n) AS count
UNION ALL MATCH (n:Country) RETURN 'node' AS kind, 'Country' AS name, count(n) AS count
UNION ALL MATCH (n:IPC) RETURN 'node' AS kind, 'IPC' AS name, count(n) AS count
UNION ALL MATCH (n:TechField) RETURN 'node' AS kind, 'TechField' AS name, count(n) AS count
UNION ALL MATCH (n:OwnershipType) RETURN 'node' AS kind, 'OwnershipType' AS name, count(n) AS count
UNION ALL MATCH ()-[r:FILED_BY]->() RETURN 'relationship' AS kind, 'FILED_BY' AS name, count(r) AS count
UNION ALL MATCH ()-[r:INVENTED_BY]->() RETURN 'relationship' AS kind, 'INVENTED_BY' AS name, count(r) AS count
UNION ALL MATCH ()-[r:LOCATED_IN]->() RETURN 'relationship' AS kind, 'LOCATED_IN' AS name, count(r) AS count
UNION ALL MATCH ()-[r:IN_COUNTRY]->() RETURN 'relationship' AS kind, 'IN_COUNTRY' AS name, count(r) AS count
UNION ALL MATCH ()-[r:HAS_OWNERSHIP]->() RETURN 'relationship' AS kind, 'HAS_OWNERSHIP' AS name, count(r) AS count
UNION ALL MATCH ()-[r:CLASSIFIED_AS]->() RETURN 'relationship' AS kind, 'CLASSIFIED_AS' AS name, count(r) AS count
UNION ALL MATCH ()-[r:PART_OF]->() RETURN 'relationship' AS kind, 'PART_OF' AS name, count(r) AS count
UNION ALL MATCH ()-[r:IN_FIELD]->() RETURN 'relationship' AS kind, 'IN_FIELD' AS name, count(r) AS count
UNION ALL MATCH ()-[r:CITES]->() RETURN 'relationship' AS kind, 'CITES' AS name, count(r) AS count
