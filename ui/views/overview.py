"""Overview: patents per year with the stages shaded, and novel patents per year (Figures 2 and 3)."""

from __future__ import annotations

import streamlit as st

from ui import charts, data, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
info = data.dataset()
years = (int(info["first_year"]), int(info["last_year"])) if info.get("first_year") is not None else None
st.title(f"{names.get(sel.city, sel.city)}: patents and novelty over time")
st.caption("Shaded bands: the periods of the sidebar (by default the study's three stages).")

patents = data.indicator_or_hint("patents-per-year", sel.key)
if patents is not None:
    shown = widgets.label(patents[patents["city_id"].isin(sel.cities)])
    st.plotly_chart(charts.per_year(shown, "patents", "Patents per year (Figure 2)", sel.periods, years))
    col1, col2 = st.columns(2)
    mine = patents[patents["city_id"] == sel.city]
    col1.metric("Patents of the city", f"{mine['patents'].sum():,.1f}")
    col2.metric("Years with patents", f"{mine['year'].nunique()}")
    widgets.download(patents[patents["city_id"].isin(sel.cities)], "patents-per-year")
    widgets.source("patents-per-year")

st.subheader("Novel patents")
novelty = data.indicator_or_hint("novelty-cities", sel.key)
if novelty is not None:
    shown = widgets.label(novelty[novelty["city_id"].isin(sel.cities)])
    st.plotly_chart(
        charts.per_year(shown, "novel_patents", "Novel patents per year (Figure 3)", sel.periods, years)
    )
    st.plotly_chart(charts.per_year(shown, "novel_share", "Share of novel patents", sel.periods, years))
    st.caption(
        "A patent is novel when it brings an IPC code or a pair of codes seen for the first time in the whole "
        f"database, after a seed pool of {sel.pool_years} years (IPC level: {sel.ipc_level})."
    )
    widgets.download(novelty[novelty["city_id"].isin(sel.cities)], "novelty-cities")
    widgets.source("novelty-cities")
