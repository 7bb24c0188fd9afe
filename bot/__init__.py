"""Balise gateway: the only public door in front of Rasa and the action server."""
