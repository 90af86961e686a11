"""Where a request's time goes: run inside a project's venv by request_cost.py.

Calls the WSGI application in-process (no server, no socket) for GET /healthz,
as it is and then with one piece of its per-request machinery taken away at
a time: each Flask hook and the signed cookie session, or each Django
middleware; and without the database round trip. The variants take turns,
round after round, so that a machine slowing down hurts them alike. The
difference from "as generated" is what that piece costs a request. Prints one
JSON object: {variant: median microseconds per request}.

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
from contextlib import AbstractContextManager, contextmanager

WSGIApp = Callable
Variant = tuple[str, Callable[[], AbstractContextManager[WSGIApp]]]
# Django refuses to run these without the session middleware, so they go with it.
NEEDS_SESSIONS = ("AuthenticationMiddleware", "MessageMiddleware")
WARM_UP = 100


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


def measure(variants: list[Variant], requests: int, runs: int) -> dict[str, float]:
    """Median microseconds per request of each variant, the variants taking turns."""
    samples: dict[str, list[float]] = {label: [] for label, _ in variants}
    for _ in range(runs):
        for label, applied in variants:
            with applied() as app:
                for _ in range(WARM_UP):
                    call(app)
                start = time.perf_counter()
                for _ in range(requests):
                    call(app)
                samples[label].append((time.perf_counter() - start) / requests * 1e6)
    return {label: statistics.median(values) for label, values in samples.items()}


def flask_variants(app) -> list[Variant]:
    """The app as generated, then without each hook, the session, the database."""
    variants: list[Variant] = [("as generated", lambda: unchanged(app))]
    hooks = {
        "before_request": app.before_request_funcs[None],
        "after_request": app.after_request_funcs[None],
        "teardown_request": app.teardown_request_funcs[None],
        "teardown_appcontext": app.teardown_appcontext_funcs,
    }
    for kind, functions in hooks.items():
        for function in list(functions):
            variants.append(
                (
                    f"without {kind} {function.__qualname__}",
                    lambda functions=functions, function=function: removed(
                        app, functions, function
                    ),
                )
            )
    if app.secret_key:
        variants.append(
            (
                "without the signed cookie session (no SECRET_KEY)",
                lambda: replaced(app, app, "secret_key", None),
            )
        )
    endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/healthz")
    variants.append(
        (
            "without the database round trip",
            lambda: replaced_item(app, app.view_functions, endpoint, lambda: {"status": "ok"}),
        )
    )
    return variants


def django_variants() -> list[Variant]:
    """The project as generated, then without each middleware, then the database."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import JsonResponse
    from django.urls import get_resolver

    def handler(middleware: list[str]) -> WSGIApp:
        # The handler reads MIDDLEWARE once, when it is built.
        generated, settings.MIDDLEWARE = settings.MIDDLEWARE, middleware
        try:
            return WSGIHandler()
        finally:
            settings.MIDDLEWARE = generated

    as_generated = WSGIHandler()
    variants: list[Variant] = [("as generated", lambda: unchanged(as_generated))]
    middleware = list(settings.MIDDLEWARE)
    names = {path: path.rsplit(".", 1)[-1] for path in middleware}
    for name in names.values():
        gone = (name, *NEEDS_SESSIONS) if name == "SessionMiddleware" else (name,)
        without = handler([path for path in middleware if names[path] not in gone])
        variants.append((f"without {' + '.join(gone)}", lambda app=without: unchanged(app)))
    pattern = find_pattern(get_resolver().url_patterns, "healthz")
    if pattern is not None:
        variants.append(
            (
                "without the database round trip",
                lambda: replaced(
                    as_generated,
                    pattern,
                    "callback",
                    lambda request: JsonResponse({"status": "ok"}),
                ),
            )
        )
    return variants


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
def unchanged(app: WSGIApp) -> Iterator[WSGIApp]:
    yield app


@contextmanager
def removed(app: WSGIApp, functions: list, function) -> Iterator[WSGIApp]:
    index = functions.index(function)
    functions.pop(index)
    try:
        yield app
    finally:
        functions.insert(index, function)


@contextmanager
def replaced(app: WSGIApp, owner, name: str, value) -> Iterator[WSGIApp]:
    """``owner.name`` set to ``value`` while the app runs."""
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield app
    finally:
        setattr(owner, name, original)


@contextmanager
def replaced_item(app: WSGIApp, mapping: dict, key: str, value) -> Iterator[WSGIApp]:
    """``mapping[key]`` set to ``value`` while the app runs."""
    original = mapping[key]
    mapping[key] = value
    try:
        yield app
    finally:
        mapping[key] = original


def main() -> None:
    framework, entry, requests, runs = sys.argv[1:5]
    module_name, attribute = entry.split(":")
    sys.path.insert(0, "")
    module = importlib.import_module(module_name)  # Django's is imported to configure it
    if framework == "flask":
        variants = flask_variants(getattr(module, attribute))
    else:
        variants = django_variants()
    print(json.dumps(measure(variants, int(requests), int(runs))))


if __name__ == "__main__":
    main()
