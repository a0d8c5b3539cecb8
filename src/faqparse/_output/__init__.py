"""Output formats and the files they go to (atomic writes, signals, devices)."""
