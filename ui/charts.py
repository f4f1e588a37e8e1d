"""Plotly figures of the study's charts, built from export-contract tables (pure: no Streamlit, no Neo4j).

Every function takes DataFrames whose cities are already labelled (a ``city`` column) and returns a
figure; the pages only place them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analytics.switches import Period

STAGE_COLOURS = (
    "rgba(31,119,180,0.08)",
    "rgba(255,127,14,0.08)",
    "rgba(44,160,44,0.08)",
    "rgba(148,103,189,0.08)",
)
TYPE_COLOURS = {
    "firm": "#1f77b4",
    "university": "#d62728",
    "research_institute": "#2ca02c",
    "individual": "#9467bd",
    "government": "#ff7f0e",
    "other": "#7f7f7f",
}


def shade_periods(
    fig: go.Figure, periods: Sequence[Period], years: tuple[int, int] | None = None
) -> go.Figure:
    """Shade each period behind the lines, named at the top (the study's stages); with ``years`` (the
    data's first and last year), the bands are cut to them, those outside dropped, and the axis spans them."""
    for i, p in enumerate(periods):
        first, last = (p.first, p.last) if years is None else (max(p.first, years[0]), min(p.last, years[1]))
        if first > last:
            continue
        fig.add_vrect(
            x0=first - 0.5,
            x1=last + 0.5,
            fillcolor=STAGE_COLOURS[i % len(STAGE_COLOURS)],
            line_width=0,
            layer="below",
            annotation_text=p.name,
            annotation_position="top left",
        )
    if years is not None:
        fig.update_xaxes(range=[years[0] - 0.5, years[1] + 0.5])
    return fig


def per_year(
    table: pd.DataFrame,
    value: str,
    title: str,
    periods: Sequence[Period],
    years: tuple[int, int] | None = None,
) -> go.Figure:
    """Lines of ``value`` per year, one per city, periods shaded (Figures 2 and 3); ``years``: the data's
    first and last year (default: those of ``table``), which the axis and the bands span."""
    fig = px.line(table.sort_values("year"), x="year", y=value, color="city", markers=True, title=title)
    fig.update_layout(legend_title_text="", hovermode="x unified")
    if years is None and len(table):
        years = (int(table["year"].min()), int(table["year"].max()))
    return shade_periods(fig, periods, years)


def rsi_heatmap(table: pd.DataFrame, rows: str, title: str) -> go.Figure:
    """Symmetric RSI over the 35 fields, one row per ``rows`` value (Figure 7); red: specialised."""
    wide = table.pivot_table(index=rows, columns="field_label", values="rsi_sym", aggfunc="first", sort=False)
    fig = go.Figure(
        go.Heatmap(
            z=wide.to_numpy(),
            x=list(wide.columns),
            y=list(wide.index),
            zmin=-1,
            zmax=1,
            colorscale="RdBu_r",
            colorbar={"title": "RSI sym"},
            hovertemplate="%{y}<br>%{x}<br>(RSI-1)/(RSI+1) = %{z:.2f}<extra></extra>",
        )
    )
    fig.update_layout(title=title, xaxis={"tickangle": -60}, height=260 + 28 * len(wide.index))
    return fig


def tech_profile(table: pd.DataFrame, title: str) -> go.Figure:
    """Share of the city's patents per field beside the database's share (Figure 8)."""
    long = table.melt(
        id_vars=["field_label"],
        value_vars=["city share", "all cities share"],
        var_name="",
        value_name="share",
    )
    fig = px.bar(long, x="share", y="field_label", color="", barmode="group", orientation="h", title=title)
    fig.update_layout(
        yaxis={"categoryorder": "total ascending", "title": ""}, height=900, xaxis_tickformat=".0%"
    )
    return fig


def novelty_vs_kci(table: pd.DataFrame, highlight: str, compare: Sequence[str], title: str) -> go.Figure:
    """Every city by KCI (x) and novel share (y), the chosen city highlighted, compared cities named (Figure 4)."""
    role = table["city_id"].map(
        lambda c: "chosen" if c == highlight else ("compared" if c in compare else "other")
    )
    shown = table.assign(role=role, text=table["city"].where(role != "other", ""))
    fig = px.scatter(
        shown,
        x="kci",
        y="novel_share",
        color="role",
        size="patents",
        text="text",
        hover_name="city",
        color_discrete_map={"chosen": "#d62728", "compared": "#1f77b4", "other": "#c7c7c7"},
        category_orders={"role": ["other", "compared", "chosen"]},
        title=title,
    )
    fig.update_traces(textposition="top center")
    fig.update_layout(xaxis_title="KCI (knowledge complexity)", yaxis_title="novel patents / patents")
    fig.update_yaxes(tickformat=".0%")
    return fig


def shares_over_time(table: pd.DataFrame, category: str, value: str, title: str) -> go.Figure:
    """Stacked shares of ``category`` per year, one bar per year with patents (Figures 10, 11, 13)."""
    wide = table.pivot_table(index="year", columns=category, values=value, aggfunc="sum", fill_value=0.0)
    wide = wide[wide.sum(axis=1) > 0]  # a year without patents has no bar
    shares = (
        wide.div(wide.sum(axis=1), axis=0)
        .reset_index()
        .melt(id_vars="year", var_name=category, value_name="share")
    )
    fig = px.bar(
        shares.sort_values("year"),
        x="year",
        y="share",
        color=category,
        title=title,
        color_discrete_map=TYPE_COLOURS,
    )
    fig.update_layout(yaxis_tickformat=".0%", legend_title_text="", bargap=0.05)
    return fig


def sourcing_shares(table: pd.DataFrame, title: str) -> go.Figure:
    """Local, domestic and foreign shares of backward citations per period (Figure 14, left)."""
    fig = px.bar(
        table,
        x="period",
        y="share",
        color="relation",
        title=title,
        category_orders={"relation": ["local", "domestic", "foreign"]},
    )
    fig.update_layout(yaxis_tickformat=".0%", legend_title_text="")
    return fig


def top_sources(table: pd.DataFrame, title: str) -> go.Figure:
    """The top source cities of a city's citations, its own city marked (Figure 14, right)."""
    fig = px.bar(
        table.sort_values("share"), x="share", y="source", color="relation", orientation="h", title=title
    )
    fig.update_layout(xaxis_tickformat=".0%", yaxis_title="", legend_title_text="")
    return fig
