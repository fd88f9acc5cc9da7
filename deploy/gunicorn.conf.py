"""gunicorn's settings for this site: `make run` (one server on a port) and deploy/serve
(app servers on unix sockets behind nginx). The command line adds what differs per
server: the address, the control socket, the pid file and the logs.
"""

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
