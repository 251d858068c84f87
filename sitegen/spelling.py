"""What a misspelled or foreign name probably meant: the "did you mean ...?" of a warning
about an unknown ``site.toml`` key or front-matter field."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def closest(name: str, known: Iterable[str], others: Mapping[str, str] | None = None
            ) -> str | None:
    """The known name that ``name`` most probably stands for: the one ``others`` gives
    (another generator's name for it: Hugo's ``baseURL`` is ``base_url``), else the most
    similar by spelling (``tittle`` is ``title``), else None. Case, ``-`` and ``_`` do not
    count."""
    known = list(known)
    folded = _fold(name)
    for other, meant in (others or {}).items():
        if _fold(other) == folded:
            return meant
    by_fold = {_fold(item): item for item in known}
    if folded in by_fold:
        return by_fold[folded]
    found = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
    return by_fold[found[0]] if found else None


def did_you_mean(name: str, known: Iterable[str], others: Mapping[str, str] | None = None,
                 otherwise: str = "") -> str:
    """A hint naming :func:`closest`'s answer (``did you mean 'title'?``), or ``otherwise``."""
    meant = closest(name, known, others)
    return f"did you mean '{meant}'?" if meant else otherwise


def _fold(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")
