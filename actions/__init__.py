"""Rasa SDK actions: the few things a response cannot do by itself."""
