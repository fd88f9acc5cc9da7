"""gunicorn's settings for this site: `make run` (one server on a port) and deploy/serve
(app servers on unix sockets behind nginx). The command line adds what differs per
server: the address, the control socket, the pid file and the logs.
"""

import gc
import os

# Sync workers, one request at a time each. Behind nginx that is enough: nginx reads a
# whole request before passing it on and takes the whole answer at once, so a slow
# client holds an nginx connection, never a worker. Without nginx (`make run`) a few
# slow clients can hold every worker: that is why production has nginx in front.
worker_class = "sync"
workers = int(os.environ.get("WORKERS", "3"))

# A request still running after this long is stuck: its worker is replaced. nginx waits
# a little longer (proxy_read_timeout 35s), so the reader gets nginx's error page.
timeout = 30
graceful_timeout = 30

# Request size limits, gunicorn's defaults written out: nginx's are the same or lower
# (large_client_header_buffers 4 8k), so nginx refuses first, with its own status.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# The scheme comes from nginx's X-Forwarded-Proto only, the one header Django reads too
# (SECURE_PROXY_SSL_HEADER). gunicorn also honours X-Forwarded-Ssl and
# X-Forwarded-Protocol by default, which nginx passes on from the client untouched.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}


def post_worker_init(worker) -> None:
    """Keep the garbage collector off what lives as long as the worker.

    A worker holds hundreds of thousands of long-lived objects (Django, the URLs, the
    models, the templates once compiled). Python's collector walks all of them on every
    full collection, which the many short-lived objects of a fresh estimate trigger every
    few hundred requests: a pause of tens of milliseconds, felt as that request's
    latency. Frozen, they are never walked again; and collections are made rarer.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


# Allocations between two young collections (Python's default is 700): a request makes a
# few thousand short-lived objects, so most die before any collection sees them.
GC_THRESHOLD = 20_000
