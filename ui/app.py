"""The hotspot-kg explorer: an ``st.navigation`` router over thin pages (``ui/views``).

The pages' folder must not be named ``pages``: Streamlit's older automatic multipage mode picks up a
``pages/`` folder beside the main script, and served its own page list (and the page without the
sidebar's selection) when a page's URL was the first visit of a freshly started explorer.

Run it with ``hotspot-kg ui`` (or ``streamlit run ui/app.py``). The app connects once (a cached
driver), stops with one clear message when Neo4j does not answer, draws the sidebar (city,
comparison set, indicator switches) and runs the chosen page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the project
    sys.path.insert(0, str(ROOT))

from ui import data, sidebar  # noqa: E402

PAGES = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="hotspot-kg explorer", page_icon=":material/hub:", layout="wide")

data.connected_driver()
info = data.dataset()
if info.get("simulation"):
    st.warning(
        "SIMULATION: this database holds the synthetic patents of `hotspot-kg generate`, calibrated to the "
        "study's facts. The numbers illustrate the methods; they are not real patent statistics.",
        icon=":material/science:",
    )
if not info.get("patents"):
    st.info("The database holds no patents yet: load some with `hotspot-kg load canonical DIR`.")
    st.stop()

# st.navigation comes before the sidebar's widgets: drawn after it, they keep their values on reruns
page = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/timeline:", default=True),
        st.Page(PAGES / "specialisation.py", title="Specialisation", icon=":material/grid_on:"),
        st.Page(
            PAGES / "novelty_complexity.py", title="Novelty vs complexity", icon=":material/scatter_plot:"
        ),
        st.Page(PAGES / "ecosystem.py", title="Ecosystem", icon=":material/groups:"),
        st.Page(PAGES / "global_networks.py", title="Global networks", icon=":material/public:"),
        st.Page(PAGES / "science_context.py", title="Science and context", icon=":material/school:"),
        st.Page(PAGES / "cypher_console.py", title="Cypher console", icon=":material/terminal:"),
    ]
)
st.session_state["_selection"] = sidebar.render()
st.sidebar.caption(
    f"{int(info['patents']):,} patents, {info['first_year']}-{info['last_year']} · "
    f"[Neo4j Browser]({data.browser_url()})"
)
for line in data.datasets():
    st.sidebar.caption(f"Data: {line}")

page.run()
