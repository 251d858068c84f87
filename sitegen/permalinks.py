"""Permalinks by rule: a section's URL pattern (``/:year/:month/:slug/``) filled in for each
of its entries, as Jekyll's and Hugo's permalinks are.

A pattern is a site path from the root that ends in ``/`` (published as ``index.html`` in
that folder) or in ``.html``, with placeholders written ``:name``: see :data:`PLACEHOLDERS`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

# Every placeholder, and what it stands for (shown in the documentation and in errors).
PLACEHOLDERS = {
    "year": "the year of the date, four digits",
    "short_year": "the year of the date, two digits",
    "month": "the month, two digits",
    "i_month": "the month, without a leading zero",
    "short_month": "the month's name in three letters, 'Oct' (Jekyll's :short_month, "
                   "Pelican's {date:%b})",
    "long_month": "the month's name, 'October' (Jekyll's :long_month, Pelican's {date:%B})",
    "day": "the day of the month, two digits",
    "i_day": "the day of the month, without a leading zero",
    "hour": "the hour, two digits",
    "minute": "the minute, two digits",
    "second": "the second, two digits",
    "slug": "the entry's slug (its file name without a date, or its 'slug' field)",
    "title": "Jekyll's :title: the 'slug' field, else the file name without its date, "
             "made a slug as Jekyll's pretty ones, its case kept",
    "slug_or_title": "the 'slug' field, else the title made into a slug (Hugo's :slug, "
                     "Pelican's {slug})",
    "title_slug": "the title made into a slug, whatever the 'slug' field says (Hugo's "
                  ":title)",
    "filename": "the file name without its extension (a bundle's folder name)",
    "contentbasename": "Hugo's :contentbasename and :filename: the file name without its "
                       "extension (a bundle's folder name), its date kept, made a URL "
                       "segment (lowercased, hyphens for spaces)",
    "name": "Jekyll's :name of a collection's document: the file name without its "
            "extension, its date kept, made a slug as Jekyll's default slugify makes it "
            "(lowercased, each run of other characters than letters and digits one '-')",
    "section": "the first folder under content/",
    "sections": "Hugo's :sections: the first folder under content/ and the folders under it "
                "to the page's, joined by '/'; Hugo's slices pick some of them: "
                ":sections[1:] leaves out the first, :sections[last] is the last one, "
                ":sections[:last] all but the last (a folder's index.md is at the "
                "folder's address, as Hugo's section pages are)",
    "path": "the folders and slug under the section (under content/ for pages)",
    "collection_path": "Jekyll's :path of a collection's document: :path, with 'index' kept "
                       "for an index.md ('pipeline/index' for pipeline/index.md)",
    "category": "the category's slug (the segment is left out when there is none)",
    "categories": "the slugs of the 'categories' (or of the category), joined by '/', as "
                  "Jekyll's :categories",
    "output_ext": "'.html'",
}
DATE_PLACEHOLDERS = frozenset({"year", "short_year", "month", "i_month", "short_month",
                               "long_month", "day", "i_day", "hour", "minute", "second"})
# The months' names in English, as Jekyll and Pelican (in the C locale) write them.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def placeholders(pattern: str) -> Iterator[tuple[int, int, str]]:
    """Each ``:name`` in ``pattern``, as (start, end, name): a ``:`` followed by letters and
    underscores, and for ``:sections`` Hugo's slice of them in brackets (``sections[1:]``)."""
    position = pattern.find(":")
    while position != -1:
        end = position + 1
        while end < len(pattern) and (pattern[end].isascii() and pattern[end].isalpha()
                                      or pattern[end] == "_"):
            end += 1
        if pattern[position + 1:end] == "sections" and pattern[end:end + 1] == "[" \
                and "]" in pattern[end:]:
            end = pattern.index("]", end) + 1
        if end > position + 1:
            yield position, end, pattern[position + 1:end]
        position = pattern.find(":", end)


def _slice_bound(written: str, count: int, default: int) -> int | None:
    """One bound of Hugo's slice of ``count`` sections: a number, ``last`` (the last one's
    place), or ``default`` where none is written; None for anything else."""
    if not written:
        return default
    if written == "last":
        return max(count - 1, 0)
    return int(written) if written.isdigit() else None


