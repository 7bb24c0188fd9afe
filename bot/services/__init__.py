"""The gateway's services: one job each, built once in bot.main.create_app."""
