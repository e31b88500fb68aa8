"""Soak test: ``make soak`` (see soak/run.py and the README's "Soak test")."""
