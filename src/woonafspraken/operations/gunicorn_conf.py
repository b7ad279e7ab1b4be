"""Gunicorn configuration: ``gunicorn -c python:woonafspraken.operations.gunicorn_conf``.

Every value can be changed by environment variables (docs/deploy.md). Gunicorn reads the
names below; they are module constants on purpose.
"""

import multiprocessing
import os

wsgi_app = "woonafspraken.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes x threads: a page waits mostly on the database, so a few threads per process serve
# more requests than more processes, at less memory.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Load the application once in the master: configuration errors stop the start, and workers
# share the loaded code's memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so slow memory growth never accumulates.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# Only the reverse proxy on this machine may say the request came in over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# The request id in the access log is the one in the application's log and on the 500 page.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s] "%(a)s"'
errorlog = "-"
# Gunicorn's control socket sits at one path per user: two instances on one machine would take
# each other's. Nothing here uses it; reload with SIGHUP (systemctl reload).
control_socket_disable = True
