"""The site's own Python: ``hooks.py`` beside ``site.toml``, in Flask's own terms.

It may define ``init_app(app)``, called once with the site's Flask app (to add Jinja filters
and globals with ``app.add_template_filter`` and ``app.add_template_global``, or routes and
blueprints with ``app.register_blueprint``), and ``frozen_urls()``, a generator of the URLs
of those routes to publish: site paths (``"/recipes/soup/"``) or, as Frozen-Flask's URL
generators give them, an endpoint and its values (``("recipes.recipe", {"name": "soup"})``).
Its views and template functions find the site's content with :func:`current_site`.
"""
from __future__ import annotations

import importlib.util
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask, current_app, url_for
from werkzeug.routing import BuildError

from sitegen.errors import AuthorError
from sitegen.fingerprint import digest
from sitegen.models import Site

FILE = "hooks.py"


def current_site() -> Site:
    """The loaded site of the app handling the request (its ``posts``, ``pages``, ``tags``,
    ``data``...): for the views, filters and globals of a site's hooks.py."""
    site: Site = current_app.extensions["sitegen"].site
    return site


def load_hooks(root: Path) -> ModuleType | None:
    """The module ``root/hooks.py``, imported by path (None if there is none). Raises
    :class:`AuthorError` if it does not import."""
    path = root / FILE
    if not path.is_file():
        return None
    name = f"sitegen_site_hooks_{digest([str(path)])[:12]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise AuthorError(path, "hooks.py cannot be imported", hint="check that it is a "
                          "readable Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses and pickling look modules up by name)
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        sys.modules.pop(name, None)
        raise hook_error(error, path, "while it was imported") from None
    return module


def init_hooks(app: Flask, module: ModuleType, path: Path) -> None:
    """Call the module's ``init_app(app)``, if it has one."""
    init_app: Callable[[Flask], Any] | None = getattr(module, "init_app", None)
    if init_app is None:
        return
    try:
        init_app(app)
    except Exception as error:
        raise hook_error(error, path, "in init_app") from None


def hook_urls(app: Flask, module: ModuleType, path: Path) -> list[str]:
    """The site paths the module's ``frozen_urls()`` gives (none if it has no such
    function), each a path or an endpoint with its values."""
    generator: Callable[[], Any] | None = getattr(module, "frozen_urls", None)
    if generator is None:
        return []
    urls = []
    with app.test_request_context("/"):
        try:
            for item in generator():
                urls.append(_site_path(item, path))
        except AuthorError:
            raise
        except Exception as error:
            raise hook_error(error, path, "in frozen_urls") from None
    return list(dict.fromkeys(urls))


def _site_path(item: Any, path: Path) -> str:
    """A site path from what a URL generator gave: a path, an endpoint, or an endpoint
    and its values."""
    if isinstance(item, str) and item.startswith("/"):
        return item
    endpoint, values = (item, {}) if isinstance(item, str) else (
        item if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
        and isinstance(item[1], dict) else (None, {}))
    if endpoint is not None:
        try:
            return url_for(endpoint, **values)
        except BuildError:
            raise AuthorError(path, f"frozen_urls gave {item!r}, which names no route of the "
                              "site with those values", hint="name the endpoint as "
                              "\"blueprint.function\" and give every value its URL needs"
                              ) from None
    raise AuthorError(path, f"frozen_urls gave {item!r}: each URL must be a site path "
                      "(\"/recipes/soup/\"), an endpoint, or an endpoint and its values",
                      hint='yield "/recipes/soup/" or ("recipes.recipe", {"name": "soup"})')


def hook_error(error: BaseException, path: Path, when: str) -> AuthorError:
    """An exception raised by the site's own code, as an author error at the line of
    ``path`` where it was raised (or, for a syntax error, found)."""
    if isinstance(error, SyntaxError):
        return AuthorError(path, f"invalid Python: {error.msg}", line=error.lineno,
                           hint="fix the syntax on that line")
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if Path(frame.filename) == path]
    return AuthorError(path, f"{FILE} failed {when}: {type(error).__name__}: {error}",
                       line=lines[-1] if lines else None,
                       hint="fix the code on that line (hooks.py is the site's own Python)")
