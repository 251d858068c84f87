"""Links written in another generator's syntax, as the site paths they name.

Migrated sites link between pages with their generator's own syntax: Pelican's
``{filename}/posts/x.md``, ``{static}/images/a.png`` and ``{tag}python``, Jekyll's
``{% post_url 2010-07-21-name %}``, ``{% link _posts/x.md %}`` and
``{{ site.baseurl }}/about/``, Hugo's ``{{< ref "setup.md" >}}``. Each is read here as the
link it stands for, so that it is checked and rewritten like any other.
"""
from __future__ import annotations

import posixpath
import shlex
from urllib.parse import unquote

from sitegen.manifest import MARKDOWN_SUFFIXES
from sitegen.models import Entry
from sitegen.slugs import slugify

_PELICAN = ("{filename}", "{static}", "{attach}", "|filename|", "|static|", "|attach|")
_AUTOSTATIC = "{static "  # (the autostatic plugin's {static images/a.png})
_PELICAN_INDEX = ("{index}", "|index|")
_PELICAN_TERMS = {"{tag}": "tags", "{category}": "categories", "{author}": "authors",
                  "|tag|": "tags", "|category|": "categories", "|author|": "authors"}
# The template tags that may be a link's address: Hugo's shortcodes and Jekyll's tags.
LINK_TAG_STARTS = ("{%", "{{<", "{{%")
_SITE_PREFIXES = ("{{ site.url }}", "{{site.url}}", "{{ site.baseurl }}", "{{site.baseurl}}",
                  # (the Carpentries lessons' way back to the site's root, "." or "..")
                  "{{ page.root }}", "{{page.root}}", "{{ relative_root_path }}",
                  "{{ .Site.BaseURL }}", "{{ .Site.BaseURL}}",
                  # (Jekyll-Bootstrap's, set by its {% include JB/setup %}: Zeppelin's docs)
                  "{{ BASE_PATH }}", "{{BASE_PATH}}")


def _tag_arguments(target: str, opener: str, closer: str) -> list[str] | None:
    """The words inside a template tag that is the whole ``target`` (``{% post_url x %}``
    -> ``["post_url", "x"]``), quotes taken off; None when ``target`` is not one."""
    text = target.strip()
    if not (text.startswith(opener) and closer in text):
        return None
    inside, _, rest = text[len(opener):].partition(closer)
    try:  # (a quoted argument may hold spaces: kustomize's relref "../Common Definitions/x.md")
        words = shlex.split(inside.strip(" -"))
    except ValueError:  # (an unclosed quote)
        words = [word.strip("\"'") for word in inside.strip(" -").split()]
    return words + ([rest] if rest else [])


_INDEX_NAMES = ("index.md", "_index.md", "index.markdown", "_index.markdown")


def sources_by_name(by_source: dict[str, Entry]) -> dict[str, Entry | None]:
    """Each source's file name, with and without its extension, and each bundle's or
    section's folder name (of its ``index.md`` or ``_index.md``), to its entry (None when
    two sources share it): how a link that names a page by its old place or by its name
    alone (Hugo's ``ref "getting-started"``) finds it. Each source's path in lower case,
    after a ``/``, is there too: Hugo's ``ref`` reads paths in any case."""
    found: dict[str, Entry | None] = {}
    for rel_path, entry in by_source.items():
        folder, name = posixpath.split(rel_path)
        keys = [name, name.rsplit(".", 1)[0], "/" + rel_path.lower()]
        if name in _INDEX_NAMES:  # (by its folder's name: "index.md" alone names no page,
            keys = [keys[2], *([posixpath.basename(folder)] if folder else [])]  # every
            # folder has one: pi-hole's link to api/index.md, left out, had gone to the home)
        for key in dict.fromkeys(keys):
            found[key] = entry if found.get(key, entry) is entry else None
    return found


def _source_at(relative: str, by_source: dict[str, Entry],
               by_name: dict[str, Entry | None]) -> Entry | None:
    """The source at ``relative`` (a path from content/), written with or without its
    extension, or naming a bundle's or section's folder (Hugo's ``ref "docs/setup"``), in
    its case or else in any (see :func:`sources_by_name`)."""
    relative = relative.strip("/")
    folder, _, name = relative.rpartition("/")
    if name in _INDEX_NAMES:  # (Hugo's _index.md, which the migration renames index.md)
        relative = folder
    if relative in ("", "."):
        return by_source.get("index.md") or by_source.get("_index.md")
    candidates = (relative, relative + ".md", relative + ".markdown",
                  *(relative + "/" + name for name in _INDEX_NAMES))
    return next((by_source[candidate] for candidate in candidates if candidate in by_source),
                None) or next((found for candidate in candidates
                               if (found := by_name.get("/" + candidate.lower()))), None)


