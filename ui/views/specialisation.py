"""Specialisation: RSI across the 35 fields for the compared cities and across periods (Figure 7), and the
technology profile of the chosen city (Figure 8)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, data, sidebar, widgets

sel = sidebar.current()
names = data.city_names()
st.title(f"{names.get(sel.city, sel.city)}: technological specialisation")
st.caption(
    "RSI (Balassa): the city's share of patents in a field over the share of that field in the whole database. "
    "Shown symmetric, (RSI-1)/(RSI+1): above 0 (red) the city is specialised."
)

rsi = data.indicator_or_hint("rsi", sel.key)
if rsi is None:
    st.stop()
fields = data.tech_fields()
field_label = dict(zip(fields["field"], fields["field"].astype(str) + " " + fields["name"], strict=True))
rsi = rsi.assign(field_label=rsi["tech"].map(lambda t: field_label.get(t, str(t))))
periods = [p.name for p in sel.periods if p.name in set(rsi["period"])]
if not periods:
    st.info("No RSI for the periods of the sidebar; choose periods that hold data.")
    st.stop()
period = st.selectbox("Period", periods, index=len(periods) - 1)

compared = widgets.label(rsi[(rsi["period"] == period) & rsi["city_id"].isin(sel.cities)])
st.plotly_chart(charts.rsi_heatmap(compared, "city", f"RSI of the compared cities, {period} (Figure 7)"))
mine = rsi[rsi["city_id"] == sel.city].copy()
st.plotly_chart(charts.rsi_heatmap(mine, "period", f"RSI of {names.get(sel.city)} across periods"))

in_period = rsi[rsi["period"] == period]
world = in_period.groupby("field_label")["x"].sum()
city = in_period[in_period["city_id"] == sel.city].groupby("field_label")["x"].sum()
profile = pd.DataFrame({"city share": city / city.sum(), "all cities share": world / world.sum()}).fillna(0.0)
st.plotly_chart(
    charts.tech_profile(profile.reset_index(names="field_label"), f"Technology profile, {period} (Figure 8)")
)
widgets.download(rsi[rsi["city_id"].isin(sel.cities)], "rsi")
widgets.source("rsi", ("ui_tech_fields",))
