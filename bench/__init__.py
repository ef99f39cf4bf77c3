"""Benchmarks for Rolwijzer: ``python -m bench.<name>``; see ``bench/README.md``."""