def _source_link(path: str, entry: Entry, by_source: dict[str, Entry],
                 by_name: dict[str, Entry | None]) -> str:
    """The site path of the source at ``path`` (from content/ when it starts with ``/``,
    else from ``entry``'s folder, a bundle's from the bundle's folder, then from content/,
    as Hugo looks), or of the only source with its file name (or bundle's folder name); the
    path itself when there is none (it is then reported as a broken link)."""
    if path.startswith("/"):
        relative = path.lstrip("/")
        linked = _source_at(relative, by_source, by_name)
    else:
        folder = posixpath.dirname(entry.rel_path)
        relative = posixpath.normpath(posixpath.join(folder, path))
        # (then, from a bundle's page, from the folder of the bundle, as Hugo looks; then
        # from content/)
        linked = _source_at(relative, by_source, by_name) or (
            _source_at(posixpath.normpath(posixpath.join(posixpath.dirname(folder), path)),
                       by_source, by_name)
            if posixpath.basename(entry.rel_path) in _INDEX_NAMES and folder else None) \
            or _source_at(posixpath.normpath(path), by_source, by_name)
    if linked is None:  # (by its place before the move took a folder away: Pelican's
        # /pages/learning-hub/index.md, now content/learning-hub/index.md)
        parts = relative.strip("/").split("/")
        linked = next((found for start in range(1, len(parts) - 1)
                       if (found := _source_at("/".join(parts[start:]), by_source, by_name))),
                      None)
    if linked is None:  # (by its name alone; a bundle's, by its folder's name too)
        name = posixpath.basename(relative.rstrip("/"))
        linked = by_name.get(name) or by_name.get(_without_markdown_suffix(name))
    if linked is None:
        return _section_list([relative, posixpath.normpath(path.lstrip("/"))], by_source) \
            or "/" + relative
    return linked.url


def _section_list(paths: list[str], by_source: dict[str, Entry]) -> str | None:
    """The address of the list of the section that the first of ``paths`` (from content/)
    to name one names, by its folder or its ``_index.md``, when no source is its page
    (Flink's ``relref "posts"`` from a page of how-to-contribute/): ``/posts/``."""
    for path in paths:
        folder, _, name = path.strip("/").rpartition("/")
        top = folder if name in _INDEX_NAMES else path.strip("/")
        if top and "/" not in top and any(key.startswith(top + "/") for key in by_source):
            return f"/{top}/"
    return None


def _without_markdown_suffix(name: str) -> str:
    """``name`` without its Markdown extension, if it has one (Hugo's ``ref "x.md"`` names
    the bundle ``x/index.md`` too)."""
    return next((name.removesuffix(suffix) for suffix in MARKDOWN_SUFFIXES
                 if name.endswith(suffix)), name)


def tag_as_address(tag: str) -> str:
    """A template tag (``{{< ref "a.md" >}}``) as it is written to be a link's address, its
    spaces and double quotes as ``%20`` and ``%22``: Markdown takes a space and a quote
    in an address to start the link's title (see
    :func:`sitegen.rewrites.link_tags_as_addresses`)."""
    return tag.replace(" ", "%20").replace("\t", "%20").replace('"', "%22")


def tag_as_written(target: str) -> str:
    """A link's ``target`` as its author wrote it, if it is a template tag that
    :func:`tag_as_address` made an address of; else ``target``."""
    if target.startswith(LINK_TAG_STARTS) and ("%20" in target or "%22" in target):
        return target.replace("%20", " ").replace("%22", '"')
    if target.startswith("{{") and "}}" in target:  # (a Liquid expression: the path after
        tag, end, rest = target.partition("}}")  # it is the path as written)
        return tag.replace("%20", " ").replace("%22", '"') + end + rest
    return target


