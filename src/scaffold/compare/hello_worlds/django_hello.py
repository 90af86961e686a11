"""The bare framework, for scale: Django configured in one file, one JSON view.

With BARE_DATABASE set, /healthz makes the same round trip to that SQLite file
through Django's connection as the reference app's, keeping the connection
between requests as django-full does.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path

DATABASE = os.environ.get("BARE_DATABASE")
settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATABASE, "CONN_MAX_AGE": 60}
    }
    if DATABASE
    else {},
)


def healthz(request: HttpRequest) -> JsonResponse:
    if DATABASE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return JsonResponse({"status": "ok"})


urlpatterns = [path("healthz", healthz)]
application = get_wsgi_application()
