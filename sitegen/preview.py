"""What only the preview (``make serve``) has: pages that reload themselves when a file is
saved, the site reloaded on the first request after a change, the base path, and an answer
only to the preview's own host names.

Host names: a web page whose own DNS name is made to point at 127.0.0.1 (DNS rebinding)
could otherwise read the drafts. The preview answers ``localhost``, the name it was started
with (``--host``), any IP address (rebinding needs a name), and, bound to every interface
(``0.0.0.0`` or ``::``), the machine's own name; on any port. Anything else gets a short
403 that says so.

Live reload: one watcher thread per preview looks for saved files every 100 ms and bumps
the site's version; every open ``/__reload__/`` connection only waits for the version to
change (:class:`ChangeWatcher`), so a thousand open tabs cost one thread's polling, not a
thousand. The watcher starts with the first connection and stops after the last one.
"""
from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, current_app, redirect, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from sitegen.state import LoadedSite

tools = Blueprint("preview", __name__)
RELOAD_SCRIPT = ('<script>new EventSource("{url}").addEventListener("reload", '
                 '() => location.reload());</script>')
POLL_SECONDS = 0.1  # how often the watcher looks for saved files
KEEP_ALIVE_SECONDS = 15  # a comment on an idle reload connection, so proxies keep it open
CONNECTION_SECONDS = 3600  # then the browser reconnects by itself
ALL_INTERFACES = ("0.0.0.0", "::", "")
REFUSED = ("This preview answers only the host names it is bound to ({names}) and IP "
           "addresses, not {host!r}: another web site could otherwise read your drafts by "
           "pointing its own name at this machine (DNS rebinding).\n"
           "To preview under another name, start it with: python site.py serve --host NAME\n")
log = logging.getLogger(__name__)


def add_to(app: Flask) -> None:
    """Give ``app`` the preview's live reload, and serve it under base_url's sub-path."""
    app.extensions["live_reload"] = ChangeWatcher(app.extensions["sitegen"])
    app.register_blueprint(tools)
    _mount_under_base_path(app)


def _loaded() -> LoadedSite:
    state: LoadedSite = current_app.extensions["sitegen"]
    return state


# --- Host names -------------------------------------------------------------------------------

@tools.before_app_request
def refuse_other_host_names() -> Response | None:
    """Refuse a request whose ``Host`` is not one of the preview's own names (see the module
    docstring); runs before anything is loaded or served. ``PREVIEW_BOUND_HOST`` is the
    ``--host`` of ``serve`` (127.0.0.1 when unset, as in the test client)."""
    bound_host = current_app.config.get("PREVIEW_BOUND_HOST") or "127.0.0.1"
    name = host_name(request.host)
    if is_ip_address(name) or name in own_host_names(bound_host):
        return None
    names = ", ".join(sorted(own_host_names(bound_host)))
    return Response(REFUSED.format(names=names, host=request.host), status=403,
                    mimetype="text/plain", headers={"X-Content-Type-Options": "nosniff"})


def host_name(host: str) -> str:
    """A ``Host`` header's name without its port, in lower case (``[::1]:5000`` is ``[::1]``,
    ``Localhost:80`` is ``localhost``)."""
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit() and (name.endswith("]") or ":" not in name):
        return name.lower()
    return host.lower()


def is_ip_address(name: str) -> bool:
    """Whether a host name is an IPv4 address or a bracketed (or bare) IPv6 address."""
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@functools.cache  # (getfqdn may ask the DNS: once per bound host)
def own_host_names(bound_host: str) -> frozenset[str]:
    """The host names a preview bound to ``bound_host`` answers, besides IP addresses."""
    names = {"localhost", "127.0.0.1", "[::1]"}
    if bound_host in ALL_INTERFACES:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    else:
        names.add(bound_host.lower())
    return frozenset(names)


# --- Live reload ------------------------------------------------------------------------------

