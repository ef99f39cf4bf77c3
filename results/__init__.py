"""Results of trios, walls and role groups, and the sentences pages and PDFs share. No Streamlit, no SQL."""
