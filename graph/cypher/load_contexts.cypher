// Load the economic context: Context {area_id, year, kind, gdp_per_capita, currency_basis, population,
// rd_expenditure, rd_intensity, rd_share_*, source} attached as (City|Country)-[:HAS_CONTEXT]->(Context).
// kind is 'city' (area_id a City id) or 'country' (area_id a Country code). An unknown value stays null.
// :param rows => []
UNWIND $rows AS row
MERGE (x:Context {area_id: row.area_id, year: row.year})
SET x.kind = row.kind, x.currency_basis = row.currency_basis, x.gdp_per_capita = row.gdp_per_capita,
    x.population = row.population, x.rd_expenditure = row.rd_expenditure, x.rd_intensity = row.rd_intensity,
    x.rd_share_basic = row.rd_share_basic, x.rd_share_applied = row.rd_share_applied,
    x.rd_share_experimental = row.rd_share_experimental, x.rd_share_business = row.rd_share_business,
    x.rd_share_government = row.rd_share_government,
    x.rd_share_higher_education = row.rd_share_higher_education, x.source = row.source
WITH x, row
CALL (x, row) {
  OPTIONAL MATCH (area:City {id: row.area_id}) WHERE row.kind = 'city'
  RETURN area
  UNION
  OPTIONAL MATCH (area:Country {code: row.area_id}) WHERE row.kind = 'country'
  RETURN area
}
WITH x, area WHERE area IS NOT NULL
MERGE (area)-[:HAS_CONTEXT]->(x)
