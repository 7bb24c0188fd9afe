"""Code that runs inside the Rasa server: the gateway's private channel (credentials.yml), the
crisis gate of the NLU pipeline (config.yml), and a measured fix for Rasa's per-turn cost
(speedups.py, installed by the channel)."""