def foreign_link(target: str, entry: Entry, by_source: dict[str, Entry],
                 by_name: dict[str, Entry | None]) -> str:
    """``target`` written in this site's terms when another generator's syntax wrote it
    (a site path such as ``/posts/x/#part``, or a relative file path), else ``target``."""
    if not target.startswith(("{", "|")):
        return target
    target = tag_as_written(target)
    for prefix in _SITE_PREFIXES:
        if target.startswith(prefix):
            rest = target[len(prefix):]
            return foreign_link(rest, entry, by_source, by_name) if rest.startswith("{") \
                else "/" + rest.lstrip("/")
    for translate in (_pelican_link, _liquid_link, _hugo_link):
        found = translate(target, entry, by_source, by_name)
        if found is not None:
            return found
    return target


def _pelican_link(target: str, entry: Entry, by_source: dict[str, Entry],
                  by_name: dict[str, Entry | None]) -> str | None:
    """Pelican's ``{filename}x.md`` (a page), ``{static}x.png`` (a file; the autostatic
    plugin's ``{static x.png}`` too; a relative one is left relative, for
    :func:`sitegen.links.resolve_link` to find), ``{index}`` (the home page) and
    ``{tag}name``, ``{category}name`` and ``{author}name`` (their pages), or None."""
    if target.startswith(_AUTOSTATIC) and target.endswith("}"):
        words = target[len(_AUTOSTATIC):-1].split()
        target = "{static}" + (words[0] if words else "")
    if target.startswith(_PELICAN_INDEX):
        return "/" + target[len("{index}"):]
    for mark, folder in _PELICAN_TERMS.items():
        if target.startswith(mark):
            name, hash_, fragment = target[len(mark):].partition("#")
            return f"/{folder}/{slugify(name)}/{hash_}{fragment}"
    prefix = next((prefix for prefix in _PELICAN if target.startswith(prefix)), None)
    if prefix is None:
        return None
    path, hash_, fragment = target[len(prefix):].partition("#")
    if prefix.strip("{}|") == "filename" or path.endswith(MARKDOWN_SUFFIXES):
        return _source_link(path, entry, by_source, by_name) + hash_ + fragment
    return path + hash_ + fragment


def is_pelican_link(target: str) -> bool:
    """Whether ``target`` is written in Pelican's syntax (``{static}/x.png``...)."""
    return target.startswith(_PELICAN)


def _liquid_link(target: str, entry: Entry, by_source: dict[str, Entry],
                 by_name: dict[str, Entry | None]) -> str | None:
    """Jekyll's ``{% post_url name %}``, ``{% link path %}`` and ``{{ "x" | relative_url }}``,
    or None."""
    liquid = _tag_arguments(target, "{%", "%}")
    if liquid and len(liquid) >= 2 and liquid[0] in ("post_url", "link"):
        _, hash_, fragment = "".join(liquid[2:]).partition("#")
        name = liquid[1].removeprefix("_posts/")
        linked = by_source.get(name) or (  # (a collection's, _docs/api/x.md: docs/api/x.md)
            by_source.get(name[1:]) if name.startswith("_") else None) \
            or by_name.get(posixpath.basename(name)) or (
            _post_of_day(posixpath.basename(name), by_source) if liquid[0] == "post_url"
            else None)
        # (one that names no page, or a name several files have, is reported as the path
        # it is read as: a broken link)
        return (linked.url if linked else "/" + name.lstrip("/")) + hash_ + fragment
    if _is_url_filter(target):
        filtered = _tag_arguments(target, "{{", "}}") or []
        return "/" + filtered[0].lstrip("/")
    literal = _quoted_literal(target)
    if literal is not None:  # (what Liquid writes of it: the text itself)
        return literal + target.strip().partition("}}")[2]
    return None


def _post_of_day(name: str, by_source: dict[str, Entry]) -> Entry | None:
    """The one post whose file's name, without its date, is that of ``name``
    (``2024-01-10-ai-timelines-2024``) and whose date in the site's time zone is its date,
    as Jekyll's ``post_url`` finds it when no file has that name (irpan's post of 11 January
    at 00:47 -04:00, 10 January in Los Angeles); else None."""
    day, slug = name[:10], name[11:]
    if len(name) < 12 or name[10] != "-":
        return None
    found = [entry for rel_path, entry in by_source.items() if entry.kind == "post"
             and entry.date is not None and entry.date.date().isoformat() == day
             and _undated_stem(rel_path) == slug]
    return found[0] if len(found) == 1 else None


