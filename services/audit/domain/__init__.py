"""Audit rules as plain functions: what a log record holds and how a page of it is cut."""
