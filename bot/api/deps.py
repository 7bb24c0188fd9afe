"""Dependencies injected into the routers; the services live on app.state (built in main)."""
from fastapi import Request

from bot.directory import Directory
from bot.services.conversation import Conversation
from bot.settings import Settings


def get_conversation(request: Request) -> Conversation:
    return request.app.state.conversation


def get_directory(request: Request) -> Directory:
    return request.app.state.conversation.directory


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings
