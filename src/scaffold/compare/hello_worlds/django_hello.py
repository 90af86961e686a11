"""The bare framework, for scale: Django configured in one file, a JSON view and one page of rows.

With BARE_DATABASE set, /healthz makes the same round trip to that SQLite file
through Django's connection as the reference app's, keeping the connection
between requests as django-full does; and /fortunes is TechEmpower's
"fortunes": one query through Django's ORM and one Django template
(templates/fortunes.html, the same file the Flask app renders).
"""

import os
from pathlib import Path

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection, models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path

DATABASE = os.environ.get("BARE_DATABASE")
settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [Path(__file__).parent / "templates"],
        }
    ],
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATABASE, "CONN_MAX_AGE": 60}
    }
    if DATABASE
    else {},
)
# Models need the app registry ready; get_wsgi_application() below finds it so.
django.setup()


# Django ships no type hints (no django-stubs here): mypy sees Model as Any.
class Fortune(models.Model):  # type: ignore[misc]
    message = models.TextField()

    class Meta:
        # One file is no installed app: the label and table are said outright.
        app_label = "bare"
        db_table = "fortune"


def healthz(request: HttpRequest) -> JsonResponse:
    if DATABASE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return JsonResponse({"status": "ok"})


def fortunes(request: HttpRequest) -> HttpResponse:
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda fortune: fortune.message)
    return render(request, "fortunes.html", {"fortunes": rows})


urlpatterns = [path("healthz", healthz), path("fortunes", fortunes)]
application = get_wsgi_application()
