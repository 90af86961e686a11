"""Every error under /api/ is JSON, whichever part of Django answered it."""

from django.http import JsonResponse


class JSONErrorsUnderAPI:
    """The API's clients read JSON: a 404 from the URL resolver, a 405 from a view that takes
    only GET, a 403 from the CSRF check or the 500 page of an unexpected error (logged with
    its traceback all the same) would reach them as HTML pages.

    Django's handler404 and handler500 see only some of these, and would need a
    second template each; one middleware sees every response on its way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_json = response.get("Content-Type", "").startswith("application/json")
        if request.path.startswith("/api/") and response.status_code >= 400 and not is_json:
            error = JsonResponse({"error": response.reason_phrase}, status=response.status_code)
            if response.has_header("Allow"):  # which methods a 405 takes
                error["Allow"] = response["Allow"]
            return error
        return response