class ChangeWatcher:
    """One thread that calls ``state.refresh()`` every :data:`POLL_SECONDS` while at least
    one reload connection is open, and wakes the connections waiting in
    :meth:`wait_for_change` whenever ``state.version`` has moved (whether its own refresh or
    a page request's reloaded the site)."""

    def __init__(self, state: LoadedSite):
        self.state = state
        self.changed = threading.Condition()
        self.listeners = 0
        self.running = False

    def join(self) -> None:
        """A connection opens: start the thread if it is not running."""
        with self.changed:
            self.listeners += 1
            if not self.running:
                self.running = True
                threading.Thread(target=self._watch, name="live reload", daemon=True).start()

    def leave(self) -> None:
        """A connection has ended; the thread stops at its next look if it was the last."""
        with self.changed:
            self.listeners -= 1

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The site's version once it is not ``seen``, or ``seen`` after ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != seen, timeout)
            return self.state.version

    def _watch(self) -> None:
        announced = self.state.version
        while True:
            try:
                self.state.refresh()
            except Exception:  # (a bug: say so, and keep the other connections served)
                log.exception("live reload: looking for changed files failed")
            with self.changed:
                if self.state.version != announced:
                    announced = self.state.version
                    self.changed.notify_all()
                if self.listeners == 0:
                    self.running = False
                    return
            time.sleep(POLL_SECONDS)


@tools.route("/__reload__/")
def live_reload() -> Response:
    """Server-sent events: ``reload`` whenever a source, template, static file or site.toml
    changes. Pages of the preview get :data:`RELOAD_SCRIPT`."""
    watcher: ChangeWatcher = current_app.extensions["live_reload"]
    return Response(reload_events(watcher), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def reload_events(watcher: ChangeWatcher) -> Iterator[str]:
    """The event stream of one connection: ``retry`` first, then ``reload`` with the new
    version after each change, a comment after each quiet :data:`KEEP_ALIVE_SECONDS`; it
    ends after :data:`CONNECTION_SECONDS`."""
    seen = watcher.state.version
    watcher.join()
    try:
        yield "retry: 300\n\n"
        ends = time.monotonic() + CONNECTION_SECONDS
        while (left := ends - time.monotonic()) > 0:
            version = watcher.wait_for_change(seen, min(KEEP_ALIVE_SECONDS, left))
            if version != seen:
                seen = version
                yield f"event: reload\ndata: {seen}\n\n"
            else:
                yield ": still here\n\n"
    finally:  # (run when the server closes the stream: the browser has gone)
        watcher.leave()


# --- Reloading and the reload script ----------------------------------------------------------

@tools.before_app_request
def reload_changed_files() -> None:
    """Reload the site if a file changed; start Jinja's cache afresh if a template did (it
    would keep serving the theme's post.html after a templates/post.html override appears)."""
    state = _loaded()
    state.refresh()
    if current_app.extensions.get("templates_of_version") != state.templates_version:
        if current_app.jinja_env.cache is not None:
            current_app.jinja_env.cache.clear()
        current_app.extensions["templates_of_version"] = state.templates_version


@tools.after_app_request
def add_reload_script(response: Response) -> Response:
    """Give every HTML page of the preview the live reload script."""
    if response.mimetype == "text/html" and not response.direct_passthrough:
        script = RELOAD_SCRIPT.format(url=request.script_root + "/__reload__/")
        body = response.get_data(as_text=True)
        if "</body>" in body:
            response.set_data(body.replace("</body>", script + "\n</body>", 1))
    return response


def _mount_under_base_path(app: Flask) -> None:
    """Serve the preview under base_url's sub-path (``/blog/``), as the host will."""
    base_path = app.extensions["sitegen"].config.base_path
    if base_path == "/":
        return

    def to_base_path(environ: dict[str, Any], start_response: Any) -> Any:
        return redirect(base_path)(environ, start_response)

    app.wsgi_app = DispatcherMiddleware(  # type: ignore[method-assign]
        to_base_path, {base_path.rstrip("/"): app.wsgi_app})
