"""The baseline for bench.rerun and bench.startup: one widget and one plotly chart, nothing else.

What any Streamlit page with an interactive chart costs on this machine; Rolwijzer's pages are
measured against it side by side.
"""

import plotly.graph_objects as go
import streamlit as st

value = st.select_slider("Waarde", options=[1, 2, 3, 4, 5], value=3, key="bare_value")
fig = go.Figure(go.Scatter(x=[0, value / 5], y=[0, value / 5], mode="markers+lines"))
fig.update_layout(height=400, xaxis={"range": [-1, 1]}, yaxis={"range": [-1, 1]})
st.plotly_chart(fig, key="bare_chart")
