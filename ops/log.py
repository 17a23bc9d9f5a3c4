"""Log records as one JSON object per line, for log collectors.

Only standard-library imports: the logging configuration loads this module
before Django is set up.
"""

import datetime as dt
import json
import logging

# Attributes every LogRecord has; anything else was passed with ``extra=``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request",
    "server_time",
}
_SCALARS = (str, int, float, bool, type(None))
# gunicorn's access log passes its atoms as a dict: the useful ones, by name.
_GUNICORN_ATOMS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "s": "status_code",
    "B": "response_bytes",
    "M": "duration_ms",
    "a": "user_agent",
    "{x-forwarded-for}i": "forwarded_for",
}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = getattr(request, "path", "")
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, name in _GUNICORN_ATOMS.items():
                if atom in record.args and record.args[atom] not in ("-", None):
                    entry[name] = record.args[atom]
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry and isinstance(value, _SCALARS):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
