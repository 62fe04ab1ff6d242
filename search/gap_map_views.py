"""The evidence gap map: services × equity dimensions (see search/gap_map.py)."""
