"""Streamlit glue shared by the pages: cached resources, the member in the URL, the facilitator gate."""
