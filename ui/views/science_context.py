"""Science and economic context: GDP per capita with patents (Figures 1 and 2), R&D intensity (Figure 5)
and structure (Figure 6), the technological and scientific profiles side by side (Figure 8), and
scientific beside technological collaboration (Figure 13)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data, science_charts, science_data, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
city_name = names.get(sel.city, sel.city)
cities = data.cities()
countries = cities.set_index("city_id")["country"]
country = countries.get(sel.city)
st.title(f"{city_name}: science and economic context")

st.subheader("GDP per capita and patents (Figures 1 and 2)")
context = science_data.context()
city_rows = science_data.area_rows(context, sel.city, city_name)
country_rows = science_data.area_rows(context, country, str(country))
patents = data.indicator_or_hint("patents-per-year", sel.key)
for rows, area, label in ((city_rows, city_name, "Figure 1"), (country_rows, str(country), "Figure 2")):
    if rows["gdp_per_capita"].notna().any() and patents is not None:
        mine = (patents[patents["city_id"] == sel.city] if label == "Figure 1"
                else science_data.country_patents(patents, countries, str(country)))  # fmt: skip
        st.plotly_chart(
            science_charts.gdp_with_patents(rows, mine, area, f"{area}: GDP per capita and patents ({label})")
        )
        st.caption("Source: " + "; ".join(sorted(set(rows["source"].dropna()))))
    elif patents is not None:
        st.info(science_data.CONTEXT_HINT.format(area=area))

st.subheader("R&D intensity and structure (Figures 5 and 6)")
both = pd.concat([city_rows, country_rows], ignore_index=True)
if both.empty or both["intensity"].isna().all():
    st.info(science_data.CONTEXT_HINT.format(area=f"{city_name} or {country}"))
else:
    st.plotly_chart(
        science_charts.rd_intensity(both, f"R&D expenditure / GDP, {city_name} and {country} (Figure 5)")
    )
for columns, what in ((science_charts.RD_TYPES, "type"), (science_charts.RD_PERFORMERS, "performer")):
    known = both.dropna(subset=list(columns), how="all")
    if known.empty:
        st.info(
            f"No R&D spending by {what} for {city_name} or {country}: "
            + science_data.CONTEXT_HINT.format(area="them")
        )
    else:
        st.plotly_chart(science_charts.rd_structure(known, columns, f"R&D spending by {what} (Figure 6)"))

st.subheader("Technological and scientific profiles (Figure 8)")
rsi = data.indicator_or_hint("rsi", sel.key)
profile = data.indicator_or_hint("science-profile", sel.key)
if rsi is not None and profile is not None:
    periods = [p.name for p in sel.periods if p.name in set(rsi["period"]) | set(profile["period"])]
    period = (
        st.selectbox("Period", periods, index=len(periods) - 1, key="science-period") if periods else None
    )
    fields = data.tech_fields()
    tech_label = pd.Series(fields["field"].astype(str) + " " + fields["name"], index=fields["field"])
    sci = science_data.science_fields()
    sci_label = (
        pd.Series(sci["name"].to_list(), index=sci["field"].to_list()) if len(sci) else pd.Series(dtype=str)
    )
    tech = science_data.profile_shares(rsi[rsi["period"] == period], sel.city, "tech", "x", tech_label)
    science = science_data.profile_shares(
        profile[profile["period"] == period], sel.city, "field", "works", sci_label
    )
    st.plotly_chart(
        science_charts.profiles_side_by_side(tech, science, f"{city_name}: profiles, {period} (Figure 8)")
    )
    mine = profile[(profile["city_id"] == sel.city) & (profile["period"] == period)]
    st.caption(f"{city_name}: {mine['works'].sum():,.1f} works in {period} ({sel.counting} counting).")
    widgets.download(profile[profile["city_id"].isin(sel.cities)], "science-profile")
    widgets.source("science-profile")

st.subheader("Collaboration: technology beside science (Figure 13)")
tech_collab = data.indicator_or_hint("collaboration-types", sel.key)
sci_collab = data.indicator_or_hint("science-collaboration-types", sel.key)
if tech_collab is not None and sci_collab is not None:
    st.plotly_chart(science_charts.collaboration_side_by_side(
        tech_collab[tech_collab["city_id"] == sel.city], sci_collab[sci_collab["city_id"] == sel.city],
        f"{city_name}: local, domestic and international collaboration (Figure 13)"))  # fmt: skip
    st.caption(
        "Works: local when all located institutions are in the city, domestic in one country, international "
        "across countries; Hong Kong, Macao and Taiwan count apart from mainland China (by ISO code)."
    )
    widgets.download(sci_collab[sci_collab["city_id"].isin(sel.cities)], "science-collaboration-types")
    widgets.source("science-collaboration-types")
