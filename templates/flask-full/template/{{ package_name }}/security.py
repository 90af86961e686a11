"""HTTPS behind a proxy, the origin of unsafe requests, and the Content-Security-Policy.

Django's SecurityMiddleware, CSRF origin check and django-csp do this for Django;
here it is a few request hooks, as Flask leaves it to the app. Flask-Talisman
would bring the redirect, HSTS and CSP too, but it exempts a path from the
redirect only by decorating its view, it does not check the Origin header, and
half of what it sets (cookie flags, X-Frame-Options) is set already in config.py
and create_app.
"""

import base64
import hashlib
import secrets

from flask import Flask, abort, g, redirect, request
from werkzeug.middleware.proxy_fix import ProxyFix

# A load balancer's or container's health check asks over plain HTTP, from inside.
NOT_REDIRECTED = {"/healthz"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Flask-Admin's list pages put a few handlers in onclick attributes, which no nonce
# can mark. These exact ones are allowed by their hashes ('unsafe-hashes'); any
# other inline handler, such as one an attacker slipped into a page, stays blocked.
ADMIN_INLINE_HANDLERS = (
    "return false;",
    "return modelActions.execute('delete');",
    "return faHelpers.safeConfirm('Are you sure you want to delete this record?');",
)


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


HANDLER_HASHES = " ".join(script_hash(handler) for handler in ADMIN_INLINE_HANDLERS)


def content_security_policy(nonce: str) -> str:
    """Only this site's own scripts, styles, images and forms; no page may frame it.

    Inline scripts run only with this response's nonce: Flask-Admin writes a few
    and marks them with it; its onclick handlers run only if they are the known
    ones. Its Bootstrap theme styles elements inline, which ``style-src``
    allows; a style cannot run code.
    """
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"script-src-attr 'unsafe-hashes' {HANDLER_HASHES}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def csp_nonce() -> str:
    """This response's nonce for inline scripts, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_security(app: Flask) -> None:
    if app.config["BEHIND_PROXY"]:
        # The proxy terminates HTTPS and says so in X-Forwarded-Proto, and adds the
        # client's address to X-Forwarded-For: trust the one entry the one proxy in front
        # adds to each, so request.is_secure tells the truth and the login throttle counts
        # clients, not the proxy (the entries before it are whatever the client sent).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)

    @app.before_request
    def redirect_to_https():
        secure = request.is_secure or request.path in NOT_REDIRECTED
        if app.config["SECURE_SSL_REDIRECT"] and not secure:
            return redirect(request.url.replace("http://", "https://", 1), code=301)
        return None

    @app.before_request
    def check_origin():
        """An unsafe request from another site's page is refused, as Django's CSRF check does.

        Flask-WTF's token check (and, over HTTPS, its Referer check) runs after this; the
        Origin header, which browsers send with every cross-site POST, it does not read.
        """
        origin = request.headers.get("Origin")
        # host_url is this request's own scheme and host, the scheme as the proxy says.
        if request.method in UNSAFE_METHODS and origin not in (None, request.host_url.rstrip("/")):
            abort(403, "This form was sent from another site.")

    @app.after_request
    def https_and_content_policy(response):
        if request.is_secure and app.config["HSTS_SECONDS"]:
            # Browsers then ask this host over HTTPS only, for a year, subdomains too.
            response.headers.setdefault(
                "Strict-Transport-Security",
                f"max-age={app.config['HSTS_SECONDS']}; includeSubDomains; preload",
            )
        response.headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
        return response
