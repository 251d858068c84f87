"""Hugo's ``param`` shortcode: ``{{< param version >}}`` is the value of the page's
parameter ``version`` (its front matter), else the site's (``[params]`` in ``site.toml``,
as in Hugo's configuration); Relearn's ``siteparam`` is the site's alone (``{{% siteparam
base %}}/overview/``: the Azure Verified Modules' 564 links and images). Hugo writes the
value wherever the shortcode is, code and links included, so the body is given the value
before anything else reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

# {{< param "name" >}} or {{% param name %}}: the name quoted or bare (a dotted path into
# nested tables: "info.version").
_PARAM = re.compile(r"\{\{([<%])[ \t]*(site)?param[ \t]+"
                    r"(?:\"([^\"\n]*)\"|'([^'\n]*)'|`([^`\n]*)`"
                    r"|([^\s\"'`<>%{}]+))[ \t]*([>%])\}\}")


def has_param_shortcode(body: str) -> bool:
    """Whether ``body`` may hold a ``param`` shortcode (one search of the whole body)."""
    return "param" in body and _PARAM.search(body) is not None


def _lookup(table: Mapping[str, object], name: str) -> object | None:
    """The value at the dotted ``name`` in ``table``, keys compared without case as Hugo
    compares them; None if there is none."""
    value: object = table
    for key in name.split("."):
        if not isinstance(value, Mapping):
            return None
        value = next((item for found, item in value.items()
                      if str(found).lower() == key.lower()), None)
    return value


def _shown(value: object) -> str | None:
    """``value`` as Hugo's template writes it (``true``, ``3`` for 3.0), or None for a
    table or list, which it would write as Go's own notation."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (str, int, dt.date)):
        return str(value)
    return None


def _page_field(name: str, page: Mapping[str, object]) -> str | None:
    """The front-matter field of ``page`` that holds parameter ``name`` (lowercased: its
    first key, or ``params``, Hugo 0.123's table of page parameters), if one does."""
    if _lookup(page, name) is not None:
        return name.split(".")[0].lower()
    return "params" if _lookup(page, f"params.{name}") is not None else None


def param_value(name: str, page: Mapping[str, object],
                site: Mapping[str, object]) -> str | None:
    """The text of parameter ``name``: the page's front matter (or its ``params`` table),
    else the site's ``[params]``; None if none of them sets it to a text, number, boolean
    or date."""
    return _param(name, page, site)[0]


def _param(name: str, page: Mapping[str, object],
           site: Mapping[str, object]) -> tuple[str | None, str | None]:
    """:func:`param_value`, and the page's field that holds it (see :func:`_page_field`), or
    None when the site's gives it."""
    field = _page_field(name, page)
    if field is None:
        return _shown(_lookup(site, name)), None
    return _shown(_lookup(page, name if field != "params" else f"params.{name}")), field


def with_params(body: str, page: Mapping[str, object],
                site: Mapping[str, object]) -> tuple[str, set[str]]:
    """``body`` with each ``param`` shortcode replaced by its value, and the page's
    front-matter fields that gave a value. A shortcode that names no value is kept as
    written (Hugo stops the build there): the scan of other generators' syntax names it
    (see :mod:`sitegen.dialect`)."""
    fields: set[str] = set()

    def value_of(match: re.Match[str]) -> str:
        name = next(group for group in match.groups()[2:6] if group is not None)
        if match[1] + match[7] not in ("<>", "%%"):
            return match[0]
        value, field = _param(name, page if match[2] is None else {}, site)
        if value is not None and field is not None:
            fields.add(field)
        return match[0] if value is None else value

    return _PARAM.sub(value_of, body), fields
