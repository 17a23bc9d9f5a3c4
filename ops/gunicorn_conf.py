"""gunicorn's settings for the portal: ``gunicorn -c python:ops.gunicorn_conf``.

Every value can be changed by environment; gunicorn's own GUNICORN_CMD_ARGS
and command-line options still win.
"""

import multiprocessing
import os

wsgi_app = "values_portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's usual advice, two workers per core plus one, unless WEB_CONCURRENCY says.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = 1000
max_requests_jitter = 100
# The reverse proxy on this machine may say who the client was and whether it used TLS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# The client's address as the proxy saw it comes last (ops/log.py).
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms %({x-forwarded-for}i)s'

# gunicorn's own lines (start, workers, access log) as JSON on standard output,
# like the portal's (ops/log.py); plain text with DJANGO_LOG_FORMAT=plain.
_format = os.environ.get("DJANGO_LOG_FORMAT", "json").strip().lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.log.JSONFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain" if _format == "plain" else "json",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
}
