"""The HTML report of a catalog: SQL aggregates (queries, changes), charts, the page."""
