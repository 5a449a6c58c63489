"""Thin platform adapters over the answer core. Each is imported only when started."""
