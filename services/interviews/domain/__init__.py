"""Interview rules as plain functions: when an interview may be scheduled, and who may see or run it."""
