from django.conf import settings


def site(request):
    """The site's name and description, for every page's title, header and meta description."""
    return {"site_name": settings.SITE_NAME, "site_description": settings.SITE_DESCRIPTION}
