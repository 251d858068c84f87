"""Split a list of posts into numbered pages: ``/``, ``/page/2/``, ..."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from flask import abort, url_for

T = TypeVar("T")


@dataclass
class Pagination:
    """Where one page sits among its siblings, with links to its neighbours."""

    number: int
    total: int
    endpoint: str
    values: dict[str, Any]

    def url(self, number: int) -> str:
        """The URL of page ``number`` (page 1 has no ``/page/1/``)."""
        if number == 1:
            return url_for(self.endpoint, **self.values)
        return url_for(self.endpoint, number=number, **self.values)

    @property
    def previous_url(self) -> str | None:
        """The newer page's URL, if any."""
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """The older page's URL, if any."""
        return self.url(self.number + 1) if self.number < self.total else None


def page_count(count: int, per_page: int) -> int:
    """How many pages ``count`` items fill (an empty list still has its first page)."""
    return max(1, -(-count // per_page))


def paginate(items: list[T], number: int, per_page: int, endpoint: str,
             **values: Any) -> tuple[list[T], Pagination]:
    """The items on page ``number`` and its :class:`Pagination`; 404 past the last page."""
    total = page_count(len(items), per_page)
    if number < 1 or number > total:
        abort(404)
    start = (number - 1) * per_page
    return items[start:start + per_page], Pagination(number, total, endpoint, values)
