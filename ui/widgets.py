"""Pieces every page shows: the Cypher behind a table, the Browser link, the CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hotspot_kg.core.queries import load
from ui import data, tables


def source(name: str, extra_queries: tuple[str, ...] = ()) -> None:
    """An expander with the named queries behind table ``name`` and a link to Neo4j Browser."""
    names = [*tables.query_names(name), *extra_queries]
    with st.expander(f"The Cypher behind `{name}`"):
        st.markdown(
            f"[Open Neo4j Browser]({data.browser_url()}) and paste a query below; set its parameters with the "
            "`:param` lines of its header."
        )
        for q in dict.fromkeys(names):
            st.caption(f"graph/cypher/{q}.cypher")
            st.code(load(q).text, language="cypher")


def download(table: pd.DataFrame, name: str, key: str | None = None) -> None:
    """A CSV download of ``table`` with the export contract's columns."""
    columns = [c for c in tables.COLUMNS.get(name, list(table.columns)) if c in table.columns]
    st.download_button(
        f"Download {name}.csv",
        table[columns].to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key or f"download-{name}",
    )


def label(table: pd.DataFrame, column: str = "city_id", to: str = "city") -> pd.DataFrame:
    """``table`` with a readable city label beside the id."""
    names = data.city_names()
    return table.assign(**{to: table[column].map(lambda c: names.get(c, str(c)))})
