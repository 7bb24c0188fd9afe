"""Code that runs inside the Rasa server: the gateway's private channel (credentials.yml) and
the crisis gate of the NLU pipeline (config.yml)."""
