"""Ecosystem: stakeholder and ownership types over time (Figures 10, 11), the local collaboration network
(Figure 12) and a map of stakeholders by period (Figure 9)."""

from __future__ import annotations

import math

import streamlit as st

from ui import charts, data, network_chart, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
city_name = names.get(sel.city, sel.city)
st.title(f"{city_name}: the innovation ecosystem")

col1, col2 = st.columns(2)
stakeholders = data.indicator_or_hint("stakeholders", sel.key)
if stakeholders is not None:
    mine = stakeholders[stakeholders["city_id"] == sel.city]
    col1.plotly_chart(
        charts.shares_over_time(mine, "type", "patents", "Patents by stakeholder type (Figure 10)")
    )
    with col1:
        widgets.download(stakeholders[stakeholders["city_id"].isin(sel.cities)], "stakeholders")
ownership = data.indicator_or_hint("ownership", sel.key)
if ownership is not None:
    mine = ownership[ownership["city_id"] == sel.city]
    col2.plotly_chart(
        charts.shares_over_time(mine, "ownership", "patents", "Patents by ownership type (Figure 11)")
    )
    with col2:
        widgets.download(ownership[ownership["city_id"].isin(sel.cities)], "ownership")

st.subheader("Local collaboration network (Figure 12)")
period = st.selectbox("Period", [p.name for p in sel.periods], index=len(sel.periods) - 1, key="eco-period")
window = next(p for p in sel.periods if p.name == period)
net = data.local_network(sel.city, period, sel.key)
if net.nodes.empty:
    st.info(f"No local network: {city_name} has no patent with two of its applicants in {period}.")
else:
    title = f"Co-applicants located in {city_name}, {period}: colour = stakeholder type, size = degree"
    st.plotly_chart(data.network_figure(sel.city, period, sel.key, title))
    known = net.modularity is not None and not math.isnan(net.modularity)
    modularity = f", Louvain modularity {net.modularity:.2f}" if known else ""
    st.caption(f"{len(net.nodes):,} applicants, {len(net.edges):,} links{modularity}. The 10 most central:")
    st.dataframe(
        net.nodes.sort_values(["betweenness", "degree"], ascending=False).head(10)[
            ["name", "type", "degree", "betweenness", "community"]
        ],
        hide_index=True,
    )
    widgets.download(net.nodes, "local-network")
widgets.source("local-network")

st.subheader("Stakeholders by period (Figure 9)")
if stakeholders is not None:
    types = sorted(stakeholders["type"].unique())
    kind = st.selectbox("Stakeholder type", types, index=types.index("firm") if "firm" in types else 0)
    in_window = stakeholders[
        stakeholders["year"].between(window.first, window.last) & (stakeholders["type"] == kind)
    ]
    points = in_window.groupby("city_id", as_index=False)["patents"].sum()
    places = data.place_points(sel.key).rename(columns={"place_id": "city_id"})[["city_id", "lat", "lon"]]
    points = widgets.label(points.merge(places, on="city_id")).assign(type=kind)
    points["patents_text"] = points["patents"].round(1).astype(str)
    focus = places[places["city_id"] == sel.city][["lat", "lon"]].dropna()
    centre = (float(focus["lat"].iloc[0]), float(focus["lon"].iloc[0])) if len(focus) else None
    st.pydeck_chart(network_chart.stakeholder_map(points, centre))
    st.caption(f"Circles: patents of {kind} applicants per city in {period} (area grows with patents).")
    widgets.source("stakeholders", ("ui_cities",))
