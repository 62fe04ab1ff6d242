"""The floor: a hello-world Django view, served by the bench beside the portal (same gunicorn, same 2 sync workers,
same machine), so each page's time can be read as a multiple of what Django itself costs here.

    gunicorn --chdir tools/bench floor:application
"""

import secrets

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("", hello)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),  # nothing is signed; Django only needs one
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)
django.setup()
application = get_wsgi_application()
