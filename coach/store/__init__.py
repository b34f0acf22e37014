"""The library index: SQLite catalog (source of truth), Chroma vectors and a BM25 index, kept consistent."""
