"""The two catalogs behind one contract: in memory (`Catalog`) and in SQLite (`CatalogFile`)."""