def _undated_stem(rel_path: str) -> str:
    """The file name of ``rel_path`` without its extension and its date (``2024-01-11-``)."""
    stem = posixpath.basename(rel_path).rsplit(".", 1)[0]
    return stem[11:] if stem[:4].isdigit() and stem[10:11] == "-" else stem


def _quoted_literal(text: str) -> str | None:
    """The text of Jekyll's ``{{ "/path/" }}``, a quoted text with no filter, which Liquid
    writes as it is (ADG's 126 images ``![x]({{"/assets/x.png"}})``), or None."""
    stripped = text.strip()
    if not stripped.startswith("{{") or "}}" not in stripped:
        return None
    inside = stripped[2:].partition("}}")[0].strip(" -")
    if len(inside) < 2 or inside[0] not in "'\"" or inside[-1] != inside[0] \
            or inside[0] in inside[1:-1]:
        return None
    return inside[1:-1]


def _is_url_filter(text: str) -> bool:
    """Whether ``text`` is Jekyll's ``{{ "/path/" | relative_url }}`` (or ``absolute_url``)
    of a quoted path: a variable's (``{{ post.url | relative_url }}``) is a Liquid
    expression, reported as text."""
    filtered = _tag_arguments(text, "{{", "}}")
    return filtered is not None and len(filtered) >= 3 and filtered[1] == "|" and \
        filtered[2] in ("relative_url", "absolute_url") \
        and text.strip()[2:].lstrip(" -").startswith(("'", '"'))


def _hugo_link(target: str, entry: Entry, by_source: dict[str, Entry],
               by_name: dict[str, Entry | None]) -> str | None:
    """Hugo's ``{{< ref "x.md" >}}`` and ``{{< relref "x.md" >}}`` (or ``path="x.md"``, its
    parameter by name), or None."""
    hugo = _tag_arguments(target, "{{<", ">}}") or _tag_arguments(target, "{{%", "%}}")
    if hugo and len(hugo) >= 2 and hugo[0].lower() in ("ref", "relref"):  # (any case, as Hugo)
        named = {name: value.strip("\"'") for name, equals, value
                 in (word.partition("=") for word in hugo[1:]) if equals}
        after = target.partition(">}}" if target.startswith("{{<") else "%}}")[2]  # ("#x")
        written = named.get("path", hugo[1]) + (after if after.startswith("#") else "")
        path, hash_, fragment = written.partition("#")
        if not path:  # (ref "#part": the page's own heading)
            return hash_ + fragment
        path = unquote(path)  # (as Hugo reads it: "../Common%20Definitions/x.md")
        return (_term_page(path) or _source_link(path, entry, by_source, by_name)) \
            + hash_ + fragment
    return None


def _term_page(path: str) -> str | None:
    """The page of a tag or a category that a ``ref`` names (dvhthomas' ``relref
    "tags/asdf"``, Hugo's term page ``/tags/asdf/``), or None."""
    taxonomy, _, term = path.strip("/").partition("/")
    if taxonomy not in ("tags", "categories") or not term or "/" in term.strip("/") \
            or term.endswith(MARKDOWN_SUFFIXES):
        return None
    return f"/{taxonomy}/{term.strip('/').lower()}/"


_LINK_TAG_ENDS = (("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"))


def is_link_syntax(construct: str) -> bool:
    """Whether a template tag or expression is one of the link syntaxes :func:`foreign_link`
    reads (``{% post_url x %}``, ``{{< ref "x" >}}``, ``{{ site.baseurl }}``...): it is
    checked as a link, rather than reported as text."""
    text = construct.strip()
    if text in _SITE_PREFIXES:
        return True
    for opener, closer in _LINK_TAG_ENDS:
        if text.startswith(opener) and closer not in text:  # (a tag over lines, which the
            words = text[len(opener):].strip(" -").split()  # link joins: tinygo's ({{<ref
            return bool(words) and words[0].lower() in ("ref", "relref", "post_url", "link")
            # then "nano.md">}}))
    hugo = _tag_arguments(text, "{{<", ">}}") or _tag_arguments(text, "{{%", "%}}")
    if hugo is not None:
        return bool(hugo) and hugo[0].lower() in ("ref", "relref")
    liquid = _tag_arguments(text, "{%", "%}")
    if liquid is not None:
        return bool(liquid) and liquid[0] in ("post_url", "link")
    return _is_url_filter(text) or _quoted_literal(text) is not None
