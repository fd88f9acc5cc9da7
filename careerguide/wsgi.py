import os

from django.core.wsgi import get_wsgi_application

from careerguide.proxy import ReadWholeBody

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
application = ReadWholeBody(get_wsgi_application())

from careerguide.settings import require_secret_key  # noqa: E402

# Fail at start-up, not on the first request that needs to sign a cookie.
require_secret_key()
