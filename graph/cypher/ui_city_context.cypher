// The economic context of every area (Context nodes, from city_context.csv): the explorer's Figures 1,
// 2, 5 and 6. kind is 'city' (area_id a City id) or 'country' (a Country code); null is unknown.
MATCH (x:Context)
RETURN x.area_id AS area_id, x.kind AS kind, x.year AS year, x.currency_basis AS currency_basis,
       x.gdp_per_capita AS gdp_per_capita, x.population AS population, x.rd_expenditure AS rd_expenditure,
       x.rd_intensity AS rd_intensity, x.rd_share_basic AS rd_share_basic,
       x.rd_share_applied AS rd_share_applied, x.rd_share_experimental AS rd_share_experimental,
       x.rd_share_business AS rd_share_business, x.rd_share_government AS rd_share_government,
       x.rd_share_higher_education AS rd_share_higher_education, x.source AS source
ORDER BY area_id, year
