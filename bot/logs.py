"""Structured JSON logs that cannot carry what a person wrote.

A record becomes one JSON line: time, level, logger, event (the message template, never its
arguments: a library may pass an address there) and the `extra` fields the code chose (topic,
latency_ms, …). Code never logs text,
session ids or addresses. Exception messages may quote input (a parser error repeats it), so
an exception is logged as its type and the place it was raised, never its message.
uvicorn loads this through bot/log_config.json (scripts/stack.py); its access log stays off.
"""
import json
import logging
import traceback
from datetime import datetime, timezone

RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": str(record.msg),  # the fixed template: arguments may hold an address
        }
        line.update({k: v for k, v in vars(record).items() if k not in RESERVED})
        if record.exc_info and record.exc_info[0] is not None:
            frames = traceback.extract_tb(record.exc_info[2])
            line["error"] = record.exc_info[0].__name__
            line["where"] = [f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno}:{f.name}" for f in frames[-5:]]
        return json.dumps(line, ensure_ascii=False, default=str)
