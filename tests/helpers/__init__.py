"""Plain helpers several test folders share (no fixtures here; see ``tests/fixtures``)."""
