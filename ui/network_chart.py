"""The local collaboration network (Figure 12) and the stakeholder map (Figure 9): figure builders.

Positions come from networkx's spring layout (seeded, so a network is drawn the same way each time);
nodes are coloured by stakeholder type and sized by degree centrality.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from ui.charts import TYPE_COLOURS

MAX_NODES = 300  # the most central applicants drawn; the table keeps them all


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, title: str) -> go.Figure:
    """``nodes``: applicant_id, name, type, degree, betweenness; ``edges``: source, target, weight."""
    top = nodes.sort_values(["degree", "betweenness"], ascending=False).head(MAX_NODES)
    keep = set(top["applicant_id"])
    shown = edges[edges["source"].isin(keep) & edges["target"].isin(keep)]
    graph = nx.Graph()
    graph.add_nodes_from(top["applicant_id"])
    graph.add_weighted_edges_from(shown[["source", "target", "weight"]].itertuples(index=False))
    pos = nx.spring_layout(graph, seed=7, k=1.5 / math.sqrt(max(graph.number_of_nodes(), 1)))
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for a, b in graph.edges():
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
    fig.add_trace(
        go.Scattergl(x=xs, y=ys, mode="lines", line={"width": 0.6, "color": "#bbb"}, hoverinfo="skip")
    )
    biggest = max(float(top["degree"].max()), 1.0) if len(top) else 1.0
    for kind, group in top.groupby("type"):
        fig.add_trace(
            go.Scatter(
                x=[pos[a][0] for a in group["applicant_id"]],
                y=[pos[a][1] for a in group["applicant_id"]],
                mode="markers",
                name=str(kind),
                marker={
                    "size": 6 + 30 * (group["degree"].astype(float) / biggest) ** 0.5,
                    "color": TYPE_COLOURS.get(str(kind), "#7f7f7f"),
                    "line": {"width": 0.5, "color": "white"},
                },
                text=group["name"] + "<br>degree " + group["degree"].astype(str),
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=title,
        showlegend=True,
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=600,
        plot_bgcolor="white",
    )
    return fig


def stakeholder_map(points: pd.DataFrame, focus: tuple[float, float] | None) -> pdk.Deck:
    """Cities as circles sized by the patents of their stakeholders (``points``: city, lat, lon, type, patents)."""
    points = points.dropna(subset=["lat", "lon"]).copy()
    top = points["patents"].max() if len(points) else 1.0
    points["radius"] = 15_000 + 250_000 * (points["patents"] / top) ** 0.5
    points["colour"] = points["type"].map(lambda t: _rgb(TYPE_COLOURS.get(t, "#7f7f7f")))
    layer = pdk.Layer(
        "ScatterplotLayer",
        points,
        get_position=["lon", "lat"],
        get_radius="radius",
        get_fill_color="colour",
        opacity=0.55,
        pickable=True,
    )
    lat, lon = focus if focus is not None else (25.0, 110.0)
    view = pdk.ViewState(latitude=lat, longitude=lon, zoom=3)
    return pdk.Deck(
        layers=[layer],
        initial_view_state=view,
        map_style=None,
        tooltip={"text": "{city}\n{type}: {patents_text} patents"},
    )


def _rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [200]
