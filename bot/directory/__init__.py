"""The hand-off directory (issue #6): verified services, their hours, and the order they are offered in."""
from bot.directory.directory import Directory, Handoff

__all__ = ["Directory", "Handoff"]
