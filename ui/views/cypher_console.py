"""Cypher console: read-only queries with a timeout and a row limit, parameters as separate fields, and the
saved queries of graph/cypher/ as examples. Writes, schema changes and admin commands are refused."""

from __future__ import annotations

import streamlit as st

from hotspot_kg.core import queries
from hotspot_kg.core.errors import HotspotError
from ui import console, data

st.title("Cypher console")
st.caption(
    f"Read-only: a query that would write or change the schema is refused before it runs. For anything else, "
    f"open [Neo4j Browser]({data.browser_url()})."
)

examples = ["(write your own)", *data.read_only_queries()]
example = st.selectbox("Saved queries of graph/cypher/", examples, key="console-example")
defaults: dict[str, object] = {}
text = "MATCH (c:City)<-[:LOCATED_IN]-(a:Applicant)\nRETURN c.name AS city, count(a) AS applicants\nORDER BY applicants DESC"
if example != examples[0]:
    named = queries.load(example)
    st.caption(named.doc)
    kind = data.query_kind(example)
    if kind != "r":
        st.warning(f"The server does not plan this saved query as a read ({kind}); it will be refused here.")
    text, defaults = named.text, dict(named.defaults)
query = st.text_area("Query", text, height=220, key=f"console-query-{example}")

params: dict[str, object] = {}
names = console.parameters(query)
if names:
    st.markdown("**Parameters** (JSON values: `5`, `'text'` or `\"text\"`, `[1, 2]`, `null`)")
    cols = st.columns(min(len(names), 3))
    for i, name in enumerate(names):
        field = cols[i % len(cols)].text_input(
            f"${name}", console.show(defaults.get(name)), key=f"console-param-{example}-{name}"
        )
        params[name] = console.value(field)
c1, c2 = st.columns(2)
limit = int(c1.number_input("Row limit", 1, 100_000, 1000, key="console-limit"))
timeout = float(c2.number_input("Timeout (s)", 1, 600, 30, key="console-timeout"))

if st.button("Run", type="primary", key="console-run"):
    try:
        result = data.run_console(query, params, limit, timeout)
    except HotspotError as e:
        st.error(str(e))
    else:
        st.success(f"{len(result):,} row(s)" + (f" (limit {limit})" if len(result) == limit else ""))
        st.dataframe(result, hide_index=True)
        st.download_button("Download result.csv", result.to_csv(index=False).encode("utf-8"), "result.csv")
