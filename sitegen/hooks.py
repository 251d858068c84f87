"""The site's own Python: ``hooks.py`` beside ``site.toml``, in Flask's own terms.

It may define ``init_app(app)``, called once with the site's Flask app before its content
loads (to add Jinja filters and globals with ``app.add_template_filter`` and
``app.add_template_global``, context processors, or routes and blueprints with
``app.register_blueprint``), and ``frozen_urls()``, a generator of the URLs of those routes
to publish: site paths (``"/recipes/soup/"``) or, as Frozen-Flask's URL generators give them,
an endpoint and its values (``("recipes.recipe", {"name": "soup"})``). Its views and
template functions find the site's content with :func:`current_site`; it may import Python
files beside it.

What that Python reads of the site is out of the engine's sight: a page that one of its
views, filters, globals or context processors makes is taken to read every entry, and is
built again whenever any content changes.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask, current_app, has_app_context, has_request_context, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from sitegen.errors import AuthorError, AuthorErrors
from sitegen.fingerprint import digest, files_digest
from sitegen.models import Site

FILE = "hooks.py"
_PLAIN = (str, int, float, bool, type(None), list, tuple, dict)  # globals that are only data


def current_site() -> Site:
    """The loaded site of the app handling the request (its ``posts``, ``pages``, ``tags``,
    ``data``...): for the views, filters and globals of a site's hooks.py."""
    site: Site = current_app.extensions["sitegen"].site
    return site


class SiteHooks:
    """A site's hooks.py, installed in its app: which routes it added (``path in hooks``
    says whether one answers a site path), and what its template functions are."""

    def __init__(self, app: Flask, module: ModuleType, path: Path):
        self.app, self.module, self.path = app, module, path
        self.key = files_digest([path.parent / name for name in sorted(
            item.name for item in path.parent.glob("*.py"))])  # (its code, and what it imports)
        self.endpoints: set[str] = set()
        self.urls: list[str] = []

    def __contains__(self, path: object) -> bool:
        """Whether a route of hooks.py answers the site path ``path``."""
        if not isinstance(path, str) or not self.endpoints:
            return False
        try:
            endpoint, _ = self.app.url_map.bind("localhost").match(path, method="GET")
        except HTTPException:
            return False
        return endpoint in self.endpoints

    def frozen_urls(self) -> list[str]:
        """The site paths the module's ``frozen_urls()`` gives (none if it has no such
        function), each a path or an endpoint with its values."""
        generator: Callable[[], Iterable[Any]] | None = getattr(self.module, "frozen_urls", None)
        if generator is None:
            return []
        urls = []
        with self.app.test_request_context("/"):
            try:
                for item in generator():
                    urls.append(_site_path(item, self.path))
            except (AuthorError, AuthorErrors):
                raise
            except Exception as error:
                raise hook_error(error, self.path, "in frozen_urls") from None
        return list(dict.fromkeys(urls))


def install_hooks(app: Flask, root: Path) -> SiteHooks | None:
    """Import ``root/hooks.py`` and call its ``init_app(app)``, if there is one; what it adds
    to the templates is noted as reading the whole site (see the module's docstring)."""
    module = load_hooks(root)
    if module is None:
        return None
    hooks = SiteHooks(app, module, root / FILE)
    environment = app.jinja_env
    tables: tuple[dict[str, Any], ...] = (environment.filters, environment.globals,
                                          environment.tests)
    before = [dict(table) for table in tables]
    endpoints = set(app.view_functions)
    processors = list(app.template_context_processors[None])
    init_app: Callable[[Flask], Any] | None = getattr(module, "init_app", None)
    if init_app is not None:
        try:
            init_app(app)
        except Exception as error:
            raise hook_error(error, hooks.path, "in init_app") from None
    for table, old in zip(tables, before, strict=True):
        for name, value in table.items():
            if old.get(name) is not value and callable(value):
                table[name] = _reading_everything(value)
            elif old.get(name) is not value and not isinstance(value, _PLAIN):
                environment.whole_site_objects.add(id(value))  # type: ignore[attr-defined]
    app.template_context_processors[None][:] = [
        processor if processor in processors else _reading_everything(processor)
        for processor in app.template_context_processors[None]]
    hooks.endpoints = set(app.view_functions) - endpoints
    app.before_request(functools.partial(_note_hook_page, hooks))
    return hooks


def _note_hook_page(hooks: SiteHooks) -> None:
    """Before a request: a page of hooks.py's routes reads the whole site."""
    if request.endpoint in hooks.endpoints:
        _read_everything()


def _read_everything() -> None:
    reads = current_app.extensions["sitegen"].reads if has_app_context() else None
    if reads is not None:
        reads.everything()


def _reading_everything(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter, global, test or context processor of hooks.py), noted as
    reading every entry of the site each time it is called."""
    @functools.wraps(function)
    def noted(*args: Any, **kwargs: Any) -> Any:
        _read_everything()
        return function(*args, **kwargs)
    return noted


def load_hooks(root: Path) -> ModuleType | None:
    """The module ``root/hooks.py``, imported by path (None if there is none); the Python
    files beside it can be imported (the site folder is the last place imports look).
    Raises :class:`AuthorError` if it does not import."""
    path = root / FILE
    if not path.is_file():
        return None
    name = f"sitegen_site_hooks_{digest([str(path)])[:12]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise AuthorError(path, "hooks.py cannot be imported", hint="check that it is a "
                          "readable Python file")
    if str(root) not in sys.path:
        sys.path.append(str(root))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses and pickling look modules up by name)
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        sys.modules.pop(name, None)
        raise hook_error(error, path, "while it was imported") from None
    return module


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
    if isinstance(error, SyntaxError) and Path(error.filename or "") == path:
        return AuthorError(path, f"invalid Python: {error.msg}", line=error.lineno,
                           hint="fix the syntax on that line")
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if Path(frame.filename) == path]
    return AuthorError(path, f"{FILE} failed {when}: {type(error).__name__}: {error}",
                       line=lines[-1] if lines else None,
                       hint="fix the code on that line (hooks.py is the site's own Python)")


def raised_in_hooks(error: BaseException, root: Path) -> AuthorError | None:
    """``error`` as an author error of ``root``'s hooks.py, if its code raised it (a view
    or a template function, while a page was made), else None."""
    path = root / FILE
    if any(Path(frame.filename) == path
           for frame in traceback.extract_tb(error.__traceback__)):
        where = f"while {request.path} was made" if has_request_context() \
            else "while a page was made"
        return hook_error(error, path, where)
    return None
