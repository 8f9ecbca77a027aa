"""Root conftest: load the shared fixtures (real servers) for every test tier."""

pytest_plugins = ["talentkit.testing.plugin"]
