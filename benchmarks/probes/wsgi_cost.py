"""Where a request's time goes: run inside a project's venv by request_cost.py.

Calls the WSGI application in-process (no server, no socket) for GET /healthz,
as it is and then with one piece of its per-request machinery taken away at
a time: each Flask hook and the signed cookie session, or each Django
middleware; and without the database round trip. The difference from "as
generated" is what that piece costs a request. Prints one JSON object:
{variant: median microseconds per request}.

Usage: python wsgi_cost.py flask|django MODULE:ATTRIBUTE REQUESTS RUNS
"""

from __future__ import annotations

import importlib
import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

WSGIApp = Callable
# Django refuses to run these without the session middleware, so they go with it.
NEEDS_SESSIONS = ("AuthenticationMiddleware", "MessageMiddleware")


def environ() -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/healthz",
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def call(app: WSGIApp) -> None:
    statuses = []
    body = app(environ(), lambda status, headers, exc_info=None: statuses.append(status))
    try:
        b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"/healthz answered {statuses[0]}")


def microseconds_per_request(app: WSGIApp, requests: int, runs: int) -> float:
    for _ in range(max(100, requests // 10)):
        call(app)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(requests):
            call(app)
        samples.append((time.perf_counter() - start) / requests * 1e6)
    return statistics.median(samples)


def flask_variants(app) -> Iterator[tuple[str, WSGIApp]]:
    """The app as generated, then without each hook, the session, the database."""
    yield "as generated", app
    hooks = {
        "before_request": app.before_request_funcs[None],
        "after_request": app.after_request_funcs[None],
        "teardown_request": app.teardown_request_funcs[None],
        "teardown_appcontext": app.teardown_appcontext_funcs,
    }
    for kind, functions in hooks.items():
        for function in list(functions):
            with removed(functions, function):
                yield f"without {kind} {function.__qualname__}", app
    if app.secret_key:
        key, app.secret_key = app.secret_key, None
        yield "without the signed cookie session (no SECRET_KEY)", app
        app.secret_key = key
    endpoint = next(name for name, rule in rules(app) if rule == "/healthz")
    view = app.view_functions[endpoint]
    app.view_functions[endpoint] = lambda: {"status": "ok"}
    yield "without the database round trip", app
    app.view_functions[endpoint] = view


def rules(app) -> Iterator[tuple[str, str]]:
    for rule in app.url_map.iter_rules():
        yield rule.endpoint, rule.rule


def django_variants() -> Iterator[tuple[str, WSGIApp]]:
    """The project as generated, then without each middleware, then the database."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import get_resolver

    yield "as generated", WSGIHandler()
    middleware = list(settings.MIDDLEWARE)
    names = {path: path.rsplit(".", 1)[-1] for path in middleware}
    for name in names.values():
        gone = (name, *NEEDS_SESSIONS) if name == "SessionMiddleware" else (name,)
        settings.MIDDLEWARE = [path for path in middleware if names[path] not in gone]
        yield f"without {' + '.join(gone)}", WSGIHandler()
    settings.MIDDLEWARE = middleware
    pattern = find_pattern(get_resolver().url_patterns, "healthz")
    if pattern is not None:
        from django.http import JsonResponse

        view, pattern.callback = pattern.callback, lambda request: JsonResponse({"status": "ok"})
        yield "without the database round trip", WSGIHandler()
        pattern.callback = view


def find_pattern(patterns, route: str):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            found = find_pattern(pattern.url_patterns, route)
            if found is not None:
                return found
        elif str(pattern.pattern) == route:
            return pattern
    return None


@contextmanager
def removed(functions: list, function) -> Iterator[None]:
    index = functions.index(function)
    functions.pop(index)
    try:
        yield
    finally:
        functions.insert(index, function)


def main() -> None:
    framework, entry, requests, runs = sys.argv[1:5]
    module_name, attribute = entry.split(":")
    sys.path.insert(0, "")
    module = importlib.import_module(module_name)  # Django's is imported to configure it
    if framework == "flask":
        variants = flask_variants(getattr(module, attribute))
    else:
        variants = django_variants()
    figures = {
        label: microseconds_per_request(app, int(requests), int(runs)) for label, app in variants
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
