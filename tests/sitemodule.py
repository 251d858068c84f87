"""``site.py`` loaded as a module, and a build folder's files: for the tests (``conftest``)
and for ``fuzz_rebuilds.py``, which runs outside pytest."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

PROJECT = Path(__file__).resolve().parents[1]
SITE_PY = PROJECT / "site.py"


def load_site_module() -> ModuleType:
    """Import ``site.py`` by path (its name shadows the stdlib ``site`` module), with the
    engine beside it importable."""
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    spec = importlib.util.spec_from_file_location("site_app", SITE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["site_app"] = module
    spec.loader.exec_module(module)
    return module


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to compare builds byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
