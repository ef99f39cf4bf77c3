"""Deployment settings: the environment first, then ``.streamlit/secrets.toml``."""

from __future__ import annotations

import os

import streamlit as st


def setting(name: str) -> str | None:
    value = os.environ.get(name)
    if value:
        return value
    try:
        secret = st.secrets.get(name)
    except Exception:  # no secrets file is normal
        return None
    return str(secret) if secret else None
