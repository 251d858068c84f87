"""What only the preview (``make serve``) has: pages that reload themselves when a file is
saved, the site reloaded on the first request after a change, and the base path."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, current_app, redirect, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from sitegen.state import LoadedSite

tools = Blueprint("preview", __name__)
RELOAD_SCRIPT = ('<script>new EventSource("{url}").addEventListener("reload", '
                 '() => location.reload());</script>')


def add_to(app: Flask) -> None:
    """Give ``app`` the preview's live reload, and serve it under base_url's sub-path."""
    app.register_blueprint(tools)
    _mount_under_base_path(app)


def _loaded() -> LoadedSite:
    state: LoadedSite = current_app.extensions["sitegen"]
    return state


@tools.route("/__reload__/")
def live_reload() -> Response:
    """Server-sent events: ``reload`` whenever a source, template, static file or site.toml
    changes. Pages of the preview get :data:`RELOAD_SCRIPT`."""
    state = _loaded()

    def events() -> Iterator[str]:
        seen = state.version
        yield "retry: 300\n\n"
        for tick in range(36000):  # an hour; the browser reconnects by itself after that
            state.refresh()
            if state.version != seen:
                seen = state.version
                yield f"event: reload\ndata: {seen}\n\n"
            elif tick % 150 == 0:
                yield ": still here\n\n"
            time.sleep(0.1)

    return Response(events(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


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
