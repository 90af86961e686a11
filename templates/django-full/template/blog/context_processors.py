from django.conf import settings


def site(request):
    """The project's name and description, for every page's title, header and meta description.

    Not ``site_name``: Django's login views set that to the host's name (without
    django.contrib.sites, the site is the request's host), which would then be the title.
    """
    return {
        "project_name": settings.SITE_NAME,
        "project_description": settings.SITE_DESCRIPTION,
    }
