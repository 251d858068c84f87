"""Static files with a content hash in their URL, and the one stylesheet with Pygments' styles."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pygments.formatters import HtmlFormatter

LIGHT_CODE_STYLE = "xcode"  # the light and dark styles with WCAG AA contrast
DARK_CODE_STYLE = "monokai"
STYLESHEET = "style.css"


@dataclass(frozen=True)
class StaticFile:
    """One static file: its logical name, its hashed name and its bytes' source."""

    name: str
    hashed_name: str
    path: Path | None
    data: bytes | None = None


def pygments_css() -> str:
    """Code highlighting CSS: a light style, and a dark one when the reader chose dark (the
    theme toggle's ``data-theme="dark"``) or the system is dark and the reader did not
    choose light."""
    light: str = HtmlFormatter(style=LIGHT_CODE_STYLE).get_style_defs(  # type: ignore[no-untyped-call]
        ".highlight")
    dark = HtmlFormatter(style=DARK_CODE_STYLE)
    chosen: str = dark.get_style_defs(  # type: ignore[no-untyped-call]
        ':root[data-theme="dark"] .highlight')
    system: str = dark.get_style_defs(  # type: ignore[no-untyped-call]
        ':root:not([data-theme="light"]) .highlight')
    system_indented = "\n".join("  " + line for line in system.splitlines())
    css = (f"{light}\n{chosen}\n"
           f"@media (prefers-color-scheme: dark) {{\n{system_indented}\n}}\n")
    # Without Pygments' comment naming each token type (a third of the bytes), and without its
    # styles' own backgrounds: a block's is the theme's --code-bg, in both schemes.
    return "\n".join(_without_background(line.split(" /* ")[0] if line.endswith(" */") else line)
                     for line in css.splitlines()) + "\n"


def _without_background(rule: str) -> str:
    """A Pygments rule for the whole ``.highlight`` block without its ``background``."""
    selector, _, body = rule.partition("{")
    if not selector.rstrip().endswith(".highlight") or "background:" not in body:
        return rule
    kept = [part for part in body.rstrip("} ").split(";")
            if part.strip() and not part.strip().startswith("background:")]
    return f"{selector}{{{';'.join(kept)} }}" if kept else ""


def _hashed(name: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


NOT_PUBLISHED = frozenset({"readme.md", "readme.txt", "readme"})  # notes to the author


def collect_static(folders: list[Path]) -> dict[str, StaticFile]:
    """Static files by logical name; earlier folders override later ones (site over theme).
    Hidden files, editors' backups (``x~``) and README files are not published.

    ``style.css`` gets Pygments' CSS appended, so a page loads one stylesheet.
    """
    files: dict[str, StaticFile] = {}
    for folder in reversed(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in relative.split("/")) \
                    and not relative.endswith("~") and path.name.lower() not in NOT_PUBLISHED:
                files[relative] = StaticFile(relative, "", path)
    result = {}
    for name, static in sorted(files.items()):
        assert static.path is not None
        data = static.path.read_bytes()
        if name == STYLESHEET:
            data = data + b"\n/* Code highlighting (Pygments) */\n" + pygments_css().encode()
            result[name] = StaticFile(name, _hashed(name, data), None, data)
        else:
            result[name] = StaticFile(name, _hashed(name, data), static.path)
    return result
