"""Ingest rules as plain functions: recognising file types, cleaning text, reading a profile from it."""
