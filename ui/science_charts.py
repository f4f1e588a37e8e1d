"""Plotly figures of the science and context side (Figures 1, 2, 5, 6, 8 and 13): pure, no Streamlit.

Every function takes tables that the page has already cut to the city (and its country) and labelled,
and returns a figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

RD_TYPES = {"rd_share_basic": "basic research", "rd_share_applied": "applied research",
            "rd_share_experimental": "experimental development"}  # fmt: skip
RD_PERFORMERS = {"rd_share_business": "business", "rd_share_government": "government",
                 "rd_share_higher_education": "higher education"}  # fmt: skip
COLLABORATION = ("local", "domestic", "international")
COLLABORATION_COLOURS = {"local": "#2ca02c", "domestic": "#1f77b4", "international": "#d62728"}


def gdp_with_patents(context: pd.DataFrame, patents: pd.DataFrame, area: str, title: str) -> go.Figure:
    """GDP per capita of one area (year, gdp_per_capita, currency_basis) with its patents per year
    (year, patents) on a second axis (Figures 1 and 2)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=patents["year"], y=patents["patents"], name=f"patents, {area}",
                         marker_color="rgba(31,119,180,0.35)"), secondary_y=True)  # fmt: skip
    known = context.dropna(subset=["gdp_per_capita"]).sort_values("year")
    fig.add_trace(go.Scatter(x=known["year"], y=known["gdp_per_capita"], mode="lines+markers",
                             name=f"GDP per capita, {area}", line={"color": "#d62728"}), secondary_y=False)  # fmt: skip
    basis = ", ".join(sorted(set(known["currency_basis"].dropna()))) or "currency not given"
    fig.update_yaxes(title_text=f"GDP per capita ({basis})", secondary_y=False)
    fig.update_yaxes(title_text="patents", secondary_y=True, showgrid=False)
    fig.update_layout(title=title, hovermode="x unified", legend={"orientation": "h", "y": -0.2})
    return fig


def rd_intensity(context: pd.DataFrame, title: str) -> go.Figure:
    """R&D expenditure as a share of GDP per year, one line per area (area, year, intensity) (Figure 5)."""
    fig = go.Figure()
    for area, part in context.dropna(subset=["intensity"]).sort_values("year").groupby("area", sort=False):
        fig.add_trace(
            go.Scatter(x=part["year"], y=part["intensity"] / 100, mode="lines+markers", name=str(area))
        )
    fig.update_layout(title=title, yaxis_title="R&D / GDP", yaxis_tickformat=".1%", hovermode="x unified")
    return fig


def rd_structure(context: pd.DataFrame, columns: dict[str, str], title: str) -> go.Figure:
    """Stacked shares of R&D spending per year, one panel per area (Figure 6): by type or by performer."""
    areas = list(dict.fromkeys(context["area"]))
    fig = make_subplots(rows=1, cols=max(1, len(areas)), subplot_titles=areas, shared_yaxes=True)
    colours = ("#1f77b4", "#ff7f0e", "#2ca02c")
    for col, area in enumerate(areas, start=1):
        part = context[context["area"] == area].sort_values("year")
        for (column, name), colour in zip(columns.items(), colours, strict=True):
            fig.add_trace(go.Bar(x=part["year"], y=part[column], name=name, marker_color=colour,
                                 legendgroup=name, showlegend=col == 1), row=1, col=col)  # fmt: skip
    fig.update_layout(title=title, barmode="stack", yaxis_tickformat=".0%", bargap=0.05)
    return fig


def profiles_side_by_side(tech: pd.DataFrame, sci: pd.DataFrame, title: str) -> go.Figure:
    """The technological (label, city, all) and scientific (label, city, all) profiles side by side
    (Figure 8): the city's share of patents per WIPO field and of works per OpenAlex field, beside the
    shares of the whole database."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("Technology (patents, 35 WIPO fields)",
                                                        "Science (works, 26 OpenAlex fields)"),
                        horizontal_spacing=0.28)  # fmt: skip
    for col, table in ((1, tech), (2, sci)):
        ordered = table.sort_values("city")
        for column, name, colour in (("all", "all cities", "#c7c7c7"), ("city", "the city", "#d62728")):
            fig.add_trace(go.Bar(x=ordered[column], y=ordered["label"], orientation="h", name=name,
                                 marker_color=colour, legendgroup=name, showlegend=col == 1), row=1, col=col)  # fmt: skip
    fig.update_layout(title=title, barmode="group", height=950, legend={"orientation": "h", "y": -0.05})
    fig.update_xaxes(tickformat=".0%")
    return fig


def collaboration_side_by_side(tech: pd.DataFrame, sci: pd.DataFrame, title: str) -> go.Figure:
    """Shares of local, domestic and international collaborations per year, technology (patents) beside
    science (works) (Figure 13); each table: year, local, domestic, international."""
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True,
                        subplot_titles=("Technology (co-invented patents)", "Science (co-authored works)"))  # fmt: skip
    for col, table in ((1, tech), (2, sci)):
        per_year = table.groupby("year")[list(COLLABORATION)].sum()
        per_year = per_year[per_year.sum(axis=1) > 0]
        shares = per_year.div(per_year.sum(axis=1), axis=0)
        for kind in COLLABORATION:
            fig.add_trace(go.Bar(x=shares.index, y=shares[kind], name=kind, legendgroup=kind,
                                 marker_color=COLLABORATION_COLOURS[kind], showlegend=col == 1), row=1, col=col)  # fmt: skip
    fig.update_layout(title=title, barmode="stack", yaxis_tickformat=".0%", bargap=0.05)
    return fig
