"""Plotly figures of the quadrant, shared by the pages, the reports' tests and the benchmarks."""
