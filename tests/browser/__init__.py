"""Real-browser tests: a Streamlit server per test and headless Debian chromium through playwright."""
