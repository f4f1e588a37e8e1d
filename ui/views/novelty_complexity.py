"""Novelty vs complexity: every city placed by KCI and its share of novel patents, the chosen city highlighted,
with its ranks (Figure 4)."""

from __future__ import annotations

import streamlit as st

from ui import charts, data, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
st.title(f"{names.get(sel.city, sel.city)}: novelty versus complexity")
st.caption(
    "KCI: the knowledge complexity of a city's specialisations (Hidalgo-Hausmann, on IPC codes). Novelty: the "
    "share of the city's patents of the period that bring a new IPC code or pair."
)

kci = data.indicator_or_hint("kci", sel.key)
novelty = data.indicator_or_hint("novelty-cities", sel.key)
if kci is None or novelty is None:
    st.stop()
periods = [p for p in sel.periods if p.name in set(kci["period"])]
if not periods:
    st.info("No KCI for the periods of the sidebar; choose periods that hold data.")
    st.stop()
period = st.selectbox("Period", [p.name for p in periods], index=len(periods) - 1)
window = next(p for p in periods if p.name == period)

in_window = novelty[novelty["year"].between(window.first, window.last)]
nov = in_window.groupby("city_id", as_index=False)[["patents", "novel_patents"]].sum()
nov["novel_share"] = nov["novel_patents"] / nov["patents"]
both = kci[kci["period"] == period].merge(nov, on="city_id", how="inner")
if both.empty:
    st.info(f"No city has both a KCI and scored patents in {period}.")
    st.stop()
both = widgets.label(both)
both["kci_rank"] = both["kci"].rank(ascending=False, method="min").astype(int)
both["novelty_rank"] = both["novel_share"].rank(ascending=False, method="min").astype(int)

st.plotly_chart(
    charts.novelty_vs_kci(
        both, sel.city, sel.compare, f"Novelty and complexity of every city, {period} (Figure 4)"
    )
)
ranked = both[both["city_id"].isin(sel.cities)][
    ["city", "kci", "kci_rank", "novel_share", "novelty_rank", "patents", "diversity"]
]
mine = both[both["city_id"] == sel.city]
if not mine.empty:
    c1, c2, c3 = st.columns(3)
    c1.metric("KCI rank", f"{int(mine['kci_rank'].iloc[0])} of {len(both)}")
    c2.metric("Novelty rank", f"{int(mine['novelty_rank'].iloc[0])} of {len(both)}")
    c3.metric("Novel share", f"{float(mine['novel_share'].iloc[0]):.1%}")
st.dataframe(ranked, hide_index=True)
widgets.download(kci, "kci")
widgets.source("kci", ())
widgets.source("novelty-cities")
