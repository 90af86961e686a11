from django.conf import settings


def site(request):
    """The site's name, for every page's title and header."""
    return {"site_name": settings.SITE_NAME}
