"""The bare framework, for scale: Django configured in one file, one JSON view."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)


def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("healthz", healthz)]
application = get_wsgi_application()
