"""Test support: real NATS and PostgreSQL servers for integration tests (a pytest plugin)."""
