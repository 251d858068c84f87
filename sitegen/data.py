"""The site's data files: ``data/*.yml``, ``.yaml``, ``.json`` and ``.toml``, which templates
read as ``data`` (``data/team.yml`` is ``{{ data.team }}``; ``data/menus/footer.json`` is
``{{ data.menus.footer }}``)."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from sitegen.errors import AuthorError
from sitegen.yamltext import load_yaml

SUFFIXES = (".yml", ".yaml", ".json", ".toml")
_TOML_LINE = re.compile(r"at line (\d+)")


def load_data(folder: Path) -> dict[str, Any]:
    """Every data file under ``folder`` by name (its path without the suffix, a subfolder a
    nested table); empty when there is no such folder. Raises :class:`AuthorError` for a
    file that cannot be read or parsed, or two files of the same name."""
    data: dict[str, Any] = {}
    if not folder.is_dir():
        return data
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or path.name.startswith(".") \
                or not path.is_file():
            continue
        *parents, name = path.relative_to(folder).with_suffix("").parts
        table = data
        for part in parents:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                raise _same_name(path, folder)
        if name in table:
            raise _same_name(path, folder)
        table[name] = read_data_file(path)
    return data


def read_data_file(path: Path) -> Any:
    """The value of one data file, by its suffix."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AuthorError(path, "the data file is not UTF-8 text",
                          hint="save it as UTF-8 in your editor") from None
    except OSError as error:
        raise AuthorError(path, f"cannot read the data file: {error.strerror}",
                          hint="check that it is a readable file") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise AuthorError(path, f"invalid JSON: {error.msg}", line=error.lineno,
                              hint="check the commas, quotes and brackets on that line") from None
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line = _TOML_LINE.search(str(error))
            raise AuthorError(path, f"invalid TOML: {error}",
                              line=int(line.group(1)) if line else None,
                              hint="check the quotes, brackets and '=' signs on that line"
                              ) from None
    return load_yaml(text, path)


def _same_name(path: Path, folder: Path) -> AuthorError:
    name = path.relative_to(folder).with_suffix("").as_posix()
    return AuthorError(path, f"two data files (or a file and a folder) are named "
                       f"data/{name}: templates could read only one",
                       hint="rename one of them")