def sections_slice(sections: list[str], spec: str) -> list[str] | None:
    """The ``sections`` that Hugo's slice ``spec`` (``1:``, ``last``, ``:last``, ``0``)
    picks, as Hugo's permalinks pick them; None for a slice Hugo does not read."""
    if not spec:
        return None
    if ":" not in spec:
        index = _slice_bound(spec, len(sections), 0)
        return None if index is None else sections[index:index + 1]
    low, _, high = spec.partition(":")
    start, end = _slice_bound(low, len(sections), 0), _slice_bound(high, len(sections),
                                                                   len(sections))
    if start is None or end is None or ":" in high:
        return None
    return sections[start:end] if start <= end else []


def uses_date(pattern: str) -> bool:
    """Whether the permalink ``pattern`` uses a placeholder of the date (``:year``...)."""
    return any(name in DATE_PLACEHOLDERS for _, _, name in placeholders(pattern))


_SLICES = re.compile(r":sections\[[^\[\]/]*\]")  # (Hugo's slices of the sections)


def pattern_problem(pattern: str, dated: bool) -> str | None:
    """What is wrong with ``pattern`` as a permalink or redirect pattern, or None. Patterns of
    sections that hold no dated posts (``dated`` false) may not use the date."""
    if not pattern.startswith("/") or pattern.startswith("//"):
        return "must start with a single '/'"
    if not pattern.endswith(("/", ".html", ":output_ext")):
        return "must end with '/' or '.html'"
    if any(mark in pattern for mark in "?#%\\") or any(
            segment in (".", "..") for segment in pattern.split("/")):
        return "may not hold '?', '#', '%', '\\', or a '.' or '..' segment"
    if any(mark in _SLICES.sub("", pattern) for mark in "[]"):
        return "may hold '[' and ']' only in Hugo's :sections[...]"
    for _, _, name in placeholders(pattern):
        if name.startswith("sections[") and sections_slice([], name[9:-1]) is None:
            return f"uses :{name}, a slice of the sections Hugo does not read (write " \
                ":sections[1:], :sections[last] or :sections[:last])"
        if name.partition("[")[0] not in PLACEHOLDERS:
            return f"uses :{name}, which is not a placeholder (known: " + \
                ", ".join(":" + known for known in PLACEHOLDERS) + ")"
        if name in DATE_PLACEHOLDERS and not dated:
            return f"uses :{name}, but this section's pages have no date"
    if not any(name in ("slug", "title", "slug_or_title", "title_slug", "filename",
                        "contentbasename", "name", "path", "collection_path", "day", "i_day")
               for _, _, name in placeholders(pattern)):
        return ("must use :slug, :title, :slug_or_title, :title_slug, :filename, "
                ":contentbasename, :name, :path or :collection_path (or the day, for one post "
                "a day), or every entry gets one URL")
    return None


def date_values(date: dt.datetime) -> dict[str, str]:
    """The date placeholders' values for ``date``."""
    return {"year": f"{date.year:04d}", "short_year": f"{date.year % 100:02d}",
            "month": f"{date.month:02d}", "i_month": str(date.month),
            "short_month": MONTH_NAMES[date.month - 1][:3],
            "long_month": MONTH_NAMES[date.month - 1],
            "day": f"{date.day:02d}", "i_day": str(date.day), "hour": f"{date.hour:02d}",
            "minute": f"{date.minute:02d}", "second": f"{date.second:02d}"}


def expand(pattern: str, values: dict[str, str]) -> str:
    """``pattern`` with each placeholder replaced by its value in ``values``; an empty value
    leaves its segment out (``/:category/:slug/`` with no category is ``/:slug/``, and
    ``/:path.html`` with an empty path is ``/index.html``). Raises
    KeyError for a placeholder that has no value (a date placeholder for an undated entry)."""
    pieces = []
    copied = 0
    for start, end, name in placeholders(pattern):
        if name.startswith("sections["):  # (Hugo's slice: checked by pattern_problem)
            value = "/".join(sections_slice(values["sections"].split("/"), name[9:-1]) or [])
        else:
            value = values[name]
        pieces += [pattern[copied:start], value]
        copied = end
    pieces.append(pattern[copied:])
    url = "".join(pieces)
    while "//" in url:
        url = url.replace("//", "/")
    if url.endswith("/.html"):  # (an index's empty path: /:path.html is /index.html)
        url = url[:-len(".html")] + "index.html"
    return url
