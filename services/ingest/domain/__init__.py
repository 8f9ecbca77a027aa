"""Ingest rules as plain functions: recognising file types, cleaning text, reading a structured profile from it."""
