"""Rasa input channels that live inside the Rasa process (named in credentials.yml)."""
