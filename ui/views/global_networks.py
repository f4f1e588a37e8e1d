"""Global networks: collaboration types over time (Figure 13) and knowledge sourcing through backward
citations, shares and top-10 sources (Figure 14)."""

from __future__ import annotations

import streamlit as st

from ui import charts, data, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
city_name = names.get(sel.city, sel.city)
st.title(f"{city_name}: local, domestic and international links")

collab = data.indicator_or_hint("collaboration-types", sel.key)
if collab is not None:
    mine = collab[collab["city_id"] == sel.city]
    long = mine.melt(
        id_vars=["year"],
        value_vars=["local", "domestic", "international"],
        var_name="type",
        value_name="patents",
    )
    st.plotly_chart(charts.shares_over_time(long, "type", "patents", "Collaboration types (Figure 13)"))
    st.caption(
        f"Patents with one located person ({mine['single'].sum():,.0f} for this city) are single and left out of "
        "the shares."
    )
    widgets.download(collab[collab["city_id"].isin(sel.cities)], "collaboration-types")
    widgets.source("collaboration-types")

st.subheader("Knowledge sourcing (Figure 14)")
sourcing = data.indicator_or_hint("knowledge-sourcing", sel.key)
if sourcing is not None:
    mine = sourcing[sourcing["city_id"] == sel.city]
    shares = mine.groupby(["period", "relation"], as_index=False).agg(share=("share", "sum"))
    st.plotly_chart(charts.sourcing_shares(shares, "Where the city's cited knowledge comes from"))
    periods = [p.name for p in sel.periods if p.name in set(mine["period"])]
    if periods:
        period = st.selectbox("Period", periods, index=len(periods) - 1, key="src-period")
        top = mine[mine["period"] == period].nlargest(10, "share")
        top = widgets.label(top, "source_city_id", "source")
        top["source"] = top["source"].where(top["source_city_id"] != sel.city, top["source"] + " (itself)")
        st.plotly_chart(charts.top_sources(top, f"Top 10 source cities, {period}"))
    widgets.download(sourcing[sourcing["city_id"].isin(sel.cities)], "knowledge-sourcing")
    widgets.source("knowledge-sourcing")
