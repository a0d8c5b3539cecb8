"""Text to records, problems and tokens: the grammar of ``docs/format.md`` as code."""
